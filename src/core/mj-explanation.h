#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MjWhoFixes:
 * @MJ_WHO_FIXES_YOU: the user of Mensajero (settings, address, message)
 * @MJ_WHO_FIXES_RECIPIENT: the recipient or their mail server's people
 * @MJ_WHO_FIXES_ADMIN: the user's own IT administrator (tenant, domain)
 * @MJ_WHO_FIXES_PROVIDER: the mail provider, or Mensajero's makers
 */
typedef enum {
  MJ_WHO_FIXES_YOU,
  MJ_WHO_FIXES_RECIPIENT,
  MJ_WHO_FIXES_ADMIN,
  MJ_WHO_FIXES_PROVIDER,
} MjWhoFixes;

const char *mj_who_fixes_to_string (MjWhoFixes who);

#define MJ_TYPE_EXPLANATION (mj_explanation_get_type ())

G_DECLARE_FINAL_TYPE (MjExplanation, mj_explanation, MJ, EXPLANATION, GObject)

guint        mj_explanation_get_reply_code      (MjExplanation *self);
const char  *mj_explanation_get_enhanced_status (MjExplanation *self);
const char  *mj_explanation_get_class           (MjExplanation *self);
const char  *mj_explanation_get_reason          (MjExplanation *self);
gboolean     mj_explanation_get_retry           (MjExplanation *self);
MjWhoFixes   mj_explanation_get_who_fixes       (MjExplanation *self);
const char  *mj_explanation_get_who_fixes_string (MjExplanation *self);
const char  *mj_explanation_get_entry_id        (MjExplanation *self);
const char  *mj_explanation_get_diagnostic      (MjExplanation *self);

const char  *mj_explanation_get_title           (MjExplanation *self,
                                                 const char    *lang);
const char  *mj_explanation_get_explanation     (MjExplanation *self,
                                                 const char    *lang);
const char  *mj_explanation_get_action          (MjExplanation *self,
                                                 const char    *lang);
const char  *mj_explanation_get_retry_text      (MjExplanation *self,
                                                 const char    *lang);
const char  *mj_explanation_get_who_fixes_text  (MjExplanation *self,
                                                 const char    *lang);
const char  *mj_explanation_get_admin_message   (MjExplanation *self,
                                                 const char    *lang);

/* The same in the user-interface language (mj_i18n_ui_lang()). */
const char  *mj_explanation_get_title_ui        (MjExplanation *self);
const char  *mj_explanation_get_explanation_ui  (MjExplanation *self);
const char  *mj_explanation_get_action_ui       (MjExplanation *self);

char        *mj_explanation_to_text             (MjExplanation *self,
                                                 const char    *lang);

G_END_DECLS
