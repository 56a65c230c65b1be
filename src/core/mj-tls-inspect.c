#define G_LOG_DOMAIN "mj-tls-inspect"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <glib/gi18n.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-tls-inspect.h"

/*
 * The diagnostics describe the TLS session in more detail than libcurl
 * reports (issuer, expiry, host match, why the chain is not trusted), so
 * this file opens its own short session with OpenSSL. Nothing is sent over
 * it: after the handshake it says QUIT and closes.
 */

G_DEFINE_BOXED_TYPE (MjTlsInfo, mj_tls_info, mj_tls_info_copy, mj_tls_info_free)

MjTlsInfo *
mj_tls_info_copy (const MjTlsInfo *info)
{
  MjTlsInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (MjTlsInfo, 1);
  copy->protocol = g_strdup (info->protocol);
  copy->protocol_version = info->protocol_version;
  copy->cipher = g_strdup (info->cipher);
  copy->subject = g_strdup (info->subject);
  copy->issuer = g_strdup (info->issuer);
  copy->subject_alt_names = g_strdup (info->subject_alt_names);
  copy->not_before = info->not_before ? g_date_time_ref (info->not_before) : NULL;
  copy->not_after = info->not_after ? g_date_time_ref (info->not_after) : NULL;
  copy->host_matches = info->host_matches;
  copy->verified = info->verified;
  copy->verify_code = info->verify_code;
  copy->verify_error = g_strdup (info->verify_error);
  return copy;
}

void
mj_tls_info_free (MjTlsInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->protocol);
  g_free (info->cipher);
  g_free (info->subject);
  g_free (info->issuer);
  g_free (info->subject_alt_names);
  g_clear_pointer (&info->not_before, g_date_time_unref);
  g_clear_pointer (&info->not_after, g_date_time_unref);
  g_free (info->verify_error);
  g_free (info);
}

gboolean
mj_tls_info_is_weak_protocol (const MjTlsInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->protocol_version != 0 && info->protocol_version < TLS1_2_VERSION;
}

gboolean
mj_tls_info_is_expired (const MjTlsInfo *info,
                        GDateTime       *now)
{
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  if (info->not_after != NULL && g_date_time_compare (current, info->not_after) > 0)
    return TRUE;
  if (info->not_before != NULL && g_date_time_compare (current, info->not_before) < 0)
    return TRUE;
  return FALSE;
}

char *
mj_tls_info_to_string (const MjTlsInfo *info)
{
  GString *s;

  g_return_val_if_fail (info != NULL, NULL);

  s = g_string_new (NULL);
  if (info->protocol != NULL)
    g_string_append_printf (s, "%s, %s; ", info->protocol,
                            info->cipher ? info->cipher : "?");
  g_string_append_printf (s, "%s issued by %s",
                          info->subject ? info->subject : "?",
                          info->issuer ? info->issuer : "?");
  if (info->not_after != NULL)
    {
      g_autofree char *date = g_date_time_format (info->not_after, "%Y-%m-%d");

      g_string_append_printf (s, "; valid until %s", date);
    }
  if (!info->verified)
    g_string_append_printf (s, "; not trusted: %s",
                            info->verify_error ? info->verify_error : "?");
  if (!info->host_matches)
    g_string_append (s, "; the certificate is for another host");
  return g_string_free (s, FALSE);
}

static char *
name_to_string (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *result;

  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  len = BIO_get_mem_data (bio, &data);
  result = g_strndup (data, len);
  BIO_free (bio);
  return result;
}

