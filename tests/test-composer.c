/* The composer in-process: a PDF drawn with cairo at test time is opened,
 * previewed off the main thread, inspected, prefilled from a seeded address
 * book and checked before sending. Runs under Xvfb (suite gui). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "mj-account-store.h"
#include "mj-address-book.h"
#include "mj-application.h"
#include "mj-pdf-view.h"
#include "mj-presend-check.h"
#include "mj-send-page.h"
#include "mj-queue.h"
#include "mj-store.h"
#include "mj-template.h"
#include "mj-test-resolver.h"

#define A4_WIDTH 595.28
#define A4_HEIGHT 841.89

static char *tmp_root;
static MjApplication *the_app;

/* One application for the whole program: it owns the account store, the
 * address book and the queue, like the real one. */
static MjApplication *
get_app (void)
{
  if (the_app == NULL)
    {
      g_autoptr(GError) error = NULL;

      the_app = mj_application_new ();
      /* GUI tests run in parallel on one session bus: each keeps its own
       * instance instead of becoming a remote of another test's. */
      g_application_set_flags (G_APPLICATION (the_app),
                               g_application_get_flags (G_APPLICATION (the_app)) | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }
  return the_app;
}

/* @letterhead: (nullable): the sender's own address, printed under its name
 * as invoices do. */
static void
draw_invoice_full (const char *path,
                   const char *number,
                   const char *client_address,
                   const char *letterhead,
                   int         n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *title = g_strdup_printf ("Factura Nº %s", number);
  g_autofree char *client = g_strdup_printf ("Cliente: Cliente SA <%s>", client_address);

  for (int page = 0; page < n_pages; page++)
    {
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 22);
      cairo_move_to (cr, 60, 90);
      cairo_show_text (cr, "Fontanería Pérez");
      if (letterhead != NULL)
        {
          cairo_set_font_size (cr, 9);
          cairo_move_to (cr, 60, 104);
          cairo_show_text (cr, letterhead);
        }
      cairo_set_font_size (cr, 18);
      cairo_move_to (cr, 60, 130);
      cairo_show_text (cr, title);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 12);
      cairo_move_to (cr, 60, 170);
      cairo_show_text (cr, "Fecha: 12/03/2026");
      cairo_move_to (cr, 60, 190);
      cairo_show_text (cr, client);
      cairo_move_to (cr, 60, 230);
      cairo_show_text (cr, "Reparación de caldera");
      cairo_move_to (cr, 420, 230);
      cairo_show_text (cr, "100,00 €");
      cairo_move_to (cr, 60, 250);
      cairo_show_text (cr, "IVA 21 %");
      cairo_move_to (cr, 420, 250);
      cairo_show_text (cr, "21,00 €");
      cairo_move_to (cr, 60, 290);
      cairo_show_text (cr, "Total factura: 121,00 €");
      cairo_rectangle (cr, 50, 210, 495, 95);
      cairo_stroke (cr);
      cairo_show_page (cr);
    }

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
draw_invoice (const char *path,
              const char *number,
              const char *client_address,
              int         n_pages)
{
  draw_invoice_full (path, number, client_address, NULL, n_pages);
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* Spins until @done says so, for at most 20 s. */
static gboolean
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

static gboolean
page_settled (gpointer data)
{
  MjSendPage *page = data;
  MjPdfView *view = MJ_PDF_VIEW (mj_send_page_get_pdf_view (page));

  return !mj_send_page_get_busy (page) &&
         !mj_pdf_view_get_rendering (view) &&
         (mj_pdf_view_get_state (view) == MJ_PDF_VIEW_READY ||
          mj_pdf_view_get_state (view) == MJ_PDF_VIEW_ERROR);
}

/* Send was pressed and the queue has stored the messages (it copies the
 * PDFs in a worker thread). */
static gboolean
page_idle (gpointer data)
{
  return !mj_send_page_get_busy (MJ_SEND_PAGE (data));
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0 &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
collect_with_icon (GtkWidget  *widget,
                   const char *icon_name,
                   GPtrArray  *found)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_with_icon (child, icon_name, found);
}

static GPtrArray *
find_all_with_icon (GtkWidget  *widget,
                    const char *icon_name)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_with_icon (widget, icon_name, found);
  return found;
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_mapped_label (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_label (child, text))
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
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static MjPresendItem *
find_check (GPtrArray  *checks,
            const char *id)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (mj_presend_item_get_id (g_ptr_array_index (checks, i)), id) == 0)
      return g_ptr_array_index (checks, i);
  return NULL;
}

