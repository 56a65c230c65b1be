/* In-process tests of the account wizard, the app-password guide and the
 * accounts page, under Xvfb. The wizard is driven like a keyboard user
 * does: text goes into the focused field, and Return, Tab and Escape are
 * dispatched through the key bindings (GtkShortcut) of the focused widget
 * and its ancestors, the way GTK routes a key press that no input method
 * consumed. Detection of known domains needs no network; unknown domains
 * meet a resolver stand-in that finds nothing. The password account is
 * tested against tests/servers/smtp_server.py over STARTTLS with a
 * throw-away CA, and the result is checked in accounts.ini and in the
 * keyring (the private gnome-keyring of ./dev test). "Sign In Again…" of
 * the accounts page runs against tests/servers/oauth_server.py, the
 * loopback stand-in for Microsoft's identity platform; the browser is
 * libcurl in a thread following the sign-in page to the window's loopback
 * listener. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <adwaita.h>
#include <curl/curl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mj-account-store.h"
#include "mj-account-wizard.h"
#include "mj-accounts-window.h"
#include "mj-application.h"
#include "mj-app-password-guide.h"
#include "mj-app-password-texts.h"
#include "mj-explanation-card.h"
#include "mj-i18n.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"
#include "mj-test-utils.h"

#define PASSWORD "s3cret pass"

/* A resolver that knows no records, so unknown domains are "manual" at
 * once instead of waiting for DNS that the sandbox does not have. */
typedef struct { GResolver parent_instance; } TestResolver;
typedef struct { GResolverClass parent_class; } TestResolverClass;
GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static void
test_resolver_lookup_records_async (GResolver           *resolver,
                                    const char          *rrname,
                                    GResolverRecordType  record_type,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                           "no %s records in this test", rrname);
}

static GList *
test_resolver_lookup_records_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
test_resolver_lookup_records (GResolver            *resolver,
                              const char           *rrname,
                              GResolverRecordType   record_type,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no records in this test");
  return NULL;
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_records = test_resolver_lookup_records;
  resolver_class->lookup_records_async = test_resolver_lookup_records_async;
  resolver_class->lookup_records_finish = test_resolver_lookup_records_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

/* Main loop helpers --------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
spin_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

typedef struct {
  MjAccountWizard *wizard;
  const char *step;
} StepWait;

static gboolean
step_is (gpointer data)
{
  StepWait *wait = data;

  return g_str_equal (mj_account_wizard_get_step (wait->wizard), wait->step);
}

static void
wait_for_step (MjAccountWizard *wizard,
               const char      *step)
{
  StepWait wait = { wizard, step };

  if (!spin_until (step_is, &wait, 20000))
    g_error ("the wizard stayed on step “%s” instead of reaching “%s”",
             mj_account_wizard_get_step (wizard), step);
  /* Let the page transition finish and the focus settle. */
  spin_ms (350);
}

/* Keyboard ------------------------------------------------------------------ */

static GtkWidget *
focus_widget (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  return focus;
}

/* Activates the first key binding for @keyval (no modifiers) found on the
 * focused widget or one of its ancestors: the bubble phase of a key press. */
static void
press_key (gpointer window,
           guint    keyval)
{
  GtkWidget *widget;

  for (widget = focus_widget (window); widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (GTK_IS_KEYVAL_TRIGGER (trigger)
                  && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
                  && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0
                  && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                   gtk_shortcut_get_arguments (shortcut)))
                return;
            }
        }
    }
  g_error ("no widget handled key %s", gdk_keyval_name (keyval));
}

/* Types into the focused field (replacing what is there, as after Ctrl+A). */
static void
type_text (gpointer    window,
           const char *text)
{
  GtkWidget *focus = focus_widget (window);

  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), text);
}

