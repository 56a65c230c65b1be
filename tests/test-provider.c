#include "config.h"

#include "mj-account.h"
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
  const char *expected[] = { "outlook.com", "microsoft365", "gmail", "yahoo", "icloud",
                             "ionos", "zoho", "gmx", "generic" };

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
  g_assert_true (g_strv_contains (mj_provider_get_domain_prefixes (outlook), "hotmail."));

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
  g_test_add_func ("/provider/names-translated", test_names_translated);
  g_test_add_func ("/provider/enum-strings", test_enum_strings);
  g_test_add_func ("/provider/account-validation", test_account_validation);

  return g_test_run ();
}
