#define G_LOG_DOMAIN "mj-diagnostics"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-diagnostics.h"
#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-message.h"
#include "mj-smtp-client.h"
#include "mj-transcript.h"

struct _MjDiagnostics
{
  GObject parent_instance;

  MjAccount *account;
  MjCredentials *credentials;
  gboolean send_test;
  guint timeout;

  GListStore *steps;
  gboolean running;
  gboolean ok;
  MjDiagnosticStep *failed_step;
  const MjDiagnosticText *hint;
  MjTlsInfo *tls_info;
  char *transcript;
};

G_DEFINE_FINAL_TYPE (MjDiagnostics, mj_diagnostics, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_RUNNING,
  PROP_OK,
  PROP_TRANSCRIPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define NO_STEP MJ_DIAGNOSTIC_N_STEPS

/* --- worker state --- */

typedef struct {
  MjDiagnostics *self;          /* owned by the GTask (source object) */
  GMainContext *context;        /* where step updates are applied */
  MjAccount *account;
  MjCredentials *credentials;   /* from the caller, or NULL = keyring */
  gboolean send_test;
  guint timeout;

  GString *transcript;
  MjDiagnosticStepId failed;
  GError *error;
  const MjDiagnosticText *hint;
  MjTlsInfo *tls_info;
  char *password;               /* for redaction only */
  char *token;
} RunState;

static void
run_state_free (RunState *st)
{
  g_main_context_unref (st->context);
  g_clear_object (&st->account);
  g_clear_pointer (&st->credentials, mj_credentials_free);
  g_string_free (st->transcript, TRUE);
  g_clear_error (&st->error);
  g_clear_pointer (&st->tls_info, mj_tls_info_free);
  if (st->password != NULL)
    memset (st->password, 0, strlen (st->password));
  g_free (st->password);
  if (st->token != NULL)
    memset (st->token, 0, strlen (st->token));
  g_free (st->token);
  g_free (st);
}

typedef struct {
  MjDiagnostics *self;
  MjDiagnosticStepId id;
  MjDiagnosticStatus status;
  gint64 duration_ms;           /* -1 = leave */
  char *detail;
  MjExplanation *explanation;
  const MjDiagnosticText *text;
} StepUpdate;

static void
step_update_free (StepUpdate *u)
{
  g_object_unref (u->self);
  g_free (u->detail);
  g_clear_object (&u->explanation);
  g_free (u);
}

static gboolean
apply_update_cb (gpointer data)
{
  StepUpdate *u = data;
  MjDiagnosticStep *step = mj_diagnostics_get_step (u->self, u->id);

  g_object_freeze_notify (G_OBJECT (step));
  mj_diagnostic_step_set_status (step, u->status);
  if (u->duration_ms >= 0)
    mj_diagnostic_step_set_duration_ms (step, (guint) u->duration_ms);
  if (u->detail != NULL)
    mj_diagnostic_step_set_detail (step, u->detail);
  if (u->explanation != NULL)
    mj_diagnostic_step_set_explanation (step, u->explanation);
  else if (u->text != NULL)
    mj_diagnostic_step_set_text (step, u->text);
  g_object_thaw_notify (G_OBJECT (step));
  return G_SOURCE_REMOVE;
}

/* Worker → main context; the update owns a reference to the receiver. */
static void
post (RunState               *st,
      MjDiagnosticStepId      id,
      MjDiagnosticStatus      status,
      gint64                  duration_ms,
      const char             *detail,
      MjExplanation          *explanation,
      const MjDiagnosticText *text)
{
  StepUpdate *u = g_new0 (StepUpdate, 1);

  u->self = g_object_ref (st->self);
  u->id = id;
  u->status = status;
  u->duration_ms = duration_ms;
  u->detail = g_strdup (detail);
  u->explanation = explanation ? g_object_ref (explanation) : NULL;
  u->text = text;
  g_main_context_invoke_full (st->context, G_PRIORITY_DEFAULT, apply_update_cb, u,
                              (GDestroyNotify) step_update_free);
}

static void
post_running (RunState           *st,
              MjDiagnosticStepId  id)
{
  post (st, id, MJ_DIAGNOSTIC_STATUS_RUNNING, -1, NULL, NULL, NULL);
}

static void
fail (RunState               *st,
      MjDiagnosticStepId      id,
      gint64                  duration_ms,
      const char             *detail,
      MjExplanation          *explanation,
      const MjDiagnosticText *text,
      GError                 *error)     /* (transfer full) */
{
  post (st, id, MJ_DIAGNOSTIC_STATUS_FAIL, duration_ms, detail, explanation, text);
  st->failed = id;
  g_clear_error (&st->error);
  st->error = error;
  g_string_append_printf (st->transcript, "* %s failed: %s\n",
                          mj_diagnostic_step_id_to_string (id), detail ? detail : "");
}

static gint64
elapsed_ms (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000;
}

static gboolean
is_microsoft_host (MjAccount *account)
{
  static const char * const suffixes[] = {
    "office365.com", "outlook.com", "office.com", "microsoft.com", "hotmail.com", "live.com",
  };
  g_autofree char *host = g_ascii_strdown (mj_account_get_host (account), -1);
  const char *provider = mj_account_get_provider_id (account);

  if (g_strcmp0 (provider, "microsoft365") == 0 || g_strcmp0 (provider, "outlook.com") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_equal (host, suffixes[i]) || g_str_has_suffix (host, suffixes[i]))
      return TRUE;
  return FALSE;
}

static const MjDiagnosticText *
text (const char *id)
{
  const MjDiagnosticText *t = mj_diagnostic_text_lookup (id);

  g_assert (t != NULL);
  return t;
}

/* --- DNS --- */

typedef struct {
  GList *addresses;
  GError *error;
  gboolean done;
} LookupResult;

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LookupResult *r = user_data;

  r->addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
cancel_child_cb (GCancellable *parent,
                 GCancellable *child)
{
  g_cancellable_cancel (child);
}

/* GResolver's sync lookup has no time limit in GLib 2.74: run the async one
 * on a context of this worker thread, next to a timer. */
static GList *
resolve_with_timeout (const char    *host,
                      guint          timeout,
                      GCancellable  *cancellable,
                      gboolean      *timed_out,
                      GError       **error)
{
  g_autoptr(GMainContext) ctx = g_main_context_new ();
  g_autoptr(GCancellable) child = g_cancellable_new ();
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  LookupResult r = { 0 };
  GSource *timer;
  gulong id = 0;

  *timed_out = FALSE;
  g_main_context_push_thread_default (ctx);
  if (cancellable != NULL)
    id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_child_cb),
                                g_object_ref (child), g_object_unref);
  g_resolver_lookup_by_name_async (resolver, host, child, lookup_cb, &r);
  timer = g_timeout_source_new_seconds (timeout);
  g_source_set_callback (timer, flag_cb, timed_out, NULL);
  g_source_attach (timer, ctx);

  while (!r.done)
    {
      if (*timed_out && !g_cancellable_is_cancelled (child))
        g_cancellable_cancel (child);
      g_main_context_iteration (ctx, TRUE);
    }

  g_source_destroy (timer);
  g_source_unref (timer);
  if (id != 0)
    g_cancellable_disconnect (cancellable, id);
  g_main_context_pop_thread_default (ctx);

  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.addresses;
}

