#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-message.h"
#include "mj-queue.h"
#include "mj-queue-item-private.h"
#include "mj-sender.h"

/* Backoff: 2 min, 4, 8, 16, 32, then 60 min, ±25 %; 8 attempts cover about
 * three hours, the span in which a greylisting or throttling server lets
 * a message through. */
#define BACKOFF_BASE_S   120
#define BACKOFF_MAX_S    3600
#define MAX_ATTEMPTS     8
#define DAY_US           (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
/* The GUI's auto-send mode re-checks for due items (and other processes'
 * changes) this often. */
#define AUTO_POLL_S      20

typedef struct _Lane Lane;

struct _MjQueue
{
  GObject parent_instance;

  MjStore *store;
  MjAccountStore *accounts;
  GListStore *items;
  GHashTable *by_id;        /* gint64* → MjQueueItem (the key lives in the item) */
  GHashTable *senders;      /* account name → MjSender */
  GHashTable *lanes;        /* account name → Lane, while sending */
  GNetworkMonitor *monitor;
  GCancellable *cancellable;
  char *process_token;
  gint64 data_version;

  int mpm_override;
  int rpd_override;

  gboolean auto_send;
  guint auto_source;
  guint kick_source;

  /* The current batch. */
  GPtrArray *tasks;         /* GTask waiting for the batch to end */
  MjQueueRunSummary summary;
  GError *batch_error;
  int batch_rank;
  guint batch_total;
  guint batch_done;
};

struct _Lane
{
  MjQueue *queue;           /* not a reference: the queue owns its lanes */
  char *account;
  gint64 last_attempt_us;
  guint wait_source;
  gint64 current_id;
};

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

static void lane_next (Lane *lane);
static void kick (MjQueue *self);

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

guint
mj_queue_get_max_attempts (void)
{
  return MAX_ATTEMPTS;
}

/**
 * mj_queue_backoff_delay:
 * @attempts: failed attempts so far (1 after the first failure)
 * @jitter: a number in [0, 1)
 *
 * Returns: seconds to wait: 120 s × 2^(attempts − 1), at most one hour,
 * spread by ±25 % so that many items do not come back at the same second.
 */
gint64
mj_queue_backoff_delay (guint  attempts,
                        double jitter)
{
  gint64 delay = BACKOFF_BASE_S;

  for (guint i = 1; i < attempts && delay < BACKOFF_MAX_S; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_S);
  jitter = CLAMP (jitter, 0.0, 1.0);
  return (gint64) (delay * (0.75 + 0.5 * jitter));
}

char *
mj_queue_get_attachments_dir (void)
{
  g_autofree char *db = mj_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (db);

  return g_build_filename (dir, "attachments", NULL);
}

static char *
attachment_path (const char *dir,
                 const char *sha256,
                 const char *filename)
{
  g_autofree char *name = NULL;

  if (filename != NULL && g_str_has_suffix (filename, ".pdf"))
    name = g_strconcat (sha256, ".pdf", NULL);
  else if (filename != NULL && g_ascii_strcasecmp (filename + MAX (0, (int) strlen (filename) - 4), ".pdf") == 0)
    name = g_strconcat (sha256, ".pdf", NULL);
  else
    name = g_strdup (sha256);
  return g_build_filename (dir, name, NULL);
}

/* Identifies a process across pid reuse: boot id + start time (jiffies). */
static char *
process_token (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  g_autofree char *boot = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return NULL;
  close = strrchr (stat, ')');
  if (close == NULL)
    return NULL;
  fields = g_strsplit (close + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return NULL;
  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &boot, NULL, NULL))
    boot = g_strdup ("");
  g_strstrip (boot);
  /* Field 22 of stat is the start time; fields[] starts at field 3. */
  return g_strdup_printf ("%s:%s", boot, fields[19]);
}

static gboolean
process_is_alive (gint64      pid,
                  const char *token)
{
  g_autofree char *current = NULL;

  if (pid <= 0)
    return FALSE;
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  current = process_token ((pid_t) pid);
  if (current == NULL || token == NULL)
    return current != NULL && token == NULL;
  return strcmp (current, token) == 0;
}

static char *
join_lines (const char *lines)
{
  g_auto(GStrv) parts = NULL;

  if (lines == NULL || lines[0] == '\0')
    return g_strdup ("");
  parts = g_strsplit (lines, "\n", -1);
  return g_strjoinv (", ", parts);
}

static char *
strv_to_lines (const char * const *addresses)
{
  if (addresses == NULL || addresses[0] == NULL)
    return g_strdup ("");
  return g_strjoinv ("\n", (char **) addresses);
}

/* ------------------------------------------------------------------ */
/* Reading rows                                                         */

#define ROW_COLUMNS \
  "id, state, account, to_addrs, cc_addrs, bcc_addrs, subject, message_id, " \
  "n_recipients, attempts, next_attempt, last_code, last_reply, last_error, " \
  "created, updated, sent"

static void
row_from_stmt (MjQueueRow  *row,
               MjStoreStmt *stmt)
{
  MjQueueState state = MJ_QUEUE_STATE_QUEUED;

  row->id = mj_store_stmt_get_int64 (stmt, 0);
  mj_queue_state_from_string (mj_store_stmt_get_text (stmt, 1), &state);
  row->state = state;
  row->account = mj_store_stmt_dup_text (stmt, 2);
  row->to = join_lines (mj_store_stmt_get_text (stmt, 3));
  row->cc = join_lines (mj_store_stmt_get_text (stmt, 4));
  row->bcc = join_lines (mj_store_stmt_get_text (stmt, 5));
  row->subject = mj_store_stmt_dup_text (stmt, 6);
  row->message_id = mj_store_stmt_dup_text (stmt, 7);
  row->n_recipients = (guint) mj_store_stmt_get_int64 (stmt, 8);
  row->attempts = (guint) mj_store_stmt_get_int64 (stmt, 9);
  row->next_attempt = mj_store_stmt_get_int64 (stmt, 10);
  row->last_code = (guint) mj_store_stmt_get_int64 (stmt, 11);
  row->last_reply = mj_store_stmt_dup_text (stmt, 12);
  /* Messages the queue wrote itself are English msgids: translate them. */
  row->last_error = mj_store_stmt_is_null (stmt, 13)
                    ? NULL : g_strdup (M_(mj_store_stmt_get_text (stmt, 13)));
  row->created = mj_store_stmt_get_int64 (stmt, 14);
  row->updated = mj_store_stmt_get_int64 (stmt, 15);
  row->sent = mj_store_stmt_get_int64 (stmt, 16);
}

typedef struct {
  GPtrArray *names;
  GPtrArray *paths;
  GPtrArray *hashes;
} AttachmentLists;

static void
attachment_lists_free (AttachmentLists *lists)
{
  g_ptr_array_unref (lists->names);
  g_ptr_array_unref (lists->paths);
  g_ptr_array_unref (lists->hashes);
  g_free (lists);
}

