#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-invoice-text.h"
#include "mj-pdf-inspector.h"

/* The PDFs are made once per test run by tests/fixtures/make-invoices.py
 * (a meson custom_target) into $MJ_PDF_FIXTURES. */
static char *fixtures_dir;
static JsonObject *expected;

static char *
fixture (const char *name)
{
  return g_build_filename (fixtures_dir, name, NULL);
}

static MjPdfReport *
inspect (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MjPdfReport *report = mj_pdf_inspect_sync (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
strv_contains (const char * const *strv,
               const char         *value)
{
  return g_strv_contains (strv, value);
}

static void
test_invoice (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autoptr(MjPdfReport) r = inspect (file);
  JsonObject *exp = json_object_get_object_member (expected, name);
  JsonArray *emails = json_object_get_array_member (exp, "emails");
  const char * const *found = mj_pdf_report_get_emails (r);
  double amount = 0;

  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_cmpint (mj_pdf_report_get_status (r), ==, MJ_PDF_STATUS_OK);
  g_assert_null (mj_pdf_report_get_error (r));
  g_assert_cmpint (mj_pdf_report_get_pages (r), ==,
                   json_object_has_member (exp, "pages") ? json_object_get_int_member (exp, "pages") : 1);
  g_assert_cmpuint (mj_pdf_report_get_size_bytes (r), >, 1000);
  g_assert_false (mj_pdf_report_get_encrypted (r));
  g_assert_false (mj_pdf_report_get_damaged (r));
  g_assert_false (mj_pdf_report_get_has_javascript (r));
  g_assert_null (mj_pdf_report_get_javascript_locations (r)[0]);
  g_assert_null (mj_pdf_report_get_launch_actions (r)[0]);
  g_assert_null (mj_pdf_report_get_embedded_files (r)[0]);
  g_assert_cmpstr (mj_pdf_report_get_invoice_number (r), ==,
                   json_object_get_string_member (exp, "invoice_number"));
  g_assert_cmpstr (mj_pdf_report_get_date (r), ==, json_object_get_string_member (exp, "date"));
  g_assert_true (mj_pdf_report_get_total_amount (r, &amount));
  g_assert_cmpfloat_with_epsilon (amount, json_object_get_double_member (exp, "total_amount"), 0.001);
  g_assert_cmpstr (mj_pdf_report_get_currency (r), ==, json_object_get_string_member (exp, "currency"));
  g_assert_nonnull (mj_pdf_report_get_total (r));
  g_assert_cmpuint (g_strv_length ((char **) found), ==, json_array_get_length (emails));
  for (guint i = 0; i < json_array_get_length (emails); i++)
    g_assert_cmpstr (found[i], ==, json_array_get_string_element (emails, i));
  g_assert_null (mj_pdf_report_get_warnings (r)[0]);
}

typedef struct {
  const char *file;
  const char *location;
} JsCase;

static const JsCase js_cases[] = {
  { "js-openaction.pdf", "openaction" },
  { "js-openaction-objstm.pdf", "openaction" },
  { "js-names.pdf", "names" },
  { "js-pageaa.pdf", "page-aa" },
  { "js-link.pdf", "link" },
  { "js-docaa.pdf", "document-aa" },
  { "js-acroform.pdf", "acroform" },
};

static void
test_javascript (gconstpointer data)
{
  const JsCase *c = data;
  g_autoptr(MjPdfReport) r = inspect (c->file);

  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_true (mj_pdf_report_get_has_javascript (r));
  g_assert_true (strv_contains (mj_pdf_report_get_javascript_locations (r), c->location));
  g_assert_true (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_JAVASCRIPT));
  /* The invoice itself is still read. */
  g_assert_cmpstr (mj_pdf_report_get_invoice_number (r), ==, "2026-031");
}

static void
test_launch (void)
{
  g_autoptr(MjPdfReport) r = inspect ("launch.pdf");

  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_false (mj_pdf_report_get_has_javascript (r));
  g_assert_cmpstr (mj_pdf_report_get_launch_actions (r)[0], ==, "calc.exe");
  g_assert_true (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_LAUNCH_ACTION));
}