static GList *
step_dns (RunState     *st,
          GCancellable *cancellable)
{
  const char *host = mj_account_get_host (st->account);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  GList *addresses;
  GString *detail;

  post_running (st, MJ_DIAGNOSTIC_STEP_DNS);
  g_string_append_printf (st->transcript, "* Looking up %s\n", host);

  addresses = resolve_with_timeout (host, st->timeout, cancellable, &timed_out, &error);
  if (addresses == NULL)
    {
      g_autofree char *msg = NULL;
      const char *id;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&st->error);
          st->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, M_("Cancelled"));
          return NULL;
        }
      if (timed_out)
        {
          id = "dns-timeout";
          msg = g_strdup_printf ("%s: no answer within %u s", host, st->timeout);
        }
      else
        {
          id = g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND)
               ? "dns-not-found" : "dns-failed";
          msg = g_strdup_printf ("%s: %s", host, error ? error->message : "no address");
        }
      fail (st, MJ_DIAGNOSTIC_STEP_DNS, elapsed_ms (start), msg, NULL, text (id),
            g_error_new (MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                         M_("The server name %s could not be looked up"), host));
      return NULL;
    }

  detail = g_string_new (host);
  if (g_hostname_is_ip_address (host))
    /* Translators: after a server address such as 192.0.2.1. */
    g_string_append_printf (detail, " (%s)", M_("an IP address, nothing to look up"));
  else
    {
      g_string_append (detail, " →");
      for (GList *l = addresses; l != NULL; l = l->next)
        {
          g_autofree char *a = g_inet_address_to_string (l->data);

          g_string_append_printf (detail, "%s %s", l == addresses ? "" : ",", a);
        }
    }
  g_string_append_printf (st->transcript, "* %s\n", detail->str);
  post (st, MJ_DIAGNOSTIC_STEP_DNS, MJ_DIAGNOSTIC_STATUS_OK, elapsed_ms (start), detail->str,
        NULL, NULL);
  g_string_free (detail, TRUE);
  return addresses;
}

/* --- TCP --- */

