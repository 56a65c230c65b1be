/* Integration: "Sign in with Microsoft" through the real mensajero-cli,
 * against the loopback identity-platform stand-in
 * (tests/servers/oauth_server.py) and the SMTP test server accepting the
 * tokens it issues over XOAUTH2, with the real keyring. A "browser" here is
 * libcurl answering the URL the CLI prints. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <curl/curl.h>
#include <libsecret/secret.h>

#include "mj-account-store.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-oauth.h"
#include "mj-secret-store.h"
#include "mj-test-utils.h"

/* ------------------------------------------------------------------ */
/* The identity-platform stand-in                                      */

/* Children die with the test, so a failed assertion leaves no server
 * behind holding the test's output open. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

typedef struct {
  GSubprocess *process;
  guint port;
  char *dir;
  char *token_file;
  char *events;
  char *authority;
} IdP;

static void
idp_stop (IdP *idp)
{
  if (idp == NULL)
    return;
  if (idp->process != NULL)
    {
      g_subprocess_send_signal (idp->process, SIGTERM);
      g_subprocess_wait (idp->process, NULL, NULL);
      g_object_unref (idp->process);
    }
  g_free (idp->token_file);
  g_free (idp->events);
  g_free (idp->authority);
  if (idp->dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (idp->dir);
      g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                0, NULL, NULL);
      GFileInfo *info;

      while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

          g_file_delete (child, NULL, NULL);
          g_object_unref (info);
        }
      g_file_delete (dir, NULL, NULL);
      g_free (idp->dir);
    }
  g_free (idp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdP, idp_stop)

static IdP *
idp_start (const char *first_extra,
           ...)
{
  const MjTestCerts *certs = mj_test_certs_get ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "servers",
                                              "oauth_server.py", NULL);
  IdP *idp = g_new0 (IdP, 1);
  const char *arg;
  va_list args;

  idp->dir = g_dir_make_tmp ("mj-idp-XXXXXX", &error);
  g_assert_no_error (error);
  idp->token_file = g_build_filename (idp->dir, "tokens", NULL);
  idp->events = g_build_filename (idp->dir, "events.jsonl", NULL);
  log = g_build_filename (idp->dir, "server.log", NULL);

  g_ptr_array_add (argv, g_strdup (g_getenv ("MJ_PYTHON") ? g_getenv ("MJ_PYTHON") : "/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--cert"));
  g_ptr_array_add (argv, g_strdup (certs->cert_file));
  g_ptr_array_add (argv, g_strdup ("--key"));
  g_ptr_array_add (argv, g_strdup (certs->key_file));
  g_ptr_array_add (argv, g_strdup ("--client-id"));
  g_ptr_array_add (argv, g_strdup ("test"));
  g_ptr_array_add (argv, g_strdup ("--token-file"));
  g_ptr_array_add (argv, g_strdup (idp->token_file));
  g_ptr_array_add (argv, g_strdup ("--events"));
  g_ptr_array_add (argv, g_strdup (idp->events));
  va_start (args, first_extra);
  for (arg = first_extra; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  idp->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (idp->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on 127.0.0.1:"));
  idp->port = (guint) g_ascii_strtoull (line + strlen ("listening on 127.0.0.1:"), NULL, 10);
  g_assert_cmpuint (idp->port, >, 0);
  idp->authority = g_strdup_printf ("https://127.0.0.1:%u/common", idp->port);
  return idp;
}

/* (element-type JsonObject) */
static GPtrArray *
idp_events (IdP *idp)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (!g_file_get_contents (idp->events, &text, NULL, NULL))
    return events;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (lines[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      g_ptr_array_add (events, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }
  return events;
}

/* Successful token grants of @grant_type ("authorization_code",
 * "refresh_token"). */
static guint
idp_count_grants (IdP        *idp,
                  const char *grant_type)
{
  g_autoptr(GPtrArray) events = idp_events (idp);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *o = g_ptr_array_index (events, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), "token") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "result", ""), "ok") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "grant_type", ""), grant_type) == 0)
        n++;
    }
  return n;
}

