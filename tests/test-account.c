/* Accounts through mensajero-cli and the core: accounts.ini holds the
 * settings, the keyring the password, and nothing else holds either. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "mj-account-store.h"
#include "mj-error.h"
#include "mj-secret-store.h"
#include "mj-test-utils.h"

#define PASSWORD "Pw-for-account-tests-9"

static char *
unique_name (const char *prefix)
{
  static guint counter;

  return g_strdup_printf ("%s-%d-%u", prefix, (int) getpid (), ++counter);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_add_list_show_remove (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autofree char *name = unique_name ("acct");
  g_autofree char *ini = g_build_filename (dirs->config_home, "mensajero", "accounts.ini", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjTestRun) add = NULL;
  g_autoptr(MjTestRun) list = NULL;
  g_autoptr(MjTestRun) show = NULL;
  g_autoptr(MjTestRun) removed = NULL;
  g_autoptr(MjTestRun) again = NULL;
  g_autoptr(JsonNode) list_json = NULL;
  g_autoptr(JsonNode) show_json = NULL;
  g_autoptr(MjAccountStore) store = NULL;
  JsonObject *o;

  add = mj_test_run_cli (PASSWORD "\n", "account", "add", name, "--email", "ana@gmail.com",
                         "--display-name", "Fontanería Pérez", "--ca-file",
                         mj_test_certs_get ()->ca_file, "--password-stdin", NULL);
  g_assert_cmpint (add->status, ==, 0);
  g_assert_null (strstr (add->out, PASSWORD));

  /* Settings on disk, the password only in the keyring. */
  g_assert_true (g_file_get_contents (ini, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "smtp.gmail.com"));
  g_assert_false (mj_test_tree_contains (dirs->root, PASSWORD));
  secret = mj_secret_store_lookup_sync (name, MJ_SECRET_KIND_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, PASSWORD);

  /* The core reads what the CLI wrote. */
  store = mj_account_store_new_for_path (ini, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (mj_account_get_display_name (mj_account_store_lookup (store, name)), ==,
                   "Fontanería Pérez");
  g_assert_true (mj_account_store_get_default (store) == mj_account_store_lookup (store, name));

  list = mj_test_run_cli (NULL, "account", "list", "--json", NULL);
  g_assert_cmpint (list->status, ==, 0);
  list_json = parse_json (list->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_json)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (list_json), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (o, "provider"), ==, "gmail");
  g_assert_cmpstr (json_object_get_string_member (o, "security"), ==, "starttls");
  g_assert_cmpint (json_object_get_int_member (o, "port"), ==, 587);
  g_assert_true (json_object_get_boolean_member (o, "default"));

  show = mj_test_run_cli (NULL, "account", "show", name, "--json", NULL);
  g_assert_cmpint (show->status, ==, 0);
  show_json = parse_json (show->out);
  o = json_node_get_object (show_json);
  g_assert_cmpstr (json_object_get_string_member (o, "host"), ==, "smtp.gmail.com");
  g_assert_cmpstr (json_object_get_string_member (o, "auth"), ==, "password");
  g_assert_cmpstr (json_object_get_string_member (o, "ca_file"), ==, mj_test_certs_get ()->ca_file);
  g_assert_null (strstr (show->out, PASSWORD));

  /* Same name twice: refused. */
  again = mj_test_run_cli ("other\n", "account", "add", name, "--email", "ana@gmail.com",
                           "--password-stdin", NULL);
  g_assert_cmpint (again->status, ==, 1);

  removed = mj_test_run_cli (NULL, "account", "remove", name, NULL);
  g_assert_cmpint (removed->status, ==, 0);
  g_clear_pointer (&secret, mj_secret_free);
  secret = mj_secret_store_lookup_sync (name, MJ_SECRET_KIND_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  g_assert_true (mj_account_store_load (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_outlook_password_refused (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autofree char *name = unique_name ("outlook");
  g_autofree char *ini = g_build_filename (dirs->config_home, "mensajero", "accounts.ini", NULL);
  g_autoptr(MjTestRun) en = NULL;
  g_autoptr(MjTestRun) es = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  en = mj_test_run_cli (PASSWORD "\n", "--lang", "en", "account", "add", name,
                        "--email", "ana@hotmail.es", "--auth", "password", "--password-stdin", NULL);
  g_assert_cmpint (en->status, ==, 1);
  g_assert_nonnull (strstr (en->err, "September 2024"));
  g_assert_nonnull (strstr (en->err, "--auth oauth2"));

  es = mj_test_run_cli (PASSWORD "\n", "--lang", "es", "account", "add", name,
                        "--email", "ana@outlook.com", "--auth", "password", "--password-stdin", NULL);
  g_assert_cmpint (es->status, ==, 1);
  g_assert_nonnull (strstr (es->err, "septiembre de 2024"));

  /* Nothing was kept. */
  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
  secret = mj_secret_store_lookup_sync (name, MJ_SECRET_KIND_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
}

static void
test_bad_input (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autofree char *name = unique_name ("bad");
  const char *cases[][6] = {
    { "--email", "not-an-address", "--host", "smtp.example.com", NULL },
    { "--email", "a@example.com", NULL },                               /* unknown provider */
    { "--email", "a@example.com", "--provider", "nope", NULL },
    { "--email", "a@example.com", "--host", "smtp.example.com", "--security", "none" },
    { "--email", "a@example.com", "--host", "smtp.example.com", "--port", "70000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(MjTestRun) run = NULL;

      g_ptr_array_add (argv, (gpointer) "account");
      g_ptr_array_add (argv, (gpointer) "add");
      g_ptr_array_add (argv, name);
      for (guint j = 0; j < 6 && cases[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) cases[i][j]);
      g_ptr_array_add (argv, (gpointer) "--password-stdin");
      g_ptr_array_add (argv, NULL);
      run = mj_test_run_cliv ("pw\n", (const char * const *) argv->pdata);
      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->err, !=, "");
    }
  g_assert_false (mj_test_tree_contains (dirs->root, "pw"));
}

/* `account add` without --host uses the same domain table as the
 * detector: exact domains, the right server family, no guessing. */
static void
test_add_uses_domain_table (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autofree char *gmx = unique_name ("gmx");
  g_autofree char *look = unique_name ("look");
  g_autoptr(MjTestRun) add = NULL;
  g_autoptr(MjTestRun) show = NULL;
  g_autoptr(MjTestRun) lookalike = NULL;
  g_autoptr(MjTestRun) removed = NULL;
  g_autoptr(JsonNode) show_json = NULL;
  JsonObject *o;

  /* gmx.de is GMX's German family: mail.gmx.net, not mail.gmx.com. */
  add = mj_test_run_cli (PASSWORD "\n", "account", "add", gmx, "--email", "Ana@GMX.de",
                         "--password-stdin", NULL);
  g_assert_cmpint (add->status, ==, 0);
  show = mj_test_run_cli (NULL, "account", "show", gmx, "--json", NULL);
  g_assert_cmpint (show->status, ==, 0);
  show_json = parse_json (show->out);
  o = json_node_get_object (show_json);
  g_assert_cmpstr (json_object_get_string_member (o, "provider"), ==, "gmx.net");
  g_assert_cmpstr (json_object_get_string_member (o, "host"), ==, "mail.gmx.net");

  /* "live." and a country code is not enough to be Outlook.com. */
  lookalike = mj_test_run_cli (PASSWORD "\n", "account", "add", look, "--email",
                               "ana@live.example.org", "--password-stdin", NULL);
  g_assert_cmpint (lookalike->status, ==, 1);
  g_assert_nonnull (strstr (lookalike->err, "--host"));

  removed = mj_test_run_cli (NULL, "account", "remove", gmx, NULL);
  g_assert_cmpint (removed->status, ==, 0);
}

/* "Sign in with Microsoft" is offered for Microsoft's servers only, and
 * `account sign-in` only for accounts that use it. */
static void
test_auth_method_checked (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autofree char *name = unique_name ("gmail");
  g_autofree char *ini = g_build_filename (dirs->config_home, "mensajero", "accounts.ini", NULL);
  g_autoptr(MjTestRun) oauth = NULL;
  g_autoptr(MjTestRun) add = NULL;
  g_autoptr(MjTestRun) sign_in = NULL;
  g_autoptr(MjTestRun) removed = NULL;

  oauth = mj_test_run_cli (NULL, "--lang", "en", "account", "add", name, "--email", "ana@gmail.com",
                           "--auth", "oauth2", NULL);
  g_assert_cmpint (oauth->status, ==, 1);
  g_assert_nonnull (strstr (oauth->err, "--auth password"));
  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));

  add = mj_test_run_cli (PASSWORD "\n", "account", "add", name, "--email", "ana@gmail.com",
                         "--password-stdin", NULL);
  g_assert_cmpint (add->status, ==, 0);
  sign_in = mj_test_run_cli (NULL, "account", "sign-in", name, NULL);
  g_assert_cmpint (sign_in->status, ==, 1);
  g_assert_cmpstr (sign_in->out, ==, "");
  removed = mj_test_run_cli (NULL, "account", "remove", name, NULL);
  g_assert_cmpint (removed->status, ==, 0);
}

static void
test_store_signals (void)
{
  g_autoptr(MjTestDirs) dirs = mj_test_dirs_new ();
  g_autofree char *path = g_build_filename (dirs->config_home, "x", "accounts.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) store = mj_account_store_new_for_path (path, &error);
  g_autoptr(MjAccount) b = mj_account_new ("b", "b@example.com");
  g_autoptr(MjAccount) a = mj_account_new ("a", "a@example.com");
  g_autoptr(MjAccountStore) reread = NULL;
  g_autoptr(MjAccount) first = NULL;

  g_assert_no_error (error);
  mj_account_set_host (a, "smtp.example.com");
  mj_account_set_host (b, "smtp.example.com");
  mj_account_set_security (b, MJ_SECURITY_TLS);
  mj_account_set_port (b, 465);
  mj_account_set_oauth_client_id (b, "client-123");
  g_assert_true (mj_account_store_add (store, b, &error));
  g_assert_true (mj_account_store_add (store, a, &error));
  g_assert_true (mj_account_store_set_default (store, "b", &error));
  g_assert_no_error (error);

  /* Sorted by name. */
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (first == a);

  reread = mj_account_store_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 2);
  g_assert_cmpstr (mj_account_get_name (mj_account_store_get_default (reread)), ==, "b");
  g_assert_cmpint (mj_account_get_security (mj_account_store_lookup (reread, "b")), ==, MJ_SECURITY_TLS);
  g_assert_cmpuint (mj_account_get_port (mj_account_store_lookup (reread, "b")), ==, 465);
  g_assert_cmpstr (mj_account_get_oauth_client_id (mj_account_store_lookup (reread, "b")), ==, "client-123");

  g_assert_false (mj_account_store_remove (store, "zzz", &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (mj_account_store_remove (store, "b", &error));
  g_assert_cmpstr (mj_account_get_name (mj_account_store_get_default (store)), ==, "a");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/add-list-show-remove", test_add_list_show_remove);
  g_test_add_func ("/account/outlook-password-refused", test_outlook_password_refused);
  g_test_add_func ("/account/bad-input", test_bad_input);
  g_test_add_func ("/account/add-uses-domain-table", test_add_uses_domain_table);
  g_test_add_func ("/account/auth-method-checked", test_auth_method_checked);
  g_test_add_func ("/account/store", test_store_signals);

  return g_test_run ();
}
