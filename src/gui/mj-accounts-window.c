#define G_LOG_DOMAIN "mj-accounts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-account-wizard.h"
#include "mj-accounts-window.h"
#include "mj-explainer.h"
#include "mj-explanation-card.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"

/*
 * The accounts page: every account of the shared MjAccountStore, with
 * buttons to make one the default, edit it (the wizard, filled in) and
 * remove it (after a confirmation; its secrets go too).
 *
 * Accounts that sign in with Microsoft also show whether a sign-in is saved
 * in the keyring (asked off the main thread, never Microsoft) and offer
 * "Sign In Again…": the wizard's browser flow (MjOAuthFlow), cancellable,
 * whose tokens replace the saved ones only once it succeeded. One sign-in
 * runs at a time (one browser, one loopback listener).
 */

typedef enum {
  SIGN_IN_UNKNOWN,        /* not asked yet, or being asked */
  SIGN_IN_SAVED,
  SIGN_IN_NEEDED,
  SIGN_IN_KEYRING_ERROR,
} SignInState;

struct _MjAccountsWindow
{
  AdwPreferencesWindow parent_instance;

  MjAccountStore *store;
  GSettings *settings;
  GCancellable *cancellable;
  gboolean closed;

  GHashTable *sign_in_states;      /* account name → SignInState */
  MjOAuthFlow *flow;               /* the sign-in under way, if any */
  char *signing_in;                /* … and its account name */
  GCancellable *sign_in_cancellable;

  /* Template children */
  GtkListBox *list_box;
  GtkWidget *sign_in_group;
  GtkBox *sign_in_result_box;
};

G_DEFINE_FINAL_TYPE (MjAccountsWindow, mj_accounts_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_SIGN_IN_PAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* Sign in again ------------------------------------------------------------ */

static GtkWidget *
find_row (MjAccountsWindow *self,
          const char       *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;
  return NULL;
}

/* Shows the sign-in state of @name in its row, if the row exists. */
static void
update_sign_in_row (MjAccountsWindow *self,
                    const char       *name)
{
  GtkWidget *row = self->closed ? NULL : find_row (self, name);
  GtkLabel *status;
  GtkWidget *sign_in_button, *cancel_button, *spinner;
  gboolean busy;
  SignInState state;
  const char *text;

  if (row == NULL || (status = g_object_get_data (G_OBJECT (row), "mj-sign-in-status")) == NULL)
    return;
  sign_in_button = g_object_get_data (G_OBJECT (row), "mj-sign-in-button");
  cancel_button = g_object_get_data (G_OBJECT (row), "mj-cancel-sign-in-button");
  spinner = g_object_get_data (G_OBJECT (row), "mj-sign-in-spinner");
  busy = g_strcmp0 (self->signing_in, name) == 0;
  state = GPOINTER_TO_INT (g_hash_table_lookup (self->sign_in_states, name));

  gtk_widget_remove_css_class (GTK_WIDGET (status), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (status), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (sign_in_button), "suggested-action");
  if (busy)
    text = _("Waiting for the browser…");
  else
    switch (state)
      {
      case SIGN_IN_SAVED:
        text = _("Signed in");
        gtk_widget_add_css_class (GTK_WIDGET (status), "success");
        break;
      case SIGN_IN_NEEDED:
        text = _("Needs a new sign-in");
        gtk_widget_add_css_class (GTK_WIDGET (status), "warning");
        gtk_widget_add_css_class (GTK_WIDGET (sign_in_button), "suggested-action");
        break;
      case SIGN_IN_KEYRING_ERROR:
        text = _("Sign-in state unknown (keyring unavailable)");
        gtk_widget_add_css_class (GTK_WIDGET (status), "warning");
        break;
      case SIGN_IN_UNKNOWN:
      default:
        text = _("Checking the sign-in…");
        break;
      }
  gtk_label_set_label (status, text);
  gtk_widget_set_visible (sign_in_button, !busy);
  /* Another account's sign-in is under way: one browser flow at a time. */
  gtk_widget_set_sensitive (sign_in_button, self->signing_in == NULL);
  gtk_widget_set_visible (cancel_button, busy);
  gtk_widget_set_visible (spinner, busy);
  if (busy)
    gtk_spinner_start (GTK_SPINNER (spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (spinner));
}

static void
update_all_sign_in_rows (MjAccountsWindow *self)
{
  if (self->closed)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      update_sign_in_row (self, gtk_widget_get_name (row));
}

static void
sign_in_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MjAccountsWindow) self = user_data;
  const char *name = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean saved = mj_oauth_has_sign_in_finish (result, &error);
  SignInState state;

  if (self->closed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_debug ("could not read the sign-in of %s: %s", name, error->message);
      state = SIGN_IN_KEYRING_ERROR;
    }
  else
    state = saved ? SIGN_IN_SAVED : SIGN_IN_NEEDED;
  g_hash_table_insert (self->sign_in_states, g_strdup (name), GINT_TO_POINTER (state));
  update_sign_in_row (self, name);
}