static void
test_attachment (void)
{
  g_autoptr(MjPdfReport) r = inspect ("attachment.pdf");

  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_cmpstr (mj_pdf_report_get_embedded_files (r)[0], ==, "notas.txt");
  g_assert_true (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_EMBEDDED_FILES));
}

static void
test_encrypted (void)
{
  g_autoptr(MjPdfReport) r = inspect ("encrypted.pdf");
  const GError *error = mj_pdf_report_get_error (r);

  g_assert_false (mj_pdf_report_get_valid_pdf (r));
  g_assert_cmpint (mj_pdf_report_get_status (r), ==, MJ_PDF_STATUS_ENCRYPTED);
  g_assert_true (mj_pdf_report_get_encrypted (r));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_cmpint (mj_pdf_report_get_pages (r), ==, 0);
  g_assert_true (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_ENCRYPTED));
}

static void
test_restricted (void)
{
  g_autoptr(MjPdfReport) r = inspect ("restricted.pdf");

  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_true (mj_pdf_report_get_encrypted (r));
  g_assert_null (mj_pdf_report_get_error (r));
  g_assert_true (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_RESTRICTED));
  g_assert_false (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_ENCRYPTED));
  g_assert_cmpstr (mj_pdf_report_get_invoice_number (r), ==, "2026-031");
}

static void
test_truncated (void)
{
  g_autoptr(MjPdfReport) r = inspect ("truncated.pdf");
  const GError *error = mj_pdf_report_get_error (r);

  g_assert_false (mj_pdf_report_get_valid_pdf (r));
  g_assert_cmpint (mj_pdf_report_get_status (r), ==, MJ_PDF_STATUS_DAMAGED);
  g_assert_true (mj_pdf_report_get_damaged (r));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

static void
test_repaired (void)
{
  g_autoptr(MjPdfReport) r = inspect ("repaired.pdf");

  /* Readable, so still a valid PDF, but flagged. */
  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_true (mj_pdf_report_get_damaged (r));
  g_assert_true (strv_contains (mj_pdf_report_get_warnings (r), MJ_PDF_WARNING_REPAIRED));
  g_assert_cmpint (mj_pdf_report_get_pages (r), ==, 1);
  g_assert_cmpstr (mj_pdf_report_get_invoice_number (r), ==, "2026-031");
}

static void
test_not_a_pdf (void)
{
  g_autoptr(MjPdfReport) r = inspect ("not-a-pdf.pdf");
  const GError *error = mj_pdf_report_get_error (r);

  g_assert_false (mj_pdf_report_get_valid_pdf (r));
  g_assert_cmpint (mj_pdf_report_get_status (r), ==, MJ_PDF_STATUS_NOT_PDF);
  g_assert_false (mj_pdf_report_get_damaged (r));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "not a PDF"));
  g_assert_cmpuint (mj_pdf_report_get_size_bytes (r), ==, 44);
}

static void
test_missing (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/factura.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(MjPdfReport) r = mj_pdf_inspect_sync (file, NULL, &error);

  g_assert_null (r);
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "factura.pdf"));
}

static void
test_spanish_messages (void)
{
  g_autoptr(MjPdfReport) r = NULL;

  mj_i18n_set_ui_lang ("es");
  r = inspect ("encrypted.pdf");
  g_assert_nonnull (strstr (mj_pdf_report_get_error (r)->message, "contraseña"));
  g_assert_nonnull (strstr (mj_pdf_warning_describe (MJ_PDF_WARNING_JAVASCRIPT, "es"), "JavaScript"));
  g_assert_cmpstr (mj_pdf_warning_describe (MJ_PDF_WARNING_JAVASCRIPT, "es"), !=,
                   mj_pdf_warning_describe (MJ_PDF_WARNING_JAVASCRIPT, "en"));
  mj_i18n_set_ui_lang ("en");
}

