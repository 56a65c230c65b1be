#define G_LOG_DOMAIN "mj-smtp-client"

#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-smtp-client.h"
#include "mj-transcript.h"

#define DEFAULT_CONNECT_TIMEOUT 30
#define DEFAULT_STALL_TIMEOUT   60
/* What we greet with: an address literal tells the server nothing about
 * the machine (Thunderbird does the same). */
#define EHLO_NAME "%%5B127.0.0.1%%5D"

struct _MjSmtpClient
{
  GObject parent_instance;

  MjAccount *account;
  MjCredentials *credentials;
  guint connect_timeout;
  guint stall_timeout;

  GMutex lock;          /* one transfer at a time on the kept handle */
  CURL *curl;           /* kept between sends: one connection per batch */
};

G_DEFINE_TYPE (MjSmtpClient, mj_smtp_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MjSmtpResult, mj_smtp_result, mj_smtp_result_copy, mj_smtp_result_free)

/* -------------------------------------------------------------------- */
/* Results                                                              */

/**
 * mj_smtp_step_to_string:
 *
 * Returns: the step's name in the diagnostics JSON vocabulary.
 */
const char *
mj_smtp_step_to_string (MjSmtpStep step)
{
  static const char *const names[] = {
    "connect", "greeting", "ehlo", "starttls", "tls", "auth", "mail", "rcpt", "data", "done",
  };

  return step <= MJ_SMTP_STEP_DONE ? names[step] : "unknown";
}

MjSmtpResult *
mj_smtp_result_copy (const MjSmtpResult *result)
{
  MjSmtpResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (MjSmtpResult, 1);
  copy->step = result->step;
  copy->reply = result->reply != NULL ? mj_smtp_reply_copy (result->reply) : NULL;
  copy->error = result->error != NULL ? g_error_copy (result->error) : NULL;
  copy->new_connection = result->new_connection;
  copy->tls_version = g_strdup (result->tls_version);
  copy->tls_cipher = g_strdup (result->tls_cipher);
  copy->transcript = g_strdup (result->transcript);
  copy->curl_code = result->curl_code;
  copy->curl_message = g_strdup (result->curl_message);
  copy->message_id = g_strdup (result->message_id);
  return copy;
}

void
mj_smtp_result_free (MjSmtpResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->reply, mj_smtp_reply_free);
  g_clear_error (&result->error);
  g_free (result->tls_version);
  g_free (result->tls_cipher);
  g_free (result->transcript);
  g_free (result->curl_message);
  g_free (result->message_id);
  g_free (result);
}

static void
probe_step_free (gpointer data)
{
  MjSmtpProbeStep *step = data;

  g_clear_pointer (&step->reply, mj_smtp_reply_free);
  g_free (step->detail);
  g_free (step);
}

static MjSmtpProbeStep *
probe_step_copy (const MjSmtpProbeStep *step)
{
  MjSmtpProbeStep *copy = g_new0 (MjSmtpProbeStep, 1);

  copy->step = step->step;
  copy->ok = step->ok;
  copy->reply = step->reply != NULL ? mj_smtp_reply_copy (step->reply) : NULL;
  copy->duration_us = step->duration_us;
  copy->detail = g_strdup (step->detail);
  return copy;
}

static MjSmtpProbeResult *
mj_smtp_probe_result_copy (const MjSmtpProbeResult *result)
{
  MjSmtpProbeResult *copy = g_new0 (MjSmtpProbeResult, 1);

  copy->steps = g_ptr_array_new_with_free_func (probe_step_free);
  for (guint i = 0; i < result->steps->len; i++)
    g_ptr_array_add (copy->steps, probe_step_copy (g_ptr_array_index (result->steps, i)));
  copy->failed_step = result->failed_step;
  copy->error = result->error != NULL ? g_error_copy (result->error) : NULL;
  copy->capabilities = g_strdupv (result->capabilities);
  copy->capabilities_plain = g_strdupv (result->capabilities_plain);
  copy->tls_version = g_strdup (result->tls_version);
  copy->tls_cipher = g_strdup (result->tls_cipher);
  copy->peer_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < result->peer_certificates->len; i++)
    g_ptr_array_add (copy->peer_certificates, g_bytes_ref (g_ptr_array_index (result->peer_certificates, i)));
  copy->verify_result = result->verify_result;
  copy->verify_message = g_strdup (result->verify_message);
  copy->transcript = g_strdup (result->transcript);
  copy->curl_code = result->curl_code;
  return copy;
}

G_DEFINE_BOXED_TYPE (MjSmtpProbeResult, mj_smtp_probe_result,
                     mj_smtp_probe_result_copy, mj_smtp_probe_result_free)

void
mj_smtp_probe_result_free (MjSmtpProbeResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->steps);
  g_clear_error (&result->error);
  g_strfreev (result->capabilities);
  g_strfreev (result->capabilities_plain);
  g_free (result->tls_version);
  g_free (result->tls_cipher);
  g_ptr_array_unref (result->peer_certificates);
  g_free (result->verify_message);
  g_free (result->transcript);
  g_free (result);
}

/**
 * mj_smtp_probe_result_get_step:
 *
 * Returns: (transfer none) (nullable): the entry of @step, if reached.
 */
