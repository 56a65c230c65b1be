#define G_LOG_DOMAIN "mj-pdf-inspector"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-invoice-text.h"
#include "mj-pdf-inspector.h"
#include "mj-pdf-report-private.h"

/* Text of more pages than this is not read (the fields are on the first
 * pages and the total on the last ones). */
#define MAX_TEXT_PAGES_HEAD 40
#define MAX_TEXT_PAGES_TAIL 5
/* Bounds of the object walk, against hostile files. */
#define MAX_WALK_DEPTH   64
#define MAX_WALK_OBJECTS 200000

/* poppler-glib 22.12 has no autoptr for its classes; a private alias never
 * clashes with one a newer Poppler may define. */
typedef PopplerDocument MjPopplerDocument;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjPopplerDocument, g_object_unref)

/* ------------------------------------------------------------------------ */
/* Layout text: rebuild lines and columns from Poppler's glyph boxes, the
 * way `pdftotext -layout` does, so table columns survive. */

typedef struct {
  gunichar c;
  double x1, y1, x2, y2;
} Glyph;

typedef struct {
  double yc;
  double h;
  GArray *glyphs;
} GlyphLine;

static int
cmp_glyph_y (gconstpointer a,
             gconstpointer b)
{
  const Glyph *ga = a, *gb = b;
  double ya = (ga->y1 + ga->y2) / 2, yb = (gb->y1 + gb->y2) / 2;

  if (ya != yb)
    return ya < yb ? -1 : 1;
  return ga->x1 < gb->x1 ? -1 : ga->x1 > gb->x1;
}

static int
cmp_glyph_x (gconstpointer a,
             gconstpointer b)
{
  const Glyph *ga = a, *gb = b;

  return ga->x1 < gb->x1 ? -1 : ga->x1 > gb->x1;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
append_layout_text (PopplerPage *page,
                    GString     *out)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  const char *p;
  guint i = 0;
  double cw;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    {
      if (text != NULL)
        g_string_append (out, text);
      g_string_append_c (out, '\n');
      g_free (rects);
      return;
    }

  for (p = text; *p != '\0' && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      Glyph g;

      g.c = g_utf8_get_char (p);
      if (g_unichar_isspace (g.c) || g.c == 0xA0)
        continue;
      g.x1 = MIN (rects[i].x1, rects[i].x2);
      g.x2 = MAX (rects[i].x1, rects[i].x2);
      g.y1 = MIN (rects[i].y1, rects[i].y2);
      g.y2 = MAX (rects[i].y1, rects[i].y2);
      if (g.y2 - g.y1 <= 0.01)
        continue;
      g_array_append_val (glyphs, g);
      {
        double w = g.x2 - g.x1;
        g_array_append_val (widths, w);
      }
    }
  g_free (rects);

  if (glyphs->len == 0)
    {
      g_string_append_c (out, '\n');
      return;
    }

  g_array_sort (widths, cmp_double);
  cw = g_array_index (widths, double, widths->len / 2);
  if (cw < 1.0)
    cw = 1.0;

  /* Lines: glyphs whose vertical centres are close. */
  g_array_sort (glyphs, cmp_glyph_y);
  for (i = 0; i < glyphs->len; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);
      double yc = (g->y1 + g->y2) / 2, h = g->y2 - g->y1;
      GlyphLine *line = lines->len > 0 ? g_ptr_array_index (lines, lines->len - 1) : NULL;

      if (line == NULL || fabs (yc - line->yc) > 0.4 * MAX (h, line->h))
        {
          line = g_new0 (GlyphLine, 1);
          line->yc = yc;
          line->h = h;
          line->glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
          g_ptr_array_add (lines, line);
        }
      g_array_append_val (line->glyphs, *g);
    }

  for (i = 0; i < lines->len; i++)
    {
      GlyphLine *line = g_ptr_array_index (lines, i);
      int col = 0;
      const Glyph *prev = NULL;

      g_array_sort (line->glyphs, cmp_glyph_x);
      for (guint j = 0; j < line->glyphs->len; j++)
        {
          const Glyph *g = &g_array_index (line->glyphs, Glyph, j);
          int target = (int) floor (g->x1 / cw + 0.5);

          if (prev == NULL)
            {
              for (; col < target; col++)
                g_string_append_c (out, ' ');
            }
          else
            {
              double gap = g->x1 - prev->x2;
              double h = MAX (g->y2 - g->y1, prev->y2 - prev->y1);

              if (gap > MAX (2.0 * cw, 0.7 * h))
                {
                  int spaces = MAX (2, target - col);

                  for (int s = 0; s < spaces; s++)
                    g_string_append_c (out, ' ');
                  col += spaces;
                }
              else if (gap > 0.12 * h)
                {
                  g_string_append_c (out, ' ');
                  col++;
                }
            }
          g_string_append_unichar (out, g->c);
          col++;
          prev = g;
        }
      g_string_append_c (out, '\n');
      g_array_unref (line->glyphs);
      g_free (line);
    }
}

