#define G_LOG_DOMAIN "mj-diagnostics"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-diagnostic-step.h"
#include "mj-i18n.h"

struct _MjDiagnosticStep
{
  GObject parent_instance;

  MjDiagnosticStepId id;
  MjDiagnosticStatus status;
  guint duration_ms;
  char *detail;
  MjExplanation *explanation;
  const MjDiagnosticText *text;
};

G_DEFINE_FINAL_TYPE (MjDiagnosticStep, mj_diagnostic_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_DURATION_MS,
  PROP_DETAIL,
  PROP_HAS_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *id;
  const char *name;
} step_names[MJ_DIAGNOSTIC_N_STEPS] = {
  { "dns", N_("Server name (DNS)") },
  { "tcp", N_("Connection to the server") },
  { "greeting", N_("Server greeting") },
  { "ehlo", N_("Server capabilities (EHLO)") },
  { "starttls", N_("Encryption (STARTTLS)") },
  { "tls", N_("TLS version and certificate") },
  { "auth", N_("Sign-in") },
  { "sender", N_("Sender address (MAIL FROM)") },
  { "test_message", N_("Test message to yourself") },
};

const char *
mj_diagnostic_step_id_to_string (MjDiagnosticStepId id)
{
  g_return_val_if_fail (id < MJ_DIAGNOSTIC_N_STEPS, NULL);
  return step_names[id].id;
}

const char *
mj_diagnostic_step_id_get_name (MjDiagnosticStepId id)
{
  g_return_val_if_fail (id < MJ_DIAGNOSTIC_N_STEPS, NULL);
  return step_names[id].name;
}

const char *
mj_diagnostic_status_to_string (MjDiagnosticStatus status)
{
  switch (status)
    {
    case MJ_DIAGNOSTIC_STATUS_PENDING: return "pending";
    case MJ_DIAGNOSTIC_STATUS_RUNNING: return "running";
    case MJ_DIAGNOSTIC_STATUS_OK: return "ok";
    case MJ_DIAGNOSTIC_STATUS_WARN: return "warn";
    case MJ_DIAGNOSTIC_STATUS_FAIL: return "fail";
    case MJ_DIAGNOSTIC_STATUS_SKIPPED: return "skipped";
    default: return "unknown";
    }
}

MjDiagnosticStep *
mj_diagnostic_step_new (MjDiagnosticStepId id)
{
  g_return_val_if_fail (id < MJ_DIAGNOSTIC_N_STEPS, NULL);
  return g_object_new (MJ_TYPE_DIAGNOSTIC_STEP, "id", (guint) id, NULL);
}

MjDiagnosticStepId
mj_diagnostic_step_get_id (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), 0);
  return self->id;
}

const char *
mj_diagnostic_step_get_name (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);
  return M_(step_names[self->id].name);
}

MjDiagnosticStatus
mj_diagnostic_step_get_status (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), 0);
  return self->status;
}

void
mj_diagnostic_step_set_status (MjDiagnosticStep   *self,
                               MjDiagnosticStatus  status)
{
  g_return_if_fail (MJ_IS_DIAGNOSTIC_STEP (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

guint
mj_diagnostic_step_get_duration_ms (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), 0);
  return self->duration_ms;
}

void
mj_diagnostic_step_set_duration_ms (MjDiagnosticStep *self,
                                    guint             duration_ms)
{
  g_return_if_fail (MJ_IS_DIAGNOSTIC_STEP (self));

  if (self->duration_ms != duration_ms)
    {
      self->duration_ms = duration_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MS]);
    }
}

const char *
mj_diagnostic_step_get_detail (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);
  return self->detail;
}

void
mj_diagnostic_step_set_detail (MjDiagnosticStep *self,
                               const char       *detail)
{
  g_return_if_fail (MJ_IS_DIAGNOSTIC_STEP (self));

  if (g_strcmp0 (self->detail, detail) == 0)
    return;
  g_free (self->detail);
  self->detail = g_strdup (detail);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

gboolean
mj_diagnostic_step_has_explanation (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), FALSE);
  return self->explanation != NULL || self->text != NULL;
}

MjExplanation *
mj_diagnostic_step_get_explanation (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);
  return self->explanation;
}