static gboolean
focus_inside (gpointer    window,
              GtkWidget  *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Presses Tab until the focus is inside @widget. */
static void
tab_to (gpointer   window,
        GtkWidget *widget)
{
  /* What GtkWindow's Tab binding ("move-focus") does. */
  for (guint i = 0; i < 12 && !focus_inside (window, widget); i++)
    gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  g_assert_true (focus_inside (window, widget));
}

/* Screenshots --------------------------------------------------------------- */

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *builddir = g_getenv ("MJ_TEST_BUILDDIR");
  g_autofree char *dir = g_build_filename (builddir != NULL ? builddir : ".", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width, height;

  gtk_test_widget_wait_for_draw (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Widget look-ups ----------------------------------------------------------- */

static GtkWidget *
child (MjAccountWizard *wizard,
       const char      *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (wizard), MJ_TYPE_ACCOUNT_WIZARD, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* Whether a password field is visible anywhere in @widget. */
static gboolean
has_mapped_password_field (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (ADW_IS_PASSWORD_ENTRY_ROW (widget) || GTK_IS_PASSWORD_ENTRY (widget))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_mapped_password_field (c))
      return TRUE;
  return FALSE;
}

typedef struct {
  MjTestDirs *dirs;
  MjAccountStore *store;
  MjAccountWizard *wizard;
  MjAccount *saved;
  gboolean destroyed;
} Fixture;

static void
account_saved_cb (MjAccountWizard *wizard,
                  MjAccount       *account,
                  Fixture         *fixture)
{
  g_set_object (&fixture->saved, account);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dirs = mj_test_dirs_new ();
  fixture->store = mj_account_store_new (&error);
  g_assert_no_error (error);
  fixture->wizard = mj_account_wizard_new (fixture->store, NULL);
  g_signal_connect (fixture->wizard, "account-saved", G_CALLBACK (account_saved_cb), fixture);
  g_signal_connect_swapped (fixture->wizard, "destroy", G_CALLBACK (g_nullify_pointer), &fixture->wizard);
  gtk_window_present (GTK_WINDOW (fixture->wizard));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->wizard));
  spin_ms (100);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->wizard != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->wizard));
  g_clear_object (&fixture->saved);
  g_clear_object (&fixture->store);
  while (g_main_context_iteration (NULL, FALSE));
  mj_test_dirs_free (fixture->dirs);
}

/* Types @address on the first step and presses Return. */
static void
enter_address (Fixture    *fixture,
               const char *address)
{
  g_assert_cmpstr (mj_account_wizard_get_step (fixture->wizard), ==, "address");
  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "email_row")));
  type_text (fixture->wizard, address);
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "provider");
}

/* Tests ---------------------------------------------------------------------- */

static void
test_outlook_has_no_password (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *auth_page;

  screenshot (GTK_WIDGET (fixture->wizard), "wizard-1-address");
  enter_address (fixture, "ana.perez@hotmail.es");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture->wizard, "recognised_label"))),
                            "Outlook.com"));
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-2-provider-outlook");

  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "auth");
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-3-auth-outlook");

  auth_page = gtk_stack_get_visible_child (GTK_STACK (child (fixture->wizard, "stack")));
  g_assert_false (has_mapped_password_field (auth_page));
  g_assert_false (gtk_widget_get_mapped (child (fixture->wizard, "password_box")));
  g_assert_true (gtk_widget_get_mapped (child (fixture->wizard, "no_password_box")));
  g_assert_true (gtk_widget_get_mapped (child (fixture->wizard, "oauth_box")));
  /* Nothing to go on with until signed in. */
  g_assert_false (gtk_widget_get_sensitive (child (fixture->wizard, "next_button")));
}

static void
test_gmail_shows_guide (Fixture       *fixture,
                        gconstpointer  data)
{
  MjAppPasswordGuide *guide;

  enter_address (fixture, "fontaneria.perez@gmail.com");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture->wizard, "recognised_label"))),
                            "Gmail"));
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "auth");
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-3-auth-gmail");

  guide = MJ_APP_PASSWORD_GUIDE (child (fixture->wizard, "guide"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (guide)));
  g_assert_cmpstr (mj_app_password_guide_get_provider_id (guide), ==, "gmail");
  g_assert_cmpstr (mj_app_password_guide_get_url (guide), ==, "https://myaccount.google.com/apppasswords");
  g_assert_false (gtk_widget_get_mapped (child (fixture->wizard, "oauth_box")));
  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "password_row")));
}

/* A Microsoft 365 tenant: "Sign in with Microsoft" first, then the
 * password path with the December 2026 notice. */
