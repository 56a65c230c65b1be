#define G_LOG_DOMAIN "mj-i18n"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mj-i18n.h"

/*
 * The explanations must be available in Spanish and in English at the same
 * time (side by side in the UI, both in `--json`), whatever the process
 * locale is. gettext can only translate into the current locale, and the
 * es_* locales are often not even generated, so English is the msgid and the
 * Spanish text is looked up directly in the compiled catalogue
 * (po/es.po -> es/LC_MESSAGES/mensajero.mo). The .mo format is stable and
 * documented in the gettext manual ("The Format of GNU MO Files").
 */

typedef struct {
  GMappedFile *file;
  const char *data;
  gsize size;
  guint32 n_strings;
  guint32 orig_offset;
  guint32 trans_offset;
  gboolean swap;
} MoCatalog;

static MoCatalog *es_catalog;
static char *ui_lang;

static guint32
mo_u32 (const MoCatalog *mo,
        gsize            offset)
{
  guint32 v;

  memcpy (&v, mo->data + offset, sizeof v);
  return mo->swap ? GUINT32_SWAP_LE_BE (v) : v;
}

static gboolean
mo_string_at (const MoCatalog *mo,
              guint32          table,
              guint32          index,
              const char     **out)
{
  gsize entry = (gsize) table + (gsize) index * 8;
  guint32 len, off;

  if (entry + 8 > mo->size)
    return FALSE;
  len = mo_u32 (mo, entry);
  off = mo_u32 (mo, entry + 4);
  if ((gsize) off + len >= mo->size || mo->data[off + len] != '\0')
    return FALSE;
  *out = mo->data + off;
  return TRUE;
}

static MoCatalog *
mo_catalog_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  MoCatalog *mo;
  guint32 magic;

  mo = g_new0 (MoCatalog, 1);
  mo->file = g_mapped_file_new (path, FALSE, &error);
  if (mo->file == NULL)
    {
      g_debug ("no catalogue at %s: %s", path, error->message);
      g_free (mo);
      return NULL;
    }

  mo->data = g_mapped_file_get_contents (mo->file);
  mo->size = g_mapped_file_get_length (mo->file);
  if (mo->size < 28)
    goto bad;

  memcpy (&magic, mo->data, sizeof magic);
  if (magic == 0x950412de)
    mo->swap = FALSE;
  else if (GUINT32_SWAP_LE_BE (magic) == 0x950412de)
    mo->swap = TRUE;
  else
    goto bad;

  mo->n_strings = mo_u32 (mo, 8);
  mo->orig_offset = mo_u32 (mo, 12);
  mo->trans_offset = mo_u32 (mo, 16);
  if ((gsize) mo->orig_offset + (gsize) mo->n_strings * 8 > mo->size ||
      (gsize) mo->trans_offset + (gsize) mo->n_strings * 8 > mo->size)
    goto bad;

  return mo;

bad:
  g_warning ("%s is not a valid message catalogue", path);
  g_mapped_file_unref (mo->file);
  g_free (mo);
  return NULL;
}

/* msgfmt writes the original strings sorted, so a binary search finds them. */
static const char *
mo_catalog_lookup (const MoCatalog *mo,
                   const char      *msgid)
{
  guint32 lo = 0, hi = mo->n_strings;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      const char *orig;
      int cmp;

      if (!mo_string_at (mo, mo->orig_offset, mid, &orig))
        return NULL;
      cmp = strcmp (msgid, orig);
      if (cmp == 0)
        {
          const char *trans;

          if (mo_string_at (mo, mo->trans_offset, mid, &trans) && trans[0] != '\0')
            return trans;
          return NULL;
        }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return NULL;
}

/**
 * mj_i18n_localedir:
 *
 * Returns: where the compiled catalogues live. `MENSAJERO_LOCALEDIR` points
 *   an uninstalled build (tests, `./dev run`) at the build tree.
 */
const char *
mj_i18n_localedir (void)
{
  const char *dir = g_getenv ("MENSAJERO_LOCALEDIR");

  return (dir != NULL && dir[0] != '\0') ? dir : LOCALEDIR;
}

static gpointer
load_catalogues (gpointer data)
{
  g_autofree char *path = g_build_filename (mj_i18n_localedir (), "es",
                                            "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                                            NULL);

  es_catalog = mo_catalog_load (path);
  return NULL;
}

/**
 * mj_i18n_init:
 *
 * Sets up gettext for the process locale. Call once from main().
 */
void
mj_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, mj_i18n_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * mj_i18n_translate:
 * @lang: "en" or "es"
 * @msgid: an English string marked for translation
 *
 * Returns: (transfer none): @msgid in @lang, independent of the process
 *   locale. Falls back to English when no translation exists.
 */
const char *
mj_i18n_translate (const char *lang,
                   const char *msgid)
{
  static GOnce once = G_ONCE_INIT;
  const char *trans;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (lang == NULL || g_str_has_prefix (lang, "en") || msgid[0] == '\0')
    return msgid;

  g_once (&once, load_catalogues, NULL);
  if (es_catalog == NULL || !g_str_has_prefix (lang, "es"))
    return msgid;

  trans = mo_catalog_lookup (es_catalog, msgid);
  return trans != NULL ? trans : msgid;
}

/**
 * mj_i18n_ui_lang:
 *
 * Returns: the language of the user interface: the one set with
 *   mj_i18n_set_ui_lang() (`--lang`), else "es" when the locale's messages
 *   are Spanish, else "en".
 */
const char *
mj_i18n_ui_lang (void)
{
  const char * const *names;

  if (ui_lang != NULL)
    return ui_lang;

  names = g_get_language_names_with_category ("LC_MESSAGES");
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "es"))
        return MJ_LANG_ES;
      if (g_str_has_prefix (names[i], "en"))
        return MJ_LANG_EN;
    }
  return MJ_LANG_EN;
}

void
mj_i18n_set_ui_lang (const char *lang)
{
  g_free (ui_lang);
  ui_lang = g_strdup (lang);
}

/**
 * mj_i18n_ui:
 * @msgid: an English string marked for translation
 *
 * Returns: (transfer none): @msgid in the user interface language.
 */
const char *
mj_i18n_ui (const char *msgid)
{
  return mj_i18n_translate (mj_i18n_ui_lang (), msgid);
}
