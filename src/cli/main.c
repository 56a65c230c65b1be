#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gmime/gmime.h>

#include "mj-cli.h"
#include "mj-error.h"
#include "mj-i18n.h"

typedef struct {
  const char *name;
  MjCliCommand run;
  const char *summary;
} CommandEntry;

static const CommandEntry commands[] = {
  { "account", mj_cli_account, N_("Add, list, show or remove sending accounts") },
  { "send", mj_cli_send, N_("Send invoices now") },
  { "explain", mj_cli_explain, N_("Explain an SMTP reply or a bounce message") },
  { "inspect", mj_cli_inspect, N_("Check a PDF invoice and read its number, date, total and e-mail addresses") },
  { "diagnose", mj_cli_diagnose, N_("Test the connection to an account's mail server, step by step") },
  { "queue", mj_cli_queue, N_("Queue invoices, send the queue, list, retry or cancel items") },
};

void
mj_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

void
mj_cli_print_error (const GError *error)
{
  /* Translators: an error message printed by the command-line tool. */
  g_printerr (M_("Error: %s\n"), error->message);
}

int
mj_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr (M_("Error: %s\n"), msg);
  return MJ_EXIT_USAGE;
}

static void
print_help (void)
{
  g_print ("%s\n\n", M_("Usage: mensajero-cli [--lang es|en] COMMAND [OPTIONS…]"));
  g_print ("%s\n", M_("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, M_(commands[i].summary));
  g_print ("\n%s\n", M_("Run “mensajero-cli COMMAND --help” for the options of a command."));
  g_print ("%s\n", M_("Exit status: 0 done, 1 bad usage or input, 2 permanent rejection, "
                      "3 temporary failure, 4 could not connect, 5 authentication refused."));
}

int
main (int    argc,
      char **argv)
{
  int first = 1;

  mj_i18n_init ();
  g_set_prgname ("mensajero-cli");
  g_mime_init ();

  /* Global options come before the command. */
  while (first < argc && g_str_has_prefix (argv[first], "--lang"))
    {
      const char *value = NULL;

      if (argv[first][6] == '=')
        value = argv[first] + 7;
      else if (argv[first][6] == '\0' && first + 1 < argc)
        value = argv[++first];
      if (value == NULL || (strcmp (value, "es") != 0 && strcmp (value, "en") != 0))
        return mj_cli_usage_error (M_("--lang takes “es” or “en”"));
      mj_i18n_set_ui_lang (value);
      first++;
    }

  if (first >= argc || strcmp (argv[first], "--help") == 0 || strcmp (argv[first], "-h") == 0 ||
      strcmp (argv[first], "help") == 0)
    {
      print_help ();
      return first >= argc ? MJ_EXIT_USAGE : MJ_EXIT_OK;
    }

  if (strcmp (argv[first], "--version") == 0)
    {
      g_print ("mensajero-cli %s\n", PACKAGE_VERSION);
      return MJ_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[first], commands[i].name) == 0)
        {
          int status = commands[i].run (argc - first, argv + first);

          g_mime_shutdown ();
          return status;
        }
    }

  return mj_cli_usage_error (M_("unknown command “%s”; see “mensajero-cli --help”"), argv[first]);
}
