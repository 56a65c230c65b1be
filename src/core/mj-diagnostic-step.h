#pragma once

#include <glib-object.h>

#include "mj-diagnostic-texts.h"
#include "mj-explanation.h"

G_BEGIN_DECLS

/**
 * MjDiagnosticStepId:
 *
 * The steps of the connection test, in the order they run.
 */
typedef enum {
  MJ_DIAGNOSTIC_STEP_DNS,
  MJ_DIAGNOSTIC_STEP_TCP,
  MJ_DIAGNOSTIC_STEP_GREETING,
  MJ_DIAGNOSTIC_STEP_EHLO,
  MJ_DIAGNOSTIC_STEP_STARTTLS,
  MJ_DIAGNOSTIC_STEP_TLS,
  MJ_DIAGNOSTIC_STEP_AUTH,
  MJ_DIAGNOSTIC_STEP_SENDER,
  MJ_DIAGNOSTIC_STEP_TEST_MESSAGE,
  MJ_DIAGNOSTIC_N_STEPS,
} MjDiagnosticStepId;

/**
 * MjDiagnosticStatus:
 * @MJ_DIAGNOSTIC_STATUS_PENDING: not run yet
 * @MJ_DIAGNOSTIC_STATUS_RUNNING: running now
 * @MJ_DIAGNOSTIC_STATUS_OK: passed
 * @MJ_DIAGNOSTIC_STATUS_WARN: passed, with something worth fixing
 * @MJ_DIAGNOSTIC_STATUS_FAIL: failed; the steps after it are skipped
 * @MJ_DIAGNOSTIC_STATUS_SKIPPED: not run (an earlier step failed, the test
 *   was cancelled, or the step does not apply)
 */
typedef enum {
  MJ_DIAGNOSTIC_STATUS_PENDING,
  MJ_DIAGNOSTIC_STATUS_RUNNING,
  MJ_DIAGNOSTIC_STATUS_OK,
  MJ_DIAGNOSTIC_STATUS_WARN,
  MJ_DIAGNOSTIC_STATUS_FAIL,
  MJ_DIAGNOSTIC_STATUS_SKIPPED,
} MjDiagnosticStatus;

/* "dns", "tcp", …, "test_message" (the JSON ids of DESIGN.md). */
const char  *mj_diagnostic_step_id_to_string      (MjDiagnosticStepId id);
/* English msgid of the step's name ("Server name (DNS)"). */
const char  *mj_diagnostic_step_id_get_name       (MjDiagnosticStepId id);
/* "pending", "running", "ok", "warn", "fail", "skipped". */
const char  *mj_diagnostic_status_to_string       (MjDiagnosticStatus status);

/**
 * MjDiagnosticStep:
 *
 * One row of the connection test: `id`, `name` (in the UI language),
 * `status`, `duration-ms`, `detail` (technical, untranslated facts: reply,
 * TLS version, addresses) and an explanation in English and Spanish, which
 * comes either from mj-explainer (#MjExplanation, for server replies and
 * libcurl codes) or from the diagnostic texts. Property changes are only
 * made on the main context, so widgets can bind to them.
 */
#define MJ_TYPE_DIAGNOSTIC_STEP (mj_diagnostic_step_get_type ())

G_DECLARE_FINAL_TYPE (MjDiagnosticStep, mj_diagnostic_step, MJ, DIAGNOSTIC_STEP, GObject)

MjDiagnosticStep   *mj_diagnostic_step_new               (MjDiagnosticStepId  id);
MjDiagnosticStepId  mj_diagnostic_step_get_id            (MjDiagnosticStep   *self);
const char         *mj_diagnostic_step_get_name          (MjDiagnosticStep   *self);
MjDiagnosticStatus  mj_diagnostic_step_get_status        (MjDiagnosticStep   *self);
void                mj_diagnostic_step_set_status        (MjDiagnosticStep   *self,
                                                          MjDiagnosticStatus  status);
guint               mj_diagnostic_step_get_duration_ms   (MjDiagnosticStep   *self);
void                mj_diagnostic_step_set_duration_ms   (MjDiagnosticStep   *self,
                                                          guint               duration_ms);
const char         *mj_diagnostic_step_get_detail        (MjDiagnosticStep   *self);
void                mj_diagnostic_step_set_detail        (MjDiagnosticStep   *self,
                                                          const char         *detail);

/* Explanation, from whichever source. */
gboolean            mj_diagnostic_step_has_explanation   (MjDiagnosticStep   *self);
/* (transfer none) (nullable): set when the explanation came from
 * mj-explainer (the GUI shows it in an #MjExplanationCard). */
MjExplanation      *mj_diagnostic_step_get_explanation   (MjDiagnosticStep   *self);
void                mj_diagnostic_step_set_explanation   (MjDiagnosticStep   *self,
                                                          MjExplanation      *explanation);
/* (transfer none) (nullable): set when it came from the diagnostic texts. */
const MjDiagnosticText *mj_diagnostic_step_get_text      (MjDiagnosticStep   *self);
void                mj_diagnostic_step_set_text          (MjDiagnosticStep   *self,
                                                          const MjDiagnosticText *text);
/* In "en" or "es"; %NULL without an explanation. */
const char         *mj_diagnostic_step_get_title_for     (MjDiagnosticStep   *self,
                                                          const char         *lang);
const char         *mj_diagnostic_step_get_explanation_for (MjDiagnosticStep *self,
                                                          const char         *lang);
const char         *mj_diagnostic_step_get_action_for    (MjDiagnosticStep   *self,
                                                          const char         *lang);
/* "you", "recipient", "admin", "provider"; %NULL without an explanation. */
const char         *mj_diagnostic_step_get_who_fixes     (MjDiagnosticStep   *self);
/* Drops status, detail, duration and explanation (a new run). */
void                mj_diagnostic_step_reset             (MjDiagnosticStep   *self);

G_END_DECLS
