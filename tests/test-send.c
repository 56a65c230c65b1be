/* The send path end to end: mensajero-cli (and MjSender) against the
 * loopback submission server of tests/servers, with the real keyring. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <gmime/gmime.h>

#include "mj-error.h"
#include "mj-secret-store.h"
#include "mj-sender.h"
#include "mj-smtp-client.h"
#include "mj-test-utils.h"

#define USER "alice@example.test"
#define PASSWORD "s3cret-Pw.42"
#define SUBJECT "Factura Nº 2026-031 de Fontanería Pérez"
#define FILENAME "Factura Nº 2026-031 — Pérez.pdf"

typedef struct {
  MjTestDirs *dirs;
  MjTestSmtpServer *server;
  char *account;
  char *pdf;
  GBytes *pdf_bytes;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  static guint counter;

  f->dirs = mj_test_dirs_new ();
  /* Keyring entries are shared by every test of the run: unique names. */
  f->account = g_strdup_printf ("send-%d-%u", (int) getpid (), ++counter);
  f->pdf = g_build_filename (f->dirs->root, FILENAME, NULL);
  mj_test_make_pdf (f->pdf, "Factura 2026-031 — Fontanería Pérez — 121,00 €");
  g_file_get_contents (f->pdf, &contents, &length, &error);
  g_assert_no_error (error);
  f->pdf_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mj_secret_store_clear_all_sync (f->account, NULL, NULL);
  g_clear_pointer (&f->server, mj_test_smtp_server_stop);
  mj_test_dirs_free (f->dirs);
  g_free (f->account);
  g_free (f->pdf);
  g_bytes_unref (f->pdf_bytes);
}

static void
start_server (Fixture    *f,
              const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--user");
  g_ptr_array_add (args, (gpointer) USER);
  g_ptr_array_add (args, (gpointer) "--password");
  g_ptr_array_add (args, (gpointer) PASSWORD);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  f->server = mj_test_smtp_server_startv ((const char * const *) args->pdata);
}

/* Adds the account through the CLI, with the password on stdin. */
static void
add_account (Fixture    *f,
             const char *login,
             const char *password,
             const char *security,
             guint       port)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autoptr(MjTestRun) run = NULL;

  run = mj_test_run_cli (input, "account", "add", f->account, "--email", USER,
                         "--display-name", "Fontanería Pérez", "--username", login,
                         "--host", "127.0.0.1", "--port", port_text, "--security", security,
                         "--ca-file", mj_test_certs_get ()->ca_file, "--password-stdin", NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
}

static MjTestRun *
send_to (Fixture    *f,
         const char *to)
{
  return mj_test_run_cli (NULL, "send", "--account", f->account, "--to", to,
                          "--subject", SUBJECT, "--body", "Adjunto la factura.\nUn saludo, José",
                          "--transcript", f->pdf, NULL);
}

static GMimeMessage *
parse_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  stream = g_mime_stream_mem_new_with_buffer (contents, length);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_object_unref (parser);
  g_object_unref (stream);
  g_assert_nonnull (message);
  return message;
}

static GBytes *
decoded_content (GMimePart *part)
{
  GByteArray *array = g_byte_array_new ();
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array (array);

  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (part), stream);
  g_object_unref (stream);
  return g_byte_array_free_to_bytes (array);
}

static void
assert_password_nowhere (Fixture   *f,
                         MjTestRun *run)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *) PASSWORD, strlen (PASSWORD));

  g_assert_null (strstr (run->out, PASSWORD));
  g_assert_null (strstr (run->err, PASSWORD));
  g_assert_null (strstr (run->err, b64));
  g_assert_false (mj_test_tree_contains (f->dirs->root, PASSWORD));
}