const MjSmtpProbeStep *
mj_smtp_probe_result_get_step (const MjSmtpProbeResult *result,
                               MjSmtpStep               step)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->steps->len; i++)
    {
      MjSmtpProbeStep *entry = g_ptr_array_index (result->steps, i);

      if (entry->step == step)
        return entry;
    }
  return NULL;
}

/* -------------------------------------------------------------------- */
/* One transfer: what the debug, progress and TLS callbacks learn        */

typedef struct {
  MjSmtpClient *client;
  CURL *curl;
  GCancellable *cancellable;
  gboolean implicit_tls;

  GString *raw;                 /* unredacted transcript; wiped at the end */
  GString *pending;             /* incomplete server line */
  GString *reply_lines;         /* lines of the reply being read */
  gboolean greeted;
  gboolean starttls_done;
  gboolean tls_ok;
  gboolean connected;

  MjSmtpStep step;              /* the step in progress */
  GPtrArray *steps;             /* MjSmtpProbeStep, in order */
  gint64 step_started;

  GPtrArray *ehlo_lines;        /* keyword lines of the last EHLO reply */
  char **caps_plain;

  char *tls_version;
  char *tls_cipher;
  GPtrArray *certificates;      /* GBytes DER, leaf first */
  long verify_result;

  /* upload */
  const guint8 *data;
  gsize size;
  gsize offset;
  gboolean abort_at_data;       /* probe: stop after 354, deliver nothing */
  gboolean aborted_at_data;
} Transfer;

static int transfer_ssl_index = -1;

/* A copy of a null-terminated GPtrArray of strings; never NULL (an empty
 * array may have no pdata at all). */
static char **
strv_of (GPtrArray *array)
{
  return array->pdata != NULL ? g_strdupv ((char **) array->pdata) : g_new0 (char *, 1);
}

static void
transfer_init (Transfer     *t,
               MjSmtpClient *client,
               GCancellable *cancellable)
{
  memset (t, 0, sizeof *t);
  t->client = client;
  t->cancellable = cancellable;
  t->implicit_tls = mj_account_get_security (client->account) == MJ_SECURITY_TLS;
  t->raw = g_string_new (NULL);
  t->pending = g_string_new (NULL);
  t->reply_lines = g_string_new (NULL);
  t->steps = g_ptr_array_new_with_free_func (probe_step_free);
  t->ehlo_lines = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  t->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  t->verify_result = -1;
  t->step = MJ_SMTP_STEP_CONNECT;
  t->step_started = g_get_monotonic_time ();
}

static void
transfer_clear (Transfer *t)
{
  /* The raw transcript may hold AUTH payloads. */
  explicit_bzero (t->raw->str, t->raw->len);
  g_string_free (t->raw, TRUE);
  explicit_bzero (t->pending->str, t->pending->len);
  g_string_free (t->pending, TRUE);
  g_string_free (t->reply_lines, TRUE);
  g_ptr_array_unref (t->steps);
  g_ptr_array_unref (t->ehlo_lines);
  g_strfreev (t->caps_plain);
  g_free (t->tls_version);
  g_free (t->tls_cipher);
  g_ptr_array_unref (t->certificates);
}

static MjSmtpProbeStep *
lookup_entry (Transfer   *t,
              MjSmtpStep  step)
{
  for (guint i = 0; i < t->steps->len; i++)
    {
      MjSmtpProbeStep *e = g_ptr_array_index (t->steps, i);

      if (e->step == step)
        return e;
    }
  return NULL;
}

/* Moves on to @step. A step that was already reached (the second EHLO
 * after STARTTLS) is reopened in place, so the list keeps the order in
 * which steps first happened. */
static void
begin_step (Transfer   *t,
            MjSmtpStep  step)
{
  MjSmtpProbeStep *entry = lookup_entry (t, step);

  t->step = step;
  t->step_started = g_get_monotonic_time ();
  if (entry == NULL)
    {
      entry = g_new0 (MjSmtpProbeStep, 1);
      entry->step = step;
      g_ptr_array_add (t->steps, entry);
    }
}

static void
finish_step (Transfer    *t,
             MjSmtpStep   step,
             gboolean     ok,
             MjSmtpReply *reply)
{
  MjSmtpProbeStep *entry = lookup_entry (t, step);

  if (entry == NULL)
    {
      entry = g_new0 (MjSmtpProbeStep, 1);
      entry->step = step;
      g_ptr_array_add (t->steps, entry);
    }
  /* One failed recipient fails the RCPT step for good. */
  if (step == MJ_SMTP_STEP_RCPT && entry->reply != NULL && !entry->ok)
    {
      g_clear_pointer (&reply, mj_smtp_reply_free);
      return;
    }
  entry->ok = ok;
  entry->duration_us = g_get_monotonic_time () - t->step_started;
  g_clear_pointer (&entry->reply, mj_smtp_reply_free);
  entry->reply = reply;
}

static void
append_raw (Transfer   *t,
            const char *prefix,
            const char *line,
            gsize       len)
{
  g_string_append (t->raw, prefix);
  g_string_append_len (t->raw, line, (gssize) len);
  g_string_append_c (t->raw, '\n');
}

static void
tls_established (Transfer *t)
{
  if (t->tls_ok)
    return;
  t->tls_ok = TRUE;
  finish_step (t, MJ_SMTP_STEP_TLS, TRUE, NULL);
}

