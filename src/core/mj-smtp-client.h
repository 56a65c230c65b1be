#pragma once

#include <gio/gio.h>

#include "mj-account.h"
#include "mj-credentials.h"
#include "mj-message.h"
#include "mj-smtp-reply.h"

G_BEGIN_DECLS

/**
 * MjSmtpStep:
 * @MJ_SMTP_STEP_CONNECT: DNS and TCP connection
 * @MJ_SMTP_STEP_GREETING: the server's 220 greeting
 * @MJ_SMTP_STEP_EHLO: EHLO (before and after STARTTLS)
 * @MJ_SMTP_STEP_STARTTLS: the STARTTLS command (missing = refused)
 * @MJ_SMTP_STEP_TLS: the TLS handshake and certificate verification
 * @MJ_SMTP_STEP_AUTH: AUTH PLAIN/LOGIN/XOAUTH2
 * @MJ_SMTP_STEP_MAIL: MAIL FROM
 * @MJ_SMTP_STEP_RCPT: RCPT TO (any recipient)
 * @MJ_SMTP_STEP_DATA: DATA, the message, and the reply to its end
 * @MJ_SMTP_STEP_DONE: everything succeeded
 *
 * The steps of one submission, in order. A result names the step that
 * failed, or %MJ_SMTP_STEP_DONE.
 */
typedef enum {
  MJ_SMTP_STEP_CONNECT,
  MJ_SMTP_STEP_GREETING,
  MJ_SMTP_STEP_EHLO,
  MJ_SMTP_STEP_STARTTLS,
  MJ_SMTP_STEP_TLS,
  MJ_SMTP_STEP_AUTH,
  MJ_SMTP_STEP_MAIL,
  MJ_SMTP_STEP_RCPT,
  MJ_SMTP_STEP_DATA,
  MJ_SMTP_STEP_DONE,
} MjSmtpStep;

/* "connect", "greeting", "ehlo", "starttls", "tls", "auth", "mail",
 * "rcpt", "data", "done". */
const char *mj_smtp_step_to_string (MjSmtpStep step);

/**
 * MjSmtpResult:
 * @step: the step that failed, or %MJ_SMTP_STEP_DONE on success
 * @reply: (nullable): the final reply of @step as received (code, enhanced
 *   code, text), e.g. "250 2.0.0 OK queued as …" on success, "550 5.1.1 …"
 *   for a refused recipient; %NULL when the server said nothing (connect
 *   or TLS failures, connection lost)
 * @error: (nullable): the classified error (%MJ_SMTP_ERROR or
 *   %G_IO_ERROR_CANCELLED), %NULL on success
 * @new_connection: %TRUE when this send opened a new connection (TLS
 *   handshake and AUTH), %FALSE when it reused the previous one
 * @tls_version: (nullable): e.g. "TLSv1.3"
 * @tls_cipher: (nullable): e.g. "TLS_AES_256_GCM_SHA384"
 * @transcript: the redacted transcript of this send (see mj-transcript.h)
 * @curl_code: libcurl's CURLcode, for diagnostics (0 = CURLE_OK)
 * @curl_message: (nullable): libcurl's error text
 * @message_id: (nullable): the Message-ID sent, without angle brackets
 *
 * The outcome of one send. Returned for success and failure alike.
 */
typedef struct {
  MjSmtpStep step;
  MjSmtpReply *reply;
  GError *error;
  gboolean new_connection;
  char *tls_version;
  char *tls_cipher;
  char *transcript;
  int curl_code;
  char *curl_message;
  char *message_id;
} MjSmtpResult;

#define MJ_TYPE_SMTP_RESULT (mj_smtp_result_get_type ())

GType          mj_smtp_result_get_type  (void) G_GNUC_CONST;
MjSmtpResult  *mj_smtp_result_copy      (const MjSmtpResult *result);
void           mj_smtp_result_free      (MjSmtpResult       *result);

/**
 * MjSmtpProbeFlags:
 * @MJ_SMTP_PROBE_NONE: connect, EHLO, STARTTLS/TLS only
 * @MJ_SMTP_PROBE_AUTH: also sign in with the client's credentials (without
 *   credentials the AUTH step is not attempted and does not appear)
 * @MJ_SMTP_PROBE_MAIL_FROM: also MAIL FROM and RCPT TO as the account's
 *   own address; the DATA phase is aborted, nothing is delivered
 *   (implies %MJ_SMTP_PROBE_AUTH)
 */
typedef enum {
  MJ_SMTP_PROBE_NONE = 0,
  MJ_SMTP_PROBE_AUTH = 1 << 0,
  MJ_SMTP_PROBE_MAIL_FROM = 1 << 1,
} MjSmtpProbeFlags;

/**
 * MjSmtpProbeStep:
 * @step: which step
 * @ok: whether it succeeded
 * @reply: (nullable): the server's final reply to it (after STARTTLS the
 *   EHLO step holds the second EHLO reply)
 * @duration_us: time from the step's start to its reply
 * @detail: (nullable): libcurl's text or a note ("STARTTLS not offered")
 */
typedef struct {
  MjSmtpStep step;
  gboolean ok;
  MjSmtpReply *reply;
  gint64 duration_us;
  char *detail;
} MjSmtpProbeStep;