static void
test_microsoft365_offers_both (Fixture       *fixture,
                               gconstpointer  data)
{
  GPtrArray *all = mj_provider_get_all ();
  MjAppPasswordGuide *guide;
  GtkWidget *notice;
  guint i;

  enter_address (fixture, "ana@contoso.test");
  for (i = 0; i < all->len; i++)
    if (g_str_equal (mj_provider_get_id (g_ptr_array_index (all, i)), "microsoft365"))
      break;
  g_assert_cmpuint (i, <, all->len);
  /* What choosing it in the Provider list does. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture->wizard, "provider_row")), i);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (fixture->wizard, "host_row"))), ==,
                   "smtp.office365.com");
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "auth");
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-3-auth-microsoft365");

  guide = MJ_APP_PASSWORD_GUIDE (child (fixture->wizard, "guide"));
  g_assert_true (gtk_widget_get_mapped (child (fixture->wizard, "oauth_box")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (guide)));
  g_assert_cmpstr (mj_app_password_guide_get_provider_id (guide), ==, "microsoft365");
  g_assert_true (gtk_widget_get_mapped (child (fixture->wizard, "password_row")));
  notice = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (guide), MJ_TYPE_APP_PASSWORD_GUIDE,
                                                     "notice_box"));
  g_assert_nonnull (notice);
  g_assert_true (gtk_widget_get_mapped (notice));
}

static void
test_microsoft365_guide_has_notice (void)
{
  const MjAppPasswordTexts *texts = mj_app_password_texts_lookup ("microsoft365");
  const char *ids[] = { "gmail", "yahoo", "icloud", "zoho", "gmx", "ionos", "microsoft365" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const MjAppPasswordTexts *t = mj_app_password_texts_lookup (ids[i]);

      g_assert_nonnull (t);
      /* Every text has its Spanish. */
      g_assert_cmpstr (mj_i18n_translate ("es", t->two_step), !=, t->two_step);
      g_assert_cmpstr (mj_i18n_translate ("es", t->steps), !=, t->steps);
      g_assert_cmpstr (mj_i18n_translate ("es", t->looks_like), !=, t->looks_like);
    }
  g_assert_null (mj_app_password_texts_lookup ("outlook.com"));
  g_assert_nonnull (texts->notice);
  g_assert_nonnull (strstr (texts->notice, "December 2026"));
  g_assert_cmpstr (mj_app_password_texts_lookup ("icloud")->example, ==, "abcd-efgh-ijkl-mnop");
}

/* Address → generic settings (host, port, CA file) → password, all by
 * keyboard; stops on the "name" step. */
static void
fill_password_account (Fixture          *fixture,
                       MjTestSmtpServer *server,
                       gboolean          screenshots)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autofree char *port = g_strdup_printf ("%u", server->port);

  enter_address (fixture, "ana@example.test");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture->wizard, "recognised_label"))),
                            "did not recognise"));
  /* No host known: the expert settings open with the focus in "Server". */
  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "host_row")));
  type_text (fixture->wizard, "127.0.0.1");
  tab_to (fixture->wizard, child (fixture->wizard, "port_row"));
  type_text (fixture->wizard, port);
  tab_to (fixture->wizard, child (fixture->wizard, "ca_file_row"));
  type_text (fixture->wizard, certs->ca_file);
  if (screenshots)
    screenshot (GTK_WIDGET (fixture->wizard), "wizard-2-provider-generic");
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "auth");

  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "password_row")));
  type_text (fixture->wizard, PASSWORD);
  if (screenshots)
    screenshot (GTK_WIDGET (fixture->wizard), "wizard-3-auth-generic");
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "test");
}

static gboolean
wizard_gone (gpointer data)
{
  return ((Fixture *) data)->wizard == NULL;
}

static gboolean
next_enabled (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static void
test_password_account_by_keyboard (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(MjTestSmtpServer) server = NULL;
  g_autoptr(MjAccountStore) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *secret = NULL;
  MjAccount *account;

  server = mj_test_smtp_server_start ("--user", "ana@example.test", "--password", PASSWORD, NULL);
  fill_password_account (fixture, server, TRUE);

  /* The test runs on its own; Return is refused until it passed. */
  g_assert_true (spin_until (next_enabled, child (fixture->wizard, "next_button"), 30000));
  spin_ms (200);
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-4-test-passed");
  g_assert_cmpuint (mj_test_smtp_server_count_events (server, "auth", "ok"), >=, 1);
  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "next_button")));
  /* Nothing is stored yet. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  secret = mj_secret_store_lookup_sync ("ana@example.test", MJ_SECRET_KIND_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "name");
  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "display_name_row")));
  type_text (fixture->wizard, "Fontanería Pérez");
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-5-name");
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "done");
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-6-done");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  /* The summary names the address once (the account is named after it). */
  {
    const char *summary = adw_status_page_get_description (ADW_STATUS_PAGE (child (fixture->wizard, "done_page")));
    const char *first = strstr (summary, "ana@example.test");

    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "ana@example.test"));
  }

  press_key (fixture->wizard, GDK_KEY_Return);
  g_assert_true (spin_until (wizard_gone, fixture, 20000));

  g_assert_nonnull (fixture->saved);
  account = mj_account_store_lookup (fixture->store, "ana@example.test");
  g_assert_nonnull (account);
  g_assert_cmpstr (mj_account_get_host (account), ==, "127.0.0.1");
  g_assert_cmpuint (mj_account_get_port (account), ==, server->port);
  g_assert_cmpstr (mj_account_get_display_name (account), ==, "Fontanería Pérez");
  g_assert_cmpint (mj_account_get_auth (account), ==, MJ_AUTH_PASSWORD);

  /* On disk, and the password only in the keyring. */
  reloaded = mj_account_store_new (&error);
  g_assert_no_error (error);
  g_assert_nonnull (mj_account_store_lookup (reloaded, "ana@example.test"));
  g_assert_true (g_file_get_contents (mj_account_store_get_path (reloaded), &ini, NULL, NULL));
  g_assert_nonnull (strstr (ini, "127.0.0.1"));
  g_assert_false (mj_test_tree_contains (fixture->dirs->root, PASSWORD));
  secret = mj_secret_store_lookup_sync ("ana@example.test", MJ_SECRET_KIND_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, PASSWORD);
  g_clear_pointer (&secret, mj_secret_free);

  g_assert_true (mj_secret_store_clear_all_sync ("ana@example.test", NULL, NULL));
}