static void
test_invoice_arrives_intact (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *headers = NULL;
  GMimeMessage *message;
  GMimeObject *body;
  GMimePart *attachment = NULL;
  gboolean bcc_in_envelope = FALSE;

  start_server (f, NULL);
  add_account (f, USER, PASSWORD, "starttls", f->server->port);

  run = mj_test_run_cli (NULL, "send", "--account", f->account,
                         "--to", "Cliente <bob@example.test>", "--cc", "carol@example.test",
                         "--bcc", "dave@example.test", "--subject", SUBJECT,
                         "--body", "Adjunto la factura.\nUn saludo, José", "--transcript",
                         f->pdf, NULL);
  g_assert_cmpint (run->status, ==, 0);
  /* The server's final reply is the proof of sending. */
  g_assert_true (g_str_has_prefix (run->out, "250 2.0.0 OK queued as "));
  /* The transcript is there, with the login hidden. */
  g_assert_nonnull (strstr (run->err, "C: AUTH PLAIN"));
  g_assert_nonnull (strstr (run->err, "[redacted]"));
  assert_password_nowhere (f, run);

  messages = mj_test_smtp_server_get_messages (f->server);
  g_assert_cmpuint (messages->len, ==, 1);
  g_file_get_contents (g_ptr_array_index (messages, 0), &raw, NULL, NULL);
  headers = g_strndup (raw, (gsize) (strstr (raw, "\r\n\r\n") - raw));
  g_assert_null (strstr (headers, "dave@"));
  g_assert_null (strstr (headers, "Bcc"));

  events = mj_test_smtp_server_get_events (f->server);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *o = g_ptr_array_index (events, i);

      if (g_str_equal (json_object_get_string_member (o, "event"), "rcpt") &&
          g_str_equal (json_object_get_string_member (o, "address"), "dave@example.test"))
        bcc_in_envelope = g_str_equal (json_object_get_string_member (o, "reply"), "250");
    }
  g_assert_true (bcc_in_envelope);

  message = parse_file (g_ptr_array_index (messages, 0));
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, SUBJECT);
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (message), "@example.test"));
  g_assert_nonnull (g_mime_message_get_date (message));
  body = g_mime_message_get_mime_part (message);
  g_assert_true (GMIME_IS_MULTIPART (body));
  for (int i = 0; i < g_mime_multipart_get_count (GMIME_MULTIPART (body)); i++)
    {
      GMimeObject *part = g_mime_multipart_get_part (GMIME_MULTIPART (body), i);

      if (GMIME_IS_PART (part) && g_mime_part_is_attachment (GMIME_PART (part)))
        attachment = GMIME_PART (part);
    }
  g_assert_nonnull (attachment);
  g_assert_cmpstr (g_mime_part_get_filename (attachment), ==, FILENAME);
  g_assert_cmpstr (g_mime_content_type_get_mime_type (g_mime_object_get_content_type (GMIME_OBJECT (attachment))),
                   ==, "application/pdf");
  {
    g_autoptr(GBytes) content = decoded_content (attachment);

    g_assert_true (g_bytes_equal (content, f->pdf_bytes));
  }
  g_object_unref (message);
}

static void
test_no_starttls_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;

  start_server (f, "--no-starttls", NULL);
  add_account (f, USER, PASSWORD, "starttls", f->server->port);
  run = send_to (f, "bob@example.test");

  g_assert_cmpint (run->status, ==, 4);
  g_assert_nonnull (strstr (run->err, "STARTTLS"));
  /* The server saw a connection, and never an AUTH or a MAIL. */
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "connect", NULL), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", NULL), ==, 0);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "mail", NULL), ==, 0);
  g_assert_null (strstr (run->err, "C: AUTH"));
  assert_password_nowhere (f, run);
}

static void
test_untrusted_certificate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;
  const MjTestCerts *c = mj_test_certs_get ();

  start_server (f, "--cert", c->untrusted_cert_file, "--key", c->untrusted_key_file, NULL);
  add_account (f, USER, PASSWORD, "starttls", f->server->port);
  run = send_to (f, "bob@example.test");

  g_assert_cmpint (run->status, ==, 4);
  g_assert_nonnull (strstr (run->err, "certificate"));
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", NULL), ==, 0);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "tls", "ok"), ==, 0);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;

  start_server (f, NULL);
  add_account (f, USER, "not-the-password", "starttls", f->server->port);
  run = send_to (f, "bob@example.test");

  g_assert_cmpint (run->status, ==, 5);
  g_assert_nonnull (strstr (run->err, "535 5.7.8"));
  g_assert_null (strstr (run->err, "not-the-password"));
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", "fail"), ==, 1);
}

static void
test_tenant_disabled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;

  start_server (f, NULL);
  add_account (f, "disabled@example.test", PASSWORD, "starttls", f->server->port);
  run = send_to (f, "bob@example.test");

  g_assert_cmpint (run->status, ==, 5);
  g_assert_nonnull (strstr (run->err, "5.7.139"));
}

static void
test_recipient_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;

  start_server (f, NULL);
  add_account (f, USER, PASSWORD, "starttls", f->server->port);
  run = send_to (f, "nouser@example.test");

  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "550 5.1.1"));
  g_assert_cmpuint (mj_test_smtp_server_get_messages (f->server)->len, ==, 0);
}