/* The sample invoice `./dev run` offers (data/samples, drawn with cairo). */
static void
test_sample_invoice (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MJ_TEST_BUILDDIR"), "..", "data", "samples",
                                            "factura-ejemplo.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MjPdfReport) r = mj_pdf_inspect_sync (file, NULL, &error);
  double amount = 0;

  g_assert_no_error (error);
  g_assert_true (mj_pdf_report_get_valid_pdf (r));
  g_assert_false (mj_pdf_report_get_has_javascript (r));
  g_assert_cmpstr (mj_pdf_report_get_invoice_number (r), ==, "2026-031");
  g_assert_cmpstr (mj_pdf_report_get_date (r), ==, "2026-03-12");
  g_assert_true (mj_pdf_report_get_total_amount (r, &amount));
  g_assert_cmpfloat_with_epsilon (amount, 1234.56, 0.001);
  g_assert_cmpstr (mj_pdf_report_get_emails (r)[1], ==, "administracion@garcia-sa.es");
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  MjPdfReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = mj_pdf_inspect_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *path = fixture ("factura-30.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MjPdfReport) r = NULL;

  mj_pdf_inspect_async (file, NULL, async_done, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (mj_pdf_report_get_pages (r), ==, 30);
  g_assert_cmpstr (mj_pdf_report_get_invoice_number (r), ==, "2026-100");
}

static void
test_json (void)
{
  g_autoptr(MjPdfReport) r = inspect ("js-openaction-objstm.pdf");
  g_autoptr(JsonNode) node = mj_pdf_report_to_json (r);
  JsonObject *o = json_node_get_object (node);

  g_assert_true (json_object_get_boolean_member (o, "valid_pdf"));
  g_assert_true (json_object_get_boolean_member (o, "has_javascript"));
  g_assert_false (json_object_get_boolean_member (o, "encrypted"));
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "invoice_number"), ==, "2026-031");
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-03-12");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "EUR");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "external_links")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "warnings")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "emails")), ==, 2);
}

/* ------------------------------------------------------------------------ */
/* Text extraction on layouts the fixtures do not cover. */

typedef struct {
  const char *text;
  const char *number;
  const char *date;
  double total;
  const char *currency;
  const char *email;
} TextCase;

