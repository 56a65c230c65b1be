#define G_LOG_DOMAIN "mj-provider"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-core-resources.h"
#include "mj-i18n.h"
#include "mj-provider.h"

#define PROVIDERS_RESOURCE RESOURCE_BASE "/core/providers.ini"

struct _MjProvider
{
  GObject parent_instance;

  char *id;
  char *name;
  char *host;
  guint port;
  MjSecurity security;
  GStrv auth_methods;
  char *password_kind;
  char *app_password_url;
  guint64 max_message_bytes;
  guint messages_per_minute;
  guint recipients_per_day;
  guint recipients_per_message;
  char *guide_id;
  GStrv domains;
  GStrv mx_suffixes;
  GStrv mx_host_suffixes;   /* mx-hosts: parallel arrays */
  GStrv mx_host_hosts;
};

G_DEFINE_TYPE (MjProvider, mj_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_AUTH_METHODS,
  PROP_PASSWORD_KIND,
  PROP_APP_PASSWORD_URL,
  PROP_MAX_MESSAGE_BYTES,
  PROP_MESSAGES_PER_MINUTE,
  PROP_RECIPIENTS_PER_DAY,
  PROP_RECIPIENTS_PER_MESSAGE,
  PROP_DOMAINS,
  PROP_MX_SUFFIXES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The display names, so that xgettext sees them. Keyed by the ini group;
 * the ini's own `name` is the fallback for a preset added without code. */
static const struct {
  const char *id;
  const char *name;
} provider_names[] = {
  /* Translators: an e-mail provider in the account wizard. */
  { "outlook.com", N_("Outlook.com (personal Microsoft account)") },
  /* Translators: an e-mail provider in the account wizard. */
  { "microsoft365", N_("Microsoft 365 (work or school account)") },
  { "gmail", N_("Gmail") },
  /* Translators: an e-mail provider in the account wizard (Google's mail for
   * organisations with their own domain). */
  { "google-workspace", N_("Google Workspace") },
  { "yahoo", N_("Yahoo Mail") },
  { "icloud", N_("iCloud Mail") },
  { "ionos", N_("IONOS") },
  { "zoho", N_("Zoho Mail") },
  /* Translators: an e-mail provider in the account wizard: Zoho's European
   * data centre (zoho.eu). */
  { "zoho-eu", N_("Zoho Mail (Europe)") },
  /* Translators: an e-mail provider in the account wizard: Zoho's Indian
   * data centre (zoho.in). */
  { "zoho-in", N_("Zoho Mail (India)") },
  { "gmx", N_("GMX") },
  /* Translators: an e-mail provider in the account wizard: GMX of gmx.net,
   * gmx.de, gmx.at and gmx.ch, which uses other servers than gmx.com. */
  { "gmx.net", N_("GMX (Germany, Austria, Switzerland)") },
  /* Translators: the provider choice for any server not in the list. */
  { "generic", N_("Other mail server") },
};

G_DEFINE_ENUM_TYPE (MjSecurity, mj_security,
  G_DEFINE_ENUM_VALUE (MJ_SECURITY_STARTTLS, "starttls"),
  G_DEFINE_ENUM_VALUE (MJ_SECURITY_TLS, "tls"))

G_DEFINE_ENUM_TYPE (MjAuthMethod, mj_auth_method,
  G_DEFINE_ENUM_VALUE (MJ_AUTH_PASSWORD, "password"),
  G_DEFINE_ENUM_VALUE (MJ_AUTH_OAUTH2, "oauth2"))

/**
 * mj_security_to_string:
 *
 * Returns: "starttls" or "tls".
 */
const char *
mj_security_to_string (MjSecurity security)
{
  return security == MJ_SECURITY_TLS ? "tls" : "starttls";
}

/**
 * mj_security_from_string:
 * @text: "starttls", "tls" (also "ssl")
 * @security: (out): the value
 *
 * Returns: %FALSE when @text names no security mode.
 */
gboolean
mj_security_from_string (const char *text,
                         MjSecurity *security)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "starttls") == 0)
    *security = MJ_SECURITY_STARTTLS;
  else if (g_ascii_strcasecmp (text, "tls") == 0 || g_ascii_strcasecmp (text, "ssl") == 0)
    *security = MJ_SECURITY_TLS;
  else
    return FALSE;
  return TRUE;
}

