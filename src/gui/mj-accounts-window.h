#pragma once

#include <adwaita.h>

#include "mj-account-store.h"

G_BEGIN_DECLS

#define MJ_TYPE_ACCOUNTS_WINDOW (mj_accounts_window_get_type ())

G_DECLARE_FINAL_TYPE (MjAccountsWindow, mj_accounts_window, MJ, ACCOUNTS_WINDOW, AdwPreferencesWindow)

MjAccountsWindow *mj_accounts_window_new          (MjAccountStore   *store,
                                                   GtkWindow        *parent);
/* The account list (one row per account, in store order). */
GtkListBox       *mj_accounts_window_get_list_box (MjAccountsWindow *self);

G_END_DECLS
