#define G_LOG_DOMAIN "mj-detector"

#include "config.h"

#include <string.h>

#include "mj-detector.h"
#include "mj-error.h"
#include "mj-i18n.h"

/*
 * Provider detection for the account wizard and `account detect`.
 *
 * Order: the domain table of data/providers.ini (no network: most small
 * businesses use hotmail.es, gmail.com…), then the domain's MX records (a
 * custom domain hosted by Microsoft 365 has MX
 * DOMAIN.mail.protection.outlook.com, one hosted by Outlook.com
 * *.olc.protection.outlook.com), then RFC 6186/8314 SRV records
 * (`_submissions._tcp` implicit TLS preferred as RFC 8314 §5.1 asks, then
 * `_submission._tcp`), else the generic preset. Everything goes through
 * g_resolver_get_default() so tests can install a stand-in.
 */

#define DNS_TIMEOUT_SECONDS 8

struct _MjDetection
{
  GObject parent_instance;

  char *address;
  char *domain;
  MjProvider *provider;
  char *host;
  guint port;
  MjSecurity security;
  GStrv auth_methods;
  MjDetectSource source;
  char *seen_host;
};

G_DEFINE_FINAL_TYPE (MjDetection, mj_detection, G_TYPE_OBJECT)

static void
mj_detection_finalize (GObject *object)
{
  MjDetection *self = MJ_DETECTION (object);

  g_free (self->address);
  g_free (self->domain);
  g_clear_object (&self->provider);
  g_free (self->host);
  g_strfreev (self->auth_methods);
  g_free (self->seen_host);

  G_OBJECT_CLASS (mj_detection_parent_class)->finalize (object);
}

static void
mj_detection_class_init (MjDetectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mj_detection_finalize;
}

static void
mj_detection_init (MjDetection *self)
{
}

const char *
mj_detect_source_to_string (MjDetectSource source)
{
  switch (source)
    {
    case MJ_DETECT_SOURCE_DOMAIN:
      return "domain";
    case MJ_DETECT_SOURCE_MX:
      return "mx";
    case MJ_DETECT_SOURCE_SRV:
      return "srv";
    case MJ_DETECT_SOURCE_MANUAL:
    default:
      return "manual";
    }
}

const char *
mj_detection_get_address (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return self->address;
}

const char *
mj_detection_get_domain (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return self->domain;
}

MjProvider *
mj_detection_get_provider (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return self->provider;
}

const char *
mj_detection_get_provider_id (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return mj_provider_get_id (self->provider);
}

const char *
mj_detection_get_display_name (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return mj_provider_get_display_name (self->provider);
}

const char *
mj_detection_get_host (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return self->host;
}

guint
mj_detection_get_port (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), 0);
  return self->port;
}

MjSecurity
mj_detection_get_security (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), MJ_SECURITY_STARTTLS);
  return self->security;
}

const char * const *
mj_detection_get_auth_methods (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return (const char * const *) self->auth_methods;
}

MjAuthMethod
mj_detection_get_preferred_auth (MjDetection *self)
{
  MjAuthMethod method = MJ_AUTH_PASSWORD;

  g_return_val_if_fail (MJ_IS_DETECTION (self), MJ_AUTH_PASSWORD);

  if (self->auth_methods != NULL && self->auth_methods[0] != NULL)
    mj_auth_method_from_string (self->auth_methods[0], &method);
  return method;
}

MjDetectSource
mj_detection_get_source (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), MJ_DETECT_SOURCE_MANUAL);
  return self->source;
}

const char *
mj_detection_get_seen_host (MjDetection *self)
{
  g_return_val_if_fail (MJ_IS_DETECTION (self), NULL);
  return self->seen_host;
}

static MjDetection *
detection_new (const char     *address,
               const char     *domain,
               MjProvider     *provider,
               MjDetectSource  source,
               const char     *seen_host)
{
  MjDetection *self = g_object_new (MJ_TYPE_DETECTION, NULL);

  self->address = g_strdup (address);
  self->domain = g_strdup (domain);
  self->provider = g_object_ref (provider);
  /* Never NULL: the generic preset has no host (the user types it). */
  self->host = g_strdup (mj_provider_get_host (provider) != NULL
                         ? mj_provider_get_host (provider) : "");
  self->port = mj_provider_get_port (provider);
  self->security = mj_provider_get_security (provider);
  self->auth_methods = g_strdupv ((char **) mj_provider_get_auth_methods (provider));
  self->source = source;
  self->seen_host = g_strdup (seen_host);
  return self;
}

