#pragma once

#include <adwaita.h>

#include "mj-presend-check.h"

G_BEGIN_DECLS

#define MJ_TYPE_CHECKLIST (mj_checklist_get_type ())

G_DECLARE_FINAL_TYPE (MjChecklist, mj_checklist, MJ, CHECKLIST, AdwPreferencesGroup)

void mj_checklist_clear         (MjChecklist     *self);
void mj_checklist_add           (MjChecklist     *self,
                                 MjCheckSeverity  severity,
                                 const char      *reason,
                                 const char      *fix,
                                 const char      *wrong,
                                 const char      *suggestion);
void mj_checklist_add_candidate (MjChecklist     *self,
                                 const char      *address);

G_END_DECLS