static void
test_temporary_failure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MjTestRun) first = NULL;
  g_autoptr(MjTestRun) retry = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  start_server (f, NULL);
  add_account (f, USER, PASSWORD, "starttls", f->server->port);
  first = mj_test_run_cli (NULL, "send", "--account", f->account, "--to", "tempfail@example.test",
                           "--message-id", "retry-42@example.test", f->pdf, NULL);
  g_assert_cmpint (first->status, ==, 3);
  g_assert_nonnull (strstr (first->err, "451 4.7.500"));

  /* A retry with the same Message-ID goes through. */
  retry = mj_test_run_cli (NULL, "send", "--account", f->account, "--to", "tempfail@example.test",
                           "--message-id", "retry-42@example.test", f->pdf, NULL);
  g_assert_cmpint (retry->status, ==, 0);
  messages = mj_test_smtp_server_get_messages (f->server);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_dropped_mid_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;

  start_server (f, NULL);
  add_account (f, USER, PASSWORD, "starttls", f->server->port);
  run = send_to (f, "drop421@example.test");

  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "drop", NULL), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_get_messages (f->server)->len, ==, 0);
}

static void
test_implicit_tls (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;

  start_server (f, "--smtps-port", "0", NULL);
  add_account (f, USER, PASSWORD, "tls", f->server->smtps_port);
  run = send_to (f, "bob@example.test");

  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "250 "));
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "tls", "ok"), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_get_messages (f->server)->len, ==, 1);
  assert_password_nowhere (f, run);
}

static MjAccount *
make_account (Fixture *f,
              guint    port)
{
  MjAccount *account = mj_account_new (f->account, USER);

  mj_account_set_display_name (account, "Fontanería Pérez");
  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_port (account, port);
  mj_account_set_ca_file (account, mj_test_certs_get ()->ca_file);
  return account;
}

static MjMessage *
make_message (Fixture    *f,
              const char *to)
{
  g_autoptr(GError) error = NULL;
  MjMessage *message = mj_message_new ();

  g_assert_true (mj_message_set_from (message, "Fontanería Pérez", USER, &error));
  g_assert_true (mj_message_add_to (message, to, &error));
  g_assert_true (mj_message_set_subject (message, SUBJECT, &error));
  g_assert_true (mj_message_add_attachment_file (message, f->pdf, NULL, &error));
  g_assert_no_error (error);
  return message;
}

static void
send_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MjSmtpResult **out = user_data;

  *out = mj_sender_send_finish (MJ_SENDER (source), result, NULL);
}

static void
test_batch_one_connection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSender) sender = NULL;
  g_autoptr(MjMessage) first = NULL;
  g_autoptr(MjMessage) second = NULL;
  g_autoptr(MjSmtpResult) r1 = NULL;
  MjSmtpResult *r2 = NULL;

  start_server (f, NULL);
  g_assert_true (mj_secret_store_store_sync (f->account, MJ_SECRET_KIND_PASSWORD, PASSWORD, NULL, &error));
  g_assert_no_error (error);

  account = make_account (f, f->server->port);
  sender = mj_sender_new (account);
  first = make_message (f, "bob@example.test");
  second = make_message (f, "carol@example.test");

  r1 = mj_sender_send_sync (sender, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r1->step, ==, MJ_SMTP_STEP_DONE);
  g_assert_true (r1->new_connection);
  g_assert_cmpuint (r1->reply->code, ==, 250);
  g_assert_cmpstr (r1->reply->enhanced, ==, "2.0.0");
  g_assert_cmpstr (r1->tls_version, ==, "TLSv1.3");
  g_assert_nonnull (r1->tls_cipher);
  g_assert_cmpstr (r1->message_id, ==, mj_message_get_message_id (first));
  g_assert_null (strstr (r1->transcript, PASSWORD));

  /* The second goes through the same connection, asynchronously. */
  mj_sender_send_async (sender, second, NULL, send_done, &r2);
  while (r2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r2->error);
  g_assert_false (r2->new_connection);
  g_assert_cmpuint (r2->reply->code, ==, 250);
  g_assert_null (strstr (r2->transcript, "AUTH"));
  mj_smtp_result_free (r2);

  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "connect", NULL), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "tls", "ok"), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", "ok"), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "message", NULL), ==, 2);
}

