#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MJ_TYPE_APP_PASSWORD_GUIDE (mj_app_password_guide_get_type ())

G_DECLARE_FINAL_TYPE (MjAppPasswordGuide, mj_app_password_guide, MJ, APP_PASSWORD_GUIDE, AdwBin)

GtkWidget  *mj_app_password_guide_new             (void);
gboolean    mj_app_password_guide_set_provider    (MjAppPasswordGuide *self,
                                                   const char         *provider_id,
                                                   const char         *provider_name,
                                                   const char         *app_password_url);
const char *mj_app_password_guide_get_provider_id (MjAppPasswordGuide *self);
const char *mj_app_password_guide_get_url         (MjAppPasswordGuide *self);

G_END_DECLS
