#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <string.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-attachments.h"
#include "mj-queue-db.h"
#include "mj-queue-pacer.h"
#include "mj-queue-policy.h"
#include "mj-queue-private.h"
#include "mj-sender.h"

/*
 * Sending (part of MjQueue, see mj-queue-private.h). A batch runs one lane
 * per account with due items; a lane sends its account's items one after
 * the other over the account's one #MjSender (one connection), paced by
 * mj-queue-pacer.c, and applies mj-queue-policy.c to every outcome. The
 * batch ends when every lane has ended; then the waiting run tasks return.
 */

/* The GUI's auto-send mode re-checks for due items (and other processes'
 * changes) this often. */
#define AUTO_POLL_S      20

typedef struct _Lane Lane;

struct _Lane
{
  MjQueue *queue;           /* not a reference: the queue owns its lanes */
  char *account;
  gint64 last_attempt_us;
  guint wait_source;
  gint64 current_id;
};

static void lane_next (Lane *lane);
static void kick (MjQueue *self);

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
lane_free (Lane *lane)
{
  g_clear_handle_id (&lane->wait_source, g_source_remove);
  g_free (lane->account);
  g_free (lane);
}

/* ------------------------------------------------------------------ */
/* Set-up and tear-down (from mj-queue.c)                               */

static void
network_changed_cb (MjQueue *self)
{
  if (self->auto_send && g_network_monitor_get_network_available (self->monitor))
    kick (self);
}

void
_mj_queue_runner_init (MjQueue *self)
{
  self->senders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->lanes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lane_free);
  self->cancellable = g_cancellable_new ();
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_mj_queue_runner_start (MjQueue *self)
{
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_mj_queue_runner_dispose (MjQueue *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->auto_source, g_source_remove);
  g_clear_handle_id (&self->kick_source, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_pointer (&self->lanes, g_hash_table_unref);
  g_clear_pointer (&self->senders, g_hash_table_unref);
  g_clear_object (&self->monitor);
}

void
_mj_queue_runner_finalize (MjQueue *self)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_error (&self->batch_error);
}

/* ------------------------------------------------------------------ */
/* The batch                                                            */

/* Keeps the most serious problem of the batch for run_finish(). */
static void
batch_note_error (MjQueue      *self,
                  const GError *error)
{
  int rank = mj_queue_policy_error_rank (error);

  if (self->batch_error == NULL || rank > self->batch_rank)
    {
      g_clear_error (&self->batch_error);
      self->batch_error = g_error_copy (error);
      self->batch_rank = rank;
    }
}

static void
finish_batch (MjQueue *self)
{
  MjQueueRunSummary summary = self->summary;
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->tasks);
  g_autoptr(GError) error = g_steal_pointer (&self->batch_error);

  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  memset (&self->summary, 0, sizeof self->summary);
  self->batch_rank = 0;

  g_object_freeze_notify (G_OBJECT (self));
  _mj_queue_notify_busy (self);
  _mj_queue_set_batch_counts (self, 0, 0);
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);
      MjQueueRunSummary *copy = g_memdup2 (&summary, sizeof summary);

      g_task_set_task_data (task, copy, g_free);
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  /* Items only held back (daily limit, offline) are no news. */
  if (summary.sent + summary.retry + summary.failed + summary.paused_accounts > 0)
    _mj_queue_emit_batch_finished (self, &summary);
}

static void
lane_done (Lane *lane)
{
  MjQueue *self = lane->queue;

  g_hash_table_remove (self->lanes, lane->account);
  if (g_hash_table_size (self->lanes) == 0)
    finish_batch (self);
}

static void
batch_item_done (MjQueue *self)
{
  _mj_queue_set_batch_counts (self, MAX (self->batch_total, self->batch_done + 1),
                              self->batch_done + 1);
}

/* ------------------------------------------------------------------ */
/* Sending one item                                                     */

typedef struct {
  Lane *lane;            /* valid while the lane's current_id is this id */
  MjQueue *queue;        /* a reference */
  char *account;
  gint64 id;
  guint n_recipients;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->queue);
  g_free (data->account);
  g_free (data);
}

static void
pause_for_attention (MjQueue    *self,
                     const char *account,
                     const char *reason,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  gboolean inserted = FALSE;

  if (!mj_queue_db_set_pause (self->store, account, reason, message, &inserted, &error))
    g_warning ("Cannot pause %s: %s", account, error->message);
  self->summary.paused_accounts++;
  if (inserted)
    _mj_queue_emit_attention (self, account, message);
}

