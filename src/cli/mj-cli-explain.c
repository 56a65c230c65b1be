#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "mj-bounce.h"
#include "mj-cli.h"
#include "mj-error.h"
#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-provider.h"
#include "mj-smtp-reply.h"

/*
 * mensajero-cli explain [--json] [--both] "REPLY TEXT" | - | --eml FILE
 *
 * Explains a server reply, an Outlook client code, an Entra (AADSTS) code,
 * a curl error, or a bounce message, in both languages for --json and in
 * the --lang language otherwise (both with --both).
 */

static void
add_bilingual (JsonBuilder *b,
               const char  *name,
               const char  *en,
               const char  *es)
{
  json_builder_set_member_name (b, name);
  if (en == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "en");
  json_builder_add_string_value (b, en);
  json_builder_set_member_name (b, "es");
  json_builder_add_string_value (b, es);
  json_builder_end_object (b);
}

static void
add_nullable_string (JsonBuilder *b,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_code (JsonBuilder *b,
          guint        code)
{
  json_builder_set_member_name (b, "reply_code");
  if (code != 0)
    json_builder_add_int_value (b, code);
  else
    json_builder_add_null_value (b);
}

/* The `explain` object of DESIGN.md. */
static void
build_explanation (JsonBuilder   *b,
                   MjExplanation *e)
{
  json_builder_begin_object (b);
  add_code (b, mj_explanation_get_reply_code (e));
  add_nullable_string (b, "enhanced_status", mj_explanation_get_enhanced_status (e));
  add_nullable_string (b, "class", mj_explanation_get_class (e));
  add_nullable_string (b, "reason", mj_explanation_get_reason (e));
  json_builder_set_member_name (b, "retry");
  json_builder_add_boolean_value (b, mj_explanation_get_retry (e));
  add_nullable_string (b, "who_fixes", mj_explanation_get_who_fixes_string (e));
  add_bilingual (b, "title", mj_explanation_get_title (e, MJ_LANG_EN), mj_explanation_get_title (e, MJ_LANG_ES));
  add_bilingual (b, "explanation", mj_explanation_get_explanation (e, MJ_LANG_EN),
                 mj_explanation_get_explanation (e, MJ_LANG_ES));
  add_bilingual (b, "action", mj_explanation_get_action (e, MJ_LANG_EN), mj_explanation_get_action (e, MJ_LANG_ES));
  add_bilingual (b, "who_fixes_text", mj_explanation_get_who_fixes_text (e, MJ_LANG_EN),
                 mj_explanation_get_who_fixes_text (e, MJ_LANG_ES));
  add_bilingual (b, "admin_message", mj_explanation_get_admin_message (e, MJ_LANG_EN),
                 mj_explanation_get_admin_message (e, MJ_LANG_ES));
  add_nullable_string (b, "entry", mj_explanation_get_entry_id (e));
  json_builder_end_object (b);
}

static void
print_plain (MjExplanation *e,
             gboolean       both)
{
  const char *lang = mj_i18n_ui_lang ();
  g_autofree char *text = mj_explanation_to_text (e, lang);

  g_print ("%s", text);
  if (both)
    {
      const char *other = g_str_equal (lang, MJ_LANG_ES) ? MJ_LANG_EN : MJ_LANG_ES;
      g_autofree char *other_text = mj_explanation_to_text (e, other);

      g_print ("\n%s", other_text);
    }
}

static int
explain_eml (const char *path,
             gboolean    json,
             gboolean    both)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjBounce) bounce = NULL;
  GPtrArray *recipients;

  bounce = mj_bounce_parse_file (path, &error);
  if (bounce == NULL)
    {
      /* Translators: %s is the reason a file could not be read. */
      g_printerr (M_("Error: cannot read the message: %s\n"), error->message);
      return MJ_EXIT_USAGE;
    }
  recipients = mj_bounce_get_recipients (bounce);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      add_nullable_string (b, "kind", mj_bounce_kind_to_string (mj_bounce_get_kind (bounce)));
      json_builder_set_member_name (b, "auto_reply");
      json_builder_add_boolean_value (b, mj_bounce_get_kind (bounce) == MJ_BOUNCE_KIND_AUTO_REPLY);
      json_builder_set_member_name (b, "recipients");
      json_builder_begin_array (b);
      for (guint i = 0; i < recipients->len; i++)
        {
          MjBounceRecipient *r = g_ptr_array_index (recipients, i);

          json_builder_begin_object (b);
          add_nullable_string (b, "address", r->address);
          add_nullable_string (b, "original_recipient", r->original_recipient);
          add_nullable_string (b, "action", r->action);
          add_nullable_string (b, "enhanced_status", r->status);
          add_code (b, r->reply_code);
          add_nullable_string (b, "diagnostic", r->diagnostic);
          add_nullable_string (b, "remote_mta", r->remote_mta);
          add_nullable_string (b, "class", mj_explanation_get_class (r->explanation));
          add_nullable_string (b, "reason", mj_explanation_get_reason (r->explanation));
          json_builder_set_member_name (b, "retry");
          json_builder_add_boolean_value (b, mj_explanation_get_retry (r->explanation));
          add_nullable_string (b, "who_fixes", mj_explanation_get_who_fixes_string (r->explanation));
          add_bilingual (b, "title", mj_explanation_get_title (r->explanation, MJ_LANG_EN),
                         mj_explanation_get_title (r->explanation, MJ_LANG_ES));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      add_nullable_string (b, "original_message_id", mj_bounce_get_original_message_id (bounce));
      add_nullable_string (b, "subject", mj_bounce_get_subject (bounce));
      json_builder_set_member_name (b, "explanation");
      build_explanation (b, mj_bounce_get_explanation (bounce));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
      return MJ_EXIT_OK;
    }

  print_plain (mj_bounce_get_explanation (bounce), both);
  if (recipients->len > 0)
    g_print ("\n%s\n", M_("Recipients:"));
  for (guint i = 0; i < recipients->len; i++)
    {
      MjBounceRecipient *r = g_ptr_array_index (recipients, i);

      g_print ("  %s — %s (%s%s%s)\n", r->address,
               mj_explanation_get_title_ui (r->explanation),
               r->status != NULL ? r->status : "",
               r->status != NULL ? ", " : "",
               mj_explanation_get_retry (r->explanation) ? M_("will retry") : M_("no retry"));
      if (r->diagnostic != NULL)
        g_print ("      %s\n", r->diagnostic);
    }
  if (mj_bounce_get_original_message_id (bounce) != NULL)
    /* Translators: %s is a Message-ID. */
    g_print (M_("\nOriginal Message-ID: %s\n"), mj_bounce_get_original_message_id (bounce));
  return MJ_EXIT_OK;
}

