#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MjRecipientType:
 * @MJ_RECIPIENT_TO: To
 * @MJ_RECIPIENT_CC: Cc
 * @MJ_RECIPIENT_BCC: Bcc: in the envelope only, never in the headers
 */
typedef enum {
  MJ_RECIPIENT_TO,
  MJ_RECIPIENT_CC,
  MJ_RECIPIENT_BCC,
} MjRecipientType;

/**
 * MjMessage:
 *
 * An e-mail built with GMime 3: From (display name + address), To/Cc/Bcc,
 * a UTF-8 Subject (RFC 2047), a UTF-8 text body, PDF attachments
 * (application/pdf, base64, RFC 2231 filenames), Date and Message-ID.
 *
 * Every setter refuses a CR or LF in header input with
 * %MJ_INPUT_ERROR_HEADER_INJECTION and an address GMime cannot parse as
 * one plain mailbox with %MJ_INPUT_ERROR_ADDRESS; the message is left
 * unchanged then. The Message-ID is made on the sender's domain when first
 * needed and can be set, so a queue keeps it across retries.
 */
#define MJ_TYPE_MESSAGE (mj_message_get_type ())

G_DECLARE_FINAL_TYPE (MjMessage, mj_message, MJ, MESSAGE, GObject)

MjMessage           *mj_message_new                     (void);

/* Checks one bare address ("ana@example.es"): MJ_INPUT_ERROR_ADDRESS or
 * MJ_INPUT_ERROR_HEADER_INJECTION when it cannot be used. */
gboolean             mj_message_check_address           (const char       *address,
                                                         GError          **error);

gboolean             mj_message_set_from                (MjMessage        *self,
                                                         const char       *name,
                                                         const char       *address,
                                                         GError          **error);
const char          *mj_message_get_from_name           (MjMessage        *self);
const char          *mj_message_get_from_address        (MjMessage        *self);

/* @addresses: one address or a comma-separated list ("a@x.es, Ana <b@y.es>").
 * All or nothing: on error none is added. */
gboolean             mj_message_add_recipients          (MjMessage        *self,
                                                         MjRecipientType   type,
                                                         const char       *addresses,
                                                         GError          **error);
gboolean             mj_message_add_to                  (MjMessage        *self,
                                                         const char       *addresses,
                                                         GError          **error);
gboolean             mj_message_add_cc                  (MjMessage        *self,
                                                         const char       *addresses,
                                                         GError          **error);
gboolean             mj_message_add_bcc                 (MjMessage        *self,
                                                         const char       *addresses,
                                                         GError          **error);
/* (transfer none): the bare addresses of one kind, NULL-terminated. */
const char * const  *mj_message_get_recipients          (MjMessage        *self,
                                                         MjRecipientType   type);
/* (transfer none): To, then Cc, then Bcc bare addresses, without
 * duplicates, NULL-terminated: the RCPT TO list. */
const char * const  *mj_message_get_envelope_recipients (MjMessage        *self);

gboolean             mj_message_set_subject             (MjMessage        *self,
                                                         const char       *subject,
                                                         GError          **error);
const char          *mj_message_get_subject             (MjMessage        *self);

/* The body must be valid UTF-8 (MJ_INPUT_ERROR_INVALID otherwise); any
 * line ends are accepted and sent as CRLF. */
gboolean             mj_message_set_body                (MjMessage        *self,
                                                         const char       *text,
                                                         GError          **error);
const char          *mj_message_get_body                (MjMessage        *self);

/* Reads @path now (MJ_INPUT_ERROR_FILE when it cannot be read).
 * @filename: (nullable): the name shown to the recipient; NULL = basename.
 * Files ending in .pdf (any case) go as application/pdf, others as
 * application/octet-stream. */
gboolean             mj_message_add_attachment_file     (MjMessage        *self,
                                                         const char       *path,
                                                         const char       *filename,
                                                         GError          **error);
gboolean             mj_message_add_attachment_bytes    (MjMessage        *self,
                                                         GBytes           *data,
                                                         const char       *filename,
                                                         const char       *content_type,
                                                         GError          **error);
guint                mj_message_get_n_attachments       (MjMessage        *self);
/* Sum of the raw (not encoded) attachment sizes. */
guint64              mj_message_get_attachments_size    (MjMessage        *self);

/* @message_id: without the angle brackets ("20261123.abc@example.es"). */
gboolean             mj_message_set_message_id          (MjMessage        *self,
                                                         const char       *message_id,
                                                         GError          **error);
/* Makes one on the From domain when none was set (needs From). */
const char          *mj_message_get_message_id          (MjMessage        *self);
void                 mj_message_set_date                (MjMessage        *self,
                                                         GDateTime        *date);
/* (transfer none): the Date header's time; now when never set. */
GDateTime           *mj_message_get_date                (MjMessage        *self);

/* The whole message as sent: CRLF line ends, no Bcc header.
 * MJ_INPUT_ERROR_INVALID without From or without any recipient. */
GBytes              *mj_message_to_bytes                (MjMessage        *self,
                                                         GError          **error);

G_END_DECLS
