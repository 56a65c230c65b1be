#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MJ_TYPE_DIAGNOSTICS_PAGE (mj_diagnostics_page_get_type ())

G_DECLARE_FINAL_TYPE (MjDiagnosticsPage, mj_diagnostics_page, MJ, DIAGNOSTICS_PAGE, AdwBin)

GtkWidget *mj_diagnostics_page_new (void);

G_END_DECLS
