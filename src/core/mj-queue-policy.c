#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <string.h>

#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-policy.h"

/* Backoff: 2 min, 4, 8, 16, 32, then 60 min, ±25 %; 8 attempts cover about
 * three hours, the span in which a greylisting or throttling server lets
 * a message through. */
#define BACKOFF_BASE_S   120
#define BACKOFF_MAX_S    3600
#define MAX_ATTEMPTS     8

guint
mj_queue_get_max_attempts (void)
{
  return MAX_ATTEMPTS;
}

/**
 * mj_queue_backoff_delay:
 * @attempts: failed attempts so far (1 after the first failure)
 * @jitter: a number in [0, 1)
 *
 * Returns: seconds to wait: 120 s × 2^(attempts − 1), at most one hour,
 * spread by ±25 % so that many items do not come back at the same second.
 */
gint64
mj_queue_backoff_delay (guint  attempts,
                        double jitter)
{
  gint64 delay = BACKOFF_BASE_S;

  for (guint i = 1; i < attempts && delay < BACKOFF_MAX_S; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_S);
  jitter = CLAMP (jitter, 0.0, 1.0);
  return (gint64) (delay * (0.75 + 0.5 * jitter));
}

int
mj_queue_policy_error_rank (const GError *error)
{
  if (error->domain == MJ_SMTP_ERROR)
    switch (error->code)
      {
      case MJ_SMTP_ERROR_AUTH: return 5;
      case MJ_SMTP_ERROR_CONNECT:
      case MJ_SMTP_ERROR_TLS: return 4;
      case MJ_SMTP_ERROR_PERMANENT:
      case MJ_SMTP_ERROR_PROTOCOL: return 3;
      case MJ_SMTP_ERROR_TEMPORARY: return 2;
      default: return 1;
      }
  return 1;
}

/* Going on after one of these would fail every item the same way, and
 * Microsoft throttles mailboxes that keep failing. */
gboolean
mj_queue_policy_reason_concerns_account (const char *reason)
{
  static const char * const reasons[] = {
    "securityerror", "ratelimited", "blocked", "badreputation", "rejected",
    "norelaying", "authfailure", "requireptr", NULL
  };

  return reason != NULL && g_strv_contains (reasons, reason);
}

void
mj_queue_decision_clear (MjQueueDecision *decision)
{
  g_clear_pointer (&decision->error_text, g_free);
}

static char *
explain_for_user (const GError  *error,
                  MjExplanation *explanation)
{
  if (explanation != NULL)
    return g_strdup_printf ("%s %s", mj_explanation_get_title_ui (explanation),
                            mj_explanation_get_action_ui (explanation));
  return g_strdup (error != NULL ? error->message : "");
}

/**
 * mj_queue_policy_decide:
 *
 * - accepted: sent, counted against the daily limit;
 * - cancelled by us: queued again when the message never reached DATA,
 *   uncertain once it did (the server may have kept it);
 * - login refused or TLS problem: the account, not the invoice: pause the
 *   account once, keep the invoice queued, the attempt does not count;
 * - server unreachable: retry this one later, leave the account's others;
 * - 4xx: retry with backoff, unless the explainer says the reply must not
 *   be retried, or the item used up its attempts; a throttling reason
 *   stops the account's other items for now;
 * - 5xx (or anything else): failed; when the reason concerns the account
 *   or the server refused the sender (MAIL FROM or earlier), the account
 *   is paused too.
 */
void
mj_queue_policy_decide (const GError        *error,
                        const MjSmtpResult  *result,
                        guint                attempts,
                        guint                retry_base,
                        double               jitter,
                        MjQueueDecision     *decision)
{
  g_autoptr(MjExplanation) explanation = NULL;

  g_return_if_fail (decision != NULL);

  memset (decision, 0, sizeof *decision);

  if (result != NULL && result->reply != NULL && error != NULL)
    explanation = mj_explainer_explain_reply (result->reply);

  if (error == NULL)
    {
      decision->state = MJ_QUEUE_STATE_SENT;
      decision->log_send = TRUE;
      decision->count = MJ_QUEUE_COUNT_SENT;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped by us (the app is closing). Once DATA started we cannot
       * know what the server kept. */
      decision->state = result != NULL && result->step >= MJ_SMTP_STEP_DATA
                        ? MJ_QUEUE_STATE_UNCERTAIN : MJ_QUEUE_STATE_QUEUED;
      decision->undo_attempt = decision->state == MJ_QUEUE_STATE_QUEUED;
      decision->error_text = g_strdup (error->message);
      decision->stop_lane = TRUE;
    }
  else if (g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH) ||
           g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS))
    {
      /* The account, not the invoice: pause the account once, keep the
       * invoice (and the others) queued. */
      decision->state = MJ_QUEUE_STATE_QUEUED;
      decision->undo_attempt = TRUE;
      decision->error_text = explain_for_user (error, explanation);
      decision->pause_reason = error->code == MJ_SMTP_ERROR_AUTH ? "auth" : "attention";
      decision->note_error = TRUE;
      decision->stop_lane = TRUE;
    }
  else if (g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT))
    {
      /* The server cannot be reached: try this one later, and leave the
       * rest of the account for later too. */
      decision->state = MJ_QUEUE_STATE_RETRY;
      decision->delay_s = mj_queue_backoff_delay (attempts, jitter);
      decision->error_text = g_strdup (error->message);
      decision->note_error = TRUE;
      decision->count = MJ_QUEUE_COUNT_RETRY;
      decision->stop_lane = TRUE;
    }
  else if (g_error_matches (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY))
    {
      guint counted = attempts - MIN (attempts, retry_base);

      decision->error_text = explain_for_user (error, explanation);
      if (explanation != NULL && !mj_explanation_get_retry (explanation))
        {
          decision->state = MJ_QUEUE_STATE_FAILED;
          decision->count = MJ_QUEUE_COUNT_FAILED;
        }
      else if (counted >= MAX_ATTEMPTS)
        {
          g_autofree char *gave_up = g_strdup_printf (M_("Gave up after %u attempts."), counted);
          char *joined = g_strconcat (decision->error_text, " ", gave_up, NULL);

          g_free (decision->error_text);
          decision->error_text = joined;
          decision->state = MJ_QUEUE_STATE_FAILED;
          decision->count = MJ_QUEUE_COUNT_FAILED;
        }
      else
        {
          decision->state = MJ_QUEUE_STATE_RETRY;
          decision->delay_s = mj_queue_backoff_delay (counted, jitter);
          decision->count = MJ_QUEUE_COUNT_RETRY;
        }
      decision->note_error = TRUE;
      /* The server asks us to slow down: the rest waits. */
      if (explanation != NULL &&
          mj_queue_policy_reason_concerns_account (mj_explanation_get_reason (explanation)))
        decision->stop_lane = TRUE;
    }
  else
    {
      /* 5xx (or a reply we cannot use): failed, with the explanation. */
      const char *reason = explanation != NULL ? mj_explanation_get_reason (explanation) : NULL;

      decision->state = MJ_QUEUE_STATE_FAILED;
      decision->error_text = explain_for_user (error, explanation);
      decision->count = MJ_QUEUE_COUNT_FAILED;
      decision->note_error = TRUE;
      if (mj_queue_policy_reason_concerns_account (reason) ||
          (result != NULL && result->step <= MJ_SMTP_STEP_MAIL))
        {
          /* Refused as a sender: every other invoice would be refused too. */
          decision->pause_reason = "attention";
          decision->stop_lane = TRUE;
        }
    }
}
