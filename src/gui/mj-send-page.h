#pragma once

#include <adwaita.h>

#include "mj-account-store.h"
#include "mj-address-book.h"

G_BEGIN_DECLS

#define MJ_TYPE_SEND_PAGE (mj_send_page_get_type ())

G_DECLARE_FINAL_TYPE (MjSendPage, mj_send_page, MJ, SEND_PAGE, AdwBin)

GtkWidget  *mj_send_page_new               (void);
void        mj_send_page_add_files         (MjSendPage      *self,
                                            GFile          **files,
                                            int              n_files);

/* The services are taken from MjApplication when not set; tests may set them. */
void        mj_send_page_set_address_book  (MjSendPage      *self,
                                            MjAddressBook   *address_book);
void        mj_send_page_set_account_store (MjSendPage      *self,
                                            MjAccountStore  *account_store);

/* For tests: the widgets that show the state. */
guint       mj_send_page_get_n_invoices    (MjSendPage      *self);
GtkWidget  *mj_send_page_get_pdf_view      (MjSendPage      *self);
const char *mj_send_page_get_to            (MjSendPage      *self);
const char *mj_send_page_get_subject       (MjSendPage      *self);
/* (transfer container) (element-type MjPresendItem): the checklist shown. */
GPtrArray  *mj_send_page_get_checks        (MjSendPage      *self);
gboolean    mj_send_page_get_busy          (MjSendPage      *self);

G_END_DECLS
