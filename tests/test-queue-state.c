/* Unit tests of the send queue's state machine, policy and store: no
 * network. */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "mj-account-store.h"
#include "mj-error.h"
#include "mj-queue.h"
#include "mj-queue-policy.h"
#include "mj-smtp-reply.h"
#include "mj-store.h"

typedef struct {
  char *root;
  char *pdf;
  char *pdf2;
  MjStore *store;
  MjAccountStore *accounts;
  MjQueue *queue;
} Fixture;

static void
write_pdf (const char *path,
           const char *marker)
{
  g_autofree char *text = g_strdup_printf ("%%PDF-1.4\n%% %s\n%%%%EOF\n", marker);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *accounts_path = NULL;

  f->root = g_dir_make_tmp ("mj-queue-state-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (f->root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  f->pdf = g_build_filename (f->root, "Factura-2026-031.pdf", NULL);
  f->pdf2 = g_build_filename (f->root, "Factura-2026-032.pdf", NULL);
  write_pdf (f->pdf, "invoice 31");
  write_pdf (f->pdf2, "invoice 32");

  accounts_path = g_build_filename (f->root, "accounts.ini", NULL);
  f->accounts = mj_account_store_new_for_path (accounts_path, &error);
  g_assert_no_error (error);
  account = mj_account_new ("shop", "facturas@example.test");
  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_port (account, 2525);
  g_assert_true (mj_account_store_add (f->accounts, account, &error));
  g_assert_no_error (error);

  f->store = mj_store_open (NULL, &error);
  g_assert_no_error (error);
  f->queue = mj_queue_new (f->store, f->accounts, &error);
  g_assert_no_error (error);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->queue);
  g_clear_object (&f->accounts);
  g_clear_object (&f->store);
  rm_rf (f->root);
  g_free (f->root);
  g_free (f->pdf);
  g_free (f->pdf2);
}

static MjQueueItem *
add_item (Fixture         *f,
          const char      *to,
          const char      *pdf,
          MjQueueAddFlags  flags,
          GError         **error)
{
  const char *files[] = { pdf, NULL };
  MjQueueDraft draft = {
    .account = "shop",
    .to = to,
    .subject = "Factura Nº 2026-031",
    .body = "Adjunto la factura.",
    .files = files,
  };

  return mj_queue_add (f->queue, &draft, flags, error);
}

static void
set_state_raw (Fixture    *f,
               gint64      id,
               const char *sql_tail)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE queue_items SET %s WHERE id = %" G_GINT64_FORMAT,
                                          sql_tail, id);
  g_autoptr(GError) error = NULL;

  g_assert_true (mj_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static MjQueue *
reopen_queue (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->queue);
  f->queue = mj_queue_new (f->store, f->accounts, &error);
  g_assert_no_error (error);
  return f->queue;
}

/* ------------------------------------------------------------------ */

static void
test_transitions (void)
{
  /* Every legal move of the documented machine. */
  static const struct { MjQueueState from, to; } legal[] = {
    { MJ_QUEUE_STATE_QUEUED, MJ_QUEUE_STATE_SENDING },
    { MJ_QUEUE_STATE_QUEUED, MJ_QUEUE_STATE_CANCELLED },
    { MJ_QUEUE_STATE_SENDING, MJ_QUEUE_STATE_SENT },
    { MJ_QUEUE_STATE_SENDING, MJ_QUEUE_STATE_RETRY },
    { MJ_QUEUE_STATE_SENDING, MJ_QUEUE_STATE_FAILED },
    { MJ_QUEUE_STATE_SENDING, MJ_QUEUE_STATE_UNCERTAIN },
    { MJ_QUEUE_STATE_SENDING, MJ_QUEUE_STATE_QUEUED },
    { MJ_QUEUE_STATE_RETRY, MJ_QUEUE_STATE_SENDING },
    { MJ_QUEUE_STATE_RETRY, MJ_QUEUE_STATE_QUEUED },
    { MJ_QUEUE_STATE_RETRY, MJ_QUEUE_STATE_CANCELLED },
    { MJ_QUEUE_STATE_FAILED, MJ_QUEUE_STATE_QUEUED },
    { MJ_QUEUE_STATE_FAILED, MJ_QUEUE_STATE_CANCELLED },
    { MJ_QUEUE_STATE_UNCERTAIN, MJ_QUEUE_STATE_QUEUED },
    { MJ_QUEUE_STATE_UNCERTAIN, MJ_QUEUE_STATE_SENT },
    { MJ_QUEUE_STATE_UNCERTAIN, MJ_QUEUE_STATE_CANCELLED },
    { MJ_QUEUE_STATE_CANCELLED, MJ_QUEUE_STATE_QUEUED },
  };
  guint n_legal = 0;

  for (guint from = 0; from < MJ_QUEUE_N_STATES; from++)
    for (guint to = 0; to < MJ_QUEUE_N_STATES; to++)
      {
        gboolean expected = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (legal); i++)
          if (legal[i].from == from && legal[i].to == to)
            expected = TRUE;
        if (mj_queue_state_can_change (from, to) != expected)
          g_error ("%s → %s should be %s", mj_queue_state_to_string (from),
                   mj_queue_state_to_string (to), expected ? "legal" : "illegal");
        n_legal += expected;
      }
  g_assert_cmpuint (n_legal, ==, G_N_ELEMENTS (legal));

  /* The important refusals, spelled out. */
  g_assert_false (mj_queue_state_can_change (MJ_QUEUE_STATE_SENT, MJ_QUEUE_STATE_SENDING));
  g_assert_false (mj_queue_state_can_change (MJ_QUEUE_STATE_SENT, MJ_QUEUE_STATE_QUEUED));
  g_assert_false (mj_queue_state_can_change (MJ_QUEUE_STATE_UNCERTAIN, MJ_QUEUE_STATE_SENDING));
  g_assert_false (mj_queue_state_can_change (MJ_QUEUE_STATE_QUEUED, MJ_QUEUE_STATE_SENT));
  g_assert_false (mj_queue_state_can_change (MJ_QUEUE_STATE_FAILED, MJ_QUEUE_STATE_SENDING));
  g_assert_false (mj_queue_state_can_change (MJ_QUEUE_N_STATES, MJ_QUEUE_STATE_QUEUED));

  for (guint s = 0; s < MJ_QUEUE_N_STATES; s++)
    {
      MjQueueState back = MJ_QUEUE_N_STATES;

      g_assert_true (mj_queue_state_from_string (mj_queue_state_to_string (s), &back));
      g_assert_cmpuint (back, ==, s);
      g_assert_nonnull (mj_queue_state_get_label (s));
    }
  g_assert_false (mj_queue_state_from_string ("delivered", &(MjQueueState) { 0 }));
}

