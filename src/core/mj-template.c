#define G_LOG_DOMAIN "mj-template"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mj-i18n.h"
#include "mj-template.h"

struct _MjTemplate
{
  GObject parent_instance;

  char *subject;
  char *body;
};

G_DEFINE_FINAL_TYPE (MjTemplate, mj_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The built-in templates. The syntax ({placeholders}, [optional parts],
 * [part|fallback]) is explained in mj-template.h; translators keep it. */
static const char *default_subject =
  /* Translators: the default e-mail subject. Keep {…}, […] and | as they are:
   * a part in brackets is left out when its value is unknown. */
  N_("Invoice[ {invoice_number}][ from {company}]");
static const char *default_body =
  /* Translators: the default e-mail body. Keep {…}, […] and | as they are:
   * "[A|B]" writes A when its values are known, B otherwise. */
  N_("[Dear {client_name},|Hello,]\n"
     "\n"
     "Please find attached invoice[ {invoice_number}][ dated {date}][ for {total}].\n"
     "\n"
     "If you have any questions about it, just reply to this message.\n"
     "\n"
     "Kind regards,\n"
     "[{sender_name}]\n"
     "[{company}]\n");

static const char * const placeholder_names[] = {
  "invoice_number", "client_name", "company", "total", "date", "sender_name",
};

/* ------------------------------------------------------------------------ */

static const char *
lookup_value (const MjTemplateValues *values,
              const char             *name,
              gsize                   len,
              gboolean               *known)
{
  const char *v = NULL;
  guint i;

  *known = FALSE;
  for (i = 0; i < G_N_ELEMENTS (placeholder_names); i++)
    if (strlen (placeholder_names[i]) == len && strncmp (placeholder_names[i], name, len) == 0)
      break;
  if (i == G_N_ELEMENTS (placeholder_names))
    return NULL;
  *known = TRUE;
  if (values == NULL)
    return NULL;
  switch (i)
    {
    case 0: v = values->invoice_number; break;
    case 1: v = values->client_name; break;
    case 2: v = values->company; break;
    case 3: v = values->total; break;
    case 4: v = values->date; break;
    case 5: v = values->sender_name; break;
    default: break;
    }
  if (v == NULL)
    return NULL;
  /* A value of only spaces counts as missing. */
  for (const char *p = v; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return v;
  return NULL;
}

/* Render @tmpl[0..len) without bracket groups handling when @flat.
 * *@missing is set when a known placeholder had no value;
 * *@any_placeholder when the text holds a known placeholder. */
static void
render_span (GString                *out,
             const char             *tmpl,
             gsize                   len,
             const MjTemplateValues *values,
             gboolean                groups,
             gboolean               *missing,
             gboolean               *any_placeholder);

/* "Factura Nº {invoice_number}" without a number: drop the "Nº" too. */
static void
drop_number_label (GString *out)
{
  static const char * const labels[] = { "Nº", "N°", "nº", "n°", "n.º", "No.", "no.", "#", "Nr." };
  gsize len = out->len;

  while (len > 0 && out->str[len - 1] == ' ')
    len--;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gsize ll = strlen (labels[i]);

      if (len >= ll && strncmp (out->str + len - ll, labels[i], ll) == 0 &&
          (len == ll || out->str[len - ll - 1] == ' '))
        {
          g_string_truncate (out, len - ll);
          return;
        }
    }
}

/* Find the "]" closing the group that starts after @start; -1 when none. */
static gssize
find_group_end (const char *tmpl,
                gsize       start,
                gsize       len)
{
  for (gsize i = start; i < len; i++)
    {
      if (tmpl[i] == '\n' || tmpl[i] == '[')
        return -1;
      if (tmpl[i] == ']')
        return (gssize) i;
    }
  return -1;
}

static void
render_span (GString                *out,
             const char             *tmpl,
             gsize                   len,
             const MjTemplateValues *values,
             gboolean                groups,
             gboolean               *missing,
             gboolean               *any_placeholder)
{
  gsize i = 0;

  while (i < len)
    {
      char c = tmpl[i];

      if (c == '{' && i + 1 < len && tmpl[i + 1] == '{')
        {
          g_string_append_c (out, '{');
          i += 2;
          continue;
        }
      if (c == '}' && i + 1 < len && tmpl[i + 1] == '}')
        {
          g_string_append_c (out, '}');
          i += 2;
          continue;
        }
      if (c == '{')
        {
          const char *close = memchr (tmpl + i + 1, '}', len - i - 1);

          if (close != NULL)
            {
              gboolean known;
              gsize nlen = close - (tmpl + i + 1);
              const char *value = lookup_value (values, tmpl + i + 1, nlen, &known);

              if (known)
                {
                  *any_placeholder = TRUE;
                  if (value != NULL)
                    g_string_append (out, value);
                  else
                    {
                      *missing = TRUE;
                      drop_number_label (out);
                    }
                  i += nlen + 2;
                  continue;
                }
            }
        }
      if (c == '[' && groups)
        {
          gssize end = find_group_end (tmpl, i + 1, len);

          if (end > 0)
            {
              const char *inner = tmpl + i + 1;
              gsize inner_len = end - (gssize) i - 1;
              const char *bar = memchr (inner, '|', inner_len);
              gsize main_len = bar != NULL ? (gsize) (bar - inner) : inner_len;
              g_autoptr(GString) main = g_string_new (NULL);
              gboolean main_missing = FALSE, main_any = FALSE;

              render_span (main, inner, main_len, values, FALSE, &main_missing, &main_any);
              if (main_any)
                {
                  *any_placeholder = TRUE;
                  if (!main_missing)
                    g_string_append_len (out, main->str, main->len);
                  else if (bar != NULL)
                    {
                      gboolean alt_missing = FALSE, alt_any = FALSE;

                      render_span (out, bar + 1, inner_len - main_len - 1, values, FALSE,
                                   &alt_missing, &alt_any);
                      if (alt_missing)
                        *missing = TRUE;
                    }
                  i = end + 1;
                  continue;
                }
            }
        }
      g_string_append_c (out, c);
      i++;
    }
}

static gboolean
has_alnum (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Tidy a line where a value was missing. */
static char *
tidy_line (const char *line,
           gboolean    subject)
{
  static const char * const dangling[] = {
    " de", " del", " from", " for", " of", " por", " dated", " con fecha", " No.", " Nº", " nº",
    " N°", " #", " -", " –", " :", " ,", " n.º",
  };
  GString *s = g_string_new (NULL);
  gboolean changed = TRUE;

  /* Collapse spaces; no space before punctuation. */
  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == ' ' && (s->len == 0 || s->str[s->len - 1] == ' '))
        continue;
      if (strchr (",.:;!?)", *p) != NULL && s->len > 0 && s->str[s->len - 1] == ' ')
        g_string_truncate (s, s->len - 1);
      /* "Hello ,," → "Hello," */
      if (strchr (",.:;", *p) != NULL && s->len > 0 && s->str[s->len - 1] == *p)
        continue;
      g_string_append_c (s, *p);
    }
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  while (s->len > 0 && s->str[0] == ' ')
    g_string_erase (s, 0, 1);

  /* Connectors left hanging at the end ("Invoice from", "Factura Nº"). */
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (dangling); i++)
        {
          gsize dl = strlen (dangling[i]);

          if (s->len >= dl && g_ascii_strcasecmp (s->str + s->len - dl, dangling[i]) == 0)
            {
              g_string_truncate (s, s->len - dl);
              changed = TRUE;
            }
        }
      /* A sentence that now ends in " ." keeps its full stop. */
      if (!subject && s->len >= 2 && strchr (".", s->str[s->len - 1]) != NULL)
        {
          gsize k = s->len - 1;

          for (guint i = 0; i < G_N_ELEMENTS (dangling); i++)
            {
              gsize dl = strlen (dangling[i]);

              if (k >= dl && g_ascii_strncasecmp (s->str + k - dl, dangling[i], dl) == 0)
                {
                  g_string_erase (s, k - dl, dl);
                  changed = TRUE;
                  break;
                }
            }
        }
    }
  return g_string_free (s, FALSE);
}

