#pragma once

#include "mj-explanation.h"
#include "mj-smtp-reply.h"

G_BEGIN_DECLS

/**
 * MjExplainContext:
 * @provider_id: (nullable): the sending account's provider preset id
 *   (mj-provider.h: "outlook.com", "microsoft365", "gmail"…)
 * @server_host: (nullable): the server that gave the reply: the account's
 *   SMTP host, or the Remote-MTA / Reporting-MTA of a bounce
 *
 * What the caller knows about where a reply came from. Some numbers mean
 * one thing at Microsoft and another (the RFC 3463 meaning) elsewhere;
 * Microsoft's meaning is used only when the context, or Microsoft's own
 * stamp in the reply, says the reply is Microsoft's. A %NULL context means
 * "unknown": the reply's own text decides.
 */
typedef struct {
  const char *provider_id;
  const char *server_host;
} MjExplainContext;

MjExplanation *mj_explainer_explain_reply       (const MjSmtpReply *reply);
MjExplanation *mj_explainer_explain_text        (const char        *text);
MjExplanation *mj_explainer_explain_reply_full  (const MjSmtpReply      *reply,
                                                 const MjExplainContext *context);
MjExplanation *mj_explainer_explain_full        (const char             *text,
                                                 const MjExplainContext *context);
MjExplanation *mj_explainer_explain_curl        (int                curl_code);
MjExplanation *mj_explainer_explain_client_code (const char        *code);
MjExplanation *mj_explainer_explain_aadsts      (const char        *code);
MjExplanation *mj_explainer_explain_auto_reply  (void);
MjExplanation *mj_explainer_explain_not_bounce  (void);

/* TRUE when @context names a Microsoft provider or server, or @text
 * (nullable) carries a stamp only Microsoft's servers write. */
gboolean       mj_explainer_is_microsoft        (const MjExplainContext *context,
                                                 const char             *text);

G_END_DECLS