static gboolean
step_tcp (RunState     *st,
          GList        *addresses,
          GCancellable *cancellable)
{
  guint port = mj_account_get_port (st->account);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *detail = NULL;
  const char *id;

  post_running (st, MJ_DIAGNOSTIC_STEP_TCP);
  g_socket_client_set_timeout (client, st->timeout);
  g_socket_client_set_enable_proxy (client, FALSE);

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (l->data, port);
      g_autoptr(GSocketConnection) connection = NULL;
      g_autofree char *text_addr = g_inet_address_to_string (l->data);

      g_clear_error (&error);
      g_string_append_printf (st->transcript, "* Connecting to %s port %u\n", text_addr, port);
      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address),
                                            cancellable, &error);
      if (connection != NULL)
        {
          g_string_append_printf (st->transcript, "* Connected to %s port %u\n", text_addr, port);
          /* Translators: %s is an IP address, %u a port number. */
          detail = g_strdup_printf (M_("Connected to %s port %u"), text_addr, port);
          g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
          post (st, MJ_DIAGNOSTIC_STEP_TCP, MJ_DIAGNOSTIC_STATUS_OK, elapsed_ms (start),
                detail, NULL, NULL);
          return TRUE;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&st->error);
          st->error = g_steal_pointer (&error);
          return FALSE;
        }
      detail = (g_free (detail), g_strdup_printf ("%s port %u: %s", text_addr, port, error->message));
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    id = "tcp-refused";
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    id = "tcp-timeout";
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    id = "tcp-unreachable";
  else
    id = "connect-failed";

  if (is_microsoft_host (st->account))
    st->hint = text ("microsoft-status");
  fail (st, MJ_DIAGNOSTIC_STEP_TCP, elapsed_ms (start), detail, NULL, text (id),
        g_error_new (MJ_SMTP_ERROR, MJ_SMTP_ERROR_CONNECT,
                     M_("Could not connect to %s port %u"), mj_account_get_host (st->account),
                     port));
  return FALSE;
}

/* --- the SMTP dialogue, through the SMTP client's probe --- */

static MjDiagnosticStepId
diag_step_for (MjSmtpStep step)
{
  switch (step)
    {
    case MJ_SMTP_STEP_CONNECT:
    case MJ_SMTP_STEP_GREETING:
      return MJ_DIAGNOSTIC_STEP_GREETING;
    case MJ_SMTP_STEP_EHLO:
      return MJ_DIAGNOSTIC_STEP_EHLO;
    case MJ_SMTP_STEP_STARTTLS:
      return MJ_DIAGNOSTIC_STEP_STARTTLS;
    case MJ_SMTP_STEP_TLS:
      return MJ_DIAGNOSTIC_STEP_TLS;
    case MJ_SMTP_STEP_AUTH:
      return MJ_DIAGNOSTIC_STEP_AUTH;
    case MJ_SMTP_STEP_MAIL:
    case MJ_SMTP_STEP_RCPT:
    case MJ_SMTP_STEP_DATA:
      return MJ_DIAGNOSTIC_STEP_SENDER;
    case MJ_SMTP_STEP_DONE:
    default:
      return NO_STEP;
    }
}

/* The probe's entries for one of our steps (MAIL and RCPT both belong to
 * "sender"; CONNECT to "greeting", since our own TCP step passed). */
static void
probe_steps_for (const MjSmtpProbeResult  *probe,
                 MjDiagnosticStepId        id,
                 const MjSmtpProbeStep   **first,
                 const MjSmtpProbeStep   **last,
                 gint64                   *duration_us)
{
  *first = *last = NULL;
  *duration_us = 0;
  for (guint i = 0; probe->steps != NULL && i < probe->steps->len; i++)
    {
      const MjSmtpProbeStep *ps = probe->steps->pdata[i];

      if (diag_step_for (ps->step) != id)
        continue;
      if (*first == NULL)
        *first = ps;
      *last = ps;
      *duration_us += ps->duration_us;
    }
}

static char *
reply_line (const MjSmtpReply *reply)
{
  return reply != NULL ? mj_smtp_reply_to_string (reply) : NULL;
}

static MjTlsInfo *
inspect_tls (RunState                *st,
             const MjSmtpProbeResult *probe,
             GCancellable            *cancellable)
{
  const char *host = mj_account_get_host (st->account);
  const char *ca_file = mj_account_get_ca_file (st->account);
  g_autoptr(GError) error = NULL;
  MjTlsInfo *info = NULL;

  if (probe->peer_certificates != NULL && probe->peer_certificates->len > 0)
    {
      info = mj_tls_inspect_der_chain (probe->peer_certificates, host, ca_file, &error);
      if (info != NULL)
        {
          g_free (info->protocol);
          info->protocol = g_strdup (probe->tls_version);
          info->protocol_version = mj_tls_protocol_version_from_string (probe->tls_version);
          g_free (info->cipher);
          info->cipher = g_strdup (probe->tls_cipher);
        }
    }

  /* The SMTP client did not hand the chain over: look for ourselves. */
  if (info == NULL)
    {
      g_clear_error (&error);
      info = mj_tls_inspect_sync (host, mj_account_get_port (st->account),
                                  mj_account_get_security (st->account) == MJ_SECURITY_STARTTLS,
                                  ca_file, st->timeout, cancellable, &error);
    }
  if (info == NULL)
    g_debug ("TLS inspection failed: %s", error ? error->message : "?");
  return info;
}

static const MjDiagnosticText *
tls_failure_text (const MjTlsInfo *info,
                  long             verify_result)
{
  if (info != NULL)
    {
      if (mj_tls_info_is_expired (info, NULL))
        return text ("tls-expired");
      if (!info->verified)
        return text ("tls-untrusted");
      if (!info->host_matches)
        return text ("tls-host-mismatch");
    }
  else if (verify_result > 0)
    return text ("tls-untrusted");
  return text ("tls-failed");
}

