#include "config.h"

#include <string.h>
#include <gmime/gmime.h>

#include "mj-bounce.h"

/* Bounce fixtures written for the project (tests/fixtures/bounces), one
 * per format, checked recipient by recipient. */

typedef struct {
  const char *address;
  const char *action;
  const char *status;
  guint code;
  const char *reason;
  gboolean retry;
  const char *diagnostic_part;
} Expected;

static MjBounce *
load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "fixtures", "bounces", name, NULL);
  g_autoptr(GError) error = NULL;
  MjBounce *bounce = mj_bounce_parse_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bounce);
  return bounce;
}

static void
check (const char     *fixture,
       MjBounceKind    kind,
       const char     *message_id,
       const Expected *expected,
       guint           n_expected)
{
  g_autoptr(MjBounce) bounce = load (fixture);
  GPtrArray *recipients = mj_bounce_get_recipients (bounce);

  g_test_message ("%s", fixture);
  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, kind);
  g_assert_cmpstr (mj_bounce_get_original_message_id (bounce), ==, message_id);
  g_assert_cmpuint (recipients->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      MjBounceRecipient *r = g_ptr_array_index (recipients, i);

      g_test_message ("  %s", r->address);
      g_assert_cmpstr (r->address, ==, expected[i].address);
      g_assert_cmpstr (r->action, ==, expected[i].action);
      g_assert_cmpstr (r->status, ==, expected[i].status);
      g_assert_cmpuint (r->reply_code, ==, expected[i].code);
      g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, expected[i].reason);
      g_assert_cmpint (mj_explanation_get_retry (r->explanation), ==, expected[i].retry);
      if (expected[i].diagnostic_part != NULL)
        {
          g_assert_nonnull (r->diagnostic);
          g_assert_nonnull (strstr (r->diagnostic, expected[i].diagnostic_part));
        }
    }
  g_assert_nonnull (mj_bounce_get_explanation (bounce));
}

static void
test_postfix_dsn (void)
{
  static const Expected expected[] = {
    { "contabilidad@cliente-uno.example", "failed", "5.1.1", 550, "userunknown", FALSE,
      "User unknown in virtual mailbox table" },
    { "jefe@cliente-dos.example", "failed", "5.2.2", 552, "mailboxfull", FALSE, "Mailbox full" },
    { "info@cliente-tres.example", "failed", "5.7.1", 554, "blocked", FALSE, "zen.spamhaus.org" },
  };
  g_autoptr(MjBounce) bounce = load ("postfix-dsn.eml");
  MjBounceRecipient *first;

  check ("postfix-dsn.eml", MJ_BOUNCE_KIND_DSN, "20261123.a1b2c3d4@fontaneria-perez.example",
         expected, G_N_ELEMENTS (expected));
  first = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (first->remote_mta, ==, "mx1.cliente-uno.example");
  g_assert_cmpstr (first->original_recipient, ==, "contabilidad@cliente-uno.example");
  g_assert_cmpstr (mj_explanation_get_reason (mj_bounce_get_explanation (bounce)), ==, "userunknown");
}

static void
test_gmail_dsn (void)
{
  static const Expected expected[] = {
    { "pedidos@ferreteria-norte.example", "failed", "5.1.1", 550, "userunknown", FALSE,
      "does not exist" },
  };

  check ("gmail-dsn.eml", MJ_BOUNCE_KIND_DSN, "CAF4kxYz0w1q@mail.gmail.com", expected, 1);
}

static void
test_exchange_english (void)
{
  static const Expected expected[] = {
    { "anna.schmidt@northwind.example", "failed", "5.1.1", 550, "userunknown", FALSE,
      "RESOLVER.ADR.RecipNotFound" },
  };

  check ("exchange-en.eml", MJ_BOUNCE_KIND_TEXT, "20261123094105.77aa01@contoso-invoices.example",
         expected, 1);
}

static void
test_exchange_spanish (void)
{
  static const Expected expected[] = {
    { "clientes@construcciones-ruiz.example", "failed", "5.1.10", 550, "userunknown", FALSE,
      "RecipientNotFound" },
  };

  check ("exchange-es.eml", MJ_BOUNCE_KIND_TEXT, "20261123110240.f00d@reformas-garcia.example", expected, 1);
}