static AttachmentLists *
attachment_lists_new (void)
{
  AttachmentLists *lists = g_new0 (AttachmentLists, 1);

  lists->names = g_ptr_array_new_with_free_func (g_free);
  lists->paths = g_ptr_array_new_with_free_func (g_free);
  lists->hashes = g_ptr_array_new_with_free_func (g_free);
  return lists;
}

static char **
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_steal (array, NULL);
}

static void
row_take_attachments (MjQueueRow      *row,
                      AttachmentLists *lists)
{
  if (lists == NULL)
    {
      row->attachment_names = g_new0 (char *, 1);
      row->attachment_paths = g_new0 (char *, 1);
      row->attachment_hashes = g_new0 (char *, 1);
      return;
    }
  row->attachment_names = steal_strv (lists->names);
  row->attachment_paths = steal_strv (lists->paths);
  row->attachment_hashes = steal_strv (lists->hashes);
}

/* id → AttachmentLists, for one item (@id > 0) or all. */
static GHashTable *
read_attachments (MjQueue  *self,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) attachment_lists_free);
  g_autofree char *dir = mj_queue_get_attachments_dir ();
  GError *local_error = NULL;

  stmt = mj_store_prepare (self->store,
                           id > 0
                           ? "SELECT item_id, sha256, filename FROM queue_attachments "
                             "WHERE item_id = ?1 ORDER BY position"
                           : "SELECT item_id, sha256, filename FROM queue_attachments "
                             "ORDER BY item_id, position",
                           error);
  if (stmt == NULL)
    return NULL;
  if (id > 0)
    mj_store_stmt_bind_int64 (stmt, 1, id);

  while (mj_store_stmt_step (stmt, &local_error))
    {
      gint64 item_id = mj_store_stmt_get_int64 (stmt, 0);
      const char *hash = mj_store_stmt_get_text (stmt, 1);
      const char *name = mj_store_stmt_get_text (stmt, 2);
      AttachmentLists *lists = g_hash_table_lookup (table, &item_id);

      if (lists == NULL)
        {
          lists = attachment_lists_new ();
          g_hash_table_insert (table, g_memdup2 (&item_id, sizeof item_id), lists);
        }
      g_ptr_array_add (lists->names, g_strdup (name));
      g_ptr_array_add (lists->hashes, g_strdup (hash));
      g_ptr_array_add (lists->paths, attachment_path (dir, hash, name));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&table);
}

static gboolean
read_row (MjQueue     *self,
          gint64       id,
          MjQueueRow  *row,
          GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  GError *local_error = NULL;

  stmt = mj_store_prepare (self->store, "SELECT " ROW_COLUMNS " FROM queue_items WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  if (!mj_store_stmt_step (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                     M_("There is no queued item %lld"), (long long) id);
      return FALSE;
    }
  row_from_stmt (row, stmt);
  attachments = read_attachments (self, id, error);
  if (attachments == NULL)
    {
      mj_queue_row_clear (row);
      return FALSE;
    }
  row_take_attachments (row, g_hash_table_lookup (attachments, &id));
  return TRUE;
}

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