/* A complete reply (every line of it) arrived. */
static void
handle_reply (Transfer   *t,
              const char *text)
{
  MjSmtpReply *reply = mj_smtp_reply_parse (text);
  MjReplyClass klass = mj_smtp_reply_get_class (reply);
  gboolean ok = klass == MJ_REPLY_CLASS_SUCCESS || klass == MJ_REPLY_CLASS_INTERMEDIATE;

  if (!t->greeted)
    {
      t->greeted = TRUE;
      if (t->implicit_tls)
        tls_established (t);
      if (t->step != MJ_SMTP_STEP_GREETING)
        begin_step (t, MJ_SMTP_STEP_GREETING);
      finish_step (t, MJ_SMTP_STEP_GREETING, klass == MJ_REPLY_CLASS_SUCCESS, reply);
      return;
    }

  switch (t->step)
    {
    case MJ_SMTP_STEP_EHLO:
      {
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

        g_ptr_array_set_size (t->ehlo_lines, 0);
        for (guint i = 1; lines[i] != NULL; i++)
          if (strlen (lines[i]) > 4)
            g_ptr_array_add (t->ehlo_lines, g_strdup (lines[i] + 4));
        if (!t->starttls_done && !t->implicit_tls)
          {
            g_strfreev (t->caps_plain);
            t->caps_plain = strv_of (t->ehlo_lines);
          }
      }
      break;
    case MJ_SMTP_STEP_STARTTLS:
      if (reply->code == 220)
        {
          t->starttls_done = TRUE;
          finish_step (t, MJ_SMTP_STEP_STARTTLS, TRUE, reply);
          begin_step (t, MJ_SMTP_STEP_TLS);
          return;
        }
      break;
    case MJ_SMTP_STEP_AUTH:
      /* 334 is a continuation: the exchange goes on. */
      if (reply->code == 334)
        {
          MjSmtpProbeStep *entry = lookup_entry (t, MJ_SMTP_STEP_AUTH);

          if (entry != NULL)
            {
              g_clear_pointer (&entry->reply, mj_smtp_reply_free);
              entry->reply = reply;
              entry->ok = FALSE;
            }
          else
            mj_smtp_reply_free (reply);
          return;
        }
      break;
    case MJ_SMTP_STEP_DATA:
      /* 354 asks for the message; the reply after it is the verdict. */
      break;
    case MJ_SMTP_STEP_CONNECT:
    case MJ_SMTP_STEP_GREETING:
    case MJ_SMTP_STEP_TLS:
    case MJ_SMTP_STEP_MAIL:
    case MJ_SMTP_STEP_RCPT:
    case MJ_SMTP_STEP_DONE:
    default:
      break;
    }

  finish_step (t, t->step, ok, reply);
}

static void
handle_server_line (Transfer   *t,
                    const char *line)
{
  if (t->reply_lines->len > 0)
    g_string_append_c (t->reply_lines, '\n');
  g_string_append (t->reply_lines, line);

  /* "250 text" or "250" ends a reply; "250-text" continues it. */
  if (strlen (line) >= 3 && g_ascii_isdigit (line[0]) && g_ascii_isdigit (line[1]) &&
      g_ascii_isdigit (line[2]) && line[3] != '-')
    {
      handle_reply (t, t->reply_lines->str);
      g_string_truncate (t->reply_lines, 0);
    }
}

static void
handle_client_line (Transfer   *t,
                    const char *line)
{
  if (!t->greeted)
    return;
  if (t->starttls_done && !t->tls_ok)
    tls_established (t);

  if (g_ascii_strncasecmp (line, "EHLO", 4) == 0 || g_ascii_strncasecmp (line, "HELO", 4) == 0)
    begin_step (t, MJ_SMTP_STEP_EHLO);
  else if (g_ascii_strncasecmp (line, "STARTTLS", 8) == 0)
    begin_step (t, MJ_SMTP_STEP_STARTTLS);
  else if (g_ascii_strncasecmp (line, "AUTH", 4) == 0)
    begin_step (t, MJ_SMTP_STEP_AUTH);
  else if (g_ascii_strncasecmp (line, "MAIL FROM", 9) == 0)
    begin_step (t, MJ_SMTP_STEP_MAIL);
  else if (g_ascii_strncasecmp (line, "RCPT TO", 7) == 0)
    {
      if (t->step != MJ_SMTP_STEP_RCPT)
        begin_step (t, MJ_SMTP_STEP_RCPT);
    }
  else if (g_ascii_strncasecmp (line, "DATA", 4) == 0)
    begin_step (t, MJ_SMTP_STEP_DATA);
  else if (g_ascii_strncasecmp (line, "NOOP", 4) == 0 || g_ascii_strncasecmp (line, "RSET", 4) == 0)
    begin_step (t, MJ_SMTP_STEP_DONE);
  /* QUIT and AUTH continuations keep the current step. */
}

