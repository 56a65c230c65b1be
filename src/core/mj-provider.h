#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MjSecurity:
 * @MJ_SECURITY_STARTTLS: plain connection upgraded with STARTTLS (port 587);
 *   the upgrade is required, never optional
 * @MJ_SECURITY_TLS: implicit TLS from the first byte (port 465)
 *
 * How the connection to the submission server is protected. There is no
 * value without TLS on purpose.
 */
typedef enum {
  MJ_SECURITY_STARTTLS,
  MJ_SECURITY_TLS,
} MjSecurity;

/**
 * MjAuthMethod:
 * @MJ_AUTH_PASSWORD: AUTH PLAIN or LOGIN with a password (or app password)
 *   kept in the keyring
 * @MJ_AUTH_OAUTH2: AUTH XOAUTH2 with an OAuth 2.0 bearer token
 *
 * How the account signs in to the submission server.
 */
typedef enum {
  MJ_AUTH_PASSWORD,
  MJ_AUTH_OAUTH2,
} MjAuthMethod;

#define MJ_TYPE_SECURITY    (mj_security_get_type ())
#define MJ_TYPE_AUTH_METHOD (mj_auth_method_get_type ())

GType        mj_security_get_type         (void) G_GNUC_CONST;
GType        mj_auth_method_get_type      (void) G_GNUC_CONST;

const char  *mj_security_to_string        (MjSecurity    security);
gboolean     mj_security_from_string      (const char   *text,
                                           MjSecurity   *security);
const char  *mj_auth_method_to_string     (MjAuthMethod  method);
gboolean     mj_auth_method_from_string   (const char   *text,
                                           MjAuthMethod *method);

/**
 * MjProvider:
 *
 * A provider preset from data/providers.ini (compiled into the core
 * GResource). Read-only properties: `id`, `name` (English), `host` (never
 * NULL; empty for "generic"), `port`,
 * `security`, `auth-methods` (GStrv of "oauth2"/"password", preferred
 * first), `password-kind` ("app-password" | "password" | "none"),
 * `app-password-url`, `max-message-bytes`, `messages-per-minute`,
 * `recipients-per-day`, `recipients-per-message` (0 = no known limit),
 * and for detection `domains` (exact, lower case) and `mx-suffixes`
 * (each starting with a dot). See the comments in data/providers.ini.
 */
#define MJ_TYPE_PROVIDER (mj_provider_get_type ())

G_DECLARE_FINAL_TYPE (MjProvider, mj_provider, MJ, PROVIDER, GObject)

/* (transfer none) (nullable): the preset with that id, or NULL. */
MjProvider          *mj_provider_lookup                    (const char   *id);
/* (transfer none) (element-type MjProvider): every preset, in file order;
 * "generic" is last. */
GPtrArray           *mj_provider_get_all                   (void);

const char          *mj_provider_get_id                    (MjProvider   *self);
const char          *mj_provider_get_name                  (MjProvider   *self);
/* The name translated into the UI language (mj_i18n_ui_lang()). */
const char          *mj_provider_get_display_name          (MjProvider   *self);
/* The name in "en" or "es". */
const char          *mj_provider_get_name_for_lang         (MjProvider   *self,
                                                            const char   *lang);
const char          *mj_provider_get_host                  (MjProvider   *self);
guint                mj_provider_get_port                  (MjProvider   *self);
MjSecurity           mj_provider_get_security              (MjProvider   *self);
const char * const  *mj_provider_get_auth_methods          (MjProvider   *self);
gboolean             mj_provider_supports_auth             (MjProvider   *self,
                                                            MjAuthMethod  method);
MjAuthMethod         mj_provider_get_preferred_auth        (MjProvider   *self);
const char          *mj_provider_get_password_kind         (MjProvider   *self);
const char          *mj_provider_get_app_password_url      (MjProvider   *self);
guint64              mj_provider_get_max_message_bytes     (MjProvider   *self);
guint                mj_provider_get_messages_per_minute   (MjProvider   *self);
guint                mj_provider_get_recipients_per_day    (MjProvider   *self);
guint                mj_provider_get_recipients_per_message (MjProvider  *self);
const char * const  *mj_provider_get_domains               (MjProvider   *self);
const char * const  *mj_provider_get_mx_suffixes           (MjProvider   *self);
/* Length of the longest mx-suffix @host (lower case, no trailing dot)
 * matches, 0 for none. */
gsize                mj_provider_match_mx                  (MjProvider   *self,
                                                            const char   *host);
/* The submission server for a domain whose MX is @mx_host (regional or
 * business servers of `mx-hosts`), else the preset's host. */
const char          *mj_provider_get_host_for_mx           (MjProvider   *self,
                                                            const char   *mx_host);
/* Whether @host is the preset's host or one of its mx-hosts servers. */
gboolean             mj_provider_is_submission_host        (MjProvider   *self,
                                                            const char   *host);
/* The app-password guide for this preset (mj-app-password-texts.h): the
 * `guide` key, else the preset's id. */
const char          *mj_provider_get_guide_id              (MjProvider   *self);

G_END_DECLS
