#define G_LOG_DOMAIN "mj-bounce"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <gmime/gmime.h>

#include "mj-catalogue.h"
#include "mj-explainer.h"
#include "mj-smtp-reply.h"

#include "mj-bounce.h"

/*
 * Reads a message that came back: an RFC 3464 delivery status notification
 * (multipart/report with message/delivery-status), a plain-text bounce of
 * Exim, qmail, Postfix, Sendmail, Gmail or Exchange/Outlook (in several
 * languages), or an RFC 3834 automatic reply. The structured report wins;
 * the human text fills in what it lacks, and is all there is for the
 * plain-text formats. Each recipient is explained by mj-explainer.
 */

#define MAX_DEPTH 32
#define MAX_RECIPIENTS 500
#define MAX_DIAGNOSTIC 1000

struct _MjBounce
{
  GObject parent_instance;

  MjBounceKind kind;
  GPtrArray *recipients;
  char *original_message_id;
  char *subject;
  MjExplanation *explanation;
};

G_DEFINE_FINAL_TYPE (MjBounce, mj_bounce, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MjBounceRecipient, mj_bounce_recipient,
                     mj_bounce_recipient_copy, mj_bounce_recipient_free)

MjBounceRecipient *
mj_bounce_recipient_copy (const MjBounceRecipient *r)
{
  MjBounceRecipient *copy = g_new0 (MjBounceRecipient, 1);

  copy->address = g_strdup (r->address);
  copy->original_recipient = g_strdup (r->original_recipient);
  copy->action = g_strdup (r->action);
  copy->status = g_strdup (r->status);
  copy->reply_code = r->reply_code;
  copy->diagnostic = g_strdup (r->diagnostic);
  copy->remote_mta = g_strdup (r->remote_mta);
  copy->explanation = r->explanation ? g_object_ref (r->explanation) : NULL;
  return copy;
}

void
mj_bounce_recipient_free (MjBounceRecipient *r)
{
  if (r == NULL)
    return;
  g_free (r->address);
  g_free (r->original_recipient);
  g_free (r->action);
  g_free (r->status);
  g_free (r->diagnostic);
  g_free (r->remote_mta);
  g_clear_object (&r->explanation);
  g_free (r);
}

static void
mj_bounce_finalize (GObject *object)
{
  MjBounce *self = MJ_BOUNCE (object);

  g_ptr_array_unref (self->recipients);
  g_free (self->original_message_id);
  g_free (self->subject);
  g_clear_object (&self->explanation);

  G_OBJECT_CLASS (mj_bounce_parent_class)->finalize (object);
}

static void
mj_bounce_class_init (MjBounceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mj_bounce_finalize;
}

static void
mj_bounce_init (MjBounce *self)
{
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_bounce_recipient_free);
}

/* ---------------------------------------------------------------------- */
/* Words that mark bounces and automatic replies (lower case).            */

static const char * const bounce_subjects[] = {
  "undeliver", "delivery status notification", "delivery failure", "failure notice",
  "mail delivery failed", "returned mail", "delivery has failed", "could not be delivered",
  "message not delivered", "delivery delayed", "delayed mail", "warning: could not send",
  "no se puede entregar", "no entregado", "no se pudo entregar", "entrega retrasada",
  "unzustellbar", "nicht zustellbar", "non remis", "non distribuable", "não entregue",
  "não é possível entregar", "non recapitabile", "mensaje devuelto", "correo devuelto",
  NULL
};

static const char * const bounce_markers[] = {
  "this message was created automatically by mail delivery software",
  "this is the qmail-send program", "this is the mail system at host",
  "the following addresses had permanent fatal errors",
  "the following addresses had transient non-fatal errors",
  "delivery to the following recipient", "couldn't be delivered", "could not be delivered",
  "wasn't delivered to", "delivery has failed to these recipients",
  "diagnostic information for administrators", "información de diagnóstico para administradores",
  "diagnoseinformationen für administratoren", "informations de diagnostic pour les administrateurs",
  "informações de diagnóstico para administradores", "remote server returned",
  "el servidor remoto ha devuelto", "remoteserver hat", "i'm afraid i wasn't able to deliver",
  "no se pudo entregar", "no se ha podido entregar", "konnte nicht zugestellt werden",
  "n'a pas pu être remis", "não pôde ser entregue", "message could not be delivered",
  "undeliverable", "delivery status notification", "mail delivery failed",
  "retry timeout exceeded", "has not yet been delivered", "impossible de remettre",
  "não foi possível entregar", "no se ha entregado",
  NULL
};

static const char * const cut_markers[] = {
  "------ this is a copy of the message", "--- below this line is a copy of the message",
  "----- original message -----", "------ original message ------",
  "original message headers:", "encabezados del mensaje original",
  "ursprüngliche nachrichtenkopfzeilen", "en-têtes du message d'origine",
  "cabeçalhos da mensagem original", "intestazioni del messaggio originale",
  "----- transcript of session follows -----", "content-type: message/rfc822",
  "------ forwarded message", "----- the header of the original message is following",
  "undelivered message attached", "original message follows",
  NULL
};

