#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Languages the explanations are written in. English is the msgid itself. */
#define MJ_LANG_EN "en"
#define MJ_LANG_ES "es"

void         mj_i18n_init           (void);
const char  *mj_i18n_localedir      (void);
const char  *mj_i18n_translate      (const char *lang,
                                     const char *msgid) G_GNUC_FORMAT (2);
const char  *mj_i18n_ui_lang        (void);
void         mj_i18n_set_ui_lang    (const char *lang);
const char  *mj_i18n_ui             (const char *msgid) G_GNUC_FORMAT (1);

G_END_DECLS

G_BEGIN_DECLS
/* Translate into the UI language chosen with --lang (or the locale), even
 * when the process locale itself is not installed. xgettext knows M_. */
#define M_(String) mj_i18n_ui (String)
G_END_DECLS
