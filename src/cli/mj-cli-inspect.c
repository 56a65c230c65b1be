#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-cli.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-pdf-inspector.h"

static const char *
yes_no (gboolean value)
{
  return value ? M_("yes") : M_("no");
}

static void
print_list (const char         *label,
            const char * const *values)
{
  g_autofree char *joined = NULL;

  if (values == NULL || values[0] == NULL)
    return;
  joined = g_strjoinv (", ", (char **) values);
  g_print ("%-20s %s\n", label, joined);
}

static void
print_text (MjPdfReport *report)
{
  const GError *error = mj_pdf_report_get_error (report);
  const char * const *warnings = mj_pdf_report_get_warnings (report);
  g_autofree char *size = g_format_size (mj_pdf_report_get_size_bytes (report));
  const char *value;

  g_print ("%-20s %s\n", M_("File:"), mj_pdf_report_get_path (report));
  g_print ("%-20s %s\n", M_("Valid PDF:"), yes_no (mj_pdf_report_get_valid_pdf (report)));
  if (error != NULL)
    g_print ("%-20s %s\n", M_("Problem:"), error->message);
  g_print ("%-20s %d\n", M_("Pages:"), mj_pdf_report_get_pages (report));
  g_print ("%-20s %s (%" G_GUINT64_FORMAT ")\n", M_("Size:"), size, mj_pdf_report_get_size_bytes (report));
  g_print ("%-20s %s\n", M_("Encrypted:"), yes_no (mj_pdf_report_get_encrypted (report)));
  g_print ("%-20s %s\n", M_("Damaged:"), yes_no (mj_pdf_report_get_damaged (report)));
  g_print ("%-20s %s\n", M_("JavaScript:"), yes_no (mj_pdf_report_get_has_javascript (report)));
  print_list (M_("JavaScript in:"), mj_pdf_report_get_javascript_locations (report));
  print_list (M_("Launch actions:"), mj_pdf_report_get_launch_actions (report));
  print_list (M_("External links:"), mj_pdf_report_get_external_links (report));
  print_list (M_("Embedded files:"), mj_pdf_report_get_embedded_files (report));
  if ((value = mj_pdf_report_get_invoice_number (report)) != NULL)
    g_print ("%-20s %s\n", M_("Invoice number:"), value);
  if ((value = mj_pdf_report_get_date (report)) != NULL)
    g_print ("%-20s %s (%s)\n", M_("Date:"), value, mj_pdf_report_get_date_text (report));
  if ((value = mj_pdf_report_get_total (report)) != NULL)
    {
      const char *currency = mj_pdf_report_get_currency (report);

      if (currency != NULL)
        g_print ("%-20s %s (%s)\n", M_("Total:"), value, currency);
      else
        g_print ("%-20s %s\n", M_("Total:"), value);
    }
  print_list (M_("E-mail addresses:"), mj_pdf_report_get_emails (report));
  if (warnings[0] != NULL)
    {
      g_print ("%s\n", M_("Warnings:"));
      for (guint i = 0; warnings[i] != NULL; i++)
        {
          const char *text = mj_pdf_warning_describe (warnings[i], NULL);

          g_print ("  • %s\n", text != NULL ? text : warnings[i]);
        }
    }
}

/* mensajero-cli inspect [--json] FILE.pdf
 *
 * Exit status: 0 for a readable PDF (whatever it contains: JavaScript is
 * reported, not refused); 1 when the file is missing or cannot be read
 * (message on stderr, no report), and also when it is not a usable PDF
 * (not a PDF, damaged, password) — then the report is printed anyway, with
 * valid_pdf false, "status" and "error" saying why. */
int
mj_cli_inspect (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MjPdfReport) report = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("FILE.pdf — check a PDF and read the invoice details in it"));
  g_option_context_set_summary (context,
                                M_("Exit status 0 for a readable PDF; 1 for a missing file, or a file that is not "
                                   "a usable PDF (not a PDF, damaged, password-protected), whose report is "
                                   "still printed."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (argc < 2)
    return mj_cli_usage_error (M_("give the PDF file to inspect"));
  if (argc > 2)
    return mj_cli_usage_error (M_("inspect takes one file"));

  file = g_file_new_for_commandline_arg (argv[1]);
  report = mj_pdf_inspect_sync (file, NULL, &error);
  if (report == NULL)
    {
      mj_cli_print_error (error);
      return mj_error_exit_code (error);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = mj_pdf_report_to_json (report);

      mj_cli_print_json (root);
    }
  else
    print_text (report);

  if (!mj_pdf_report_get_valid_pdf (report))
    {
      mj_cli_print_error (mj_pdf_report_get_error (report));
      return MJ_EXIT_USAGE;
    }
  return MJ_EXIT_OK;
}