static void
split_lines (Transfer   *t,
             const char *data,
             gsize       size,
             gboolean    server)
{
  GString *buf = t->pending;

  g_string_append_len (buf, data, (gssize) size);
  for (;;)
    {
      char *nl = memchr (buf->str, '\n', buf->len);
      gsize len;
      g_autofree char *line = NULL;

      if (nl == NULL)
        break;
      len = (gsize) (nl - buf->str);
      line = g_strndup (buf->str, len > 0 && buf->str[len - 1] == '\r' ? len - 1 : len);
      g_string_erase (buf, 0, (gssize) len + 1);

      append_raw (t, server ? "S: " : "C: ", line, strlen (line));
      if (server)
        handle_server_line (t, line);
      else
        handle_client_line (t, line);
      explicit_bzero (line, strlen (line));
    }
}

static void
handle_info (Transfer   *t,
             const char *text,
             gsize       size)
{
  g_autofree char *line = g_strndup (text, size);
  const char *p;

  g_strchomp (line);
  append_raw (t, "* ", line, strlen (line));

  if (!t->connected &&
      (g_str_has_prefix (line, "Connected to ") || g_str_has_prefix (line, "Re-using existing connection")))
    {
      t->connected = TRUE;
      finish_step (t, MJ_SMTP_STEP_CONNECT, TRUE, NULL);
      /* Plain connections wait for the greeting from here on. */
      begin_step (t, t->implicit_tls ? MJ_SMTP_STEP_TLS : MJ_SMTP_STEP_GREETING);
    }

  /* "SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384" */
  p = strstr (line, "SSL connection using ");
  if (p != NULL && t->tls_version == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (p + strlen ("SSL connection using "), " / ", 2);

      if (parts[0] != NULL && parts[1] != NULL)
        {
          t->tls_version = g_strdup (g_strstrip (parts[0]));
          t->tls_cipher = g_strdup (g_strstrip (parts[1]));
        }
    }
}

static int
debug_cb (CURL          *handle,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *userp)
{
  Transfer *t = userp;

  switch (type)
    {
    case CURLINFO_TEXT:
      handle_info (t, data, size);
      break;
    case CURLINFO_HEADER_IN:
      split_lines (t, data, size, TRUE);
      break;
    case CURLINFO_HEADER_OUT:
      split_lines (t, data, size, FALSE);
      break;
    case CURLINFO_DATA_IN:
    case CURLINFO_DATA_OUT:
    case CURLINFO_SSL_DATA_IN:
    case CURLINFO_SSL_DATA_OUT:
    case CURLINFO_END:
    default:
      break;
    }
  return 0;
}

static void
read_ssl (Transfer *t,
          SSL      *ssl)
{
  if (t->tls_version == NULL)
    {
      t->tls_version = g_strdup (SSL_get_version (ssl));
      t->tls_cipher = g_strdup (SSL_get_cipher_name (ssl));
    }
  if (t->verify_result < 0)
    t->verify_result = SSL_get_verify_result (ssl);
}

static int
xferinfo_cb (void       *userp,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *t = userp;
  struct curl_tlssessioninfo *info = NULL;

  if (g_cancellable_is_cancelled (t->cancellable))
    return 1;

  /* The SSL* is only valid during the transfer, and this callback also runs
   * mid-handshake: read it once the handshake is finished. */
  if (curl_easy_getinfo (t->curl, CURLINFO_TLS_SSL_PTR, &info) == CURLE_OK &&
      info != NULL && info->backend == CURLSSLBACKEND_OPENSSL && info->internals != NULL &&
      SSL_is_init_finished ((SSL *) info->internals))
    read_ssl (t, info->internals);
  return 0;
}

/* OpenSSL calls this for every certificate of the chain during the
 * handshake. We keep what the server sent — also when it is about to be
 * refused, so diagnostics can say why — and never change the verdict. */
static int
verify_cb (int             preverify_ok,
           X509_STORE_CTX *store)
{
  SSL *ssl = X509_STORE_CTX_get_ex_data (store, SSL_get_ex_data_X509_STORE_CTX_idx ());
  Transfer *t = ssl != NULL ? SSL_CTX_get_ex_data (SSL_get_SSL_CTX (ssl), transfer_ssl_index) : NULL;

  if (t == NULL)
    return preverify_ok;

  if (t->certificates->len == 0)
    {
      STACK_OF (X509) *chain = SSL_get_peer_cert_chain (ssl);

      for (int i = 0; chain != NULL && i < sk_X509_num (chain); i++)
        {
          unsigned char *der = NULL;
          int len = i2d_X509 (sk_X509_value (chain, i), &der);

          if (len > 0)
            g_ptr_array_add (t->certificates, g_bytes_new (der, (gsize) len));
          OPENSSL_free (der);
        }
    }
  if (!preverify_ok && (t->verify_result <= 0))
    t->verify_result = X509_STORE_CTX_get_error (store);
  return preverify_ok;
}

static CURLcode
ssl_ctx_cb (CURL *handle,
            void *ssl_ctx,
            void *userp)
{
  SSL_CTX *ctx = ssl_ctx;

  SSL_CTX_set_ex_data (ctx, transfer_ssl_index, userp);
  SSL_CTX_set_verify (ctx, SSL_CTX_get_verify_mode (ctx), verify_cb);
  /* Microsoft and most providers refuse anything older. */
  SSL_CTX_set_min_proto_version (ctx, TLS1_2_VERSION);
  return CURLE_OK;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *userp)
{
  Transfer *t = userp;
  gsize n = MIN (size * nitems, t->size - t->offset);

  if (t->abort_at_data)
    {
      t->aborted_at_data = TRUE;
      return CURL_READFUNC_ABORT;
    }
  if (g_cancellable_is_cancelled (t->cancellable))
    return CURL_READFUNC_ABORT;
  memcpy (buffer, t->data + t->offset, n);
  t->offset += n;
  return n;
}

