#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * MjPdfFitMode:
 * @MJ_PDF_FIT_WIDTH: the page fills the width of the view
 * @MJ_PDF_FIT_PAGE: the whole page is visible
 * @MJ_PDF_FIT_NONE: the zoom is the user's
 */
typedef enum
{
  MJ_PDF_FIT_WIDTH,
  MJ_PDF_FIT_PAGE,
  MJ_PDF_FIT_NONE,
} MjPdfFitMode;

/**
 * MjPdfViewState:
 * @MJ_PDF_VIEW_EMPTY: no file
 * @MJ_PDF_VIEW_LOADING: the document is being opened
 * @MJ_PDF_VIEW_READY: the document is open and a page is shown
 * @MJ_PDF_VIEW_ERROR: the file could not be shown; see #MjPdfView:error-message
 */
typedef enum
{
  MJ_PDF_VIEW_EMPTY,
  MJ_PDF_VIEW_LOADING,
  MJ_PDF_VIEW_READY,
  MJ_PDF_VIEW_ERROR,
} MjPdfViewState;

#define MJ_TYPE_PDF_FIT_MODE (mj_pdf_fit_mode_get_type ())
#define MJ_TYPE_PDF_VIEW_STATE (mj_pdf_view_state_get_type ())
GType mj_pdf_fit_mode_get_type   (void) G_GNUC_CONST;
GType mj_pdf_view_state_get_type (void) G_GNUC_CONST;

#define MJ_TYPE_PDF_VIEW (mj_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (MjPdfView, mj_pdf_view, MJ, PDF_VIEW, GtkWidget)

GtkWidget      *mj_pdf_view_new               (void);
void            mj_pdf_view_set_file          (MjPdfView     *self,
                                               GFile         *file);
GFile          *mj_pdf_view_get_file          (MjPdfView     *self);
MjPdfViewState  mj_pdf_view_get_state         (MjPdfView     *self);
const char     *mj_pdf_view_get_error_message (MjPdfView     *self);
int             mj_pdf_view_get_page          (MjPdfView     *self);
void            mj_pdf_view_set_page          (MjPdfView     *self,
                                               int            page);
int             mj_pdf_view_get_n_pages       (MjPdfView     *self);
double          mj_pdf_view_get_zoom          (MjPdfView     *self);
void            mj_pdf_view_set_zoom          (MjPdfView     *self,
                                               double         zoom);
MjPdfFitMode    mj_pdf_view_get_fit_mode      (MjPdfView     *self);
void            mj_pdf_view_set_fit_mode      (MjPdfView     *self,
                                               MjPdfFitMode   fit_mode);
GdkTexture     *mj_pdf_view_get_texture       (MjPdfView     *self);
gboolean        mj_pdf_view_get_rendering     (MjPdfView     *self);

void            mj_pdf_render_thumbnail_async  (GFile               *file,
                                                int                  max_size,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GdkTexture     *mj_pdf_render_thumbnail_finish (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