static void
send_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  SendData *data = user_data;
  MjQueue *self = data->queue;
  g_autoptr(MjSmtpResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  MjQueueDecision decision;
  MjQueueOutcome outcome = { 0 };
  guint attempts = 1, retry_base = 0;
  Lane *lane;

  result = mj_sender_send_finish (MJ_SENDER (source), res, &error);

  if (error != NULL)
    mj_queue_db_get_attempts (self->store, data->id, &attempts, &retry_base);
  mj_queue_policy_decide (error, result, attempts, retry_base, g_random_double (), &decision);

  switch (decision.count)
    {
    case MJ_QUEUE_COUNT_SENT:
      self->summary.sent++;
      break;
    case MJ_QUEUE_COUNT_RETRY:
      self->summary.retry++;
      break;
    case MJ_QUEUE_COUNT_FAILED:
      self->summary.failed++;
      break;
    case MJ_QUEUE_COUNT_NONE:
    default:
      break;
    }
  if (decision.pause_reason != NULL)
    pause_for_attention (self, data->account, decision.pause_reason, decision.error_text);
  if (decision.note_error)
    batch_note_error (self, error);

  outcome.state = decision.state;
  outcome.next_attempt = decision.state == MJ_QUEUE_STATE_RETRY ? now_s () + decision.delay_s : 0;
  outcome.undo_attempt = decision.undo_attempt;
  outcome.log_send = decision.log_send;
  if (!mj_queue_db_commit_outcome (self->store, data->id, data->account, data->n_recipients,
                                   &outcome, result, decision.error_text, &store_error))
    g_warning ("Cannot record the outcome of queue item %" G_GINT64_FORMAT ": %s",
               data->id, store_error->message);
  _mj_queue_refresh_item (self, data->id);
  _mj_queue_note_own_change (self);
  batch_item_done (self);
  if (outcome.state == MJ_QUEUE_STATE_QUEUED && decision.stop_lane)
    self->summary.held += mj_queue_db_count_due (self->store, data->account);

  lane = g_hash_table_lookup (self->lanes, data->account);
  if (lane != NULL && lane == data->lane && lane->current_id == data->id)
    {
      lane->current_id = 0;
      if (decision.stop_lane)
        lane_done (lane);
      else
        lane_next (lane);
    }
  mj_queue_decision_clear (&decision);
  send_data_free (data);
}

static MjSender *
get_sender (MjQueue   *self,
            MjAccount *account)
{
  MjSender *sender = g_hash_table_lookup (self->senders, mj_account_get_name (account));

  if (sender == NULL || mj_sender_get_account (sender) != account)
    {
      sender = mj_sender_new (account);
      g_hash_table_replace (self->senders, g_strdup (mj_account_get_name (account)), sender);
    }
  return sender;
}

/* Builds the message from the stored row and the kept copies (checked
 * against their hashes). */
static MjMessage *
message_for_item (MjQueue     *self,
                  MjAccount   *account,
                  gint64       id,
                  guint       *n_recipients,
                  GError     **error)
{
  MjQueueRow row = { 0 };
  g_autoptr(MjMessage) message = NULL;

  if (!mj_queue_db_read_message (self->store, id, &row, error))
    return NULL;
  message = _mj_queue_build_message (account, row.to, row.cc, row.bcc, row.subject, row.body,
                                     row.message_id, error);
  if (message != NULL)
    *n_recipients = row.n_recipients;

  for (guint i = 0; message != NULL && row.attachment_paths[i] != NULL; i++)
    {
      const char *path = row.attachment_paths[i];
      const char *name = row.attachment_names[i];
      g_autoptr(GBytes) bytes = mj_queue_attachment_load (path, row.attachment_hashes[i], name,
                                                          error);

      if (bytes == NULL ||
          !mj_message_add_attachment_bytes (message, bytes, name,
                                            g_str_has_suffix (path, ".pdf")
                                            ? "application/pdf" : "application/octet-stream",
                                            error))
        g_clear_object (&message);
    }
  mj_queue_row_clear (&row);
  return g_steal_pointer (&message);
}

static gboolean
host_is_local (const char *host)
{
  return host != NULL && (g_str_equal (host, "localhost") || g_str_has_prefix (host, "127.") ||
                          g_str_equal (host, "::1"));
}

static gboolean
lane_wait_cb (gpointer user_data)
{
  Lane *lane = user_data;

  lane->wait_source = 0;
  lane_next (lane);
  return G_SOURCE_REMOVE;
}