/* Every request that reached the token endpoint, whatever its result. */
static guint
idp_count_token_requests (IdP *idp)
{
  g_autoptr(GPtrArray) events = idp_events (idp);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (events, i),
                                                               "event", ""), "token") == 0)
      n++;
  return n;
}

/* The last successful authorize event. */
static JsonObject *
idp_last_authorize (IdP *idp)
{
  g_autoptr(GPtrArray) events = idp_events (idp);

  for (guint i = events->len; i > 0; i--)
    {
      JsonObject *o = g_ptr_array_index (events, i - 1);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), "authorize") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "result", ""), "ok") == 0)
        return json_object_ref (o);
    }
  return NULL;
}

/* (element-type utf8): every access and refresh token ever issued. */
static GPtrArray *
idp_issued_tokens (IdP *idp)
{
  g_autoptr(GPtrArray) events = idp_events (idp);
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *o = g_ptr_array_index (events, i);
      const char *a = json_object_get_string_member_with_default (o, "access_token", NULL);
      const char *r = json_object_get_string_member_with_default (o, "refresh_token", NULL);

      if (a != NULL)
        g_ptr_array_add (tokens, g_strdup (a));
      if (r != NULL)
        g_ptr_array_add (tokens, g_strdup (r));
    }
  return tokens;
}

static size_t
discard_cb (char   *ptr,
            size_t  size,
            size_t  nmemb,
            void   *data)
{
  GString *body = data;

  if (body != NULL)
    g_string_append_len (body, ptr, size * nmemb);
  return size * nmemb;
}

/* One GET as a browser would do it, without following redirects.
 * Returns the HTTP status; *location gets the redirect target. */
static long
browser_get (const char  *url,
             char       **location,
             GString     *body)
{
  CURL *curl = curl_easy_init ();
  long status = 0;
  char *redirect = NULL;
  CURLcode rc;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CAINFO, mj_test_certs_get ()->ca_file);
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, discard_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
  rc = curl_easy_perform (curl);
  if (rc != CURLE_OK)
    g_test_message ("browser GET %s: %s", url, curl_easy_strerror (rc));
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (curl, CURLINFO_REDIRECT_URL, &redirect);
  if (location != NULL)
    *location = g_strdup (redirect);
  curl_easy_cleanup (curl);
  return status;
}

static void
idp_control (IdP        *idp,
             const char *what)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/_test/%s", idp->port, what);

  g_assert_cmpint (browser_get (url, NULL, NULL), ==, 200);
}

/* ------------------------------------------------------------------ */
/* mensajero-cli running in the background                             */

typedef struct {
  GSubprocess *process;
  GDataInputStream *out;
  GString *out_text;
  char *err_text;
} Cli;

static Cli *
cli_spawn (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Cli *cli = g_new0 (Cli, 1);

  g_ptr_array_add (argv, (gpointer) g_getenv ("MJ_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display: the CLI must not start a real browser here. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  cli->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  cli->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (cli->process));
  cli->out_text = g_string_new (NULL);
  return cli;
}

/* Reads stdout up to the line holding the sign-in URL (NULL at EOF). */
static char *
cli_read_url (Cli *cli)
{
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (cli->out, NULL, NULL, NULL);

      if (line == NULL)
        return NULL;
      g_string_append_printf (cli->out_text, "%s\n", line);
      if (g_str_has_prefix (line, "https://"))
        return g_steal_pointer (&line);
    }
}

static int
cli_finish (Cli *cli)
{
  g_autoptr(GOutputStream) err = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char *line;
  int status;

  while ((line = g_data_input_stream_read_line_utf8 (cli->out, NULL, NULL, NULL)) != NULL)
    {
      g_string_append_printf (cli->out_text, "%s\n", line);
      g_free (line);
    }
  g_output_stream_splice (err, g_subprocess_get_stderr_pipe (cli->process),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (err, "", 1, NULL, NULL);
  g_subprocess_wait (cli->process, NULL, &error);
  g_assert_no_error (error);
  cli->err_text = g_strdup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (err)));

  if (g_subprocess_get_if_exited (cli->process))
    status = g_subprocess_get_exit_status (cli->process);
  else
    status = 128 + g_subprocess_get_term_sig (cli->process);
  g_test_message ("cli stdout:\n%s\ncli stderr:\n%s", cli->out_text->str, cli->err_text);
  return status;
}

