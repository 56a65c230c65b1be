#pragma once

#include <adwaita.h>

#include "mj-account-store.h"
#include "mj-diagnostics.h"
#include "mj-explanation.h"

G_BEGIN_DECLS

#define MJ_TYPE_DIAGNOSTICS_PAGE (mj_diagnostics_page_get_type ())

G_DECLARE_FINAL_TYPE (MjDiagnosticsPage, mj_diagnostics_page, MJ, DIAGNOSTICS_PAGE, AdwBin)

GtkWidget      *mj_diagnostics_page_new                (void);
/* Without a store set, the page uses the application's when it is shown. */
void            mj_diagnostics_page_set_account_store  (MjDiagnosticsPage *self,
                                                        MjAccountStore    *store);
/* Chooses the account to test; FALSE when there is none of that name. */
gboolean        mj_diagnostics_page_select_account     (MjDiagnosticsPage *self,
                                                        const char        *name);
/* (transfer none) (nullable): the test of the chosen account; its steps
 * model is what the page shows. */
MjDiagnostics  *mj_diagnostics_page_get_diagnostics    (MjDiagnosticsPage *self);
/* Starts the test (what "Run Test" does). */
void            mj_diagnostics_page_run                (MjDiagnosticsPage *self);
/* Puts @text in the paste area and explains it (what "Explain" does). */
void            mj_diagnostics_page_explain_text       (MjDiagnosticsPage *self,
                                                        const char        *text);
/* (transfer none) (element-type MjExplanation): the explanations shown
 * for the pasted text or the opened .eml, in order. */
GPtrArray      *mj_diagnostics_page_get_explanations   (MjDiagnosticsPage *self);
/* (transfer full): the bilingual report "Copy Report" copies. */
char           *mj_diagnostics_page_build_report       (MjDiagnosticsPage *self);

G_END_DECLS
