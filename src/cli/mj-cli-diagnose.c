#define G_LOG_DOMAIN "mj-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-account-store.h"
#include "mj-cli.h"
#include "mj-diagnostics.h"
#include "mj-domain-check.h"
#include "mj-error.h"
#include "mj-i18n.h"

static void
add_bilingual (JsonBuilder *b,
               const char  *member,
               const char  *en,
               const char  *es)
{
  json_builder_set_member_name (b, member);
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
add_text_entry (JsonBuilder            *b,
                const MjDiagnosticText *t)
{
  json_builder_set_member_name (b, "text_id");
  json_builder_add_string_value (b, t->id);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, t->reason);
  json_builder_set_member_name (b, "who_fixes");
  json_builder_add_string_value (b, mj_who_fixes_to_string (t->who_fixes));
  add_bilingual (b, "title", t->title, mj_i18n_translate (MJ_LANG_ES, t->title));
  add_bilingual (b, "explanation", t->explanation, mj_i18n_translate (MJ_LANG_ES, t->explanation));
  add_bilingual (b, "action", t->action, mj_i18n_translate (MJ_LANG_ES, t->action));
}

static JsonNode *
build_json (MjDiagnostics *diag,
            GPtrArray     *findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const MjTlsInfo *tls = mj_diagnostics_get_tls_info (diag);
  MjDiagnosticStep *failed = mj_diagnostics_get_failed_step (diag);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, mj_diagnostics_get_ok (diag));
  json_builder_set_member_name (b, "account");
  json_builder_add_string_value (b, mj_account_get_name (mj_diagnostics_get_account (diag)));
  json_builder_set_member_name (b, "failed_step");
  if (failed != NULL)
    json_builder_add_string_value (b, mj_diagnostic_step_id_to_string (mj_diagnostic_step_get_id (failed)));
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    {
      MjDiagnosticStep *step = mj_diagnostics_get_step (diag, i);
      const char *detail = mj_diagnostic_step_get_detail (step);
      MjExplanation *explanation = mj_diagnostic_step_get_explanation (step);
      const MjDiagnosticText *text = mj_diagnostic_step_get_text (step);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, mj_diagnostic_step_id_to_string (i));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, mj_diagnostic_status_to_string (mj_diagnostic_step_get_status (step)));
      json_builder_set_member_name (b, "duration_ms");
      json_builder_add_int_value (b, mj_diagnostic_step_get_duration_ms (step));
      json_builder_set_member_name (b, "detail");
      if (detail != NULL)
        json_builder_add_string_value (b, detail);
      else
        json_builder_add_null_value (b);
      add_bilingual (b, "explanation",
                     mj_diagnostic_step_get_explanation_for (step, MJ_LANG_EN),
                     mj_diagnostic_step_get_explanation_for (step, MJ_LANG_ES));
      add_bilingual (b, "title",
                     mj_diagnostic_step_get_title_for (step, MJ_LANG_EN),
                     mj_diagnostic_step_get_title_for (step, MJ_LANG_ES));
      add_bilingual (b, "action",
                     mj_diagnostic_step_get_action_for (step, MJ_LANG_EN),
                     mj_diagnostic_step_get_action_for (step, MJ_LANG_ES));
      json_builder_set_member_name (b, "who_fixes");
      if (mj_diagnostic_step_has_explanation (step))
        json_builder_add_string_value (b, mj_diagnostic_step_get_who_fixes (step));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reason");
      if (explanation != NULL)
        json_builder_add_string_value (b, mj_explanation_get_reason (explanation));
      else if (text != NULL)
        json_builder_add_string_value (b, text->reason);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "hint");
  if (mj_diagnostics_get_hint (diag) != NULL)
    {
      json_builder_begin_object (b);
      add_text_entry (b, mj_diagnostics_get_hint (diag));
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "tls");
  if (tls != NULL)
    {
      g_autofree char *not_after = tls->not_after ? g_date_time_format_iso8601 (tls->not_after) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "protocol");
      json_builder_add_string_value (b, tls->protocol);
      json_builder_set_member_name (b, "cipher");
      json_builder_add_string_value (b, tls->cipher);
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, tls->subject);
      json_builder_set_member_name (b, "issuer");
      json_builder_add_string_value (b, tls->issuer);
      json_builder_set_member_name (b, "not_after");
      json_builder_add_string_value (b, not_after);
      json_builder_set_member_name (b, "host_matches");
      json_builder_add_boolean_value (b, tls->host_matches);
      json_builder_set_member_name (b, "verified");
      json_builder_add_boolean_value (b, tls->verified);
      json_builder_set_member_name (b, "verify_error");
      json_builder_add_string_value (b, tls->verify_error);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  if (findings != NULL)
    {
      json_builder_set_member_name (b, "domain_checks");
      json_builder_begin_array (b);
      for (guint i = 0; i < findings->len; i++)
        {
          const MjDomainFinding *f = findings->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "check");
          json_builder_add_string_value (b, mj_domain_check_kind_to_string (f->kind));
          json_builder_set_member_name (b, "domain");
          json_builder_add_string_value (b, f->domain);
          json_builder_set_member_name (b, "query");
          json_builder_add_string_value (b, f->query);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, mj_diagnostic_status_to_string (f->status));
          json_builder_set_member_name (b, "record");
          json_builder_add_string_value (b, f->record);
          add_text_entry (b, f->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "transcript");
  json_builder_add_string_value (b, mj_diagnostics_get_transcript (diag));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
status_mark (MjDiagnosticStatus status)
{
  switch (status)
    {
    case MJ_DIAGNOSTIC_STATUS_OK: return "[ OK ]";
    case MJ_DIAGNOSTIC_STATUS_WARN: return "[WARN]";
    case MJ_DIAGNOSTIC_STATUS_FAIL: return "[FAIL]";
    case MJ_DIAGNOSTIC_STATUS_SKIPPED: return "[ -- ]";
    default: return "[    ]";
    }
}

