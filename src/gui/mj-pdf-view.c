#define G_LOG_DOMAIN "mj-pdf-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <poppler.h>

#include "mj-pdf-view.h"

/* Zoom 1.0 shows a page at 96 dpi; PDF sizes are in points (1/72 inch). */
#define POINTS_TO_PIXELS (96.0 / 72.0)
#define MIN_ZOOM 0.1
#define MAX_ZOOM 8.0
#define ZOOM_STEP 1.2
/* Margin around the page inside the scrolled window (see mj-pdf-view.ui). */
#define PAGE_MARGIN 12
/* Cap on one rendered page, so zooming in never allocates gigabytes. */
#define MAX_TEXTURE_PIXELS (6000 * 6000)

G_DEFINE_ENUM_TYPE (MjPdfFitMode, mj_pdf_fit_mode,
                    G_DEFINE_ENUM_VALUE (MJ_PDF_FIT_WIDTH, "width"),
                    G_DEFINE_ENUM_VALUE (MJ_PDF_FIT_PAGE, "page"),
                    G_DEFINE_ENUM_VALUE (MJ_PDF_FIT_NONE, "none"))

G_DEFINE_ENUM_TYPE (MjPdfViewState, mj_pdf_view_state,
                    G_DEFINE_ENUM_VALUE (MJ_PDF_VIEW_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (MJ_PDF_VIEW_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (MJ_PDF_VIEW_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (MJ_PDF_VIEW_ERROR, "error"))

/*
 * An open document shared between render workers. PopplerDocument is not
 * safe to use from two threads at once, so every use holds @lock (papers
 * does the same with a GRWLock). The page sizes are read once in the load
 * worker so the main thread never touches Poppler.
 */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  PopplerDocument *document;
  int              n_pages;
  double          *widths;
  double          *heights;
} MjPdfDoc;

static MjPdfDoc *
mj_pdf_doc_ref (MjPdfDoc *doc)
{
  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

static void
mj_pdf_doc_unref (MjPdfDoc *doc)
{
  if (g_atomic_ref_count_dec (&doc->ref_count))
    {
      g_clear_object (&doc->document);
      g_mutex_clear (&doc->lock);
      g_free (doc->widths);
      g_free (doc->heights);
      g_free (doc);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjPdfDoc, mj_pdf_doc_unref)

struct _MjPdfView
{
  GtkWidget parent_instance;

  GFile *file;
  MjPdfDoc *doc;
  GdkTexture *texture;
  char *error_message;
  MjPdfViewState state;
  int page;
  double zoom;
  MjPdfFitMode fit_mode;
  int rendered_page;
  double rendered_zoom;
  int rendered_scale_factor;

  GCancellable *load_cancellable;
  GCancellable *render_cancellable;
  guint refit_source;
  gboolean rendering;

  /* Template children */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkLabel *page_label;
  GtkWidget *page_nav_box;
  GtkLabel *zoom_label;
  GtkToggleButton *fit_width_button;
  GtkToggleButton *fit_page_button;
  GtkScrolledWindow *scrolled;
  GtkPicture *picture;
};

G_DEFINE_FINAL_TYPE (MjPdfView, mj_pdf_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_PAGE,
  PROP_N_PAGES,
  PROP_ZOOM,
  PROP_FIT_MODE,
  PROP_TEXTURE_WIDTH,
  PROP_TEXTURE_HEIGHT,
  PROP_RENDERING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mj_pdf_view_queue_render (MjPdfView *self);

static void
mj_pdf_view_set_rendering (MjPdfView *self,
                           gboolean   rendering)
{
  if (self->rendering != rendering)
    {
      self->rendering = rendering;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);
    }
}

/* Loading ---------------------------------------------------------------- */

/* Poppler skips up to 1 KiB of junk before the header; so do we. */
static gboolean
looks_like_pdf (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  char head[1024];
  gsize n_read = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n_read,
                                cancellable, error))
    return FALSE;

  for (gsize i = 0; i + 5 <= n_read; i++)
    if (memcmp (head + i, "%PDF-", 5) == 0)
      return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("This file is not a PDF document."));
  return FALSE;
}

/* Maps Poppler's and GIO's errors to one translated sentence for the user. */
static GError *
convert_error (GError *error)
{
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                _("This PDF is protected with a password, so it cannot be "
                                  "previewed. Export it again from your invoicing program "
                                  "without a password."));
  if (error->domain == POPPLER_ERROR)
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                _("This PDF is damaged and cannot be read. Export it again "
                                  "from your invoicing program."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                _("The file cannot be found."));
  return g_error_copy (error);
}