/* Lower-case, no trailing dot, IDN as ASCII, and only host-name
 * characters; NULL when @address has no usable domain. */
static char *
domain_of (const char *address)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *ascii = NULL;
  const char *at;
  const char *start;
  gsize len;

  if (address == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (address));
  at = strrchr (trimmed, '@');
  start = at != NULL ? at + 1 : trimmed;
  if (at != NULL && at == trimmed)
    return NULL;
  if (*start == '\0')
    return NULL;

  ascii = g_hostname_to_ascii (start);
  if (ascii == NULL)
    return NULL;
  len = strlen (ascii);
  while (len > 0 && ascii[len - 1] == '.')
    ascii[--len] = '\0';
  if (len == 0 || len > 253 || ascii[0] == '.' || ascii[0] == '-' ||
      strstr (ascii, "..") != NULL || strchr (ascii, '.') == NULL)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      char c = ascii[i];

      if (!g_ascii_isalnum (c) && c != '-' && c != '.')
        return NULL;
    }

  return g_ascii_strdown (ascii, -1);
}

/* The domain tables are exact: every Outlook.com country variant is listed
 * (Thunderbird's ISPDB list), and a domain not listed is found by its MX
 * record. No prefix guessing: "live.example.org", "yahoo.co.jp" (Yahoo
 * Japan, another company) or "hotmail.evil.example" must not get a preset
 * that offers no way out (Outlook.com has no password path). */
static MjProvider *
lookup_domain (const char *domain)
{
  GPtrArray *all = mj_provider_get_all ();

  for (guint i = 0; i < all->len; i++)
    {
      MjProvider *provider = g_ptr_array_index (all, i);
      const char * const *domains = mj_provider_get_domains (provider);

      for (guint j = 0; domains != NULL && domains[j] != NULL; j++)
        if (g_str_equal (domains[j], domain))
          return provider;
    }

  return NULL;
}

MjProvider *
mj_detector_lookup_domain (const char *address)
{
  g_autofree char *domain = domain_of (address);

  if (domain == NULL)
    return NULL;
  return lookup_domain (domain);
}

/* The provider whose MX suffix @host ends with ("x.olc.protection.outlook.com"
 * ends with ".olc.protection.outlook.com"); the longest suffix wins. @host
 * is lower case without trailing dot (normalize_host()). */
static MjProvider *
lookup_mx_host (const char *host)
{
  GPtrArray *all = mj_provider_get_all ();
  MjProvider *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < all->len; i++)
    {
      MjProvider *provider = g_ptr_array_index (all, i);
      gsize len = mj_provider_match_mx (provider, host);

      if (len > best_len)
        {
          best = provider;
          best_len = len;
        }
    }

  return best;
}

/* A SRV target that is a known provider's submission host. */
static MjProvider *
lookup_submission_host (const char *host)
{
  GPtrArray *all = mj_provider_get_all ();

  for (guint i = 0; i < all->len; i++)
    {
      MjProvider *provider = g_ptr_array_index (all, i);

      if (mj_provider_is_submission_host (provider, host))
        return provider;
    }
  return NULL;
}

static char *
normalize_host (const char *host)
{
  char *copy = g_ascii_strdown (host, -1);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '.')
    copy[--len] = '\0';
  return copy;
}

typedef struct {
  char *address;
  char *domain;
  GCancellable *user_cancellable;  /* may be NULL */
  GCancellable *dns_cancellable;   /* cancelled by the user or the timeout */
  gulong cancelled_id;
  GSource *timeout;
  guint srv_step;                  /* 0: _submissions, 1: _submission */
} DetectData;

static void
detect_data_free (DetectData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->user_cancellable, data->cancelled_id);
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_clear_object (&data->user_cancellable);
  g_clear_object (&data->dns_cancellable);
  g_free (data->address);
  g_free (data->domain);
  g_free (data);
}