static gboolean
is_timeout (const MjSmtpProbeResult *probe)
{
  /* CURLE_OPERATION_TIMEDOUT */
  return probe->curl_code == 28 ||
         g_error_matches (probe->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         (probe->error != NULL && strstr (probe->error->message, "timed out") != NULL);
}

/* Returns TRUE when every probed step passed. */
static gboolean
step_probe (RunState      *st,
            MjSmtpClient  *client,
            gboolean       have_credentials,
            GError        *credentials_error,
            GCancellable  *cancellable)
{
  gboolean implicit_tls = mj_account_get_security (st->account) == MJ_SECURITY_TLS;
  g_autoptr(MjSmtpProbeResult) probe = NULL;
  g_autoptr(GError) error = NULL;
  MjSmtpProbeFlags flags = have_credentials ? (MJ_SMTP_PROBE_AUTH | MJ_SMTP_PROBE_MAIL_FROM)
                                            : MJ_SMTP_PROBE_NONE;
  MjDiagnosticStepId failed;
  static const MjDiagnosticStepId order[] = {
    MJ_DIAGNOSTIC_STEP_GREETING, MJ_DIAGNOSTIC_STEP_EHLO, MJ_DIAGNOSTIC_STEP_STARTTLS,
    MJ_DIAGNOSTIC_STEP_TLS, MJ_DIAGNOSTIC_STEP_AUTH, MJ_DIAGNOSTIC_STEP_SENDER,
  };

  post_running (st, MJ_DIAGNOSTIC_STEP_GREETING);
  probe = mj_smtp_client_probe_sync (client, flags, cancellable, &error);
  if (probe->transcript != NULL)
    g_string_append (st->transcript, probe->transcript);
  if (st->transcript->len > 0 && st->transcript->str[st->transcript->len - 1] != '\n')
    g_string_append_c (st->transcript, '\n');

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&st->error);
      st->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, M_("Cancelled"));
      return FALSE;
    }

  failed = error != NULL ? diag_step_for (probe->failed_step) : NO_STEP;
  if (error != NULL && failed == NO_STEP)
    failed = MJ_DIAGNOSTIC_STEP_GREETING;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      MjDiagnosticStepId id = order[i];
      const MjSmtpProbeStep *first, *last;
      gint64 duration_us;
      g_autofree char *detail = NULL;

      if (failed != NO_STEP && id > failed)
        break;

      probe_steps_for (probe, id, &first, &last, &duration_us);

      if (id == MJ_DIAGNOSTIC_STEP_STARTTLS && implicit_tls)
        {
          post (st, id, MJ_DIAGNOSTIC_STATUS_SKIPPED, 0,
                "Implicit TLS: the connection is encrypted from the start", NULL, NULL);
          continue;
        }
      /* With implicit TLS the handshake comes before the greeting. */
      if (implicit_tls && failed == MJ_DIAGNOSTIC_STEP_TLS && id < MJ_DIAGNOSTIC_STEP_TLS)
        continue;

      if (id == MJ_DIAGNOSTIC_STEP_AUTH && !have_credentials && failed == NO_STEP)
        {
          fail (st, id, 0, credentials_error ? credentials_error->message : NULL, NULL,
                text ("auth-no-credentials"),
                credentials_error ? g_error_copy (credentials_error)
                                  : g_error_new_literal (MJ_SMTP_ERROR, MJ_SMTP_ERROR_AUTH,
                                                         M_("No credentials")));
          return FALSE;
        }

      if (id != failed)
        {
          /* Passed. */
          if (id == MJ_DIAGNOSTIC_STEP_EHLO && probe->capabilities != NULL)
            detail = g_strjoinv ("; ", probe->capabilities);
          else if (id == MJ_DIAGNOSTIC_STEP_TLS)
            {
              MjDiagnosticStatus status = MJ_DIAGNOSTIC_STATUS_OK;
              const MjDiagnosticText *t = NULL;

              post_running (st, id);
              st->tls_info = inspect_tls (st, probe, cancellable);
              if (st->tls_info != NULL)
                {
                  detail = mj_tls_info_to_string (st->tls_info);
                  if (mj_tls_info_is_weak_protocol (st->tls_info))
                    {
                      status = MJ_DIAGNOSTIC_STATUS_WARN;
                      t = text ("tls-old-protocol");
                    }
                }
              else
                detail = g_strdup_printf ("%s, %s", probe->tls_version ? probe->tls_version : "TLS",
                                          probe->tls_cipher ? probe->tls_cipher : "?");
              post (st, id, status, duration_us / 1000, detail, NULL, t);
              continue;
            }
          else if (id == MJ_DIAGNOSTIC_STEP_SENDER && first != NULL)
            {
              /* The reply to MAIL FROM, not to the RCPT that follows. */
              g_autofree char *line = reply_line (first->reply);

              detail = g_strdup_printf ("MAIL FROM:<%s>: %s", mj_account_get_email (st->account),
                                        line ? line : "accepted");
            }
          else if (last != NULL)
            detail = last->reply ? reply_line (last->reply) : g_strdup (last->detail);
          post (st, id, MJ_DIAGNOSTIC_STATUS_OK, duration_us / 1000, detail, NULL, NULL);
          continue;
        }

      /* The step that failed. */
      {
        const MjSmtpReply *reply = last != NULL ? last->reply : NULL;
        g_autoptr(MjExplanation) explanation = NULL;
        const MjDiagnosticText *t = NULL;

        if (reply != NULL && reply->code >= 400)
          {
            explanation = mj_explainer_explain_reply_full (reply, &(MjExplainContext) { mj_account_get_provider_id (st->account), mj_account_get_host (st->account) });
            detail = reply_line (reply);
            if (reply->code < 500 && is_microsoft_host (st->account))
              st->hint = text ("microsoft-status");
          }
        else
          {
            switch (id)
              {
              case MJ_DIAGNOSTIC_STEP_GREETING:
                t = text (is_timeout (probe) ? "greeting-timeout" : "server-closed");
                if (is_microsoft_host (st->account))
                  st->hint = text ("microsoft-status");
                break;
              case MJ_DIAGNOSTIC_STEP_EHLO:
                t = text ("server-closed");
                break;
              case MJ_DIAGNOSTIC_STEP_STARTTLS:
                t = text ("starttls-missing");
                break;
              case MJ_DIAGNOSTIC_STEP_TLS:
                st->tls_info = inspect_tls (st, probe, cancellable);
                t = tls_failure_text (st->tls_info, probe->verify_result);
                if (st->tls_info != NULL)
                  detail = mj_tls_info_to_string (st->tls_info);
                break;
              default:
                if (probe->curl_code != 0)
                  explanation = mj_explainer_explain_curl (probe->curl_code);
                else
                  t = text ("connect-failed");
                break;
              }
          }

        if (detail == NULL && last != NULL && last->detail != NULL)
          detail = g_strdup (last->detail);
        if (detail == NULL)
          detail = g_strdup (error->message);
        fail (st, id, duration_us / 1000, detail, explanation, explanation ? NULL : t,
              g_steal_pointer (&error));
        return FALSE;
      }
    }

  return failed == NO_STEP;
}

