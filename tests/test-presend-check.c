#include "config.h"

#include <string.h>

#include "mj-i18n.h"
#include "mj-pdf-inspector.h"
#include "mj-presend-check.h"
#include "mj-test-resolver.h"

static const char *ok_recipients[] = { "Cliente <cliente@example.com>", NULL };

static MjPresendInput
base_input (void)
{
  MjPresendInput input = {
    .from_address = "Ana <ana@example.com>",
    .account_address = "ana@example.com",
    .recipients = ok_recipients,
    .subject = "Factura Nº 2026-031 de Fontanería Pérez",
    .body = "Buenos días:\n\nLe adjunto la factura.\n",
  };

  return input;
}

static MjPresendItem *
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      MjPresendItem *item = g_ptr_array_index (items, i);

      if (strcmp (mj_presend_item_get_id (item), id) == 0)
        return item;
    }
  return NULL;
}

static void
assert_texts (MjPresendItem *item)
{
  g_assert_nonnull (mj_presend_item_get_reason (item, "en"));
  g_assert_nonnull (mj_presend_item_get_reason (item, "es"));
  g_assert_cmpstr (mj_presend_item_get_reason (item, "en"), !=, "");
  if (mj_presend_item_get_severity (item) != MJ_CHECK_OK)
    {
      g_assert_cmpstr (mj_presend_item_get_fix (item, "en"), !=, "");
      g_assert_cmpstr (mj_presend_item_get_fix (item, "es"), !=, "");
      /* Both languages exist at once. */
      g_assert_cmpstr (mj_presend_item_get_reason (item, "es"), !=, mj_presend_item_get_reason (item, "en"));
    }
}

static void
test_all_ok (void)
{
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) items = mj_presend_check_run (&input);

  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      MjPresendItem *item = g_ptr_array_index (items, i);

      /* Only the "no attachment" warning. */
      if (strcmp (mj_presend_item_get_id (item), MJ_CHECK_ATTACHMENT) == 0)
        g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_WARNING);
      else
        g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_OK);
      assert_texts (item);
    }
}

static void
test_typo (void)
{
  const char *recipients[] = { "cliente@hotmial.com", NULL };
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) items = NULL;
  MjPresendItem *item;

  input.recipients = recipients;
  items = mj_presend_check_run (&input);
  item = find_item (items, MJ_CHECK_RECIPIENT_TYPO);
  g_assert_nonnull (item);
  g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_WARNING);
  g_assert_cmpstr (mj_presend_item_get_subject (item), ==, "cliente@hotmial.com");
  g_assert_cmpstr (mj_presend_item_get_suggestion (item), ==, "cliente@hotmail.com");
  g_assert_nonnull (strstr (mj_presend_item_get_reason (item, "en"), "hotmail.com"));
  g_assert_nonnull (strstr (mj_presend_item_get_fix (item, "es"), "cliente@hotmail.com"));
  assert_texts (item);
}

static void
test_suggest_domain (void)
{
  struct { const char *typo; const char *fixed; } cases[] = {
    { "hotmial.com", "hotmail.com" }, { "gmial.com", "gmail.com" }, { "gmal.com", "gmail.com" },
    { "outlok.es", "outlook.es" }, { "outlook.con", "outlook.com" }, { "yaho.es", "yahoo.es" },
    { "hotmail.co", "hotmail.com" }, { "gamil.com", "gmail.com" }, { "hotmal.es", "hotmail.es" },
    { "HOTMIAL.COM", "hotmail.com" }, { "yahooo.com", "yahoo.com" }, { "iclod.com", "icloud.com" },
  };
  const char *fine[] = { "gmail.com", "hotmail.es", "example.com", "fontaneriaperez.es", "gmx.de",
                         "live.cl", "empresa.com.mx", "mail.com", "me.com", "uol.com.br" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = mj_presend_suggest_domain (cases[i].typo);

      g_assert_cmpstr (s, ==, cases[i].fixed);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autofree char *s = mj_presend_suggest_domain (fine[i]);

      g_assert_cmpstr (s, ==, NULL);
    }
}