/* Re-reads one item after a change and notifies its properties. */
static void
refresh_item (MjQueue *self,
              gint64   id)
{
  MjQueueRow row = { 0 };
  g_autoptr(GError) error = NULL;
  MjQueueItem *item;

  if (!read_row (self, id, &row, &error))
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

static gint64
read_data_version (MjQueue *self)
{
  g_autoptr(MjStoreStmt) stmt = mj_store_prepare (self->store, "PRAGMA data_version", NULL);

  if (stmt == NULL || !mj_store_stmt_step (stmt, NULL))
    return -1;
  return mj_store_stmt_get_int64 (stmt, 0);
}

/* Loads every row (light: no body, no transcript). New items go to the
 * model; known ones are updated. */
static gboolean
load_all (MjQueue  *self,
          GError  **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local_error = NULL;

  attachments = read_attachments (self, 0, error);
  if (attachments == NULL)
    return FALSE;

  /* Oldest first, so that fresh items can be spliced in newest first. */
  stmt = mj_store_prepare (self->store, "SELECT " ROW_COLUMNS " FROM queue_items ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;

  while (mj_store_stmt_step (stmt, &local_error))
    {
      MjQueueRow row = { 0 };
      MjQueueItem *item;

      row_from_stmt (&row, stmt);
      row_take_attachments (&row, g_hash_table_lookup (attachments, &row.id));
      item = g_hash_table_lookup (self->by_id, &row.id);
      if (item != NULL)
        mj_queue_item_update (item, &row);
      else
        g_ptr_array_add (fresh, mj_queue_item_new_from_row (&row));
      mj_queue_row_clear (&row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

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

  self->data_version = read_data_version (self);
  return TRUE;
}

/* Items left in `sending` by a process that is gone: we cannot know whether
 * the server got them, so they become `uncertain` and wait for the user. */
static gboolean
recover_interrupted (MjQueue  *self,
                     GError  **error)
{
  g_autoptr(MjStoreStmt) select = NULL;
  g_autoptr(GArray) dead = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;

  select = mj_store_prepare (self->store,
                             "SELECT id, sending_pid, sending_start FROM queue_items "
                             "WHERE state = 'sending'",
                             error);
  if (select == NULL)
    return FALSE;
  while (mj_store_stmt_step (select, &local_error))
    {
      gint64 id = mj_store_stmt_get_int64 (select, 0);
      gint64 pid = mj_store_stmt_get_int64 (select, 1);
      const char *token = mj_store_stmt_get_text (select, 2);

      if (!process_is_alive (pid, token))
        g_array_append_val (dead, id);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (dead->len == 0)
    return TRUE;

  if (!mj_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < dead->len; i++)
    {
      g_autoptr(MjStoreStmt) update = NULL;

      update = mj_store_prepare (self->store,
                                 "UPDATE queue_items SET state = 'uncertain', "
                                 "  last_error = ?2, updated = ?3 "
                                 "WHERE id = ?1 AND state = 'sending'",
                                 error);
      if (update == NULL)
        goto fail;
      mj_store_stmt_bind_int64 (update, 1, g_array_index (dead, gint64, i));
      mj_store_stmt_bind_text (update, 2,
                               N_("Mensajero stopped while this invoice was being sent. "
                                  "It may have gone out: check your Sent folder, then "
                                  "resend it or mark it as sent."));
      mj_store_stmt_bind_int64 (update, 3, now_s ());
      if (!mj_store_stmt_run (update, error))
        goto fail;
      g_message ("Queue item %" G_GINT64_FORMAT " was interrupted while sending: now uncertain",
                 g_array_index (dead, gint64, i));
    }
  return mj_store_commit (self->store, error);

fail:
  mj_store_rollback (self->store);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
mj_queue_dispose (GObject *object)
{
  MjQueue *self = MJ_QUEUE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->auto_source, g_source_remove);
  g_clear_handle_id (&self->kick_source, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_pointer (&self->lanes, g_hash_table_unref);
  g_clear_pointer (&self->senders, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->accounts);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mj_queue_parent_class)->dispose (object);
}

static void
mj_queue_finalize (GObject *object)
{
  MjQueue *self = MJ_QUEUE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_error (&self->batch_error);
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
lane_free (Lane *lane)
{
  g_clear_handle_id (&lane->wait_source, g_source_remove);
  g_free (lane->account);
  g_free (lane);
}

static void
mj_queue_init (MjQueue *self)
{
  self->items = g_list_store_new (MJ_TYPE_QUEUE_ITEM);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->senders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->lanes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) lane_free);
  self->cancellable = g_cancellable_new ();
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->mpm_override = -1;
  self->rpd_override = -1;
  self->process_token = process_token (getpid ());
}

static void
network_changed_cb (MjQueue *self)
{
  if (self->auto_send && g_network_monitor_get_network_available (self->monitor))
    kick (self);
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
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);

  if (!recover_interrupted (self, error))
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

  if (read_data_version (self) == self->data_version)
    return TRUE;
  if (!recover_interrupted (self, error))
    return FALSE;
  return load_all (self, error);
}

gboolean
mj_queue_load_details (MjQueue      *self,
                       MjQueueItem  *item,
                       GError      **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (MJ_IS_QUEUE_ITEM (item), FALSE);

  stmt = mj_store_prepare (self->store,
                           "SELECT body, transcript FROM queue_items WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_int64 (stmt, 1, mj_queue_item_get_id (item));
  if (!mj_store_stmt_step (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                     M_("There is no queued item %lld"),
                     (long long) mj_queue_item_get_id (item));
      return FALSE;
    }
  mj_queue_item_set_details (item, mj_store_stmt_get_text (stmt, 0),
                             mj_store_stmt_get_text (stmt, 1));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Adding                                                               */

typedef struct {
  char *path;
  char *name;
  char *sha256;
  gsize size;
} FileCopy;

static void
file_copy_free (FileCopy *copy)
{
  g_free (copy->path);
  g_free (copy->name);
  g_free (copy->sha256);
  g_free (copy);
}

/* Reads @path, keeps a durable copy named by its SHA-256. */
static FileCopy *
keep_copy (const char  *dir,
           const char  *path,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GError) local_error = NULL;
  FileCopy *copy;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }

  copy = g_new0 (FileCopy, 1);
  copy->name = g_path_get_basename (path);
  copy->size = length;
  copy->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  dest = attachment_path (dir, copy->sha256, copy->name);

  /* Same hash, same size: the copy is already there (written durably). */
  if (!g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      /* Temporary file, fsync, rename, fsync of the folder: the copy is
       * whole and on disk before the item that points to it is committed. */
      if (!g_file_set_contents_full (dest, contents, length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, &local_error))
        {
          g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                       M_("Cannot keep a copy of %s: %s"), path, local_error->message);
          file_copy_free (copy);
          return NULL;
        }
    }
  copy->path = g_steal_pointer (&dest);
  return copy;
}

static gboolean
addresses_overlap (const char          *stored_lines,
                   const char * const  *addresses)
{
  g_auto(GStrv) stored = g_strsplit (stored_lines != NULL ? stored_lines : "", "\n", -1);

  for (guint i = 0; stored[i] != NULL; i++)
    for (guint j = 0; addresses != NULL && addresses[j] != NULL; j++)
      if (stored[i][0] != '\0' && g_ascii_strcasecmp (stored[i], addresses[j]) == 0)
        return TRUE;
  return FALSE;
}

/* The same PDF to the same recipient, not cancelled nor failed. */
static gboolean
check_duplicate (MjQueue             *self,
                 GPtrArray           *copies,
                 const char * const  *recipients,
                 GError             **error)
{
  for (guint i = 0; i < copies->len; i++)
    {
      FileCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(MjStoreStmt) stmt = NULL;
      GError *local_error = NULL;

      stmt = mj_store_prepare (self->store,
                               "SELECT qi.id, qi.to_addrs || char(10) || qi.cc_addrs || char(10) "
                               "  || qi.bcc_addrs, qi.state, qi.created "
                               "FROM queue_items qi JOIN queue_attachments qa ON qa.item_id = qi.id "
                               "WHERE qa.sha256 = ?1 AND qi.state NOT IN ('cancelled', 'failed') "
                               "ORDER BY qi.id DESC",
                               error);
      if (stmt == NULL)
        return FALSE;
      mj_store_stmt_bind_text (stmt, 1, copy->sha256);
      while (mj_store_stmt_step (stmt, &local_error))
        {
          if (addresses_overlap (mj_store_stmt_get_text (stmt, 1), recipients))
            {
              MjQueueState state = MJ_QUEUE_STATE_QUEUED;
              g_autoptr(GDateTime) when =
                g_date_time_new_from_unix_local (mj_store_stmt_get_int64 (stmt, 3));
              g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M");

              mj_queue_state_from_string (mj_store_stmt_get_text (stmt, 2), &state);
              /* Translators: %s: file name, then the item number, its date and its
               * state ("Sent", "Queued"…). */
              g_set_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_DUPLICATE,
                           M_("“%s” was already queued for the same recipient "
                              "(item %lld, %s, %s)."),
                           copy->name, (long long) mj_store_stmt_get_int64 (stmt, 0), date,
                           mj_queue_state_get_label (state));
              return FALSE;
            }
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  return TRUE;
}

static MjMessage *
build_message (MjAccount           *account,
               const char          *to,
               const char          *cc,
               const char          *bcc,
               const char          *subject,
               const char          *body,
               const char          *message_id,
               GError             **error)
{
  g_autoptr(MjMessage) message = mj_message_new ();
  const char *display = mj_account_get_display_name (account);

  if (!mj_message_set_from (message, display != NULL && display[0] ? display : NULL,
                            mj_account_get_email (account), error))
    return NULL;
  if (!mj_message_add_to (message, to, error))
    return NULL;
  if (cc != NULL && cc[0] != '\0' && !mj_message_add_cc (message, cc, error))
    return NULL;
  if (bcc != NULL && bcc[0] != '\0' && !mj_message_add_bcc (message, bcc, error))
    return NULL;
  if (!mj_message_set_subject (message, subject != NULL ? subject : "", error))
    return NULL;
  if (!mj_message_set_body (message, body != NULL ? body : "", error))
    return NULL;
  if (message_id != NULL && !mj_message_set_message_id (message, message_id, error))
    return NULL;
  return g_steal_pointer (&message);
}

static gboolean
insert_item (MjQueue     *self,
             const char  *account,
             MjMessage   *message,
             GPtrArray   *copies,
             gint64      *id,
             GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autofree char *to = strv_to_lines (mj_message_get_recipients (message, MJ_RECIPIENT_TO));
  g_autofree char *cc = strv_to_lines (mj_message_get_recipients (message, MJ_RECIPIENT_CC));
  g_autofree char *bcc = strv_to_lines (mj_message_get_recipients (message, MJ_RECIPIENT_BCC));
  const char * const *envelope = mj_message_get_envelope_recipients (message);
  gint64 now = now_s ();

  if (!mj_store_begin (self->store, error))
    return FALSE;

  stmt = mj_store_prepare (self->store,
                           "INSERT INTO queue_items (state, account, to_addrs, cc_addrs, bcc_addrs, "
                           "  subject, body, message_id, n_recipients, created, updated) "
                           "VALUES ('queued', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                           error);
  if (stmt == NULL)
    goto fail;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_text (stmt, 2, to);
  mj_store_stmt_bind_text (stmt, 3, cc);
  mj_store_stmt_bind_text (stmt, 4, bcc);
  mj_store_stmt_bind_text (stmt, 5, mj_message_get_subject (message));
  mj_store_stmt_bind_text (stmt, 6, mj_message_get_body (message));
  mj_store_stmt_bind_text (stmt, 7, mj_message_get_message_id (message));
  mj_store_stmt_bind_int64 (stmt, 8, envelope != NULL ? g_strv_length ((char **) envelope) : 0);
  mj_store_stmt_bind_int64 (stmt, 9, now);
  if (!mj_store_stmt_run (stmt, error))
    goto fail;
  *id = mj_store_last_insert_id (self->store);

  for (guint i = 0; i < copies->len; i++)
    {
      FileCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(MjStoreStmt) att = NULL;

      att = mj_store_prepare (self->store,
                              "INSERT INTO queue_attachments (item_id, position, sha256, filename, size) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
      if (att == NULL)
        goto fail;
      mj_store_stmt_bind_int64 (att, 1, *id);
      mj_store_stmt_bind_int64 (att, 2, i);
      mj_store_stmt_bind_text (att, 3, copy->sha256);
      mj_store_stmt_bind_text (att, 4, copy->name);
      mj_store_stmt_bind_int64 (att, 5, copy->size);
      if (!mj_store_stmt_run (att, error))
        goto fail;
    }

  return mj_store_commit (self->store, error);

fail:
  mj_store_rollback (self->store);
  return FALSE;
}

MjQueueItem *
mj_queue_add (MjQueue             *self,
              const MjQueueDraft  *draft,
              MjQueueAddFlags      flags,
              GError             **error)
{
  g_autoptr(MjMessage) message = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) file_copy_free);
  g_autofree char *dir = mj_queue_get_attachments_dir ();
  g_autofree char *subject = NULL;
  MjAccount *account;
  gint64 id = 0;

  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (draft->account == NULL || draft->account[0] == '\0')
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, M_("Choose an account"));
      return NULL;
    }
  account = mj_account_store_lookup (self->accounts, draft->account);
  if (account == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                   M_("There is no account named “%s”"), draft->account);
      return NULL;
    }
  if (draft->to == NULL || draft->to[0] == '\0')
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS, M_("Give at least one recipient"));
      return NULL;
    }
  if (draft->files == NULL || draft->files[0] == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE, M_("Give at least one PDF file"));
      return NULL;
    }

  subject = g_strdup (draft->subject);
  if (subject == NULL || subject[0] == '\0')
    {
      g_autofree char *base = g_path_get_basename (draft->files[0]);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (subject);
      subject = g_steal_pointer (&base);
    }

  /* Validates every header and address, and fixes the Message-ID now, so
   * that every attempt of this item carries the same one. */
  message = build_message (account, draft->to, draft->cc, draft->bcc, subject, draft->body,
                           NULL, error);
  if (message == NULL)
    return NULL;
  if (mj_message_get_message_id (message) == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID,
                   M_("Cannot make a Message-ID for %s"), mj_account_get_email (account));
      return NULL;
    }

  /* The copies first: an item never points to a file that is not there. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; draft->files[i] != NULL; i++)
    {
      FileCopy *copy = keep_copy (dir, draft->files[i], error);

      if (copy == NULL)
        return NULL;
      g_ptr_array_add (copies, copy);
    }

  if ((flags & MJ_QUEUE_ADD_FORCE) == 0 &&
      !check_duplicate (self, copies, mj_message_get_envelope_recipients (message), error))
    return NULL;

  if (!insert_item (self, draft->account, message, copies, &id, error))
    return NULL;

  refresh_item (self, id);
  self->data_version = read_data_version (self);
  if (self->auto_send)
    kick (self);
  return mj_queue_lookup (self, id);
}

/* ------------------------------------------------------------------ */
/* User actions                                                         */

