#include "config.h"

#include <string.h>
#include <gmime/gmime.h>

#include "mj-error.h"
#include "mj-message.h"

#define SUBJECT "Factura Nº 2026-031 de Fontanería Pérez"
#define FILENAME "Factura Nº 2026-031 — Pérez.pdf"

static MjMessage *
make_message (void)
{
  g_autoptr(GError) error = NULL;
  MjMessage *message = mj_message_new ();
  static const char data[] = "%PDF-1.4\n\x00\x01\x02\xff binary\n%%EOF\n";
  g_autoptr(GBytes) pdf = g_bytes_new_static (data, sizeof data - 1);

  g_assert_true (mj_message_set_from (message, "Fontanería Pérez", "facturas@fontaneria-perez.es", &error));
  g_assert_true (mj_message_add_to (message, "Cliente Uno <uno@example.com>, dos@example.com", &error));
  g_assert_true (mj_message_add_cc (message, "cc@example.com", &error));
  g_assert_true (mj_message_add_bcc (message, "oculto@example.com", &error));
  g_assert_true (mj_message_set_subject (message, SUBJECT, &error));
  g_assert_true (mj_message_set_body (message, "Buenos días:\nAdjunto la factura.\r\nUn saludo, José\n", &error));
  g_assert_true (mj_message_add_attachment_bytes (message, pdf, FILENAME, NULL, &error));
  g_assert_no_error (error);
  return message;
}

static GMimeMessage *
parse (GBytes *bytes)
{
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (bytes, NULL),
                                                           g_bytes_get_size (bytes));
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_object_unref (parser);
  g_object_unref (stream);
  g_assert_nonnull (message);
  return message;
}

/* The header block only (up to the first empty line). */
static char *
headers_of (GBytes *bytes)
{
  const char *data = g_bytes_get_data (bytes, NULL);
  const char *end = g_strstr_len (data, (gssize) g_bytes_get_size (bytes), "\r\n\r\n");

  g_assert_nonnull (end);
  return g_strndup (data, (gsize) (end - data));
}

static void
test_headers_and_encodings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = make_message ();
  g_autoptr(GBytes) bytes = mj_message_to_bytes (message, &error);
  g_autofree char *headers = NULL;
  GMimeMessage *parsed;
  InternetAddressList *from;
  GMimeObject *body;
  GMimePart *part;
  GMimeTextPart *text;
  g_autofree char *body_text = NULL;

  g_assert_no_error (error);
  headers = headers_of (bytes);

  /* Non-ASCII only as encoded words in the raw headers. */
  for (const char *p = headers; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);
  g_assert_nonnull (strstr (headers, "=?"));

  parsed = parse (bytes);
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, SUBJECT);
  from = g_mime_message_get_from (parsed);
  g_assert_cmpint (internet_address_list_length (from), ==, 1);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (from, 0)), ==,
                   "Fontanería Pérez");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_addresses (parsed, GMIME_ADDRESS_TYPE_TO)), ==, 2);
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_addresses (parsed, GMIME_ADDRESS_TYPE_CC)), ==, 1);
  g_assert_nonnull (g_mime_message_get_date (parsed));
  g_assert_cmpstr (g_mime_message_get_message_id (parsed), ==, mj_message_get_message_id (message));
  g_assert_true (g_str_has_suffix (mj_message_get_message_id (message), "@fontaneria-perez.es"));
  g_assert_nonnull (g_mime_object_get_header (GMIME_OBJECT (parsed), "MIME-Version"));

  body = g_mime_message_get_mime_part (parsed);
  g_assert_true (GMIME_IS_MULTIPART (body));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);

  text = GMIME_TEXT_PART (g_mime_multipart_get_part (GMIME_MULTIPART (body), 0));
  g_assert_cmpstr (g_mime_text_part_get_charset (text), ==, "utf-8");
  body_text = g_mime_text_part_get_text (text);
  g_assert_cmpstr (body_text, ==, "Buenos días:\r\nAdjunto la factura.\r\nUn saludo, José\r\n");

  part = GMIME_PART (g_mime_multipart_get_part (GMIME_MULTIPART (body), 1));
  g_assert_cmpstr (g_mime_content_type_get_mime_type (g_mime_object_get_content_type (GMIME_OBJECT (part))),
                   ==, "application/pdf");
  g_assert_cmpint (g_mime_part_get_content_encoding (part), ==, GMIME_CONTENT_ENCODING_BASE64);
  g_assert_cmpstr (g_mime_part_get_filename (part), ==, FILENAME);
  /* RFC 2231 parameter, not an encoded word, in the raw part header. */
  {
    const char *raw = g_bytes_get_data (bytes, NULL);

    g_assert_nonnull (g_strstr_len (raw, (gssize) g_bytes_get_size (bytes), "filename*="));
  }

  g_object_unref (parsed);
}

