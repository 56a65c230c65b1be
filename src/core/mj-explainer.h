#pragma once

#include "mj-explanation.h"
#include "mj-smtp-reply.h"

G_BEGIN_DECLS

MjExplanation *mj_explainer_explain_reply       (const MjSmtpReply *reply);
MjExplanation *mj_explainer_explain_text        (const char        *text);
MjExplanation *mj_explainer_explain_curl        (int                curl_code);
MjExplanation *mj_explainer_explain_client_code (const char        *code);
MjExplanation *mj_explainer_explain_aadsts      (const char        *code);
MjExplanation *mj_explainer_explain_auto_reply  (void);
MjExplanation *mj_explainer_explain_not_bounce  (void);

G_END_DECLS
