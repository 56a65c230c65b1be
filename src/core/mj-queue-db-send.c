#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-db.h"

/* The SQL of sending (see mj-queue-db.h): recovery after a crash, pauses,
 * due items, claiming an item and recording the outcome of its send. */

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ------------------------------------------------------------------ */
/* Start-up                                                             */

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

char *
mj_queue_db_process_token (void)
{
  return process_token (getpid ());
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

/* Items left in `sending` by a process that is gone: we cannot know whether
 * the server got them, so they become `uncertain` and wait for the user. */
gboolean
mj_queue_db_recover_interrupted (MjStore  *store,
                                 GError  **error)
{
  g_autoptr(MjStoreStmt) select = NULL;
  g_autoptr(GArray) dead = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;

  select = mj_store_prepare (store,
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

  if (!mj_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < dead->len; i++)
    {
      g_autoptr(MjStoreStmt) update = NULL;

      update = mj_store_prepare (store,
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
  return mj_store_commit (store, error);

fail:
  mj_store_rollback (store);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Pauses                                                               */

gboolean
mj_queue_db_set_pause (MjStore     *store,
                       const char  *account,
                       const char  *reason,
                       const char  *message,
                       gboolean    *inserted,
                       GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (store,
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
    *inserted = mj_store_changes (store) > 0;
  return TRUE;
}

gboolean
mj_queue_db_clear_pause (MjStore     *store,
                         const char  *account,
                         gboolean     only_automatic,
                         GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  if (account == NULL)
    return mj_store_exec (store,
                          only_automatic
                          ? "DELETE FROM queue_pauses WHERE reason != 'user'"
                          : "DELETE FROM queue_pauses",
                          error);

  stmt = mj_store_prepare (store,
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
mj_queue_db_get_pause (MjStore     *store,
                       const char  *account,
                       char       **reason,
                       char       **message)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (store,
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

/* ------------------------------------------------------------------ */
/* Sending                                                              */

guint
mj_queue_db_count_due (MjStore    *store,
                       const char *account)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (store,
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

GPtrArray *
mj_queue_db_accounts_with_due (MjStore    *store,
                               const char *only)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  stmt = mj_store_prepare (store,
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

gboolean
mj_queue_db_next_due (MjStore     *store,
                      const char  *account,
                      gint64      *id,
                      guint       *n_recipients,
                      GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (store,
                           "SELECT id, n_recipients FROM queue_items WHERE account = ?1 "
                           "AND state IN ('queued', 'retry') AND next_attempt <= ?2 "
                           "ORDER BY next_attempt, id LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_int64 (stmt, 2, now_s ());
  if (!mj_store_stmt_step (stmt, NULL))
    return FALSE;
  *id = mj_store_stmt_get_int64 (stmt, 0);
  *n_recipients = (guint) mj_store_stmt_get_int64 (stmt, 1);
  return TRUE;
}

gboolean
mj_queue_db_claim (MjStore     *store,
                   gint64       id,
                   const char  *process_token,
                   GError     **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  if (!mj_store_begin (store, error))
    return FALSE;
  stmt = mj_store_prepare (store,
                           "UPDATE queue_items SET state = 'sending', attempts = attempts + 1, "
                           "  sending_pid = ?2, sending_start = ?3, updated = ?4 "
                           "WHERE id = ?1 AND state IN ('queued', 'retry')",
                           error);
  if (stmt == NULL)
    goto fail;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  mj_store_stmt_bind_int64 (stmt, 2, getpid ());
  mj_store_stmt_bind_text (stmt, 3, process_token);
  mj_store_stmt_bind_int64 (stmt, 4, now_s ());
  if (!mj_store_stmt_run (stmt, error))
    goto fail;
  if (mj_store_changes (store) != 1)
    {
      /* Another process took it first. */
      mj_store_rollback (store);
      return FALSE;
    }
  /* Durable before the first byte goes to the server: a crash from here on
   * leaves the item in `sending`, which start-up turns into `uncertain`. */
  return mj_store_commit (store, error);

fail:
  mj_store_rollback (store);
  return FALSE;
}

void
mj_queue_db_get_attempts (MjStore *store,
                          gint64   id,
                          guint   *attempts,
                          guint   *retry_base)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  *attempts = 1;
  *retry_base = 0;
  stmt = mj_store_prepare (store, "SELECT attempts, retry_base FROM queue_items WHERE id = ?1",
                           NULL);
  if (stmt == NULL)
    return;
  mj_store_stmt_bind_int64 (stmt, 1, id);
  if (mj_store_stmt_step (stmt, NULL))
    {
      *attempts = (guint) mj_store_stmt_get_int64 (stmt, 0);
      *retry_base = (guint) mj_store_stmt_get_int64 (stmt, 1);
    }
}

gboolean
mj_queue_db_commit_outcome (MjStore               *store,
                            gint64                 id,
                            const char            *account,
                            guint                  n_recipients,
                            const MjQueueOutcome  *outcome,
                            const MjSmtpResult    *result,
                            const char            *error_text,
                            GError               **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  gint64 now = now_s ();

  if (!mj_store_begin (store, error))
    return FALSE;
  stmt = mj_store_prepare (store,
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

      log = mj_store_prepare (store,
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
  return mj_store_commit (store, error);

fail:
  mj_store_rollback (store);
  return FALSE;
}
