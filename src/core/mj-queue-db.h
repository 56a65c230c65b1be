#pragma once

#include <gio/gio.h>

#include "mj-message.h"
#include "mj-queue-item-private.h"
#include "mj-smtp-client.h"
#include "mj-store.h"

G_BEGIN_DECLS

/*
 * The queue's SQL (internal to MjQueue): the rows of `queue_items`,
 * `queue_attachments`, `queue_pauses` and the `send_log` entry of each
 * accepted message (mj-store.c has the schema). Every state change is one
 * transaction, committed before the next network step. The pacing reads of
 * `send_log` are in mj-queue-pacer.c.
 *
 * All of it runs on the thread that owns the #MjStore (the main thread).
 * mj-queue-db.c has the rows, adding and the user's actions;
 * mj-queue-db-send.c the start-up recovery, pauses and sending.
 */

/* Rows. */
typedef void (*MjQueueRowFunc) (MjQueueRow *row,
                                gpointer    user_data);

/* One item, with its attachments (no body, no transcript). */
gboolean    mj_queue_db_read_row          (MjStore              *store,
                                           gint64                id,
                                           MjQueueRow           *row,
                                           GError              **error);
/* Every item, oldest first; @func may take the row's values, the row is
 * cleared after it. */
gboolean    mj_queue_db_foreach_row       (MjStore              *store,
                                           MjQueueRowFunc        func,
                                           gpointer              user_data,
                                           GError              **error);
/* Changes when another connection commits (PRAGMA data_version); -1 on error. */
gint64      mj_queue_db_data_version      (MjStore              *store);
gboolean    mj_queue_db_read_details      (MjStore              *store,
                                           gint64                id,
                                           char                **body,
                                           char                **transcript,
                                           GError              **error);
/* What a send needs: addresses (comma-separated), subject, body,
 * Message-ID, n_recipients and the attachments. */
gboolean    mj_queue_db_read_message      (MjStore              *store,
                                           gint64                id,
                                           MjQueueRow           *row,
                                           GError              **error);

/* Start-up. */
/* (transfer full) (nullable): identifies this process across pid reuse. */
char       *mj_queue_db_process_token     (void);
/* Items left in `sending` by a process that is gone become `uncertain`. */
gboolean    mj_queue_db_recover_interrupted (MjStore            *store,
                                           GError              **error);

/* Adding. @copies: (element-type MjQueueCopy) */
/* MJ_QUEUE_ERROR_DUPLICATE when one of @copies was already queued (not
 * cancelled nor failed) for one of @recipients. */
gboolean    mj_queue_db_check_duplicate   (MjStore              *store,
                                           GPtrArray            *copies,
                                           const char * const   *recipients,
                                           GError              **error);
gboolean    mj_queue_db_insert            (MjStore              *store,
                                           const char           *account,
                                           MjMessage            *message,
                                           GPtrArray            *copies,
                                           gint64               *id,
                                           GError              **error);

/* The user's actions on one item. */
typedef enum {
  MJ_QUEUE_ACTION_RETRY,       /* failed / retry / cancelled → queued */
  MJ_QUEUE_ACTION_CANCEL,      /* queued / retry / failed / uncertain → cancelled */
  MJ_QUEUE_ACTION_RESEND,      /* uncertain → queued */
  MJ_QUEUE_ACTION_MARK_SENT,   /* uncertain → sent */
} MjQueueAction;

/* MJ_QUEUE_ERROR_STATE when the item's state does not allow @action.
 * @target: (out) (optional): the state the item is in now. */
gboolean    mj_queue_db_user_action       (MjStore              *store,
                                           gint64                id,
                                           MjQueueAction         action,
                                           MjQueueState         *target,
                                           GError              **error);

/* Pauses: @reason "user", "auth" or "attention"; @message an English msgid
 * or a text in the UI language. @inserted: (out) (optional): FALSE when the
 * account was paused already. */
gboolean    mj_queue_db_set_pause         (MjStore              *store,
                                           const char           *account,
                                           const char           *reason,
                                           const char           *message,
                                           gboolean             *inserted,
                                           GError              **error);
/* @account: (nullable): every account. @only_automatic: keep the user's. */
gboolean    mj_queue_db_clear_pause       (MjStore              *store,
                                           const char           *account,
                                           gboolean              only_automatic,
                                           GError              **error);
/* @message comes back translated to the UI language. */
gboolean    mj_queue_db_get_pause         (MjStore              *store,
                                           const char           *account,
                                           char                **reason,
                                           char                **message);

/* Sending. */
/* Items queued or waiting to retry whose time has come (@account nullable). */
guint       mj_queue_db_count_due         (MjStore              *store,
                                           const char           *account);
/* (transfer full) (element-type utf8): accounts with due items, only
 * @only when not NULL. */
GPtrArray  *mj_queue_db_accounts_with_due (MjStore              *store,
                                           const char           *only);
/* The account's next due item; FALSE when there is none (@error unset) or
 * on failure (@error set). */
gboolean    mj_queue_db_next_due          (MjStore              *store,
                                           const char           *account,
                                           gint64               *id,
                                           guint                *n_recipients,
                                           GError              **error);
/* queued / retry → sending, durably, counting one attempt. FALSE without
 * @error when another process took it first. */
gboolean    mj_queue_db_claim             (MjStore              *store,
                                           gint64                id,
                                           const char           *process_token,
                                           GError              **error);
/* Attempts so far and the attempts when the user last retried (1 and 0
 * when the row cannot be read). */
void        mj_queue_db_get_attempts      (MjStore              *store,
                                           gint64                id,
                                           guint                *attempts,
                                           guint                *retry_base);

/**
 * MjQueueOutcome:
 * @state: the state after the send
 * @next_attempt: for `retry`, unix seconds
 * @undo_attempt: the message never reached the server
 * @log_send: accepted: log the recipients for the daily limit
 */
typedef struct {
  MjQueueState state;
  gint64 next_attempt;
  gboolean undo_attempt;
  gboolean log_send;
} MjQueueOutcome;

/* sending → @outcome's state, with the reply, the error text and the
 * transcript of @result (nullable), in one transaction. */
gboolean    mj_queue_db_commit_outcome    (MjStore              *store,
                                           gint64                id,
                                           const char           *account,
                                           guint                 n_recipients,
                                           const MjQueueOutcome *outcome,
                                           const MjSmtpResult   *result,
                                           const char           *error_text,
                                           GError              **error);

G_END_DECLS
