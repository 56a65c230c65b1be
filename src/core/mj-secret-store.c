#define G_LOG_DOMAIN "mj-secret-store"

#include "config.h"

#include <string.h>

#include "mj-i18n.h"
#include "mj-secret-store.h"

/**
 * mj_secret_store_get_schema:
 *
 * Returns: the libsecret schema `io.github.mensajero.Mensajero.Secret`
 *   with the string attributes `account` and `kind`.
 */
const SecretSchema *
mj_secret_store_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.mensajero.Mensajero.Secret", SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * mj_secret_kind_to_string:
 *
 * Returns: "password" or "oauth-refresh-token".
 */
const char *
mj_secret_kind_to_string (MjSecretKind kind)
{
  return kind == MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN ? "oauth-refresh-token" : "password";
}

static char *
make_label (const char   *account,
            MjSecretKind  kind)
{
  /* Shown by keyring managers (Seahorse). */
  if (kind == MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN)
    return g_strdup_printf (M_("Mensajero sign-in for account “%s”"), account);
  return g_strdup_printf (M_("Mensajero password for account “%s”"), account);
}

gboolean
mj_secret_store_store_sync (const char    *account,
                            MjSecretKind   kind,
                            const char    *secret,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  label = make_label (account, kind);
  return secret_password_store_sync (mj_secret_store_get_schema (), SECRET_COLLECTION_DEFAULT,
                                     label, secret, cancellable, error,
                                     "account", account,
                                     "kind", mj_secret_kind_to_string (kind),
                                     NULL);
}

static void
store_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mj_secret_store_store_async (const char          *account,
                             MjSecretKind         kind,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = make_label (account, kind);

  g_task_set_source_tag (task, mj_secret_store_store_async);
  secret_password_store (mj_secret_store_get_schema (), SECRET_COLLECTION_DEFAULT,
                         label, secret, cancellable, store_done, task,
                         "account", account,
                         "kind", mj_secret_kind_to_string (kind),
                         NULL);
}

gboolean
mj_secret_store_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* libsecret hands out non-pageable memory; the callers get ordinary
 * g_malloc()ed strings, wiped by mj_secret_free(). */
static char *
adopt_secret (char *secret)
{
  char *copy;

  if (secret == NULL)
    return NULL;
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

char *
mj_secret_store_lookup_sync (const char    *account,
                             MjSecretKind   kind,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_return_val_if_fail (account != NULL, NULL);

  return adopt_secret (secret_password_lookup_sync (mj_secret_store_get_schema (),
                                                    cancellable, error,
                                                    "account", account,
                                                    "kind", mj_secret_kind_to_string (kind),
                                                    NULL));
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, adopt_secret (secret), (GDestroyNotify) mj_secret_free);
}

void
mj_secret_store_lookup_async (const char          *account,
                              MjSecretKind         kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mj_secret_store_lookup_async);
  secret_password_lookup (mj_secret_store_get_schema (), cancellable, lookup_done, task,
                          "account", account,
                          "kind", mj_secret_kind_to_string (kind),
                          NULL);
}

char *
mj_secret_store_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
mj_secret_store_clear_sync (const char    *account,
                            MjSecretKind   kind,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (account != NULL, FALSE);

  /* FALSE without an error only means nothing was stored. */
  secret_password_clear_sync (mj_secret_store_get_schema (), cancellable, &local_error,
                              "account", account,
                              "kind", mj_secret_kind_to_string (kind),
                              NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
clear_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mj_secret_store_clear_async (const char          *account,
                             MjSecretKind         kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mj_secret_store_clear_async);
  secret_password_clear (mj_secret_store_get_schema (), cancellable, clear_done, task,
                         "account", account,
                         "kind", mj_secret_kind_to_string (kind),
                         NULL);
}

gboolean
mj_secret_store_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mj_secret_store_clear_all_sync (const char    *account,
                                GCancellable  *cancellable,
                                GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (account != NULL, FALSE);

  /* Only the account attribute: every kind (helpers may keep more kinds,
   * such as a cached access token) goes. */
  secret_password_clear_sync (mj_secret_store_get_schema (), cancellable, &local_error,
                              "account", account,
                              NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * mj_secret_free:
 * @secret: (nullable): a secret from this module
 *
 * Overwrites @secret with zeros and frees it.
 */
void
mj_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}
