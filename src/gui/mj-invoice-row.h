#pragma once

#include <adwaita.h>

#include "mj-pdf-inspector.h"

G_BEGIN_DECLS

#define MJ_TYPE_INVOICE_ROW (mj_invoice_row_get_type ())

G_DECLARE_FINAL_TYPE (MjInvoiceRow, mj_invoice_row, MJ, INVOICE_ROW, AdwActionRow)

MjInvoiceRow *mj_invoice_row_new               (GFile        *file);
void          mj_invoice_row_load              (MjInvoiceRow *self);
void          mj_invoice_row_cancel            (MjInvoiceRow *self);

GFile        *mj_invoice_row_get_file          (MjInvoiceRow *self);
const char   *mj_invoice_row_get_path          (MjInvoiceRow *self);
const char   *mj_invoice_row_get_basename      (MjInvoiceRow *self);
gboolean      mj_invoice_row_get_inspecting    (MjInvoiceRow *self);
MjPdfReport  *mj_invoice_row_get_report        (MjInvoiceRow *self);
const char   *mj_invoice_row_get_error_message (MjInvoiceRow *self);

G_END_DECLS
