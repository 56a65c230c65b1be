#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-db.h"
#include "mj-queue-item-private.h"
#include "mj-queue-private.h"

/*
 * MjQueue: the object, the #GListModel that mirrors the database, the
 * user's actions and pauses. Adding is in mj-queue-add.c, sending in
 * mj-queue-runner.c (see mj-queue-private.h).
 */

enum {
  PROP_0,
  PROP_BUSY,
  PROP_BATCH_TOTAL,
  PROP_BATCH_DONE,
  N_PROPS
};

enum {
  ATTENTION,
  BATCH_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MjQueue, mj_queue, G_TYPE_OBJECT)
G_DEFINE_QUARK (mj-queue-error-quark, mj_queue_error)

/* ------------------------------------------------------------------ */
/* The model                                                            */

static void
add_item_to_model (MjQueue     *self,
                   MjQueueItem *item,
                   gboolean     prepend)
{
  gint64 *key = g_memdup2 (&(gint64) { mj_queue_item_get_id (item) }, sizeof (gint64));

  g_hash_table_insert (self->by_id, key, g_object_ref (item));
  if (prepend)
    g_list_store_insert (self->items, 0, item);
}

void
_mj_queue_refresh_item (MjQueue *self,
                        gint64   id)
{
  MjQueueRow row = { 0 };
  g_autoptr(GError) error = NULL;
  MjQueueItem *item;

  if (!mj_queue_db_read_row (self->store, id, &row, &error))
    {
      g_warning ("Cannot re-read queue item %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  item = g_hash_table_lookup (self->by_id, &id);
  if (item != NULL)
    mj_queue_item_update (item, &row);
  else
    {
      g_autoptr(MjQueueItem) new_item = mj_queue_item_new_from_row (&row);
      add_item_to_model (self, new_item, TRUE);
    }
  mj_queue_row_clear (&row);
}

void
_mj_queue_note_own_change (MjQueue *self)
{
  self->data_version = mj_queue_db_data_version (self->store);
}

typedef struct {
  MjQueue *queue;
  GPtrArray *fresh;
} LoadData;

static void
load_row_cb (MjQueueRow *row,
             gpointer    user_data)
{
  LoadData *data = user_data;
  MjQueueItem *item = g_hash_table_lookup (data->queue->by_id, &row->id);

  if (item != NULL)
    mj_queue_item_update (item, row);
  else
    g_ptr_array_add (data->fresh, mj_queue_item_new_from_row (row));
}

/* Loads every row (light: no body, no transcript). New items go to the
 * model; known ones are updated. */
static gboolean
load_all (MjQueue  *self,
          GError  **error)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  LoadData data = { self, fresh };

  /* Oldest first, so that fresh items can be spliced in newest first. */
  if (!mj_queue_db_foreach_row (self->store, load_row_cb, &data, error))
    return FALSE;

  if (fresh->len > 0)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
      gint64 newest = -1;
      g_autoptr(GPtrArray) splice = g_ptr_array_new ();

      if (n_items > 0)
        {
          g_autoptr(MjQueueItem) first = g_list_model_get_item (G_LIST_MODEL (self->items), 0);
          newest = mj_queue_item_get_id (first);
        }
      for (guint i = fresh->len; i > 0; i--)
        {
          MjQueueItem *item = g_ptr_array_index (fresh, i - 1);

          add_item_to_model (self, item, FALSE);
          if (mj_queue_item_get_id (item) > newest)
            g_ptr_array_add (splice, item);
          else
            {
              /* Committed out of order by another process: rare. */
              guint pos = 0;

              while (pos < g_list_model_get_n_items (G_LIST_MODEL (self->items)))
                {
                  g_autoptr(MjQueueItem) other =
                    g_list_model_get_item (G_LIST_MODEL (self->items), pos);
                  if (mj_queue_item_get_id (other) < mj_queue_item_get_id (item))
                    break;
                  pos++;
                }
              g_list_store_insert (self->items, pos, item);
            }
        }
      g_list_store_splice (self->items, 0, 0, splice->pdata, splice->len);
    }

  _mj_queue_note_own_change (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
mj_queue_dispose (GObject *object)
{
  MjQueue *self = MJ_QUEUE (object);

  _mj_queue_runner_dispose (self);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->pacer, mj_queue_pacer_free);
  g_clear_object (&self->items);
  g_clear_object (&self->accounts);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mj_queue_parent_class)->dispose (object);
}

static void
mj_queue_finalize (GObject *object)
{
  MjQueue *self = MJ_QUEUE (object);

  _mj_queue_runner_finalize (self);
  g_clear_pointer (&self->process_token, g_free);

  G_OBJECT_CLASS (mj_queue_parent_class)->finalize (object);
}

