#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-cli.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-smtp-reply.h"

/* mensajero-cli explain [--json] "REPLY TEXT" */
int
mj_cli_explain (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjSmtpReply) reply = NULL;
  g_autofree char *joined = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("“REPLY TEXT” — explain an SMTP reply"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);

  if (argc < 2)
    return mj_cli_usage_error (M_("give the reply text to explain"));

  joined = g_strjoinv (" ", argv + 1);
  reply = mj_smtp_reply_parse (joined);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "reply_code");
      if (reply->code != 0)
        json_builder_add_int_value (b, reply->code);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "enhanced_status");
      if (reply->enhanced != NULL)
        json_builder_add_string_value (b, reply->enhanced);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "class");
      json_builder_add_string_value (b, mj_reply_class_to_string (mj_smtp_reply_get_class (reply)));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
    }
  else
    {
      g_autofree char *line = mj_smtp_reply_to_string (reply);
      g_print ("%s\n", line);
    }

  return MJ_EXIT_OK;
}