typedef enum {
  ACTION_RETRY,
  ACTION_CANCEL,
  ACTION_RESEND,
  ACTION_MARK_SENT,
} UserAction;

static gboolean
user_action (MjQueue     *self,
             gint64       id,
             UserAction   action,
             GError     **error)
{
  static const guint allowed_from[] = {
    [ACTION_RETRY] = (1u << MJ_QUEUE_STATE_FAILED) | (1u << MJ_QUEUE_STATE_RETRY) |
                     (1u << MJ_QUEUE_STATE_CANCELLED),
    [ACTION_CANCEL] = (1u << MJ_QUEUE_STATE_QUEUED) | (1u << MJ_QUEUE_STATE_RETRY) |
                      (1u << MJ_QUEUE_STATE_FAILED) | (1u << MJ_QUEUE_STATE_UNCERTAIN),
    [ACTION_RESEND] = (1u << MJ_QUEUE_STATE_UNCERTAIN),
    [ACTION_MARK_SENT] = (1u << MJ_QUEUE_STATE_UNCERTAIN),
  };
  static const MjQueueState target[] = {
    [ACTION_RETRY] = MJ_QUEUE_STATE_QUEUED,
    [ACTION_CANCEL] = MJ_QUEUE_STATE_CANCELLED,
    [ACTION_RESEND] = MJ_QUEUE_STATE_QUEUED,
    [ACTION_MARK_SENT] = MJ_QUEUE_STATE_SENT,
  };
  g_autoptr(MjStoreStmt) select = NULL;
  g_autoptr(MjStoreStmt) update = NULL;
  MjQueueState state = MJ_QUEUE_STATE_QUEUED;
  GError *local_error = NULL;
  gint64 now = now_s ();

  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);

  if (!mj_store_begin (self->store, error))
    return FALSE;
  select = mj_store_prepare (self->store, "SELECT state FROM queue_items WHERE id = ?1", error);
  if (select == NULL)
    goto fail;
  mj_store_stmt_bind_int64 (select, 1, id);
  if (!mj_store_stmt_step (select, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                     M_("There is no queued item %lld"), (long long) id);
      goto fail;
    }
  mj_queue_state_from_string (mj_store_stmt_get_text (select, 0), &state);
  g_clear_pointer (&select, mj_store_stmt_free);

  if ((allowed_from[action] & (1u << state)) == 0 ||
      !mj_queue_state_can_change (state, target[action]))
    {
      /* Translators: first %s is the state the item is in ("Sent"…). */
      g_set_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_STATE,
                   M_("Item %lld is “%s”: that cannot be done now"),
                   (long long) id, mj_queue_state_get_label (state));
      goto fail;
    }

  switch (action)
    {
    case ACTION_RETRY:
    case ACTION_RESEND:
      update = mj_store_prepare (self->store,
                                 "UPDATE queue_items SET state = 'queued', next_attempt = 0, "
                                 "  retry_base = attempts, updated = ?2 WHERE id = ?1",
                                 error);
      break;
    case ACTION_CANCEL:
      update = mj_store_prepare (self->store,
                                 "UPDATE queue_items SET state = 'cancelled', updated = ?2 "
                                 "WHERE id = ?1",
                                 error);
      break;
    case ACTION_MARK_SENT:
      update = mj_store_prepare (self->store,
                                 "UPDATE queue_items SET state = 'sent', sent = ?2, updated = ?2, "
                                 "  last_error = ?3 WHERE id = ?1",
                                 error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (update == NULL)
    goto fail;
  mj_store_stmt_bind_int64 (update, 1, id);
  mj_store_stmt_bind_int64 (update, 2, now);
  if (action == ACTION_MARK_SENT)
    mj_store_stmt_bind_text (update, 3, N_("Marked as sent by you."));
  if (!mj_store_stmt_run (update, error))
    goto fail;
  if (!mj_store_commit (self->store, error))
    return FALSE;

  refresh_item (self, id);
  self->data_version = read_data_version (self);
  if (self->auto_send && target[action] == MJ_QUEUE_STATE_QUEUED)
    kick (self);
  return TRUE;

fail:
  mj_store_rollback (self->store);
  return FALSE;
}

gboolean
mj_queue_retry (MjQueue  *self,
                gint64    id,
                GError  **error)
{
  return user_action (self, id, ACTION_RETRY, error);
}

gboolean
mj_queue_cancel (MjQueue  *self,
                 gint64    id,
                 GError  **error)
{
  return user_action (self, id, ACTION_CANCEL, error);
}

gboolean
mj_queue_resend (MjQueue  *self,
                 gint64    id,
                 GError  **error)
{
  return user_action (self, id, ACTION_RESEND, error);
}

gboolean
mj_queue_mark_sent (MjQueue  *self,
                    gint64    id,
                    GError  **error)
{
  return user_action (self, id, ACTION_MARK_SENT, error);
}

/* ------------------------------------------------------------------ */
/* Pauses                                                               */

static gboolean
set_pause (MjQueue     *self,
           const char  *account,
           const char  *reason,
           const char  *message,
           gboolean    *inserted,
           GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           "INSERT OR IGNORE INTO queue_pauses (account, reason, message, since) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_text (stmt, 2, reason);
  mj_store_stmt_bind_text (stmt, 3, message);
  mj_store_stmt_bind_int64 (stmt, 4, now_s ());
  if (!mj_store_stmt_run (stmt, error))
    return FALSE;
  if (inserted != NULL)
    *inserted = mj_store_changes (self->store) > 0;
  return TRUE;
}

static gboolean
clear_pause (MjQueue     *self,
             const char  *account,
             gboolean     only_automatic,
             GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           only_automatic
                           ? "DELETE FROM queue_pauses WHERE account = ?1 AND reason != 'user'"
                           : "DELETE FROM queue_pauses WHERE account = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, account);
  return mj_store_stmt_run (stmt, error);
}

gboolean
mj_queue_pause_account (MjQueue     *self,
                        const char  *account,
                        GError     **error)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return set_pause (self, account, "user", N_("Paused by you."), NULL, error);
}

