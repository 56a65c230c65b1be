#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mj-invoice-text.h"

/*
 * How the fields are found.
 *
 * The text is cut into lines and each line into cells: runs of text
 * separated by two or more spaces or a tab, with the column (in characters)
 * where each cell starts and ends. That is the shape of `pdftotext -layout`
 * and of the layout text the inspector rebuilds from Poppler's glyph boxes,
 * so table columns survive.
 *
 * Labels are data: one table of regular expressions per field, grouped by
 * language (label_defs[] below), each with a tier (0 = the most specific,
 * "Total a pagar", "Invoice number"; 2 = a bare "Total", a document title
 * "FACTURA"). Another table lists what a cell names instead of the field
 * ("Fecha de vencimiento", "Subtotal", "Nº de pedido").
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
 * (tax identifiers such as RFC, CUIT, R.U.T., NIT, ABN; see
 * currency_hints[]). Numeric dates are read day first unless the document
 * itself proves month first (11/23/2026) or is an English invoice in US
 * dollars.
 */

typedef struct {
  char *text;
  int   col0;
  int   col1;
} Cell;

typedef struct {
  GPtrArray *cells;
  char      *text;
  gboolean   has_digits;
} Line;

typedef enum {
  CAND_SAME_CELL = 0,
  CAND_NEXT_CELL = 1,
  CAND_BELOW = 2,
} CandKind;

typedef enum {
  FIELD_NUMBER,
  FIELD_DATE,
  FIELD_TOTAL,
  N_FIELDS
} FieldKind;

static void
cell_free (Cell *cell)
{
  g_free (cell->text);
  g_free (cell);
}

static void
line_free (Line *line)
{
  g_ptr_array_unref (line->cells);
  g_free (line->text);
  g_free (line);
}

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0x2009 ||
         c == 0x3000 || c == '\r' || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static void
add_cell (Line    *line,
          GString *cur,
          int      start)
{
  Cell *cell = g_new0 (Cell, 1);

  cell->text = g_strdup (cur->str);
  cell->col0 = start;
  cell->col1 = start + (int) g_utf8_strlen (cell->text, -1);
  g_ptr_array_add (line->cells, cell);
}

/* Normalize (NFKC: "ﬁ" → "fi", "º" → "o", "№" → "No", no-break spaces →
 * spaces, full-width forms → ASCII) and split a line into cells. */
static Line *
line_new (const char *raw)
{
  Line *line = g_new0 (Line, 1);
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
      if (is_space_char (c))
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
  line->has_digits = strpbrk (line->text, "0123456789") != NULL;
  return line;
}

/* ------------------------------------------------------------------------ */
/* Currencies */

typedef struct {
  const char *token;   /* as written, case included ("FT 2026/1" is no forint) */
  const char *iso;     /* ISO 4217, or an ambiguous symbol: "$", "kr", "¥" */
} CurrencyToken;

/* Longest first where one is a prefix of another. */
static const CurrencyToken currency_tokens[] = {
  { "US$", "USD" }, { "U$S", "USD" }, { "USD$", "USD" }, { "CA$", "CAD" }, { "C$", "CAD" },
  { "AU$", "AUD" }, { "A$", "AUD" }, { "NZ$", "NZD" }, { "HK$", "HKD" }, { "S$", "SGD" },
  { "NT$", "TWD" }, { "MX$", "MXN" }, { "RD$", "DOP" }, { "R$", "BRL" }, { "CN¥", "CNY" },
  { "S/.", "PEN" }, { "S/", "PEN" }, { "€", "EUR" }, { "£", "GBP" }, { "₹", "INR" },
  { "₽", "RUB" }, { "₺", "TRY" }, { "₩", "KRW" }, { "₪", "ILS" }, { "₫", "VND" },
  { "฿", "THB" }, { "₱", "PHP" }, { "₴", "UAH" }, { "₦", "NGN" }, { "₡", "CRC" },
  { "₲", "PYG" }, { "円", "JPY" }, { "元", "CNY" }, { "원", "KRW" }, { "руб.", "RUB" },
  { "руб", "RUB" }, { "грн", "UAH" }, { "лв", "BGN" }, { "zł", "PLN" }, { "Kč", "CZK" },
  { "Ft", "HUF" }, { "TL", "TRY" }, { "lei", "RON" }, { "Lei", "RON" }, { "LEI", "RON" },
  { "ZŁ", "PLN" }, { "Zł", "PLN" }, { "KČ", "CZK" }, { "Rs.", "INR" }, { "Rs", "INR" },
  { "RM", "MYR" }, { "Rp", "IDR" }, { "Fr.", "CHF" }, { "R", "ZAR" }, { "kr.", "kr" }, { "kr", "kr" }, { "Kr.", "kr" }, { "Kr", "kr" }, { "KR", "kr" },
  { "¥", "¥" }, { "$", "$" },
};

static const char * const iso_codes[] = {
  "EUR", "USD", "GBP", "CHF", "MXN", "ARS", "COP", "CLP", "PEN", "UYU", "BOB", "PYG",
  "VES", "GTQ", "CRC", "DOP", "HNL", "NIO", "PAB", "BRL", "CAD", "AUD", "NZD", "JPY",
  "CNY", "RMB", "INR", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN",
  "TRY", "ZAR", "MAD", "SGD", "HKD", "TWD", "RUB", "UAH", "ILS", "AED", "SAR", "QAR",
  "KWD", "BHD", "OMR", "EGP", "KRW", "IDR", "MYR", "THB", "VND", "PHP", "PKR", "BDT",
  "LKR", "NGN", "KES", "GHS", "TND", "RSD", "KZT", "GEL",
};

/* The currencies a bare symbol may stand for. */
static const char * const dollar_family[] = {
  "USD", "MXN", "ARS", "CLP", "COP", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "UYU",
  "DOP",
};
static const char * const crown_family[] = { "SEK", "NOK", "DKK", "ISK" };
static const char * const yen_family[] = { "JPY", "CNY" };

static gboolean
is_ambiguous_symbol (const char *iso)
{
  return iso != NULL && (strcmp (iso, "$") == 0 || strcmp (iso, "kr") == 0 || strcmp (iso, "¥") == 0);
}

static gboolean
symbol_may_be (const char *symbol,
               const char *iso)
{
  const char * const *family = NULL;
  guint n = 0;

  if (symbol == NULL || *symbol == '\0')
    return TRUE;
  if (strcmp (symbol, "$") == 0)
    family = dollar_family, n = G_N_ELEMENTS (dollar_family);
  else if (strcmp (symbol, "kr") == 0)
    family = crown_family, n = G_N_ELEMENTS (crown_family);
  else if (strcmp (symbol, "¥") == 0)
    family = yen_family, n = G_N_ELEMENTS (yen_family);
  for (guint i = 0; i < n; i++)
    if (strcmp (family[i], iso) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_letter_at (const char *p)
{
  return *p != '\0' && g_unichar_isalpha (g_utf8_get_char (p));
}

static gboolean
letter_before (const char *text,
               const char *p)
{
  return p > text && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (p)));
}

static const char *
match_iso_code (const char *p,
                gsize      *len)
{
  for (guint i = 0; i < G_N_ELEMENTS (iso_codes); i++)
    {
      if (strncmp (p, iso_codes[i], 3) == 0 && !is_letter_at (p + 3))
        {
          *len = 3;
          return strcmp (iso_codes[i], "RMB") == 0 ? "CNY" : iso_codes[i];
        }
    }
  if (g_ascii_strncasecmp (p, "EUROS", 5) == 0 && !is_letter_at (p + 5))
    {
      *len = 5;
      return "EUR";
    }
  if (g_ascii_strncasecmp (p, "EURO", 4) == 0 && !is_letter_at (p + 4))
    {
      *len = 4;
      return "EUR";
    }
  return NULL;
}

/* A currency symbol or code at @p (which must not follow a letter when it
 * starts with one); returns its ISO code or ambiguous symbol in @iso and
 * its length, or 0. */
static gsize
match_currency (const char  *text,
                const char  *p,
                const char **iso)
{
  gsize len = 0;
  const char *code;

  if (is_letter_at (p) && letter_before (text, p))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (currency_tokens); i++)
    {
      const char *tok = currency_tokens[i].token;
      gsize tl = strlen (tok);
      if (strncmp (p, tok, tl) != 0)
        continue;
      /* "Ft", "kr", "руб" end in a letter: the word must end there. */
      if (g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (p + tl))) && is_letter_at (p + tl))
        continue;
      *iso = currency_tokens[i].iso;
      return tl;
    }
  code = match_iso_code (p, &len);
  if (code != NULL)
    {
      *iso = code;
      return len;
    }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Amounts */

static gboolean
is_group_sep (gunichar c)
{
  return c == '.' || c == ',' || c == '\'' || c == 0x2019 || is_space_char (c);
}

/* Parse a number at @p (digits with group and decimal separators). Returns
 * the bytes used, 0 if none. The decimal separator is read from the shape:
 * "1.234,56", "1,234.56", "1 234,56", "1'234.50", "1,23,456.00"; a single
 * "." or "," followed by exactly three digits groups thousands. */
