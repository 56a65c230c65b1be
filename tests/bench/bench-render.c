/* Render page 1 of a PDF the way the composer's preview does: Poppler into
 * a cairo image surface at 96 dpi. Used by bench-pdf.sh.
 *
 *   bench-render FILE.pdf [N]            open + render N times (default 1);
 *                                        prints the mean milliseconds per run
 *   bench-render --inspect FILE.pdf [N]  the same for mj_pdf_inspect_sync()
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <poppler.h>

#include "mj-pdf-inspector.h"

static void
render_once (const char *uri)
{
  GError *error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, scale = 96.0 / 72.0;

  if (doc == NULL)
    {
      fprintf (stderr, "bench-render: %s\n", error->message);
      exit (1);
    }
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * scale + 0.5), (int) (h * scale + 0.5));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (doc);
}

int
main (int argc, char **argv)
{
  g_autofree char *abs = NULL;
  g_autofree char *uri = NULL;
  gboolean inspect = argc > 1 && strcmp (argv[1], "--inspect") == 0;
  int n;
  gint64 start;

  if (inspect)
    {
      argv++;
      argc--;
    }
  n = argc > 2 ? atoi (argv[2]) : 1;
  if (argc < 2 || n < 1)
    {
      fprintf (stderr, "usage: bench-render [--inspect] FILE.pdf [N]\n");
      return 1;
    }
  abs = g_canonicalize_filename (argv[1], NULL);
  uri = g_filename_to_uri (abs, NULL, NULL);
  start = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    {
      if (inspect)
        {
          g_autoptr(GFile) file = g_file_new_for_path (abs);
          g_autoptr(MjPdfReport) report = mj_pdf_inspect_sync (file, NULL, NULL);

          if (report == NULL)
            return 1;
        }
      else
        render_once (uri);
    }
  printf ("%.3f\n", (g_get_monotonic_time () - start) / 1000.0 / n);
  return 0;
}
