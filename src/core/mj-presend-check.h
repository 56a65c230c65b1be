#pragma once

#include <gio/gio.h>

#include "mj-pdf-report.h"

G_BEGIN_DECLS

typedef enum {
  MJ_CHECK_OK,
  MJ_CHECK_WARNING,
  MJ_CHECK_BLOCKING,
} MjCheckSeverity;

const char *mj_check_severity_to_string (MjCheckSeverity severity);  /* "ok" "warning" "blocking" */

/* Stable check ids. */
#define MJ_CHECK_SIZE            "size"
#define MJ_CHECK_ATTACHMENT      "attachment"       /* PDF: JavaScript, damaged, encrypted, not a PDF */
#define MJ_CHECK_RECIPIENTS      "recipients"       /* none given */
#define MJ_CHECK_RECIPIENT_SYNTAX "recipient-syntax"
#define MJ_CHECK_RECIPIENT_TYPO  "recipient-typo"
#define MJ_CHECK_RECIPIENT_MX    "recipient-mx"
#define MJ_CHECK_FROM            "from"             /* From ≠ account mailbox (Send-As) */
#define MJ_CHECK_SUBJECT         "subject"
#define MJ_CHECK_BODY            "body"
#define MJ_CHECK_QUOTA           "quota"

/**
 * MjPresendItem:
 * @id: one of the MJ_CHECK_* ids
 * @severity: blocking, warning or ok
 * @subject: (nullable): what the item is about (an address, a file name)
 *
 * One line of the checklist. Reason and fix exist in both languages:
 * mj_presend_item_get_reason (item, "es").
 */
typedef struct _MjPresendItem MjPresendItem;

#define MJ_TYPE_PRESEND_ITEM (mj_presend_item_get_type ())
GType           mj_presend_item_get_type     (void) G_GNUC_CONST;
MjPresendItem  *mj_presend_item_ref          (MjPresendItem *item);
void            mj_presend_item_unref        (MjPresendItem *item);
const char     *mj_presend_item_get_id       (MjPresendItem *item);
MjCheckSeverity mj_presend_item_get_severity (MjPresendItem *item);
const char     *mj_presend_item_get_subject  (MjPresendItem *item);
const char     *mj_presend_item_get_reason   (MjPresendItem *item,
                                              const char    *lang);
const char     *mj_presend_item_get_fix      (MjPresendItem *item,  /* "" for ok items */
                                              const char    *lang);
/* For recipient-typo: the suggested address ("cliente@hotmail.com"), else NULL. */
const char     *mj_presend_item_get_suggestion (MjPresendItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjPresendItem, mj_presend_item_unref)

/**
 * MjPresendAttachment:
 * @path: file name shown in messages
 * @size_bytes: raw size
 * @report: (nullable): the inspection, for the JavaScript/damaged/encrypted checks
 */
typedef struct {
  const char  *path;
  guint64      size_bytes;
  MjPdfReport *report;
} MjPresendAttachment;

/**
 * MjPresendInput:
 * All borrowed. Counts of 0 / NULL mean "unknown, skip that check".
 * @max_message_bytes: the provider's limit (MjProvider:max-message-bytes); 0 = unknown
 * @recipients: To + Cc + Bcc ("a@b" or "Name <a@b>")
 * @sent_today / @daily_limit: recipients already sent today (the queue's
 *   counters) and the provider's recipients-per-day
 */
typedef struct {
  const char                 *from_address;
  const char                 *account_address;
  const char                 *provider_id;
  guint64                     max_message_bytes;
  const char * const         *recipients;
  const char                 *subject;
  const char                 *body;
  const MjPresendAttachment  *attachments;
  guint                       n_attachments;
  guint                       sent_today;
  guint                       daily_limit;
} MjPresendInput;

/* Everything that needs no network; instant, call it on every edit.
 * Returns (element-type MjPresendItem): one item per check that applies
 * (ok items included, so the list can show green ticks), blocking first. */
GPtrArray *mj_presend_check_run (const MjPresendInput *input);

/* Encoded size estimate: base64 of each attachment (×4/3, 76-column lines
 * with CRLF) + MIME headers + body. */
guint64    mj_presend_estimate_message_bytes (const MjPresendInput *input);

/* (nullable) For "hotmial.com": "hotmail.com". Edit distance (with
 * transpositions) against a list of popular mail domains; NULL when @domain
 * is itself known or is not close to one. */
char      *mj_presend_suggest_domain (const char *domain);

/* TRUE for a plain addr-spec that can be used as a recipient. */
gboolean   mj_presend_address_valid  (const char *address);

/*
 * MX check with a cache (answers kept for 10 minutes, per domain). Uses
 * g_resolver_lookup_records_async (MX); a domain without MX but with an
 * A/AAAA record is accepted (RFC 5321 implicit MX) with a warning.
 */
#define MJ_TYPE_MX_CHECKER (mj_mx_checker_get_type ())
G_DECLARE_FINAL_TYPE (MjMxChecker, mj_mx_checker, MJ, MX_CHECKER, GObject)

/* @resolver: (nullable) NULL = g_resolver_get_default() (tests pass a stand-in). */
MjMxChecker *mj_mx_checker_new (GResolver *resolver);
MjMxChecker *mj_mx_checker_get_default (void);

/* One recipient-mx item per distinct recipient domain. */
void       mj_mx_checker_check_async  (MjMxChecker         *self,
                                       const char * const  *recipients,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *mj_mx_checker_check_finish (MjMxChecker         *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