/* ------------------------------------------------------------------------ */
/* The object walk with libqpdf. */

typedef enum {
  CTX_DOCUMENT,
  CTX_OPENACTION,
  CTX_DOCUMENT_AA,
  CTX_NAMES,
  CTX_ACROFORM,
  CTX_OUTLINE,
  CTX_PAGE,
  CTX_PAGE_AA,
  CTX_ANNOTS,
  CTX_ANNOTATION,
  CTX_LINK,
} WalkCtx;

static const char *
ctx_location (WalkCtx ctx)
{
  switch (ctx)
    {
    case CTX_OPENACTION:
      return "openaction";
    case CTX_DOCUMENT_AA:
      return "document-aa";
    case CTX_NAMES:
      return "names";
    case CTX_ACROFORM:
      return "acroform";
    case CTX_OUTLINE:
      return "outline";
    case CTX_PAGE:
      return "page";
    case CTX_PAGE_AA:
      return "page-aa";
    case CTX_ANNOTS:
    case CTX_ANNOTATION:
      return "annotation";
    case CTX_LINK:
      return "link";
    case CTX_DOCUMENT:
    default:
      return "document";
    }
}

typedef struct {
  qpdf_data q;
  MjPdfReport *report;
  GHashTable *visited;    /* "id gen" of indirect objects */
  int root_id;
  guint n_objects;
  GCancellable *cancellable;
} Walk;

static char *
dup_string_of (qpdf_data   q,
               qpdf_oh     oh)
{
  if (qpdf_oh_is_string (q, oh))
    return g_strdup (qpdf_oh_get_utf8_value (q, oh));
  if (qpdf_oh_is_name (q, oh))
    return g_strdup (qpdf_oh_get_name (q, oh));
  return NULL;
}

/* A file specification: a string, or a dictionary with /UF or /F. */
static char *
dup_filespec_name (qpdf_data q,
                   qpdf_oh   oh)
{
  char *name = dup_string_of (q, oh);

  if (name == NULL && qpdf_oh_is_dictionary (q, oh))
    {
      const char *keys[] = { "/UF", "/F", "/Unix", "/DOS", "/Mac" };

      for (guint i = 0; i < G_N_ELEMENTS (keys) && name == NULL; i++)
        {
          qpdf_oh v = qpdf_oh_get_key (q, oh, keys[i]);

          name = dup_string_of (q, v);
          qpdf_oh_release (q, v);
        }
    }
  return name;
}

static gboolean
name_is (qpdf_data   q,
         qpdf_oh     dict,
         const char *key,
         const char *value)
{
  qpdf_oh v = qpdf_oh_get_key (q, dict, key);
  gboolean result = qpdf_oh_is_name_and_equals (q, v, value);

  qpdf_oh_release (q, v);
  return result;
}

static void walk_object (Walk *w, qpdf_oh oh, WalkCtx ctx, int depth);

static void
inspect_dict (Walk    *w,
              qpdf_oh  dict,
              WalkCtx  ctx)
{
  qpdf_data q = w->q;
  MjPdfReport *r = w->report;

  if (qpdf_oh_has_key (q, dict, "/JS") || name_is (q, dict, "/S", "/JavaScript"))
    {
      r->has_javascript = TRUE;
      _mj_pdf_report_add (r->javascript_locations, ctx_location (ctx));
    }
  if (name_is (q, dict, "/S", "/Launch"))
    {
      qpdf_oh f = qpdf_oh_get_key (q, dict, "/F");
      g_autofree char *name = dup_filespec_name (q, f);

      qpdf_oh_release (q, f);
      if (name == NULL)
        {
          qpdf_oh win = qpdf_oh_get_key (q, dict, "/Win");

          if (qpdf_oh_is_dictionary (q, win))
            {
              qpdf_oh wf = qpdf_oh_get_key (q, win, "/F");

              name = dup_string_of (q, wf);
              qpdf_oh_release (q, wf);
            }
          qpdf_oh_release (q, win);
        }
      _mj_pdf_report_add (r->launch_actions, name != NULL ? name : "?");
    }
  if (name_is (q, dict, "/S", "/URI"))
    {
      qpdf_oh uri = qpdf_oh_get_key (q, dict, "/URI");
      g_autofree char *value = dup_string_of (q, uri);

      qpdf_oh_release (q, uri);
      if (value != NULL && *value != '\0')
        _mj_pdf_report_add (r->external_links, value);
    }
  if (qpdf_oh_has_key (q, dict, "/EF"))
    {
      g_autofree char *name = dup_filespec_name (q, dict);

      _mj_pdf_report_add (r->embedded_files, name != NULL ? name : "?");
    }
}

