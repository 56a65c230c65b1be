#pragma once

#include <gio/gio.h>

#include "mj-account-store.h"
#include "mj-store.h"

G_BEGIN_DECLS

/*
 * Pacing of the send queue (internal to MjQueue): messages per minute,
 * evenly spaced, and recipients per rolling 24 hours, counted from the
 * stored send history (`send_log`, which other processes write too). The
 * limits are the provider preset's, unless overridden; an account on a
 * custom server has no known limit and is not slowed down.
 *
 * Like the #MjStore it reads, a pacer is for the main thread.
 */

typedef struct _MjQueuePacer MjQueuePacer;

typedef enum {
  MJ_QUEUE_PACE_GO,          /* send now */
  MJ_QUEUE_PACE_WAIT,        /* the per-minute spacing: wait until @when */
  MJ_QUEUE_PACE_QUOTA_FULL,  /* the daily window is full until @when */
} MjQueuePace;

MjQueuePacer  *mj_queue_pacer_new            (MjStore          *store,
                                              MjAccountStore   *accounts);
void           mj_queue_pacer_free           (MjQueuePacer     *self);

/* -1 keeps the preset, 0 means no limit. */
void           mj_queue_pacer_set_override   (MjQueuePacer     *self,
                                              int               messages_per_minute,
                                              int               recipients_per_day);
void           mj_queue_pacer_get_limits     (MjQueuePacer     *self,
                                              const char       *account,
                                              guint            *messages_per_minute,
                                              guint            *recipients_per_day);

/* Recipients sent in the last 24 hours and the daily limit (0 = none). */
void           mj_queue_pacer_get_quota      (MjQueuePacer     *self,
                                              const char       *account,
                                              guint            *used,
                                              guint            *limit);
/* (transfer full) (nullable): "Sent today: 23 of 300", in the UI language. */
char          *mj_queue_pacer_format_quota   (MjQueuePacer     *self,
                                              const char       *account);

/* May the next message of @account, to @n_recipients, go now?
 * @last_attempt_us: when this process last started a send for @account
 * (real time, µs; 0 = never). @when_us: (out): for WAIT and QUOTA_FULL,
 * the real time (µs) it may go. */
MjQueuePace    mj_queue_pacer_check          (MjQueuePacer     *self,
                                              const char       *account,
                                              gint64            last_attempt_us,
                                              guint             n_recipients,
                                              gint64           *when_us);
/* The held-back message for QUOTA_FULL ("The daily sending limit of … is
 * reached; sending goes on at …"), as %MJ_SMTP_ERROR_TEMPORARY. */
void           mj_queue_pacer_set_quota_error (GError         **error,
                                               const char      *account,
                                               gint64           when_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjQueuePacer, mj_queue_pacer_free)

G_END_DECLS