static GDateTime *
asn1_time_to_date_time (const ASN1_TIME *time)
{
  struct tm tm;

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static char *
alt_names_to_string (X509 *cert)
{
  GENERAL_NAMES *names = X509_get_ext_d2i (cert, NID_subject_alt_name, NULL, NULL);
  GString *s;

  if (names == NULL)
    return NULL;

  s = g_string_new (NULL);
  for (int i = 0; i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *gn = sk_GENERAL_NAME_value (names, i);

      if (gn->type == GEN_DNS)
        {
          const unsigned char *str = ASN1_STRING_get0_data (gn->d.dNSName);

          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append_len (s, (const char *) str, ASN1_STRING_length (gn->d.dNSName));
        }
      else if (gn->type == GEN_IPADD)
        {
          const unsigned char *ip = ASN1_STRING_get0_data (gn->d.iPAddress);
          int len = ASN1_STRING_length (gn->d.iPAddress);
          g_autoptr(GInetAddress) addr = NULL;

          if (len == 4)
            addr = g_inet_address_new_from_bytes (ip, G_SOCKET_FAMILY_IPV4);
          else if (len == 16)
            addr = g_inet_address_new_from_bytes (ip, G_SOCKET_FAMILY_IPV6);
          if (addr != NULL)
            {
              g_autofree char *text = g_inet_address_to_string (addr);

              if (s->len > 0)
                g_string_append (s, ", ");
              g_string_append (s, text);
            }
        }
    }
  GENERAL_NAMES_free (names);
  return g_string_free (s, s->len == 0);
}

static gboolean
host_matches (X509       *cert,
              const char *host)
{
  if (g_hostname_is_ip_address (host))
    return X509_check_ip_asc (cert, host, 0) == 1;
  return X509_check_host (cert, host, 0, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) == 1;
}

/* Fills the certificate fields of @info from @cert. */
static void
describe_certificate (MjTlsInfo  *info,
                      X509       *cert,
                      const char *host)
{
  info->subject = name_to_string (X509_get_subject_name (cert));
  info->issuer = name_to_string (X509_get_issuer_name (cert));
  info->subject_alt_names = alt_names_to_string (cert);
  info->not_before = asn1_time_to_date_time (X509_get0_notBefore (cert));
  info->not_after = asn1_time_to_date_time (X509_get0_notAfter (cert));
  info->host_matches = host_matches (cert, host);
}

static void
set_verify_result (MjTlsInfo *info,
                   long       code)
{
  info->verify_code = code;
  info->verified = (code == X509_V_OK);
  info->verify_error = g_strdup (X509_verify_cert_error_string (code));
}

static SSL_CTX *
make_context (const char  *ca_file,
              GError     **error)
{
  SSL_CTX *ctx = SSL_CTX_new (TLS_client_method ());

  if (ctx == NULL)
    {
      g_set_error_literal (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS, "SSL_CTX_new failed");
      return NULL;
    }
  SSL_CTX_set_default_verify_paths (ctx);
  if (ca_file != NULL && ca_file[0] != '\0' &&
      SSL_CTX_load_verify_locations (ctx, ca_file, NULL) != 1)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("The CA file “%s” cannot be read"), ca_file);
      SSL_CTX_free (ctx);
      return NULL;
    }
  /* Inspection only: accept old protocols and weak keys so that they can
   * be reported instead of ending in an opaque handshake failure. */
  SSL_CTX_set_security_level (ctx, 0);
  SSL_CTX_set_min_proto_version (ctx, TLS1_VERSION);
  SSL_CTX_set_verify (ctx, SSL_VERIFY_NONE, NULL);
  return ctx;
}

/* Describes @cert and verifies it with @chain as untrusted intermediates. */
static MjTlsInfo *
inspect_certificates (X509            *cert,
                      STACK_OF (X509) *chain,
                      const char      *host,
                      const char      *ca_file,
                      GError         **error)
{
  g_autoptr(MjTlsInfo) info = NULL;
  SSL_CTX *ctx;
  X509_STORE_CTX *store_ctx;

  ctx = make_context (ca_file, error);
  if (ctx == NULL)
    return NULL;

  info = g_new0 (MjTlsInfo, 1);
  describe_certificate (info, cert, host);

  store_ctx = X509_STORE_CTX_new ();
  X509_STORE_CTX_init (store_ctx, SSL_CTX_get_cert_store (ctx), cert, chain);
  if (X509_verify_cert (store_ctx) == 1)
    set_verify_result (info, X509_V_OK);
  else
    set_verify_result (info, X509_STORE_CTX_get_error (store_ctx));
  X509_STORE_CTX_free (store_ctx);
  ERR_clear_error ();
  SSL_CTX_free (ctx);

  return g_steal_pointer (&info);
}

