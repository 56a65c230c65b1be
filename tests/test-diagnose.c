/* `mensajero-cli diagnose --json` against the loopback SMTP server of
 * tests/servers, one scripted fault per test: the failing step, the steps
 * after it skipped, the explanation in both languages, the exit status. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mj-test-utils.h"

#define USER "alice@example.test"
#define PASSWORD "s3cret"

static const char *step_ids[] = {
  "dns", "tcp", "greeting", "ehlo", "starttls", "tls", "auth", "sender", "test_message",
};

static void
add_account_full (const char *name,
                  const char *email,
                  guint       port,
                  const char *password,
                  const char *security,
                  const char *provider)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *stdin_text = g_strdup_printf ("%s\n", password);
  g_autoptr(MjTestRun) run = NULL;

  run = mj_test_run_cli (stdin_text, "account", "add", name, "--email", email,
                         "--host", "127.0.0.1", "--port", port_text, "--security", security,
                         "--auth", "password", "--ca-file", certs->ca_file,
                         "--password-stdin",
                         provider ? "--provider" : NULL, provider, NULL);
  if (run->status != 0)
    g_printerr ("account add: %s%s", run->out, run->err);
  g_assert_cmpint (run->status, ==, 0);
}

static void
add_account (const char *name,
             const char *email,
             guint       port,
             const char *password)
{
  add_account_full (name, email, port, password, "starttls", NULL);
}

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);
  return port;
}

typedef struct {
  JsonParser *parser;
  JsonObject *root;
  int status;
  gint64 elapsed_us;
} Diagnosis;

static void
diagnosis_free (Diagnosis *d)
{
  g_clear_object (&d->parser);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Diagnosis, diagnosis_free)

static Diagnosis *
diagnose (const char *account,
          const char *extra)
{
  g_autoptr(MjTestRun) run = NULL;
  g_autoptr(GError) error = NULL;
  Diagnosis *d = g_new0 (Diagnosis, 1);
  gint64 start = g_get_monotonic_time ();

  run = mj_test_run_cli (NULL, "diagnose", "--account", account, "--json", "--timeout", "2",
                         extra, NULL);
  d->elapsed_us = g_get_monotonic_time () - start;
  d->status = run->status;
  d->parser = json_parser_new ();
  if (!json_parser_load_from_data (d->parser, run->out, -1, &error))
    g_printerr ("diagnose printed: %s\n%s\n", run->out, run->err);
  g_assert_no_error (error);
  d->root = json_node_get_object (json_parser_get_root (d->parser));
  g_test_message ("diagnose status %d: %s", run->status, run->out);
  return d;
}

static JsonObject *
step (Diagnosis  *d,
      const char *id)
{
  JsonArray *steps = json_object_get_array_member (d->root, "steps");

  g_assert_cmpuint (json_array_get_length (steps), ==, G_N_ELEMENTS (step_ids));
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *s = json_array_get_object_element (steps, i);

      g_assert_cmpstr (json_object_get_string_member (s, "id"), ==, step_ids[i]);
      if (g_str_equal (json_object_get_string_member (s, "id"), id))
        return s;
    }
  g_assert_not_reached ();
  return NULL;
}

static const char *
status_of (Diagnosis  *d,
           const char *id)
{
  return json_object_get_string_member (step (d, id), "status");
}

/* @failed fails with an explanation in English and Spanish; every step
 * before it passed (or does not apply), every step after it is skipped. */