/* --- the optional test message --- */

static void
step_test_message (RunState      *st,
                   MjSmtpClient  *client,
                   GCancellable  *cancellable)
{
  g_autoptr(MjMessage) message = mj_message_new ();
  g_autoptr(MjSmtpResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *email = mj_account_get_email (st->account);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *detail = NULL;

  post_running (st, MJ_DIAGNOSTIC_STEP_TEST_MESSAGE);

  if (!mj_message_set_from (message, mj_account_get_display_name (st->account), email, &error) ||
      !mj_message_add_to (message, email, &error) ||
      /* Translators: subject of the test message the connection test sends to the user. */
      !mj_message_set_subject (message, M_("Mensajero connection test"), &error) ||
      !mj_message_set_body (message,
                            M_("This message was sent by Mensajero's connection test. "
                               "If you can read it, sending from this account works.\n"),
                            &error))
    {
      fail (st, MJ_DIAGNOSTIC_STEP_TEST_MESSAGE, elapsed_ms (start), error->message, NULL,
            text ("test-message-failed"), g_steal_pointer (&error));
      return;
    }

  result = mj_smtp_client_send_sync (client, message, cancellable, &error);
  if (result != NULL && result->transcript != NULL)
    {
      g_string_append (st->transcript, result->transcript);
      if (st->transcript->str[st->transcript->len - 1] != '\n')
        g_string_append_c (st->transcript, '\n');
    }
  mj_smtp_client_disconnect (client);

  if (error != NULL)
    {
      g_autoptr(MjExplanation) explanation = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&st->error);
          st->error = g_steal_pointer (&error);
          return;
        }
      if (result != NULL && result->reply != NULL && result->reply->code >= 400)
        {
          explanation = mj_explainer_explain_reply_full (result->reply, &(MjExplainContext) { mj_account_get_provider_id (st->account), mj_account_get_host (st->account) });
          detail = reply_line (result->reply);
          if (result->reply->code < 500 && is_microsoft_host (st->account))
            st->hint = text ("microsoft-status");
        }
      else if (result != NULL && result->curl_code != 0)
        explanation = mj_explainer_explain_curl (result->curl_code);
      fail (st, MJ_DIAGNOSTIC_STEP_TEST_MESSAGE, elapsed_ms (start),
            detail ? detail : error->message, explanation,
            explanation ? NULL : text ("test-message-failed"), g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *line = result->reply ? reply_line (result->reply) : NULL;

    /* Translators: %s is the account's own address, then the server's reply. */
    detail = g_strdup_printf (M_("To <%s>: %s"), email, line ? line : M_("accepted"));
  }
  post (st, MJ_DIAGNOSTIC_STEP_TEST_MESSAGE, MJ_DIAGNOSTIC_STATUS_OK, elapsed_ms (start),
        detail, NULL, NULL);
}

