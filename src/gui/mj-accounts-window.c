#define G_LOG_DOMAIN "mj-accounts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-account-wizard.h"
#include "mj-accounts-window.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"

/*
 * The accounts page: every account of the shared MjAccountStore, with
 * buttons to make one the default, edit it (the wizard, filled in) and
 * remove it (after a confirmation; its secrets go too).
 */

struct _MjAccountsWindow
{
  AdwPreferencesWindow parent_instance;

  MjAccountStore *store;
  GSettings *settings;
  GCancellable *cancellable;

  /* Template children */
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (MjAccountsWindow, mj_accounts_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_default (MjAccountsWindow *self,
            MjAccount        *account)
{
  MjAccount *def = mj_account_store_get_default (self->store);

  return def != NULL && g_str_equal (mj_account_get_name (def), mj_account_get_name (account));
}

static void
show_toast_error (MjAccountsWindow *self,
                  const char       *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
set_default_clicked_cb (GtkButton        *button,
                        MjAccountsWindow *self)
{
  MjAccount *account = g_object_get_data (G_OBJECT (button), "mj-account");
  g_autoptr(GError) error = NULL;

  if (!mj_account_store_set_default (self->store, mj_account_get_name (account), &error))
    {
      show_toast_error (self, error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "default-account", mj_account_get_name (account));
}

static void
edit_clicked_cb (GtkButton        *button,
                 MjAccountsWindow *self)
{
  MjAccount *account = g_object_get_data (G_OBJECT (button), "mj-account");
  MjAccountWizard *wizard;

  wizard = mj_account_wizard_new_for_edit (self->store, account, GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
clear_secrets_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *name = task_data;
  g_autoptr(GError) error = NULL;

  mj_oauth_forget_sync (name, NULL, NULL);
  if (!mj_secret_store_clear_all_sync (name, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
secrets_cleared_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error from the keyring. */
      message = g_strdup_printf (_("The account was removed, but its password could not be deleted from the keyring: %s"),
                                 error->message);
      show_toast_error (self, message);
    }
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MjAccountsWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "mj-account-name");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "remove"))
    return;

  if (!mj_account_store_remove (self->store, name, &error))
    {
      show_toast_error (self, error->message);
      return;
    }
  if (self->settings != NULL)
    {
      g_autofree char *current = g_settings_get_string (self->settings, "default-account");
      MjAccount *def = mj_account_store_get_default (self->store);

      if (g_str_equal (current, name))
        g_settings_set_string (self->settings, "default-account",
                               def != NULL ? mj_account_get_name (def) : "");
    }

  task = g_task_new (self, self->cancellable, secrets_cleared_cb, NULL);
  g_task_set_source_tag (task, remove_response_cb);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_task_run_in_thread (task, clear_secrets_worker);
}

static void
remove_clicked_cb (GtkButton        *button,
                   MjAccountsWindow *self)
{
  MjAccount *account = g_object_get_data (G_OBJECT (button), "mj-account");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* Translators: %s is an account name. */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     mj_account_get_name (account));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Mensajero forgets this account and deletes its password or sign-in from the keyring. Invoices already sent stay in the history; queued ones from this account will not be sent."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mj-account-name",
                          g_strdup (mj_account_get_name (account)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
row_button (MjAccountsWindow *self,
            MjAccount        *account,
            const char       *icon_name,
            const char       *tooltip,
            GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "mj-account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MjAccountsWindow *self = user_data;
  MjAccount *account = item;
  MjProvider *provider = mj_account_get_provider (account);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  const char *how;

  how = mj_account_get_auth (account) == MJ_AUTH_OAUTH2
        ? _("signs in with Microsoft") : _("signs in with a password");
  if (g_strcmp0 (mj_account_get_name (account), mj_account_get_email (account)) == 0)
    /* The title already is the address: do not say it twice. */
    /* Translators: provider · how it signs in. */
    subtitle = g_strdup_printf (_("%s · %s"),
                                provider != NULL ? mj_provider_get_display_name (provider)
                                                 : mj_account_get_host (account),
                                how);
  else
    /* Translators: address · provider · how it signs in. */
    subtitle = g_strdup_printf (_("%s · %s · %s"), mj_account_get_email (account),
                                provider != NULL ? mj_provider_get_display_name (provider)
                                                 : mj_account_get_host (account),
                                how);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mj_account_get_name (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, mj_account_get_name (account));

  if (is_default (self, account))
    {
      GtkWidget *label = gtk_label_new (_("Default"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Make _Default"));

      gtk_widget_add_css_class (button, "flat");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "mj-account", g_object_ref (account), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (set_default_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, account, "document-edit-symbolic", _("Edit Account"),
                                         G_CALLBACK (edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, account, "user-trash-symbolic", _("Remove Account"),
                                         G_CALLBACK (remove_clicked_cb)));
  return row;
}

static void
rebind (MjAccountsWindow *self)
{
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->store), create_row, self, NULL);
}

static void
mj_accounts_window_add_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (widget);
  MjAccountWizard *wizard = mj_account_wizard_new (self->store, GTK_WINDOW (self));

  gtk_window_present (GTK_WINDOW (wizard));
}

static void
mj_accounts_window_constructed (GObject *object)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (object);
  GtkWidget *placeholder;

  G_OBJECT_CLASS (mj_accounts_window_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);

  placeholder = gtk_label_new (_("No accounts yet. Add the address you send invoices from."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  rebind (self);
  /* The "Default" mark moves without the list changing. */
  g_signal_connect_object (self->store, "notify::default-account",
                           G_CALLBACK (rebind), self, G_CONNECT_SWAPPED);
}

static void
mj_accounts_window_dispose (GObject *object)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_ACCOUNTS_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mj_accounts_window_parent_class)->dispose (object);
}

static void
mj_accounts_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_accounts_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_accounts_window_class_init (MjAccountsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mj_accounts_window_constructed;
  object_class->dispose = mj_accounts_window_dispose;
  object_class->get_property = mj_accounts_window_get_property;
  object_class->set_property = mj_accounts_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MJ_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-accounts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MjAccountsWindow, list_box);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, mj_accounts_window_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "accounts.add", NULL);
}

static void
mj_accounts_window_init (MjAccountsWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);
}

/**
 * mj_accounts_window_new:
 * @store: the accounts to show
 * @parent: (nullable): the window it is modal to
 *
 * Returns: (transfer none): the accounts page; present it.
 */
MjAccountsWindow *
mj_accounts_window_new (MjAccountStore *store,
                        GtkWindow      *parent)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (MJ_TYPE_ACCOUNTS_WINDOW,
                       "store", store,
                       "transient-for", parent,
                       NULL);
}

GtkListBox *
mj_accounts_window_get_list_box (MjAccountsWindow *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNTS_WINDOW (self), NULL);

  return self->list_box;
}
