/* MjDiagnostics in-process, with a GResolver stand-in: the DNS step
 * (not found, failure, timeout), cancellation, the step model updates on
 * the main context, and the bilingual report. No server is needed: every
 * case ends before the SMTP dialogue. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "mj-diagnostics.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-test-resolver.h"

static MjTestResolver *resolver;

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} RunResult;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RunResult *r = user_data;

  r->ok = mj_diagnostics_run_finish (MJ_DIAGNOSTICS (source), result, &r->error);
  r->done = TRUE;
}

static MjDiagnostics *
diagnostics_for (const char *host)
{
  g_autoptr(MjAccount) account = mj_account_new ("test", "ana@fontaneria.test");

  mj_account_set_host (account, host);
  mj_account_set_port (account, 587);
  return mj_diagnostics_new (account);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  /* Step updates arrive on the main context, never from the worker. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

static void
assert_rest_skipped (MjDiagnostics      *diag,
                     MjDiagnosticStepId  after)
{
  for (guint i = after + 1; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    g_assert_cmpint (mj_diagnostic_step_get_status (mj_diagnostics_get_step (diag, i)), ==,
                     MJ_DIAGNOSTIC_STATUS_SKIPPED);
}

static void
test_dns_not_found (void)
{
  g_autoptr(MjDiagnostics) diag = diagnostics_for ("smtp.fontaneria.test");
  MjDiagnosticStep *dns = mj_diagnostics_get_step (diag, MJ_DIAGNOSTIC_STEP_DNS);
  RunResult r = { 0 };
  guint notifications = 0;
  g_autofree char *report = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (mj_diagnostics_get_steps (diag)), ==,
                    MJ_DIAGNOSTIC_N_STEPS);
  g_signal_connect (dns, "notify::status", G_CALLBACK (count_notify_cb), &notifications);

  mj_diagnostics_run_async (diag, NULL, done_cb, &r);
  g_assert_true (mj_diagnostics_get_running (diag));
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (r.ok);
  g_assert_error (r.error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT);
  g_assert_cmpint (mj_error_exit_code (r.error), ==, MJ_EXIT_CONNECT);
  g_assert_false (mj_diagnostics_get_running (diag));
  g_assert_false (mj_diagnostics_get_ok (diag));
  g_assert_true (mj_diagnostics_get_failed_step (diag) == dns);
  g_assert_cmpint (mj_diagnostic_step_get_status (dns), ==, MJ_DIAGNOSTIC_STATUS_FAIL);
  g_assert_cmpuint (notifications, >=, 2);   /* running, then fail */
  g_assert_cmpstr (mj_diagnostic_step_get_text (dns)->id, ==, "dns-not-found");
  g_assert_cmpstr (mj_diagnostic_step_get_who_fixes (dns), ==, "you");
  g_assert_nonnull (strstr (mj_diagnostic_step_get_detail (dns), "smtp.fontaneria.test"));
  g_assert_cmpstr (mj_diagnostic_step_get_title_for (dns, "en"), !=,
                   mj_diagnostic_step_get_title_for (dns, "es"));
  assert_rest_skipped (diag, MJ_DIAGNOSTIC_STEP_DNS);
  g_assert_null (mj_diagnostics_get_hint (diag));

  report = mj_diagnostics_build_report (diag, NULL);
  g_assert_nonnull (strstr (report, "ana@fontaneria.test"));
  g_assert_nonnull (strstr (report, "FALLO/FAIL"));
  g_assert_nonnull (strstr (report, "ES: El nombre del servidor no existe."));
  g_assert_nonnull (strstr (report, "EN: The server name does not exist."));
  g_assert_nonnull (strstr (report, "* Looking up smtp.fontaneria.test"));
  g_clear_error (&r.error);
}

static void
test_dns_failure_and_timeout (void)
{
  g_autoptr(MjDiagnostics) broken = diagnostics_for ("smtp.roto.test");
  g_autoptr(MjDiagnostics) slow = diagnostics_for ("smtp.lento.test");
  RunResult r1 = { 0 }, r2 = { 0 };
  gint64 start;

  mj_test_resolver_add_failure (resolver, "smtp.roto.test");
  mj_test_resolver_add_hang (resolver, "smtp.lento.test");

  mj_diagnostics_run_async (broken, NULL, done_cb, &r1);
  while (!r1.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (mj_diagnostic_step_get_text (mj_diagnostics_get_step (broken, 0))->id, ==,
                   "dns-failed");
  g_clear_error (&r1.error);

  mj_diagnostics_set_timeout (slow, 1);
  start = g_get_monotonic_time ();
  mj_diagnostics_run_async (slow, NULL, done_cb, &r2);
  while (!r2.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpstr (mj_diagnostic_step_get_text (mj_diagnostics_get_step (slow, 0))->id, ==,
                   "dns-timeout");
  assert_rest_skipped (slow, MJ_DIAGNOSTIC_STEP_DNS);
  g_clear_error (&r2.error);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(MjDiagnostics) diag = diagnostics_for ("smtp.espera.test");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RunResult r = { 0 };
  gint64 start = g_get_monotonic_time ();

  mj_test_resolver_add_hang (resolver, "smtp.espera.test");
  mj_diagnostics_set_timeout (diag, 30);
  mj_diagnostics_run_async (diag, cancellable, done_cb, &r);
  g_timeout_add (100, cancel_cb, cancellable);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_null (mj_diagnostics_get_failed_step (diag));
  assert_rest_skipped (diag, MJ_DIAGNOSTIC_STEP_DNS);
  g_assert_cmpint (mj_diagnostic_step_get_status (mj_diagnostics_get_step (diag, 0)), ==,
                   MJ_DIAGNOSTIC_STATUS_SKIPPED);
  g_clear_error (&r.error);
}

static void
test_texts_complete (void)
{
  guint n;
  const MjDiagnosticText *texts = mj_diagnostic_texts_get_all (&n);

  g_assert_cmpuint (n, >, 20);
  for (guint i = 0; i < n; i++)
    {
      const char *fields[] = { texts[i].title, texts[i].explanation, texts[i].action };

      g_assert_true (mj_diagnostic_text_lookup (texts[i].id) == &texts[i]);
      g_assert_nonnull (texts[i].reason);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_assert_cmpstr (fields[f], !=, "");
          /* "Nothing to do." is the same idea in both, but still translated. */
          g_assert_cmpstr (mj_i18n_translate ("es", fields[f]), !=, fields[f]);
        }
    }
  g_assert_nonnull (strstr (mj_diagnostic_text_lookup ("microsoft-status")->action,
                            MJ_MICROSOFT_STATUS_URL));
  g_assert_null (mj_diagnostic_text_lookup ("no-such-text"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  resolver = mj_test_resolver_new ();
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/mj/diagnostics/dns-not-found", test_dns_not_found);
  g_test_add_func ("/mj/diagnostics/dns-failure-and-timeout", test_dns_failure_and_timeout);
  g_test_add_func ("/mj/diagnostics/cancel", test_cancel);
  g_test_add_func ("/mj/diagnostics/texts-complete", test_texts_complete);

  return g_test_run ();
}