MjTlsInfo *
mj_tls_inspect_pem (const char  *pem,
                    const char  *host,
                    const char  *ca_file,
                    GError     **error)
{
  MjTlsInfo *info;
  BIO *bio;
  X509 *cert;
  STACK_OF (X509) *chain;
  X509 *extra;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  bio = BIO_new_mem_buf (pem, -1);
  cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  if (cert == NULL)
    {
      BIO_free (bio);
      ERR_clear_error ();
      g_set_error_literal (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                           "no PEM certificate found");
      return NULL;
    }
  chain = sk_X509_new_null ();
  while ((extra = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
    sk_X509_push (chain, extra);
  ERR_clear_error ();
  BIO_free (bio);

  info = inspect_certificates (cert, chain, host, ca_file, error);
  X509_free (cert);
  sk_X509_pop_free (chain, X509_free);
  return info;
}

MjTlsInfo *
mj_tls_inspect_der_chain (GPtrArray   *certificates,
                          const char  *host,
                          const char  *ca_file,
                          GError     **error)
{
  MjTlsInfo *info;
  X509 *cert = NULL;
  STACK_OF (X509) *chain;

  g_return_val_if_fail (certificates != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  chain = sk_X509_new_null ();
  for (guint i = 0; i < certificates->len; i++)
    {
      gsize len;
      const unsigned char *der = g_bytes_get_data (certificates->pdata[i], &len);
      X509 *x = d2i_X509 (NULL, &der, (long) len);

      if (x == NULL)
        continue;
      if (cert == NULL)
        cert = x;
      else
        sk_X509_push (chain, x);
    }
  ERR_clear_error ();
  if (cert == NULL)
    {
      sk_X509_pop_free (chain, X509_free);
      g_set_error_literal (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                           "no DER certificate found");
      return NULL;
    }

  info = inspect_certificates (cert, chain, host, ca_file, error);
  X509_free (cert);
  sk_X509_pop_free (chain, X509_free);
  return info;
}

int
mj_tls_protocol_version_from_string (const char *protocol)
{
  if (protocol == NULL)
    return 0;
  if (g_str_equal (protocol, "TLSv1.3"))
    return TLS1_3_VERSION;
  if (g_str_equal (protocol, "TLSv1.2"))
    return TLS1_2_VERSION;
  if (g_str_equal (protocol, "TLSv1.1"))
    return TLS1_1_VERSION;
  if (g_str_equal (protocol, "TLSv1") || g_str_equal (protocol, "TLSv1.0"))
    return TLS1_VERSION;
  if (g_str_has_prefix (protocol, "SSL"))
    return SSL3_VERSION;
  return 0;
}

/* --- the live handshake --- */

typedef struct {
  GSocket *socket;
  GInputStream *in;
  GOutputStream *out;
  GCancellable *cancellable;
} PlainSession;

/* Reads one complete (possibly multi-line) SMTP reply, byte by byte so that
 * nothing after it (the TLS handshake) is swallowed. */
static char *
read_reply (PlainSession  *session,
            guint         *code,
            GError       **error)
{
  GString *reply = g_string_new (NULL);
  gsize line_start = 0;

  for (;;)
    {
      char c;
      gssize n = g_input_stream_read (session->in, &c, 1, session->cancellable, error);

      if (n < 0)
        goto fail;
      if (n == 0)
        {
          g_set_error_literal (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                               M_("The server closed the connection"));
          goto fail;
        }
      g_string_append_c (reply, c);
      if (reply->len > 64 * 1024)
        {
          g_set_error_literal (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_PROTOCOL,
                               "reply too long");
          goto fail;
        }
      if (c == '\n')
        {
          const char *line = reply->str + line_start;
          gsize len = reply->len - line_start;

          if (len >= 4 && g_ascii_isdigit (line[0]) && g_ascii_isdigit (line[1]) &&
              g_ascii_isdigit (line[2]) && line[3] != '-')
            {
              *code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
              return g_string_free (reply, FALSE);
            }
          line_start = reply->len;
        }
    }

fail:
  g_string_free (reply, TRUE);
  return NULL;
}

static gboolean
send_command (PlainSession  *session,
              const char    *command,
              GError       **error)
{
  g_autofree char *line = g_strconcat (command, "\r\n", NULL);

  return g_output_stream_write_all (session->out, line, strlen (line), NULL,
                                    session->cancellable, error);
}

static gboolean
expect (PlainSession  *session,
        const char    *command,
        guint          wanted,
        GError       **error)
{
  g_autofree char *reply = NULL;
  guint code = 0;

  if (command != NULL && !send_command (session, command, error))
    return FALSE;
  reply = read_reply (session, &code, error);
  if (reply == NULL)
    return FALSE;
  if (code / 100 != wanted / 100)
    {
      g_strchomp (reply);
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                   M_("The server answered “%s” instead of accepting STARTTLS"), reply);
      return FALSE;
    }
  return TRUE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  int fd = GPOINTER_TO_INT (user_data);

  /* Wakes up a blocking SSL_connect() in the worker thread. */
  shutdown (fd, SHUT_RDWR);
}

MjTlsInfo *
mj_tls_inspect_sync (const char    *host,
                     guint          port,
                     gboolean       starttls,
                     const char    *ca_file,
                     guint          timeout_seconds,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(MjTlsInfo) info = NULL;
  PlainSession session = { 0 };
  SSL_CTX *ctx = NULL;
  SSL *ssl = NULL;
  X509 *cert = NULL;
  struct timeval tv;
  gulong cancel_id = 0;
  int fd, flags, rc;

  g_return_val_if_fail (host != NULL, NULL);

  if (timeout_seconds == 0)
    timeout_seconds = 30;

  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, timeout_seconds);
  /* Straight to the mail server, as the SMTP client connects. */
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, host, port, cancellable, error);
  if (connection == NULL)
    return NULL;

  session.socket = g_socket_connection_get_socket (connection);
  session.in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  session.out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  session.cancellable = cancellable;

  if (starttls)
    {
      g_autofree char *ehlo = g_strdup_printf ("EHLO %s", "mensajero.localdomain");

      if (!expect (&session, NULL, 220, error) ||
          !expect (&session, ehlo, 250, error) ||
          !expect (&session, "STARTTLS", 220, error))
        return NULL;
    }

  ctx = make_context (ca_file, error);
  if (ctx == NULL)
    return NULL;

  /* GSocket keeps its descriptor non-blocking; OpenSSL gets it blocking,
   * bounded by kernel timeouts. */
  fd = g_socket_get_fd (session.socket);
  flags = fcntl (fd, F_GETFL);
  fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  tv.tv_sec = timeout_seconds;
  tv.tv_usec = 0;
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

  ssl = SSL_new (ctx);
  SSL_set_fd (ssl, fd);
  if (!g_hostname_is_ip_address (host))
    SSL_set_tlsext_host_name (ssl, host);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                       GINT_TO_POINTER (fd), NULL);
  rc = SSL_connect (ssl);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (rc != 1)
    {
      unsigned long err = ERR_peek_last_error ();
      char buf[256] = "";

      if (err != 0)
        ERR_error_string_n (err, buf, sizeof buf);
      else if (errno == EAGAIN || errno == EWOULDBLOCK)
        g_strlcpy (buf, "timed out", sizeof buf);
      else
        g_strlcpy (buf, g_strerror (errno), sizeof buf);
      ERR_clear_error ();
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                   M_("The encrypted connection could not be set up: %s"), buf);
      goto out;
    }

  info = g_new0 (MjTlsInfo, 1);
  info->protocol = g_strdup (SSL_get_version (ssl));
  info->protocol_version = SSL_version (ssl);
  info->cipher = g_strdup (SSL_get_cipher_name (ssl));
  cert = SSL_get1_peer_certificate (ssl);
  if (cert == NULL)
    {
      g_set_error_literal (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                           M_("The server sent no certificate"));
      g_clear_pointer (&info, mj_tls_info_free);
      goto out;
    }
  describe_certificate (info, cert, host);
  set_verify_result (info, SSL_get_verify_result (ssl));

  /* Be polite: the server sees a normal end of session. */
  SSL_write (ssl, "QUIT\r\n", 6);
  SSL_shutdown (ssl);

out:
  if (cert != NULL)
    X509_free (cert);
  if (ssl != NULL)
    SSL_free (ssl);
  SSL_CTX_free (ctx);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return g_steal_pointer (&info);
}
