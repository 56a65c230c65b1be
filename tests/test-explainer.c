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
                      gsize                   n,
                      const MjExplainContext *context)
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
          x = mj_explainer_explain_full (status, context);
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
  static const MjExplainContext microsoft = { "microsoft365", "smtp.office365.com" };

  check_enhanced_table (mj_catalogue_enhanced, mj_catalogue_enhanced_len, NULL);
  check_enhanced_table (mj_catalogue_microsoft, mj_catalogue_microsoft_len, &microsoft);
}

/* Without a Microsoft context, a number every server may use keeps its
 * RFC 3463 meaning and never speaks of Microsoft; a number only Microsoft
 * uses keeps Microsoft's. Either way the class and the retry follow the
 * reply. */
static void
test_microsoft_entries_without_context (void)
{
  static const MjExplainContext gmail = { "gmail", "smtp.gmail.com" };

  for (gsize i = 0; i < mj_catalogue_microsoft_len; i++)
    {
      const MjCatalogueEntry *e = &mj_catalogue_microsoft[i];
      g_auto(GStrv) parts = g_strsplit (e->match, ".", 3);

      for (char klass = '4'; klass <= '5'; klass++)
        {
          g_autofree char *status = NULL;
          g_autofree char *reply = NULL;
          g_autoptr(MjExplanation) x = NULL;
          const char *id;

          if (parts[0][0] != 'X' && parts[0][0] != klass)
            continue;
          status = g_strdup_printf ("%c.%s.%d", klass, parts[1], atoi (parts[2]));
          reply = g_strdup_printf ("%c51 %s", klass, status);
          x = mj_explainer_explain_full (reply, &gmail);
          id = mj_explanation_get_entry_id (x);
          g_test_message ("%s from Gmail → %s", reply, id);
          if (e->shared)
            {
              if (mj_catalogue_lookup_id (id) >= mj_catalogue_microsoft &&
                  mj_catalogue_lookup_id (id) < mj_catalogue_microsoft + mj_catalogue_microsoft_len)
                g_error ("%s from a server that is not Microsoft's gives %s", reply, id);
              if (strstr (mj_explanation_get_title (x, "en"), "Microsoft") != NULL ||
                  strstr (mj_explanation_get_explanation (x, "en"), "Microsoft") != NULL ||
                  strstr (mj_explanation_get_title (x, "es"), "Microsoft") != NULL ||
                  strstr (mj_explanation_get_explanation (x, "es"), "Microsoft") != NULL)
                g_error ("%s from a server that is not Microsoft's speaks of Microsoft (%s)", reply, id);
            }
          else if (!g_str_equal (id, e->id) &&
                   mj_catalogue_lookup_id (id)->match[0] != klass)
            g_error ("%s gives %s, not Microsoft's %s, without a context", reply, id, e->id);
          g_assert_cmpstr (mj_explanation_get_class (x), ==, klass == '4' ? "temporary" : "permanent");
          if (klass == '5')
            g_assert_false (mj_explanation_get_retry (x));
        }
    }
}

typedef struct {
  const char *text;
  const char *provider;
  const char *server;
  gboolean microsoft;     /* Microsoft's meaning expected */
} ContextRow;

/* The same generic-shaped reply read with and without Microsoft context:
 * the account's provider, its server, or Microsoft's stamp in the reply. */
