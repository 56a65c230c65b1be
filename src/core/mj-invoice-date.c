#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mj-invoice-date.h"
#include "mj-invoice-text.h"

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
  { "agustus", 8 },
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

/* Runs @re over @text; for each match, @gd, @gm, @gy are the groups of the
 * day, month and year (a month group may hold a name). */
static void
scan_dates (GRegex             *re,
            const char         *text,
            int                 gd,
            int                 gm,
            int                 gy,
            MjInvoiceDateOrder  order,
            DateHit            *best)
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
      if (re == re_numeric_dmy && (im > 12 || (order == MJ_INVOICE_DATE_MDY_FIRST && id <= 12)))
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
parse_date_full (const char          *text,
                 MjInvoiceDateOrder   order,
                 char               **iso,
                 char               **matched)
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
 * mj_invoice_date_scan:
 * @text: text holding a date
 * @order: how to read 05/11/2026
 * @iso: (out) (optional): "YYYY-MM-DD"
 * @matched: (out) (optional): the date as written
 *
 * Like mj_invoice_parse_date(), reading numeric dates in @order.
 */
gboolean
mj_invoice_date_scan (const char          *text,
                      MjInvoiceDateOrder   order,
                      char               **iso,
                      char               **matched)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  /* GRegex needs valid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return parse_date_full (text, order, iso, matched);
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
  return mj_invoice_date_scan (text, MJ_INVOICE_DATE_DMY_FIRST, iso, matched);
}

/**
 * mj_invoice_date_guess_order:
 * @text: a whole document
 * @us_dollars: whether it is an English invoice in US dollars
 *
 * Month first only where the document shows it (more numeric dates whose
 * second number is above 12 than whose first is) or, when it shows nothing
 * either way, for an English invoice in US dollars.
 */
MjInvoiceDateOrder
mj_invoice_date_guess_order (const char *text,
                             gboolean    us_dollars)
{
  g_autofree char *valid = NULL;
  g_autoptr(GMatchInfo) mi = NULL;
  int dmy = 0, mdy = 0;

  g_return_val_if_fail (text != NULL, MJ_INVOICE_DATE_DMY_FIRST);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
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
    return mdy > dmy ? MJ_INVOICE_DATE_MDY_FIRST : MJ_INVOICE_DATE_DMY_FIRST;
  return us_dollars ? MJ_INVOICE_DATE_MDY_FIRST : MJ_INVOICE_DATE_DMY_FIRST;
}
