#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "mj-test-utils.h"

/* `mensajero-cli explain` through $MJ_CLI: the JSON of DESIGN.md field by
 * field, plain output in the --lang language, bounces with --eml. */

static JsonObject *
parse_object (const char  *text,
              JsonParser **parser_out)
{
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  *parser_out = parser;
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_bilingual (JsonObject *o,
                  const char *member)
{
  JsonObject *pair = json_object_get_object_member (o, member);
  const char *en = json_object_get_string_member (pair, "en");
  const char *es = json_object_get_string_member (pair, "es");

  g_assert_nonnull (en);
  g_assert_nonnull (es);
  g_assert_cmpstr (en, !=, "");
  g_assert_cmpstr (es, !=, "");
  g_assert_cmpstr (en, !=, es);
}

static void
test_json_reply (void)
{
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "explain", "--json",
                                              "550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown",
                                              NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *o;

  g_assert_cmpint (run->status, ==, 0);
  o = parse_object (run->out, &parser);
  g_assert_cmpint (json_object_get_int_member (o, "reply_code"), ==, 550);
  g_assert_cmpstr (json_object_get_string_member (o, "enhanced_status"), ==, "5.1.1");
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "permanent");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "userunknown");
  g_assert_false (json_object_get_boolean_member (o, "retry"));
  g_assert_cmpstr (json_object_get_string_member (o, "who_fixes"), ==, "recipient");
  assert_bilingual (o, "title");
  assert_bilingual (o, "explanation");
  assert_bilingual (o, "action");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "title"), "es"), ==,
                   "La dirección del destinatario no existe");
  g_assert_true (json_object_get_null_member (o, "admin_message"));
}

static void
test_json_tenant_disabled (void)
{
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "explain", "--json",
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
    "Visit https://aka.ms/smtp_auth_disabled for more information.", NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *o;

  g_assert_cmpint (run->status, ==, 0);
  o = parse_object (run->out, &parser);
  g_assert_cmpint (json_object_get_int_member (o, "reply_code"), ==, 535);
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "securityerror");
  g_assert_cmpstr (json_object_get_string_member (o, "who_fixes"), ==, "admin");
  g_assert_false (json_object_get_boolean_member (o, "retry"));
  assert_bilingual (o, "admin_message");
}

static void
test_json_temporary_and_codes (void)
{
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "explain", "--json", "451 4.7.500 Server busy. Please try again later", NULL);
  g_autoptr(MjTestRun) client = mj_test_run_cli (NULL, "explain", "--json", "0x800CCC0E", NULL);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  JsonObject *o;

  g_assert_cmpint (run->status, ==, 0);
  o = parse_object (run->out, &p1);
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "temporary");
  g_assert_true (json_object_get_boolean_member (o, "retry"));

  g_assert_cmpint (client->status, ==, 0);
  o = parse_object (client->out, &p2);
  g_assert_true (json_object_get_null_member (o, "reply_code"));
  g_assert_true (json_object_get_null_member (o, "enhanced_status"));
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "networkerror");
}

static void
test_plain_languages (void)
{
  g_autoptr(MjTestRun) es = mj_test_run_cli (NULL, "--lang", "es", "explain", "552 5.2.2 Mailbox full", NULL);
  g_autoptr(MjTestRun) en = mj_test_run_cli (NULL, "--lang", "en", "explain", "552 5.2.2 Mailbox full", NULL);
  g_autoptr(MjTestRun) both = mj_test_run_cli (NULL, "--lang", "en", "explain", "--both", "552 5.2.2 Mailbox full", NULL);
  g_autoptr(MjTestRun) piped = mj_test_run_cli ("552 5.2.2 Mailbox full\r\n", "--lang", "en", "explain", "-", NULL);

  g_assert_cmpint (es->status, ==, 0);
  g_assert_nonnull (strstr (es->out, "El buzón del destinatario está lleno"));
  g_assert_null (strstr (es->out, "The recipient's mailbox is full"));
  g_assert_nonnull (strstr (en->out, "The recipient's mailbox is full"));
  g_assert_null (strstr (en->out, "El buzón del destinatario está lleno"));
  g_assert_nonnull (strstr (both->out, "The recipient's mailbox is full"));
  g_assert_nonnull (strstr (both->out, "El buzón del destinatario está lleno"));
  g_assert_cmpint (piped->status, ==, 0);
  g_assert_nonnull (strstr (piped->out, "The recipient's mailbox is full"));
}