/* Renders the window into a PNG without any X tool (TESTING.md §7b). */
static void
save_screenshot (GtkWidget  *window,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
seed_account_and_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) accounts = mj_account_store_new (&error);
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjStore) store = NULL;
  g_autoptr(MjAddressBook) book = NULL;
  const char *addresses[] = { "Cliente SA <cliente@hotmial.com>", NULL };

  g_assert_no_error (error);
  account = mj_account_new_for_provider ("trabajo", "facturas@fontaneria-perez.es",
                                         mj_provider_lookup ("generic"));
  mj_account_set_display_name (account, "Fontanería Pérez");
  mj_account_set_host (account, "smtp.fontaneria-perez.es");
  mj_account_set_port (account, 587);
  mj_account_set_security (account, MJ_SECURITY_STARTTLS);
  mj_account_set_auth (account, MJ_AUTH_PASSWORD);
  g_assert_true (mj_account_store_add (accounts, account, &error));
  g_assert_no_error (error);

  store = mj_store_dup_default (&error);
  g_assert_no_error (error);
  book = mj_address_book_new (store);
  g_assert_true (mj_address_book_remember (book, "Cliente SA", addresses, &error));
  g_assert_no_error (error);
}

static void
collect_rows (GtkWidget  *widget,
              GType       type,
              const char *title,
              GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, type, title, found);
}

static guint
count_rows (GtkWidget  *widget,
            const char *title)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_rows (widget, ADW_TYPE_ACTION_ROW, title, found);
  return found->len;
}