gboolean
mj_queue_resume_account (MjQueue     *self,
                         const char  *account,
                         GError     **error)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  if (!clear_pause (self, account, FALSE, error))
    return FALSE;
  if (self->auto_send)
    kick (self);
  return TRUE;
}

static gboolean
get_pause (MjQueue     *self,
           const char  *account,
           char       **reason,
           char       **message)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           "SELECT reason, message FROM queue_pauses WHERE account = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, account);
  if (!mj_store_stmt_step (stmt, NULL))
    return FALSE;
  if (reason != NULL)
    *reason = mj_store_stmt_dup_text (stmt, 0);
  if (message != NULL)
    {
      const char *text = mj_store_stmt_get_text (stmt, 1);

      *message = g_strdup (text != NULL ? M_(text) : "");
    }
  return TRUE;
}

gboolean
mj_queue_is_account_paused (MjQueue     *self,
                            const char  *account,
                            char       **message)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return get_pause (self, account, NULL, message);
}

/* ------------------------------------------------------------------ */
/* Pacing and quota                                                     */

void
mj_queue_set_limits_override (MjQueue *self,
                              int      messages_per_minute,
                              int      recipients_per_day)
{
  g_return_if_fail (MJ_IS_QUEUE (self));
  self->mpm_override = messages_per_minute;
  self->rpd_override = recipients_per_day;
}

static void
get_limits (MjQueue    *self,
            const char *account_name,
            guint      *mpm,
            guint      *rpd)
{
  MjAccount *account = mj_account_store_lookup (self->accounts, account_name);
  MjProvider *provider = account != NULL ? mj_account_get_provider (account) : NULL;

  /* A custom server has no preset, hence no known limit, hence no delay. */
  *mpm = provider != NULL ? mj_provider_get_messages_per_minute (provider) : 0;
  *rpd = provider != NULL ? mj_provider_get_recipients_per_day (provider) : 0;
  if (self->mpm_override >= 0)
    *mpm = (guint) self->mpm_override;
  if (self->rpd_override >= 0)
    *rpd = (guint) self->rpd_override;
}

static guint
recipients_since (MjQueue    *self,
                  const char *account,
                  gint64      since_us)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           "SELECT COALESCE (SUM (n_recipients), 0) FROM send_log "
                           "WHERE account = ?1 AND time > ?2",
                           NULL);
  if (stmt == NULL)
    return 0;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_int64 (stmt, 2, since_us);
  if (!mj_store_stmt_step (stmt, NULL))
    return 0;
  return (guint) mj_store_stmt_get_int64 (stmt, 0);
}

void
mj_queue_get_quota (MjQueue    *self,
                    const char *account,
                    guint      *used,
                    guint      *limit)
{
  guint mpm, rpd;

  g_return_if_fail (MJ_IS_QUEUE (self));

  get_limits (self, account, &mpm, &rpd);
  if (used != NULL)
    *used = recipients_since (self, account, g_get_real_time () - DAY_US);
  if (limit != NULL)
    *limit = rpd;
}

char *
mj_queue_format_quota (MjQueue    *self,
                       const char *account)
{
  guint used, limit;

  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);

  mj_queue_get_quota (self, account, &used, &limit);
  if (limit == 0)
    return NULL;
  /* Translators: the daily sending quota, e.g. "Sent today: 23 of 300"
   * ("today" = the last 24 hours). */
  return g_strdup_printf (M_("Sent today: %u of %u"), used, limit);
}

/* When the daily window has room for @n more recipients: now, or the time
 * the oldest sends leave the rolling 24 hours. */
