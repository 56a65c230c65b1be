#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MjSmtpError:
 * @MJ_SMTP_ERROR_CONNECT: DNS, TCP or a dropped connection before the
 *   message was handed over
 * @MJ_SMTP_ERROR_TLS: STARTTLS missing, TLS handshake failed or the
 *   certificate is not trusted
 * @MJ_SMTP_ERROR_AUTH: the server refused the login
 * @MJ_SMTP_ERROR_PERMANENT: a 5xx reply to the envelope or the message
 * @MJ_SMTP_ERROR_TEMPORARY: a 4xx reply, or the connection was lost while
 *   sending: the message may be retried
 * @MJ_SMTP_ERROR_PROTOCOL: the server said something we cannot use
 *
 * Errors of SMTP submission. The classes map one to one onto the exit codes
 * of `mensajero-cli` (see mj_error_exit_code()).
 */
typedef enum {
  MJ_SMTP_ERROR_CONNECT,
  MJ_SMTP_ERROR_TLS,
  MJ_SMTP_ERROR_AUTH,
  MJ_SMTP_ERROR_PERMANENT,
  MJ_SMTP_ERROR_TEMPORARY,
  MJ_SMTP_ERROR_PROTOCOL,
} MjSmtpError;

/**
 * MjInputError:
 * @MJ_INPUT_ERROR_INVALID: a value the user gave cannot be used
 * @MJ_INPUT_ERROR_HEADER_INJECTION: a header value holds a CR or LF
 * @MJ_INPUT_ERROR_ADDRESS: an e-mail address is not valid
 * @MJ_INPUT_ERROR_FILE: a file cannot be read or is not what it claims
 * @MJ_INPUT_ERROR_NOT_FOUND: a named thing (account, queue item) does not exist
 * @MJ_INPUT_ERROR_INSECURE: the settings would expose credentials
 */
typedef enum {
  MJ_INPUT_ERROR_INVALID,
  MJ_INPUT_ERROR_HEADER_INJECTION,
  MJ_INPUT_ERROR_ADDRESS,
  MJ_INPUT_ERROR_FILE,
  MJ_INPUT_ERROR_NOT_FOUND,
  MJ_INPUT_ERROR_INSECURE,
} MjInputError;

#define MJ_SMTP_ERROR  (mj_smtp_error_quark ())
#define MJ_INPUT_ERROR (mj_input_error_quark ())

GQuark mj_smtp_error_quark  (void);
GQuark mj_input_error_quark (void);

/* Exit status of mensajero-cli (DESIGN.md). */
typedef enum {
  MJ_EXIT_OK = 0,
  MJ_EXIT_USAGE = 1,
  MJ_EXIT_PERMANENT = 2,
  MJ_EXIT_TEMPORARY = 3,
  MJ_EXIT_CONNECT = 4,
  MJ_EXIT_AUTH = 5,
} MjExitCode;

MjExitCode mj_error_exit_code (const GError *error);

G_END_DECLS