static gboolean
dns_timeout_cb (gpointer user_data)
{
  DetectData *data = user_data;

  g_debug ("DNS lookups for %s timed out", data->domain);
  g_cancellable_cancel (data->dns_cancellable);
  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* TRUE (and the task returned) when the user cancelled. A timeout is not an
 * error: detection goes on with what it has. */
static gboolean
return_if_user_cancelled (GTask *task)
{
  DetectData *data = g_task_get_task_data (task);

  if (data->user_cancellable != NULL && g_cancellable_is_cancelled (data->user_cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               M_("Provider detection was cancelled"));
      return TRUE;
    }
  return FALSE;
}

static void
return_manual (GTask *task)
{
  DetectData *data = g_task_get_task_data (task);
  MjProvider *generic = mj_provider_lookup ("generic");

  g_task_return_pointer (task,
                         detection_new (data->address, data->domain, generic,
                                        MJ_DETECT_SOURCE_MANUAL, NULL),
                         g_object_unref);
}

static void lookup_next_srv (GTask *task);

static gint
compare_srv (gconstpointer a,
             gconstpointer b)
{
  GVariant *va = *(GVariant **) a;
  GVariant *vb = *(GVariant **) b;
  guint16 pa, pb, wa, wb;

  g_variant_get (va, "(qqq&s)", &pa, &wa, NULL, NULL);
  g_variant_get (vb, "(qqq&s)", &pb, &wb, NULL, NULL);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  /* Same priority: the heavier first (no randomness, the wizard proposes
   * one server). */
  return wa == wb ? 0 : (wa > wb ? -1 : 1);
}

static void
srv_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DetectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GList *list;

  list = g_resolver_lookup_records_finish (G_RESOLVER (source), result, &error);
  if (return_if_user_cancelled (task))
    {
      g_list_free_full (list, (GDestroyNotify) g_variant_unref);
      return;
    }
  if (list == NULL)
    {
      g_debug ("no SRV for %s (step %u): %s", data->domain, data->srv_step,
               error != NULL ? error->message : "empty");
      data->srv_step++;
      lookup_next_srv (g_steal_pointer (&task));
      return;
    }

  for (GList *l = list; l != NULL; l = l->next)
    {
      if (g_variant_is_of_type (l->data, G_VARIANT_TYPE ("(qqqs)")))
        g_ptr_array_add (records, l->data);
      else
        g_variant_unref (l->data);
    }
  g_list_free (list);
  g_ptr_array_sort (records, compare_srv);

  for (guint i = 0; i < records->len; i++)
    {
      guint16 priority, weight, port;
      const char *target;
      g_autofree char *host = NULL;
      MjProvider *provider;
      MjProvider *known;
      MjDetection *detection;

      g_variant_get (g_ptr_array_index (records, i), "(qqq&s)", &priority, &weight, &port, &target);
      host = normalize_host (target);
      /* RFC 6186 §3: a target of "." means "not offered here". */
      if (host[0] == '\0' || port == 0)
        continue;

      known = lookup_submission_host (host);
      if (known == NULL)
        known = lookup_mx_host (host);
      provider = known != NULL ? known : mj_provider_lookup ("generic");
      detection = detection_new (data->address, data->domain, provider,
                                 MJ_DETECT_SOURCE_SRV, host);
      /* The record is the domain owner's word on where to submit. */
      g_free (detection->host);
      detection->host = g_strdup (host);
      detection->port = port;
      detection->security = data->srv_step == 0 ? MJ_SECURITY_TLS : MJ_SECURITY_STARTTLS;
      g_task_return_pointer (task, detection, g_object_unref);
      return;
    }

  data->srv_step++;
  lookup_next_srv (g_steal_pointer (&task));
}

