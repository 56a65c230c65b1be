#define G_LOG_DOMAIN "mj-explainer"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mj-bounce.h"
#include "mj-catalogue.h"

#include "mj-explainer.h"

/*
 * Lookup order (the explainer is the only place that knows codes):
 *   1. server text patterns (they carry the real cause; Microsoft reuses
 *      numbers with its own meanings),
 *   2. the exact enhanced status (RFC 3463/5248 and provider codes), then a
 *      range, then its subject (X.1.*, X.2.*…, not X.0.*); Microsoft's
 *      meaning of a number other servers use too (the catalogue's
 *      "shared") only in a Microsoft context (mj_explainer_is_microsoft()),
 *   3. the basic reply code (RFC 5321 §4.2.3 and extensions),
 *   4. the class of the enhanced status, then of the reply code,
 *   5. an honest "unknown".
 */

const char * const mj_catalogue_reasons[] = {
  "authfailure", "badreputation", "blocked", "contenterror", "delivered",
  "emailtoolarge", "exceedlimit", "expired", "failedstarttls", "filtered",
  "hasmoved", "hostunknown", "mailboxfull", "mailererror", "networkerror",
  "norelaying", "notaccept", "notcompliantrfc", "onhold", "policyviolation",
  "ratelimited", "rejected", "requireptr", "securityerror", "spamdetected",
  "suppressed", "suspend", "syntaxerror", "systemerror", "systemfull",
  "undefined", "userunknown", "vacation", "virusdetected",
  NULL
};

const MjCatalogueEntry *
mj_catalogue_get (MjCatalogueKind kind,
                  gsize          *n_entries)
{
  switch (kind)
    {
    case MJ_CATALOGUE_TEXT: *n_entries = mj_catalogue_text_len; return mj_catalogue_text;
    case MJ_CATALOGUE_ENHANCED: *n_entries = mj_catalogue_enhanced_len; return mj_catalogue_enhanced;
    case MJ_CATALOGUE_MICROSOFT: *n_entries = mj_catalogue_microsoft_len; return mj_catalogue_microsoft;
    case MJ_CATALOGUE_REPLY: *n_entries = mj_catalogue_reply_len; return mj_catalogue_reply;
    case MJ_CATALOGUE_CLIENT: *n_entries = mj_catalogue_client_len; return mj_catalogue_client;
    case MJ_CATALOGUE_AADSTS: *n_entries = mj_catalogue_aadsts_len; return mj_catalogue_aadsts;
    case MJ_CATALOGUE_CURL: *n_entries = mj_catalogue_curl_len; return mj_catalogue_curl;
    case MJ_CATALOGUE_OTHER: *n_entries = mj_catalogue_other_len; return mj_catalogue_other;
    case MJ_CATALOGUE_N_KINDS:
    default:
      *n_entries = 0;
      return NULL;
    }
}

const MjCatalogueEntry *
mj_catalogue_lookup_id (const char *id)
{
  for (int kind = 0; kind < MJ_CATALOGUE_N_KINDS; kind++)
    {
      gsize n;
      const MjCatalogueEntry *table = mj_catalogue_get (kind, &n);

      for (gsize i = 0; i < n; i++)
        if (strcmp (table[i].id, id) == 0)
          return &table[i];
    }
  g_return_val_if_reached (NULL);
}

/* "a|b&c": any alternative whose "&"-joined parts all occur in @haystack
 * (already folded to lower case). No allocation: this runs for every
 * entry on every text explained. */
