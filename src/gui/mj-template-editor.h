#pragma once

#include <adwaita.h>

#include "mj-template.h"

G_BEGIN_DECLS

#define MJ_TYPE_TEMPLATE_EDITOR (mj_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (MjTemplateEditor, mj_template_editor, MJ, TEMPLATE_EDITOR, AdwWindow)

/* @values: what the invoice that is open fills in, for the preview (copied). */
MjTemplateEditor *mj_template_editor_new (GtkWindow              *parent,
                                          const char             *account_name,
                                          const char             *account_email,
                                          const MjTemplateValues *values);

G_END_DECLS
