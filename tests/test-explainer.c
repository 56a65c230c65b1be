#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mj-catalogue.h"
#include "mj-explainer.h"
#include "mj-i18n.h"

/* Table tests over every catalogue entry, then the behaviours that matter
 * most: the retry policy, the order of lookups and honest unknowns. */

static gboolean
reason_known (const char *reason)
{
  for (guint i = 0; mj_catalogue_reasons[i] != NULL; i++)
    if (g_str_equal (mj_catalogue_reasons[i], reason))
      return TRUE;
  return FALSE;
}

static void
check_text (const MjCatalogueEntry *e,
            const char             *what,
            const char             *msgid)
{
  const char *es;

  if (msgid == NULL || msgid[0] == '\0')
    g_error ("%s: empty %s", e->id, what);
  es = mj_i18n_translate ("es", msgid);
  if (es == NULL || es[0] == '\0')
    g_error ("%s: empty Spanish %s", e->id, what);
  if (g_str_equal (es, msgid))
    g_error ("%s: the Spanish %s is the English one: %s", e->id, what, msgid);
}

/* Matches that must never retry by themselves (DESIGN.md, issue 6). */
static gboolean
must_never_retry (const MjCatalogueEntry *e)
{
  static const char * const never[] = {
    "5.2.251-255", "5.2.252", "5.7.139", "X.7.57", "5.1.8", "5.7.705", "5.7.708", "5.7.750",
    "X.7.8", "5.7.3", "5.7.30", NULL
  };

  if (g_str_has_prefix (e->id, "auth-") || g_str_has_prefix (e->id, "aadsts-"))
    return TRUE;
  if (strstr (e->id, "smtp-auth-disabled") != NULL || g_str_equal (e->id, "ms-send-as-denied") ||
      g_str_equal (e->id, "ms-outbound-refuse-quota") || g_str_equal (e->id, "ms-throttled-errors"))
    return TRUE;
  for (guint i = 0; never[i] != NULL; i++)
    if (e->match != NULL && g_str_equal (e->match, never[i]))
      return TRUE;
  return FALSE;
}

static void
test_every_entry (void)
{
  guint total = 0;

  for (int kind = 0; kind < MJ_CATALOGUE_N_KINDS; kind++)
    {
      gsize n;
      const MjCatalogueEntry *table = mj_catalogue_get (kind, &n);

      g_assert_cmpuint (n, >, 0);
      for (gsize i = 0; i < n; i++)
        {
          const MjCatalogueEntry *e = &table[i];

          g_test_message ("entry %s", e->id);
          g_assert_nonnull (e->id);
          g_assert_true (mj_catalogue_lookup_id (e->id) == e);
          if (!reason_known (e->reason))
            g_error ("%s: reason “%s” is not in the vocabulary", e->id, e->reason);
          g_assert_true (strchr ("PTSU", e->klass) != NULL);
          check_text (e, "title", e->title);
          check_text (e, "explanation", e->explanation);
          check_text (e, "action", e->action);
          if (e->admin != NULL)
            check_text (e, "admin message", e->admin);
          if (must_never_retry (e) && e->retry != MJ_RETRY_NEVER)
            g_error ("%s: must never retry", e->id);
          if (g_str_equal (e->reason, "securityerror") && e->who != MJ_WHO_FIXES_RECIPIENT &&
              (e->code == 535 || e->code == 530) && e->retry != MJ_RETRY_NEVER)
            g_error ("%s: a login failure must never retry", e->id);
          total++;
        }
    }
  g_test_message ("%u catalogue entries", total);
  g_assert_cmpuint (total, >=, 250);
}

/* Each text entry's first wording leads to that entry: no earlier, more
 * general pattern shadows it. */
static void
test_text_entries_reachable (void)
{
  for (gsize i = 0; i < mj_catalogue_text_len; i++)
    {
      const MjCatalogueEntry *e = &mj_catalogue_text[i];
      g_auto(GStrv) alternatives = g_strsplit (e->match, "|", 2);
      g_autofree char *text = NULL;
      g_autoptr(MjExplanation) x = NULL;

      text = g_strdup (alternatives[0]);
      g_strdelimit (text, "&", ' ');
      x = mj_explainer_explain_text (text);
      if (!g_str_equal (mj_explanation_get_entry_id (x), e->id))
        g_error ("“%s” gives %s, not %s", text, mj_explanation_get_entry_id (x), e->id);
    }
}

