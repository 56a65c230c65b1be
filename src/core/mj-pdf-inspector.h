#pragma once

#include <gio/gio.h>

#include "mj-pdf-report.h"

G_BEGIN_DECLS

/*
 * Inspect a PDF: Poppler for pages, text and annotations; libqpdf for the
 * object-level walk (catalog /OpenAction even inside object streams, /AA,
 * the /Names trees, AcroForm, launch actions, embedded files).
 *
 * A file that cannot be read at all (missing, a directory, no permission)
 * fails with MJ_INPUT_ERROR_FILE. A file that *is* there but is not a usable
 * PDF (not a PDF, damaged, encrypted) still gives a report with
 * valid_pdf == FALSE, the status, and mj_pdf_report_get_error() explaining it.
 *
 * Thread-safe: the sync variant may be called from any thread; the async
 * variant runs it in a GTask thread.
 */
MjPdfReport *mj_pdf_inspect_sync   (GFile               *file,
                                    GCancellable        *cancellable,
                                    GError             **error);
void         mj_pdf_inspect_async  (GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
MjPdfReport *mj_pdf_inspect_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