static void
cli_free (Cli *cli)
{
  g_clear_object (&cli->out);
  g_clear_object (&cli->process);
  g_string_free (cli->out_text, TRUE);
  g_free (cli->err_text);
  g_free (cli);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Cli, cli_free)

/* ------------------------------------------------------------------ */
/* Fixture                                                             */

typedef struct {
  MjTestDirs *dirs;
  IdP *idp;
  MjTestSmtpServer *smtp;
  char *pdf;
  GString *outputs;   /* everything the CLI printed */
  char *account;
} Fixture;

static void
fixture_start (Fixture    *f,
               const char *account,
               const char *idp_extra_1,
               const char *idp_extra_2)
{
  f->dirs = mj_test_dirs_new ();
  f->idp = idp_start (idp_extra_1, idp_extra_2, NULL);
  /* --user: the XOAUTH2 "user=" field must be the account's address. */
  f->smtp = mj_test_smtp_server_start ("--token-file", f->idp->token_file,
                                       "--user", "ana@example.test", NULL);
  f->pdf = g_build_filename (f->dirs->root, "factura-2026-031.pdf", NULL);
  mj_test_make_pdf (f->pdf, "Factura 2026-031");
  f->outputs = g_string_new (NULL);
  f->account = g_strdup (account);
  mj_secret_store_clear_all_sync (account, NULL, NULL);
}

static void
fixture_stop (Fixture *f)
{
  mj_secret_store_clear_all_sync (f->account, NULL, NULL);
  mj_test_smtp_server_stop (f->smtp);
  idp_stop (f->idp);
  mj_test_dirs_free (f->dirs);
  g_free (f->pdf);
  g_string_free (f->outputs, TRUE);
  g_free (f->account);
}

/* Starts `account add ACCOUNT --auth oauth2 …` and returns it once the
 * sign-in URL is printed. */
static Cli *
start_sign_in (Fixture  *f,
               char    **url)
{
  g_autofree char *port = g_strdup_printf ("%u", f->smtp->port);
  const char *args[] = {
    "account", "add", f->account, "--email", "ana@example.test",
    "--host", "127.0.0.1", "--port", port, "--security", "starttls",
    "--auth", "oauth2", "--ca-file", mj_test_certs_get ()->ca_file,
    "--oauth-authority", f->idp->authority, "--oauth-client-id", "test",
    NULL
  };
  Cli *cli = cli_spawn (args);

  *url = cli_read_url (cli);
  return cli;
}

/* `account sign-in ACCOUNT` for an existing account; returns once the
 * sign-in URL is printed. */
static Cli *
start_sign_in_again (Fixture  *f,
                     char    **url)
{
  const char *args[] = { "account", "sign-in", f->account, NULL };
  Cli *cli = cli_spawn (args);

  *url = cli_read_url (cli);
  return cli;
}

/* The browser: authorize at the stand-in, then follow the redirect to the
 * CLI's loopback listener, optionally changing the state on the way. With
 * @page, the listener's page is kept there. */
static long
browse_sign_in_page (const char *url,
                     gboolean    forge_state,
                     GString    *page)
{
  g_autofree char *location = NULL;
  long status;

  status = browser_get (url, &location, NULL);
  g_assert_cmpint (status, ==, 302);
  g_assert_nonnull (location);
  /* The registration says http://localhost (README): Microsoft matches the
   * host, so the redirect must not be 127.0.0.1. */
  g_assert_true (g_str_has_prefix (location, "http://localhost:"));

  if (forge_state)
    {
      char *state = strstr (location, "state=");

      g_assert_nonnull (state);
      /* Same length, other value. */
      state[6] = state[6] == 'A' ? 'B' : 'A';
    }

  status = browser_get (location, NULL, page);
  g_test_message ("loopback page (%ld): %s", status, page != NULL ? page->str : "");
  return status;
}

static long
browse_sign_in (const char *url,
                gboolean    forge_state)
{
  g_autoptr(GString) page = g_string_new (NULL);

  return browse_sign_in_page (url, forge_state, page);
}

