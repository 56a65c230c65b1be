#pragma once

#include <adwaita.h>

#include "mj-account-store.h"

G_BEGIN_DECLS

#define MJ_TYPE_ACCOUNT_WIZARD (mj_account_wizard_get_type ())

G_DECLARE_FINAL_TYPE (MjAccountWizard, mj_account_wizard, MJ, ACCOUNT_WIZARD, AdwWindow)

MjAccountWizard *mj_account_wizard_new           (MjAccountStore  *store,
                                                  GtkWindow       *parent);
MjAccountWizard *mj_account_wizard_new_for_edit  (MjAccountStore  *store,
                                                  MjAccount       *account,
                                                  GtkWindow       *parent);
const char      *mj_account_wizard_get_step      (MjAccountWizard *self);
MjAccountStore  *mj_account_wizard_get_store     (MjAccountWizard *self);

G_END_DECLS