static gsize
parse_number (const char *p,
              double     *value,
              gboolean   *has_decimals)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *q = p;
  gunichar last_sep_char = 0;
  int seps_kinds = 0;
  gunichar first_sep_char = 0;
  int digits_after_last_sep = 0;
  int n_seps = 0;
  gboolean negative = FALSE;
  const char *end_ok = NULL;
  gboolean last_is_decimal = FALSE;
  g_autoptr(GString) clean = NULL;

  if (*q == '-' || g_utf8_get_char (q) == 0x2212)
    {
      negative = TRUE;
      q = g_utf8_next_char (q);
    }
  if (!g_ascii_isdigit (*q))
    return 0;
  while (*q != '\0')
    {
      gunichar c = g_utf8_get_char (q);

      if (g_ascii_isdigit (*q))
        {
          g_string_append_c (digits, *q);
          digits_after_last_sep++;
          q++;
          end_ok = q;
          if (digits->len > 40)
            break;
          continue;
        }
      if (is_group_sep (c))
        {
          const char *next = g_utf8_next_char (q);

          /* A separator must be followed by a digit; a space separator only
           * by exactly three digits (1 234,56), never by a lone year. */
          if (!g_ascii_isdigit (*next))
            break;
          if (is_space_char (c))
            {
              if (!(g_ascii_isdigit (next[0]) && g_ascii_isdigit (next[1]) && g_ascii_isdigit (next[2]) &&
                    !g_ascii_isdigit (next[3])))
                break;
              if (digits_after_last_sep > 3 || (last_sep_char != 0 && !is_space_char (last_sep_char)))
                break;
            }
          /* After a decimal-looking group ("1,5" then ".3"), stop. */
          if (n_seps > 0 && c == last_sep_char && digits_after_last_sep != 3 && digits_after_last_sep != 2)
            break;
          if (first_sep_char == 0)
            first_sep_char = c;
          if (c != last_sep_char)
            seps_kinds++;
          last_sep_char = c;
          n_seps++;
          digits_after_last_sep = 0;
          g_string_append_c (digits, '|');
          q = next;
          continue;
        }
      break;
    }
  if (end_ok == NULL)
    return 0;
  /* A trailing separator with nothing after it is not part of the number. */
  if (digits->len > 0 && digits->str[digits->len - 1] == '|')
    g_string_truncate (digits, digits->len - 1);

  if (n_seps > 0)
    {
      if ((last_sep_char == '.' || last_sep_char == ',') && digits_after_last_sep != 3)
        last_is_decimal = TRUE;
      else if ((last_sep_char == '.' || last_sep_char == ',') && seps_kinds > 1 &&
               first_sep_char != last_sep_char)
        last_is_decimal = TRUE;   /* 1,234.567 / 1 234,567: three decimals */
      if (last_is_decimal && digits_after_last_sep > 3)
        last_is_decimal = FALSE;
    }
  clean = g_string_new (negative ? "-" : "");
  for (const char *d = digits->str; *d != '\0'; d++)
    {
      if (*d == '|')
        {
          if (last_is_decimal && strchr (d + 1, '|') == NULL)
            g_string_append_c (clean, '.');
        }
      else
        g_string_append_c (clean, *d);
    }
  *value = g_ascii_strtod (clean->str, NULL);
  *has_decimals = last_is_decimal;
  return end_ok - p;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && is_space_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* The first money amount in @text; @iso gets an ISO code, an ambiguous
 * symbol ("$", "kr", "¥") or NULL. */
static gboolean
scan_amount (const char  *text,
             double      *amount,
             const char **iso_out,
             char       **matched,
             const char **end_out)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *start = p;
      const char *num_start;
      const char *iso = NULL;
      gsize cl;
      gsize nl;
      double value = 0;
      gboolean decimals = FALSE;
      const char *after;
      const char *s;

      /* Only start at a word boundary. */
      if (p != text)
        {
          const char *prev = g_utf8_prev_char (p);
          gunichar pc = g_utf8_get_char (prev);

          if (g_ascii_isdigit (*p) && (g_ascii_isdigit (*prev) || *prev == '.' || *prev == ',' ||
                                      *prev == '/' || *prev == '-' || *prev == '\'' ||
                                      g_unichar_isalpha (pc)))
            continue;
        }

      /* Currency before the number ("€1,234.56", "USD 2,500.00", "R$ 10"). */
      cl = match_currency (text, p, &iso);
      if (cl == 0 && !g_ascii_isdigit (*p) && *p != '-' && g_utf8_get_char (p) != 0x2212)
        continue;
      num_start = cl > 0 ? skip_spaces (p + cl) : p;
      nl = parse_number (num_start, &value, &decimals);
      if (nl == 0)
        continue;
      after = num_start + nl;
      s = skip_spaces (after);
      if (*s == '%' || g_str_has_prefix (s, "％"))
        {
          p = after - 1;
          continue;
        }
      /* "1/456", "00/100", "2026-27": a fraction or an identifier. */
      if ((*after == '/' || *after == '-') && g_ascii_isdigit (after[1]))
        {
          p = after - 1;
          continue;
        }
      /* A number glued to letters is an identifier ("12345678Z"). */
      if (g_ascii_isalpha (*after))
        {
          const char *tail_iso = NULL;

          if (match_currency (text, after, &tail_iso) == 0)
            {
              p = after - 1;
              continue;
            }
        }
      /* Currency after the number ("1.234,56 €", "$1,234.56 MXN"). */
      if (cl == 0 || is_ambiguous_symbol (iso))
        {
          const char *tail_iso = NULL;
          gsize tl = match_currency (text, s, &tail_iso);

          if (tl > 0 && (cl == 0 || !is_ambiguous_symbol (tail_iso)))
            {
              iso = tail_iso;
              after = s + tl;
              cl = cl > 0 ? cl : tl;
            }
        }
      if (cl == 0 && !decimals)
        {
          p = after - 1;
          continue;
        }

      *amount = value;
      *iso_out = iso;
      if (matched != NULL)
        *matched = g_strstrip (g_strndup (start, after - start));
      if (end_out != NULL)
        *end_out = after;
      return TRUE;
    }
  return FALSE;
}

/**
 * mj_invoice_parse_amount:
 * @text: text that holds an amount ("Total: 1.234,56 €")
 * @amount: (out): the value
 * @currency: (out) (optional) (nullable): ISO 4217 code, NULL when unknown
 *   (a bare "$", "kr" or "¥" says no more than that)
 * @matched: (out) (optional): the amount as written, currency included
 *
 * Finds the first money amount in @text: a number with a currency symbol or
 * code next to it, or with two decimals. A number followed by "%" is skipped.
 */
