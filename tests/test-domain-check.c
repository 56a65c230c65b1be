#include "config.h"

#include <gio/gio.h>

#include "mj-domain-check.h"
#include "mj-i18n.h"
#include "mj-test-resolver.h"

static MjTestResolver *resolver;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
run (const char          *sender_domain,
     gboolean             microsoft365,
     const char * const  *recipients,
     guint                timeout,
     GCancellable        *cancellable,
     GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mj_domain_check_run_async (sender_domain, microsoft365, recipients, timeout, cancellable,
                             done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mj_domain_check_run_finish (result, error);
}

static const MjDomainFinding *
finding (GPtrArray         *findings,
         MjDomainCheckKind  kind,
         const char        *domain)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const MjDomainFinding *f = findings->pdata[i];

      if (f->kind == kind && g_str_equal (f->domain, domain))
        return f;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_finding (GPtrArray          *findings,
                MjDomainCheckKind   kind,
                const char         *domain,
                MjDiagnosticStatus  status,
                const char         *text_id)
{
  const MjDomainFinding *f = finding (findings, kind, domain);

  g_assert_cmpstr (mj_diagnostic_status_to_string (f->status), ==,
                   mj_diagnostic_status_to_string (status));
  g_assert_nonnull (f->text);
  g_assert_cmpstr (f->text->id, ==, text_id);
  /* Both languages exist and differ. */
  g_assert_cmpstr (f->text->title, !=, mj_i18n_translate ("es", f->text->title));
  g_assert_cmpstr (f->text->action, !=, mj_i18n_translate ("es", f->text->action));
}

static void
test_microsoft365_good (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  mj_test_resolver_add_txt (resolver, "fontaneria.test", "google-site-verification=abc");
  mj_test_resolver_add_txt (resolver, "fontaneria.test",
                            "v=spf1 include:spf.protection.outlook.com -all");
  mj_test_resolver_add_txt (resolver, "_dmarc.fontaneria.test",
                            "v=DMARC1; p=reject; rua=mailto:d@fontaneria.test");
  mj_test_resolver_add_txt (resolver, "selector1._domainkey.fontaneria.test",
                            "v=DKIM1; k=rsa; p=MIIBIjANBg");

  findings = run ("fontaneria.test", TRUE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 3);
  assert_finding (findings, MJ_DOMAIN_CHECK_SPF, "fontaneria.test", MJ_DIAGNOSTIC_STATUS_OK, "spf-ok");
  g_assert_cmpstr (finding (findings, MJ_DOMAIN_CHECK_SPF, "fontaneria.test")->record, ==,
                   "v=spf1 include:spf.protection.outlook.com -all");
  assert_finding (findings, MJ_DOMAIN_CHECK_DMARC, "fontaneria.test", MJ_DIAGNOSTIC_STATUS_OK, "dmarc-ok");
  assert_finding (findings, MJ_DOMAIN_CHECK_DKIM, "fontaneria.test", MJ_DIAGNOSTIC_STATUS_OK, "dkim-ok");
}

static void
test_microsoft365_missing (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  /* SPF without Microsoft, DMARC only monitoring, no DKIM selectors. */
  mj_test_resolver_add_txt (resolver, "perez.test", "v=spf1 mx a:mail.perez.test ~all");
  mj_test_resolver_add_txt (resolver, "_dmarc.perez.test", "v=DMARC1; p=none");

  findings = run ("perez.test", TRUE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  assert_finding (findings, MJ_DOMAIN_CHECK_SPF, "perez.test", MJ_DIAGNOSTIC_STATUS_FAIL, "spf-no-microsoft");
  assert_finding (findings, MJ_DOMAIN_CHECK_DMARC, "perez.test", MJ_DIAGNOSTIC_STATUS_WARN, "dmarc-none");
  assert_finding (findings, MJ_DOMAIN_CHECK_DKIM, "perez.test", MJ_DIAGNOSTIC_STATUS_WARN, "dkim-missing");

  /* The same SPF is fine when the domain does not send through Microsoft. */
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = run ("perez.test", FALSE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, MJ_DOMAIN_CHECK_SPF, "perez.test", MJ_DIAGNOSTIC_STATUS_OK, "spf-ok");
}

static void
test_no_records_and_two_spf (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  mj_test_resolver_add_txt (resolver, "doble.test", "v=spf1 include:a.test -all");
  mj_test_resolver_add_txt (resolver, "doble.test", "v=spf1 include:b.test -all");

  findings = run ("vacio.test", FALSE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  assert_finding (findings, MJ_DOMAIN_CHECK_SPF, "vacio.test", MJ_DIAGNOSTIC_STATUS_FAIL, "spf-missing");
  assert_finding (findings, MJ_DOMAIN_CHECK_DMARC, "vacio.test", MJ_DIAGNOSTIC_STATUS_WARN, "dmarc-missing");

  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = run ("doble.test", FALSE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  assert_finding (findings, MJ_DOMAIN_CHECK_SPF, "doble.test", MJ_DIAGNOSTIC_STATUS_FAIL, "spf-multiple");
}

static void
test_recipient_mx (void)
{
  const char *recipients[] = { "cliente.test", "hotmial.test", "roto.test", NULL };
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  mj_test_resolver_add_mx (resolver, "cliente.test", 10, "mx1.cliente.test");
  mj_test_resolver_add_mx (resolver, "cliente.test", 20, "mx2.cliente.test");
  mj_test_resolver_add_failure (resolver, "roto.test");

  findings = run (NULL, FALSE, recipients, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 3);
  assert_finding (findings, MJ_DOMAIN_CHECK_MX, "cliente.test", MJ_DIAGNOSTIC_STATUS_OK, "mx-ok");
  g_assert_cmpstr (finding (findings, MJ_DOMAIN_CHECK_MX, "cliente.test")->record, ==,
                   "10 mx1.cliente.test, 20 mx2.cliente.test");
  assert_finding (findings, MJ_DOMAIN_CHECK_MX, "hotmial.test", MJ_DIAGNOSTIC_STATUS_FAIL, "mx-missing");
  assert_finding (findings, MJ_DOMAIN_CHECK_MX, "roto.test", MJ_DIAGNOSTIC_STATUS_WARN,
                  "domain-lookup-failed");
}

static void
test_timeout (void)
{
  const char *recipients[] = { "lento.test", NULL };
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  mj_test_resolver_add_hang (resolver, "lento.test");

  findings = run (NULL, FALSE, recipients, 1, NULL, &error);
  g_assert_no_error (error);
  assert_finding (findings, MJ_DOMAIN_CHECK_MX, "lento.test", MJ_DIAGNOSTIC_STATUS_WARN,
                  "domain-lookup-failed");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_cancel (void)
{
  const char *recipients[] = { "lento2.test", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mj_test_resolver_add_hang (resolver, "lento2.test");
  mj_domain_check_run_async (NULL, FALSE, recipients, 30, cancellable, done_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  findings = mj_domain_check_run_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (findings);
}

static void
test_microsoft365_custom_domain (void)
{
  g_assert_true (mj_domain_check_is_microsoft365_custom_domain ("microsoft365", "fontaneria.es"));
  g_assert_false (mj_domain_check_is_microsoft365_custom_domain ("microsoft365", "perez.onmicrosoft.com"));
  g_assert_false (mj_domain_check_is_microsoft365_custom_domain ("outlook.com", "hotmail.com"));
  g_assert_false (mj_domain_check_is_microsoft365_custom_domain ("gmail", "fontaneria.es"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  resolver = mj_test_resolver_new ();
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/mj/domain-check/microsoft365-good", test_microsoft365_good);
  g_test_add_func ("/mj/domain-check/microsoft365-missing", test_microsoft365_missing);
  g_test_add_func ("/mj/domain-check/no-records-two-spf", test_no_records_and_two_spf);
  g_test_add_func ("/mj/domain-check/recipient-mx", test_recipient_mx);
  g_test_add_func ("/mj/domain-check/timeout", test_timeout);
  g_test_add_func ("/mj/domain-check/cancel", test_cancel);
  g_test_add_func ("/mj/domain-check/microsoft365-custom-domain", test_microsoft365_custom_domain);

  return g_test_run ();
}