static void
test_syntax (void)
{
  const char *recipients[] = { "cliente@@example.com", "sin-arroba.example.com", "a b@example.com",
                               "x@example", NULL };
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) items = NULL;
  guint n = 0;

  input.recipients = recipients;
  items = mj_presend_check_run (&input);
  for (guint i = 0; i < items->len; i++)
    {
      MjPresendItem *item = g_ptr_array_index (items, i);

      if (strcmp (mj_presend_item_get_id (item), MJ_CHECK_RECIPIENT_SYNTAX) == 0)
        {
          g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_BLOCKING);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 4);
  /* Blocking items come first. */
  g_assert_cmpint (mj_presend_item_get_severity (g_ptr_array_index (items, 0)), ==, MJ_CHECK_BLOCKING);

  g_assert_true (mj_presend_address_valid ("ana.perez+facturas@sub.example.es"));
  g_assert_false (mj_presend_address_valid ("ana..perez@example.es"));
  g_assert_false (mj_presend_address_valid ("ana@-example.es"));
}

static void
test_no_recipient (void)
{
  const char *none[] = { NULL };
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) items = NULL;
  MjPresendItem *item;

  input.recipients = none;
  items = mj_presend_check_run (&input);
  item = find_item (items, MJ_CHECK_RECIPIENTS);
  g_assert_nonnull (item);
  g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_BLOCKING);
}

static void
test_size (void)
{
  MjPresendAttachment big = { "/tmp/factura.pdf", 20 * 1024 * 1024, NULL };
  MjPresendAttachment small = { "/tmp/factura.pdf", 100 * 1024, NULL };
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) items2 = NULL;
  MjPresendItem *item;
  guint64 estimate;

  /* 20 MiB of PDF is ~26.7 MiB once in base64: over a 25 MiB limit. */
  input.attachments = &big;
  input.n_attachments = 1;
  input.max_message_bytes = 25 * 1024 * 1024;
  estimate = mj_presend_estimate_message_bytes (&input);
  g_assert_cmpuint (estimate, >, (guint64) 20 * 1024 * 1024 * 4 / 3);
  g_assert_cmpuint (estimate, <, (guint64) 20 * 1024 * 1024 * 14 / 10);
  items = mj_presend_check_run (&input);
  item = find_item (items, MJ_CHECK_SIZE);
  g_assert_nonnull (item);
  g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_BLOCKING);
  assert_texts (item);

  input.attachments = &small;
  items2 = mj_presend_check_run (&input);
  item = find_item (items2, MJ_CHECK_SIZE);
  g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_OK);

  /* The limit of the account's provider (data/providers.ini: 25 MiB for
   * Outlook.com) when none is given. */
  {
    g_autoptr(GPtrArray) items3 = NULL;

    input.attachments = &big;
    input.max_message_bytes = 0;
    input.provider_id = "outlook.com";
    items3 = mj_presend_check_run (&input);
    item = find_item (items3, MJ_CHECK_SIZE);
    g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_BLOCKING);
  }
}

