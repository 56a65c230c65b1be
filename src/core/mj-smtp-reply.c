#define G_LOG_DOMAIN "mj-smtp-reply"

#include "config.h"

#include <string.h>

#include "mj-smtp-reply.h"

G_DEFINE_BOXED_TYPE (MjSmtpReply, mj_smtp_reply, mj_smtp_reply_copy, mj_smtp_reply_free)

MjSmtpReply *
mj_smtp_reply_new (guint       code,
                   const char *enhanced,
                   const char *text)
{
  MjSmtpReply *reply = g_new0 (MjSmtpReply, 1);

  reply->code = code;
  reply->enhanced = g_strdup (enhanced);
  reply->text = g_strdup (text != NULL ? text : "");
  if (code != 0)
    reply->raw = g_strdup_printf ("%u%s%s%s%s", code,
                                  enhanced ? " " : "", enhanced ? enhanced : "",
                                  reply->text[0] ? " " : "", reply->text);
  else
    reply->raw = g_strdup (reply->text);
  return reply;
}

MjSmtpReply *
mj_smtp_reply_copy (const MjSmtpReply *reply)
{
  MjSmtpReply *copy;

  g_return_val_if_fail (reply != NULL, NULL);

  copy = g_new0 (MjSmtpReply, 1);
  copy->code = reply->code;
  copy->enhanced = g_strdup (reply->enhanced);
  copy->text = g_strdup (reply->text);
  copy->raw = g_strdup (reply->raw);
  return copy;
}

void
mj_smtp_reply_free (MjSmtpReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->enhanced);
  g_free (reply->text);
  g_free (reply->raw);
  g_free (reply);
}

/* RFC 3463: class "." subject "." detail, class 2, 4 or 5, subject 1-3
 * digits, detail 1-3 digits. */
static gsize
match_enhanced (const char *p)
{
  const char *s = p;
  int n;

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

gboolean
mj_smtp_enhanced_status_valid (const char *status)
{
  gsize len;

  if (status == NULL)
    return FALSE;
  len = match_enhanced (status);
  return len > 0 && status[len] == '\0';
}

static gboolean
is_word_start (const char *start,
               const char *p)
{
  return p == start || !(g_ascii_isalnum (p[-1]) || p[-1] == '.');
}

/* A reply code: three digits, first 2-5, second 0-5, not part of a longer
 * number, an address or a dotted status. */
static gboolean
match_code (const char *start,
            const char *p)
{
  if (!is_word_start (start, p))
    return FALSE;
  if (p[0] < '2' || p[0] > '5' || p[1] < '0' || p[1] > '5' || !g_ascii_isdigit (p[2]))
    return FALSE;
  if (g_ascii_isalnum (p[3]) || p[3] == '.' || p[3] == '@' || p[3] == ':')
    return p[3] == ':' && (p[4] == ' ' || p[4] == '\0') ? TRUE : FALSE;
  return TRUE;
}

static void
strip_trailing (GString *s)
{
  while (s->len > 0 && g_ascii_isspace (s->str[s->len - 1]))
    g_string_truncate (s, s->len - 1);
}

/* A wire reply: every line is "NNN-text" or "NNN text" (RFC 5321 4.2). */
static gboolean
parse_wire (char       **lines,
            MjSmtpReply *reply)
{
  GString *text = g_string_new (NULL);
  guint code = 0;
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      guint this_code;

      if (l[0] == '\0')
        continue;
      if (strlen (l) < 3 || !g_ascii_isdigit (l[0]) || !g_ascii_isdigit (l[1]) ||
          !g_ascii_isdigit (l[2]) || (l[3] != '\0' && l[3] != ' ' && l[3] != '-'))
        {
          g_string_free (text, TRUE);
          return FALSE;
        }
      this_code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
      if (code != 0 && this_code != code)
        {
          g_string_free (text, TRUE);
          return FALSE;
        }
      code = this_code;
      l += l[3] != '\0' ? 4 : 3;

      /* Each line may repeat the enhanced code (Exchange, Postfix do). */
      {
        gsize elen = match_enhanced (l);

        if (elen > 0 && (l[elen] == ' ' || l[elen] == '\0'))
          {
            if (reply->enhanced == NULL)
              reply->enhanced = g_strndup (l, elen);
            l += elen;
            while (*l == ' ')
              l++;
          }
      }

      if (n++ > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, l);
    }

  if (code < 200 || code > 599)
    {
      g_string_free (text, TRUE);
      g_clear_pointer (&reply->enhanced, g_free);
      return FALSE;
    }

  strip_trailing (text);
  reply->code = code;
  reply->text = g_string_free (text, FALSE);
  return TRUE;
}

/* Free text that quotes a reply somewhere: a bounce's Diagnostic-Code, a
 * log line, an NDR sentence. Take the first plausible code and the first
 * enhanced status, and keep all the text. */
