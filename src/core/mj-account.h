#pragma once

#include <glib-object.h>

#include "mj-provider.h"

G_BEGIN_DECLS

/**
 * MjAccount:
 *
 * One sending account: the mailbox, its submission server and how to sign
 * in. Properties: `name` (the key in accounts.ini and in the keyring),
 * `email`, `display-name`, `provider-id`, `host`, `port`, `security`
 * (#MjSecurity), `auth` (#MjAuthMethod), `username` (empty = the address),
 * `ca-file` (extra trusted CA PEM; verification is always on),
 * `oauth-authority`, `oauth-client-id` (empty = the built-in defaults).
 * An account never holds a secret: see mj-secret-store.h.
 */
#define MJ_TYPE_ACCOUNT (mj_account_get_type ())

G_DECLARE_FINAL_TYPE (MjAccount, mj_account, MJ, ACCOUNT, GObject)

MjAccount    *mj_account_new                  (const char   *name,
                                               const char   *email);
MjAccount    *mj_account_new_for_provider     (const char   *name,
                                               const char   *email,
                                               MjProvider   *provider);
/* Copies host, port, security and the preferred auth method of @provider
 * and sets provider-id. */
void          mj_account_apply_provider       (MjAccount    *self,
                                               MjProvider   *provider);
/* MJ_INPUT_ERROR_* when a field cannot be used (bad address, no host, port
 * out of range, password auth on a provider that refuses passwords). */
gboolean      mj_account_validate             (MjAccount    *self,
                                               GError      **error);

const char   *mj_account_get_name             (MjAccount    *self);
void          mj_account_set_name             (MjAccount    *self,
                                               const char   *name);
const char   *mj_account_get_email            (MjAccount    *self);
void          mj_account_set_email            (MjAccount    *self,
                                               const char   *email);
const char   *mj_account_get_display_name     (MjAccount    *self);
void          mj_account_set_display_name     (MjAccount    *self,
                                               const char   *display_name);
const char   *mj_account_get_provider_id      (MjAccount    *self);
void          mj_account_set_provider_id      (MjAccount    *self,
                                               const char   *provider_id);
/* (transfer none) (nullable) */
MjProvider   *mj_account_get_provider         (MjAccount    *self);
const char   *mj_account_get_host             (MjAccount    *self);
void          mj_account_set_host             (MjAccount    *self,
                                               const char   *host);
guint         mj_account_get_port             (MjAccount    *self);
void          mj_account_set_port             (MjAccount    *self,
                                               guint         port);
MjSecurity    mj_account_get_security         (MjAccount    *self);
void          mj_account_set_security         (MjAccount    *self,
                                               MjSecurity    security);
MjAuthMethod  mj_account_get_auth             (MjAccount    *self);
void          mj_account_set_auth             (MjAccount    *self,
                                               MjAuthMethod  auth);
const char   *mj_account_get_username         (MjAccount    *self);
void          mj_account_set_username         (MjAccount    *self,
                                               const char   *username);
/* The SMTP login: username when set, else the e-mail address. */
const char   *mj_account_get_login            (MjAccount    *self);
const char   *mj_account_get_ca_file          (MjAccount    *self);
void          mj_account_set_ca_file          (MjAccount    *self,
                                               const char   *ca_file);
/* Never empty: falls back to MJ_DEFAULT_OAUTH_AUTHORITY. */
const char   *mj_account_get_oauth_authority  (MjAccount    *self);
void          mj_account_set_oauth_authority  (MjAccount    *self,
                                               const char   *authority);
/* Never empty: falls back to MJ_DEFAULT_OAUTH_CLIENT_ID. */
const char   *mj_account_get_oauth_client_id  (MjAccount    *self);
void          mj_account_set_oauth_client_id  (MjAccount    *self,
                                               const char   *client_id);

G_END_DECLS
