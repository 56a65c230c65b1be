#define G_LOG_DOMAIN "mj-account-wizard"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-account-wizard.h"
#include "mj-app-password-guide.h"
#include "mj-credentials.h"
#include "mj-detector.h"
#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-explanation-card.h"
#include "mj-oauth.h"
#include "mj-provider.h"
#include "mj-secret-store.h"
#include "mj-smtp-client.h"

/*
 * The account wizard: address → provider and settings → sign-in →
 * connection test → sender name → confirm. Nothing is written (no
 * accounts.ini entry, no keyring item) before the user confirms on the
 * last step: the password and the OAuth tokens stay in memory until then,
 * and are wiped when the window goes away.
 */

typedef enum {
  STEP_ADDRESS,
  STEP_PROVIDER,
  STEP_AUTH,
  STEP_TEST,
  STEP_NAME,
  STEP_DONE,
  N_STEPS
} Step;

static const char *step_names[N_STEPS] = {
  "address", "provider", "auth", "test", "name", "done",
};

/* The rows of the connection test, in order. */
typedef enum {
  ROW_CONNECT,
  ROW_EHLO,
  ROW_TLS,
  ROW_AUTH,
  N_ROWS
} TestRow;

typedef enum {
  ROW_STATE_PENDING,
  ROW_STATE_RUNNING,
  ROW_STATE_OK,
  ROW_STATE_FAILED,
  ROW_STATE_SKIPPED,
} RowState;

struct _MjAccountWizard
{
  AdwWindow parent_instance;

  MjAccountStore *store;
  MjAccount *editing;          /* the account being edited, or NULL */
  MjDetection *detection;
  MjOAuthFlow *flow;
  MjOAuthTokens *tokens;       /* from "Sign in with Microsoft", memory only */
  MjCredentials *stored_credentials; /* edit mode: the keyring's, for the test */
  GCancellable *cancellable;   /* everything; cancelled when the window goes */
  GCancellable *step_cancellable; /* the current detection, sign-in or test */
  GSettings *settings;

  Step step;
  gboolean detecting;
  gboolean signing_in;
  gboolean testing;
  gboolean test_passed;
  gboolean saving;
  gboolean saved;
  gboolean oauth_configured;   /* a client id exists for "Sign in with Microsoft" */
  gboolean filling;            /* programmatic changes, not the user's */

  AdwActionRow *test_rows[N_ROWS];
  GtkStack *test_icons[N_ROWS];
  RowState row_states[N_ROWS];

  /* Template children */
  AdwWindowTitle *window_title;
  GtkButton *back_button;
  GtkButton *next_button;
  GtkStack *stack;
  AdwEntryRow *email_row;
  GtkWidget *detecting_box;
  GtkSpinner *detecting_spinner;
  GtkLabel *address_error_label;
  GtkLabel *recognised_label;
  GtkLabel *provider_description_label;
  AdwComboRow *provider_row;
  AdwExpanderRow *settings_expander;
  AdwEntryRow *host_row;
  AdwEntryRow *port_row;
  AdwComboRow *security_row;
  AdwEntryRow *username_row;
  AdwEntryRow *ca_file_row;
  GtkLabel *settings_error_label;
  GtkLabel *auth_title_label;
  GtkWidget *oauth_box;
  GtkButton *signin_button;
  GtkWidget *waiting_box;
  GtkSpinner *waiting_spinner;
  GtkLabel *signin_status_label;
  GtkBox *oauth_result_box;
  GtkWidget *no_password_box;
  GtkWidget *password_box;
  GtkWidget *password_heading_label;
  MjAppPasswordGuide *guide;
  AdwPasswordEntryRow *password_row;
  GtkLabel *test_title_label;
  GtkListBox *test_list;
  GtkBox *test_result_box;
  GtkButton *stop_test_button;
  GtkButton *retry_button;
  AdwEntryRow *display_name_row;
  AdwEntryRow *account_name_row;
  GtkLabel *from_preview_label;
  GtkLabel *name_error_label;
  AdwStatusPage *done_page;
  GtkLabel *done_error_label;
};