static MjPdfDoc *
open_document (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document = NULL;
  MjPdfDoc *doc;

  if (!looks_like_pdf (file, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, convert_error (local_error));
      return NULL;
    }

  if (g_file_is_native (file))
    {
      /* Poppler wants an absolute file:// URI. */
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, &local_error);

      if (uri != NULL)
        document = poppler_document_new_from_file (uri, NULL, &local_error);
    }
  else
    document = poppler_document_new_from_gfile (file, NULL, cancellable, &local_error);

  if (document == NULL)
    {
      g_propagate_error (error, convert_error (local_error));
      return NULL;
    }

  doc = g_new0 (MjPdfDoc, 1);
  g_atomic_ref_count_init (&doc->ref_count);
  g_mutex_init (&doc->lock);
  doc->document = document;
  doc->n_pages = poppler_document_get_n_pages (doc->document);
  doc->widths = g_new0 (double, MAX (doc->n_pages, 1));
  doc->heights = g_new0 (double, MAX (doc->n_pages, 1));

  for (int i = 0; i < doc->n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc->document, i);

      if (page != NULL)
        {
          poppler_page_get_size (page, &doc->widths[i], &doc->heights[i]);
          g_object_unref (page);
        }
      /* A broken MediaBox must not give a zero-sized or gigantic texture. */
      if (!(doc->widths[i] >= 1 && doc->widths[i] <= 14400))
        doc->widths[i] = 595;
      if (!(doc->heights[i] >= 1 && doc->heights[i] <= 14400))
        doc->heights[i] = 842;
    }

  if (doc->n_pages == 0)
    {
      mj_pdf_doc_unref (doc);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This PDF has no pages. Export it again from your invoicing "
                             "program."));
      return NULL;
    }

  return doc;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  MjPdfDoc *doc;

  doc = open_document (file, cancellable, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) mj_pdf_doc_unref);
}

/* Rendering -------------------------------------------------------------- */

typedef struct
{
  MjPdfDoc *doc;
  int page;
  double scale;       /* device pixels per point */
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_clear_pointer (&data->doc, mj_pdf_doc_unref);
  g_free (data);
}

/* Renders one page into a texture. Safe to call from any thread. */
static GdkTexture *
render_page (MjPdfDoc      *doc,
             int            index,
             double         scale,
             GCancellable  *cancellable,
             GError       **error)
{
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *texture;
  int width, height, stride;

  width = MAX (1, (int) ceil (doc->widths[index] * scale));
  height = MAX (1, (int) ceil (doc->heights[index] * scale));
  if ((gint64) width * height > MAX_TEXTURE_PIXELS)
    {
      double shrink = sqrt ((double) MAX_TEXTURE_PIXELS / ((double) width * height));

      scale *= shrink;
      width = MAX (1, (int) floor (doc->widths[index] * scale));
      height = MAX (1, (int) floor (doc->heights[index] * scale));
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to show this page."));
      return NULL;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  g_mutex_lock (&doc->lock);
  if (!g_cancellable_is_cancelled (cancellable))
    {
      page = poppler_document_get_page (doc->document, index);
      if (page != NULL)
        {
          poppler_page_render (page, cr);
          g_object_unref (page);
        }
    }
  g_mutex_unlock (&doc->lock);

  /* PDFs are transparent where nothing is drawn: put white paper behind. */
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OVER);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The bytes keep the surface alive: no copy of the pixels. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  /* CAIRO_FORMAT_ARGB32 is premultiplied BGRA in memory on little endian,
   * which is GDK_MEMORY_DEFAULT on every byte order. */
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);

  return texture;
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *data = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = render_page (data->doc, data->page, data->scale, cancellable, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* State ------------------------------------------------------------------ */

static void
mj_pdf_view_set_state (MjPdfView      *self,
                       MjPdfViewState  state)
{
  static const char *pages[] = { "empty", "loading", "document", "error" };

  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == MJ_PDF_VIEW_LOADING);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
mj_pdf_view_set_texture (MjPdfView  *self,
                         GdkTexture *texture)
{
  if (!g_set_object (&self->texture, texture))
    return;

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE_HEIGHT]);
}