/**
 * MjSmtpProbeResult:
 * @steps: (element-type MjSmtpProbeStep): the steps that were reached, in
 *   order; the last one failed when @error is set
 * @failed_step: the step that failed, or %MJ_SMTP_STEP_DONE
 * @error: (nullable): classified as for a send
 * @capabilities: (array zero-terminated=1): the EHLO keyword lines of the
 *   last EHLO ("AUTH LOGIN PLAIN XOAUTH2", "SIZE 1000000", …)
 * @capabilities_plain: (array zero-terminated=1): the EHLO lines before
 *   STARTTLS (empty with implicit TLS)
 * @tls_version: (nullable): negotiated version ("TLSv1.3")
 * @tls_cipher: (nullable): negotiated cipher
 * @peer_certificates: (element-type GBytes): the certificate chain the
 *   server sent, DER, leaf first; filled even when verification failed
 * @verify_result: OpenSSL's X509_V_* result of verification (0 = OK,
 *   -1 = no handshake happened)
 * @verify_message: (nullable): OpenSSL's text for @verify_result
 * @transcript: the redacted transcript
 * @curl_code: libcurl's CURLcode
 *
 * What mj_smtp_client_probe_sync() found, step by step.
 */
typedef struct {
  GPtrArray *steps;
  MjSmtpStep failed_step;
  GError *error;
  char **capabilities;
  char **capabilities_plain;
  char *tls_version;
  char *tls_cipher;
  GPtrArray *peer_certificates;
  long verify_result;
  char *verify_message;
  char *transcript;
  int curl_code;
} MjSmtpProbeResult;

#define MJ_TYPE_SMTP_PROBE_RESULT (mj_smtp_probe_result_get_type ())

GType                     mj_smtp_probe_result_get_type  (void) G_GNUC_CONST;
void                      mj_smtp_probe_result_free      (MjSmtpProbeResult *result);
/* (transfer none) (nullable): the entry for @step, if reached. */
const MjSmtpProbeStep    *mj_smtp_probe_result_get_step  (const MjSmtpProbeResult *result,
                                                          MjSmtpStep               step);

/**
 * MjSmtpClient:
 *
 * Submission to one account's server over libcurl. The connection stays
 * open between sends, so a batch costs one TLS handshake and one AUTH.
 * TLS is always required (STARTTLS or implicit), the certificate is always
 * verified (against the system store, or the account's CA file), no
 * credential is sent before TLS, and XOAUTH2 is forced for bearer tokens.
 * Calls are serialized: one transfer at a time per client. Every call
 * may run in a worker thread.
 */
#define MJ_TYPE_SMTP_CLIENT (mj_smtp_client_get_type ())

G_DECLARE_FINAL_TYPE (MjSmtpClient, mj_smtp_client, MJ, SMTP_CLIENT, GObject)

MjSmtpClient        *mj_smtp_client_new              (MjAccount            *account);
MjAccount           *mj_smtp_client_get_account      (MjSmtpClient         *self);
/* @credentials: (nullable): copied; changing them closes the connection. */
void                 mj_smtp_client_set_credentials  (MjSmtpClient         *self,
                                                      const MjCredentials  *credentials);
gboolean             mj_smtp_client_has_credentials  (MjSmtpClient         *self);
/* Seconds; 0 keeps the default (connect 30 s, stalled transfer 60 s). */
void                 mj_smtp_client_set_timeouts     (MjSmtpClient         *self,
                                                      guint                 connect_timeout,
                                                      guint                 stall_timeout);
/* Closes the kept connection (the next send opens a new one). */
void                 mj_smtp_client_disconnect       (MjSmtpClient         *self);

/**
 * mj_smtp_client_send_sync:
 *
 * Sends @message: MAIL FROM its From address, RCPT TO its envelope
 * recipients (Bcc included), DATA mj_message_to_bytes().
 *
 * Returns: (transfer full): the result, never %NULL; on failure @error is
 * set too (a copy of result->error).
 */
MjSmtpResult        *mj_smtp_client_send_sync        (MjSmtpClient         *self,
                                                      MjMessage            *message,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void                 mj_smtp_client_send_async       (MjSmtpClient         *self,
                                                      MjMessage            *message,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
/* Returns the result, never %NULL (for cancellation too); sets @error as
 * the sync call does. */
MjSmtpResult        *mj_smtp_client_send_finish      (MjSmtpClient         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
/* Sends an already built message (e.g. kept by the queue). */
MjSmtpResult        *mj_smtp_client_send_bytes_sync  (MjSmtpClient         *self,
                                                      const char           *mail_from,
                                                      const char * const   *recipients,
                                                      GBytes               *data,
                                                      GCancellable         *cancellable,
                                                      GError              **error);

/**
 * mj_smtp_client_probe_sync:
 *
 * Connects on a connection of its own (never the kept one), EHLO,
 * STARTTLS or implicit TLS, then as @flags ask AUTH and MAIL FROM/RCPT TO
 * (without delivering anything), and QUITs.
 *
 * Returns: (transfer full): the result, never %NULL; @error is set when a
 * step failed.
 */
MjSmtpProbeResult   *mj_smtp_client_probe_sync       (MjSmtpClient         *self,
                                                      MjSmtpProbeFlags      flags,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void                 mj_smtp_client_probe_async      (MjSmtpClient         *self,
                                                      MjSmtpProbeFlags      flags,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MjSmtpProbeResult   *mj_smtp_client_probe_finish     (MjSmtpClient         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjSmtpResult, mj_smtp_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjSmtpProbeResult, mj_smtp_probe_result_free)

G_END_DECLS
