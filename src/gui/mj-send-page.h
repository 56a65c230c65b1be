#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MJ_TYPE_SEND_PAGE (mj_send_page_get_type ())

G_DECLARE_FINAL_TYPE (MjSendPage, mj_send_page, MJ, SEND_PAGE, AdwBin)

GtkWidget *mj_send_page_new (void);
void       mj_send_page_add_files (MjSendPage  *self,
                                   GFile      **files,
                                   int          n_files);

G_END_DECLS