gboolean
mj_invoice_parse_amount (const char *text,
                         double     *amount,
                         char      **currency,
                         char      **matched)
{
  g_autofree char *valid = NULL;
  const char *iso = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Everything below walks UTF-8; never trust the caller's bytes. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  if (!scan_amount (text, amount, &iso, matched, NULL))
    return FALSE;
  if (iso != NULL && strcmp (iso, "¥") == 0)
    iso = "JPY";   /* CN¥ and 元 say yuan */
  if (currency != NULL)
    *currency = (iso != NULL && !is_ambiguous_symbol (iso)) ? g_strdup (iso) : NULL;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Dates */

typedef struct {
  const char *name;    /* lower case; accents are ignored when comparing */
  int month;
} MonthName;

static const MonthName month_names[] = {
  /* es */ { "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 }, { "mayo", 5 },
  { "junio", 6 }, { "julio", 7 }, { "agosto", 8 }, { "septiembre", 9 }, { "setiembre", 9 },
  { "octubre", 10 }, { "noviembre", 11 }, { "diciembre", 12 },
  /* en */ { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "may", 5 },
  { "june", 6 }, { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 },
  { "november", 11 }, { "december", 12 },
  /* fr */ { "janvier", 1 }, { "février", 2 }, { "mars", 3 }, { "avril", 4 }, { "mai", 5 },
  { "juin", 6 }, { "juillet", 7 }, { "août", 8 }, { "septembre", 9 }, { "octobre", 10 },
  { "novembre", 11 }, { "décembre", 12 },
  /* de */ { "januar", 1 }, { "jänner", 1 }, { "jaenner", 1 }, { "februar", 2 }, { "feber", 2 },
  { "märz", 3 }, { "maerz", 3 }, { "juni", 6 }, { "juli", 7 }, { "oktober", 10 },
  { "dezember", 12 },
  /* it */ { "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 }, { "maggio", 5 },
  { "giugno", 6 }, { "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 }, { "dicembre", 12 },
  /* pt */ { "janeiro", 1 }, { "fevereiro", 2 }, { "março", 3 }, { "maio", 5 }, { "junho", 6 },
  { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 }, { "novembro", 11 }, { "dezembro", 12 },
  /* nl */ { "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mei", 5 }, { "augustus", 8 },
  /* ca */ { "gener", 1 }, { "febrer", 2 }, { "març", 3 }, { "maig", 5 }, { "juny", 6 },
  { "juliol", 7 }, { "setembre", 9 }, { "desembre", 12 },
  /* sv, da, no, id */ { "augusti", 8 }, { "marts", 3 }, { "desember", 12 }, { "maret", 3 },
  { "agustus", 8 }, { "desember", 12 },
  /* fi */ { "tammikuuta", 1 }, { "helmikuuta", 2 }, { "maaliskuuta", 3 }, { "huhtikuuta", 4 },
  { "toukokuuta", 5 }, { "kesäkuuta", 6 }, { "heinäkuuta", 7 }, { "elokuuta", 8 },
  { "syyskuuta", 9 }, { "lokakuuta", 10 }, { "marraskuuta", 11 }, { "joulukuuta", 12 },
  /* pl */ { "stycznia", 1 }, { "lutego", 2 }, { "marca", 3 }, { "kwietnia", 4 }, { "maja", 5 },
  { "czerwca", 6 }, { "lipca", 7 }, { "sierpnia", 8 }, { "września", 9 }, { "października", 10 },
  { "listopada", 11 }, { "grudnia", 12 }, { "styczeń", 1 }, { "luty", 2 }, { "marzec", 3 },
  { "kwiecień", 4 }, { "czerwiec", 6 }, { "lipiec", 7 }, { "sierpień", 8 }, { "wrzesień", 9 },
  { "październik", 10 }, { "listopad", 11 }, { "grudzień", 12 },
  /* cs */ { "ledna", 1 }, { "února", 2 }, { "března", 3 }, { "dubna", 4 }, { "května", 5 },
  { "června", 6 }, { "července", 7 }, { "srpna", 8 }, { "září", 9 }, { "října", 10 },
  { "listopadu", 11 }, { "prosince", 12 }, { "leden", 1 }, { "únor", 2 }, { "březen", 3 },
  { "duben", 4 }, { "květen", 5 }, { "červen", 6 }, { "červenec", 7 }, { "srpen", 8 },
  { "říjen", 10 }, { "prosinec", 12 },
  /* sk */ { "januára", 1 }, { "februára", 2 }, { "apríla", 4 }, { "júna", 6 }, { "júla", 7 },
  { "augusta", 8 }, { "septembra", 9 }, { "októbra", 10 }, { "novembra", 11 }, { "decembra", 12 },
  /* ro */ { "ianuarie", 1 }, { "februarie", 2 }, { "martie", 3 }, { "aprilie", 4 }, { "iunie", 6 },
  { "iulie", 7 }, { "septembrie", 9 }, { "octombrie", 10 }, { "noiembrie", 11 }, { "decembrie", 12 },
  /* hu */ { "január", 1 }, { "február", 2 }, { "március", 3 }, { "április", 4 }, { "május", 5 },
  { "június", 6 }, { "július", 7 }, { "augusztus", 8 }, { "szeptember", 9 }, { "október", 10 },
  /* tr */ { "ocak", 1 }, { "şubat", 2 }, { "mart", 3 }, { "nisan", 4 }, { "mayıs", 5 },
  { "haziran", 6 }, { "temmuz", 7 }, { "ağustos", 8 }, { "eylül", 9 }, { "ekim", 10 },
  { "kasım", 11 }, { "aralık", 12 },
  /* el (genitive) */ { "ιανουαρίου", 1 }, { "φεβρουαρίου", 2 }, { "μαρτίου", 3 }, { "απριλίου", 4 },
  { "μαΐου", 5 }, { "ιουνίου", 6 }, { "ιουλίου", 7 }, { "αυγούστου", 8 }, { "σεπτεμβρίου", 9 },
  { "οκτωβρίου", 10 }, { "νοεμβρίου", 11 }, { "δεκεμβρίου", 12 },
  /* ru */ { "января", 1 }, { "февраля", 2 }, { "марта", 3 }, { "апреля", 4 }, { "мая", 5 },
  { "июня", 6 }, { "июля", 7 }, { "августа", 8 }, { "сентября", 9 }, { "октября", 10 },
  { "ноября", 11 }, { "декабря", 12 }, { "январь", 1 }, { "февраль", 2 }, { "март", 3 },
  { "апрель", 4 }, { "май", 5 }, { "июнь", 6 }, { "июль", 7 }, { "август", 8 },
  { "сентябрь", 9 }, { "октябрь", 10 }, { "ноябрь", 11 }, { "декабрь", 12 },
  /* uk */ { "січня", 1 }, { "лютого", 2 }, { "березня", 3 }, { "квітня", 4 }, { "травня", 5 },
  { "червня", 6 }, { "липня", 7 }, { "серпня", 8 }, { "вересня", 9 }, { "жовтня", 10 },
  { "листопада", 11 }, { "грудня", 12 },
  /* abbreviations */
  { "ene", 1 }, { "jan", 1 }, { "janv", 1 }, { "gen", 1 }, { "feb", 2 }, { "febr", 2 },
  { "fev", 2 }, { "févr", 2 }, { "mar", 3 }, { "mär", 3 }, { "mrz", 3 }, { "mrt", 3 },
  { "abr", 4 }, { "apr", 4 }, { "avr", 4 }, { "mag", 5 }, { "jun", 6 }, { "giu", 6 },
  { "jul", 7 }, { "juil", 7 }, { "lug", 7 }, { "ago", 8 }, { "aug", 8 }, { "sep", 9 },
  { "sept", 9 }, { "set", 9 }, { "oct", 10 }, { "okt", 10 }, { "ott", 10 }, { "out", 10 },
  { "nov", 11 }, { "dic", 12 }, { "dec", 12 }, { "déc", 12 }, { "dez", 12 }, { "des", 12 },
};

/* Lower case, accents and other marks dropped, "ı" → "i": "Jänner",
 * "JANNER" and "jaenner" meet, and so do "Νοεμβρίου" and "νοεμβριου". */
static char *
fold_word (const char *word)
{
  g_autofree char *nfd = g_utf8_normalize (word, -1, G_NORMALIZE_NFD);
  g_autofree char *lower = NULL;
  GString *out = g_string_new (NULL);

  if (nfd == NULL)
    return g_string_free (out, FALSE);
  lower = g_utf8_casefold (nfd, -1);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0131)
        c = 'i';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static int
lookup_month (const char *word)
{
  static GHashTable *table;
  g_autofree char *key = NULL;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
        g_hash_table_insert (t, fold_word (month_names[i].name), GINT_TO_POINTER (month_names[i].month));
      g_once_init_leave (&table, t);
    }
  if (strlen (word) > 64)
    return 0;
  key = fold_word (word);
  return GPOINTER_TO_INT (g_hash_table_lookup (table, key));
}

static GRegex *re_numeric_dmy;
static GRegex *re_iso;
static GRegex *re_cjk;
static GRegex *re_day_month_year;
static GRegex *re_day_month_short_year;
static GRegex *re_month_day_year;
static GRegex *re_year_month_day;

static void
init_date_regexes (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      re_iso = g_regex_new ("(?<![\\d./-])(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d])",
                            G_REGEX_OPTIMIZE, 0, NULL);
      re_numeric_dmy = g_regex_new ("(?<![\\d./-])(\\d{1,2})\\s?([-/.])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})(?![\\d]|[.,]\\d)",
                                    G_REGEX_OPTIMIZE, 0, NULL);
      re_cjk = g_regex_new ("(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})",
                            G_REGEX_OPTIMIZE, 0, NULL);
      re_day_month_year = g_regex_new ("(?<![\\d\\p{L}])(\\d{1,2})(?:st|nd|rd|th|er|o|\\.)?\\s*"
                                       "(?:of\\s+|de\\s+|d['’]\\s?|-|/)?"
                                       "(\\p{L}{3,14})\\.?,?\\s*(?:de\\s+|del\\s+|-|/)?(\\d{4})(?!\\d)",
                                       G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      re_day_month_short_year = g_regex_new ("(?<![\\d\\p{L}])(\\d{1,2})(?:[-/]|\\s)(\\p{L}{3,9})\\.?(?:[-/]|\\s')(\\d{2})(?![\\d])",
                                             G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      re_month_day_year = g_regex_new ("(?<!\\p{L})(\\p{L}{3,14})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
                                       G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      re_year_month_day = g_regex_new ("(?<![\\d.])(\\d{4})\\.?\\s+(\\p{L}{3,14})\\.?\\s+(\\d{1,2})\\.?(?!\\d)",
                                       G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

static int
expand_year (int y)
{
  if (y < 100)
    return 2000 + y;
  return y;
}

static gboolean
valid_date (int d,
            int m,
            int y)
{
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

typedef struct {
  gint start;
  int d, m, y;
  char *matched;
} DateHit;

static void
consider (DateHit    *best,
          gint        start,
          gint        end,
          const char *text,
          int         d,
          int         m,
          int         y)
{
  if (!valid_date (d, m, y))
    return;
  if (best->matched != NULL && best->start <= start)
    return;
  g_free (best->matched);
  best->start = start;
  best->d = d;
  best->m = m;
  best->y = y;
  best->matched = g_strndup (text + start, end - start);
}

typedef enum {
  ORDER_DMY_FIRST,    /* 05/11/2026 is 5 November */
  ORDER_MDY_FIRST,    /* 05/11/2026 is May 11 */
} DateOrder;

/* Runs @re over @text; for each match, @a, @b, @c are the groups of the
 * day, month and year (a month group may hold a name). */
static void
scan_dates (GRegex     *re,
            const char *text,
            int         gd,
            int         gm,
            int         gy,
            DateOrder   order,
            DateHit    *best)
{
  g_autoptr(GMatchInfo) mi = NULL;

  g_regex_match (re, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;
      g_autofree char *d = g_match_info_fetch (mi, gd);
      g_autofree char *m = g_match_info_fetch (mi, gm);
      g_autofree char *y = g_match_info_fetch (mi, gy);
      int id = atoi (d), iy = expand_year (atoi (y));
      int im = g_ascii_isdigit (m[0]) ? atoi (m) : lookup_month (m);

      g_match_info_fetch_pos (mi, 0, &s, &e);
      if (re == re_numeric_dmy && (im > 12 || (order == ORDER_MDY_FIRST && id <= 12)))
        {
          int t = id;

          id = im;
          im = t;
        }
      if (im > 0)
        consider (best, s, e, text, id, im, iy);
      g_match_info_next (mi, NULL);
    }
}

static gboolean
parse_date_full (const char *text,
                 DateOrder   order,
                 char      **iso,
                 char      **matched)
{
  DateHit best = { 0, 0, 0, 0, NULL };

  init_date_regexes ();

  scan_dates (re_iso, text, 3, 2, 1, order, &best);
  /* The numeric d/m/y groups: 1 = first number, 3 = second, 4 = year. */
  scan_dates (re_numeric_dmy, text, 1, 3, 4, order, &best);
  scan_dates (re_cjk, text, 3, 2, 1, order, &best);
  scan_dates (re_day_month_year, text, 1, 2, 3, order, &best);
  scan_dates (re_day_month_short_year, text, 1, 2, 3, order, &best);
  scan_dates (re_month_day_year, text, 2, 1, 3, order, &best);
  scan_dates (re_year_month_day, text, 3, 2, 1, order, &best);

  if (best.matched == NULL)
    return FALSE;
  if (iso != NULL)
    *iso = g_strdup_printf ("%04d-%02d-%02d", best.y, best.m, best.d);
  if (matched != NULL)
    *matched = g_strdup (best.matched);
  g_free (best.matched);
  return TRUE;
}

/**
 * mj_invoice_parse_date:
 * @text: text holding a date
 * @iso: (out) (optional): "YYYY-MM-DD"
 * @matched: (out) (optional): the date as written
 *
 * The first date in @text: d/m/Y, d-m-Y, d.m.Y (m/d/Y only when the day
 * cannot be the month), ISO, Y年M月D日, and written months (full or
 * abbreviated) in Spanish, English, French, German, Italian, Portuguese,
 * Dutch, Catalan, the Nordic languages, Finnish, Polish, Czech, Slovak,
 * Romanian, Hungarian, Turkish, Greek, Russian and Ukrainian.
 */
gboolean
mj_invoice_parse_date (const char *text,
                       char      **iso,
                       char      **matched)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  /* GRegex needs valid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return parse_date_full (text, ORDER_DMY_FIRST, iso, matched);
}

/* ------------------------------------------------------------------------ */
/* Label vocabularies */

typedef struct {
  FieldKind   field;
  int         tier;
  const char *lang;      /* ISO 639-1, or "*" for several */
  const char *pattern;   /* matched without case, on NFKC text */
} LabelDef;

/* "Nº" and "№" are "No" after NFKC; "N°" keeps the degree sign. */
#define NUM "(?:(?:number|nummer|numer|n[uú]mero|num[eé]ro|n[uú]m\\.?|nro\\.?|nr\\.?|n\\s?\\.?\\s?[o°]\\.?|no\\.?|n\\.|" \
  "č\\.|čís(?:lo)?\\.?|sz\\.|αρ\\.?|αριθμός)(?!\\p{L})|#)"

/* Names of the document itself. */
#define TITLE "(?:factura|fatura|facture|fattura|factuur|invoice|rechnung|faktura|faktur|lasku|sz[áa]mla|" \
  "τιμολόγιο|сч[её]т(?:-фактура)?|рахунок|boleta|nota\\s+fiscal|fatura-recibo|factura-recibo|請求書|发票|發票|" \
  "nota\\s+de\\s+cr[ée]dito|nota\\s+di\\s+credito|credit\\s+note|avoir|gutschrift|creditnota)"

/* Words that may stand between the title and "Nº": "Factura simplificada
 * Nº", "Factura A Nº", "Factura electrónica de venta No.", "Faktura VAT
 * nr", "Счет на оплату №". */
#define QUAL "(?:\\s*-?\\s*(?:simplificada|rectificativa|proforma|pro-forma|completa|original|fiscal|fiscală|" \
  "electr[oó]nica|eletr[oô]nica|ordinaria|de|del|venta|comercial|tax|commercial|sales|final|d'acompte|" \
  "rectificative|simplifi[ée]e|vat|recibo|на|оплату|[A-ECM])(?![\\p{L}\\d]))"

#define B "(?<!\\p{L})"
#define E "(?!\\p{L})"

static const LabelDef label_defs[] = {
  /* ---- invoice number ---- */
  { FIELD_NUMBER, 0, "*", B TITLE QUAL "{0,4}\\s*" NUM },
  { FIELD_NUMBER, 0, "*", B NUM "\\s*(?:de\\s+la\\s+|de\\s+|del\\s+|da\\s+|di\\s+|della\\s+|du\\s+)?" TITLE E },
  { FIELD_NUMBER, 0, "en", "invoice\\s*(?:id|ref\\.?|reference)" E "|inv\\.?\\s*(?:no\\.?|#|number)" },
  { FIELD_NUMBER, 0, "de", "rechnungs[\\s-]?(?:nummer|nr\\.?|no\\.?)|" B "re\\.?\\s?-?\\s?nr\\.?|beleg[\\s-]?(?:nummer|nr\\.?)" },
  { FIELD_NUMBER, 0, "nl", "factuur[\\s-]?(?:nummer|nr\\.?)" },
  { FIELD_NUMBER, 0, "sv", "faktura[\\s-]?(?:nummer|nr\\.?)" },
  { FIELD_NUMBER, 0, "fi", "laskun\\s+(?:numero|nro|nr\\.?)|laskunumero|lasku\\s*nro" },
  { FIELD_NUMBER, 0, "hu", "sz[áa]mla\\s*(?:sorsz[áa]ma|sz[áa]ma|sz[áa]m)" E "|" B "sorsz[áa]m" E },
  { FIELD_NUMBER, 0, "pl", "numer\\s+faktury" },
  { FIELD_NUMBER, 0, "cs", "(?:č[íi]slo|čís\\.)\\s+faktury|daňov[ýy]\\s+doklad\\s*(?:č\\.|číslo)" },
  { FIELD_NUMBER, 0, "ro", "num[ăa]r\\s+factur[ăa]|" B "seria\\s+[A-Z0-9]{1,8}\\s+(?:nr|num[ăa]r)\\.?" },
  { FIELD_NUMBER, 0, "tr", "fatura\\s+numaras[ıi]" },
  { FIELD_NUMBER, 0, "el", "αριθμός\\s+τιμολογίου|αρ\\.?\\s*τιμολογίου" },
  { FIELD_NUMBER, 0, "pt", "n[uú]mero\\s+da\\s+(?:nota|nfs-?e|nf-?e)|n[o°]\\.?\\s+da\\s+nota|" B "nf-?e\\s*n[o°]\\.?" },
  { FIELD_NUMBER, 0, "ja", "請求書番号|請求番号|インボイス番号" },
  { FIELD_NUMBER, 0, "zh", "发票号码|發票號碼|发票编号|發票編號" },
  { FIELD_NUMBER, 0, "ko", "(?:계산서|청구서|송장)\\s*번호" },
  { FIELD_NUMBER, 0, "id", "(?:nomor|no\\.?)\\s*(?:faktur|invoice)" },
  { FIELD_NUMBER, 0, "vi", "số\\s+hóa\\s+đơn" },
  { FIELD_NUMBER, 1, "*", B TITLE "\\s*:" },
  { FIELD_NUMBER, 1, "en", "bill\\s*(?:no\\.?|number|#)" E "|receipt\\s*(?:number|no\\.?|#)|document\\s*(?:no\\.?|number|#)|"
                           "credit\\s+note\\s*(?:no\\.?|number|#)" },
  { FIELD_NUMBER, 1, "es", B "folio(?!\\s+fiscal)" E "|" B "comp(?:robante)?\\.?\\s*" NUM "|" B "recibo\\s*" NUM },
  { FIELD_NUMBER, 1, "it", "numero\\s+documento|n\\.\\s+documento" },
  { FIELD_NUMBER, 1, "ja", "伝票番号" },
  { FIELD_NUMBER, 2, "*", B TITLE E QUAL "{0,4}" },
  { FIELD_NUMBER, 3, "*", "^(?:n[o°]\\.?|n[uú]mero|number|nummer|nr\\.?|ref\\.?|referencia|reference|r[ée]f[ée]rence|"
                          "αριθμός|番号)\\s*:" },
  /* A header cell of its own, the value under it ("NÚMERO   FECHA"). */
  { FIELD_NUMBER, 3, "*", "^(?:n[uú]mero|number|nummer|num[ée]ro|αριθμός|番号)$" },

  /* ---- issue date ---- */
  { FIELD_DATE, 0, "es", "fecha\\s+(?:de\\s+)?(?:la\\s+)?(?:factura|emisi[oó]n|expedici[oó]n|documento)|"
                         "fecha\\s+y\\s+hora\\s+de\\s+emisi[oó]n" },
  { FIELD_DATE, 0, "en", "invoice\\s+date|date\\s+of\\s+(?:issue|invoice)|issue\\s+date|date\\s+issued|issued\\s+on|"
                         "billing\\s+date|bill\\s+date|tax\\s+point|invoice\\s+dated" },
  { FIELD_DATE, 0, "fr", "date\\s+(?:de\\s+)?(?:la\\s+)?(?:facture|facturation|d['’]?\\s?[ée]mission)" },
  { FIELD_DATE, 0, "de", "rechnungs-?datum|belegdatum|ausstellungsdatum" },
  { FIELD_DATE, 0, "it", "data\\s+(?:della\\s+)?fattura|data\\s+(?:del\\s+)?documento|data\\s+(?:di\\s+)?emissione" },
  { FIELD_DATE, 0, "pt", "data\\s+(?:da\\s+)?(?:fatura|emiss[aã]o)|data\\s+de\\s+emiss[aã]o|data\\s+e\\s+hora\\s+d[ae]\\s+emiss[aã]o" },
  { FIELD_DATE, 0, "nl", "factuurdatum" },
  { FIELD_DATE, 0, "ca", "data\\s+(?:de\\s+)?(?:la\\s+)?factura|data\\s+d['’]emissi[oó]" },
  { FIELD_DATE, 0, "pl", "data\\s+wystawienia" },
  { FIELD_DATE, 0, "cs", "datum\\s+vystaven[ií]|d[áa]tum\\s+vyhotovenia|d[áa]tum\\s+vystavenia" },
  { FIELD_DATE, 0, "sv", "fakturadatum|fakturadato" },
  { FIELD_DATE, 0, "fi", "laskun\\s+p[äa]iv[äa]m[äa][äa]r[äa]|laskutusp[äa]iv[äa]|p[äa]iv[äa]ys" },
  { FIELD_DATE, 0, "ro", "data\\s+(?:emiterii|emitere|facturii)" },
  { FIELD_DATE, 0, "hu", B "(?:sz[áa]mla\\s+)?kelte" E "|ki[áa]ll[íi]t[áa]s\\s+d[áa]tuma" },
  { FIELD_DATE, 0, "tr", "fatura\\s+tarihi|d[üu]zenleme\\s+tarihi" },
  { FIELD_DATE, 0, "el", "ημερομηνία\\s+έκδοσης" },
  { FIELD_DATE, 0, "ru", "дата\\s+(?:выставления|документа|сч[её]та)" },
  { FIELD_DATE, 0, "ja", "請求日|発行日|請求書発行日" },
  { FIELD_DATE, 0, "zh", "开票日期|開票日期" },
  { FIELD_DATE, 0, "ko", "발행일|작성일자|청구일" },
  { FIELD_DATE, 0, "id", "tanggal\\s+(?:faktur|invoice)" },
  { FIELD_DATE, 1, "*", B "(?:fecha|date|datum|data|dated|dato|p[äa]iv[äa]m[äa][äa]r[äa]|pvm|tarih|ημερομηνία|дата|"
                        "日付|日期|tanggal|d[áa]tum)" E },

  /* ---- amount to pay ---- */
  { FIELD_TOTAL, 0, "es", "total\\s+a\\s+(?:pagar|abonar|cobrar)|importe\\s+a\\s+(?:pagar|abonar)|" B "a\\s+pagar|"
                          "neto\\s+a\\s+pagar|l[ií]quido\\s+a\\s+pagar|total\\s+a\\s+liquidar|saldo\\s+a\\s+pagar|total\\s+pendiente" },
  { FIELD_TOTAL, 0, "en", "total\\s+due|amount\\s+due|balance\\s+due|amount\\s+payable|total\\s+payable|total\\s+to\\s+pay|"
                          "amount\\s+to\\s+pay|please\\s+pay|pay\\s+this\\s+amount|balance\\s+payable|amount\\s+owing|total\\s+owing" },
  { FIELD_TOTAL, 0, "fr", "net\\s+[àa]\\s+payer|reste\\s+[àa]\\s+payer|montant\\s+d[uû]|" B "[àa]\\s+payer|solde\\s+d[uû]" },
  { FIELD_TOTAL, 0, "de", "zu\\s+zahlen|zahlbetrag|endbetrag|offener\\s+betrag" },
  { FIELD_TOTAL, 0, "it", "totale\\s+da\\s+pagare|netto\\s+a\\s+pagare|importo\\s+da\\s+pagare|saldo\\s+da\\s+pagare" },
  { FIELD_TOTAL, 0, "pt", "total\\s+a\\s+pagar|valor\\s+a\\s+pagar" },
  { FIELD_TOTAL, 0, "nl", "te\\s+betalen|openstaand\\s+bedrag" },
  { FIELD_TOTAL, 0, "pl", "do\\s+zap[łl]aty" },
  { FIELD_TOTAL, 0, "cs", "k\\s+[úu]hrad[ěe]|k\\s+zaplacen[íi]|na\\s+[úu]hradu" },
  { FIELD_TOTAL, 0, "sv", "att\\s+betala|" B "at\\s+betale|" B "å\\s+betale" },
  { FIELD_TOTAL, 0, "fi", "maksettava" },
  { FIELD_TOTAL, 0, "ro", "total\\s+de\\s+plat[ăa]|" B "de\\s+plat[ăa]" },
  { FIELD_TOTAL, 0, "hu", "fizetend[őo]" },
  { FIELD_TOTAL, 0, "tr", "[öo]denecek\\s+(?:tutar|toplam)" },
  { FIELD_TOTAL, 0, "el", "πληρωτέο|σύνολο\\s+πληρωμής" },
  { FIELD_TOTAL, 0, "ru", B "к\\s+оплате|" B "до\\s+сплати" },
  { FIELD_TOTAL, 0, "ja", "ご請求金額|請求金額|お支払金額|お支払い金額|ご請求額|税込合計" },
  { FIELD_TOTAL, 0, "zh", "价税合计|價稅合計|应付金额|應付金額" },
  { FIELD_TOTAL, 0, "ko", "청구\\s*금액" },
  { FIELD_TOTAL, 0, "id", "total\\s+tagihan|jumlah\\s+(?:yang\\s+harus\\s+)?dibayar|total\\s+bayar" },
  { FIELD_TOTAL, 1, "es", "total\\s+(?:de\\s+(?:la\\s+)?)?factura|importe\\s+total|total\\s+importe|total\\s+general|"
                          "total\\s+con\\s+iva|total\\s*\\(?iva\\s+incl|monto\\s+total|valor\\s+total|total\\s+comprobante" },
  { FIELD_TOTAL, 1, "en", "grand\\s+total|invoice\\s+total|total\\s+amount|total\\s+incl|total\\s+inc\\.?\\s+(?:vat|gst|tax)|"
                          "total\\s+\\(?incl|total\\s*\\(?(?:eur|usd|gbp|chf|cad|aud|nzd|mxn|inr|sgd)\\)?" E },
  { FIELD_TOTAL, 1, "fr", "total\\s+ttc|montant\\s+(?:total|ttc)|total\\s+tvac|total\\s+g[ée]n[ée]ral" },
  { FIELD_TOTAL, 1, "de", "gesamtbetrag|rechnungsbetrag|gesamtsumme|endsumme|bruttobetrag|summe\\s+brutto|brutto\\s*summe|"
                          "rechnungssumme|gesamt\\s+brutto" },
  { FIELD_TOTAL, 1, "it", "totale\\s+(?:fattura|documento|complessivo|generale)|importo\\s+totale" },
  { FIELD_TOTAL, 1, "pt", "total\\s+da\\s+fatura|total\\s+geral|valor\\s+l[ií]quido" },
  { FIELD_TOTAL, 1, "nl", "totaalbedrag|totaal\\s+incl|totaal\\s+bedrag" },
  { FIELD_TOTAL, 1, "ca", "import\\s+total" },
  { FIELD_TOTAL, 1, "pl", "razem\\s+brutto|warto[śs][ćc]\\s+brutto|kwota\\s+brutto|og[óo][łl]em" },
  { FIELD_TOTAL, 1, "cs", "celkem\\s+(?:s\\s+dph|v[čc]etn[ěe])|celkov[áa]\\s+[čc][áa]stka" },
  { FIELD_TOTAL, 1, "sv", "totalt?\\s+inkl|summa\\s+inkl|totalbelopp|totalbel[øo]b|totalbel[øo]p" },
  { FIELD_TOTAL, 1, "fi", "loppusumma|yhteens[äa]\\s+(?:sis|alv)" },
  { FIELD_TOTAL, 1, "hu", "brutt[óo]\\s+(?:[öo]sszesen|v[ée]g[öo]sszeg)|v[ée]g[öo]sszeg" },
  { FIELD_TOTAL, 1, "tr", "genel\\s+toplam" },
  { FIELD_TOTAL, 1, "el", "γενικό\\s+σύνολο|συνολική\\s+αξία|συνολικό\\s+ποσό" },
  { FIELD_TOTAL, 1, "ru", "(?:итого|всего|сумма)\\s+с\\s+ндс" },
  { FIELD_TOTAL, 1, "ja", "合計金額|総額|税込金額" },
  { FIELD_TOTAL, 1, "zh", "总计|總計|合计金额|含税总额" },
  { FIELD_TOTAL, 1, "ko", "총액|총\\s*합계" },
  { FIELD_TOTAL, 2, "*", B "(?:total|totale|totaal|totalt|summe|summa|suma|sum|razem|celkem|celkom|spolu|yhteens[äa]|"
                         "[öo]sszesen|toplam|σύνολο|итого|всего|jumlah|i\\s+alt)" E "|合計|合计|합계" },
  { FIELD_TOTAL, 3, "en", "amount\\s+paid|paid\\s+amount" },
};

/* What a cell names instead of the field. For the issue date and the
 * total, the whole cell is checked (a specific date label before the
 * value is let through, "Fecha de la factura/Fecha de la entrega"); for
 * the invoice number, the words before the label ("E-Way Bill No.",
 * "Customer invoice"). */
typedef struct {
  FieldKind   field;
  const char *lang;
  const char *pattern;
} ExcludeDef;

static const ExcludeDef exclude_defs[] = {
  { FIELD_NUMBER, "*", "order|pedido|commande|bestell|ordine|encomenda|zam[óo]wienie|objedn|customer|cliente|client|"
                       "kunde|klant|account|cuenta|compte|konto|e-?way|waybill|delivery|albar[aá]n|lieferschein|"
                       "livraison|consegna|ddt|remito|certificado|folio\\s+fiscal" },
  { FIELD_DATE, "es", "vencim|venc\\.|pago|entrega|pedido|albar[aá]n|validez|periodo|servicio|nacimiento|despacho|"
                      "env[ií]o|inicio|desde|hasta|certificaci[oó]n|timbrado|impres" },
  { FIELD_DATE, "en", "due|payment|delivery|ship|order|valid|expir|period|service|birth|from|until|print" },
  { FIELD_DATE, "fr", "[ée]ch[ée]ance|livraison|commande|p[ée]riode|paiement|r[èe]glement" },
  { FIELD_DATE, "de", "f[äa]llig|zahlbar|liefer|leistung|bestell|zahlung" },
  { FIELD_DATE, "it", "scadenza|consegna|ddt|ordine|pagamento" },
  { FIELD_DATE, "pt", "vencimento|pagamento|sa[ií]da|entrada|entrega|compet[êe]ncia" },
  { FIELD_DATE, "nl", "vervaldatum|levering|betaal" },
  { FIELD_DATE, "ca", "venciment|lliurament" },
  { FIELD_DATE, "pl", "termin|sprzeda[żz]y|dostawy|p[łl]atno" },
  { FIELD_DATE, "cs", "splatnost|zdaniteln|dodání|uskute[čc]n" },
  { FIELD_DATE, "sv", "f[öo]rfallo|forfald|forfall|betalningsvillkor|leverans" },
  { FIELD_DATE, "fi", "er[äa]p[äa]iv[äa]|toimitus" },
  { FIELD_DATE, "ro", "scaden|livr[ăa]r" },
  { FIELD_DATE, "hu", "hat[áa]rid[őo]|teljes[íi]t[ée]s|esed[ée]kes" },
  { FIELD_DATE, "tr", "vade|sevk" },
  { FIELD_DATE, "el", "λήξη|πληρωμ" },
  { FIELD_DATE, "ru", "срок|оплатить\\s+до" },
  { FIELD_DATE, "ja", "支払|期限|納期|納品" },
  { FIELD_DATE, "ko", "납기|만기" },
  { FIELD_DATE, "id", "jatuh\\s+tempo" },
  { FIELD_TOTAL, "*", "sub\\s*-?\\s*total|subtotaal|zwischensumme|zwischentotal|ara\\s+toplam" },
  { FIELD_TOTAL, "*", "total\\s+(?:ht|h\\.t\\.|hors|net|neto|netto|sin|base|bruto|iva(?!\\s+incl)|igv|tva|"
                      "vat(?!\\s+incl)|tax(?:es)?(?!\\s+incl)|gst(?!\\s+incl)|hst|mwst|ust|excl|exkl|ex\\.|before|"
                      "items?|art[ií]culos|unidades|uds|qty|cantidad|quantity|pages?|p[áa]ginas|horas|hours|weight|peso|"
                      "l[ií]neas|lines|descuentos?|discounts?|remise|rabatt|pagado|paid|pay[ée]|bezahlt|anticipo|"
                      "deposit|acompte|retenci|savings|ahorro|gravad|exent|exempt|imponible|imposable|sconto|ritenut|"
                      "imponibile|impuestos?|btw|moms|mva|alv|dph|kdv|sem\\s+iva|senza\\s+iva|excluding|without|"
                      "dos\\s+produtos|dos\\s+tributos|fără)" },
  { FIELD_TOTAL, "*", "base\\s+imponible|base\\s+imposable|imponibile|netto(?!\\s+a\\s+pagare)|nettobetrag|montant\\s+ht|"
                      "monto\\s+neto|monto\\s+exento|op\\.?\\s+gravada|mal\\s+hizmet|toplam\\s+iskonto|hesaplanan|matrah|"
                      "veroton|nett[óo]|bez\\s+dph|z[áa]klad|καθαρή|без\\s+ндс|小計|小计|消費税|税额|税額|"
                      "con\\s+letra|en\\s+letras|in\\s+words|" B "son\\s*:" },
};

#undef B
#undef E

typedef struct {
  GRegex *regex;
  int tier;
  gboolean exclusion_before_only;
} CompiledLabel;

typedef struct {
  CompiledLabel *labels;
  guint n_labels;
  GRegex *any_label;     /* every label of the field, to skip cells quickly */
  GRegex *exclude;
} FieldVocabulary;

static FieldVocabulary vocab[N_FIELDS];
static GRegex *re_email;
static GRegex *re_english;

static void
init_labels (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autoptr(GString) any = g_string_new (NULL);
          g_autoptr(GString) excl = g_string_new (NULL);
          FieldVocabulary *v = &vocab[f];

          v->labels = g_new0 (CompiledLabel, G_N_ELEMENTS (label_defs));
          for (guint i = 0; i < G_N_ELEMENTS (label_defs); i++)
            {
              g_autoptr(GError) error = NULL;
              CompiledLabel *cl;

              if ((int) label_defs[i].field != f)
                continue;
              cl = &v->labels[v->n_labels++];
              cl->regex = g_regex_new (label_defs[i].pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
              if (cl->regex == NULL)
                g_error ("bad label pattern %s: %s", label_defs[i].pattern, error->message);
              cl->tier = label_defs[i].tier;
              g_string_append_printf (any, "%s(?:%s)", any->len > 0 ? "|" : "", label_defs[i].pattern);
            }
          for (guint i = 0; i < G_N_ELEMENTS (exclude_defs); i++)
            if ((int) exclude_defs[i].field == f)
              g_string_append_printf (excl, "%s(?:%s)", excl->len > 0 ? "|" : "", exclude_defs[i].pattern);
          v->any_label = g_regex_new (any->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
          v->exclude = excl->len > 0 ? g_regex_new (excl->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL) : NULL;
          g_assert (v->any_label != NULL && (excl->len == 0 || v->exclude != NULL));
        }
      re_email = g_regex_new ("(?<![\\w.%+-])[\\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                              "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])",
                              G_REGEX_OPTIMIZE, 0, NULL);
      re_english = g_regex_new ("(?<!\\p{L})(?:invoice|bill\\s+to|amount\\s+due|balance\\s+due|total\\s+due)(?!\\p{L})",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Where a document comes from, for a bare "$", "kr" or "¥" (or an amount
 * with no currency at all): tax identifiers and authorities that only one
 * country prints. Each match is one vote. */

typedef struct {
  const char *iso;
  const char *pattern;   /* matched without case unless it says (?-i) */
} CurrencyHint;

#define B "(?<!\\p{L})"
#define E "(?!\\p{L})"
static const CurrencyHint currency_hints[] = {
  { "MXN", B "(?:R\\.?F\\.?C\\.?|CFDI|M\\.N\\.)" E "|folio\\s+fiscal|r[ée]gimen\\s+fiscal|pesos\\s+mexicanos|m[ée]xico" },
  { "ARS", B "(?:CUIT|AFIP|ARCA|IIBB)" E "|ingresos\\s+brutos|argentina" },
  { "CLP", B "(?:R\\.U\\.T\\.?|RUT|S\\.I\\.I\\.|SII)" E "|timbre\\s+electr|chile" E },
  { "COP", B "(?:NIT|DIAN|CUFE)" E "|colombia" },
  { "UYU", B "DGI" E "|uruguay" },
  { "DOP", B "(?:RNC|ITBIS|NCF)" E },
  { "USD", B "(?:EIN|USA|U\\.S\\.A\\.)" E "|sales\\s+tax|united\\s+states|ecuador|el\\s+salvador|puerto\\s+rico|"
           "(?-i)(?<![A-Za-z])(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
           "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC),?\\s+\\d{5}(?:-\\d{4})?(?!\\d)" },
  { "CAD", "GST/HST|" B "(?:HST|QST|TPS|TVQ)" E "|canada" },
  { "AUD", B "ABN" E "|australia" },
  { "NZD", "new\\s+zealand|" B "IRD" E },
  { "SGD", "singapore|" B "UEN" E },
  { "HKD", "hong\\s+kong" },
  { "SEK", "bankgiro|plusgiro|" B "moms(?:reg)?" E "|att\\s+betala|sverige" },
  { "NOK", B "(?:MVA|KID)" E "|å\\s+betale|norge" },
  { "DKK", B "CVR" E "|" B "at\\s+betale|danmark" },
  { "ISK", "kennitala|ísland" },
  { "CNY", "发票|發票|增值税|人民币|人民幣|" B "RMB" E "|元" },
  { "JPY", "円|消費税|請求書|株式会社|[\\x{3040}-\\x{30ff}]" },
  { "EUR", "partita\\s+iva|" B "P\\.?\\s?IVA" E "|codice\\s+fiscale|ust-?id|steuernummer|" B "(?:SIRET|SIREN)" E "|"
           "tva\\s+intra|" B "(?:NIF|CIF)" E "|" B "(?:BTW|KvK)" E "|ATU\\d{8}|"
           "contribuinte|(?-i)(?<![A-Z0-9])(?:(?:ES|DE|FR|IT|PT|NL|BE|AT|IE|FI|GR|SK|SI|EE|LV|LT|LU|MT|CY|HR)\\d{2}"
           "(?:\\s?[A-Z0-9]{4}){3,7}|IT\\d{11}|ES[A-Z]\\d{7}[A-Z0-9]|DE\\d{9}|FR[A-Z0-9]{2}\\s?\\d{9}|NL\\d{9}B\\d{2}|"
           "BE\\s?0\\d{3}\\.?\\d{3}\\.?\\d{3}|PT\\d{9}|EL\\d{9})(?![A-Z0-9])" },
  { "RON", B "(?:CUI|lei)" E "|IBAN\\s*:?\\s*RO\\d{2}|(?-i)\\bRO\\d{6,10}\\b" },
  { "CHF", B "MWST" E "|CHE-\\d{3}|schweiz|suisse|svizzera" },
  { "GBP", "VAT\\s+reg|united\\s+kingdom|IBAN\\s*:?\\s*GB\\d{2}" },
  { "PLN", B "NIP" E "|polska" },
  { "CZK", "DIČ\\s*:?\\s*CZ|IBAN\\s*:?\\s*CZ\\d{2}" },
  { "HUF", "ad[óo]sz[áa]m" },
  { "TRY", B "(?:VKN|TCKN)" E "|vergi\\s+dairesi" },
  { "RUB", B "(?:ИНН|КПП)" E },
  { "INR", B "(?:GSTIN|CGST|SGST|IGST|HSN)" E },
  { "BRL", B "(?:CNPJ|CPF|DANFE|NF-?e|NFS-?e)" E },
  { "PEN", B "(?:R\\.?U\\.?C\\.?|SUNAT|IGV)" E "|soles" },
};
#undef B
#undef E

/* ------------------------------------------------------------------------ */
/* Value validators */

typedef struct {
  DateOrder order;
} Context;

typedef gboolean (*ValueParser) (const Context *ctx,
                                 const char    *text,
                                 gpointer       out);

typedef struct {
  char *number;
} NumberValue;

static gboolean
has_digit (const char *token)
{
  for (const char *p = token; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

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

      p = skip_spaces (p);
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
  while (*end != '\0' && !is_space_char (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  /* A value that is nothing but groups of digits is one number, as
   * telecoms print theirs: "123 456 7890". */
  if (g_regex_match_simple ("^\\d{2,}(?: \\d{2,}){1,4}\\s*$", p, 0, 0))
    end = p + strlen (p);
  while (end > p && is_space_char (g_utf8_get_char (g_utf8_prev_char (end))))
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

      while (*n1 != '\0' && !is_space_char (g_utf8_get_char (n1)))
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
  if (len == 0 || !has_digit (token))
    return FALSE;
  /* A date, a time or a money amount is not an invoice number. */
  {
    g_autofree char *matched = NULL;

    if (parse_date_full (token, ctx->order, NULL, &matched) && strlen (matched) >= len - 1)
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
    if (scan_amount (token, &amount, &iso, &matched, NULL) && strlen (matched) == len &&
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

  return parse_date_full (text, ctx->order, &dv->iso, &dv->matched);
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

  if (!scan_amount (text, &av->amount, &av->currency, &av->matched, NULL))
    return FALSE;
  /* "12.03.2026" is a date, not 12.03. */
  if (parse_date_full (text, ORDER_DMY_FIRST, NULL, &date) && strstr (date, av->matched) != NULL)
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
  FieldKind field;
  ValueParser parse;
  gsize value_size;
  /* Called to decide whether @b is better than @a. */
  gboolean (*better) (const Found *a, const Found *b);
  GDestroyNotify free_value;
} FieldSpec;

static gboolean
cells_overlap (const Cell *a,
               const Cell *b)
{
  /* Two columns overlap, with a little slack for proportional fonts. */
  return b->col0 <= a->col1 + 2 && b->col1 >= a->col0 - 2;
}

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
cell_is_label (const Cell *cell)
{
  for (int f = 0; f < N_FIELDS; f++)
    if (g_regex_match (vocab[f].any_label, cell->text, 0, NULL))
      return TRUE;
  return FALSE;
}

/* The next cells of a line after a total's label: amounts may sit after a
 * quantity or a currency column, and a row of several amounts
 * ("Total   1.000,00   210,00   1.210,00") ends with the grand total. */
static gboolean
try_total_cells (const FieldSpec *spec,
                 const Context   *ctx,
                 Line            *line,
                 guint            ci,
                 int              tier,
                 guint            li,
                 Found          **best)
{
  gboolean found = FALSE;
  guint skipped = 0;

  for (guint nc = ci + 1; nc < line->cells->len && nc <= ci + 5; nc++)
    {
      Cell *next = g_ptr_array_index (line->cells, nc);
      gboolean ok;

      if (!found && nc > ci + 1 && cell_is_label (next))
        break;
      ok = try_value (spec, ctx, next->text, tier, CAND_NEXT_CELL, li, best);
      if (!ok && !found && strlen (next->text) <= 4 && !has_digit (next->text) && nc + 1 < line->cells->len)
        {
          /* A currency code alone in its column: "EUR   1.234,56". */
          Cell *after = g_ptr_array_index (line->cells, nc + 1);
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
static const Cell *
stacked_above (GPtrArray  *lines,
               guint       li,
               const Cell *cell)
{
  Line *line = g_ptr_array_index (lines, li);
  Line *prev;

  if (li == 0 || line->has_digits)
    return NULL;
  prev = g_ptr_array_index (lines, li - 1);
  if (prev->has_digits)
    return NULL;
  for (guint i = 0; i < prev->cells->len; i++)
    {
      const Cell *pc = g_ptr_array_index (prev->cells, i);
      int c_mid = cell->col0 + cell->col1, p_mid = pc->col0 + pc->col1;
      gsize plen = strlen (pc->text);

      if (!cells_overlap (cell, pc))
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
      Line *line = g_ptr_array_index (lines, li);

      for (guint ci = 0; ci < line->cells->len; ci++)
        {
          Cell *cell = g_ptr_array_index (line->cells, ci);
          const Cell *above = stacked_above (lines, li, cell);
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
                  gboolean before_only = spec->field == FIELD_NUMBER ||
                                         (spec->field == FIELD_DATE && label->tier == 0);
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
              if (!found && spec->field == FIELD_TOTAL)
                found = try_total_cells (spec, ctx, line, ci, label->tier, li, best);
              for (guint nc = ci + 1; !found && spec->field != FIELD_TOTAL && nc < line->cells->len && nc <= ci + 2; nc++)
                {
                  Cell *next = g_ptr_array_index (line->cells, nc);
                  g_autofree char *joined = NULL;

                  if (nc == ci + 2)
                    {
                      Cell *mid = g_ptr_array_index (line->cells, ci + 1);

                      if (strlen (mid->text) > 4)
                        break;
                      joined = g_strconcat (mid->text, " ", next->text, NULL);
                    }
                  found = try_value (spec, ctx, joined != NULL ? joined : next->text,
                                     label->tier, CAND_NEXT_CELL, li, best);
                  /* Stop at a cell that is another label (has no digit). */
                  if (!found && nc == ci + 1 && (has_digit (next->text) || strlen (next->text) > 4))
                    break;
                }
              /* 3. The first lines below, in the same column. */
              for (guint nl = li + 1, seen = 0; !found && nl < lines->len && seen < 2; nl++)
                {
                  Line *below = g_ptr_array_index (lines, nl);

                  if (below->cells->len == 0)
                    continue;
                  seen++;
                  for (guint bc = 0; bc < below->cells->len; bc++)
                    {
                      Cell *bcell = g_ptr_array_index (below->cells, bc);

                      if (!cells_overlap (cell, bcell))
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
      Line *l = g_ptr_array_index (lines, i);
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
/* E-mail addresses */

static GStrv
find_emails (const char *text)
{
  g_autoptr(GMatchInfo) mi = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_regex_match (re_email, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *raw = g_match_info_fetch (mi, 0);
      char *lower;
      gsize len;

      /* Leading dots of the local part belong to the sentence. */
      while (raw[0] == '.')
        memmove (raw, raw + 1, strlen (raw));
      len = strlen (raw);
      while (len > 0 && raw[len - 1] == '.')
        raw[--len] = '\0';
      lower = g_utf8_strdown (raw, -1);
      if (raw[0] != '@' && !g_hash_table_contains (seen, lower))
        {
          g_strv_builder_add (builder, lower);
          g_hash_table_add (seen, lower);
        }
      else
        g_free (lower);
      g_match_info_next (mi, NULL);
    }
  return g_strv_builder_end (builder);
}

static void
append_wrapped (GString    *out,
                const Cell *cell,
                GPtrArray  *lines,
                guint       next_line)
{
  static GRegex *re_tail;
  g_autoptr(GMatchInfo) mi = NULL;

  if (g_once_init_enter (&re_tail))
    g_once_init_leave (&re_tail, g_regex_new ("[\\w.%+-]+@(?:(?:[A-Za-z0-9-]+\\.)*[A-Za-z0-9-]*[.-])?$",
                                              G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (re_tail, cell->text, 0, &mi))
    return;
  {
    /* "write to a@b.es." ends a sentence; it is not wrapped. */
    g_autofree char *head = g_match_info_fetch (mi, 0);
    gsize hl = strlen (head);
    g_autoptr(GMatchInfo) full = NULL;

    if (hl > 0 && head[hl - 1] == '.')
      head[hl - 1] = '\0';
    if (g_regex_match (re_email, head, 0, &full))
      {
        gint s0 = -1, e0 = -1;

        g_match_info_fetch_pos (full, 0, &s0, &e0);
        if (s0 == 0 && (gsize) e0 == strlen (head))
          return;
      }
  }
  for (guint nl = next_line; nl < lines->len && nl <= next_line + 1; nl++)
    {
      Line *below = g_ptr_array_index (lines, nl);

      for (guint bc = 0; bc < below->cells->len; bc++)
        {
          Cell *bcell = g_ptr_array_index (below->cells, bc);
          g_autofree char *head = NULL;
          g_autofree char *tail = NULL;
          const char *space;

          if (!cells_overlap (cell, bcell))
            continue;
          space = strchr (bcell->text, ' ');
          head = g_match_info_fetch (mi, 0);
          tail = space != NULL ? g_strndup (bcell->text, space - bcell->text) : g_strdup (bcell->text);
          g_string_append_printf (out, "%s%s\n", head, tail);
          return;
        }
    }
}

static char *
join_wrapped_emails (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint li = 0; li + 1 < lines->len; li++)
    {
      Line *line = g_ptr_array_index (lines, li);

      for (guint ci = 0; ci < line->cells->len; ci++)
        {
          Cell *cell = g_ptr_array_index (line->cells, ci);

          if (strchr (cell->text, '@') != NULL)
            append_wrapped (out, cell, lines, li + 1);
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The document as a whole */

typedef struct {
  GHashTable *iso_counts;     /* ISO code → times printed */
  GHashTable *hint_votes;     /* ISO code → votes of currency_hints[] */
  gboolean english;
} DocFacts;

static void
add_count (GHashTable *counts,
           const char *iso)
{
  g_hash_table_insert (counts, (gpointer) iso,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, iso)) + 1));
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
      Line *l = g_ptr_array_index (lines, i);
      const char *p = l->text;
      g_autoptr(GMatchInfo) mi = NULL;
      double amount;
      const char *iso = NULL;
      const char *end = NULL;

      while (*p != '\0' && scan_amount (p, &amount, &iso, NULL, &end))
        {
          if (iso != NULL && !is_ambiguous_symbol (iso))
            add_count (counts, iso);
          p = end > p ? end : g_utf8_next_char (p);
        }
      g_regex_match (re, l->text, 0, &mi);
      while (g_match_info_matches (mi))
        {
          g_autofree char *code = g_match_info_fetch (mi, 1);
          gsize len = 0;
          const char *known = match_iso_code (code, &len);

          if (known != NULL)
            add_count (counts, known);
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
      GRegex **c = g_new0 (GRegex *, G_N_ELEMENTS (currency_hints));

      for (guint i = 0; i < G_N_ELEMENTS (currency_hints); i++)
        {
          c[i] = g_regex_new (currency_hints[i].pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
          g_assert (c[i] != NULL);
        }
      g_once_init_leave (&compiled, c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (currency_hints); i++)
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
        g_hash_table_insert (votes, (gpointer) currency_hints[i].iso,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (votes, currency_hints[i].iso)) + n));
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

      if (!symbol_may_be (symbol, key))
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

/* Month first only where the document shows it (a second number above 12)
 * or for an English invoice in US dollars with nothing saying otherwise. */
static DateOrder
decide_date_order (const char *text,
                   gboolean    us_dollars)
{
  g_autoptr(GMatchInfo) mi = NULL;
  int dmy = 0, mdy = 0;

  init_date_regexes ();
  g_regex_match (re_numeric_dmy, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *a = g_match_info_fetch (mi, 1);
      g_autofree char *b = g_match_info_fetch (mi, 3);
      int ia = atoi (a), ib = atoi (b);

      if (ia > 12 && ib <= 12)
        dmy++;
      else if (ib > 12 && ia <= 12)
        mdy++;
      g_match_info_next (mi, NULL);
    }
  if (mdy != dmy)
    return mdy > dmy ? ORDER_MDY_FIRST : ORDER_DMY_FIRST;
  return us_dollars ? ORDER_MDY_FIRST : ORDER_DMY_FIRST;
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
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  g_auto(GStrv) raw_lines = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *norm_all = NULL;
  g_autoptr(GHashTable) iso_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hint_votes = g_hash_table_new (g_str_hash, g_str_equal);
  DocFacts facts = { iso_counts, hint_votes, FALSE };
  Context ctx = { ORDER_DMY_FIRST };
  Found *number = NULL, *date = NULL, *total = NULL;
  FieldSpec number_spec = { FIELD_NUMBER, parse_number_value, sizeof (NumberValue), number_better, free_number_value };
  FieldSpec date_spec = { FIELD_DATE, parse_date_value, sizeof (DateValue), number_better, free_date_value };
  FieldSpec total_spec = { FIELD_TOTAL, parse_amount_value, sizeof (AmountValue), total_better, free_amount_value };
  g_autofree char *point_of_sale_number = NULL;

  g_return_val_if_fail (text != NULL, fields);

  init_labels ();
  init_date_regexes ();

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  raw_lines = g_strsplit_set (text, "\n\f", -1);
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; raw_lines[i] != NULL; i++)
      {
        Line *l = line_new (raw_lines[i]);

        g_ptr_array_add (lines, l);
        g_string_append (joined, l->text);
        g_string_append_c (joined, '\n');
      }
    norm_all = g_string_free (joined, FALSE);
  }

  {
    /* Addresses a narrow table cell wrapped after "@" or a dot
     * ("administracion@construcciones-\ngarcia.es") are searched for
     * joined, after the rest. */
    g_autofree char *wrapped = join_wrapped_emails (lines);
    g_autofree char *all = g_strconcat (norm_all, "\n", wrapped, NULL);

    fields->emails = find_emails (all);
  }

  count_currencies (lines, iso_counts);
  count_hints (norm_all, hint_votes);
  facts.english = g_regex_match (re_english, norm_all, 0, NULL);
  ctx.order = decide_date_order (norm_all, facts.english && g_strcmp0 (resolve_currency (&facts, "$"), "USD") == 0 &&
                                           (strchr (norm_all, '$') != NULL || g_hash_table_contains (iso_counts, "USD")));

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
          Line *l = g_ptr_array_index (lines, i);

          if (g_regex_match (vocab[FIELD_DATE].exclude, l->text, 0, NULL))
            continue;
          parse_date_full (l->text, ctx.order, &fields->date, &fields->date_text);
        }
    }

  if (total != NULL)
    {
      AmountValue *av = total->value;
      const char *iso = av->currency;

      fields->total = g_strdup (av->matched);
      fields->total_amount = av->amount;
      fields->has_total_amount = TRUE;
      if (iso == NULL || is_ambiguous_symbol (iso))
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