/* The row of @type titled @title (the page's own, untranslated in C). */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_rows (widget, type, title, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static GtkWidget *
new_composer_window (MjApplication  *app,
                     MjSendPage    **page)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  *page = MJ_SEND_PAGE (mj_send_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (*page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return window;
}

static void
test_composer_several (void)
{
  MjApplication *app = get_app ();
  g_autofree char *path_a = g_build_filename (tmp_root, "factura-2026-040.pdf", NULL);
  g_autofree char *path_b = g_build_filename (tmp_root, "factura-2026-041.pdf", NULL);
  GFile *files[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueueItem) item = NULL;
  GtkWidget *window, *mode_row, *to_row, *popover, *row_a, *row_b, *use, *candidate, *own;
  GtkListBox *suggestions;
  GtkListBoxRow *suggestion;
  MjSendPage *page;
  MjQueue *queue;
  guint n_queued;

  draw_invoice (path_a, "2026-040", "cliente@hotmial.com", 1);
  /* B also prints the sender's own billing address in its letterhead. */
  draw_invoice_full (path_b, "2026-041", "otra@example.es", "facturacion@fontaneriaperez.es", 1);
  files[0] = g_file_new_for_path (path_a);
  files[1] = g_file_new_for_path (path_b);

  queue = mj_application_get_queue (app);
  g_assert_nonnull (queue);
  g_assert_true (mj_queue_pause_account (queue, "trabajo", &error));
  g_assert_no_error (error);
  n_queued = g_list_model_get_n_items (mj_queue_get_items (queue));

  window = new_composer_window (app, &page);
  mj_send_page_add_files (page, files, 2);
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 2);
  g_assert_true (spin_until (page_settled, page));

  /* One message per invoice first: the selected (first) invoice's draft. */
  mode_row = find_row (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, "Send As");
  g_assert_true (gtk_widget_is_visible (mode_row));
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "cliente@hotmial.com");
  g_assert_nonnull (strstr (mj_send_page_get_subject (page), "2026-040"));
  g_assert_null (strstr (mj_send_page_get_subject (page), "2026-041"));

  /* The second invoice is for nobody in the address book: its address is
   * offered, not filled in. */
  row_b = find_row (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "factura-2026-041.pdf");
  row_a = find_row (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "factura-2026-040.pdf");
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row_b)), GTK_LIST_BOX_ROW (row_b));
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "");
  g_assert_nonnull (strstr (mj_send_page_get_subject (page), "2026-041"));
  /* Each address found is offered on a row of its own, readable whole,
   * the client's before the sender's own letterhead address. */
  g_assert_true (spin_until (page_settled, page));
  candidate = find_row (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "otra@example.es");
  own = find_row (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "facturacion@fontaneriaperez.es");
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (candidate)), <,
                   gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (own)));
  use = find_button_with_label (candidate, "_Use");
  g_assert_nonnull (use);
  g_signal_emit_by_name (use, "clicked");
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "otra@example.es");
  g_assert_cmpuint (count_rows (GTK_WIDGET (page), "otra@example.es"), ==, 0);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row_a)), GTK_LIST_BOX_ROW (row_a));
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "cliente@hotmial.com");

  /* One message with both: both numbers in the subject. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), 1);
  g_assert_nonnull (strstr (mj_send_page_get_subject (page), "2026-040, 2026-041"));
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "cliente@hotmial.com");

  /* Typing part of a client's name offers the address. */
  to_row = find_row (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "To");
  gtk_editable_set_text (GTK_EDITABLE (to_row), "");
  gtk_widget_grab_focus (to_row);
  gtk_editable_set_text (GTK_EDITABLE (to_row), "Clien");
  popover = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (to_row); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  suggestions = GTK_LIST_BOX (gtk_popover_get_child (GTK_POPOVER (popover)));
  suggestion = gtk_list_box_get_row_at_index (suggestions, 0);
  g_assert_nonnull (suggestion);
  g_assert_null (gtk_list_box_get_row_at_index (suggestions, 1));
  g_signal_emit_by_name (suggestions, "row-activated", suggestion);
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "cliente@hotmial.com");
  g_assert_false (gtk_widget_get_visible (popover));

  /* Send: one queue item carrying both PDFs. */
  g_assert_true (spin_until (page_settled, page));
  g_assert_true (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (page), "composer.send")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "composer.send", NULL));
  /* While the queue stores it, Send cannot be pressed twice. */
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (page), "composer.send")));
  g_assert_true (spin_until (page_idle, page));
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (queue)), ==, n_queued + 1);
  item = g_list_model_get_item (mj_queue_get_items (queue), 0);
  g_assert_cmpuint (g_strv_length ((char **) mj_queue_item_get_attachment_names (item)), ==, 2);
  g_assert_nonnull (strstr (mj_queue_item_get_subject (item), "2026-040, 2026-041"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
test_composer_open_and_check (void)
{
  MjApplication *app = get_app ();
  g_autofree char *pdf_path = g_build_filename (tmp_root, "factura-2026-031.pdf", NULL);
  g_autofree char *text_path = g_build_filename (tmp_root, "notas.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  g_autoptr(GPtrArray) checks = NULL;
  MjPresendItem *typo;
  MjSendPage *page;
  MjPdfView *view;
  GdkTexture *texture;
  GtkWidget *window;
  const char *builddir = g_getenv ("MJ_TEST_BUILDDIR");
  g_autofree char *shot = g_build_filename (builddir ? builddir : tmp_root, "test-composer.png", NULL);
  g_autofree char *shot_error = g_build_filename (builddir ? builddir : tmp_root, "test-composer-error.png", NULL);
  double zoom;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(MjQueueItem) item = NULL;
  g_autoptr(MjContact) contact = NULL;
  AdwMessageDialog *dialog;
  MjQueue *queue;
  guint n_queued;

  draw_invoice (pdf_path, "2026-031", "cliente@hotmial.com", 2);
  g_assert_true (g_file_set_contents (text_path, "Esto no es un PDF.\n", -1, NULL));
  seed_account_and_client ();

  /* The composer alone in a window of the application, which owns the
   * account store, the address book and the queue it uses. */
  window = adw_application_window_new (GTK_APPLICATION (app));
  page = MJ_SEND_PAGE (mj_send_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  view = MJ_PDF_VIEW (mj_send_page_get_pdf_view (page));

  /* What `mensajero factura.pdf` and "Open With" end up calling. */
  mj_send_page_add_files (page, &pdf, 1);
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 1);
  g_assert_true (spin_until (page_settled, page));
  spin_for (300);   /* let the fit-width re-render settle */
  g_assert_true (spin_until (page_settled, page));

  /* Once the preview is up, the status under the form no longer says the
   * invoice is being read (it used to stay so until the next edit). */
  g_assert_false (has_mapped_label (GTK_WIDGET (page), "Reading the invoice…"));

  /* Page 1 is rendered, fitted to the width of the preview. */
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_READY);
  g_assert_cmpint (mj_pdf_view_get_n_pages (view), ==, 2);
  g_assert_cmpint (mj_pdf_view_get_page (view), ==, 0);
  texture = mj_pdf_view_get_texture (view);
  g_assert_nonnull (texture);
  zoom = mj_pdf_view_get_zoom (view);
  g_assert_cmpint (gdk_texture_get_width (texture), ==,
                   (int) ceil (A4_WIDTH * 96.0 / 72.0 * zoom * gtk_widget_get_scale_factor (GTK_WIDGET (view))));
  g_assert_cmpint (gdk_texture_get_height (texture), ==,
                   (int) ceil (A4_HEIGHT * 96.0 / 72.0 * zoom * gtk_widget_get_scale_factor (GTK_WIDGET (view))));

  /* 100 %: A4 at 96 dpi. */
  mj_pdf_view_set_zoom (view, 1.0);
  g_assert_cmpint (mj_pdf_view_get_fit_mode (view), ==, MJ_PDF_FIT_NONE);
  spin_for (200);
  g_assert_true (spin_until (page_settled, page));
  texture = mj_pdf_view_get_texture (view);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 794 * gtk_widget_get_scale_factor (GTK_WIDGET (view)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1123 * gtk_widget_get_scale_factor (GTK_WIDGET (view)));

  /* Page Down shows page 2. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pdf.next-page", NULL));
  g_assert_cmpint (mj_pdf_view_get_page (view), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pdf.previous-page", NULL));
  g_assert_cmpint (mj_pdf_view_get_page (view), ==, 0);
  mj_pdf_view_set_fit_mode (view, MJ_PDF_FIT_WIDTH);
  spin_for (200);
  g_assert_true (spin_until (page_settled, page));

  /* The address printed in the PDF belongs to a known client. */
  g_assert_cmpstr (mj_send_page_get_to (page), ==, "cliente@hotmial.com");
  /* The subject comes from the template with the invoice number. */
  g_assert_nonnull (strstr (mj_send_page_get_subject (page), "2026-031"));

  /* The checklist warns about the typo and suggests the fix. */
  spin_for (1000);   /* the MX lookup starts 0.7 s after the last edit */
  checks = mj_send_page_get_checks (page);
  for (guint i = 0; i < checks->len; i++)
    g_test_message ("check %s: %s", mj_presend_item_get_id (g_ptr_array_index (checks, i)),
                    mj_presend_item_get_reason (g_ptr_array_index (checks, i), "en"));
  typo = find_check (checks, MJ_CHECK_RECIPIENT_TYPO);
  g_assert_nonnull (typo);
  g_assert_cmpint (mj_presend_item_get_severity (typo), ==, MJ_CHECK_WARNING);
  g_assert_cmpstr (mj_presend_item_get_suggestion (typo), ==, "cliente@hotmail.com");

  gtk_test_widget_wait_for_draw (window);
  save_screenshot (GTK_WIDGET (window), shot);

  /* A text file named .pdf: a clear error state, and it cannot be sent. */
  mj_send_page_add_files (page, &text, 1);
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 2);
  g_assert_true (spin_until (page_settled, page));
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_ERROR);
  g_assert_nonnull (mj_pdf_view_get_error_message (view));
  g_assert_cmpint (mj_pdf_view_get_texture (view) == NULL, ==, TRUE);
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = mj_send_page_get_checks (page);
  g_assert_nonnull (find_check (checks, MJ_CHECK_ATTACHMENT));
  g_assert_cmpint (mj_presend_item_get_severity (find_check (checks, MJ_CHECK_ATTACHMENT)), ==,
                   MJ_CHECK_BLOCKING);
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (page), "composer.send")));

  spin_for (500);   /* the preview cross-fades to its error page */
  gtk_test_widget_wait_for_draw (window);
  save_screenshot (GTK_WIDGET (window), shot_error);

  /* Take the text file out again: the invoice can go. The account is paused
   * so the queue keeps the message instead of connecting anywhere. */
  queue = mj_application_get_queue (app);
  g_assert_nonnull (queue);
  g_assert_true (mj_queue_pause_account (queue, "trabajo", &error));
  g_assert_no_error (error);
  n_queued = g_list_model_get_n_items (mj_queue_get_items (queue));
  trash = find_all_with_icon (GTK_WIDGET (page), "user-trash-symbolic");
  g_assert_cmpuint (trash->len, ==, 2);
  g_signal_emit_by_name (g_ptr_array_index (trash, 1), "clicked");
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 1);
  g_assert_true (spin_until (page_settled, page));
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_READY);
  g_assert_true (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (page), "composer.send")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "composer.send", NULL));
  g_assert_true (spin_until (page_idle, page));
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (queue)), ==, n_queued + 1);
  item = g_list_model_get_item (mj_queue_get_items (queue), 0);
  g_assert_cmpstr (mj_queue_item_get_account (item), ==, "trabajo");
  g_assert_nonnull (strstr (mj_queue_item_get_to (item), "cliente@hotmial.com"));
  g_assert_nonnull (strstr (mj_queue_item_get_subject (item), "2026-031"));
  g_assert_cmpint (mj_queue_item_get_state (item), ==, MJ_QUEUE_STATE_QUEUED);

  /* Sending remembers the recipient once more. */
  contact = mj_address_book_lookup_address (mj_application_get_address_book (app),
                                            "cliente@hotmial.com", &error);
  g_assert_no_error (error);
  g_assert_nonnull (contact);
  g_assert_cmpstr (contact->client_name, ==, "Cliente SA");
  g_assert_cmpuint (contact->use_count, >=, 2);

  /* The same invoice to the same client again: the user is asked first,
   * the invoice stays until they say "Send Again", then it is queued. */
  mj_send_page_add_files (page, &pdf, 1);
  g_assert_true (spin_until (page_settled, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "composer.send", NULL));
  g_assert_true (spin_until (page_idle, page));
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (queue)), ==, n_queued + 1);
  dialog = find_message_dialog ("Already in the Queue");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "factura-2026-031.pdf"));
  adw_message_dialog_response (dialog, "queue");
  g_assert_true (spin_until (page_idle, page));
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mj_queue_get_items (queue)), ==, n_queued + 2);
  {
    g_autoptr(MjQueueItem) again = g_list_model_get_item (mj_queue_get_items (queue), 0);

    g_assert_cmpint (mj_queue_item_get_id (again), >, mj_queue_item_get_id (item));
    g_assert_cmpstr (mj_queue_item_get_attachment_hashes (again)[0], ==,
                     mj_queue_item_get_attachment_hashes (item)[0]);
    g_assert_cmpstr (mj_queue_item_get_message_id (again), !=, mj_queue_item_get_message_id (item));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);
}

