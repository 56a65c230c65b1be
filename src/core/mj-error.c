#define G_LOG_DOMAIN "mj-error"

#include "config.h"

#include "mj-error.h"

G_DEFINE_QUARK (mj-smtp-error-quark, mj_smtp_error)
G_DEFINE_QUARK (mj-input-error-quark, mj_input_error)

/**
 * mj_error_exit_code:
 * @error: (nullable): an error from the core, or %NULL for success
 *
 * Returns: the `mensajero-cli` exit status that reports @error.
 */
MjExitCode
mj_error_exit_code (const GError *error)
{
  if (error == NULL)
    return MJ_EXIT_OK;

  if (error->domain == MJ_SMTP_ERROR)
    {
      switch ((MjSmtpError) error->code)
        {
        case MJ_SMTP_ERROR_CONNECT:
        case MJ_SMTP_ERROR_TLS:
          return MJ_EXIT_CONNECT;
        case MJ_SMTP_ERROR_AUTH:
          return MJ_EXIT_AUTH;
        case MJ_SMTP_ERROR_PERMANENT:
        case MJ_SMTP_ERROR_PROTOCOL:
          return MJ_EXIT_PERMANENT;
        case MJ_SMTP_ERROR_TEMPORARY:
          return MJ_EXIT_TEMPORARY;
        default:
          return MJ_EXIT_PERMANENT;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return MJ_EXIT_TEMPORARY;

  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return MJ_EXIT_CONNECT;

  return MJ_EXIT_USAGE;
}