/* "http://localhost:PORT" of the loopback listener, from the sign-in URL. */
static char *
listener_base (const char *url)
{
  g_autoptr(GHashTable) params = NULL;
  const char *query = strchr (url, '?');

  g_assert_nonnull (query);
  params = g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, "redirect_uri"));
}

static int
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(MjTestRun) run = NULL;
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run = mj_test_run_cliv (NULL, (const char * const *) argv->pdata);
  g_test_message ("%s → %d\nstdout:\n%s\nstderr:\n%s", first, run->status, run->out, run->err);
  g_string_append (f->outputs, run->out);
  g_string_append (f->outputs, run->err);
  return run->status;
}

static int
send_invoice (Fixture *f)
{
  return run_cli (f, "send", "--account", f->account, "--to", "bob@example.test",
                  "--subject", "Factura Nº 2026-031", "--body", "Adjunto la factura.",
                  f->pdf, NULL);
}

static gboolean
account_exists (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) store = mj_account_store_new (&error);

  g_assert_no_error (error);
  return mj_account_store_lookup (store, f->account) != NULL;
}

static char *
stored_access_token (const char *account)
{
  char *value = secret_password_lookup_sync (mj_secret_store_get_schema (), NULL, NULL,
                                             "account", account,
                                             "kind", "oauth-access-token",
                                             NULL);
  char *copy = g_strdup (value);

  secret_password_free (value);
  return copy;
}

static void
assert_nothing_stored (Fixture *f)
{
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;

  g_assert_false (account_exists (f));
  refresh = mj_secret_store_lookup_sync (f->account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
  g_assert_null (refresh);
  access = stored_access_token (f->account);
  g_assert_null (access);
}

/* No issued token in any file below the test's XDG folders, nor in
 * anything the CLI printed. */
static void
assert_no_token_leak (Fixture *f)
{
  g_autoptr(GPtrArray) tokens = idp_issued_tokens (f->idp);

  g_assert_cmpuint (tokens->len, >, 0);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);

      g_assert_false (mj_test_tree_contains (f->dirs->root, token));
      g_assert_null (strstr (f->outputs->str, token));
    }
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_sign_in_then_send (void)
{
  Fixture f = { 0 };
  g_autoptr(Cli) cli = NULL;
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(JsonObject) authorize = NULL;
  g_autofree char *url = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *accounts_ini = NULL;
  g_autofree char *ini_path = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  int status;

  fixture_start (&f, "oauth-send", NULL, NULL);

  cli = start_sign_in (&f, &url);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, f.idp->authority));
  g_assert_nonnull (strstr (url, "/oauth2/v2.0/authorize?"));
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (url, "login_hint=ana%40example.test"));
  g_assert_nonnull (strstr (url, "SMTP.Send"));
  g_assert_nonnull (strstr (url, "offline_access"));
  /* The account picker, never a forced consent (consent loops). */
  g_assert_nonnull (strstr (url, "prompt=select_account"));
  g_assert_null (strstr (url, "prompt=consent"));

  /* What browsers also ask the listener: refused, and the sign-in goes on. */
  {
    g_autofree char *base = listener_base (url);
    g_autofree char *favicon = g_strconcat (base, "/favicon.ico", NULL);
    g_autofree char *other = g_strconcat (base, "/other?code=x&state=y", NULL);
    g_autofree char *bare = g_strconcat (base, "/", NULL);

    g_assert_true (g_str_has_prefix (base, "http://localhost:"));
    g_assert_cmpint (browser_get (favicon, NULL, NULL), ==, 404);
    g_assert_cmpint (browser_get (other, NULL, NULL), ==, 404);
    g_assert_cmpint (browser_get (bare, NULL, NULL), ==, 404);
  }

  g_assert_cmpint (browse_sign_in_page (url, FALSE, page), ==, 200);
  status = cli_finish (cli);
  g_string_append (f.outputs, cli->out_text->str);
  g_string_append (f.outputs, cli->err_text);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (idp_count_grants (f.idp, "authorization_code"), ==, 1);

  /* Exactly the two scopes, the typed address as the hint. */
  authorize = idp_last_authorize (f.idp);
  g_assert_nonnull (authorize);
  g_assert_cmpstr (json_object_get_string_member (authorize, "scope"), ==,
                   "https://outlook.office.com/SMTP.Send offline_access");
  g_assert_cmpstr (json_object_get_string_member (authorize, "login_hint"), ==, "ana@example.test");
  g_assert_cmpstr (json_object_get_string_member (authorize, "prompt"), ==, "select_account");

  /* The browser page says, in Spanish and in English, that the window
   * can be closed. */
  g_assert_nonnull (strstr (page->str, "<section lang=\"en\">"));
  g_assert_nonnull (strstr (page->str, "<section lang=\"es\">"));
  g_assert_nonnull (strstr (page->str, "You can close this window"));
  {
    g_autofree char *es = g_markup_escape_text (mj_i18n_translate ("es", "You are signed in"), -1);

    g_assert_nonnull (strstr (page->str, es));
  }

  /* The account is saved, the refresh token only in the keyring. */
  g_assert_true (account_exists (&f));
  refresh = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
  g_assert_nonnull (refresh);
  g_assert_true (g_str_has_prefix (refresh, "rt-"));
  ini_path = g_build_filename (f.dirs->config_home, "mensajero", "accounts.ini", NULL);
  g_assert_true (g_file_get_contents (ini_path, &accounts_ini, NULL, NULL));
  g_assert_null (strstr (accounts_ini, refresh));

  /* Sending uses the access token kept from the sign-in: no refresh. */
  g_assert_cmpint (send_invoice (&f), ==, 0);
  g_assert_cmpuint (idp_count_grants (f.idp, "refresh_token"), ==, 0);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f.smtp, "auth", "ok"), >=, 1);
  messages = mj_test_smtp_server_get_messages (f.smtp);
  g_assert_cmpuint (messages->len, ==, 1);

  assert_no_token_leak (&f);
  fixture_stop (&f);
}