static const char * const delay_markers[] = {
  "delayed", "has not yet been delivered", "will continue to try", "still trying",
  "will be retried", "will retry", "not yet been delivered", "retrasad", "verzögert",
  "todavía no se ha entregado", "aún no se ha entregado", "transient non-fatal",
  NULL
};

static const char * const auto_reply_subjects[] = {
  "out of office", "out of the office", "automatic reply", "auto reply", "autoreply",
  "auto-reply", "auto:", "auto response", "autoresponse", "respuesta automática",
  "respuesta automatica", "fuera de la oficina", "fuera de oficina", "ausente",
  "automatische antwort", "abwesenheitsnotiz", "abwesend", "réponse automatique",
  "absence", "resposta automática", "fora do escritório", "risposta automatica",
  "fuori sede", "fuori ufficio", "vacation", "vacaciones",
  NULL
};

static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_strdown (haystack, -1);
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (folded, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Collecting the parts of a MIME message.                                */

typedef struct {
  GString *human;
  GString *html;
  GString *dsn;
  char *attached_message_id;
  char *headers_message_id;
} Collect;

static char *
make_valid (const char *data,
            gsize       len)
{
  if (g_utf8_validate_len (data, len, NULL))
    return g_strndup (data, len);
  return g_utf8_make_valid (data, len);
}

static char *
part_content (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeStream *mem;
  GByteArray *array;
  char *text;

  if (content == NULL)
    return g_strdup ("");
  mem = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, mem);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  text = make_valid ((const char *) array->data, array->len);
  g_object_unref (mem);
  return text;
}

static char *
strip_angles (const char *id)
{
  g_autofree char *copy = NULL;
  char *s;
  gsize len;

  if (id == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (id));
  s = copy;
  if (*s == '<')
    s++;
  len = strlen (s);
  if (len > 0 && s[len - 1] == '>')
    s[len - 1] = '\0';
  return s[0] != '\0' && strchr (s, ' ') == NULL ? g_strdup (s) : NULL;
}

/* The Message-ID quoted in a header block or a text ("Message-ID: <x@y>"),
 * also when folded onto the next line as Exchange writes it
 * ("Message-ID:\r\n <AM0PR…@…outlook.com>"). */
static char *
find_quoted_message_id (const char *text)
{
  static GRegex *regex;
  static GRegex *fold;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *unfolded = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^[ \\t>]*Message-ID:[ \\t]*<?([^\\s<>]+@[^\\s<>]+?)>?[ \\t]*\\r?$",
                                            G_REGEX_CASELESS | G_REGEX_MULTILINE, 0, NULL));
  if (g_once_init_enter (&fold))
    g_once_init_leave (&fold, g_regex_new ("\\r?\\n[ \\t]+", 0, 0, NULL));
  if (text == NULL)
    return NULL;
  if (g_regex_match (regex, text, 0, &match))
    return g_match_info_fetch (match, 1);
  g_clear_pointer (&match, g_match_info_free);
  unfolded = g_regex_replace_literal (fold, text, -1, 0, " ", 0, NULL);
  if (unfolded == NULL || !g_regex_match (regex, unfolded, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static void
collect (GMimeObject *object,
         Collect     *c,
         int          depth)
{
  GMimeContentType *type;

  if (object == NULL || depth > MAX_DEPTH)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < n; i++)
        collect (g_mime_multipart_get_part (multipart, i), c, depth + 1);
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *attached = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      /* The returned original: only its Message-ID matters. */
      if (attached != NULL && c->attached_message_id == NULL)
        c->attached_message_id = strip_angles (g_mime_message_get_message_id (attached));
      return;
    }

  if (!GMIME_IS_PART (object))
    return;

  type = g_mime_object_get_content_type (object);
  if (g_mime_content_type_is_type (type, "message", "delivery-status") ||
      g_mime_content_type_is_type (type, "message", "global-delivery-status"))
    {
      g_autofree char *text = part_content (GMIME_PART (object));

      g_string_append (c->dsn, text);
      g_string_append (c->dsn, "\n\n");
    }
  else if (g_mime_content_type_is_type (type, "text", "rfc822-headers") ||
           g_mime_content_type_is_type (type, "message", "global-headers"))
    {
      g_autofree char *text = part_content (GMIME_PART (object));

      if (c->headers_message_id == NULL)
        c->headers_message_id = find_quoted_message_id (text);
    }
  else if (GMIME_IS_TEXT_PART (object) && g_mime_content_type_is_type (type, "text", "plain"))
    {
      g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (object));

      if (text != NULL)
        {
          g_autofree char *valid = make_valid (text, strlen (text));

          g_string_append (c->human, valid);
          g_string_append_c (c->human, '\n');
        }
    }
  else if (GMIME_IS_TEXT_PART (object) && g_mime_content_type_is_type (type, "text", "html"))
    {
      g_autofree char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (object));

      if (text != NULL)
        {
          g_autofree char *valid = make_valid (text, strlen (text));

          g_string_append (c->html, valid);
          g_string_append_c (c->html, '\n');
        }
    }
}

