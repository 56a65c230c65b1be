#pragma once

#include <adwaita.h>

#include "mj-application.h"

G_BEGIN_DECLS

#define MJ_TYPE_WINDOW (mj_window_get_type ())

G_DECLARE_FINAL_TYPE (MjWindow, mj_window, MJ, WINDOW, AdwApplicationWindow)

MjWindow   *mj_window_new          (MjApplication  *application);
void        mj_window_open_files   (MjWindow       *self,
                                    GFile         **files,
                                    int             n_files);
void        mj_window_show_page    (MjWindow       *self,
                                    const char     *name);
const char *mj_window_get_page     (MjWindow       *self);
void        mj_window_add_toast    (MjWindow       *self,
                                    const char     *title);
void        mj_window_add_toast_with_button (MjWindow   *self,
                                             const char *title,
                                             const char *button_label,
                                             const char *detailed_action);

G_END_DECLS