/**
 * mj_auth_method_to_string:
 *
 * Returns: "password" or "oauth2".
 */
const char *
mj_auth_method_to_string (MjAuthMethod method)
{
  return method == MJ_AUTH_OAUTH2 ? "oauth2" : "password";
}

/**
 * mj_auth_method_from_string:
 * @text: "password" or "oauth2"
 * @method: (out): the value
 *
 * Returns: %FALSE when @text names no method.
 */
gboolean
mj_auth_method_from_string (const char   *text,
                            MjAuthMethod *method)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "password") == 0)
    *method = MJ_AUTH_PASSWORD;
  else if (g_ascii_strcasecmp (text, "oauth2") == 0)
    *method = MJ_AUTH_OAUTH2;
  else
    return FALSE;
  return TRUE;
}

static void
mj_provider_finalize (GObject *object)
{
  MjProvider *self = MJ_PROVIDER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->host);
  g_strfreev (self->auth_methods);
  g_free (self->password_kind);
  g_free (self->app_password_url);
  g_free (self->guide_id);
  g_strfreev (self->domains);
  g_strfreev (self->mx_suffixes);
  g_strfreev (self->mx_host_suffixes);
  g_strfreev (self->mx_host_hosts);

  G_OBJECT_CLASS (mj_provider_parent_class)->finalize (object);
}

static void
mj_provider_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MjProvider *self = MJ_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_AUTH_METHODS:
      g_value_set_boxed (value, self->auth_methods);
      break;
    case PROP_PASSWORD_KIND:
      g_value_set_string (value, self->password_kind);
      break;
    case PROP_APP_PASSWORD_URL:
      g_value_set_string (value, self->app_password_url);
      break;
    case PROP_MAX_MESSAGE_BYTES:
      g_value_set_uint64 (value, self->max_message_bytes);
      break;
    case PROP_MESSAGES_PER_MINUTE:
      g_value_set_uint (value, self->messages_per_minute);
      break;
    case PROP_RECIPIENTS_PER_DAY:
      g_value_set_uint (value, self->recipients_per_day);
      break;
    case PROP_RECIPIENTS_PER_MESSAGE:
      g_value_set_uint (value, self->recipients_per_message);
      break;
    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains);
      break;
    case PROP_MX_SUFFIXES:
      g_value_set_boxed (value, self->mx_suffixes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_provider_class_init (MjProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mj_provider_finalize;
  object_class->get_property = mj_provider_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 587, flags);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, MJ_TYPE_SECURITY,
                                                 MJ_SECURITY_STARTTLS, flags);
  properties[PROP_AUTH_METHODS] = g_param_spec_boxed ("auth-methods", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PASSWORD_KIND] = g_param_spec_string ("password-kind", NULL, NULL, NULL, flags);
  properties[PROP_APP_PASSWORD_URL] = g_param_spec_string ("app-password-url", NULL, NULL, NULL, flags);
  properties[PROP_MAX_MESSAGE_BYTES] = g_param_spec_uint64 ("max-message-bytes", NULL, NULL,
                                                            0, G_MAXUINT64, 0, flags);
  properties[PROP_MESSAGES_PER_MINUTE] = g_param_spec_uint ("messages-per-minute", NULL, NULL,
                                                            0, G_MAXUINT, 0, flags);
  properties[PROP_RECIPIENTS_PER_DAY] = g_param_spec_uint ("recipients-per-day", NULL, NULL,
                                                           0, G_MAXUINT, 0, flags);
  properties[PROP_RECIPIENTS_PER_MESSAGE] = g_param_spec_uint ("recipients-per-message", NULL, NULL,
                                                               0, G_MAXUINT, 0, flags);
  properties[PROP_DOMAINS] = g_param_spec_boxed ("domains", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_MX_SUFFIXES] = g_param_spec_boxed ("mx-suffixes", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_provider_init (MjProvider *self)
{
}

static GStrv
read_list (GKeyFile   *kf,
           const char *group,
           const char *key)
{
  GStrv list = g_key_file_get_string_list (kf, group, key, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_strstrip (list[i]);
      if (list[i][0] != '\0')
        g_strv_builder_add (builder, list[i]);
    }
  g_strfreev (list);
  return g_strv_builder_end (builder);
}

/* Host names and domains: lower case, no trailing dot. */
static void
normalize_names (GStrv list)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      char *lower = g_ascii_strdown (list[i], -1);
      gsize len = strlen (lower);

      while (len > 0 && lower[len - 1] == '.')
        lower[--len] = '\0';
      g_free (list[i]);
      list[i] = lower;
    }
}

