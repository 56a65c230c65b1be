#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue-pacer.h"

#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

struct _MjQueuePacer
{
  MjStore *store;
  MjAccountStore *accounts;
  int mpm_override;
  int rpd_override;
};

MjQueuePacer *
mj_queue_pacer_new (MjStore        *store,
                    MjAccountStore *accounts)
{
  MjQueuePacer *self = g_new0 (MjQueuePacer, 1);

  self->store = g_object_ref (store);
  self->accounts = g_object_ref (accounts);
  self->mpm_override = -1;
  self->rpd_override = -1;
  return self;
}

void
mj_queue_pacer_free (MjQueuePacer *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_clear_object (&self->accounts);
  g_free (self);
}

void
mj_queue_pacer_set_override (MjQueuePacer *self,
                             int           messages_per_minute,
                             int           recipients_per_day)
{
  self->mpm_override = messages_per_minute;
  self->rpd_override = recipients_per_day;
}

void
mj_queue_pacer_get_limits (MjQueuePacer *self,
                           const char   *account_name,
                           guint        *mpm,
                           guint        *rpd)
{
  MjAccount *account = mj_account_store_lookup (self->accounts, account_name);
  MjProvider *provider = account != NULL ? mj_account_get_provider (account) : NULL;

  /* A custom server has no preset, hence no known limit, hence no delay. */
  *mpm = provider != NULL ? mj_provider_get_messages_per_minute (provider) : 0;
  *rpd = provider != NULL ? mj_provider_get_recipients_per_day (provider) : 0;
  if (self->mpm_override >= 0)
    *mpm = (guint) self->mpm_override;
  if (self->rpd_override >= 0)
    *rpd = (guint) self->rpd_override;
}

static guint
recipients_since (MjQueuePacer *self,
                  const char   *account,
                  gint64        since_us)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           "SELECT COALESCE (SUM (n_recipients), 0) FROM send_log "
                           "WHERE account = ?1 AND time > ?2",
                           NULL);
  if (stmt == NULL)
    return 0;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_int64 (stmt, 2, since_us);
  if (!mj_store_stmt_step (stmt, NULL))
    return 0;
  return (guint) mj_store_stmt_get_int64 (stmt, 0);
}

void
mj_queue_pacer_get_quota (MjQueuePacer *self,
                          const char   *account,
                          guint        *used,
                          guint        *limit)
{
  guint mpm, rpd;

  mj_queue_pacer_get_limits (self, account, &mpm, &rpd);
  if (used != NULL)
    *used = recipients_since (self, account, g_get_real_time () - DAY_US);
  if (limit != NULL)
    *limit = rpd;
}

char *
mj_queue_pacer_format_quota (MjQueuePacer *self,
                             const char   *account)
{
  guint used, limit;

  mj_queue_pacer_get_quota (self, account, &used, &limit);
  if (limit == 0)
    return NULL;
  /* Translators: the daily sending quota, e.g. "Sent today: 23 of 300"
   * ("today" = the last 24 hours). */
  return g_strdup_printf (M_("Sent today: %u of %u"), used, limit);
}

/* When the daily window has room for @n more recipients: now, or the time
 * the oldest sends leave the rolling 24 hours. */
static gint64
quota_free_at (MjQueuePacer *self,
               const char   *account,
               guint         limit,
               guint         n)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  guint used = recipients_since (self, account, now - DAY_US);

  if (limit == 0 || used + n <= limit)
    return now;
  if (n > limit)
    n = limit;

  stmt = mj_store_prepare (self->store,
                           "SELECT time, n_recipients FROM send_log "
                           "WHERE account = ?1 AND time > ?2 ORDER BY time",
                           NULL);
  if (stmt == NULL)
    return now + DAY_US;
  mj_store_stmt_bind_text (stmt, 1, account);
  mj_store_stmt_bind_int64 (stmt, 2, now - DAY_US);
  while (mj_store_stmt_step (stmt, NULL))
    {
      used -= MIN (used, (guint) mj_store_stmt_get_int64 (stmt, 1));
      if (used + n <= limit)
        return mj_store_stmt_get_int64 (stmt, 0) + DAY_US;
    }
  return now + DAY_US;
}

static gint64
last_send_us (MjQueuePacer *self,
              const char   *account)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store,
                           "SELECT COALESCE (MAX (time), 0) FROM send_log WHERE account = ?1", NULL);
  if (stmt == NULL)
    return 0;
  mj_store_stmt_bind_text (stmt, 1, account);
  if (!mj_store_stmt_step (stmt, NULL))
    return 0;
  return mj_store_stmt_get_int64 (stmt, 0);
}

MjQueuePace
mj_queue_pacer_check (MjQueuePacer *self,
                      const char   *account,
                      gint64        last_attempt_us,
                      guint         n_recipients,
                      gint64       *when_us)
{
  guint mpm, rpd;
  gint64 earliest;

  mj_queue_pacer_get_limits (self, account, &mpm, &rpd);
  earliest = g_get_real_time ();
  if (mpm > 0)
    {
      gint64 interval = 60 * G_USEC_PER_SEC / mpm;
      gint64 last = MAX (last_attempt_us, last_send_us (self, account));

      if (last > 0)
        earliest = MAX (earliest, last + interval);
    }
  if (rpd > 0)
    {
      gint64 free_at = quota_free_at (self, account, rpd, n_recipients);

      if (free_at > g_get_real_time ())
        {
          *when_us = free_at;
          return MJ_QUEUE_PACE_QUOTA_FULL;
        }
    }
  if (earliest > g_get_real_time () + 1000)
    {
      *when_us = earliest;
      return MJ_QUEUE_PACE_WAIT;
    }
  *when_us = 0;
  return MJ_QUEUE_PACE_GO;
}

void
mj_queue_pacer_set_quota_error (GError     **error,
                                const char  *account,
                                gint64       when_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (when_us / G_USEC_PER_SEC);
  g_autofree char *time_text = g_date_time_format (when, "%Y-%m-%d %H:%M");

  g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY,
               M_("The daily sending limit of %s is reached; sending goes on at %s"),
               account, time_text);
}