static gint64
quota_free_at (MjQueue    *self,
               const char *account,
               guint       limit,
               guint       n)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  guint used = recipients_since (self, account, now - DAY_US);

  if (limit == 0 || used + n <= limit)
    return now;
  if (n > limit)
    n = limit;

  stmt = mj_store_prepare (self->store,
                           "SELECT time, n_recipients FROM send_log "
                           "WHERE account = ?1 AND time > ?2 ORDER BY time",
                           NULL);
  if (stmt == NULL)
    return now + DAY_US;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_int64 (stmt, 2, now - DAY_US);
  while (mj_store_stmt_step (stmt, NULL))
    {
      used -= MIN (used, (guint) mj_store_stmt_get_int64 (stmt, 1));
      if (used + n <= limit)
        return mj_store_stmt_get_int64 (stmt, 0) + DAY_US;
    }
  return now + DAY_US;
}

static gint64
last_send_us (MjQueue    *self,
              const char *account)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           "SELECT COALESCE (MAX (time), 0) FROM send_log WHERE account = ?1", NULL);
  if (stmt == NULL)
    return 0;
  mj_store_stmt_bind_text (stmt, 1, account);
  if (!mj_store_stmt_step (stmt, NULL))
    return 0;
  return mj_store_stmt_get_int64 (stmt, 0);
}

/* ------------------------------------------------------------------ */
/* The batch                                                            */

static int
error_rank (const GError *error)
{
  if (error->domain == MJ_SMTP_ERROR)
    switch (error->code)
      {
      case MJ_SMTP_ERROR_AUTH: return 5;
      case MJ_SMTP_ERROR_CONNECT:
      case MJ_SMTP_ERROR_TLS: return 4;
      case MJ_SMTP_ERROR_PERMANENT:
      case MJ_SMTP_ERROR_PROTOCOL: return 3;
      case MJ_SMTP_ERROR_TEMPORARY: return 2;
      default: return 1;
      }
  return 1;
}

/* Keeps the most serious problem of the batch for run_finish(). */
static void
batch_note_error (MjQueue      *self,
                  const GError *error)
{
  int rank = error_rank (error);

  if (self->batch_error == NULL || rank > self->batch_rank)
    {
      g_clear_error (&self->batch_error);
      self->batch_error = g_error_copy (error);
      self->batch_rank = rank;
    }
}

static void
set_batch_counts (MjQueue *self,
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

static guint
count_due (MjQueue    *self,
           const char *account)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           account != NULL
                           ? "SELECT COUNT (*) FROM queue_items WHERE state IN ('queued', 'retry') "
                             "AND next_attempt <= ?1 AND account = ?2"
                           : "SELECT COUNT (*) FROM queue_items WHERE state IN ('queued', 'retry') "
                             "AND next_attempt <= ?1",
                           NULL);
  if (stmt == NULL)
    return 0;
  mj_store_stmt_bind_int64 (stmt, 1, now_s ());
  if (account != NULL)
    mj_store_stmt_bind_text (stmt, 2, account);
  if (!mj_store_stmt_step (stmt, NULL))
    return 0;
  return (guint) mj_store_stmt_get_int64 (stmt, 0);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  set_batch_counts (self, 0, 0);
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
    g_signal_emit (self, signals[BATCH_FINISHED], 0, &summary);
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
  set_batch_counts (self, MAX (self->batch_total, self->batch_done + 1), self->batch_done + 1);
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

static gboolean
claim_item (MjQueue  *self,
            gint64    id,
            GError  **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  if (!mj_store_begin (self->store, error))
    return FALSE;
  stmt = mj_store_prepare (self->store,
                           "UPDATE queue_items SET state = 'sending', attempts = attempts + 1, "
                           "  sending_pid = ?2, sending_start = ?3, updated = ?4 "
                           "WHERE id = ?1 AND state IN ('queued', 'retry')",
                           error);
  if (stmt == NULL)
    goto fail;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  mj_store_stmt_bind_int64 (stmt, 2, getpid ());
  mj_store_stmt_bind_text (stmt, 3, self->process_token);
  mj_store_stmt_bind_int64 (stmt, 4, now_s ());
  if (!mj_store_stmt_run (stmt, error))
    goto fail;
  if (mj_store_changes (self->store) != 1)
    {
      /* Another process took it first. */
      mj_store_rollback (self->store);
      return FALSE;
    }
  /* Durable before the first byte goes to the server: a crash from here on
   * leaves the item in `sending`, which start-up turns into `uncertain`. */
  return mj_store_commit (self->store, error);

fail:
  mj_store_rollback (self->store);
  return FALSE;
}

typedef struct {
  MjQueueState state;
  gint64 next_attempt;
  gboolean undo_attempt;     /* the message never reached the server */
  gboolean log_send;
} Outcome;

static gboolean
commit_outcome (MjQueue             *self,
                gint64               id,
                const char          *account,
                guint                n_recipients,
                const Outcome       *outcome,
                const MjSmtpResult  *result,
                const char          *error_text,
                GError             **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  gint64 now = now_s ();

  if (!mj_store_begin (self->store, error))
    return FALSE;
  stmt = mj_store_prepare (self->store,
                           "UPDATE queue_items SET state = ?2, next_attempt = ?3, "
                           "  attempts = attempts - ?4, last_code = ?5, last_reply = ?6, "
                           "  last_error = ?7, transcript = ?8, updated = ?9, "
                           "  sent = CASE WHEN ?2 = 'sent' THEN ?9 ELSE sent END, "
                           "  sending_pid = 0, sending_start = NULL "
                           "WHERE id = ?1 AND state = 'sending'",
                           error);
  if (stmt == NULL)
    goto fail;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  mj_store_stmt_bind_text (stmt, 2, mj_queue_state_to_string (outcome->state));
  mj_store_stmt_bind_int64 (stmt, 3, outcome->next_attempt);
  mj_store_stmt_bind_int64 (stmt, 4, outcome->undo_attempt ? 1 : 0);
  mj_store_stmt_bind_int64 (stmt, 5, result != NULL && result->reply != NULL ? result->reply->code : 0);
  mj_store_stmt_bind_text (stmt, 6, result != NULL && result->reply != NULL ? result->reply->raw : NULL);
  mj_store_stmt_bind_text (stmt, 7, error_text);
  mj_store_stmt_bind_text (stmt, 8, result != NULL ? result->transcript : NULL);
  mj_store_stmt_bind_int64 (stmt, 9, now);
  if (!mj_store_stmt_run (stmt, error))
    goto fail;

  if (outcome->log_send)
    {
      g_autoptr(MjStoreStmt) log = NULL;

      log = mj_store_prepare (self->store,
                              "INSERT INTO send_log (account, time, n_recipients) VALUES (?1, ?2, ?3)",
                              error);
      if (log == NULL)
        goto fail;
      mj_store_stmt_bind_text (log, 1, account);
      mj_store_stmt_bind_int64 (log, 2, g_get_real_time ());
      mj_store_stmt_bind_int64 (log, 3, n_recipients);
      if (!mj_store_stmt_run (log, error))
        goto fail;
    }
  return mj_store_commit (self->store, error);

fail:
  mj_store_rollback (self->store);
  return FALSE;
}

