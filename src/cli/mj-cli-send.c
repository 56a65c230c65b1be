#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mj-account-store.h"
#include "mj-cli.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-message.h"
#include "mj-sender.h"

typedef struct {
  GMainLoop *loop;
  MjSmtpResult *result;
} SendRun;

static void
send_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  SendRun *run = user_data;

  run->result = mj_sender_send_finish (MJ_SENDER (source), res, NULL);
  g_main_loop_quit (run->loop);
}

static gboolean
cancel_on_signal (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
add_all (MjMessage        *message,
         MjRecipientType   type,
         char            **lists,
         GError          **error)
{
  for (guint i = 0; lists != NULL && lists[i] != NULL; i++)
    if (!mj_message_add_recipients (message, type, lists[i], error))
      return FALSE;
  return TRUE;
}

/* The short, translated line for a failure; the error's own message (with
 * the server's reply) follows it. */
static const char *
failure_headline (const GError *error)
{
  if (error->domain == MJ_SMTP_ERROR)
    {
      switch ((MjSmtpError) error->code)
        {
        case MJ_SMTP_ERROR_AUTH:
          return M_("Not sent: the server refused the login.");
        case MJ_SMTP_ERROR_PERMANENT:
          return M_("Not sent: the server refused the message or a recipient.");
        case MJ_SMTP_ERROR_TEMPORARY:
          return M_("Not sent yet: a temporary failure; try again later.");
        case MJ_SMTP_ERROR_CONNECT:
          return M_("Not sent: could not connect to the mail server.");
        case MJ_SMTP_ERROR_TLS:
          return M_("Not sent: no secure connection to the mail server (certificate not trusted or encryption refused).");
        case MJ_SMTP_ERROR_PROTOCOL:
        default:
          return M_("Not sent: the mail server answered something unexpected.");
        }
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return M_("Not sent: cancelled.");
  return M_("Not sent.");
}

static void
print_json_result (const MjSmtpResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, result->error == NULL);
  json_builder_set_member_name (b, "step");
  json_builder_add_string_value (b, mj_smtp_step_to_string (result->step));
  json_builder_set_member_name (b, "reply_code");
  if (result->reply != NULL && result->reply->code != 0)
    json_builder_add_int_value (b, result->reply->code);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "enhanced_status");
  if (result->reply != NULL && result->reply->enhanced != NULL)
    json_builder_add_string_value (b, result->reply->enhanced);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "reply");
  if (result->reply != NULL)
    {
      g_autofree char *line = mj_smtp_reply_to_string (result->reply);

      json_builder_add_string_value (b, line);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "message_id");
  if (result->message_id != NULL)
    json_builder_add_string_value (b, result->message_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "error");
  if (result->error != NULL)
    json_builder_add_string_value (b, result->error->message);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "exit_status");
  json_builder_add_int_value (b, mj_error_exit_code (result->error));
  json_builder_set_member_name (b, "tls_version");
  if (result->tls_version != NULL)
    json_builder_add_string_value (b, result->tls_version);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mj_cli_print_json (root);
}

/* mensajero-cli send --account NAME --to ADDR[,ADDR…] [--cc …] [--bcc …]
 *                    [--subject S] [--body TEXT | --body-file F] FILE.pdf… */
int
mj_cli_send (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(MjMessage) message = NULL;
  g_autoptr(MjSender) sender = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MjSmtpResult) result = NULL;
  g_autofree char *account_name = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *message_id = NULL;
  g_auto(GStrv) to = NULL;
  g_auto(GStrv) cc = NULL;
  g_auto(GStrv) bcc = NULL;
  gboolean json = FALSE;
  gboolean transcript = FALSE;
  MjAccount *account;
  SendRun run = { 0 };
  guint sigint_id, sigterm_id;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name, M_("Send from this account (default: the default account)"), M_("NAME") },
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to, M_("Recipient (comma-separated list allowed; repeatable)"), M_("ADDRESS") },
    { "cc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cc, M_("Copy to (repeatable)"), M_("ADDRESS") },
    { "bcc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bcc, M_("Blind copy to: not shown to the others (repeatable)"), M_("ADDRESS") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, M_("Subject"), M_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, M_("Message text"), M_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, M_("Read the message text from a UTF-8 file"), M_("FILE") },
    { "message-id", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &message_id, NULL, NULL },
    { "transcript", 0, 0, G_OPTION_ARG_NONE, &transcript, M_("Print the SMTP conversation (passwords hidden) to standard error"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("FILE.pdf… — send invoices now"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (to == NULL && cc == NULL && bcc == NULL)
    return mj_cli_usage_error (M_("give at least one recipient with --to"));
  if (body != NULL && body_file != NULL)
    return mj_cli_usage_error (M_("give either --body or --body-file, not both"));

  store = mj_account_store_new (&error);
  if (store == NULL)
    {
      mj_cli_print_error (error);
      return MJ_EXIT_USAGE;
    }
  account = account_name != NULL ? mj_account_store_lookup (store, account_name)
                                 : mj_account_store_get_default (store);
  if (account == NULL)
    {
      if (account_name != NULL)
        return mj_cli_usage_error (M_("there is no account called “%s”"), account_name);
      return mj_cli_usage_error (M_("there is no account yet: add one with “mensajero-cli account add”"));
    }

  if (body_file != NULL)
    {
      gsize length;

      if (!g_file_get_contents (body_file, &body, &length, &error))
        {
          mj_cli_print_error (error);
          return MJ_EXIT_USAGE;
        }
    }

  message = mj_message_new ();
  if (!mj_message_set_from (message, mj_account_get_display_name (account),
                            mj_account_get_email (account), &error) ||
      !add_all (message, MJ_RECIPIENT_TO, to, &error) ||
      !add_all (message, MJ_RECIPIENT_CC, cc, &error) ||
      !add_all (message, MJ_RECIPIENT_BCC, bcc, &error) ||
      (subject != NULL && !mj_message_set_subject (message, subject, &error)) ||
      !mj_message_set_body (message, body, &error) ||
      (message_id != NULL && !mj_message_set_message_id (message, message_id, &error)))
    {
      mj_cli_print_error (error);
      return MJ_EXIT_USAGE;
    }
  for (int i = 1; i < argc; i++)
    {
      if (!mj_message_add_attachment_file (message, argv[i], NULL, &error))
        {
          mj_cli_print_error (error);
          return MJ_EXIT_USAGE;
        }
    }

  /* Ctrl+C stops the transfer cleanly instead of killing it midway. */
  run.loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, cancel_on_signal, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, cancel_on_signal, cancellable);
  sender = mj_sender_new (account);
  mj_sender_send_async (sender, message, cancellable, send_done, &run);
  g_main_loop_run (run.loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_main_loop_unref (run.loop);
  result = run.result;

  if (transcript && result->transcript != NULL)
    g_printerr ("%s", result->transcript);

  if (json)
    print_json_result (result);
  else if (result->error == NULL)
    {
      g_autofree char *line = result->reply != NULL ? mj_smtp_reply_to_string (result->reply)
                                                    : g_strdup ("250");

      g_print ("%s\n", line);
    }
  else
    {
      g_printerr ("%s\n", failure_headline (result->error));
      mj_cli_print_error (result->error);
    }

  return mj_error_exit_code (result->error);
}