static void
parse_loose (const char  *input,
             MjSmtpReply *reply)
{
  const char *p;

  for (p = input; *p != '\0'; p++)
    {
      if (reply->enhanced == NULL && is_word_start (input, p))
        {
          gsize elen = match_enhanced (p);

          if (elen > 0)
            {
              reply->enhanced = g_strndup (p, elen);
              p += elen - 1;
              continue;
            }
        }
      if (reply->code == 0 && g_ascii_isdigit (*p) && match_code (input, p))
        {
          /* "#550 5.1.1" (Exchange) and "smtp; 550" (DSN) both qualify. */
          reply->code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
          p += 2;
        }
      if (reply->code != 0 && reply->enhanced != NULL)
        break;
    }

  /* An enhanced status alone still says success/temporary/permanent, but a
   * code that contradicts the enhanced class was most likely a number that
   * just looked like one. */
  if (reply->code != 0 && reply->enhanced != NULL && reply->code / 100 != (guint) (reply->enhanced[0] - '0'))
    reply->code = 0;

  {
    g_autofree char *stripped = g_strstrip (g_strdup (input));
    reply->text = g_steal_pointer (&stripped);
  }
}

/**
 * mj_smtp_reply_parse:
 * @text: a reply as received ("250-…\r\n250 OK"), or any text that quotes one
 *
 * Returns: (transfer full): the parsed reply; never %NULL. A text without
 *   any code gives @code 0 and no enhanced status.
 */
MjSmtpReply *
mj_smtp_reply_parse (const char *text)
{
  g_autofree char *normalized = NULL;
  g_auto(GStrv) lines = NULL;
  MjSmtpReply *reply;

  g_return_val_if_fail (text != NULL, NULL);

  reply = g_new0 (MjSmtpReply, 1);

  if (!g_utf8_validate (text, -1, NULL))
    normalized = g_utf8_make_valid (text, -1);
  else
    normalized = g_strdup (text);

  /* CRLF, CR, LF all end a line. */
  g_strdelimit (normalized, "\r", '\n');
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (normalized));
    reply->raw = g_steal_pointer (&trimmed);
  }

  lines = g_strsplit (reply->raw, "\n", -1);
  if (!parse_wire (lines, reply))
    parse_loose (reply->raw, reply);

  return reply;
}

MjReplyClass
mj_smtp_reply_get_class (const MjSmtpReply *reply)
{
  guint first;

  g_return_val_if_fail (reply != NULL, MJ_REPLY_CLASS_UNKNOWN);

  if (reply->code != 0)
    first = reply->code / 100;
  else if (reply->enhanced != NULL)
    first = reply->enhanced[0] - '0';
  else
    return MJ_REPLY_CLASS_UNKNOWN;

  switch (first)
    {
    case 2: return MJ_REPLY_CLASS_SUCCESS;
    case 3: return MJ_REPLY_CLASS_INTERMEDIATE;
    case 4: return MJ_REPLY_CLASS_TEMPORARY;
    case 5: return MJ_REPLY_CLASS_PERMANENT;
    default: return MJ_REPLY_CLASS_UNKNOWN;
    }
}

const char *
mj_reply_class_to_string (MjReplyClass klass)
{
  switch (klass)
    {
    case MJ_REPLY_CLASS_SUCCESS: return "success";
    case MJ_REPLY_CLASS_INTERMEDIATE: return "intermediate";
    case MJ_REPLY_CLASS_TEMPORARY: return "temporary";
    case MJ_REPLY_CLASS_PERMANENT: return "permanent";
    case MJ_REPLY_CLASS_UNKNOWN:
    default: return "unknown";
    }
}

/**
 * mj_smtp_reply_to_string:
 *
 * Returns: (transfer full): "550 5.1.1 text" on one line, as shown to users.
 */
char *
mj_smtp_reply_to_string (const MjSmtpReply *reply)
{
  g_autofree char *flat = NULL;
  char code[8];
  GString *s;

  g_return_val_if_fail (reply != NULL, NULL);

  flat = g_strdup (reply->text != NULL ? reply->text : "");
  g_strdelimit (flat, "\n", ' ');

  /* A loosely parsed reply keeps its whole text, codes included. */
  g_snprintf (code, sizeof code, "%u", reply->code);
  if (reply->code == 0 || strstr (flat, code) != NULL)
    return g_steal_pointer (&flat);

  s = g_string_new (NULL);
  g_string_append_printf (s, "%u", reply->code);
  if (reply->enhanced != NULL)
    g_string_append_printf (s, " %s", reply->enhanced);
  if (flat[0] != '\0')
    g_string_append_printf (s, " %s", flat);
  return g_string_free (s, FALSE);
}