/* Good enough to read an HTML-only NDR: drop tags and what <head>, <style>
 * and <script> hold, turn block and cell ends into new lines, decode the
 * named entities that matter and every numeric one ("&#39;", "&#x27;"). */
static char *
html_to_text (const char *html)
{
  static const char * const breaks[] = {
    "<br", "</p", "</div", "</tr", "</li", "</td", "</th", "</h1", "</h2", "</h3", "</h4", "</table", NULL
  };
  static const struct { const char *name; const char *text; } entities[] = {
    { "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&rsquo;", "’" }, { "&lsquo;", "‘" }, { "&ldquo;", "“" }, { "&rdquo;", "”" },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          static const char * const skipped[] = { "head", "style", "script", NULL };
          const char *close = NULL;

          for (guint i = 0; breaks[i] != NULL; i++)
            if (g_ascii_strncasecmp (p, breaks[i], strlen (breaks[i])) == 0)
              {
                g_string_append_c (out, '\n');
                break;
              }
          for (guint i = 0; skipped[i] != NULL && close == NULL; i++)
            {
              gsize len = strlen (skipped[i]);

              if (g_ascii_strncasecmp (p + 1, skipped[i], len) == 0 && !g_ascii_isalnum (p[1 + len]))
                {
                  g_autofree char *end_tag = g_strdup_printf ("</%s", skipped[i]);
                  g_autofree char *folded = g_ascii_strdown (p, -1);

                  close = strstr (folded, end_tag);
                  if (close != NULL)
                    close = p + (close - folded);
                }
            }
          if (close != NULL)
            p = close;
          /* Skip to the end of the tag. */
          while (p[1] != '\0' && *p != '>')
            p++;
          continue;
        }
      if (*p == '&')
        {
          gboolean done = FALSE;

          if (p[1] == '#')
            {
              const char *q = p + 2;
              gboolean hex = *q == 'x' || *q == 'X';
              char *end = NULL;
              gulong value;

              if (hex)
                q++;
              value = strtoul (q, &end, hex ? 16 : 10);
              if (end != q && *end == ';' && value > 0 && value <= 0x10FFFF && g_unichar_validate (value))
                {
                  g_string_append_unichar (out, value);
                  p = end;
                  done = TRUE;
                }
            }
          for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
            if (g_ascii_strncasecmp (p, entities[i].name, strlen (entities[i].name)) == 0)
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].name) - 1;
                done = TRUE;
              }
          if (done)
            continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Recipients.                                                            */

static char *
clean_address (const char *value)
{
  g_autofree char *copy = NULL;
  const char *semicolon;
  char *s;
  gsize len;

  if (value == NULL)
    return NULL;
  /* "rfc822; bob@example.net" */
  semicolon = strchr (value, ';');
  copy = g_strstrip (g_strdup (semicolon != NULL ? semicolon + 1 : value));
  s = copy;
  if (*s == '<')
    s++;
  len = strlen (s);
  if (len > 0 && s[len - 1] == '>')
    s[--len] = '\0';
  if (len == 0)
    return NULL;
  return g_strdup (s);
}

static MjBounceRecipient *
find_recipient (GPtrArray  *recipients,
                const char *address)
{
  for (guint i = 0; i < recipients->len; i++)
    {
      MjBounceRecipient *r = g_ptr_array_index (recipients, i);

      if (g_ascii_strcasecmp (r->address, address) == 0)
        return r;
    }
  return NULL;
}

static char *
flatten (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

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
      if (out->len >= MAX_DIAGNOSTIC)
        break;
    }
  return g_string_free (out, FALSE);
}

