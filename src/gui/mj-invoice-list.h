#pragma once

#include <adwaita.h>

#include "mj-invoice-row.h"

G_BEGIN_DECLS

#define MJ_TYPE_INVOICE_LIST (mj_invoice_list_get_type ())

G_DECLARE_FINAL_TYPE (MjInvoiceList, mj_invoice_list, MJ, INVOICE_LIST, AdwPreferencesGroup)

void          mj_invoice_list_append       (MjInvoiceList *self,
                                            MjInvoiceRow  *row);
void          mj_invoice_list_remove       (MjInvoiceList *self,
                                            MjInvoiceRow  *row);
void          mj_invoice_list_select       (MjInvoiceList *self,
                                            MjInvoiceRow  *row);

G_END_DECLS
