#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Subject and body templates with placeholders:
 *   {invoice_number} {client_name} {company} {total} {date} {sender_name}
 *
 * Missing values are handled gracefully:
 *  - a part in square brackets that holds a placeholder, "[ de {company}]",
 *    is dropped as a whole when any placeholder in it has no value
 *    (and its brackets are removed when all have one); "[A|B]" writes B
 *    instead when a value of A is missing ("[Dear {client_name},|Hello,]");
 *    brackets without a placeholder inside are ordinary text ("[URGENTE]");
 *  - a bare placeholder without a value is removed, and the text around it
 *    is tidied: no double spaces, no space before , . : ; ! ?, no line left
 *    with only punctuation, no dangling " de"/" from"/"Nº" at the end of the
 *    subject ("Estimado {client_name}," becomes "Estimado,");
 *  - an unknown placeholder ("{foo}") is left as it is.
 *
 * "{{" and "}}" write literal braces.
 */
typedef struct {
  const char *invoice_number;
  const char *client_name;
  const char *company;
  const char *total;
  const char *date;
  const char *sender_name;
} MjTemplateValues;

#define MJ_TYPE_TEMPLATE (mj_template_get_type ())
G_DECLARE_FINAL_TYPE (MjTemplate, mj_template, MJ, TEMPLATE, GObject)

/* Properties "subject", "body" (read-write strings), "lang" (construct-only). */
MjTemplate *mj_template_new              (const char *subject,
                                          const char *body);
/* The built-in template for "es" or "en" (anything else: "en"). */
MjTemplate *mj_template_new_default      (const char *lang);

const char *mj_template_get_subject      (MjTemplate *self);
void        mj_template_set_subject      (MjTemplate *self,
                                          const char *subject);
const char *mj_template_get_body         (MjTemplate *self);
void        mj_template_set_body         (MjTemplate *self,
                                          const char *body);

/* Render both parts; either out pointer may be NULL. */
void        mj_template_render           (MjTemplate             *self,
                                          const MjTemplateValues *values,
                                          char                  **subject,
                                          char                  **body);
/* Render any one template string. */
char       *mj_template_render_string    (const char             *tmpl,
                                          const MjTemplateValues *values);

/*
 * Per-account templates live in $XDG_CONFIG_HOME/mensajero/templates.ini,
 * one group per account name ([account NAME] subject=… body=…), so they
 * never race with the account store's writes to accounts.ini.
 * load: the account's template if saved, else the default for @lang.
 */
MjTemplate *mj_template_load_for_account (const char  *account_name,
                                          const char  *lang);
gboolean    mj_template_save_for_account (MjTemplate  *self,
                                          const char  *account_name,
                                          GError     **error);
gboolean    mj_template_reset_for_account (const char *account_name,
                                           GError    **error);

G_END_DECLS