/* One RFC 3464 field; continuation lines are already joined. */
static void
dsn_field (const char         *name,
           const char         *value,
           MjBounceRecipient **current,
           GPtrArray          *recipients,
           char              **message_id,
           char              **reporting_mta)
{
  MjBounceRecipient *r = *current;

  /* RFC 3464 puts Original-Recipient before Final-Recipient (Exchange
   * does); Postfix writes them the other way round. Either way both belong
   * to one recipient: only a second field of the same name starts the next
   * one (a report that forgot the blank line between recipients). */
  if ((g_ascii_strcasecmp (name, "Final-Recipient") == 0 && (r == NULL || r->address != NULL)) ||
      (g_ascii_strcasecmp (name, "Original-Recipient") == 0 && (r == NULL || r->original_recipient != NULL)))
    {
      if (r != NULL && (r->address != NULL || r->original_recipient != NULL))
        {
          if (recipients->len < MAX_RECIPIENTS)
            g_ptr_array_add (recipients, r);
          else
            mj_bounce_recipient_free (r);
          r = NULL;
        }
      if (r == NULL)
        r = g_new0 (MjBounceRecipient, 1);
      *current = r;
    }

  if (g_ascii_strcasecmp (name, "X-Original-Message-ID") == 0 && *message_id == NULL)
    {
      *message_id = strip_angles (value);
      return;
    }
  /* The per-message field: the server that wrote the report. */
  if (g_ascii_strcasecmp (name, "Reporting-MTA") == 0 && *reporting_mta == NULL)
    {
      *reporting_mta = clean_address (value);
      return;
    }
  if (r == NULL)
    return;

  if (g_ascii_strcasecmp (name, "Final-Recipient") == 0)
    {
      g_free (r->address);
      r->address = clean_address (value);
    }
  else if (g_ascii_strcasecmp (name, "Original-Recipient") == 0)
    {
      g_free (r->original_recipient);
      r->original_recipient = clean_address (value);
    }
  else if (g_ascii_strcasecmp (name, "Action") == 0 && r->action == NULL)
    {
      g_autofree char *lower = g_ascii_strdown (value, -1);

      r->action = g_strdup (g_strstrip (lower));
      if (strchr (r->action, ' ') != NULL)
        *strchr (r->action, ' ') = '\0';
    }
  else if (g_ascii_strcasecmp (name, "Status") == 0 && r->status == NULL)
    {
      g_autofree char *copy = g_strstrip (g_strdup (value));
      char *end = copy;

      while (*end != '\0' && !g_ascii_isspace (*end) && *end != '(')
        end++;
      *end = '\0';
      if (mj_smtp_enhanced_status_valid (copy))
        r->status = g_strdup (copy);
    }
  else if (g_ascii_strcasecmp (name, "Diagnostic-Code") == 0 && r->diagnostic == NULL)
    {
      const char *semicolon = strchr (value, ';');

      r->diagnostic = flatten (semicolon != NULL ? semicolon + 1 : value);
    }
  else if (g_ascii_strcasecmp (name, "Remote-MTA") == 0 && r->remote_mta == NULL)
    r->remote_mta = clean_address (value);
}

static void
parse_dsn (const char *text,
           GPtrArray  *recipients,
           char      **message_id,
           char      **reporting_mta)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  MjBounceRecipient *current = NULL;
  g_autofree char *name = NULL;
  GString *value = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      char *line = lines[i];
      gsize len = line != NULL ? strlen (line) : 0;
      gboolean continuation;

      if (line != NULL && len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      continuation = line != NULL && (line[0] == ' ' || line[0] == '\t') && name != NULL;
      if (continuation)
        {
          g_string_append_c (value, ' ');
          g_string_append (value, g_strstrip (line));
          continue;
        }

      if (name != NULL)
        dsn_field (name, value->str, &current, recipients, message_id, reporting_mta);
      g_clear_pointer (&name, g_free);
      g_string_truncate (value, 0);

      if (line == NULL)
        break;
      if (line[0] == '\0')
        {
          /* A blank line ends the recipient's block. */
          if (current != NULL && (current->address != NULL || current->original_recipient != NULL) &&
              recipients->len < MAX_RECIPIENTS)
            g_ptr_array_add (recipients, g_steal_pointer (&current));
          g_clear_pointer (&current, mj_bounce_recipient_free);
          continue;
        }
      {
        char *colon = strchr (line, ':');

        if (colon != NULL && colon > line)
          {
            name = g_strndup (line, colon - line);
            g_strstrip (name);
            g_string_assign (value, g_strstrip (colon + 1));
          }
      }
    }

  if (current != NULL && (current->address != NULL || current->original_recipient != NULL) &&
      recipients->len < MAX_RECIPIENTS)
    g_ptr_array_add (recipients, g_steal_pointer (&current));
  g_clear_pointer (&current, mj_bounce_recipient_free);
  g_string_free (value, TRUE);

  /* A recipient known only by its original address. */
  for (guint i = 0; i < recipients->len; i++)
    {
      MjBounceRecipient *r = g_ptr_array_index (recipients, i);

      if (r->address == NULL)
        r->address = g_strdup (r->original_recipient);
    }
}

#define ADDRESS "([^\\s<>()\"',;:@\\[\\]]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]{2,})"

static GRegex *
line_regex (void)
{
  static GRegex *regex;

  /* A line that is just an address, maybe in <>, maybe followed by ":",
   * "...", "(…)" or "," and more text (Postfix, qmail, Exim, Sendmail). */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^[ \\t]*<?" ADDRESS ">?[ \\t]*(?:(?::|\\.\\.\\.|,|\\(|[ \\t]+\\().*)?$",
                                            G_REGEX_CASELESS, 0, NULL));
  return regex;
}

static GRegex *
sentence_regex (void)
{
  static GRegex *regex;

  /* NDR sentences naming the recipient, in the languages Exchange, Gmail
   * and others write them. */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (
      "(?:your message to|su mensaje (?:a|para)|ihre nachricht an|votre message (?:à|a|pour)|"
      "sua mensagem para|a sua mensagem para|il tuo messaggio (?:a|per)|il messaggio (?:a|per)|"
      "wasn't delivered to|was not delivered to|couldn't be delivered to|could not be delivered to|"
      "delivery to|no se (?:ha )?entregado a|no se (?:ha )?podido entregar a|no se pudo entregar a|"
      "failed to deliver to|undeliverable to|failed recipient:?|destinatario:|recipient:|"
      "no se (?:ha )?(?:podido|pudo) entregar (?:el|su) mensaje a|die nachricht an|"
      "impossible de remettre le message à|não foi possível entregar a mensagem para|"
      "tu mensaje no se ha entregado a|your message to)"
      "[ \\t]*\"?[^<\"\\n]{0,60}?\"?[ \\t]*<?" ADDRESS,
      G_REGEX_CASELESS, 0, NULL));
  return regex;
}