static void
lane_wait_until (Lane   *lane,
                 gint64  when_us)
{
  gint64 delay_ms = MAX (0, (when_us - g_get_real_time () + 999) / 1000);

  g_debug ("%s: waiting %" G_GINT64_FORMAT " ms (pacing)", lane->account, delay_ms);
  lane->wait_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MIN (delay_ms, G_MAXUINT),
                                          lane_wait_cb, lane, NULL);
}

/* Ends the lane, counting its due items as held back for @why. */
static void
lane_hold (Lane         *lane,
           const GError *why)
{
  MjQueue *self = lane->queue;

  batch_note_error (self, why);
  self->summary.held += mj_queue_db_count_due (self->store, lane->account);
  lane_done (lane);
}

/* Finds the next item due for this account and sends it, or ends the lane. */
static void
lane_next (Lane *lane)
{
  MjQueue *self = lane->queue;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *why = NULL;
  MjAccount *account;
  SendData *data;
  guint n_recipients = 1;
  gint64 id, when_us;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      lane_done (lane);
      return;
    }

  if (mj_queue_db_get_pause (self->store, lane->account, &reason, &why))
    {
      guint due = mj_queue_db_count_due (self->store, lane->account);

      if (due > 0)
        {
          g_autoptr(GError) paused = NULL;

          /* A pause the user chose is not an error of the server. */
          g_set_error (&paused, MJ_SMTP_ERROR,
                       g_str_equal (reason, "user") ? MJ_SMTP_ERROR_TEMPORARY
                                                    : MJ_SMTP_ERROR_AUTH,
                       M_("Sending from %s is paused: %s"), lane->account, why);
          batch_note_error (self, paused);
          self->summary.held += due;
        }
      lane_done (lane);
      return;
    }

  if (!mj_queue_db_next_due (self->store, lane->account, &id, &n_recipients, &error))
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      lane_done (lane);
      return;
    }

  account = mj_account_store_lookup (self->accounts, lane->account);
  if (account == NULL)
    {
      g_autoptr(GError) missing = NULL;

      g_set_error (&missing, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                   M_("There is no account named “%s”"), lane->account);
      lane_hold (lane, missing);
      return;
    }

  /* Offline: hold everything (a loopback server is always reachable). */
  if (!g_network_monitor_get_network_available (self->monitor) &&
      !host_is_local (mj_account_get_host (account)))
    {
      g_autoptr(GError) offline = NULL;

      g_set_error_literal (&offline, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                           M_("This computer is offline; the invoices will go when it is back online"));
      lane_hold (lane, offline);
      return;
    }

  /* Pacing: messages per minute (evenly spaced) and recipients per rolling
   * 24 hours, counted from the stored history (other processes too). */
  switch (mj_queue_pacer_check (self->pacer, lane->account, lane->last_attempt_us, n_recipients,
                                &when_us))
    {
    case MJ_QUEUE_PACE_QUOTA_FULL:
      {
        g_autoptr(GError) quota = NULL;

        /* Paused before the limit; the auto-send poll resumes it. */
        mj_queue_pacer_set_quota_error (&quota, lane->account, when_us);
        lane_hold (lane, quota);
        return;
      }
    case MJ_QUEUE_PACE_WAIT:
      lane_wait_until (lane, when_us);
      return;
    case MJ_QUEUE_PACE_GO:
    default:
      break;
    }

  if (!mj_queue_db_claim (self->store, id, self->process_token, &error))
    {
      if (error != NULL)
        {
          g_warning ("Cannot claim queue item %" G_GINT64_FORMAT ": %s", id, error->message);
          lane_done (lane);
        }
      else
        lane_next (lane);   /* another process took it: next one */
      return;
    }
  _mj_queue_refresh_item (self, id);
  lane->last_attempt_us = g_get_real_time ();

  message = message_for_item (self, account, id, &n_recipients, &error);
  if (message == NULL)
    {
      MjQueueOutcome outcome = { MJ_QUEUE_STATE_FAILED, 0, TRUE, FALSE };
      g_autoptr(GError) store_error = NULL;

      if (!mj_queue_db_commit_outcome (self->store, id, lane->account, n_recipients, &outcome,
                                       NULL, error->message, &store_error))
        g_warning ("%s", store_error->message);
      _mj_queue_refresh_item (self, id);
      self->summary.failed++;
      batch_note_error (self, error);
      batch_item_done (self);
      lane_next (lane);
      return;
    }

  data = g_new0 (SendData, 1);
  data->lane = lane;
  data->queue = g_object_ref (self);
  data->account = g_strdup (lane->account);
  data->id = id;
  data->n_recipients = n_recipients;
  lane->current_id = id;
  mj_sender_send_async (get_sender (self, account), message, self->cancellable, send_done_cb, data);
}

