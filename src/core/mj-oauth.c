#define G_LOG_DOMAIN "mj-oauth"

#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"

/*
 * "Sign in with Microsoft" for SMTP (XOAUTH2): the OAuth 2.0 authorization
 * code grant with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252
 * §7.3) against the Microsoft identity platform v2.0 endpoints
 * AUTHORITY/oauth2/v2.0/{authorize,token}.
 *
 * Secrets: the refresh token lives only in libsecret (kind
 * oauth-refresh-token). The access token lives in memory and, so that
 * short-lived `mensajero-cli` processes do not refresh on every run, in
 * libsecret too (kind oauth-access-token, value "EXPIRES-AT TOKEN").
 * Neither is ever logged: reply bodies of the token endpoint are parsed,
 * never printed.
 */

#define OAUTH_DEFAULT_TIMEOUT_SECONDS 300
#define TOKEN_REPLY_MAX_BYTES (256 * 1024)
#define DEFAULT_EXPIRES_IN 3600
#define ACCESS_TOKEN_KIND "oauth-access-token"

G_DEFINE_QUARK (mj-oauth-error-quark, mj_oauth_error)

int
mj_oauth_error_exit_code (const GError *error)
{
  if (error == NULL)
    return MJ_EXIT_OK;
  if (error->domain != MJ_OAUTH_ERROR)
    return mj_error_exit_code (error);

  switch ((MjOAuthError) error->code)
    {
    case MJ_OAUTH_ERROR_NO_CLIENT_ID:
      return MJ_EXIT_USAGE;
    case MJ_OAUTH_ERROR_NETWORK:
      return MJ_EXIT_CONNECT;
    case MJ_OAUTH_ERROR_TEMPORARY:
    case MJ_OAUTH_ERROR_TIMED_OUT:
      return MJ_EXIT_TEMPORARY;
    case MJ_OAUTH_ERROR_STATE_MISMATCH:
    case MJ_OAUTH_ERROR_DENIED:
    case MJ_OAUTH_ERROR_TOKEN:
    case MJ_OAUTH_ERROR_INVALID_GRANT:
    case MJ_OAUTH_ERROR_NOT_SIGNED_IN:
    case MJ_OAUTH_ERROR_PROTOCOL:
    default:
      return MJ_EXIT_AUTH;
    }
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static void
wipe_string (char *s)
{
  if (s != NULL)
    {
      volatile char *p = s;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (s);
}

MjOAuthTokens *
mj_oauth_tokens_copy (const MjOAuthTokens *self)
{
  MjOAuthTokens *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MjOAuthTokens, 1);
  copy->access_token = g_strdup (self->access_token);
  copy->refresh_token = g_strdup (self->refresh_token);
  copy->expires_at = self->expires_at;
  copy->scope = g_strdup (self->scope);
  return copy;
}

void
mj_oauth_tokens_free (MjOAuthTokens *self)
{
  if (self == NULL)
    return;
  wipe_string (self->access_token);
  wipe_string (self->refresh_token);
  g_free (self->scope);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (MjOAuthTokens, mj_oauth_tokens, mj_oauth_tokens_copy, mj_oauth_tokens_free)

/* ------------------------------------------------------------------ */
/* Configuration                                                       */

static const char *
account_client_id (MjAccount *account)
{
  const char *id = mj_account_get_oauth_client_id (account);

  if (id == NULL || id[0] == '\0')
    id = MJ_DEFAULT_OAUTH_CLIENT_ID;
  return id;
}

static const char *
account_authority (MjAccount *account)
{
  const char *authority = mj_account_get_oauth_authority (account);

  if (authority == NULL || authority[0] == '\0')
    authority = MJ_DEFAULT_OAUTH_AUTHORITY;
  return authority;
}

static gboolean
set_no_client_id_error (GError **error)
{
  g_set_error (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_NO_CLIENT_ID, "%s",
               M_("This copy of Mensajero has no Microsoft application (client) id, so it "
                  "cannot offer “Sign in with Microsoft”. Register one (it is free) and give "
                  "it with --oauth-client-id or when building: see the README section "
                  "“Sign in with Microsoft: registering a client id”."));
  return FALSE;
}

gboolean
mj_oauth_check_configured (MjAccount  *account,
                           GError    **error)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (account), FALSE);

  if (account_client_id (account)[0] == '\0')
    return set_no_client_id_error (error);
  return TRUE;
}

/* AUTHORITY without trailing slashes + "/oauth2/v2.0/" + @endpoint, or
 * NULL when the authority is not an https:// URL (tokens never travel in
 * the clear). */
static char *
endpoint_url (const char  *authority,
              const char  *endpoint,
              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;
  gsize len;

  uri = g_uri_parse (authority, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
      g_uri_get_host (uri) == NULL || g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID,
                   /* Translators: %s is a URL. */
                   M_("The sign-in authority “%s” is not an https:// address such as "
                      "https://login.microsoftonline.com/common"),
                   authority);
      return NULL;
    }

  base = g_strdup (authority);
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return g_strconcat (base, "/oauth2/v2.0/", endpoint, NULL);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *
base64url (const guint8 *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);
  gsize n = strlen (text);

  for (gsize i = 0; i < n; i++)
    {
      if (text[i] == '+')
        text[i] = '-';
      else if (text[i] == '/')
        text[i] = '_';
    }
  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';
  return text;
}