/* An MX suffix always starts with a dot, so that ".mx.microsoft" can never
 * match "evilmx.microsoft". */
static char *
dotted_suffix (const char *suffix)
{
  return suffix[0] == '.' ? g_strdup (suffix) : g_strconcat (".", suffix, NULL);
}

static GStrv
read_suffixes (GKeyFile   *kf,
               const char *group,
               const char *key)
{
  g_auto(GStrv) list = read_list (kf, group, key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  normalize_names (list);
  for (guint i = 0; list[i] != NULL; i++)
    if (list[i][0] != '\0')
      {
        g_autofree char *suffix = dotted_suffix (list[i]);

        g_strv_builder_add (builder, suffix);
      }
  return g_strv_builder_end (builder);
}

/* mx-hosts=SUFFIX=HOST;… into two parallel lists. */
static void
read_mx_hosts (GKeyFile    *kf,
               const char  *group,
               GStrv       *suffixes,
               GStrv       *hosts)
{
  g_auto(GStrv) list = read_list (kf, group, "mx-hosts");
  g_autoptr(GStrvBuilder) s = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) h = g_strv_builder_new ();

  normalize_names (list);
  for (guint i = 0; list[i] != NULL; i++)
    {
      char *eq = strchr (list[i], '=');

      if (eq == NULL || eq == list[i] || eq[1] == '\0')
        {
          g_critical ("providers.ini [%s]: mx-hosts entry “%s” is not SUFFIX=HOST", group, list[i]);
          continue;
        }
      {
        g_autofree char *suffix = NULL;

        *eq = '\0';
        suffix = dotted_suffix (list[i]);
        g_strv_builder_add (s, suffix);
        g_strv_builder_add (h, eq + 1);
      }
    }
  *suffixes = g_strv_builder_end (s);
  *hosts = g_strv_builder_end (h);
}