void
mj_diagnostic_step_set_explanation (MjDiagnosticStep *self,
                                    MjExplanation    *explanation)
{
  g_return_if_fail (MJ_IS_DIAGNOSTIC_STEP (self));

  g_set_object (&self->explanation, explanation);
  self->text = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EXPLANATION]);
}

const MjDiagnosticText *
mj_diagnostic_step_get_text (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);
  return self->text;
}

void
mj_diagnostic_step_set_text (MjDiagnosticStep       *self,
                             const MjDiagnosticText *text)
{
  g_return_if_fail (MJ_IS_DIAGNOSTIC_STEP (self));

  g_clear_object (&self->explanation);
  self->text = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EXPLANATION]);
}

const char *
mj_diagnostic_step_get_title_for (MjDiagnosticStep *self,
                                  const char       *lang)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);

  if (self->explanation != NULL)
    return mj_explanation_get_title (self->explanation, lang);
  if (self->text != NULL)
    return mj_i18n_translate (lang, self->text->title);
  return NULL;
}

const char *
mj_diagnostic_step_get_explanation_for (MjDiagnosticStep *self,
                                        const char       *lang)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);

  if (self->explanation != NULL)
    return mj_explanation_get_explanation (self->explanation, lang);
  if (self->text != NULL)
    return mj_i18n_translate (lang, self->text->explanation);
  return NULL;
}

const char *
mj_diagnostic_step_get_action_for (MjDiagnosticStep *self,
                                   const char       *lang)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);

  if (self->explanation != NULL)
    return mj_explanation_get_action (self->explanation, lang);
  if (self->text != NULL)
    return mj_i18n_translate (lang, self->text->action);
  return NULL;
}

const char *
mj_diagnostic_step_get_who_fixes (MjDiagnosticStep *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTIC_STEP (self), NULL);

  if (self->explanation != NULL)
    return mj_explanation_get_who_fixes_string (self->explanation);
  if (self->text != NULL)
    return mj_who_fixes_to_string (self->text->who_fixes);
  return NULL;
}

void
mj_diagnostic_step_reset (MjDiagnosticStep *self)
{
  g_return_if_fail (MJ_IS_DIAGNOSTIC_STEP (self));

  g_object_freeze_notify (G_OBJECT (self));
  mj_diagnostic_step_set_status (self, MJ_DIAGNOSTIC_STATUS_PENDING);
  mj_diagnostic_step_set_duration_ms (self, 0);
  mj_diagnostic_step_set_detail (self, NULL);
  if (mj_diagnostic_step_has_explanation (self))
    mj_diagnostic_step_set_text (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
mj_diagnostic_step_finalize (GObject *object)
{
  MjDiagnosticStep *self = MJ_DIAGNOSTIC_STEP (object);

  g_clear_pointer (&self->detail, g_free);
  g_clear_object (&self->explanation);

  G_OBJECT_CLASS (mj_diagnostic_step_parent_class)->finalize (object);
}

static void
mj_diagnostic_step_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MjDiagnosticStep *self = MJ_DIAGNOSTIC_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, mj_diagnostic_step_get_name (self));
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_DURATION_MS:
      g_value_set_uint (value, self->duration_ms);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_HAS_EXPLANATION:
      g_value_set_boolean (value, mj_diagnostic_step_has_explanation (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_diagnostic_step_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MjDiagnosticStep *self = MJ_DIAGNOSTIC_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = MIN (g_value_get_uint (value), MJ_DIAGNOSTIC_N_STEPS - 1);
      break;
    case PROP_STATUS:
      mj_diagnostic_step_set_status (self, g_value_get_uint (value));
      break;
    case PROP_DURATION_MS:
      mj_diagnostic_step_set_duration_ms (self, g_value_get_uint (value));
      break;
    case PROP_DETAIL:
      mj_diagnostic_step_set_detail (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_diagnostic_step_class_init (MjDiagnosticStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mj_diagnostic_step_finalize;
  object_class->get_property = mj_diagnostic_step_get_property;
  object_class->set_property = mj_diagnostic_step_set_property;

  properties[PROP_ID] =
    g_param_spec_uint ("id", NULL, NULL, 0, MJ_DIAGNOSTIC_N_STEPS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, MJ_DIAGNOSTIC_STATUS_SKIPPED, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_MS] =
    g_param_spec_uint ("duration-ms", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_EXPLANATION] =
    g_param_spec_boolean ("has-explanation", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_diagnostic_step_init (MjDiagnosticStep *self)
{
}