/* Reasons (the explainer's Sisimai vocabulary) that concern the sending
 * account rather than this one invoice: going on would fail every item
 * the same way, and Microsoft throttles mailboxes that keep failing. */
static gboolean
reason_concerns_account (const char *reason)
{
  static const char * const reasons[] = {
    "securityerror", "ratelimited", "blocked", "badreputation", "rejected",
    "norelaying", "authfailure", "requireptr", NULL
  };

  return reason != NULL && g_strv_contains (reasons, reason);
}

static void
pause_for_attention (MjQueue    *self,
                     const char *account,
                     const char *reason,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  gboolean inserted = FALSE;

  if (!set_pause (self, account, reason, message, &inserted, &error))
    g_warning ("Cannot pause %s: %s", account, error->message);
  self->summary.paused_accounts++;
  if (inserted)
    g_signal_emit (self, signals[ATTENTION], 0, account, message);
}

static char *
explain_for_user (const MjSmtpResult *result,
                  const GError       *error,
                  MjExplanation      *explanation)
{
  if (explanation != NULL)
    return g_strdup_printf ("%s %s", mj_explanation_get_title_ui (explanation),
                            mj_explanation_get_action_ui (explanation));
  return g_strdup (error != NULL ? error->message : "");
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
  g_autoptr(MjExplanation) explanation = NULL;
  g_autofree char *error_text = NULL;
  Outcome outcome = { 0 };
  gboolean stop_lane = FALSE;
  Lane *lane;

  result = mj_sender_send_finish (MJ_SENDER (source), res, &error);

  if (result != NULL && result->reply != NULL && error != NULL)
    explanation = mj_explainer_explain_reply (result->reply);

  if (error == NULL)
    {
      outcome.state = MJ_QUEUE_STATE_SENT;
      outcome.log_send = TRUE;
      self->summary.sent++;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped by us (the app is closing). Once DATA started we cannot
       * know what the server kept. */
      outcome.state = result != NULL && result->step >= MJ_SMTP_STEP_DATA
                      ? MJ_QUEUE_STATE_UNCERTAIN : MJ_QUEUE_STATE_QUEUED;
      outcome.undo_attempt = outcome.state == MJ_QUEUE_STATE_QUEUED;
      error_text = g_strdup (error->message);
      stop_lane = TRUE;
    }
  else if (g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH) ||
           g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS))
    {
      /* The account, not the invoice: pause the account once, keep the
       * invoice (and the others) queued. */
      outcome.state = MJ_QUEUE_STATE_QUEUED;
      outcome.undo_attempt = TRUE;
      error_text = explain_for_user (result, error, explanation);
      pause_for_attention (self, data->account,
                           error->code == MJ_SMTP_ERROR_AUTH ? "auth" : "attention", error_text);
      batch_note_error (self, error);
      stop_lane = TRUE;
    }
  else if (g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT))
    {
      /* The server cannot be reached: try this one later, and leave the
       * rest of the account for later too. */
      MjQueueItem *item = mj_queue_lookup (self, data->id);
      guint attempts = item != NULL ? mj_queue_item_get_attempts (item) : 1;

      outcome.state = MJ_QUEUE_STATE_RETRY;
      outcome.next_attempt = now_s () + mj_queue_backoff_delay (attempts, g_random_double ());
      error_text = g_strdup (error->message);
      batch_note_error (self, error);
      self->summary.retry++;
      stop_lane = TRUE;
    }
  else if (g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY))
    {
      MjQueueItem *item = mj_queue_lookup (self, data->id);
      g_autoptr(MjStoreStmt) stmt = NULL;
      guint attempts = 1, base = 0;

      stmt = mj_store_prepare (self->store,
                               "SELECT attempts, retry_base FROM queue_items WHERE id = ?1", NULL);
      if (stmt != NULL)
        {
          mj_store_stmt_bind_int64 (stmt, 1, data->id);
          if (mj_store_stmt_step (stmt, NULL))
            {
              attempts = (guint) mj_store_stmt_get_int64 (stmt, 0);
              base = (guint) mj_store_stmt_get_int64 (stmt, 1);
            }
        }
      (void) item;
      error_text = explain_for_user (result, error, explanation);
      if (explanation != NULL && !mj_explanation_get_retry (explanation))
        {
          outcome.state = MJ_QUEUE_STATE_FAILED;
          self->summary.failed++;
        }
      else if (attempts - MIN (attempts, base) >= MAX_ATTEMPTS)
        {
          g_autofree char *gave_up =
            g_strdup_printf (M_("Gave up after %u attempts."), attempts - MIN (attempts, base));
          char *joined = g_strconcat (error_text, " ", gave_up, NULL);

          g_free (error_text);
          error_text = joined;
          outcome.state = MJ_QUEUE_STATE_FAILED;
          self->summary.failed++;
        }
      else
        {
          outcome.state = MJ_QUEUE_STATE_RETRY;
          outcome.next_attempt = now_s () + mj_queue_backoff_delay (attempts - MIN (attempts, base),
                                                                     g_random_double ());
          self->summary.retry++;
        }
      batch_note_error (self, error);
      if (explanation != NULL && reason_concerns_account (mj_explanation_get_reason (explanation)))
        stop_lane = TRUE;   /* the server asks us to slow down: the rest waits */
    }
  else
    {
      /* 5xx (or a reply we cannot use): failed, with the explanation. */
      const char *reason = explanation != NULL ? mj_explanation_get_reason (explanation) : NULL;

      outcome.state = MJ_QUEUE_STATE_FAILED;
      error_text = explain_for_user (result, error, explanation);
      self->summary.failed++;
      batch_note_error (self, error);
      if (reason_concerns_account (reason) ||
          (result != NULL && result->step <= MJ_SMTP_STEP_MAIL))
        {
          /* Refused as a sender: every other invoice would be refused too. */
          pause_for_attention (self, data->account, "attention", error_text);
          stop_lane = TRUE;
        }
    }

  if (!commit_outcome (self, data->id, data->account, data->n_recipients, &outcome, result,
                       error_text, &store_error))
    g_warning ("Cannot record the outcome of queue item %" G_GINT64_FORMAT ": %s",
               data->id, store_error->message);
  refresh_item (self, data->id);
  self->data_version = read_data_version (self);
  batch_item_done (self);
  if (outcome.state == MJ_QUEUE_STATE_QUEUED && stop_lane)
    self->summary.held += count_due (self, data->account);

  lane = g_hash_table_lookup (self->lanes, data->account);
  if (lane != NULL && lane == data->lane && lane->current_id == data->id)
    {
      lane->current_id = 0;
      if (stop_lane)
        {
          lane_done (lane);
        }
      else
        lane_next (lane);
    }
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
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(MjMessage) message = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  g_autofree char *to = NULL, *cc = NULL, *bcc = NULL;
  AttachmentLists *lists;
  GError *local_error = NULL;

  stmt = mj_store_prepare (self->store,
                           "SELECT to_addrs, cc_addrs, bcc_addrs, subject, body, message_id, "
                           "  n_recipients FROM queue_items WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  if (!mj_store_stmt_step (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                     M_("There is no queued item %lld"), (long long) id);
      return NULL;
    }
  to = join_lines (mj_store_stmt_get_text (stmt, 0));
  cc = join_lines (mj_store_stmt_get_text (stmt, 1));
  bcc = join_lines (mj_store_stmt_get_text (stmt, 2));
  message = build_message (account, to, cc, bcc, mj_store_stmt_get_text (stmt, 3),
                           mj_store_stmt_get_text (stmt, 4), mj_store_stmt_get_text (stmt, 5),
                           error);
  if (message == NULL)
    return NULL;
  *n_recipients = (guint) mj_store_stmt_get_int64 (stmt, 6);

  attachments = read_attachments (self, id, error);
  if (attachments == NULL)
    return NULL;
  lists = g_hash_table_lookup (attachments, &id);
  for (guint i = 0; lists != NULL && i < lists->paths->len; i++)
    {
      const char *path = g_ptr_array_index (lists->paths, i);
      const char *name = g_ptr_array_index (lists->names, i);
      const char *hash = g_ptr_array_index (lists->hashes, i);
      g_autofree char *contents = NULL;
      g_autofree char *actual = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      if (actual == NULL || strcmp (actual, hash) != 0)
        {
          g_set_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_ATTACHMENT,
                       M_("The kept copy of “%s” is missing or damaged; add the invoice again"),
                       name);
          return NULL;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (!mj_message_add_attachment_bytes (message, bytes, name,
                                            g_str_has_suffix (path, ".pdf")
                                            ? "application/pdf" : "application/octet-stream",
                                            error))
        return NULL;
    }
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