/* Cryptographic randomness from the kernel (g_random is not meant for
 * secrets). */
static char *
random_token (gsize    n_bytes,
              GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *buf = g_malloc (n_bytes);
  gsize got = 0;
  char *text;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), buf, n_bytes, &got, NULL, error))
    return NULL;
  if (got != n_bytes)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "short read from /dev/urandom");
      return NULL;
    }
  text = base64url (buf, n_bytes);
  memset (buf, 0, n_bytes);
  return text;
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sha, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sha, digest, &len);
  return base64url (digest, len);
}

static void
append_param (GString    *s,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  if (s->len > 0 && s->str[s->len - 1] != '?')
    g_string_append_c (s, '&');
  g_string_append_printf (s, "%s=%s", name, escaped);
}

/* Explanation of an identity-platform error in the UI language, through
 * the one catalogue (mj-explainer), with the platform's own code kept. */
static char *
explain_identity_error (const char *error_code,
                        const char *aadsts,
                        const char *description)
{
  g_autoptr(MjExplanation) explanation = NULL;
  const char *shown_code = aadsts != NULL ? aadsts : error_code;

  if (aadsts != NULL)
    explanation = mj_explainer_explain_aadsts (aadsts);
  else
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", error_code != NULL ? error_code : "",
                                               description != NULL ? description : "");

      explanation = mj_explainer_explain_text (text);
    }

  /* Translators: 1: a short title, 2: what happened, 3: what to do,
   * 4: Microsoft's error code such as AADSTS65001. */
  return g_strdup_printf (M_("%s. %s %s (%s)"),
                          mj_explanation_get_title_ui (explanation),
                          mj_explanation_get_explanation_ui (explanation),
                          mj_explanation_get_action_ui (explanation),
                          shown_code != NULL ? shown_code : "?");
}

/* "AADSTS70008" from a description like "AADSTS70008: The provided…", or
 * from the error_codes array. */