static GRegex *
named_regex (void)
{
  static GRegex *regex;

  /* "Bob Smith (bob@example.net)" or "Bob <bob@example.net>" alone on a
   * line (older Exchange NDRs); no ":" before it, so not a header. */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^[ \\t]*[^:@<>()\\n]{1,80}?[ \\t]*[(<](?:mailto:)?" ADDRESS "[)>][ \\t]*$",
                                            G_REGEX_CASELESS, 0, NULL));
  return regex;
}

static char *
recipient_on_line (const char *line)
{
  GRegex *regexes[] = { line_regex (), sentence_regex (), named_regex () };

  for (guint i = 0; i < G_N_ELEMENTS (regexes); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regexes[i], line, 0, &match))
        return g_match_info_fetch (match, 1);
    }
  return NULL;
}

/* What follows the address on a line that starts with it (Postfix:
 * "<bob@example.net>: Host or domain name not found. Name service"), or
 * NULL. */
static char *
rest_after_address (const char *line)
{
  g_autoptr(GMatchInfo) match = NULL;
  int end = 0;
  const char *rest;

  if (!g_regex_match (line_regex (), line, 0, &match) || !g_match_info_fetch_pos (match, 1, NULL, &end))
    return NULL;
  rest = line + end;
  while (*rest == '>' || *rest == ':' || *rest == '.' || *rest == ',' || g_ascii_isspace (*rest))
    rest++;
  return rest[0] != '\0' ? g_strdup (rest) : NULL;
}

static gboolean
line_has_code (const char *line)
{
  g_autoptr(MjSmtpReply) reply = NULL;

  if (line[0] == '\0')
    return FALSE;
  reply = _mj_explainer_parse_text (line);
  return reply->code >= 400 || (reply->enhanced != NULL && reply->enhanced[0] != '2');
}

/* The diagnostic starting at @lines[i]: the quoted reply of Exchange
 * ("Remote Server returned '550 5.1.1 …'") or the line and its
 * continuation lines (Exim, Postfix, multi-line replies). */
static char *
diagnostic_at (char **lines,
               guint  i,
               guint  end)
{
  GString *s = g_string_new (lines[i]);
  const char *quote = strchr (lines[i], '\'');

  if (quote != NULL && strrchr (lines[i], '\'') > quote + 1)
    {
      const char *last = strrchr (lines[i], '\'');

      g_string_assign (s, "");
      g_string_append_len (s, quote + 1, last - quote - 1);
      return g_string_free (s, FALSE);
    }

  for (guint j = i + 1; j < end && j < i + 4; j++)
    {
      const char *l = lines[j];

      g_autofree char *address = NULL;

      if (l[0] == '\0' || (address = recipient_on_line (l)) != NULL)
        break;
      if (!(g_ascii_isspace (l[0]) || g_ascii_isdigit (l[0]) || l[0] == '(' || g_ascii_isspace (lines[i][0])))
        break;
      g_string_append_c (s, ' ');
      g_string_append (s, l);
    }
  return g_string_free (s, FALSE);
}

/* A diagnostic with a reply code beats one without; then the longer. */
static gboolean
better_diagnostic (const char *candidate,
                   const char *current)
{
  gboolean candidate_code = line_has_code (candidate);
  gboolean current_code = line_has_code (current);

  if (candidate_code != current_code)
    return candidate_code;
  return strlen (candidate) > strlen (current);
}

static char *
cut_original (const char *text,
              const char **rest)
{
  /* ASCII folding keeps byte offsets; the markers' own non-ASCII letters
   * are lower case already. */
  g_autofree char *folded = g_ascii_strdown (text, -1);
  gsize cut = strlen (text);

  for (guint i = 0; cut_markers[i] != NULL; i++)
    {
      const char *hit = strstr (folded, cut_markers[i]);

      if (hit != NULL && (gsize) (hit - folded) < cut)
        cut = hit - folded;
    }
  *rest = text + cut;
  return g_strndup (text, cut);
}

/* Finds the recipients a text bounce names and the diagnostic of each.
 * With @add_new FALSE (a structured report listed the recipients already)
 * it only fills in missing diagnostics. */