static void
test_pdf_problems (void)
{
  const char *dir = g_getenv ("MJ_PDF_FIXTURES");
  const char *files[] = { "js-openaction-objstm.pdf", "encrypted.pdf", "truncated.pdf", "launch.pdf",
                          "repaired.pdf", "attachment.pdf", "factura-es.pdf" };
  MjCheckSeverity expect[] = { MJ_CHECK_BLOCKING, MJ_CHECK_BLOCKING, MJ_CHECK_BLOCKING, MJ_CHECK_BLOCKING,
                               MJ_CHECK_WARNING, MJ_CHECK_WARNING, MJ_CHECK_OK };

  if (dir == NULL)
    {
      g_test_skip ("MJ_PDF_FIXTURES not set");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(MjPdfReport) report = mj_pdf_inspect_sync (file, NULL, &error);
      MjPresendAttachment a;
      MjPresendInput input = base_input ();
      g_autoptr(GPtrArray) items = NULL;
      MjPresendItem *item;

      g_assert_no_error (error);
      a.path = path;
      a.size_bytes = mj_pdf_report_get_size_bytes (report);
      a.report = report;
      input.attachments = &a;
      input.n_attachments = 1;
      items = mj_presend_check_run (&input);
      item = find_item (items, MJ_CHECK_ATTACHMENT);
      g_assert_nonnull (item);
      g_assert_cmpint (mj_presend_item_get_severity (item), ==, expect[i]);
      assert_texts (item);
      if (expect[i] != MJ_CHECK_OK)
        g_assert_cmpstr (mj_presend_item_get_subject (item), ==, files[i]);
    }
}

static void
test_send_as (void)
{
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) items = NULL;
  MjPresendItem *item;

  input.from_address = "Facturación <facturas@empresa.es>";
  input.account_address = "ana@empresa.es";
  items = mj_presend_check_run (&input);
  item = find_item (items, MJ_CHECK_FROM);
  g_assert_nonnull (item);
  g_assert_cmpint (mj_presend_item_get_severity (item), ==, MJ_CHECK_WARNING);
  g_assert_nonnull (strstr (mj_presend_item_get_reason (item, "en"), "Send As"));
  g_assert_nonnull (strstr (mj_presend_item_get_fix (item, "en"), "ana@empresa.es"));
  assert_texts (item);
}

static void
test_subject_and_body (void)
{
  struct { const char *subject; MjCheckSeverity severity; } cases[] = {
    { "", MJ_CHECK_WARNING },
    { "   ", MJ_CHECK_WARNING },
    { "FACTURA URGENTE DE MARZO", MJ_CHECK_WARNING },
    { "Oferta gratis en su factura", MJ_CHECK_WARNING },
    { "Invoice 42 - FREE gift inside", MJ_CHECK_WARNING },
    { "Pay now!!!", MJ_CHECK_WARNING },
    { "Factura Nº 2026-031 de ACME", MJ_CHECK_OK },
    { "Invoice INV-0042 from ACME Ltd", MJ_CHECK_OK },
    /* "Freedom" is not "free". */
    { "Factura de Freedom Bikes", MJ_CHECK_OK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MjPresendInput input = base_input ();
      g_autoptr(GPtrArray) items = NULL;
      MjPresendItem *item;

      input.subject = cases[i].subject;
      items = mj_presend_check_run (&input);
      item = find_item (items, MJ_CHECK_SUBJECT);
      g_assert_nonnull (item);
      g_assert_cmpint (mj_presend_item_get_severity (item), ==, cases[i].severity);
    }

  {
    MjPresendInput input = base_input ();
    g_autoptr(GPtrArray) items = NULL;

    input.body = " \n ";
    items = mj_presend_check_run (&input);
    g_assert_cmpint (mj_presend_item_get_severity (find_item (items, MJ_CHECK_BODY)), ==, MJ_CHECK_WARNING);
  }
}

static void
test_quota (void)
{
  const char *two[] = { "a@example.com", "b@example.com", NULL };
  MjPresendInput input = base_input ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GPtrArray) over = NULL;

  none = mj_presend_check_run (&input);
  g_assert_null (find_item (none, MJ_CHECK_QUOTA));

  input.recipients = two;
  input.daily_limit = 100;
  input.sent_today = 10;
  low = mj_presend_check_run (&input);
  g_assert_cmpint (mj_presend_item_get_severity (find_item (low, MJ_CHECK_QUOTA)), ==, MJ_CHECK_OK);
  input.sent_today = 89;
  near = mj_presend_check_run (&input);
  g_assert_cmpint (mj_presend_item_get_severity (find_item (near, MJ_CHECK_QUOTA)), ==, MJ_CHECK_WARNING);
  input.sent_today = 99;
  over = mj_presend_check_run (&input);
  g_assert_cmpint (mj_presend_item_get_severity (find_item (over, MJ_CHECK_QUOTA)), ==, MJ_CHECK_BLOCKING);
}