static void
test_wrong_password_is_explained (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(MjTestSmtpServer) server = NULL;

  server = mj_test_smtp_server_start ("--user", "ana@example.test", "--password", "another one", NULL);
  fill_password_account (fixture, server, FALSE);

  g_assert_true (spin_until (next_enabled, child (fixture->wizard, "retry_button"), 30000));
  spin_ms (200);
  screenshot (GTK_WIDGET (fixture->wizard), "wizard-4-test-failed");
  g_assert_false (gtk_widget_get_sensitive (child (fixture->wizard, "next_button")));
  /* The explanation card is there, and the focus is on "Try Again". */
  g_assert_nonnull (gtk_widget_get_first_child (child (fixture->wizard, "test_result_box")));
  g_assert_true (focus_inside (fixture->wizard, child (fixture->wizard, "retry_button")));
}

static void
test_cancel_stores_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MjTestSmtpServer) server = NULL;
  g_autoptr(MjAccountStore) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  server = mj_test_smtp_server_start ("--user", "ana@example.test", "--password", PASSWORD, NULL);
  fill_password_account (fixture, server, FALSE);
  g_assert_true (spin_until (next_enabled, child (fixture->wizard, "next_button"), 30000));
  press_key (fixture->wizard, GDK_KEY_Return);
  wait_for_step (fixture->wizard, "name");
  type_text (fixture->wizard, "Ana");

  press_key (fixture->wizard, GDK_KEY_Escape);
  g_assert_true (spin_until (wizard_gone, fixture, 20000));

  g_assert_null (fixture->saved);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  reloaded = mj_account_store_new (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 0);
  secret = mj_secret_store_lookup_sync ("ana@example.test", MJ_SECRET_KIND_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_assert_false (mj_test_tree_contains (fixture->dirs->root, PASSWORD));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip_or_label)
{
  if (GTK_IS_BUTTON (widget)
      && (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip_or_label) == 0
          || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), tooltip_or_label) == 0))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, tooltip_or_label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
secret_gone (gpointer data)
{
  g_autofree char *secret = mj_secret_store_lookup_sync (data, MJ_SECRET_KIND_PASSWORD, NULL, NULL);

  return secret == NULL;
}

/* Editing keeps the name and the keyring's password when the field is
 * left empty; the test signs in with the stored one. */
static void
test_edit_account (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = NULL;
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(MjAccountStore) reloaded = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };

  server = mj_test_smtp_server_start ("--user", "ana@example.test", "--password", PASSWORD, NULL);
  store = mj_account_store_new (&error);
  g_assert_no_error (error);
  account = mj_account_new_for_provider ("Taller", "ana@example.test", mj_provider_lookup ("generic"));
  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_port (account, server->port);
  mj_account_set_ca_file (account, mj_test_certs_get ()->ca_file);
  g_assert_true (mj_account_store_add (store, account, &error));
  g_assert_no_error (error);
  g_assert_true (mj_secret_store_store_sync ("Taller", MJ_SECRET_KIND_PASSWORD, PASSWORD, NULL, &error));
  g_assert_no_error (error);

  fixture.wizard = mj_account_wizard_new_for_edit (store, account, NULL);
  g_signal_connect_swapped (fixture.wizard, "destroy", G_CALLBACK (g_nullify_pointer), &fixture.wizard);
  gtk_window_present (GTK_WINDOW (fixture.wizard));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.wizard));
  wait_for_step (fixture.wizard, "provider");

  press_key (fixture.wizard, GDK_KEY_Return);
  wait_for_step (fixture.wizard, "auth");
  press_key (fixture.wizard, GDK_KEY_Return);
  wait_for_step (fixture.wizard, "test");
  g_assert_true (spin_until (next_enabled, child (fixture.wizard, "next_button"), 30000));
  spin_ms (300);
  press_key (fixture.wizard, GDK_KEY_Return);
  wait_for_step (fixture.wizard, "name");
  type_text (fixture.wizard, "Taller Pérez");
  press_key (fixture.wizard, GDK_KEY_Return);
  wait_for_step (fixture.wizard, "done");
  press_key (fixture.wizard, GDK_KEY_Return);
  g_assert_true (spin_until (wizard_gone, &fixture, 20000));

  reloaded = mj_account_store_new (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  g_assert_cmpstr (mj_account_get_display_name (mj_account_store_lookup (reloaded, "Taller")), ==,
                   "Taller Pérez");
  g_assert_false (secret_gone ((gpointer) "Taller"));
  g_assert_true (mj_secret_store_clear_all_sync ("Taller", NULL, NULL));
}