static void
run_steps (RunState     *st,
           GCancellable *cancellable)
{
  g_autolist(GInetAddress) addresses = NULL;
  g_autoptr(MjSmtpClient) client = NULL;
  g_autoptr(MjCredentials) credentials = NULL;
  g_autoptr(GError) credentials_error = NULL;

  addresses = step_dns (st, cancellable);
  if (addresses == NULL || !step_tcp (st, addresses, cancellable))
    return;

  client = mj_smtp_client_new (st->account);
  mj_smtp_client_set_timeouts (client, st->timeout, st->timeout);

  if (st->credentials != NULL)
    credentials = mj_credentials_copy (st->credentials);
  else
    credentials = mj_credentials_load_sync (st->account, FALSE, cancellable, &credentials_error);
  if (credentials != NULL)
    {
      st->password = g_strdup (credentials->password);
      st->token = g_strdup (credentials->bearer_token);
      mj_smtp_client_set_credentials (client, credentials);
    }
  else if (g_error_matches (credentials_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      st->error = g_steal_pointer (&credentials_error);
      return;
    }

  if (!step_probe (st, client, credentials != NULL, credentials_error, cancellable))
    return;

  if (st->send_test)
    step_test_message (st, client, cancellable);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  run_steps (task_data, cancellable);
  /* The outcome lives in the state; inner_done_cb() reads it. */
  g_task_return_boolean (task, TRUE);
}

/* --- the object --- */

static void
finish_run (MjDiagnostics *self,
            RunState      *st)
{
  g_autofree char *redacted = NULL;
  const char *secrets[3] = { NULL, NULL, NULL };
  guint n = 0;
  gboolean reached_failure = FALSE;

  /* Everything after the failure (or never reached) is skipped. */
  for (guint i = 0; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    {
      MjDiagnosticStep *step = mj_diagnostics_get_step (self, i);
      MjDiagnosticStatus status = mj_diagnostic_step_get_status (step);

      if (status == MJ_DIAGNOSTIC_STATUS_FAIL)
        reached_failure = TRUE;
      if (status == MJ_DIAGNOSTIC_STATUS_PENDING || status == MJ_DIAGNOSTIC_STATUS_RUNNING)
        {
          mj_diagnostic_step_set_status (step, MJ_DIAGNOSTIC_STATUS_SKIPPED);
          if (i == MJ_DIAGNOSTIC_STEP_TEST_MESSAGE && !st->send_test && !reached_failure &&
              st->error == NULL)
            mj_diagnostic_step_set_detail (step, M_("Not requested"));
        }
    }

  if (st->failed != NO_STEP)
    self->failed_step = mj_diagnostics_get_step (self, st->failed);
  self->hint = st->hint;
  g_clear_pointer (&self->tls_info, mj_tls_info_free);
  self->tls_info = g_steal_pointer (&st->tls_info);

  if (st->password != NULL)
    secrets[n++] = st->password;
  if (st->token != NULL)
    secrets[n++] = st->token;
  redacted = mj_transcript_redact (st->transcript->str, secrets);
  g_free (self->transcript);
  self->transcript = g_steal_pointer (&redacted);

  self->ok = (st->error == NULL);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSCRIPT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
inner_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MjDiagnostics *self = MJ_DIAGNOSTICS (source);
  g_autoptr(GTask) outer = user_data;
  RunState *st = g_task_get_task_data (G_TASK (result));

  /* Runs after every queued step update (same context, same priority,
   * queued later), so the model is complete here. */
  finish_run (self, st);
  if (st->error != NULL)
    g_task_return_error (outer, g_error_copy (st->error));
  else
    g_task_return_boolean (outer, TRUE);
}

void
mj_diagnostics_run_async (MjDiagnostics       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  RunState *st;

  g_return_if_fail (MJ_IS_DIAGNOSTICS (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mj_diagnostics_run_async);

  if (self->running)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The connection test is already running");
      return;
    }

  for (guint i = 0; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    mj_diagnostic_step_reset (mj_diagnostics_get_step (self, i));
  self->failed_step = NULL;
  self->hint = NULL;
  self->ok = FALSE;
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  st = g_new0 (RunState, 1);
  st->self = self;
  st->context = g_main_context_ref_thread_default ();
  st->account = g_object_ref (self->account);
  st->credentials = self->credentials ? mj_credentials_copy (self->credentials) : NULL;
  st->send_test = self->send_test;
  st->timeout = self->timeout ? self->timeout : 30;
  st->transcript = g_string_new (NULL);
  st->failed = NO_STEP;

  /* The inner task runs the blocking work in a thread; its callback
   * settles the model, then completes the caller's task. */
  inner = g_task_new (self, cancellable, inner_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, st, (GDestroyNotify) run_state_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, run_worker);
}

gboolean
mj_diagnostics_run_finish (MjDiagnostics  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} SyncData;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncData *d = user_data;

  d->ok = mj_diagnostics_run_finish (MJ_DIAGNOSTICS (source), result, &d->error);
  g_main_loop_quit (d->loop);
}

gboolean
mj_diagnostics_run_sync (MjDiagnostics  *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GMainContext) ctx = g_main_context_new ();
  SyncData d = { 0 };

  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), FALSE);

  g_main_context_push_thread_default (ctx);
  d.loop = g_main_loop_new (ctx, FALSE);
  mj_diagnostics_run_async (self, cancellable, sync_done_cb, &d);
  g_main_loop_run (d.loop);
  g_main_loop_unref (d.loop);
  g_main_context_pop_thread_default (ctx);

  if (d.error != NULL)
    g_propagate_error (error, d.error);
  return d.ok;
}