/* Replies to custom commands (NOOP) would go to stdout otherwise. */
static size_t
discard_cb (char   *ptr,
            size_t  size,
            size_t  nmemb,
            void   *userp)
{
  return size * nmemb;
}

/* -------------------------------------------------------------------- */
/* The client                                                           */

static void
mj_smtp_client_finalize (GObject *object)
{
  MjSmtpClient *self = MJ_SMTP_CLIENT (object);

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_clear_object (&self->account);
  g_clear_pointer (&self->credentials, mj_credentials_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mj_smtp_client_parent_class)->finalize (object);
}

static void
mj_smtp_client_class_init (MjSmtpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mj_smtp_client_finalize;

  curl_global_init (CURL_GLOBAL_DEFAULT);
  transfer_ssl_index = SSL_CTX_get_ex_new_index (0, (void *) "mensajero-transfer", NULL, NULL, NULL);
}

static void
mj_smtp_client_init (MjSmtpClient *self)
{
  g_mutex_init (&self->lock);
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->stall_timeout = DEFAULT_STALL_TIMEOUT;
}

/**
 * mj_smtp_client_new:
 * @account: the account whose server to use (kept)
 *
 * Returns: (transfer full): a client without credentials.
 */
MjSmtpClient *
mj_smtp_client_new (MjAccount *account)
{
  MjSmtpClient *self;

  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);

  self = g_object_new (MJ_TYPE_SMTP_CLIENT, NULL);
  self->account = g_object_ref (account);
  return self;
}

/**
 * mj_smtp_client_get_account:
 *
 * Returns: (transfer none): the account.
 */
MjAccount *
mj_smtp_client_get_account (MjSmtpClient *self)
{
  g_return_val_if_fail (MJ_IS_SMTP_CLIENT (self), NULL);
  return self->account;
}

void
mj_smtp_client_set_credentials (MjSmtpClient        *self,
                                const MjCredentials *credentials)
{
  g_return_if_fail (MJ_IS_SMTP_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->credentials, mj_credentials_free);
  if (credentials != NULL)
    self->credentials = mj_credentials_copy (credentials);
  /* A connection signed in with the old credentials must not be reused. */
  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_mutex_unlock (&self->lock);
}

gboolean
mj_smtp_client_has_credentials (MjSmtpClient *self)
{
  gboolean has;

  g_return_val_if_fail (MJ_IS_SMTP_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  has = self->credentials != NULL;
  g_mutex_unlock (&self->lock);
  return has;
}

void
mj_smtp_client_set_timeouts (MjSmtpClient *self,
                             guint         connect_timeout,
                             guint         stall_timeout)
{
  g_return_if_fail (MJ_IS_SMTP_CLIENT (self));

  g_mutex_lock (&self->lock);
  self->connect_timeout = connect_timeout > 0 ? connect_timeout : DEFAULT_CONNECT_TIMEOUT;
  self->stall_timeout = stall_timeout > 0 ? stall_timeout : DEFAULT_STALL_TIMEOUT;
  g_mutex_unlock (&self->lock);
}

void
mj_smtp_client_disconnect (MjSmtpClient *self)
{
  g_return_if_fail (MJ_IS_SMTP_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_mutex_unlock (&self->lock);
}

static char *
make_url (MjAccount *account)
{
  const char *host = mj_account_get_host (account);
  gboolean v6 = host != NULL && strchr (host, ':') != NULL;

  return g_strdup_printf ("%s://%s%s%s:%u/" EHLO_NAME,
                          mj_account_get_security (account) == MJ_SECURITY_TLS ? "smtps" : "smtp",
                          v6 ? "[" : "", host != NULL ? host : "", v6 ? "]" : "",
                          mj_account_get_port (account));
}

/* Every option of a transfer, set again each time: the handle is kept for
 * its connection, never for stale options. */
static void
setup_handle (MjSmtpClient        *self,
              CURL                *curl,
              Transfer            *t,
              const MjCredentials *credentials,
              char                *errbuf)
{
  g_autofree char *url = make_url (self->account);
  const char *ca_file = mj_account_get_ca_file (self->account);

  /* Back to the defaults; the live connection stays in the handle. */
  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);

  /* TLS always: STARTTLS must succeed before anything else is sent, and the
   * certificate is always checked. There is deliberately no way to relax
   * either. */
  curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (curl, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
  if (ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca_file);
  curl_easy_setopt (curl, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
  curl_easy_setopt (curl, CURLOPT_SSL_CTX_DATA, t);

  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) self->connect_timeout);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) self->stall_timeout);

  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, debug_cb);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, t);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, t);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, t);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, discard_cb);

  if (credentials != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, credentials->username);
      if (credentials->method == MJ_AUTH_OAUTH2)
        {
          curl_easy_setopt (curl, CURLOPT_XOAUTH2_BEARER, credentials->bearer_token);
          /* Without this, curl prefers OAUTHBEARER, and against a server
           * offering neither it silently falls back to PLAIN with an empty
           * password (TESTING.md §3). */
          curl_easy_setopt (curl, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
        }
      else
        {
          curl_easy_setopt (curl, CURLOPT_PASSWORD, credentials->password);
          curl_easy_setopt (curl, CURLOPT_LOGIN_OPTIONS, "AUTH=PLAIN;AUTH=LOGIN");
        }
    }
}