static gboolean
text_matches (const char *pattern,
              const char *haystack)
{
  const char *p = pattern;

  while (*p != '\0')
    {
      gboolean all = TRUE;

      /* One alternative: parts up to the next '|'. */
      while (*p != '\0' && *p != '|')
        {
          char needle[256];
          gsize n = 0;

          while (*p != '\0' && *p != '|' && *p != '&')
            {
              if (n < sizeof needle - 1)
                needle[n++] = g_ascii_tolower (*p);
              p++;
            }
          needle[n] = '\0';
          if (all && (n == 0 || strstr (haystack, needle) == NULL))
            all = FALSE;
          if (*p == '&')
            p++;
        }
      if (all)
        return TRUE;
      if (*p == '|')
        p++;
    }
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Reading codes out of free text.                                        */

/* RFC 3463 "class.subject.detail" at @p; its length, or 0. */
static gsize
enhanced_at (const char *start,
             const char *p)
{
  const char *s = p;
  int n;

  if (p > start && (g_ascii_isalnum (p[-1]) || p[-1] == '.'))
    return 0;
  if (*s != '2' && *s != '4' && *s != '5')
    return 0;
  s++;
  if (*s++ != '.')
    return 0;
  for (n = 0; g_ascii_isdigit (*s) && n < 4; n++, s++);
  if (n < 1 || n > 3 || *s++ != '.')
    return 0;
  for (n = 0; g_ascii_isdigit (*s) && n < 4; n++, s++);
  if (n < 1 || n > 3)
    return 0;
  if (g_ascii_isalnum (*s) || (*s == '.' && g_ascii_isdigit (s[1])))
    return 0;
  return s - p;
}

static gboolean
word_is (const char *p,
         const char *word)
{
  gsize len = strlen (word);

  return g_ascii_strncasecmp (p, word, len) == 0 && !g_ascii_isalpha (p[len]);
}

/* The word (letters only) that ends right before @p, lower case. */
static void
word_before (const char *start,
             const char *p,
             char       *out,
             gsize       size)
{
  const char *end = p;
  const char *begin;
  gsize n;

  while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  begin = end;
  while (begin > start && g_ascii_isalpha (begin[-1]))
    begin--;
  n = MIN ((gsize) (end - begin), size - 1);
  for (gsize i = 0; i < n; i++)
    out[i] = g_ascii_tolower (begin[i]);
  out[n] = '\0';
}

/* A number followed by a unit, or after "port"/"after"…, is a measure. */
static gboolean
is_measure (const char *start,
            const char *p)
{
  static const char * const units[] = {
    "ms", "msec", "millisecond", "milliseconds", "s", "sec", "secs", "second", "seconds",
    "min", "mins", "minute", "minutes", "hour", "hours", "day", "days", "byte", "bytes",
    "kb", "mb", "kib", "mib", "recipients", "messages", "connections", "times", "attempts",
    "lines", "characters", "chars", NULL
  };
  static const char * const before[] = {
    "port", "after", "within", "than", "exceeds", "exceeded", "over", "size", "limit", "max",
    "maximum", "least", "most", NULL
  };
  const char *q = p + 3;
  char word[16];

  if (*q == '%')
    return TRUE;
  if (*q == ' ')
    q++;
  for (guint i = 0; units[i] != NULL; i++)
    if (word_is (q, units[i]))
      return TRUE;
  word_before (start, p, word, sizeof word);
  for (guint i = 0; before[i] != NULL; i++)
    if (g_str_equal (word, before[i]))
      return TRUE;
  return FALSE;
}

/* Words after which a reply is quoted ("said: 550", "RCPT failed: 550"). */
static gboolean
after_marker (const char *start,
              const char *p)
{
  static const char * const markers[] = {
    "said", "failed", "responded", "returned", "error", "smtp", "reply", "replied", "response",
    "code", "answered", "respondió", "devuelto", NULL
  };
  const char *q = p;
  char word[16];

  while (q > start && (q[-1] == ' ' || q[-1] == ':' || q[-1] == ';' || q[-1] == '\'' ||
                       q[-1] == '"' || q[-1] == '#' || q[-1] == '='))
    q--;
  if (q == p)
    return FALSE;
  word_before (start, q, word, sizeof word);
  for (guint i = 0; markers[i] != NULL; i++)
    if (g_str_equal (word, markers[i]))
      return TRUE;
  return FALSE;
}

/* Only blanks, quotes or "#<(" between the line start and @p. */
static gboolean
at_line_start (const char *start,
               const char *p)
{
  for (const char *q = p; q > start && q[-1] != '\n'; q--)
    if (strchr (" \t'\"#<([>", q[-1]) == NULL)
      return FALSE;
  return TRUE;
}

/* The enhanced status right after a code ("550 5.1.1", "550-5.1.1",
 * "550; 5.7.515", "550 #5.1.1"); its length, or 0. */
static gsize
enhanced_after_code (const char  *start,
                     const char  *p,
                     const char **status)
{
  const char *q = p + 3;
  gsize len;

  if (*q == '-' || *q == ';' || *q == ',')
    q++;
  while (*q == ' ' || *q == '\t')
    q++;
  if (*q == '#' || *q == '(')
    q++;
  len = enhanced_at (start, q);
  if (len > 0 && *q == *p)
    {
      *status = q;
      return len;
    }
  return 0;
}

static gboolean
is_catch_all (const char *status)
{
  return g_str_has_suffix (status, ".0");
}

MjSmtpReply *
_mj_explainer_parse_text (const char *text)
{
  MjSmtpReply *reply = mj_smtp_reply_parse (text != NULL ? text : "");
  const char *raw = reply->raw;
  const char *best = NULL;
  const char *best_status = NULL;
  gsize best_status_len = 0;
  int best_score = -1;
  const char *first_status = NULL;
  gsize first_len = 0;

  /* The most likely reply code: beside an enhanced status, at a line
   * start, or after "said:"/"failed:"; never a measure. */
  for (const char *p = raw; *p != '\0'; p++)
    {
      const char *status = NULL;
      gsize status_len;
      gboolean line_start;
      int score = 0;

      if (!g_ascii_isdigit (*p) || (p > raw && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-' ||
                                                  p[-1] == '/' || p[-1] == '_' || p[-1] == '+')))
        continue;
      if (p[0] < '2' || p[0] > '5' || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
        continue;
      if (g_ascii_isalnum (p[3]) || p[3] == '.' || p[3] == '@' || p[3] == '/' || p[3] == '_')
        continue;
      if (p[3] == ':' && p[4] != ' ' && p[4] != '\0')
        continue;
      line_start = at_line_start (raw, p);
      /* RFC 5321 4.2: the second digit is 0-5; a line of its own may
       * still carry an odd one ("599 weird"). */
      if (p[1] > '5' && !line_start)
        continue;
      if (is_measure (raw, p))
        continue;
      status_len = enhanced_after_code (raw, p, &status);
      if (status_len > 0)
        score += 4;
      if (line_start)
        score += 2;
      if (after_marker (raw, p))
        score += 2;
      if (score > best_score)
        {
          best = p;
          best_score = score;
          best_status = status;
          best_status_len = status_len;
        }
    }

  for (const char *p = raw; *p != '\0'; p++)
    {
      gsize len = enhanced_at (raw, p);

      if (len == 0)
        continue;
      /* A code's own class first. */
      if (first_status == NULL && (best == NULL || *p == *best))
        {
          first_status = p;
          first_len = len;
        }
      p += len - 1;
    }

  reply->code = best != NULL ? (best[0] - '0') * 100 + (best[1] - '0') * 10 + (best[2] - '0') : 0;
  g_clear_pointer (&reply->enhanced, g_free);
  if (best_status != NULL)
    reply->enhanced = g_strndup (best_status, best_status_len);
  else if (first_status != NULL)
    reply->enhanced = g_strndup (first_status, first_len);
  else
    {
      /* An enhanced status of another class than the code: the number was
       * most likely not a reply code (a count, a year). */
      for (const char *p = raw; *p != '\0' && reply->enhanced == NULL; p++)
        {
          gsize len = enhanced_at (raw, p);

          if (len > 0)
            reply->enhanced = g_strndup (p, len);
        }
      if (reply->enhanced != NULL && best != NULL && best_score < 2)
        reply->code = 0;
    }

  /* A catch-all status ("5.7.0") gives way to a precise one of the same
   * class quoted later (Outlook.com: "554 5.7.0 <#5.7.520 …>"). */
  if (reply->enhanced != NULL && is_catch_all (reply->enhanced))
    {
      const char *after = strstr (raw, reply->enhanced);

      for (const char *p = after != NULL ? after + strlen (reply->enhanced) : raw; *p != '\0'; p++)
        {
          gsize len = enhanced_at (raw, p);

          if (len == 0)
            continue;
          if (*p == reply->enhanced[0])
            {
              g_autofree char *status = g_strndup (p, len);

              if (!is_catch_all (status))
                {
                  g_free (reply->enhanced);
                  reply->enhanced = g_steal_pointer (&status);
                  break;
                }
            }
          p += len - 1;
        }
    }
  return reply;
}

/* ---------------------------------------------------------------------- */
/* The text the patterns are matched against.                            */

static GRegex *
noise_regex (void)
{
  static GRegex *regex;

  /* Reply prefixes of continuation lines ("550-5.7.26 "), a server named
   * with its address ("mx.example.com[192.0.2.1]", "host x.example [1.2.3.4]"),
   * a bracketed server stamp ("[AM0PR01MB1234.eurprd01.prod… 2026-…]",
   * "[Hostname=…]"), and e-mail addresses: none of them says what went
   * wrong, and a name like "antivirus.example" or "spam@" must not be
   * taken for a reason. */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "(?m)^[ \\t>]*[2-5][0-9][0-9](?:[ \\t-]+[245]\\.[0-9]{1,3}\\.[0-9]{1,3})?(?=[ \\t-]|$)[ \\t-]?"
      "|[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+[ \\t]?\\[[0-9A-Fa-f.:]+\\]"
      "|\\[(?:Hostname=)?[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+){2,}[^\\]\\n]*\\]"
      "|[^\\s<>()\\[\\]\"',;:]+@[A-Za-z0-9.-]+",
      G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static char *
collapse_lower (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;
  g_autofree char *lower = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  lower = g_utf8_strdown (out->str, out->len);
  g_string_free (out, TRUE);
  return g_steal_pointer (&lower);
}

/* "SubmissionQuotaExceededException" → "Submission Quota Exceeded Exception",
 * "ADRRecipNotFound" → "ADR Recip Not Found"; NULL when there is none. */
static char *
split_camel_case (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  gboolean changed = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p > text && g_ascii_isupper (*p) &&
          (g_ascii_islower (p[-1]) || (g_ascii_isupper (p[-1]) && g_ascii_islower (p[1]))))
        {
          g_string_append_c (out, ' ');
          changed = TRUE;
        }
      g_string_append_c (out, *p);
    }
  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
_mj_explainer_match_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *quiet = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *camel = NULL;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  g_strdelimit (valid, "\r", '\n');
  quiet = g_regex_replace_literal (noise_regex (), valid, -1, 0, " ", 0, NULL);
  if (quiet == NULL)
    quiet = g_strdup (valid);
  plain = collapse_lower (quiet);
  camel = split_camel_case (quiet);
  if (camel != NULL)
    {
      g_autofree char *folded = collapse_lower (camel);

      return g_strconcat (plain, "\n", folded, NULL);
    }
  return g_steal_pointer (&plain);
}