G_DEFINE_FINAL_TYPE (MjAccountWizard, mj_account_wizard, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACCOUNT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void set_step         (MjAccountWizard *self,
                              Step             step);
static void update_actions   (MjAccountWizard *self);
static void start_test       (MjAccountWizard *self);

/* Helpers ---------------------------------------------------------------- */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
row_text_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (row_text (row)));
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
show_error_label (GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
reset_step_cancellable (MjAccountWizard *self)
{
  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
  g_clear_object (&self->step_cancellable);
  self->step_cancellable = g_cancellable_new ();
}

/* TRUE once the window is closing or gone: async callbacks then leave the
 * widgets alone. */
static gboolean
wizard_closed (MjAccountWizard *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

static MjProvider *
selected_provider (MjAccountWizard *self)
{
  GPtrArray *all = mj_provider_get_all ();
  guint pos = adw_combo_row_get_selected (self->provider_row);

  if (pos == GTK_INVALID_LIST_POSITION || pos >= all->len)
    return mj_provider_lookup ("generic");
  return g_ptr_array_index (all, pos);
}

static void
select_provider (MjAccountWizard *self,
                 MjProvider      *provider)
{
  GPtrArray *all = mj_provider_get_all ();

  for (guint i = 0; i < all->len; i++)
    if (g_ptr_array_index (all, i) == provider)
      {
        adw_combo_row_set_selected (self->provider_row, i);
        return;
      }
}

static gboolean
parse_port (MjAccountWizard *self,
            guint           *port)
{
  g_autofree char *text = row_text_stripped (self->port_row);
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    return FALSE;
  *port = (guint) value;
  return TRUE;
}

static void
clear_tokens (MjAccountWizard *self)
{
  g_clear_pointer (&self->tokens, mj_oauth_tokens_free);
  g_clear_pointer (&self->stored_credentials, mj_credentials_free);
  self->test_passed = FALSE;
}

static char *
default_account_name (MjAccountWizard *self)
{
  g_autofree char *email = row_text_stripped (self->email_row);

  return g_steal_pointer (&email);
}

static char *
account_name (MjAccountWizard *self)
{
  g_autofree char *name = NULL;

  if (self->editing != NULL)
    return g_strdup (mj_account_get_name (self->editing));
  name = row_text_stripped (self->account_name_row);
  if (*name == '\0')
    return default_account_name (self);
  return g_steal_pointer (&name);
}

/* Whether the sign-in uses OAuth: the provider offers it and the user
 * signed in (or, when editing an OAuth account, did not switch to a
 * password). */
static gboolean
uses_oauth (MjAccountWizard *self)
{
  MjProvider *provider = selected_provider (self);

  if (!mj_provider_supports_auth (provider, MJ_AUTH_OAUTH2))
    return FALSE;
  if (!mj_provider_supports_auth (provider, MJ_AUTH_PASSWORD))
    return TRUE;
  if (self->tokens != NULL)
    return TRUE;
  if (*row_text (ADW_ENTRY_ROW (self->password_row)) != '\0')
    return FALSE;
  return self->editing != NULL && mj_account_get_auth (self->editing) == MJ_AUTH_OAUTH2;
}

/* A new account from what the wizard shows. Never stored as is: only the
 * confirmation on the last step saves it. */
static MjAccount *
build_account (MjAccountWizard *self)
{
  g_autofree char *email = row_text_stripped (self->email_row);
  g_autofree char *name = account_name (self);
  g_autofree char *host = row_text_stripped (self->host_row);
  g_autofree char *username = row_text_stripped (self->username_row);
  g_autofree char *ca_file = row_text_stripped (self->ca_file_row);
  g_autofree char *display_name = row_text_stripped (self->display_name_row);
  MjProvider *provider = selected_provider (self);
  MjAccount *account;
  guint port = 0;

  account = mj_account_new_for_provider (name, email, provider);
  mj_account_set_host (account, host);
  if (parse_port (self, &port))
    mj_account_set_port (account, port);
  mj_account_set_security (account, adw_combo_row_get_selected (self->security_row) == 1
                                    ? MJ_SECURITY_TLS : MJ_SECURITY_STARTTLS);
  mj_account_set_username (account, username);
  mj_account_set_ca_file (account, ca_file);
  mj_account_set_display_name (account, display_name);
  mj_account_set_auth (account, uses_oauth (self) ? MJ_AUTH_OAUTH2 : MJ_AUTH_PASSWORD);
  if (self->editing != NULL)
    {
      /* Keep the OAuth settings an expert gave on the command line. */
      mj_account_set_oauth_authority (account, mj_account_get_oauth_authority (self->editing));
      mj_account_set_oauth_client_id (account, mj_account_get_oauth_client_id (self->editing));
    }
  return account;
}

/* Step 1: the address ----------------------------------------------------- */

static void
detect_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MjAccountWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjDetection) detection = NULL;
  MjProvider *provider;
  g_autofree char *recognised = NULL;
  g_autofree char *port = NULL;

  detection = mj_detector_detect_finish (result, &error);
  if (wizard_closed (self) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->detecting = FALSE;
  gtk_spinner_stop (self->detecting_spinner);
  gtk_widget_set_visible (self->detecting_box, FALSE);

  if (detection == NULL)
    {
      show_error_label (self->address_error_label, error->message);
      update_actions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  g_set_object (&self->detection, detection);
  provider = mj_detection_get_provider (detection);

  self->filling = TRUE;
  select_provider (self, provider);
  set_row_text (self->host_row, mj_detection_get_host (detection));
  port = g_strdup_printf ("%u", mj_detection_get_port (detection));
  set_row_text (self->port_row, port);
  adw_combo_row_set_selected (self->security_row,
                              mj_detection_get_security (detection) == MJ_SECURITY_TLS ? 1 : 0);
  self->filling = FALSE;

  if (mj_detection_get_source (detection) == MJ_DETECT_SOURCE_MANUAL)
    {
      gtk_label_set_label (self->recognised_label, _("We did not recognise your provider"));
      gtk_label_set_label (self->provider_description_label,
                           _("Type your mail server’s settings below. Your provider or IT administrator can tell you what they are."));
      /* Here the settings are the user's to fill in, not "for experts". */
      adw_expander_row_set_subtitle (self->settings_expander,
                                     _("Server, port and security, as your provider gives them"));
    }
  else
    {
      adw_expander_row_set_subtitle (self->settings_expander,
                                     _("For experts: change them only if your provider or IT administrator told you to"));
      /* Translators: %s is a provider, "Microsoft 365 (work or school account)". */
      recognised = g_strdup_printf (_("We recognised: %s"), mj_detection_get_display_name (detection));
      gtk_label_set_label (self->recognised_label, recognised);
      gtk_label_set_label (self->provider_description_label,
                           _("The server settings are filled in for you. Choose Next to sign in."));
    }

  clear_tokens (self);
  set_step (self, STEP_PROVIDER);
}

static void
start_detection (MjAccountWizard *self)
{
  g_autofree char *email = row_text_stripped (self->email_row);
  const char *at = strchr (email, '@');

  show_error_label (self->address_error_label, NULL);
  if (at == NULL || at == email || strchr (at + 1, '.') == NULL || strchr (email, ' ') != NULL)
    {
      show_error_label (self->address_error_label,
                        _("This does not look like an email address. It should look like name@example.com."));
      return;
    }

  reset_step_cancellable (self);
  self->detecting = TRUE;
  gtk_widget_set_visible (self->detecting_box, TRUE);
  gtk_spinner_start (self->detecting_spinner);
  update_actions (self);
  mj_detector_detect_async (email, self->step_cancellable, detect_cb, g_object_ref (self));
}

static void
email_changed_cb (MjAccountWizard *self)
{
  show_error_label (self->address_error_label, NULL);
  update_actions (self);
}

/* Step 2: provider and settings ------------------------------------------- */

static void
provider_selected_cb (MjAccountWizard *self)
{
  MjProvider *provider;
  g_autofree char *port = NULL;

  if (self->filling)
    return;

  provider = selected_provider (self);
  self->filling = TRUE;
  set_row_text (self->host_row, mj_provider_get_host (provider));
  port = g_strdup_printf ("%u", mj_provider_get_port (provider));
  set_row_text (self->port_row, port);
  adw_combo_row_set_selected (self->security_row,
                              mj_provider_get_security (provider) == MJ_SECURITY_TLS ? 1 : 0);
  self->filling = FALSE;

  if (*mj_provider_get_host (provider) == '\0')
    adw_expander_row_set_expanded (self->settings_expander, TRUE);
  clear_tokens (self);
  update_actions (self);
}

static void
settings_changed_cb (MjAccountWizard *self)
{
  if (!self->filling)
    clear_tokens (self);
  show_error_label (self->settings_error_label, NULL);
  update_actions (self);
}

/* Step 3: signing in ------------------------------------------------------ */

static void
show_explanation (GtkBox        *box,
                  MjExplanation *explanation)
{
  GtkWidget *card = mj_explanation_card_new ();

  mj_explanation_card_set_explanation (MJ_EXPLANATION_CARD (card), explanation);
  gtk_box_append (box, card);
}

static void
prepare_auth_page (MjAccountWizard *self)
{
  MjProvider *provider = selected_provider (self);
  gboolean oauth = mj_provider_supports_auth (provider, MJ_AUTH_OAUTH2);
  gboolean password = mj_provider_supports_auth (provider, MJ_AUTH_PASSWORD);
  g_autofree char *title = NULL;
  gboolean has_guide;

  /* "Sign in to Other mail server" reads oddly: name no provider then. */
  if (g_strcmp0 (mj_provider_get_id (provider), "generic") == 0)
    title = g_strdup (_("Sign in to your mail server"));
  else
    /* Translators: %s is a provider ("Gmail"). */
    title = g_strdup_printf (_("Sign in to %s"), mj_provider_get_display_name (provider));
  gtk_label_set_label (self->auth_title_label, title);

  self->oauth_configured = FALSE;
  gtk_widget_set_visible (self->oauth_box, oauth);
  gtk_widget_set_visible (self->no_password_box, oauth && !password);
  gtk_widget_set_visible (self->password_box, password);
  gtk_widget_set_visible (self->password_heading_label, oauth && password);

  has_guide = mj_app_password_guide_set_provider (self->guide,
                                                  mj_provider_get_id (provider),
                                                  mj_provider_get_display_name (provider),
                                                  mj_provider_get_app_password_url (provider));
  gtk_widget_set_visible (GTK_WIDGET (self->guide), has_guide);

  clear_box (self->oauth_result_box);
  gtk_widget_set_visible (self->waiting_box, self->signing_in);
  gtk_widget_set_visible (GTK_WIDGET (self->signin_button), !self->signing_in);

  if (oauth)
    {
      g_autoptr(MjAccount) account = build_account (self);
      g_autoptr(GError) error = NULL;

      self->oauth_configured = mj_oauth_check_configured (account, &error);
      if (!self->oauth_configured)
        {
          /* Say so plainly instead of offering a button that cannot work. */
          gtk_widget_set_visible (GTK_WIDGET (self->signin_button), FALSE);
          gtk_label_set_label (self->signin_status_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->signin_status_label), TRUE);
        }
      else if (self->tokens != NULL)
        {
          g_autofree char *text = NULL;

          /* Translators: %s is an e-mail address. */
          text = g_strdup_printf (_("Signed in. Mensajero may now send mail as %s."),
                                  mj_account_get_email (account));
          gtk_label_set_label (self->signin_status_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->signin_status_label), TRUE);
        }
      else if (self->editing != NULL && mj_account_get_auth (self->editing) == MJ_AUTH_OAUTH2)
        {
          gtk_label_set_label (self->signin_status_label,
                               _("This account is already signed in with Microsoft. Sign in again only if you want to use another Microsoft account."));
          gtk_widget_set_visible (GTK_WIDGET (self->signin_status_label), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (self->signin_status_label), FALSE);
    }
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MjAccountWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  MjOAuthTokens *tokens;

  tokens = mj_oauth_flow_wait_finish (MJ_OAUTH_FLOW (source), result, &error);
  if (wizard_closed (self))
    {
      g_clear_pointer (&tokens, mj_oauth_tokens_free);
      return;
    }

  self->signing_in = FALSE;
  gtk_spinner_stop (self->waiting_spinner);

  if (tokens != NULL)
    {
      clear_tokens (self);
      self->tokens = tokens;
      g_clear_object (&self->flow);
      prepare_auth_page (self);
      update_actions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      return;
    }

  prepare_auth_page (self);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      const char *aadsts = self->flow != NULL ? mj_oauth_flow_get_aadsts_code (self->flow) : NULL;
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->oauth_result_box, label);
      if (aadsts != NULL)
        {
          g_autoptr(MjExplanation) explanation = mj_explainer_explain_aadsts (aadsts);
          show_explanation (self->oauth_result_box, explanation);
        }
    }
  g_clear_object (&self->flow);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->signin_button));
}

