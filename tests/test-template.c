#include "config.h"

#include <glib/gstdio.h>

#include "mj-i18n.h"
#include "mj-template.h"

static const MjTemplateValues all_values = {
  .invoice_number = "2026-031",
  .client_name = "Construcciones García",
  .company = "Fontanería Pérez",
  .total = "1.234,56 €",
  .date = "12/03/2026",
  .sender_name = "Ana Pérez",
};

static void
assert_no_leftovers (const char *text)
{
  g_assert_null (strchr (text, '{'));
  g_assert_null (strchr (text, '}'));
  g_assert_null (strchr (text, '['));
  g_assert_null (strchr (text, '|'));
  g_assert_null (strstr (text, " ,"));
  g_assert_null (strstr (text, " :"));
  g_assert_null (strstr (text, "  "));
}

static void
test_default_es (void)
{
  g_autoptr(MjTemplate) t = mj_template_new_default ("es");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  mj_template_render (t, &all_values, &subject, &body);
  g_assert_cmpstr (subject, ==, "Factura Nº 2026-031 de Fontanería Pérez");
  g_assert_true (g_str_has_prefix (body, "Estimado/a Construcciones García:\n"));
  g_assert_nonnull (strstr (body, "2026-031"));
  g_assert_nonnull (strstr (body, "1.234,56 €"));
  g_assert_nonnull (strstr (body, "12/03/2026"));
  g_assert_nonnull (strstr (body, "Ana Pérez"));
  assert_no_leftovers (body);
}

static void
test_default_en (void)
{
  g_autoptr(MjTemplate) t = mj_template_new_default ("en");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  mj_template_render (t, &all_values, &subject, &body);
  g_assert_cmpstr (subject, ==, "Invoice 2026-031 from Fontanería Pérez");
  g_assert_true (g_str_has_prefix (body, "Dear Construcciones García,\n"));
  g_assert_nonnull (strstr (body, "invoice 2026-031 dated 12/03/2026 for 1.234,56 €."));
  assert_no_leftovers (body);
}

static void
test_missing_values (void)
{
  const MjTemplateValues few = { .invoice_number = "7", .company = NULL };
  const MjTemplateValues none = { NULL };
  const char *langs[] = { "es", "en" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(MjTemplate) t = mj_template_new_default (langs[i]);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      g_autofree char *subject2 = NULL;
      g_autofree char *body2 = NULL;

      mj_template_render (t, &few, &subject, &body);
      assert_no_leftovers (subject);
      assert_no_leftovers (body);
      g_assert_cmpstr (subject, ==, i == 0 ? "Factura Nº 7" : "Invoice 7");
      g_assert_true (g_str_has_prefix (body, i == 0 ? "Buenos días:\n" : "Hello,\n"));
      g_assert_null (strstr (body, "Estimado"));
      g_assert_null (strstr (body, "Dear"));

      mj_template_render (t, &none, &subject2, &body2);
      assert_no_leftovers (subject2);
      assert_no_leftovers (body2);
      g_assert_cmpstr (subject2, ==, i == 0 ? "Factura" : "Invoice");
      /* The sentence about the invoice still ends with a full stop. */
      g_assert_nonnull (strstr (body2, i == 0 ? "factura.\n" : "invoice.\n"));
    }
}

static void
test_bare_placeholders (void)
{
  const MjTemplateValues v = { .company = "ACME" };
  g_autofree char *a = mj_template_render_string ("Estimado {client_name},\nGracias.", &v);
  g_autofree char *b = mj_template_render_string ("Factura Nº {invoice_number} de {company}", &v);
  g_autofree char *c = mj_template_render_string ("Total: {total}\nSaludos", &v);
  g_autofree char *d = mj_template_render_string ("Invoice {invoice_number} from {company}", NULL);
  g_autofree char *e = mj_template_render_string ("{{literal}} {unknown} [URGENTE] {company}", &v);

  g_assert_cmpstr (a, ==, "Estimado,\nGracias.");
  g_assert_cmpstr (b, ==, "Factura de ACME");
  g_assert_cmpstr (c, ==, "Saludos");
  g_assert_cmpstr (d, ==, "Invoice");
  g_assert_cmpstr (e, ==, "{literal} {unknown} [URGENTE] ACME");
}

static void
test_subject_is_one_line (void)
{
  const MjTemplateValues v = { .company = "Evil\r\nBcc: x@example.com" };
  g_autoptr(MjTemplate) t = mj_template_new ("Invoice from {company}", "");
  g_autofree char *subject = NULL;

  mj_template_render (t, &v, &subject, NULL);
  g_assert_null (strchr (subject, '\n'));
  g_assert_null (strchr (subject, '\r'));
}

static void
test_per_account (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mj-template-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MjTemplate) t = mj_template_new ("Fra. {invoice_number}", "Hola {client_name}");
  g_autoptr(MjTemplate) loaded = NULL;
  g_autoptr(MjTemplate) other = NULL;
  g_autoptr(MjTemplate) reset = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sub = NULL;

  g_assert_nonnull (dir);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_assert_true (mj_template_save_for_account (t, "trabajo", &error));
  g_assert_no_error (error);
  path = g_build_filename (dir, "mensajero", "templates.ini", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  loaded = mj_template_load_for_account ("trabajo", "es");
  g_assert_cmpstr (mj_template_get_subject (loaded), ==, "Fra. {invoice_number}");
  g_assert_cmpstr (mj_template_get_body (loaded), ==, "Hola {client_name}");
  other = mj_template_load_for_account ("otra", "en");
  g_assert_cmpstr (mj_template_get_subject (other), ==, "Invoice[ {invoice_number}][ from {company}]");

  g_assert_true (mj_template_reset_for_account ("trabajo", &error));
  reset = mj_template_load_for_account ("trabajo", "en");
  g_assert_cmpstr (mj_template_get_subject (reset), ==, "Invoice[ {invoice_number}][ from {company}]");

  g_unlink (path);
  sub = g_build_filename (dir, "mensajero", NULL);
  g_rmdir (sub);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mj_i18n_init ();

  g_test_add_func ("/mj/template/default-es", test_default_es);
  g_test_add_func ("/mj/template/default-en", test_default_en);
  g_test_add_func ("/mj/template/missing-values", test_missing_values);
  g_test_add_func ("/mj/template/bare-placeholders", test_bare_placeholders);
  g_test_add_func ("/mj/template/subject-one-line", test_subject_is_one_line);
  g_test_add_func ("/mj/template/per-account", test_per_account);

  return g_test_run ();
}
