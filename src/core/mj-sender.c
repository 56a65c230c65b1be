#define G_LOG_DOMAIN "mj-sender"

#include "config.h"

#include "mj-error.h"
#include "mj-sender.h"

struct _MjSender
{
  GObject parent_instance;

  MjAccount *account;
  MjSmtpClient *client;
  GMutex lock;              /* serializes sends and the credential state */
  gboolean have_credentials;
};

G_DEFINE_TYPE (MjSender, mj_sender, G_TYPE_OBJECT)

static void
mj_sender_finalize (GObject *object)
{
  MjSender *self = MJ_SENDER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mj_sender_parent_class)->finalize (object);
}

static void
mj_sender_class_init (MjSenderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mj_sender_finalize;
}

static void
mj_sender_init (MjSender *self)
{
  g_mutex_init (&self->lock);
}

/**
 * mj_sender_new:
 * @account: the account to send from (kept)
 *
 * Returns: (transfer full): a sender; nothing is loaded or connected yet.
 */
MjSender *
mj_sender_new (MjAccount *account)
{
  MjSender *self;

  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);

  self = g_object_new (MJ_TYPE_SENDER, NULL);
  self->account = g_object_ref (account);
  self->client = mj_smtp_client_new (account);
  return self;
}

/**
 * mj_sender_get_account:
 *
 * Returns: (transfer none): the account.
 */
MjAccount *
mj_sender_get_account (MjSender *self)
{
  g_return_val_if_fail (MJ_IS_SENDER (self), NULL);
  return self->account;
}

/**
 * mj_sender_get_client:
 *
 * Returns: (transfer none): the SMTP client (for probes and timeouts).
 */
MjSmtpClient *
mj_sender_get_client (MjSender *self)
{
  g_return_val_if_fail (MJ_IS_SENDER (self), NULL);
  return self->client;
}

/**
 * mj_sender_set_credentials:
 * @credentials: (nullable): what to sign in with; %NULL loads them from
 *   the keyring at the next send
 */
void
mj_sender_set_credentials (MjSender            *self,
                           const MjCredentials *credentials)
{
  g_return_if_fail (MJ_IS_SENDER (self));

  g_mutex_lock (&self->lock);
  mj_smtp_client_set_credentials (self->client, credentials);
  self->have_credentials = credentials != NULL;
  g_mutex_unlock (&self->lock);
}

void
mj_sender_close (MjSender *self)
{
  g_return_if_fail (MJ_IS_SENDER (self));
  mj_smtp_client_disconnect (self->client);
}

static gboolean
load_credentials (MjSender      *self,
                  gboolean       force_refresh,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(MjCredentials) credentials = NULL;

  credentials = mj_credentials_load_sync (self->account, force_refresh, cancellable, error);
  if (credentials == NULL)
    return FALSE;
  mj_smtp_client_set_credentials (self->client, credentials);
  self->have_credentials = TRUE;
  return TRUE;
}

static MjSmtpResult *
credentials_failure (GError *error)
{
  MjSmtpResult *result = g_new0 (MjSmtpResult, 1);

  result->step = MJ_SMTP_STEP_AUTH;
  result->error = error;
  result->transcript = g_strdup ("");
  return result;
}

/**
 * mj_sender_send_bytes_sync:
 *
 * Returns: (transfer full): the result, never %NULL.
 */
MjSmtpResult *
mj_sender_send_bytes_sync (MjSender            *self,
                           const char          *mail_from,
                           const char * const  *recipients,
                           GBytes              *data,
                           GCancellable        *cancellable,
                           GError             **error)
{
  MjSmtpResult *result;
  GError *local_error = NULL;

  g_return_val_if_fail (MJ_IS_SENDER (self), NULL);

  g_mutex_lock (&self->lock);

  if (!self->have_credentials && !load_credentials (self, FALSE, cancellable, &local_error))
    {
      result = credentials_failure (local_error);
      goto out;
    }

  result = mj_smtp_client_send_bytes_sync (self->client, mail_from, recipients, data,
                                           cancellable, NULL);

  /* An access token can be refused before its announced expiry (revoked,
   * clock skew): get a fresh one, once, and try again. */
  if (mj_account_get_auth (self->account) == MJ_AUTH_OAUTH2 &&
      g_error_matches (result->error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH))
    {
      if (load_credentials (self, TRUE, cancellable, &local_error))
        {
          mj_smtp_result_free (result);
          result = mj_smtp_client_send_bytes_sync (self->client, mail_from, recipients, data,
                                                   cancellable, NULL);
        }
      else
        {
          g_debug ("Token refresh after a refused login failed: %s", local_error->message);
          g_clear_error (&local_error);
        }
    }

out:
  g_mutex_unlock (&self->lock);
  if (result->error != NULL && error != NULL)
    *error = g_error_copy (result->error);
  return result;
}

/**
 * mj_sender_send_sync:
 *
 * Returns: (transfer full): the result, never %NULL.
 */
MjSmtpResult *
mj_sender_send_sync (MjSender      *self,
                     MjMessage     *message,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  GError *local_error = NULL;
  MjSmtpResult *result;

  g_return_val_if_fail (MJ_IS_SENDER (self), NULL);
  g_return_val_if_fail (MJ_IS_MESSAGE (message), NULL);

  data = mj_message_to_bytes (message, &local_error);
  if (data == NULL)
    {
      result = g_new0 (MjSmtpResult, 1);
      result->step = MJ_SMTP_STEP_CONNECT;
      result->error = local_error;
      result->transcript = g_strdup ("");
      if (error != NULL)
        *error = g_error_copy (local_error);
      return result;
    }

  result = mj_sender_send_bytes_sync (self, mj_message_get_from_address (message),
                                      mj_message_get_envelope_recipients (message),
                                      data, cancellable, error);
  g_free (result->message_id);
  result->message_id = g_strdup (mj_message_get_message_id (message));
  return result;
}

static void
send_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MjSmtpResult *result = mj_sender_send_sync (source, task_data, cancellable, NULL);

  g_task_return_pointer (task, result, (GDestroyNotify) mj_smtp_result_free);
}

void
mj_sender_send_async (MjSender            *self,
                      MjMessage           *message,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MJ_IS_SENDER (self));
  g_return_if_fail (MJ_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_sender_send_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  g_task_run_in_thread (task, send_in_thread);
}

/**
 * mj_sender_send_finish:
 *
 * Returns: (transfer full): the result, never %NULL.
 */
MjSmtpResult *
mj_sender_send_finish (MjSender      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  MjSmtpResult *send_result;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  send_result = g_task_propagate_pointer (G_TASK (result), NULL);
  if (send_result->error != NULL && error != NULL)
    *error = g_error_copy (send_result->error);
  return send_result;
}