/* --- report --- */

/* "Spanish / English" for a label, once when both are the same. */
static void
append_both (GString    *s,
             const char *msgid)
{
  const char *es = mj_i18n_translate (MJ_LANG_ES, msgid);

  if (g_str_equal (es, msgid))
    g_string_append (s, msgid);
  else
    g_string_append_printf (s, "%s / %s", es, msgid);
}

static const char *
status_label (MjDiagnosticStatus status)
{
  switch (status)
    {
    case MJ_DIAGNOSTIC_STATUS_OK: return "OK";
    case MJ_DIAGNOSTIC_STATUS_WARN: return "AVISO/WARN";
    case MJ_DIAGNOSTIC_STATUS_FAIL: return "FALLO/FAIL";
    case MJ_DIAGNOSTIC_STATUS_SKIPPED: return "OMITIDO/SKIPPED";
    case MJ_DIAGNOSTIC_STATUS_RUNNING: return "…";
    case MJ_DIAGNOSTIC_STATUS_PENDING:
    default:
      return "-";
    }
}

static void
append_texts (GString    *s,
              const char *indent,
              const char *title_es,
              const char *expl_es,
              const char *action_es,
              const char *title_en,
              const char *expl_en,
              const char *action_en)
{
  g_string_append_printf (s, "%sES: %s. %s %s %s\n", indent, title_es, expl_es,
                          mj_i18n_translate (MJ_LANG_ES, N_("What to do:")), action_es);
  g_string_append_printf (s, "%sEN: %s. %s %s %s\n", indent, title_en, expl_en,
                          "What to do:", action_en);
}

static void
append_text_entry (GString                *s,
                   const char             *indent,
                   const MjDiagnosticText *t)
{
  append_texts (s, indent,
                mj_i18n_translate (MJ_LANG_ES, t->title),
                mj_i18n_translate (MJ_LANG_ES, t->explanation),
                mj_i18n_translate (MJ_LANG_ES, t->action),
                t->title, t->explanation, t->action);
}

char *
mj_diagnostics_build_report (MjDiagnostics *self,
                             GPtrArray     *domain_findings)
{
  GString *s;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M UTC");
  MjAccount *a;

  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);

  a = self->account;
  s = g_string_new (NULL);
  append_both (s, N_("Mensajero connection test report"));
  g_string_append_printf (s, "\n%s\n\n", date);

  append_both (s, N_("Account"));
  g_string_append_printf (s, ": %s <%s>\n", mj_account_get_name (a), mj_account_get_email (a));
  append_both (s, N_("Server"));
  g_string_append_printf (s, ": %s:%u (%s), %s, %s\n", mj_account_get_host (a),
                          mj_account_get_port (a),
                          mj_security_to_string (mj_account_get_security (a)),
                          mj_auth_method_to_string (mj_account_get_auth (a)),
                          mj_account_get_provider_id (a) ? mj_account_get_provider_id (a) : "");
  append_both (s, N_("Result"));
  g_string_append (s, ": ");
  if (self->running)
    append_both (s, N_("still running"));
  else if (self->ok)
    append_both (s, N_("all steps passed"));
  else if (self->failed_step != NULL)
    {
      MjDiagnosticStepId id = mj_diagnostic_step_get_id (self->failed_step);
      const char *name = mj_diagnostic_step_id_get_name (id);

      append_both (s, N_("failed at"));
      g_string_append_printf (s, " “%s / %s”", mj_i18n_translate (MJ_LANG_ES, name), name);
    }
  else
    append_both (s, N_("not finished"));
  g_string_append (s, "\n\n");

  for (guint i = 0; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    {
      MjDiagnosticStep *step = mj_diagnostics_get_step (self, i);
      const char *name = mj_diagnostic_step_id_get_name (i);
      const char *detail = mj_diagnostic_step_get_detail (step);

      g_string_append_printf (s, "%u. [%s] %s / %s (%u ms)\n", i + 1,
                              status_label (mj_diagnostic_step_get_status (step)),
                              mj_i18n_translate (MJ_LANG_ES, name), name,
                              mj_diagnostic_step_get_duration_ms (step));
      if (detail != NULL && detail[0] != '\0')
        g_string_append_printf (s, "   %s\n", detail);
      if (mj_diagnostic_step_has_explanation (step))
        append_texts (s, "   ",
                      mj_diagnostic_step_get_title_for (step, MJ_LANG_ES),
                      mj_diagnostic_step_get_explanation_for (step, MJ_LANG_ES),
                      mj_diagnostic_step_get_action_for (step, MJ_LANG_ES),
                      mj_diagnostic_step_get_title_for (step, MJ_LANG_EN),
                      mj_diagnostic_step_get_explanation_for (step, MJ_LANG_EN),
                      mj_diagnostic_step_get_action_for (step, MJ_LANG_EN));
    }

  if (self->hint != NULL)
    {
      g_string_append (s, "\n");
      append_both (s, N_("Note"));
      g_string_append (s, ":\n");
      append_text_entry (s, "   ", self->hint);
    }

  if (domain_findings != NULL && domain_findings->len > 0)
    {
      g_string_append (s, "\n");
      append_both (s, N_("Domain checks"));
      g_string_append (s, ":\n");
      for (guint i = 0; i < domain_findings->len; i++)
        {
          const MjDomainFinding *f = domain_findings->pdata[i];
          g_autofree char *kind = g_ascii_strup (mj_domain_check_kind_to_string (f->kind), -1);

          g_string_append_printf (s, "- [%s] %s %s (%s)\n", status_label (f->status), kind,
                                  f->domain, f->query);
          if (f->record != NULL)
            g_string_append_printf (s, "   %s\n", f->record);
          if (f->text != NULL)
            append_text_entry (s, "   ", f->text);
        }
    }

  g_string_append (s, "\n");
  append_both (s, N_("Transcript (passwords and tokens removed)"));
  g_string_append (s, ":\n");
  g_string_append (s, self->transcript ? self->transcript : "");
  return g_string_free (s, FALSE);
}