static const MjCatalogueEntry *
lookup_text (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;
  folded = _mj_explainer_match_text (text);
  for (gsize i = 0; i < mj_catalogue_text_len; i++)
    if (text_matches (mj_catalogue_text[i].match, folded))
      return &mj_catalogue_text[i];
  return NULL;
}

typedef struct {
  int klass;      /* 2, 4, 5, or -1 for "X" */
  int subject;    /* -1 for "*" */
  int lo, hi;     /* detail range; -1 for "*" */
} EnhancedPattern;

static gboolean
parse_pattern (const char      *match,
               EnhancedPattern *out)
{
  g_auto(GStrv) parts = g_strsplit (match, ".", 3);
  const char *dash;

  if (g_strv_length (parts) != 3)
    return FALSE;
  out->klass = parts[0][0] == 'X' ? -1 : atoi (parts[0]);
  out->subject = parts[1][0] == '*' ? -1 : atoi (parts[1]);
  if (parts[2][0] == '*')
    out->lo = out->hi = -1;
  else
    {
      out->lo = atoi (parts[2]);
      dash = strchr (parts[2], '-');
      out->hi = dash != NULL ? atoi (dash + 1) : out->lo;
    }
  return TRUE;
}

/* Scores how specifically @entry matches class.subject.detail; 0 = not. */
static int
enhanced_score (const MjCatalogueEntry *entry,
                int                     klass,
                int                     subject,
                int                     detail,
                guint                   code)
{
  EnhancedPattern p;
  int score;

  if (!parse_pattern (entry->match, &p))
    return 0;
  if (p.klass != -1 && p.klass != klass)
    return 0;
  if (entry->code != 0 && entry->code != code)
    return 0;

  if (p.subject == -1)
    score = 1;
  else if (p.subject != subject)
    return 0;
  else if (p.lo == -1)
    score = p.subject == 0 ? 0 : 10;
  else if (detail < p.lo || detail > p.hi)
    return 0;
  else
    score = p.lo == p.hi ? 40 : 30;

  if (score == 0)
    return 0;
  if (p.klass != -1)
    score += 2;
  if (entry->code != 0)
    score += 5;
  return score;
}

