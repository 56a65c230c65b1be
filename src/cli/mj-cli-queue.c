#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mj-account-store.h"
#include "mj-cli.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-store.h"

/* mensajero-cli queue add|list|run|retry|cancel|resend|mark-sent|show|pause|resume */

static MjQueue *
open_queue (GError **error)
{
  g_autoptr(MjStore) store = NULL;
  g_autoptr(MjAccountStore) accounts = NULL;

  accounts = mj_account_store_new (error);
  if (accounts == NULL)
    return NULL;
  store = mj_store_open (NULL, error);
  if (store == NULL)
    return NULL;
  return mj_queue_new (store, accounts, error);
}

static int
fail (const GError *error)
{
  mj_cli_print_error (error);
  return mj_error_exit_code (error);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value <= 0)
    return FALSE;
  *id = value;
  return TRUE;
}

static int
queue_add (int    argc,
           char **argv)
{
  g_autofree char *account = NULL, *to = NULL, *cc = NULL, *bcc = NULL;
  g_autofree char *subject = NULL, *body = NULL, *body_file = NULL;
  g_autofree char *body_text = NULL;
  gboolean force = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueue) queue = NULL;
  MjQueueDraft draft = { 0 };
  MjQueueItem *item;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, M_("Account to send from"), M_("NAME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, M_("Recipients, separated by commas"), M_("ADDR") },
    { "cc", 0, 0, G_OPTION_ARG_STRING, &cc, M_("Copy to"), M_("ADDR") },
    { "bcc", 0, 0, G_OPTION_ARG_STRING, &bcc, M_("Blind copy to"), M_("ADDR") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, M_("Subject"), M_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, M_("Text of the message"), M_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, M_("Read the text from a file"), M_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      M_("Queue it even if the same PDF was already queued for the same recipient"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("FILE.pdf… — queue invoices to send"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (account == NULL || to == NULL)
    return mj_cli_usage_error (M_("--account and --to are required"));
  if (argc < 2)
    return mj_cli_usage_error (M_("give at least one PDF file"));
  if (body != NULL && body_file != NULL)
    return mj_cli_usage_error (M_("use either --body or --body-file"));
  if (body_file != NULL && !g_file_get_contents (body_file, &body_text, NULL, &error))
    return mj_cli_usage_error ("%s", error->message);

  queue = open_queue (&error);
  if (queue == NULL)
    return fail (error);

  draft.account = account;
  draft.to = to;
  draft.cc = cc;
  draft.bcc = bcc;
  draft.subject = subject;
  draft.body = body_text != NULL ? body_text : body;
  draft.files = (const char * const *) argv + 1;
  item = mj_queue_add (queue, &draft, force ? MJ_QUEUE_ADD_FORCE : MJ_QUEUE_ADD_NONE, &error);
  if (item == NULL)
    {
      mj_cli_print_error (error);
      if (g_error_matches (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_DUPLICATE))
        g_printerr ("%s\n", M_("Add --force to queue it again."));
      return MJ_EXIT_USAGE;
    }

  /* The id is the last word, for scripts. */
  g_print ("%s %" G_GINT64_FORMAT "\n", M_("Queued as item"), mj_queue_item_get_id (item));
  return MJ_EXIT_OK;
}

static void
add_string_array (JsonBuilder *b,
                  const char  *member,
                  const char  *joined)
{
  g_auto(GStrv) parts = g_strsplit (joined != NULL ? joined : "", ", ", -1);

  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      json_builder_add_string_value (b, parts[i]);
  json_builder_end_array (b);
}

static void
add_nullable_string (JsonBuilder *b,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       unix_time)
{
  json_builder_set_member_name (b, member);
  if (unix_time > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);
      g_autofree char *text = g_date_time_format_iso8601 (dt);

      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_null_value (b);
}

static void
item_to_json (JsonBuilder *b,
              MjQueueItem *item,
              gboolean     details)
{
  const char * const *names = mj_queue_item_get_attachment_names (item);
  const char * const *hashes = mj_queue_item_get_attachment_hashes (item);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, mj_queue_item_get_id (item));
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, mj_queue_state_to_string (mj_queue_item_get_state (item)));
  add_nullable_string (b, "account", mj_queue_item_get_account (item));
  add_string_array (b, "to", mj_queue_item_get_to (item));
  add_string_array (b, "cc", mj_queue_item_get_cc (item));
  add_string_array (b, "bcc", mj_queue_item_get_bcc (item));
  add_nullable_string (b, "subject", mj_queue_item_get_subject (item));
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, mj_queue_item_get_attempts (item));
  add_nullable_string (b, "last_reply", mj_queue_item_get_last_reply (item));
  add_nullable_string (b, "message_id", mj_queue_item_get_message_id (item));
  json_builder_set_member_name (b, "last_code");
  json_builder_add_int_value (b, mj_queue_item_get_last_code (item));
  add_nullable_string (b, "last_error", mj_queue_item_get_last_error (item));
  add_nullable_string (b, "explanation", mj_queue_item_get_explanation (item));
  add_time (b, "next_attempt", mj_queue_item_get_next_attempt (item));
  add_time (b, "created", mj_queue_item_get_created (item));
  add_time (b, "sent", mj_queue_item_get_sent (item));
  json_builder_set_member_name (b, "attachments");
  json_builder_begin_array (b);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      json_builder_begin_object (b);
      add_nullable_string (b, "name", names[i]);
      add_nullable_string (b, "sha256", hashes != NULL ? hashes[i] : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (details)
    {
      add_nullable_string (b, "body", mj_queue_item_get_body (item));
      add_nullable_string (b, "transcript", mj_queue_item_get_transcript (item));
    }
  json_builder_end_object (b);
}

static void
print_item_line (MjQueueItem *item)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (mj_queue_item_get_created (item));
  g_autofree char *when = g_date_time_format (created, "%Y-%m-%d %H:%M");
  const char *reply = mj_queue_item_get_last_reply (item);

  g_print ("%6" G_GINT64_FORMAT "  %-10s  %s  %s  %s  (%u)%s%s\n",
           mj_queue_item_get_id (item),
           mj_queue_state_to_string (mj_queue_item_get_state (item)),
           when,
           mj_queue_item_get_to (item),
           mj_queue_item_get_subject (item),
           mj_queue_item_get_attempts (item),
           reply != NULL ? "  " : "", reply != NULL ? reply : "");
}

