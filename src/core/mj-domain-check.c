#define G_LOG_DOMAIN "mj-domain-check"

#include "config.h"

#include <string.h>

#include "mj-domain-check.h"

G_DEFINE_BOXED_TYPE (MjDomainFinding, mj_domain_finding, mj_domain_finding_copy,
                     mj_domain_finding_free)

MjDomainFinding *
mj_domain_finding_copy (const MjDomainFinding *finding)
{
  MjDomainFinding *copy;

  g_return_val_if_fail (finding != NULL, NULL);

  copy = g_new0 (MjDomainFinding, 1);
  copy->kind = finding->kind;
  copy->domain = g_strdup (finding->domain);
  copy->query = g_strdup (finding->query);
  copy->status = finding->status;
  copy->record = g_strdup (finding->record);
  copy->text = finding->text;
  return copy;
}

void
mj_domain_finding_free (MjDomainFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->domain);
  g_free (finding->query);
  g_free (finding->record);
  g_free (finding);
}

const char *
mj_domain_check_kind_to_string (MjDomainCheckKind kind)
{
  switch (kind)
    {
    case MJ_DOMAIN_CHECK_SPF: return "spf";
    case MJ_DOMAIN_CHECK_DMARC: return "dmarc";
    case MJ_DOMAIN_CHECK_DKIM: return "dkim";
    case MJ_DOMAIN_CHECK_MX: return "mx";
    default: return "unknown";
    }
}

gboolean
mj_domain_check_is_microsoft365_custom_domain (const char *provider_id,
                                               const char *domain)
{
  static const char * const consumer[] = {
    "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com", "windowslive.com",
  };
  g_autofree char *lower = NULL;

  if (g_strcmp0 (provider_id, "microsoft365") != 0 || domain == NULL)
    return FALSE;

  lower = g_ascii_strdown (domain, -1);
  if (g_str_has_suffix (lower, ".onmicrosoft.com") || g_str_equal (lower, "onmicrosoft.com"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (consumer); i++)
    if (g_str_equal (lower, consumer[i]) || g_str_has_prefix (lower, "hotmail.") ||
        g_str_has_prefix (lower, "outlook.") || g_str_has_prefix (lower, "live."))
      return FALSE;
  return TRUE;
}

/* --- the run --- */

typedef struct {
  GPtrArray *findings;        /* slots filled as answers come in */
  GCancellable *internal;     /* cancelled on timeout or by the caller */
  GResolver *resolver;
  gulong caller_cancel_id;
  GSource *timeout;
  gboolean microsoft365;
  guint pending;
} RunData;

static void
run_data_free (RunData *data)
{
  g_ptr_array_unref (data->findings);
  g_clear_object (&data->internal);
  g_clear_object (&data->resolver);
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_free (data);
}

typedef struct {
  GTask *task;          /* owns a reference */
  guint slot;
} LookupData;

static MjDomainFinding *
finding_new (MjDomainCheckKind  kind,
             const char        *domain,
             const char        *query)
{
  MjDomainFinding *f = g_new0 (MjDomainFinding, 1);

  f->kind = kind;
  f->domain = g_strdup (domain);
  f->query = g_strdup (query);
  return f;
}

static void
set_result (MjDomainFinding    *f,
            MjDiagnosticStatus  status,
            const char         *text_id,
            const char         *record)
{
  f->status = status;
  f->text = mj_diagnostic_text_lookup (text_id);
  g_assert (f->text != NULL);
  g_free (f->record);
  f->record = g_strdup (record);
}

/* TXT answers are (as) tuples of strings; one record may be split into
 * several 255-byte strings, which are joined without a separator. */
static GPtrArray *
txt_records (GList *records)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = records; l != NULL; l = l->next)
    {
      g_autofree const char **parts = NULL;
      GString *s = g_string_new (NULL);

      g_variant_get (l->data, "(^a&s)", &parts);
      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        g_string_append (s, parts[i]);
      g_ptr_array_add (texts, g_string_free (s, FALSE));
    }
  return texts;
}