static const MjCatalogueEntry *
lookup_enhanced (const char *enhanced,
                 guint       code,
                 gboolean    class_only,
                 gboolean    microsoft,
                 gboolean   *skipped)
{
  const MjCatalogueEntry *best = NULL;
  int best_score = 0;
  int klass, subject, detail;

  if (enhanced == NULL || sscanf (enhanced, "%d.%d.%d", &klass, &subject, &detail) != 3)
    return NULL;

  for (int t = 0; t < 2; t++)
    {
      gsize n = t == 0 ? mj_catalogue_enhanced_len : mj_catalogue_microsoft_len;
      const MjCatalogueEntry *table = t == 0 ? mj_catalogue_enhanced : mj_catalogue_microsoft;

      for (gsize i = 0; i < n; i++)
        {
          int score;

          /* Microsoft's meaning of a number every server may use needs a
           * Microsoft context; elsewhere the RFC meaning applies. */
          if (table[i].shared && !microsoft)
            {
              if (skipped != NULL && enhanced_score (&table[i], klass, subject, detail, code) >= 10)
                *skipped = TRUE;
              continue;
            }
          score = enhanced_score (&table[i], klass, subject, detail, code);

          if (class_only ? score > 0 && score < 10 : score >= 10)
            if (score > best_score)
              {
                best = &table[i];
                best_score = score;
              }
        }
    }
  return best;
}

