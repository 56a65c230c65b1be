#include "config.h"

#include <string.h>

#include "mj-account.h"
#include "mj-app-password-texts.h"
#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-provider.h"

static void
test_presets (void)
{
  GPtrArray *all = mj_provider_get_all ();
  MjProvider *outlook = mj_provider_lookup ("outlook.com");
  MjProvider *m365 = mj_provider_lookup ("microsoft365");
  MjProvider *yahoo = mj_provider_lookup ("yahoo");
  const char *expected[] = { "outlook.com", "microsoft365", "gmail", "google-workspace", "yahoo",
                             "icloud", "ionos", "zoho", "zoho-eu", "zoho-in", "gmx", "gmx.net",
                             "generic" };

  g_assert_cmpuint (all->len, >=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (mj_provider_lookup (expected[i]));
  g_assert_cmpstr (mj_provider_get_id (g_ptr_array_index (all, all->len - 1)), ==, "generic");
  g_assert_null (mj_provider_lookup ("nope"));

  g_assert_cmpstr (mj_provider_get_host (outlook), ==, "smtp-mail.outlook.com");
  g_assert_cmpuint (mj_provider_get_port (outlook), ==, 587);
  g_assert_cmpint (mj_provider_get_security (outlook), ==, MJ_SECURITY_STARTTLS);
  g_assert_false (mj_provider_supports_auth (outlook, MJ_AUTH_PASSWORD));
  g_assert_cmpint (mj_provider_get_preferred_auth (outlook), ==, MJ_AUTH_OAUTH2);
  g_assert_cmpstr (mj_provider_get_password_kind (outlook), ==, "none");
  g_assert_true (g_strv_contains (mj_provider_get_domains (outlook), "hotmail.es"));

  g_assert_cmpstr (mj_provider_get_host (m365), ==, "smtp.office365.com");
  g_assert_cmpuint (mj_provider_get_messages_per_minute (m365), ==, 30);
  g_assert_cmpuint (mj_provider_get_recipients_per_day (m365), ==, 10000);
  g_assert_cmpuint (mj_provider_get_max_message_bytes (m365), ==, 35 * 1024 * 1024);
  g_assert_cmpstr (mj_provider_get_auth_methods (m365)[0], ==, "oauth2");
  g_assert_true (mj_provider_supports_auth (m365, MJ_AUTH_PASSWORD));
  g_assert_true (g_strv_contains (mj_provider_get_mx_suffixes (m365), ".mail.protection.outlook.com"));

  g_assert_cmpint (mj_provider_get_security (yahoo), ==, MJ_SECURITY_TLS);
  g_assert_cmpuint (mj_provider_get_port (yahoo), ==, 465);
  g_assert_cmpstr (mj_provider_get_password_kind (yahoo), ==, "app-password");
}

/* Host, port, security and sign-in of every preset, as the providers
 * document them (sources in data/providers.ini). */
static void
test_endpoints_table (void)
{
  static const struct {
    const char *id;
    const char *host;
    guint port;
    MjSecurity security;
    const char *auth0;
    const char *auth1;
  } cases[] = {
    { "outlook.com", "smtp-mail.outlook.com", 587, MJ_SECURITY_STARTTLS, "oauth2", NULL },
    { "microsoft365", "smtp.office365.com", 587, MJ_SECURITY_STARTTLS, "oauth2", "password" },
    { "gmail", "smtp.gmail.com", 587, MJ_SECURITY_STARTTLS, "password", NULL },
    { "google-workspace", "smtp.gmail.com", 587, MJ_SECURITY_STARTTLS, "password", NULL },
    { "yahoo", "smtp.mail.yahoo.com", 465, MJ_SECURITY_TLS, "password", NULL },
    { "icloud", "smtp.mail.me.com", 587, MJ_SECURITY_STARTTLS, "password", NULL },
    { "ionos", "smtp.ionos.es", 587, MJ_SECURITY_STARTTLS, "password", NULL },
    { "zoho", "smtp.zoho.com", 465, MJ_SECURITY_TLS, "password", NULL },
    { "zoho-eu", "smtp.zoho.eu", 465, MJ_SECURITY_TLS, "password", NULL },
    { "zoho-in", "smtp.zoho.in", 465, MJ_SECURITY_TLS, "password", NULL },
    { "gmx", "mail.gmx.com", 587, MJ_SECURITY_STARTTLS, "password", NULL },
    { "gmx.net", "mail.gmx.net", 587, MJ_SECURITY_STARTTLS, "password", NULL },
    { "generic", "", 587, MJ_SECURITY_STARTTLS, "password", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MjProvider *p = mj_provider_lookup (cases[i].id);
      const char * const *auth;

      g_test_message ("%s", cases[i].id);
      g_assert_nonnull (p);
      auth = mj_provider_get_auth_methods (p);
      g_assert_cmpstr (mj_provider_get_host (p), ==, cases[i].host);
      g_assert_cmpuint (mj_provider_get_port (p), ==, cases[i].port);
      g_assert_cmpint (mj_provider_get_security (p), ==, cases[i].security);
      g_assert_cmpstr (auth[0], ==, cases[i].auth0);
      g_assert_cmpstr (auth[1], ==, cases[i].auth1);
    }
}

/* The numbers the queue paces to and the pre-send checks compare with:
 * Microsoft's from the facts sheet (§3a, §3b), the others from the
 * providers' pages; 0 where nothing is published. */
static void
test_limits_table (void)
{
  static const struct {
    const char *id;
    guint64 max_bytes;
    guint per_minute;
    guint per_day;
    guint per_message;
  } cases[] = {
    { "microsoft365", 35 * 1024 * 1024, 30, 10000, 500 },
    { "outlook.com", 25 * 1024 * 1024, 30, 300, 500 },
    { "gmail", 25 * 1024 * 1024, 0, 500, 100 },
    { "google-workspace", 25 * 1024 * 1024, 0, 3000, 100 },
    { "icloud", 20 * 1024 * 1024, 0, 1000, 500 },
    { "ionos", 100 * 1024 * 1024, 0, 0, 0 },
    { "zoho", 20 * 1024 * 1024, 0, 0, 100 },
    { "gmx", 0, 0, 0, 0 },
    { "generic", 0, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MjProvider *p = mj_provider_lookup (cases[i].id);

      g_test_message ("%s", cases[i].id);
      g_assert_cmpuint (mj_provider_get_max_message_bytes (p), ==, cases[i].max_bytes);
      g_assert_cmpuint (mj_provider_get_messages_per_minute (p), ==, cases[i].per_minute);
      g_assert_cmpuint (mj_provider_get_recipients_per_day (p), ==, cases[i].per_day);
      g_assert_cmpuint (mj_provider_get_recipients_per_message (p), ==, cases[i].per_message);
    }
}

/* Rules every preset keeps, whatever is added to providers.ini later. */
static void
test_table_consistency (void)
{
  GPtrArray *all = mj_provider_get_all ();
  g_autoptr(GHashTable) owner = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all->len; i++)
    {
      MjProvider *p = g_ptr_array_index (all, i);
      const char *id = mj_provider_get_id (p);
      const char * const *domains = mj_provider_get_domains (p);
      const char * const *suffixes = mj_provider_get_mx_suffixes (p);

      g_test_message ("%s", id);
      /* A domain names one provider only, in the form the detector
       * compares (lower case, no trailing dot). */
      for (guint j = 0; domains[j] != NULL; j++)
        {
          g_autofree char *lower = g_ascii_strdown (domains[j], -1);

          g_assert_cmpstr (domains[j], ==, lower);
          g_assert_false (g_str_has_suffix (domains[j], "."));
          if (g_hash_table_contains (owner, domains[j]))
            g_error ("%s is listed by %s and %s", domains[j],
                     (char *) g_hash_table_lookup (owner, domains[j]), id);
          g_hash_table_insert (owner, (gpointer) domains[j], (gpointer) id);
        }
      /* Suffixes start with a dot: ".mx.microsoft" never matches
       * "evilmx.microsoft". */
      for (guint j = 0; suffixes[j] != NULL; j++)
        g_assert_true (suffixes[j][0] == '.' && suffixes[j][1] != '\0');

      /* Microsoft refuses passwords from Outlook.com; everyone else offering
       * one has a guide that says where to make it. */
      if (mj_provider_supports_auth (p, MJ_AUTH_PASSWORD) && !g_str_equal (id, "generic"))
        {
          g_assert_nonnull (mj_app_password_texts_lookup (id));
          g_assert_cmpstr (mj_provider_get_password_kind (p), !=, "none");
        }
      /* Only Microsoft's servers take "Sign in with Microsoft". */
      if (mj_provider_supports_auth (p, MJ_AUTH_OAUTH2))
        g_assert_true (g_str_has_suffix (mj_provider_get_host (p), ".outlook.com") ||
                       g_str_has_suffix (mj_provider_get_host (p), ".office365.com"));
    }
  g_assert_null (mj_app_password_texts_lookup ("outlook.com"));
  g_assert_null (mj_app_password_texts_lookup ("generic"));
  /* Yahoo Japan is another company with other servers. */
  g_assert_false (g_hash_table_contains (owner, "yahoo.co.jp"));
}

/* mx-hosts: the submission server follows the MX (country, business plan). */
static void
test_host_for_mx (void)
{
  static const struct {
    const char *id;
    const char *mx;
    const char *host;
  } cases[] = {
    { "ionos", "mx00.ionos.es", "smtp.ionos.es" },
    { "ionos", "mx01.1and1.es", "smtp.ionos.es" },
    { "ionos", "mx00.ionos.de", "smtp.ionos.de" },
    { "ionos", "mx00.kundenserver.de", "smtp.ionos.de" },
    { "ionos", "mx00.ionos.co.uk", "smtp.ionos.co.uk" },
    { "zoho", "mx.zoho.com", "smtppro.zoho.com" },
    { "zoho-eu", "mx2.zoho.eu", "smtppro.zoho.eu" },
    { "zoho-in", "mx.zoho.in", "smtppro.zoho.in" },
    { "microsoft365", "contoso-com.mail.protection.outlook.com", "smtp.office365.com" },
    { "zoho-eu", NULL, "smtp.zoho.eu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MjProvider *p = mj_provider_lookup (cases[i].id);

      g_test_message ("%s %s", cases[i].id, cases[i].mx);
      g_assert_cmpstr (mj_provider_get_host_for_mx (p, cases[i].mx), ==, cases[i].host);
      g_assert_true (mj_provider_is_submission_host (p, cases[i].host));
    }
  g_assert_cmpuint (mj_provider_match_mx (mj_provider_lookup ("microsoft365"), "evilmx.microsoft"), ==, 0);
  g_assert_cmpuint (mj_provider_match_mx (mj_provider_lookup ("microsoft365"), "mx.microsoft"), >, 0);
  g_assert_cmpuint (mj_provider_match_mx (mj_provider_lookup ("yahoo"),
                                          "mx-aol.mail.gm0.yahoodns.net"), ==, 0);
  /* The regional presets share their provider's guide. */
  g_assert_cmpstr (mj_app_password_texts_lookup ("zoho-eu")->provider_id, ==, "zoho");
  g_assert_cmpstr (mj_app_password_texts_lookup ("gmx.net")->provider_id, ==, "gmx");
  g_assert_nonnull (mj_app_password_texts_lookup ("google-workspace")->notice);
}

static void
test_names_translated (void)
{
  MjProvider *generic = mj_provider_lookup ("generic");

  g_assert_cmpstr (mj_provider_get_name_for_lang (generic, "en"), ==, "Other mail server");
  g_assert_cmpstr (mj_provider_get_name_for_lang (generic, "es"), !=, "Other mail server");
}

static void
test_enum_strings (void)
{
  MjSecurity security;
  MjAuthMethod auth;

  g_assert_true (mj_security_from_string ("tls", &security));
  g_assert_cmpint (security, ==, MJ_SECURITY_TLS);
  g_assert_cmpstr (mj_security_to_string (MJ_SECURITY_STARTTLS), ==, "starttls");
  g_assert_false (mj_security_from_string ("none", &security));
  g_assert_true (mj_auth_method_from_string ("oauth2", &auth));
  g_assert_cmpint (auth, ==, MJ_AUTH_OAUTH2);
  g_assert_false (mj_auth_method_from_string ("plain", &auth));
}

static void
test_account_validation (void)
{
  g_autoptr(MjAccount) account = mj_account_new_for_provider ("work", "ana@outlook.es",
                                                              mj_provider_lookup ("outlook.com"));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mj_account_get_auth (account), ==, MJ_AUTH_OAUTH2);
  g_assert_true (mj_account_validate (account, &error));
  g_assert_cmpstr (mj_account_get_login (account), ==, "ana@outlook.es");
  g_assert_cmpstr (mj_account_get_oauth_authority (account), ==, MJ_DEFAULT_OAUTH_AUTHORITY);

  /* Outlook.com refuses passwords. */
  mj_account_set_auth (account, MJ_AUTH_PASSWORD);
  g_assert_false (mj_account_validate (account, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INSECURE);
  g_clear_error (&error);

  mj_account_set_auth (account, MJ_AUTH_OAUTH2);
  mj_account_set_host (account, "smtp.example.com\r\nX");
  g_assert_false (mj_account_validate (account, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION);
  g_clear_error (&error);

  mj_account_set_host (account, "smtp.example.com");
  mj_account_set_email (account, "not an address");
  g_assert_false (mj_account_validate (account, &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS);
}

int
main (int    argc,
      char **argv)
{
  mj_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provider/presets", test_presets);
  g_test_add_func ("/provider/endpoints-table", test_endpoints_table);
  g_test_add_func ("/provider/limits-table", test_limits_table);
  g_test_add_func ("/provider/table-consistency", test_table_consistency);
  g_test_add_func ("/provider/host-for-mx", test_host_for_mx);
  g_test_add_func ("/provider/names-translated", test_names_translated);
  g_test_add_func ("/provider/enum-strings", test_enum_strings);
  g_test_add_func ("/provider/account-validation", test_account_validation);

  return g_test_run ();
}