static gboolean
is_tls_code (CURLcode code)
{
  switch ((int) code)
    {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Classifies a finished transfer. CURLcode alone cannot tell failures
 * apart (a refused recipient and a dropped connection are both 55): the
 * reply to the failing step decides, and the CURLcode only fills in when
 * the server said nothing. */
static MjSmtpStep
classify (Transfer     *t,
          CURLcode      code,
          const char   *curl_message,
          MjSmtpReply **reply_out,
          GError      **error)
{
  const char *host = mj_account_get_host (t->client->account);
  const MjSmtpProbeStep *entry;
  MjSmtpStep step = t->step;
  MjSmtpReply *reply = NULL;
  g_autofree char *reply_text = NULL;
  guint reply_code;

  entry = lookup_entry (t, step);
  if (entry != NULL && entry->reply != NULL)
    reply = mj_smtp_reply_copy (entry->reply);

  if (code == CURLE_OK || (code == CURLE_ABORTED_BY_CALLBACK && t->aborted_at_data))
    {
      *reply_out = reply;
      return MJ_SMTP_STEP_DONE;
    }
  reply_code = reply != NULL ? reply->code : 0;
  reply_text = reply != NULL ? mj_smtp_reply_to_string (reply) : g_strdup (curl_message);
  *reply_out = reply;

  if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (t->cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", M_("Sending was cancelled."));
      return step;
    }

  if (code == CURLE_USE_SSL_FAILED)
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                   M_("The server %s does not offer an encrypted connection (STARTTLS), so your "
                      "password was not sent."), host);
      return MJ_SMTP_STEP_STARTTLS;
    }
  if (code == CURLE_PEER_FAILED_VERIFICATION)
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                   M_("The certificate of %s is not trusted (%s), so nothing was sent."),
                   host, curl_message);
      return MJ_SMTP_STEP_TLS;
    }
  if (is_tls_code (code))
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TLS,
                   M_("The encrypted connection to %s failed: %s"), host, curl_message);
      return MJ_SMTP_STEP_TLS;
    }
  if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT ||
      code == CURLE_COULDNT_RESOLVE_PROXY)
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                   M_("Could not connect to %s: %s"), host, curl_message);
      return MJ_SMTP_STEP_CONNECT;
    }

  /* The server's own verdict. */
  if (reply_code >= 400 || (step == MJ_SMTP_STEP_AUTH && reply_code == 334))
    {
      if (step == MJ_SMTP_STEP_AUTH && reply_code != 454 && reply_code != 421)
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                     M_("The server refused the login: %s"), reply_text);
      else if (reply_code == 535)
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                     M_("The server refused the login: %s"), reply_text);
      else if (reply_code >= 500 && step == MJ_SMTP_STEP_RCPT)
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_PERMANENT,
                     M_("The server refused a recipient: %s"), reply_text);
      else if (reply_code >= 500)
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_PERMANENT,
                     M_("The server refused the message: %s"), reply_text);
      else
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY,
                     M_("The server cannot take the message right now: %s"), reply_text);
      return step;
    }

  if (code == CURLE_LOGIN_DENIED)
    {
      g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                   M_("The server refused the login: %s"), reply_text);
      return MJ_SMTP_STEP_AUTH;
    }

  if (code == CURLE_OPERATION_TIMEDOUT)
    {
      if (step < MJ_SMTP_STEP_MAIL)
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                     M_("The server %s did not answer in time."), host);
      else
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY,
                     M_("The server %s stopped answering while the message was being sent; "
                        "it can be sent again."), host);
      return step;
    }

  if (code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING ||
      code == CURLE_PARTIAL_FILE || code == CURLE_WEIRD_SERVER_REPLY)
    {
      if (step >= MJ_SMTP_STEP_MAIL)
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_TEMPORARY,
                     M_("The connection to %s was lost while the message was being sent; "
                        "it can be sent again."), host);
      else
        g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                     M_("The connection to %s was lost: %s"), host, curl_message);
      return step;
    }

  g_set_error (error, MJ_SMTP_ERROR, MJ_SMTP_ERROR_PROTOCOL,
               M_("Unexpected answer from %s: %s"), host, reply_text);
  return step;
}

static char *
redacted_transcript (Transfer            *t,
                     const MjCredentials *credentials)
{
  const char *secrets[3] = { NULL, NULL, NULL };
  guint n = 0;

  if (credentials != NULL && credentials->password != NULL)
    secrets[n++] = credentials->password;
  if (credentials != NULL && credentials->bearer_token != NULL)
    secrets[n++] = credentials->bearer_token;
  return mj_transcript_redact (t->raw->str, secrets);
}

static CURL *
new_handle (void)
{
  CURL *curl = curl_easy_init ();

  if (curl == NULL)
    g_error ("curl_easy_init() failed: out of memory");
  return curl;
}

/* -------------------------------------------------------------------- */
/* Sending                                                              */

