#define G_LOG_DOMAIN "mj-transcript"

#include "config.h"

#include <string.h>

#include "mj-transcript.h"

#define REDACTED "[redacted]"

static void
replace_all (GString    *line,
             const char *needle)
{
  if (needle != NULL && strlen (needle) >= 3)
    g_string_replace (line, needle, REDACTED, 0);
}

/* "Bearer abc.def" anywhere (HTTP headers, a decoded XOAUTH2 string). */
static void
redact_bearer (GString *line)
{
  gsize pos = 0;

  while (pos < line->len)
    {
      char *hit = g_strstr_len (line->str + pos, (gssize) (line->len - pos), "earer ");
      gsize start, end;

      if (hit == NULL)
        break;
      start = (gsize) (hit - line->str) + strlen ("earer ");
      if (hit == line->str || g_ascii_tolower (hit[-1]) != 'b')
        {
          pos = start;
          continue;
        }
      end = start;
      while (end < line->len && !g_ascii_isspace (line->str[end]) && line->str[end] != '\001')
        end++;
      if (end > start && strncmp (line->str + start, REDACTED, strlen (REDACTED)) != 0)
        {
          g_string_erase (line, (gssize) start, (gssize) (end - start));
          g_string_insert (line, (gssize) start, REDACTED);
        }
      pos = start + strlen (REDACTED);
    }
}

static gboolean
has_prefix_nocase (const char *text,
                   const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

/**
 * mj_transcript_redact:
 * @transcript: (nullable): the transcript
 * @secrets: (nullable) (array zero-terminated=1): literal secrets
 *
 * Returns: (transfer full): the transcript without credentials.
 */
char *
mj_transcript_redact (const char         *transcript,
                      const char * const *secrets)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  gboolean in_auth = FALSE;

  if (transcript == NULL)
    return g_string_free (out, FALSE);

  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    {
      if (secrets[i][0] == '\0')
        continue;
      g_ptr_array_add (needles, g_strdup (secrets[i]));
      g_ptr_array_add (needles, g_base64_encode ((const guchar *) secrets[i], strlen (secrets[i])));
    }

  lines = g_strsplit (transcript, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) line = g_string_new (lines[i]);
      const char *body;
      gboolean server, info;

      if (lines[i + 1] == NULL && line->len == 0)
        break;

      server = g_str_has_prefix (line->str, "S: ");
      info = g_str_has_prefix (line->str, "* ");
      body = (server || info || g_str_has_prefix (line->str, "C: ")) ? line->str + 3 : line->str;

      if (server)
        {
          if (in_auth && g_str_has_prefix (body, "334"))
            {
              g_string_truncate (line, (gsize) (body - line->str) + 3);
              g_string_append (line, " " REDACTED);
            }
          else if (in_auth && g_ascii_isdigit (body[0]) && body[3] != '-')
            in_auth = FALSE;
        }
      else if (!info)
        {
          gsize prefix_len = (gsize) (body - line->str);

          if (has_prefix_nocase (body, "AUTH "))
            {
              const char *mech = body + 5;
              const char *space = strchr (mech, ' ');

              in_auth = TRUE;
              if (space != NULL)
                {
                  g_string_truncate (line, (gsize) (space - line->str));
                  g_string_append (line, " " REDACTED);
                }
            }
          else if (in_auth)
            {
              g_string_truncate (line, prefix_len);
              g_string_append (line, REDACTED);
            }
        }

      for (guint n = 0; n < needles->len; n++)
        replace_all (line, g_ptr_array_index (needles, n));
      redact_bearer (line);

      g_string_append_len (out, line->str, (gssize) line->len);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
