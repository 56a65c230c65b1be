#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "mj-account-store.h"
#include "mj-cli.h"
#include "mj-detector.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-provider.h"
#include "mj-secret-store.h"

/* Reads one line (the password) from standard input without keeping a copy
 * anywhere else. With a terminal, echo is switched off while typing. */
static char *
read_password (gboolean prompt)
{
  GString *line = g_string_new (NULL);
  struct termios saved, quiet;
  gboolean tty = prompt && isatty (STDIN_FILENO);
  int c;

  if (tty)
    {
      g_printerr ("%s", M_("Password: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  return g_string_free (line, FALSE);
}

static int
report (const GError *error)
{
  mj_cli_print_error (error);
  return mj_error_exit_code (error);
}

static int
account_add (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(MjAccount) account = NULL;
  g_autofree char *email = NULL;
  g_autofree char *provider_id = NULL;
  g_autofree char *host = NULL;
  g_autofree char *security = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *username = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *client_id = NULL;
  gboolean password_stdin = FALSE;
  int port = 0;
  char *password = NULL;
  MjProvider *provider = NULL;
  MjSecurity security_value;
  MjAuthMethod auth_value;
  const char *name;
  GOptionEntry entries[] = {
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, M_("The address invoices are sent from"), M_("ADDRESS") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, M_("The sender name recipients see"), M_("NAME") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider_id, M_("Provider preset (outlook.com, microsoft365, gmail, …)"), M_("ID") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, M_("Outgoing (SMTP) server"), M_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, M_("Server port"), M_("PORT") },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security, M_("starttls (port 587) or tls (port 465)"), "starttls|tls" },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth, M_("How to sign in"), "password|oauth2" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, M_("Login name, when it is not the address"), M_("USER") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, M_("Also trust the certificate authority in this PEM file"), M_("FILE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, M_("Read the password from standard input"), NULL },
    { "oauth-authority", 0, 0, G_OPTION_ARG_STRING, &authority, M_("Microsoft sign-in authority"), M_("URL") },
    { "oauth-client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, M_("Application (client) id for signing in"), M_("ID") },
    { NULL }
  };

  context = g_option_context_new (M_("NAME — add a sending account"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (argc != 2)
    return mj_cli_usage_error (M_("give the account a name: account add NAME --email ADDRESS"));
  name = argv[1];
  if (email == NULL)
    return mj_cli_usage_error (M_("--email is required"));

  if (provider_id != NULL)
    {
      provider = mj_provider_lookup (provider_id);
      if (provider == NULL)
        return mj_cli_usage_error (M_("unknown provider “%s”"), provider_id);
    }
  else if (host == NULL)
    /* Known address domains only, the same table as the wizard's: no
     * network here (`account detect` does the MX and SRV lookups). */
    provider = mj_detector_lookup_domain (email);
  if (provider == NULL && host == NULL)
    return mj_cli_usage_error (M_("the provider of “%s” is not known: give --provider or --host"), email);
  if (provider == NULL)
    provider = mj_provider_lookup ("generic");

  account = mj_account_new_for_provider (name, email, provider);
  mj_account_set_display_name (account, display_name);
  if (host != NULL)
    mj_account_set_host (account, host);
  if (security != NULL)
    {
      if (!mj_security_from_string (security, &security_value))
        return mj_cli_usage_error (M_("--security takes “starttls” or “tls”"));
      mj_account_set_security (account, security_value);
      if (port == 0 && host != NULL)
        mj_account_set_port (account, security_value == MJ_SECURITY_TLS ? 465 : 587);
    }
  if (port != 0)
    {
      if (port < 1 || port > 65535)
        return mj_cli_usage_error (M_("--port must be between 1 and 65535"));
      mj_account_set_port (account, (guint) port);
    }
  if (auth != NULL)
    {
      if (!mj_auth_method_from_string (auth, &auth_value))
        return mj_cli_usage_error (M_("--auth takes “password” or “oauth2”"));
      mj_account_set_auth (account, auth_value);
    }
  mj_account_set_username (account, username);
  if (ca_file != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (ca_file, NULL);

      if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
        return mj_cli_usage_error (M_("cannot read the CA file “%s”"), ca_file);
      mj_account_set_ca_file (account, absolute);
    }
  mj_account_set_oauth_authority (account, authority);
  mj_account_set_oauth_client_id (account, client_id);

  if (mj_account_get_auth (account) == MJ_AUTH_PASSWORD &&
      g_strcmp0 (mj_account_get_provider_id (account), "outlook.com") == 0)
    {
      g_printerr ("%s\n%s\n",
                  M_("Outlook.com and Hotmail accounts cannot send with a password: Microsoft has "
                     "refused passwords (and app passwords) from other programs since September 2024."),
                  M_("Sign in with your Microsoft account instead: use --auth oauth2."));
      return MJ_EXIT_USAGE;
    }
  /* "Sign in with Microsoft" is for Microsoft's servers: a Gmail or Yahoo
   * preset with --auth oauth2 would send the user to a Microsoft sign-in
   * that their mail server then refuses. A hand-typed server (generic) may
   * be anything, so it is left alone. */
  if (g_strcmp0 (mj_account_get_provider_id (account), "generic") != 0 &&
      !mj_provider_supports_auth (mj_account_get_provider (account), mj_account_get_auth (account)))
    return mj_cli_usage_error (/* Translators: 1: a provider, 2 and 3: "password" or "oauth2". */
                               M_("Mensajero cannot sign in to %s with --auth %s; use --auth %s"),
                               mj_provider_get_display_name (mj_account_get_provider (account)),
                               mj_auth_method_to_string (mj_account_get_auth (account)),
                               mj_provider_get_auth_methods (mj_account_get_provider (account))[0]);

  store = mj_account_store_new (&error);
  if (store == NULL)
    return report (error);
  if (mj_account_store_lookup (store, name) != NULL)
    return mj_cli_usage_error (M_("an account named “%s” already exists"), name);
  if (!mj_account_validate (account, &error))
    return report (error);

  if (mj_account_get_auth (account) == MJ_AUTH_OAUTH2)
    {
      if (password_stdin)
        return mj_cli_usage_error (M_("--password-stdin is for password accounts; oauth2 accounts sign in with Microsoft"));
      return mj_cli_account_oauth_sign_in (account, store);
    }

  if (!password_stdin && !isatty (STDIN_FILENO))
    return mj_cli_usage_error (M_("give the password on standard input with --password-stdin"));
  password = read_password (!password_stdin);
  if (password[0] == '\0')
    {
      mj_secret_free (password);
      return mj_cli_usage_error (M_("the password is empty"));
    }

  if (!mj_secret_store_store_sync (name, MJ_SECRET_KIND_PASSWORD, password, NULL, &error))
    {
      mj_secret_free (password);
      g_printerr (M_("Cannot keep the password in the keyring: %s\n"), error->message);
      return MJ_EXIT_USAGE;
    }
  mj_secret_free (password);

  if (!mj_account_store_add (store, account, &error))
    {
      mj_secret_store_clear_all_sync (name, NULL, NULL);
      return report (error);
    }

  g_print (M_("Account “%s” added (%s, %s:%u).\n"), name,
           mj_provider_get_display_name (mj_account_get_provider (account)),
           mj_account_get_host (account), mj_account_get_port (account));
  return MJ_EXIT_OK;
}

static void
add_string (JsonBuilder *b,
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
build_account_json (JsonBuilder *b,
                    MjAccount   *account,
                    gboolean     is_default)
{
  g_autofree char *authority = NULL;
  g_autofree char *client_id = NULL;

  g_object_get (account, "oauth-authority", &authority, "oauth-client-id", &client_id, NULL);
  json_builder_begin_object (b);
  add_string (b, "name", mj_account_get_name (account));
  add_string (b, "email", mj_account_get_email (account));
  add_string (b, "display_name", mj_account_get_display_name (account));
  add_string (b, "provider", mj_account_get_provider_id (account));
  add_string (b, "host", mj_account_get_host (account));
  json_builder_set_member_name (b, "port");
  json_builder_add_int_value (b, mj_account_get_port (account));
  add_string (b, "security", mj_security_to_string (mj_account_get_security (account)));
  add_string (b, "auth", mj_auth_method_to_string (mj_account_get_auth (account)));
  add_string (b, "username", mj_account_get_login (account));
  add_string (b, "ca_file", mj_account_get_ca_file (account));
  add_string (b, "oauth_authority", authority);
  add_string (b, "oauth_client_id", client_id);
  json_builder_set_member_name (b, "default");
  json_builder_add_boolean_value (b, is_default);
  json_builder_end_object (b);
}

static gboolean
parse_json_flag (int        *argc,
                 char     ***argv,
                 const char *summary,
                 gboolean   *json,
                 int        *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = mj_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
account_list (int    argc,
              char **argv)
{
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status = MJ_EXIT_OK;
  MjAccount *default_account;
  guint n;

  if (!parse_json_flag (&argc, &argv, M_("— list the sending accounts"), &json, &status))
    return status;
  if (argc != 1)
    return mj_cli_usage_error (M_("account list takes no arguments"));

  store = mj_account_store_new (&error);
  if (store == NULL)
    return report (error);
  default_account = mj_account_store_get_default (store);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MjAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);

          build_account_json (b, account, account == default_account);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
      return MJ_EXIT_OK;
    }

  if (n == 0)
    {
      g_print ("%s\n", M_("No accounts yet. Add one with “mensajero-cli account add”."));
      return MJ_EXIT_OK;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MjAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_print ("%s %-16s %-32s %s:%u %s %s\n",
               account == default_account ? "*" : " ",
               mj_account_get_name (account), mj_account_get_email (account),
               mj_account_get_host (account), mj_account_get_port (account),
               mj_security_to_string (mj_account_get_security (account)),
               mj_auth_method_to_string (mj_account_get_auth (account)));
    }
  return MJ_EXIT_OK;
}

static int
account_show (int    argc,
              char **argv)
{
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status = MJ_EXIT_OK;
  MjAccount *account;
  MjProvider *provider;
  gboolean is_default;

  if (!parse_json_flag (&argc, &argv, M_("NAME — show an account's settings"), &json, &status))
    return status;
  if (argc != 2)
    return mj_cli_usage_error (M_("give the account's name: account show NAME"));

  store = mj_account_store_new (&error);
  if (store == NULL)
    return report (error);
  account = mj_account_store_lookup (store, argv[1]);
  if (account == NULL)
    return mj_cli_usage_error (M_("there is no account called “%s”"), argv[1]);
  is_default = account == mj_account_store_get_default (store);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_account_json (b, account, is_default);
      root = json_builder_get_root (b);
      mj_cli_print_json (root);
      return MJ_EXIT_OK;
    }

  provider = mj_account_get_provider (account);
  g_print ("%-16s %s%s\n", M_("Name:"), mj_account_get_name (account),
           is_default ? M_(" (default)") : "");
  g_print ("%-16s %s\n", M_("Address:"), mj_account_get_email (account));
  if (mj_account_get_display_name (account) != NULL)
    g_print ("%-16s %s\n", M_("Sender name:"), mj_account_get_display_name (account));
  g_print ("%-16s %s\n", M_("Provider:"),
           provider != NULL ? mj_provider_get_display_name (provider) : "—");
  g_print ("%-16s %s:%u (%s)\n", M_("Server:"), mj_account_get_host (account),
           mj_account_get_port (account), mj_security_to_string (mj_account_get_security (account)));
  g_print ("%-16s %s\n", M_("Sign-in:"), mj_auth_method_to_string (mj_account_get_auth (account)));
  g_print ("%-16s %s\n", M_("Login:"), mj_account_get_login (account));
  if (mj_account_get_ca_file (account) != NULL)
    g_print ("%-16s %s\n", M_("CA file:"), mj_account_get_ca_file (account));
  if (mj_account_get_auth (account) == MJ_AUTH_OAUTH2)
    {
      g_print ("%-16s %s\n", M_("Authority:"), mj_account_get_oauth_authority (account));
      g_print ("%-16s %s\n", M_("Client id:"), mj_account_get_oauth_client_id (account));
    }
  return MJ_EXIT_OK;
}

static int
account_remove (int    argc,
                char **argv)
{
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2 || argv[1][0] == '-')
    return mj_cli_usage_error (M_("give the account's name: account remove NAME"));

  store = mj_account_store_new (&error);
  if (store == NULL)
    return report (error);
  if (!mj_account_store_remove (store, argv[1], &error))
    return report (error);
  if (!mj_secret_store_clear_all_sync (argv[1], NULL, &error))
    {
      g_printerr (M_("The account was removed, but its secrets could not be deleted from the keyring: %s\n"),
                  error->message);
      return MJ_EXIT_USAGE;
    }
  g_print (M_("Account “%s” removed, with its password or sign-in.\n"), argv[1]);
  return MJ_EXIT_OK;
}

/* mensajero-cli account sign-in NAME: "Sign in with Microsoft" again for an
 * oauth2 account whose saved sign-in Microsoft no longer accepts (expired
 * after 90 days without use, password changed, consent withdrawn). The
 * account and its queue stay; the new tokens replace the old ones only once
 * the new sign-in has worked. */
static int
account_sign_in (int    argc,
                 char **argv)
{
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MjAccount *account;

  if (argc != 2 || argv[1][0] == '-')
    return mj_cli_usage_error (M_("give the account's name: account sign-in NAME"));

  store = mj_account_store_new (&error);
  if (store == NULL)
    return report (error);
  account = mj_account_store_lookup (store, argv[1]);
  if (account == NULL)
    return mj_cli_usage_error (M_("there is no account called “%s”"), argv[1]);
  if (mj_account_get_auth (account) != MJ_AUTH_OAUTH2)
    return mj_cli_usage_error (M_("account “%s” signs in with a password, not with Microsoft"),
                               argv[1]);
  /* The account is already in @store: the sign-in only replaces its tokens. */
  return mj_cli_account_oauth_sign_in (account, store);
}

/* mensajero-cli account add|detect|list|show|remove|sign-in … */
int
mj_cli_account (int    argc,
                char **argv)
{
  if (argc >= 2)
    {
      if (strcmp (argv[1], "add") == 0)
        return account_add (argc - 1, argv + 1);
      if (strcmp (argv[1], "detect") == 0)
        return mj_cli_account_detect (argc - 1, argv + 1);
      if (strcmp (argv[1], "list") == 0)
        return account_list (argc - 1, argv + 1);
      if (strcmp (argv[1], "show") == 0)
        return account_show (argc - 1, argv + 1);
      if (strcmp (argv[1], "remove") == 0)
        return account_remove (argc - 1, argv + 1);
      if (strcmp (argv[1], "sign-in") == 0)
        return account_sign_in (argc - 1, argv + 1);
    }
  return mj_cli_usage_error (M_("use: account add|detect|list|show|remove|sign-in … (see “account add --help”)"));
}