static void
test_exchange_german (void)
{
  static const Expected expected[] = {
    { "einkauf@gastro-schulz.example", "failed", "5.2.2", 552, "mailboxfull", FALSE, "QuotaExceeded" },
  };

  check ("exchange-de.eml", MJ_BOUNCE_KIND_TEXT, "rechnung-2026-112.99@baecker-meyer.example", expected, 1);
}

static void
test_exim (void)
{
  static const Expected expected[] = {
    { "compras@hotel-playa.example", "failed", "5.1.1", 550, "userunknown", FALSE, "User unknown" },
    { "admin@dominio-caido.example", "failed", NULL, 0, "expired", FALSE, "retry timeout exceeded" },
  };

  check ("exim.eml", MJ_BOUNCE_KIND_TEXT, "factura-2026-077.5f3e@electricidad-soto.example", expected, 2);
}

static void
test_qmail (void)
{
  static const Expected expected[] = {
    { "facturacion@distribuciones-sur.example", "failed", "5.2.2", 552, "mailboxfull", FALSE, "quota" },
  };

  check ("qmail.eml", MJ_BOUNCE_KIND_TEXT, "qm.2026-301.8812@talleres-vega.example", expected, 1);
}

static void
test_sendmail (void)
{
  static const Expected expected[] = {
    { "pagos@papeleria-centro.example", "failed", "5.7.1", 550, "norelaying", FALSE, "Relaying denied" },
  };

  check ("sendmail.eml", MJ_BOUNCE_KIND_TEXT, "imprenta.0042@imprenta-luz.example", expected, 1);
}

static void
test_delayed (void)
{
  static const Expected expected[] = {
    { "compras@mayorista-este.example", "delayed", "4.4.1", 0, "networkerror", FALSE, "Connection timed out" },
  };
  g_autoptr(MjBounce) bounce = load ("delayed-dsn.eml");
  MjBounceRecipient *r;

  check ("delayed-dsn.eml", MJ_BOUNCE_KIND_DSN, "20261123.e5f6a7b8@fontaneria-perez.example", expected, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (mj_explanation_get_class (r->explanation), ==, "temporary");
}

static void
test_auto_reply (void)
{
  g_autoptr(MjBounce) bounce = load ("autoreply-es.eml");
  MjExplanation *x = mj_bounce_get_explanation (bounce);

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_AUTO_REPLY);
  /* The address in the body is a contact, not a failed recipient. */
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 0);
  g_assert_cmpstr (mj_explanation_get_reason (x), ==, "vacation");
  g_assert_false (mj_explanation_get_retry (x));
  g_assert_cmpstr (mj_bounce_get_original_message_id (bounce), ==, "20261123.a1b2c3d4@fontaneria-perez.example");
}

/* An auto-reply recognised by its subject alone (no RFC 3834 header). */
static void
test_auto_reply_subject (void)
{
  static const char text[] =
    "From: Bob <bob@example.net>\r\nTo: a@example.org\r\nSubject: Automatic reply: Invoice 7\r\n"
    "Message-ID: <r1@example.net>\r\n\r\nI am out of the office until Monday.\r\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_AUTO_REPLY);
  g_assert_cmpstr (mj_explanation_get_reason (mj_bounce_get_explanation (bounce)), ==, "vacation");
}

static void
test_not_a_bounce (void)
{
  static const char text[] =
    "From: Ana <ana@example.net>\r\nTo: a@example.org\r\nSubject: Re: Invoice 7\r\n\r\n"
    "Thanks, received.\r\n\r\nana@example.net\r\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_NONE);
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 0);
  g_assert_cmpstr (mj_explanation_get_entry_id (mj_bounce_get_explanation (bounce)), ==, "not-bounce");
}

/* A bounce body pasted without its headers. */
static void
test_pasted_text (void)
{
  static const char text[] =
    "Delivery has failed to these recipients or groups:\n\n"
    "carlos@taller.example\n"
    "The email address you entered couldn't be found.\n\n"
    "Diagnostic information for administrators:\n\n"
    "carlos@taller.example\n"
    "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  MjBounceRecipient *r;

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_TEXT);
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->address, ==, "carlos@taller.example");
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, "userunknown");
}