static void
test_bcc_absent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = make_message ();
  g_autoptr(GBytes) bytes = mj_message_to_bytes (message, &error);
  const char * const *envelope;
  const char *raw;

  g_assert_no_error (error);
  raw = g_bytes_get_data (bytes, NULL);
  g_assert_null (g_strstr_len (raw, (gssize) g_bytes_get_size (bytes), "oculto@"));
  g_assert_null (g_strstr_len (raw, (gssize) g_bytes_get_size (bytes), "Bcc:"));

  envelope = mj_message_get_envelope_recipients (message);
  g_assert_cmpint (g_strv_length ((char **) envelope), ==, 4);
  g_assert_true (g_strv_contains (envelope, "uno@example.com"));
  g_assert_true (g_strv_contains (envelope, "dos@example.com"));
  g_assert_true (g_strv_contains (envelope, "cc@example.com"));
  g_assert_true (g_strv_contains (envelope, "oculto@example.com"));
  g_assert_cmpstr (mj_message_get_recipients (message, MJ_RECIPIENT_BCC)[0], ==, "oculto@example.com");
}

static void
test_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = make_message ();
  g_autoptr(GBytes) bytes = mj_message_to_bytes (message, &error);
  gsize size;
  const char *raw = g_bytes_get_data (bytes, &size);

  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 0);
  for (gsize i = 0; i < size; i++)
    {
      if (raw[i] == '\n')
        g_assert_true (i > 0 && raw[i - 1] == '\r');
      if (raw[i] == '\r')
        g_assert_true (i + 1 < size && raw[i + 1] == '\n');
    }
  g_assert_true (size >= 2 && raw[size - 2] == '\r' && raw[size - 1] == '\n');
}

static void
test_header_injection (void)
{
  g_autoptr(MjMessage) message = make_message ();
  const char *evil[] = {
    "Hola\r\nBcc: victima@example.com",
    "Hola\nX-Evil: 1",
    "Hola\rX-Evil: 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (evil); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mj_message_set_subject (message, evil[i], &error));
      g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION);
      g_clear_error (&error);
      g_assert_false (mj_message_set_from (message, evil[i], "a@example.com", &error));
      g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION);
      g_clear_error (&error);
      g_assert_false (mj_message_add_to (message, "x@example.com\r\nBcc: y@example.com", &error));
      g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION);
      g_clear_error (&error);
      g_assert_false (mj_message_set_message_id (message, "a@b\r\nX: y", &error));
      g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION);
      g_clear_error (&error);
      {
        g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

        g_assert_false (mj_message_add_attachment_bytes (message, data, evil[i], NULL, &error));
        g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION);
      }
    }

  /* Nothing of it got in. */
  g_assert_cmpstr (mj_message_get_subject (message), ==, SUBJECT);
  g_assert_cmpint (g_strv_length ((char **) mj_message_get_envelope_recipients (message)), ==, 4);
  g_assert_cmpuint (mj_message_get_n_attachments (message), ==, 1);
}