static char *
read_string (GKeyFile   *kf,
             const char *group,
             const char *key)
{
  char *value = g_key_file_get_string (kf, group, key, NULL);

  if (value != NULL)
    g_strstrip (value);
  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static guint64
read_number (GKeyFile   *kf,
             const char *group,
             const char *key)
{
  g_autofree char *text = read_string (kf, group, key);

  return text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;
}

static MjProvider *
provider_from_group (GKeyFile   *kf,
                     const char *group)
{
  MjProvider *self = g_object_new (MJ_TYPE_PROVIDER, NULL);
  g_autofree char *security = read_string (kf, group, "security");

  self->id = g_strdup (group);
  self->name = read_string (kf, group, "name");
  if (self->name == NULL)
    self->name = g_strdup (group);
  /* Never NULL: the generic preset has an empty host. */
  self->host = read_string (kf, group, "host");
  if (self->host == NULL)
    self->host = g_strdup ("");
  self->port = (guint) MIN (read_number (kf, group, "port"), 65535);
  if (self->port == 0)
    self->port = 587;
  if (!mj_security_from_string (security, &self->security))
    self->security = MJ_SECURITY_STARTTLS;
  self->auth_methods = read_list (kf, group, "auth");
  if (self->auth_methods[0] == NULL)
    {
      g_strfreev (self->auth_methods);
      self->auth_methods = g_strsplit ("password", ";", -1);
    }
  self->password_kind = read_string (kf, group, "password-kind");
  if (self->password_kind == NULL)
    self->password_kind = g_strdup ("password");
  self->app_password_url = read_string (kf, group, "app-password-url");
  self->max_message_bytes = read_number (kf, group, "max-message-bytes");
  self->messages_per_minute = (guint) read_number (kf, group, "messages-per-minute");
  self->recipients_per_day = (guint) read_number (kf, group, "recipients-per-day");
  self->recipients_per_message = (guint) read_number (kf, group, "recipients-per-message");
  self->guide_id = read_string (kf, group, "guide");
  self->domains = read_list (kf, group, "domains");
  normalize_names (self->domains);
  self->mx_suffixes = read_suffixes (kf, group, "mx-suffixes");
  read_mx_hosts (kf, group, &self->mx_host_suffixes, &self->mx_host_hosts);
  return self;
}

static GPtrArray *
load_providers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  MjProvider *generic = NULL;

  /* Registering explicitly keeps the resource linked in from the static
   * library even when nothing else references it. */
  bytes = g_resources_lookup_data (PROVIDERS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_resources_register (mj_core_get_resource ());
      bytes = g_resources_lookup_data (PROVIDERS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
    }
  if (bytes == NULL ||
      !g_key_file_load_from_data (kf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  G_KEY_FILE_NONE, &error))
    {
      g_critical ("Cannot read the provider presets: %s", error->message);
      return all;
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      MjProvider *provider = provider_from_group (kf, groups[i]);

      if (g_str_equal (provider->id, "generic"))
        generic = provider;
      else
        g_ptr_array_add (all, provider);
    }
  if (generic != NULL)
    g_ptr_array_add (all, generic);
  return all;
}

/**
 * mj_provider_get_all:
 *
 * Returns: (transfer none) (element-type MjProvider): every preset in file
 *   order, "generic" last.
 */
GPtrArray *
mj_provider_get_all (void)
{
  static GPtrArray *all;

  if (g_once_init_enter (&all))
    g_once_init_leave (&all, load_providers ());
  return all;
}

/**
 * mj_provider_lookup:
 * @id: a preset id ("outlook.com", "gmail", …)
 *
 * Returns: (transfer none) (nullable): the preset, or %NULL.
 */
MjProvider *
mj_provider_lookup (const char *id)
{
  GPtrArray *all = mj_provider_get_all ();

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      MjProvider *provider = g_ptr_array_index (all, i);

      if (g_str_equal (provider->id, id))
        return provider;
    }
  return NULL;
}

const char *
mj_provider_get_id (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return self->id;
}

/**
 * mj_provider_get_name:
 *
 * Returns: the English name (the msgid).
 */
const char *
mj_provider_get_name (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (provider_names); i++)
    if (g_str_equal (provider_names[i].id, self->id))
      return provider_names[i].name;
  return self->name;
}

/**
 * mj_provider_get_name_for_lang:
 * @lang: "en" or "es"
 *
 * Returns: the name in @lang.
 */
const char *
mj_provider_get_name_for_lang (MjProvider *self,
                               const char *lang)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return mj_i18n_translate (lang, mj_provider_get_name (self));
}

/**
 * mj_provider_get_display_name:
 *
 * Returns: the name in the UI language.
 */
const char *
mj_provider_get_display_name (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return mj_i18n_ui (mj_provider_get_name (self));
}

const char *
mj_provider_get_host (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return self->host;
}

guint
mj_provider_get_port (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), 0);
  return self->port;
}

MjSecurity
mj_provider_get_security (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), MJ_SECURITY_STARTTLS);
  return self->security;
}

const char * const *
mj_provider_get_auth_methods (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return (const char * const *) self->auth_methods;
}

/**
 * mj_provider_supports_auth:
 *
 * Returns: whether the provider accepts @method for SMTP.
 */
gboolean
mj_provider_supports_auth (MjProvider   *self,
                           MjAuthMethod  method)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), FALSE);
  return g_strv_contains ((const char * const *) self->auth_methods,
                          mj_auth_method_to_string (method));
}

