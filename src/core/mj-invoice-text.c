#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include <math.h>
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
 * For every label found ("Nº de factura", "Invoice #", "Total TTC"…) the
 * value is looked for, in this order:
 *   1. in the same cell, after the label ("Factura Nº: 2026-031");
 *   2. in the next cells of the same line (a two-column table);
 *   3. in the first lines below, in a cell that overlaps the label's columns
 *      (a header row with the values under it).
 * Each candidate must parse as the field's type (an identifier with a digit,
 * a date, a money amount). Labels come in tiers (the most specific first);
 * the best tier wins, then the nearer kind of candidate, then: for the
 * invoice number and the date the first one in the document, for the total
 * the largest amount (a grand total is never smaller than a subtotal that
 * escaped the exclusions).
 */

typedef struct {
  char *text;
  int   col0;
  int   col1;
} Cell;

typedef struct {
  GPtrArray *cells;
  char      *text;
} Line;

typedef enum {
  CAND_SAME_CELL = 0,
  CAND_NEXT_CELL = 1,
  CAND_BELOW = 2,
} CandKind;

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

/* Normalize (NFKC: "ﬁ" → "fi", "º" → "o", no-break spaces → spaces) and
 * split a line into cells. */
static Line *
line_new (const char *raw)
{
  Line *line = g_new0 (Line, 1);
  g_autofree char *norm = g_utf8_normalize (raw, -1, G_NORMALIZE_NFKC);
  GString *cur = g_string_new (NULL);
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
      if (is_space_char (c))
        {
          spaces++;
          continue;
        }
      if (cell_start >= 0 && spaces >= 2)
        {
          Cell *cell = g_new0 (Cell, 1);

          cell->text = g_string_free (g_steal_pointer (&cur), FALSE);
          cell->col0 = cell_start;
          cell->col1 = cell_start + (int) g_utf8_strlen (cell->text, -1);
          g_ptr_array_add (line->cells, cell);
          cur = g_string_new (NULL);
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
    {
      Cell *cell = g_new0 (Cell, 1);

      cell->text = g_string_free (g_steal_pointer (&cur), FALSE);
      cell->col0 = cell_start;
      cell->col1 = cell_start + (int) g_utf8_strlen (cell->text, -1);
      g_ptr_array_add (line->cells, cell);
    }
  if (cur != NULL)
    g_string_free (cur, TRUE);
  line->text = g_string_free (all, FALSE);
  return line;
}

/* ------------------------------------------------------------------------ */
/* Amounts */

typedef struct {
  const char *token;   /* as written (lower case compare for letters) */
  const char *iso;
} CurrencyToken;

/* Longest first where one is a prefix of another. */
static const CurrencyToken currency_tokens[] = {
  { "US$", "USD" }, { "U$S", "USD" }, { "C$", "CAD" }, { "A$", "AUD" }, { "NZ$", "NZD" },
  { "R$", "BRL" }, { "S/.", "PEN" }, { "S/", "PEN" }, { "€", "EUR" }, { "£", "GBP" },
  { "¥", "JPY" }, { "₹", "INR" }, { "₽", "RUB" }, { "zł", "PLN" }, { "Kč", "CZK" },
  { "Fr.", "CHF" }, { "$", NULL },
};

static const char * const iso_codes[] = {
  "EUR", "USD", "GBP", "CHF", "MXN", "ARS", "COP", "CLP", "PEN", "UYU", "BOB", "PYG",
  "VES", "GTQ", "CRC", "DOP", "HNL", "NIO", "PAB", "BRL", "CAD", "AUD", "NZD", "JPY",
  "CNY", "INR", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "ZAR",
  "MAD", "SGD", "HKD", "RUB", "ILS", "AED", "SAR", "ISK",
};

static const char *
match_iso_code (const char *p,
                gsize      *len)
{
  for (guint i = 0; i < G_N_ELEMENTS (iso_codes); i++)
    {
      if (g_ascii_strncasecmp (p, iso_codes[i], 3) == 0 && !g_ascii_isalpha (p[3]))
        {
          *len = 3;
          return iso_codes[i];
        }
    }
  if (g_ascii_strncasecmp (p, "EUROS", 5) == 0 && !g_ascii_isalpha (p[5]))
    {
      *len = 5;
      return "EUR";
    }
  if (g_ascii_strncasecmp (p, "EURO", 4) == 0 && !g_ascii_isalpha (p[4]))
    {
      *len = 4;
      return "EUR";
    }
  return NULL;
}

/* A currency symbol or code at @p; returns its ISO code in @iso ("" for a
 * bare "$") and its length, or 0. */
static gsize
match_currency (const char  *p,
                const char **iso)
{
  gsize len = 0;
  const char *code;

  for (guint i = 0; i < G_N_ELEMENTS (currency_tokens); i++)
    {
      gsize tl = strlen (currency_tokens[i].token);

      if (strncmp (p, currency_tokens[i].token, tl) == 0)
        {
          *iso = currency_tokens[i].iso != NULL ? currency_tokens[i].iso : "";
          return tl;
        }
    }
  code = match_iso_code (p, &len);
  if (code != NULL)
    {
      *iso = code;
      return len;
    }
  return 0;
}

static gboolean
is_group_sep (gunichar c)
{
  return c == '.' || c == ',' || c == '\'' || c == 0x2019 || is_space_char (c);
}

/* Parse a number at @p (digits with group and decimal separators). Returns
 * the bytes used, 0 if none. */
static gsize
parse_number (const char *p,
              double     *value,
              gboolean   *has_decimals)
{
  GString *digits = g_string_new (NULL);
  const char *q = p;
  const char *last_sep = NULL;
  gunichar last_sep_char = 0;
  int seps_kinds = 0;
  gunichar first_sep_char = 0;
  int digits_after_last_sep = 0;
  int n_seps = 0;
  gsize used;
  gboolean negative = FALSE;
  const char *end_ok = NULL;

  if (*q == '-' || g_utf8_get_char (q) == 0x2212)
    {
      negative = TRUE;
      q = g_utf8_next_char (q);
    }
  if (!g_ascii_isdigit (*q))
    {
      g_string_free (digits, TRUE);
      return 0;
    }
  while (*q != '\0')
    {
      gunichar c = g_utf8_get_char (q);

      if (g_ascii_isdigit (*q))
        {
          g_string_append_c (digits, *q);
          digits_after_last_sep++;
          q++;
          end_ok = q;
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
              if (digits_after_last_sep > 3)
                break;
            }
          if (first_sep_char == 0)
            first_sep_char = c;
          if (c != last_sep_char)
            seps_kinds++;
          last_sep_char = c;
          last_sep = q;
          n_seps++;
          digits_after_last_sep = 0;
          g_string_append_c (digits, '|');
          q = next;
          continue;
        }
      break;
    }
  if (end_ok == NULL)
    {
      g_string_free (digits, TRUE);
      return 0;
    }
  used = end_ok - p;

  {
    /* Decide what the last separator is. */
    gboolean last_is_decimal = FALSE;
    GString *clean = g_string_new (negative ? "-" : "");
    const char *d;

    if (n_seps > 0)
      {
        if ((last_sep_char == '.' || last_sep_char == ',') && digits_after_last_sep != 3)
          last_is_decimal = TRUE;
        else if ((last_sep_char == '.' || last_sep_char == ',') && seps_kinds > 1 &&
                 first_sep_char != last_sep_char)
          last_is_decimal = TRUE;   /* 1.234,567 is unusual, but 1,234.567 is three decimals */
        if (last_is_decimal && digits_after_last_sep > 3)
          last_is_decimal = FALSE;
        /* A single '.' or ',' followed by three digits: a thousands group
         * (1.234 / 1,234) — the usual reading on invoices. */
      }
    for (d = digits->str; *d != '\0'; d++)
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
    g_string_free (clean, TRUE);
    (void) last_sep;
  }
  g_string_free (digits, TRUE);
  return used;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && is_space_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/**
 * mj_invoice_parse_amount:
 * @text: text that holds an amount ("Total: 1.234,56 €")
 * @amount: (out): the value
 * @currency: (out) (optional) (nullable): ISO 4217 code, NULL when unknown
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
  const char *p;
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Everything below walks UTF-8; never trust the caller's bytes. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *start = p;
      const char *num_start;
      const char *iso = NULL;
      gsize cl = 0;
      gsize nl;
      double value = 0;
      gboolean decimals = FALSE;
      const char *after;

      /* Only start at a word boundary. */
      if (p != text)
        {
          const char *prev = g_utf8_prev_char (p);
          gunichar pc = g_utf8_get_char (prev);

          if (g_unichar_isalnum (pc) && !(g_ascii_isdigit (*p) == FALSE))
            continue;
          if (g_ascii_isdigit (*p) && (g_ascii_isdigit (*prev) || *prev == '.' || *prev == ',' ||
                                      *prev == '/' || *prev == '-' || g_unichar_isalpha (pc)))
            continue;
        }

      /* Currency before the number ("€1,234.56", "USD 2,500.00", "US$ 10"). */
      cl = match_currency (p, &iso);
      if (cl > 0)
        {
          gunichar pc = p != text ? g_utf8_get_char (g_utf8_prev_char (p)) : ' ';

          if (g_unichar_isalpha (pc))
            cl = 0, iso = NULL;
        }
      num_start = cl > 0 ? skip_spaces (p + cl) : p;
      if (*num_start == '-' && cl == 0 && !g_ascii_isdigit (num_start[1]))
        continue;
      nl = parse_number (num_start, &value, &decimals);
      if (nl == 0)
        continue;
      after = num_start + nl;
      if (cl == 0)
        {
          const char *s = skip_spaces (after);

          if (*s == '%' || g_str_has_prefix (s, "％"))
            {
              p = after - 1;
              continue;
            }
          cl = match_currency (s, &iso);
          if (cl > 0)
            {
              gunichar nc = g_utf8_get_char (s + cl);

              if (g_unichar_isalpha (nc) && g_ascii_isalpha (s[0]))
                cl = 0, iso = NULL;
            }
          if (cl > 0)
            after = s + cl;
          else if (!decimals)
            {
              p = after - 1;
              continue;
            }
        }
      else
        {
          const char *s = skip_spaces (after);

          if (*s == '%')
            continue;
        }

      *amount = value;
      if (currency != NULL)
        *currency = (iso != NULL && *iso != '\0') ? g_strdup (iso) : NULL;
      if (matched != NULL)
        *matched = g_strstrip (g_strndup (start, after - start));
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Dates */

typedef struct {
  const char *name;    /* ASCII, lower case, accents removed */
  int month;
} MonthName;

static const MonthName month_names[] = {
  /* es */ { "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 }, { "mayo", 5 },
  { "junio", 6 }, { "julio", 7 }, { "agosto", 8 }, { "septiembre", 9 }, { "setiembre", 9 },
  { "octubre", 10 }, { "noviembre", 11 }, { "diciembre", 12 },
  /* en */ { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "may", 5 },
  { "june", 6 }, { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 },
  { "november", 11 }, { "december", 12 },
  /* fr */ { "janvier", 1 }, { "fevrier", 2 }, { "mars", 3 }, { "avril", 4 }, { "mai", 5 },
  { "juin", 6 }, { "juillet", 7 }, { "aout", 8 }, { "septembre", 9 }, { "octobre", 10 },
  { "novembre", 11 }, { "decembre", 12 },
  /* de */ { "januar", 1 }, { "jaenner", 1 }, { "janner", 1 }, { "februar", 2 }, { "marz", 3 },
  { "maerz", 3 }, { "juni", 6 }, { "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
  /* it */ { "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 }, { "maggio", 5 },
  { "giugno", 6 }, { "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 }, { "dicembre", 12 },
  /* pt */ { "janeiro", 1 }, { "fevereiro", 2 }, { "marco", 3 }, { "maio", 5 }, { "junho", 6 },
  { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 }, { "novembro", 11 }, { "dezembro", 12 },
  /* nl */ { "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "mei", 5 }, { "augustus", 8 },
  /* ca */ { "gener", 1 }, { "febrer", 2 }, { "marc", 3 }, { "maig", 5 }, { "juny", 6 },
  { "juliol", 7 }, { "setembre", 9 }, { "octubre", 10 }, { "desembre", 12 },
  /* abbreviations */
  { "ene", 1 }, { "jan", 1 }, { "janv", 1 }, { "feb", 2 }, { "febr", 2 }, { "fev", 2 },
  { "fevr", 2 }, { "mar", 3 }, { "mrz", 3 }, { "abr", 4 }, { "apr", 4 }, { "avr", 4 },
  { "jun", 6 }, { "jul", 7 }, { "juil", 7 }, { "ago", 8 }, { "aug", 8 }, { "sep", 9 },
  { "sept", 9 }, { "set", 9 }, { "oct", 10 }, { "okt", 10 }, { "out", 10 }, { "nov", 11 },
  { "dic", 12 }, { "dec", 12 }, { "dez", 12 },
};

static int
lookup_month (const char *word)
{
  g_autofree char *ascii = g_str_to_ascii (word, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (lower, month_names[i].name) == 0)
      return month_names[i].month;
  return 0;
}

static GRegex *re_numeric_dmy;
static GRegex *re_iso;
static GRegex *re_day_month_year;
static GRegex *re_month_day_year;

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
      re_day_month_year = g_regex_new ("(?<![\\d\\p{L}])(\\d{1,2})(?:st|nd|rd|th|er|o|\\.)?\\s*(?:de\\s+|-|/)?"
                                       "(\\p{L}{3,12})\\.?,?\\s*(?:de\\s+|del\\s+|-|/)?(\\d{4})(?!\\d)",
                                       G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      re_month_day_year = g_regex_new ("(?<!\\p{L})(\\p{L}{3,12})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
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
consider (DateHit *best,
          gint     start,
          gint     end,
          const char *text,
          int      d,
          int      m,
          int      y)
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

static gboolean
parse_date_full (const char *text,
                 gboolean    us_order,
                 char      **iso,
                 char      **matched)
{
  g_autoptr(GMatchInfo) mi = NULL;
  DateHit best = { 0, 0, 0, 0, NULL };

  init_date_regexes ();

  g_regex_match (re_iso, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;
      g_autofree char *y = g_match_info_fetch (mi, 1);
      g_autofree char *m = g_match_info_fetch (mi, 2);
      g_autofree char *d = g_match_info_fetch (mi, 3);

      g_match_info_fetch_pos (mi, 0, &s, &e);
      consider (&best, s, e, text, atoi (d), atoi (m), atoi (y));
      g_match_info_next (mi, NULL);
    }
  g_clear_pointer (&mi, g_match_info_free);

  g_regex_match (re_numeric_dmy, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;
      g_autofree char *a = g_match_info_fetch (mi, 1);
      g_autofree char *b = g_match_info_fetch (mi, 3);
      g_autofree char *y = g_match_info_fetch (mi, 4);
      int ia = atoi (a), ib = atoi (b), iy = expand_year (atoi (y));
      int d = ia, m = ib;

      if (ib > 12 || (us_order && ia <= 12))
        d = ib, m = ia;
      g_match_info_fetch_pos (mi, 0, &s, &e);
      consider (&best, s, e, text, d, m, iy);
      g_match_info_next (mi, NULL);
    }
  g_clear_pointer (&mi, g_match_info_free);

  g_regex_match (re_day_month_year, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;
      g_autofree char *d = g_match_info_fetch (mi, 1);
      g_autofree char *mon = g_match_info_fetch (mi, 2);
      g_autofree char *y = g_match_info_fetch (mi, 3);
      int m = lookup_month (mon);

      g_match_info_fetch_pos (mi, 0, &s, &e);
      if (m > 0)
        consider (&best, s, e, text, atoi (d), m, atoi (y));
      g_match_info_next (mi, NULL);
    }
  g_clear_pointer (&mi, g_match_info_free);

  g_regex_match (re_month_day_year, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;
      g_autofree char *mon = g_match_info_fetch (mi, 1);
      g_autofree char *d = g_match_info_fetch (mi, 2);
      g_autofree char *y = g_match_info_fetch (mi, 3);
      int m = lookup_month (mon);

      g_match_info_fetch_pos (mi, 0, &s, &e);
      if (m > 0)
        consider (&best, s, e, text, atoi (d), m, atoi (y));
      g_match_info_next (mi, NULL);
    }

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
 * cannot be the month), ISO, and written months in Spanish, English,
 * French, German, Italian, Portuguese, Dutch and Catalan.
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
  return parse_date_full (text, FALSE, iso, matched);
}

/* ------------------------------------------------------------------------ */
/* Labels */

typedef struct {
  const char *pattern;
  int tier;
} Label;

/* "Nº" after NFKC is "No"; "N°" keeps the degree sign. */
#define NUM "(?:(?:number|nummer|n[uú]mero|num[eé]ro|n[uú]m\\.?|nro\\.?|nr\\.?|n\\s?\\.?\\s?[o°]\\.?|no\\.?|n\\.)(?!\\p{L})|#)"

/* Words that may stand between "Factura"/"Invoice" and "Nº":
 * "Factura simplificada Nº", "Factura A Nº", "Factura electrónica de venta No.". */
#define QUAL "(?:\\s+(?:simplificada|rectificativa|proforma|pro-forma|completa|original|fiscal|" \
  "electr[oó]nica|ordinaria|de|venta|comercial|tax|commercial|sales|final|d'acompte|rectificative|" \
  "simplifi[ée]e|[A-ECM]))"

static const Label number_labels[] = {
  { "n[uú]mero\\s+de\\s+(?:la\\s+)?factura", 0 },
  { "(?:factura|invoice|facture|fattura|fatura)" QUAL "{1,3}\\s*" NUM, 0 },
  { "(?<!\\p{L})re\\.?\\s?-?\\s?nr\\.?", 0 },
  { "factura\\s*" NUM, 0 },
  { NUM "\\s*(?:de\\s+)?factura", 0 },
  { "invoice\\s*" NUM, 0 },
  { "invoice\\s*id", 0 },
  { "inv\\.?\\s*(?:no\\.?|#|number)", 0 },
  { "num[eé]ro\\s+(?:de\\s+)?(?:la\\s+)?facture", 0 },
  { "facture\\s*" NUM, 0 },
  { NUM "\\s*(?:de\\s+)?facture", 0 },
  { "rechnungs[\\s-]?(?:nummer|nr\\.?|no\\.?)", 0 },
  { "rechnung\\s*" NUM, 0 },
  { "beleg[\\s-]?(?:nummer|nr\\.?)", 0 },
  { "numero\\s+(?:di\\s+|della\\s+)?fattura", 0 },
  { "fattura\\s*" NUM, 0 },
  { "n[uú]mero\\s+da\\s+fatura", 0 },
  { "fatura\\s*" NUM, 0 },
  { "factuur\\s*" NUM, 0 },
  { "factuurnummer", 0 },
  { "n[uú]m(?:ero)?\\.?\\s+(?:de\\s+)?factura", 0 },
  { "(?:factura|invoice|facture|rechnung|fattura|fatura|factuur|bill)\\s*:", 1 },
  { "(?<!\\p{L})folio(?!\\s+fiscal)(?!\\p{L})|comp(?:robante)?\\.?\\s*" NUM, 1 },
  { "(?:factura|invoice|facture|rechnung|fattura|fatura|factuur|tax\\s+invoice)", 2 },
  { "^(?:n[o°]\\.?|n[uú]mero|number|nummer|nr\\.?|ref\\.?|referencia|reference|r[ée]f[ée]rence)\\s*:", 3 },
  /* A header cell of its own, the value under it ("NÚMERO   FECHA"). */
  { "^(?:n[uú]mero|number|nummer|num[ée]ro)$", 3 },
};

static const Label date_labels[] = {
  { "fecha\\s+(?:de\\s+)?(?:la\\s+)?(?:factura|emisi[oó]n|expedici[oó]n)", 0 },
  { "invoice\\s+date|date\\s+of\\s+(?:issue|invoice)|issue\\s+date|date\\s+issued|issued\\s+on|billing\\s+date", 0 },
  { "date\\s+(?:de\\s+)?(?:la\\s+)?(?:facture|facturation|d'?\\s?[ée]mission)", 0 },
  { "rechnungsdatum|belegdatum|ausstellungsdatum", 0 },
  { "data\\s+(?:della\\s+)?fattura|data\\s+(?:da\\s+)?(?:fatura|emiss[aã]o)|factuurdatum", 0 },
  { "(?<!\\p{L})(?:fecha|date|datum|data|dated)(?!\\p{L})", 1 },
};

/* A date cell that says this is some other date. */
static const char *date_exclude =
  "vencim|venc\\.|due|pago|payment|[ée]ch[ée]ance|f[äa]llig|zahlbar|scadenza|vencimento|"
  "entrega|delivery|livraison|liefer|leistung|pedido|order|commande|bestell|albar[aá]n|"
  "validez|valid|expir|period|periodo|p[ée]riode|service|servicio|vervaldatum|birth|nacimiento";

static const Label total_labels[] = {
  { "total\\s+a\\s+(?:pagar|abonar|cobrar)|importe\\s+a\\s+(?:pagar|abonar)|a\\s+pagar|"
    "total\\s+due|amount\\s+due|balance\\s+due|amount\\s+payable|total\\s+payable|total\\s+to\\s+pay|"
    "net\\s+[àa]\\s+payer|reste\\s+[àa]\\s+payer|montant\\s+d[uû]|[àa]\\s+payer|"
    "zu\\s+zahlen|zahlbetrag|endbetrag|totale\\s+da\\s+pagare|te\\s+betalen|total\\s+a\\s+pagar|"
    "neto\\s+a\\s+pagar|l[ií]quido\\s+a\\s+pagar|valor\\s+a\\s+pagar|total\\s+a\\s+liquidar", 0 },
  { "total\\s+(?:de\\s+(?:la\\s+)?)?factura|importe\\s+total|total\\s+importe|total\\s+general|"
    "total\\s+con\\s+iva|total\\s+iva\\s+incl|total\\s*\\(?iva\\s+incl|grand\\s+total|invoice\\s+total|"
    "total\\s+amount|total\\s+incl|total\\s+inc\\.?\\s+vat|total\\s+\\(?incl|total\\s+ttc|montant\\s+(?:total|ttc)|"
    "gesamtbetrag|rechnungsbetrag|gesamtsumme|endsumme|bruttobetrag|summe\\s+brutto|brutto\\s*summe|"
    "totale\\s+(?:fattura|documento)|importo\\s+totale|totaalbedrag|total\\s+eur|total\\s+usd|total\\s+\\(eur\\)", 1 },
  { "(?<![\\p{L}])total(?![\\p{L}])|(?<![\\p{L}])totale(?![\\p{L}])|(?<![\\p{L}])totaal(?![\\p{L}])|(?<![\\p{L}])summe(?![\\p{L}])", 2 },
};

/* A "total" cell that is not the amount to pay. */
static const char *total_exclude =
  "sub\\s*-?\\s*total|total\\s+(?:ht|h\\.t\\.|hors|net|neto|netto|sin|base|bruto\\s+sin|iva(?!\\s+incl)|"
  "tva|vat(?!\\s+incl)|tax(?:es)?(?!\\s+incl)|mwst|ust|excl|exkl|items?|art[ií]culos|unidades|uds|qty|"
  "cantidad|quantity|pages?|p[áa]ginas|horas|hours|weight|peso|l[ií]neas|descuento|discount|remise|rabatt|"
  "pagado|paid|pay[ée]|bezahlt|anticipo|deposit|acompte|retenci)|base\\s+imponible|netto|nettobetrag";

typedef struct {
  GRegex *regex;
  int tier;
} CompiledLabel;

static CompiledLabel *compiled_number;
static CompiledLabel *compiled_date;
static CompiledLabel *compiled_total;
static GRegex *re_date_exclude;
static GRegex *re_total_exclude;
static GRegex *re_email;

static CompiledLabel *
compile_labels (const Label *labels,
                guint        n)
{
  CompiledLabel *out = g_new0 (CompiledLabel, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      out[i].regex = g_regex_new (labels[i].pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
      if (out[i].regex == NULL)
        g_error ("bad label pattern %s: %s", labels[i].pattern, error->message);
      out[i].tier = labels[i].tier;
    }
  return out;
}

static void
init_labels (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      compiled_number = compile_labels (number_labels, G_N_ELEMENTS (number_labels));
      compiled_date = compile_labels (date_labels, G_N_ELEMENTS (date_labels));
      compiled_total = compile_labels (total_labels, G_N_ELEMENTS (total_labels));
      re_date_exclude = g_regex_new (date_exclude, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      re_total_exclude = g_regex_new (total_exclude, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      re_email = g_regex_new ("(?<![\\w.%+-])[\\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                              "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])",
                              G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Value validators: each returns a newly allocated value or NULL. */

typedef struct {
  gboolean us_order;
  const char *doc_currency;
} Context;

typedef gboolean (*ValueParser) (const Context *ctx,
                                 const char    *text,
                                 gpointer       out);

typedef struct {
  char *number;
} NumberValue;

static gboolean
looks_like_label_word (const char *token)
{
  /* "Date", "Fecha", "Total" — a word without digits is never a number. */
  for (const char *p = token; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
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
  double amount;
  g_autofree char *matched = NULL;

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
  len = end - p;
  if (len == 0 || len > 40)
    return FALSE;
  token = g_strndup (p, len);
  /* Trailing punctuation and brackets. */
  while (len > 0 && strchr (".,;:)]", token[len - 1]) != NULL)
    token[--len] = '\0';
  while (token[0] == '(' || token[0] == '[')
    memmove (token, token + 1, len--);
  if (len == 0 || looks_like_label_word (token))
    return FALSE;
  /* A date or a money amount is not an invoice number. */
  if (parse_date_full (token, ctx->us_order, NULL, &matched) && strlen (matched) == len)
    return FALSE;
  g_clear_pointer (&matched, g_free);
  if (g_regex_match_simple ("^\\d{1,3}(?:[.,']\\d{3})+[.,]\\d{2}$|^\\d+,\\d{2}$", token, 0, 0))
    return FALSE;   /* 1.080,00 / 80,00: money */
  {
    g_autofree char *currency = NULL;

    /* "2026.17" may well be an invoice number; "1.234,56 €" is not. */
    if (mj_invoice_parse_amount (token, &amount, &currency, &matched) && strlen (matched) == len &&
        (currency != NULL || !g_ascii_isdigit (token[0])))
      return FALSE;
  }
  if (strchr (token, '@') != NULL || g_str_has_prefix (token, "http"))
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

  return parse_date_full (text, ctx->us_order, &dv->iso, &dv->matched);
}

typedef struct {
  double amount;
  char *currency;
  char *matched;
} AmountValue;

static gboolean
parse_amount_value (const Context *ctx,
                    const char    *text,
                    gpointer       out)
{
  AmountValue *av = out;
  g_autofree char *date = NULL;

  if (!mj_invoice_parse_amount (text, &av->amount, &av->currency, &av->matched))
    return FALSE;
  /* "12.03.2026" is a date, not 12.03. */
  if (parse_date_full (text, FALSE, NULL, &date) && strstr (date, av->matched) != NULL)
    {
      g_clear_pointer (&av->currency, g_free);
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
  const CompiledLabel *labels;
  guint n_labels;
  GRegex *exclude;
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

static void
find_field (const FieldSpec *spec,
            const Context   *ctx,
            GPtrArray       *lines,
            Found          **best)
{
  for (guint li = 0; li < lines->len; li++)
    {
      Line *line = g_ptr_array_index (lines, li);

      for (guint ci = 0; ci < line->cells->len; ci++)
        {
          Cell *cell = g_ptr_array_index (line->cells, ci);

          for (guint k = 0; k < spec->n_labels; k++)
            {
              g_autoptr(GMatchInfo) mi = NULL;
              gint s, e;
              gboolean found = FALSE;

              if (*best != NULL && (*best)->tier < spec->labels[k].tier)
                continue;
              if (!g_regex_match (spec->labels[k].regex, cell->text, 0, &mi))
                continue;
              if (spec->exclude != NULL && g_regex_match (spec->exclude, cell->text, 0, NULL))
                continue;
              g_match_info_fetch_pos (mi, 0, &s, &e);

              /* 1. The rest of the cell. */
              if (cell->text[e] != '\0')
                found = try_value (spec, ctx, cell->text + e, spec->labels[k].tier,
                                   CAND_SAME_CELL, li, best);
              /* 2. The next cells on the line (a currency code may sit alone). */
              for (guint nc = ci + 1; !found && nc < line->cells->len && nc <= ci + 2; nc++)
                {
                  Cell *next = g_ptr_array_index (line->cells, nc);
                  g_autofree char *joined = NULL;

                  if (nc == ci + 2)
                    {
                      Cell *mid = g_ptr_array_index (line->cells, ci + 1);
                      gsize l = strlen (mid->text);

                      if (l > 4)
                        break;
                      joined = g_strconcat (mid->text, " ", next->text, NULL);
                    }
                  found = try_value (spec, ctx, joined != NULL ? joined : next->text,
                                     spec->labels[k].tier, CAND_NEXT_CELL, li, best);
                  if (!found && nc == ci + 1)
                    {
                      /* Stop at a cell that is another label (has no digit). */
                      if (!looks_like_label_word (next->text) || strlen (next->text) > 4)
                        break;
                    }
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
                      found = try_value (spec, ctx, bcell->text, spec->labels[k].tier,
                                         CAND_BELOW, li, best);
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

  g_free (v->currency);
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

/* ------------------------------------------------------------------------ */

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
      if (g_str_has_prefix (raw, "mailto:"))
        memmove (raw, raw + 7, strlen (raw) - 6);
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

static GString *
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
    return out;
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
          return out;
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
          return out;
        }
    }
  return out;
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

/* The currency the document is written in: the ISO code or symbol seen most. */
static char *
guess_doc_currency (const char *text,
                    gboolean   *has_dollar)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_n = 0;
  GHashTableIter iter;
  gpointer key, value;

  *has_dollar = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *iso = NULL;
      gsize l;
      gunichar prev = p == text ? ' ' : g_utf8_get_char (g_utf8_prev_char (p));

      if (g_unichar_isalnum (prev) && g_ascii_isalpha (*p))
        continue;
      l = match_currency (p, &iso);
      if (l == 0)
        continue;
      if (g_ascii_isalpha (*p) && g_unichar_isalpha (g_utf8_get_char (p + l)))
        continue;
      if (*iso == '\0')
        *has_dollar = TRUE;
      else
        g_hash_table_insert (counts, (gpointer) iso,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, iso)) + 1));
      p += l - 1;
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) > best_n)
        {
          best = key;
          best_n = GPOINTER_TO_UINT (value);
        }
    }
  return g_strdup (best);
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
  g_autofree char *norm_all = NULL;
  g_autofree char *doc_currency = NULL;
  gboolean has_dollar = FALSE;
  Context ctx = { FALSE, NULL };
  Found *number = NULL, *date = NULL, *total = NULL;
  FieldSpec number_spec, date_spec, total_spec;
  static GRegex *re_english;

  g_return_val_if_fail (text != NULL, fields);

  init_labels ();
  init_date_regexes ();
  if (g_once_init_enter (&re_english))
    g_once_init_leave (&re_english,
                       g_regex_new ("(?<!\\p{L})(?:invoice|bill\\s+to|amount\\s+due|balance\\s+due)(?!\\p{L})",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_utf8_validate (text, -1, NULL))
    norm_all = g_utf8_make_valid (text, -1);
  else
    norm_all = g_strdup (text);

  raw_lines = g_strsplit_set (norm_all, "\n\f", -1);
  for (guint i = 0; raw_lines[i] != NULL; i++)
    g_ptr_array_add (lines, line_new (raw_lines[i]));

  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; i < lines->len; i++)
      {
        Line *l = g_ptr_array_index (lines, i);

        g_string_append (joined, l->text);
        g_string_append_c (joined, '\n');
      }
    g_free (norm_all);
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
  doc_currency = guess_doc_currency (norm_all, &has_dollar);
  /* US month/day order only for an English document billed in dollars. */
  ctx.us_order = g_regex_match (re_english, norm_all, 0, NULL) &&
                 (g_strcmp0 (doc_currency, "USD") == 0 || (doc_currency == NULL && has_dollar));
  ctx.doc_currency = doc_currency;

  number_spec = (FieldSpec) { compiled_number, G_N_ELEMENTS (number_labels), NULL,
                              parse_number_value, sizeof (NumberValue), number_better,
                              free_number_value };
  date_spec = (FieldSpec) { compiled_date, G_N_ELEMENTS (date_labels), re_date_exclude,
                            parse_date_value, sizeof (DateValue), number_better,
                            free_date_value };
  total_spec = (FieldSpec) { compiled_total, G_N_ELEMENTS (total_labels), re_total_exclude,
                             parse_amount_value, sizeof (AmountValue), total_better,
                             free_amount_value };

  find_field (&number_spec, &ctx, lines, &number);
  find_field (&date_spec, &ctx, lines, &date);
  find_field (&total_spec, &ctx, lines, &total);

  if (number != NULL)
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

          if (g_regex_match (re_date_exclude, l->text, 0, NULL))
            continue;
          parse_date_full (l->text, ctx.us_order, &fields->date, &fields->date_text);
        }
    }

  if (total != NULL)
    {
      AmountValue *av = total->value;

      fields->total = g_strdup (av->matched);
      fields->total_amount = av->amount;
      fields->has_total_amount = TRUE;
      fields->currency = g_strdup (av->currency);
      if (fields->currency == NULL)
        {
          if (doc_currency != NULL)
            fields->currency = g_strdup (doc_currency);
          else if (strchr (av->matched, '$') != NULL && ctx.us_order)
            fields->currency = g_strdup ("USD");
        }
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