static int
queue_list (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *state_name = NULL, *account = NULL, *search = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueue) queue = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  GListModel *items;
  MjQueueState state = MJ_QUEUE_STATE_QUEUED;
  guint states = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_name, M_("Only items in this state"), M_("STATE") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, M_("Only items of this account"), M_("NAME") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, M_("Only items that contain these words"), M_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (M_("— list the queue, newest first"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (state_name != NULL)
    {
      if (!mj_queue_state_from_string (state_name, &state))
        return mj_cli_usage_error (M_("unknown state “%s”"), state_name);
      states = 1u << state;
    }

  queue = open_queue (&error);
  if (queue == NULL)
    return fail (error);
  items = mj_queue_get_items (queue);

  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MjQueueItem) item = g_list_model_get_item (items, i);

      if (account != NULL && g_strcmp0 (account, mj_queue_item_get_account (item)) != 0)
        continue;
      if (!mj_queue_item_matches (item, states, NULL, NULL, NULL, search))
        continue;
      if (json)
        item_to_json (b, item, FALSE);
      else
        print_item_line (item);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (b);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
    }
  return MJ_EXIT_OK;
}

static int
queue_show (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueue) queue = NULL;
  MjQueueItem *item;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("ID — show one item with its transcript"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (argc != 2 || !parse_id (argv[1], &id))
    return mj_cli_usage_error (M_("give the number of one queued item"));

  queue = open_queue (&error);
  if (queue == NULL)
    return fail (error);
  item = mj_queue_lookup (queue, id);
  if (item == NULL)
    return mj_cli_usage_error (M_("There is no queued item %lld"), (long long) id);
  if (!mj_queue_load_details (queue, item, &error))
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      item_to_json (b, item, TRUE);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
    }
  else
    {
      const char *explanation = mj_queue_item_get_explanation (item);
      const char *last_error = mj_queue_item_get_last_error (item);
      const char *transcript = mj_queue_item_get_transcript (item);

      print_item_line (item);
      g_print ("%s %s\n", M_("Message-ID:"), mj_queue_item_get_message_id (item));
      if (last_error != NULL && last_error[0] != '\0')
        g_print ("%s\n", last_error);
      if (explanation != NULL)
        g_print ("%s\n", explanation);
      if (transcript != NULL && transcript[0] != '\0')
        g_print ("\n%s\n", transcript);
    }
  return MJ_EXIT_OK;
}

typedef gboolean (*ItemAction) (MjQueue *queue, gint64 id, GError **error);

static int
queue_item_action (int         argc,
                   char      **argv,
                   ItemAction  action,
                   const char *summary,
                   const char *done)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueue) queue = NULL;
  gint64 id;

  context = g_option_context_new (summary);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (argc != 2 || !parse_id (argv[1], &id))
    return mj_cli_usage_error (M_("give the number of one queued item"));

  queue = open_queue (&error);
  if (queue == NULL)
    return fail (error);
  if (!action (queue, id, &error))
    {
      mj_cli_print_error (error);
      return MJ_EXIT_USAGE;
    }
  g_print ("%s %" G_GINT64_FORMAT "\n", done, id);
  return MJ_EXIT_OK;
}

static int
queue_pause_resume (int      argc,
                    char   **argv,
                    gboolean pause)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueue) queue = NULL;
  gboolean ok;

  context = g_option_context_new (pause ? M_("ACCOUNT — stop sending from an account")
                                        : M_("ACCOUNT — send from an account again"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (argc != 2)
    return mj_cli_usage_error (M_("give the name of one account"));

  queue = open_queue (&error);
  if (queue == NULL)
    return fail (error);
  ok = pause ? mj_queue_pause_account (queue, argv[1], &error)
             : mj_queue_resume_account (queue, argv[1], &error);
  if (!ok)
    return fail (error);
  return MJ_EXIT_OK;
}

typedef struct {
  GMainLoop *loop;
  MjQueueRunSummary summary;
  GError *error;
} RunData;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *data = user_data;

  mj_queue_run_finish (MJ_QUEUE (source), result, &data->summary, &data->error);
  g_main_loop_quit (data->loop);
}

