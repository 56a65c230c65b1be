#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

/* `mensajero-cli inspect` through the real binary ($MJ_CLI) on the PDFs of
 * tests/fixtures/make-invoices.py ($MJ_PDF_FIXTURES). */

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MJ_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
  return run;
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("MJ_PDF_FIXTURES"), name, NULL);
}

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_invoice_json (void)
{
  g_autofree char *path = fixture ("factura-es.pdf");
  g_autoptr(Run) run = run_cli ("inspect", "--json", path, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonArray *emails;

  g_assert_cmpint (run->status, ==, 0);
  o = parse (parser, run->out);
  g_assert_true (json_object_get_boolean_member (o, "valid_pdf"));
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "size_bytes"), >, 1000);
  g_assert_false (json_object_get_boolean_member (o, "encrypted"));
  g_assert_false (json_object_get_boolean_member (o, "damaged"));
  g_assert_false (json_object_get_boolean_member (o, "has_javascript"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "external_links")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "invoice_number"), ==, "2026-031");
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-03-12");
  g_assert_cmpstr (json_object_get_string_member (o, "total"), ==, "1.234,56 €");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "total_amount"), 1234.56, 0.001);
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "EUR");
  emails = json_object_get_array_member (o, "emails");
  g_assert_cmpuint (json_array_get_length (emails), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (emails, 0), ==, "facturacion@fontaneriaperez.es");
  g_assert_cmpstr (json_array_get_string_element (emails, 1), ==, "administracion@garcia-sa.es");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 0);
}

/* Invoices of other countries (tests/fixtures/make-invoices.py writes what
 * each one says to expected.json): the fields `inspect --json` reads. */
static void
test_country_json (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autofree char *path = fixture (file);
  g_autofree char *expected_path = fixture ("expected.json");
  g_autoptr(Run) run = run_cli ("inspect", "--json", path, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) exp_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o, *exp;
  JsonArray *emails, *exp_emails;

  g_assert_true (json_parser_load_from_file (exp_parser, expected_path, &error));
  g_assert_no_error (error);
  exp = json_object_get_object_member (json_node_get_object (json_parser_get_root (exp_parser)), name);
  g_assert_nonnull (exp);

  g_assert_cmpint (run->status, ==, 0);
  o = parse (parser, run->out);
  g_assert_true (json_object_get_boolean_member (o, "valid_pdf"));
  g_assert_cmpstr (json_object_get_string_member (o, "invoice_number"), ==,
                   json_object_get_string_member (exp, "invoice_number"));
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, json_object_get_string_member (exp, "date"));
  g_assert_nonnull (json_object_get_string_member (o, "total"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "total_amount"),
                                  json_object_get_double_member (exp, "total_amount"), 0.001);
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==,
                   json_object_get_string_member (exp, "currency"));
  emails = json_object_get_array_member (o, "emails");
  exp_emails = json_object_get_array_member (exp, "emails");
  g_assert_cmpuint (json_array_get_length (emails), ==, json_array_get_length (exp_emails));
  for (guint i = 0; i < json_array_get_length (exp_emails); i++)
    g_assert_cmpstr (json_array_get_string_element (emails, i), ==, json_array_get_string_element (exp_emails, i));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 0);
}

static void
test_javascript_json (void)
{
  g_autofree char *path = fixture ("js-openaction-objstm.pdf");
  g_autoptr(Run) run = run_cli ("inspect", "--json", path, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonArray *warnings;

  g_assert_cmpint (run->status, ==, 0);
  o = parse (parser, run->out);
  g_assert_true (json_object_get_boolean_member (o, "has_javascript"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "javascript_locations"), 0),
                   ==, "openaction");
  warnings = json_object_get_array_member (o, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (warnings, 0), ==, "javascript");
}

static void
test_unusable_files (void)
{
  const char *files[] = { "encrypted.pdf", "truncated.pdf", "not-a-pdf.pdf" };
  const char *status[] = { "encrypted", "damaged", "not-pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture (files[i]);
      g_autoptr(Run) run = run_cli ("inspect", "--json", path, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      /* A report is printed, and the status says the input is unusable. */
      g_assert_cmpint (run->status, ==, 1);
      o = parse (parser, run->out);
      g_assert_false (json_object_get_boolean_member (o, "valid_pdf"));
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, status[i]);
      g_assert_nonnull (json_object_get_string_member (o, "error"));
      g_assert_nonnull (strstr (run->err, files[i]));
    }
}

static void
test_missing_file (void)
{
  g_autoptr(Run) run = run_cli ("inspect", "--json", "/nonexistent/factura.pdf", NULL);
  g_autoptr(Run) es = run_cli ("--lang", "es", "inspect", "/nonexistent/factura.pdf", NULL);
  g_autoptr(Run) usage = run_cli ("inspect", NULL);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "factura.pdf"));
  g_assert_nonnull (strstr (run->err, "does not exist"));
  g_assert_cmpint (es->status, ==, 1);
  g_assert_nonnull (strstr (es->err, "no existe"));
  g_assert_cmpint (usage->status, ==, 1);
}

static void
test_text_output (void)
{
  g_autofree char *path = fixture ("rechnung-de.pdf");
  g_autoptr(Run) run = run_cli ("inspect", path, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "RE-2026-1234"));
  g_assert_nonnull (strstr (run->out, "2026-03-12"));
  g_assert_nonnull (strstr (run->out, "1.190,00 €"));
  g_assert_nonnull (strstr (run->out, "buchhaltung@mueller-handwerk.de"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("MJ_CLI") == NULL || g_getenv ("MJ_PDF_FIXTURES") == NULL)
    {
      g_printerr ("MJ_CLI and MJ_PDF_FIXTURES must be set: run through meson test\n");
      return 1;
    }

  g_test_add_func ("/mj/cli/inspect/invoice-json", test_invoice_json);
  g_test_add_data_func ("/mj/cli/inspect/country/factura-mx", "factura-mx", test_country_json);
  g_test_add_data_func ("/mj/cli/inspect/country/fattura-it", "fattura-it", test_country_json);
  g_test_add_data_func ("/mj/cli/inspect/country/invoice-us", "invoice-us", test_country_json);
  g_test_add_func ("/mj/cli/inspect/javascript-json", test_javascript_json);
  g_test_add_func ("/mj/cli/inspect/unusable-files", test_unusable_files);
  g_test_add_func ("/mj/cli/inspect/missing-file", test_missing_file);
  g_test_add_func ("/mj/cli/inspect/text-output", test_text_output);

  return g_test_run ();
}