static void
test_eml (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "fixtures", "bounces",
                                            "postfix-dsn.eml", NULL);
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "explain", "--json", "--eml", path, NULL);
  g_autoptr(MjTestRun) plain = mj_test_run_cli (NULL, "--lang", "es", "explain", "--eml", path, NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *o, *r;
  JsonArray *recipients;

  g_assert_cmpint (run->status, ==, 0);
  o = parse_object (run->out, &parser);
  g_assert_cmpstr (json_object_get_string_member (o, "original_message_id"), ==,
                   "20261123.a1b2c3d4@fontaneria-perez.example");
  recipients = json_object_get_array_member (o, "recipients");
  g_assert_cmpuint (json_array_get_length (recipients), ==, 3);
  r = json_array_get_object_element (recipients, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "address"), ==, "contabilidad@cliente-uno.example");
  g_assert_cmpstr (json_object_get_string_member (r, "enhanced_status"), ==, "5.1.1");
  g_assert_cmpint (json_object_get_int_member (r, "reply_code"), ==, 550);
  g_assert_nonnull (strstr (json_object_get_string_member (r, "diagnostic"), "User unknown"));
  g_assert_cmpstr (json_object_get_string_member (r, "reason"), ==, "userunknown");
  g_assert_false (json_object_get_boolean_member (r, "retry"));
  r = json_array_get_object_element (recipients, 1);
  g_assert_cmpstr (json_object_get_string_member (r, "reason"), ==, "mailboxfull");
  o = json_object_get_object_member (o, "explanation");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "userunknown");
  assert_bilingual (o, "title");

  g_assert_cmpint (plain->status, ==, 0);
  g_assert_nonnull (strstr (plain->out, "jefe@cliente-dos.example"));
  g_assert_nonnull (strstr (plain->out, "El buzón del destinatario está lleno"));
}

static void
test_eml_auto_reply (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "fixtures", "bounces",
                                            "autoreply-es.eml", NULL);
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "explain", "--json", "--eml", path, NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *o;

  g_assert_cmpint (run->status, ==, 0);
  o = parse_object (run->out, &parser);
  g_assert_true (json_object_get_boolean_member (o, "auto_reply"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "recipients")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "explanation"), "reason"),
                   ==, "vacation");
}

/* A multi-line reply piped in as the server printed it, and a reply
 * quoted inside curl's message. */
static void
test_json_real_shapes (void)
{
  g_autoptr(MjTestRun) piped = mj_test_run_cli (
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d9443c01a7336 - gsmtp\r\n",
    "explain", "--json", "-", NULL);
  g_autoptr(MjTestRun) curl = mj_test_run_cli (NULL, "explain", "--json", "curl: (55) RCPT failed: 550", NULL);
  g_autoptr(MjTestRun) ok = mj_test_run_cli ("250-mx.example Hello\r\n250-SMTPUTF8\r\n250 SIZE 35882577\r\n",
                                            "explain", "--json", "-", NULL);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  g_autoptr(JsonParser) p3 = NULL;
  JsonObject *o;

  g_assert_cmpint (piped->status, ==, 0);
  o = parse_object (piped->out, &p1);
  g_assert_cmpint (json_object_get_int_member (o, "reply_code"), ==, 550);
  g_assert_cmpstr (json_object_get_string_member (o, "enhanced_status"), ==, "5.1.1");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "userunknown");
  g_assert_cmpstr (json_object_get_string_member (o, "who_fixes"), ==, "recipient");
  assert_bilingual (o, "title");

  /* curl's "send error" is not the story: the server refused for good. */
  g_assert_cmpint (curl->status, ==, 0);
  o = parse_object (curl->out, &p2);
  g_assert_cmpint (json_object_get_int_member (o, "reply_code"), ==, 550);
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "permanent");
  g_assert_false (json_object_get_boolean_member (o, "retry"));

  /* An EHLO answer that lists SMTPUTF8 is a success, not a content error. */
  g_assert_cmpint (ok->status, ==, 0);
  o = parse_object (ok->out, &p3);
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "success");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "delivered");
}

static JsonObject *
run_eml (const char  *fixture,
         MjTestRun  **run_out,
         JsonParser **parser_out)
{
  g_autofree char *path = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "fixtures", "bounces", fixture, NULL);
  MjTestRun *run = mj_test_run_cli (NULL, "explain", "--json", "--eml", path, NULL);

  g_assert_cmpint (run->status, ==, 0);
  *run_out = run;
  return parse_object (run->out, parser_out);
}

