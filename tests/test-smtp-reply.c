#include "config.h"

#include "mj-smtp-reply.h"

static void
test_single_line (void)
{
  g_autoptr(MjSmtpReply) r = mj_smtp_reply_parse ("550 5.1.1 <nouser@example.test>: Recipient address rejected: User unknown\r\n");

  g_assert_cmpuint (r->code, ==, 550);
  g_assert_cmpstr (r->enhanced, ==, "5.1.1");
  g_assert_cmpstr (r->text, ==, "<nouser@example.test>: Recipient address rejected: User unknown");
  g_assert_cmpint (mj_smtp_reply_get_class (r), ==, MJ_REPLY_CLASS_PERMANENT);
}

static void
test_multi_line (void)
{
  g_autoptr(MjSmtpReply) r = mj_smtp_reply_parse ("250-smtp.example.test Hello\r\n250-SIZE 1000000\r\n250 AUTH PLAIN LOGIN\r\n");

  g_assert_cmpuint (r->code, ==, 250);
  g_assert_null (r->enhanced);
  g_assert_cmpstr (r->text, ==, "smtp.example.test Hello\nSIZE 1000000\nAUTH PLAIN LOGIN");
  g_assert_cmpint (mj_smtp_reply_get_class (r), ==, MJ_REPLY_CLASS_SUCCESS);
}

static void
test_microsoft_texts (void)
{
  g_autoptr(MjSmtpReply) a = mj_smtp_reply_parse ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.");
  g_autoptr(MjSmtpReply) b = mj_smtp_reply_parse ("451 4.7.500 Server busy. Please try again later. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]");
  g_autoptr(MjSmtpReply) c = mj_smtp_reply_parse ("554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade.");

  g_assert_cmpuint (a->code, ==, 535);
  g_assert_cmpstr (a->enhanced, ==, "5.7.139");
  g_assert_cmpuint (b->code, ==, 451);
  g_assert_cmpstr (b->enhanced, ==, "4.7.500");
  g_assert_cmpint (mj_smtp_reply_get_class (b), ==, MJ_REPLY_CLASS_TEMPORARY);
  g_assert_cmpuint (c->code, ==, 554);
  g_assert_cmpstr (c->enhanced, ==, "5.2.0");
}

static void
test_loose (void)
{
  /* As quoted in an Exchange NDR and in a DSN Diagnostic-Code. */
  g_autoptr(MjSmtpReply) a = mj_smtp_reply_parse ("Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'");
  g_autoptr(MjSmtpReply) b = mj_smtp_reply_parse ("smtp; 552 5.2.2 <client@example.org>: mailbox full");
  g_autoptr(MjSmtpReply) c = mj_smtp_reply_parse ("Error: 5.7.1 relaying denied on host 10.2.3.4 port 25");
  g_autoptr(MjSmtpReply) d = mj_smtp_reply_parse ("no codes in here, only 12345 and 1.2.3.4");
  g_autoptr(MjSmtpReply) e = mj_smtp_reply_parse ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##");

  g_assert_cmpuint (a->code, ==, 550);
  g_assert_cmpstr (a->enhanced, ==, "5.1.10");
  g_assert_cmpuint (b->code, ==, 552);
  g_assert_cmpstr (b->enhanced, ==, "5.2.2");
  g_assert_cmpuint (c->code, ==, 0);
  g_assert_cmpstr (c->enhanced, ==, "5.7.1");
  g_assert_cmpint (mj_smtp_reply_get_class (c), ==, MJ_REPLY_CLASS_PERMANENT);
  g_assert_cmpuint (d->code, ==, 0);
  g_assert_null (d->enhanced);
  g_assert_cmpint (mj_smtp_reply_get_class (d), ==, MJ_REPLY_CLASS_UNKNOWN);
  g_assert_cmpuint (e->code, ==, 550);
  g_assert_cmpstr (e->enhanced, ==, "5.1.1");
}

static void
test_enhanced_valid (void)
{
  g_assert_true (mj_smtp_enhanced_status_valid ("5.7.139"));
  g_assert_true (mj_smtp_enhanced_status_valid ("4.4.2"));
  g_assert_false (mj_smtp_enhanced_status_valid ("5.7.1391"));
  g_assert_false (mj_smtp_enhanced_status_valid ("3.1.1"));
  g_assert_false (mj_smtp_enhanced_status_valid ("5.7"));
  g_assert_false (mj_smtp_enhanced_status_valid (NULL));
}

static void
test_to_string (void)
{
  g_autoptr(MjSmtpReply) r = mj_smtp_reply_parse ("250 2.0.0 OK queued as 1234\r\n");
  g_autoptr(MjSmtpReply) n = mj_smtp_reply_new (421, "4.4.2", "Connection dropped");
  g_autofree char *s = mj_smtp_reply_to_string (r);
  g_autofree char *t = mj_smtp_reply_to_string (n);

  g_assert_cmpstr (s, ==, "250 2.0.0 OK queued as 1234");
  g_assert_cmpstr (t, ==, "421 4.4.2 Connection dropped");
}

static void
test_garbage (void)
{
  /* Invalid UTF-8 and odd line ends must not crash or read past the end. */
  g_autoptr(MjSmtpReply) r = mj_smtp_reply_parse ("5\xff\xfe" "0\r\r\n250");
  g_autoptr(MjSmtpReply) e = mj_smtp_reply_parse ("");

  g_assert_nonnull (r->raw);
  g_assert_cmpuint (e->code, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/smtp-reply/single-line", test_single_line);
  g_test_add_func ("/mj/smtp-reply/multi-line", test_multi_line);
  g_test_add_func ("/mj/smtp-reply/microsoft", test_microsoft_texts);
  g_test_add_func ("/mj/smtp-reply/loose", test_loose);
  g_test_add_func ("/mj/smtp-reply/enhanced-valid", test_enhanced_valid);
  g_test_add_func ("/mj/smtp-reply/to-string", test_to_string);
  g_test_add_func ("/mj/smtp-reply/garbage", test_garbage);

  return g_test_run ();
}