/* Each exact enhanced code alone leads to its entry, and its retry follows
 * the class except where the entry forbids it. */
static void
check_enhanced_table (const MjCatalogueEntry *table,
                      gsize                   n)
{
  for (gsize i = 0; i < n; i++)
    {
      const MjCatalogueEntry *e = &table[i];
      g_auto(GStrv) parts = g_strsplit (e->match, ".", 3);

      if (parts[1][0] == '*' || parts[2][0] == '*' || e->code != 0)
        continue;
      for (char klass = '4'; klass <= '5'; klass++)
        {
          g_autofree char *status = NULL;
          g_autoptr(MjExplanation) x = NULL;

          if (parts[0][0] != 'X' && parts[0][0] != klass)
            continue;
          status = g_strdup_printf ("%c.%s.%d", klass, parts[1], atoi (parts[2]));
          x = mj_explainer_explain_text (status);
          /* An entry for either class gives way to one for this class. */
          if (parts[0][0] == 'X' && !g_str_equal (mj_explanation_get_entry_id (x), e->id) &&
              mj_catalogue_lookup_id (mj_explanation_get_entry_id (x))->match[0] == klass)
            continue;
          if (!g_str_equal (mj_explanation_get_entry_id (x), e->id))
            g_error ("%s gives %s, not %s", status, mj_explanation_get_entry_id (x), e->id);
          g_assert_cmpstr (mj_explanation_get_class (x), ==, klass == '4' ? "temporary" : "permanent");
          g_assert_cmpint (mj_explanation_get_retry (x), ==, klass == '4' && e->retry == MJ_RETRY_BY_CLASS);
        }
    }
}

static void
test_enhanced_entries (void)
{
  check_enhanced_table (mj_catalogue_enhanced, mj_catalogue_enhanced_len);
  check_enhanced_table (mj_catalogue_microsoft, mj_catalogue_microsoft_len);
}

static void
test_reply_entries (void)
{
  for (gsize i = 0; i < mj_catalogue_reply_len; i++)
    {
      const MjCatalogueEntry *e = &mj_catalogue_reply[i];
      g_autofree char *text = g_strdup_printf ("%u Something happened", e->code);
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (text);

      g_assert_cmpstr (mj_explanation_get_entry_id (x), ==, e->id);
      g_assert_cmpuint (mj_explanation_get_reply_code (x), ==, e->code);
    }
}

static void
test_other_tables (void)
{
  for (gsize i = 0; i < mj_catalogue_client_len; i++)
    {
      g_autofree char *lower = g_ascii_strdown (mj_catalogue_client[i].match, -1);
      g_autofree char *text = g_strdup_printf ("Send failed, error %s", lower);
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (text);

      g_assert_cmpstr (mj_explanation_get_entry_id (x), ==, mj_catalogue_client[i].id);
    }
  for (gsize i = 0; i < mj_catalogue_aadsts_len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s: something went wrong. Trace ID: 0a1b", mj_catalogue_aadsts[i].match);
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (text);

      g_assert_cmpstr (mj_explanation_get_entry_id (x), ==, mj_catalogue_aadsts[i].id);
      g_assert_false (mj_explanation_get_retry (x));
    }
  for (gsize i = 0; i < mj_catalogue_curl_len; i++)
    {
      const MjCatalogueEntry *e = &mj_catalogue_curl[i];
      g_autoptr(MjExplanation) by_code = mj_explainer_explain_curl (e->code);
      g_auto(GStrv) names = g_strsplit (e->match, "|", -1);
      g_autoptr(MjExplanation) by_name = mj_explainer_explain_text (names[0]);

      g_assert_cmpstr (mj_explanation_get_entry_id (by_code), ==, e->id);
      g_assert_cmpstr (mj_explanation_get_entry_id (by_name), ==, e->id);
      if (names[1] != NULL)
        {
          g_autoptr(MjExplanation) by_text = mj_explainer_explain_text (names[1]);

          g_assert_cmpstr (mj_explanation_get_entry_id (by_text), ==, e->id);
        }
    }
}

