#pragma once

#include <gio/gio.h>

#include "mj-account.h"
#include "mj-credentials.h"
#include "mj-diagnostic-step.h"
#include "mj-domain-check.h"
#include "mj-tls-inspect.h"

G_BEGIN_DECLS

/**
 * MjDiagnostics:
 *
 * The connection test of one account: DNS → TCP → greeting → EHLO →
 * STARTTLS → TLS (version and certificate, inspected with OpenSSL) → AUTH
 * → MAIL FROM as the account → optionally a test message to itself.
 * Greeting to MAIL FROM go through mj_smtp_client_probe_sync(), the same
 * code as sending. The first failure stops the run; the later steps become
 * skipped.
 *
 * `steps` is a #GListModel of #MjDiagnosticStep, one per step from the
 * start, whose properties change on the main context of the caller of
 * mj_diagnostics_run_async() while the test runs; `running` and `ok`
 * follow the run.
 */
#define MJ_TYPE_DIAGNOSTICS (mj_diagnostics_get_type ())

G_DECLARE_FINAL_TYPE (MjDiagnostics, mj_diagnostics, MJ, DIAGNOSTICS, GObject)

MjDiagnostics     *mj_diagnostics_new               (MjAccount            *account);
MjAccount         *mj_diagnostics_get_account       (MjDiagnostics        *self);
/* Also send a short test message to the account's own address. */
void               mj_diagnostics_set_send_test     (MjDiagnostics        *self,
                                                     gboolean              send_test);
gboolean           mj_diagnostics_get_send_test     (MjDiagnostics        *self);
/* Seconds for each network wait (connect, a reply); 0 = 30. */
void               mj_diagnostics_set_timeout       (MjDiagnostics        *self,
                                                     guint                 seconds);
/* Sign in with these instead of the keyring's (the account wizard tests
 * before saving). (nullable): back to the keyring. */
void               mj_diagnostics_set_credentials   (MjDiagnostics        *self,
                                                     const MjCredentials  *credentials);

/* (transfer none) (element-type MjDiagnosticStep) */
GListModel        *mj_diagnostics_get_steps         (MjDiagnostics        *self);
/* (transfer none) */
MjDiagnosticStep  *mj_diagnostics_get_step          (MjDiagnostics        *self,
                                                     MjDiagnosticStepId    id);
gboolean           mj_diagnostics_get_running       (MjDiagnostics        *self);
/* TRUE after a run in which no step failed. */
gboolean           mj_diagnostics_get_ok            (MjDiagnostics        *self);
/* (transfer none) (nullable): the step that failed in the last run. */
MjDiagnosticStep  *mj_diagnostics_get_failed_step   (MjDiagnostics        *self);
/* (transfer none) (nullable): a second explanation that applies to the
 * whole run, e.g. "check Microsoft's service status page" when Microsoft's
 * servers cannot be reached or keep answering 4xx. */
const MjDiagnosticText *mj_diagnostics_get_hint     (MjDiagnostics        *self);
/* (transfer none) (nullable): the TLS session and certificate, when the
 * handshake was reached. */
const MjTlsInfo   *mj_diagnostics_get_tls_info      (MjDiagnostics        *self);
/* (transfer none): the redacted transcript of the last run ("" before). */
const char        *mj_diagnostics_get_transcript    (MjDiagnostics        *self);

void               mj_diagnostics_run_async         (MjDiagnostics        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/**
 * mj_diagnostics_run_finish:
 *
 * Returns: %TRUE when no step failed. Otherwise @error says why, classified
 *   for mj_error_exit_code(): %MJ_SMTP_ERROR_CONNECT or _TLS (DNS, TCP,
 *   greeting, STARTTLS, certificate), _AUTH, _PERMANENT / _TEMPORARY (the
 *   server refused the sender or the test message), or
 *   %G_IO_ERROR_CANCELLED.
 */
gboolean           mj_diagnostics_run_finish        (MjDiagnostics        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Runs a main loop of its own until done (for the command line). */
gboolean           mj_diagnostics_run_sync          (MjDiagnostics        *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

/**
 * mj_diagnostics_build_report:
 * @domain_findings: (nullable) (element-type MjDomainFinding): results of
 *   mj_domain_check_run_async() to include
 *
 * Returns: (transfer full): a plain-text report for a helper or an IT
 *   administrator: account (no secrets), each step with its status, time,
 *   detail and explanation in Spanish and in English, the domain checks,
 *   and the redacted transcript.
 */
char              *mj_diagnostics_build_report      (MjDiagnostics        *self,
                                                     GPtrArray            *domain_findings);

G_END_DECLS
