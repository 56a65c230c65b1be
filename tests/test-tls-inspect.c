/* mj-tls-inspect against the loopback SMTP server's certificates
 * (tests/servers/make-certs.sh): STARTTLS and implicit TLS handshakes,
 * trust, host match, expiry, and the PEM/DER entry points. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "mj-error.h"
#include "mj-test-utils.h"
#include "mj-tls-inspect.h"

static void
assert_good_server_cert (const MjTlsInfo *info)
{
  g_assert_true (info->verified);
  g_assert_cmpint (info->verify_code, ==, MJ_TLS_VERIFY_OK);
  g_assert_true (info->host_matches);
  g_assert_cmpstr (info->subject, ==, "CN=localhost");
  g_assert_cmpstr (info->issuer, ==, "CN=Mensajero Test CA");
  g_assert_nonnull (strstr (info->subject_alt_names, "localhost"));
  g_assert_nonnull (strstr (info->subject_alt_names, "127.0.0.1"));
  g_assert_false (mj_tls_info_is_expired (info, NULL));
  g_assert_nonnull (info->not_after);
}

static void
test_starttls (void)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_startv (NULL);
  g_autoptr(MjTlsInfo) info = NULL;
  g_autoptr(MjTlsInfo) untrusted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) future = g_date_time_new_utc (2100, 1, 1, 0, 0, 0);
  g_autofree char *text = NULL;

  info = mj_tls_inspect_sync ("127.0.0.1", server->port, TRUE, certs->ca_file, 5, NULL, &error);
  g_assert_no_error (error);
  assert_good_server_cert (info);
  g_assert_true (g_str_has_prefix (info->protocol, "TLSv1."));
  g_assert_cmpint (info->protocol_version, >=, 0x0303);
  g_assert_false (mj_tls_info_is_weak_protocol (info));
  g_assert_nonnull (info->cipher);
  g_assert_true (mj_tls_info_is_expired (info, future));
  text = mj_tls_info_to_string (info);
  g_assert_nonnull (strstr (text, "issued by CN=Mensajero Test CA"));
  g_assert_null (strstr (text, "not trusted"));

  /* Without the test CA the system store does not know the issuer. */
  untrusted = mj_tls_inspect_sync ("127.0.0.1", server->port, TRUE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (untrusted->verified);
  g_assert_cmpint (untrusted->verify_code, !=, MJ_TLS_VERIFY_OK);
  g_assert_nonnull (untrusted->verify_error);
}

static void
test_implicit_tls (void)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--smtps-port", "0", NULL);
  g_autoptr(MjTlsInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (server->smtps_port, !=, 0);
  info = mj_tls_inspect_sync ("localhost", server->smtps_port, FALSE, certs->ca_file, 5, NULL,
                              &error);
  g_assert_no_error (error);
  assert_good_server_cert (info);
}

static void
test_self_signed (void)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autoptr(MjTestSmtpServer) server =
    mj_test_smtp_server_start ("--cert", certs->untrusted_cert_file,
                               "--key", certs->untrusted_key_file, NULL);
  g_autoptr(MjTlsInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = mj_tls_inspect_sync ("127.0.0.1", server->port, TRUE, certs->ca_file, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (info->verified);
  /* X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT */
  g_assert_cmpint (info->verify_code, ==, 18);
  g_assert_true (info->host_matches);
  g_assert_cmpstr (info->issuer, ==, info->subject);
}

static void
test_no_starttls_and_closed (void)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autoptr(MjTestSmtpServer) server = mj_test_smtp_server_start ("--no-starttls", NULL);
  g_autoptr(MjTlsInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint port = server->port;

  info = mj_tls_inspect_sync ("127.0.0.1", port, TRUE, certs->ca_file, 5, NULL, &error);
  g_assert_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS);
  g_assert_null (info);
  g_clear_error (&error);

  g_clear_pointer (&server, mj_test_smtp_server_stop);
  info = mj_tls_inspect_sync ("127.0.0.1", port, TRUE, certs->ca_file, 5, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (info);
}

static void
test_pem_and_der (void)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autofree char *pem = NULL;
  g_autofree char *untrusted_pem = NULL;
  g_autoptr(MjTlsInfo) info = NULL;
  g_autoptr(MjTlsInfo) other_host = NULL;
  g_autoptr(MjTlsInfo) self_signed = NULL;
  g_autoptr(MjTlsInfo) from_der = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (certs->cert_file, &pem, NULL, NULL));
  g_assert_true (g_file_get_contents (certs->untrusted_cert_file, &untrusted_pem, NULL, NULL));

  info = mj_tls_inspect_pem (pem, "localhost", certs->ca_file, &error);
  g_assert_no_error (error);
  assert_good_server_cert (info);
  g_assert_null (info->protocol);

  other_host = mj_tls_inspect_pem (pem, "smtp.office365.com", certs->ca_file, &error);
  g_assert_no_error (error);
  g_assert_true (other_host->verified);
  g_assert_false (other_host->host_matches);

  self_signed = mj_tls_inspect_pem (untrusted_pem, "127.0.0.1", certs->ca_file, &error);
  g_assert_no_error (error);
  g_assert_false (self_signed->verified);
  g_assert_true (self_signed->host_matches);

  cert = g_tls_certificate_new_from_file (certs->cert_file, &error);
  g_assert_no_error (error);
  g_object_get (cert, "certificate", &der, NULL);
  g_ptr_array_add (chain, g_bytes_new (der->data, der->len));
  from_der = mj_tls_inspect_der_chain (chain, "127.0.0.1", certs->ca_file, &error);
  g_assert_no_error (error);
  assert_good_server_cert (from_der);

  g_assert_null (mj_tls_inspect_pem ("not a certificate", "localhost", NULL, &error));
  g_assert_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS);

  g_assert_cmpint (mj_tls_protocol_version_from_string ("TLSv1.1"), <, 0x0303);
  g_assert_cmpint (mj_tls_protocol_version_from_string ("TLSv1.3"), ==, 0x0304);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/tls-inspect/starttls", test_starttls);
  g_test_add_func ("/mj/tls-inspect/implicit-tls", test_implicit_tls);
  g_test_add_func ("/mj/tls-inspect/self-signed", test_self_signed);
  g_test_add_func ("/mj/tls-inspect/no-starttls-and-closed", test_no_starttls_and_closed);
  g_test_add_func ("/mj/tls-inspect/pem-and-der", test_pem_and_der);

  return g_test_run ();
}