/* --- GObject --- */

MjDiagnostics *
mj_diagnostics_new (MjAccount *account)
{
  g_return_val_if_fail (MJ_IS_ACCOUNT (account), NULL);
  return g_object_new (MJ_TYPE_DIAGNOSTICS, "account", account, NULL);
}

MjAccount *
mj_diagnostics_get_account (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  return self->account;
}

void
mj_diagnostics_set_send_test (MjDiagnostics *self,
                              gboolean       send_test)
{
  g_return_if_fail (MJ_IS_DIAGNOSTICS (self));
  self->send_test = !!send_test;
}

gboolean
mj_diagnostics_get_send_test (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), FALSE);
  return self->send_test;
}

void
mj_diagnostics_set_timeout (MjDiagnostics *self,
                            guint          seconds)
{
  g_return_if_fail (MJ_IS_DIAGNOSTICS (self));
  self->timeout = seconds;
}

void
mj_diagnostics_set_credentials (MjDiagnostics       *self,
                                const MjCredentials *credentials)
{
  g_return_if_fail (MJ_IS_DIAGNOSTICS (self));

  g_clear_pointer (&self->credentials, mj_credentials_free);
  if (credentials != NULL)
    self->credentials = mj_credentials_copy (credentials);
}

GListModel *
mj_diagnostics_get_steps (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  return G_LIST_MODEL (self->steps);
}

MjDiagnosticStep *
mj_diagnostics_get_step (MjDiagnostics      *self,
                         MjDiagnosticStepId  id)
{
  g_autoptr(MjDiagnosticStep) step = NULL;

  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  g_return_val_if_fail (id < MJ_DIAGNOSTIC_N_STEPS, NULL);

  /* The store holds its own reference for the object's lifetime. */
  step = g_list_model_get_item (G_LIST_MODEL (self->steps), id);
  return step;
}

gboolean
mj_diagnostics_get_running (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), FALSE);
  return self->running;
}

gboolean
mj_diagnostics_get_ok (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), FALSE);
  return self->ok;
}

MjDiagnosticStep *
mj_diagnostics_get_failed_step (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  return self->failed_step;
}

const MjDiagnosticText *
mj_diagnostics_get_hint (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  return self->hint;
}

const MjTlsInfo *
mj_diagnostics_get_tls_info (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  return self->tls_info;
}

const char *
mj_diagnostics_get_transcript (MjDiagnostics *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS (self), NULL);
  return self->transcript ? self->transcript : "";
}

static void
mj_diagnostics_finalize (GObject *object)
{
  MjDiagnostics *self = MJ_DIAGNOSTICS (object);

  g_clear_object (&self->account);
  g_clear_pointer (&self->credentials, mj_credentials_free);
  g_clear_object (&self->steps);
  g_clear_pointer (&self->tls_info, mj_tls_info_free);
  g_clear_pointer (&self->transcript, g_free);

  G_OBJECT_CLASS (mj_diagnostics_parent_class)->finalize (object);
}

static void
mj_diagnostics_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MjDiagnostics *self = MJ_DIAGNOSTICS (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_OK:
      g_value_set_boolean (value, self->ok);
      break;
    case PROP_TRANSCRIPT:
      g_value_set_string (value, mj_diagnostics_get_transcript (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_diagnostics_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MjDiagnostics *self = MJ_DIAGNOSTICS (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_diagnostics_class_init (MjDiagnosticsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mj_diagnostics_finalize;
  object_class->get_property = mj_diagnostics_get_property;
  object_class->set_property = mj_diagnostics_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, MJ_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OK] =
    g_param_spec_boolean ("ok", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSCRIPT] =
    g_param_spec_string ("transcript", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_diagnostics_init (MjDiagnostics *self)
{
  self->steps = g_list_store_new (MJ_TYPE_DIAGNOSTIC_STEP);
  for (guint i = 0; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    {
      g_autoptr(MjDiagnosticStep) step = mj_diagnostic_step_new (i);

      g_list_store_append (self->steps, step);
    }
}
