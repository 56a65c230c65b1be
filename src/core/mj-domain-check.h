#pragma once

#include <gio/gio.h>

#include "mj-diagnostic-step.h"
#include "mj-diagnostic-texts.h"

G_BEGIN_DECLS

typedef enum {
  MJ_DOMAIN_CHECK_SPF,
  MJ_DOMAIN_CHECK_DMARC,
  MJ_DOMAIN_CHECK_DKIM,
  MJ_DOMAIN_CHECK_MX,
} MjDomainCheckKind;

/* "spf", "dmarc", "dkim", "mx". */
const char *mj_domain_check_kind_to_string (MjDomainCheckKind kind);

/**
 * MjDomainFinding:
 * @kind: what was checked
 * @domain: the domain it is about (the sender's or a recipient's)
 * @query: the DNS name that was asked ("_dmarc.example.es")
 * @status: %MJ_DIAGNOSTIC_STATUS_OK, _WARN or _FAIL
 * @record: (nullable): what was found (the TXT record, the MX hosts)
 * @text: the explanation (English msgids; Spanish via mj_i18n_translate())
 *
 * One result of the domain checks.
 */
typedef struct {
  MjDomainCheckKind kind;
  char *domain;
  char *query;
  MjDiagnosticStatus status;
  char *record;
  const MjDiagnosticText *text;
} MjDomainFinding;

#define MJ_TYPE_DOMAIN_FINDING (mj_domain_finding_get_type ())

GType             mj_domain_finding_get_type  (void) G_GNUC_CONST;
MjDomainFinding  *mj_domain_finding_copy      (const MjDomainFinding *finding);
void              mj_domain_finding_free      (MjDomainFinding       *finding);

/**
 * mj_domain_check_run_async:
 * @sender_domain: (nullable): the domain of the sending address: SPF and
 *   DMARC, plus DKIM when @microsoft365
 * @microsoft365: the domain sends through Microsoft 365, so SPF must
 *   include spf.protection.outlook.com and the selector1/selector2 DKIM
 *   records should exist
 * @recipient_domains: (nullable) (array zero-terminated=1): domains whose
 *   MX records to check
 * @timeout_seconds: limit for the whole check (0 = 10 s); lookups still
 *   unanswered then are reported as "could not be checked"
 *
 * Asks the default #GResolver (g_resolver_lookup_records_async()), all
 * lookups at once. Never fails because of DNS answers: a missing record is
 * a finding. Only cancellation is an error.
 */
void              mj_domain_check_run_async   (const char          *sender_domain,
                                               gboolean             microsoft365,
                                               const char * const  *recipient_domains,
                                               guint                timeout_seconds,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Returns: (transfer full) (element-type MjDomainFinding): SPF, DMARC,
 * DKIM, then one MX finding per recipient domain, in that order. */
GPtrArray        *mj_domain_check_run_finish  (GAsyncResult        *result,
                                               GError             **error);

/* Microsoft 365 custom domain? Not for onmicrosoft.com and the consumer
 * Outlook.com domains, whose records Microsoft manages. */
gboolean          mj_domain_check_is_microsoft365_custom_domain (const char *provider_id,
                                                                 const char *domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjDomainFinding, mj_domain_finding_free)

G_END_DECLS
