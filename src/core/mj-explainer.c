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
 *      range, then its subject (X.1.*, X.2.*…, not X.0.*),
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

static const MjCatalogueEntry *
lookup_text (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;
  folded = g_ascii_strdown (text, -1);
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
                 gboolean    class_only)
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
          int score = enhanced_score (&table[i], klass, subject, detail, code);

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

/**
 * mj_explainer_explain_reply:
 * @reply: a parsed reply (see mj_smtp_reply_parse())
 *
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_reply (const MjSmtpReply *reply)
{
  g_return_val_if_fail (reply != NULL, _mj_explanation_new (other_entry ("unknown"), 0, NULL, 'U', NULL));

  return _mj_explainer_explain_reply_as (reply, 0);
}

MjExplanation *
_mj_explainer_explain_reply_as (const MjSmtpReply *reply,
                                char               forced_class)
{
  const MjCatalogueEntry *entry = NULL;
  const char *text;
  char klass;

  text = reply->raw != NULL ? reply->raw : reply->text;
  entry = lookup_text (text);
  if (entry == NULL)
    entry = lookup_enhanced (reply->enhanced, reply->code, FALSE);
  if (entry == NULL && reply->code != 0)
    entry = lookup_reply_code (reply->code);
  if (entry == NULL && reply->enhanced != NULL)
    entry = lookup_enhanced (reply->enhanced, reply->code, TRUE);
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
 * Returns: (transfer full): the explanation; never %NULL
 */
MjExplanation *
mj_explainer_explain_text (const char *text)
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

  reply = mj_smtp_reply_parse (text);
  if (lookup_text (reply->raw) != NULL)
    return mj_explainer_explain_reply (reply);

  token = find_token (text, "AADSTS", FALSE, 4, 8);
  if (token != NULL)
    return mj_explainer_explain_aadsts (token);

  /* Outlook shows the server's reply next to its own code: prefer the reply. */
  g_clear_pointer (&token, g_free);
  token = find_token (text, "0x800CCC", TRUE, 2, 2);
  if (token != NULL && reply->code == 0 && reply->enhanced == NULL)
    return mj_explainer_explain_client_code (token);

  curl_mark = strstr (text, "curl: (");
  if (curl_mark != NULL && g_ascii_isdigit (curl_mark[7]))
    return mj_explainer_explain_curl (atoi (curl_mark + 7));
  if (reply->code == 0 && reply->enhanced == NULL)
    {
      entry = lookup_curl_text (text);
      if (entry != NULL)
        return _mj_explanation_new (entry, 0, NULL, entry->klass, reply->raw);
    }

  if (token != NULL && reply->code == 0 && reply->enhanced == NULL)
    return mj_explainer_explain_client_code (token);

  return mj_explainer_explain_reply (reply);
}
