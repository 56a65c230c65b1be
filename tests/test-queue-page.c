/* The queue view over 10,000 items: it shows, and filters by state and
 * search, in process under Xvfb. */

#include "config.h"

#include <stdlib.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "mj-queue-page.h"
#include "mj-store.h"

#define N_ITEMS 10000

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

static void
wait_for_filter (MjQueuePage *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (mj_queue_page_is_filtering (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mj_queue_page_is_filtering (page));
}

static gboolean
tree_has_mapped_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_mapped_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkActionBar *
find_action_bar (GtkWidget *widget)
{
  if (GTK_IS_ACTION_BAR (widget))
    return GTK_ACTION_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkActionBar *found = find_action_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_queue_page_10000 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("mj-queue-page-XXXXXX", &error);
  g_autofree char *data_home = g_build_filename (root, "data", NULL);
  g_autofree char *accounts_path = g_build_filename (root, "accounts.ini", NULL);
  g_autoptr(MjStore) store = NULL;
  g_autoptr(MjAccountStore) accounts = NULL;
  g_autoptr(MjQueue) queue = NULL;
  GtkWidget *window, *page;
  GListModel *visible;
  gint64 start;
  guint n_failed = 0;

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  store = mj_store_open (NULL, &error);
  g_assert_no_error (error);
  /* 10,000 rows of history: one in ten failed, one in ten waiting to retry. */
  g_assert_true (mj_store_exec (store,
    "BEGIN;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
    "INSERT INTO queue_items (state, account, to_addrs, subject, message_id, n_recipients, "
    "  attempts, last_reply, created, updated, sent) "
    "SELECT CASE i % 10 WHEN 0 THEN 'failed' WHEN 1 THEN 'retry' ELSE 'sent' END, 'shop', "
    "  'cliente' || (i % 97) || '@example.org', 'Factura Nº 2026-' || i, "
    "  'mj.' || i || '@example.test', 1, 1 + (i % 10 = 1), "
    "  CASE i % 10 WHEN 0 THEN '550 5.1.1 User unknown' WHEN 1 THEN '451 4.7.500 Try later' "
    "    ELSE '250 2.0.0 OK queued' END, "
    "  CAST (strftime ('%s', 'now') AS INTEGER) - i * 60, "
    "  CAST (strftime ('%s', 'now') AS INTEGER) - i * 60, "
    "  CASE WHEN i % 10 > 1 THEN CAST (strftime ('%s', 'now') AS INTEGER) - i * 60 END "
    "FROM n;"
    "COMMIT;", &error));
  g_assert_no_error (error);

  accounts = mj_account_store_new_for_path (accounts_path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  queue = mj_queue_new (store, accounts, &error);
  g_assert_no_error (error);
  g_test_message ("loading %u items: %.0f ms", N_ITEMS,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (queue)), ==, N_ITEMS);

  start = g_get_monotonic_time ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = mj_queue_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  mj_queue_page_set_queue (MJ_QUEUE_PAGE (page), queue);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_test_message ("showing %u items: %.0f ms", N_ITEMS,
                  (g_get_monotonic_time () - start) / 1000.0);

  visible = mj_queue_page_get_visible_items (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_ITEMS);
  g_assert_true (gtk_widget_get_mapped (page));
  /* Newest first. */
  {
    g_autoptr(MjQueueItem) first = g_list_model_get_item (visible, 0);
    g_assert_cmpint (mj_queue_item_get_id (first), ==, N_ITEMS);
  }

  /* Filter by state. */
  start = g_get_monotonic_time ();
  mj_queue_page_set_state_filter (MJ_QUEUE_PAGE (page), MJ_QUEUE_STATE_FAILED);
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_test_message ("filtering by state: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_ITEMS / 10);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(MjQueueItem) item = g_list_model_get_item (visible, i);

      n_failed += mj_queue_item_get_state (item) == MJ_QUEUE_STATE_FAILED;
    }
  g_assert_cmpuint (n_failed, ==, N_ITEMS / 10);
  gtk_test_widget_wait_for_draw (window);

  /* Search on top of the state: one invoice. */
  mj_queue_page_set_search (MJ_QUEUE_PAGE (page), "2026-9990");
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  /* Every state again, search for a client. */
  mj_queue_page_set_state_filter (MJ_QUEUE_PAGE (page), -1);
  mj_queue_page_set_search (MJ_QUEUE_PAGE (page), "cliente5@");
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, (N_ITEMS - 5) / 97 + 1);
  mj_queue_page_set_search (MJ_QUEUE_PAGE (page), "");
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_ITEMS);

  /* A search that matches nothing says so (not an empty table), and
   * "Show All Invoices" brings the list back. */
  mj_queue_page_set_search (MJ_QUEUE_PAGE (page), "no invoice is called this");
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (tree_has_mapped_label (page, "No Matching Invoices"));
  g_assert_true (gtk_widget_activate_action (page, "queue.clear-filters", NULL));
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_ITEMS);
  gtk_test_widget_wait_for_draw (window);
  g_assert_false (tree_has_mapped_label (page, "No Matching Invoices"));

  /* The actions on an invoice show once one is selected. */
  g_assert_false (gtk_action_bar_get_revealed (find_action_bar (page)));

  /* A state change shows at once in the model the view binds. */
  g_assert_true (mj_queue_retry (queue, 10, &error));
  g_assert_no_error (error);
  mj_queue_page_set_state_filter (MJ_QUEUE_PAGE (page), MJ_QUEUE_STATE_FAILED);
  wait_for_filter (MJ_QUEUE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_ITEMS / 10 - 1);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_until_idle ();
  g_clear_object (&queue);
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mj/queue-page/10000-items", test_queue_page_10000);

  return g_test_run ();
}