static void
test_xoauth2_forced (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjCredentials) good = mj_credentials_new_bearer (USER, "ya29.good-token");
  g_autoptr(MjCredentials) bad = mj_credentials_new_bearer (USER, "ya29.stale-token");
  g_autoptr(MjMessage) message = NULL;
  g_autoptr(MjSmtpResult) ok = NULL;
  g_autoptr(MjSmtpResult) refused = NULL;
  g_autoptr(GPtrArray) events = NULL;

  start_server (f, "--token", "ya29.good-token", NULL);
  account = make_account (f, f->server->port);
  mj_account_set_auth (account, MJ_AUTH_OAUTH2);
  client = mj_smtp_client_new (account);
  message = make_message (f, "bob@example.test");

  mj_smtp_client_set_credentials (client, bad);
  refused = mj_smtp_client_send_sync (client, message, NULL, &error);
  g_assert_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpint (refused->step, ==, MJ_SMTP_STEP_AUTH);
  g_assert_cmpuint (refused->reply->code, ==, 535);
  g_assert_cmpstr (refused->reply->enhanced, ==, "5.7.3");
  g_assert_null (strstr (refused->transcript, "ya29.stale-token"));

  mj_smtp_client_set_credentials (client, good);
  ok = mj_smtp_client_send_sync (client, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->reply->code, ==, 250);
  g_assert_null (strstr (ok->transcript, "ya29.good-token"));

  /* Both attempts used XOAUTH2, never a fallback. */
  events = mj_test_smtp_server_get_events (f->server);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *o = g_ptr_array_index (events, i);

      if (g_str_equal (json_object_get_string_member (o, "event"), "auth"))
        g_assert_cmpstr (json_object_get_string_member (o, "mechanism"), ==, "XOAUTH2");
    }
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", NULL), ==, 2);
}

static void
test_probe (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjCredentials) credentials = mj_credentials_new_password (USER, PASSWORD);
  g_autoptr(MjSmtpProbeResult) probe = NULL;
  const MjSmtpStep expected[] = {
    MJ_SMTP_STEP_CONNECT, MJ_SMTP_STEP_GREETING, MJ_SMTP_STEP_EHLO, MJ_SMTP_STEP_STARTTLS,
    MJ_SMTP_STEP_TLS, MJ_SMTP_STEP_AUTH, MJ_SMTP_STEP_MAIL, MJ_SMTP_STEP_RCPT,
  };

  start_server (f, NULL);
  account = make_account (f, f->server->port);
  client = mj_smtp_client_new (account);
  mj_smtp_client_set_credentials (client, credentials);

  probe = mj_smtp_client_probe_sync (client, MJ_SMTP_PROBE_MAIL_FROM, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (probe->failed_step, ==, MJ_SMTP_STEP_DONE);
  g_assert_cmpuint (probe->steps->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MjSmtpProbeStep *step = g_ptr_array_index (probe->steps, i);

      g_assert_cmpint (step->step, ==, expected[i]);
      g_assert_true (step->ok);
    }
  g_assert_cmpuint (mj_smtp_probe_result_get_step (probe, MJ_SMTP_STEP_GREETING)->reply->code, ==, 220);
  g_assert_cmpuint (mj_smtp_probe_result_get_step (probe, MJ_SMTP_STEP_AUTH)->reply->code, ==, 235);
  g_assert_true (g_strv_contains ((const char * const *) probe->capabilities_plain, "STARTTLS"));
  g_assert_true (g_str_has_prefix (probe->capabilities[0], "SIZE") ||
                 g_strv_length (probe->capabilities) > 1);
  g_assert_cmpstr (probe->tls_version, ==, "TLSv1.3");
  g_assert_cmpuint (probe->peer_certificates->len, >=, 1);
  g_assert_cmpint (probe->verify_result, ==, 0);
  g_assert_null (strstr (probe->transcript, PASSWORD));
  /* Nothing was delivered. */
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "message", NULL), ==, 0);
}

/* Each step's time is its own: a slow greeting shows in the greeting step,
 * and no step takes longer than the whole probe. */