static void
mx_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = mj_mx_checker_check_finish (MJ_MX_CHECKER (source), result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
run_mx (MjMxChecker        *checker,
        const char * const *recipients)
{
  GPtrArray *items = NULL;

  mj_mx_checker_check_async (checker, recipients, NULL, mx_done, &items);
  while (items == NULL)
    g_main_context_iteration (NULL, TRUE);
  return items;
}

static void
test_mx (void)
{
  g_autoptr(MjTestResolver) resolver = mj_test_resolver_new ();
  g_autoptr(MjMxChecker) checker = NULL;
  const char *recipients[] = { "a@empresa.es", "Ana <b@EMPRESA.es>", "c@nomx.example", "d@gone.example",
                               "e@offline.example", "not an address", NULL };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  guint lookups;

  mj_test_resolver_add_mx (resolver, "empresa.es", 10, "mx.empresa.es");
  mj_test_resolver_add_address (resolver, "nomx.example", "192.0.2.7");
  mj_test_resolver_add_failure (resolver, "offline.example");
  checker = mj_mx_checker_new (G_RESOLVER (resolver));

  items = run_mx (checker, recipients);
  g_assert_cmpuint (items->len, ==, 4);   /* one per distinct valid domain */
  g_assert_cmpstr (mj_presend_item_get_subject (g_ptr_array_index (items, 0)), ==, "empresa.es");
  g_assert_cmpint (mj_presend_item_get_severity (g_ptr_array_index (items, 0)), ==, MJ_CHECK_OK);
  g_assert_cmpint (mj_presend_item_get_severity (g_ptr_array_index (items, 1)), ==, MJ_CHECK_WARNING);
  g_assert_cmpint (mj_presend_item_get_severity (g_ptr_array_index (items, 2)), ==, MJ_CHECK_BLOCKING);
  g_assert_cmpstr (mj_presend_item_get_subject (g_ptr_array_index (items, 2)), ==, "gone.example");
  g_assert_cmpint (mj_presend_item_get_severity (g_ptr_array_index (items, 3)), ==, MJ_CHECK_WARNING);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_cmpstr (mj_presend_item_get_id (g_ptr_array_index (items, i)), ==, MJ_CHECK_RECIPIENT_MX);
      assert_texts (g_ptr_array_index (items, i));
    }

  /* Answers are cached: the second check asks the resolver nothing. */
  lookups = mj_test_resolver_get_n_lookups (resolver);
  again = run_mx (checker, (const char *[]) { "z@empresa.es", "y@gone.example", NULL });
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (mj_test_resolver_get_n_lookups (resolver), ==, lookups);
  g_assert_cmpint (mj_presend_item_get_severity (g_ptr_array_index (again, 1)), ==, MJ_CHECK_BLOCKING);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mj_i18n_init ();

  g_test_add_func ("/mj/presend-check/all-ok", test_all_ok);
  g_test_add_func ("/mj/presend-check/typo", test_typo);
  g_test_add_func ("/mj/presend-check/suggest-domain", test_suggest_domain);
  g_test_add_func ("/mj/presend-check/syntax", test_syntax);
  g_test_add_func ("/mj/presend-check/no-recipient", test_no_recipient);
  g_test_add_func ("/mj/presend-check/size", test_size);
  g_test_add_func ("/mj/presend-check/pdf", test_pdf_problems);
  g_test_add_func ("/mj/presend-check/send-as", test_send_as);
  g_test_add_func ("/mj/presend-check/subject-body", test_subject_and_body);
  g_test_add_func ("/mj/presend-check/quota", test_quota);
  g_test_add_func ("/mj/presend-check/mx", test_mx);

  return g_test_run ();
}
