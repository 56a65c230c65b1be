#define G_LOG_DOMAIN "mj-account"

#include "config.h"

#include <string.h>

#include "mj-account.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-message.h"

struct _MjAccount
{
  GObject parent_instance;

  char *name;
  char *email;
  char *display_name;
  char *provider_id;
  char *host;
  guint port;
  MjSecurity security;
  MjAuthMethod auth;
  char *username;
  char *ca_file;
  char *oauth_authority;
  char *oauth_client_id;
};

G_DEFINE_TYPE (MjAccount, mj_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_EMAIL,
  PROP_DISPLAY_NAME,
  PROP_PROVIDER_ID,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_AUTH,
  PROP_USERNAME,
  PROP_CA_FILE,
  PROP_OAUTH_AUTHORITY,
  PROP_OAUTH_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mj_account_finalize (GObject *object)
{
  MjAccount *self = MJ_ACCOUNT (object);

  g_free (self->name);
  g_free (self->email);
  g_free (self->display_name);
  g_free (self->provider_id);
  g_free (self->host);
  g_free (self->username);
  g_free (self->ca_file);
  g_free (self->oauth_authority);
  g_free (self->oauth_client_id);

  G_OBJECT_CLASS (mj_account_parent_class)->finalize (object);
}

static void
mj_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MjAccount *self = MJ_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
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
    case PROP_AUTH:
      g_value_set_enum (value, self->auth);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_OAUTH_AUTHORITY:
      g_value_set_string (value, self->oauth_authority);
      break;
    case PROP_OAUTH_CLIENT_ID:
      g_value_set_string (value, self->oauth_client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MjAccount *self = MJ_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      mj_account_set_name (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      mj_account_set_email (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      mj_account_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_PROVIDER_ID:
      mj_account_set_provider_id (self, g_value_get_string (value));
      break;
    case PROP_HOST:
      mj_account_set_host (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      mj_account_set_port (self, g_value_get_uint (value));
      break;
    case PROP_SECURITY:
      mj_account_set_security (self, g_value_get_enum (value));
      break;
    case PROP_AUTH:
      mj_account_set_auth (self, g_value_get_enum (value));
      break;
    case PROP_USERNAME:
      mj_account_set_username (self, g_value_get_string (value));
      break;
    case PROP_CA_FILE:
      mj_account_set_ca_file (self, g_value_get_string (value));
      break;
    case PROP_OAUTH_AUTHORITY:
      mj_account_set_oauth_authority (self, g_value_get_string (value));
      break;
    case PROP_OAUTH_CLIENT_ID:
      mj_account_set_oauth_client_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_account_class_init (MjAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mj_account_finalize;
  object_class->get_property = mj_account_get_property;
  object_class->set_property = mj_account_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_ID] = g_param_spec_string ("provider-id", NULL, NULL, NULL, flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 587, flags);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, MJ_TYPE_SECURITY,
                                                 MJ_SECURITY_STARTTLS, flags);
  properties[PROP_AUTH] = g_param_spec_enum ("auth", NULL, NULL, MJ_TYPE_AUTH_METHOD,
                                             MJ_AUTH_PASSWORD, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_CA_FILE] = g_param_spec_string ("ca-file", NULL, NULL, NULL, flags);
  properties[PROP_OAUTH_AUTHORITY] = g_param_spec_string ("oauth-authority", NULL, NULL, NULL, flags);
  properties[PROP_OAUTH_CLIENT_ID] = g_param_spec_string ("oauth-client-id", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_account_init (MjAccount *self)
{
  self->port = 587;
  self->security = MJ_SECURITY_STARTTLS;
  self->auth = MJ_AUTH_PASSWORD;
}

/* Empty strings are stored as NULL, so "unset" has one spelling. */
static gboolean
set_string (MjAccount  *self,
            char      **field,
            const char *value,
            guint       prop)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/**
 * mj_account_new:
 * @name: the account's name (its key)
 * @email: the sender address
 *
 * Returns: (transfer full): an account with the generic settings
 *   (port 587, STARTTLS, password).
 */
MjAccount *
mj_account_new (const char *name,
                const char *email)
{
  return g_object_new (MJ_TYPE_ACCOUNT, "name", name, "email", email, NULL);
}

/**
 * mj_account_new_for_provider:
 * @provider: (nullable): a preset to apply
 *
 * Returns: (transfer full): a new account with @provider's settings.
 */
MjAccount *
mj_account_new_for_provider (const char *name,
                             const char *email,
                             MjProvider *provider)
{
  MjAccount *self = mj_account_new (name, email);

  if (provider != NULL)
    mj_account_apply_provider (self, provider);
  return self;
}

/**
 * mj_account_apply_provider:
 *
 * Copies host, port, security and the preferred auth method of @provider
 * into the account and sets provider-id.
 */
void
mj_account_apply_provider (MjAccount  *self,
                           MjProvider *provider)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  g_return_if_fail (MJ_IS_PROVIDER (provider));

  g_object_freeze_notify (G_OBJECT (self));
  mj_account_set_provider_id (self, mj_provider_get_id (provider));
  if (mj_provider_get_host (provider)[0] != '\0')
    mj_account_set_host (self, mj_provider_get_host (provider));
  mj_account_set_port (self, mj_provider_get_port (provider));
  mj_account_set_security (self, mj_provider_get_security (provider));
  mj_account_set_auth (self, mj_provider_get_preferred_auth (provider));
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
has_line_break (const char *text)
{
  return text != NULL && strpbrk (text, "\r\n") != NULL;
}

/**
 * mj_account_validate:
 *
 * Returns: %FALSE with an %MJ_INPUT_ERROR when a setting cannot be used.
 */
gboolean
mj_account_validate (MjAccount  *self,
                     GError    **error)
{
  MjProvider *provider;
  const char *fields[] = { self->name, self->display_name, self->host, self->username,
                           self->ca_file, self->oauth_authority, self->oauth_client_id };

  g_return_val_if_fail (MJ_IS_ACCOUNT (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (has_line_break (fields[i]))
        {
          g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION, "%s",
                       M_("Account settings cannot contain line breaks."));
          return FALSE;
        }
    }

  if (self->name == NULL || strpbrk (self->name, "[]") != NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The account needs a name without square brackets."));
      return FALSE;
    }

  if (self->email == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS, "%s",
                   M_("The account needs an e-mail address."));
      return FALSE;
    }
  if (!mj_message_check_address (self->email, error))
    return FALSE;

  if (self->host == NULL || strpbrk (self->host, " /:@") != NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The account needs the name of its outgoing (SMTP) server."));
      return FALSE;
    }

  if (self->port == 0 || self->port > 65535)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The server port must be a number between 1 and 65535."));
      return FALSE;
    }

  /* Only a provider that refuses passwords outright (Outlook.com) rules a
   * method out; any server may be tried with OAuth. */
  provider = mj_account_get_provider (self);
  if (provider != NULL && self->auth == MJ_AUTH_PASSWORD &&
      g_strcmp0 (mj_provider_get_password_kind (provider), "none") == 0)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INSECURE,
                   M_("%s does not accept this way of signing in."),
                   mj_provider_get_display_name (provider));
      return FALSE;
    }

  return TRUE;
}

const char *
mj_account_get_name (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->name;
}

void
mj_account_set_name (MjAccount  *self,
                     const char *name)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
mj_account_get_email (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->email;
}

void
mj_account_set_email (MjAccount  *self,
                      const char *email)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->email, email, PROP_EMAIL);
}

