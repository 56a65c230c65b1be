#define G_LOG_DOMAIN "mj-account-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "mj-account-store.h"
#include "mj-error.h"
#include "mj-i18n.h"

#define GENERAL_GROUP "general"
#define ACCOUNT_PREFIX "account "

struct _MjAccountStore
{
  GObject parent_instance;

  char *path;
  GPtrArray *accounts;   /* MjAccount, sorted by name */
  char *default_name;
};

static void mj_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (MjAccountStore, mj_account_store, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, mj_account_store_list_model_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_DEFAULT_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Settings kept per account, in file order. Secrets are never among them. */
static const char *const account_keys[] = {
  "email", "display-name", "provider-id", "host", "port", "security", "auth",
  "username", "ca-file", "oauth-authority", "oauth-client-id",
};

static GType
mj_account_store_get_item_type (GListModel *model)
{
  return MJ_TYPE_ACCOUNT;
}

static guint
mj_account_store_get_n_items (GListModel *model)
{
  return MJ_ACCOUNT_STORE (model)->accounts->len;
}

static gpointer
mj_account_store_get_item (GListModel *model,
                           guint       position)
{
  MjAccountStore *self = MJ_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
mj_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mj_account_store_get_item_type;
  iface->get_n_items = mj_account_store_get_n_items;
  iface->get_item = mj_account_store_get_item;
}

static void
mj_account_store_finalize (GObject *object)
{
  MjAccountStore *self = MJ_ACCOUNT_STORE (object);

  g_free (self->path);
  g_ptr_array_unref (self->accounts);
  g_free (self->default_name);

  G_OBJECT_CLASS (mj_account_store_parent_class)->finalize (object);
}

static void
mj_account_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MjAccountStore *self = MJ_ACCOUNT_STORE (object);
  MjAccount *account;

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DEFAULT_ACCOUNT:
      account = mj_account_store_get_default (self);
      g_value_set_string (value, account != NULL ? mj_account_get_name (account) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_account_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MjAccountStore *self = MJ_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_account_store_class_init (MjAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mj_account_store_finalize;
  object_class->get_property = mj_account_store_get_property;
  object_class->set_property = mj_account_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_ACCOUNT] =
    g_param_spec_string ("default-account", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_account_store_init (MjAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The XDG variable is read at each call rather than through
 * g_get_user_config_dir(), which caches its first answer: tests and users
 * relocate the folder per process run. */
static char *
default_path (void)
{
  const char *config = g_getenv ("XDG_CONFIG_HOME");

  if (config == NULL || config[0] == '\0' || !g_path_is_absolute (config))
    config = g_get_user_config_dir ();
  return g_build_filename (config, "mensajero", "accounts.ini", NULL);
}

/**
 * mj_account_store_new:
 *
 * Returns: (transfer full): the store of the user's accounts, loaded, or
 *   %NULL when the file exists but cannot be read.
 */
MjAccountStore *
mj_account_store_new (GError **error)
{
  g_autofree char *path = default_path ();

  return mj_account_store_new_for_path (path, error);
}

/**
 * mj_account_store_new_for_path:
 * @path: an accounts.ini file (need not exist yet)
 *
 * Returns: (transfer full) (nullable): the store, loaded.
 */
MjAccountStore *
mj_account_store_new_for_path (const char  *path,
                               GError     **error)
{
  g_autoptr(MjAccountStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MJ_TYPE_ACCOUNT_STORE, "path", path, NULL);
  if (!mj_account_store_load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
mj_account_store_get_path (MjAccountStore *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), NULL);
  return self->path;
}

static gint
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  MjAccount *x = *(MjAccount **) a;
  MjAccount *y = *(MjAccount **) b;

  return g_utf8_collate (mj_account_get_name (x), mj_account_get_name (y));
}

static MjAccount *
account_from_group (GKeyFile   *kf,
                    const char *group)
{
  MjAccount *account = mj_account_new (group + strlen (ACCOUNT_PREFIX), NULL);
  GObjectClass *klass = G_OBJECT_GET_CLASS (account);

  for (guint i = 0; i < G_N_ELEMENTS (account_keys); i++)
    {
      g_autofree char *text = g_key_file_get_string (kf, group, account_keys[i], NULL);
      GParamSpec *pspec = g_object_class_find_property (klass, account_keys[i]);
      MjSecurity security;
      MjAuthMethod auth;

      if (text == NULL)
        continue;
      if (G_IS_PARAM_SPEC_STRING (pspec))
        g_object_set (account, account_keys[i], text, NULL);
      else if (g_str_equal (account_keys[i], "port"))
        mj_account_set_port (account, (guint) MIN (g_ascii_strtoull (text, NULL, 10), 65536));
      else if (g_str_equal (account_keys[i], "security") && mj_security_from_string (text, &security))
        mj_account_set_security (account, security);
      else if (g_str_equal (account_keys[i], "auth") && mj_auth_method_from_string (text, &auth))
        mj_account_set_auth (account, auth);
    }
  return account;
}

/**
 * mj_account_store_load:
 *
 * (Re)reads the file. A missing file gives an empty store.
 */
gboolean
mj_account_store_load (MjAccountStore  *self,
                       GError         **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  guint old_len;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), FALSE);

  if (!g_key_file_load_from_file (kf, self->path, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", self->path);
          return FALSE;
        }
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_has_prefix (groups[i], ACCOUNT_PREFIX) && groups[i][strlen (ACCOUNT_PREFIX)] != '\0')
        g_ptr_array_add (accounts, account_from_group (kf, groups[i]));
    }
  g_ptr_array_sort (accounts, compare_accounts);

  old_len = self->accounts->len;
  g_ptr_array_set_size (self->accounts, 0);
  for (guint i = 0; i < accounts->len; i++)
    g_ptr_array_add (self->accounts, g_object_ref (g_ptr_array_index (accounts, i)));
  g_free (self->default_name);
  self->default_name = g_key_file_get_string (kf, GENERAL_GROUP, "default", NULL);

  if (old_len != 0 || self->accounts->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->accounts->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
  return TRUE;
}

/**
 * mj_account_store_save:
 *
 * Writes every account to the file (mode 0600, atomically).
 */
gboolean
mj_account_store_save (MjAccountStore  *self,
                       GError         **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), FALSE);

  g_key_file_set_comment (kf, NULL, NULL,
                          " Mensajero accounts. Passwords and tokens are in the keyring, never here.",
                          NULL);
  if (self->default_name != NULL)
    g_key_file_set_string (kf, GENERAL_GROUP, "default", self->default_name);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      MjAccount *account = g_ptr_array_index (self->accounts, i);
      g_autofree char *group = g_strconcat (ACCOUNT_PREFIX, mj_account_get_name (account), NULL);

      for (guint k = 0; k < G_N_ELEMENTS (account_keys); k++)
        {
          const char *key = account_keys[k];

          if (g_str_equal (key, "port"))
            g_key_file_set_integer (kf, group, key, (int) mj_account_get_port (account));
          else if (g_str_equal (key, "security"))
            g_key_file_set_string (kf, group, key, mj_security_to_string (mj_account_get_security (account)));
          else if (g_str_equal (key, "auth"))
            g_key_file_set_string (kf, group, key, mj_auth_method_to_string (mj_account_get_auth (account)));
          else
            {
              g_autofree char *value = NULL;

              /* The property, not the getter: oauth-* getters fill in defaults. */
              g_object_get (account, key, &value, NULL);
              if (value != NULL)
                g_key_file_set_string (kf, group, key, value);
            }
        }
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  data = g_key_file_to_data (kf, &length, NULL);
  return g_file_set_contents_full (self->path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static int
find_index (MjAccountStore *self,
            const char     *name)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      if (g_strcmp0 (mj_account_get_name (g_ptr_array_index (self->accounts, i)), name) == 0)
        return (int) i;
    }
  return -1;
}

