#pragma once

#include <gio/gio.h>

#include "mj-account.h"

G_BEGIN_DECLS

/* Everything Mensajero asks Microsoft for: sending mail over SMTP, and a
 * refresh token so the user signs in once. */
#define MJ_OAUTH_SCOPE "https://outlook.office.com/SMTP.Send offline_access"

/* Access tokens this close to their expiry are refreshed before use. */
#define MJ_OAUTH_EXPIRY_MARGIN_SECONDS 120

/**
 * MjOAuthError:
 * @MJ_OAUTH_ERROR_NO_CLIENT_ID: no application (client) id is configured
 *   (build option `oauth_client_id`, `--oauth-client-id`, or the account)
 * @MJ_OAUTH_ERROR_STATE_MISMATCH: the redirect carried another `state`
 *   than the one we sent: refused (possible forgery)
 * @MJ_OAUTH_ERROR_DENIED: the identity platform answered the authorize
 *   request with an error (consent refused, admin approval needed, …)
 * @MJ_OAUTH_ERROR_TOKEN: the token endpoint refused the request
 * @MJ_OAUTH_ERROR_INVALID_GRANT: the refresh token (or code) is no longer
 *   valid: the user must sign in again
 * @MJ_OAUTH_ERROR_NOT_SIGNED_IN: no refresh token in the keyring
 * @MJ_OAUTH_ERROR_NETWORK: the identity platform could not be reached
 *   (DNS, TCP, TLS, certificate)
 * @MJ_OAUTH_ERROR_PROTOCOL: a reply we cannot use
 * @MJ_OAUTH_ERROR_TIMED_OUT: nobody came back to the loopback redirect in
 *   time
 * @MJ_OAUTH_ERROR_TEMPORARY: the identity platform is busy or failing
 *   (HTTP 5xx, `temporarily_unavailable`): try again later
 *
 * Errors of the sign-in flow (#MjOAuthFlow). Messages are already
 * explained in the UI language (mj_i18n_ui_lang()).
 */
typedef enum {
  MJ_OAUTH_ERROR_NO_CLIENT_ID,
  MJ_OAUTH_ERROR_STATE_MISMATCH,
  MJ_OAUTH_ERROR_DENIED,
  MJ_OAUTH_ERROR_TOKEN,
  MJ_OAUTH_ERROR_INVALID_GRANT,
  MJ_OAUTH_ERROR_NOT_SIGNED_IN,
  MJ_OAUTH_ERROR_NETWORK,
  MJ_OAUTH_ERROR_PROTOCOL,
  MJ_OAUTH_ERROR_TIMED_OUT,
  MJ_OAUTH_ERROR_TEMPORARY,
} MjOAuthError;

#define MJ_OAUTH_ERROR (mj_oauth_error_quark ())
GQuark        mj_oauth_error_quark          (void);

/* The mensajero-cli exit status for an error of the sign-in flow or of
 * mj_oauth_get_access_token_sync() (MjExitCode of mj-error.h). */
int           mj_oauth_error_exit_code      (const GError *error);

/**
 * MjOAuthTokens:
 * @access_token: the bearer token for XOAUTH2
 * @refresh_token: (nullable): the long-lived token (keyring only)
 * @expires_at: when @access_token expires, in seconds since the epoch
 * @scope: (nullable): the scopes granted
 *
 * Token endpoint reply. Secrets are wiped when freed; never print them.
 */
typedef struct {
  char   *access_token;
  char   *refresh_token;
  gint64  expires_at;
  char   *scope;
} MjOAuthTokens;

#define MJ_TYPE_OAUTH_TOKENS (mj_oauth_tokens_get_type ())
GType           mj_oauth_tokens_get_type    (void) G_GNUC_CONST;
MjOAuthTokens  *mj_oauth_tokens_copy        (const MjOAuthTokens *self);
void            mj_oauth_tokens_free        (MjOAuthTokens       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjOAuthTokens, mj_oauth_tokens_free)

/* TRUE when @account has a client id (its own or the build default);
 * otherwise MJ_OAUTH_ERROR_NO_CLIENT_ID with a plain explanation that
 * points to the README section "Sign in with Microsoft: registering a
 * client id". The wizard calls this before offering the button. */
gboolean        mj_oauth_check_configured   (MjAccount     *account,
                                             GError       **error);

/**
 * MjOAuthFlow:
 *
 * One interactive "Sign in with Microsoft": authorization code + PKCE
 * (S256) with a loopback redirect listener on 127.0.0.1/::1 and a random
 * port. The redirect URI is http://localhost:PORT, which Microsoft matches
 * against the registered http://localhost whatever the port (README,
 * "registering a client id"; 127.0.0.1 would need its own registration).
 * The authorize request asks for the account picker (prompt=select_account)
 * with the account's address as login_hint. Use:
 *
 *   flow = mj_oauth_flow_new (account);       // authority, client id,
 *                                             // login_hint, CA file
 *   mj_oauth_flow_start (flow, &error);       // listens; builds the URL
 *   open mj_oauth_flow_get_authorize_url (flow) in the system browser
 *   mj_oauth_flow_wait_async (flow, cancellable, cb, data);
 *   … tokens = mj_oauth_flow_wait_finish (flow, result, &error);
 *   when the user confirms: mj_oauth_save_tokens_sync/_async (name, tokens)
 *
 * start() and wait_async() must run on the same thread-default main
 * context (the listener lives there). The browser gets a small "you can
 * close this window" page in Spanish and English; other paths (favicon…)
 * get 404 and do not end the wait. Nothing is stored by the flow itself, so a
 * cancelled or failed sign-in leaves no trace.
 */