static void
print_text (MjDiagnostics *diag,
            GPtrArray     *findings)
{
  const char *lang = mj_i18n_ui_lang ();

  for (guint i = 0; i < MJ_DIAGNOSTIC_N_STEPS; i++)
    {
      MjDiagnosticStep *step = mj_diagnostics_get_step (diag, i);
      const char *detail = mj_diagnostic_step_get_detail (step);

      g_print ("%s %s (%u ms)%s%s\n", status_mark (mj_diagnostic_step_get_status (step)),
               mj_diagnostic_step_get_name (step), mj_diagnostic_step_get_duration_ms (step),
               detail ? ": " : "", detail ? detail : "");
      if (mj_diagnostic_step_has_explanation (step))
        g_print ("       %s\n       %s\n       %s\n",
                 mj_diagnostic_step_get_title_for (step, lang),
                 mj_diagnostic_step_get_explanation_for (step, lang),
                 mj_diagnostic_step_get_action_for (step, lang));
    }
  if (mj_diagnostics_get_hint (diag) != NULL)
    {
      const MjDiagnosticText *t = mj_diagnostics_get_hint (diag);

      g_print ("\n%s\n%s\n", mj_i18n_translate (lang, t->title),
               mj_i18n_translate (lang, t->action));
    }
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const MjDomainFinding *f = findings->pdata[i];
      g_autofree char *kind = g_ascii_strup (mj_domain_check_kind_to_string (f->kind), -1);

      g_print ("%s %s %s: %s\n", status_mark (f->status), kind, f->query,
               mj_i18n_translate (lang, f->text->title));
      if (f->status != MJ_DIAGNOSTIC_STATUS_OK)
        g_print ("       %s\n", mj_i18n_translate (lang, f->text->action));
    }
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *findings;
} DomainData;

static void
domain_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DomainData *d = user_data;

  d->findings = mj_domain_check_run_finish (result, NULL);
  g_main_loop_quit (d->loop);
}

static GPtrArray *
run_domain_checks (MjAccount          *account,
                   gboolean            sender,
                   const char * const *recipient_domains,
                   guint               timeout)
{
  const char *email = mj_account_get_email (account);
  const char *at = strrchr (email, '@');
  const char *domain = at ? at + 1 : email;
  DomainData d = { 0 };

  d.loop = g_main_loop_new (NULL, FALSE);
  mj_domain_check_run_async (sender ? domain : NULL,
                             mj_domain_check_is_microsoft365_custom_domain (mj_account_get_provider_id (account),
                                                                            domain),
                             recipient_domains, timeout, NULL, domain_done_cb, &d);
  g_main_loop_run (d.loop);
  g_main_loop_unref (d.loop);
  return d.findings;
}

/* mensajero-cli diagnose --account NAME [--send-test] [--json] */
int
mj_cli_diagnose (int    argc,
                 char **argv)
{
  g_autofree char *account_name = NULL;
  gboolean json = FALSE, send_test = FALSE, check_domain = FALSE, report = FALSE;
  g_auto(GStrv) recipients = NULL;
  int timeout = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(MjDiagnostics) diag = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  MjAccount *account;
  GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account_name, M_("The account to test"), M_("NAME") },
    { "send-test", 0, 0, G_OPTION_ARG_NONE, &send_test, M_("Also send a test message to the account's own address"), NULL },
    { "check-domain", 0, 0, G_OPTION_ARG_NONE, &check_domain, M_("Also check the SPF, DKIM and DMARC records of the account's domain"), NULL },
    { "check-recipient", 0, 0, G_OPTION_ARG_STRING_ARRAY, &recipients, M_("Also check that this client's domain can receive mail (repeatable)"), M_("ADDRESS") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, M_("Seconds to wait for each answer (default 30)"), M_("SECONDS") },
    { "report", 0, 0, G_OPTION_ARG_NONE, &report, M_("Print the bilingual report for a helper or IT administrator"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, M_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (M_("— test the connection to an account's mail server"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mj_cli_usage_error ("%s", error->message);
  if (account_name == NULL)
    return mj_cli_usage_error (M_("give the account to test with --account NAME"));
  if (timeout < 0 || timeout > 600)
    return mj_cli_usage_error (M_("--timeout takes 1 to 600 seconds"));

  store = mj_account_store_new (&error);
  if (store == NULL)
    {
      mj_cli_print_error (error);
      return MJ_EXIT_USAGE;
    }
  account = mj_account_store_lookup (store, account_name);
  if (account == NULL)
    return mj_cli_usage_error (M_("there is no account named “%s”"), account_name);

  diag = mj_diagnostics_new (account);
  mj_diagnostics_set_send_test (diag, send_test);
  mj_diagnostics_set_timeout (diag, (guint) timeout);
  mj_diagnostics_run_sync (diag, NULL, &error);

  /* "ana@cliente.es" and "cliente.es" both mean the domain. */
  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    {
      char *at = strrchr (recipients[i], '@');

      if (at != NULL)
        memmove (recipients[i], at + 1, strlen (at + 1) + 1);
    }
  if (check_domain || recipients != NULL)
    findings = run_domain_checks (account, check_domain,
                                  (const char * const *) recipients,
                                  timeout > 0 ? (guint) timeout : 10);

  if (json)
    {
      g_autoptr(JsonNode) root = build_json (diag, findings);

      mj_cli_print_json (root);
    }
  else if (report)
    {
      g_autofree char *text = mj_diagnostics_build_report (diag, findings);

      g_print ("%s", text);
    }
  else
    print_text (diag, findings);

  return mj_error_exit_code (error);
}
