#pragma once

#include "mj-pdf-report.h"

G_BEGIN_DECLS

/* Filled by mj-pdf-inspector.c only; read-only for everyone else. */
struct _MjPdfReport
{
  GObject parent_instance;

  char        *path;
  guint64      size_bytes;
  MjPdfStatus  status;
  GError      *error;
  int          pages;
  gboolean     encrypted;
  gboolean     damaged;
  gboolean     has_javascript;
  GPtrArray   *javascript_locations;  /* NULL-terminated GPtrArray of char* */
  GPtrArray   *external_links;
  GPtrArray   *launch_actions;
  GPtrArray   *embedded_files;
  GPtrArray   *emails;
  GPtrArray   *warnings;
  char        *title;
  char        *text;
  char        *invoice_number;
  char        *date;
  char        *date_text;
  char        *total;
  gboolean     has_total_amount;
  double       total_amount;
  char        *currency;
};

MjPdfReport *_mj_pdf_report_new     (const char *path);
/* Add @value to @array (one of the string lists above) unless present. */
void         _mj_pdf_report_add     (GPtrArray  *array,
                                     const char *value);

G_END_DECLS