static void
test_accounts_window (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MjAccount) a = mj_account_new_for_provider ("Tienda", "tienda@gmail.com", mj_provider_lookup ("gmail"));
  g_autoptr(MjAccount) b = mj_account_new_for_provider ("Taller", "taller@gmail.com", mj_provider_lookup ("gmail"));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  MjAccountsWindow *window;
  AdwMessageDialog *dialog;
  GtkListBox *list;
  GtkWidget *row;
  GtkWidget *button;

  g_assert_true (mj_account_store_add (fixture->store, a, &error));
  g_assert_no_error (error);
  g_assert_true (mj_account_store_add (fixture->store, b, &error));
  g_assert_no_error (error);
  g_assert_true (mj_account_store_set_default (fixture->store, "Tienda", &error));
  g_assert_no_error (error);
  g_assert_true (mj_secret_store_store_sync ("Taller", MJ_SECRET_KIND_PASSWORD, PASSWORD, NULL, &error));
  g_assert_no_error (error);

  window = mj_accounts_window_new (fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin_ms (200);
  screenshot (GTK_WIDGET (window), "accounts-window");

  list = mj_accounts_window_get_list_box (window);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* "Make Default" on Taller (sorted first by name). */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Taller");
  button = find_button (row, "Make _Default");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (mj_account_get_name (mj_account_store_get_default (fixture->store)), ==, "Taller");
  g_assert_cmpstr (g_settings_get_string (settings, "default-account"), ==, "Taller");

  /* Remove Taller: asks first, then the account and its password go. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  button = find_button (row, "Remove Account");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin_ms (200);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (mj_account_store_lookup (fixture->store, "Taller"));
  adw_message_dialog_response (dialog, "remove");
  g_assert_null (mj_account_store_lookup (fixture->store, "Taller"));
  g_assert_true (spin_until (secret_gone, (gpointer) "Taller", 10000));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (mj_account_get_name (mj_account_store_get_default (fixture->store)), ==, "Tienda");

  gtk_window_destroy (GTK_WINDOW (window));
}


/* Sign In Again ------------------------------------------------------------ */

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

typedef struct {
  GSubprocess *process;
  char *dir;
  char *events;
  char *authority;
} IdP;

static void
idp_stop (IdP *idp)
{
  g_autoptr(GDir) dir = NULL;
  const char *file;

  g_subprocess_send_signal (idp->process, SIGTERM);
  g_subprocess_wait (idp->process, NULL, NULL);
  g_object_unref (idp->process);
  dir = g_dir_open (idp->dir, 0, NULL);
  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (idp->dir, file, NULL);

      g_remove (path);
    }
  g_rmdir (idp->dir);
  g_free (idp->dir);
  g_free (idp->events);
  g_free (idp->authority);
  g_free (idp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdP, idp_stop)

/* tests/servers/oauth_server.py on a free port; @deny: NULL or a --deny mode. */
static IdP *
idp_start (const char *deny)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autofree char *script = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "servers",
                                              "oauth_server.py", NULL);
  g_autofree char *log = NULL;
  g_autofree char *line = NULL;
  g_autofree char *tokens = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[20];
  guint n = 0;
  guint port;
  IdP *idp = g_new0 (IdP, 1);

  idp->dir = g_dir_make_tmp ("mj-idp-XXXXXX", &error);
  g_assert_no_error (error);
  idp->events = g_build_filename (idp->dir, "events.jsonl", NULL);
  tokens = g_build_filename (idp->dir, "tokens", NULL);
  log = g_build_filename (idp->dir, "server.log", NULL);
  argv[n++] = g_getenv ("MJ_PYTHON") != NULL ? g_getenv ("MJ_PYTHON") : "/usr/bin/python3";
  argv[n++] = script;
  argv[n++] = "--port";
  argv[n++] = "0";
  argv[n++] = "--cert";
  argv[n++] = certs->cert_file;
  argv[n++] = "--key";
  argv[n++] = certs->key_file;
  argv[n++] = "--client-id";
  argv[n++] = "test";
  argv[n++] = "--token-file";
  argv[n++] = tokens;
  argv[n++] = "--events";
  argv[n++] = idp->events;
  if (deny != NULL)
    {
      argv[n++] = "--deny";
      argv[n++] = deny;
    }
  argv[n] = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  idp->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (idp->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on 127.0.0.1:"));
  port = (guint) g_ascii_strtoull (line + strlen ("listening on 127.0.0.1:"), NULL, 10);
  g_assert_cmpuint (port, >, 0);
  idp->authority = g_strdup_printf ("https://127.0.0.1:%u/common", port);
  return idp;
}

