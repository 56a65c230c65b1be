/* libFuzzer target: the reply parser and the explainer on arbitrary text. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mj-catalogue.h"
#include "mj-explainer.h"
#include "mj-smtp-reply.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
touch (MjExplanation *x)
{
  static const char * const langs[] = { "en", "es" };

  g_assert (x != NULL);
  (void) mj_explanation_get_reply_code (x);
  (void) mj_explanation_get_enhanced_status (x);
  (void) mj_explanation_get_class (x);
  (void) mj_explanation_get_retry (x);
  g_assert (mj_explanation_get_reason (x) != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *text = mj_explanation_to_text (x, langs[i]);

      g_assert (text != NULL && text[0] != '\0');
      (void) mj_explanation_get_retry_text (x, langs[i]);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(MjSmtpReply) reply = mj_smtp_reply_parse (text);
  g_autofree char *flat = mj_smtp_reply_to_string (reply);
  g_autoptr(MjExplanation) by_reply = mj_explainer_explain_reply (reply);
  g_autoptr(MjExplanation) by_text = mj_explainer_explain_text (text);
  g_autoptr(MjExplanation) by_client = mj_explainer_explain_client_code (text);
  g_autoptr(MjExplanation) by_aadsts = mj_explainer_explain_aadsts (text);
  g_autoptr(MjExplanation) by_curl = mj_explainer_explain_curl (size > 0 ? (int) data[0] : 0);
  g_autoptr(MjSmtpReply) quoted = _mj_explainer_parse_text (text);
  g_autofree char *match = _mj_explainer_match_text (text);

  g_assert (flat != NULL);
  /* What the explainer reads out of free text is always well formed. */
  g_assert (quoted->code == 0 || (quoted->code >= 200 && quoted->code <= 599));
  g_assert (quoted->enhanced == NULL || mj_smtp_enhanced_status_valid (quoted->enhanced));
  g_assert (match != NULL && g_utf8_validate (match, -1, NULL));
  touch (by_reply);
  touch (by_text);
  touch (by_client);
  touch (by_aadsts);
  touch (by_curl);
  return 0;
}