typedef struct {
  const char *text;
  const char *reason;
  const char *klass;
  gboolean retry;
  const char *who;
} Spot;

static void
test_spot_checks (void)
{
  static const Spot spots[] = {
    { "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
      "userunknown", "permanent", FALSE, "recipient" },
    { "550 5.1.1 Bad destination mailbox address", "userunknown", "permanent", FALSE, "recipient" },
    { "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
      "Visit https://aka.ms/smtp_auth_disabled for more information.", "securityerror", "permanent", FALSE, "admin" },
    { "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.",
      "securityerror", "permanent", FALSE, "admin" },
    { "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.", "securityerror",
      "permanent", FALSE, "you" },
    { "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated "
      "successfully. Contact your administrator.", "securityerror", "permanent", FALSE, "admin" },
    { "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (AS761)", "ratelimited",
      "temporary", TRUE, "provider" },
    { "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.",
      "badreputation", "temporary", TRUE, "provider" },
    { "554 5.2.252 SendAsDenied; facturas@a.example not allowed to send as otro@a.example; "
      "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied",
      "rejected", "permanent", FALSE, "you" },
    { "550 5.9.9 Something nobody has heard of", "rejected", "permanent", FALSE, "recipient" },
    { "5.9.9", "undefined", "permanent", FALSE, "you" },
    { "4.9.9", "undefined", "temporary", TRUE, "provider" },
    { "459 4.9.9 Something nobody has heard of", "undefined", "temporary", TRUE, "provider" },
    { "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.",
      "failedstarttls", "temporary", FALSE, "provider" },
    { "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", "ratelimited", "temporary", TRUE,
      "recipient" },
    { "451 5.7.3 STARTTLS is required to send mail", "failedstarttls", "temporary", FALSE, "you" },
    { "530 5.7.57 Client not authenticated to send mail", "securityerror", "permanent", FALSE, "you" },
    { "550 5.7.30 Basic authentication is not supported for Client Submission.", "securityerror",
      "permanent", FALSE, "you" },
    { "535 5.7.3 Authentication unsuccessful", "securityerror", "permanent", FALSE, "you" },
    { "550 5.2.253 Sender throttled due to continuous invalid recipients errors", "ratelimited",
      "permanent", FALSE, "you" },
    { "554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; WASCL UserAction verdict is not None. "
      "Actual verdict is RefuseQuota, ShowTierUpgrade.", "ratelimited", "permanent", FALSE, "you" },
    { "550 5.7.520 Message blocked because it contains content identified as spam. AS(4810)",
      "spamdetected", "permanent", FALSE, "you" },
    { "550 5.1.8 Access denied, bad outbound sender", "rejected", "permanent", FALSE, "admin" },
    { "550 5.7.705 Access denied, tenant has exceeded threshold", "blocked", "permanent", FALSE, "admin" },
    { "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.",
      "badreputation", "permanent", FALSE, "admin" },
    { "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.",
      "blocked", "permanent", FALSE, "admin" },
    { "550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all "
      "senders to authenticate with either SPF or DKIM.", "authfailure", "permanent", FALSE, "admin" },
    { "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
      "authfailure", "permanent", FALSE, "admin" },
    { "550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a "
      "DMARC policy of reject.", "authfailure", "permanent", FALSE, "admin" },
    { "550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to",
      "ratelimited", "permanent", FALSE, "you" },
    { "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user "
      "complaints - 4.16.55.1", "badreputation", "temporary", TRUE, "provider" },
    { "452 4.2.2 The email account that you tried to reach is over quota.", "mailboxfull", "temporary",
      TRUE, "recipient" },
    { "552 5.2.2 Mailbox full", "mailboxfull", "permanent", FALSE, "recipient" },
    { "554 5.7.1 <x@example.net>: Relay access denied", "norelaying", "permanent", FALSE, "you" },
    { "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      "userunknown", "permanent", FALSE, "recipient" },
    { "rejected RCPT <x@example.net>: Unrouteable address", "userunknown", "permanent", FALSE, "recipient" },
    { "retry timeout exceeded", "expired", "permanent", FALSE, "recipient" },
    { "mailbox full", "mailboxfull", "permanent", FALSE, "recipient" },
    { "552 5.3.4 Message size exceeds fixed maximum message size", "emailtoolarge", "permanent", FALSE, "you" },
    { "550 5.7.1 Message rejected due to virus: Eicar-Test-Signature", "virusdetected", "permanent", FALSE, "you" },
    { "454 4.7.0 Temporary authentication failure", "systemerror", "temporary", TRUE, "provider" },
    { "530 5.7.0 Must issue a STARTTLS command first", "failedstarttls", "permanent", FALSE, "you" },
    { "250 2.0.0 OK: queued as 4F2A1C0123", "delivered", "success", FALSE, "you" },
    { "0x800CCC0E", "networkerror", "temporary", TRUE, "you" },
    { "0x800ccc92", "securityerror", "permanent", FALSE, "you" },
    { "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.",
      "securityerror", "permanent", FALSE, "admin" },
    { "AADSTS90094: The grant requires admin permission.", "securityerror", "permanent", FALSE, "admin" },
    { "AADSTS700082: The refresh token has expired due to inactivity.", "securityerror", "permanent", FALSE, "you" },
    { "CURLE_LOGIN_DENIED", "securityerror", "permanent", FALSE, "you" },
    { "curl: (28) Timeout was reached", "networkerror", "temporary", TRUE, "you" },
    { "SSL certificate problem: unable to get local issuer certificate", "failedstarttls", "permanent",
      FALSE, "you" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (spots[i].text);

      g_test_message ("%s → %s", spots[i].text, mj_explanation_get_entry_id (x));
      g_assert_cmpstr (mj_explanation_get_reason (x), ==, spots[i].reason);
      g_assert_cmpstr (mj_explanation_get_class (x), ==, spots[i].klass);
      g_assert_cmpint (mj_explanation_get_retry (x), ==, spots[i].retry);
      g_assert_cmpstr (mj_explanation_get_who_fixes_string (x), ==, spots[i].who);
    }
}

static void
test_reply_struct (void)
{
  g_autoptr(MjSmtpReply) reply = mj_smtp_reply_new (550, "5.1.1", "Bad destination mailbox address");
  g_autoptr(MjExplanation) x = mj_explainer_explain_reply (reply);

  g_assert_cmpuint (mj_explanation_get_reply_code (x), ==, 550);
  g_assert_cmpstr (mj_explanation_get_enhanced_status (x), ==, "5.1.1");
  g_assert_cmpstr (mj_explanation_get_reason (x), ==, "userunknown");
  g_assert_false (mj_explanation_get_retry (x));
  /* Both languages at once, with the retry sentence in each. */
  g_assert_cmpstr (mj_explanation_get_title (x, "en"), ==, "The recipient's address does not exist");
  g_assert_cmpstr (mj_explanation_get_title (x, "es"), ==, "La dirección del destinatario no existe");
  g_assert_nonnull (strstr (mj_explanation_get_action (x, "en"), "will not try again"));
  g_assert_nonnull (strstr (mj_explanation_get_action (x, "es"), "no lo volverá a intentar"));
  g_assert_null (mj_explanation_get_admin_message (x, "en"));
}

static void
test_admin_messages (void)
{
  static const char * const texts[] = {
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
    "AADSTS65001", "AADSTS90094", NULL
  };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (texts[i]);
      const char *en = mj_explanation_get_admin_message (x, "en");
      const char *es = mj_explanation_get_admin_message (x, "es");

      g_assert_nonnull (en);
      g_assert_nonnull (es);
      g_assert_cmpstr (en, !=, es);
      g_assert_cmpstr (mj_explanation_get_who_fixes_string (x), ==, "admin");
    }
  {
    g_autoptr(MjExplanation) x = mj_explainer_explain_text (texts[0]);

    g_assert_nonnull (strstr (mj_explanation_get_admin_message (x, "en"), "SmtpClientAuthenticationDisabled $false"));
    g_assert_nonnull (strstr (mj_explanation_get_admin_message (x, "es"), "SMTP autenticado"));
  }
}

static void
test_unknown_input (void)
{
  static const char * const inputs[] = { "", "hello", "\xff\xfe garbage", "AADSTS", "0x800CCC", "curl: (",
                                         "CURLE_", "999 9.9.9", NULL };

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (inputs[i]);

      g_assert_nonnull (x);
      g_assert_nonnull (mj_explanation_get_title (x, "es"));
      g_assert_true (reason_known (mj_explanation_get_reason (x)));
    }
  {
    g_autoptr(MjExplanation) x = mj_explainer_explain_text ("nothing to see");

    g_assert_cmpstr (mj_explanation_get_class (x), ==, "unknown");
    g_assert_false (mj_explanation_get_retry (x));
  }
  {
    g_autoptr(MjExplanation) a = mj_explainer_explain_aadsts ("AADSTS1234567");
    g_autoptr(MjExplanation) c = mj_explainer_explain_client_code ("0x800CCCFF");
    g_autoptr(MjExplanation) u = mj_explainer_explain_curl (12345);
    g_autoptr(MjExplanation) n = mj_explainer_explain_aadsts ("65001");

    g_assert_cmpstr (mj_explanation_get_entry_id (a), ==, "aadsts-unknown");
    g_assert_cmpstr (mj_explanation_get_entry_id (c), ==, "client-unknown");
    g_assert_cmpstr (mj_explanation_get_entry_id (u), ==, "curl-unknown");
    g_assert_cmpstr (mj_explanation_get_entry_id (n), ==, "aadsts-65001");
  }
}

