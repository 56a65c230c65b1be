#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MJ_TYPE_QUEUE_PAGE (mj_queue_page_get_type ())

G_DECLARE_FINAL_TYPE (MjQueuePage, mj_queue_page, MJ, QUEUE_PAGE, AdwBin)

GtkWidget *mj_queue_page_new (void);

G_END_DECLS
