#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The label vocabularies of mj-invoice-labels.c. */

typedef enum {
  MJ_INVOICE_FIELD_NUMBER,
  MJ_INVOICE_FIELD_DATE,
  MJ_INVOICE_FIELD_TOTAL,
  MJ_INVOICE_N_FIELDS
} MjInvoiceField;

/* What names a field. Tier 0 is the most specific ("Total a pagar",
 * "Invoice number"), 2 a bare "Total" or a document title ("FACTURA"),
 * 3 a last resort. */
typedef struct {
  MjInvoiceField  field;
  int             tier;
  const char     *lang;      /* ISO 639-1, or "*" for several */
  const char     *pattern;   /* matched without case, on NFKC text */
} MjInvoiceLabelDef;

/* What a cell names instead of the field ("Fecha de vencimiento",
 * "Subtotal", "Nº de pedido"). */
typedef struct {
  MjInvoiceField  field;
  const char     *lang;
  const char     *pattern;
} MjInvoiceExcludeDef;

/* A tax identifier or authority only one country prints: a vote for its
 * currency when an amount shows a bare "$", "kr" or "¥", or none. */
typedef struct {
  const char *iso;
  const char *pattern;   /* matched without case unless it says (?-i) */
} MjInvoiceCurrencyHint;

extern const MjInvoiceLabelDef     _mj_invoice_label_defs[];
extern const guint                 _mj_invoice_n_label_defs;
extern const MjInvoiceExcludeDef   _mj_invoice_exclude_defs[];
extern const guint                 _mj_invoice_n_exclude_defs;
extern const MjInvoiceCurrencyHint _mj_invoice_currency_hints[];
extern const guint                 _mj_invoice_n_currency_hints;

G_END_DECLS