static void
mj_pdf_view_show_error (MjPdfView    *self,
                        const GError *error)
{
  const char *title;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    title = _("Protected PDF");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    title = _("File Not Found");
  else
    title = _("Cannot Show This File");

  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  mj_pdf_view_set_texture (self, NULL);
  mj_pdf_view_set_state (self, MJ_PDF_VIEW_ERROR);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
mj_pdf_view_update_labels (MjPdfView *self)
{
  g_autofree char *page_text = NULL;
  g_autofree char *short_text = NULL;
  g_autofree char *zoom_text = NULL;
  int n_pages = self->doc ? self->doc->n_pages : 0;

  /* Translators: "page 1 of 3" in the preview's tool bar. */
  page_text = g_strdup_printf (_("Page %d of %d"), self->page + 1, n_pages);
  /* Short, to fit next to the arrows when the window is narrow; the
   * tooltip and screen readers get the whole phrase. */
  /* Translators: "1 of 3", the page shown in the preview's tool bar. */
  short_text = g_strdup_printf (_("%d of %d"), self->page + 1, n_pages);
  /* Most invoices have one page: no page arrows nor count then, which
   * leaves the room to the zoom in a narrow window. The empty label keeps
   * pushing the zoom to the end. */
  gtk_label_set_label (self->page_label, n_pages > 1 ? short_text : "");
  gtk_widget_set_visible (self->page_nav_box, n_pages > 1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->page_label), page_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  page_text, -1);
  zoom_text = g_strdup_printf ("%.0f %%", self->zoom * 100);
  gtk_label_set_label (self->zoom_label, zoom_text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.next-page", self->page + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-in", self->doc && self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-out", self->doc && self->zoom > MIN_ZOOM);

  /* The toggled handlers ignore the echo of these calls. */
  gtk_toggle_button_set_active (self->fit_width_button, self->fit_mode == MJ_PDF_FIT_WIDTH);
  gtk_toggle_button_set_active (self->fit_page_button, self->fit_mode == MJ_PDF_FIT_PAGE);
}

/* Works out the zoom the fit mode asks for, from the visible area. */
static gboolean
mj_pdf_view_compute_fit (MjPdfView *self,
                         double    *zoom)
{
  double page_w, page_h, avail_w, avail_h, fit;

  if (self->doc == NULL || self->fit_mode == MJ_PDF_FIT_NONE)
    return FALSE;

  avail_w = gtk_widget_get_width (GTK_WIDGET (self->scrolled)) - 2 * PAGE_MARGIN;
  avail_h = gtk_widget_get_height (GTK_WIDGET (self->scrolled)) - 2 * PAGE_MARGIN;
  if (avail_w < 16 || avail_h < 16)
    return FALSE;

  page_w = self->doc->widths[self->page] * POINTS_TO_PIXELS;
  page_h = self->doc->heights[self->page] * POINTS_TO_PIXELS;
  fit = avail_w / page_w;
  if (self->fit_mode == MJ_PDF_FIT_PAGE)
    fit = MIN (fit, avail_h / page_h);

  *zoom = CLAMP (fit, MIN_ZOOM, MAX_ZOOM);
  return TRUE;
}

static void
mj_pdf_view_apply_zoom (MjPdfView *self,
                        double     zoom)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (fabs (self->zoom - zoom) > 0.0005)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
}

static void
render_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MjPdfView) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer request replaced this one (it may have finished before it was
   * cancelled): its page or zoom is out of date, say nothing. */
  if (g_task_get_cancellable (G_TASK (result)) != self->render_cancellable)
    return;

  if (texture == NULL)
    {
      g_clear_object (&self->render_cancellable);
      mj_pdf_view_set_rendering (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mj_pdf_view_show_error (self, error);
      return;
    }

  g_clear_object (&self->render_cancellable);
  if (self->refit_source == 0)
    mj_pdf_view_set_rendering (self, FALSE);

  mj_pdf_view_set_texture (self, texture);
  mj_pdf_view_set_state (self, MJ_PDF_VIEW_READY);
}