static void
test_bad_addresses (void)
{
  g_autoptr(MjMessage) message = mj_message_new ();
  const char *bad[] = {
    "", "plainname", "@example.com", "ana@", "ana@localhost", "ana@@example.com",
    "ana maria@example.com", "ana@exa mple.com", "ana@example..com", "ana.@example.com",
    "ána@example.com", "Grupo: a@example.com;", "ana@example.com, no-es-direccion",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (mj_message_add_to (message, bad[i], &error));
      g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS);
      g_clear_error (&error);
    }
  g_assert_null (mj_message_get_envelope_recipients (message)[0]);

  g_assert_false (mj_message_set_from (message, "Ana", "not-an-address", &error));
  g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS);
  g_clear_error (&error);

  /* An internationalised domain goes out in ASCII. */
  g_assert_true (mj_message_add_to (message, "Ana <ana@fontanería.es>", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mj_message_get_envelope_recipients (message)[0], ==, "ana@xn--fontanera-n5a.es");

  /* No sender or no recipient: nothing to build. */
  {
    g_autoptr(MjMessage) empty = mj_message_new ();
    g_autoptr(GBytes) bytes = mj_message_to_bytes (empty, &error);

    g_assert_null (bytes);
    g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID);
  }
}

static void
test_message_id_and_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = make_message ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 23, 10, 30, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *headers = NULL;

  g_assert_true (mj_message_set_message_id (message, "retry-42@fontaneria-perez.es", &error));
  g_assert_false (mj_message_set_message_id (message, "<no-brackets@x.es>", NULL));
  g_assert_false (mj_message_set_message_id (message, "no-at-sign", NULL));
  mj_message_set_date (message, date);
  bytes = mj_message_to_bytes (message, &error);
  g_assert_no_error (error);
  headers = headers_of (bytes);
  g_assert_nonnull (strstr (headers, "Message-Id: <retry-42@fontaneria-perez.es>"));
  g_assert_nonnull (strstr (headers, "Date: Mon, 23 Nov 2026 10:30:00 +0000"));

  /* Building twice gives the same Message-ID: retries keep it. */
  {
    g_autoptr(GBytes) again = mj_message_to_bytes (message, &error);
    g_autofree char *again_headers = headers_of (again);

    /* Everything up to the (random) multipart boundary. */
    *strstr (headers, "Content-Type:") = '\0';
    *strstr (again_headers, "Content-Type:") = '\0';
    g_assert_cmpstr (again_headers, ==, headers);
  }
}

static void
test_plain_text_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjMessage) message = mj_message_new ();
  g_autoptr(GBytes) bytes = NULL;
  GMimeMessage *parsed;

  g_assert_true (mj_message_set_from (message, NULL, "ana@example.com", &error));
  g_assert_true (mj_message_add_to (message, "bob@example.com", &error));
  g_assert_true (mj_message_set_body (message, "Sólo texto", &error));
  bytes = mj_message_to_bytes (message, &error);
  g_assert_no_error (error);
  parsed = parse (bytes);
  g_assert_true (GMIME_IS_TEXT_PART (g_mime_message_get_mime_part (parsed)));
  g_object_unref (parsed);

  {
    const char invalid[] = { 'a', (char) 0xff, 'b', 0 };

    g_assert_false (mj_message_set_body (message, invalid, &error));
    g_assert_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/message/headers-and-encodings", test_headers_and_encodings);
  g_test_add_func ("/message/bcc-absent", test_bcc_absent);
  g_test_add_func ("/message/crlf", test_crlf);
  g_test_add_func ("/message/header-injection", test_header_injection);
  g_test_add_func ("/message/bad-addresses", test_bad_addresses);
  g_test_add_func ("/message/message-id-and-date", test_message_id_and_date);
  g_test_add_func ("/message/plain-text-only", test_plain_text_only);

  return g_test_run ();
}
