#pragma once

#include "mj-message.h"
#include "mj-queue.h"
#include "mj-queue-pacer.h"

G_BEGIN_DECLS

/*
 * MjQueue spans several files, all sharing this structure:
 *
 * - mj-queue.c         the GObject, the item model that mirrors the
 *                      database, the user's actions and pauses;
 * - mj-queue-add.c     adding an invoice (sync for the CLI, async for
 *                      the GUI);
 * - mj-queue-runner.c  sending: batches, one lane (one connection) per
 *                      account, auto-send, the network monitor.
 *
 * Helpers without an object of their own: mj-queue-db.c (the SQL),
 * mj-queue-attachments.c (the PDF copies), mj-queue-policy.c (retry and
 * failure policy), mj-queue-pacer.c (messages per minute, recipients per
 * day).
 */

struct _MjQueue
{
  GObject parent_instance;

  MjStore *store;
  MjAccountStore *accounts;
  GListStore *items;
  GHashTable *by_id;        /* gint64* → MjQueueItem (the key lives in the item) */
  MjQueuePacer *pacer;
  char *process_token;
  gint64 data_version;

  /* mj-queue-runner.c */
  GHashTable *senders;      /* account name → MjSender */
  GHashTable *lanes;        /* account name → Lane, while sending */
  GNetworkMonitor *monitor;
  GCancellable *cancellable;
  gboolean auto_send;
  guint auto_source;
  guint kick_source;

  /* The current batch. */
  GPtrArray *tasks;         /* GTask waiting for the batch to end */
  MjQueueRunSummary summary;
  GError *batch_error;
  int batch_rank;
  guint batch_total;
  guint batch_done;
};

/* mj-queue.c */
/* Re-reads one item after a change and notifies its properties (adds it
 * to the model when new). */
void        _mj_queue_refresh_item          (MjQueue             *self,
                                             gint64               id);
/* After this process committed a change: remembers the data version, so
 * that mj_queue_reload() does not re-read its own change. */
void        _mj_queue_note_own_change       (MjQueue             *self);
void        _mj_queue_notify_busy           (MjQueue             *self);
void        _mj_queue_set_batch_counts      (MjQueue             *self,
                                             guint                total,
                                             guint                done);
void        _mj_queue_emit_attention        (MjQueue             *self,
                                             const char          *account,
                                             const char          *message);
void        _mj_queue_emit_batch_finished   (MjQueue             *self,
                                             MjQueueRunSummary   *summary);

/* mj-queue-add.c */
/* The message of an item, with every header and address checked.
 * @message_id: (nullable): NULL makes a new one. */
MjMessage  *_mj_queue_build_message         (MjAccount           *account,
                                             const char          *to,
                                             const char          *cc,
                                             const char          *bcc,
                                             const char          *subject,
                                             const char          *body,
                                             const char          *message_id,
                                             GError             **error);

/* mj-queue-runner.c */
void        _mj_queue_runner_init           (MjQueue             *self);
/* Starts following the network (from mj_queue_new()). */
void        _mj_queue_runner_start          (MjQueue             *self);
void        _mj_queue_runner_dispose        (MjQueue             *self);
void        _mj_queue_runner_finalize       (MjQueue             *self);
/* Starts sending soon when in auto-send mode. */
void        _mj_queue_kick_if_auto          (MjQueue             *self);

G_END_DECLS