static void
mj_pdf_view_render (MjPdfView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;
  double zoom, logical_w, logical_h;
  int scale_factor;

  if (self->doc == NULL)
    return;

  if (mj_pdf_view_compute_fit (self, &zoom))
    mj_pdf_view_apply_zoom (self, zoom);
  mj_pdf_view_update_labels (self);

  scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  logical_w = self->doc->widths[self->page] * POINTS_TO_PIXELS * self->zoom;
  logical_h = self->doc->heights[self->page] * POINTS_TO_PIXELS * self->zoom;
  /* The picture keeps the logical size; the texture has device pixels. */
  gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                               (int) round (logical_w), (int) round (logical_h));

  if (self->texture != NULL &&
      self->rendered_page == self->page &&
      fabs (self->rendered_zoom - self->zoom) < 0.0005 &&
      self->rendered_scale_factor == scale_factor)
    {
      /* Nothing new to draw; a render still in flight keeps its flag. */
      if (self->render_cancellable == NULL)
        mj_pdf_view_set_rendering (self, FALSE);
      return;
    }

  self->rendered_page = self->page;
  self->rendered_zoom = self->zoom;
  self->rendered_scale_factor = scale_factor;

  /* A newer request cancels the older one. */
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->render_cancellable = g_cancellable_new ();

  data = g_new0 (RenderData, 1);
  data->doc = mj_pdf_doc_ref (self->doc);
  data->page = self->page;
  data->scale = POINTS_TO_PIXELS * self->zoom * scale_factor;

  mj_pdf_view_set_rendering (self, TRUE);
  task = g_task_new (self, self->render_cancellable, render_ready_cb, g_object_ref (self));
  g_task_set_source_tag (task, mj_pdf_view_render);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_worker);
}

static gboolean
refit_cb (gpointer user_data)
{
  MjPdfView *self = user_data;

  self->refit_source = 0;
  mj_pdf_view_render (self);
  return G_SOURCE_REMOVE;
}

/* Re-renders shortly after the last change, so dragging the window edge or
 * pressing zoom repeatedly starts one render, not dozens. */
static void
mj_pdf_view_queue_render (MjPdfView *self)
{
  if (self->doc == NULL)
    return;
  if (self->refit_source != 0)
    g_source_remove (self->refit_source);
  self->refit_source = g_timeout_add (60, refit_cb, self);
  mj_pdf_view_set_rendering (self, TRUE);
}

static void
viewport_size_changed_cb (MjPdfView *self)
{
  if (self->fit_mode != MJ_PDF_FIT_NONE)
    mj_pdf_view_queue_render (self);
}

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MjPdfView) self = user_data;
  g_autoptr(GError) error = NULL;
  MjPdfDoc *doc;

  doc = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another file was set meanwhile. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    {
      g_clear_pointer (&doc, mj_pdf_doc_unref);
      return;
    }
  g_clear_object (&self->load_cancellable);

  if (doc == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mj_pdf_view_show_error (self, error);
      return;
    }

  g_clear_pointer (&self->doc, mj_pdf_doc_unref);
  self->doc = doc;
  self->page = 0;
  self->rendered_page = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  /* Render right away; fit modes settle once the page is allocated. */
  mj_pdf_view_render (self);
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
mj_pdf_view_new (void)
{
  return g_object_new (MJ_TYPE_PDF_VIEW, NULL);
}

/**
 * mj_pdf_view_set_file:
 * @file: (nullable): a PDF file
 *
 * Opens @file in a worker thread and shows its first page. Any load or render
 * still running for the previous file is cancelled.
 */
void
mj_pdf_view_set_file (MjPdfView *self,
                      GFile     *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MJ_IS_PDF_VIEW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file != NULL && file != NULL && g_file_equal (self->file, file))
    return;

  g_set_object (&self->file, file);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_handle_id (&self->refit_source, g_source_remove);
  g_clear_pointer (&self->doc, mj_pdf_doc_unref);
  g_clear_pointer (&self->error_message, g_free);
  mj_pdf_view_set_rendering (self, FALSE);
  mj_pdf_view_set_texture (self, NULL);
  self->page = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);

  if (file == NULL)
    {
      mj_pdf_view_set_state (self, MJ_PDF_VIEW_EMPTY);
      return;
    }

  mj_pdf_view_set_state (self, MJ_PDF_VIEW_LOADING);
  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, load_ready_cb, g_object_ref (self));
  g_task_set_source_tag (task, mj_pdf_view_set_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_worker);
}

GFile *
mj_pdf_view_get_file (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), NULL);
  return self->file;
}

MjPdfViewState
mj_pdf_view_get_state (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), MJ_PDF_VIEW_EMPTY);
  return self->state;
}

const char *
mj_pdf_view_get_error_message (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), NULL);
  return self->error_message;
}