static char *
find_aadsts (const char *description,
             JsonObject *reply)
{
  const char *p = description != NULL ? strstr (description, "AADSTS") : NULL;

  if (p != NULL)
    {
      gsize n = 6;

      while (g_ascii_isdigit (p[n]))
        n++;
      if (n > 6)
        return g_strndup (p, n);
    }

  if (reply != NULL && json_object_has_member (reply, "error_codes"))
    {
      JsonNode *node = json_object_get_member (reply, "error_codes");

      if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
        {
          JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

          if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_INT64)
            return g_strdup_printf ("AADSTS%" G_GINT64_FORMAT, json_node_get_int (first));
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Token endpoint (libcurl)                                            */

typedef struct {
  GByteArray *body;
  GCancellable *cancellable;
  gboolean too_big;
} CurlCtx;

static size_t
curl_write_cb (char   *ptr,
               size_t  size,
               size_t  nmemb,
               void   *userdata)
{
  CurlCtx *ctx = userdata;
  size_t n = size * nmemb;

  if (ctx->body->len + n > TOKEN_REPLY_MAX_BYTES)
    {
      ctx->too_big = TRUE;
      return 0;
    }
  g_byte_array_append (ctx->body, (const guint8 *) ptr, n);
  return n;
}

static int
curl_progress_cb (void       *userdata,
                  curl_off_t  dltotal,
                  curl_off_t  dlnow,
                  curl_off_t  ultotal,
                  curl_off_t  ulnow)
{
  CurlCtx *ctx = userdata;

  return g_cancellable_is_cancelled (ctx->cancellable) ? 1 : 0;
}

static gpointer
curl_init_once (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

/* Identity-platform failure details, for the flow's getters. */
typedef struct {
  char *error_code;
  char *aadsts;
} TokenFailure;

static void
token_failure_clear (TokenFailure *f)
{
  g_clear_pointer (&f->error_code, g_free);
  g_clear_pointer (&f->aadsts, g_free);
}

/* POSTs @form to @url. On HTTP 200 with an access token returns the
 * tokens. Otherwise sets MJ_OAUTH_ERROR_* (INVALID_GRANT for invalid_grant,
 * TOKEN for other refusals, NETWORK, PROTOCOL) or G_IO_ERROR_CANCELLED and
 * fills @failure. */
static MjOAuthTokens *
token_request (const char    *url,
               const char    *form,
               const char    *ca_file,
               TokenFailure  *failure,
               GCancellable  *cancellable,
               GError       **error)
{
  static GOnce once = G_ONCE_INIT;
  CURL *curl;
  CURLcode rc;
  struct curl_slist *headers = NULL;
  char curl_error[CURL_ERROR_SIZE] = "";
  CurlCtx ctx = { 0 };
  long http_status = 0;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  g_autofree char *user_agent = g_strdup_printf ("Mensajero/%s", PACKAGE_VERSION);
  JsonObject *obj;
  JsonNode *root;
  MjOAuthTokens *tokens;
  gint64 expires_in = DEFAULT_EXPIRES_IN;

  g_once (&once, curl_init_once, NULL);

  ctx.body = body;
  ctx.cancellable = cancellable;

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_NETWORK, "curl_easy_init failed");
      return NULL;
    }
  headers = curl_slist_append (headers, "Accept: application/json");
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, form);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, user_agent);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (curl, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
  /* An extra trusted CA (tests, company proxies). The system CA path stays
   * in use next to it. */
  if (ca_file != NULL && ca_file[0] != '\0')
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca_file);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, curl_write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &ctx);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, curl_progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &ctx);

  rc = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &http_status);
  curl_easy_cleanup (curl);
  curl_slist_free_all (headers);

  if (rc == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, M_("Sign-in was cancelled"));
      goto fail;
    }
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && ctx.too_big))
    {
      g_autoptr(MjExplanation) explanation = mj_explainer_explain_curl (rc);

      g_set_error (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_NETWORK,
                   /* Translators: 1: a host name or URL, 2: an explanation, 3: libcurl's
                    * technical message. */
                   M_("Could not reach Microsoft’s sign-in service at %s. %s (%s)"),
                   url, mj_explanation_get_explanation_ui (explanation),
                   curl_error[0] != '\0' ? curl_error : curl_easy_strerror (rc));
      goto fail;
    }
  if (ctx.too_big)
    {
      g_set_error (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_PROTOCOL,
                   M_("The sign-in service sent an unexpectedly large reply"));
      goto fail;
    }

  if (!json_parser_load_from_data (parser, (const char *) body->data, body->len, &json_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_PROTOCOL,
                   /* Translators: %ld is an HTTP status code. */
                   M_("The sign-in service answered something that is not a token reply "
                      "(HTTP status %ld)"),
                   http_status);
      goto fail;
    }
  obj = json_node_get_object (root);

  if (http_status != 200 || json_object_has_member (obj, "error"))
    {
      const char *code = json_object_get_string_member_with_default (obj, "error", NULL);
      const char *description = json_object_get_string_member_with_default (obj, "error_description",
                                                                            NULL);
      g_autofree char *text = NULL;

      failure->error_code = g_strdup (code);
      failure->aadsts = find_aadsts (description, obj);
      /* RFC 6749 §5.2 and Microsoft's 5xx: the service is busy, the
       * sign-in itself is fine; try again later. */
      if (http_status >= 500 || g_strcmp0 (code, "temporarily_unavailable") == 0 ||
          g_strcmp0 (code, "server_error") == 0)
        {
          g_autofree char *what = failure->aadsts != NULL
                                  ? g_strdup (failure->aadsts)
                                  : g_strdup_printf ("HTTP %ld", http_status);

          g_set_error (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_TEMPORARY,
                       /* Translators: %s is an error code such as AADSTS90033 or HTTP 503. */
                       M_("Microsoft’s sign-in service is busy or failing for the moment (%s). "
                          "Your sign-in is fine: try again later; queued invoices are retried "
                          "by themselves."),
                       what);
          goto fail;
        }
      text = explain_identity_error (code, failure->aadsts, description);
      g_set_error (error, MJ_OAUTH_ERROR,
                   g_strcmp0 (code, "invalid_grant") == 0 ? MJ_OAUTH_ERROR_INVALID_GRANT
                                                          : MJ_OAUTH_ERROR_TOKEN,
                   "%s", text);
      goto fail;
    }

  if (!json_object_has_member (obj, "access_token") ||
      json_node_get_value_type (json_object_get_member (obj, "access_token")) != G_TYPE_STRING ||
      json_object_get_string_member (obj, "access_token")[0] == '\0')
    {
      g_set_error_literal (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_PROTOCOL,
                           M_("The sign-in service answered without an access token"));
      goto fail;
    }

  if (json_object_has_member (obj, "expires_in"))
    {
      JsonNode *node = json_object_get_member (obj, "expires_in");

      /* Microsoft has sent it both as a number and as a string. */
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        expires_in = json_node_get_int (node);
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        expires_in = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
      if (expires_in <= 0)
        expires_in = DEFAULT_EXPIRES_IN;
    }

  tokens = g_new0 (MjOAuthTokens, 1);
  tokens->access_token = g_strdup (json_object_get_string_member (obj, "access_token"));
  tokens->refresh_token = g_strdup (json_object_get_string_member_with_default (obj, "refresh_token",
                                                                               NULL));
  tokens->scope = g_strdup (json_object_get_string_member_with_default (obj, "scope", NULL));
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + expires_in;
  if (tokens->refresh_token != NULL && tokens->refresh_token[0] == '\0')
    g_clear_pointer (&tokens->refresh_token, g_free);

  /* The reply held secrets: wipe our copy. */
  memset (body->data, 0, body->len);
  return tokens;

fail:
  if (body->len > 0)
    memset (body->data, 0, body->len);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Keyring                                                             */

static gboolean
store_access_token (const char          *account_name,
                    const MjOAuthTokens *tokens,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autofree char *label = g_strdup_printf ("Mensajero: %s (OAuth access token)", account_name);
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", tokens->expires_at,
                                            tokens->access_token);
  gboolean ok;

  ok = secret_password_store_sync (mj_secret_store_get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, value, cancellable, error,
                                   "account", account_name,
                                   "kind", ACCESS_TOKEN_KIND,
                                   NULL);
  wipe_string (g_steal_pointer (&value));
  return ok;
}

