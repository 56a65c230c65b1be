#pragma once

#include <gio/gio.h>

#include "mj-account.h"
#include "mj-credentials.h"
#include "mj-message.h"
#include "mj-smtp-client.h"

G_BEGIN_DECLS

/**
 * MjSender:
 *
 * Sends messages from one account: loads the credentials on the first send
 * (mj_credentials_load_sync()), keeps one #MjSmtpClient (one connection)
 * for every following send, and for an OAuth account refreshes the token
 * once and retries once when the server refuses the login. The CLI `send`
 * and the queue both send through it. Sends are serialized.
 */
#define MJ_TYPE_SENDER (mj_sender_get_type ())

G_DECLARE_FINAL_TYPE (MjSender, mj_sender, MJ, SENDER, GObject)

MjSender        *mj_sender_new              (MjAccount            *account);
MjAccount       *mj_sender_get_account      (MjSender             *self);
/* (transfer none) */
MjSmtpClient    *mj_sender_get_client       (MjSender             *self);
/* Use these instead of the keyring (the wizard's connection test). */
void             mj_sender_set_credentials  (MjSender             *self,
                                             const MjCredentials  *credentials);
/* Closes the connection; the next send reconnects. */
void             mj_sender_close            (MjSender             *self);

/* As mj_smtp_client_send_sync(): a result is always returned, @error is
 * set on failure (credential failures give a result with step AUTH). */
MjSmtpResult    *mj_sender_send_sync        (MjSender             *self,
                                             MjMessage            *message,
                                             GCancellable         *cancellable,
                                             GError              **error);
void             mj_sender_send_async       (MjSender             *self,
                                             MjMessage            *message,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
MjSmtpResult    *mj_sender_send_finish      (MjSender             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Sends an already built message (the queue keeps the bytes). */
MjSmtpResult    *mj_sender_send_bytes_sync  (MjSender             *self,
                                             const char           *mail_from,
                                             const char * const   *recipients,
                                             GBytes               *data,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_END_DECLS