static const MjCatalogueEntry *
lookup_reply_code (guint code)
{
  for (gsize i = 0; i < mj_catalogue_reply_len; i++)
    if (mj_catalogue_reply[i].code == code)
      return &mj_catalogue_reply[i];
  return NULL;
}

static const MjCatalogueEntry *
lookup_class (guint first)
{
  char match[8];

  g_snprintf (match, sizeof match, "%u.*.*", first);
  for (gsize i = 0; i < mj_catalogue_enhanced_len; i++)
    if (strcmp (mj_catalogue_enhanced[i].match, match) == 0)
      return &mj_catalogue_enhanced[i];
  return NULL;
}

static const MjCatalogueEntry *
other_entry (const char *id)
{
  for (gsize i = 0; i < mj_catalogue_other_len; i++)
    if (strcmp (mj_catalogue_other[i].id, id) == 0)
      return &mj_catalogue_other[i];
  g_return_val_if_reached (&mj_catalogue_other[0]);
}

static char
class_of (guint       code,
          const char *enhanced,
          char        fallback)
{
  guint first = 0;

  if (code != 0)
    first = code / 100;
  else if (enhanced != NULL)
    first = enhanced[0] - '0';

  switch (first)
    {
    case 2: return 'S';
    case 3: return 'S';
    case 4: return 'T';
    case 5: return 'P';
    default: return fallback;
    }
}

/* ---------------------------------------------------------------------- */
/* Whether a reply is Microsoft's.                                        */

/* The domains of Microsoft's mail servers: Outlook.com and Microsoft 365
 * submission (smtp-mail.outlook.com, smtp.office365.com), their MX
 * (*.mail.protection.outlook.com, *.olc.protection.outlook.com), the
 * servers that stamp replies (*.prod.outlook.com, *.prod.exchangelabs.com)
 * and the national clouds (office365.us, partner.outlook.cn). */
static gboolean
is_microsoft_host (const char *host)
{
  static const char * const domains[] = {
    "outlook.com", "office365.com", "office365.us", "outlook.cn", "exchangelabs.com",
    "hotmail.com", "live.com", NULL
  };
  g_autofree char *lower = NULL;
  const char *name;
  gsize len;

  if (host == NULL)
    return FALSE;
  /* "dns; mx.example.com" (RFC 3464 MTA names carry a type). */
  name = strrchr (host, ';') != NULL ? strrchr (host, ';') + 1 : host;
  lower = g_ascii_strdown (name, -1);
  g_strstrip (lower);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  for (guint i = 0; domains[i] != NULL; i++)
    {
      gsize dlen = strlen (domains[i]);

      if (len >= dlen && strcmp (lower + len - dlen, domains[i]) == 0 &&
          (len == dlen || lower[len - dlen - 1] == '.'))
        return TRUE;
    }
  return FALSE;
}