static void
sign_in_ok (Fixture *f)
{
  g_autoptr(Cli) cli = NULL;
  g_autofree char *url = NULL;
  int status;

  cli = start_sign_in (f, &url);
  g_assert_nonnull (url);
  g_assert_cmpint (browse_sign_in (url, FALSE), ==, 200);
  status = cli_finish (cli);
  g_string_append (f->outputs, cli->out_text->str);
  g_string_append (f->outputs, cli->err_text);
  g_assert_cmpint (status, ==, 0);
}

static void
test_expired_token_refreshed (void)
{
  Fixture f = { 0 };
  g_autofree char *first_refresh = NULL;
  g_autofree char *second_refresh = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  /* Access tokens live 125 s; Mensajero refreshes 120 s before expiry,
   * so after 6 s the token counts as expired. */
  fixture_start (&f, "oauth-expiry", "--expires-in", "125");
  sign_in_ok (&f);
  first_refresh = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                               NULL, NULL);

  g_usleep (6 * G_USEC_PER_SEC);
  /* The server forgets the old token too: only a refreshed one works. */
  idp_control (f.idp, "revoke-access");
  g_assert_cmpint (send_invoice (&f), ==, 0);
  g_assert_cmpuint (idp_count_grants (f.idp, "refresh_token"), ==, 1);

  /* The rotated refresh token replaced the spent one. */
  second_refresh = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN,
                                                NULL, NULL);
  g_assert_nonnull (second_refresh);
  g_assert_cmpstr (first_refresh, !=, second_refresh);

  /* A token that still looks valid but is refused (535): one forced
   * refresh and the send goes through. */
  idp_control (f.idp, "revoke-access");
  g_assert_cmpint (send_invoice (&f), ==, 0);
  g_assert_cmpuint (idp_count_grants (f.idp, "refresh_token"), ==, 2);

  messages = mj_test_smtp_server_get_messages (f.smtp);
  g_assert_cmpuint (messages->len, ==, 2);

  /* The saved sign-in is revoked (and no usable access token is cached):
   * authentication refused, exit 5, and the user is told to sign in
   * again. */
  idp_control (f.idp, "revoke-access");
  idp_control (f.idp, "revoke-refresh");
  g_assert_true (secret_password_clear_sync (mj_secret_store_get_schema (), NULL, NULL,
                                             "account", f.account,
                                             "kind", "oauth-access-token",
                                             NULL));
  g_assert_cmpint (send_invoice (&f), ==, 5);
  g_assert_nonnull (strstr (f.outputs->str, "sign in again"));
  g_assert_nonnull (strstr (f.outputs->str, "AADSTS700082"));
  g_assert_nonnull (strstr (f.outputs->str, "account sign-in oauth-expiry"));

  /* The dead sign-in is not tried again: the next send fails at once,
   * without asking Microsoft, and still says what to do. */
  {
    guint requests = idp_count_token_requests (f.idp);
    g_autofree char *refresh = NULL;

    g_string_truncate (f.outputs, 0);
    g_assert_cmpint (send_invoice (&f), ==, 5);
    g_assert_cmpuint (idp_count_token_requests (f.idp), ==, requests);
    g_assert_nonnull (strstr (f.outputs->str, "sign in again"));
    refresh = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
    g_assert_null (refresh);
  }

  /* `account sign-in` fixes it; the account and its settings stay. */
  {
    g_autoptr(Cli) cli = NULL;
    g_autofree char *url = NULL;
    int status;

    cli = start_sign_in_again (&f, &url);
    g_assert_nonnull (url);
    g_assert_cmpint (browse_sign_in (url, FALSE), ==, 200);
    status = cli_finish (cli);
    g_string_append (f.outputs, cli->out_text->str);
    g_string_append (f.outputs, cli->err_text);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (account_exists (&f));
    g_assert_cmpint (send_invoice (&f), ==, 0);
  }
  messages = mj_test_smtp_server_get_messages (f.smtp);
  g_assert_cmpuint (messages->len, ==, 3);

  assert_no_token_leak (&f);
  fixture_stop (&f);
}

