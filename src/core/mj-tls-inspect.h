#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MjTlsInfo:
 * @protocol: (nullable): the negotiated protocol ("TLSv1.3"), NULL when only
 *   a certificate was inspected
 * @protocol_version: the OpenSSL version number (0x0304 for TLS 1.3), or 0
 * @cipher: (nullable): the negotiated cipher suite
 * @subject: the server certificate's subject (RFC 2253 form)
 * @issuer: the issuer of the server certificate
 * @subject_alt_names: (nullable): the DNS and IP names the certificate is
 *   for, comma separated
 * @not_before: start of validity (UTC)
 * @not_after: end of validity (UTC)
 * @host_matches: the certificate names the host we connected to
 * @verified: the chain leads to a trusted CA (system store plus the
 *   account's CA file)
 * @verify_code: the OpenSSL X509_V_* code (0 = fine)
 * @verify_error: the OpenSSL text of @verify_code
 *
 * What the diagnostics learned about the TLS session of a submission server.
 */
typedef struct {
  char *protocol;
  int protocol_version;
  char *cipher;
  char *subject;
  char *issuer;
  char *subject_alt_names;
  GDateTime *not_before;
  GDateTime *not_after;
  gboolean host_matches;
  gboolean verified;
  long verify_code;
  char *verify_error;
} MjTlsInfo;

/* Values of MjTlsInfo.verify_code that the explanations single out; they
 * are OpenSSL's X509_V_ERR_* numbers, repeated here so that callers do not
 * need OpenSSL headers (widgets never include OpenSSL). */
#define MJ_TLS_VERIFY_OK                   0
#define MJ_TLS_VERIFY_CERT_NOT_YET_VALID   9
#define MJ_TLS_VERIFY_CERT_HAS_EXPIRED    10

#define MJ_TYPE_TLS_INFO (mj_tls_info_get_type ())

GType       mj_tls_info_get_type        (void) G_GNUC_CONST;
MjTlsInfo  *mj_tls_info_copy            (const MjTlsInfo *info);
void        mj_tls_info_free            (MjTlsInfo       *info);

/* Below TLS 1.2, which Microsoft and most providers refuse. */
gboolean    mj_tls_info_is_weak_protocol (const MjTlsInfo *info);
/* The certificate's validity does not include @now (NULL = now). */
gboolean    mj_tls_info_is_expired       (const MjTlsInfo *info,
                                          GDateTime       *now);
/* One line of English for the detail column:
 * "TLSv1.3, TLS_AES_256_GCM_SHA384; CN=localhost issued by CN=Test CA;
 *  valid until 2036-11-20" */
char       *mj_tls_info_to_string        (const MjTlsInfo *info);

/**
 * mj_tls_inspect_sync:
 * @host: the submission server
 * @port: its port
 * @starttls: %TRUE to read the greeting, send EHLO and STARTTLS first
 *   (port 587); %FALSE for implicit TLS (port 465)
 * @ca_file: (nullable): an extra trusted CA (PEM)
 * @timeout_seconds: limit for connecting and for each read (0 = 30 s)
 *
 * Connects with OpenSSL, completes a handshake whatever the certificate
 * (so an untrusted or expired one can be described, no data is sent over
 * it) and reports version, cipher, certificate, expiry and host match.
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the facts, or %NULL with @error set
 *   (%MJ_SMTP_ERROR_CONNECT when the server cannot be reached,
 *   %MJ_SMTP_ERROR_TLS when STARTTLS is refused or no handshake happens,
 *   %G_IO_ERROR_CANCELLED).
 */
MjTlsInfo  *mj_tls_inspect_sync          (const char      *host,
                                          guint            port,
                                          gboolean         starttls,
                                          const char      *ca_file,
                                          guint            timeout_seconds,
                                          GCancellable    *cancellable,
                                          GError         **error);

/**
 * mj_tls_inspect_pem:
 * @pem: one or more PEM certificates, the server's first
 * @host: the name the certificate must match
 * @ca_file: (nullable): an extra trusted CA (PEM)
 *
 * The certificate part of mj_tls_inspect_sync() for a chain someone else
 * received (protocol and cipher stay %NULL).
 */
MjTlsInfo  *mj_tls_inspect_pem           (const char      *pem,
                                          const char      *host,
                                          const char      *ca_file,
                                          GError         **error);

/* The same for a chain received as DER (GBytes, leaf first), as
 * MjSmtpProbeResult.peer_certificates holds it. */
MjTlsInfo  *mj_tls_inspect_der_chain     (GPtrArray       *certificates,
                                          const char      *host,
                                          const char      *ca_file,
                                          GError         **error);

/* "TLSv1.2" -> 0x0303, as MjTlsInfo.protocol_version; 0 when unknown. */
int         mj_tls_protocol_version_from_string (const char *protocol);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjTlsInfo, mj_tls_info_free)

G_END_DECLS