/* Older Exchange: the recipient shown as "Name (address)". */
static void
test_named_recipient (void)
{
  static const char text[] =
    "Delivery has failed to these recipients or groups:\n\n"
    "Luis Gomez (luis@almacen.example)\n"
    "The recipient's mailbox is full and can't accept messages now.\n\n"
    "Diagnostic information for administrators:\n\n"
    "Generating server: mail.emisor.example\n\n"
    "luis@almacen.example\n"
    "#552 5.2.2 mailbox full ##\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  MjBounceRecipient *r;

  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->address, ==, "luis@almacen.example");
  g_assert_cmpuint (r->reply_code, ==, 552);
  g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, "mailboxfull");
}

/* Yahoo's plain-text bounce ("<address>:" then "554: delivery error"). */
static void
test_yahoo_text (void)
{
  static const char text[] =
    "From: MAILER-DAEMON@yahoo.example\r\nSubject: Failure Notice\r\n\r\n"
    "Sorry, we were unable to deliver your message to the following address.\r\n\r\n"
    "<nadie@yahoo.example>:\r\n"
    "554: delivery error: dd This user doesn't have a yahoo.example account (nadie@yahoo.example) [0]\r\n\r\n"
    "--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <y1@emisor.example>\r\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  MjBounceRecipient *r;

  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->address, ==, "nadie@yahoo.example");
  g_assert_cmpuint (r->reply_code, ==, 554);
  g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, "userunknown");
  g_assert_cmpstr (mj_bounce_get_original_message_id (bounce), ==, "y1@emisor.example");
}

/* Recipients known only from Exim's X-Failed-Recipients header. */
static void
test_failed_recipients_header (void)
{
  static const char text[] =
    "From: Mail Delivery System <Mailer-Daemon@mx.example>\r\n"
    "Subject: Mail delivery failed: returning message to sender\r\n"
    "X-Failed-Recipients: uno@destino.example, dos@destino.example\r\n\r\n"
    "This message was created automatically by mail delivery software.\r\n\r\n"
    "The recipients could not be reached: 550 5.1.1 mailbox unavailable\r\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  GPtrArray *recipients = mj_bounce_get_recipients (bounce);

  g_assert_cmpuint (recipients->len, ==, 2);
  g_assert_cmpstr (((MjBounceRecipient *) g_ptr_array_index (recipients, 1))->address, ==, "dos@destino.example");
  g_assert_cmpstr (((MjBounceRecipient *) g_ptr_array_index (recipients, 0))->action, ==, "failed");
}

/* A vague Status gives way to the diagnostic's precise one. */
static void
test_vague_status (void)
{
  static const char text[] =
    "From: MAILER-DAEMON@mx.example\r\nSubject: Delivery Status Notification (Failure)\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
    "--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
    "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; mx.example\r\n\r\n"
    "Final-Recipient: RFC822; <Eva@Destino.example>\r\nAction: failed\r\nStatus: 5.0.0\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <eva@destino.example>... User unknown\r\n"
    "--B--\r\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  MjBounceRecipient *r;

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_DSN);
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->address, ==, "Eva@Destino.example");
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpuint (r->reply_code, ==, 550);
  g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, "userunknown");
}

/* Outlook.com in Spanish, body only. */
static void
test_outlook_spanish_text (void)
{
  static const char text[] =
    "No se pudo entregar el mensaje a pedidos@bodega.example.\n\n"
    "El servidor de correo del destinatario rechazó el mensaje.\n\n"
    "Información de diagnóstico para administradores:\n\n"
    "pedidos@bodega.example\n"
    "El servidor remoto ha devuelto '552 5.2.2 mailbox full'\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  MjBounceRecipient *r;

  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->address, ==, "pedidos@bodega.example");
  g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, "mailboxfull");
}

/* Exchange Online: the human part is HTML only (base64), the report comes
 * with Original-Recipient before Final-Recipient (RFC 3464 order), and the
 * original's headers as text/rfc822-headers with a folded Message-ID. */
