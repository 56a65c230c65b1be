#include "config.h"

#include <glib/gi18n.h>

#include "mj-i18n.h"

/* Both languages are available whatever the process locale is (the tests
 * run under C.UTF-8, where gettext itself would translate nothing). */
static void
test_both_languages (void)
{
  const char *msgid = N_("Commands:");

  g_assert_cmpstr (mj_i18n_translate ("en", msgid), ==, "Commands:");
  g_assert_cmpstr (mj_i18n_translate ("es", msgid), ==, "Órdenes:");
  g_assert_cmpstr (mj_i18n_translate ("es_ES.UTF-8", msgid), ==, "Órdenes:");
  /* Unknown strings and languages fall back to English. */
  g_assert_cmpstr (mj_i18n_translate ("es", "no such message"), ==, "no such message");
  g_assert_cmpstr (mj_i18n_translate ("de", msgid), ==, "Commands:");
}

static void
test_ui_lang (void)
{
  mj_i18n_set_ui_lang ("es");
  g_assert_cmpstr (M_("Commands:"), ==, "Órdenes:");
  mj_i18n_set_ui_lang ("en");
  g_assert_cmpstr (M_("Commands:"), ==, "Commands:");
  mj_i18n_set_ui_lang (NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/i18n/both-languages", test_both_languages);
  g_test_add_func ("/mj/i18n/ui-lang", test_ui_lang);

  return g_test_run ();
}