static void
parse_text (const char *text,
            gboolean    add_new,
            GPtrArray  *recipients,
            char      **diagnostic_out)
{
  g_auto(GStrv) lines = NULL;
  guint n;
  g_autofree guint *starts = NULL;
  g_autofree char **addresses = NULL;
  guint n_found = 0;

  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }

  starts = g_new0 (guint, n + 1);
  addresses = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      char *address = recipient_on_line (lines[i]);

      if (address != NULL)
        {
          starts[n_found] = i;
          addresses[n_found++] = address;
        }
      if (diagnostic_out != NULL && *diagnostic_out == NULL && line_has_code (lines[i]))
        *diagnostic_out = diagnostic_at (lines, i, n);
    }

  for (guint k = 0; k < n_found; k++)
    {
      guint end = k + 1 < n_found ? starts[k + 1] : n;
      MjBounceRecipient *r = find_recipient (recipients, addresses[k]);
      g_autofree char *diagnostic = NULL;

      for (guint i = starts[k]; i < end && diagnostic == NULL; i++)
        if (line_has_code (lines[i]))
          diagnostic = diagnostic_at (lines, i, end);

      /* Without a code, the block's own words may still tell (an Exchange
       * "bob wasn't found at contoso.com", a qmail sentence). */
      if (diagnostic == NULL)
        {
          GString *block = g_string_new (NULL);
          g_autofree char *rest = rest_after_address (lines[starts[k]]);

          if (rest != NULL)
            {
              g_string_append (block, rest);
              g_string_append_c (block, ' ');
            }
          for (guint i = starts[k] + 1; i < end && i < starts[k] + 6; i++)
            {
              g_string_append (block, lines[i]);
              g_string_append_c (block, ' ');
            }
          diagnostic = g_string_free (block, FALSE);
          {
            g_autoptr(MjExplanation) e = mj_explainer_explain_text (diagnostic);

            if (g_strcmp0 (mj_explanation_get_entry_id (e), "unknown") == 0)
              g_clear_pointer (&diagnostic, g_free);
          }
        }

      if (r == NULL)
        {
          if (!add_new || recipients->len >= MAX_RECIPIENTS)
            continue;
          r = g_new0 (MjBounceRecipient, 1);
          r->address = g_strdup (addresses[k]);
          g_ptr_array_add (recipients, r);
        }
      /* The same recipient named twice in a text bounce (Exchange: the
       * summary, then the administrators' part): the fuller text wins. A
       * structured report (action already set) keeps its own. */
      if (diagnostic != NULL && (r->diagnostic == NULL || (r->action == NULL && better_diagnostic (diagnostic, r->diagnostic))))
        {
          g_free (r->diagnostic);
          r->diagnostic = flatten (diagnostic);
        }
    }

  for (guint k = 0; k < n_found; k++)
    g_free (addresses[k]);
}

/* Fills each recipient's code, status and explanation. */
static void
explain_recipients (GPtrArray  *recipients,
                    const char *human,
                    const char *reporting_mta)
{
  gboolean text_delayed = contains_any (human, delay_markers);

  for (guint i = 0; i < recipients->len; i++)
    {
      MjBounceRecipient *r = g_ptr_array_index (recipients, i);
      g_autoptr(MjSmtpReply) reply = NULL;
      char klass;

      if (r->action == NULL)
        r->action = g_strdup (text_delayed ? "delayed" : "failed");

      reply = _mj_explainer_parse_text (r->diagnostic != NULL ? r->diagnostic : "");
      r->reply_code = reply->code;
      /* The Status field is authoritative; the diagnostic's code fills in,
       * and replaces a vague "X.0.0" of the same class. */
      if (reply->enhanced != NULL &&
          (r->status == NULL ||
           (g_str_has_suffix (r->status, ".0.0") && reply->enhanced[0] == r->status[0])))
        {
          g_free (r->status);
          r->status = g_strdup (reply->enhanced);
        }
      if (r->status != NULL && g_strcmp0 (reply->enhanced, r->status) != 0)
        {
          g_free (reply->enhanced);
          reply->enhanced = g_strdup (r->status);
          if (reply->code != 0 && reply->code / 100 != (guint) (r->status[0] - '0'))
            reply->code = 0;
        }

      if (g_str_equal (r->action, "delayed"))
        klass = 'T';
      else if (g_str_equal (r->action, "failed"))
        klass = 'P';
      else
        klass = 'S';

      if (klass == 'S')
        r->explanation = _mj_explainer_explain_id ("class-2", reply->code, r->status, 'S', r->diagnostic);
      else if (r->diagnostic == NULL && r->status == NULL)
        r->explanation = _mj_explainer_explain_id (klass == 'T' ? "delivery-delayed" : "bounce-no-diagnostic",
                                                   0, NULL, klass, NULL);
      else
        {
          /* The server that answered decides whose meaning a number has
           * (Microsoft's or the RFC's); else the one that wrote the report. */
          MjExplainContext context = { NULL, r->remote_mta != NULL ? r->remote_mta : reporting_mta };

          r->explanation = _mj_explainer_explain_reply_as (reply, klass, &context);
          /* Only a generic answer: the delay notice says more. */
          if (klass == 'T' && (g_str_has_prefix (mj_explanation_get_entry_id (r->explanation), "class-") ||
                               g_str_has_prefix (mj_explanation_get_entry_id (r->explanation), "reply-")))
            {
              g_clear_object (&r->explanation);
              r->explanation = _mj_explainer_explain_id ("delivery-delayed", reply->code, r->status,
                                                         'T', r->diagnostic);
            }
        }
      /* The provider's server is still retrying a delayed message. */
      if (klass == 'T')
        _mj_explanation_forbid_retry (r->explanation);
    }
}