static WalkCtx
catalog_key_ctx (const char *key)
{
  if (strcmp (key, "/OpenAction") == 0)
    return CTX_OPENACTION;
  if (strcmp (key, "/AA") == 0)
    return CTX_DOCUMENT_AA;
  if (strcmp (key, "/Names") == 0)
    return CTX_NAMES;
  if (strcmp (key, "/AcroForm") == 0)
    return CTX_ACROFORM;
  if (strcmp (key, "/Outlines") == 0)
    return CTX_OUTLINE;
  if (strcmp (key, "/Pages") == 0)
    return CTX_PAGE;
  return CTX_DOCUMENT;
}

/* Keys that never lead to actions, or lead back up the tree. Not "/K"
 * nor "/D": in additional-actions dictionaries they are the keystroke and
 * mouse-down actions. */
static gboolean
skip_key (const char *key)
{
  static const char * const skip[] = {
    "/Parent", "/P", "/Resources", "/Contents", "/Metadata", "/StructTreeRoot",
    "/ParentTree", "/Font", "/XObject", "/ColorSpace", "/ExtGState", "/Pattern",
    "/Shading", "/Thumb", "/Length", "/Filter", "/DecodeParms", "/Widths", "/FontDescriptor",
    "/Encoding", "/ToUnicode", "/MediaBox", "/CropBox", "/Rect", "/Border", "/Prev",
    "/Last", "/Dest", "/ID",
  };

  for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
    if (strcmp (key, skip[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
walk_object (Walk    *w,
             qpdf_oh  oh,
             WalkCtx  ctx,
             int      depth)
{
  qpdf_data q = w->q;
  enum qpdf_object_type_e type;
  qpdf_oh dict;
  gboolean is_catalog = FALSE;
  g_autoptr(GPtrArray) keys = NULL;

  if (depth > MAX_WALK_DEPTH || w->n_objects > MAX_WALK_OBJECTS)
    return;
  if (w->n_objects % 512 == 0 && g_cancellable_is_cancelled (w->cancellable))
    return;

  if (qpdf_oh_is_indirect (q, oh))
    {
      char key[48];
      int id = qpdf_oh_get_object_id (q, oh);

      g_snprintf (key, sizeof key, "%d %d", id, qpdf_oh_get_generation (q, oh));
      if (g_hash_table_contains (w->visited, key))
        return;
      g_hash_table_add (w->visited, g_strdup (key));
      is_catalog = (id == w->root_id);
    }
  w->n_objects++;

  type = qpdf_oh_get_type_code (q, oh);
  if (type == ot_array)
    {
      int n = qpdf_oh_get_array_n_items (q, oh);

      for (int i = 0; i < n; i++)
        {
          qpdf_oh item = qpdf_oh_get_array_item (q, oh, i);

          walk_object (w, item, ctx, depth + 1);
          qpdf_oh_release (q, item);
        }
      return;
    }
  if (type == ot_stream)
    dict = qpdf_oh_get_dict (q, oh);
  else if (type == ot_dictionary)
    dict = oh;
  else
    return;

  /* Where we are. */
  if (ctx == CTX_ANNOTS || ctx == CTX_ANNOTATION)
    {
      if (name_is (q, dict, "/Subtype", "/Link"))
        ctx = CTX_LINK;
      else if (qpdf_oh_has_key (q, dict, "/Subtype"))
        ctx = CTX_ANNOTATION;
    }

  inspect_dict (w, dict, ctx);

  keys = g_ptr_array_new_with_free_func (g_free);
  qpdf_oh_begin_dict_key_iter (q, dict);
  while (qpdf_oh_dict_more_keys (q))
    g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (q)));

  if (is_catalog)
    {
      /* The places that name JavaScript first, so they get the location. */
      static const char * const order[] = { "/OpenAction", "/AA", "/Names", "/AcroForm", "/Outlines", "/Pages" };

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          for (guint k = 0; k < keys->len; k++)
            {
              if (strcmp (g_ptr_array_index (keys, k), order[i]) == 0)
                {
                  qpdf_oh v = qpdf_oh_get_key (q, dict, order[i]);

                  walk_object (w, v, catalog_key_ctx (order[i]), depth + 1);
                  qpdf_oh_release (q, v);
                }
            }
        }
    }

  {
    gboolean is_page = name_is (q, dict, "/Type", "/Page");

    for (guint k = 0; k < keys->len; k++)
      {
        const char *key = g_ptr_array_index (keys, k);
        WalkCtx child = ctx;
        qpdf_oh v;

        if (skip_key (key))
          continue;
        if (is_catalog)
          child = catalog_key_ctx (key);
        else if (is_page || ctx == CTX_PAGE)
          {
            if (strcmp (key, "/AA") == 0)
              child = CTX_PAGE_AA;
            else if (strcmp (key, "/Annots") == 0)
              child = CTX_ANNOTS;
            else
              child = CTX_PAGE;
          }
        v = qpdf_oh_get_key (q, dict, key);
        walk_object (w, v, child, depth + 1);
        qpdf_oh_release (q, v);
      }
  }

  if (dict != oh)
    qpdf_oh_release (q, dict);
}

/* Returns FALSE when qpdf cannot read the file at all. */
static gboolean
qpdf_inspect (const char   *path,
              MjPdfReport  *report,
              gboolean     *password_needed,
              GCancellable *cancellable)
{
  qpdf_data q = qpdf_init ();
  QPDF_ERROR_CODE rc;
  gboolean ok = FALSE;

  *password_needed = FALSE;
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  rc = qpdf_read (q, path, NULL);
  if (rc & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (q);

      if (e != NULL && qpdf_get_error_code (q, e) == qpdf_e_password)
        {
          *password_needed = TRUE;
          report->encrypted = TRUE;
        }
      g_debug ("qpdf cannot read %s: %s", path, e != NULL ? qpdf_get_error_full_text (q, e) : "?");
    }
  else
    {
      Walk w = { 0 };
      qpdf_oh root;

      if (qpdf_is_encrypted (q))
        report->encrypted = TRUE;
      w.q = q;
      w.report = report;
      w.visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      w.cancellable = cancellable;
      root = qpdf_get_root (q);
      w.root_id = qpdf_oh_get_object_id (q, root);
      walk_object (&w, root, CTX_DOCUMENT, 0);
      qpdf_oh_release_all (q);
      g_hash_table_unref (w.visited);
      ok = !qpdf_has_error (q);
      if (rc & QPDF_WARNINGS || qpdf_more_warnings (q))
        {
          report->damaged = TRUE;
          _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_REPAIRED);
        }
    }
  qpdf_cleanup (&q);
  return ok;
}

