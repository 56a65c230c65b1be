#pragma once

#include <gio/gio.h>

#include "mj-account.h"

G_BEGIN_DECLS

/**
 * MjCredentials:
 * @method: %MJ_AUTH_PASSWORD or %MJ_AUTH_OAUTH2
 * @username: the SMTP login (mj_account_get_login())
 * @password: (nullable): the password, for %MJ_AUTH_PASSWORD
 * @bearer_token: (nullable): the OAuth access token, for %MJ_AUTH_OAUTH2
 *
 * What the SMTP client signs in with. Secrets are wiped when freed; never
 * print or store them.
 */
typedef struct {
  MjAuthMethod method;
  char *username;
  char *password;
  char *bearer_token;
} MjCredentials;

#define MJ_TYPE_CREDENTIALS (mj_credentials_get_type ())

GType           mj_credentials_get_type       (void) G_GNUC_CONST;
MjCredentials  *mj_credentials_new_password   (const char    *username,
                                               const char    *password);
MjCredentials  *mj_credentials_new_bearer     (const char    *username,
                                               const char    *token);
MjCredentials  *mj_credentials_copy           (const MjCredentials *self);
void            mj_credentials_free           (MjCredentials *self);

/**
 * mj_credentials_load_sync:
 * @account: the account
 * @force_refresh: for OAuth accounts, get a new access token even when the
 *   cached one looks valid (after the server refused it)
 *
 * Password accounts: the password from the keyring; none stored gives
 * %MJ_SMTP_ERROR_AUTH. OAuth accounts: a fresh access token from
 * mj_oauth_get_access_token_sync().
 */
MjCredentials  *mj_credentials_load_sync      (MjAccount     *account,
                                               gboolean       force_refresh,
                                               GCancellable  *cancellable,
                                               GError       **error);
void            mj_credentials_load_async     (MjAccount           *account,
                                               gboolean             force_refresh,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
MjCredentials  *mj_credentials_load_finish    (GAsyncResult  *result,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjCredentials, mj_credentials_free)

G_END_DECLS