static GRegex *
stamp_regex (void)
{
  static GRegex *regex;

  /* Host names not part of an e-mail address (a recipient at outlook.com
   * says nothing about who answered) and Microsoft's anti-spam rule
   * numbers ("(AS761)", "AS(4810)"). */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "(?<![@A-Za-z0-9._-])([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+)(?![A-Za-z0-9_@-])"
      "|\\(AS[0-9]{3,8}\\)|\\bAS\\([0-9]{3,8}\\)",
      G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static gboolean
text_is_microsoft (const char *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *lower = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  valid = g_utf8_make_valid (text, -1);
  lower = g_ascii_strdown (valid, -1);
  /* Microsoft's aka.ms links and Exchange's component names
   * ("STOREDRV.Submission", "RESOLVER.ADR.RecipNotFound"). */
  if (strstr (lower, "aka.ms/") != NULL || strstr (valid, "STOREDRV.") != NULL ||
      strstr (valid, "RESOLVER.") != NULL)
    return TRUE;
  g_regex_match (stamp_regex (), valid, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *host = g_match_info_fetch (match, 1);

      if (host == NULL || host[0] == '\0' || is_microsoft_host (host))
        return TRUE;
      g_match_info_next (match, NULL);
    }
  return FALSE;
}

/**
 * mj_explainer_is_microsoft:
 * @context: (nullable): what the caller knows
 * @text: (nullable): the reply or diagnostic
 *
 * Returns: whether a reply is to be read with Microsoft's meanings
 */
gboolean
mj_explainer_is_microsoft (const MjExplainContext *context,
                           const char             *text)
{
  if (context != NULL && context->provider_id != NULL &&
      (g_str_equal (context->provider_id, "outlook.com") ||
       g_str_equal (context->provider_id, "microsoft365")))
    return TRUE;
  if (context != NULL && is_microsoft_host (context->server_host))
    return TRUE;
  return text_is_microsoft (text);
}

/**
 * mj_explainer_explain_reply:
 * @reply: a parsed reply (see mj_smtp_reply_parse())
 *
 * The same as mj_explainer_explain_reply_full() without a context.
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_reply (const MjSmtpReply *reply)
{
  return mj_explainer_explain_reply_full (reply, NULL);
}

/**
 * mj_explainer_explain_reply_full:
 * @reply: a parsed reply (see mj_smtp_reply_parse())
 * @context: (nullable): where the reply came from
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_reply_full (const MjSmtpReply      *reply,
                                 const MjExplainContext *context)
{
  g_return_val_if_fail (reply != NULL, _mj_explanation_new (other_entry ("unknown"), 0, NULL, 'U', NULL));

  return _mj_explainer_explain_reply_as (reply, 0, context);
}

MjExplanation *
_mj_explainer_explain_reply_as (const MjSmtpReply      *reply,
                                char                    forced_class,
                                const MjExplainContext *context)
{
  const MjCatalogueEntry *entry = NULL;
  const MjCatalogueEntry *by_code;
  const char *text;
  gboolean microsoft;
  gboolean skipped = FALSE;
  char klass;

  text = reply->raw != NULL ? reply->raw : reply->text;
  /* Whose meaning the number has is asked only when it matters: when one
   * of Microsoft's shared numbers matched. */
  by_code = lookup_enhanced (reply->enhanced, reply->code, FALSE, FALSE, &skipped);
  microsoft = skipped && mj_explainer_is_microsoft (context, text);
  if (microsoft)
    {
      by_code = lookup_enhanced (reply->enhanced, reply->code, FALSE, TRUE, NULL);
      skipped = FALSE;
    }
  /* Microsoft's own meaning set aside, all that is left of the number is
   * its subject ("X.7.*"): the basic reply code says more ("535 5.7.3"
   * from another server is a refused login). */
  if (skipped && by_code != NULL && by_code->match[0] == 'X' && g_str_has_suffix (by_code->match, ".*") &&
      reply->code != 0 && lookup_reply_code (reply->code) != NULL)
    by_code = NULL;
  /* A precise provider number beats general wordings; a success is never
   * read as a failure because its text says "SMTPUTF8" or "spam filter". */
  if (by_code != NULL && by_code->precise)
    entry = by_code;
  else if (class_of (reply->code, reply->enhanced, 0) != 'S')
    entry = lookup_text (text);
  if (entry == NULL)
    entry = by_code;
  if (entry == NULL && reply->code != 0)
    entry = lookup_reply_code (reply->code);
  if (entry == NULL && reply->enhanced != NULL)
    entry = lookup_enhanced (reply->enhanced, reply->code, TRUE, microsoft, NULL);
  if (entry == NULL && reply->code != 0)
    entry = lookup_class (reply->code / 100);
  if (entry == NULL)
    entry = other_entry ("unknown");

  klass = forced_class != 0 ? forced_class : class_of (reply->code, reply->enhanced, entry->klass);
  return _mj_explanation_new (entry, reply->code, reply->enhanced, klass, text);
}