/* The cached access token and its expiry, or FALSE. */
static gboolean
lookup_access_token (const char    *account_name,
                     char         **token,
                     gint64        *expires_at,
                     GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *value;
  char *space;
  gboolean ok = FALSE;

  value = secret_password_lookup_sync (mj_secret_store_get_schema (), cancellable, &error,
                                       "account", account_name,
                                       "kind", ACCESS_TOKEN_KIND,
                                       NULL);
  if (value == NULL)
    {
      if (error != NULL)
        g_debug ("no cached access token: %s", error->message);
      return FALSE;
    }

  space = strchr (value, ' ');
  if (space != NULL && space[1] != '\0')
    {
      *expires_at = g_ascii_strtoll (value, NULL, 10);
      *token = g_strdup (space + 1);
      ok = *expires_at > 0;
      if (!ok)
        g_clear_pointer (token, wipe_string);
    }
  secret_password_free (value);
  return ok;
}

/* Process-wide cache of access tokens, by account name. The mutex also
 * serializes refreshes, so two threads never spend one refresh token. */
typedef struct {
  char *token;
  gint64 expires_at;
} CachedToken;

static GMutex cache_lock;
static GHashTable *cache;

static void
cached_token_free (CachedToken *cached)
{
  wipe_string (cached->token);
  g_free (cached);
}

static void
cache_put_locked (const char *account_name,
                  const char *token,
                  gint64      expires_at)
{
  CachedToken *cached = g_new0 (CachedToken, 1);

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) cached_token_free);
  cached->token = g_strdup (token);
  cached->expires_at = expires_at;
  g_hash_table_replace (cache, g_strdup (account_name), cached);
}

