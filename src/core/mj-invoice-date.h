#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates as invoices print them: numeric (d/m/Y, d-m-Y, d.m.Y and m/d/Y),
 * ISO 8601, Y年M月D日, and months written out or abbreviated in some twenty
 * languages. mj_invoice_parse_date() in mj-invoice-text.h reads day first;
 * these take the order a document uses.
 */

/**
 * MjInvoiceDateOrder:
 * @MJ_INVOICE_DATE_DMY_FIRST: 05/11/2026 is 5 November
 * @MJ_INVOICE_DATE_MDY_FIRST: 05/11/2026 is May 11
 *
 * How to read a numeric date whose first two numbers may both be a month.
 * A number above 12 settles it either way.
 */
typedef enum {
  MJ_INVOICE_DATE_DMY_FIRST,
  MJ_INVOICE_DATE_MDY_FIRST,
} MjInvoiceDateOrder;

gboolean           mj_invoice_date_scan        (const char         *text,
                                                MjInvoiceDateOrder  order,
                                                char              **iso,
                                                char              **matched);
MjInvoiceDateOrder mj_invoice_date_guess_order (const char         *text,
                                                gboolean            us_dollars);

G_END_DECLS