static void
test_exchange_html_dsn (void)
{
  static const Expected expected[] = {
    { "compras@grupo-norte.example", "failed", "5.7.133", 550, "policyviolation", FALSE,
      "SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed" },
  };
  g_autoptr(MjBounce) bounce = load ("exchange-html-dsn.eml");
  MjBounceRecipient *r;

  check ("exchange-html-dsn.eml", MJ_BOUNCE_KIND_DSN,
         "DB9PR02MB1111222233334444AAAABBBBCCCCDDDD@DB9PR02MB1111.eurprd02.prod.outlook.com", expected, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->original_recipient, ==, "compras@grupo-norte.example");
  /* The group only takes internal senders: the recipient's side must act,
   * not the user's login. */
  g_assert_cmpstr (mj_explanation_get_who_fixes_string (r->explanation), ==, "recipient");
}

/* Exchange Online in French: windows-1252, quoted-printable. */
static void
test_exchange_french (void)
{
  static const Expected expected[] = {
    { "jean.dupont@client-lyon.example", "failed", "5.1.10", 550, "userunknown", FALSE,
      "RESOLVER.ADR.RecipientNotFound" },
  };

  check ("exchange-fr.eml", MJ_BOUNCE_KIND_TEXT,
         "PR1P264MB0001F2026038800000000@PR1P264MB0001.FRAP264.PROD.OUTLOOK.COM", expected, 1);
}

/* Exchange Online in Portuguese: ISO-8859-1, base64, LF line ends. */
static void
test_exchange_portuguese (void)
{
  static const Expected expected[] = {
    { "financeiro@distribuidora-porto.example", "failed", "5.2.2", 552, "mailboxfull", FALSE,
      "QuotaExceededException" },
  };
  g_autoptr(MjBounce) bounce = load ("exchange-pt.eml");

  check ("exchange-pt.eml", MJ_BOUNCE_KIND_TEXT, "ft-2026-1190.7c1d@grafica-lusa.example", expected, 1);
  g_assert_cmpstr (mj_bounce_get_subject (bounce), ==, "Não entregue: Fatura FT 2026/1190");
}

/* Older Exchange on-premises: "Name (address)" recipients, "#550 … ##"
 * replies, base64 body, and a folded Message-ID in the quoted headers. */
static void
test_exchange_onprem (void)
{
  static const Expected expected[] = {
    { "pedro.ruiz@almacenes-ruiz.example", "failed", "5.7.1", 550, "spamdetected", FALSE,
      "content restrictions" },
    { "lucia.mora@mora-asociados.example", "failed", "5.1.1", 550, "userunknown", FALSE, "User unknown" },
  };

  check ("exchange-onprem.eml", MJ_BOUNCE_KIND_TEXT, "5f1e9a7b2c3d4e5f@EXCH01.ferreteria-campo.local",
         expected, 2);
}

/* Yahoo / AOL: "<address>:" then "554: delivery error: …", no enhanced
 * status at all. */
static void
test_yahoo_fixture (void)
{
  static const Expected expected[] = {
    { "contabilidad@cliente-aol.example", "failed", NULL, 554, "userunknown", FALSE, "mailbox not found" },
    { "gerencia@cliente-aol.example", "failed", NULL, 552, "mailboxfull", FALSE, "exceeded storage allocation" },
  };

  check ("yahoo.eml", MJ_BOUNCE_KIND_TEXT, "1849372615.4471902.1763913669854@mail.yahoo.com", expected, 2);
}

/* Postfix's own words without the DSN parts; the second recipient's
 * reason starts on the address line and has no reply code. */
static void
test_postfix_plain (void)
{
  static const Expected expected[] = {
    { "pagos@talleres-ibarra.example", "failed", "5.1.1", 550, "userunknown", FALSE,
      "User unknown in local recipient table" },
    { "oficina@empresa-cerrada.example", "failed", NULL, 0, "hostunknown", FALSE,
      "Host or domain name not found" },
  };

  check ("postfix-plain.eml", MJ_BOUNCE_KIND_TEXT, NULL, expected, 2);
}

/* Sendmail: one recipient failed, one delayed, in one report; the
 * original comes back whole as message/rfc822. */