gboolean
mj_oauth_save_tokens_sync (const char          *account_name,
                           const MjOAuthTokens *tokens,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_return_val_if_fail (account_name != NULL && account_name[0] != '\0', FALSE);
  g_return_val_if_fail (tokens != NULL && tokens->access_token != NULL, FALSE);

  if (tokens->refresh_token == NULL)
    {
      g_set_error_literal (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_PROTOCOL,
                           M_("Microsoft did not give a refresh token, so the sign-in could not "
                              "be kept (was offline_access refused?)"));
      return FALSE;
    }

  if (!mj_secret_store_store_sync (account_name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                   tokens->refresh_token, cancellable, error))
    return FALSE;
  if (!store_access_token (account_name, tokens, cancellable, error))
    {
      mj_secret_store_clear_sync (account_name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
      return FALSE;
    }

  g_mutex_lock (&cache_lock);
  cache_put_locked (account_name, tokens->access_token, tokens->expires_at);
  g_mutex_unlock (&cache_lock);
  return TRUE;
}

typedef struct {
  char *account_name;
  MjOAuthTokens *tokens;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->account_name);
  mj_oauth_tokens_free (data->tokens);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (mj_oauth_save_tokens_sync (data->account_name, data->tokens, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mj_oauth_save_tokens_async (const char          *account_name,
                            const MjOAuthTokens *tokens,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveData *data = g_new0 (SaveData, 1);

  g_task_set_source_tag (task, mj_oauth_save_tokens_async);
  data->account_name = g_strdup (account_name);
  data->tokens = mj_oauth_tokens_copy (tokens);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
mj_oauth_save_tokens_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mj_oauth_forget_sync (const char    *account_name,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (account_name != NULL, FALSE);

  g_mutex_lock (&cache_lock);
  if (cache != NULL)
    g_hash_table_remove (cache, account_name);
  g_mutex_unlock (&cache_lock);

  secret_password_clear_sync (mj_secret_store_get_schema (), cancellable, &local_error,
                              "account", account_name,
                              "kind", ACCESS_TOKEN_KIND,
                              NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return mj_secret_store_clear_sync (account_name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                     cancellable, error);
}

gboolean
mj_oauth_has_sign_in_sync (const char    *account_name,
                           GCancellable  *cancellable,
                           GError       **error)
{
  char *refresh_token;

  g_return_val_if_fail (account_name != NULL, FALSE);

  refresh_token = mj_secret_store_lookup_sync (account_name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                               cancellable, error);
  if (refresh_token == NULL)
    return FALSE;
  mj_secret_free (refresh_token);
  return TRUE;
}

static void
has_sign_in_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean signed_in = mj_oauth_has_sign_in_sync (task_data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, signed_in);
}

void
mj_oauth_has_sign_in_async (const char          *account_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (account_name != NULL);

  g_task_set_source_tag (task, mj_oauth_has_sign_in_async);
  g_task_set_task_data (task, g_strdup (account_name), g_free);
  g_task_run_in_thread (task, has_sign_in_thread);
}

gboolean
mj_oauth_has_sign_in_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Access tokens for sending                                           */

static gboolean
still_valid (gint64 expires_at)
{
  return expires_at - MJ_OAUTH_EXPIRY_MARGIN_SECONDS > g_get_real_time () / G_USEC_PER_SEC;
}

/* Sign-in errors become send-path errors (see the header). */
static void
to_send_error (GError  *oauth_error,
               GError **error)
{
  int code = MJ_SMTP_ERROR_AUTH;

  if (oauth_error->domain == G_IO_ERROR && oauth_error->code == G_IO_ERROR_CANCELLED)
    {
      g_propagate_error (error, oauth_error);
      return;
    }
  if (oauth_error->domain == MJ_OAUTH_ERROR && oauth_error->code == MJ_OAUTH_ERROR_NETWORK)
    code = MJ_SMTP_ERROR_CONNECT;
  else if (oauth_error->domain == MJ_OAUTH_ERROR && oauth_error->code == MJ_OAUTH_ERROR_TEMPORARY)
    code = MJ_SMTP_ERROR_TEMPORARY;
  else if (oauth_error->domain == MJ_INPUT_ERROR)
    code = MJ_SMTP_ERROR_AUTH;
  g_set_error_literal (error, MJ_SMTP_ERROR, code, oauth_error->message);
  g_error_free (oauth_error);
}

/* After invalid_grant: the saved sign-in is dead. Forget it (keyring and
 * memory) so that later sends fail at once with "not signed in" instead of
 * asking Microsoft again and again, but only if it is still the one that
 * was refused: a new sign-in made meanwhile by another process is kept.
 * Called with cache_lock held. */
static void
forget_refused_locked (const char   *account_name,
                       const char   *refused_token,
                       GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *current;

  if (cache != NULL)
    g_hash_table_remove (cache, account_name);

  current = mj_secret_store_lookup_sync (account_name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                         cancellable, &error);
  if (current == NULL || g_strcmp0 (current, refused_token) != 0)
    {
      if (error != NULL)
        g_debug ("could not re-read the refresh token of %s: %s", account_name, error->message);
      mj_secret_free (current);
      return;
    }
  mj_secret_free (current);

  secret_password_clear_sync (mj_secret_store_get_schema (), cancellable, NULL,
                              "account", account_name,
                              "kind", ACCESS_TOKEN_KIND,
                              NULL);
  if (!mj_secret_store_clear_sync (account_name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                   cancellable, &error))
    g_debug ("could not forget the refused sign-in of %s: %s", account_name, error->message);
}

static char *
refresh_locked (MjAccount     *account,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *name = mj_account_get_name (account);
  g_autofree char *url = NULL;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(MjOAuthTokens) tokens = NULL;
  g_autoptr(GError) local_error = NULL;
  TokenFailure failure = { 0 };
  char *refresh_token;
  char *result;

  if (account_client_id (account)[0] == '\0')
    {
      set_no_client_id_error (&local_error);
      to_send_error (g_steal_pointer (&local_error), error);
      return NULL;
    }

  url = endpoint_url (account_authority (account), "token", &local_error);
  if (url == NULL)
    {
      to_send_error (g_steal_pointer (&local_error), error);
      return NULL;
    }

  refresh_token = mj_secret_store_lookup_sync (name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                               cancellable, &local_error);
  if (refresh_token == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s",
                                      M_("Could not read the keyring: "));
          return NULL;
        }
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                   /* Translators: %s is the account name, twice. */
                   M_("Account “%s” is not signed in with Microsoft (no sign-in is saved in "
                      "the keyring): sign in again, in the Accounts page or with "
                      "“mensajero-cli account sign-in %s”."),
                   name, name);
      return NULL;
    }

  append_param (form, "grant_type", "refresh_token");
  append_param (form, "client_id", account_client_id (account));
  append_param (form, "refresh_token", refresh_token);
  append_param (form, "scope", MJ_OAUTH_SCOPE);

  tokens = token_request (url, form->str, mj_account_get_ca_file (account), &failure,
                          cancellable, &local_error);
  memset (form->str, 0, form->len);
  token_failure_clear (&failure);
  if (tokens == NULL)
    {
      if (g_error_matches (local_error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_INVALID_GRANT))
        {
          /* Expired (AADSTS70008, AADSTS700082: 90 days unused), revoked
           * (AADSTS50173: password changed) or consent withdrawn: only an
           * interactive sign-in helps, so never retry with this token. */
          forget_refused_locked (name, refresh_token, cancellable);
          mj_secret_free (refresh_token);
          g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                       /* Translators: 1: the account name, 2: the account name again,
                        * 3: the explanation. */
                       M_("Microsoft no longer accepts the saved sign-in of account “%s”, so "
                          "Mensajero stopped using it: sign in again, in the Accounts page or "
                          "with “mensajero-cli account sign-in %s”. %s"),
                       name, name, local_error->message);
          return NULL;
        }
      mj_secret_free (refresh_token);
      to_send_error (g_steal_pointer (&local_error), error);
      return NULL;
    }
  mj_secret_free (refresh_token);

  /* Microsoft rotates refresh tokens: keep the newest. */
  if (tokens->refresh_token != NULL &&
      !mj_secret_store_store_sync (name, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                   tokens->refresh_token, cancellable, &local_error))
    {
      g_warning ("could not keep the new refresh token of %s: %s", name, local_error->message);
      g_clear_error (&local_error);
    }
  if (!store_access_token (name, tokens, cancellable, &local_error))
    {
      g_debug ("could not cache the access token of %s: %s", name, local_error->message);
      g_clear_error (&local_error);
    }

  cache_put_locked (name, tokens->access_token, tokens->expires_at);
  result = g_steal_pointer (&tokens->access_token);
  return result;
}