static void
mj_account_wizard_sign_in_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (widget);
  g_autoptr(MjAccount) account = build_account (self);
  g_autoptr(GError) error = NULL;

  clear_box (self->oauth_result_box);
  g_clear_object (&self->flow);
  self->flow = mj_oauth_flow_new (account);
  if (!mj_oauth_flow_start (self->flow, &error))
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->oauth_result_box, label);
      g_clear_object (&self->flow);
      return;
    }

  reset_step_cancellable (self);
  self->signing_in = TRUE;
  gtk_widget_set_visible (self->waiting_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->signin_button), FALSE);
  gtk_spinner_start (self->waiting_spinner);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->waiting_box));

  gtk_show_uri (GTK_WINDOW (self), mj_oauth_flow_get_authorize_url (self->flow), GDK_CURRENT_TIME);
  mj_oauth_flow_wait_async (self->flow, self->step_cancellable, sign_in_cb, g_object_ref (self));
}

static void
mj_account_wizard_cancel_sign_in_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (widget);

  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
}

static void
password_changed_cb (MjAccountWizard *self)
{
  self->test_passed = FALSE;
  update_actions (self);
}

/* Step 4: the connection test --------------------------------------------- */

static const char *
row_title (TestRow row)
{
  switch (row)
    {
    /* Names, not "-ing" forms: they stay on screen, ticked, once done. */
    case ROW_CONNECT:
      return _("Connection to the server");
    case ROW_EHLO:
      return _("Server capabilities (EHLO)");
    case ROW_TLS:
      return _("Encryption (TLS)");
    case ROW_AUTH:
      return _("Sign-in");
    case N_ROWS:
    default:
      g_assert_not_reached ();
    }
}