static void
test_microsoft_context (void)
{
  static const ContextRow rows[] = {
    { "451 4.7.500 Server busy", "microsoft365", NULL, TRUE },
    { "451 4.7.500 Server busy", "outlook.com", NULL, TRUE },
    { "451 4.7.500 Server busy", NULL, "smtp.office365.com", TRUE },
    { "451 4.7.500 Server busy", NULL, "smtp-mail.outlook.com", TRUE },
    { "451 4.7.500 Server busy", NULL, "SMTP.Office365.com.", TRUE },
    { "451 4.7.500 Server busy", NULL, NULL, FALSE },
    { "451 4.7.500 Server busy", "gmail", "smtp.gmail.com", FALSE },
    { "451 4.7.500 Server busy", NULL, "smtp.notoutlook.com", FALSE },
    { "451 4.7.500 Server busy", NULL, "outlook.com.mail.example", FALSE },
    /* Microsoft's stamps in the reply itself. */
    { "451 4.7.500 Server busy. Please try again later from [203.0.113.7]. (AS761)", NULL, NULL, TRUE },
    { "451 4.7.500 Server busy [AM0PR01MB1234.eurprd01.prod.exchangelabs.com 2026-11-23T10:15:00.000Z "
      "08DD1234ABCD5678]", NULL, NULL, TRUE },
    { "451 4.7.500 Server busy [DB9PR01MB0001.eurprd01.prod.outlook.com]", NULL, NULL, TRUE },
    { "451 4.7.500 Server busy, see https://aka.ms/EXOSmtpErrors", NULL, NULL, TRUE },
    /* An address at outlook.com says nothing about who answered. */
    { "451 4.7.500 Try later for <bob@outlook.com>", NULL, NULL, FALSE },
    { "451 4.7.500 Try later for <bob@outlook.com>", "gmail", NULL, FALSE },
    { "550 5.1.8 Access denied", NULL, NULL, FALSE },
    { "550 5.1.8 Access denied", "microsoft365", NULL, TRUE },
    { "550 5.1.8 Access denied [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]", NULL, NULL, TRUE },
    { "535 5.7.3 Authentication unsuccessful", NULL, "smtp.example.com", FALSE },
    { "535 5.7.3 Authentication unsuccessful", NULL, "smtp.office365.com", TRUE },
    /* Numbers only Microsoft uses keep Microsoft's meaning anywhere. */
    { "550 5.7.705 Access denied, tenant has exceeded threshold", NULL, NULL, TRUE },
    { "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", NULL, NULL, TRUE },
    { "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.", NULL, NULL,
      TRUE },
    { "550 5.7.705 Access denied", "gmail", "smtp.gmail.com", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      MjExplainContext context = { rows[i].provider, rows[i].server };
      g_autoptr(MjExplanation) x = mj_explainer_explain_full (rows[i].text, &context);
      const char *id = mj_explanation_get_entry_id (x);
      const MjCatalogueEntry *e = mj_catalogue_lookup_id (id);
      gboolean microsoft_entry = (e >= mj_catalogue_microsoft && e < mj_catalogue_microsoft + mj_catalogue_microsoft_len);
      gboolean says_microsoft = strstr (mj_explanation_get_title (x, "en"), "Microsoft") != NULL ||
                                strstr (mj_explanation_get_explanation (x, "en"), "Microsoft") != NULL;

      g_test_message ("%s [%s, %s] → %s", rows[i].text, rows[i].provider, rows[i].server, id);
      if (microsoft_entry != rows[i].microsoft)
        g_error ("“%s” (provider %s, server %s) gives %s", rows[i].text, rows[i].provider,
                 rows[i].server, id);
      if (!rows[i].microsoft && says_microsoft)
        g_error ("“%s” (provider %s, server %s) speaks of Microsoft", rows[i].text, rows[i].provider,
                 rows[i].server);
      /* A temporary reply stays temporary and is retried either way. */
      if (rows[i].text[0] == '4')
        {
          g_assert_cmpstr (mj_explanation_get_class (x), ==, "temporary");
          g_assert_true (mj_explanation_get_retry (x));
        }
      else
        g_assert_false (mj_explanation_get_retry (x));
    }

  /* The reply's explanation, not only the entry: Microsoft's throttle, and
   * from elsewhere a server holding mail back for now. */
  {
    static const MjExplainContext ms = { "microsoft365", NULL };
    g_autoptr(MjExplanation) with = mj_explainer_explain_full ("451 4.7.500 Server busy", &ms);
    g_autoptr(MjExplanation) without = mj_explainer_explain_text ("451 4.7.500 Server busy");
    g_autoptr(MjSmtpReply) reply = mj_smtp_reply_parse ("451 4.7.500 Server busy");
    g_autoptr(MjExplanation) by_reply = mj_explainer_explain_reply_full (reply, &ms);

    g_assert_cmpstr (mj_explanation_get_title (with, "en"), ==, "Microsoft is holding back your mail for now");
    g_assert_cmpstr (mj_explanation_get_reason (with), ==, "ratelimited");
    g_assert_cmpstr (mj_explanation_get_entry_id (by_reply), ==, mj_explanation_get_entry_id (with));
    g_assert_cmpstr (mj_explanation_get_title (without, "en"), ==, "The receiving server is holding back your mail");
    g_assert_cmpstr (mj_explanation_get_class (without), ==, "temporary");
    g_assert_true (mj_explanation_get_retry (without));
    /* A generic 535 keeps its RFC 4954 meaning: the login was refused. */
    {
      g_autoptr(MjExplanation) login = mj_explainer_explain_text ("535 5.7.3 Authentication unsuccessful");

      g_assert_cmpstr (mj_explanation_get_reason (login), ==, "securityerror");
      g_assert_cmpstr (mj_explanation_get_entry_id (login), ==, "auth-reply-535");
    }
  }
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

/* Replies exactly as servers print them: continuation lines, server
 * stamps, upper and lower case, quoted inside curl messages, Postfix and
 * Exchange bounce sentences. The expected entries were chosen by reading
 * each reply against RFC 5321/3463/5248 and Microsoft's NDR table, not by
 * running the code. */
typedef struct {
  const char *text;
  const char *entry;     /* NULL: any entry with these properties */
  guint code;
  const char *enhanced;
  const char *klass;
  const char *who;
  gboolean retry;
} RealReply;

static const RealReply real_replies[] = {
  /* Gmail */
  { "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-2a1b3c4d5e6f.123 - gsmtp\r\n",
    "user-unknown", 550, "5.1.1", "permanent", "recipient", FALSE },
  { "550-5.1.1 The email account that you tried to\n550-5.1.1 reach does not exist.\n550 5.1.1 Please check.",
    "user-unknown", 550, "5.1.1", "permanent", "recipient", FALSE },
  { "452-4.2.2 The email account that you tried to reach is over quota. Please direct\r\n"
    "452 4.2.2 the recipient to https://support.google.com/mail/?p=OverQuotaTemp a1-2 - gsmtp\r\n",
    "mailbox-full", 452, "4.2.2", "temporary", "recipient", TRUE },
  { "550 5.2.1 The email account that you tried to reach is disabled. a1-2 - gsmtp",
    "mailbox-disabled", 550, "5.2.1", "permanent", "recipient", FALSE },
  { "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to\r\n"
    "550-5.7.26 authenticate with either SPF or DKIM.\r\n550-5.7.26\r\n550-5.7.26  Authentication results:\r\n"
    "550-5.7.26  DKIM = did not pass\r\n550 5.7.26  SPF [example.com] with ip: [192.0.2.1] = did not pass\r\n",
    "authentication-level", 550, "5.7.26", "permanent", "admin", FALSE },
  { "550-5.7.26 Unauthenticated email from example.com is not accepted due to\n550-5.7.26 domain's DMARC\n"
    "550 5.7.26 policy. a1-2 - gsmtp", "dmarc-failed", 550, "5.7.26", "permanent", "admin", FALSE },
  { "550 5.7.1 Unauthenticated email is not accepted from this domain. a1-2 - gsmtp",
    "authentication-level", 550, "5.7.1", "permanent", "admin", FALSE },
  { "421-4.7.28 [192.0.2.1] Our system has detected an unusual rate of\r\n"
    "421-4.7.28 unsolicited mail originating from your IP address. To protect our\r\n"
    "421 4.7.28 users from spam, mail sent from your IP address has been temporarily rate limited.\r\n",
    NULL, 421, "4.7.28", "temporary", "provider", TRUE },
  { "552-5.7.0 This message was blocked because its content presents a potential\r\n"
    "552-5.7.0 security issue. Please visit\r\n552 5.7.0 https://support.google.com/mail/?p=BlockedMessage\r\n",
    "virus", 552, "5.7.0", "permanent", "you", FALSE },
  { "552 5.2.3 Your message exceeded Google's message size limits.", "size-limit", 552, "5.2.3", "permanent",
    "you", FALSE },
  { "535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2-2 - gsmtp\r\n",
    "auth-credentials-incorrect", 535, "5.7.8", "permanent", "you", FALSE },
  { "534-5.7.9 Application-specific password required. Learn more at\r\n"
    "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor a1-2 - gsmtp\r\n",
    "auth-app-password-required", 534, "5.7.9", "permanent", "you", FALSE },
  { "530 5.7.0 Authentication Required. Learn more at https://support.google.com/mail/?p=WantAuthError",
    "auth-not-authenticated", 530, "5.7.0", "permanent", "you", FALSE },
  /* Yahoo / AOL */
  { "554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes",
    "authentication-level", 554, "5.7.9", "permanent", "admin", FALSE },
  { "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.10, because the ip is in Spamhaus's "
    "list; see https://postmaster.yahooinc.com/error-codes", "blocklist", 553, "5.7.1", "permanent", "provider", FALSE },
  { "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user "
    "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    "yahoo-tss04", 421, "4.7.0", "temporary", "provider", TRUE },
  /* Microsoft 365 / Outlook.com, with their server stamps */
  { "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [AM0PR01CA0123.eurprd01.prod."
    "exchangelabs.com 2026-11-23T10:00:00.000Z 08DCF1A2B3C4D5E6]", "ms-basic-auth-disabled", 535, "5.7.139",
    "permanent", "you", FALSE },
  { "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
    "https://aka.ms/smtp_auth_disabled for more information. [PAXPR04CA0012.eurprd04.prod.outlook.com "
    "2026-11-23T10:00:00.000Z 08DC0123456789AB]", "ms-smtp-auth-disabled-tenant", 535, "5.7.139", "permanent",
    "admin", FALSE },
  { "535 5.7.139 AUTHENTICATION UNSUCCESSFUL, SMTPCLIENTAUTHENTICATION IS DISABLED FOR THE TENANT.",
    "ms-smtp-auth-disabled-tenant", 535, "5.7.139", "permanent", "admin", FALSE },
  { "535 5.7.139 Authentication unsuccessful,   SmtpClientAuthentication   is disabled\r\n\tfor the Tenant.",
    "ms-smtp-auth-disabled-tenant", 535, "5.7.139", "permanent", "admin", FALSE },
  { "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. "
    "Contact your administrator. [DB9PR02CA0001.eurprd02.prod.outlook.com]", "ms-security-defaults", 535,
    "5.7.139", "permanent", "admin", FALSE },
  { "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated "
    "successfully. Contact your administrator. [LO2P265CA0001.GBRP265.PROD.OUTLOOK.COM]",
    "ms-conditional-access", 535, "5.7.139", "permanent", "admin", FALSE },
  { "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. "
    "[BN9PR03CA0001.namprd03.prod.outlook.com]", "auth-credentials-incorrect", 535, "5.7.139", "permanent", "you",
    FALSE },
  { "535 5.7.3 Authentication unsuccessful [SN4PR0501CA0001.namprd05.prod.outlook.com 2026-11-23T10:00:00.000Z "
    "08DC0123456789AB]", "auth-ms-5.7.3", 535, "5.7.3", "permanent", "you", FALSE },
  { "554 5.2.252 SendAsDenied; facturas@fontaneria.example not allowed to send as info@fontaneria.example; "
    "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message "
    "due to a permanent exception with message [BeginDiagnosticData]Cannot submit message. 0.35250:0A00C0A1, "
    "1.36674:0A000000[EndDiagnosticData] [Hostname=AM9PR01MB1234.eurprd01.prod.exchangelabs.com]",
    "ms-send-as-denied", 554, "5.2.252", "permanent", "you", FALSE },
  { "550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your "
    "administrator for further assistance. AS(7555)", "ms-external-forwarding", 550, "5.7.520", "permanent",
    "admin", FALSE },
  { "554 5.7.0 < #5.7.520 smtp;550 5.7.520 Message blocked because it contains content identified as spam. "
    "AS(4810)>", "ms-content-spam", 554, "5.7.520", "permanent", "you", FALSE },
  { "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. "
    "Visit https://aka.ms/smtp_auth_tls. [AM0PR02CA0001.eurprd02.prod.outlook.com]", "tls-legacy-version", 421,
    "4.7.66", "temporary", "provider", FALSE },
  { "451 4.7.500 Server busy. Please try again later from [198.51.100.7]. (AS761) "
    "[DB5EUR03FT001.eop-EUR03.prod.protection.outlook.com 2026-11-23T10:00:00.000Z 08DC0000]",
    "ms-4.7.500-699", 451, "4.7.500", "temporary", "provider", TRUE },
  { "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded "
    "[Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com]", "sender-thread-limit", 432, "4.3.2", "temporary",
    "you", TRUE },
  { "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", "recipient-thread-limit", 432, "4.3.2",
    "temporary", "recipient", TRUE },
  { "554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a "
    "permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. Actual verdict "
    "is Suspend, ShowTierUpgrade.[EndDiagnosticData]", "ms-outbound-spam", 554, "5.2.0", "permanent", "you", FALSE },
  { "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due "
    "to a permanent exception with message [BeginDiagnosticData]Cannot submit message.[EndDiagnosticData]",
    "sender-quota", 554, "5.2.0", "permanent", "you", FALSE },
  { "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information "
    "please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7231) "
    "[BN8NAM12FT001.eop-nam12.prod.protection.outlook.com]", "ms-5.7.708", 550, "5.7.708", "permanent", "admin",
    FALSE },
  { "550 5.7.705 Access denied, tenant has exceeded threshold. (AS2300)", NULL, 550, "5.7.705", "permanent",
    "admin", FALSE },
  { "5.7.705", "ms-5.7.705", 0, "5.7.705", "permanent", "admin", FALSE },
  { "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains. AS(2300)",
    NULL, 550, "5.7.750", "permanent", "admin", FALSE },
  { "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "user-unknown", 550,
    "5.1.10", "permanent", "recipient", FALSE },
  { "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
    "[DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com 2026-11-23T10:00:00.000Z 08DC0000]", "ms-5.4.1", 550,
    "5.4.1", "permanent", "recipient", FALSE },
  { "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction "
    "check failed because the sender was not authenticated when sending to this group", "ms-5.7.133-136", 550,
    "5.7.133", "permanent", "recipient", FALSE },
  { "550 5.7.509 Access denied, sending domain EXAMPLE.COM does not pass DMARC verification and has a DMARC "
    "policy of reject.", NULL, 550, "5.7.509", "permanent", "admin", FALSE },
  { "550 5.7.60 SMTP; Client does not have permissions to send as this sender "
    "[AM0PR01MB1234.eurprd01.prod.exchangelabs.com]", NULL, 550, "5.7.60", "permanent", "you", FALSE },
  { "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
    "[AM4PEPF00027A6C.eurprd04.prod.outlook.com]", NULL, 550, "5.5.0", "permanent", "recipient", FALSE },
  { "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which cannot be sent via DATA",
    NULL, 550, "5.6.11", "permanent", "provider", FALSE },
  { "Remote Server returned '554 5.4.14 Hop count exceeded - possible mail loop ATTR34 "
    "[DB8EUR05FT001.eop-eur05.prod.protection.outlook.com]'", "mail-loop", 554, "5.4.14", "permanent", "recipient",
    FALSE },
  { "El servidor remoto ha devuelto '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
    "address lookup'", "user-unknown", 550, "5.1.10", "permanent", "recipient", FALSE },
  /* Postfix */
  { "554 5.7.1 <ana@cliente.example>: Relay access denied", "relay-denied", 554, "5.7.1", "permanent", "you", FALSE },
  { "450 4.1.8 <facturas@midominio-roto.example>: Sender address rejected: Domain not found", "sender-rejected",
    450, "4.1.8", "temporary", "you", TRUE },
  { "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname", "helo-rejected", 504, "5.5.2",
    "permanent", "provider", FALSE },
  { "host mx.example.com[192.0.2.4] said: 550-5.1.1 The email account that you tried to reach does not exist. "
    "(in reply to RCPT TO command)", "user-unknown", 550, "5.1.1", "permanent", "recipient", FALSE },
  { "host antivirus.cliente.example[198.51.100.4] said: 550 5.1.1 <ana@cliente.example>: Recipient address "
    "rejected: User unknown (in reply to RCPT TO command)", "user-unknown", 550, "5.1.1", "permanent",
    "recipient", FALSE },
  { "550 5.1.1 <virus.team@cliente.example>: Recipient address rejected: User unknown", "user-unknown", 550,
    "5.1.1", "permanent", "recipient", FALSE },
  { "host mx.cliente.example[198.51.100.4] said: 450 4.7.1 Client host rejected: cannot find your hostname, "
    "[203.0.113.5] (in reply to RCPT TO command)", "ptr-missing", 450, "4.7.1", "temporary", "provider", TRUE },
  { "connect to mx.cliente.example[198.51.100.4]:25: Connection timed out", "network-error", 0, NULL, "temporary",
    "recipient", TRUE },
  { "450 4.7.1 <ana@cliente.example>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/cliente.example.html", "greylisting", 450, "4.7.1", "temporary",
    "provider", TRUE },
  { "451 4.7.1 Greylisted, try again later", "greylisting", 451, "4.7.1", "temporary", "provider", TRUE },
  { "421 4.7.0 mx.example.net Error: too many connections from 192.0.2.1", "too-many-connections", 421, "4.7.0",
    "temporary", "provider", TRUE },
  /* Exim */
  { "550 Unrouteable address", "user-unknown", 550, NULL, "permanent", "recipient", FALSE },
  { "535 Incorrect authentication data", "auth-credentials-incorrect", 535, NULL, "permanent", "you", FALSE },
  { "421 mx.example.net Too many concurrent SMTP connections; please try again later.", "too-many-connections",
    421, NULL, "temporary", "provider", TRUE },
  /* qmail and others with the status at the end */
  { "553 Sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "relay-denied", 553, "5.7.1",
    "permanent", "you", FALSE },
  { "550 Sorry, no mailbox here by that name. (#5.1.1)", "user-unknown", 550, "5.1.1", "permanent", "recipient",
    FALSE },
  { "552 5.3.4 Message size exceeds fixed maximum message size", "size-limit", 552, "5.3.4", "permanent", "you",
    FALSE },
  /* curl's messages, with and without the server's reply */
  { "curl: (55) RCPT failed: 550", "reply-550", 550, NULL, "permanent", "recipient", FALSE },
  { "RCPT failed: 550", "reply-550", 550, NULL, "permanent", "recipient", FALSE },
  { "curl: (67) Login denied", "curl-67", 0, NULL, "permanent", "you", FALSE },
  { "Login denied", "curl-67", 0, NULL, "permanent", "you", FALSE },
  { "curl: (28) Connection timed out after 300001 milliseconds", "curl-28", 0, NULL, "temporary", "you", TRUE },
  { "Failed to connect to smtp.office365.com port 587 after 250 ms: Connection refused", "network-error", 0, NULL,
    "temporary", "recipient", TRUE },
  { "Error: RCPT failed: 550 5.1.1 <x@y.example>: Recipient address rejected: User unknown in virtual mailbox "
    "table", "user-unknown", 550, "5.1.1", "permanent", "recipient", FALSE },
  /* Successes are never read as failures, whatever their words. */
  { "250-smtp.gmail.com at your service, [192.0.2.1]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
    "250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n", "reply-250", 250, NULL, "success", "you", FALSE },
  { "250 2.0.0 OK  1700000000 a1-2 - gsmtp", NULL, 250, "2.0.0", "success", "you", FALSE },
  /* Odd or unknown codes: honest class, no invented cause. */
  { "599 weird", "class-5", 599, NULL, "permanent", "you", FALSE },
  { "299 ok?", "class-2", 299, NULL, "success", "you", FALSE },
  { "4.9.9", "class-4", 0, "4.9.9", "temporary", "provider", TRUE },
};

static void
check_bilingual (MjExplanation *x,
                 const char    *what,
                 const char  *(*get) (MjExplanation *, const char *))
{
  const char *en = get (x, "en");
  const char *es = get (x, "es");

  if (en == NULL || en[0] == '\0' || es == NULL || es[0] == '\0' || g_str_equal (en, es))
    g_error ("%s: the %s needs an English and a different Spanish text", mj_explanation_get_entry_id (x), what);
}

static void
test_real_replies (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (real_replies); i++)
    {
      const RealReply *r = &real_replies[i];
      g_autoptr(MjExplanation) x = mj_explainer_explain_text (r->text);
      const char *id = mj_explanation_get_entry_id (x);

      g_test_message ("%s → %s", r->text, id);
      if (r->entry != NULL && !g_str_equal (id, r->entry))
        g_error ("“%s” gives %s, not %s", r->text, id, r->entry);
      g_assert_cmpuint (mj_explanation_get_reply_code (x), ==, r->code);
      g_assert_cmpstr (mj_explanation_get_enhanced_status (x), ==, r->enhanced);
      g_assert_cmpstr (mj_explanation_get_class (x), ==, r->klass);
      g_assert_cmpstr (mj_explanation_get_who_fixes_string (x), ==, r->who);
      g_assert_cmpint (mj_explanation_get_retry (x), ==, r->retry);
      check_bilingual (x, "title", mj_explanation_get_title);
      check_bilingual (x, "explanation", mj_explanation_get_explanation);
      check_bilingual (x, "action", mj_explanation_get_action);
    }
}

/* The same reply explained the same way whatever its shape: one line or
 * continuation lines, CRLF or LF, upper or lower case, with a server stamp
 * or quoted by a bounce or by curl. */
static void
test_reply_shapes (void)
{
  static const char * const shapes[][6] = {
    { "550 5.1.1 Recipient address rejected: User unknown",
      "550-5.1.1 Recipient address\r\n550 5.1.1 rejected: User unknown\r\n",
      "550 5.1.1 RECIPIENT ADDRESS REJECTED: USER UNKNOWN",
      "550 5.1.1 Recipient address rejected: User unknown [AM0PR01MB1234.eurprd01.prod.exchangelabs.com 2026-11-23T10:00:00.000Z 08DC12]",
      "host mx.b.example[192.0.2.9] said: 550 5.1.1 Recipient address rejected: User unknown (in reply to RCPT TO command)",
      "Remote Server returned '550 5.1.1 Recipient address rejected: User unknown'" },
    { "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
      "535-5.7.139 Authentication unsuccessful, basic\n535 5.7.139 authentication is disabled.",
      "535 5.7.139 authentication unsuccessful, BASIC AUTHENTICATION IS DISABLED.",
      "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [DB9PR02CA0001.eurprd02.prod.outlook.com]",
      "SMTP error: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
      "curl: (67) Login denied: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(MjExplanation) first = mj_explainer_explain_text (shapes[i][0]);

      for (guint j = 1; j < G_N_ELEMENTS (shapes[i]); j++)
        {
          g_autoptr(MjExplanation) x = mj_explainer_explain_text (shapes[i][j]);

          g_test_message ("%s → %s", shapes[i][j], mj_explanation_get_entry_id (x));
          g_assert_cmpstr (mj_explanation_get_entry_id (x), ==, mj_explanation_get_entry_id (first));
          g_assert_cmpuint (mj_explanation_get_reply_code (x), ==, mj_explanation_get_reply_code (first));
          g_assert_cmpstr (mj_explanation_get_enhanced_status (x), ==, mj_explanation_get_enhanced_status (first));
        }
    }
}

/* Numbers that are measures are not reply codes. */
static void
test_measures_are_not_codes (void)
{
  static const char * const texts[] = {
    "Failed to connect to smtp.example.com port 587 after 250 ms: Connection refused",
    "Operation timed out after 300 seconds with 0 bytes received",
    "Message of 450 KB accepted, limit is 500 messages per day",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MjSmtpReply) reply = _mj_explainer_parse_text (texts[i]);

      g_test_message ("%s", texts[i]);
      g_assert_cmpuint (reply->code, ==, 0);
    }
  {
    g_autoptr(MjSmtpReply) reply = _mj_explainer_parse_text ("The server responded: 530 5.7.57 Client not "
                                                             "authenticated. Port: 587, Server Error: 530");

    g_assert_cmpuint (reply->code, ==, 530);
    g_assert_cmpstr (reply->enhanced, ==, "5.7.57");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/explainer/every-entry", test_every_entry);
  g_test_add_func ("/mj/explainer/text-entries-reachable", test_text_entries_reachable);
  g_test_add_func ("/mj/explainer/enhanced-entries", test_enhanced_entries);
  g_test_add_func ("/mj/explainer/microsoft-entries-without-context", test_microsoft_entries_without_context);
  g_test_add_func ("/mj/explainer/microsoft-context", test_microsoft_context);
  g_test_add_func ("/mj/explainer/reply-entries", test_reply_entries);
  g_test_add_func ("/mj/explainer/other-tables", test_other_tables);
  g_test_add_func ("/mj/explainer/spot-checks", test_spot_checks);
  g_test_add_func ("/mj/explainer/reply-struct", test_reply_struct);
  g_test_add_func ("/mj/explainer/admin-messages", test_admin_messages);
  g_test_add_func ("/mj/explainer/unknown-input", test_unknown_input);
  g_test_add_func ("/mj/explainer/client-code-with-reply", test_client_code_with_reply);
  g_test_add_func ("/mj/explainer/pasted-bounce", test_pasted_bounce);
  g_test_add_func ("/mj/explainer/real-replies", test_real_replies);
  g_test_add_func ("/mj/explainer/reply-shapes", test_reply_shapes);
  g_test_add_func ("/mj/explainer/measures-are-not-codes", test_measures_are_not_codes);

  return g_test_run ();
}