/* Outlook shows the server's reply next to its own code: the reply wins. */
static void
test_client_code_with_reply (void)
{
  g_autoptr(MjExplanation) x = mj_explainer_explain_text (
    "The server responded: 530 5.7.57 Client not authenticated to send mail. Port: 587, "
    "Secure(SSL): No, Server Error: 530, Error Number: 0x800CCC78");

  g_assert_cmpstr (mj_explanation_get_reason (x), ==, "securityerror");
  g_assert_cmpuint (mj_explanation_get_reply_code (x), ==, 530);
}

/* A whole bounce pasted as text is read as a bounce. */
static void
test_pasted_bounce (void)
{
  static const char text[] =
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error. The following address(es) failed:\n\n"
    "  ana@example.net\n"
    "    host mx.example.net [192.0.2.1]\n"
    "    SMTP error from remote mail server after end of data:\n"
    "    552 5.3.4 Message size exceeds fixed maximum message size\n";
  g_autoptr(MjExplanation) x = mj_explainer_explain_text (text);

  g_assert_cmpstr (mj_explanation_get_reason (x), ==, "emailtoolarge");
  g_assert_cmpuint (mj_explanation_get_reply_code (x), ==, 552);
  g_assert_false (mj_explanation_get_retry (x));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/explainer/every-entry", test_every_entry);
  g_test_add_func ("/mj/explainer/text-entries-reachable", test_text_entries_reachable);
  g_test_add_func ("/mj/explainer/enhanced-entries", test_enhanced_entries);
  g_test_add_func ("/mj/explainer/reply-entries", test_reply_entries);
  g_test_add_func ("/mj/explainer/other-tables", test_other_tables);
  g_test_add_func ("/mj/explainer/spot-checks", test_spot_checks);
  g_test_add_func ("/mj/explainer/reply-struct", test_reply_struct);
  g_test_add_func ("/mj/explainer/admin-messages", test_admin_messages);
  g_test_add_func ("/mj/explainer/unknown-input", test_unknown_input);
  g_test_add_func ("/mj/explainer/client-code-with-reply", test_client_code_with_reply);
  g_test_add_func ("/mj/explainer/pasted-bounce", test_pasted_bounce);

  return g_test_run ();
}
