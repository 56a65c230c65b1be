#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-explainer.h"
#include "mj-i18n.h"
#include "mj-queue-item-private.h"
#include "mj-smtp-reply.h"

struct _MjQueueItem
{
  GObject parent_instance;

  MjQueueRow row;
  char *explanation;
  char *client;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_ICON_NAME,
  PROP_ACCOUNT,
  PROP_TO,
  PROP_CC,
  PROP_BCC,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_ATTACHMENT_NAMES,
  PROP_ATTACHMENT_PATHS,
  PROP_ATTACHMENT_HASHES,
  PROP_MESSAGE_ID,
  PROP_N_RECIPIENTS,
  PROP_ATTEMPTS,
  PROP_NEXT_ATTEMPT,
  PROP_LAST_CODE,
  PROP_LAST_REPLY,
  PROP_LAST_ERROR,
  PROP_EXPLANATION,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_SENT,
  PROP_TRANSCRIPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE (MjQueueItem, mj_queue_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MjQueueState, mj_queue_state,
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_RETRY, "retry"),
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_UNCERTAIN, "uncertain"),
  G_DEFINE_ENUM_VALUE (MJ_QUEUE_STATE_CANCELLED, "cancelled"))

static const struct {
  const char *name;
  const char *label;
  const char *icon;
} state_info[MJ_QUEUE_N_STATES] = {
  [MJ_QUEUE_STATE_QUEUED] = { "queued", N_("Queued"), "mail-send-receive-symbolic" },
  [MJ_QUEUE_STATE_SENDING] = { "sending", N_("Sending"), "mail-send-symbolic" },
  [MJ_QUEUE_STATE_SENT] = { "sent", N_("Sent"), "emblem-ok-symbolic" },
  [MJ_QUEUE_STATE_RETRY] = { "retry", N_("Will retry"), "view-refresh-symbolic" },
  [MJ_QUEUE_STATE_FAILED] = { "failed", N_("Failed"), "dialog-error-symbolic" },
  [MJ_QUEUE_STATE_UNCERTAIN] = { "uncertain", N_("Uncertain — check your Sent folder"),
                                 "dialog-question-symbolic" },
  [MJ_QUEUE_STATE_CANCELLED] = { "cancelled", N_("Cancelled"), "process-stop-symbolic" },
};

const char *
mj_queue_state_to_string (MjQueueState state)
{
  g_return_val_if_fail (state < MJ_QUEUE_N_STATES, NULL);
  return state_info[state].name;
}

