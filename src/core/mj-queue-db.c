#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-attachments.h"
#include "mj-queue-db.h"

/* The SQL of the items (see mj-queue-db.h): reading rows, adding, the
 * user's actions. The SQL of sending is in mj-queue-db-send.c. */

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
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

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
               M_("There is no queued item %lld"), (long long) id);
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
read_attachments (MjStore  *store,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) attachment_lists_free);
  g_autofree char *dir = mj_queue_get_attachments_dir ();
  GError *local_error = NULL;

  stmt = mj_store_prepare (store,
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
      g_ptr_array_add (lists->paths, mj_queue_attachment_path (dir, hash, name));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&table);
}

gboolean
mj_queue_db_read_row (MjStore     *store,
                      gint64       id,
                      MjQueueRow  *row,
                      GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  GError *local_error = NULL;

  stmt = mj_store_prepare (store, "SELECT " ROW_COLUMNS " FROM queue_items WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  if (!mj_store_stmt_step (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_not_found (error, id);
      return FALSE;
    }
  row_from_stmt (row, stmt);
  attachments = read_attachments (store, id, error);
  if (attachments == NULL)
    {
      mj_queue_row_clear (row);
      return FALSE;
    }
  row_take_attachments (row, g_hash_table_lookup (attachments, &id));
  return TRUE;
}