static int
row_for_step (MjSmtpStep step)
{
  switch (step)
    {
    case MJ_SMTP_STEP_CONNECT:
    case MJ_SMTP_STEP_GREETING:
      return ROW_CONNECT;
    case MJ_SMTP_STEP_EHLO:
      return ROW_EHLO;
    case MJ_SMTP_STEP_STARTTLS:
    case MJ_SMTP_STEP_TLS:
      return ROW_TLS;
    case MJ_SMTP_STEP_AUTH:
      return ROW_AUTH;
    case MJ_SMTP_STEP_MAIL:
    case MJ_SMTP_STEP_RCPT:
    case MJ_SMTP_STEP_DATA:
    case MJ_SMTP_STEP_DONE:
    default:
      return -1;
    }
}

static void
set_row_state (MjAccountWizard *self,
               TestRow          row,
               RowState         state,
               const char      *detail)
{
  static const char *pages[] = { "pending", "running", "ok", "failed", "skipped" };
  GtkWidget *spinner = gtk_stack_get_child_by_name (self->test_icons[row], "running");

  self->row_states[row] = state;
  gtk_stack_set_visible_child_name (self->test_icons[row], pages[state]);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), state == ROW_STATE_RUNNING);

  if (detail == NULL)
    {
      switch (state)
        {
        case ROW_STATE_PENDING:
          detail = _("Waiting");
          break;
        case ROW_STATE_RUNNING:
          detail = _("In progress…");
          break;
        case ROW_STATE_OK:
          detail = _("Done");
          break;
        case ROW_STATE_FAILED:
          detail = _("Failed");
          break;
        case ROW_STATE_SKIPPED:
        default:
          detail = _("Not tried");
          break;
        }
    }
  adw_action_row_set_subtitle (self->test_rows[row], detail);
}

static GtkWidget *
status_icon (const char *icon_name,
             const char *css_class)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  return image;
}

static void
build_test_rows (MjAccountWizard *self)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icons = gtk_stack_new ();

      gtk_stack_add_named (GTK_STACK (icons), status_icon ("content-loading-symbolic", "dim-label"), "pending");
      gtk_stack_add_named (GTK_STACK (icons), gtk_spinner_new (), "running");
      gtk_stack_add_named (GTK_STACK (icons), status_icon ("emblem-ok-symbolic", "success"), "ok");
      gtk_stack_add_named (GTK_STACK (icons), status_icon ("dialog-error-symbolic", "error"), "failed");
      gtk_stack_add_named (GTK_STACK (icons), status_icon ("action-unavailable-symbolic", "dim-label"), "skipped");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title (i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icons);
      gtk_list_box_append (self->test_list, row);
      self->test_rows[i] = ADW_ACTION_ROW (row);
      self->test_icons[i] = GTK_STACK (icons);
    }
}

/* The detail line of a row: the server's reply, or the TLS version. */
static char *
step_detail (const MjSmtpProbeResult *result,
             const MjSmtpProbeStep   *step)
{
  if ((step->step == MJ_SMTP_STEP_TLS || step->step == MJ_SMTP_STEP_STARTTLS)
      && step->ok && result->tls_version != NULL)
    /* Translators: %s is a TLS version ("TLSv1.3"). */
    return g_strdup_printf (_("Encrypted with %s"), result->tls_version);
  if (step->reply != NULL && step->reply->code != 0)
    {
      g_autofree char *text = mj_smtp_reply_to_string (step->reply);
      char *newline = strchr (text, '\n');

      if (newline != NULL)
        *newline = '\0';
      return g_steal_pointer (&text);
    }
  return g_strdup (step->detail);
}