static void
test_backoff (void)
{
  gint64 previous_low = 0;

  for (guint attempts = 1; attempts <= 30; attempts++)
    {
      gint64 low = mj_queue_backoff_delay (attempts, 0.0);
      gint64 high = mj_queue_backoff_delay (attempts, 0.999999);
      gint64 nominal = MIN ((gint64) 120 << MIN (attempts - 1, 20), 3600);

      g_assert_cmpint (low, >=, nominal * 3 / 4);
      g_assert_cmpint (high, <=, nominal * 5 / 4);
      g_assert_cmpint (low, <, high);
      g_assert_cmpint (low, >=, previous_low);     /* never shrinks */
      g_assert_cmpint (high, <=, 4500);            /* at most 75 minutes */
      previous_low = low;
      for (guint i = 0; i < 50; i++)
        {
          gint64 d = mj_queue_backoff_delay (attempts, g_random_double ());
          g_assert_cmpint (d, >=, low);
          g_assert_cmpint (d, <=, high);
        }
    }
  g_assert_cmpint (mj_queue_backoff_delay (1, 0.5), ==, 120);
  g_assert_cmpuint (mj_queue_get_max_attempts (), >=, 3);
  g_assert_cmpuint (mj_queue_get_max_attempts (), <=, 12);
}

