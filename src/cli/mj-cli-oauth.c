#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "mj-cli.h"
#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"

typedef struct {
  GMainLoop *loop;
  GCancellable *cancellable;
  MjOAuthTokens *tokens;
  GError *error;
} SignIn;

static gboolean
on_signal (gpointer user_data)
{
  SignIn *s = user_data;

  g_cancellable_cancel (s->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SignIn *s = user_data;

  s->tokens = mj_oauth_flow_wait_finish (MJ_OAUTH_FLOW (source), result, &s->error);
  g_main_loop_quit (s->loop);
}

static gboolean
have_display (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (x11 != NULL && x11[0] != '\0') || (wayland != NULL && wayland[0] != '\0');
}

/* When an administrator must act (consent, admin approval), print the
 * ready-to-send message of the explanation catalogue. */
static void
print_admin_message (MjOAuthFlow *flow)
{
  const char *aadsts = mj_oauth_flow_get_aadsts_code (flow);
  g_autoptr(MjExplanation) explanation = NULL;
  const char *message;

  if (aadsts == NULL)
    return;
  explanation = mj_explainer_explain_aadsts (aadsts);
  if (mj_explanation_get_who_fixes (explanation) != MJ_WHO_FIXES_ADMIN)
    return;
  message = mj_explanation_get_admin_message (explanation, mj_i18n_ui_lang ());
  if (message == NULL || message[0] == '\0')
    return;
  g_printerr ("\n%s\n\n%s\n", M_("Message for your IT administrator:"), message);
}

/**
 * mj_cli_account_oauth_sign_in:
 * @account: the new account (auth oauth2), not yet in @store
 * @store: where it is added on success
 *
 * "Sign in with Microsoft" from a terminal: prints the sign-in URL on a
 * line of its own, opens the browser when there is a display, waits for
 * the loopback redirect (Ctrl+C cancels, 5 minutes at most), exchanges the
 * code, keeps the tokens in the keyring and adds @account to @store.
 * A cancelled or failed sign-in stores nothing: no account, no secret.
 *
 * When @account is already in @store (the very object, `account sign-in
 * NAME`), this is a new sign-in for it: only its tokens are replaced, and
 * only once the new sign-in has worked, so a failed attempt leaves the old
 * state as it was.
 *
 * Returns: an exit status of DESIGN.md.
 */
int
mj_cli_account_oauth_sign_in (MjAccount      *account,
                              MjAccountStore *store)
{
  g_autoptr(MjOAuthFlow) flow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MjOAuthTokens) tokens = NULL;
  const char *name = mj_account_get_name (account);
  MjAccount *existing = mj_account_store_lookup (store, name);
  gboolean again = existing == account;
  const char *url;
  SignIn s = { 0 };
  guint sigint_id, sigterm_id;

  /* Checked before signing in: storing the tokens must never overwrite
   * another account's, and a failed add must not waste a sign-in. */
  if (existing != NULL && !again)
    return mj_cli_usage_error (M_("an account named “%s” already exists"), name);
  if (!mj_account_validate (account, &error))
    {
      mj_cli_print_error (error);
      return mj_error_exit_code (error);
    }
  if (!mj_oauth_check_configured (account, &error))
    {
      mj_cli_print_error (error);
      return mj_oauth_error_exit_code (error);
    }

  flow = mj_oauth_flow_new (account);
  if (!mj_oauth_flow_start (flow, &error))
    {
      mj_cli_print_error (error);
      return mj_oauth_error_exit_code (error);
    }

  /* Ctrl+C from now on cancels cleanly (before the URL is shown, so a
   * quick interrupt is never a bare kill). */
  loop = g_main_loop_new (NULL, FALSE);
  s.loop = loop;
  s.cancellable = cancellable;
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &s);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &s);

  url = mj_oauth_flow_get_authorize_url (flow);
  g_print ("%s\n", M_("To sign in with Microsoft, open this address in your browser:"));
  g_print ("%s\n", url);
  fflush (stdout);

  if (have_display ())
    {
      g_autoptr(GError) launch_error = NULL;

      if (!g_app_info_launch_default_for_uri (url, NULL, &launch_error))
        g_printerr (M_("Could not open the browser (%s); copy the address above into it.\n"),
                    launch_error->message);
    }
  g_printerr ("%s\n", M_("Waiting for the sign-in to finish in the browser (Ctrl+C cancels)…"));

  mj_oauth_flow_wait_async (flow, cancellable, wait_done, &s);
  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  tokens = g_steal_pointer (&s.tokens);
  if (tokens == NULL)
    {
      mj_cli_print_error (s.error);
      print_admin_message (flow);
      {
        int status = g_error_matches (s.error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                     ? MJ_EXIT_USAGE : mj_oauth_error_exit_code (s.error);

        g_clear_error (&s.error);
        return status;
      }
    }

  if (!mj_oauth_save_tokens_sync (name, tokens, NULL, &error))
    {
      g_printerr (M_("Error: the sign-in worked but could not be kept in the keyring: %s\n"),
                  error->message);
      return MJ_EXIT_USAGE;
    }

  if (again)
    {
      g_print (M_("Signed in with Microsoft again. Account “%s” (%s) can send.\n"), name,
               mj_account_get_email (account));
      return MJ_EXIT_OK;
    }

  if (!mj_account_store_add (store, account, &error))
    {
      /* No account, no secret. */
      mj_oauth_forget_sync (name, NULL, NULL);
      mj_cli_print_error (error);
      return mj_error_exit_code (error);
    }

  g_print (M_("Signed in with Microsoft. Account “%s” (%s) is ready.\n"), name,
           mj_account_get_email (account));
  return MJ_EXIT_OK;
}