static void
lookup_next_srv (GTask *task)
{
  DetectData *data = g_task_get_task_data (task);
  static const char * const services[] = { "_submissions._tcp.", "_submission._tcp." };
  g_autofree char *rrname = NULL;

  if (data->srv_step >= G_N_ELEMENTS (services) ||
      g_cancellable_is_cancelled (data->dns_cancellable))
    {
      return_manual (task);
      g_object_unref (task);
      return;
    }

  rrname = g_strconcat (services[data->srv_step], data->domain, NULL);
  g_resolver_lookup_records_async (g_resolver_get_default (), rrname,
                                   G_RESOLVER_RECORD_SRV, data->dns_cancellable,
                                   srv_done, task);
}

static gint
compare_mx (gconstpointer a,
            gconstpointer b)
{
  GVariant *va = *(GVariant **) a;
  GVariant *vb = *(GVariant **) b;
  guint16 pa, pb;

  g_variant_get (va, "(q&s)", &pa, NULL);
  g_variant_get (vb, "(q&s)", &pb, NULL);
  return pa == pb ? 0 : (pa < pb ? -1 : 1);
}

static void
mx_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DetectData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GList *list;

  list = g_resolver_lookup_records_finish (G_RESOLVER (source), result, &error);
  if (return_if_user_cancelled (task))
    {
      g_list_free_full (list, (GDestroyNotify) g_variant_unref);
      return;
    }
  if (list == NULL)
    g_debug ("no MX for %s: %s", data->domain, error != NULL ? error->message : "empty");

  for (GList *l = list; l != NULL; l = l->next)
    {
      if (g_variant_is_of_type (l->data, G_VARIANT_TYPE ("(qs)")))
        g_ptr_array_add (records, l->data);
      else
        g_variant_unref (l->data);
    }
  g_list_free (list);
  g_ptr_array_sort (records, compare_mx);

  for (guint i = 0; i < records->len; i++)
    {
      guint16 preference;
      const char *exchange;
      g_autofree char *host = NULL;
      MjProvider *provider;

      g_variant_get (g_ptr_array_index (records, i), "(q&s)", &preference, &exchange);
      host = normalize_host (exchange);
      provider = lookup_mx_host (host);
      if (provider != NULL)
        {
          MjDetection *detection = detection_new (data->address, data->domain, provider,
                                                  MJ_DETECT_SOURCE_MX, host);

          /* Regional or business servers (IONOS per country, Zoho's
           * smtppro for organisation domains). */
          g_free (detection->host);
          detection->host = g_strdup (mj_provider_get_host_for_mx (provider, host));
          g_task_return_pointer (task, detection, g_object_unref);
          return;
        }
    }

  lookup_next_srv (g_steal_pointer (&task));
}

void
mj_detector_detect_async (const char          *address,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *domain = NULL;
  DetectData *data;
  MjProvider *provider;

  g_return_if_fail (address != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_detector_detect_async);

  domain = domain_of (address);
  if (domain == NULL)
    {
      g_task_return_new_error (task, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS,
                               /* Translators: %s is what the user typed. */
                               M_("“%s” is not an e-mail address with a domain (like name@example.com)"),
                               address);
      return;
    }

  provider = lookup_domain (domain);
  if (provider != NULL)
    {
      g_task_return_pointer (task,
                             detection_new (address, domain, provider,
                                            MJ_DETECT_SOURCE_DOMAIN, NULL),
                             g_object_unref);
      return;
    }

  data = g_new0 (DetectData, 1);
  data->address = g_strstrip (g_strdup (address));
  data->domain = g_steal_pointer (&domain);
  data->dns_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->user_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                  g_object_ref (data->dns_cancellable),
                                                  g_object_unref);
    }
  data->timeout = g_timeout_source_new_seconds (DNS_TIMEOUT_SECONDS);
  g_source_set_callback (data->timeout, dns_timeout_cb, data, NULL);
  g_source_attach (data->timeout, g_main_context_get_thread_default ());
  g_task_set_task_data (task, data, (GDestroyNotify) detect_data_free);

  g_resolver_lookup_records_async (g_resolver_get_default (), data->domain,
                                   G_RESOLVER_RECORD_MX, data->dns_cancellable,
                                   mx_done, g_steal_pointer (&task));
}

MjDetection *
mj_detector_detect_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

MjDetection *
mj_detector_detect_sync (const char    *address,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  mj_detector_detect_async (address, cancellable, sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return mj_detector_detect_finish (result, error);
}
