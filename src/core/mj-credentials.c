#define G_LOG_DOMAIN "mj-credentials"

#include "config.h"

#include <string.h>

#include "mj-credentials.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"

G_DEFINE_BOXED_TYPE (MjCredentials, mj_credentials, mj_credentials_copy, mj_credentials_free)

/**
 * mj_credentials_new_password:
 *
 * Returns: (transfer full): password credentials.
 */
MjCredentials *
mj_credentials_new_password (const char *username,
                             const char *password)
{
  MjCredentials *self = g_new0 (MjCredentials, 1);

  self->method = MJ_AUTH_PASSWORD;
  self->username = g_strdup (username);
  self->password = g_strdup (password);
  return self;
}

/**
 * mj_credentials_new_bearer:
 *
 * Returns: (transfer full): OAuth 2.0 credentials for XOAUTH2.
 */
MjCredentials *
mj_credentials_new_bearer (const char *username,
                           const char *token)
{
  MjCredentials *self = g_new0 (MjCredentials, 1);

  self->method = MJ_AUTH_OAUTH2;
  self->username = g_strdup (username);
  self->bearer_token = g_strdup (token);
  return self;
}

MjCredentials *
mj_credentials_copy (const MjCredentials *self)
{
  MjCredentials *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MjCredentials, 1);
  copy->method = self->method;
  copy->username = g_strdup (self->username);
  copy->password = g_strdup (self->password);
  copy->bearer_token = g_strdup (self->bearer_token);
  return copy;
}

void
mj_credentials_free (MjCredentials *self)
{
  if (self == NULL)
    return;
  g_free (self->username);
  mj_secret_free (self->password);
  mj_secret_free (self->bearer_token);
  g_free (self);
}

static MjCredentials *
load_password (MjAccount     *account,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password;
  MjCredentials *credentials;

  password = mj_secret_store_lookup_sync (mj_account_get_name (account), MJ_SECRET_KIND_PASSWORD,
                                          cancellable, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                   M_("The password of account “%s” cannot be read from the keyring: %s"),
                   mj_account_get_name (account), local_error->message);
      return NULL;
    }
  if (password == NULL)
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                   M_("No password is stored for account “%s”. Add the account again with its password."),
                   mj_account_get_name (account));
      return NULL;
    }

  credentials = mj_credentials_new_password (mj_account_get_login (account), password);
  mj_secret_free (password);
  return credentials;
}

static MjCredentials *
load_token (MjAccount     *account,
            gboolean       force_refresh,
            GCancellable  *cancellable,
            GError       **error)
{
  char *token;
  MjCredentials *credentials;

  token = mj_oauth_get_access_token_sync (account, force_refresh, cancellable, error);
  if (token == NULL)
    return NULL;
  credentials = mj_credentials_new_bearer (mj_account_get_login (account), token);
  mj_secret_free (token);
  return credentials;
}

/**
 * mj_credentials_load_sync:
 * @account: the account
 * @force_refresh: OAuth only: get a new access token
 *
 * Returns: (transfer full): the credentials, or %NULL with @error set.
 */
MjCredentials *
mj_credentials_load_sync (MjAccount     *account,
                          gboolean       force_refresh,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);

  if (mj_account_get_auth (account) == MJ_AUTH_OAUTH2)
    return load_token (account, force_refresh, cancellable, error);
  return load_password (account, cancellable, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MjAccount *account = task_data;
  gboolean force_refresh = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "force-refresh"));
  GError *error = NULL;
  MjCredentials *credentials = mj_credentials_load_sync (account, force_refresh, cancellable, &error);

  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) mj_credentials_free);
}

void
mj_credentials_load_async (MjAccount           *account,
                           gboolean             force_refresh,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MJ_IS_ACCOUNT (account));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_credentials_load_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);
  g_object_set_data (G_OBJECT (task), "force-refresh", GINT_TO_POINTER (force_refresh));
  g_task_run_in_thread (task, load_in_thread);
}

MjCredentials *
mj_credentials_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