int
mj_cli_explain (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  gboolean both = FALSE;
  g_autofree char *eml = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjExplanation) explanation = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *server = NULL;
  MjExplainContext where;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON with both languages"), NULL },
    { "both", 0, 0, G_OPTION_ARG_NONE, &both, M_("Print the explanation in Spanish and English"), NULL },
    { "eml", 0, 0, G_OPTION_ARG_FILENAME, &eml, M_("Explain a bounce message saved as a file"), M_("FILE") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider_id,
      M_("The provider of the account that got the reply (“microsoft365”, “outlook.com”, …)"), M_("ID") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, M_("The server that gave the reply"), M_("HOST") },
    { NULL }
  };

  context = g_option_context_new (M_("“REPLY TEXT” | - | --eml FILE — explain an SMTP reply, an error code or a bounce"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (provider_id != NULL && mj_provider_lookup (provider_id) == NULL)
    return mj_cli_usage_error (M_("unknown provider “%s”"), provider_id);
  where.provider_id = provider_id;
  where.server_host = server;

  if (eml != NULL)
    return explain_eml (eml, json, both);

  if (argc < 2)
    return mj_cli_usage_error (M_("give the reply text to explain, “-” to read it from standard input, or --eml FILE"));

  if (argc == 2 && g_str_equal (argv[1], "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
        {
          g_printerr (M_("Error: cannot read the message: %s\n"), error->message);
          return MJ_EXIT_USAGE;
        }
      joined = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
    }
  else
    joined = g_strjoinv (" ", argv + 1);

  if (g_strstrip (joined)[0] == '\0')
    return mj_cli_usage_error (M_("give the reply text to explain, “-” to read it from standard input, or --eml FILE"));

  explanation = mj_explainer_explain_full (joined, &where);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_explanation (b, explanation);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
    }
  else
    print_plain (explanation, both);

  return MJ_EXIT_OK;
}