static void
show_probe (MjAccountWizard         *self,
            const MjSmtpProbeResult *result)
{
  gboolean failed = FALSE;

  for (guint i = 0; i < result->steps->len; i++)
    {
      const MjSmtpProbeStep *step = g_ptr_array_index (result->steps, i);
      int row = row_for_step (step->step);
      g_autofree char *detail = NULL;

      if (row < 0 || self->row_states[row] == ROW_STATE_FAILED)
        continue;
      detail = step_detail (result, step);
      set_row_state (self, row, step->ok ? ROW_STATE_OK : ROW_STATE_FAILED, detail);
      failed = failed || !step->ok;
    }

  if (result->error != NULL)
    {
      int row = row_for_step (result->failed_step);

      if (row >= 0 && self->row_states[row] != ROW_STATE_FAILED)
        set_row_state (self, row, ROW_STATE_FAILED, result->error->message);
      for (guint i = 0; i < N_ROWS; i++)
        if (self->row_states[i] == ROW_STATE_RUNNING || self->row_states[i] == ROW_STATE_PENDING)
          set_row_state (self, i, ROW_STATE_SKIPPED, NULL);
    }
}

static MjExplanation *
explain_probe (const MjSmtpProbeResult *result)
{
  const MjSmtpProbeStep *step = mj_smtp_probe_result_get_step (result, result->failed_step);

  if (step != NULL && step->reply != NULL && step->reply->code != 0)
    return mj_explainer_explain_reply (step->reply);
  if (result->curl_code != 0)
    return mj_explainer_explain_curl (result->curl_code);
  return mj_explainer_explain_text (result->error->message);
}

static void
test_finished (MjAccountWizard         *self,
               const MjSmtpProbeResult *result)
{
  self->testing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->stop_test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !self->test_passed);

  if (self->test_passed)
    {
      gtk_label_set_label (self->test_title_label, _("The connection works"));
      update_actions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      return;
    }

  gtk_label_set_label (self->test_title_label, _("The connection test failed"));
  if (result != NULL && result->error != NULL
      && !g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(MjExplanation) explanation = explain_probe (result);
      show_explanation (self->test_result_box, explanation);
    }
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
}

static void probe_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
run_probe (MjAccountWizard  *self,
           MjSmtpProbeFlags  flags)
{
  g_autoptr(MjAccount) account = build_account (self);
  g_autoptr(MjSmtpClient) client = mj_smtp_client_new (account);

  if (flags & MJ_SMTP_PROBE_AUTH)
    {
      const char *login = mj_account_get_login (account);
      g_autoptr(MjCredentials) credentials = NULL;

      if (self->tokens != NULL)
        credentials = mj_credentials_new_bearer (login, self->tokens->access_token);
      else if (*row_text (ADW_ENTRY_ROW (self->password_row)) != '\0')
        credentials = mj_credentials_new_password (login, row_text (ADW_ENTRY_ROW (self->password_row)));
      else if (self->stored_credentials != NULL)
        credentials = mj_credentials_copy (self->stored_credentials);
      if (credentials != NULL)
        mj_smtp_client_set_credentials (client, credentials);
      set_row_state (self, ROW_AUTH, ROW_STATE_RUNNING, NULL);
    }
  else
    {
      set_row_state (self, ROW_CONNECT, ROW_STATE_RUNNING, NULL);
      set_row_state (self, ROW_EHLO, ROW_STATE_RUNNING, NULL);
      set_row_state (self, ROW_TLS, ROW_STATE_RUNNING, NULL);
    }

  g_object_set_data (G_OBJECT (client), "mj-probe-flags", GUINT_TO_POINTER (flags));
  mj_smtp_client_probe_async (client, flags, self->step_cancellable, probe_cb, g_object_ref (self));
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MjAccountWizard) self = user_data;
  MjSmtpClient *client = MJ_SMTP_CLIENT (source);
  MjSmtpProbeFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (client), "mj-probe-flags"));
  g_autoptr(MjSmtpProbeResult) probe = NULL;
  g_autoptr(GError) error = NULL;

  probe = mj_smtp_client_probe_finish (client, result, &error);
  if (wizard_closed (self))
    return;
  if (probe == NULL)
    {
      GtkWidget *label = gtk_label_new (error != NULL ? error->message : "");

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->test_result_box, label);
      test_finished (self, NULL);
      return;
    }

  show_probe (self, probe);
  if (probe->error != NULL)
    {
      test_finished (self, probe);
      return;
    }

  if (!(flags & MJ_SMTP_PROBE_AUTH))
    {
      /* Connection and TLS work: now the same again with the sign-in. */
      run_probe (self, MJ_SMTP_PROBE_AUTH);
      return;
    }

  self->test_passed = TRUE;
  test_finished (self, probe);
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MjAccountWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  MjCredentials *credentials;

  credentials = mj_credentials_load_finish (result, &error);
  if (wizard_closed (self))
    {
      g_clear_pointer (&credentials, mj_credentials_free);
      return;
    }
  g_clear_pointer (&self->stored_credentials, mj_credentials_free);
  self->stored_credentials = credentials;
  run_probe (self, MJ_SMTP_PROBE_NONE);
}

static void
start_test (MjAccountWizard *self)
{
  reset_step_cancellable (self);
  clear_box (self->test_result_box);
  self->testing = TRUE;
  self->test_passed = FALSE;
  gtk_label_set_label (self->test_title_label, _("Testing the connection"));
  gtk_widget_set_visible (GTK_WIDGET (self->stop_test_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  for (guint i = 0; i < N_ROWS; i++)
    set_row_state (self, i, ROW_STATE_PENDING, NULL);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->stop_test_button));

  /* Editing without a new password or sign-in: test with what the keyring
   * holds for this account. */
  if (self->editing != NULL && self->tokens == NULL
      && *row_text (ADW_ENTRY_ROW (self->password_row)) == '\0'
      && self->stored_credentials == NULL)
    {
      g_autoptr(MjAccount) account = build_account (self);

      mj_credentials_load_async (account, FALSE, self->step_cancellable,
                                 credentials_cb, g_object_ref (self));
      return;
    }
  run_probe (self, MJ_SMTP_PROBE_NONE);
}

static void
mj_account_wizard_stop_test_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (widget);

  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
}