static JsonObject *
assert_fails_at (Diagnosis  *d,
                 const char *failed,
                 int         exit_status)
{
  JsonObject *s = step (d, failed);
  JsonObject *explanation;
  gboolean after = FALSE;

  g_assert_cmpint (d->status, ==, exit_status);
  g_assert_false (json_object_get_boolean_member (d->root, "ok"));
  g_assert_cmpstr (json_object_get_string_member (d->root, "failed_step"), ==, failed);

  for (guint i = 0; i < G_N_ELEMENTS (step_ids); i++)
    {
      if (g_str_equal (step_ids[i], failed))
        {
          after = TRUE;
          continue;
        }
      if (after)
        g_assert_cmpstr (status_of (d, step_ids[i]), ==, "skipped");
      else
        g_assert_true (g_str_equal (status_of (d, step_ids[i]), "ok") ||
                       g_str_equal (status_of (d, step_ids[i]), "warn"));
    }

  g_assert_cmpstr (json_object_get_string_member (s, "status"), ==, "fail");
  g_assert_nonnull (json_object_get_string_member (s, "detail"));
  explanation = json_object_get_object_member (s, "explanation");
  g_assert_nonnull (explanation);
  g_assert_cmpstr (json_object_get_string_member (explanation, "en"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (explanation, "es"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (explanation, "en"), !=,
                   json_object_get_string_member (explanation, "es"));
  g_assert_nonnull (json_object_get_object_member (s, "action"));
  g_assert_nonnull (json_object_get_string_member (s, "who_fixes"));
  return s;
}

static void
test_happy_path (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, NULL);
  g_autoptr(Diagnosis) d = NULL;
  g_autoptr(Diagnosis) with_test = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  JsonObject *tls;

  add_account ("work", USER, server->port, PASSWORD);

  d = diagnose ("work", NULL);
  g_assert_cmpint (d->status, ==, 0);
  g_assert_true (json_object_get_boolean_member (d->root, "ok"));
  for (guint i = 0; i < G_N_ELEMENTS (step_ids) - 1; i++)
    g_assert_cmpstr (status_of (d, step_ids[i]), ==, "ok");
  g_assert_cmpstr (status_of (d, "test_message"), ==, "skipped");
  g_assert_true (json_object_get_null_member (step (d, "auth"), "explanation"));
  /* Step times are real durations, within the run's own wall time. */
  for (guint i = 0; i < G_N_ELEMENTS (step_ids); i++)
    g_assert_cmpint (json_object_get_int_member (step (d, step_ids[i]), "duration_ms"), <=,
                     d->elapsed_us / 1000);

  /* The TLS step describes the session and the certificate. */
  tls = json_object_get_object_member (d->root, "tls");
  g_assert_nonnull (tls);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tls, "protocol"), "TLSv1."));
  g_assert_true (json_object_get_boolean_member (tls, "verified"));
  g_assert_true (json_object_get_boolean_member (tls, "host_matches"));
  g_assert_nonnull (strstr (json_object_get_string_member (tls, "issuer"), "Mensajero Test CA"));
  g_assert_nonnull (strstr (json_object_get_string_member (step (d, "ehlo"), "detail"), "AUTH"));

  /* The password never appears in the transcript. */
  g_assert_null (strstr (json_object_get_string_member (d->root, "transcript"), PASSWORD));
  g_assert_nonnull (strstr (json_object_get_string_member (d->root, "transcript"), "EHLO"));

  /* Nothing was delivered by the checks; --send-test delivers one message
   * to the account itself. */
  messages = mj_test_smtp_server_get_messages (server);
  g_assert_cmpuint (messages->len, ==, 0);
  with_test = diagnose ("work", "--send-test");
  g_assert_cmpint (with_test->status, ==, 0);
  g_assert_cmpstr (status_of (with_test, "test_message"), ==, "ok");
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = mj_test_smtp_server_get_messages (server);
  g_assert_cmpuint (messages->len, ==, 1);
}

/* Port 465 style: TLS from the first byte, so there is no STARTTLS step. */
static void
test_implicit_tls (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, "--smtps-port", "0",
                                                                  NULL);
  g_autoptr(Diagnosis) d = NULL;

  add_account_full ("tls", USER, server->smtps_port, PASSWORD, "tls", NULL);
  d = diagnose ("tls", NULL);
  g_assert_cmpint (d->status, ==, 0);
  g_assert_true (json_object_get_boolean_member (d->root, "ok"));
  g_assert_cmpstr (status_of (d, "starttls"), ==, "skipped");
  g_assert_cmpstr (status_of (d, "tls"), ==, "ok");
  g_assert_cmpstr (status_of (d, "auth"), ==, "ok");
  g_assert_cmpstr (status_of (d, "sender"), ==, "ok");
}

static void
test_closed_port (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(Diagnosis) d = NULL;
  JsonObject *s;

  add_account ("closed", USER, closed_port (), PASSWORD);
  d = diagnose ("closed", NULL);
  s = assert_fails_at (d, "tcp", 4);
  g_assert_cmpstr (json_object_get_string_member (s, "reason"), ==, "networkerror");
  g_assert_nonnull (strstr (json_object_get_string_member (s, "detail"), "refused"));
  g_assert_true (json_object_get_null_member (d->root, "hint"));
}

/* Microsoft's servers out of reach: also point to their status page. */
static void
test_microsoft_unreachable (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(Diagnosis) d = NULL;
  JsonObject *hint;

  add_account_full ("m365", "ana@fontaneria.test", closed_port (), PASSWORD, "starttls",
                    "microsoft365");
  d = diagnose ("m365", NULL);
  assert_fails_at (d, "tcp", 4);
  hint = json_object_get_object_member (d->root, "hint");
  g_assert_nonnull (hint);
  g_assert_cmpstr (json_object_get_string_member (hint, "text_id"), ==, "microsoft-status");
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (hint, "action"), "es"),
                            "https://status.cloud.microsoft"));
}

