#define G_LOG_DOMAIN "mj-pdf-report"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-i18n.h"
#include "mj-pdf-report-private.h"

G_DEFINE_FINAL_TYPE (MjPdfReport, mj_pdf_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SIZE_BYTES,
  PROP_VALID_PDF,
  PROP_PAGES,
  PROP_ENCRYPTED,
  PROP_DAMAGED,
  PROP_HAS_JAVASCRIPT,
  PROP_INVOICE_NUMBER,
  PROP_DATE,
  PROP_TOTAL,
  PROP_CURRENCY,
  PROP_EMAILS,
  PROP_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *id;
  const char *text;
} WarningText;

static const WarningText warning_texts[] = {
  { MJ_PDF_WARNING_NOT_PDF, N_("The file is not a PDF document.") },
  { MJ_PDF_WARNING_DAMAGED, N_("The PDF is damaged and cannot be read.") },
  { MJ_PDF_WARNING_REPAIRED, N_("The PDF has errors in its structure; some programs may not open it.") },
  { MJ_PDF_WARNING_ENCRYPTED, N_("The PDF is protected with a password; your client cannot open it without the password.") },
  { MJ_PDF_WARNING_RESTRICTED, N_("The PDF is encrypted with restrictions (printing or copying may be limited), but it opens without a password.") },
  { MJ_PDF_WARNING_JAVASCRIPT, N_("The PDF contains JavaScript, which mail filters often treat as dangerous.") },
  { MJ_PDF_WARNING_LAUNCH_ACTION, N_("The PDF tries to open other files or programs (launch action).") },
  { MJ_PDF_WARNING_EXTERNAL_LINKS, N_("The PDF contains links to web sites.") },
  { MJ_PDF_WARNING_EMBEDDED_FILES, N_("The PDF carries other files inside it.") },
  { MJ_PDF_WARNING_NO_TEXT, N_("No text could be read from the PDF (is it a scanned image?).") },
  { MJ_PDF_WARNING_NO_INVOICE_NUMBER, N_("No invoice number was found in the PDF.") },
};

const char *
mj_pdf_warning_describe (const char *warning_id,
                         const char *lang)
{
  g_return_val_if_fail (warning_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (warning_texts); i++)
    if (g_strcmp0 (warning_texts[i].id, warning_id) == 0)
      return mj_i18n_translate (lang != NULL ? lang : mj_i18n_ui_lang (), warning_texts[i].text);
  return NULL;
}

const char *
mj_pdf_status_to_string (MjPdfStatus status)
{
  switch (status)
    {
    case MJ_PDF_STATUS_OK:
      return "ok";
    case MJ_PDF_STATUS_NOT_PDF:
      return "not-pdf";
    case MJ_PDF_STATUS_DAMAGED:
      return "damaged";
    case MJ_PDF_STATUS_ENCRYPTED:
      return "encrypted";
    default:
      g_return_val_if_reached ("damaged");
    }
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, NULL);
  return array;
}

void
_mj_pdf_report_add (GPtrArray  *array,
                    const char *value)
{
  g_return_if_fail (array != NULL && array->len > 0);

  if (value == NULL)
    return;
  for (guint i = 0; i + 1 < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return;
  g_ptr_array_insert (array, array->len - 1, g_strdup (value));
}

MjPdfReport *
_mj_pdf_report_new (const char *path)
{
  MjPdfReport *self = g_object_new (MJ_TYPE_PDF_REPORT, NULL);

  self->path = g_strdup (path);
  return self;
}

static void
mj_pdf_report_finalize (GObject *object)
{
  MjPdfReport *self = MJ_PDF_REPORT (object);

  g_free (self->path);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->javascript_locations);
  g_ptr_array_unref (self->external_links);
  g_ptr_array_unref (self->launch_actions);
  g_ptr_array_unref (self->embedded_files);
  g_ptr_array_unref (self->emails);
  g_ptr_array_unref (self->warnings);
  g_free (self->title);
  g_free (self->text);
  g_free (self->invoice_number);
  g_free (self->date);
  g_free (self->date_text);
  g_free (self->total);
  g_free (self->currency);

  G_OBJECT_CLASS (mj_pdf_report_parent_class)->finalize (object);
}