int
mj_pdf_view_get_page (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), 0);
  return self->page;
}

/**
 * mj_pdf_view_set_page:
 * @page: the page to show, counted from 0; clamped to the document
 */
void
mj_pdf_view_set_page (MjPdfView *self,
                      int        page)
{
  g_return_if_fail (MJ_IS_PDF_VIEW (self));

  if (self->doc == NULL)
    return;
  page = CLAMP (page, 0, self->doc->n_pages - 1);
  if (page == self->page)
    return;

  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  mj_pdf_view_render (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

int
mj_pdf_view_get_n_pages (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), 0);
  return self->doc ? self->doc->n_pages : 0;
}

double
mj_pdf_view_get_zoom (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), 1.0);
  return self->zoom;
}

/**
 * mj_pdf_view_set_zoom:
 * @zoom: 1.0 shows the page at 96 dpi
 *
 * Sets a zoom of the user's; this leaves the fit modes.
 */
void
mj_pdf_view_set_zoom (MjPdfView *self,
                      double     zoom)
{
  g_return_if_fail (MJ_IS_PDF_VIEW (self));

  mj_pdf_view_set_fit_mode (self, MJ_PDF_FIT_NONE);
  mj_pdf_view_apply_zoom (self, zoom);
  mj_pdf_view_queue_render (self);
  mj_pdf_view_update_labels (self);
}

MjPdfFitMode
mj_pdf_view_get_fit_mode (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), MJ_PDF_FIT_WIDTH);
  return self->fit_mode;
}

void
mj_pdf_view_set_fit_mode (MjPdfView    *self,
                          MjPdfFitMode  fit_mode)
{
  g_return_if_fail (MJ_IS_PDF_VIEW (self));

  if (self->fit_mode == fit_mode)
    return;

  self->fit_mode = fit_mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_MODE]);
  mj_pdf_view_update_labels (self);
  if (fit_mode != MJ_PDF_FIT_NONE)
    mj_pdf_view_queue_render (self);
}

/**
 * mj_pdf_view_get_rendering:
 *
 * Returns: whether a page is being rendered (or about to be), so the
 *   texture may not match the page and zoom yet
 */
gboolean
mj_pdf_view_get_rendering (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), FALSE);
  return self->rendering;
}

/**
 * mj_pdf_view_get_texture:
 *
 * Returns: (transfer none) (nullable): the rendered current page
 */
GdkTexture *
mj_pdf_view_get_texture (MjPdfView *self)
{
  g_return_val_if_fail (MJ_IS_PDF_VIEW (self), NULL);
  return self->texture;
}

/* Thumbnails ------------------------------------------------------------- */