/**
 * mj_smtp_client_send_bytes_sync:
 * @mail_from: the envelope sender
 * @recipients: (array zero-terminated=1): the envelope recipients
 * @data: the message with CRLF line ends
 *
 * Returns: (transfer full): the result, never %NULL.
 */
MjSmtpResult *
mj_smtp_client_send_bytes_sync (MjSmtpClient        *self,
                                const char          *mail_from,
                                const char * const  *recipients,
                                GBytes              *data,
                                GCancellable        *cancellable,
                                GError             **error)
{
  MjSmtpResult *result;
  Transfer t;
  struct curl_slist *rcpts = NULL;
  g_autofree char *from = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  CURLcode code;
  long connects = 0;

  g_return_val_if_fail (MJ_IS_SMTP_CLIENT (self), NULL);
  g_return_val_if_fail (mail_from != NULL, NULL);
  g_return_val_if_fail (recipients != NULL && recipients[0] != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  result = g_new0 (MjSmtpResult, 1);

  g_mutex_lock (&self->lock);
  transfer_init (&t, self, cancellable);
  t.data = g_bytes_get_data (data, &t.size);

  if (self->curl == NULL)
    self->curl = new_handle ();
  t.curl = self->curl;
  setup_handle (self, self->curl, &t, self->credentials, errbuf);

  from = g_strdup_printf ("<%s>", mail_from);
  for (guint i = 0; recipients[i] != NULL; i++)
    {
      g_autofree char *rcpt = g_strdup_printf ("<%s>", recipients[i]);

      rcpts = curl_slist_append (rcpts, rcpt);
    }
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (self->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) t.size);

  code = curl_easy_perform (self->curl);

  curl_easy_getinfo (self->curl, CURLINFO_NUM_CONNECTS, &connects);
  result->new_connection = connects > 0;
  result->curl_code = code;
  result->curl_message = g_strdup (errbuf[0] != '\0' ? errbuf : curl_easy_strerror (code));
  result->step = classify (&t, code, result->curl_message, &result->reply, &result->error);
  if (result->step == MJ_SMTP_STEP_DONE)
    {
      /* The verdict on the message is the reply to the end of DATA. */
      const MjSmtpProbeStep *entry = lookup_entry (&t, MJ_SMTP_STEP_DATA);

      g_clear_pointer (&result->reply, mj_smtp_reply_free);
      if (entry != NULL && entry->reply != NULL)
        result->reply = mj_smtp_reply_copy (entry->reply);
    }
  result->tls_version = g_strdup (t.tls_version);
  result->tls_cipher = g_strdup (t.tls_cipher);
  result->transcript = redacted_transcript (&t, self->credentials);

  /* The callbacks' data, the recipients and the credentials are about to
   * go: nothing may refer to them (curl_easy_cleanup() sends QUIT). */
  curl_easy_reset (self->curl);
  curl_slist_free_all (rcpts);
  /* A failed transfer may leave the connection in any state. */
  if (code != CURLE_OK)
    g_clear_pointer (&self->curl, curl_easy_cleanup);
  transfer_clear (&t);
  g_mutex_unlock (&self->lock);

  if (result->error != NULL && error != NULL)
    *error = g_error_copy (result->error);
  return result;
}

/**
 * mj_smtp_client_send_sync:
 * @message: the message (its Message-ID is fixed by this call)
 *
 * Returns: (transfer full): the result, never %NULL.
 */
MjSmtpResult *
mj_smtp_client_send_sync (MjSmtpClient  *self,
                          MjMessage     *message,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  GError *local_error = NULL;
  MjSmtpResult *result;

  g_return_val_if_fail (MJ_IS_SMTP_CLIENT (self), NULL);
  g_return_val_if_fail (MJ_IS_MESSAGE (message), NULL);

  data = mj_message_to_bytes (message, &local_error);
  if (data == NULL)
    {
      result = g_new0 (MjSmtpResult, 1);
      result->step = MJ_SMTP_STEP_CONNECT;
      result->transcript = g_strdup ("");
      result->error = local_error;
      if (error != NULL)
        *error = g_error_copy (local_error);
      return result;
    }

  result = mj_smtp_client_send_bytes_sync (self, mj_message_get_from_address (message),
                                           mj_message_get_envelope_recipients (message),
                                           data, cancellable, error);
  result->message_id = g_strdup (mj_message_get_message_id (message));
  return result;
}

static void
send_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MjSmtpResult *result = mj_smtp_client_send_sync (source, task_data, cancellable, NULL);

  g_task_return_pointer (task, result, (GDestroyNotify) mj_smtp_result_free);
}

void
mj_smtp_client_send_async (MjSmtpClient        *self,
                           MjMessage           *message,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MJ_IS_SMTP_CLIENT (self));
  g_return_if_fail (MJ_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_smtp_client_send_async);
  /* The result carries the cancellation itself. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  g_task_run_in_thread (task, send_in_thread);
}

/**
 * mj_smtp_client_send_finish:
 *
 * Returns: (transfer full): the result, never %NULL.
 */
MjSmtpResult *
mj_smtp_client_send_finish (MjSmtpClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  MjSmtpResult *send_result;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  send_result = g_task_propagate_pointer (G_TASK (result), NULL);
  if (send_result->error != NULL && error != NULL)
    *error = g_error_copy (send_result->error);
  return send_result;
}

/* -------------------------------------------------------------------- */
/* Probing                                                              */