static const MjCatalogueEntry *
lookup_prefixed (const MjCatalogueEntry *table,
                 gsize                   n,
                 const char             *key)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (table[i].match, key) == 0)
      return &table[i];
  return NULL;
}

/**
 * mj_explainer_explain_client_code:
 * @code: an Outlook client code such as "0x800CCC0E" (case does not matter)
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_client_code (const char *code)
{
  const MjCatalogueEntry *entry;

  g_return_val_if_fail (code != NULL, mj_explainer_explain_text (""));

  entry = lookup_prefixed (mj_catalogue_client, mj_catalogue_client_len, code);
  if (entry == NULL)
    entry = other_entry ("client-unknown");
  return _mj_explanation_new (entry, 0, NULL, entry->klass, code);
}

/**
 * mj_explainer_explain_aadsts:
 * @code: a Microsoft Entra error such as "AADSTS65001" or "65001"
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_aadsts (const char *code)
{
  const MjCatalogueEntry *entry;
  g_autofree char *key = NULL;

  g_return_val_if_fail (code != NULL, mj_explainer_explain_text (""));

  key = g_ascii_strncasecmp (code, "AADSTS", 6) == 0 ? g_strdup (code)
                                                     : g_strconcat ("AADSTS", code, NULL);
  entry = lookup_prefixed (mj_catalogue_aadsts, mj_catalogue_aadsts_len, key);
  if (entry == NULL)
    entry = other_entry ("aadsts-unknown");
  return _mj_explanation_new (entry, 0, NULL, entry->klass, key);
}

/**
 * mj_explainer_explain_curl:
 * @curl_code: a CURLcode as an int (not 0)
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_curl (int curl_code)
{
  const MjCatalogueEntry *entry = NULL;
  g_autofree char *diagnostic = g_strdup_printf ("curl error %d", curl_code);

  for (gsize i = 0; i < mj_catalogue_curl_len && entry == NULL; i++)
    if ((int) mj_catalogue_curl[i].code == curl_code)
      entry = &mj_catalogue_curl[i];
  if (entry == NULL)
    entry = other_entry ("curl-unknown");
  return _mj_explanation_new (entry, 0, NULL, entry->klass, diagnostic);
}

MjExplanation *
_mj_explainer_explain_id (const char *id,
                          guint       reply_code,
                          const char *enhanced,
                          char        klass,
                          const char *diagnostic)
{
  const MjCatalogueEntry *entry = mj_catalogue_lookup_id (id);

  if (entry == NULL)
    entry = other_entry ("unknown");
  return _mj_explanation_new (entry, reply_code, enhanced, klass != 0 ? klass : entry->klass,
                              diagnostic);
}

MjExplanation *
mj_explainer_explain_auto_reply (void)
{
  return _mj_explanation_new (other_entry ("auto-reply"), 0, NULL, 'S', NULL);
}

MjExplanation *
mj_explainer_explain_not_bounce (void)
{
  return _mj_explanation_new (other_entry ("not-bounce"), 0, NULL, 'U', NULL);
}

/* Finds @prefix followed by [0-9A-Fa-f] (hex) or digits, as a word. */
static char *
find_token (const char *text,
            const char *prefix,
            gboolean    hex,
            gsize       min_digits,
            gsize       max_digits)
{
  gsize plen = strlen (prefix);

  for (const char *p = text; *p != '\0'; p++)
    {
      gsize n = 0;

      if (g_ascii_strncasecmp (p, prefix, plen) != 0)
        continue;
      if (p > text && g_ascii_isalnum (p[-1]))
        continue;
      while (n < max_digits + 1 && (hex ? g_ascii_isxdigit (p[plen + n]) : g_ascii_isdigit (p[plen + n])))
        n++;
      if (n >= min_digits && n <= max_digits && !g_ascii_isalnum (p[plen + n]))
        {
          char *token = g_strndup (p, plen + n);

          /* Canonical spelling: upper-case prefix and hex digits. */
          if (hex)
            {
              char *up = g_ascii_strup (token, -1);

              up[1] = 'x';
              g_free (token);
              return up;
            }
          memcpy (token, prefix, plen);
          return token;
        }
    }
  return NULL;
}