static void
thumbnail_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = g_task_get_task_data (task);
  int max_size = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "max-size"));
  g_autoptr(MjPdfDoc) doc = NULL;
  GError *error = NULL;
  GdkTexture *texture;
  double scale;

  doc = open_document (file, cancellable, &error);
  if (doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  scale = max_size / MAX (doc->widths[0], doc->heights[0]);
  texture = render_page (doc, 0, scale, cancellable, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * mj_pdf_render_thumbnail_async:
 * @file: a PDF
 * @max_size: the longest side of the thumbnail, in device pixels
 *
 * Renders the first page of @file, small, in a worker thread.
 */
void
mj_pdf_render_thumbnail_async (GFile               *file,
                               int                  max_size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (max_size > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_pdf_render_thumbnail_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "max-size", GINT_TO_POINTER (max_size));
  g_task_run_in_thread (task, thumbnail_worker);
}

/**
 * mj_pdf_render_thumbnail_finish:
 *
 * Returns: (transfer full): the first page, or %NULL with @error set to a
 *   translated reason (not a PDF, damaged, protected with a password…)
 */
GdkTexture *
mj_pdf_render_thumbnail_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Actions ---------------------------------------------------------------- */

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MjPdfView *self = MJ_PDF_VIEW (widget);

  mj_pdf_view_set_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MjPdfView *self = MJ_PDF_VIEW (widget);

  mj_pdf_view_set_page (self, self->page + 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MjPdfView *self = MJ_PDF_VIEW (widget);

  mj_pdf_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MjPdfView *self = MJ_PDF_VIEW (widget);

  mj_pdf_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

static void
fit_width_toggled_cb (MjPdfView *self)
{
  if (gtk_toggle_button_get_active (self->fit_width_button))
    mj_pdf_view_set_fit_mode (self, MJ_PDF_FIT_WIDTH);
  else if (self->fit_mode == MJ_PDF_FIT_WIDTH)
    mj_pdf_view_set_fit_mode (self, MJ_PDF_FIT_NONE);
}

static void
fit_page_toggled_cb (MjPdfView *self)
{
  if (gtk_toggle_button_get_active (self->fit_page_button))
    mj_pdf_view_set_fit_mode (self, MJ_PDF_FIT_PAGE);
  else if (self->fit_mode == MJ_PDF_FIT_PAGE)
    mj_pdf_view_set_fit_mode (self, MJ_PDF_FIT_NONE);
}

/* GObject ---------------------------------------------------------------- */

static void
mj_pdf_view_dispose (GObject *object)
{
  MjPdfView *self = MJ_PDF_VIEW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_handle_id (&self->refit_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_PDF_VIEW);
  g_clear_object (&self->texture);
  g_clear_object (&self->file);
  g_clear_pointer (&self->doc, mj_pdf_doc_unref);

  G_OBJECT_CLASS (mj_pdf_view_parent_class)->dispose (object);
}

static void
mj_pdf_view_finalize (GObject *object)
{
  MjPdfView *self = MJ_PDF_VIEW (object);

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (mj_pdf_view_parent_class)->finalize (object);
}

static void
mj_pdf_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MjPdfView *self = MJ_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;
    case PROP_N_PAGES:
      g_value_set_int (value, mj_pdf_view_get_n_pages (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT_MODE:
      g_value_set_enum (value, self->fit_mode);
      break;
    case PROP_TEXTURE_WIDTH:
      g_value_set_int (value, self->texture ? gdk_texture_get_width (self->texture) : 0);
      break;
    case PROP_TEXTURE_HEIGHT:
      g_value_set_int (value, self->texture ? gdk_texture_get_height (self->texture) : 0);
      break;
    case PROP_RENDERING:
      g_value_set_boolean (value, self->rendering);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_pdf_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MjPdfView *self = MJ_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      mj_pdf_view_set_file (self, g_value_get_object (value));
      break;
    case PROP_PAGE:
      mj_pdf_view_set_page (self, g_value_get_int (value));
      break;
    case PROP_ZOOM:
      mj_pdf_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT_MODE:
      mj_pdf_view_set_fit_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_pdf_view_class_init (MjPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_pdf_view_dispose;
  object_class->finalize = mj_pdf_view_finalize;
  object_class->get_property = mj_pdf_view_get_property;
  object_class->set_property = mj_pdf_view_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MJ_TYPE_PDF_VIEW_STATE, MJ_PDF_VIEW_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_MODE] =
    g_param_spec_enum ("fit-mode", NULL, NULL, MJ_TYPE_PDF_FIT_MODE, MJ_PDF_FIT_WIDTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTURE_WIDTH] =
    g_param_spec_int ("texture-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTURE_HEIGHT] =
    g_param_spec_int ("texture-height", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RENDERING] =
    g_param_spec_boolean ("rendering", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pdfview");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-pdf-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, fit_page_button);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, fit_width_button);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, page_label);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, page_nav_box);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, picture);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, stack);
  gtk_widget_class_bind_template_child (widget_class, MjPdfView, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, fit_page_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, fit_width_toggled_cb);

  gtk_widget_class_install_action (widget_class, "pdf.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "pdf.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_out_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "pdf.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "pdf.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
}

static void
mj_pdf_view_init (MjPdfView *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->fit_mode = MJ_PDF_FIT_WIDTH;
  self->rendered_page = -1;

  /* Page Up/Down and Ctrl +/- work once the page has the focus: clicking it
   * or tabbing to it gives it. */
  gtk_widget_set_focusable (GTK_WIDGET (self->scrolled), TRUE);
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (gtk_widget_grab_focus), self->scrolled);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), GTK_EVENT_CONTROLLER (click));

  /* The adjustments' page sizes follow the visible area: refit on change. */
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled),
                           "notify::page-size", G_CALLBACK (viewport_size_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled),
                           "notify::page-size", G_CALLBACK (viewport_size_changed_cb),
                           self, G_CONNECT_SWAPPED);

  mj_pdf_view_set_state (self, MJ_PDF_VIEW_EMPTY);
  mj_pdf_view_update_labels (self);
}