/* The values of @field in the stand-in's events of kind "token" with
 * result "ok": every token it issued. */
static GPtrArray *
idp_issued (IdP        *idp,
            const char *field)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (idp->events, &text, NULL, NULL))
    return values;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), "token") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "result", ""), "ok") == 0 &&
          json_object_has_member (o, field))
        g_ptr_array_add (values, g_strdup (json_object_get_string_member (o, field)));
    }
  return values;
}

static guint
idp_count_issued (IdP        *idp,
                  const char *field)
{
  g_autoptr(GPtrArray) values = idp_issued (idp, field);

  return values->len;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static size_t
keep_body_cb (char   *ptr,
              size_t  size,
              size_t  nmemb,
              void   *data)
{
  return size * nmemb;
}

/* One GET without following redirects; the status, and the target of a
 * redirect. Blocking: run from the browser thread. */
static long
browser_get (const char  *url,
             char       **location)
{
  CURL *curl = curl_easy_init ();
  char *redirect = NULL;
  long status = 0;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CAINFO, mj_test_certs_get ()->ca_file);
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, keep_body_cb);
  if (curl_easy_perform (curl) == CURLE_OK)
    {
      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
      curl_easy_getinfo (curl, CURLINFO_REDIRECT_URL, &redirect);
      if (location != NULL)
        *location = g_strdup (redirect);
    }
  curl_easy_cleanup (curl);
  return status;
}

/* The user in the browser: the sign-in page answers with a redirect to
 * the window's loopback listener, which the browser then opens. Returns
 * the listener's HTTP status. */
static gpointer
browser_thread (gpointer data)
{
  g_autofree char *url = data;
  g_autofree char *location = NULL;
  long status = browser_get (url, &location);

  if (status != 302 || location == NULL || !g_str_has_prefix (location, "http://localhost:"))
    return GINT_TO_POINTER (-1);
  return GINT_TO_POINTER ((int) browser_get (location, NULL));
}