/* Asks the keyring (in a thread) whether @name has a saved sign-in. */
static void
check_sign_in (MjAccountsWindow *self,
               const char       *name)
{
  g_hash_table_insert (self->sign_in_states, g_strdup (name), GINT_TO_POINTER (SIGN_IN_UNKNOWN));
  mj_oauth_has_sign_in_async (name, self->cancellable, sign_in_checked_cb, g_object_ref (self));
}

static void
clear_sign_in_result (MjAccountsWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sign_in_result_box))) != NULL)
    gtk_box_remove (self->sign_in_result_box, child);
  gtk_widget_set_visible (self->sign_in_group, FALSE);
}

/* The error of a failed sign-in, with the explanation card when Microsoft
 * sent an AADSTS code (as the wizard does). */
static void
show_sign_in_error (MjAccountsWindow *self,
                    const char       *name,
                    const GError     *error,
                    const char       *aadsts)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  clear_sign_in_result (self);
  /* Translators: 1: an account name, 2: why (already a sentence). */
  text = g_strdup_printf (_("Could not sign in “%s” again: %s"), name, error->message);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (self->sign_in_result_box, label);
  if (aadsts != NULL)
    {
      g_autoptr(MjExplanation) explanation = mj_explainer_explain_aadsts (aadsts);
      GtkWidget *card = mj_explanation_card_new ();

      mj_explanation_card_set_explanation (MJ_EXPLANATION_CARD (card), explanation);
      gtk_box_append (self->sign_in_result_box, card);
    }
  gtk_widget_set_visible (self->sign_in_group, TRUE);
}

/* The sign-in of @self->signing_in is over, whatever the outcome. */
static char *
end_sign_in (MjAccountsWindow *self)
{
  char *name = g_steal_pointer (&self->signing_in);

  g_clear_object (&self->flow);
  g_clear_object (&self->sign_in_cancellable);
  update_all_sign_in_rows (self);
  return name;
}

static void
tokens_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MjAccountsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean ok = mj_oauth_save_tokens_finish (result, &error);

  if (self->closed)
    return;
  name = end_sign_in (self);
  if (!ok)
    {
      show_sign_in_error (self, name, error, NULL);
      /* Whatever the keyring now holds is what counts. */
      check_sign_in (self, name);
      update_sign_in_row (self, name);
      return;
    }
  g_hash_table_insert (self->sign_in_states, g_strdup (name), GINT_TO_POINTER (SIGN_IN_SAVED));
  update_sign_in_row (self, name);
  {
    g_autofree char *message = NULL;

    /* Translators: %s is an account name. */
    message = g_strdup_printf (_("“%s” is signed in again. Invoices waiting for it can be sent now."),
                               name);
    show_toast_error (self, message);
  }
}

static void
sign_in_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MjAccountsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjOAuthTokens) tokens = NULL;
  g_autofree char *name = NULL;

  tokens = mj_oauth_flow_wait_finish (MJ_OAUTH_FLOW (source), result, &error);
  if (self->closed || self->flow != MJ_OAUTH_FLOW (source))
    return;

  if (tokens != NULL)
    {
      /* Only now do the new tokens replace the saved ones; the row keeps
       * waiting until they are in the keyring. */
      mj_oauth_save_tokens_async (self->signing_in, tokens, NULL,
                                  tokens_saved_cb, g_object_ref (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: nothing changes, the saved sign-in (if any) stays. */
      name = end_sign_in (self);
      return;
    }
  {
    g_autofree char *aadsts = g_strdup (mj_oauth_flow_get_aadsts_code (self->flow));

    name = end_sign_in (self);
    show_sign_in_error (self, name, error, aadsts);
  }
}

static void
sign_in_clicked_cb (GtkButton        *button,
                    MjAccountsWindow *self)
{
  MjAccount *account = g_object_get_data (G_OBJECT (button), "mj-account");
  const char *name = mj_account_get_name (account);
  g_autoptr(GError) error = NULL;
  const char *url;
  gboolean handled = FALSE;

  if (self->signing_in != NULL)
    return;
  clear_sign_in_result (self);
  if (!mj_oauth_check_configured (account, &error))
    {
      show_sign_in_error (self, name, error, NULL);
      return;
    }
  self->flow = mj_oauth_flow_new (account);
  if (!mj_oauth_flow_start (self->flow, &error))
    {
      g_clear_object (&self->flow);
      show_sign_in_error (self, name, error, NULL);
      return;
    }

  self->signing_in = g_strdup (name);
  self->sign_in_cancellable = g_cancellable_new ();
  update_all_sign_in_rows (self);
  {
    GtkWidget *row = find_row (self, name);
    GtkWidget *cancel = row != NULL ? g_object_get_data (G_OBJECT (row), "mj-cancel-sign-in-button") : NULL;

    if (cancel != NULL)
      gtk_widget_grab_focus (cancel);
  }

  url = mj_oauth_flow_get_authorize_url (self->flow);
  g_signal_emit (self, signals[OPEN_SIGN_IN_PAGE], 0, url, &handled);
  if (!handled)
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
  mj_oauth_flow_wait_async (self->flow, self->sign_in_cancellable, sign_in_finished_cb,
                            g_object_ref (self));
}

static void
cancel_sign_in_clicked_cb (GtkButton        *button,
                           MjAccountsWindow *self)
{
  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);
}