char *
mj_oauth_get_access_token_sync (MjAccount     *account,
                                gboolean       force_refresh,
                                GCancellable  *cancellable,
                                GError       **error)
{
  const char *name;
  char *token = NULL;
  gint64 expires_at = 0;

  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);

  name = mj_account_get_name (account);
  g_mutex_lock (&cache_lock);

  if (!force_refresh)
    {
      CachedToken *cached = cache != NULL ? g_hash_table_lookup (cache, name) : NULL;

      if (cached != NULL && still_valid (cached->expires_at))
        {
          token = g_strdup (cached->token);
          g_mutex_unlock (&cache_lock);
          return token;
        }
      if (lookup_access_token (name, &token, &expires_at, cancellable))
        {
          if (still_valid (expires_at))
            {
              cache_put_locked (name, token, expires_at);
              g_mutex_unlock (&cache_lock);
              return token;
            }
          g_clear_pointer (&token, wipe_string);
        }
    }
  else if (cache != NULL)
    g_hash_table_remove (cache, name);

  token = refresh_locked (account, cancellable, error);
  g_mutex_unlock (&cache_lock);
  return token;
}

/* ------------------------------------------------------------------ */
/* Interactive sign-in                                                 */

struct _MjOAuthFlow
{
  GObject parent_instance;

  char *authority;
  char *client_id;
  char *login_hint;
  char *ca_file;
  guint timeout_seconds;

  char *verifier;
  char *state;
  char *redirect_uri;
  char *authorize_url;
  char *token_url;

  SoupServer *server;
  GTask *task;               /* while waiting for the redirect */
  GSource *timeout_source;
  GSource *cancel_source;
  char *code;

  char *error_code;
  char *aadsts;
};

G_DEFINE_FINAL_TYPE (MjOAuthFlow, mj_oauth_flow, G_TYPE_OBJECT)

static void
flow_stop_waiting (MjOAuthFlow *self)
{
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
}

static void
mj_oauth_flow_dispose (GObject *object)
{
  MjOAuthFlow *self = MJ_OAUTH_FLOW (object);

  flow_stop_waiting (self);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_object (&self->task);

  G_OBJECT_CLASS (mj_oauth_flow_parent_class)->dispose (object);
}

static void
mj_oauth_flow_finalize (GObject *object)
{
  MjOAuthFlow *self = MJ_OAUTH_FLOW (object);

  g_free (self->authority);
  g_free (self->client_id);
  g_free (self->login_hint);
  g_free (self->ca_file);
  wipe_string (self->verifier);
  g_free (self->state);
  g_free (self->redirect_uri);
  g_free (self->authorize_url);
  g_free (self->token_url);
  wipe_string (self->code);
  g_free (self->error_code);
  g_free (self->aadsts);

  G_OBJECT_CLASS (mj_oauth_flow_parent_class)->finalize (object);
}

static void
mj_oauth_flow_class_init (MjOAuthFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mj_oauth_flow_dispose;
  object_class->finalize = mj_oauth_flow_finalize;
}

static void
mj_oauth_flow_init (MjOAuthFlow *self)
{
  self->timeout_seconds = OAUTH_DEFAULT_TIMEOUT_SECONDS;
}

MjOAuthFlow *
mj_oauth_flow_new_full (const char *authority,
                        const char *client_id,
                        const char *login_hint,
                        const char *ca_file)
{
  MjOAuthFlow *self = g_object_new (MJ_TYPE_OAUTH_FLOW, NULL);

  self->authority = g_strdup (authority != NULL && authority[0] != '\0'
                              ? authority : MJ_DEFAULT_OAUTH_AUTHORITY);
  self->client_id = g_strdup (client_id != NULL ? client_id : "");
  self->login_hint = g_strdup (login_hint != NULL && login_hint[0] != '\0' ? login_hint : NULL);
  self->ca_file = g_strdup (ca_file != NULL && ca_file[0] != '\0' ? ca_file : NULL);
  return self;
}

MjOAuthFlow *
mj_oauth_flow_new (MjAccount *account)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);

  return mj_oauth_flow_new_full (account_authority (account), account_client_id (account),
                                 mj_account_get_email (account),
                                 mj_account_get_ca_file (account));
}

void
mj_oauth_flow_set_timeout (MjOAuthFlow *self,
                           guint        seconds)
{
  g_return_if_fail (MJ_IS_OAUTH_FLOW (self));
  self->timeout_seconds = seconds;
}

const char *
mj_oauth_flow_get_authorize_url (MjOAuthFlow *self)
{
  g_return_val_if_fail (MJ_IS_OAUTH_FLOW (self), NULL);
  return self->authorize_url;
}

const char *
mj_oauth_flow_get_redirect_uri (MjOAuthFlow *self)
{
  g_return_val_if_fail (MJ_IS_OAUTH_FLOW (self), NULL);
  return self->redirect_uri;
}

const char *
mj_oauth_flow_get_error_code (MjOAuthFlow *self)
{
  g_return_val_if_fail (MJ_IS_OAUTH_FLOW (self), NULL);
  return self->error_code;
}

const char *
mj_oauth_flow_get_aadsts_code (MjOAuthFlow *self)
{
  g_return_val_if_fail (MJ_IS_OAUTH_FLOW (self), NULL);
  return self->aadsts;
}

