#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Read invoice fields out of the plain text of an invoice (what
 * poppler_page_get_text() returns, or pdftotext -layout): a label
 * ("Factura Nº", "Invoice #", "Rechnungsnummer", "Total TTC", "Folio",
 * "Importe Total"…) followed by its value on the same line, in the next
 * column of a table, or under it. Label vocabularies for Spanish (Spain and
 * Latin America), English, French, German, Italian, Portuguese, Dutch,
 * Catalan, the Nordic languages, Finnish, Polish, Czech, Romanian,
 * Hungarian, Turkish, Greek, Russian, Japanese, Chinese and Korean.
 */
typedef struct {
  char     *invoice_number;   /* nullable */
  char     *date;             /* nullable, ISO 8601 "2026-03-12" */
  char     *date_text;        /* nullable, as printed */
  char     *total;            /* nullable, as printed ("1.234,56 €") */
  double    total_amount;     /* valid when has_total_amount */
  gboolean  has_total_amount;
  char     *currency;         /* nullable, ISO 4217; a bare "$", "kr" or "¥" is
                               * resolved from the document (codes it prints,
                               * tax identifiers of its country) */
  GStrv     emails;           /* never NULL; lower case, no duplicates, in order */
} MjInvoiceFields;

MjInvoiceFields *mj_invoice_fields_extract (const char      *text);
void             mj_invoice_fields_free    (MjInvoiceFields *fields);

/* Helpers, public for tests. */
gboolean mj_invoice_parse_amount (const char *text,
                                  double     *amount,
                                  char      **currency,
                                  char      **matched);
gboolean mj_invoice_parse_date   (const char *text,
                                  char      **iso,
                                  char      **matched);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjInvoiceFields, mj_invoice_fields_free)

G_END_DECLS