/* ------------------------------------------------------------------------ */

static void
set_status_error (MjPdfReport *report,
                  MjPdfStatus  status,
                  const char  *display)
{
  g_clear_error (&report->error);
  report->status = status;
  switch (status)
    {
    case MJ_PDF_STATUS_NOT_PDF:
      g_set_error (&report->error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("“%s” is not a PDF document."), display);
      _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_NOT_PDF);
      break;
    case MJ_PDF_STATUS_DAMAGED:
      report->damaged = TRUE;
      g_set_error (&report->error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("“%s” is damaged and cannot be read as a PDF. Export it again from the program that made it."),
                   display);
      _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_DAMAGED);
      break;
    case MJ_PDF_STATUS_ENCRYPTED:
      report->encrypted = TRUE;
      g_set_error (&report->error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("“%s” is protected with a password. Save it again without a password so your client can open it."),
                   display);
      _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_ENCRYPTED);
      break;
    case MJ_PDF_STATUS_OK:
    default:
      break;
    }
}

static gboolean
has_pdf_header (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char buf[1024];
  gssize n;

  if (in == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, NULL);
  if (n < 5)
    return FALSE;
  for (gssize i = 0; i + 5 <= n; i++)
    if (memcmp (buf + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static void
read_text (PopplerDocument *doc,
           MjPdfReport     *report,
           GCancellable    *cancellable)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int n = poppler_document_get_n_pages (doc);

  for (int i = 0; i < n; i++)
    {
      PopplerPage *page;

      if (i >= MAX_TEXT_PAGES_HEAD && i < n - MAX_TEXT_PAGES_TAIL)
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        return;
      page = poppler_document_get_page (doc, i);
      if (page == NULL)
        continue;
      append_layout_text (page, text);
      g_string_append_c (text, '\f');
      g_object_unref (page);
    }
  report->text = g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_fields (MjPdfReport *report)
{
  g_autoptr(MjInvoiceFields) fields = NULL;
  gboolean any_text = FALSE;

  for (const char *p = report->text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      {
        any_text = TRUE;
        break;
      }
  if (!any_text)
    {
      _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_NO_TEXT);
      return;
    }
  fields = mj_invoice_fields_extract (report->text);
  report->invoice_number = g_steal_pointer (&fields->invoice_number);
  report->date = g_steal_pointer (&fields->date);
  report->date_text = g_steal_pointer (&fields->date_text);
  report->total = g_steal_pointer (&fields->total);
  report->has_total_amount = fields->has_total_amount;
  report->total_amount = fields->total_amount;
  report->currency = g_steal_pointer (&fields->currency);
  for (guint i = 0; fields->emails[i] != NULL; i++)
    _mj_pdf_report_add (report->emails, fields->emails[i]);
  if (report->invoice_number == NULL)
    _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_NO_INVOICE_NUMBER);
}

/**
 * mj_pdf_inspect_sync:
 * @file: the PDF
 * @cancellable: (nullable): a #GCancellable
 * @error: MJ_INPUT_ERROR_FILE when the file cannot be read at all
 *
 * Returns: (transfer full): the report, also for a file that is not a
 *   usable PDF (see mj_pdf_report_get_error())
 */
MjPdfReport *
mj_pdf_inspect_sync (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(MjPdfReport) report = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MjPopplerDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *uri = NULL;
  gboolean password_needed = FALSE;
  gboolean qpdf_ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  display = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                     M_("The file “%s” does not exist."), display);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                     M_("The file “%s” cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  if (path == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("“%s” is not a file that can be attached."), display);
      return NULL;
    }
  if (g_access (path, R_OK) != 0)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("The file “%s” cannot be read: %s"), display, g_strerror (errno));
      return NULL;
    }

  report = _mj_pdf_report_new (path);
  report->size_bytes = g_file_info_get_size (info);

  if (!has_pdf_header (path))
    {
      set_status_error (report, MJ_PDF_STATUS_NOT_PDF, display);
      return g_steal_pointer (&report);
    }

  /* Poppler: pages, text, metadata. */
  uri = g_file_get_uri (file);
  doc = poppler_document_new_from_file (uri, NULL, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        set_status_error (report, MJ_PDF_STATUS_ENCRYPTED, display);
      else
        set_status_error (report, MJ_PDF_STATUS_DAMAGED, display);
      g_clear_error (&local_error);
    }

  /* libqpdf: every action, link and attachment, wherever it sits. */
  qpdf_ok = qpdf_inspect (path, report, &password_needed, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (password_needed && report->status == MJ_PDF_STATUS_OK)
    set_status_error (report, MJ_PDF_STATUS_ENCRYPTED, display);
  if (!qpdf_ok && !password_needed && doc != NULL)
    {
      /* Poppler rebuilt what qpdf cannot: readable, but damaged. */
      report->damaged = TRUE;
      _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_REPAIRED);
    }

  if (doc != NULL)
    {
      report->pages = poppler_document_get_n_pages (doc);
      if (report->pages <= 0)
        set_status_error (report, MJ_PDF_STATUS_DAMAGED, display);
      report->title = poppler_document_get_title (doc);
      if (poppler_document_has_javascript (doc) && !report->has_javascript)
        {
          report->has_javascript = TRUE;
          _mj_pdf_report_add (report->javascript_locations, "document");
        }
      if (!qpdf_ok && poppler_document_has_attachments (doc))
        {
          GList *attachments = poppler_document_get_attachments (doc);

          for (GList *l = attachments; l != NULL; l = l->next)
            _mj_pdf_report_add (report->embedded_files, POPPLER_ATTACHMENT (l->data)->name);
          g_list_free_full (attachments, g_object_unref);
        }
      if (report->pages > 0)
        {
          read_text (doc, report, cancellable);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          fill_fields (report);
        }
    }

  if (report->encrypted && report->status == MJ_PDF_STATUS_OK)
    _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_RESTRICTED);
  if (report->has_javascript)
    _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_JAVASCRIPT);
  if (report->launch_actions->len > 1)
    _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_LAUNCH_ACTION);
  if (report->external_links->len > 1)
    _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_EXTERNAL_LINKS);
  if (report->embedded_files->len > 1)
    _mj_pdf_report_add (report->warnings, MJ_PDF_WARNING_EMBEDDED_FILES);

  return g_steal_pointer (&report);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  MjPdfReport *report = mj_pdf_inspect_sync (G_FILE (task_data), cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
mj_pdf_inspect_async (GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_pdf_inspect_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, inspect_thread);
}

MjPdfReport *
mj_pdf_inspect_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mj_pdf_inspect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