static void
test_probe_step_times (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjSmtpProbeResult) probe = NULL;
  gint64 start, total_us, sum_us = 0;

  start_server (f, "--slow-greeting", "0.6", NULL);
  account = make_account (f, f->server->port);
  client = mj_smtp_client_new (account);

  start = g_get_monotonic_time ();
  probe = mj_smtp_client_probe_sync (client, MJ_SMTP_PROBE_NONE, NULL, &error);
  total_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  for (guint i = 0; i < probe->steps->len; i++)
    {
      MjSmtpProbeStep *step = g_ptr_array_index (probe->steps, i);

      g_assert_cmpint (step->duration_us, >=, 0);
      g_assert_cmpint (step->duration_us, <=, total_us);
      sum_us += step->duration_us;
    }
  g_assert_cmpint (sum_us, <=, total_us);
  g_assert_cmpint (mj_smtp_probe_result_get_step (probe, MJ_SMTP_STEP_GREETING)->duration_us, >=,
                   G_USEC_PER_SEC / 2);
  g_assert_cmpint (mj_smtp_probe_result_get_step (probe, MJ_SMTP_STEP_CONNECT)->duration_us, <,
                   G_USEC_PER_SEC / 2);
}

static void
test_probe_untrusted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjSmtpProbeResult) probe = NULL;
  const MjTestCerts *c = mj_test_certs_get ();

  start_server (f, "--cert", c->untrusted_cert_file, "--key", c->untrusted_key_file, NULL);
  account = make_account (f, f->server->port);
  client = mj_smtp_client_new (account);

  probe = mj_smtp_client_probe_sync (client, MJ_SMTP_PROBE_NONE, NULL, &error);
  g_assert_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS);
  g_assert_cmpint (probe->failed_step, ==, MJ_SMTP_STEP_TLS);
  g_assert_false (mj_smtp_probe_result_get_step (probe, MJ_SMTP_STEP_TLS)->ok);
  g_assert_true (mj_smtp_probe_result_get_step (probe, MJ_SMTP_STEP_STARTTLS)->ok);
  /* The refused certificate is still there to be described. */
  g_assert_cmpuint (probe->peer_certificates->len, ==, 1);
  g_assert_cmpint (probe->verify_result, !=, 0);
  g_assert_nonnull (probe->verify_message);
}

static void
test_connect_timeout (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjMessage) message = NULL;
  g_autoptr(MjSmtpResult) result = NULL;
  g_autoptr(MjCredentials) credentials = mj_credentials_new_password (USER, PASSWORD);
  gint64 start;

  start_server (f, "--slow-greeting", "10", NULL);
  account = make_account (f, f->server->port);
  client = mj_smtp_client_new (account);
  mj_smtp_client_set_credentials (client, credentials);
  mj_smtp_client_set_timeouts (client, 1, 1);
  message = make_message (f, "bob@example.test");

  start = g_get_monotonic_time ();
  result = mj_smtp_client_send_sync (client, message, NULL, &error);
  g_assert_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (result->step, ==, MJ_SMTP_STEP_GREETING);
}

static gboolean
cancel_soon (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
client_send_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MjSmtpResult **out = user_data;

  *out = mj_smtp_client_send_finish (MJ_SMTP_CLIENT (source), result, NULL);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MjAccount) account = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjMessage) message = NULL;
  g_autoptr(MjCredentials) credentials = mj_credentials_new_password (USER, PASSWORD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MjSmtpResult *result = NULL;
  gint64 start;

  start_server (f, "--slow-greeting", "10", NULL);
  account = make_account (f, f->server->port);
  client = mj_smtp_client_new (account);
  mj_smtp_client_set_credentials (client, credentials);
  message = make_message (f, "bob@example.test");

  g_timeout_add (300, cancel_soon, cancellable);
  start = g_get_monotonic_time ();
  mj_smtp_client_send_async (client, message, cancellable, client_send_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "mail", NULL), ==, 0);
  mj_smtp_result_free (result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/send/invoice-arrives-intact", test_invoice_arrives_intact);
  ADD ("/send/no-starttls-refused", test_no_starttls_refused);
  ADD ("/send/untrusted-certificate", test_untrusted_certificate);
  ADD ("/send/wrong-password", test_wrong_password);
  ADD ("/send/tenant-disabled", test_tenant_disabled);
  ADD ("/send/recipient-refused", test_recipient_refused);
  ADD ("/send/temporary-failure", test_temporary_failure);
  ADD ("/send/dropped-mid-data", test_dropped_mid_data);
  ADD ("/send/implicit-tls", test_implicit_tls);
  ADD ("/send/batch-one-connection", test_batch_one_connection);
  ADD ("/send/xoauth2-forced", test_xoauth2_forced);
  ADD ("/send/probe", test_probe);
  ADD ("/send/probe-step-times", test_probe_step_times);
  ADD ("/send/probe-untrusted", test_probe_untrusted);
  ADD ("/send/connect-timeout", test_connect_timeout);
  ADD ("/send/cancel", test_cancel);

#undef ADD

  return g_test_run ();
}