gboolean
mj_queue_state_from_string (const char   *text,
                            MjQueueState *state)
{
  for (guint i = 0; text != NULL && i < MJ_QUEUE_N_STATES; i++)
    {
      if (strcmp (text, state_info[i].name) == 0)
        {
          *state = (MjQueueState) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
mj_queue_state_get_label (MjQueueState state)
{
  g_return_val_if_fail (state < MJ_QUEUE_N_STATES, NULL);
  return M_(state_info[state].label);
}

const char *
mj_queue_state_get_icon_name (MjQueueState state)
{
  g_return_val_if_fail (state < MJ_QUEUE_N_STATES, NULL);
  return state_info[state].icon;
}

/**
 * mj_queue_state_can_change:
 *
 * queued → sending | cancelled;
 * sending → sent | retry | failed | uncertain | queued (the account was
 *   paused before the message was handed over);
 * retry → sending | queued (retry now) | cancelled;
 * failed → queued (the user retries) | cancelled;
 * uncertain → queued (the user resends) | sent (the user found it in the
 *   Sent folder) | cancelled;
 * cancelled → queued (the user retries);
 * sent → nothing: a sent invoice stays sent.
 */
gboolean
mj_queue_state_can_change (MjQueueState from,
                           MjQueueState to)
{
#define S(x) (1u << MJ_QUEUE_STATE_##x)
  static const guint allowed[MJ_QUEUE_N_STATES] = {
    [MJ_QUEUE_STATE_QUEUED] = S (SENDING) | S (CANCELLED),
    [MJ_QUEUE_STATE_SENDING] = S (SENT) | S (RETRY) | S (FAILED) | S (UNCERTAIN) | S (QUEUED),
    [MJ_QUEUE_STATE_SENT] = 0,
    [MJ_QUEUE_STATE_RETRY] = S (SENDING) | S (QUEUED) | S (CANCELLED),
    [MJ_QUEUE_STATE_FAILED] = S (QUEUED) | S (CANCELLED),
    [MJ_QUEUE_STATE_UNCERTAIN] = S (QUEUED) | S (SENT) | S (CANCELLED),
    [MJ_QUEUE_STATE_CANCELLED] = S (QUEUED),
  };
#undef S

  if (from >= MJ_QUEUE_N_STATES || to >= MJ_QUEUE_N_STATES)
    return FALSE;
  return (allowed[from] & (1u << to)) != 0;
}

void
mj_queue_row_clear (MjQueueRow *row)
{
  g_clear_pointer (&row->account, g_free);
  g_clear_pointer (&row->to, g_free);
  g_clear_pointer (&row->cc, g_free);
  g_clear_pointer (&row->bcc, g_free);
  g_clear_pointer (&row->subject, g_free);
  g_clear_pointer (&row->body, g_free);
  g_clear_pointer (&row->attachment_names, g_strfreev);
  g_clear_pointer (&row->attachment_paths, g_strfreev);
  g_clear_pointer (&row->attachment_hashes, g_strfreev);
  g_clear_pointer (&row->message_id, g_free);
  g_clear_pointer (&row->last_reply, g_free);
  g_clear_pointer (&row->last_error, g_free);
  g_clear_pointer (&row->transcript, g_free);
  memset (row, 0, sizeof *row);
}

static char *
compute_explanation (MjQueueItem *self)
{
  g_autoptr(MjSmtpReply) reply = NULL;
  g_autoptr(MjExplanation) explanation = NULL;
  const char *lang = mj_i18n_ui_lang ();

  if (self->row.last_reply == NULL || self->row.last_reply[0] == '\0')
    return NULL;
  if (self->row.state == MJ_QUEUE_STATE_SENT)
    return NULL;

  reply = mj_smtp_reply_parse (self->row.last_reply);
  if (reply->code == 0)
    return NULL;
  explanation = mj_explainer_explain_reply (reply);
  return g_strdup_printf ("%s %s", mj_explanation_get_title (explanation, lang),
                          mj_explanation_get_action (explanation, lang));
}

static void
update_derived (MjQueueItem *self)
{
  const char *comma;

  g_clear_pointer (&self->explanation, g_free);
  self->explanation = compute_explanation (self);

  g_clear_pointer (&self->client, g_free);
  comma = self->row.to != NULL ? strchr (self->row.to, ',') : NULL;
  self->client = comma != NULL ? g_strndup (self->row.to, comma - self->row.to)
                               : g_strdup (self->row.to);
}

static void
mj_queue_item_finalize (GObject *object)
{
  MjQueueItem *self = MJ_QUEUE_ITEM (object);

  mj_queue_row_clear (&self->row);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->client, g_free);

  G_OBJECT_CLASS (mj_queue_item_parent_class)->finalize (object);
}

static void
mj_queue_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MjQueueItem *self = MJ_QUEUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->row.id); break;
    case PROP_STATE: g_value_set_enum (value, self->row.state); break;
    case PROP_STATE_LABEL: g_value_set_string (value, mj_queue_state_get_label (self->row.state)); break;
    case PROP_ICON_NAME: g_value_set_string (value, mj_queue_state_get_icon_name (self->row.state)); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->row.account); break;
    case PROP_TO: g_value_set_string (value, self->row.to); break;
    case PROP_CC: g_value_set_string (value, self->row.cc); break;
    case PROP_BCC: g_value_set_string (value, self->row.bcc); break;
    case PROP_SUBJECT: g_value_set_string (value, self->row.subject); break;
    case PROP_BODY: g_value_set_string (value, self->row.body); break;
    case PROP_ATTACHMENT_NAMES: g_value_set_boxed (value, self->row.attachment_names); break;
    case PROP_ATTACHMENT_PATHS: g_value_set_boxed (value, self->row.attachment_paths); break;
    case PROP_ATTACHMENT_HASHES: g_value_set_boxed (value, self->row.attachment_hashes); break;
    case PROP_MESSAGE_ID: g_value_set_string (value, self->row.message_id); break;
    case PROP_N_RECIPIENTS: g_value_set_uint (value, self->row.n_recipients); break;
    case PROP_ATTEMPTS: g_value_set_uint (value, self->row.attempts); break;
    case PROP_NEXT_ATTEMPT: g_value_set_int64 (value, self->row.next_attempt); break;
    case PROP_LAST_CODE: g_value_set_uint (value, self->row.last_code); break;
    case PROP_LAST_REPLY: g_value_set_string (value, self->row.last_reply); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->row.last_error); break;
    case PROP_EXPLANATION: g_value_set_string (value, self->explanation); break;
    case PROP_CREATED: g_value_set_int64 (value, self->row.created); break;
    case PROP_UPDATED: g_value_set_int64 (value, self->row.updated); break;
    case PROP_SENT: g_value_set_int64 (value, self->row.sent); break;
    case PROP_TRANSCRIPT: g_value_set_string (value, self->row.transcript); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_prop (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
strv_prop (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_prop (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
uint_prop (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
mj_queue_item_class_init (MjQueueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mj_queue_item_finalize;
  object_class->get_property = mj_queue_item_get_property;

  properties[PROP_ID] = int64_prop ("id");
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MJ_TYPE_QUEUE_STATE, MJ_QUEUE_STATE_QUEUED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_LABEL] = string_prop ("state-label");
  properties[PROP_ICON_NAME] = string_prop ("icon-name");
  properties[PROP_ACCOUNT] = string_prop ("account");
  properties[PROP_TO] = string_prop ("to");
  properties[PROP_CC] = string_prop ("cc");
  properties[PROP_BCC] = string_prop ("bcc");
  properties[PROP_SUBJECT] = string_prop ("subject");
  properties[PROP_BODY] = string_prop ("body");
  properties[PROP_ATTACHMENT_NAMES] = strv_prop ("attachment-names");
  properties[PROP_ATTACHMENT_PATHS] = strv_prop ("attachment-paths");
  properties[PROP_ATTACHMENT_HASHES] = strv_prop ("attachment-hashes");
  properties[PROP_MESSAGE_ID] = string_prop ("message-id");
  properties[PROP_N_RECIPIENTS] = uint_prop ("n-recipients");
  properties[PROP_ATTEMPTS] = uint_prop ("attempts");
  properties[PROP_NEXT_ATTEMPT] = int64_prop ("next-attempt");
  properties[PROP_LAST_CODE] = uint_prop ("last-code");
  properties[PROP_LAST_REPLY] = string_prop ("last-reply");
  properties[PROP_LAST_ERROR] = string_prop ("last-error");
  properties[PROP_EXPLANATION] = string_prop ("explanation");
  properties[PROP_CREATED] = int64_prop ("created");
  properties[PROP_UPDATED] = int64_prop ("updated");
  properties[PROP_SENT] = int64_prop ("sent");
  properties[PROP_TRANSCRIPT] = string_prop ("transcript");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_queue_item_init (MjQueueItem *self)
{
}

MjQueueItem *
mj_queue_item_new_from_row (MjQueueRow *row)
{
  MjQueueItem *self = g_object_new (MJ_TYPE_QUEUE_ITEM, NULL);

  self->row = *row;
  memset (row, 0, sizeof *row);
  update_derived (self);
  return self;
}

static void
take_string (MjQueueItem  *self,
             char        **field,
             char        **value,
             guint         prop)
{
  if (g_strcmp0 (*field, *value) != 0)
    {
      g_free (*field);
      *field = g_steal_pointer (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
  else
    g_clear_pointer (value, g_free);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static void
take_strv (MjQueueItem   *self,
           char        ***field,
           char        ***value,
           guint          prop)
{
  if (!strv_equal0 (*field, *value))
    {
      g_strfreev (*field);
      *field = g_steal_pointer (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
  else
    g_clear_pointer (value, g_strfreev);
}

#define SET_NUMBER(field, prop) \
  G_STMT_START { \
    if (self->row.field != row->field) \
      { \
        self->row.field = row->field; \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      } \
  } G_STMT_END

void
mj_queue_item_update (MjQueueItem *self,
                      MjQueueRow  *row)
{
  g_autofree char *old_explanation = NULL;

  g_return_if_fail (MJ_IS_QUEUE_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->row.state != row->state)
    {
      self->row.state = row->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
    }
  SET_NUMBER (id, PROP_ID);
  SET_NUMBER (n_recipients, PROP_N_RECIPIENTS);
  SET_NUMBER (attempts, PROP_ATTEMPTS);
  SET_NUMBER (next_attempt, PROP_NEXT_ATTEMPT);
  SET_NUMBER (last_code, PROP_LAST_CODE);
  SET_NUMBER (created, PROP_CREATED);
  SET_NUMBER (updated, PROP_UPDATED);
  SET_NUMBER (sent, PROP_SENT);

  take_string (self, &self->row.account, &row->account, PROP_ACCOUNT);
  take_string (self, &self->row.to, &row->to, PROP_TO);
  take_string (self, &self->row.cc, &row->cc, PROP_CC);
  take_string (self, &self->row.bcc, &row->bcc, PROP_BCC);
  take_string (self, &self->row.subject, &row->subject, PROP_SUBJECT);
  take_string (self, &self->row.message_id, &row->message_id, PROP_MESSAGE_ID);
  take_string (self, &self->row.last_reply, &row->last_reply, PROP_LAST_REPLY);
  take_string (self, &self->row.last_error, &row->last_error, PROP_LAST_ERROR);
  if (row->body != NULL)
    take_string (self, &self->row.body, &row->body, PROP_BODY);
  if (row->transcript != NULL)
    take_string (self, &self->row.transcript, &row->transcript, PROP_TRANSCRIPT);
  take_strv (self, &self->row.attachment_names, &row->attachment_names, PROP_ATTACHMENT_NAMES);
  take_strv (self, &self->row.attachment_paths, &row->attachment_paths, PROP_ATTACHMENT_PATHS);
  take_strv (self, &self->row.attachment_hashes, &row->attachment_hashes, PROP_ATTACHMENT_HASHES);

  old_explanation = g_steal_pointer (&self->explanation);
  update_derived (self);
  if (g_strcmp0 (old_explanation, self->explanation) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);

  g_object_thaw_notify (G_OBJECT (self));
  mj_queue_row_clear (row);
}

#undef SET_NUMBER

void
mj_queue_item_set_details (MjQueueItem *self,
                           const char  *body,
                           const char  *transcript)
{
  char *b = g_strdup (body != NULL ? body : "");
  char *t = g_strdup (transcript != NULL ? transcript : "");

  g_return_if_fail (MJ_IS_QUEUE_ITEM (self));

  take_string (self, &self->row.body, &b, PROP_BODY);
  take_string (self, &self->row.transcript, &t, PROP_TRANSCRIPT);
}

void
mj_queue_item_refresh_texts (MjQueueItem *self)
{
  g_return_if_fail (MJ_IS_QUEUE_ITEM (self));

  update_derived (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

#define GETTER(type, name, expr) \
  type mj_queue_item_get_##name (MjQueueItem *self) \
  { \
    g_return_val_if_fail (MJ_IS_QUEUE_ITEM (self), (type) 0); \
    return expr; \
  }

GETTER (gint64, id, self->row.id)
GETTER (MjQueueState, state, self->row.state)
GETTER (const char *, account, self->row.account)
GETTER (const char *, to, self->row.to)
GETTER (const char *, cc, self->row.cc)
GETTER (const char *, bcc, self->row.bcc)
GETTER (const char *, subject, self->row.subject)
GETTER (const char *, body, self->row.body)
GETTER (const char * const *, attachment_names, (const char * const *) self->row.attachment_names)
GETTER (const char * const *, attachment_paths, (const char * const *) self->row.attachment_paths)
GETTER (const char * const *, attachment_hashes, (const char * const *) self->row.attachment_hashes)
GETTER (const char *, message_id, self->row.message_id)
GETTER (guint, n_recipients, self->row.n_recipients)
GETTER (guint, attempts, self->row.attempts)
GETTER (gint64, next_attempt, self->row.next_attempt)
GETTER (guint, last_code, self->row.last_code)
GETTER (const char *, last_reply, self->row.last_reply)
GETTER (const char *, last_error, self->row.last_error)
GETTER (const char *, explanation, self->explanation)
GETTER (gint64, created, self->row.created)
GETTER (gint64, updated, self->row.updated)
GETTER (gint64, sent, self->row.sent)
GETTER (const char *, transcript, self->row.transcript)
GETTER (const char *, client, self->client)

#undef GETTER

static gboolean
contains_casefold (const char *haystack,
                   const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle_folded) != NULL;
}

static gboolean
word_matches (MjQueueItem *self,
              const char  *word)
{
  if (contains_casefold (self->row.to, word) || contains_casefold (self->row.cc, word) ||
      contains_casefold (self->row.subject, word) ||
      contains_casefold (self->row.message_id, word) ||
      contains_casefold (self->row.last_reply, word))
    return TRUE;
  for (guint i = 0; self->row.attachment_names != NULL && self->row.attachment_names[i]; i++)
    if (contains_casefold (self->row.attachment_names[i], word))
      return TRUE;
  return FALSE;
}

gboolean
mj_queue_item_matches (MjQueueItem *self,
                       guint        states,
                       const char  *client,
                       GDateTime   *since,
                       GDateTime   *until,
                       const char  *search)
{
  g_return_val_if_fail (MJ_IS_QUEUE_ITEM (self), FALSE);

  if (states != 0 && (states & (1u << self->row.state)) == 0)
    return FALSE;
  if (since != NULL && self->row.created < g_date_time_to_unix (since))
    return FALSE;
  if (until != NULL && self->row.created >= g_date_time_to_unix (until))
    return FALSE;
  if (client != NULL && client[0] != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (client, -1);

      if (!contains_casefold (self->row.to, folded) && !contains_casefold (self->row.cc, folded))
        return FALSE;
    }
  if (search != NULL && search[0] != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (search, -1);
      g_auto(GStrv) words = g_strsplit_set (folded, " \t", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (words[i][0] != '\0' && !word_matches (self, words[i]))
          return FALSE;
    }
  return TRUE;
}