/**
 * mj_account_store_add:
 * @account: a valid account whose name is not taken
 *
 * Adds @account and saves the file.
 */
gboolean
mj_account_store_add (MjAccountStore  *self,
                      MjAccount       *account,
                      GError         **error)
{
  guint position = 0;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (MJ_IS_ACCOUNT (account), FALSE);

  if (!mj_account_validate (account, error))
    return FALSE;
  if (find_index (self, mj_account_get_name (account)) >= 0)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID,
                   M_("There is already an account called “%s”."), mj_account_get_name (account));
      return FALSE;
    }

  while (position < self->accounts->len &&
         g_utf8_collate (mj_account_get_name (g_ptr_array_index (self->accounts, position)),
                         mj_account_get_name (account)) < 0)
    position++;
  g_ptr_array_insert (self->accounts, (int) position, g_object_ref (account));

  if (!mj_account_store_save (self, error))
    {
      g_ptr_array_remove_index (self->accounts, position);
      return FALSE;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  if (self->default_name == NULL && self->accounts->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
  return TRUE;
}

/**
 * mj_account_store_remove:
 * @name: the account's name
 *
 * Removes the account and saves the file. The keyring is left alone.
 */
gboolean
mj_account_store_remove (MjAccountStore  *self,
                         const char      *name,
                         GError         **error)
{
  g_autoptr(MjAccount) removed = NULL;
  g_autofree char *old_default = NULL;
  int index;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), FALSE);

  index = find_index (self, name);
  if (index < 0)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                   M_("There is no account called “%s”."), name);
      return FALSE;
    }

  removed = g_ptr_array_steal_index (self->accounts, (guint) index);
  old_default = g_strdup (self->default_name);
  if (g_strcmp0 (self->default_name, name) == 0)
    g_clear_pointer (&self->default_name, g_free);

  if (!mj_account_store_save (self, error))
    {
      g_ptr_array_insert (self->accounts, index, g_steal_pointer (&removed));
      g_free (self->default_name);
      self->default_name = g_steal_pointer (&old_default);
      return FALSE;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), (guint) index, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
  return TRUE;
}

/**
 * mj_account_store_lookup:
 *
 * Returns: (transfer none) (nullable): the account called @name.
 */
MjAccount *
mj_account_store_lookup (MjAccountStore *self,
                         const char     *name)
{
  int index;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), NULL);

  index = find_index (self, name);
  return index >= 0 ? g_ptr_array_index (self->accounts, index) : NULL;
}

/**
 * mj_account_store_get_default:
 *
 * Returns: (transfer none) (nullable): the default account, else the
 *   first one, else %NULL.
 */
MjAccount *
mj_account_store_get_default (MjAccountStore *self)
{
  MjAccount *account;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), NULL);

  account = self->default_name != NULL ? mj_account_store_lookup (self, self->default_name) : NULL;
  if (account == NULL && self->accounts->len > 0)
    account = g_ptr_array_index (self->accounts, 0);
  return account;
}

/**
 * mj_account_store_set_default:
 *
 * Makes @name the default account and saves the file.
 */
gboolean
mj_account_store_set_default (MjAccountStore  *self,
                              const char      *name,
                              GError         **error)
{
  g_autofree char *old = NULL;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (self), FALSE);

  if (mj_account_store_lookup (self, name) == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                   M_("There is no account called “%s”."), name);
      return FALSE;
    }
  old = g_steal_pointer (&self->default_name);
  self->default_name = g_strdup (name);
  if (!mj_account_store_save (self, error))
    {
      g_free (self->default_name);
      self->default_name = g_steal_pointer (&old);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
  return TRUE;
}