static void
add_header_recipients (GMimeMessage *message,
                       GPtrArray    *recipients)
{
  const char *value = g_mime_object_get_header (GMIME_OBJECT (message), "X-Failed-Recipients");
  g_auto(GStrv) addresses = NULL;

  if (value == NULL)
    return;
  addresses = g_strsplit (value, ",", -1);
  for (guint i = 0; addresses[i] != NULL && recipients->len < MAX_RECIPIENTS; i++)
    {
      g_autofree char *address = clean_address (addresses[i]);
      MjBounceRecipient *r;

      if (address == NULL || strchr (address, '@') == NULL || find_recipient (recipients, address) != NULL)
        continue;
      r = g_new0 (MjBounceRecipient, 1);
      r->address = g_steal_pointer (&address);
      g_ptr_array_add (recipients, r);
    }
}

static gboolean
is_auto_reply (GMimeMessage *message,
               const char   *subject)
{
  GMimeObject *object = GMIME_OBJECT (message);
  const char *value;

  value = g_mime_object_get_header (object, "Auto-Submitted");
  while (value != NULL && g_ascii_isspace (*value))
    value++;
  if (value != NULL && g_ascii_strncasecmp (value, "auto-replied", 12) == 0)
    return TRUE;
  if (g_mime_object_get_header (object, "X-Autoreply") != NULL ||
      g_mime_object_get_header (object, "X-Autorespond") != NULL ||
      g_mime_object_get_header (object, "X-Autoresponder") != NULL)
    return TRUE;
  value = g_mime_object_get_header (object, "Precedence");
  if (value != NULL && strstr (value, "auto_reply") != NULL)
    return TRUE;
  return contains_any (subject, auto_reply_subjects);
}

static gboolean
from_mailer_daemon (GMimeMessage *message)
{
  InternetAddressList *from = g_mime_message_get_from (message);
  g_autofree char *text = NULL;
  static const char * const daemons[] = {
    "mailer-daemon", "postmaster", "mail delivery", "microsoftexchange", NULL
  };

  if (from == NULL)
    return FALSE;
  text = internet_address_list_to_string (from, NULL, FALSE);
  return contains_any (text, daemons);
}

static MjBounce *
analyse (GMimeMessage *message,
         const char   *plain)
{
  MjBounce *self = g_object_new (MJ_TYPE_BOUNCE, NULL);
  Collect c = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL), NULL, NULL };
  g_autofree char *dsn_message_id = NULL;
  g_autofree char *reporting_mta = NULL;
  g_autofree char *global_diagnostic = NULL;
  g_autofree char *region = NULL;
  const char *rest = NULL;
  gboolean bounce_like;

  if (message != NULL)
    {
      collect (g_mime_message_get_mime_part (message), &c, 0);
      self->subject = g_strdup (g_mime_message_get_subject (message));
    }
  else
    g_string_append (c.human, plain);
  if (c.human->len == 0 && c.html->len > 0)
    {
      g_autofree char *text = html_to_text (c.html->str);

      g_string_append (c.human, text);
    }

  if (c.dsn->len > 0)
    parse_dsn (c.dsn->str, self->recipients, &dsn_message_id, &reporting_mta);

  region = cut_original (c.human->str, &rest);
  bounce_like = c.dsn->len > 0 || contains_any (self->subject, bounce_subjects) ||
                contains_any (region, bounce_markers) ||
                (message != NULL && from_mailer_daemon (message));

  if (!bounce_like && message != NULL && is_auto_reply (message, self->subject))
    {
      const char *in_reply_to = g_mime_object_get_header (GMIME_OBJECT (message), "In-Reply-To");

      self->kind = MJ_BOUNCE_KIND_AUTO_REPLY;
      self->original_message_id = strip_angles (in_reply_to);
      self->explanation = mj_explainer_explain_auto_reply ();
      goto out;
    }

  if (bounce_like)
    parse_text (region, self->recipients->len == 0, self->recipients, &global_diagnostic);

  /* Exim names the failed recipients in a header too. */
  if (bounce_like && self->recipients->len == 0 && message != NULL)
    add_header_recipients (message, self->recipients);

  /* A single recipient without a diagnostic gets the one the text has. */
  if (self->recipients->len == 1 && global_diagnostic != NULL)
    {
      MjBounceRecipient *r = g_ptr_array_index (self->recipients, 0);

      if (r->diagnostic == NULL)
        r->diagnostic = flatten (global_diagnostic);
    }

  explain_recipients (self->recipients, region, reporting_mta);

  self->original_message_id = g_strdup (c.attached_message_id);
  if (self->original_message_id == NULL)
    self->original_message_id = g_strdup (c.headers_message_id);
  if (self->original_message_id == NULL)
    self->original_message_id = g_strdup (dsn_message_id);
  if (self->original_message_id == NULL && rest != NULL && bounce_like)
    self->original_message_id = find_quoted_message_id (rest);

  if (c.dsn->len > 0)
    self->kind = MJ_BOUNCE_KIND_DSN;
  else if (bounce_like)
    self->kind = MJ_BOUNCE_KIND_TEXT;

  /* The overall explanation: the first failure, else the first delay,
   * else whatever the report says. */
  for (int pass = 0; pass < 3 && self->explanation == NULL; pass++)
    for (guint i = 0; i < self->recipients->len && self->explanation == NULL; i++)
      {
        MjBounceRecipient *r = g_ptr_array_index (self->recipients, i);
        const char *wanted = pass == 0 ? "failed" : pass == 1 ? "delayed" : NULL;

        if (wanted == NULL || g_strcmp0 (r->action, wanted) == 0)
          self->explanation = g_object_ref (r->explanation);
      }
  if (self->explanation == NULL && bounce_like && global_diagnostic != NULL)
    self->explanation = mj_explainer_explain_text (global_diagnostic);
  if (self->explanation == NULL && bounce_like)
    self->explanation = _mj_explainer_explain_id ("bounce-no-diagnostic", 0, NULL, 'P', NULL);
  if (self->explanation == NULL)
    self->explanation = mj_explainer_explain_not_bounce ();