static void
test_sendmail_mixed (void)
{
  static const Expected expected[] = {
    { "tesoreria@papelera-rio.example", "failed", "5.1.1", 550, "userunknown", FALSE, "User unknown" },
    { "almacen@logistica-mar.example", "delayed", "4.3.0", 451, "systemerror", FALSE,
      "Temporary system failure, please try again later" },
  };
  g_autoptr(MjBounce) bounce = load ("sendmail-mixed-dsn.eml");
  MjBounceRecipient *delayed;

  check ("sendmail-mixed-dsn.eml", MJ_BOUNCE_KIND_DSN, "is-2026-204.3b9f0d@imprenta-sol.example", expected, 2);
  delayed = g_ptr_array_index (mj_bounce_get_recipients (bounce), 1);
  g_assert_cmpstr (mj_explanation_get_class (delayed->explanation), ==, "temporary");
  g_assert_cmpstr (delayed->remote_mta, ==, "mx.logistica-mar.example");
  /* The message as a whole failed: the failure, not the delay, sums it up. */
  g_assert_cmpstr (mj_explanation_get_class (mj_bounce_get_explanation (bounce)), ==, "permanent");
  g_assert_cmpstr (mj_explanation_get_reason (mj_bounce_get_explanation (bounce)), ==, "userunknown");
}

static void
test_auto_reply_english (void)
{
  g_autoptr(MjBounce) bounce = load ("autoreply-en.eml");
  MjExplanation *x = mj_bounce_get_explanation (bounce);

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_AUTO_REPLY);
  /* "payables@…" in the text is a contact, not a failed recipient. */
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 0);
  g_assert_cmpstr (mj_explanation_get_reason (x), ==, "vacation");
  g_assert_cmpstr (mj_explanation_get_class (x), ==, "success");
  g_assert_false (mj_explanation_get_retry (x));
  g_assert_cmpstr (mj_bounce_get_original_message_id (bounce), ==, "gp-2026-0771.19ab@green-print.example");
}

/* An ordinary reply that quotes the invoice and has a number like a reply
 * code in it: said honestly to be no bounce. */
static void
test_not_a_bounce_fixture (void)
{
  g_autoptr(MjBounce) bounce = load ("not-bounce.eml");
  MjExplanation *x = mj_bounce_get_explanation (bounce);

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_NONE);
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 0);
  g_assert_cmpstr (mj_explanation_get_entry_id (x), ==, "not-bounce");
  g_assert_cmpstr (mj_explanation_get_title (x, "en"), !=, mj_explanation_get_title (x, "es"));
  g_assert_false (mj_explanation_get_retry (x));
}

static char *
convert_line_ends (const char *text,
                   gboolean    to_crlf)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n' && to_crlf)
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Every fixture reads the same with CRLF and with LF line ends. */
static void
test_line_ends (void)
{
  static const char * const fixtures[] = {
    "postfix-dsn.eml", "gmail-dsn.eml", "exchange-en.eml", "exchange-es.eml", "exchange-de.eml", "exim.eml",
    "qmail.eml", "sendmail.eml", "delayed-dsn.eml", "autoreply-es.eml", "exchange-html-dsn.eml",
    "exchange-fr.eml", "exchange-pt.eml", "exchange-onprem.eml", "yahoo.eml", "postfix-plain.eml",
    "sendmail-mixed-dsn.eml", "autoreply-en.eml", "not-bounce.eml",
  };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MJ_TEST_SRCDIR"), "fixtures", "bounces", fixtures[f], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *lf = NULL;
      g_autofree char *crlf = NULL;
      g_autoptr(MjBounce) a = NULL;
      g_autoptr(MjBounce) b = NULL;
      GPtrArray *ra, *rb;

      g_test_message ("%s", fixtures[f]);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      lf = convert_line_ends (contents, FALSE);
      crlf = convert_line_ends (contents, TRUE);
      a = mj_bounce_parse_text (lf);
      b = mj_bounce_parse_text (crlf);
      g_assert_cmpint (mj_bounce_get_kind (a), ==, mj_bounce_get_kind (b));
      g_assert_cmpstr (mj_bounce_get_original_message_id (a), ==, mj_bounce_get_original_message_id (b));
      g_assert_cmpstr (mj_explanation_get_entry_id (mj_bounce_get_explanation (a)), ==,
                       mj_explanation_get_entry_id (mj_bounce_get_explanation (b)));
      ra = mj_bounce_get_recipients (a);
      rb = mj_bounce_get_recipients (b);
      g_assert_cmpuint (ra->len, ==, rb->len);
      for (guint i = 0; i < ra->len; i++)
        {
          MjBounceRecipient *x = g_ptr_array_index (ra, i);
          MjBounceRecipient *y = g_ptr_array_index (rb, i);

          g_assert_cmpstr (x->address, ==, y->address);
          g_assert_cmpstr (x->status, ==, y->status);
          g_assert_cmpuint (x->reply_code, ==, y->reply_code);
          g_assert_cmpstr (x->diagnostic, ==, y->diagnostic);
          g_assert_cmpstr (mj_explanation_get_reason (x->explanation), ==, mj_explanation_get_reason (y->explanation));
        }
    }
}

