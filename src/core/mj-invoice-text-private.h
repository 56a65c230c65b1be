#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Shared by the files of the invoice text reader: the text as lines of
 * cells (mj-invoice-layout.c), and what counts as a space in text taken
 * from a PDF.
 */

/* A run of text separated from the next by two or more spaces or a tab:
 * a table column. @col0 and @col1 are where it starts and ends, in
 * characters. */
typedef struct {
  char *text;
  int   col0;
  int   col1;
} MjInvoiceCell;

typedef struct {
  GPtrArray *cells;        /* of MjInvoiceCell */
  char      *text;         /* the whole line, single-spaced */
  gboolean   has_digits;
} MjInvoiceLine;

MjInvoiceLine *_mj_invoice_line_new      (const char          *raw);
void           _mj_invoice_line_free     (MjInvoiceLine       *line);
gboolean       _mj_invoice_cells_overlap (const MjInvoiceCell *a,
                                          const MjInvoiceCell *b);
gboolean       _mj_invoice_has_digit     (const char          *text);

/* The e-mail addresses of the text (mj-invoice-emails.c): @text is the
 * whole text, normalized, and @lines the same text as lines. */
GStrv          _mj_invoice_find_emails   (const char          *text,
                                          GPtrArray           *lines);

/* No-break, narrow and figure spaces separate thousands ("1 234,56") as
 * often as plain ones. */
static inline gboolean
_mj_invoice_is_space (gunichar c)
{
  return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0x2009 ||
         c == 0x3000 || c == '\r' || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static inline const char *
_mj_invoice_skip_spaces (const char *p)
{
  while (*p != '\0' && _mj_invoice_is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

G_END_DECLS
