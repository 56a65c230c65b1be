/* Benchmark (not a test): adding and listing 10,000 queue items.
 *
 *   bench-queue-store [N] [PDF]
 *
 * Adds N items through mj_queue_add() — the real path: input checks, the
 * PDF copied by content hash, a Message-ID fixed, one committed transaction
 * per item — then reopens the queue, which lists every item into the
 * GListModel the queue view binds. Each is reported against a reference in
 * the same process on the same disk: N single-row INSERTs of the same
 * columns, each committed on its own (the floor any crash-safe queue pays),
 * and one plain SELECT of every row.
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "mj-account-store.h"
#include "mj-queue.h"
#include "mj-store.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
die (GError *error)
{
  g_printerr ("bench-queue-store: %s\n", error->message);
  exit (1);
}

static MjStore *
open_store (const char *root,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, name, NULL);
  MjStore *store = mj_store_open (path, &error);

  if (store == NULL)
    die (error);
  return store;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("mj-bench-queue-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *accounts_path = NULL;
  g_autoptr(MjAccountStore) accounts = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjStore) store = NULL;
  g_autoptr(MjStore) reference = NULL;
  g_autoptr(MjQueue) queue = NULL;
  g_autoptr(MjStoreStmt) insert = NULL;
  g_autoptr(MjStoreStmt) select = NULL;
  double add_ms, insert_ms, list_ms, select_ms;
  guint rows = 0;
  gint64 start;

  if (root == NULL)
    die (error);
  g_setenv ("XDG_DATA_HOME", root, TRUE);

  if (argc > 2)
    pdf = g_strdup (argv[2]);
  else
    {
      pdf = g_build_filename (root, "Factura-2026-031.pdf", NULL);
      if (!g_file_set_contents (pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
                                     "trailer << /Root 1 0 R >>\n%%EOF\n", -1, &error))
        die (error);
    }

  accounts_path = g_build_filename (root, "accounts.ini", NULL);
  accounts = mj_account_store_new_for_path (accounts_path, &error);
  if (accounts == NULL)
    die (error);
  account = mj_account_new ("shop", "facturas@example.test");
  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_port (account, 2525);
  if (!mj_account_store_add (accounts, account, &error))
    die (error);

  /* Adding through the queue service. */
  store = open_store (root, "queue.db");
  queue = mj_queue_new (store, accounts, &error);
  if (queue == NULL)
    die (error);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *to = g_strdup_printf ("cliente%u@example.org", i % 97);
      g_autofree char *subject = g_strdup_printf ("Factura Nº 2026-%05u", i);
      const char *files[] = { pdf, NULL };
      MjQueueDraft draft = {
        .account = "shop", .to = to, .subject = subject,
        .body = "Adjunto la factura.", .files = files,
      };

      if (mj_queue_add (queue, &draft, MJ_QUEUE_ADD_FORCE, &error) == NULL)
        die (error);
    }
  add_ms = ms_since (start);
  g_clear_object (&queue);

  /* Reference: the same columns, one committed INSERT each. */
  reference = open_store (root, "reference.db");
  insert = mj_store_prepare (reference,
                             "INSERT INTO queue_items (state, account, to_addrs, subject, "
                             "message_id, n_recipients, attempts, created, updated) "
                             "VALUES ('queued', 'shop', ?1, ?2, ?3, 1, 0, ?4, ?4)", &error);
  if (insert == NULL)
    die (error);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *to = g_strdup_printf ("cliente%u@example.org", i % 97);
      g_autofree char *subject = g_strdup_printf ("Factura Nº 2026-%05u", i);
      g_autofree char *message_id = g_strdup_printf ("ref.%u@example.test", i);

      if (!mj_store_begin (reference, &error))
        die (error);
      mj_store_stmt_bind_text (insert, 1, to);
      mj_store_stmt_bind_text (insert, 2, subject);
      mj_store_stmt_bind_text (insert, 3, message_id);
      mj_store_stmt_bind_int64 (insert, 4, g_get_real_time () / G_USEC_PER_SEC);
      if (!mj_store_stmt_run (insert, &error) || !mj_store_commit (reference, &error))
        die (error);
      mj_store_stmt_reset (insert);
    }
  insert_ms = ms_since (start);

  /* Listing: the queue loads every item into its model. */
  g_clear_object (&store);
  store = open_store (root, "queue.db");
  start = g_get_monotonic_time ();
  queue = mj_queue_new (store, accounts, &error);
  if (queue == NULL)
    die (error);
  if (g_list_model_get_n_items (mj_queue_get_items (queue)) != n)
    {
      g_printerr ("bench-queue-store: listed %u items, expected %u\n",
                  g_list_model_get_n_items (mj_queue_get_items (queue)), n);
      return 1;
    }
  list_ms = ms_since (start);

  /* Reference: one SELECT of the same rows, every column read. */
  start = g_get_monotonic_time ();
  select = mj_store_prepare (store, "SELECT * FROM queue_items ORDER BY id DESC", &error);
  if (select == NULL)
    die (error);
  while (mj_store_stmt_step (select, &error))
    {
      for (int c = 0; c < mj_store_stmt_get_n_columns (select); c++)
        (void) mj_store_stmt_get_text (select, c);
      rows++;
    }
  if (error != NULL)
    die (error);
  select_ms = ms_since (start);
  if (rows != n)
    {
      g_printerr ("bench-queue-store: selected %u rows, expected %u\n", rows, n);
      return 1;
    }

  g_print ("items: %u (one %s PDF, copied once by content hash)\n", n, argc > 2 ? "given" : "tiny");
  g_print ("add through mj_queue_add:        %8.0f ms  %6.3f ms per item\n", add_ms, add_ms / n);
  g_print ("reference committed INSERTs:     %8.0f ms  %6.3f ms per item\n", insert_ms, insert_ms / n);
  g_print ("ratio add / reference:           %8.2f\n", add_ms / insert_ms);
  g_print ("list (open queue, build model):  %8.0f ms\n", list_ms);
  g_print ("reference SELECT of every row:   %8.0f ms\n", select_ms);
  g_print ("ratio list / reference:          %8.2f\n", list_ms / select_ms);

  g_clear_object (&queue);
  g_clear_pointer (&select, mj_store_stmt_free);
  g_clear_pointer (&insert, mj_store_stmt_free);
  g_clear_object (&store);
  g_clear_object (&reference);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    if (system (cmd) != 0)
      g_printerr ("bench-queue-store: could not remove %s\n", root);
  }
  return 0;
}
