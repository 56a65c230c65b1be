#pragma once

#include <gio/gio.h>

#include "mj-account.h"

G_BEGIN_DECLS

/**
 * MjAccountStore:
 *
 * The accounts of `$XDG_CONFIG_HOME/mensajero/accounts.ini`, as a
 * #GListModel of #MjAccount sorted by name. No secret is ever written
 * there. add(), remove() and set_default() save the file at once; after
 * changing an account's properties call mj_account_store_save().
 * The `default-account` property holds the default account's name
 * (the first account when none was chosen); "items-changed" and
 * notify::default-account report changes.
 */
#define MJ_TYPE_ACCOUNT_STORE (mj_account_store_get_type ())

G_DECLARE_FINAL_TYPE (MjAccountStore, mj_account_store, MJ, ACCOUNT_STORE, GObject)

/* The store for $XDG_CONFIG_HOME/mensajero/accounts.ini, loaded. A missing
 * file is an empty store, not an error. */
MjAccountStore  *mj_account_store_new                (GError         **error);
MjAccountStore  *mj_account_store_new_for_path       (const char      *path,
                                                      GError         **error);
const char      *mj_account_store_get_path           (MjAccountStore  *self);
gboolean         mj_account_store_load               (MjAccountStore  *self,
                                                      GError         **error);
gboolean         mj_account_store_save               (MjAccountStore  *self,
                                                      GError         **error);

/* MJ_INPUT_ERROR_INVALID when the name is taken or the account does not
 * validate (mj_account_validate()). */
gboolean         mj_account_store_add                (MjAccountStore  *self,
                                                      MjAccount       *account,
                                                      GError         **error);
/* MJ_INPUT_ERROR_NOT_FOUND when there is no such account. Does not touch
 * the keyring: clear the secrets with mj_secret_store_clear_all_sync(). */
gboolean         mj_account_store_remove             (MjAccountStore  *self,
                                                      const char      *name,
                                                      GError         **error);
/* (transfer none) (nullable) */
MjAccount       *mj_account_store_lookup             (MjAccountStore  *self,
                                                      const char      *name);
/* (transfer none) (nullable) */
MjAccount       *mj_account_store_get_default        (MjAccountStore  *self);
gboolean         mj_account_store_set_default        (MjAccountStore  *self,
                                                      const char      *name,
                                                      GError         **error);

G_END_DECLS
