#pragma once

#include <gio/gio.h>

#include "mj-account-store.h"
#include "mj-queue-item.h"
#include "mj-store.h"

G_BEGIN_DECLS

#define MJ_QUEUE_ERROR (mj_queue_error_quark ())

/**
 * MjQueueError:
 * @MJ_QUEUE_ERROR_DUPLICATE: the same PDF was already queued for the same
 *   recipient (pass %MJ_QUEUE_ADD_FORCE to queue it anyway)
 * @MJ_QUEUE_ERROR_STATE: the item is not in a state that allows the action
 *   (e.g. mark-sent on a queued item)
 * @MJ_QUEUE_ERROR_ATTACHMENT: the kept copy of a PDF is missing or damaged
 */
typedef enum {
  MJ_QUEUE_ERROR_DUPLICATE,
  MJ_QUEUE_ERROR_STATE,
  MJ_QUEUE_ERROR_ATTACHMENT,
} MjQueueError;

GQuark mj_queue_error_quark (void);

typedef enum {
  MJ_QUEUE_ADD_NONE = 0,
  MJ_QUEUE_ADD_FORCE = 1 << 0,
} MjQueueAddFlags;

/**
 * MjQueueDraft:
 * @account: the account name
 * @to: @cc: @bcc: comma-separated addresses (@cc and @bcc nullable)
 * @subject: (nullable): the subject; empty = the first PDF's file name
 * @body: (nullable): the text of the message
 * @files: (array zero-terminated=1): the PDF files
 *
 * What `queue add` and the composer hand to mj_queue_add().
 */
typedef struct {
  const char *account;
  const char *to;
  const char *cc;
  const char *bcc;
  const char *subject;
  const char *body;
  const char * const *files;
} MjQueueDraft;

/**
 * MjQueueRunSummary:
 * @sent: items sent in this run
 * @retry: items that got a temporary failure and will be retried
 * @failed: items that failed for good
 * @held: due items left for later (account paused, daily limit reached,
 *   offline, server unreachable)
 * @paused_accounts: accounts this run had to pause (login refused…)
 */
typedef struct {
  guint sent;
  guint retry;
  guint failed;
  guint held;
  guint paused_accounts;
} MjQueueRunSummary;

/**
 * MjQueue:
 *
 * The send queue (DESIGN.md "Trust the queue"). Every invoice is written to
 * the database, with a copy of its PDFs under
 * `$XDG_DATA_HOME/mensajero/attachments/` (named by SHA-256), before any
 * network work; every state change is committed before the next network
 * step; "sent" means the server answered 250 to the end of DATA, and that
 * reply is kept. An item found in `sending` at start-up whose process is
 * gone becomes `uncertain` and is never re-sent without the user.
 *
 * Policy: temporary failures (4xx, lost connection) are retried with
 * exponential backoff and jitter (mj_queue_backoff_delay()), at most
 * mj_queue_get_max_attempts() times, unless the explainer says the reply
 * must not be retried automatically; permanent failures (5xx) fail the
 * item with the explanation; a refused login, a TLS problem or a
 * sender-level rejection pauses the whole account once (the other items
 * stay queued). Sending is paced by the provider's messages per minute and
 * recipients per rolling 24 hours (mj_queue_get_quota()); accounts on a
 * custom server without known limits are not slowed down. Nothing is tried
 * while the network is down. Each account has one #MjSender (one
 * connection) reused for all its items.
 *
 * The database is the truth, shared with other processes (the GUI and
 * `mensajero-cli`); the #GListModel of mj_queue_get_items() mirrors it,
 * newest first, and mj_queue_reload() picks up other processes' changes.
 * Use an #MjQueue on the main thread; it needs a running main context.
 *
 * Signals: "attention" (account, message) once when an account needs the
 * user (paused); "batch-finished" (#MjQueueRunSummary pointer) when a batch
 * of sends ends. Properties: "busy" (sending now), "batch-total" and
 * "batch-done" (progress of the current batch).
 */
#define MJ_TYPE_QUEUE (mj_queue_get_type ())

G_DECLARE_FINAL_TYPE (MjQueue, mj_queue, MJ, QUEUE, GObject)

/* Opens the queue on @store, turns interrupted sends into `uncertain` and
 * loads the items. @accounts: the accounts to send from. */
MjQueue        *mj_queue_new                 (MjStore             *store,
                                              MjAccountStore      *accounts,
                                              GError             **error);
MjStore        *mj_queue_get_store           (MjQueue             *self);
/* (transfer none): a #GListModel of #MjQueueItem, newest first. */
GListModel     *mj_queue_get_items           (MjQueue             *self);
/* (transfer none) (nullable) */
MjQueueItem    *mj_queue_lookup              (MjQueue             *self,
                                              gint64               id);
