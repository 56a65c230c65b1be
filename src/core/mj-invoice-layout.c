#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include "mj-invoice-text-private.h"

/*
 * The text as a table: each line cut into cells, runs of text separated by
 * two or more spaces or a tab, with the column where each starts and ends.
 * That is the shape of `pdftotext -layout` and of the layout text the
 * inspector rebuilds from Poppler's glyph boxes, so table columns survive.
 */

static void
cell_free (MjInvoiceCell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

void
_mj_invoice_line_free (MjInvoiceLine *line)
{
  g_ptr_array_unref (line->cells);
  g_free (line->text);
  g_free (line);
}

gboolean
_mj_invoice_has_digit (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

static void
add_cell (MjInvoiceLine *line,
          GString       *cur,
          int            start)
{
  MjInvoiceCell *cell = g_new0 (MjInvoiceCell, 1);

  cell->text = g_strdup (cur->str);
  cell->col0 = start;
  cell->col1 = start + (int) g_utf8_strlen (cell->text, -1);
  g_ptr_array_add (line->cells, cell);
}

/* Normalize (NFKC: "ﬁ" → "fi", "º" → "o", "№" → "No", no-break spaces →
 * spaces, full-width forms → ASCII) and split a line into cells. */
MjInvoiceLine *
_mj_invoice_line_new (const char *raw)
{
  MjInvoiceLine *line = g_new0 (MjInvoiceLine, 1);
  g_autofree char *norm = g_utf8_normalize (raw, -1, G_NORMALIZE_NFKC);
  g_autoptr(GString) cur = g_string_new (NULL);
  GString *all = g_string_new (NULL);
  const char *p;
  int col = 0;
  int cell_start = -1;
  int spaces = 0;

  line->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  if (norm == NULL)
    norm = g_utf8_make_valid (raw, -1);

  for (p = norm; *p != '\0'; p = g_utf8_next_char (p), col++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        {
          spaces = 2;
          col += 3;
          continue;
        }
      /* Soft hyphens and zero-width characters are not text. */
      if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF)
        {
          col--;
          continue;
        }
      if (_mj_invoice_is_space (c))
        {
          spaces++;
          continue;
        }
      if (cell_start >= 0 && spaces >= 2)
        {
          add_cell (line, cur, cell_start);
          g_string_truncate (cur, 0);
          cell_start = -1;
        }
      else if (cell_start >= 0 && spaces == 1)
        g_string_append_c (cur, ' ');
      if (cell_start < 0)
        cell_start = col;
      if (all->len > 0 && spaces > 0)
        g_string_append_c (all, ' ');
      g_string_append_unichar (cur, c);
      g_string_append_unichar (all, c);
      spaces = 0;
    }
  if (cell_start >= 0)
    add_cell (line, cur, cell_start);
  line->text = g_string_free (all, FALSE);
  line->has_digits = _mj_invoice_has_digit (line->text);
  return line;
}

gboolean
_mj_invoice_cells_overlap (const MjInvoiceCell *a,
                           const MjInvoiceCell *b)
{
  /* Two columns overlap, with a little slack for proportional fonts. */
  return b->col0 <= a->col1 + 2 && b->col1 >= a->col0 - 2;
}
