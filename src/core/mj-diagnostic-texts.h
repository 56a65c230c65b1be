#pragma once

#include <glib.h>

#include "mj-explanation.h"

G_BEGIN_DECLS

/**
 * MjDiagnosticText:
 * @id: stable key ("tcp-timeout")
 * @reason: the bounce-reason word of DESIGN.md that fits best
 * @who_fixes: who can fix it
 * @retry: whether trying again later can help by itself
 * @title: English title (msgid; Spanish through mj_i18n_translate())
 * @explanation: English text: what happened
 * @action: English text: what to do
 *
 * Explanations for situations only the connection test and the domain
 * checks see (a blocked port, an old TLS version, a missing SPF record…).
 * Everything that comes with an SMTP reply or a libcurl code is explained
 * by mj-explainer instead; this table does not repeat those.
 */
typedef struct {
  const char *id;
  const char *reason;
  MjWhoFixes who_fixes;
  gboolean retry;
  const char *title;
  const char *explanation;
  const char *action;
} MjDiagnosticText;

/* (transfer none) (nullable): the entry with @id. */
const MjDiagnosticText *mj_diagnostic_text_lookup (const char *id);
/* (transfer none): the whole table, for tests. */
const MjDiagnosticText *mj_diagnostic_texts_get_all (guint *n_texts);

/* Microsoft's service status page, named in several explanations. */
#define MJ_MICROSOFT_STATUS_URL "https://status.cloud.microsoft"

G_END_DECLS