static void
mj_queue_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MjQueue *self = MJ_QUEUE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, mj_queue_get_busy (self));
      break;
    case PROP_BATCH_TOTAL:
      g_value_set_uint (value, self->batch_total);
      break;
    case PROP_BATCH_DONE:
      g_value_set_uint (value, self->batch_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_queue_class_init (MjQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mj_queue_dispose;
  object_class->finalize = mj_queue_finalize;
  object_class->get_property = mj_queue_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BATCH_TOTAL] =
    g_param_spec_uint ("batch-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BATCH_DONE] =
    g_param_spec_uint ("batch-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MjQueue::attention:
   * @account: the account name
   * @message: what happened and what to do, in the UI language
   *
   * Emitted once when the queue pauses an account (login refused, TLS
   * problem, the server refuses the sender).
   */
  signals[ATTENTION] =
    g_signal_new ("attention", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * MjQueue::batch-finished:
   * @summary: (type gpointer): the #MjQueueRunSummary of the batch
   *
   * Emitted when a batch of sends is over (nothing more can go now).
   */
  signals[BATCH_FINISHED] =
    g_signal_new ("batch-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
mj_queue_init (MjQueue *self)
{
  self->items = g_list_store_new (MJ_TYPE_QUEUE_ITEM);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->process_token = mj_queue_db_process_token ();
  _mj_queue_runner_init (self);
}

void
_mj_queue_notify_busy (MjQueue *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_mj_queue_set_batch_counts (MjQueue *self,
                            guint    total,
                            guint    done)
{
  if (self->batch_total != total)
    {
      self->batch_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BATCH_TOTAL]);
    }
  if (self->batch_done != done)
    {
      self->batch_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BATCH_DONE]);
    }
}

void
_mj_queue_emit_attention (MjQueue    *self,
                          const char *account,
                          const char *message)
{
  g_signal_emit (self, signals[ATTENTION], 0, account, message);
}

void
_mj_queue_emit_batch_finished (MjQueue           *self,
                               MjQueueRunSummary *summary)
{
  g_signal_emit (self, signals[BATCH_FINISHED], 0, summary);
}

MjQueue *
mj_queue_new (MjStore         *store,
              MjAccountStore  *accounts,
              GError         **error)
{
  g_autoptr(MjQueue) self = NULL;

  g_return_val_if_fail (MJ_IS_STORE (store), NULL);
  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (accounts), NULL);

  self = g_object_new (MJ_TYPE_QUEUE, NULL);
  self->store = g_object_ref (store);
  self->accounts = g_object_ref (accounts);
  self->pacer = mj_queue_pacer_new (store, accounts);
  _mj_queue_runner_start (self);

  if (!mj_queue_db_recover_interrupted (self->store, error))
    return NULL;
  if (!load_all (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

MjStore *
mj_queue_get_store (MjQueue *self)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  return self->store;
}

GListModel *
mj_queue_get_items (MjQueue *self)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  return G_LIST_MODEL (self->items);
}

MjQueueItem *
mj_queue_lookup (MjQueue *self,
                 gint64   id)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

gboolean
mj_queue_reload (MjQueue  *self,
                 GError  **error)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);

  if (mj_queue_db_data_version (self->store) == self->data_version)
    return TRUE;
  if (!mj_queue_db_recover_interrupted (self->store, error))
    return FALSE;
  return load_all (self, error);
}

gboolean
mj_queue_load_details (MjQueue      *self,
                       MjQueueItem  *item,
                       GError      **error)
{
  g_autofree char *body = NULL;
  g_autofree char *transcript = NULL;

  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (MJ_IS_QUEUE_ITEM (item), FALSE);

  if (!mj_queue_db_read_details (self->store, mj_queue_item_get_id (item), &body, &transcript,
                                 error))
    return FALSE;
  mj_queue_item_set_details (item, body, transcript);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* User actions                                                         */

static gboolean
user_action (MjQueue       *self,
             gint64         id,
             MjQueueAction  action,
             GError       **error)
{
  MjQueueState target = MJ_QUEUE_STATE_QUEUED;

  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);

  if (!mj_queue_db_user_action (self->store, id, action, &target, error))
    return FALSE;

  _mj_queue_refresh_item (self, id);
  _mj_queue_note_own_change (self);
  if (target == MJ_QUEUE_STATE_QUEUED)
    _mj_queue_kick_if_auto (self);
  return TRUE;
}

gboolean
mj_queue_retry (MjQueue  *self,
                gint64    id,
                GError  **error)
{
  return user_action (self, id, MJ_QUEUE_ACTION_RETRY, error);
}

gboolean
mj_queue_cancel (MjQueue  *self,
                 gint64    id,
                 GError  **error)
{
  return user_action (self, id, MJ_QUEUE_ACTION_CANCEL, error);
}

gboolean
mj_queue_resend (MjQueue  *self,
                 gint64    id,
                 GError  **error)
{
  return user_action (self, id, MJ_QUEUE_ACTION_RESEND, error);
}

gboolean
mj_queue_mark_sent (MjQueue  *self,
                    gint64    id,
                    GError  **error)
{
  return user_action (self, id, MJ_QUEUE_ACTION_MARK_SENT, error);
}

/* ------------------------------------------------------------------ */
/* Pauses                                                               */

gboolean
mj_queue_pause_account (MjQueue     *self,
                        const char  *account,
                        GError     **error)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return mj_queue_db_set_pause (self->store, account, "user", N_("Paused by you."), NULL, error);
}

gboolean
mj_queue_resume_account (MjQueue     *self,
                         const char  *account,
                         GError     **error)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  if (!mj_queue_db_clear_pause (self->store, account, FALSE, error))
    return FALSE;
  _mj_queue_kick_if_auto (self);
  return TRUE;
}

gboolean
mj_queue_is_account_paused (MjQueue     *self,
                            const char  *account,
                            char       **message)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return mj_queue_db_get_pause (self->store, account, NULL, message);
}

/* ------------------------------------------------------------------ */
/* Pacing and quota (mj-queue-pacer.c)                                  */

void
mj_queue_set_limits_override (MjQueue *self,
                              int      messages_per_minute,
                              int      recipients_per_day)
{
  g_return_if_fail (MJ_IS_QUEUE (self));
  mj_queue_pacer_set_override (self->pacer, messages_per_minute, recipients_per_day);
}

void
mj_queue_get_quota (MjQueue    *self,
                    const char *account,
                    guint      *used,
                    guint      *limit)
{
  g_return_if_fail (MJ_IS_QUEUE (self));
  mj_queue_pacer_get_quota (self->pacer, account, used, limit);
}

char *
mj_queue_format_quota (MjQueue    *self,
                       const char *account)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  return mj_queue_pacer_format_quota (self->pacer, account);
}
