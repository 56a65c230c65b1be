#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SECTION:mj-transcript
 *
 * SMTP transcripts are kept as text, one line per protocol line:
 * `C: ` client command, `S: ` server reply, `* ` libcurl information.
 * Nothing leaves the SMTP client without mj_transcript_redact().
 */

/**
 * mj_transcript_redact:
 * @transcript: a transcript (the format above; lines without a prefix are
 *   treated as client lines)
 * @secrets: (nullable) (array zero-terminated=1): literal strings (password,
 *   token) to hide wherever they occur, plain or base64-encoded
 *
 * Returns: (transfer full): @transcript with the AUTH payloads (the
 * initial response and every client line of the exchange), the text of
 * 334 continuations, bearer tokens and @secrets replaced by `[redacted]`.
 * The mechanism name stays ("C: AUTH PLAIN [redacted]").
 */
char  *mj_transcript_redact  (const char         *transcript,
                              const char * const *secrets);

G_END_DECLS