/* Finds the next item due for this account and sends it, or ends the lane. */
static void
lane_next (Lane *lane)
{
  MjQueue *self = lane->queue;
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *why = NULL;
  MjAccount *account;
  SendData *data;
  guint mpm, rpd, n_recipients = 1;
  gint64 id, earliest;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      lane_done (lane);
      return;
    }

  if (get_pause (self, lane->account, &reason, &why))
    {
      guint due = count_due (self, lane->account);

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

  stmt = mj_store_prepare (self->store,
                           "SELECT id, n_recipients FROM queue_items WHERE account = ?1 "
                           "AND state IN ('queued', 'retry') AND next_attempt <= ?2 "
                           "ORDER BY next_attempt, id LIMIT 1",
                           &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      lane_done (lane);
      return;
    }
  mj_store_stmt_bind_text (stmt, 1, lane->account);
  mj_store_stmt_bind_int64 (stmt, 2, now_s ());
  if (!mj_store_stmt_step (stmt, NULL))
    {
      lane_done (lane);
      return;
    }
  id = mj_store_stmt_get_int64 (stmt, 0);
  n_recipients = (guint) mj_store_stmt_get_int64 (stmt, 1);
  g_clear_pointer (&stmt, mj_store_stmt_free);

  account = mj_account_store_lookup (self->accounts, lane->account);
  if (account == NULL)
    {
      g_autoptr(GError) missing = NULL;
      guint due = count_due (self, lane->account);

      g_set_error (&missing, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                   M_("There is no account named “%s”"), lane->account);
      batch_note_error (self, missing);
      self->summary.held += due;
      lane_done (lane);
      return;
    }

  /* Offline: hold everything (a loopback server is always reachable). */
  if (!g_network_monitor_get_network_available (self->monitor) &&
      !host_is_local (mj_account_get_host (account)))
    {
      g_autoptr(GError) offline = NULL;

      g_set_error_literal (&offline, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                           M_("This computer is offline; the invoices will go when it is back online"));
      batch_note_error (self, offline);
      self->summary.held += count_due (self, lane->account);
      lane_done (lane);
      return;
    }

  /* Pacing: messages per minute (evenly spaced) and recipients per rolling
   * 24 hours, counted from the stored history (other processes too). */
  get_limits (self, lane->account, &mpm, &rpd);
  earliest = g_get_real_time ();
  if (mpm > 0)
    {
      gint64 interval = 60 * G_USEC_PER_SEC / mpm;
      gint64 last = MAX (lane->last_attempt_us, last_send_us (self, lane->account));

      if (last > 0)
        earliest = MAX (earliest, last + interval);
    }
  if (rpd > 0)
    {
      gint64 free_at = quota_free_at (self, lane->account, rpd, n_recipients);

      if (free_at > g_get_real_time ())
        {
          g_autoptr(GError) quota = NULL;
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (free_at / G_USEC_PER_SEC);
          g_autofree char *time_text = g_date_time_format (when, "%Y-%m-%d %H:%M");

          /* Paused before the limit; the auto-send poll resumes it. */
          g_set_error (&quota, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY,
                       M_("The daily sending limit of %s is reached; sending goes on at %s"),
                       lane->account, time_text);
          batch_note_error (self, quota);
          self->summary.held += count_due (self, lane->account);
          lane_done (lane);
          return;
        }
    }
  if (earliest > g_get_real_time () + 1000)
    {
      lane_wait_until (lane, earliest);
      return;
    }

  if (!claim_item (self, id, &error))
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
  refresh_item (self, id);
  lane->last_attempt_us = g_get_real_time ();

  message = message_for_item (self, account, id, &n_recipients, &error);
  if (message == NULL)
    {
      Outcome outcome = { MJ_QUEUE_STATE_FAILED, 0, TRUE, FALSE };
      g_autoptr(GError) store_error = NULL;

      if (!commit_outcome (self, id, lane->account, n_recipients, &outcome, NULL, error->message,
                           &store_error))
        g_warning ("%s", store_error->message);
      refresh_item (self, id);
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

static GPtrArray *
accounts_with_due_items (MjQueue    *self,
                         const char *only)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  stmt = mj_store_prepare (self->store,
                           "SELECT DISTINCT account FROM queue_items "
                           "WHERE state IN ('queued', 'retry') AND next_attempt <= ?1",
                           NULL);
  if (stmt == NULL)
    return names;
  mj_store_stmt_bind_int64 (stmt, 1, now_s ());
  while (mj_store_stmt_step (stmt, NULL))
    {
      const char *name = mj_store_stmt_get_text (stmt, 0);

      if (only == NULL || g_str_equal (only, name))
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

/* Starts a lane for every account with due items (that has none yet).
 * Returns how many lanes run now. */
static guint
start_lanes (MjQueue    *self,
             const char *only)
{
  g_autoptr(GPtrArray) names = accounts_with_due_items (self, only);
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
      due += count_due (self, name);
    }

  if (g_hash_table_size (self->lanes) > 0)
    {
      GHashTableIter iter;
      Lane *lane;
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      set_batch_counts (self, self->batch_total + due, self->batch_done);
      if (!was_busy)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

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
  if (account != NULL)
    {
      if (!clear_pause (self, account, TRUE, &error))
        g_warning ("%s", error->message);
    }
  else if (!mj_store_exec (self->store, "DELETE FROM queue_pauses WHERE reason != 'user'", &error))
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