static const MjCatalogueEntry *
lookup_curl_text (const char *text)
{
  g_autofree char *folded = g_ascii_strdown (text, -1);

  for (gsize i = 0; i < mj_catalogue_curl_len; i++)
    if (text_matches (mj_catalogue_curl[i].match, folded))
      return &mj_catalogue_curl[i];
  return NULL;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/**
 * mj_explainer_explain_text:
 * @text: anything pasted: a server reply, a sentence of a bounce, an
 *   Outlook client code (0x800CCC0E), an Entra code (AADSTS65001), a curl
 *   error (CURLE_LOGIN_DENIED, "curl: (67) Login denied")
 *
 * The same as mj_explainer_explain_full() without a context.
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_text (const char *text)
{
  return mj_explainer_explain_full (text, NULL);
}

/**
 * mj_explainer_explain_full:
 * @text: as for mj_explainer_explain_text()
 * @context: (nullable): the account's provider and server, when known. A
 *   whole pasted bounce names its own servers (Remote-MTA, Reporting-MTA)
 *   and is read with those instead.
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_full (const char             *text,
                           const MjExplainContext *context)
{
  g_autoptr(MjSmtpReply) reply = NULL;
  g_autofree char *token = NULL;
  const MjCatalogueEntry *entry;
  const char *curl_mark;

  if (text == NULL)
    text = "";

  /* A whole bounce pasted: read it as one, not by its first number. */
  if (count_lines (text) >= 3)
    {
      g_autoptr(MjBounce) bounce = mj_bounce_parse_text (text);
      MjExplanation *overall = mj_bounce_get_explanation (bounce);
      const char *id = mj_explanation_get_entry_id (overall);

      if (mj_bounce_get_kind (bounce) != MJ_BOUNCE_KIND_NONE && !g_str_equal (id, "not-bounce") &&
          !g_str_equal (id, "bounce-no-diagnostic"))
        return g_object_ref (overall);
    }

  reply = _mj_explainer_parse_text (text);

  /* curl's own words ("curl: (7) Failed to connect…") explain a failure
   * that never got a server reply; when it quotes one ("curl: (55) RCPT
   * failed: 550"), the server's reply says more. */
  curl_mark = strstr (text, "curl: (");
  if (curl_mark != NULL && g_ascii_isdigit (curl_mark[7]) && reply->code == 0 && reply->enhanced == NULL)
    return mj_explainer_explain_curl (atoi (curl_mark + 7));

  if (lookup_text (reply->raw) != NULL)
    return mj_explainer_explain_reply_full (reply, context);

  token = find_token (text, "AADSTS", FALSE, 4, 8);
  if (token != NULL)
    return mj_explainer_explain_aadsts (token);

  /* Outlook shows the server's reply next to its own code: prefer the reply. */
  g_clear_pointer (&token, g_free);
  token = find_token (text, "0x800CCC", TRUE, 2, 2);
  if (token != NULL && reply->code == 0 && reply->enhanced == NULL)
    return mj_explainer_explain_client_code (token);

  if (reply->code == 0 && reply->enhanced == NULL)
    {
      entry = lookup_curl_text (text);
      if (entry != NULL)
        return _mj_explanation_new (entry, 0, NULL, entry->klass, reply->raw);
    }

  if (token != NULL && reply->code == 0 && reply->enhanced == NULL)
    return mj_explainer_explain_client_code (token);

  return mj_explainer_explain_reply_full (reply, context);
}
