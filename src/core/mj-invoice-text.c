#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include <string.h>

#include "mj-invoice-amount.h"
#include "mj-invoice-date.h"
#include "mj-invoice-labels-private.h"
#include "mj-invoice-text.h"
#include "mj-invoice-text-private.h"

/*
 * How the fields are found.
 *
 * The text is cut into lines and each line into cells (mj-invoice-layout.c):
 * runs of text separated by two or more spaces or a tab, with the column (in
 * characters) where each cell starts and ends. That is the shape of
 * `pdftotext -layout` and of the layout text the inspector rebuilds from
 * Poppler's glyph boxes, so table columns survive.
 *
 * Labels are data (mj-invoice-labels.c): one table of regular expressions
 * per field, grouped by language, each with a tier (0 = the most specific,
 * "Total a pagar", "Invoice number"; 2 = a bare "Total", a document title
 * "FACTURA"). Another table lists what a cell names instead of the field
 * ("Fecha de vencimiento", "Subtotal", "Nº de pedido"). Values are read by
 * mj-invoice-amount.c and mj-invoice-date.c.
 *
 * For every label found the value is looked for, in this order:
 *   1. in the same cell, after the label ("Factura Nº: 2026-031");
 *   2. in the next cells of the same line (a two-column table);
 *   3. in the first lines below, in a cell that overlaps the label's columns
 *      (a header row with the values under it).
 * Each candidate must parse as the field's type (an identifier with a digit,
 * a date, a money amount). The best tier wins, then the nearer kind of
 * candidate, then: for the invoice number and the date the first one in the
 * document, for the total the largest amount (a grand total is never
 * smaller than a subtotal that escaped the exclusions).
 *
 * Amounts keep their currency. A bare "$", "kr" or "¥" is resolved from the
 * ISO codes the document prints, then from the country the document shows
 * (tax identifiers such as RFC, CUIT, R.U.T., NIT, ABN; see the currency
 * hints of mj-invoice-labels.c). Numeric dates are read day first unless the
 * document itself proves month first (11/23/2026) or is an English invoice
 * in US dollars.
 *
 * E-mail addresses are collected from the whole text (mj-invoice-emails.c).
 */

typedef enum {
  CAND_SAME_CELL = 0,
  CAND_NEXT_CELL = 1,
  CAND_BELOW = 2,
} CandKind;

typedef struct {
  GRegex *regex;
  int tier;
} CompiledLabel;

typedef struct {
  CompiledLabel *labels;
  guint n_labels;
  GRegex *any_label;     /* every label of the field, to skip cells quickly */
  GRegex *exclude;
} FieldVocabulary;

static FieldVocabulary vocab[MJ_INVOICE_N_FIELDS];
static GRegex *re_english;

