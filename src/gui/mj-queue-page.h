#pragma once

#include <adwaita.h>

#include "mj-queue.h"

G_BEGIN_DECLS

#define MJ_TYPE_QUEUE_PAGE (mj_queue_page_get_type ())

G_DECLARE_FINAL_TYPE (MjQueuePage, mj_queue_page, MJ, QUEUE_PAGE, AdwBin)

GtkWidget   *mj_queue_page_new              (void);
/* The queue the page shows (the application's; tests give their own). */
void         mj_queue_page_set_queue        (MjQueuePage  *self,
                                             MjQueue      *queue);
MjQueue     *mj_queue_page_get_queue        (MjQueuePage  *self);
/* Filters, as the controls set them: @state -1 = every state. */
void         mj_queue_page_set_state_filter (MjQueuePage  *self,
                                             int           state);
void         mj_queue_page_set_search       (MjQueuePage  *self,
                                             const char   *text);
/* (transfer none): the rows the view shows (after filter and search). */
GListModel  *mj_queue_page_get_visible_items (MjQueuePage *self);
/* TRUE while the filter is still going through the items. */
gboolean     mj_queue_page_is_filtering     (MjQueuePage  *self);

G_END_DECLS