static gboolean
open_sign_in_page_cb (MjAccountsWindow *window,
                      const char       *uri,
                      char            **url)
{
  g_free (*url);
  *url = g_strdup (uri);
  return TRUE;   /* no real browser in tests */
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
row_of (MjAccountsWindow *window,
        const char       *name)
{
  return find_named (GTK_WIDGET (mj_accounts_window_get_list_box (window)), name);
}

typedef struct {
  MjAccountsWindow *window;
  const char *account;
  const char *status;
} StatusWait;

static const char *
status_of (MjAccountsWindow *window,
           const char       *account)
{
  GtkWidget *row = row_of (window, account);
  GtkWidget *label = row != NULL ? find_named (row, "sign-in-status") : NULL;

  return label != NULL && gtk_widget_is_drawable (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
status_is (gpointer data)
{
  StatusWait *w = data;

  return g_strcmp0 (status_of (w->window, w->account), w->status) == 0;
}

static void
wait_status (MjAccountsWindow *window,
             const char       *account,
             const char       *status)
{
  StatusWait w = { window, account, status };

  if (!spin_until (status_is, &w, 20000))
    g_error ("status of %s: “%s”, expected “%s”", account, status_of (window, account), status);
}

typedef struct {
  const char *url;
  int status;
  int done;
} Browser;

static gboolean
browser_done (gpointer data)
{
  return g_atomic_int_get (&((Browser *) data)->done) != 0;
}

static gpointer
run_browser (gpointer data)
{
  Browser *b = data;

  b->status = GPOINTER_TO_INT (browser_thread (g_strdup (b->url)));
  g_atomic_int_set (&b->done, 1);
  return NULL;
}

/* Plays the browser on @url while the window's main loop runs; returns
 * the listener's HTTP status (0: nobody listened). */
static int
browse (const char *url)
{
  Browser b = { url, 0, 0 };
  GThread *thread = g_thread_new ("browser", run_browser, &b);

  g_assert_true (spin_until (browser_done, &b, 40000));
  g_thread_join (thread);
  return b.status;
}

static MjAccount *
oauth_account (const char *name,
               IdP        *idp)
{
  MjAccount *account = mj_account_new_for_provider (name, "ana@example.test", mj_provider_lookup ("generic"));

  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_auth (account, MJ_AUTH_OAUTH2);
  mj_account_set_oauth_authority (account, idp->authority);
  mj_account_set_oauth_client_id (account, "test");
  mj_account_set_ca_file (account, mj_test_certs_get ()->ca_file);
  return account;
}

/* An OAuth account without a saved sign-in says so; "Sign In Again…"
 * completes against the identity-platform stand-in and only the keyring
 * gets the tokens; a cancelled attempt keeps the saved sign-in; a refusal
 * is explained on a card. A password account shows none of it. */
static void
test_accounts_window_sign_in_again (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(IdP) idp = idp_start (NULL);
  g_autoptr(IdP) denying = idp_start ("consent");
  g_autoptr(MjAccount) oauth = oauth_account ("Correo", idp);
  g_autoptr(MjAccount) refused = oauth_account ("Rechazada", denying);
  g_autoptr(MjAccount) password = mj_account_new_for_provider ("Taller", "taller@gmail.com",
                                                               mj_provider_lookup ("gmail"));
  g_autoptr(GPtrArray) issued = NULL;
  g_autoptr(GPtrArray) issued_access = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *after_cancel = NULL;
  MjAccountsWindow *window;
  GtkWidget *row, *button, *cancel, *group, *card;

  mj_secret_store_clear_all_sync ("Correo", NULL, NULL);
  mj_oauth_forget_sync ("Correo", NULL, NULL);
  mj_oauth_forget_sync ("Rechazada", NULL, NULL);
  g_assert_true (mj_account_store_add (fixture->store, oauth, &error));
  g_assert_true (mj_account_store_add (fixture->store, refused, &error));
  g_assert_true (mj_account_store_add (fixture->store, password, &error));
  g_assert_no_error (error);

  window = mj_accounts_window_new (fixture->store, NULL);
  g_signal_connect (window, "open-sign-in-page", G_CALLBACK (open_sign_in_page_cb), &url);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* No refresh token in the keyring: needs a new sign-in, asked of the
   * keyring only (the stand-in saw nothing). */
  wait_status (window, "Correo", "Needs a new sign-in");
  g_assert_null (row_of (window, "Taller") != NULL ? find_named (row_of (window, "Taller"), "sign-in-status") : NULL);
  g_assert_null (find_named (row_of (window, "Taller"), "sign-in-again"));
  screenshot (GTK_WIDGET (window), "accounts-window-needs-sign-in");

  /* Sign in again: waiting for the browser, with Cancel. */
  row = row_of (window, "Correo");
  button = find_named (row, "sign-in-again");
  cancel = find_named (row, "cancel-sign-in");
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_activate (button));
  spin_ms (400);   /* a button clicks after its pressed look */
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, idp->authority));
  g_assert_cmpstr (status_of (window, "Correo"), ==, "Waiting for the browser…");
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpuint (idp_count_issued (idp, "refresh_token"), ==, 0);

  g_assert_cmpint (browse (url), ==, 200);
  wait_status (window, "Correo", "Signed in");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (cancel));

  /* The keyring has the refresh token the stand-in issued; no token is in
   * any file of the test's folders. */
  issued = idp_issued (idp, "refresh_token");
  issued_access = idp_issued (idp, "access_token");
  g_assert_cmpuint (issued->len, ==, 1);
  saved = mj_secret_store_lookup_sync ("Correo", MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, g_ptr_array_index (issued, 0));
  g_assert_false (mj_test_tree_contains (fixture->dirs->root, g_ptr_array_index (issued, 0)));
  g_assert_false (mj_test_tree_contains (fixture->dirs->root, g_ptr_array_index (issued_access, 0)));

  /* A second attempt, cancelled before the browser came back: the saved
   * sign-in stays, and the stand-in never issued another token. */
  g_clear_pointer (&url, g_free);
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (url);
  g_assert_cmpstr (status_of (window, "Correo"), ==, "Waiting for the browser…");
  g_signal_emit_by_name (cancel, "clicked");
  wait_status (window, "Correo", "Signed in");
  g_assert_false (gtk_widget_get_visible (cancel));
  /* The listener is gone: the browser arriving late signs nothing in. */
  g_assert_cmpint (browse (url), !=, 200);
  spin_ms (200);
  g_assert_cmpuint (idp_count_issued (idp, "refresh_token"), ==, 1);
  after_cancel = mj_secret_store_lookup_sync ("Correo", MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, &error);
  g_assert_cmpstr (after_cancel, ==, saved);
  g_assert_cmpstr (status_of (window, "Correo"), ==, "Signed in");
  group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MJ_TYPE_ACCOUNTS_WINDOW,
                                                     "sign_in_group"));
  g_assert_false (gtk_widget_get_visible (group));

  /* Microsoft refuses (no consent): explained on a card; nothing saved. */
  wait_status (window, "Rechazada", "Needs a new sign-in");
  g_clear_pointer (&url, g_free);
  g_signal_emit_by_name (find_named (row_of (window, "Rechazada"), "sign-in-again"), "clicked");
  g_assert_nonnull (url);
  /* The listener answers the refusal with its page. */
  g_assert_cmpint (browse (url), >, 0);
  g_assert_true (spin_until (widget_visible, group, 20000));
  wait_status (window, "Rechazada", "Needs a new sign-in");
  card = GTK_WIDGET (gtk_widget_get_first_child (GTK_WIDGET (gtk_widget_get_template_child (
           GTK_WIDGET (window), MJ_TYPE_ACCOUNTS_WINDOW, "sign_in_result_box"))));
  g_assert_true (GTK_IS_LABEL (card));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (card)), "Rechazada"));
  card = gtk_widget_get_next_sibling (card);
  g_assert_true (MJ_IS_EXPLANATION_CARD (card));
  g_assert_cmpstr (mj_explanation_get_diagnostic (mj_explanation_card_get_explanation (MJ_EXPLANATION_CARD (card))),
                   ==, "AADSTS65001");
  g_assert_false (mj_oauth_has_sign_in_sync ("Rechazada", NULL, &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  mj_oauth_forget_sync ("Correo", NULL, NULL);
}

static gboolean
wizard_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MJ_IS_ACCOUNT_WIZARD (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

/* First run: no account, so activating the application opens the wizard. */
static void
test_first_run_opens_wizard (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjApplication) app = mj_application_new ();
  GListModel *toplevels = NULL;

  /* GUI tests run in parallel on one session bus: each keeps its own
   * instance instead of becoming a remote of another test's. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (spin_until (wizard_open, NULL, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mj_application_get_account_store (app))), ==, 0);

  toplevels = gtk_window_get_toplevels ();
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  while (g_main_context_iteration (NULL, FALSE));
}

int
main (int argc, char **argv)
{
  g_autoptr(GResolver) resolver = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  mj_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  resolver = g_object_new (test_resolver_get_type (), NULL);
  g_resolver_set_default (resolver);

  g_test_add_func ("/mj/account-wizard/app-password-texts", test_microsoft365_guide_has_notice);
  g_test_add ("/mj/account-wizard/outlook-has-no-password", Fixture, NULL,
              fixture_setup, test_outlook_has_no_password, fixture_teardown);
  g_test_add ("/mj/account-wizard/microsoft365-offers-both", Fixture, NULL,
              fixture_setup, test_microsoft365_offers_both, fixture_teardown);
  g_test_add ("/mj/account-wizard/gmail-shows-guide", Fixture, NULL,
              fixture_setup, test_gmail_shows_guide, fixture_teardown);
  g_test_add ("/mj/account-wizard/password-account-by-keyboard", Fixture, NULL,
              fixture_setup, test_password_account_by_keyboard, fixture_teardown);
  g_test_add ("/mj/account-wizard/wrong-password-is-explained", Fixture, NULL,
              fixture_setup, test_wrong_password_is_explained, fixture_teardown);
  g_test_add ("/mj/account-wizard/cancel-stores-nothing", Fixture, NULL,
              fixture_setup, test_cancel_stores_nothing, fixture_teardown);
  g_test_add ("/mj/accounts-window/default-and-remove", Fixture, NULL,
              fixture_setup, test_accounts_window, fixture_teardown);
  g_test_add ("/mj/accounts-window/sign-in-again", Fixture, NULL,
              fixture_setup, test_accounts_window_sign_in_again, fixture_teardown);
  g_test_add_func ("/mj/first-run/opens-wizard", test_first_run_opens_wizard);
  g_test_add_func ("/mj/account-wizard/edit-keeps-password", test_edit_account);

  return g_test_run ();
}