static gboolean
has_prefix_nocase (const char *text,
                   const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

static void
judge_spf (MjDomainFinding *f,
           GList           *records,
           gboolean         microsoft365)
{
  g_autoptr(GPtrArray) texts = txt_records (records);
  const char *spf = NULL;
  guint n_spf = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = texts->pdata[i];

      /* "v=spf1" followed by a space or the end (RFC 7208 §4.5). */
      if (has_prefix_nocase (t, "v=spf1") && (t[6] == '\0' || t[6] == ' '))
        {
          spf = t;
          n_spf++;
        }
    }

  if (n_spf == 0)
    set_result (f, MJ_DIAGNOSTIC_STATUS_FAIL, "spf-missing", NULL);
  else if (n_spf > 1)
    set_result (f, MJ_DIAGNOSTIC_STATUS_FAIL, "spf-multiple", spf);
  else if (microsoft365)
    {
      g_autofree char *lower = g_ascii_strdown (spf, -1);

      /* Government and 21Vianet clouds use other include names. */
      if (strstr (lower, "include:spf.protection.outlook.com") != NULL ||
          strstr (lower, "include:spf.protection.office365.us") != NULL ||
          strstr (lower, "include:spf.protection.partner.outlook.cn") != NULL)
        set_result (f, MJ_DIAGNOSTIC_STATUS_OK, "spf-ok", spf);
      else
        set_result (f, MJ_DIAGNOSTIC_STATUS_FAIL, "spf-no-microsoft", spf);
    }
  else
    set_result (f, MJ_DIAGNOSTIC_STATUS_OK, "spf-ok", spf);
}

static char *
dmarc_policy (const char *record)
{
  g_auto(GStrv) tags = g_strsplit (record, ";", -1);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));

      if (has_prefix_nocase (tag, "p="))
        return g_ascii_strdown (g_strstrip (tag + 2), -1);
      /* "p = reject" is not valid, but be lenient. */
      if (tag[0] == 'p' || tag[0] == 'P')
        {
          const char *rest = tag + 1;

          while (*rest == ' ')
            rest++;
          if (*rest == '=')
            return g_ascii_strdown (g_strstrip (g_strdup (rest + 1)), -1);
        }
    }
  return NULL;
}

static void
judge_dmarc (MjDomainFinding *f,
             GList           *records)
{
  g_autoptr(GPtrArray) texts = txt_records (records);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = texts->pdata[i];
      g_autofree char *policy = NULL;

      if (!has_prefix_nocase (t, "v=DMARC1"))
        continue;
      policy = dmarc_policy (t);
      if (g_strcmp0 (policy, "reject") == 0 || g_strcmp0 (policy, "quarantine") == 0)
        set_result (f, MJ_DIAGNOSTIC_STATUS_OK, "dmarc-ok", t);
      else
        set_result (f, MJ_DIAGNOSTIC_STATUS_WARN, "dmarc-none", t);
      return;
    }
  set_result (f, MJ_DIAGNOSTIC_STATUS_WARN, "dmarc-missing", NULL);
}