static void
test_no_starttls (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, "--no-starttls", NULL);
  g_autoptr(Diagnosis) d = NULL;

  add_account ("plain", USER, server->port, PASSWORD);
  d = diagnose ("plain", NULL);
  assert_fails_at (d, "starttls", 4);
  /* No credential may have been sent over the unencrypted connection. */
  g_assert_cmpuint (mj_test_smtp_server_count_events (server, "auth", NULL), ==, 0);
}

static void
test_untrusted_certificate (void)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD,
                                                                  "--cert", certs->untrusted_cert_file,
                                                                  "--key", certs->untrusted_key_file,
                                                                  NULL);
  g_autoptr(Diagnosis) d = NULL;
  JsonObject *s;

  add_account ("mitm", USER, server->port, PASSWORD);
  d = diagnose ("mitm", NULL);
  s = assert_fails_at (d, "tls", 4);
  g_assert_cmpstr (json_object_get_string_member (s, "reason"), ==, "securityerror");
  g_assert_nonnull (strstr (json_object_get_string_member (s, "detail"), "not trusted"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (d->root, "tls"),
                                                  "verified"));
  g_assert_cmpuint (mj_test_smtp_server_count_events (server, "auth", NULL), ==, 0);
}

static void
test_wrong_password (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, NULL);
  g_autoptr(Diagnosis) d = NULL;
  JsonObject *s;

  add_account ("typo", USER, server->port, "not-the-password");
  d = diagnose ("typo", NULL);
  s = assert_fails_at (d, "auth", 5);
  g_assert_nonnull (strstr (json_object_get_string_member (s, "detail"), "535"));
  g_assert_null (strstr (json_object_get_string_member (d->root, "transcript"), "not-the-password"));
}

static void
test_tenant_disabled (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, NULL);
  g_autoptr(Diagnosis) d = NULL;
  JsonObject *s;

  add_account ("tenant", "disabled@example.test", server->port, PASSWORD);
  d = diagnose ("tenant", NULL);
  s = assert_fails_at (d, "auth", 5);
  g_assert_nonnull (strstr (json_object_get_string_member (s, "detail"), "5.7.139"));
  /* An administrator has to switch SMTP AUTH back on. */
  g_assert_cmpstr (json_object_get_string_member (s, "who_fixes"), ==, "admin");
}

static void
test_slow_greeting (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, "--slow-greeting", "8",
                                                                  NULL);
  g_autoptr(Diagnosis) d = NULL;

  add_account ("slow", USER, server->port, PASSWORD);
  d = diagnose ("slow", NULL);
  assert_fails_at (d, "greeting", 4);
  g_assert_cmpstr (status_of (d, "tcp"), ==, "ok");
  /* --timeout 2 bounds the wait well below the server's 8 s. */
  g_assert_cmpint (d->elapsed_us, <, 7 * G_USEC_PER_SEC);
}

static void
test_report (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--user", USER, "--password",
                                                                  PASSWORD, NULL);
  g_autoptr(MjTestRun) run = NULL;

  add_account ("typo", USER, server->port, "not-the-password");
  run = mj_test_run_cli (NULL, "diagnose", "--account", "typo", "--report", "--timeout", "2", NULL);
  g_assert_cmpint (run->status, ==, 5);
  /* Bilingual, with the transcript, without the password. */
  g_assert_nonnull (strstr (run->out, "Informe de la prueba de conexión"));
  g_assert_nonnull (strstr (run->out, "connection test report"));
  g_assert_nonnull (strstr (run->out, "ES: "));
  g_assert_nonnull (strstr (run->out, "EN: "));
  g_assert_nonnull (strstr (run->out, "535"));
  g_assert_null (strstr (run->out, "not-the-password"));
}

static void
test_usage (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autoptr(MjTestRun) none = mj_test_run_cli (NULL, "diagnose", "--json", NULL);
  g_autoptr(MjTestRun) unknown = mj_test_run_cli (NULL, "diagnose", "--account", "nadie", NULL);

  g_assert_cmpint (none->status, ==, 1);
  g_assert_cmpint (unknown->status, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/diagnose/happy-path", test_happy_path);
  g_test_add_func ("/mj/diagnose/implicit-tls", test_implicit_tls);
  g_test_add_func ("/mj/diagnose/closed-port", test_closed_port);
  g_test_add_func ("/mj/diagnose/microsoft-unreachable", test_microsoft_unreachable);
  g_test_add_func ("/mj/diagnose/no-starttls", test_no_starttls);
  g_test_add_func ("/mj/diagnose/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/mj/diagnose/wrong-password", test_wrong_password);
  g_test_add_func ("/mj/diagnose/tenant-disabled", test_tenant_disabled);
  g_test_add_func ("/mj/diagnose/slow-greeting", test_slow_greeting);
  g_test_add_func ("/mj/diagnose/report", test_report);
  g_test_add_func ("/mj/diagnose/usage", test_usage);

  return g_test_run ();
}
