/* Draws the sample invoice that `./dev run` offers to preview
 * (factura-ejemplo.pdf, a Spanish invoice), with cairo at build time, so
 * no binary PDF is kept in the repository.
 *
 *   make-sample-invoice OUTPUT.pdf
 */
#include <stdio.h>
#include <cairo.h>
#include <cairo-pdf.h>

#define PAGE_W 595.0   /* A4 in points */
#define PAGE_H 842.0
#define LEFT 56.0

typedef int gboolean_;

static void
text (cairo_t    *cr,
      double      x,
      double      y,
      double      size,
      gboolean_   bold,
      const char *s)
{
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, s);
}

/* Right-aligned at @right. */
static void
text_right (cairo_t    *cr,
            double      right,
            double      y,
            double      size,
            gboolean_   bold,
            const char *s)
{
  cairo_text_extents_t ext;

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, s, &ext);
  text (cr, right - ext.x_advance, y, size, bold, s);
}

static void
rule (cairo_t *cr,
      double   y)
{
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, LEFT, y);
  cairo_line_to (cr, PAGE_W - LEFT, y);
  cairo_stroke (cr);
}

int
main (int argc, char **argv)
{
  static const char *rows[][4] = {
    { "Sustitución de calentador de gas", "1", "850,00 €", "850,00 €" },
    { "Mano de obra (horas)", "4", "42,575 €", "170,30 €" },
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  double y;
  double right = PAGE_W - LEFT;

  if (argc != 2)
    {
      fprintf (stderr, "usage: make-sample-invoice OUTPUT.pdf\n");
      return 1;
    }
  surface = cairo_pdf_surface_create (argv[1], PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Factura 2026-031");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Mensajero (factura de ejemplo)");
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);

  text (cr, LEFT, 80, 20, 1, "Fontanería Pérez S.L.");
  text (cr, LEFT, 100, 10, 0, "C/ Mayor 12, 28013 Madrid · CIF B12345678");
  text (cr, LEFT, 114, 10, 0, "Tel. 910 000 000 · facturacion@fontaneriaperez.es");

  text (cr, LEFT, 170, 24, 1, "FACTURA");
  text (cr, LEFT, 200, 11, 0, "Nº de factura:");
  text (cr, 200, 200, 11, 1, "2026-031");
  text (cr, LEFT, 218, 11, 0, "Fecha:");
  text (cr, 200, 218, 11, 0, "12/03/2026");
  text (cr, LEFT, 236, 11, 0, "Cliente:");
  text (cr, 200, 236, 11, 0, "Construcciones García S.A.");
  text (cr, 200, 252, 11, 0, "administracion@garcia-sa.es");

  y = 300;
  text (cr, LEFT, y, 10, 1, "Concepto");
  text (cr, 300, y, 10, 1, "Cantidad");
  text_right (cr, 440, y, 10, 1, "Precio");
  text_right (cr, right, y, 10, 1, "Importe");
  rule (cr, y + 6);
  for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++)
    {
      y += 22;
      text (cr, LEFT, y, 10, 0, rows[i][0]);
      text (cr, 300, y, 10, 0, rows[i][1]);
      text_right (cr, 440, y, 10, 0, rows[i][2]);
      text_right (cr, right, y, 10, 0, rows[i][3]);
    }
  rule (cr, y + 10);

  y += 40;
  text (cr, 330, y, 10, 0, "Base imponible");
  text_right (cr, right, y, 10, 0, "1.020,30 €");
  y += 18;
  text (cr, 330, y, 10, 0, "IVA (21 %)");
  text_right (cr, right, y, 10, 0, "214,26 €");
  y += 22;
  text (cr, 330, y, 12, 1, "Total factura");
  text_right (cr, right, y, 12, 1, "1.234,56 €");

  text (cr, LEFT, 760, 9, 0, "Forma de pago: transferencia a ES12 3456 7890 1234 5678 9012 en 30 días.");
  text (cr, LEFT, 774, 9, 0, "Factura de ejemplo de Mensajero: los datos son ficticios.");

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "make-sample-invoice: %s\n", cairo_status_to_string (cairo_surface_status (surface)));
      return 1;
    }
  cairo_surface_destroy (surface);
  return 0;
}