static void
append_page_section (GString    *page,
                     const char *lang,
                     const char *title_msgid,
                     const char *text_msgid)
{
  g_autofree char *t = g_markup_escape_text (mj_i18n_translate (lang, title_msgid), -1);
  g_autofree char *x = g_markup_escape_text (mj_i18n_translate (lang, text_msgid), -1);

  g_string_append_printf (page, "<section lang=\"%s\"><h1>%s</h1><p>%s</p></section>\n",
                          lang, t, x);
}

/* The page the browser shows after the redirect, in Spanish and English
 * (the UI language first): the browser may well be in another language
 * than Mensajero, and the person reading it may be someone else. Both
 * strings are msgids (N_()). */
static void
respond_page (SoupServerMessage *msg,
              guint              status,
              const char        *title_msgid,
              const char        *text_msgid)
{
  const char *first = g_strcmp0 (mj_i18n_ui_lang (), "es") == 0 ? "es" : "en";
  const char *second = g_str_equal (first, "es") ? "en" : "es";
  g_autoptr(GString) page = g_string_new (NULL);

  g_string_append_printf (page, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>Mensajero</title></head>\n"
                          "<body style=\"font-family: sans-serif; max-width: 40em; margin: 4em auto\">\n",
                          first);
  append_page_section (page, first, title_msgid, text_msgid);
  g_string_append (page, "<hr>\n");
  append_page_section (page, second, title_msgid, text_msgid);
  g_string_append (page, "</body></html>\n");

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  /* Nothing on the page may be framed or run scripts. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Referrer-Policy", "no-referrer");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page->str, page->len);
}

static void
exchange_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  MjOAuthFlow *self = source;
  g_autoptr(GString) form = g_string_new (NULL);
  TokenFailure failure = { 0 };
  GError *error = NULL;
  MjOAuthTokens *tokens;

  append_param (form, "grant_type", "authorization_code");
  append_param (form, "client_id", self->client_id);
  append_param (form, "code", self->code);
  append_param (form, "redirect_uri", self->redirect_uri);
  append_param (form, "code_verifier", self->verifier);
  append_param (form, "scope", MJ_OAUTH_SCOPE);

  tokens = token_request (self->token_url, form->str, self->ca_file, &failure, cancellable,
                          &error);
  memset (form->str, 0, form->len);
  if (tokens == NULL)
    {
      /* Written once, before the task returns to the main thread. */
      self->error_code = g_steal_pointer (&failure.error_code);
      self->aadsts = g_steal_pointer (&failure.aadsts);
      token_failure_clear (&failure);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, tokens, (GDestroyNotify) mj_oauth_tokens_free);
}

/* Ends the wait with @error, from an idle so the browser's page is
 * written out before a CLI caller exits. */
static gboolean
return_error_idle (gpointer user_data)
{
  GTask *task = user_data;
  GError *error = g_object_steal_data (G_OBJECT (task), "mj-error");

  g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

static void
schedule_error_return (GTask *task)
{
  GSource *idle = g_idle_source_new ();

  g_source_set_priority (idle, G_PRIORITY_LOW);
  g_source_set_callback (idle, return_error_idle, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
  g_source_unref (idle);
}

static void
page_finished_cb (SoupServerMessage *msg,
                  gpointer           user_data)
{
  schedule_error_return (G_TASK (user_data));
}

/* Ends the wait with @error. With @msg (the browser's request), only once
 * the page answering it is written out: a CLI caller exits right after,
 * and the browser must not be left with half a page. */
static void
flow_fail_after (MjOAuthFlow       *self,
                 GError            *error,
                 SoupServerMessage *msg)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  flow_stop_waiting (self);
  g_object_set_data (G_OBJECT (task), "mj-error", error);
  if (msg != NULL)
    g_signal_connect_data (msg, "finished", G_CALLBACK (page_finished_cb),
                           g_object_ref (task), (GClosureNotify) (void (*) (void)) g_object_unref,
                           G_CONNECT_DEFAULT);
  else
    schedule_error_return (task);
}

static void
flow_fail (MjOAuthFlow *self,
           GError      *error)
{
  flow_fail_after (self, error, NULL);
}

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  MjOAuthFlow *self = user_data;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *error_code = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  const char *description = query != NULL ? g_hash_table_lookup (query, "error_description") : NULL;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0 || g_strcmp0 (path, "/") != 0 ||
      (state == NULL && code == NULL && error_code == NULL))
    {
      /* favicon.ico and friends. */
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (self->task == NULL)
    {
      respond_page (msg, SOUP_STATUS_GONE, N_("This sign-in is over"),
                    N_("Mensajero is no longer waiting for this sign-in. You can close this "
                       "window, and start again from Mensajero if needed."));
      return;
    }

  /* RFC 6749 §10.12: only the browser we sent may come back. */
  if (state == NULL || g_strcmp0 (state, self->state) != 0)
    {
      respond_page (msg, SOUP_STATUS_BAD_REQUEST, N_("Sign-in refused"),
                    N_("This answer does not belong to the sign-in Mensajero started, so it was "
                       "refused. You can close this window and start the sign-in again from "
                       "Mensajero."));
      flow_fail_after (self,
                       g_error_new_literal (MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_STATE_MISMATCH,
                                            M_("The sign-in answer did not carry the state "
                                               "Mensajero sent, so it was refused (it may have "
                                               "been forged). Nothing was saved; please sign in "
                                               "again.")),
                       msg);
      return;
    }

  if (error_code != NULL || code == NULL || code[0] == '\0')
    {
      g_autofree char *text = NULL;

      self->error_code = g_strdup (error_code != NULL ? error_code : "invalid_request");
      self->aadsts = find_aadsts (description, NULL);
      text = explain_identity_error (self->error_code, self->aadsts, description);
      respond_page (msg, SOUP_STATUS_OK, N_("Sign-in did not complete"),
                    N_("You can close this window. Go back to Mensajero: it explains what "
                       "happened and what to do next."));
      flow_fail_after (self,
                       g_error_new (MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_DENIED,
                                    /* Translators: %s is an explanation. */
                                    M_("Microsoft did not complete the sign-in. %s"), text),
                       msg);
      return;
    }

  respond_page (msg, SOUP_STATUS_OK, N_("You are signed in"),
                N_("Mensajero received your Microsoft sign-in. You can close this window and "
                   "go back to Mensajero."));

  flow_stop_waiting (self);
  self->code = g_strdup (code);
  {
    GTask *task = g_steal_pointer (&self->task);

    g_task_run_in_thread (task, exchange_thread);
    g_object_unref (task);
  }
}