/* invalid_grant whose description carries no AADSTS code: the code is
 * read from error_codes, and the user is still told to sign in again. */
static void
test_revoked_grant_codes_only (void)
{
  Fixture f = { 0 };

  fixture_start (&f, "oauth-revoked", NULL, NULL);
  sign_in_ok (&f);
  idp_control (f.idp, "revoke-access");
  idp_control (f.idp, "revoke-refresh?aadsts=50173&codes-only=1");
  g_assert_true (secret_password_clear_sync (mj_secret_store_get_schema (), NULL, NULL,
                                             "account", f.account,
                                             "kind", "oauth-access-token",
                                             NULL));
  g_assert_cmpint (send_invoice (&f), ==, 5);
  g_assert_nonnull (strstr (f.outputs->str, "AADSTS50173"));
  g_assert_nonnull (strstr (f.outputs->str, "sign in again"));
  assert_no_token_leak (&f);
  fixture_stop (&f);
}

/* Microsoft busy (503 temporarily_unavailable): a temporary failure (exit
 * 3, the queue retries), and the saved sign-in is kept. */
static void
test_identity_platform_busy (void)
{
  Fixture f = { 0 };
  g_autofree char *refresh = NULL;

  fixture_start (&f, "oauth-busy", NULL, NULL);
  sign_in_ok (&f);
  idp_control (f.idp, "revoke-access");
  g_assert_true (secret_password_clear_sync (mj_secret_store_get_schema (), NULL, NULL,
                                             "account", f.account,
                                             "kind", "oauth-access-token",
                                             NULL));
  idp_control (f.idp, "busy?on=1");
  g_assert_cmpint (send_invoice (&f), ==, 3);
  g_assert_null (strstr (f.outputs->str, "sign in again"));
  g_assert_nonnull (strstr (f.outputs->str, "try again later"));
  refresh = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
  g_assert_nonnull (refresh);

  idp_control (f.idp, "busy?on=0");
  g_assert_cmpint (send_invoice (&f), ==, 0);
  assert_no_token_leak (&f);
  fixture_stop (&f);
}