static void
attention_cb (MjQueue    *queue,
              const char *account,
              const char *message,
              gpointer    user_data)
{
  /* Translators: %s: account name, then what happened and what to do. */
  g_printerr (M_("Sending from %s is paused: %s\n"), account, message);
}

static int
queue_run (int    argc,
           char **argv)
{
  g_autofree char *account = NULL;
  int mpm = -1, rpd = -1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjQueue) queue = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  RunData data = { 0 };
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, M_("Only this account"), M_("NAME") },
    { "messages-per-minute", 0, 0, G_OPTION_ARG_INT, &mpm,
      M_("Send at most N messages a minute (instead of the provider’s limit; 0 = no limit)"), "N" },
    { "recipients-per-day", 0, 0, G_OPTION_ARG_INT, &rpd,
      M_("Send to at most N recipients in 24 hours (instead of the provider’s limit; 0 = no limit)"), "N" },
    { NULL }
  };

  context = g_option_context_new (M_("— send every queued invoice that is due"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (argc != 1)
    return mj_cli_usage_error (M_("unexpected argument “%s”"), argv[1]);
  if (mpm < -1 || rpd < -1)
    return mj_cli_usage_error (M_("limits cannot be negative"));

  queue = open_queue (&error);
  if (queue == NULL)
    return fail (error);
  mj_queue_set_limits_override (queue, mpm, rpd);
  g_signal_connect (queue, "attention", G_CALLBACK (attention_cb), NULL);

  loop = g_main_loop_new (NULL, FALSE);
  data.loop = loop;
  mj_queue_run_async (queue, account, NULL, run_done_cb, &data);
  g_main_loop_run (loop);

  /* Translators: the summary of "queue run". */
  g_print (M_("Sent: %u, to retry: %u, failed: %u, waiting: %u\n"),
           data.summary.sent, data.summary.retry, data.summary.failed, data.summary.held);
  if (data.error != NULL)
    {
      int status = fail (data.error);

      g_clear_error (&data.error);
      return status;
    }
  return MJ_EXIT_OK;
}

static void
print_queue_help (void)
{
  g_print ("%s\n\n", M_("Usage: mensajero-cli queue COMMAND [OPTIONS…]"));
  g_print ("  add        %s\n", M_("Queue invoices (same options as send); prints the item number"));
  g_print ("  list       %s\n", M_("List the queue (--json)"));
  g_print ("  show ID    %s\n", M_("Show one item with its transcript"));
  g_print ("  run        %s\n", M_("Send what is due (--account NAME)"));
  g_print ("  retry ID   %s\n", M_("Send a failed or waiting item again now"));
  g_print ("  cancel ID  %s\n", M_("Cancel an item"));
  g_print ("  resend ID  %s\n", M_("Send an uncertain item again"));
  g_print ("  mark-sent ID  %s\n", M_("Mark an uncertain item as sent"));
  g_print ("  pause ACCOUNT / resume ACCOUNT  %s\n", M_("Stop or restart sending from an account"));
}

int
mj_cli_queue (int    argc,
              char **argv)
{
  const char *sub;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_queue_help ();
      return argc < 2 ? MJ_EXIT_USAGE : MJ_EXIT_OK;
    }

  sub = argv[1];
  argc--;
  argv++;
  if (g_str_equal (sub, "add"))
    return queue_add (argc, argv);
  if (g_str_equal (sub, "list"))
    return queue_list (argc, argv);
  if (g_str_equal (sub, "show"))
    return queue_show (argc, argv);
  if (g_str_equal (sub, "run"))
    return queue_run (argc, argv);
  if (g_str_equal (sub, "retry"))
    return queue_item_action (argc, argv, mj_queue_retry, M_("ID — send an item again now"),
                              M_("Will be sent again:"));
  if (g_str_equal (sub, "cancel"))
    return queue_item_action (argc, argv, mj_queue_cancel, M_("ID — cancel an item"),
                              M_("Cancelled:"));
  if (g_str_equal (sub, "resend"))
    return queue_item_action (argc, argv, mj_queue_resend, M_("ID — send an uncertain item again"),
                              M_("Will be sent again:"));
  if (g_str_equal (sub, "mark-sent"))
    return queue_item_action (argc, argv, mj_queue_mark_sent,
                              M_("ID — mark an uncertain item as sent"), M_("Marked as sent:"));
  if (g_str_equal (sub, "pause"))
    return queue_pause_resume (argc, argv, TRUE);
  if (g_str_equal (sub, "resume"))
    return queue_pause_resume (argc, argv, FALSE);

  return mj_cli_usage_error (M_("unknown queue command “%s”; see “mensajero-cli queue --help”"), sub);
}
