#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include <string.h>

#include "mj-invoice-amount.h"
#include "mj-invoice-text.h"
#include "mj-invoice-text-private.h"

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

gboolean
mj_invoice_currency_is_ambiguous (const char *iso)
{
  return iso != NULL && (strcmp (iso, "$") == 0 || strcmp (iso, "kr") == 0 || strcmp (iso, "¥") == 0);
}

/* Whether an amount printed with @symbol (an ambiguous symbol; NULL or ""
 * for none) may be in @iso. */
gboolean
mj_invoice_currency_may_be (const char *symbol,
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

/* An ISO 4217 code at @p (or "euro", "euros"); @len gets its length. */
const char *
mj_invoice_currency_match_code (const char *p,
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
  code = mj_invoice_currency_match_code (p, &len);
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
  return c == '.' || c == ',' || c == '\'' || c == 0x2019 || _mj_invoice_is_space (c);
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
          if (_mj_invoice_is_space (c))
            {
              if (!(g_ascii_isdigit (next[0]) && g_ascii_isdigit (next[1]) && g_ascii_isdigit (next[2]) &&
                    !g_ascii_isdigit (next[3])))
                break;
              if (digits_after_last_sep > 3 || (last_sep_char != 0 && !_mj_invoice_is_space (last_sep_char)))
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

/**
 * mj_invoice_amount_scan:
 * @text: valid UTF-8
 * @amount: (out): the value, negative when printed so
 * @currency: (out) (transfer none): an ISO code, an ambiguous symbol ("$",
 *   "kr", "¥") or NULL
 * @matched: (out) (optional): the amount as written, currency included
 * @end: (out) (optional): where the amount ends in @text
 *
 * The first money amount in @text, as mj_invoice_parse_amount() finds it,
 * with the currency as printed.
 */
gboolean
mj_invoice_amount_scan (const char  *text,
                        double      *amount,
                        const char **currency,
                        char       **matched,
                        const char **end)
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
      num_start = cl > 0 ? _mj_invoice_skip_spaces (p + cl) : p;
      nl = parse_number (num_start, &value, &decimals);
      if (nl == 0)
        continue;
      after = num_start + nl;
      s = _mj_invoice_skip_spaces (after);
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
      if (cl == 0 || mj_invoice_currency_is_ambiguous (iso))
        {
          const char *tail_iso = NULL;
          gsize tl = match_currency (text, s, &tail_iso);

          if (tl > 0 && (cl == 0 || !mj_invoice_currency_is_ambiguous (tail_iso)))
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
      *currency = iso;
      if (matched != NULL)
        *matched = g_strstrip (g_strndup (start, after - start));
      if (end != NULL)
        *end = after;
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
  if (!mj_invoice_amount_scan (text, amount, &iso, matched, NULL))
    return FALSE;
  if (iso != NULL && strcmp (iso, "¥") == 0)
    iso = "JPY";   /* CN¥ and 元 say yuan */
  if (currency != NULL)
    *currency = (iso != NULL && !mj_invoice_currency_is_ambiguous (iso)) ? g_strdup (iso) : NULL;
  return TRUE;
}