gboolean
mj_queue_db_foreach_row (MjStore         *store,
                         MjQueueRowFunc   func,
                         gpointer         user_data,
                         GError         **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  GError *local_error = NULL;

  attachments = read_attachments (store, 0, error);
  if (attachments == NULL)
    return FALSE;

  stmt = mj_store_prepare (store, "SELECT " ROW_COLUMNS " FROM queue_items ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while (mj_store_stmt_step (stmt, &local_error))
    {
      MjQueueRow row = { 0 };

      row_from_stmt (&row, stmt);
      row_take_attachments (&row, g_hash_table_lookup (attachments, &row.id));
      func (&row, user_data);
      mj_queue_row_clear (&row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gint64
mj_queue_db_data_version (MjStore *store)
{
  g_autoptr(MjStoreStmt) stmt = mj_store_prepare (store, "PRAGMA data_version", NULL);

  if (stmt == NULL || !mj_store_stmt_step (stmt, NULL))
    return -1;
  return mj_store_stmt_get_int64 (stmt, 0);
}

gboolean
mj_queue_db_read_details (MjStore  *store,
                          gint64    id,
                          char    **body,
                          char    **transcript,
                          GError  **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  GError *local_error = NULL;

  stmt = mj_store_prepare (store, "SELECT body, transcript FROM queue_items WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  if (!mj_store_stmt_step (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_not_found (error, id);
      return FALSE;
    }
  *body = mj_store_stmt_dup_text (stmt, 0);
  *transcript = mj_store_stmt_dup_text (stmt, 1);
  return TRUE;
}

gboolean
mj_queue_db_read_message (MjStore     *store,
                          gint64       id,
                          MjQueueRow  *row,
                          GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GHashTable) attachments = NULL;
  GError *local_error = NULL;

  stmt = mj_store_prepare (store,
                           "SELECT to_addrs, cc_addrs, bcc_addrs, subject, body, message_id, "
                           "  n_recipients FROM queue_items WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  if (!mj_store_stmt_step (stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_not_found (error, id);
      return FALSE;
    }
  row->id = id;
  row->to = join_lines (mj_store_stmt_get_text (stmt, 0));
  row->cc = join_lines (mj_store_stmt_get_text (stmt, 1));
  row->bcc = join_lines (mj_store_stmt_get_text (stmt, 2));
  row->subject = mj_store_stmt_dup_text (stmt, 3);
  row->body = mj_store_stmt_dup_text (stmt, 4);
  row->message_id = mj_store_stmt_dup_text (stmt, 5);
  row->n_recipients = (guint) mj_store_stmt_get_int64 (stmt, 6);

  attachments = read_attachments (store, id, error);
  if (attachments == NULL)
    {
      mj_queue_row_clear (row);
      return FALSE;
    }
  row_take_attachments (row, g_hash_table_lookup (attachments, &id));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Adding                                                               */

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
gboolean
mj_queue_db_check_duplicate (MjStore             *store,
                             GPtrArray           *copies,
                             const char * const  *recipients,
                             GError             **error)
{
  for (guint i = 0; i < copies->len; i++)
    {
      MjQueueCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(MjStoreStmt) stmt = NULL;
      GError *local_error = NULL;

      stmt = mj_store_prepare (store,
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

gboolean
mj_queue_db_insert (MjStore     *store,
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

  if (!mj_store_begin (store, error))
    return FALSE;

  stmt = mj_store_prepare (store,
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
  *id = mj_store_last_insert_id (store);

  for (guint i = 0; i < copies->len; i++)
    {
      MjQueueCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(MjStoreStmt) att = NULL;

      att = mj_store_prepare (store,
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

  return mj_store_commit (store, error);

fail:
  mj_store_rollback (store);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* User actions                                                         */

gboolean
mj_queue_db_user_action (MjStore        *store,
                         gint64          id,
                         MjQueueAction   action,
                         MjQueueState   *target_state,
                         GError        **error)
{
  static const guint allowed_from[] = {
    [MJ_QUEUE_ACTION_RETRY] = (1u << MJ_QUEUE_STATE_FAILED) | (1u << MJ_QUEUE_STATE_RETRY) |
                              (1u << MJ_QUEUE_STATE_CANCELLED),
    [MJ_QUEUE_ACTION_CANCEL] = (1u << MJ_QUEUE_STATE_QUEUED) | (1u << MJ_QUEUE_STATE_RETRY) |
                               (1u << MJ_QUEUE_STATE_FAILED) | (1u << MJ_QUEUE_STATE_UNCERTAIN),
    [MJ_QUEUE_ACTION_RESEND] = (1u << MJ_QUEUE_STATE_UNCERTAIN),
    [MJ_QUEUE_ACTION_MARK_SENT] = (1u << MJ_QUEUE_STATE_UNCERTAIN),
  };
  static const MjQueueState target[] = {
    [MJ_QUEUE_ACTION_RETRY] = MJ_QUEUE_STATE_QUEUED,
    [MJ_QUEUE_ACTION_CANCEL] = MJ_QUEUE_STATE_CANCELLED,
    [MJ_QUEUE_ACTION_RESEND] = MJ_QUEUE_STATE_QUEUED,
    [MJ_QUEUE_ACTION_MARK_SENT] = MJ_QUEUE_STATE_SENT,
  };
  g_autoptr(MjStoreStmt) select = NULL;
  g_autoptr(MjStoreStmt) update = NULL;
  MjQueueState state = MJ_QUEUE_STATE_QUEUED;
  GError *local_error = NULL;
  gint64 now = now_s ();

  if (!mj_store_begin (store, error))
    return FALSE;
  select = mj_store_prepare (store, "SELECT state FROM queue_items WHERE id = ?1", error);
  if (select == NULL)
    goto fail;
  mj_store_stmt_bind_int64 (select, 1, id);
  if (!mj_store_stmt_step (select, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_not_found (error, id);
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
    case MJ_QUEUE_ACTION_RETRY:
    case MJ_QUEUE_ACTION_RESEND:
      update = mj_store_prepare (store,
                                 "UPDATE queue_items SET state = 'queued', next_attempt = 0, "
                                 "  retry_base = attempts, updated = ?2 WHERE id = ?1",
                                 error);
      break;
    case MJ_QUEUE_ACTION_CANCEL:
      update = mj_store_prepare (store,
                                 "UPDATE queue_items SET state = 'cancelled', updated = ?2 "
                                 "WHERE id = ?1",
                                 error);
      break;
    case MJ_QUEUE_ACTION_MARK_SENT:
      update = mj_store_prepare (store,
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
  if (action == MJ_QUEUE_ACTION_MARK_SENT)
    mj_store_stmt_bind_text (update, 3, N_("Marked as sent by you."));
  if (!mj_store_stmt_run (update, error))
    goto fail;
  if (!mj_store_commit (store, error))
    return FALSE;

  if (target_state != NULL)
    *target_state = target[action];
  return TRUE;

fail:
  mj_store_rollback (store);
  return FALSE;
}