const char *
mj_account_get_display_name (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->display_name;
}

void
mj_account_set_display_name (MjAccount  *self,
                             const char *display_name)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->display_name, display_name, PROP_DISPLAY_NAME);
}

const char *
mj_account_get_provider_id (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->provider_id;
}

void
mj_account_set_provider_id (MjAccount  *self,
                            const char *provider_id)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->provider_id, provider_id, PROP_PROVIDER_ID);
}

/**
 * mj_account_get_provider:
 *
 * Returns: (transfer none) (nullable): the preset named by provider-id.
 */
MjProvider *
mj_account_get_provider (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return mj_provider_lookup (self->provider_id);
}

const char *
mj_account_get_host (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->host;
}

void
mj_account_set_host (MjAccount  *self,
                     const char *host)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->host, host, PROP_HOST);
}

guint
mj_account_get_port (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), 0);
  return self->port;
}

void
mj_account_set_port (MjAccount *self,
                     guint      port)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

MjSecurity
mj_account_get_security (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), MJ_SECURITY_STARTTLS);
  return self->security;
}

void
mj_account_set_security (MjAccount  *self,
                         MjSecurity  security)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  if (self->security == security)
    return;
  self->security = security;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
}

MjAuthMethod
mj_account_get_auth (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), MJ_AUTH_PASSWORD);
  return self->auth;
}

void
mj_account_set_auth (MjAccount    *self,
                     MjAuthMethod  auth)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  if (self->auth == auth)
    return;
  self->auth = auth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH]);
}

const char *
mj_account_get_username (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->username;
}

void
mj_account_set_username (MjAccount  *self,
                         const char *username)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->username, username, PROP_USERNAME);
}

/**
 * mj_account_get_login:
 *
 * Returns: the SMTP login: the username, or the address when none is set.
 */
const char *
mj_account_get_login (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->username != NULL ? self->username : self->email;
}

const char *
mj_account_get_ca_file (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->ca_file;
}

void
mj_account_set_ca_file (MjAccount  *self,
                        const char *ca_file)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->ca_file, ca_file, PROP_CA_FILE);
}

/**
 * mj_account_get_oauth_authority:
 *
 * Returns: the account's authority, or the built-in default.
 */
const char *
mj_account_get_oauth_authority (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->oauth_authority != NULL ? self->oauth_authority : MJ_DEFAULT_OAUTH_AUTHORITY;
}

void
mj_account_set_oauth_authority (MjAccount  *self,
                                const char *authority)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->oauth_authority, authority, PROP_OAUTH_AUTHORITY);
}

/**
 * mj_account_get_oauth_client_id:
 *
 * Returns: the account's client id, or the built-in default.
 */
const char *
mj_account_get_oauth_client_id (MjAccount *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (self), NULL);
  return self->oauth_client_id != NULL ? self->oauth_client_id : MJ_DEFAULT_OAUTH_CLIENT_ID;
}

void
mj_account_set_oauth_client_id (MjAccount  *self,
                                const char *client_id)
{
  g_return_if_fail (MJ_IS_ACCOUNT (self));
  set_string (self, &self->oauth_client_id, client_id, PROP_OAUTH_CLIENT_ID);
}
