#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MjQueueState:
 * @MJ_QUEUE_STATE_QUEUED: waiting to be sent
 * @MJ_QUEUE_STATE_SENDING: handed to the server right now (a crash here
 *   makes the item %MJ_QUEUE_STATE_UNCERTAIN)
 * @MJ_QUEUE_STATE_SENT: the server answered 250 to the end of DATA; the
 *   reply is kept as proof
 * @MJ_QUEUE_STATE_RETRY: a temporary failure; sent again at `next-attempt`
 * @MJ_QUEUE_STATE_FAILED: a permanent failure (or too many attempts); see
 *   the explanation
 * @MJ_QUEUE_STATE_UNCERTAIN: the program stopped while sending: the
 *   message may or may not have gone; never re-sent without the user
 * @MJ_QUEUE_STATE_CANCELLED: the user cancelled it
 *
 * The life of a queued invoice. Legal moves: mj_queue_state_can_change().
 */
typedef enum {
  MJ_QUEUE_STATE_QUEUED,
  MJ_QUEUE_STATE_SENDING,
  MJ_QUEUE_STATE_SENT,
  MJ_QUEUE_STATE_RETRY,
  MJ_QUEUE_STATE_FAILED,
  MJ_QUEUE_STATE_UNCERTAIN,
  MJ_QUEUE_STATE_CANCELLED,
} MjQueueState;

#define MJ_QUEUE_N_STATES (MJ_QUEUE_STATE_CANCELLED + 1)

#define MJ_TYPE_QUEUE_STATE (mj_queue_state_get_type ())
GType         mj_queue_state_get_type    (void) G_GNUC_CONST;

/* "queued", "sending", "sent", "retry", "failed", "uncertain", "cancelled"
 * (the JSON and database names). */
const char   *mj_queue_state_to_string   (MjQueueState  state);
gboolean      mj_queue_state_from_string (const char   *text,
                                          MjQueueState *state);
/* The state's name for people, in the UI language (M_). */
const char   *mj_queue_state_get_label   (MjQueueState  state);
/* A symbolic icon name for the state. */
const char   *mj_queue_state_get_icon_name (MjQueueState state);
/* The state machine: whether an item may move from @from to @to. */
gboolean      mj_queue_state_can_change  (MjQueueState  from,
                                          MjQueueState  to);

/**
 * MjQueueItem:
 *
 * One queued invoice, as the queue view and `queue list` show it. Items are
 * owned and changed by #MjQueue only; to everyone else the properties are
 * read-only (bind to them):
 *
 * `id` (gint64), `state` (#MjQueueState), `state-label`, `icon-name`,
 * `account`, `to`, `cc`, `bcc` (addresses joined by ", "), `subject`,
 * `body`, `attachment-names`, `attachment-paths` (the kept copies),
 * `attachment-hashes` (SHA-256 hex) (all GStrv), `message-id` (without
 * angle brackets, fixed when queued), `n-recipients`, `attempts`,
 * `next-attempt` (unix seconds, 0 = none), `last-code` (SMTP reply code,
 * 0 = none), `last-reply` (the server's last reply; for a sent item the 250
 * that proves it), `last-error` (what went wrong, in the UI language),
 * `explanation` (the explainer's title and action for the last reply, in
 * the UI language), `created`, `updated`, `sent` (unix seconds, 0 = not
 * sent), `transcript` (the redacted SMTP transcript of the last attempt;
 * loaded on demand with mj_queue_load_details()).
 */
#define MJ_TYPE_QUEUE_ITEM (mj_queue_item_get_type ())

G_DECLARE_FINAL_TYPE (MjQueueItem, mj_queue_item, MJ, QUEUE_ITEM, GObject)

gint64               mj_queue_item_get_id                (MjQueueItem *self);
MjQueueState         mj_queue_item_get_state             (MjQueueItem *self);
const char          *mj_queue_item_get_account           (MjQueueItem *self);
const char          *mj_queue_item_get_to                (MjQueueItem *self);
const char          *mj_queue_item_get_cc                (MjQueueItem *self);
const char          *mj_queue_item_get_bcc               (MjQueueItem *self);
const char          *mj_queue_item_get_subject           (MjQueueItem *self);
/* NULL until mj_queue_load_details(). */
const char          *mj_queue_item_get_body              (MjQueueItem *self);
const char * const  *mj_queue_item_get_attachment_names  (MjQueueItem *self);
const char * const  *mj_queue_item_get_attachment_paths  (MjQueueItem *self);
const char * const  *mj_queue_item_get_attachment_hashes (MjQueueItem *self);
const char          *mj_queue_item_get_message_id        (MjQueueItem *self);
guint                mj_queue_item_get_n_recipients      (MjQueueItem *self);
guint                mj_queue_item_get_attempts          (MjQueueItem *self);
gint64               mj_queue_item_get_next_attempt      (MjQueueItem *self);
guint                mj_queue_item_get_last_code         (MjQueueItem *self);
const char          *mj_queue_item_get_last_reply        (MjQueueItem *self);
const char          *mj_queue_item_get_last_error        (MjQueueItem *self);
const char          *mj_queue_item_get_explanation       (MjQueueItem *self);
gint64               mj_queue_item_get_created           (MjQueueItem *self);
gint64               mj_queue_item_get_updated           (MjQueueItem *self);
gint64               mj_queue_item_get_sent              (MjQueueItem *self);
/* NULL until mj_queue_load_details(). */
const char          *mj_queue_item_get_transcript        (MjQueueItem *self);
/* The client: the first To address. */
const char          *mj_queue_item_get_client            (MjQueueItem *self);

/**
 * mj_queue_item_matches:
 * @self: an item
 * @states: bit mask of (1 << #MjQueueState), 0 = any state
 * @client: (nullable): substring of the To/Cc addresses (case-insensitive)
 * @since: (nullable): created at or after (NULL = no bound)
 * @until: (nullable): created before (NULL = no bound)
 * @search: (nullable): words that must all occur (case-insensitive) in the
 *   recipients, subject, attachment names, Message-ID or last reply
 *
 * The queue view's filter and search, kept in the core so that the view
 * and tests agree on it.
 */
gboolean             mj_queue_item_matches               (MjQueueItem *self,
                                                          guint        states,
                                                          const char  *client,
                                                          GDateTime   *since,
                                                          GDateTime   *until,
                                                          const char  *search);

G_END_DECLS