gboolean
mj_oauth_flow_start (MjOAuthFlow  *self,
                     GError      **error)
{
  g_autoptr(GString) url = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *authorize = NULL;
  GSList *uris;
  guint port = 0;

  g_return_val_if_fail (MJ_IS_OAUTH_FLOW (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  if (self->client_id[0] == '\0')
    return set_no_client_id_error (error);

  authorize = endpoint_url (self->authority, "authorize", error);
  if (authorize == NULL)
    return FALSE;
  self->token_url = endpoint_url (self->authority, "token", error);
  if (self->token_url == NULL)
    return FALSE;

  /* 32 random bytes: a 43-character verifier (RFC 7636 §4.1). */
  self->verifier = random_token (32, error);
  if (self->verifier == NULL)
    return FALSE;
  self->state = random_token (16, error);
  if (self->state == NULL)
    return FALSE;
  challenge = pkce_challenge (self->verifier);

  /* Loopback only, IPv4 and IPv6 on one random port: browsers may resolve
   * "localhost" to either. */
  self->server = soup_server_new ("server-header", "Mensajero", NULL);
  soup_server_add_handler (self->server, NULL, redirect_handler, self, NULL);
  if (!soup_server_listen_local (self->server, 0, 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (port == 0 || port == (guint) -1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "could not read the loopback listener's port");
      return FALSE;
    }

  /* Microsoft matches a registered "http://localhost" with any port. */
  self->redirect_uri = g_strdup_printf ("http://localhost:%u", port);

  url = g_string_new (authorize);
  g_string_append_c (url, '?');
  append_param (url, "client_id", self->client_id);
  append_param (url, "response_type", "code");
  append_param (url, "redirect_uri", self->redirect_uri);
  append_param (url, "response_mode", "query");
  append_param (url, "scope", MJ_OAUTH_SCOPE);
  append_param (url, "state", self->state);
  append_param (url, "code_challenge", challenge);
  append_param (url, "code_challenge_method", "S256");
  /* Always show Microsoft's account picker (with the typed address as the
   * hint): a browser already signed in to another Microsoft account would
   * otherwise finish silently with that account's token, and every send
   * would then fail with 535 5.7.3. Not prompt=consent: that asks for
   * consent at every sign-in and loops in tenants where only an admin may
   * consent. */
  append_param (url, "prompt", "select_account");
  if (self->login_hint != NULL)
    append_param (url, "login_hint", self->login_hint);
  self->authorize_url = g_string_free (g_steal_pointer (&url), FALSE);

  return TRUE;
}

static gboolean
flow_timeout_cb (gpointer user_data)
{
  MjOAuthFlow *self = user_data;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  if (self->task != NULL)
    flow_fail (self, g_error_new_literal (MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_TIMED_OUT,
                                          M_("Nobody finished the sign-in in the browser in "
                                             "time. Nothing was saved; please try again. If "
                                             "Microsoft showed an error page instead (with a code "
                                             "such as AADSTS50011), “mensajero-cli explain” "
                                             "followed by that code says what it means.")));
  return G_SOURCE_REMOVE;
}

static gboolean
flow_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  MjOAuthFlow *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  if (self->task != NULL)
    flow_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          M_("Sign-in was cancelled")));
  return G_SOURCE_REMOVE;
}

void
mj_oauth_flow_wait_async (MjOAuthFlow         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MJ_IS_OAUTH_FLOW (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_oauth_flow_wait_async);
  /* We report cancellation ourselves, after the browser page is out. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->server == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "mj_oauth_flow_start() was not called");
      g_object_unref (task);
      return;
    }
  self->task = task;

  if (self->timeout_seconds > 0)
    {
      self->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
      g_source_set_callback (self->timeout_source, flow_timeout_cb, self, NULL);
      g_source_attach (self->timeout_source, g_task_get_context (task));
    }
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (flow_cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (task));
    }
}

MjOAuthTokens *
mj_oauth_flow_wait_finish (MjOAuthFlow   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