/* Starts a lane for every account with due items (that has none yet).
 * Returns how many lanes run now. */
static guint
start_lanes (MjQueue    *self,
             const char *only)
{
  g_autoptr(GPtrArray) names = mj_queue_db_accounts_with_due (self->store, only);
  gboolean was_busy = g_hash_table_size (self->lanes) > 0;
  guint due = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      Lane *lane;

      if (g_hash_table_contains (self->lanes, name))
        continue;
      lane = g_new0 (Lane, 1);
      lane->queue = self;
      lane->account = g_strdup (name);
      g_hash_table_insert (self->lanes, lane->account, lane);
      due += mj_queue_db_count_due (self->store, name);
    }

  if (g_hash_table_size (self->lanes) > 0)
    {
      GHashTableIter iter;
      Lane *lane;
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      _mj_queue_set_batch_counts (self, self->batch_total + due, self->batch_done);
      if (!was_busy)
        _mj_queue_notify_busy (self);

      /* Start the new lanes after the table is complete: a lane may end at
       * once and finish the batch. */
      g_hash_table_iter_init (&iter, self->lanes);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lane))
        if (lane->current_id == 0 && lane->wait_source == 0)
          g_ptr_array_add (fresh, lane);
      for (guint i = 0; i < fresh->len; i++)
        {
          Lane *l = g_ptr_array_index (fresh, i);

          if (l->current_id == 0 && l->wait_source == 0 && g_hash_table_lookup (self->lanes, l->account) == l)
            lane_next (l);
        }
    }
  return g_hash_table_size (self->lanes);
}

void
mj_queue_run_async (MjQueue             *self,
                    const char          *account,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MJ_IS_QUEUE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_queue_run_async);

  /* An explicit run is the user asking to try again: lift the pauses the
   * queue set itself (one new login attempt), not the user's own. */
  if (!mj_queue_db_clear_pause (self->store, account, TRUE, &error))
    g_warning ("%s", error->message);

  g_ptr_array_add (self->tasks, g_object_ref (task));
  if (start_lanes (self, account) == 0)
    {
      /* Nothing due, or everything ended at once; finish_batch() has run
       * unless nothing started at all. */
      if (self->tasks->len > 0 && g_hash_table_size (self->lanes) == 0)
        finish_batch (self);
    }
}

gboolean
mj_queue_run_finish (MjQueue            *self,
                     GAsyncResult       *result,
                     MjQueueRunSummary  *summary,
                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (summary != NULL)
    {
      MjQueueRunSummary *data = g_task_get_task_data (G_TASK (result));

      if (data != NULL)
        *summary = *data;
      else
        memset (summary, 0, sizeof *summary);
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Auto-send                                                            */

static gboolean
kick_cb (gpointer user_data)
{
  MjQueue *self = user_data;

  self->kick_source = 0;
  start_lanes (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
kick (MjQueue *self)
{
  if (self->kick_source == 0)
    self->kick_source = g_idle_add (kick_cb, self);
}

void
_mj_queue_kick_if_auto (MjQueue *self)
{
  if (self->auto_send)
    kick (self);
}

static gboolean
auto_poll_cb (gpointer user_data)
{
  MjQueue *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mj_queue_reload (self, &error))
    g_warning ("Cannot reload the queue: %s", error->message);
  if (g_hash_table_size (self->lanes) == 0)
    start_lanes (self, NULL);
  return G_SOURCE_CONTINUE;
}

void
mj_queue_set_auto_send (MjQueue  *self,
                        gboolean  auto_send)
{
  g_return_if_fail (MJ_IS_QUEUE (self));

  auto_send = !!auto_send;
  if (self->auto_send == auto_send)
    return;
  self->auto_send = auto_send;
  g_clear_handle_id (&self->auto_source, g_source_remove);
  if (auto_send)
    {
      self->auto_source = g_timeout_add_seconds (AUTO_POLL_S, auto_poll_cb, self);
      kick (self);
    }
}

gboolean
mj_queue_get_busy (MjQueue *self)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  return self->lanes != NULL && g_hash_table_size (self->lanes) > 0;
}
