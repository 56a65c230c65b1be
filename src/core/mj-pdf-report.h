#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * MjPdfStatus:
 * @MJ_PDF_STATUS_OK: a readable PDF
 * @MJ_PDF_STATUS_NOT_PDF: the file is not a PDF at all (text, image, …)
 * @MJ_PDF_STATUS_DAMAGED: it starts like a PDF but cannot be read (truncated…)
 * @MJ_PDF_STATUS_ENCRYPTED: it needs a password to open
 */
typedef enum {
  MJ_PDF_STATUS_OK,
  MJ_PDF_STATUS_NOT_PDF,
  MJ_PDF_STATUS_DAMAGED,
  MJ_PDF_STATUS_ENCRYPTED,
} MjPdfStatus;

const char *mj_pdf_status_to_string (MjPdfStatus status);   /* "ok", "not-pdf", "damaged", "encrypted" */

/* Stable warning ids (MjPdfReport:warnings and `inspect --json` "warnings").
 * Turn one into a sentence with mj_pdf_warning_describe(). */
#define MJ_PDF_WARNING_NOT_PDF         "not-pdf"
#define MJ_PDF_WARNING_DAMAGED         "damaged"
#define MJ_PDF_WARNING_REPAIRED        "repaired"        /* readable, but its structure had to be rebuilt */
#define MJ_PDF_WARNING_ENCRYPTED       "encrypted"       /* needs a password to open */
#define MJ_PDF_WARNING_RESTRICTED      "restricted"      /* encrypted, opens without a password */
#define MJ_PDF_WARNING_JAVASCRIPT      "javascript"
#define MJ_PDF_WARNING_LAUNCH_ACTION   "launch-action"
#define MJ_PDF_WARNING_EXTERNAL_LINKS  "external-links"
#define MJ_PDF_WARNING_EMBEDDED_FILES  "embedded-files"
#define MJ_PDF_WARNING_NO_TEXT         "no-text"         /* scanned image: nothing could be read */
#define MJ_PDF_WARNING_NO_INVOICE_NUMBER "no-invoice-number"

/* The sentence for a warning id in @lang ("es" or "en"); NULL for an unknown id. */
const char *mj_pdf_warning_describe (const char *warning_id,
                                     const char *lang);

#define MJ_TYPE_PDF_REPORT (mj_pdf_report_get_type ())
G_DECLARE_FINAL_TYPE (MjPdfReport, mj_pdf_report, MJ, PDF_REPORT, GObject)

/*
 * The result of mj_pdf_inspect_*(): immutable once returned. Every getter is
 * also a read-only GObject property of the same name (dashes for
 * underscores), so widgets can bind to it.
 *
 * Strings are transfer none; string arrays are NULL-terminated, never NULL
 * (empty when nothing was found).
 */
const char          *mj_pdf_report_get_path               (MjPdfReport *self);
guint64              mj_pdf_report_get_size_bytes         (MjPdfReport *self);
MjPdfStatus          mj_pdf_report_get_status             (MjPdfReport *self);
gboolean             mj_pdf_report_get_valid_pdf          (MjPdfReport *self);  /* status == OK */
/* (nullable) MJ_INPUT_ERROR_FILE with a translated message (UI language)
 * saying why the file cannot be used: not a PDF, damaged, password required. */
const GError        *mj_pdf_report_get_error              (MjPdfReport *self);
int                  mj_pdf_report_get_pages              (MjPdfReport *self);  /* 0 when unreadable */
gboolean             mj_pdf_report_get_encrypted          (MjPdfReport *self);
gboolean             mj_pdf_report_get_damaged            (MjPdfReport *self);
gboolean             mj_pdf_report_get_has_javascript     (MjPdfReport *self);
/* Where JavaScript was found: "openaction" (catalog /OpenAction, also in
 * an object stream), "document-aa", "names" (/Names /JavaScript),
 * "page-aa", "link", "annotation", "acroform", "outline", "page", or
 * "document" (anywhere else, or only Poppler saw it). */
const char * const  *mj_pdf_report_get_javascript_locations (MjPdfReport *self);
const char * const  *mj_pdf_report_get_external_links     (MjPdfReport *self);  /* URIs */
const char * const  *mj_pdf_report_get_launch_actions     (MjPdfReport *self);  /* target file names */
const char * const  *mj_pdf_report_get_embedded_files     (MjPdfReport *self);  /* file names */
const char          *mj_pdf_report_get_title              (MjPdfReport *self);  /* nullable */
const char          *mj_pdf_report_get_text               (MjPdfReport *self);  /* nullable; the whole text */
const char          *mj_pdf_report_get_invoice_number     (MjPdfReport *self);  /* nullable */
const char          *mj_pdf_report_get_date               (MjPdfReport *self);  /* nullable, ISO "2026-03-12" */
const char          *mj_pdf_report_get_date_text          (MjPdfReport *self);  /* nullable, as printed */
const char          *mj_pdf_report_get_total              (MjPdfReport *self);  /* nullable, as printed: "1.234,56 €" */
gboolean             mj_pdf_report_get_total_amount       (MjPdfReport *self,
                                                           double      *amount);
const char          *mj_pdf_report_get_currency           (MjPdfReport *self);  /* nullable, ISO 4217 "EUR" */
const char * const  *mj_pdf_report_get_emails             (MjPdfReport *self);  /* lower case, in order, no duplicates */
const char * const  *mj_pdf_report_get_warnings           (MjPdfReport *self);  /* stable ids, see above */

/* The `inspect --json` object (DESIGN.md), with the extra members
 * file, status, error (translated), damaged, javascript_locations,
 * launch_actions, embedded_files, title, total_amount (number),
 * currency, date_text. "total" is the amount as printed; "date" is ISO;
 * "warnings" holds the stable ids above (not sentences). */
JsonNode            *mj_pdf_report_to_json                (MjPdfReport *self);

G_END_DECLS