static void
test_eml_more_formats (void)
{
  g_autoptr(MjTestRun) r1 = NULL;
  g_autoptr(MjTestRun) r2 = NULL;
  g_autoptr(MjTestRun) r3 = NULL;
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  g_autoptr(JsonParser) p3 = NULL;
  JsonObject *o, *r;
  JsonArray *recipients;

  /* Exchange Online, HTML only + DSN: one recipient, not two. */
  o = run_eml ("exchange-html-dsn.eml", &r1, &p1);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "dsn");
  recipients = json_object_get_array_member (o, "recipients");
  g_assert_cmpuint (json_array_get_length (recipients), ==, 1);
  r = json_array_get_object_element (recipients, 0);
  g_assert_cmpstr (json_object_get_string_member (r, "address"), ==, "compras@grupo-norte.example");
  g_assert_cmpstr (json_object_get_string_member (r, "enhanced_status"), ==, "5.7.133");
  g_assert_cmpstr (json_object_get_string_member (r, "reason"), ==, "policyviolation");
  g_assert_cmpstr (json_object_get_string_member (o, "original_message_id"), ==,
                   "DB9PR02MB1111222233334444AAAABBBBCCCCDDDD@DB9PR02MB1111.eurprd02.prod.outlook.com");

  /* One failed and one delayed recipient in one report. */
  o = run_eml ("sendmail-mixed-dsn.eml", &r2, &p2);
  recipients = json_object_get_array_member (o, "recipients");
  g_assert_cmpuint (json_array_get_length (recipients), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (recipients, 0), "action"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (recipients, 1), "action"), ==, "delayed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (recipients, 1), "class"), ==,
                   "temporary");

  /* Not a bounce: said so, with nothing made up. */
  o = run_eml ("not-bounce.eml", &r3, &p3);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "none");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "recipients")), ==, 0);
  g_assert_true (json_object_get_null_member (o, "original_message_id"));
  o = json_object_get_object_member (o, "explanation");
  g_assert_cmpstr (json_object_get_string_member (o, "entry"), ==, "not-bounce");
  assert_bilingual (o, "title");
}

static void
test_bad_input (void)
{
  g_autoptr(MjTestRun) missing = mj_test_run_cli (NULL, "explain", "--eml", "/nonexistent/x.eml", NULL);
  g_autoptr(MjTestRun) nothing = mj_test_run_cli (NULL, "explain", NULL);
  g_autoptr(MjTestRun) blank = mj_test_run_cli (NULL, "explain", "   ", NULL);

  g_assert_cmpint (missing->status, ==, 1);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_cmpint (nothing->status, ==, 1);
  g_assert_cmpint (blank->status, ==, 1);
}

/* --provider and --server say where the reply came from: Microsoft's
 * meaning of 4.7.500 only then; elsewhere a server holding mail back for
 * now. Either way temporary, retried, exit 0. An unknown provider is bad
 * usage. */
static void
test_provider_context (void)
{
  static const char * const reply = "451 4.7.500 Server busy";
  struct {
    const char *option;
    const char *value;
    gboolean microsoft;
  } rows[] = {
    { "--provider", "microsoft365", TRUE },
    { "--provider", "outlook.com", TRUE },
    { "--server", "smtp.office365.com", TRUE },
    { "--server", "smtp-mail.outlook.com", TRUE },
    { "--provider", "gmail", FALSE },
    { "--server", "mail.example.net", FALSE },
    { NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(MjTestRun) run = rows[i].option != NULL
        ? mj_test_run_cli (NULL, "explain", "--json", rows[i].option, rows[i].value, reply, NULL)
        : mj_test_run_cli (NULL, "explain", "--json", reply, NULL);
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *o;
      const char *title_en, *title_es;

      g_assert_cmpint (run->status, ==, 0);
      o = parse_object (run->out, &parser);
      title_en = json_object_get_string_member (json_object_get_object_member (o, "title"), "en");
      title_es = json_object_get_string_member (json_object_get_object_member (o, "title"), "es");
      g_test_message ("%s %s → %s", rows[i].option, rows[i].value, title_en);
      g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "temporary");
      g_assert_true (json_object_get_boolean_member (o, "retry"));
      g_assert_cmpint (strstr (title_en, "Microsoft") != NULL, ==, rows[i].microsoft);
      g_assert_cmpint (strstr (title_es, "Microsoft") != NULL, ==, rows[i].microsoft);
      g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==,
                       rows[i].microsoft ? "ratelimited" : "blocked");
    }

  {
    g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "explain", "--provider", "no-such-provider", reply, NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "no-such-provider"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mj/cli-explain/json-reply", test_json_reply);
  g_test_add_func ("/mj/cli-explain/json-tenant-disabled", test_json_tenant_disabled);
  g_test_add_func ("/mj/cli-explain/json-temporary-and-codes", test_json_temporary_and_codes);
  g_test_add_func ("/mj/cli-explain/plain-languages", test_plain_languages);
  g_test_add_func ("/mj/cli-explain/eml", test_eml);
  g_test_add_func ("/mj/cli-explain/eml-auto-reply", test_eml_auto_reply);
  g_test_add_func ("/mj/cli-explain/json-real-shapes", test_json_real_shapes);
  g_test_add_func ("/mj/cli-explain/eml-more-formats", test_eml_more_formats);
  g_test_add_func ("/mj/cli-explain/bad-input", test_bad_input);
  g_test_add_func ("/mj/cli-explain/provider-context", test_provider_context);

  return g_test_run ();
}