/* Re-reads the database when another process changed it. */
gboolean        mj_queue_reload              (MjQueue             *self,
                                              GError             **error);
/* Loads the body and the transcript of @item. */
gboolean        mj_queue_load_details        (MjQueue             *self,
                                              MjQueueItem         *item,
                                              GError             **error);
/* The folder the PDF copies are kept in. */
char           *mj_queue_get_attachments_dir (void);

/* (transfer none): the new item. MJ_INPUT_ERROR_* for bad input (unknown
 * account, bad address, CR/LF in a header, unreadable file),
 * MJ_QUEUE_ERROR_DUPLICATE for a repeat without %MJ_QUEUE_ADD_FORCE. */
MjQueueItem    *mj_queue_add                 (MjQueue             *self,
                                              const MjQueueDraft  *draft,
                                              MjQueueAddFlags      flags,
                                              GError             **error);
/* Like mj_queue_add() without blocking: the draft is checked (and copied)
 * at once, the PDFs are read, hashed and copied in a worker thread, and the
 * item is committed on the calling thread's main context before @callback
 * runs. Cancelled before that commit, nothing is stored. */
void            mj_queue_add_async           (MjQueue             *self,
                                              const MjQueueDraft  *draft,
                                              MjQueueAddFlags      flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* (transfer full): the new item, or NULL with the errors of mj_queue_add()
 * or G_IO_ERROR_CANCELLED. */
MjQueueItem    *mj_queue_add_finish          (MjQueue             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* failed / retry / cancelled → queued, due now. */
gboolean        mj_queue_retry               (MjQueue             *self,
                                              gint64               id,
                                              GError             **error);
/* queued / retry / failed / uncertain → cancelled. */
gboolean        mj_queue_cancel              (MjQueue             *self,
                                              gint64               id,
                                              GError             **error);
/* uncertain → queued (same Message-ID, so the receiver can spot a repeat). */
gboolean        mj_queue_resend              (MjQueue             *self,
                                              gint64               id,
                                              GError             **error);
/* uncertain → sent (the user found it in the Sent folder). */
gboolean        mj_queue_mark_sent           (MjQueue             *self,
                                              gint64               id,
                                              GError             **error);

/* Pausing. A user pause lasts until mj_queue_resume_account(); the queue
 * itself pauses an account whose login was refused ("attention"). */
gboolean        mj_queue_pause_account       (MjQueue             *self,
                                              const char          *account,
                                              GError             **error);
gboolean        mj_queue_resume_account      (MjQueue             *self,
                                              const char          *account,
                                              GError             **error);
/* @message: (out) (optional) (transfer full): why, in the UI language. */
gboolean        mj_queue_is_account_paused   (MjQueue             *self,
                                              const char          *account,
                                              char               **message);

/* Pacing and quota. */
/* Limits that replace the provider's (for tests and cautious users):
 * -1 keeps the preset, 0 means no limit. */
void            mj_queue_set_limits_override (MjQueue             *self,
                                              int                  messages_per_minute,
                                              int                  recipients_per_day);
/* Recipients sent in the last 24 hours and the daily limit (0 = none known). */
void            mj_queue_get_quota           (MjQueue             *self,
                                              const char          *account,
                                              guint               *used,
                                              guint               *limit);
/* (transfer full): "Sent today: 23 of 300" (UI language), or NULL without
 * a known limit. */
char           *mj_queue_format_quota        (MjQueue             *self,
                                              const char          *account);

/* Policy constants, exposed for the tests. */
guint           mj_queue_get_max_attempts    (void);
/* Seconds before attempt @attempts + 1 after @attempts failed ones; @jitter
 * in [0, 1) picks a point in the ±25 % band. */
gint64          mj_queue_backoff_delay       (guint                attempts,
                                              double               jitter);

/* Sending. */
/* Sends every due item (of @account, or of every account), pacing as
 * needed, and finishes when none is left that can go now. */
void            mj_queue_run_async           (MjQueue             *self,
                                              const char          *account,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns FALSE with the most serious problem of the run in @error
 * (MJ_SMTP_ERROR_AUTH for a paused account, _CONNECT, _PERMANENT,
 * _TEMPORARY) when not every due item was sent. */
gboolean        mj_queue_run_finish          (MjQueue             *self,
                                              GAsyncResult        *result,
                                              MjQueueRunSummary   *summary,
                                              GError             **error);
/* The GUI's mode: send whenever something is due (new items, retry times,
 * the network coming back, the daily window freeing up). */
void            mj_queue_set_auto_send       (MjQueue             *self,
                                              gboolean             auto_send);
gboolean        mj_queue_get_busy            (MjQueue             *self);

G_END_DECLS
