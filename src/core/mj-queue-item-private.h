#pragma once

#include "mj-queue-item.h"

G_BEGIN_DECLS

/* What MjQueue reads from a queue_items row (and its attachments). Strings
 * are owned; body and transcript are NULL when not loaded. */
typedef struct {
  gint64 id;
  MjQueueState state;
  char *account;
  char *to;
  char *cc;
  char *bcc;
  char *subject;
  char *body;
  char **attachment_names;
  char **attachment_paths;
  char **attachment_hashes;
  char *message_id;
  guint n_recipients;
  guint attempts;
  gint64 next_attempt;
  guint last_code;
  char *last_reply;
  char *last_error;
  gint64 created;
  gint64 updated;
  gint64 sent;
  char *transcript;
} MjQueueRow;

void          mj_queue_row_clear          (MjQueueRow  *row);

MjQueueItem  *mj_queue_item_new_from_row  (MjQueueRow  *row);
/* Takes the row's values (the row is cleared) and notifies what changed.
 * Body and transcript are kept when the row has none. */
void          mj_queue_item_update        (MjQueueItem *self,
                                           MjQueueRow  *row);
void          mj_queue_item_set_details   (MjQueueItem *self,
                                           const char  *body,
                                           const char  *transcript);
/* Recomputes the translated texts (after a language change). */
void          mj_queue_item_refresh_texts (MjQueueItem *self);

G_END_DECLS