static void
mj_account_wizard_retry_test_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  start_test (MJ_ACCOUNT_WIZARD (widget));
}

/* Step 5: the name -------------------------------------------------------- */

static void
name_changed_cb (MjAccountWizard *self)
{
  g_autofree char *display_name = row_text_stripped (self->display_name_row);
  g_autofree char *email = row_text_stripped (self->email_row);
  g_autofree char *from = NULL;

  if (*display_name != '\0')
    /* Translators: how the From line will look: name, then address. */
    from = g_strdup_printf (_("Your clients will see: %s <%s>"), display_name, email);
  else
    from = g_strdup_printf (_("Your clients will see: %s"), email);
  gtk_label_set_label (self->from_preview_label, from);
  show_error_label (self->name_error_label, NULL);
  update_actions (self);
}

/* Step 6: confirm and save ------------------------------------------------ */

static void
fill_done_page (MjAccountWizard *self)
{
  g_autoptr(MjAccount) account = build_account (self);
  g_autofree char *description = NULL;
  const char *how;

  how = mj_account_get_auth (account) == MJ_AUTH_OAUTH2
        ? _("signing in with Microsoft") : _("signing in with a password");
  /* Translators: account name, address, server, port, how it signs in;
   * the button named at the end must match the button's label. */
  if (g_strcmp0 (mj_account_get_name (account), mj_account_get_email (account)) == 0)
    /* Translators: address, server, port, how it signs in; the button
     * named at the end must match the button's label. */
    description = g_strdup_printf (self->editing != NULL
                                   ? _("%s sends through %s, port %u, %s. Choose Save Changes to keep it.")
                                   : _("%s sends through %s, port %u, %s. Choose Add Account to save it."),
                                   mj_account_get_email (account),
                                   mj_account_get_host (account), mj_account_get_port (account), how);
  else
    description = g_strdup_printf (self->editing != NULL
                                   ? _("Account “%s” (%s) sends through %s, port %u, %s. Choose Save Changes to keep it.")
                                   : _("Account “%s” (%s) sends through %s, port %u, %s. Choose Add Account to save it."),
                                   mj_account_get_name (account), mj_account_get_email (account),
                                   mj_account_get_host (account), mj_account_get_port (account), how);
  adw_status_page_set_description (self->done_page, description);
  show_error_label (self->done_error_label, NULL);
}

static void
save_failed (MjAccountWizard *self,
             const char      *message)
{
  self->saving = FALSE;
  show_error_label (self->done_error_label, message);
  update_actions (self);
}

static void
copy_account (MjAccount *dest,
              MjAccount *src)
{
  mj_account_set_email (dest, mj_account_get_email (src));
  mj_account_set_display_name (dest, mj_account_get_display_name (src));
  mj_account_set_provider_id (dest, mj_account_get_provider_id (src));
  mj_account_set_host (dest, mj_account_get_host (src));
  mj_account_set_port (dest, mj_account_get_port (src));
  mj_account_set_security (dest, mj_account_get_security (src));
  mj_account_set_auth (dest, mj_account_get_auth (src));
  mj_account_set_username (dest, mj_account_get_username (src));
  mj_account_set_ca_file (dest, mj_account_get_ca_file (src));
}

/* The secret is in the keyring: now the account itself. */
static void
finish_save (MjAccountWizard *self)
{
  g_autoptr(MjAccount) account = build_account (self);
  g_autoptr(GError) error = NULL;
  MjAccount *saved;

  if (self->editing != NULL)
    {
      copy_account (self->editing, account);
      if (!mj_account_store_save (self->store, &error))
        {
          save_failed (self, error->message);
          return;
        }
      saved = self->editing;
    }
  else
    {
      if (!mj_account_store_add (self->store, account, &error))
        {
          /* Leave no orphan secret behind. */
          mj_secret_store_clear_all_sync (mj_account_get_name (account), NULL, NULL);
          mj_oauth_forget_sync (mj_account_get_name (account), NULL, NULL);
          save_failed (self, error->message);
          return;
        }
      saved = account;
      if (self->settings != NULL)
        {
          g_autofree char *current = g_settings_get_string (self->settings, "default-account");

          if (*current == '\0' || mj_account_store_lookup (self->store, current) == NULL)
            g_settings_set_string (self->settings, "default-account", mj_account_get_name (account));
        }
    }

  self->saving = FALSE;
  self->saved = TRUE;
  g_signal_emit (self, signals[ACCOUNT_SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
after_secret_saved (MjAccountWizard *self,
                    gboolean         ok,
                    GError          *error)
{
  if (self->cancellable == NULL)
    return;
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        save_failed (self, error->message);
      return;
    }
  finish_save (self);
}

static void
secret_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MjAccountWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = mj_secret_store_store_finish (result, &error);

  after_secret_saved (self, ok, error);
}

static void
oauth_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MjAccountWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = mj_oauth_save_tokens_finish (result, &error);

  after_secret_saved (self, ok, error);
}

static void
save_account (MjAccountWizard *self)
{
  g_autofree char *name = account_name (self);
  const char *password = row_text (ADW_ENTRY_ROW (self->password_row));

  self->saving = TRUE;
  show_error_label (self->done_error_label, NULL);
  update_actions (self);

  if (self->editing != NULL)
    {
      /* Switching how the account signs in drops the other secret. */
      if (self->tokens != NULL || *password != '\0')
        {
          mj_secret_store_clear_all_sync (name, NULL, NULL);
          mj_oauth_forget_sync (name, NULL, NULL);
        }
    }

  if (self->tokens != NULL)
    mj_oauth_save_tokens_async (name, self->tokens, self->cancellable,
                                oauth_saved_cb, g_object_ref (self));
  else if (*password != '\0')
    mj_secret_store_store_async (name, MJ_SECRET_KIND_PASSWORD, password, self->cancellable,
                                 secret_saved_cb, g_object_ref (self));
  else
    finish_save (self);
}

