#define G_LOG_DOMAIN "mj-explanation"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-catalogue.h"
#include "mj-i18n.h"

#include "mj-explanation.h"

/*
 * One explanation of one failure (or success), in English and Spanish at
 * the same time. The texts come from a catalogue entry; the action gets a
 * sentence about retrying appended, because whether Mensajero retries
 * depends on the class of the reply as well as on the entry.
 */

enum { LANG_EN, LANG_ES, N_LANGS };

struct _MjExplanation
{
  GObject parent_instance;

  const MjCatalogueEntry *entry;
  guint reply_code;
  char *enhanced;
  char klass;
  gboolean retry;
  char *diagnostic;
  char *action[N_LANGS];
};

G_DEFINE_FINAL_TYPE (MjExplanation, mj_explanation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPLY_CODE,
  PROP_ENHANCED_STATUS,
  PROP_CLASS,
  PROP_REASON,
  PROP_RETRY,
  PROP_WHO_FIXES,
  PROP_TITLE,
  PROP_EXPLANATION,
  PROP_ACTION,
  PROP_ADMIN_MESSAGE,
  PROP_DIAGNOSTIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *retry_yes = N_("Mensajero will try again by itself later; you do not need to send it again.");
static const char *retry_no = N_("Mensajero will not try again by itself.");
static const char *retry_no_temporary = N_("Although the refusal is temporary, Mensajero will not try again by itself, because repeating it now would not help or would make it worse.");

static const char *who_texts[] = {
  [MJ_WHO_FIXES_YOU] = N_("You can fix it yourself."),
  [MJ_WHO_FIXES_RECIPIENT] = N_("It is on the recipient's side (their address, mailbox or mail server); they or whoever runs their email can fix it."),
  [MJ_WHO_FIXES_ADMIN] = N_("Your IT administrator has to fix it."),
  [MJ_WHO_FIXES_PROVIDER] = N_("Your email provider (or Mensajero's makers) has to fix it; you can only wait or report it."),
};

const char *
mj_who_fixes_to_string (MjWhoFixes who)
{
  switch (who)
    {
    case MJ_WHO_FIXES_YOU: return "you";
    case MJ_WHO_FIXES_RECIPIENT: return "recipient";
    case MJ_WHO_FIXES_ADMIN: return "admin";
    case MJ_WHO_FIXES_PROVIDER: return "provider";
    default: return "you";
    }
}

static int
lang_index (const char *lang)
{
  return (lang != NULL && g_str_has_prefix (lang, "es")) ? LANG_ES : LANG_EN;
}

static const char *
lang_name (int index)
{
  return index == LANG_ES ? MJ_LANG_ES : MJ_LANG_EN;
}

static void
mj_explanation_finalize (GObject *object)
{
  MjExplanation *self = MJ_EXPLANATION (object);

  g_free (self->enhanced);
  g_free (self->diagnostic);
  for (int i = 0; i < N_LANGS; i++)
    g_free (self->action[i]);

  G_OBJECT_CLASS (mj_explanation_parent_class)->finalize (object);
}

static void
mj_explanation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MjExplanation *self = MJ_EXPLANATION (object);

  switch (prop_id)
    {
    case PROP_REPLY_CODE:
      g_value_set_uint (value, self->reply_code);
      break;
    case PROP_ENHANCED_STATUS:
      g_value_set_string (value, self->enhanced);
      break;
    case PROP_CLASS:
      g_value_set_string (value, mj_explanation_get_class (self));
      break;
    case PROP_REASON:
      g_value_set_string (value, self->entry->reason);
      break;
    case PROP_RETRY:
      g_value_set_boolean (value, self->retry);
      break;
    case PROP_WHO_FIXES:
      g_value_set_string (value, mj_explanation_get_who_fixes_string (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, mj_explanation_get_title_ui (self));
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, mj_explanation_get_explanation_ui (self));
      break;
    case PROP_ACTION:
      g_value_set_string (value, mj_explanation_get_action_ui (self));
      break;
    case PROP_ADMIN_MESSAGE:
      g_value_set_string (value, mj_explanation_get_admin_message (self, mj_i18n_ui_lang ()));
      break;
    case PROP_DIAGNOSTIC:
      g_value_set_string (value, self->diagnostic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_explanation_class_init (MjExplanationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mj_explanation_finalize;
  object_class->get_property = mj_explanation_get_property;

  properties[PROP_REPLY_CODE] = g_param_spec_uint ("reply-code", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_ENHANCED_STATUS] = g_param_spec_string ("enhanced-status", NULL, NULL, NULL, flags);
  properties[PROP_CLASS] = g_param_spec_string ("class", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_RETRY] = g_param_spec_boolean ("retry", NULL, NULL, FALSE, flags);
  properties[PROP_WHO_FIXES] = g_param_spec_string ("who-fixes", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_ADMIN_MESSAGE] = g_param_spec_string ("admin-message", NULL, NULL, NULL, flags);
  properties[PROP_DIAGNOSTIC] = g_param_spec_string ("diagnostic", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_explanation_init (MjExplanation *self)
{
}

static void build_actions (MjExplanation *self);

/* Private: only the explainer makes explanations, from catalogue entries. */
MjExplanation *
_mj_explanation_new (const MjCatalogueEntry *entry,
                     guint                   reply_code,
                     const char             *enhanced,
                     char                    klass,
                     const char             *diagnostic)
{
  MjExplanation *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (MJ_TYPE_EXPLANATION, NULL);
  self->entry = entry;
  self->reply_code = reply_code;
  self->enhanced = g_strdup (enhanced);
  self->klass = klass;
  self->diagnostic = g_strdup (diagnostic);
  self->retry = entry->retry == MJ_RETRY_BY_CLASS && klass == 'T';
  build_actions (self);
  return self;
}

/* Private: a bounce about a delayed message must not make us send again:
 * the provider's server is still retrying it. */
void
_mj_explanation_forbid_retry (MjExplanation *self)
{
  g_return_if_fail (MJ_IS_EXPLANATION (self));

  self->retry = FALSE;
  build_actions (self);
}

static void
build_actions (MjExplanation *self)
{
  const MjCatalogueEntry *entry = self->entry;

  for (int i = 0; i < N_LANGS; i++)
    {
      const char *retry_text = mj_explanation_get_retry_text (self, lang_name (i));

      g_free (self->action[i]);
      if (retry_text != NULL)
        self->action[i] = g_strconcat (mj_i18n_translate (lang_name (i), entry->action), " ",
                                       retry_text, NULL);
      else
        self->action[i] = g_strdup (mj_i18n_translate (lang_name (i), entry->action));
    }
}

guint
mj_explanation_get_reply_code (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), 0);
  return self->reply_code;
}

/**
 * mj_explanation_get_enhanced_status:
 *
 * Returns: (nullable): the RFC 3463 status ("5.1.1"), if there was one
 */
const char *
mj_explanation_get_enhanced_status (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return self->enhanced;
}

/**
 * mj_explanation_get_class:
 *
 * Returns: "permanent", "temporary", "success" or "unknown"
 */
const char *
mj_explanation_get_class (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), "unknown");

  switch (self->klass)
    {
    case 'P': return "permanent";
    case 'T': return "temporary";
    case 'S': return "success";
    default: return "unknown";
    }
}

/**
 * mj_explanation_get_reason:
 *
 * Returns: the bounce reason in Sisimai's vocabulary, lower case
 */
const char *
mj_explanation_get_reason (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), "undefined");
  return self->entry->reason;
}