/* The status, "Sign In Again…", and while waiting a spinner and "Cancel". */
static void
add_sign_in_widgets (MjAccountsWindow *self,
                     GtkWidget        *row,
                     MjAccount        *account)
{
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *sign_in = gtk_button_new_with_mnemonic (_("Sign _In Again…"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_widget_set_name (status, "sign-in-status");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (status), 11);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 22);
  gtk_label_set_justify (GTK_LABEL (status), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (status), 1.0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);

  gtk_widget_set_name (sign_in, "sign-in-again");
  gtk_widget_set_valign (sign_in, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sign_in, _("Open the Microsoft sign-in page in your browser; the saved sign-in is replaced only when the new one succeeds"));
  g_object_set_data_full (G_OBJECT (sign_in), "mj-account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (sign_in, "clicked", G_CALLBACK (sign_in_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sign_in);

  gtk_widget_set_name (cancel, "cancel-sign-in");
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (cancel, _("Stop waiting for the browser and keep the saved sign-in"));
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_sign_in_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);

  g_object_set_data (G_OBJECT (row), "mj-sign-in-status", status);
  g_object_set_data (G_OBJECT (row), "mj-sign-in-spinner", spinner);
  g_object_set_data (G_OBJECT (row), "mj-sign-in-button", sign_in);
  g_object_set_data (G_OBJECT (row), "mj-cancel-sign-in-button", cancel);
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
  if (mj_account_get_auth (account) == MJ_AUTH_OAUTH2)
    add_sign_in_widgets (self, row, account);
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->store), create_row, self, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MjAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *name = mj_account_get_name (account);

      if (mj_account_get_auth (account) != MJ_AUTH_OAUTH2)
        continue;
      /* Asked once per window; a sign-in made here updates it. */
      if (!g_hash_table_contains (self->sign_in_states, name))
        check_sign_in (self, name);
      update_sign_in_row (self, name);
    }
}

static void
accounts_changed_cb (MjAccountsWindow *self,
                     guint             position,
                     guint             removed,
                     guint             added)
{
  /* Rows made for new or edited accounts: ask again, then show. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MjAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (account != NULL && mj_account_get_auth (account) == MJ_AUTH_OAUTH2)
        {
          check_sign_in (self, mj_account_get_name (account));
          update_sign_in_row (self, mj_account_get_name (account));
        }
    }
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
  /* After the list box made its rows. */
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
mj_accounts_window_dispose (GObject *object)
{
  MjAccountsWindow *self = MJ_ACCOUNTS_WINDOW (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* Closing the window while waiting for the browser cancels the sign-in;
   * the saved one stays. Tokens already being saved are still saved. */
  if (self->sign_in_cancellable != NULL)
    g_cancellable_cancel (self->sign_in_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_ACCOUNTS_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->flow);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_pointer (&self->signing_in, g_free);
  g_clear_pointer (&self->sign_in_states, g_hash_table_unref);

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
  gtk_widget_class_bind_template_child (widget_class, MjAccountsWindow, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, MjAccountsWindow, sign_in_result_box);

  /**
   * MjAccountsWindow::open-sign-in-page:
   * @uri: the Microsoft sign-in page of "Sign In Again…"
   *
   * Emitted when a sign-in starts. Return %TRUE when the page was handled;
   * otherwise the system browser opens it (tests play the browser here).
   */
  signals[OPEN_SIGN_IN_PAGE] =
    g_signal_new ("open-sign-in-page", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

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
  self->sign_in_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
