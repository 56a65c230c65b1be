/* The Diagnostics page in-process under Xvfb: pasted replies are
 * explained, and a test against a closed port fails at "tcp" with the
 * later steps skipped, while the main loop keeps running. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "mj-account-store.h"
#include "mj-diagnostics-page.h"
#include "mj-i18n.h"
#include "mj-test-resolver.h"

static gboolean
tree_has_label (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
show_page (GtkWidget **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = mj_diagnostics_page_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  *window_out = window;
  return page;
}

static void
test_paste_reply (void)
{
  GtkWidget *window;
  GtkWidget *page = show_page (&window);
  GPtrArray *explanations;
  MjExplanation *e;

  mj_diagnostics_page_explain_text (MJ_DIAGNOSTICS_PAGE (page),
                                    "550 5.1.1 <nouser@example.test>: Recipient address rejected: "
                                    "User unknown in virtual mailbox table");
  explanations = mj_diagnostics_page_get_explanations (MJ_DIAGNOSTICS_PAGE (page));
  g_assert_cmpuint (explanations->len, ==, 1);
  e = explanations->pdata[0];
  g_assert_cmpstr (mj_explanation_get_reason (e), ==, "userunknown");
  g_assert_false (mj_explanation_get_retry (e));

  /* Shown on the page, in the interface language and the other one. */
  g_assert_true (tree_has_label (page, mj_explanation_get_title (e, "en")));
  g_assert_true (tree_has_label (page, mj_explanation_get_title (e, "es")));

  /* The Explain button's action explains what is in the paste area. */
  mj_diagnostics_page_explain_text (MJ_DIAGNOSTICS_PAGE (page), "");
  g_assert_cmpuint (explanations->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);
  return port;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_closed_port (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mj-diag-page-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "accounts.ini", NULL);
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(MjAccount) account = mj_account_new ("closed", "ana@example.test");
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;
  MjDiagnostics *diag;
  gboolean timed_out = FALSE;
  guint timer;
  guint iterations_while_running = 0;
  g_autofree char *report = NULL;

  store = mj_account_store_new_for_path (path, &error);
  g_assert_no_error (error);
  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_port (account, closed_port ());
  mj_account_set_security (account, MJ_SECURITY_STARTTLS);
  mj_account_set_auth (account, MJ_AUTH_PASSWORD);
  g_assert_true (mj_account_store_add (store, account, &error));
  g_assert_no_error (error);

  page = show_page (&window);
  mj_diagnostics_page_set_account_store (MJ_DIAGNOSTICS_PAGE (page), store);
  g_assert_true (mj_diagnostics_page_select_account (MJ_DIAGNOSTICS_PAGE (page), "closed"));
  diag = mj_diagnostics_page_get_diagnostics (MJ_DIAGNOSTICS_PAGE (page));
  g_assert_nonnull (diag);
  g_assert_true (mj_diagnostics_get_account (diag) == account);

  /* Before any run there is no verdict (it used to say "cancelled") and
   * no report to copy. */
  g_assert_false (tree_has_label (page, "The test was cancelled."));
  g_assert_false (gtk_widget_get_sensitive (find_actionable (page, "diagnostics.copy-report")));

  /* "Run Test" through its action, as the button does. */
  g_assert_true (gtk_widget_activate_action (page, "diagnostics.run", NULL));
  g_assert_true (mj_diagnostics_get_running (diag));

  timer = g_timeout_add_seconds (20, timeout_cb, &timed_out);
  while (mj_diagnostics_get_running (diag) && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      iterations_while_running++;
    }
  g_assert_false (timed_out);
  g_source_remove (timer);
  /* The main loop ran while the test ran: the page does not block. */
  g_assert_cmpuint (iterations_while_running, >, 0);

  g_assert_false (mj_diagnostics_get_ok (diag));
  g_assert_cmpint (mj_diagnostic_step_get_status (mj_diagnostics_get_step (diag, MJ_DIAGNOSTIC_STEP_DNS)),
                   ==, MJ_DIAGNOSTIC_STATUS_OK);
  g_assert_cmpint (mj_diagnostic_step_get_status (mj_diagnostics_get_step (diag, MJ_DIAGNOSTIC_STEP_TCP)),
                   ==, MJ_DIAGNOSTIC_STATUS_FAIL);
  for (guint i = MJ_DIAGNOSTIC_STEP_GREETING; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    g_assert_cmpint (mj_diagnostic_step_get_status (mj_diagnostics_get_step (diag, i)), ==,
                     MJ_DIAGNOSTIC_STATUS_SKIPPED);

  /* The failing row shows its explanation. */
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (tree_has_label (page, mj_i18n_ui ("The server refused the connection")));
  g_assert_true (tree_has_label (page, mj_diagnostic_step_get_name (mj_diagnostics_get_step (diag, MJ_DIAGNOSTIC_STEP_TCP))));

  report = mj_diagnostics_page_build_report (MJ_DIAGNOSTICS_PAGE (page));
  g_assert_nonnull (strstr (report, "FALLO/FAIL"));
  g_assert_nonnull (strstr (report, "El servidor rechazó la conexión"));
  g_assert_nonnull (strstr (report, "The server refused the connection"));

  g_assert_true (gtk_widget_get_sensitive (find_actionable (page, "diagnostics.copy-report")));
  g_assert_true (gtk_widget_activate_action (page, "diagnostics.copy-report", NULL));

  /* "Check Domain" asks DNS (a stand-in here) without blocking, lists the
   * findings and puts them in the report. */
  {
    g_autoptr(MjTestResolver) resolver = mj_test_resolver_new ();
    g_autofree char *with_domain = NULL;
    g_autoptr(GResolver) saved = g_resolver_get_default ();

    mj_test_resolver_add_txt (resolver, "example.test", "v=spf1 mx -all");
    g_resolver_set_default (G_RESOLVER (resolver));
    timed_out = FALSE;
    timer = g_timeout_add_seconds (20, timeout_cb, &timed_out);
    g_assert_true (gtk_widget_activate_action (page, "diagnostics.check-domain", NULL));
    while (!tree_has_label (page, mj_i18n_ui ("Your domain has no DMARC record")) && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timer);
    g_assert_true (tree_has_label (page, mj_i18n_ui ("Your domain has an SPF record")));
    with_domain = mj_diagnostics_page_build_report (MJ_DIAGNOSTICS_PAGE (page));
    g_assert_nonnull (strstr (with_domain, "v=spf1 mx -all"));
    g_assert_nonnull (strstr (with_domain, "_dmarc.example.test"));
    g_resolver_set_default (saved);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
  g_unlink (path);
  g_rmdir (dir);
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

  g_test_add_func ("/mj/diagnostics-page/paste-reply", test_paste_reply);
  g_test_add_func ("/mj/diagnostics-page/closed-port", test_closed_port);

  return g_test_run ();
}