static gboolean
view_settled (gpointer data)
{
  MjPdfView *view = data;

  return !mj_pdf_view_get_rendering (view) &&
         (mj_pdf_view_get_state (view) == MJ_PDF_VIEW_READY ||
          mj_pdf_view_get_state (view) == MJ_PDF_VIEW_ERROR);
}

/* Damaged, encrypted and missing files: a reason, never a crash. */
static void
test_pdf_view_errors (void)
{
  g_autofree char *good = g_build_filename (tmp_root, "buena.pdf", NULL);
  g_autofree char *truncated = g_build_filename (tmp_root, "cortada.pdf", NULL);
  g_autofree char *encrypted = g_build_filename (tmp_root, "cifrada.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmp_root, "no-existe.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr(GFile) file = NULL;
  gsize length;
  GtkWidget *window = gtk_window_new ();
  MjPdfView *view = MJ_PDF_VIEW (mj_pdf_view_new ());

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  gtk_window_present (GTK_WINDOW (window));

  draw_invoice (good, "2026-050", "a@example.es", 3);
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 3, NULL));

  file = g_file_new_for_path (good);
  mj_pdf_view_set_file (view, file);
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_LOADING);
  g_assert_true (spin_until (view_settled, view));
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_READY);
  g_assert_cmpint (mj_pdf_view_get_n_pages (view), ==, 3);
  /* The last page, and no further. */
  mj_pdf_view_set_page (view, 7);
  g_assert_cmpint (mj_pdf_view_get_page (view), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.next-page", NULL);
  g_assert_cmpint (mj_pdf_view_get_page (view), ==, 2);

  /* A newer file replaces one still loading. */
  g_clear_object (&file);
  file = g_file_new_for_path (truncated);
  mj_pdf_view_set_file (view, file);
  g_assert_true (spin_until (view_settled, view));
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_ERROR);
  g_assert_nonnull (strstr (mj_pdf_view_get_error_message (view), "damaged"));
  g_assert_null (mj_pdf_view_get_texture (view));
  g_assert_cmpint (mj_pdf_view_get_n_pages (view), ==, 0);

  g_clear_object (&file);
  file = g_file_new_for_path (missing);
  mj_pdf_view_set_file (view, file);
  g_assert_true (spin_until (view_settled, view));
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_ERROR);
  g_assert_nonnull (strstr (mj_pdf_view_get_error_message (view), "cannot be found"));

  if (qpdf != NULL)
    {
      const char *argv[] = { qpdf, "--encrypt", "user-pw", "owner-pw", "256", "--", good, encrypted, NULL };
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_clear_object (&file);
      file = g_file_new_for_path (encrypted);
      mj_pdf_view_set_file (view, file);
      g_assert_true (spin_until (view_settled, view));
      g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_ERROR);
      g_assert_nonnull (strstr (mj_pdf_view_get_error_message (view), "password"));
    }
  else
    g_test_message ("qpdf not found: encrypted case not run");

  mj_pdf_view_set_file (view, NULL);
  g_assert_cmpint (mj_pdf_view_get_state (view), ==, MJ_PDF_VIEW_EMPTY);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Files dropped from the file manager, and the file chooser. */