static void
test_store_migrations (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjStore) again = NULL;
  g_autoptr(MjStore) newer = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpuint (mj_store_get_schema_version (f->store), ==,
                    mj_store_get_latest_schema_version ());
  g_assert_true (g_str_has_suffix (mj_store_get_path (f->store), "mensajero/mensajero.sqlite3"));
  g_assert_true (g_file_test (mj_store_get_path (f->store), G_FILE_TEST_EXISTS));

  /* A second connection (another process) sees the same schema. */
  again = mj_store_open (mj_store_get_path (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mj_store_get_schema_version (again), ==,
                    mj_store_get_latest_schema_version ());
  g_clear_object (&again);

  /* A database from a future version is refused, not damaged. */
  sql = g_strdup_printf ("PRAGMA user_version = %u", mj_store_get_latest_schema_version () + 1);
  g_assert_true (mj_store_exec (f->store, sql, &error));
  newer = mj_store_open (mj_store_get_path (f->store), &error);
  g_assert_error (error, MJ_STORE_ERROR, MJ_STORE_ERROR_TOO_NEW);
  g_assert_null (newer);
  g_clear_error (&error);
  g_free (sql);
  sql = g_strdup_printf ("PRAGMA user_version = %u", mj_store_get_latest_schema_version ());
  g_assert_true (mj_store_exec (f->store, sql, &error));

  /* Bad SQL is an error, not a crash; transactions roll back. */
  g_assert_false (mj_store_exec (f->store, "SELECT * FROM no_such_table", &error));
  g_assert_error (error, MJ_STORE_ERROR, MJ_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (mj_store_begin (f->store, &error));
  g_assert_true (mj_store_exec (f->store, "INSERT INTO send_log VALUES ('x', 1, 1)", &error));
  mj_store_rollback (f->store);
  {
    g_autoptr(MjStoreStmt) stmt = mj_store_prepare (f->store, "SELECT COUNT (*) FROM send_log", &error);
    g_assert_no_error (error);
    g_assert_true (mj_store_stmt_step (stmt, &error));
    g_assert_cmpint (mj_store_stmt_get_int64 (stmt, 0), ==, 0);
  }
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy_contents = NULL;
  MjQueueItem *item;
  const char * const *paths;
  GListModel *model = mj_queue_get_items (f->queue);

  item = add_item (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_QUEUED);
  g_assert_cmpstr (mj_queue_item_get_to (item), ==, "cliente@example.org");
  g_assert_cmpstr (mj_queue_item_get_subject (item), ==, "Factura Nº 2026-031");
  g_assert_cmpuint (mj_queue_item_get_attempts (item), ==, 0);
  g_assert_cmpuint (mj_queue_item_get_n_recipients (item), ==, 1);
  g_assert_true (g_str_has_suffix (mj_queue_item_get_message_id (item), "@example.test"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* The PDF is kept under attachments/ by its SHA-256. */
  paths = mj_queue_item_get_attachment_paths (item);
  g_assert_nonnull (paths);
  g_assert_cmpuint (g_strv_length ((char **) paths), ==, 1);
  g_assert_true (g_file_get_contents (f->pdf, &contents, NULL, NULL));
  g_assert_true (g_file_get_contents (paths[0], &copy_contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, copy_contents);
  {
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
    g_autofree char *dir = mj_queue_get_attachments_dir ();
    g_autofree char *base = g_path_get_basename (paths[0]);
    g_autofree char *parent = g_path_get_dirname (paths[0]);

    g_assert_cmpstr (mj_queue_item_get_attachment_hashes (item)[0], ==, hash);
    g_assert_cmpstr (parent, ==, dir);
    g_assert_true (g_str_has_prefix (base, hash));
  }
  g_assert_cmpstr (mj_queue_item_get_attachment_names (item)[0], ==, "Factura-2026-031.pdf");

  /* The original may go away: the queue has its own copy. */
  g_unlink (f->pdf);
  reopen_queue (f);
  item = mj_queue_lookup (f->queue, 1);
  g_assert_nonnull (item);
  g_assert_true (mj_queue_load_details (f->queue, item, &error));
  g_assert_cmpstr (mj_queue_item_get_body (item), ==, "Adjunto la factura.");
  g_assert_true (g_file_test (mj_queue_item_get_attachment_paths (item)[0], G_FILE_TEST_EXISTS));

  /* Bad input is refused before anything is stored. */
  g_assert_null (add_item (f, "not an address", f->pdf2, MJ_QUEUE_ADD_NONE, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS);
  g_clear_error (&error);
  g_assert_null (add_item (f, "a@example.org", "/nonexistent/x.pdf", MJ_QUEUE_ADD_NONE, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE);
  g_clear_error (&error);
  {
    const char *files[] = { f->pdf2, NULL };
    MjQueueDraft draft = { .account = "nobody", .to = "a@example.org", .files = files };

    g_assert_null (mj_queue_add (f->queue, &draft, 0, &error));
    g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (f->queue)), ==, 1);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MjQueueItem *first, *second;

  first = add_item (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  g_assert_no_error (error);

  /* Same PDF, same recipient (any case): asks first. */
  g_assert_null (add_item (f, "Cliente@Example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Same PDF to someone else, or another PDF to the same client: fine. */
  g_assert_nonnull (add_item (f, "otro@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (add_item (f, "cliente@example.org", f->pdf2, MJ_QUEUE_ADD_NONE, &error));
  g_assert_no_error (error);

  /* Forced: queued again, with its own Message-ID. */
  second = add_item (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_FORCE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mj_queue_item_get_message_id (first), !=, mj_queue_item_get_message_id (second));

  /* Once both are cancelled, it is no repeat any more. */
  g_assert_true (mj_queue_cancel (f->queue, mj_queue_item_get_id (first), &error));
  g_assert_true (mj_queue_cancel (f->queue, mj_queue_item_get_id (second), &error));
  g_assert_no_error (error);
  g_assert_nonnull (add_item (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (f->queue)), ==, 5);
}

static void
test_uncertain_at_startup (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MjQueueItem *dead, *alive, *item;
  gint64 dead_id, alive_id;
  g_autofree char *message_id = NULL;

  dead = add_item (f, "a@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  alive = add_item (f, "b@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  g_assert_no_error (error);
  dead_id = mj_queue_item_get_id (dead);
  alive_id = mj_queue_item_get_id (alive);
  message_id = g_strdup (mj_queue_item_get_message_id (dead));

  /* One was being sent by a process that is gone (SIGKILL, power cut),
   * the other by a process that still runs (this one). */
  set_state_raw (f, dead_id, "state = 'sending', attempts = 1, sending_pid = 1073741823, "
                             "sending_start = 'gone'");
  {
    g_autofree char *tail = g_strdup_printf ("state = 'sending', attempts = 1, sending_pid = %d, "
                                             "sending_start = NULL", (int) getpid ());
    set_state_raw (f, alive_id, tail);
  }
  reopen_queue (f);

  item = mj_queue_lookup (f->queue, dead_id);
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_UNCERTAIN);
  g_assert_nonnull (mj_queue_item_get_last_error (item));
  g_assert_cmpint (mj_queue_item_get_state (mj_queue_lookup (f->queue, alive_id)), ==,
                   MJ_QUEUE_STATE_SENDING);

  /* Never re-sent silently: a retry is refused, only resend/mark-sent. */
  g_assert_false (mj_queue_retry (f->queue, dead_id, &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_STATE);
  g_clear_error (&error);

  g_assert_true (mj_queue_resend (f->queue, dead_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_QUEUED);
  g_assert_cmpstr (mj_queue_item_get_message_id (item), ==, message_id);

  /* Mark-sent only applies to uncertain items. */
  g_assert_false (mj_queue_mark_sent (f->queue, dead_id, &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_STATE);
  g_clear_error (&error);

  set_state_raw (f, dead_id, "state = 'sending', sending_pid = 1073741823");
  reopen_queue (f);
  item = mj_queue_lookup (f->queue, dead_id);
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_UNCERTAIN);
  g_assert_true (mj_queue_mark_sent (f->queue, dead_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_SENT);
  g_assert_cmpint (mj_queue_item_get_sent (item), >, 0);

  /* A sent invoice stays sent. */
  g_assert_false (mj_queue_cancel (f->queue, dead_id, &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (mj_queue_retry (f->queue, dead_id, &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (mj_queue_retry (f->queue, 999, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_user_actions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MjQueueItem *item;
  gint64 id;
  guint notified = 0;

  item = add_item (f, "a@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  g_assert_no_error (error);
  id = mj_queue_item_get_id (item);
  g_signal_connect (item, "notify::state", G_CALLBACK (count_notify_cb), &notified);

  /* queued → retry now is no change; cancel, then retry brings it back. */
  g_assert_false (mj_queue_retry (f->queue, id, &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (mj_queue_cancel (f->queue, id, &error));
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_CANCELLED);
  g_assert_true (mj_queue_retry (f->queue, id, &error));
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_QUEUED);
  g_assert_cmpuint (notified, ==, 2);

  /* A failed item can be retried, a retry-waiting item made due now. */
  set_state_raw (f, id, "state = 'retry', next_attempt = strftime ('%s', 'now') + 3600, attempts = 2");
  reopen_queue (f);
  item = mj_queue_lookup (f->queue, id);
  g_assert_cmpint (mj_queue_item_get_next_attempt (item), >, 0);
  g_assert_true (mj_queue_retry (f->queue, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_QUEUED);
  g_assert_cmpint (mj_queue_item_get_next_attempt (item), ==, 0);
  g_assert_cmpuint (mj_queue_item_get_attempts (item), ==, 2);
}

static void
test_pause_and_quota (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *meter = NULL;
  guint used = 99, limit = 99;

  g_assert_false (mj_queue_is_account_paused (f->queue, "shop", NULL));
  g_assert_true (mj_queue_pause_account (f->queue, "shop", &error));
  g_assert_true (mj_queue_is_account_paused (f->queue, "shop", &why));
  g_assert_nonnull (why);
  g_assert_true (mj_queue_resume_account (f->queue, "shop", &error));
  g_assert_false (mj_queue_is_account_paused (f->queue, "shop", NULL));

  /* A custom server: no known limit, no meter. */
  mj_queue_get_quota (f->queue, "shop", &used, &limit);
  g_assert_cmpuint (used, ==, 0);
  g_assert_cmpuint (limit, ==, 0);
  g_assert_null (mj_queue_format_quota (f->queue, "shop"));

  /* The rolling 24 hours count recipients from the history. */
  g_assert_true (mj_store_exec (f->store,
                                "INSERT INTO send_log VALUES ('shop', "
                                "  CAST (strftime ('%s', 'now') AS INTEGER) * 1000000 - 3600000000, 20);"
                                "INSERT INTO send_log VALUES ('shop', "
                                "  CAST (strftime ('%s', 'now') AS INTEGER) * 1000000 - 60000000, 3);"
                                "INSERT INTO send_log VALUES ('shop', "
                                "  CAST (strftime ('%s', 'now') AS INTEGER) * 1000000 - 90000000000, 500);"
                                "INSERT INTO send_log VALUES ('other', "
                                "  CAST (strftime ('%s', 'now') AS INTEGER) * 1000000, 7);",
                                &error));
  g_assert_no_error (error);
  mj_queue_set_limits_override (f->queue, -1, 300);
  mj_queue_get_quota (f->queue, "shop", &used, &limit);
  g_assert_cmpuint (used, ==, 23);
  g_assert_cmpuint (limit, ==, 300);
  meter = mj_queue_format_quota (f->queue, "shop");
  g_assert_cmpstr (meter, ==, "Sent today: 23 of 300");
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  MjQueueItem *a, *b;

  a = add_item (f, "ana@fontaneria.es", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  b = add_item (f, "luis@example.org", f->pdf2, MJ_QUEUE_ADD_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (mj_queue_cancel (f->queue, mj_queue_item_get_id (b), &error));

  g_assert_true (mj_queue_item_matches (a, 0, NULL, NULL, NULL, NULL));
  g_assert_true (mj_queue_item_matches (a, 1u << MJ_QUEUE_STATE_QUEUED, NULL, NULL, NULL, NULL));
  g_assert_false (mj_queue_item_matches (b, 1u << MJ_QUEUE_STATE_QUEUED, NULL, NULL, NULL, NULL));
  g_assert_true (mj_queue_item_matches (a, 0, "FONTANERIA", NULL, NULL, NULL));
  g_assert_false (mj_queue_item_matches (b, 0, "fontaneria", NULL, NULL, NULL));
  g_assert_true (mj_queue_item_matches (a, 0, NULL, yesterday, tomorrow, NULL));
  g_assert_false (mj_queue_item_matches (a, 0, NULL, tomorrow, NULL, NULL));
  g_assert_false (mj_queue_item_matches (a, 0, NULL, NULL, yesterday, NULL));
  g_assert_true (mj_queue_item_matches (a, 0, NULL, NULL, NULL, "factura 2026-031"));
  g_assert_true (mj_queue_item_matches (b, 0, NULL, NULL, NULL, "2026-032.pdf"));
  g_assert_false (mj_queue_item_matches (a, 0, NULL, NULL, NULL, "factura 2026-999"));
}

/* ------------------------------------------------------------------ */
/* The retry and failure policy, alone                                  */

/* What the queue does after the server answered @reply_text at @step,
 * classified by the SMTP client as @code, on attempt @attempts. */
static void
decide (const char      *reply_text,
        MjSmtpStep       step,
        MjSmtpError      code,
        guint            attempts,
        guint            retry_base,
        double           jitter,
        MjQueueDecision *decision)
{
  g_autoptr(MjSmtpReply) reply = reply_text != NULL ? mj_smtp_reply_parse (reply_text) : NULL;
  g_autoptr(GError) error = g_error_new_literal (MJ_SMTP_ERROR, code, "refused");
  MjSmtpResult result = { .step = step, .reply = reply };

  mj_queue_policy_decide (error, &result, attempts, retry_base, jitter, decision);
}

/* Microsoft's throttling and quota replies (microsoft-smtp-facts.md §3,
 * "Continuous-error throttling" and the limits table): retrying makes it
 * worse or cannot help before the window frees, so none is retried
 * automatically, and the account's other invoices wait with it. */
static void
test_policy_throttling (void)
{
  static const char * const throttling[] = {
    "550 5.2.251 Sender throttled due to continuous mailbox full errors",
    "550 5.2.252 Sender throttled due to continuous send as denied errors",
    "550 5.2.253 Sender throttled due to continuous invalid license errors",
    "550 5.2.254 Sender throttled due to continuous too many recipients errors",
    "550 5.2.255 Sender throttled due to continuous invalid recipients errors",
    "550 5.1.90 Your message can't be sent because you've reached your daily limit for "
      "message recipients",
    "550 5.7.233 Your message can't be sent because your organization has exceeded its "
      "external recipient limit",
    "550 5.7.236 Your message can't be sent because the onmicrosoft.com domain has "
      "exceeded its external recipient limit",
    "554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process "
      "message due to a permanent exception with message WASCL UserAction verdict is not "
      "None. Actual verdict is RefuseQuota, ShowTierUpgrade.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (throttling); i++)
    for (guint attempts = 1; attempts <= 3; attempts++)
      {
        MjQueueDecision d;

        decide (throttling[i], MJ_SMTP_STEP_DATA, MJ_SMTP_ERROR_PERMANENT, attempts, 0, 0.5, &d);
        if (d.state != MJ_QUEUE_STATE_FAILED || d.delay_s != 0)
          g_error ("“%s” must not be retried automatically", throttling[i]);
        g_assert_cmpint (d.count, ==, MJ_QUEUE_COUNT_FAILED);
        g_assert_false (d.log_send);
        /* The account waits for the user, with the explanation. */
        g_assert_true (d.stop_lane);
        g_assert_cmpstr (d.pause_reason, ==, "attention");
        g_assert_nonnull (d.error_text);
        g_assert_cmpuint (strlen (d.error_text), >, 10);
        mj_queue_decision_clear (&d);
      }

  /* 451 4.7.500–699 is Microsoft's temporary throttle: wait and retry with
   * backoff, and slow the whole account down meanwhile. */
  for (guint attempts = 1; attempts < mj_queue_get_max_attempts (); attempts++)
    {
      MjQueueDecision d;

      decide ("451 4.7.500 Server busy. Please try again later from [203.0.113.7]. (AS761)",
              MJ_SMTP_STEP_DATA, MJ_SMTP_ERROR_TEMPORARY, attempts, 0, 0.5, &d);
      g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_RETRY);
      g_assert_cmpint (d.delay_s, >=, 90);
      g_assert_true (d.stop_lane);
      g_assert_null (d.pause_reason);
      mj_queue_decision_clear (&d);
    }
}

/* 4xx: retried, each wait at least as long as the one before, between
 * 1.5 minutes and 75 minutes, until the attempts run out; a retry the
 * user asks for starts the count again. */
static void
test_policy_temporary (void)
{
  static const char * const temporary[] = {
    "451 4.3.0 Temporary server error. Please try again later",
    "421 4.4.2 Connection dropped due to timeout",
    "450 4.2.1 Mailbox busy, try again later",
    "452 4.3.1 Insufficient system storage",
  };
  guint max = mj_queue_get_max_attempts ();

  for (guint i = 0; i < G_N_ELEMENTS (temporary); i++)
    for (guint j = 0; j < 3; j++)
      {
        double jitter = j / 3.0;
        gint64 previous = 0;

        for (guint attempts = 1; attempts < max; attempts++)
          {
            MjQueueDecision d;

            decide (temporary[i], MJ_SMTP_STEP_DATA, MJ_SMTP_ERROR_TEMPORARY, attempts, 0, jitter,
                    &d);
            if (d.state != MJ_QUEUE_STATE_RETRY)
              g_error ("“%s” on attempt %u should be retried", temporary[i], attempts);
            g_assert_cmpint (d.count, ==, MJ_QUEUE_COUNT_RETRY);
            g_assert_cmpint (d.delay_s, >=, 90);
            g_assert_cmpint (d.delay_s, <=, 75 * 60);
            g_assert_cmpint (d.delay_s, >=, previous);
            if (attempts <= 4)
              g_assert_cmpint (d.delay_s, >, previous);   /* grows until the cap */
            g_assert_null (d.pause_reason);
            g_assert_false (d.undo_attempt);
            previous = d.delay_s;
            mj_queue_decision_clear (&d);
          }

        /* Out of attempts: failed, with the reason. */
        {
          MjQueueDecision d;

          decide (temporary[i], MJ_SMTP_STEP_DATA, MJ_SMTP_ERROR_TEMPORARY, max, 0, jitter, &d);
          g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_FAILED);
          g_assert_cmpint (d.count, ==, MJ_QUEUE_COUNT_FAILED);
          g_assert_nonnull (d.error_text);
          mj_queue_decision_clear (&d);

          /* The user retried after 3 attempts: 3 more do not use it up. */
          decide (temporary[i], MJ_SMTP_STEP_DATA, MJ_SMTP_ERROR_TEMPORARY, max + 2, 3, jitter, &d);
          g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_RETRY);
          mj_queue_decision_clear (&d);
        }
      }

  /* The server cannot be reached: this one later, the others wait too. */
  {
    g_autoptr(GError) error = g_error_new_literal (MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT, "refused");
    MjSmtpResult result = { .step = MJ_SMTP_STEP_CONNECT };
    MjQueueDecision d;

    mj_queue_policy_decide (error, &result, 1, 0, 0.5, &d);
    g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_RETRY);
    g_assert_cmpint (d.delay_s, >=, 90);
    g_assert_true (d.stop_lane);
    g_assert_null (d.pause_reason);
    mj_queue_decision_clear (&d);
  }
}

/* 5xx about one invoice fails that invoice only; 5xx about the sender, or
 * a refused login, pauses the account and keeps its invoices. */
static void
test_policy_permanent_and_auth (void)
{
  static const struct {
    const char *reply;
    MjSmtpStep step;
  } per_invoice[] = {
    { "550 5.1.1 <nouser@example.org>: Recipient address rejected: User unknown", MJ_SMTP_STEP_RCPT },
    { "552 5.3.4 Message size exceeds fixed maximum message size", MJ_SMTP_STEP_DATA },
    { "554 5.6.0 Message content rejected", MJ_SMTP_STEP_DATA },
  };
  static const char * const logins[] = {
    "535 5.7.8 Authentication credentials invalid",
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
      "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
    "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be "
      "authenticated successfully. Contact your administrator.",
  };
  MjQueueDecision d;

  for (guint i = 0; i < G_N_ELEMENTS (per_invoice); i++)
    {
      decide (per_invoice[i].reply, per_invoice[i].step, MJ_SMTP_ERROR_PERMANENT, 1, 0, 0.5, &d);
      g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_FAILED);
      g_assert_cmpint (d.delay_s, ==, 0);
      g_assert_cmpint (d.count, ==, MJ_QUEUE_COUNT_FAILED);
      g_assert_null (d.pause_reason);
      g_assert_false (d.stop_lane);        /* the next invoice goes on */
      g_assert_nonnull (d.error_text);
      mj_queue_decision_clear (&d);
    }

  /* Refused as a sender (MAIL FROM): every invoice would be. */
  decide ("553 5.1.7 The sender address was rejected", MJ_SMTP_STEP_MAIL,
          MJ_SMTP_ERROR_PERMANENT, 1, 0, 0.5, &d);
  g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_FAILED);
  g_assert_cmpstr (d.pause_reason, ==, "attention");
  g_assert_true (d.stop_lane);
  mj_queue_decision_clear (&d);

  /* 535: the account is paused, the invoice stays queued and the attempt
   * does not count (the message never reached the server). */
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      decide (logins[i], MJ_SMTP_STEP_AUTH, MJ_SMTP_ERROR_AUTH, 1, 0, 0.5, &d);
      g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_QUEUED);
      g_assert_true (d.undo_attempt);
      g_assert_cmpstr (d.pause_reason, ==, "auth");
      g_assert_true (d.stop_lane);
      g_assert_true (d.note_error);
      g_assert_nonnull (d.error_text);
      mj_queue_decision_clear (&d);
    }

  /* Accepted: sent, and counted against the daily limit. */
  mj_queue_policy_decide (NULL, NULL, 1, 0, 0.5, &d);
  g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_SENT);
  g_assert_true (d.log_send);
  g_assert_cmpint (d.count, ==, MJ_QUEUE_COUNT_SENT);
  mj_queue_decision_clear (&d);

  /* Stopped by us: before DATA it is simply queued again; once DATA began
   * the server may have it, so it is never resent without the user. */
  {
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
    MjSmtpResult before = { .step = MJ_SMTP_STEP_RCPT };
    MjSmtpResult during = { .step = MJ_SMTP_STEP_DATA };

    mj_queue_policy_decide (cancelled, &before, 1, 0, 0.5, &d);
    g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_QUEUED);
    g_assert_true (d.undo_attempt);
    mj_queue_decision_clear (&d);
    mj_queue_policy_decide (cancelled, &during, 1, 0, 0.5, &d);
    g_assert_cmpint (d.state, ==, MJ_QUEUE_STATE_UNCERTAIN);
    g_assert_false (d.undo_attempt);
    mj_queue_decision_clear (&d);
  }
}

/* ------------------------------------------------------------------ */
/* Adding without blocking                                              */

static void
add_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* (transfer full) */
static MjQueueItem *
add_item_async (Fixture         *f,
                const char      *to,
                const char      *pdf,
                MjQueueAddFlags  flags,
                gboolean         cancel,
                GError         **error)
{
  const char *files[] = { pdf, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *subject = g_strdup ("Factura Nº 2026-031");
  GAsyncResult *result = NULL;
  MjQueueItem *item;
  MjQueueDraft draft = {
    .account = "shop",
    .to = to,
    .subject = subject,
    .body = "Adjunto la factura.",
    .files = files,
  };

  mj_queue_add_async (f->queue, &draft, flags, cancellable, add_ready_cb, &result);
  /* Never called back before returning, and the draft may go at once. */
  g_assert_null (result);
  memset (subject, 'x', strlen (subject));
  if (cancel)
    g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  item = mj_queue_add_finish (f->queue, result, error);
  g_object_unref (result);
  return item;
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM %s", table);
  g_autoptr(GError) error = NULL;
  g_autoptr(MjStoreStmt) stmt = mj_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (mj_store_stmt_step (stmt, &error));
  return mj_store_stmt_get_int64 (stmt, 0);
}

static void
test_add_async (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueueItem) item = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy_contents = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *hash = NULL;
  gsize length, copy_length;
  MjQueueItem *sync_item, *again;

  item = add_item_async (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_true (mj_queue_lookup (f->queue, mj_queue_item_get_id (item)) == item);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (f->queue)), ==, 1);

  /* What the sync path stores. */
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_QUEUED);
  g_assert_cmpstr (mj_queue_item_get_account (item), ==, "shop");
  g_assert_cmpstr (mj_queue_item_get_to (item), ==, "cliente@example.org");
  g_assert_cmpstr (mj_queue_item_get_subject (item), ==, "Factura Nº 2026-031");
  g_assert_cmpuint (mj_queue_item_get_attempts (item), ==, 0);
  g_assert_cmpuint (mj_queue_item_get_n_recipients (item), ==, 1);
  g_assert_cmpstr (mj_queue_item_get_attachment_names (item)[0], ==, "Factura-2026-031.pdf");
  message_id = g_strdup (mj_queue_item_get_message_id (item));
  g_assert_true (g_str_has_suffix (message_id, "@example.test"));

  /* The kept copy is byte for byte the PDF, named by its SHA-256. */
  g_assert_true (g_file_get_contents (f->pdf, &contents, &length, NULL));
  g_assert_true (g_file_get_contents (mj_queue_item_get_attachment_paths (item)[0],
                                      &copy_contents, &copy_length, NULL));
  g_assert_cmpmem (contents, length, copy_contents, copy_length);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (mj_queue_item_get_attachment_hashes (item)[0], ==, hash);

  /* The same invoice through mj_queue_add() to someone else: the same kept
   * copy, its own Message-ID. */
  sync_item = add_item (f, "otro@example.org", f->pdf, MJ_QUEUE_ADD_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mj_queue_item_get_attachment_paths (sync_item)[0], ==,
                   mj_queue_item_get_attachment_paths (item)[0]);
  g_assert_cmpstr (mj_queue_item_get_subject (sync_item), ==, mj_queue_item_get_subject (item));
  g_assert_cmpstr (mj_queue_item_get_message_id (sync_item), !=, message_id);

  /* The Message-ID is fixed in the database: another process sees it. */
  g_clear_object (&item);
  g_unlink (f->pdf);
  reopen_queue (f);
  again = mj_queue_lookup (f->queue, 1);
  g_assert_nonnull (again);
  g_assert_cmpstr (mj_queue_item_get_message_id (again), ==, message_id);
  g_assert_true (mj_queue_load_details (f->queue, again, &error));
  g_assert_cmpstr (mj_queue_item_get_body (again), ==, "Adjunto la factura.");
  g_assert_true (g_file_test (mj_queue_item_get_attachment_paths (again)[0], G_FILE_TEST_EXISTS));
}

static void
test_add_async_refusals (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueueItem) first = NULL;
  g_autoptr(MjQueueItem) forced = NULL;

  first = add_item_async (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, FALSE, &error);
  g_assert_no_error (error);

  /* The same question as the sync path: asked first, queued if forced. */
  g_assert_null (add_item_async (f, "Cliente@Example.org", f->pdf, MJ_QUEUE_ADD_NONE, FALSE,
                                 &error));
  g_assert_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_DUPLICATE);
  g_clear_error (&error);
  forced = add_item_async (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_FORCE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mj_queue_item_get_message_id (forced), !=, mj_queue_item_get_message_id (first));

  /* Bad input is refused, and nothing is stored. */
  g_assert_null (add_item_async (f, "not an address", f->pdf2, MJ_QUEUE_ADD_NONE, FALSE, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS);
  g_clear_error (&error);
  g_assert_null (add_item_async (f, "a@example.org", "/nonexistent/x.pdf", MJ_QUEUE_ADD_NONE,
                                 FALSE, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (f->queue)), ==, 2);
  g_assert_cmpint (count_rows (f, "queue_items"), ==, 2);
}

static void
test_add_async_cancel (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueueItem) item = NULL;

  /* Cancelled before it completes: an error, and no item anywhere. */
  g_assert_null (add_item_async (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, TRUE,
                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (f->queue)), ==, 0);
  g_assert_cmpint (count_rows (f, "queue_items"), ==, 0);
  g_assert_cmpint (count_rows (f, "queue_attachments"), ==, 0);
  reopen_queue (f);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (f->queue)), ==, 0);

  /* So sending it afterwards is no repeat. */
  item = add_item_async (f, "cliente@example.org", f->pdf, MJ_QUEUE_ADD_NONE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (count_rows (f, "queue_items"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/queue/state/transitions", test_transitions);
  g_test_add_func ("/queue/state/backoff", test_backoff);
  g_test_add ("/queue/store/migrations", Fixture, NULL, fixture_set_up, test_store_migrations,
              fixture_tear_down);
  g_test_add ("/queue/add", Fixture, NULL, fixture_set_up, test_add, fixture_tear_down);
  g_test_add ("/queue/duplicate", Fixture, NULL, fixture_set_up, test_duplicate, fixture_tear_down);
  g_test_add ("/queue/state/uncertain-at-startup", Fixture, NULL, fixture_set_up,
              test_uncertain_at_startup, fixture_tear_down);
  g_test_add ("/queue/state/user-actions", Fixture, NULL, fixture_set_up, test_user_actions,
              fixture_tear_down);
  g_test_add ("/queue/pause-and-quota", Fixture, NULL, fixture_set_up, test_pause_and_quota,
              fixture_tear_down);
  g_test_add ("/queue/filter", Fixture, NULL, fixture_set_up, test_filter, fixture_tear_down);
  g_test_add_func ("/queue/policy/throttling", test_policy_throttling);
  g_test_add_func ("/queue/policy/temporary", test_policy_temporary);
  g_test_add_func ("/queue/policy/permanent-and-auth", test_policy_permanent_and_auth);
  g_test_add ("/queue/add-async", Fixture, NULL, fixture_set_up, test_add_async, fixture_tear_down);
  g_test_add ("/queue/add-async/refusals", Fixture, NULL, fixture_set_up, test_add_async_refusals,
              fixture_tear_down);
  g_test_add ("/queue/add-async/cancel", Fixture, NULL, fixture_set_up, test_add_async_cancel,
              fixture_tear_down);

  return g_test_run ();
}
