#pragma once

#include <gio/gio.h>

#include "mj-explanation.h"

G_BEGIN_DECLS

typedef enum {
  MJ_BOUNCE_KIND_NONE,        /* not a bounce, not an automatic reply */
  MJ_BOUNCE_KIND_DSN,         /* RFC 3464 multipart/report */
  MJ_BOUNCE_KIND_TEXT,        /* plain-text bounce (Exim, qmail, NDR body…) */
  MJ_BOUNCE_KIND_AUTO_REPLY,  /* RFC 3834 automatic reply: not a failure */
} MjBounceKind;

/**
 * MjBounceRecipient:
 * @address: the recipient the report is about
 * @original_recipient: (nullable): RFC 3464 Original-Recipient
 * @action: "failed", "delayed", "delivered", "relayed" or "expanded"
 * @status: (nullable): the enhanced status ("5.1.1")
 * @reply_code: the SMTP reply code, 0 if none
 * @diagnostic: (nullable): the remote server's text
 * @remote_mta: (nullable): the server that answered
 * @explanation: what it means; its reason and retry are the recipient's
 */
typedef struct {
  char *address;
  char *original_recipient;
  char *action;
  char *status;
  guint reply_code;
  char *diagnostic;
  char *remote_mta;
  MjExplanation *explanation;
} MjBounceRecipient;

#define MJ_TYPE_BOUNCE_RECIPIENT (mj_bounce_recipient_get_type ())
GType               mj_bounce_recipient_get_type (void) G_GNUC_CONST;
MjBounceRecipient  *mj_bounce_recipient_copy     (const MjBounceRecipient *recipient);
void                mj_bounce_recipient_free     (MjBounceRecipient       *recipient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjBounceRecipient, mj_bounce_recipient_free)

#define MJ_TYPE_BOUNCE (mj_bounce_get_type ())

G_DECLARE_FINAL_TYPE (MjBounce, mj_bounce, MJ, BOUNCE, GObject)

MjBounce      *mj_bounce_parse_bytes               (GBytes       *bytes);
MjBounce      *mj_bounce_parse_text                (const char   *text);
MjBounce      *mj_bounce_parse_file                (const char   *path,
                                                    GError      **error);

MjBounceKind   mj_bounce_get_kind                  (MjBounce     *self);
const char    *mj_bounce_kind_to_string            (MjBounceKind  kind);
GPtrArray     *mj_bounce_get_recipients            (MjBounce     *self);
const char    *mj_bounce_get_original_message_id   (MjBounce     *self);
const char    *mj_bounce_get_subject               (MjBounce     *self);
MjExplanation *mj_bounce_get_explanation           (MjBounce     *self);

G_END_DECLS