/* A new sign-in that is cancelled leaves the old one as it was. */
static void
test_sign_in_again_cancelled_keeps_old (void)
{
  Fixture f = { 0 };
  g_autoptr(Cli) cli = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MjTestRun) missing = NULL;

  fixture_start (&f, "oauth-again", NULL, NULL);
  sign_in_ok (&f);
  before = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
  g_assert_nonnull (before);

  cli = start_sign_in_again (&f, &url);
  g_assert_nonnull (url);
  g_subprocess_send_signal (cli->process, SIGINT);
  g_assert_cmpint (cli_finish (cli), ==, 1);
  after = mj_secret_store_lookup_sync (f.account, MJ_SECRET_KIND_OAUTH_REFRESH_TOKEN, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (account_exists (&f));
  g_assert_cmpint (send_invoice (&f), ==, 0);

  missing = mj_test_run_cli (NULL, "account", "sign-in", "no-such-account", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  fixture_stop (&f);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The flow object itself: PKCE and state values, the redirect URI, the
 * timeout. */
static void
test_flow_parameters (void)
{
  g_autoptr(MjOAuthFlow) a = mj_oauth_flow_new_full ("https://login.example.test/common/", "client-1",
                                                     "ana@example.test", NULL);
  g_autoptr(MjOAuthFlow) b = mj_oauth_flow_new_full ("https://login.example.test/common", "client-1",
                                                     NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pa = NULL;
  g_autoptr(GHashTable) pb = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MjOAuthTokens) tokens = NULL;
  const char *challenge;
  const char *state;
  gint64 start;

  g_assert_true (mj_oauth_flow_start (a, &error));
  g_assert_no_error (error);
  g_assert_true (mj_oauth_flow_start (b, &error));
  g_assert_true (g_str_has_prefix (mj_oauth_flow_get_authorize_url (a),
                                   "https://login.example.test/common/oauth2/v2.0/authorize?"));
  pa = g_uri_parse_params (strchr (mj_oauth_flow_get_authorize_url (a), '?') + 1, -1, "&",
                           G_URI_PARAMS_NONE, &error);
  pb = g_uri_parse_params (strchr (mj_oauth_flow_get_authorize_url (b), '?') + 1, -1, "&",
                           G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (g_hash_table_lookup (pa, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (pa, "scope"), ==,
                   "https://outlook.office.com/SMTP.Send offline_access");
  g_assert_cmpstr (g_hash_table_lookup (pa, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (pa, "login_hint"), ==, "ana@example.test");
  g_assert_null (g_hash_table_lookup (pb, "login_hint"));
  g_assert_cmpstr (g_hash_table_lookup (pa, "redirect_uri"), ==, mj_oauth_flow_get_redirect_uri (a));
  g_assert_true (g_str_has_prefix (mj_oauth_flow_get_redirect_uri (a), "http://localhost:"));

  /* S256: base64url of 32 bytes, no padding (RFC 7636 §4.2). */
  challenge = g_hash_table_lookup (pa, "code_challenge");
  g_assert_cmpuint (strlen (challenge), ==, 43);
  for (const char *c = challenge; *c != '\0'; c++)
    g_assert_true (g_ascii_isalnum (*c) || *c == '-' || *c == '_');
  /* state: unguessable, and new for every sign-in. */
  state = g_hash_table_lookup (pa, "state");
  g_assert_cmpuint (strlen (state), >=, 22);
  g_assert_cmpstr (state, !=, g_hash_table_lookup (pb, "state"));
  g_assert_cmpstr (challenge, !=, g_hash_table_lookup (pb, "code_challenge"));
  g_assert_cmpstr (mj_oauth_flow_get_redirect_uri (a), !=, mj_oauth_flow_get_redirect_uri (b));

  /* Nobody comes back: the wait ends by itself with a clear error. */
  mj_oauth_flow_set_timeout (a, 1);
  start = g_get_monotonic_time ();
  mj_oauth_flow_wait_async (a, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  tokens = mj_oauth_flow_wait_finish (a, result, &error);
  g_assert_null (tokens);
  g_assert_error (error, MJ_OAUTH_ERROR, MJ_OAUTH_ERROR_TIMED_OUT);
  g_assert_cmpint (mj_oauth_error_exit_code (error), ==, MJ_EXIT_TEMPORARY);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancellable: Ctrl+C or the wizard's Cancel. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    mj_oauth_flow_set_timeout (b, 0);
    mj_oauth_flow_wait_async (b, cancellable, store_result, &result);
    g_cancellable_cancel (cancellable);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    tokens = mj_oauth_flow_wait_finish (b, result, &error);
    g_assert_null (tokens);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_wrong_state_refused (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(Cli) cli = NULL;
  g_autofree char *url = NULL;
  int status;

  fixture_start (&f, "oauth-state", NULL, NULL);
  cli = start_sign_in (&f, &url);
  g_assert_nonnull (url);
  g_assert_cmpint (browse_sign_in_page (url, TRUE, page), ==, 400);
  status = cli_finish (cli);
  /* The browser got the whole page before the CLI exited. */
  g_assert_nonnull (strstr (page->str, "</html>"));
  g_assert_cmpint (status, ==, 5);
  g_assert_nonnull (strstr (cli->err_text, "state"));
  /* The code was never exchanged, nothing kept. */
  g_assert_cmpuint (idp_count_grants (f.idp, "authorization_code"), ==, 0);
  assert_nothing_stored (&f);
  fixture_stop (&f);
}

static void
test_cancelled_sign_in_stores_nothing (void)
{
  Fixture f = { 0 };
  g_autoptr(Cli) cli = NULL;
  g_autofree char *url = NULL;
  int status;

  fixture_start (&f, "oauth-cancel", NULL, NULL);
  cli = start_sign_in (&f, &url);
  g_assert_nonnull (url);
  /* Ctrl+C while waiting for the browser. */
  g_subprocess_send_signal (cli->process, SIGINT);
  status = cli_finish (cli);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (cli->err_text, "cancelled"));
  assert_nothing_stored (&f);
  fixture_stop (&f);
}

static void
test_consent_denied_explained (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(Cli) cli = NULL;
  g_autofree char *url = NULL;
  int status;

  fixture_start (&f, "oauth-consent", "--deny", "consent");
  cli = start_sign_in (&f, &url);
  g_assert_nonnull (url);
  g_assert_cmpint (browse_sign_in_page (url, FALSE, page), ==, 200);
  status = cli_finish (cli);
  g_assert_nonnull (strstr (page->str, "You can close this window"));
  g_assert_nonnull (strstr (page->str, "</html>"));
  g_assert_cmpint (status, ==, 5);
  g_assert_nonnull (strstr (cli->err_text, "AADSTS65001"));
  assert_nothing_stored (&f);
  fixture_stop (&f);
}

static void
test_no_client_id (void)
{
  g_autoptr(MjTestDirs) dirs = NULL;
  g_autoptr(MjTestRun) run = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *text = NULL;

  if (MJ_DEFAULT_OAUTH_CLIENT_ID[0] != '\0')
    {
      g_test_skip ("this build has a default client id");
      return;
    }
  dirs = mj_test_dirs_new ();
  run = mj_test_run_cli (NULL, "account", "add", "oauth-noid", "--email", "ana@hotmail.es",
                         "--auth", "oauth2", NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, "README"));
  ini = g_build_filename (dirs->config_home, "mensajero", "accounts.ini", NULL);
  if (g_file_get_contents (ini, &text, NULL, NULL))
    g_assert_null (strstr (text, "oauth-noid"));
}

int
main (int    argc,
      char **argv)
{
  mj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);

  g_test_add_func ("/oauth/sign-in-then-send", test_sign_in_then_send);
  g_test_add_func ("/oauth/expired-token-refreshed", test_expired_token_refreshed);
  g_test_add_func ("/oauth/wrong-state-refused", test_wrong_state_refused);
  g_test_add_func ("/oauth/cancelled-sign-in-stores-nothing", test_cancelled_sign_in_stores_nothing);
  g_test_add_func ("/oauth/consent-denied-explained", test_consent_denied_explained);
  g_test_add_func ("/oauth/no-client-id", test_no_client_id);
  g_test_add_func ("/oauth/revoked-grant-codes-only", test_revoked_grant_codes_only);
  g_test_add_func ("/oauth/identity-platform-busy", test_identity_platform_busy);
  g_test_add_func ("/oauth/sign-in-again-cancelled-keeps-old", test_sign_in_again_cancelled_keeps_old);
  g_test_add_func ("/oauth/flow-parameters", test_flow_parameters);

  return g_test_run ();
}