static const TextCase text_cases[] = {
  { "FACTURA\nNúmero de factura: A/2026/15\nFecha de emisión: 3 de febrero de 2026\n"
    "Fecha de vencimiento: 05/03/2026\nSubtotal 100,00 €\nIVA 21% 21,00 €\nTOTAL 121,00 €\n"
    "email: Pepe.Lopez@Gmail.com\n",
    "A/2026/15", "2026-02-03", 121.0, "EUR", "pepe.lopez@gmail.com" },
  { "Invoice Number: 10045\nInvoice Date: 03/04/2026\nDue Date: 04/03/2026\nSubtotal: $1,000.00\n"
    "Tax: $80.00\nTotal: $1,080.00\nAmount Due: $1,080.00\nQuestions? ar@company.io\n",
    "10045", "2026-03-04", 1080.0, "USD", "ar@company.io" },
  { "Rechnung Nr. 2026-0815\nDatum: 01.02.2026\nLeistungsdatum: 15.01.2026\n"
    "Nettobetrag 500,00 EUR\nUSt 19% 95,00 EUR\nRechnungsbetrag 595,00 EUR\n",
    "2026-0815", "2026-02-01", 595.0, "EUR", NULL },
  { "Facture N° 2026/44    Date : 05/01/2026\nTotal HT     100,00 €\nTVA          20,00 €\n"
    "Net à payer  120,00 €\n",
    "2026/44", "2026-01-05", 120.0, "EUR", NULL },
  { "INVOICE #INV-77\nIssue date 2026-01-05\n"
    "Description        Qty    Price     Total\n"
    "Widget             2      $5.00     $10.00\n"
    "Gadget             1      $90.00    $90.00\n"
    "Total due                            $100.00\n",
    "INV-77", "2026-01-05", 100.0, "USD", NULL },
  { "Factura Nº 123\n12 de marzo de 2026\nImporte total: 1.500 €\n",
    "123", "2026-03-12", 1500.0, "EUR", NULL },
  { "Fattura n. 45/2026 del 12/03/2026\nTotale documento € 1.220,00\n",
    "45/2026", "2026-03-12", 1220.0, "EUR", NULL },
  { "Nº Factura        Fecha          Cliente\nF26-0012          12-03-2026     Juan\n\n"
    "                 Total      2.420,00\n",
    "F26-0012", "2026-03-12", 2420.0, NULL, NULL },
  { "Invoice no.: 2026.17\nDate: 12 Mar 2026\nTotal amount GBP 1,234.50\nPay to: accounts@shop.co.uk.\n",
    "2026.17", "2026-03-12", 1234.5, "GBP", "accounts@shop.co.uk" },
  { "Rechnungsnummer: 4711\nRechnungsdatum: 12. März 2026\nGesamtbetrag: 1.234,56 €\nZu zahlen: 1.234,56 €\n",
    "4711", "2026-03-12", 1234.56, "EUR", NULL },
  { "Factura número: FV-2026-300\nFecha: 2026/03/12\nTotal a pagar: $ 15.300,00 MXN\n",
    "FV-2026-300", "2026-03-12", 15300.0, "MXN", NULL },
  { "Numéro de facture : 2026-0001\nDate de facture : 12/03/2026\nMontant total : 1 234,56 €\n",
    "2026-0001", "2026-03-12", 1234.56, "EUR", NULL },
  { "Invoice # 991\nMarch 12, 2026\nBalance due: CHF 1'234.50\n",
    "991", "2026-03-12", 1234.5, "CHF", NULL },
  { "FACTURA SIMPLIFICADA Nº: T-2026/0045\nFecha: 12.03.2026\nTOTAL (IVA incluido)    48,40 €\n",
    "T-2026/0045", "2026-03-12", 48.4, "EUR", NULL },
  { "FACTURA A    Nº 0001-00001234\nFecha de emisión: 12/03/2026\nSubtotal: $ 10.000,00\n"
    "IVA 21%: $ 2.100,00\nTotal: $ 12.100,00\n",
    "0001-00001234", "2026-03-12", 12100.0, NULL, NULL },
  { "Re.-Nr.: 2026-001     Datum: 12.03.2026\nEndsumme 99,00 €\n",
    "2026-001", "2026-03-12", 99.0, "EUR", NULL },
  { "Folio fiscal: 6F9619FF-8B86-D011-B42D-00C04FC964FF\nSerie: A   Folio: 1234\n"
    "Fecha y hora de emisión: 2026-03-12T10:22:33\nNeto a pagar: $1,160.00 MXN\n",
    "1234", "2026-03-12", 1160.0, "MXN", NULL },
  { "Talleres Ruiz\n\n  NÚMERO        FECHA          CLIENTE\n  245           03/02/2026     0042\n\n"
    "  Base imponible    IVA        Total\n  1.000,00 €        210,00 €   1.210,00 €\n",
    "245", "2026-02-03", 1210.0, "EUR", NULL },
};

static void
test_text_case (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(MjInvoiceFields) f = mj_invoice_fields_extract (c->text);

  g_assert_cmpstr (f->invoice_number, ==, c->number);
  g_assert_cmpstr (f->date, ==, c->date);
  g_assert_true (f->has_total_amount);
  g_assert_cmpfloat_with_epsilon (f->total_amount, c->total, 0.001);
  g_assert_cmpstr (f->currency, ==, c->currency);
  if (c->email != NULL)
    g_assert_cmpstr (f->emails[0], ==, c->email);
}

static void
test_wrapped_emails (void)
{
  g_autoptr(MjInvoiceFields) f = mj_invoice_fields_extract (
    "Cliente:     Construcciones García\n"
    "             administracion@construccionesgarcia.\n"
    "             es\n"
    "Escriba a info@b.es.\n"
    "Gracias por todo\n"
    "mail: ventas@\n"
    "      tienda-online.com\n");

  g_assert_cmpuint (g_strv_length (f->emails), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) f->emails, "info@b.es"));
  g_assert_true (g_strv_contains ((const char * const *) f->emails, "administracion@construccionesgarcia.es"));
  g_assert_true (g_strv_contains ((const char * const *) f->emails, "ventas@tienda-online.com"));
}

