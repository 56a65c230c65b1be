#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MJ_REPLY_CLASS_UNKNOWN,
  MJ_REPLY_CLASS_SUCCESS,       /* 2xx */
  MJ_REPLY_CLASS_INTERMEDIATE,  /* 3xx */
  MJ_REPLY_CLASS_TEMPORARY,     /* 4xx */
  MJ_REPLY_CLASS_PERMANENT,     /* 5xx */
} MjReplyClass;

/**
 * MjSmtpReply:
 * @code: the three-digit reply code, or 0 when none was found
 * @enhanced: (nullable): the RFC 3463 enhanced status ("5.7.139")
 * @text: the human text with codes removed, lines joined by "\n"
 * @raw: the reply as received (every line)
 *
 * One SMTP reply, possibly multi-line, or a reply quoted inside other text
 * (a bounce, a log line, what the user pasted).
 */
typedef struct {
  guint code;
  char *enhanced;
  char *text;
  char *raw;
} MjSmtpReply;

#define MJ_TYPE_SMTP_REPLY (mj_smtp_reply_get_type ())

GType         mj_smtp_reply_get_type      (void) G_GNUC_CONST;
MjSmtpReply  *mj_smtp_reply_new           (guint        code,
                                           const char  *enhanced,
                                           const char  *text);
MjSmtpReply  *mj_smtp_reply_parse         (const char  *text);
MjSmtpReply  *mj_smtp_reply_copy          (const MjSmtpReply *reply);
void          mj_smtp_reply_free          (MjSmtpReply *reply);
MjReplyClass  mj_smtp_reply_get_class     (const MjSmtpReply *reply);
char         *mj_smtp_reply_to_string     (const MjSmtpReply *reply);
gboolean      mj_smtp_enhanced_status_valid (const char *status);
const char   *mj_reply_class_to_string    (MjReplyClass klass);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjSmtpReply, mj_smtp_reply_free)

G_END_DECLS