static void
mj_pdf_report_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MjPdfReport *self = MJ_PDF_REPORT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SIZE_BYTES:
      g_value_set_uint64 (value, self->size_bytes);
      break;
    case PROP_VALID_PDF:
      g_value_set_boolean (value, mj_pdf_report_get_valid_pdf (self));
      break;
    case PROP_PAGES:
      g_value_set_int (value, self->pages);
      break;
    case PROP_ENCRYPTED:
      g_value_set_boolean (value, self->encrypted);
      break;
    case PROP_DAMAGED:
      g_value_set_boolean (value, self->damaged);
      break;
    case PROP_HAS_JAVASCRIPT:
      g_value_set_boolean (value, self->has_javascript);
      break;
    case PROP_INVOICE_NUMBER:
      g_value_set_string (value, self->invoice_number);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TOTAL:
      g_value_set_string (value, self->total);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_EMAILS:
      g_value_set_boxed (value, self->emails->pdata);
      break;
    case PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings->pdata);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_pdf_report_class_init (MjPdfReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mj_pdf_report_finalize;
  object_class->get_property = mj_pdf_report_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_SIZE_BYTES] = g_param_spec_uint64 ("size-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_VALID_PDF] = g_param_spec_boolean ("valid-pdf", NULL, NULL, FALSE, flags);
  properties[PROP_PAGES] = g_param_spec_int ("pages", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_ENCRYPTED] = g_param_spec_boolean ("encrypted", NULL, NULL, FALSE, flags);
  properties[PROP_DAMAGED] = g_param_spec_boolean ("damaged", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_JAVASCRIPT] = g_param_spec_boolean ("has-javascript", NULL, NULL, FALSE, flags);
  properties[PROP_INVOICE_NUMBER] = g_param_spec_string ("invoice-number", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_TOTAL] = g_param_spec_string ("total", NULL, NULL, NULL, flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_EMAILS] = g_param_spec_boxed ("emails", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_WARNINGS] = g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_pdf_report_init (MjPdfReport *self)
{
  self->status = MJ_PDF_STATUS_OK;
  self->javascript_locations = new_strv_array ();
  self->external_links = new_strv_array ();
  self->launch_actions = new_strv_array ();
  self->embedded_files = new_strv_array ();
  self->emails = new_strv_array ();
  self->warnings = new_strv_array ();
}

const char *
mj_pdf_report_get_path (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->path;
}

guint64
mj_pdf_report_get_size_bytes (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), 0);
  return self->size_bytes;
}

MjPdfStatus
mj_pdf_report_get_status (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), MJ_PDF_STATUS_DAMAGED);
  return self->status;
}

gboolean
mj_pdf_report_get_valid_pdf (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), FALSE);
  return self->status == MJ_PDF_STATUS_OK;
}

const GError *
mj_pdf_report_get_error (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->error;
}

int
mj_pdf_report_get_pages (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), 0);
  return self->pages;
}

gboolean
mj_pdf_report_get_encrypted (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), FALSE);
  return self->encrypted;
}

gboolean
mj_pdf_report_get_damaged (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), FALSE);
  return self->damaged;
}

gboolean
mj_pdf_report_get_has_javascript (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), FALSE);
  return self->has_javascript;
}

const char * const *
mj_pdf_report_get_javascript_locations (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return (const char * const *) self->javascript_locations->pdata;
}

const char * const *
mj_pdf_report_get_external_links (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return (const char * const *) self->external_links->pdata;
}

const char * const *
mj_pdf_report_get_launch_actions (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return (const char * const *) self->launch_actions->pdata;
}

const char * const *
mj_pdf_report_get_embedded_files (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return (const char * const *) self->embedded_files->pdata;
}

const char *
mj_pdf_report_get_title (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->title;
}

const char *
mj_pdf_report_get_text (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->text;
}

const char *
mj_pdf_report_get_invoice_number (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->invoice_number;
}

const char *
mj_pdf_report_get_date (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->date;
}

const char *
mj_pdf_report_get_date_text (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->date_text;
}

const char *
mj_pdf_report_get_total (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->total;
}

gboolean
mj_pdf_report_get_total_amount (MjPdfReport *self,
                                double      *amount)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), FALSE);
  if (amount != NULL)
    *amount = self->has_total_amount ? self->total_amount : 0.0;
  return self->has_total_amount;
}

const char *
mj_pdf_report_get_currency (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return self->currency;
}

const char * const *
mj_pdf_report_get_emails (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return (const char * const *) self->emails->pdata;
}

const char * const *
mj_pdf_report_get_warnings (MjPdfReport *self)
{
  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);
  return (const char * const *) self->warnings->pdata;
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_array (JsonBuilder *b,
           const char  *name,
           GPtrArray   *array)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < array->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (array, i));
  json_builder_end_array (b);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

JsonNode *
mj_pdf_report_to_json (MjPdfReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (MJ_IS_PDF_REPORT (self), NULL);

  json_builder_begin_object (b);
  add_string_or_null (b, "file", self->path);
  add_bool (b, "valid_pdf", mj_pdf_report_get_valid_pdf (self));
  add_string_or_null (b, "status", mj_pdf_status_to_string (self->status));
  add_string_or_null (b, "error", self->error != NULL ? self->error->message : NULL);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, self->pages);
  json_builder_set_member_name (b, "size_bytes");
  json_builder_add_int_value (b, (gint64) self->size_bytes);
  add_bool (b, "encrypted", self->encrypted);
  add_bool (b, "damaged", self->damaged);
  add_bool (b, "has_javascript", self->has_javascript);
  add_array (b, "javascript_locations", self->javascript_locations);
  add_array (b, "external_links", self->external_links);
  add_array (b, "launch_actions", self->launch_actions);
  add_array (b, "embedded_files", self->embedded_files);
  add_string_or_null (b, "title", self->title);
  add_string_or_null (b, "invoice_number", self->invoice_number);
  add_array (b, "emails", self->emails);
  add_string_or_null (b, "total", self->total);
  json_builder_set_member_name (b, "total_amount");
  if (self->has_total_amount)
    json_builder_add_double_value (b, self->total_amount);
  else
    json_builder_add_null_value (b);
  add_string_or_null (b, "currency", self->currency);
  add_string_or_null (b, "date", self->date);
  add_string_or_null (b, "date_text", self->date_text);
  add_array (b, "warnings", self->warnings);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