static void
test_amounts (void)
{
  struct { const char *text; double value; const char *currency; } cases[] = {
    { "1.234,56 €", 1234.56, "EUR" },
    { "€1,234.56", 1234.56, "EUR" },
    { "1 234,56 €", 1234.56, "EUR" },
    { "1\u202f234,56\u00a0€", 1234.56, "EUR" },
    { "USD 2,500.00", 2500.0, "USD" },
    { "2.500,00 USD", 2500.0, "USD" },
    { "12,5 % 99,90 EUR", 99.9, "EUR" },
    { "£7.5", 7.5, "GBP" },
    { "-15,00 €", 15.0, "EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double v = 0;
      g_autofree char *cur = NULL;
      g_autofree char *matched = NULL;

      g_assert_true (mj_invoice_parse_amount (cases[i].text, &v, &cur, &matched));
      g_assert_cmpfloat_with_epsilon (fabs (v), cases[i].value, 0.001);
      g_assert_cmpstr (cur, ==, cases[i].currency);
    }
}

static void
test_dates (void)
{
  struct { const char *text; const char *iso; } cases[] = {
    { "12/03/2026", "2026-03-12" },
    { "12-03-2026", "2026-03-12" },
    { "12.03.2026", "2026-03-12" },
    { "2026-03-12", "2026-03-12" },
    { "12 de marzo de 2026", "2026-03-12" },
    { "March 12, 2026", "2026-03-12" },
    { "12 mars 2026", "2026-03-12" },
    { "12. März 2026", "2026-03-12" },
    { "1er avril 2026", "2026-04-01" },
    { "12th March 2026", "2026-03-12" },
    { "12/03/26", "2026-03-12" },
    { "31/12/2026", "2026-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;

      g_assert_true (mj_invoice_parse_date (cases[i].text, &iso, NULL));
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
  g_assert_false (mj_invoice_parse_date ("31/02/2026", NULL, NULL));
  g_assert_false (mj_invoice_parse_date ("ES12 3456 7890", NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_autofree char *expected_path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *invoices[] = { "factura-es", "invoice-en", "facture-fr", "rechnung-de", "factura-30",
                             "factura-mx", "fattura-it", "invoice-us" };

  g_test_init (&argc, &argv, NULL);
  mj_i18n_init ();
  mj_i18n_set_ui_lang ("en");

  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/layout-%u", i);

      g_test_add_data_func (path, &text_cases[i], test_text_case);
    }
  g_test_add_func ("/mj/invoice-text/amounts", test_amounts);
  g_test_add_func ("/mj/invoice-text/wrapped-emails", test_wrapped_emails);
  g_test_add_func ("/mj/invoice-text/dates", test_dates);

  fixtures_dir = g_strdup (g_getenv ("MJ_PDF_FIXTURES"));
  if (fixtures_dir == NULL)
    {
      g_printerr ("MJ_PDF_FIXTURES is not set: run through meson test\n");
      return 1;
    }
  expected_path = fixture ("expected.json");
  if (!json_parser_load_from_file (parser, expected_path, &error))
    g_error ("%s: %s", expected_path, error->message);
  expected = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/pdf-inspector/invoice/%s", invoices[i]);

      g_test_add_data_func (path, invoices[i], test_invoice);
    }
  for (guint i = 0; i < G_N_ELEMENTS (js_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/pdf-inspector/javascript/%s", js_cases[i].file);

      g_test_add_data_func (path, &js_cases[i], test_javascript);
    }
  g_test_add_func ("/mj/pdf-inspector/launch", test_launch);
  g_test_add_func ("/mj/pdf-inspector/attachment", test_attachment);
  g_test_add_func ("/mj/pdf-inspector/encrypted", test_encrypted);
  g_test_add_func ("/mj/pdf-inspector/restricted", test_restricted);
  g_test_add_func ("/mj/pdf-inspector/truncated", test_truncated);
  g_test_add_func ("/mj/pdf-inspector/repaired", test_repaired);
  g_test_add_func ("/mj/pdf-inspector/not-a-pdf", test_not_a_pdf);
  g_test_add_func ("/mj/pdf-inspector/missing", test_missing);
  g_test_add_func ("/mj/pdf-inspector/spanish", test_spanish_messages);
  g_test_add_func ("/mj/pdf-inspector/async", test_async);
  g_test_add_func ("/mj/pdf-inspector/json", test_json);
  g_test_add_func ("/mj/pdf-inspector/sample-invoice", test_sample_invoice);

  return g_test_run ();
}