#define MJ_TYPE_OAUTH_FLOW (mj_oauth_flow_get_type ())

G_DECLARE_FINAL_TYPE (MjOAuthFlow, mj_oauth_flow, MJ, OAUTH_FLOW, GObject)

/* Takes authority, client id, e-mail (login_hint) and CA file from
 * @account (not kept). */
MjOAuthFlow    *mj_oauth_flow_new           (MjAccount     *account);
/* Same, from explicit values; @login_hint and @ca_file may be NULL. */
MjOAuthFlow    *mj_oauth_flow_new_full      (const char    *authority,
                                             const char    *client_id,
                                             const char    *login_hint,
                                             const char    *ca_file);
/* Default 300 s; 0 = wait until cancelled. Set before wait_async(). */
void            mj_oauth_flow_set_timeout   (MjOAuthFlow   *self,
                                             guint          seconds);
gboolean        mj_oauth_flow_start         (MjOAuthFlow   *self,
                                             GError       **error);
/* Valid after start(). */
const char     *mj_oauth_flow_get_authorize_url (MjOAuthFlow *self);
const char     *mj_oauth_flow_get_redirect_uri  (MjOAuthFlow *self);
void            mj_oauth_flow_wait_async    (MjOAuthFlow         *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* (transfer full) */
MjOAuthTokens  *mj_oauth_flow_wait_finish   (MjOAuthFlow   *self,
                                             GAsyncResult  *result,
                                             GError       **error);
/* After a failure: the identity platform's error ("consent_required",
 * "invalid_grant", …) and its AADSTS code ("AADSTS65001") when it sent
 * one, for mj_explainer_explain_aadsts() and the admin message; else NULL. */
const char     *mj_oauth_flow_get_error_code    (MjOAuthFlow *self);
const char     *mj_oauth_flow_get_aadsts_code   (MjOAuthFlow *self);

/* Stores the refresh token (kind oauth-refresh-token) and the access token
 * with its expiry (kind oauth-access-token) of @account_name in the
 * keyring. Nothing is written anywhere else. */
gboolean        mj_oauth_save_tokens_sync   (const char          *account_name,
                                             const MjOAuthTokens *tokens,
                                             GCancellable        *cancellable,
                                             GError             **error);
void            mj_oauth_save_tokens_async  (const char          *account_name,
                                             const MjOAuthTokens *tokens,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean        mj_oauth_save_tokens_finish (GAsyncResult        *result,
                                             GError             **error);
/* Removes both tokens of @account_name from the keyring and from memory. */
gboolean        mj_oauth_forget_sync        (const char          *account_name,
                                             GCancellable        *cancellable,
                                             GError             **error);

/**
 * mj_oauth_has_sign_in_sync:
 * @account_name: an oauth2 account
 *
 * Whether a sign-in (a refresh token) of @account_name is saved in the
 * keyring. Asks only the keyring, never Microsoft: TRUE does not prove that
 * Microsoft still accepts the token, but FALSE means the user must sign in
 * again (never signed in, or the token was refused and forgotten). Blocking
 * (D-Bus): call it from a worker thread, or use the async variant.
 *
 * Returns: FALSE with @error set when the keyring cannot be read
 */
gboolean        mj_oauth_has_sign_in_sync   (const char          *account_name,
                                             GCancellable        *cancellable,
                                             GError             **error);
void            mj_oauth_has_sign_in_async  (const char          *account_name,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* FALSE with @error unset: not signed in; FALSE with @error: unknown. */
gboolean        mj_oauth_has_sign_in_finish (GAsyncResult        *result,
                                             GError             **error);

/**
 * mj_oauth_get_access_token_sync:
 * @account: an oauth2 account
 * @force_refresh: ignore any cached access token (the server refused it)
 *
 * A valid access token for XOAUTH2: from memory, else from the keyring,
 * else refreshed with the stored refresh token (which is replaced when the
 * identity platform rotates it). Tokens within
 * %MJ_OAUTH_EXPIRY_MARGIN_SECONDS of expiry are refreshed. When Microsoft
 * answers invalid_grant (expired, revoked), the saved sign-in is forgotten,
 * so later calls fail at once with "sign in again" and never ask Microsoft
 * again with a dead token. Blocking: call it from a worker thread. Errors use the send-path domain so the queue
 * and the CLI treat them like a refused login: %MJ_SMTP_ERROR_AUTH (not
 * signed in, refresh token refused, no client id),
 * %MJ_SMTP_ERROR_CONNECT (identity platform unreachable),
 * %MJ_SMTP_ERROR_TEMPORARY (identity platform busy), or
 * %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the token; free with mj_secret_free().
 */
char           *mj_oauth_get_access_token_sync (MjAccount    *account,
                                                gboolean      force_refresh,
                                                GCancellable *cancellable,
                                                GError      **error);

G_END_DECLS