MjAuthMethod
mj_provider_get_preferred_auth (MjProvider *self)
{
  MjAuthMethod method = MJ_AUTH_PASSWORD;

  g_return_val_if_fail (MJ_IS_PROVIDER (self), MJ_AUTH_PASSWORD);
  if (self->auth_methods[0] != NULL)
    mj_auth_method_from_string (self->auth_methods[0], &method);
  return method;
}

const char *
mj_provider_get_password_kind (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return self->password_kind;
}

const char *
mj_provider_get_app_password_url (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return self->app_password_url;
}

guint64
mj_provider_get_max_message_bytes (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), 0);
  return self->max_message_bytes;
}

guint
mj_provider_get_messages_per_minute (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), 0);
  return self->messages_per_minute;
}

guint
mj_provider_get_recipients_per_day (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), 0);
  return self->recipients_per_day;
}

guint
mj_provider_get_recipients_per_message (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), 0);
  return self->recipients_per_message;
}

const char * const *
mj_provider_get_domains (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return (const char * const *) self->domains;
}

const char * const *
mj_provider_get_mx_suffixes (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return (const char * const *) self->mx_suffixes;
}

/* TRUE when @host is @suffix without its leading dot, or ends with it. */
static gboolean
host_has_suffix (const char *host,
                 const char *suffix)
{
  return g_str_has_suffix (host, suffix) || g_str_equal (host, suffix + 1);
}

/**
 * mj_provider_match_mx:
 * @host: an MX host, lower case, without trailing dot
 *
 * Returns: the length of the longest `mx-suffixes` entry @host matches
 *   ("x.olc.protection.outlook.com" matches ".olc.protection.outlook.com"),
 *   or 0 when it matches none, so that the most specific provider wins.
 */
gsize
mj_provider_match_mx (MjProvider *self,
                      const char *host)
{
  gsize best = 0;

  g_return_val_if_fail (MJ_IS_PROVIDER (self), 0);
  g_return_val_if_fail (host != NULL, 0);

  for (guint i = 0; self->mx_suffixes[i] != NULL; i++)
    if (host_has_suffix (host, self->mx_suffixes[i]))
      best = MAX (best, strlen (self->mx_suffixes[i]));
  return best;
}

/**
 * mj_provider_get_host_for_mx:
 * @mx_host: (nullable): the MX host that identified the provider, lower
 *   case, without trailing dot
 *
 * Returns: the submission server for a domain with that MX: the `mx-hosts`
 *   entry it matches (regional or business servers), else the preset's host.
 */
const char *
mj_provider_get_host_for_mx (MjProvider *self,
                             const char *mx_host)
{
  const char *best = NULL;
  gsize best_len = 0;

  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);

  for (guint i = 0; mx_host != NULL && self->mx_host_suffixes[i] != NULL; i++)
    {
      gsize len = strlen (self->mx_host_suffixes[i]);

      if (len > best_len && host_has_suffix (mx_host, self->mx_host_suffixes[i]))
        {
          best = self->mx_host_hosts[i];
          best_len = len;
        }
    }
  return best != NULL ? best : self->host;
}

/**
 * mj_provider_is_submission_host:
 * @host: a host name, lower case, without trailing dot
 *
 * Returns: whether @host is one of this provider's submission servers (its
 *   `host` or an `mx-hosts` server), for RFC 6186 SRV targets.
 */
gboolean
mj_provider_is_submission_host (MjProvider *self,
                                const char *host)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  if (self->host[0] != '\0' && g_ascii_strcasecmp (self->host, host) == 0)
    return TRUE;
  for (guint i = 0; self->mx_host_hosts[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->mx_host_hosts[i], host) == 0)
      return TRUE;
  return FALSE;
}

/**
 * mj_provider_get_guide_id:
 *
 * Returns: the id of the app-password guide for this preset: the `guide`
 *   key, else the preset's own id.
 */
const char *
mj_provider_get_guide_id (MjProvider *self)
{
  g_return_val_if_fail (MJ_IS_PROVIDER (self), NULL);
  return self->guide_id != NULL ? self->guide_id : self->id;
}
