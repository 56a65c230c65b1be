#define G_LOG_DOMAIN "mj-invoice-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-invoice-row.h"
#include "mj-pdf-view.h"

/*
 * One invoice added to the composer: its thumbnail, its name, what reading
 * the PDF found (number, total, pages, size, or why it cannot be sent) and
 * a button to take it off the list. The row reads the PDF itself; the
 * composer hears "inspected" when the report is there and "remove" when
 * the user asks for the row to go.
 */

#define THUMBNAIL_SIZE 48

struct _MjInvoiceRow
{
  AdwActionRow parent_instance;

  GFile *file;
  char *path;
  char *basename;
  MjPdfReport *report;       /* NULL while inspecting or when unreadable */
  char *error_message;       /* the file could not be read at all */
  gboolean inspecting;
  GCancellable *cancellable;

  /* Template children */
  GtkPicture *thumbnail;
};

G_DEFINE_FINAL_TYPE (MjInvoiceRow, mj_invoice_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

enum {
  INSPECTED,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mj_invoice_row_update_subtitle (MjInvoiceRow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  if (self->inspecting)
    g_ptr_array_add (parts, g_strdup (_("Reading the invoice…")));
  else if (self->report == NULL)
    g_ptr_array_add (parts, g_strdup (self->error_message));
  else if (!mj_pdf_report_get_valid_pdf (self->report))
    {
      const GError *error = mj_pdf_report_get_error (self->report);

      g_ptr_array_add (parts, g_strdup (error ? error->message : _("This file cannot be sent.")));
    }
  else
    {
      const char *number = mj_pdf_report_get_invoice_number (self->report);
      const char *total = mj_pdf_report_get_total (self->report);
      int pages = mj_pdf_report_get_pages (self->report);

      if (number != NULL)
        /* Translators: the invoice number, as in "Nº 2026-031". */
        g_ptr_array_add (parts, g_strdup_printf (_("Nº %s"), number));
      if (total != NULL)
        g_ptr_array_add (parts, g_strdup (total));
      g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d page", "%d pages", pages), pages));
      g_ptr_array_add (parts, g_format_size (mj_pdf_report_get_size_bytes (self->report)));
    }
  g_ptr_array_add (parts, NULL);

  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
inspect_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MjInvoiceRow) self = user_data;
  g_autoptr(MjPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mj_pdf_inspect_finish (result, &error);
  /* Taken off the list (or the composer is gone) meanwhile. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->inspecting = FALSE;
  if (report == NULL)
    self->error_message = g_strdup (error->message);
  self->report = g_steal_pointer (&report);

  mj_invoice_row_update_subtitle (self);
  g_signal_emit (self, signals[INSPECTED], 0);
}

static void
thumbnail_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MjInvoiceRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = mj_pdf_render_thumbnail_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (texture != NULL)
    {
      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
      /* A white page on a white row needs an edge. */
      gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "mj-thumbnail");
    }
  else
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
      g_autoptr(GtkIconPaintable) icon = NULL;

      icon = gtk_icon_theme_lookup_icon (theme, "dialog-warning-symbolic", NULL, 24,
                                         gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                         GTK_TEXT_DIR_NONE, 0);
      /* An icon at its own size, not stretched like a page. */
      gtk_picture_set_content_fit (self->thumbnail, GTK_CONTENT_FIT_SCALE_DOWN);
      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (icon));
      gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "warning");
    }
}

static void
remove_clicked_cb (MjInvoiceRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

/**
 * mj_invoice_row_load:
 *
 * Starts reading the PDF and drawing its thumbnail, at the scale of the
 * list the row was put in.
 */
void
mj_invoice_row_load (MjInvoiceRow *self)
{
  int scale;

  g_return_if_fail (MJ_IS_INVOICE_ROW (self));

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  mj_pdf_render_thumbnail_async (self->file, THUMBNAIL_SIZE * scale, self->cancellable,
                                 thumbnail_ready_cb, g_object_ref (self));
  mj_pdf_inspect_async (self->file, self->cancellable, inspect_ready_cb, g_object_ref (self));
}

/* The row left the composer: what it was still reading no longer matters. */
void
mj_invoice_row_cancel (MjInvoiceRow *self)
{
  g_return_if_fail (MJ_IS_INVOICE_ROW (self));
  g_cancellable_cancel (self->cancellable);
}

MjInvoiceRow *
mj_invoice_row_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return g_object_new (MJ_TYPE_INVOICE_ROW, "file", file, NULL);
}

GFile *
mj_invoice_row_get_file (MjInvoiceRow *self)
{
  g_return_val_if_fail (MJ_IS_INVOICE_ROW (self), NULL);
  return self->file;
}

const char *
mj_invoice_row_get_path (MjInvoiceRow *self)
{
  g_return_val_if_fail (MJ_IS_INVOICE_ROW (self), NULL);
  return self->path;
}

const char *
mj_invoice_row_get_basename (MjInvoiceRow *self)
{
  g_return_val_if_fail (MJ_IS_INVOICE_ROW (self), NULL);
  return self->basename;
}

gboolean
mj_invoice_row_get_inspecting (MjInvoiceRow *self)
{
  g_return_val_if_fail (MJ_IS_INVOICE_ROW (self), FALSE);
  return self->inspecting;
}

MjPdfReport *
mj_invoice_row_get_report (MjInvoiceRow *self)
{
  g_return_val_if_fail (MJ_IS_INVOICE_ROW (self), NULL);
  return self->report;
}

const char *
mj_invoice_row_get_error_message (MjInvoiceRow *self)
{
  g_return_val_if_fail (MJ_IS_INVOICE_ROW (self), NULL);
  return self->error_message;
}

/* GObject ---------------------------------------------------------------- */

static void
mj_invoice_row_constructed (GObject *object)
{
  MjInvoiceRow *self = MJ_INVOICE_ROW (object);

  G_OBJECT_CLASS (mj_invoice_row_parent_class)->constructed (object);

  g_assert (self->file != NULL);
  self->path = g_file_get_path (self->file);
  self->basename = g_file_get_basename (self->file);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->basename);
  mj_invoice_row_update_subtitle (self);
}

static void
mj_invoice_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MjInvoiceRow *self = MJ_INVOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_invoice_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MjInvoiceRow *self = MJ_INVOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_invoice_row_dispose (GObject *object)
{
  MjInvoiceRow *self = MJ_INVOICE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_INVOICE_ROW);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (mj_invoice_row_parent_class)->dispose (object);
}

static void
mj_invoice_row_finalize (GObject *object)
{
  MjInvoiceRow *self = MJ_INVOICE_ROW (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->basename, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (mj_invoice_row_parent_class)->finalize (object);
}

static void
mj_invoice_row_class_init (MjInvoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mj_invoice_row_constructed;
  object_class->set_property = mj_invoice_row_set_property;
  object_class->get_property = mj_invoice_row_get_property;
  object_class->dispose = mj_invoice_row_dispose;
  object_class->finalize = mj_invoice_row_finalize;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MjInvoiceRow::inspected:
   *
   * Reading the PDF is over: the report (or the error message) is there.
   */
  signals[INSPECTED] = g_signal_new ("inspected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MjInvoiceRow::remove:
   *
   * The user asked to take the invoice off the list.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-invoice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MjInvoiceRow, thumbnail);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
mj_invoice_row_init (MjInvoiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspecting = TRUE;
  self->cancellable = g_cancellable_new ();
}