/**
 * mj_explanation_get_retry:
 *
 * The one retry policy of the application: whether sending the same
 * message again later, unchanged, may succeed and is wise.
 */
gboolean
mj_explanation_get_retry (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), FALSE);
  return self->retry;
}

MjWhoFixes
mj_explanation_get_who_fixes (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), MJ_WHO_FIXES_YOU);
  return self->entry->who;
}

const char *
mj_explanation_get_who_fixes_string (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), "you");
  return mj_who_fixes_to_string (self->entry->who);
}

const char *
mj_explanation_get_entry_id (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return self->entry->id;
}

/**
 * mj_explanation_get_diagnostic:
 *
 * Returns: (nullable): the text that was explained, as given
 */
const char *
mj_explanation_get_diagnostic (MjExplanation *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return self->diagnostic;
}

const char *
mj_explanation_get_title (MjExplanation *self,
                          const char    *lang)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return mj_i18n_translate (lang, self->entry->title);
}

const char *
mj_explanation_get_explanation (MjExplanation *self,
                                const char    *lang)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return mj_i18n_translate (lang, self->entry->explanation);
}

/**
 * mj_explanation_get_action:
 *
 * Returns: what to do, followed by whether Mensajero retries by itself
 */
const char *
mj_explanation_get_action (MjExplanation *self,
                           const char    *lang)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return self->action[lang_index (lang)];
}

/**
 * mj_explanation_get_retry_text:
 *
 * Returns: (nullable): one sentence on retrying, %NULL for a success
 */
const char *
mj_explanation_get_retry_text (MjExplanation *self,
                               const char    *lang)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);

  if (self->klass == 'S')
    return NULL;
  if (self->retry)
    return mj_i18n_translate (lang, retry_yes);
  if (self->klass == 'T')
    return mj_i18n_translate (lang, retry_no_temporary);
  return mj_i18n_translate (lang, retry_no);
}

const char *
mj_explanation_get_who_fixes_text (MjExplanation *self,
                                   const char    *lang)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  return mj_i18n_translate (lang, who_texts[self->entry->who]);
}

/**
 * mj_explanation_get_admin_message:
 *
 * Returns: (nullable): a message the user can copy and send to their IT
 *   administrator, when an administrator has to act
 */
const char *
mj_explanation_get_admin_message (MjExplanation *self,
                                  const char    *lang)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);
  if (self->entry->admin == NULL)
    return NULL;
  return mj_i18n_translate (lang, self->entry->admin);
}

const char *
mj_explanation_get_title_ui (MjExplanation *self)
{
  return mj_explanation_get_title (self, mj_i18n_ui_lang ());
}

const char *
mj_explanation_get_explanation_ui (MjExplanation *self)
{
  return mj_explanation_get_explanation (self, mj_i18n_ui_lang ());
}

const char *
mj_explanation_get_action_ui (MjExplanation *self)
{
  return mj_explanation_get_action (self, mj_i18n_ui_lang ());
}

/**
 * mj_explanation_to_text:
 * @lang: "en" or "es"
 *
 * Returns: (transfer full): a plain-text block: title, what happened, who
 *   fixes it, what to do, and the administrator message if there is one
 */
char *
mj_explanation_to_text (MjExplanation *self,
                        const char    *lang)
{
  GString *s;
  const char *admin;

  g_return_val_if_fail (MJ_IS_EXPLANATION (self), NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, "%s\n\n", mj_explanation_get_title (self, lang));
  g_string_append_printf (s, "%s\n", mj_explanation_get_explanation (self, lang));
  g_string_append_printf (s, "%s\n", mj_explanation_get_who_fixes_text (self, lang));
  g_string_append_printf (s, "%s\n", mj_explanation_get_action (self, lang));
  admin = mj_explanation_get_admin_message (self, lang);
  if (admin != NULL)
    g_string_append_printf (s, "\n%s\n%s\n",
                            mj_i18n_translate (lang, N_("Message for your IT administrator:")),
                            admin);
  return g_string_free (s, FALSE);
}