/* An HTML-only NDR: style sheets are no text, numeric entities are
 * decoded, so the quoted reply is found between its quotes. */
static void
test_html_only (void)
{
  static const char text[] =
    "From: Microsoft Outlook <postmaster@emisor.example>\r\nSubject: Undeliverable: Factura 12\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n"
    "<html><head><style>p { margin: 0 } .x { font: 550 12px 'Segoe UI' }</style></head><body>"
    "<p>Delivery has failed to these recipients or groups:</p>"
    "<table><tr><td>rosa@floristeria.example</td><td>The email address couldn&#x27;t be found.</td></tr></table>"
    "<p>Diagnostic information for administrators:</p>"
    "<p>rosa@floristeria.example<br>Remote Server returned &#x27;550 5.1.1 RESOLVER.ADR.RecipNotFound; "
    "not found&#x27;</p></body></html>\r\n";
  g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
  MjBounceRecipient *r;

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_TEXT);
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  g_assert_cmpstr (r->address, ==, "rosa@floristeria.example");
  g_assert_cmpstr (r->diagnostic, ==, "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
  g_assert_cmpstr (mj_explanation_get_reason (r->explanation), ==, "userunknown");
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  MjBounce *bounce = mj_bounce_parse_file ("/nonexistent/bounce.eml", &error);

  g_assert_null (bounce);
  g_assert_nonnull (error);
}

/* A DSN whose status means something else at Microsoft: the server that
 * answered (Remote-MTA), else the one that wrote the report
 * (Reporting-MTA), says whose meaning applies. */
static MjBounce *
dsn_with (const char *reporting_mta,
          const char *remote_mta,
          const char *status,
          const char *diagnostic)
{
  g_autofree char *text = g_strdup_printf (
    "From: MAILER-DAEMON@report.example\r\nSubject: Undeliverable: Factura 2026-031\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
    "--B\r\nContent-Type: text/plain\r\n\r\nDelivery has failed.\r\n"
    "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; %s\r\n\r\n"
    "Final-Recipient: rfc822; pedidos@bodega.example\r\nAction: failed\r\nStatus: %s\r\n"
    "%s%s%s"
    "Diagnostic-Code: smtp; %s\r\n"
    "--B--\r\n",
    reporting_mta, status, remote_mta != NULL ? "Remote-MTA: dns; " : "",
    remote_mta != NULL ? remote_mta : "", remote_mta != NULL ? "\r\n" : "", diagnostic);

  return mj_bounce_parse_text (text);
}

static const char *
first_entry (MjBounce *bounce)
{
  MjBounceRecipient *r;

  g_assert_cmpint (mj_bounce_get_kind (bounce), ==, MJ_BOUNCE_KIND_DSN);
  g_assert_cmpuint (mj_bounce_get_recipients (bounce)->len, ==, 1);
  r = g_ptr_array_index (mj_bounce_get_recipients (bounce), 0);
  return mj_explanation_get_entry_id (r->explanation);
}