static void
init_labels (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (int f = 0; f < MJ_INVOICE_N_FIELDS; f++)
        {
          g_autoptr(GString) any = g_string_new (NULL);
          g_autoptr(GString) excl = g_string_new (NULL);
          FieldVocabulary *v = &vocab[f];

          v->labels = g_new0 (CompiledLabel, _mj_invoice_n_label_defs);
          for (guint i = 0; i < _mj_invoice_n_label_defs; i++)
            {
              const MjInvoiceLabelDef *def = &_mj_invoice_label_defs[i];
              g_autoptr(GError) error = NULL;
              CompiledLabel *cl;

              if ((int) def->field != f)
                continue;
              cl = &v->labels[v->n_labels++];
              cl->regex = g_regex_new (def->pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
              if (cl->regex == NULL)
                g_error ("bad label pattern %s: %s", def->pattern, error->message);
              cl->tier = def->tier;
              g_string_append_printf (any, "%s(?:%s)", any->len > 0 ? "|" : "", def->pattern);
            }
          for (guint i = 0; i < _mj_invoice_n_exclude_defs; i++)
            {
              const MjInvoiceExcludeDef *def = &_mj_invoice_exclude_defs[i];

              if ((int) def->field == f)
                g_string_append_printf (excl, "%s(?:%s)", excl->len > 0 ? "|" : "", def->pattern);
            }
          v->any_label = g_regex_new (any->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
          v->exclude = excl->len > 0 ? g_regex_new (excl->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL) : NULL;
          g_assert (v->any_label != NULL && (excl->len == 0 || v->exclude != NULL));
        }
      re_english = g_regex_new ("(?<!\\p{L})(?:invoice|bill\\s+to|amount\\s+due|balance\\s+due|total\\s+due)(?!\\p{L})",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Value validators */

typedef struct {
  MjInvoiceDateOrder order;
} Context;

typedef gboolean (*ValueParser) (const Context *ctx,
                                 const char    *text,
                                 gpointer       out);

typedef struct {
  char *number;
} NumberValue;

static gboolean
is_money_shape (const char *token)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("^-?\\d{1,3}(?:[.,' ]\\d{3})+[.,]\\d{2}$|^-?\\d+,\\d{2}$", G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, token, 0, NULL);
}

static gboolean
parse_number_value (const Context *ctx,
                    const char    *text,
                    gpointer       out)
{
  NumberValue *nv = out;
  const char *p = text;
  g_autofree char *token = NULL;
  const char *end;
  gsize len;

  /* Skip what may sit between the label and the value. */
  for (;;)
    {
      gunichar c;

      p = _mj_invoice_skip_spaces (p);
      c = g_utf8_get_char (p);
      if (c == ':' || c == '#' || c == '-' || c == 0x2013 || c == 0x2014 || c == '=' || c == '.')
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if ((g_ascii_strncasecmp (p, "no", 2) == 0 || g_ascii_strncasecmp (p, "nr", 2) == 0) &&
          (p[2] == '.' || p[2] == ':' || p[2] == ' '))
        {
          p += 3;
          continue;
        }
      if (g_str_has_prefix (p, "n°") || g_str_has_prefix (p, "N°"))
        {
          p += strlen ("n°");
          continue;
        }
      break;
    }
  end = p;
  while (*end != '\0' && !_mj_invoice_is_space (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  /* A value that is nothing but groups of digits is one number, as
   * telecoms print theirs: "123 456 7890". */
  if (g_regex_match_simple ("^\\d{2,}(?: \\d{2,}){1,4}\\s*$", p, 0, 0))
    end = p + strlen (p);
  while (end > p && _mj_invoice_is_space (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  len = end - p;
  if (len == 0 || len > 40)
    return FALSE;
  token = g_strndup (p, len);

  /* A series code before the number: "FT 2026/123" (Portugal), "INV 0042",
   * "A 1234". Not a word such as "TO 123 Main St". */
  if (len <= 4 && g_regex_match_simple ("^[A-Z]+$", token, 0, 0) && *end == ' ' &&
      !g_regex_match_simple ("^(?:TO|OF|FOR|THE|AND|BY|FROM|DE|DEL|LA|EL|DU|LE|AN|AM|IM|VOM|NR|NO|PAGE)$",
                             token, 0, 0))
    {
      const char *n0 = end + 1;
      const char *n1 = n0;
      int digits = 0;

      while (*n1 != '\0' && !_mj_invoice_is_space (g_utf8_get_char (n1)))
        {
          digits += g_ascii_isdigit (*n1) ? 1 : 0;
          n1 = g_utf8_next_char (n1);
        }
      if (n1 - n0 > 0 && n1 - n0 <= 30 && g_ascii_isalnum (*n0) &&
          (memchr (n0, '/', n1 - n0) != NULL || memchr (n0, '-', n1 - n0) != NULL ? digits > 0 : digits >= 3))
        {
          g_free (token);
          token = g_strndup (p, n1 - p);
          len = strlen (token);
        }
    }

  /* Trailing punctuation and brackets. */
  while (len > 0 && strchr (".,;:)]", token[len - 1]) != NULL)
    token[--len] = '\0';
  while (token[0] == '(' || token[0] == '[')
    memmove (token, token + 1, len--);
  if (len == 0 || !_mj_invoice_has_digit (token))
    return FALSE;
  /* A date, a time or a money amount is not an invoice number. */
  {
    g_autofree char *matched = NULL;

    if (mj_invoice_date_scan (token, ctx->order, NULL, &matched) && strlen (matched) >= len - 1)
      return FALSE;
  }
  if (g_regex_match_simple ("^\\d{1,2}:\\d{2}(?::\\d{2})?$", token, 0, 0))
    return FALSE;
  if (is_money_shape (token))
    return FALSE;   /* 1.080,00 / 80,00: money */
  {
    g_autofree char *matched = NULL;
    const char *iso = NULL;
    double amount;

    /* "2026.17" may well be an invoice number; "1.234,56 €" is not. */
    if (mj_invoice_amount_scan (token, &amount, &iso, &matched, NULL) && strlen (matched) == len &&
        (iso != NULL || !g_ascii_isdigit (token[0])))
      return FALSE;
  }
  if (strchr (token, '@') != NULL || g_str_has_prefix (token, "http") || g_str_has_prefix (token, "www."))
    return FALSE;
  nv->number = g_steal_pointer (&token);
  return TRUE;
}

typedef struct {
  char *iso;
  char *matched;
} DateValue;

static gboolean
parse_date_value (const Context *ctx,
                  const char    *text,
                  gpointer       out)
{
  DateValue *dv = out;

  return mj_invoice_date_scan (text, ctx->order, &dv->iso, &dv->matched);
}

typedef struct {
  double amount;
  const char *currency;   /* ISO code, ambiguous symbol or NULL (static) */
  char *matched;
} AmountValue;

static gboolean
parse_amount_value (const Context *ctx,
                    const char    *text,
                    gpointer       out)
{
  AmountValue *av = out;
  g_autofree char *date = NULL;

  if (!mj_invoice_amount_scan (text, &av->amount, &av->currency, &av->matched, NULL))
    return FALSE;
  /* "12.03.2026" is a date, not 12.03. */
  if (mj_invoice_date_scan (text, MJ_INVOICE_DATE_DMY_FIRST, NULL, &date) && strstr (date, av->matched) != NULL)
    {
      g_clear_pointer (&av->matched, g_free);
      return FALSE;
    }
  if (av->amount < 0)
    av->amount = -av->amount;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The search */

typedef struct {
  int tier;
  CandKind kind;
  guint line;
  gpointer value;       /* NumberValue / DateValue / AmountValue */
} Found;

typedef struct {
  MjInvoiceField field;
  ValueParser parse;
  gsize value_size;
  /* Called to decide whether @b is better than @a. */
  gboolean (*better) (const Found *a, const Found *b);
  GDestroyNotify free_value;
} FieldSpec;

static gboolean
try_value (const FieldSpec *spec,
           const Context   *ctx,
           const char      *text,
           int              tier,
           CandKind         kind,
           guint            line,
           Found          **best)
{
  gpointer value = g_malloc0 (spec->value_size);
  Found cand = { tier, kind, line, value };

  if (!spec->parse (ctx, text, value))
    {
      spec->free_value (value);
      return FALSE;
    }
  if (*best == NULL || spec->better (*best, &cand))
    {
      if (*best != NULL)
        spec->free_value ((*best)->value);
      else
        *best = g_new0 (Found, 1);
      **best = cand;
    }
  else
    spec->free_value (value);
  return TRUE;
}

static gboolean
cell_is_label (const MjInvoiceCell *cell)
{
  for (int f = 0; f < MJ_INVOICE_N_FIELDS; f++)
    if (g_regex_match (vocab[f].any_label, cell->text, 0, NULL))
      return TRUE;
  return FALSE;
}

/* The next cells of a line after a total's label: amounts may sit after a
 * quantity or a currency column, and a row of several amounts
 * ("Total   1.000,00   210,00   1.210,00") ends with the grand total. */
static gboolean
try_total_cells (const FieldSpec  *spec,
                 const Context    *ctx,
                 MjInvoiceLine    *line,
                 guint             ci,
                 int               tier,
                 guint             li,
                 Found           **best)
{
  gboolean found = FALSE;
  guint skipped = 0;

  for (guint nc = ci + 1; nc < line->cells->len && nc <= ci + 5; nc++)
    {
      MjInvoiceCell *next = g_ptr_array_index (line->cells, nc);
      gboolean ok;

      if (!found && nc > ci + 1 && cell_is_label (next))
        break;
      ok = try_value (spec, ctx, next->text, tier, CAND_NEXT_CELL, li, best);
      if (!ok && !found && strlen (next->text) <= 4 && !_mj_invoice_has_digit (next->text) && nc + 1 < line->cells->len)
        {
          /* A currency code alone in its column: "EUR   1.234,56". */
          MjInvoiceCell *after = g_ptr_array_index (line->cells, nc + 1);
          g_autofree char *joined = g_strconcat (next->text, " ", after->text, NULL);

          ok = try_value (spec, ctx, joined, tier, CAND_NEXT_CELL, li, best);
          if (ok)
            nc++;
        }
      if (ok)
        found = TRUE;
      else if (found)
        break;
      else if (++skipped > 2)
        break;
    }
  return found;
}

/* A header label printed on two lines ("Invoice" over "Number", "Due"
 * over "Date"), in a header band without digits: the cell right above. */
static const MjInvoiceCell *
stacked_above (GPtrArray           *lines,
               guint                li,
               const MjInvoiceCell *cell)
{
  MjInvoiceLine *line = g_ptr_array_index (lines, li);
  MjInvoiceLine *prev;

  if (li == 0 || line->has_digits)
    return NULL;
  prev = g_ptr_array_index (lines, li - 1);
  if (prev->has_digits)
    return NULL;
  for (guint i = 0; i < prev->cells->len; i++)
    {
      const MjInvoiceCell *pc = g_ptr_array_index (prev->cells, i);
      int c_mid = cell->col0 + cell->col1, p_mid = pc->col0 + pc->col1;
      gsize plen = strlen (pc->text);

      if (!_mj_invoice_cells_overlap (cell, pc))
        continue;
      if ((ABS (pc->col0 - cell->col0) <= 2 || ABS (p_mid - c_mid) <= 4) && plen <= 40 &&
          pc->text[plen - 1] != ':')
        return pc;
    }
  return NULL;
}

static void
find_field (const FieldSpec *spec,
            const Context   *ctx,
            GPtrArray       *lines,
            Found          **best)
{
  const FieldVocabulary *v = &vocab[spec->field];

  for (guint li = 0; li < lines->len; li++)
    {
      MjInvoiceLine *line = g_ptr_array_index (lines, li);

      for (guint ci = 0; ci < line->cells->len; ci++)
        {
          MjInvoiceCell *cell = g_ptr_array_index (line->cells, ci);
          const MjInvoiceCell *above = stacked_above (lines, li, cell);
          g_autofree char *stacked = above != NULL ? g_strconcat (above->text, " ", cell->text, NULL) : NULL;
          gint offset = above != NULL ? (gint) strlen (above->text) + 1 : 0;
          /* The cell as read, with its stacked header word in front. */
          const char *full = stacked != NULL ? stacked : cell->text;

          if (!g_regex_match (v->any_label, full, 0, NULL))
            continue;
          for (guint k = 0; k < v->n_labels; k++)
            {
              const CompiledLabel *label = &v->labels[k];
              g_autoptr(GMatchInfo) mi = NULL;
              gint s = -1, e = -1;
              gboolean found = FALSE;

              if (*best != NULL && (*best)->tier < label->tier)
                continue;
              /* The whole stacked label ("Invoice Number"), or a label in
               * the cell itself. */
              if (stacked != NULL && g_regex_match (label->regex, stacked, 0, &mi))
                {
                  g_match_info_fetch_pos (mi, 0, &s, &e);
                  if (s != 0 || e <= offset || !g_regex_match_simple ("^[\\s:#.]*$", stacked + e, 0, 0))
                    s = -1;
                }
              g_clear_pointer (&mi, g_match_info_free);
              if (s < 0)
                {
                  if (!g_regex_match (label->regex, cell->text, 0, &mi))
                    continue;
                  g_match_info_fetch_pos (mi, 0, &s, &e);
                  s += offset;
                  e += offset;
                }
              if (v->exclude != NULL)
                {
                  /* The invoice number: only the words before the label
                   * count ("Order No." is not "Invoice No. (order 5)").
                   * A specific date label: likewise. */
                  gboolean before_only = spec->field == MJ_INVOICE_FIELD_NUMBER ||
                                         (spec->field == MJ_INVOICE_FIELD_DATE && label->tier == 0);
                  g_autofree char *head = before_only ? g_strndup (full, s) : NULL;

                  if (g_regex_match (v->exclude, before_only ? head : full, 0, NULL))
                    continue;
                }
              /* From here on, positions are in the cell itself. */
              e -= offset;

              /* 1. The rest of the cell. */
              if (cell->text[e] != '\0')
                found = try_value (spec, ctx, cell->text + e, label->tier, CAND_SAME_CELL, li, best);
              /* 2. The next cells on the line. */
              if (!found && spec->field == MJ_INVOICE_FIELD_TOTAL)
                found = try_total_cells (spec, ctx, line, ci, label->tier, li, best);
              for (guint nc = ci + 1; !found && spec->field != MJ_INVOICE_FIELD_TOTAL && nc < line->cells->len && nc <= ci + 2; nc++)
                {
                  MjInvoiceCell *next = g_ptr_array_index (line->cells, nc);
                  g_autofree char *joined = NULL;

                  if (nc == ci + 2)
                    {
                      MjInvoiceCell *mid = g_ptr_array_index (line->cells, ci + 1);

                      if (strlen (mid->text) > 4)
                        break;
                      joined = g_strconcat (mid->text, " ", next->text, NULL);
                    }
                  found = try_value (spec, ctx, joined != NULL ? joined : next->text,
                                     label->tier, CAND_NEXT_CELL, li, best);
                  /* Stop at a cell that is another label (has no digit). */
                  if (!found && nc == ci + 1 && (_mj_invoice_has_digit (next->text) || strlen (next->text) > 4))
                    break;
                }
              /* 3. The first lines below, in the same column. */
              for (guint nl = li + 1, seen = 0; !found && nl < lines->len && seen < 2; nl++)
                {
                  MjInvoiceLine *below = g_ptr_array_index (lines, nl);

                  if (below->cells->len == 0)
                    continue;
                  seen++;
                  for (guint bc = 0; bc < below->cells->len; bc++)
                    {
                      MjInvoiceCell *bcell = g_ptr_array_index (below->cells, bc);

                      if (!_mj_invoice_cells_overlap (cell, bcell))
                        continue;
                      found = try_value (spec, ctx, bcell->text, label->tier, CAND_BELOW, li, best);
                      if (found)
                        break;
                    }
                }
              if (found)
                break;
            }
        }
    }
}

static gboolean
number_better (const Found *a,
               const Found *b)
{
  if (b->tier != a->tier)
    return b->tier < a->tier;
  if (b->kind != a->kind)
    return b->kind < a->kind;
  return b->line < a->line;
}

static gboolean
total_better (const Found *a,
              const Found *b)
{
  const AmountValue *va = a->value, *vb = b->value;

  if (b->tier != a->tier)
    return b->tier < a->tier;
  if ((b->kind == CAND_BELOW) != (a->kind == CAND_BELOW))
    return a->kind == CAND_BELOW;
  if (vb->amount != va->amount)
    return vb->amount > va->amount;
  return FALSE;
}

static void
free_number_value (gpointer data)
{
  NumberValue *v = data;

  g_free (v->number);
  g_free (v);
}

static void
free_date_value (gpointer data)
{
  DateValue *v = data;

  g_free (v->iso);
  g_free (v->matched);
  g_free (v);
}

static void
free_amount_value (gpointer data)
{
  AmountValue *v = data;

  g_free (v->matched);
  g_free (v);
}

static void
found_free (Found          *found,
            GDestroyNotify  free_value)
{
  if (found == NULL)
    return;
  free_value (found->value);
  g_free (found);
}

/* Argentina (AFIP/ARCA): the number is the point of sale and the voucher
 * number, printed apart ("Punto de Venta: 0001   Comp. Nro: 00001234") and
 * quoted together ("0001-00001234"). */
static char *
find_point_of_sale_number (GPtrArray *lines)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("(?:punto\\s+de\\s+venta|pto\\.?\\s*(?:de\\s+)?vta\\.?)\\s*:?\\s*(\\d{1,5})(?!\\d)"
                                         ".{0,40}?comp(?:robante)?\\.?\\s*(?:n[uú]mero|nro\\.?|n[o°]\\.?)\\s*:?\\s*(\\d{1,8})(?!\\d)",
                                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  for (guint i = 0; i < lines->len; i++)
    {
      MjInvoiceLine *l = g_ptr_array_index (lines, i);
      g_autoptr(GMatchInfo) mi = NULL;

      if (g_regex_match (re, l->text, 0, &mi))
        {
          g_autofree char *pv = g_match_info_fetch (mi, 1);
          g_autofree char *nr = g_match_info_fetch (mi, 2);

          return g_strdup_printf ("%s-%s", pv, nr);
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The document as a whole */

typedef struct {
  GHashTable *iso_counts;     /* ISO code → times printed */
  GHashTable *hint_votes;     /* ISO code → votes of the currency hints */
  gboolean english;
} DocFacts;

static void
add_count (GHashTable *counts,
           const char *iso,
           guint       n)
{
  g_hash_table_insert (counts, (gpointer) iso,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, iso)) + n));
}

/* The currencies the document states: next to an amount, after a
 * "Currency:" label, in brackets ("Amount (USD)") or after a total's name
 * ("Total DKK", "Amount due AUD"). A code alone in the text ("PEN",
 * "TRY", "RON") may be a word. */
static void
count_currencies (GPtrArray  *lines,
                  GHashTable *counts)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("(?:(?i:currency|moneda|divisa|w[äa]hrung|devise|valuta|moeda|m[ěe]na|waluta|"
                                         "valuutta|para\\s+birimi|total|due|amount|betrag|importe|montant|totale|totaal|"
                                         "summe|summa)\\s*:?\\s*|\\()([A-Z]{3})(?![A-Za-z])",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  for (guint i = 0; i < lines->len; i++)
    {
      MjInvoiceLine *l = g_ptr_array_index (lines, i);
      const char *p = l->text;
      g_autoptr(GMatchInfo) mi = NULL;
      double amount;
      const char *iso = NULL;
      const char *end = NULL;

      while (*p != '\0' && mj_invoice_amount_scan (p, &amount, &iso, NULL, &end))
        {
          if (iso != NULL && !mj_invoice_currency_is_ambiguous (iso))
            add_count (counts, iso, 1);
          p = end > p ? end : g_utf8_next_char (p);
        }
      g_regex_match (re, l->text, 0, &mi);
      while (g_match_info_matches (mi))
        {
          g_autofree char *code = g_match_info_fetch (mi, 1);
          gsize len = 0;
          const char *known = mj_invoice_currency_match_code (code, &len);

          if (known != NULL)
            add_count (counts, known, 1);
          g_match_info_next (mi, NULL);
        }
    }
}

static void
count_hints (const char *text,
             GHashTable *votes)
{
  static GRegex **compiled;

  if (g_once_init_enter (&compiled))
    {
      GRegex **c = g_new0 (GRegex *, _mj_invoice_n_currency_hints);

      for (guint i = 0; i < _mj_invoice_n_currency_hints; i++)
        {
          c[i] = g_regex_new (_mj_invoice_currency_hints[i].pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
          g_assert (c[i] != NULL);
        }
      g_once_init_leave (&compiled, c);
    }
  for (guint i = 0; i < _mj_invoice_n_currency_hints; i++)
    {
      g_autoptr(GMatchInfo) mi = NULL;
      guint n = 0;

      g_regex_match (compiled[i], text, 0, &mi);
      while (g_match_info_matches (mi) && n < 100)
        {
          n++;
          g_match_info_next (mi, NULL);
        }
      if (n > 0)
        add_count (votes, _mj_invoice_currency_hints[i].iso, n);
    }
}

/* The entry of @table with the most counts among those @symbol may stand
 * for; NULL on a tie or when none. */
static const char *
best_of (GHashTable *table,
         const char *symbol)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  guint best_n = 0;
  gboolean tie = FALSE;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);

      if (!mj_invoice_currency_may_be (symbol, key))
        continue;
      if (n > best_n)
        {
          best = key;
          best_n = n;
          tie = FALSE;
        }
      else if (n == best_n)
        tie = TRUE;
    }
  return tie ? NULL : best;
}

/* The currency of an amount printed with @symbol (an ambiguous symbol or
 * NULL): the ISO codes the document prints, then its country. */
static const char *
resolve_currency (const DocFacts *facts,
                  const char     *symbol)
{
  const char *iso = best_of (facts->iso_counts, symbol);

  if (iso == NULL)
    iso = best_of (facts->hint_votes, symbol);
  if (iso == NULL && g_strcmp0 (symbol, "$") == 0 && facts->english)
    iso = "USD";
  if (iso == NULL && g_strcmp0 (symbol, "¥") == 0)
    iso = "JPY";
  return iso;
}

/**
 * mj_invoice_fields_extract:
 * @text: the invoice's text, layout preserved when possible
 *
 * Returns: (transfer full): the fields found (each may be missing)
 */
MjInvoiceFields *
mj_invoice_fields_extract (const char *text)
{
  MjInvoiceFields *fields = g_new0 (MjInvoiceFields, 1);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _mj_invoice_line_free);
  g_auto(GStrv) raw_lines = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *norm_all = NULL;
  g_autoptr(GHashTable) iso_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hint_votes = g_hash_table_new (g_str_hash, g_str_equal);
  DocFacts facts = { iso_counts, hint_votes, FALSE };
  Context ctx = { MJ_INVOICE_DATE_DMY_FIRST };
  Found *number = NULL, *date = NULL, *total = NULL;
  FieldSpec number_spec = { MJ_INVOICE_FIELD_NUMBER, parse_number_value, sizeof (NumberValue),
                            number_better, free_number_value };
  FieldSpec date_spec = { MJ_INVOICE_FIELD_DATE, parse_date_value, sizeof (DateValue),
                          number_better, free_date_value };
  FieldSpec total_spec = { MJ_INVOICE_FIELD_TOTAL, parse_amount_value, sizeof (AmountValue),
                           total_better, free_amount_value };
  g_autofree char *point_of_sale_number = NULL;
  gboolean us_dollars;

  g_return_val_if_fail (text != NULL, fields);

  init_labels ();

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  raw_lines = g_strsplit_set (text, "\n\f", -1);
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; raw_lines[i] != NULL; i++)
      {
        MjInvoiceLine *l = _mj_invoice_line_new (raw_lines[i]);

        g_ptr_array_add (lines, l);
        g_string_append (joined, l->text);
        g_string_append_c (joined, '\n');
      }
    norm_all = g_string_free (joined, FALSE);
  }

  fields->emails = _mj_invoice_find_emails (norm_all, lines);

  count_currencies (lines, iso_counts);
  count_hints (norm_all, hint_votes);
  facts.english = g_regex_match (re_english, norm_all, 0, NULL);
  us_dollars = facts.english && g_strcmp0 (resolve_currency (&facts, "$"), "USD") == 0 &&
               (strchr (norm_all, '$') != NULL || g_hash_table_contains (iso_counts, "USD"));
  ctx.order = mj_invoice_date_guess_order (norm_all, us_dollars);

  find_field (&number_spec, &ctx, lines, &number);
  find_field (&date_spec, &ctx, lines, &date);
  find_field (&total_spec, &ctx, lines, &total);

  point_of_sale_number = find_point_of_sale_number (lines);
  if (point_of_sale_number != NULL)
    fields->invoice_number = g_steal_pointer (&point_of_sale_number);
  else if (number != NULL)
    fields->invoice_number = g_strdup (((NumberValue *) number->value)->number);

  if (date != NULL)
    {
      fields->date = g_strdup (((DateValue *) date->value)->iso);
      fields->date_text = g_strdup (((DateValue *) date->value)->matched);
    }
  else
    {
      /* No label: the first date of the document that is not a due date. */
      for (guint i = 0; i < lines->len && fields->date == NULL; i++)
        {
          MjInvoiceLine *l = g_ptr_array_index (lines, i);

          if (g_regex_match (vocab[MJ_INVOICE_FIELD_DATE].exclude, l->text, 0, NULL))
            continue;
          mj_invoice_date_scan (l->text, ctx.order, &fields->date, &fields->date_text);
        }
    }

  if (total != NULL)
    {
      AmountValue *av = total->value;
      const char *iso = av->currency;

      fields->total = g_strdup (av->matched);
      fields->total_amount = av->amount;
      fields->has_total_amount = TRUE;
      if (iso == NULL || mj_invoice_currency_is_ambiguous (iso))
        iso = resolve_currency (&facts, iso);
      fields->currency = g_strdup (iso);
    }

  found_free (number, free_number_value);
  found_free (date, free_date_value);
  found_free (total, free_amount_value);
  return fields;
}

void
mj_invoice_fields_free (MjInvoiceFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->invoice_number);
  g_free (fields->date);
  g_free (fields->date_text);
  g_free (fields->total);
  g_free (fields->currency);
  g_strfreev (fields->emails);
  g_free (fields);
}
