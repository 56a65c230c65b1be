#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include <string.h>

#include "mj-invoice-text-private.h"

/*
 * E-mail addresses printed on an invoice, offered for the recipient field.
 * Addresses are picked out of running text, so the pattern is narrower than
 * what mj_presend_address_valid() accepts for a typed address: letters,
 * digits and ". % + -" before the "@", and a domain of letters, digits and
 * hyphens ending in an alphabetic label.
 */

static GRegex *re_email;

static void
init_email_regex (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      re_email = g_regex_new ("(?<![\\w.%+-])[\\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                              "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])",
                              G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

/* Every address in @text, lower case, once each, in order. */
static GStrv
find_all (const char *text)
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
append_wrapped (GString             *out,
                const MjInvoiceCell *cell,
                GPtrArray           *lines,
                guint                next_line)
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
      MjInvoiceLine *below = g_ptr_array_index (lines, nl);

      for (guint bc = 0; bc < below->cells->len; bc++)
        {
          MjInvoiceCell *bcell = g_ptr_array_index (below->cells, bc);
          g_autofree char *head = NULL;
          g_autofree char *tail = NULL;
          const char *space;

          if (!_mj_invoice_cells_overlap (cell, bcell))
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
      MjInvoiceLine *line = g_ptr_array_index (lines, li);

      for (guint ci = 0; ci < line->cells->len; ci++)
        {
          MjInvoiceCell *cell = g_ptr_array_index (line->cells, ci);

          if (strchr (cell->text, '@') != NULL)
            append_wrapped (out, cell, lines, li + 1);
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * _mj_invoice_find_emails:
 * @text: the whole text, normalized
 * @lines: the same text as lines
 *
 * Addresses a narrow table cell wrapped after "@" or a dot
 * ("administracion@construcciones-\ngarcia.es") are searched for joined,
 * after the rest.
 *
 * Returns: (transfer full): the addresses, never NULL
 */
GStrv
_mj_invoice_find_emails (const char *text,
                         GPtrArray  *lines)
{
  g_autofree char *wrapped = NULL;
  g_autofree char *all = NULL;

  init_email_regex ();
  wrapped = join_wrapped_emails (lines);
  all = g_strconcat (text, "\n", wrapped, NULL);
  return find_all (all);
}