static void
test_microsoft_context (void)
{
  /* 5.1.8 is RFC 3463's "bad sender's system address"; Microsoft uses it
   * for a sender blocked for spam. */
  {
    g_autoptr(MjBounce) ms = dsn_with ("AM0PR01MB1234.eurprd01.prod.exchangelabs.com", NULL, "5.1.8",
                                       "550 5.1.8 Access denied");
    g_autoptr(MjBounce) other = dsn_with ("mx.bodega.example", NULL, "5.1.8", "550 5.1.8 Access denied");

    g_assert_cmpstr (first_entry (ms), ==, "ms-5.1.8");
    g_assert_cmpstr (first_entry (other), ==, "x.1.8");
    g_assert_null (strstr (mj_explanation_get_title (mj_bounce_get_explanation (other), "en"), "Microsoft"));
    g_assert_null (strstr (mj_explanation_get_explanation (mj_bounce_get_explanation (other), "en"),
                           "Microsoft"));
  }
  /* Microsoft's own server reports, but the recipient's server (not
   * Microsoft's) gave the reply: the RFC meaning. The reverse too. */
  {
    g_autoptr(MjBounce) remote_other = dsn_with ("DB9PR01MB0001.eurprd01.prod.outlook.com", "mx.bodega.example",
                                                 "5.1.8", "550 5.1.8 Access denied");
    g_autoptr(MjBounce) remote_ms = dsn_with ("mx.report.example", "bodega-example.mail.protection.outlook.com",
                                              "5.1.8", "550 5.1.8 Access denied");

    g_assert_cmpstr (first_entry (remote_other), ==, "x.1.8");
    g_assert_cmpstr (first_entry (remote_ms), ==, "ms-5.1.8");
  }
  /* A number only Microsoft uses needs no context. */
  {
    g_autoptr(MjBounce) other = dsn_with ("mx.bodega.example", NULL, "5.7.705",
                                          "550 5.7.705 Access denied, tenant has exceeded threshold");

    g_assert_cmpstr (mj_explanation_get_reason (mj_bounce_get_explanation (other)), ==, "blocked");
    g_assert_nonnull (strstr (mj_explanation_get_explanation (mj_bounce_get_explanation (other), "en"),
                              "Microsoft"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/mj/bounce/postfix-dsn", test_postfix_dsn);
  g_test_add_func ("/mj/bounce/gmail-dsn", test_gmail_dsn);
  g_test_add_func ("/mj/bounce/exchange-english", test_exchange_english);
  g_test_add_func ("/mj/bounce/exchange-spanish", test_exchange_spanish);
  g_test_add_func ("/mj/bounce/exchange-german", test_exchange_german);
  g_test_add_func ("/mj/bounce/exim", test_exim);
  g_test_add_func ("/mj/bounce/qmail", test_qmail);
  g_test_add_func ("/mj/bounce/sendmail", test_sendmail);
  g_test_add_func ("/mj/bounce/delayed", test_delayed);
  g_test_add_func ("/mj/bounce/auto-reply", test_auto_reply);
  g_test_add_func ("/mj/bounce/auto-reply-subject", test_auto_reply_subject);
  g_test_add_func ("/mj/bounce/not-a-bounce", test_not_a_bounce);
  g_test_add_func ("/mj/bounce/pasted-text", test_pasted_text);
  g_test_add_func ("/mj/bounce/named-recipient", test_named_recipient);
  g_test_add_func ("/mj/bounce/yahoo-text", test_yahoo_text);
  g_test_add_func ("/mj/bounce/failed-recipients-header", test_failed_recipients_header);
  g_test_add_func ("/mj/bounce/vague-status", test_vague_status);
  g_test_add_func ("/mj/bounce/outlook-spanish-text", test_outlook_spanish_text);
  g_test_add_func ("/mj/bounce/exchange-html-dsn", test_exchange_html_dsn);
  g_test_add_func ("/mj/bounce/exchange-french", test_exchange_french);
  g_test_add_func ("/mj/bounce/exchange-portuguese", test_exchange_portuguese);
  g_test_add_func ("/mj/bounce/exchange-onprem", test_exchange_onprem);
  g_test_add_func ("/mj/bounce/yahoo-fixture", test_yahoo_fixture);
  g_test_add_func ("/mj/bounce/postfix-plain", test_postfix_plain);
  g_test_add_func ("/mj/bounce/sendmail-mixed", test_sendmail_mixed);
  g_test_add_func ("/mj/bounce/auto-reply-english", test_auto_reply_english);
  g_test_add_func ("/mj/bounce/not-a-bounce-fixture", test_not_a_bounce_fixture);
  g_test_add_func ("/mj/bounce/line-ends", test_line_ends);
  g_test_add_func ("/mj/bounce/html-only", test_html_only);
  g_test_add_func ("/mj/bounce/unreadable", test_unreadable);
  g_test_add_func ("/mj/bounce/microsoft-context", test_microsoft_context);

  return g_test_run ();
}
