#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Money amounts as invoices print them: a number with its group and
 * decimal separators ("1.234,56", "1,234.56", "1 234,56", "1'234.50",
 * "1,23,456.00") and a currency symbol or code before or after it ("€",
 * "US$", "R$", "zł", "USD", "euros"). mj_invoice_parse_amount() in
 * mj-invoice-text.h is the entry point for any text; the functions below
 * are the pieces the field finder uses and expect valid UTF-8.
 *
 * A currency is an ISO 4217 code or one of the ambiguous symbols "$", "kr"
 * and "¥", which the document as a whole must resolve.
 */

gboolean    mj_invoice_amount_scan           (const char  *text,
                                              double      *amount,
                                              const char **currency,
                                              char       **matched,
                                              const char **end);
const char *mj_invoice_currency_match_code   (const char  *p,
                                              gsize       *len);
gboolean    mj_invoice_currency_is_ambiguous (const char  *currency);
gboolean    mj_invoice_currency_may_be       (const char  *symbol,
                                              const char  *iso);

G_END_DECLS