/**
 * mj_smtp_client_probe_sync:
 * @flags: how far to go
 *
 * Returns: (transfer full): what was found, never %NULL.
 */
MjSmtpProbeResult *
mj_smtp_client_probe_sync (MjSmtpClient      *self,
                           MjSmtpProbeFlags   flags,
                           GCancellable      *cancellable,
                           GError           **error)
{
  MjSmtpProbeResult *result;
  MjCredentials *credentials = NULL;
  struct curl_slist *rcpts = NULL;
  g_autofree char *from = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  MjSmtpReply *reply = NULL;
  CURL *curl;
  CURLcode code;
  Transfer t;

  g_return_val_if_fail (MJ_IS_SMTP_CLIENT (self), NULL);

  if (flags & MJ_SMTP_PROBE_MAIL_FROM)
    flags |= MJ_SMTP_PROBE_AUTH;

  g_mutex_lock (&self->lock);
  if ((flags & MJ_SMTP_PROBE_AUTH) && self->credentials != NULL)
    credentials = mj_credentials_copy (self->credentials);
  g_mutex_unlock (&self->lock);

  result = g_new0 (MjSmtpProbeResult, 1);
  result->peer_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  /* A handle of its own: a probe never disturbs the kept connection. */
  curl = new_handle ();
  transfer_init (&t, self, cancellable);
  t.curl = curl;
  setup_handle (self, curl, &t, credentials, errbuf);

  if (flags & MJ_SMTP_PROBE_MAIL_FROM)
    {
      g_autofree char *rcpt = g_strdup_printf ("<%s>", mj_account_get_email (self->account));

      from = g_strdup_printf ("<%s>", mj_account_get_email (self->account));
      rcpts = curl_slist_append (rcpts, rcpt);
      curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
      curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpts);
      curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
      t.abort_at_data = TRUE;
    }
  else
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, "NOOP");

  code = curl_easy_perform (curl);

  result->curl_code = code;
  result->failed_step = classify (&t, code, errbuf[0] != '\0' ? errbuf : curl_easy_strerror (code),
                                  &reply, &result->error);
  mj_smtp_reply_free (reply);

  if (result->failed_step != MJ_SMTP_STEP_DONE)
    {
      MjSmtpProbeStep *entry = lookup_entry (&t, result->failed_step);

      if (entry == NULL)
        {
          entry = g_new0 (MjSmtpProbeStep, 1);
          entry->step = result->failed_step;
          g_ptr_array_add (t.steps, entry);
        }
      /* The step that failed ran until now (a refused or timed-out one never
       * reached finish_step()). */
      if (result->failed_step == t.step)
        entry->duration_us = g_get_monotonic_time () - t.step_started;
      entry->ok = FALSE;
      g_free (entry->detail);
      entry->detail = g_strdup (result->error->message);
    }

  /* The probe's own NOOP/DATA bookkeeping is not a diagnostics step. */
  for (guint i = 0; i < t.steps->len; i++)
    {
      MjSmtpProbeStep *entry = g_ptr_array_index (t.steps, i);

      if (entry->step == MJ_SMTP_STEP_DONE || entry->step == MJ_SMTP_STEP_DATA)
        g_ptr_array_remove_index (t.steps, i--);
    }

  result->steps = g_ptr_array_ref (t.steps);
  result->capabilities = strv_of (t.ehlo_lines);
  result->capabilities_plain = t.caps_plain != NULL ? g_strdupv (t.caps_plain) : g_new0 (char *, 1);
  result->tls_version = g_strdup (t.tls_version);
  result->tls_cipher = g_strdup (t.tls_cipher);
  for (guint i = 0; i < t.certificates->len; i++)
    g_ptr_array_add (result->peer_certificates, g_bytes_ref (g_ptr_array_index (t.certificates, i)));
  result->verify_result = t.verify_result;
  if (t.verify_result >= 0)
    result->verify_message = g_strdup (X509_verify_cert_error_string (t.verify_result));
  result->transcript = redacted_transcript (&t, credentials);

  curl_easy_cleanup (curl);
  curl_slist_free_all (rcpts);
  mj_credentials_free (credentials);
  transfer_clear (&t);

  if (result->error != NULL && error != NULL)
    *error = g_error_copy (result->error);
  return result;
}

static void
probe_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  MjSmtpProbeResult *result = mj_smtp_client_probe_sync (source, GPOINTER_TO_UINT (task_data),
                                                         cancellable, NULL);

  g_task_return_pointer (task, result, (GDestroyNotify) mj_smtp_probe_result_free);
}

void
mj_smtp_client_probe_async (MjSmtpClient        *self,
                            MjSmtpProbeFlags     flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MJ_IS_SMTP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_smtp_client_probe_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, GUINT_TO_POINTER (flags), NULL);
  g_task_run_in_thread (task, probe_in_thread);
}

/**
 * mj_smtp_client_probe_finish:
 *
 * Returns: (transfer full): what was found, never %NULL.
 */
MjSmtpProbeResult *
mj_smtp_client_probe_finish (MjSmtpClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  MjSmtpProbeResult *probe;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  probe = g_task_propagate_pointer (G_TASK (result), NULL);
  if (probe->error != NULL && error != NULL)
    *error = g_error_copy (probe->error);
  return probe;
}
