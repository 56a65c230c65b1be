#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/**
 * MjSecretKind:
 * @MJ_SECRET_KIND_PASSWORD: the account's password or app password
 * @MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN: the OAuth 2.0 refresh token
 *
 * What a secret is. Stored as the `kind` attribute ("password" |
 * "oauth-refresh-token") of schema `io.github.mensajero.Mensajero.Secret`,
 * next to `account` (the account name). libsecret is the only place a
 * secret is ever written.
 */
typedef enum {
  MJ_SECRET_KIND_PASSWORD,
  MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
} MjSecretKind;

const SecretSchema *mj_secret_store_get_schema      (void);
const char         *mj_secret_kind_to_string        (MjSecretKind          kind);

gboolean            mj_secret_store_store_sync      (const char           *account,
                                                     MjSecretKind          kind,
                                                     const char           *secret,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void                mj_secret_store_store_async     (const char           *account,
                                                     MjSecretKind          kind,
                                                     const char           *secret,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            mj_secret_store_store_finish    (GAsyncResult         *result,
                                                     GError              **error);

/* Returns the secret (free it with mj_secret_free()), or NULL with no error
 * set when none is stored. */
char               *mj_secret_store_lookup_sync     (const char           *account,
                                                     MjSecretKind          kind,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void                mj_secret_store_lookup_async    (const char           *account,
                                                     MjSecretKind          kind,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char               *mj_secret_store_lookup_finish   (GAsyncResult         *result,
                                                     GError              **error);

/* TRUE when nothing of that kind is stored any more (also when nothing was). */
gboolean            mj_secret_store_clear_sync      (const char           *account,
                                                     MjSecretKind          kind,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void                mj_secret_store_clear_async     (const char           *account,
                                                     MjSecretKind          kind,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            mj_secret_store_clear_finish    (GAsyncResult         *result,
                                                     GError              **error);
/* Clears every secret of @account, whatever its kind. */
gboolean            mj_secret_store_clear_all_sync  (const char           *account,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

/* Overwrites then frees a secret string. NULL-safe. */
void                mj_secret_free                  (char                 *secret);

G_END_DECLS