static char *
render_text (const char             *tmpl,
             const MjTemplateValues *values,
             gboolean                subject)
{
  g_auto(GStrv) lines = g_strsplit (tmpl != NULL ? tmpl : "", "\n", -1);
  GString *out = g_string_new (NULL);
  guint n = g_strv_length (lines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gboolean missing = FALSE, any = FALSE;

      render_span (line, lines[i], strlen (lines[i]), values, TRUE, &missing, &any);
      if (subject)
        g_strdelimit (line->str, "\r\n\t", ' ');
      if (missing || (any && !has_alnum (line->str) && line->len > 0))
        {
          g_autofree char *tidy = tidy_line (line->str, subject);

          gsize tl = strlen (tidy);

          /* The line only held what was missing ("Total: {total}" without
           * a total): drop it. */
          if (!has_alnum (tidy))
            continue;
          if (!subject && tl > 0 && tidy[tl - 1] == ':' &&
              (strstr (lines[i], ": {") != NULL || strstr (lines[i], ":{") != NULL))
            continue;
          g_string_assign (line, tidy);
        }
      else if (any && line->len == 0 && lines[i][0] != '\0')
        continue;   /* "[{company}]" with no company */
      g_string_append (out, line->str);
      if (i + 1 < n)
        g_string_append_c (out, '\n');
    }
  if (subject)
    {
      g_autofree char *tidy = tidy_line (out->str, TRUE);

      g_string_free (out, TRUE);
      return g_steal_pointer (&tidy);
    }
  return g_string_free (out, FALSE);
}

/**
 * mj_template_render_string:
 * @tmpl: a template
 * @values: (nullable): the values; NULL members are missing
 *
 * Returns: (transfer full): the text
 */
char *
mj_template_render_string (const char             *tmpl,
                           const MjTemplateValues *values)
{
  return render_text (tmpl, values, FALSE);
}