static void
test_composer_drop_and_open (void)
{
  MjApplication *app = get_app ();
  g_autofree char *path = g_build_filename (tmp_root, "arrastrada.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  GListModel *toplevels = NULL;   /* (transfer none): gtk_window_get_toplevels() keeps it */
  GValue value = G_VALUE_INIT;
  GtkDropTarget *target;
  GtkWidget *window, *chooser = NULL;
  MjSendPage *page;
  gboolean accepted = FALSE;

  draw_invoice (path, "2026-060", "a@example.es", 1);
  file = g_file_new_for_path (path);
  window = new_composer_window (app, &page);
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 0);

  target = find_drop_target (GTK_WIDGET (page));
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST, gtk_drop_target_get_gtypes (target, NULL)[0]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_cmpuint (mj_send_page_get_n_invoices (page), ==, 1);
  g_assert_true (spin_until (page_settled, page));

  /* Ctrl+O / the + button: a file chooser for PDFs, over the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "composer.open", NULL));
  spin_for (300);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        chooser = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (chooser);
  g_assert_true (gtk_widget_get_visible (chooser));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);
}

static GtkWidget *
find_toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          g_strcmp0 (gtk_window_get_title (toplevel), title) == 0)
        return GTK_WIDGET (toplevel);
    }
  return NULL;
}

static GtkWidget *
open_template_editor (MjSendPage *page)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "composer.edit-template", NULL));
  editor = find_toplevel_titled ("Message Template");
  g_assert_nonnull (editor);
  gtk_test_widget_wait_for_draw (editor);
  return editor;
}

/* The account's template is edited from the composer, with its
 * placeholders; the invoice that is open takes the new text at once, and
 * restoring the standard text forgets the account's own. */
static void
test_composer_template (void)
{
  MjApplication *app = get_app ();
  g_autofree char *path = g_build_filename (tmp_root, "factura-2026-070.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(MjTemplate) saved = NULL;
  g_autoptr(MjTemplate) standard = mj_template_new_default ("en");
  GtkWidget *window, *editor, *subject_row;
  MjSendPage *page;

  draw_invoice (path, "2026-070", "a@example.es", 1);
  file = g_file_new_for_path (path);
  window = new_composer_window (app, &page);
  mj_send_page_add_files (page, &file, 1);
  g_assert_true (spin_until (page_settled, page));
  g_assert_nonnull (strstr (mj_send_page_get_subject (page), "2026-070"));

  editor = open_template_editor (page);
  subject_row = find_row (editor, ADW_TYPE_ENTRY_ROW, "_Subject");
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (subject_row)), "{invoice_number}"));
  gtk_editable_set_text (GTK_EDITABLE (subject_row), "Su factura {invoice_number}");
  g_signal_emit_by_name (find_button_with_label (editor, "_Save"), "clicked");
  spin_for (100);
  g_assert_null (find_toplevel_titled ("Message Template"));
  g_assert_cmpstr (mj_send_page_get_subject (page), ==, "Su factura 2026-070");
  saved = mj_template_load_for_account ("trabajo", "en");
  g_assert_cmpstr (mj_template_get_subject (saved), ==, "Su factura {invoice_number}");
  g_clear_object (&saved);

  editor = open_template_editor (page);
  g_signal_emit_by_name (find_button_with_label (editor, "_Restore the Standard Text"), "clicked");
  g_signal_emit_by_name (find_button_with_label (editor, "_Save"), "clicked");
  spin_for (100);
  g_assert_null (strstr (mj_send_page_get_subject (page), "Su factura"));
  g_assert_nonnull (strstr (mj_send_page_get_subject (page), "2026-070"));
  saved = mj_template_load_for_account ("trabajo", "en");
  g_assert_cmpstr (mj_template_get_subject (saved), ==, mj_template_get_subject (standard));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);
}

