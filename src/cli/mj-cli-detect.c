#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-cli.h"
#include "mj-detector.h"
#include "mj-error.h"
#include "mj-i18n.h"

static const char *
source_explanation (MjDetectSource source)
{
  switch (source)
    {
    case MJ_DETECT_SOURCE_DOMAIN:
      return M_("known address domain");
    case MJ_DETECT_SOURCE_MX:
      return M_("the domain's mail server (MX record)");
    case MJ_DETECT_SOURCE_SRV:
      return M_("the domain's submission record (SRV)");
    case MJ_DETECT_SOURCE_MANUAL:
    default:
      return M_("not recognised: enter the server by hand");
    }
}

static const char *
auth_label (const char *method)
{
  if (g_strcmp0 (method, "oauth2") == 0)
    return M_("Sign in with Microsoft (OAuth 2.0)");
  if (g_strcmp0 (method, "password") == 0)
    return M_("password or app password");
  return method;
}

static JsonNode *
detection_to_json (MjDetection *detection)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  MjProvider *provider = mj_detection_get_provider (detection);
  const char * const *auth = mj_detection_get_auth_methods (detection);
  const char *seen = mj_detection_get_seen_host (detection);
  const char *url = mj_provider_get_app_password_url (provider);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, mj_detection_get_address (detection));
  json_builder_set_member_name (b, "domain");
  json_builder_add_string_value (b, mj_detection_get_domain (detection));
  json_builder_set_member_name (b, "provider");
  json_builder_add_string_value (b, mj_detection_get_provider_id (detection));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, mj_detection_get_display_name (detection));
  json_builder_set_member_name (b, "host");
  json_builder_add_string_value (b, mj_detection_get_host (detection));
  json_builder_set_member_name (b, "port");
  json_builder_add_int_value (b, mj_detection_get_port (detection));
  json_builder_set_member_name (b, "security");
  json_builder_add_string_value (b, mj_security_to_string (mj_detection_get_security (detection)));
  json_builder_set_member_name (b, "auth");
  json_builder_begin_array (b);
  for (guint i = 0; auth != NULL && auth[i] != NULL; i++)
    json_builder_add_string_value (b, auth[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "password_kind");
  json_builder_add_string_value (b, mj_provider_get_password_kind (provider));
  json_builder_set_member_name (b, "app_password_url");
  if (url != NULL && url[0] != '\0')
    json_builder_add_string_value (b, url);
  else
    json_builder_add_null_value (b);
  /* The preset's published limits (0 = none published), what the queue
   * paces to and the pre-send checks compare with. */
  json_builder_set_member_name (b, "limits");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "max_message_bytes");
  json_builder_add_int_value (b, (gint64) mj_provider_get_max_message_bytes (provider));
  json_builder_set_member_name (b, "messages_per_minute");
  json_builder_add_int_value (b, mj_provider_get_messages_per_minute (provider));
  json_builder_set_member_name (b, "recipients_per_day");
  json_builder_add_int_value (b, mj_provider_get_recipients_per_day (provider));
  json_builder_set_member_name (b, "recipients_per_message");
  json_builder_add_int_value (b, mj_provider_get_recipients_per_message (provider));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "found_by");
  json_builder_add_string_value (b, mj_detect_source_to_string (mj_detection_get_source (detection)));
  json_builder_set_member_name (b, "seen_host");
  if (seen != NULL)
    json_builder_add_string_value (b, seen);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
print_detection (MjDetection *detection)
{
  const char * const *auth = mj_detection_get_auth_methods (detection);
  const char *host = mj_detection_get_host (detection);
  const char *seen = mj_detection_get_seen_host (detection);
  MjSecurity security = mj_detection_get_security (detection);

  /* Translators: the labels are padded so the values line up. */
  g_print (M_("Provider:  %s (%s)\n"), mj_detection_get_display_name (detection),
           mj_detection_get_provider_id (detection));
  if (host != NULL && host[0] != '\0')
    g_print (M_("Server:    %s port %u, %s\n"), host, mj_detection_get_port (detection),
             security == MJ_SECURITY_TLS ? M_("TLS from the start") : M_("STARTTLS"));
  else
    g_print (M_("Server:    unknown, port %u with STARTTLS is usual\n"),
             mj_detection_get_port (detection));
  for (guint i = 0; auth != NULL && auth[i] != NULL; i++)
    {
      if (i == 0)
        g_print (M_("Sign-in:   %s\n"), auth_label (auth[i]));
      else
        g_print (M_("           or %s\n"), auth_label (auth[i]));
    }
  if (seen != NULL)
    g_print (M_("Found by:  %s, %s\n"), source_explanation (mj_detection_get_source (detection)),
             seen);
  else
    g_print (M_("Found by:  %s\n"), source_explanation (mj_detection_get_source (detection)));
}

/* mensajero-cli account detect ADDR [--json] */
int
mj_cli_account_detect (int    argc,
                       char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjDetection) detection = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("ADDRESS — propose the settings for an e-mail address"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);

  if (argc != 2)
    return mj_cli_usage_error (M_("give one e-mail address to detect"));

  detection = mj_detector_detect_sync (argv[1], NULL, &error);
  if (detection == NULL)
    {
      mj_cli_print_error (error);
      return mj_error_exit_code (error);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = detection_to_json (detection);

      mj_cli_print_json (root);
    }
  else
    print_detection (detection);

  return MJ_EXIT_OK;
}