void
mj_template_render (MjTemplate             *self,
                    const MjTemplateValues *values,
                    char                  **subject,
                    char                  **body)
{
  g_return_if_fail (MJ_IS_TEMPLATE (self));

  if (subject != NULL)
    *subject = render_text (self->subject, values, TRUE);
  if (body != NULL)
    *body = render_text (self->body, values, FALSE);
}

/* ------------------------------------------------------------------------ */

static void
mj_template_finalize (GObject *object)
{
  MjTemplate *self = MJ_TEMPLATE (object);

  g_free (self->subject);
  g_free (self->body);
  G_OBJECT_CLASS (mj_template_parent_class)->finalize (object);
}

static void
mj_template_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MjTemplate *self = MJ_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_template_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MjTemplate *self = MJ_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      mj_template_set_subject (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      mj_template_set_body (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_template_class_init (MjTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mj_template_finalize;
  object_class->get_property = mj_template_get_property;
  object_class->set_property = mj_template_set_property;

  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, "",
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "",
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mj_template_init (MjTemplate *self)
{
  self->subject = g_strdup ("");
  self->body = g_strdup ("");
}

MjTemplate *
mj_template_new (const char *subject,
                 const char *body)
{
  return g_object_new (MJ_TYPE_TEMPLATE,
                       "subject", subject != NULL ? subject : "",
                       "body", body != NULL ? body : "",
                       NULL);
}

MjTemplate *
mj_template_new_default (const char *lang)
{
  const char *l = g_strcmp0 (lang, MJ_LANG_ES) == 0 ? MJ_LANG_ES : MJ_LANG_EN;

  return mj_template_new (mj_i18n_translate (l, default_subject),
                          mj_i18n_translate (l, default_body));
}

const char *
mj_template_get_subject (MjTemplate *self)
{
  g_return_val_if_fail (MJ_IS_TEMPLATE (self), NULL);
  return self->subject;
}

void
mj_template_set_subject (MjTemplate *self,
                         const char *subject)
{
  g_return_if_fail (MJ_IS_TEMPLATE (self));

  if (subject == NULL)
    subject = "";
  if (g_strcmp0 (self->subject, subject) == 0)
    return;
  g_free (self->subject);
  self->subject = g_strdup (subject);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

const char *
mj_template_get_body (MjTemplate *self)
{
  g_return_val_if_fail (MJ_IS_TEMPLATE (self), NULL);
  return self->body;
}

void
mj_template_set_body (MjTemplate *self,
                      const char *body)
{
  g_return_if_fail (MJ_IS_TEMPLATE (self));

  if (body == NULL)
    body = "";
  if (g_strcmp0 (self->body, body) == 0)
    return;
  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/* ------------------------------------------------------------------------ */
/* Per-account storage */

/* $XDG_CONFIG_HOME is read each time (g_get_user_config_dir() caches its
 * first answer), like the account store does. */
static char *
templates_path (void)
{
  const char *config = g_getenv ("XDG_CONFIG_HOME");

  if (config == NULL || config[0] != '/')
    config = g_get_user_config_dir ();
  return g_build_filename (config, "mensajero", "templates.ini", NULL);
}

static char *
group_for (const char *account_name)
{
  return g_strconcat ("account ", account_name, NULL);
}

static GKeyFile *
load_keyfile (void)
{
  g_autofree char *path = templates_path ();
  GKeyFile *kf = g_key_file_new ();

  /* A missing or unreadable file is an empty one. */
  g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  return kf;
}

MjTemplate *
mj_template_load_for_account (const char *account_name,
                              const char *lang)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *group = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  if (account_name == NULL)
    return mj_template_new_default (lang);

  kf = load_keyfile ();
  group = group_for (account_name);
  subject = g_key_file_get_string (kf, group, "subject", NULL);
  body = g_key_file_get_string (kf, group, "body", NULL);
  if (subject == NULL && body == NULL)
    return mj_template_new_default (lang);
  if (subject == NULL || body == NULL)
    {
      g_autoptr(MjTemplate) def = mj_template_new_default (lang);

      return mj_template_new (subject != NULL ? subject : def->subject,
                              body != NULL ? body : def->body);
    }
  return mj_template_new (subject, body);
}

static gboolean
save_keyfile (GKeyFile  *kf,
              GError   **error)
{
  g_autofree char *path = templates_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   M_("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (kf, path, error);
}

gboolean
mj_template_save_for_account (MjTemplate  *self,
                              const char  *account_name,
                              GError     **error)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *group = NULL;

  g_return_val_if_fail (MJ_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (account_name != NULL, FALSE);

  kf = load_keyfile ();
  group = group_for (account_name);
  g_key_file_set_string (kf, group, "subject", self->subject);
  g_key_file_set_string (kf, group, "body", self->body);
  return save_keyfile (kf, error);
}

gboolean
mj_template_reset_for_account (const char  *account_name,
                               GError     **error)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *group = NULL;

  g_return_val_if_fail (account_name != NULL, FALSE);

  kf = load_keyfile ();
  group = group_for (account_name);
  if (!g_key_file_has_group (kf, group))
    return TRUE;
  g_key_file_remove_group (kf, group, NULL);
  return save_keyfile (kf, error);
}