/* Navigation -------------------------------------------------------------- */

static gboolean
can_go_next (MjAccountWizard *self)
{
  g_autofree char *text = NULL;
  guint port;

  switch (self->step)
    {
    case STEP_ADDRESS:
      text = row_text_stripped (self->email_row);
      return !self->detecting && *text != '\0';
    case STEP_PROVIDER:
      text = row_text_stripped (self->host_row);
      return *text != '\0' && parse_port (self, &port);
    case STEP_AUTH:
      if (self->signing_in)
        return FALSE;
      if (self->tokens != NULL)
        return TRUE;
      if (gtk_widget_get_visible (self->password_box)
          && *row_text (ADW_ENTRY_ROW (self->password_row)) != '\0')
        return TRUE;
      /* Editing: keep what the keyring already holds. */
      return self->editing != NULL
             && (gtk_widget_get_visible (self->password_box)
                 || mj_account_get_auth (self->editing) == MJ_AUTH_OAUTH2);
    case STEP_TEST:
      return self->test_passed && !self->testing;
    case STEP_NAME:
      text = account_name (self);
      return *text != '\0';
    case STEP_DONE:
      return !self->saving;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_actions (MjAccountWizard *self)
{
  gboolean busy = self->detecting || self->signing_in || self->testing || self->saving;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", can_go_next (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 self->step > STEP_ADDRESS && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.sign-in",
                                 self->step == STEP_AUTH && self->oauth_configured
                                 && !self->signing_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel-sign-in", self->signing_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.stop-test", self->testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.retry-test",
                                 self->step == STEP_TEST && !self->testing);
}

static void
set_step (MjAccountWizard *self,
          Step             step)
{
  g_autofree char *subtitle = NULL;

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), step > STEP_ADDRESS);

  /* Translators: "Step 2 of 6". */
  subtitle = g_strdup_printf (_("Step %u of %u"), (guint) step + 1, (guint) N_STEPS);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (step == STEP_DONE)
    gtk_button_set_label (self->next_button,
                          self->editing != NULL ? _("_Save Changes") : _("_Add Account"));
  else
    gtk_button_set_label (self->next_button, _("_Next"));

  switch (step)
    {
    case STEP_ADDRESS:
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      break;
    case STEP_PROVIDER:
      {
        g_autofree char *host = row_text_stripped (self->host_row);

        if (*host == '\0')
          {
            adw_expander_row_set_expanded (self->settings_expander, TRUE);
            gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
          }
        else
          gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      }
      break;
    case STEP_AUTH:
      prepare_auth_page (self);
      if (self->tokens != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      else if (gtk_widget_get_visible (self->oauth_box) && self->oauth_configured)
        gtk_widget_grab_focus (GTK_WIDGET (self->signin_button));
      else if (gtk_widget_get_visible (self->password_box))
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      break;
    case STEP_TEST:
      start_test (self);
      break;
    case STEP_NAME:
      if (self->editing == NULL && *row_text (self->account_name_row) == '\0')
        {
          g_autofree char *name = default_account_name (self);
          set_row_text (self->account_name_row, name);
        }
      name_changed_cb (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->display_name_row));
      break;
    case STEP_DONE:
      fill_done_page (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }

  update_actions (self);
}

static void
mj_account_wizard_next_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (widget);
  g_autofree char *name = NULL;

  if (!can_go_next (self))
    return;

  switch (self->step)
    {
    case STEP_ADDRESS:
      start_detection (self);
      break;
    case STEP_PROVIDER:
      {
        g_autoptr(MjAccount) account = build_account (self);
        g_autoptr(GError) error = NULL;

        /* A name is needed to validate; the real one comes later. */
        if (!mj_account_validate (account, &error))
          {
            show_error_label (self->settings_error_label, error->message);
            adw_expander_row_set_expanded (self->settings_expander, TRUE);
            break;
          }
        set_step (self, STEP_AUTH);
      }
      break;
    case STEP_AUTH:
      set_step (self, STEP_TEST);
      break;
    case STEP_TEST:
      set_step (self, STEP_NAME);
      break;
    case STEP_NAME:
      name = account_name (self);
      if (self->editing == NULL && mj_account_store_lookup (self->store, name) != NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is an account name. */
          message = g_strdup_printf (_("There is already an account called “%s”. Choose another name."), name);
          show_error_label (self->name_error_label, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->account_name_row));
          break;
        }
      set_step (self, STEP_DONE);
      break;
    case STEP_DONE:
      save_account (self);
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static void
mj_account_wizard_back_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (widget);

  if (self->step == STEP_ADDRESS)
    return;
  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
  set_step (self, self->step - 1);
}

static void
ca_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   MjAccountWizard *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->ca_file_row), path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Nobody types a certificate's path by heart. */
static void
mj_account_wizard_choose_ca_file_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose the Certificate File"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (pem, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.crt");
  gtk_file_filter_add_mime_type (pem, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pem);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ca_file_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
mj_account_wizard_cancel_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Life cycle -------------------------------------------------------------- */

static gboolean
mj_account_wizard_close_request (GtkWindow *window)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (window);

  /* Nothing was written before the confirmation; forget what is in
   * memory and stop whatever runs. */
  g_cancellable_cancel (self->cancellable);
  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
  clear_tokens (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  return GTK_WINDOW_CLASS (mj_account_wizard_parent_class)->close_request (window);
}

static void
mj_account_wizard_constructed (GObject *object)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (object);

  G_OBJECT_CLASS (mj_account_wizard_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);
  set_step (self, STEP_ADDRESS);
}