static gboolean
is_dkim_record (GList *records)
{
  g_autoptr(GPtrArray) texts = txt_records (records);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = texts->pdata[i];

      if (has_prefix_nocase (t, "v=DKIM1") || strstr (t, "p=") != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
mx_list (GList *records)
{
  GString *s = g_string_new (NULL);

  for (GList *l = records; l != NULL; l = l->next)
    {
      guint16 pref;
      const char *host;

      g_variant_get (l->data, "(q&s)", &pref, &host);
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%u %s", pref, host);
    }
  return g_string_free (s, FALSE);
}

static void
lookup_done (LookupData *ld)
{
  RunData *data = g_task_get_task_data (ld->task);

  if (--data->pending == 0)
    {
      if (data->caller_cancel_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (ld->task), data->caller_cancel_id);
      data->caller_cancel_id = 0;

      if (!g_task_return_error_if_cancelled (ld->task))
        g_task_return_pointer (ld->task, g_ptr_array_ref (data->findings),
                               (GDestroyNotify) g_ptr_array_unref);
    }
  g_object_unref (ld->task);
  g_free (ld);
}

static void
records_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LookupData *ld = user_data;
  RunData *data = g_task_get_task_data (ld->task);
  MjDomainFinding *f = data->findings->pdata[ld->slot];
  g_autoptr(GError) error = NULL;
  GList *records;

  records = g_resolver_lookup_records_finish (G_RESOLVER (source), result, &error);

  if (f->kind == MJ_DOMAIN_CHECK_DKIM && f->text != NULL && g_str_equal (f->text->id, "dkim-ok"))
    {
      /* the other selector already answered */
    }
  else if (records == NULL && !g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      g_debug ("lookup of %s failed: %s", f->query, error ? error->message : "no records");
      set_result (f, MJ_DIAGNOSTIC_STATUS_WARN, "domain-lookup-failed",
                  error ? error->message : NULL);
    }
  else
    {
      switch (f->kind)
        {
        case MJ_DOMAIN_CHECK_SPF:
          judge_spf (f, records, data->microsoft365);
          break;
        case MJ_DOMAIN_CHECK_DMARC:
          judge_dmarc (f, records);
          break;
        case MJ_DOMAIN_CHECK_DKIM:
          /* Two selectors share one finding: the first hit wins, a miss
           * only counts when no selector answered. */
          if (records != NULL && is_dkim_record (records))
            set_result (f, MJ_DIAGNOSTIC_STATUS_OK, "dkim-ok", f->query);
          else if (f->text == NULL || !g_str_equal (f->text->id, "dkim-ok"))
            set_result (f, MJ_DIAGNOSTIC_STATUS_WARN, "dkim-missing", NULL);
          break;
        case MJ_DOMAIN_CHECK_MX:
          if (records != NULL)
            {
              g_autofree char *list = mx_list (records);

              set_result (f, MJ_DIAGNOSTIC_STATUS_OK, "mx-ok", list);
            }
          else
            set_result (f, MJ_DIAGNOSTIC_STATUS_FAIL, "mx-missing", NULL);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
  lookup_done (ld);
}

static void
start_lookup (GTask              *task,
              guint               slot,
              const char         *name,
              GResolverRecordType type)
{
  RunData *data = g_task_get_task_data (task);
  LookupData *ld = g_new0 (LookupData, 1);

  ld->task = g_object_ref (task);
  ld->slot = slot;
  data->pending++;
  g_resolver_lookup_records_async (data->resolver, name, type,
                                   data->internal, records_cb, ld);
}

static gboolean
timeout_cb (gpointer user_data)
{
  RunData *data = user_data;

  g_cancellable_cancel (data->internal);
  g_clear_pointer (&data->timeout, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

void
mj_domain_check_run_async (const char          *sender_domain,
                           gboolean             microsoft365,
                           const char * const  *recipient_domains,
                           guint                timeout_seconds,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_domain_check_run_async);

  data = g_new0 (RunData, 1);
  data->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_domain_finding_free);
  data->internal = g_cancellable_new ();
  data->resolver = g_resolver_get_default ();
  data->microsoft365 = microsoft365;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  if (cancellable != NULL)
    data->caller_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (data->internal),
                                                    g_object_unref);

  data->timeout = g_timeout_source_new_seconds (timeout_seconds ? timeout_seconds : 10);
  g_source_set_callback (data->timeout, timeout_cb, data, NULL);
  g_source_attach (data->timeout, g_main_context_get_thread_default ());

  /* Hold one count while starting, so that an instant answer cannot end
   * the run before every lookup has been started. */
  data->pending = 1;

  if (sender_domain != NULL && sender_domain[0] != '\0')
    {
      g_autofree char *dmarc = g_strconcat ("_dmarc.", sender_domain, NULL);

      g_ptr_array_add (data->findings, finding_new (MJ_DOMAIN_CHECK_SPF, sender_domain, sender_domain));
      start_lookup (task, data->findings->len - 1, sender_domain, G_RESOLVER_RECORD_TXT);
      g_ptr_array_add (data->findings, finding_new (MJ_DOMAIN_CHECK_DMARC, sender_domain, dmarc));
      start_lookup (task, data->findings->len - 1, dmarc, G_RESOLVER_RECORD_TXT);

      if (microsoft365)
        {
          g_autofree char *sel1 = g_strconcat ("selector1._domainkey.", sender_domain, NULL);
          g_autofree char *sel2 = g_strconcat ("selector2._domainkey.", sender_domain, NULL);

          /* GResolver has no CNAME lookup; asking for TXT follows the CNAME
           * to the key Microsoft publishes. */
          g_ptr_array_add (data->findings, finding_new (MJ_DOMAIN_CHECK_DKIM, sender_domain, sel1));
          start_lookup (task, data->findings->len - 1, sel1, G_RESOLVER_RECORD_TXT);
          start_lookup (task, data->findings->len - 1, sel2, G_RESOLVER_RECORD_TXT);
        }
    }

  for (guint i = 0; recipient_domains != NULL && recipient_domains[i] != NULL; i++)
    {
      g_ptr_array_add (data->findings,
                       finding_new (MJ_DOMAIN_CHECK_MX, recipient_domains[i], recipient_domains[i]));
      start_lookup (task, data->findings->len - 1, recipient_domains[i], G_RESOLVER_RECORD_MX);
    }

  {
    LookupData *ld = g_new0 (LookupData, 1);

    ld->task = g_object_ref (task);
    lookup_done (ld);
  }
}

GPtrArray *
mj_domain_check_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
