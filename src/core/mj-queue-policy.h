#pragma once

#include <gio/gio.h>

#include "mj-queue-item.h"
#include "mj-smtp-client.h"

G_BEGIN_DECLS

/*
 * The queue's retry and failure policy (internal to MjQueue; see the
 * policy paragraph of mj-queue.h): what one send's outcome does to the
 * item, to its account and to the batch. Pure: no database, no clock, no
 * randomness (the caller passes the jitter), so it can be tested alone.
 *
 * Which replies must never be retried automatically (Microsoft's
 * throttling and blocking codes: 5.2.251–255, 5.1.90, 5.7.233, 5.1.8…) is
 * the explainer catalogue's word (mj_explanation_get_retry()); which
 * reasons concern the whole account (so that the account is paused or its
 * other invoices wait) is mj_queue_policy_reason_concerns_account().
 */

/* The run summary's counter a decision adds one to. */
typedef enum {
  MJ_QUEUE_COUNT_NONE,
  MJ_QUEUE_COUNT_SENT,
  MJ_QUEUE_COUNT_RETRY,
  MJ_QUEUE_COUNT_FAILED,
} MjQueueCount;

/**
 * MjQueueDecision:
 * @state: the item's next state
 * @delay_s: for %MJ_QUEUE_STATE_RETRY, seconds until the next attempt
 * @undo_attempt: the message never reached the server: the attempt does
 *   not count
 * @log_send: accepted: the recipients count against the daily limit
 * @pause_reason: (nullable): "auth" or "attention": pause the account
 *   (once) with @error_text as the message
 * @stop_lane: leave the account's other items for later
 * @note_error: the error counts for the result of the run
 * @count: the counter of the run summary this adds to
 * @error_text: (nullable): what to store as the item's last error, in the
 *   UI language (owned; free with mj_queue_decision_clear())
 */
typedef struct {
  MjQueueState state;
  gint64 delay_s;
  gboolean undo_attempt;
  gboolean log_send;
  const char *pause_reason;
  gboolean stop_lane;
  gboolean note_error;
  MjQueueCount count;
  char *error_text;
} MjQueueDecision;

void      mj_queue_decision_clear                  (MjQueueDecision     *decision);

/* @error: (nullable): the send's error, NULL when the server accepted it;
 * @result: (nullable): the send's result; @attempts: attempts so far,
 * this one included; @retry_base: the attempts when the user last asked
 * for a retry (the give-up count starts there); @jitter: in [0, 1). */
void      mj_queue_policy_decide                   (const GError        *error,
                                                    const MjSmtpResult  *result,
                                                    guint                attempts,
                                                    guint                retry_base,
                                                    double               jitter,
                                                    MjQueueDecision     *decision);

/* Reasons (the explainer's Sisimai vocabulary) that concern the sending
 * account rather than one invoice. */
gboolean  mj_queue_policy_reason_concerns_account  (const char          *reason);

/* How serious @error is for the result of a run (higher = worse). */
int       mj_queue_policy_error_rank               (const GError        *error);

G_END_DECLS