int
main (int argc, char **argv)
{
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;
  g_autoptr(MjTestResolver) resolver = NULL;
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  /* Before anything reads them: a private address book and accounts. */
  tmp_root = g_dir_make_tmp ("mj-test-composer-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  config = g_build_filename (tmp_root, "config", NULL);
  data = g_build_filename (tmp_root, "data", NULL);
  cache = g_build_filename (tmp_root, "cache", NULL);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* DNS from a table: hotmial.com has a mail server, so the typo is the
   * only thing the checklist has to say about the recipient. */
  resolver = mj_test_resolver_new ();
  mj_test_resolver_add_mx (resolver, "hotmial.com", 10, "mx.hotmial.com");
  mj_test_resolver_add_address (resolver, "mx.hotmial.com", "192.0.2.25");
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/mj/pdf-view/errors", test_pdf_view_errors);
  g_test_add_func ("/mj/composer/open-and-check", test_composer_open_and_check);
  g_test_add_func ("/mj/composer/several", test_composer_several);
  g_test_add_func ("/mj/composer/drop-and-open", test_composer_drop_and_open);
  g_test_add_func ("/mj/composer/template", test_composer_template);

  ret = g_test_run ();
  g_clear_object (&the_app);

  {
    g_autofree char *quoted = g_shell_quote (tmp_root);
    g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_root);
  }
  g_free (tmp_root);
  return ret;
}