static void
mj_account_wizard_dispose (GObject *object)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_ACCOUNT_WIZARD);
  clear_tokens (self);
  g_clear_object (&self->flow);
  g_clear_object (&self->detection);
  g_clear_object (&self->editing);
  g_clear_object (&self->store);
  g_clear_object (&self->step_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mj_account_wizard_parent_class)->dispose (object);
}

static void
mj_account_wizard_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (object);

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
mj_account_wizard_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MjAccountWizard *self = MJ_ACCOUNT_WIZARD (object);

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
mj_account_wizard_class_init (MjAccountWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mj_account_wizard_constructed;
  object_class->dispose = mj_account_wizard_dispose;
  object_class->get_property = mj_account_wizard_get_property;
  object_class->set_property = mj_account_wizard_set_property;
  window_class->close_request = mj_account_wizard_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MJ_TYPE_ACCOUNT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MjAccountWizard::account-saved:
   * @account: the account, as now in the store
   *
   * Emitted once the user confirmed and the account and its secret are
   * stored, just before the wizard closes.
   */
  signals[ACCOUNT_SAVED] =
    g_signal_new ("account-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MJ_TYPE_ACCOUNT);

  g_type_ensure (MJ_TYPE_APP_PASSWORD_GUIDE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-account-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, account_name_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, address_error_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, auth_title_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, detecting_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, detecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, done_error_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, done_page);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, email_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, from_preview_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, guide);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, host_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, no_password_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, oauth_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, oauth_result_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, password_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, password_heading_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, password_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, port_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, provider_description_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, provider_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, recognised_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, security_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, settings_error_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, settings_expander);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, signin_button);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, signin_status_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, stop_test_button);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, test_list);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, test_result_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, test_title_label);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, username_row);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, MjAccountWizard, window_title);
  gtk_widget_class_bind_template_callback (widget_class, email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, settings_changed_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, mj_account_wizard_next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, mj_account_wizard_back_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, mj_account_wizard_cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.choose-ca-file", NULL,
                                   mj_account_wizard_choose_ca_file_action);
  gtk_widget_class_install_action (widget_class, "wizard.sign-in", NULL, mj_account_wizard_sign_in_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel-sign-in", NULL,
                                   mj_account_wizard_cancel_sign_in_action);
  gtk_widget_class_install_action (widget_class, "wizard.stop-test", NULL, mj_account_wizard_stop_test_action);
  gtk_widget_class_install_action (widget_class, "wizard.retry-test", NULL, mj_account_wizard_retry_test_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
}

static void
mj_account_wizard_init (MjAccountWizard *self)
{
  GPtrArray *all = mj_provider_get_all ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);

  for (guint i = 0; i < all->len; i++)
    gtk_string_list_append (names, mj_provider_get_display_name (g_ptr_array_index (all, i)));
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));
  g_signal_connect_object (self->provider_row, "notify::selected",
                           G_CALLBACK (provider_selected_cb), self, G_CONNECT_SWAPPED);
  build_test_rows (self);
}

/**
 * mj_account_wizard_new:
 * @store: the accounts the new one is added to
 * @parent: (nullable): the window the wizard is modal to
 *
 * Returns: (transfer none): a new wizard for a new account; present it.
 */
MjAccountWizard *
mj_account_wizard_new (MjAccountStore *store,
                       GtkWindow      *parent)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (MJ_TYPE_ACCOUNT_WIZARD,
                       "store", store,
                       "transient-for", parent,
                       NULL);
}

/**
 * mj_account_wizard_new_for_edit:
 * @store: the store that holds @account
 * @account: the account to change
 * @parent: (nullable): the window the wizard is modal to
 *
 * The same steps, filled in from @account; its name stays. An empty
 * password field keeps the secret the keyring already holds.
 *
 * Returns: (transfer none): a new wizard; present it.
 */
MjAccountWizard *
mj_account_wizard_new_for_edit (MjAccountStore *store,
                                MjAccount      *account,
                                GtkWindow      *parent)
{
  MjAccountWizard *self;
  MjProvider *provider;
  g_autofree char *port = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MJ_IS_ACCOUNT_STORE (store), NULL);
  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);

  self = mj_account_wizard_new (store, parent);
  self->editing = g_object_ref (account);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Account"));
  adw_window_title_set_title (self->window_title, _("Edit Account"));

  self->filling = TRUE;
  set_row_text (self->email_row, mj_account_get_email (account));
  provider = mj_account_get_provider (account);
  if (provider == NULL)
    provider = mj_provider_lookup ("generic");
  select_provider (self, provider);
  set_row_text (self->host_row, mj_account_get_host (account));
  port = g_strdup_printf ("%u", mj_account_get_port (account));
  set_row_text (self->port_row, port);
  adw_combo_row_set_selected (self->security_row,
                              mj_account_get_security (account) == MJ_SECURITY_TLS ? 1 : 0);
  set_row_text (self->username_row, mj_account_get_username (account));
  set_row_text (self->ca_file_row, mj_account_get_ca_file (account));
  set_row_text (self->display_name_row, mj_account_get_display_name (account));
  set_row_text (self->account_name_row, mj_account_get_name (account));
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_name_row), FALSE);
  self->filling = FALSE;

  /* Translators: %s is a provider name. */
  title = g_strdup_printf (_("Provider: %s"), mj_provider_get_display_name (provider));
  gtk_label_set_label (self->recognised_label, title);
  gtk_label_set_label (self->provider_description_label,
                       _("Change the settings if your provider or IT administrator told you to."));
  set_step (self, STEP_PROVIDER);
  return self;
}

const char *
mj_account_wizard_get_step (MjAccountWizard *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT_WIZARD (self), NULL);

  return step_names[self->step];
}

MjAccountStore *
mj_account_wizard_get_store (MjAccountWizard *self)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT_WIZARD (self), NULL);

  return self->store;
}