out:
  g_string_free (c.human, TRUE);
  g_string_free (c.html, TRUE);
  g_string_free (c.dsn, TRUE);
  g_free (c.attached_message_id);
  g_free (c.headers_message_id);
  return self;
}

static gsize gmime_ready;

/**
 * mj_bounce_parse_bytes:
 * @bytes: a whole message (an .eml file), or pasted text
 *
 * Returns: (transfer full): what the message reports; never %NULL. A
 *   message that is neither a bounce nor an automatic reply gives
 *   %MJ_BOUNCE_KIND_NONE.
 */
MjBounce *
mj_bounce_parse_bytes (GBytes *bytes)
{
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  MjBounce *self;
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  /* Callers (the queue, the diagnostics pane) need not know GMime;
   * g_mime_init() counts its calls, so one more is harmless. */
  if (g_once_init_enter (&gmime_ready))
    {
      g_mime_init ();
      g_once_init_leave (&gmime_ready, 1);
    }

  data = g_bytes_get_data (bytes, &size);
  stream = g_mime_stream_mem_new_with_buffer (data != NULL ? data : "", size);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_object_unref (parser);
  g_object_unref (stream);

  /* Text without a header block: a pasted bounce body. */
  if (message == NULL || g_mime_message_get_mime_part (message) == NULL)
    {
      g_autofree char *text = make_valid (data != NULL ? data : "", size);

      g_clear_object (&message);
      return analyse (NULL, text);
    }
  self = analyse (message, NULL);
  g_object_unref (message);
  return self;
}

MjBounce *
mj_bounce_parse_text (const char *text)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  bytes = g_bytes_new (text, strlen (text));
  return mj_bounce_parse_bytes (bytes);
}

/**
 * mj_bounce_parse_file:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 *   (%MJ_INPUT_ERROR_FILE) when the file cannot be read or is empty
 */
MjBounce *
mj_bounce_parse_file (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is empty", path);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return mj_bounce_parse_bytes (bytes);
}

MjBounceKind
mj_bounce_get_kind (MjBounce *self)
{
  g_return_val_if_fail (MJ_IS_BOUNCE (self), MJ_BOUNCE_KIND_NONE);
  return self->kind;
}

const char *
mj_bounce_kind_to_string (MjBounceKind kind)
{
  switch (kind)
    {
    case MJ_BOUNCE_KIND_DSN: return "dsn";
    case MJ_BOUNCE_KIND_TEXT: return "text";
    case MJ_BOUNCE_KIND_AUTO_REPLY: return "auto-reply";
    case MJ_BOUNCE_KIND_NONE:
    default: return "none";
    }
}

/**
 * mj_bounce_get_recipients:
 *
 * Returns: (transfer none) (element-type MjBounceRecipient): the recipients
 *   the report is about, in its order
 */
GPtrArray *
mj_bounce_get_recipients (MjBounce *self)
{
  g_return_val_if_fail (MJ_IS_BOUNCE (self), NULL);
  return self->recipients;
}

/**
 * mj_bounce_get_original_message_id:
 *
 * Returns: (nullable): the Message-ID of the message that came back,
 *   without angle brackets (for an automatic reply, its In-Reply-To)
 */
const char *
mj_bounce_get_original_message_id (MjBounce *self)
{
  g_return_val_if_fail (MJ_IS_BOUNCE (self), NULL);
  return self->original_message_id;
}

const char *
mj_bounce_get_subject (MjBounce *self)
{
  g_return_val_if_fail (MJ_IS_BOUNCE (self), NULL);
  return self->subject;
}

/**
 * mj_bounce_get_explanation:
 *
 * Returns: (transfer none): the explanation of the whole message: its first
 *   failure, an automatic reply, or "not a bounce"
 */
MjExplanation *
mj_bounce_get_explanation (MjBounce *self)
{
  g_return_val_if_fail (MJ_IS_BOUNCE (self), NULL);
  return self->explanation;
}
