#include "config.h"

#include <string.h>

#include "mj-transcript.h"

static void
assert_absent (const char *text,
               const char *secret)
{
  if (strstr (text, secret) != NULL)
    g_error ("“%s” is still in:\n%s", secret, text);
}

static void
test_auth_plain (void)
{
  /* \0alice@example.test\0s3cret */
  const char *t =
    "* Connected to 127.0.0.1 (127.0.0.1) port 587 (#0)\n"
    "S: 220 localhost ESMTP\n"
    "C: EHLO [127.0.0.1]\n"
    "S: 250-localhost\n"
    "S: 250 AUTH PLAIN LOGIN XOAUTH2\n"
    "C: AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABzM2NyZXQ=\n"
    "S: 235 2.7.0 Authentication successful\n"
    "C: MAIL FROM:<alice@example.test>\n"
    "S: 250 OK\n";
  g_autofree char *r = mj_transcript_redact (t, NULL);

  assert_absent (r, "AGFsaWNlQGV4YW1wbGUudGVzdABzM2NyZXQ=");
  g_assert_nonnull (strstr (r, "C: AUTH PLAIN [redacted]\n"));
  g_assert_nonnull (strstr (r, "S: 235 2.7.0 Authentication successful\n"));
  g_assert_nonnull (strstr (r, "C: MAIL FROM:<alice@example.test>\n"));
  g_assert_nonnull (strstr (r, "S: 250 AUTH PLAIN LOGIN XOAUTH2\n"));
}

static void
test_auth_login_continuations (void)
{
  const char *t =
    "C: AUTH LOGIN\n"
    "S: 334 VXNlcm5hbWU6\n"
    "C: YWxpY2VAZXhhbXBsZS50ZXN0\n"
    "S: 334 UGFzc3dvcmQ6\n"
    "C: czNjcmV0\n"
    "S: 535 5.7.8 Authentication credentials invalid\n"
    "C: QUIT\n";
  g_autofree char *r = mj_transcript_redact (t, NULL);

  assert_absent (r, "YWxpY2VAZXhhbXBsZS50ZXN0");
  assert_absent (r, "czNjcmV0");
  assert_absent (r, "UGFzc3dvcmQ6");
  g_assert_nonnull (strstr (r, "C: AUTH LOGIN\n"));
  g_assert_nonnull (strstr (r, "S: 334 [redacted]\n"));
  g_assert_nonnull (strstr (r, "S: 535 5.7.8 Authentication credentials invalid\n"));
  /* After the exchange, commands are kept again. */
  g_assert_nonnull (strstr (r, "C: QUIT\n"));
}

static void
test_xoauth2_and_bearer (void)
{
  g_autofree char *payload = g_base64_encode ((const guchar *) "user=a@b.es\001auth=Bearer ya29.tok\001\001", 34);
  g_autofree char *t = g_strdup_printf ("C: AUTH XOAUTH2\n"
                                        "S: 334 \n"
                                        "C: %s\n"
                                        "S: 334 eyJzdGF0dXMiOiI0MDEifQ==\n"
                                        "C: \n"
                                        "S: 535 5.7.3 Authentication unsuccessful\n"
                                        "* Authorization: Bearer ya29.other-token\n", payload);
  g_autofree char *r = mj_transcript_redact (t, NULL);

  assert_absent (r, payload);
  assert_absent (r, "ya29.other-token");
  assert_absent (r, "eyJzdGF0dXMiOiI0MDEifQ==");
  g_assert_nonnull (strstr (r, "Bearer [redacted]"));
  g_assert_nonnull (strstr (r, "S: 535 5.7.3 Authentication unsuccessful\n"));
}

static void
test_literal_secrets (void)
{
  const char *secrets[] = { "s3cret-pw", "tok-123", NULL };
  g_autofree char *b64 = g_base64_encode ((const guchar *) "s3cret-pw", 9);
  g_autofree char *t = g_strdup_printf ("* something printed s3cret-pw by mistake\n"
                                        "S: 250 tok-123 echoed\n"
                                        "C: X-CMD %s\n", b64);
  g_autofree char *r = mj_transcript_redact (t, secrets);

  assert_absent (r, "s3cret-pw");
  assert_absent (r, "tok-123");
  assert_absent (r, b64);
}

static void
test_unprefixed_and_empty (void)
{
  g_autofree char *empty = mj_transcript_redact (NULL, NULL);
  g_autofree char *r = mj_transcript_redact ("AUTH PLAIN AHgAeQ==\n250 ok", NULL);

  g_assert_cmpstr (empty, ==, "");
  assert_absent (r, "AHgAeQ==");
  g_assert_true (g_str_has_suffix (r, "\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transcript/auth-plain", test_auth_plain);
  g_test_add_func ("/transcript/auth-login-continuations", test_auth_login_continuations);
  g_test_add_func ("/transcript/xoauth2-and-bearer", test_xoauth2_and_bearer);
  g_test_add_func ("/transcript/literal-secrets", test_literal_secrets);
  g_test_add_func ("/transcript/unprefixed-and-empty", test_unprefixed_and_empty);

  return g_test_run ();
}
