#define G_LOG_DOMAIN "mj-send-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mj-application.h"
#include "mj-checklist.h"
#include "mj-i18n.h"
#include "mj-invoice-list.h"
#include "mj-invoice-row.h"
#include "mj-message-preview.h"
#include "mj-pdf-inspector.h"
#include "mj-pdf-view.h"
#include "mj-presend-check.h"
#include "mj-queue.h"
#include "mj-recipient-row.h"
#include "mj-send-page.h"
#include "mj-template-editor.h"
#include "mj-template.h"
#include "mj-window.h"

/*
 * The composer: the invoices added (MjInvoiceList of MjInvoiceRow), the
 * message each one or all of them go in, the checks before sending
 * (MjChecklist) and the message as it will go (MjMessagePreview). The page owns the flow: drafts that
 * follow the account's template and the address book until the user edits
 * them, the MX lookup of the recipients, and Send, which hands the
 * messages to mj_queue_add_async() and asks before queueing an invoice a
 * second time.
 */

#define MX_CHECK_DELAY_MS 700
#define MAX_CANDIDATES 3
#define SAMPLE_INVOICE "factura-ejemplo.pdf"

typedef enum {
  SEND_EACH,   /* one message per invoice */
  SEND_ALL,    /* one message with every invoice */
} SendMode;

/* What one message will be. Fields the user edited are left alone when the
 * invoice, the account or the recipient changes; the others follow the
 * template. */
typedef struct
{
  char *to;
  char *cc;
  char *subject;
  char *body;
  char *client_name;
  gboolean to_edited;
  gboolean subject_edited;
  gboolean body_edited;
} Draft;

typedef struct _Invoice Invoice;

/* An invoice of the page: the row that reads and shows the PDF, and the
 * message it goes in when each invoice is sent on its own. The queue job
 * keeps references while it hands the invoices to the queue. */
struct _Invoice
{
  MjInvoiceRow *row;         /* a reference */
  Draft draft;               /* used in SEND_EACH mode */
};

struct _MjSendPage
{
  AdwBin parent_instance;

  MjAddressBook *address_book;
  MjAccountStore *account_store;
  MjQueue *queue;
  MjTemplate *template;
  gboolean services_looked_up;
  gboolean disposed;

  GPtrArray *invoices;       /* Invoice, refcounted with g_rc_box */
  Invoice *selected;
  Draft shared_draft;        /* used in SEND_ALL mode */
  SendMode mode;
  gboolean loading_widgets;
  GPtrArray *checks;         /* MjPresendItem of the current draft */
  GPtrArray *mx_items;       /* MjPresendItem from the MX lookup */
  char *mx_recipients;       /* the recipients mx_items answer for */
  GCancellable *mx_cancellable;
  guint mx_source;
  gboolean queueing;         /* Send pressed: the queue is storing the messages */

  GtkFileChooserNative *chooser;

  /* Template children */
  GtkStack *stack;
  AdwStatusPage *status_page;
  MjInvoiceList *invoice_list;
  AdwPreferencesGroup *mode_group;
  AdwComboRow *mode_row;
  AdwComboRow *account_row;
  MjRecipientRow *to_row;
  MjRecipientRow *cc_row;
  AdwEntryRow *subject_row;
  GtkTextView *body_view;
  MjChecklist *checklist;
  MjMessagePreview *preview;
  GtkLabel *send_status;
  GtkButton *send_button;
  GtkWidget *sample_button;
  MjPdfView *pdf_view;
};

G_DEFINE_FINAL_TYPE (MjSendPage, mj_send_page, ADW_TYPE_BIN)

static void mj_send_page_update           (MjSendPage *self);
static void mj_send_page_ensure_services (MjSendPage *self);

/* Drafts and invoices ---------------------------------------------------- */

static void
draft_clear (Draft *draft)
{
  g_clear_pointer (&draft->to, g_free);
  g_clear_pointer (&draft->cc, g_free);
  g_clear_pointer (&draft->subject, g_free);
  g_clear_pointer (&draft->body, g_free);
  g_clear_pointer (&draft->client_name, g_free);
  draft->to_edited = draft->subject_edited = draft->body_edited = FALSE;
}

static void
invoice_clear (Invoice *invoice)
{
  g_clear_object (&invoice->row);
  draft_clear (&invoice->draft);
}

static void
invoice_unref (Invoice *invoice)
{
  g_rc_box_release_full (invoice, (GDestroyNotify) invoice_clear);
}

static Invoice *
invoice_ref (Invoice *invoice)
{
  return g_rc_box_acquire (invoice);
}

static void
replace_str (char       **ptr,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*ptr);
  *ptr = copy;
}

/* Splits "a@x.es, Ana <b@y.es>; c@z.es" into trimmed, non-empty parts. */
static GStrv
split_addresses (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* The bare address of "Ana <a@x.es>" or "a@x.es". */
static char *
bare_address (const char *text)
{
  const char *lt = strrchr (text, '<');
  const char *gt = lt ? strchr (lt, '>') : NULL;

  if (lt != NULL && gt != NULL)
    return g_ascii_strdown (lt + 1, gt - lt - 1);
  return g_ascii_strdown (text, -1);
}

static MjAccount *
mj_send_page_get_account (MjSendPage *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->account_row);

  return MJ_IS_ACCOUNT (item) ? MJ_ACCOUNT (item) : NULL;
}

static Draft *
mj_send_page_current_draft (MjSendPage *self)
{
  if (self->mode == SEND_EACH && self->selected != NULL)
    return &self->selected->draft;
  return &self->shared_draft;
}

/* The invoices that go with @draft. (transfer container) */
static GPtrArray *
mj_send_page_invoices_for_draft (MjSendPage *self,
                                 Draft      *draft)
{
  GPtrArray *invoices = g_ptr_array_new ();

  for (guint i = 0; i < self->invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (self->invoices, i);

      if (draft == &self->shared_draft || draft == &invoice->draft)
        g_ptr_array_add (invoices, invoice);
    }
  return invoices;
}

/* The details of @invoices that the template fills in for @draft.
 * @numbers collects the invoice numbers; @values points into it and into
 * the reports, so both must outlive @values. */
static void
mj_send_page_template_values (MjSendPage       *self,
                              Draft            *draft,
                              GPtrArray        *invoices,
                              GString          *numbers,
                              MjTemplateValues *values)
{
  MjAccount *account = mj_send_page_get_account (self);
  const char *sender_name = NULL;

  g_string_truncate (numbers, 0);
  for (guint i = 0; i < invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (invoices, i);
      MjPdfReport *report = mj_invoice_row_get_report (invoice->row);
      const char *number = report ? mj_pdf_report_get_invoice_number (report) : NULL;

      if (number == NULL)
        continue;
      if (numbers->len > 0)
        g_string_append (numbers, ", ");
      g_string_append (numbers, number);
    }

  if (account != NULL)
    {
      sender_name = mj_account_get_display_name (account);
      if (sender_name != NULL && sender_name[0] == '\0')
        sender_name = NULL;
    }

  values->invoice_number = numbers->len > 0 ? numbers->str : NULL;
  values->client_name = draft->client_name;
  /* The account has one name: the business's, which the templates call
   * {company}. Filling {sender_name} too would sign the message twice. */
  values->company = sender_name;
  /* A total or a date only makes sense for one invoice. */
  if (invoices->len == 1)
    {
      Invoice *invoice = g_ptr_array_index (invoices, 0);

      if (mj_invoice_row_get_report (invoice->row) != NULL)
        {
          values->total = mj_pdf_report_get_total (mj_invoice_row_get_report (invoice->row));
          values->date = mj_pdf_report_get_date_text (mj_invoice_row_get_report (invoice->row));
        }
    }
}

/* Fills what the user has not typed: the recipient from the address book
 * (an address printed in the PDF that belongs to a known client), then the
 * subject and body from the account's template. */
static void
mj_send_page_prefill_draft (MjSendPage *self,
                            Draft      *draft)
{
  g_autoptr(GPtrArray) invoices = mj_send_page_invoices_for_draft (self, draft);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(MjContact) contact = NULL;
  g_auto(GStrv) to = NULL;
  MjTemplateValues values = { 0 };
  MjAccount *account = mj_send_page_get_account (self);
  const char *own_address = account ? mj_account_get_email (account) : NULL;

  if (!draft->to_edited && self->address_book != NULL)
    {
      g_autoptr(GPtrArray) emails = g_ptr_array_new ();

      for (guint i = 0; i < invoices->len; i++)
        {
          Invoice *invoice = g_ptr_array_index (invoices, i);
          const char * const *found;

          if (mj_invoice_row_get_report (invoice->row) == NULL)
            continue;
          found = mj_pdf_report_get_emails (mj_invoice_row_get_report (invoice->row));
          for (guint j = 0; found[j] != NULL; j++)
            if (own_address == NULL || g_ascii_strcasecmp (found[j], own_address) != 0)
              g_ptr_array_add (emails, (gpointer) found[j]);
        }
      g_ptr_array_add (emails, NULL);

      contact = mj_address_book_match_addresses (self->address_book,
                                                 (const char * const *) emails->pdata, NULL);
      /* Untouched by the user, To always shows the current match (or none). */
      replace_str (&draft->to, contact ? contact->address : NULL);
    }

  /* The client's name follows whoever is in To, typed or prefilled. */
  g_clear_pointer (&draft->client_name, g_free);
  to = split_addresses (draft->to);
  if (to[0] != NULL && self->address_book != NULL)
    {
      g_autofree char *address = bare_address (to[0]);

      g_clear_pointer (&contact, mj_contact_free);
      contact = mj_address_book_lookup_address (self->address_book, address, NULL);
      if (contact != NULL)
        draft->client_name = g_strdup (contact->client_name);
    }

  mj_send_page_template_values (self, draft, invoices, numbers, &values);

  if (self->template != NULL)
    {
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;

      mj_template_render (self->template, &values, &subject, &body);
      if (!draft->subject_edited)
        replace_str (&draft->subject, subject);
      if (!draft->body_edited)
        replace_str (&draft->body, body);
    }
}

/* Checks ----------------------------------------------------------------- */

/* Runs C1's pre-send checks on @draft. (transfer full) (element-type MjPresendItem) */
static GPtrArray *
mj_send_page_run_checks (MjSendPage *self,
                         Draft      *draft)
{
  g_autoptr(GPtrArray) invoices = mj_send_page_invoices_for_draft (self, draft);
  g_autoptr(GArray) attachments = g_array_new (FALSE, TRUE, sizeof (MjPresendAttachment));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) to = split_addresses (draft->to);
  g_auto(GStrv) cc = split_addresses (draft->cc);
  g_auto(GStrv) recipients = NULL;
  MjAccount *account = mj_send_page_get_account (self);
  MjPresendInput input = { 0 };

  g_strv_builder_addv (builder, (const char **) to);
  g_strv_builder_addv (builder, (const char **) cc);
  recipients = g_strv_builder_end (builder);

  for (guint i = 0; i < invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (invoices, i);
      MjPresendAttachment attachment = { 0 };

      if (mj_invoice_row_get_report (invoice->row) == NULL)
        continue;
      attachment.path = mj_invoice_row_get_basename (invoice->row);
      attachment.size_bytes = mj_pdf_report_get_size_bytes (mj_invoice_row_get_report (invoice->row));
      attachment.report = mj_invoice_row_get_report (invoice->row);
      g_array_append_val (attachments, attachment);
    }

  if (account != NULL)
    {
      MjProvider *provider = mj_account_get_provider (account);

      input.from_address = mj_account_get_email (account);
      input.account_address = mj_account_get_email (account);
      input.provider_id = mj_account_get_provider_id (account);
      input.max_message_bytes = provider ? mj_provider_get_max_message_bytes (provider) : 0;
      if (self->queue != NULL)
        mj_queue_get_quota (self->queue, mj_account_get_name (account),
                            &input.sent_today, &input.daily_limit);
    }
  input.recipients = (const char * const *) recipients;
  input.subject = draft->subject ? draft->subject : "";
  input.body = draft->body ? draft->body : "";
  input.attachments = (const MjPresendAttachment *) attachments->data;
  input.n_attachments = attachments->len;

  return mj_presend_check_run (&input);
}

static gboolean
checks_have_blocking (GPtrArray *items)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (mj_presend_item_get_severity (g_ptr_array_index (items, i)) == MJ_CHECK_BLOCKING)
      return TRUE;
  return FALSE;
}

/* The checklist's Correct: the mistyped address is replaced wherever it
 * was typed. */
static void
correct_address_cb (MjSendPage *self,
                    const char *wrong,
                    const char *right)
{
  GtkEditable *rows[] = { GTK_EDITABLE (self->to_row), GTK_EDITABLE (self->cc_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *text = gtk_editable_get_text (rows[i]);
      g_auto(GStrv) parts = NULL;
      g_autofree char *joined = NULL;

      if (strstr (text, wrong) == NULL)
        continue;
      parts = g_strsplit (text, wrong, -1);
      joined = g_strjoinv (right, parts);
      gtk_editable_set_text (rows[i], joined);
    }
}

/* The checklist's Use: an address found in the invoice becomes the recipient. */
static void
use_address_cb (MjSendPage *self,
                const char *address)
{
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), address);
}

/* Lower-case letters and digits of @text, accents dropped: "Fontanería
 * Pérez" and "fontaneria-perez" both give "fontaneriaperez". */
static char *
squeeze_name (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/* Whether @address looks like the sender's own: the account's domain, or a
 * domain spelling the sender's name (the billing address an invoice
 * prints in its letterhead). */
static gboolean
looks_like_own_address (MjAccount  *account,
                        const char *address)
{
  const char *at = strrchr (address, '@');
  const char *own_at;
  const char *dot;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *domain = NULL;

  if (account == NULL || at == NULL)
    return FALSE;
  own_at = strrchr (mj_account_get_email (account), '@');
  if (own_at != NULL && g_ascii_strcasecmp (own_at, at) == 0)
    return TRUE;
  /* The first label of the domain against the sender's name. */
  dot = strchr (at + 1, '.');
  label = dot != NULL ? g_strndup (at + 1, dot - at - 1) : g_strdup (at + 1);
  domain = squeeze_name (label);
  name = squeeze_name (mj_account_get_display_name (account));
  return strlen (domain) >= 4 && strlen (name) >= 4 &&
         (strstr (name, domain) != NULL || strstr (domain, name) != NULL);
}

/* Addresses printed in the invoices of @draft that are not the sender's:
 * offered (not filled in) when no known client matched. An invoice often
 * prints the sender's own billing address too, so the user picks.
 * (transfer container) */
static GPtrArray *
mj_send_page_find_candidates (MjSendPage *self,
                              Draft      *draft)
{
  g_autoptr(GPtrArray) invoices = mj_send_page_invoices_for_draft (self, draft);
  GPtrArray *candidates = g_ptr_array_new ();
  MjAccount *account = mj_send_page_get_account (self);
  const char *own = account ? mj_account_get_email (account) : NULL;

  for (guint i = 0; i < invoices->len && candidates->len < MAX_CANDIDATES; i++)
    {
      Invoice *invoice = g_ptr_array_index (invoices, i);
      const char * const *emails;

      if (mj_invoice_row_get_report (invoice->row) == NULL)
        continue;
      emails = mj_pdf_report_get_emails (mj_invoice_row_get_report (invoice->row));
      for (guint j = 0; emails[j] != NULL && candidates->len < MAX_CANDIDATES; j++)
        {
          gboolean seen = FALSE;

          if (own != NULL && g_ascii_strcasecmp (emails[j], own) == 0)
            continue;
          for (guint k = 0; k < candidates->len && !seen; k++)
            seen = g_ascii_strcasecmp (g_ptr_array_index (candidates, k), emails[j]) == 0;
          if (!seen)
            g_ptr_array_add (candidates, (gpointer) emails[j]);
        }
    }

  /* The client's address first: the sender's own billing address, which
   * invoices print in their letterhead, goes last. */
  for (guint i = 0, moved = 0; i + moved < candidates->len; )
    {
      const char *address = g_ptr_array_index (candidates, i);

      if (looks_like_own_address (account, address))
        {
          g_ptr_array_remove_index (candidates, i);
          g_ptr_array_add (candidates, (gpointer) address);
          moved++;
        }
      else
        i++;
    }
  return candidates;
}

static void
mj_send_page_show_checks (MjSendPage *self,
                          gboolean   *blocking)
{
  Draft *draft = mj_send_page_current_draft (self);
  g_autoptr(GPtrArray) invoices = mj_send_page_invoices_for_draft (self, draft);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) to = split_addresses (draft->to);
  g_auto(GStrv) cc = split_addresses (draft->cc);
  g_auto(GStrv) recipients = NULL;
  const char *lang = mj_i18n_ui_lang ();

  g_strv_builder_addv (builder, (const char **) to);
  g_strv_builder_addv (builder, (const char **) cc);
  recipients = g_strv_builder_end (builder);

  mj_checklist_clear (self->checklist);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = mj_send_page_run_checks (self, draft);
  *blocking = checks_have_blocking (self->checks);

  /* Problems this page finds itself come first. */
  if (mj_send_page_get_account (self) == NULL)
    {
      mj_checklist_add (self->checklist, MJ_CHECK_BLOCKING,
                        _("There is no account to send from."),
                        _("Add your mailbox with Accounts in the main menu."),
                        NULL, NULL);
      *blocking = TRUE;
    }
  for (guint i = 0; i < invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (invoices, i);
      g_autofree char *reason = NULL;

      if (mj_invoice_row_get_inspecting (invoice->row))
        {
          /* Translators: %s is a file name. */
          reason = g_strdup_printf (_("Reading %s…"), mj_invoice_row_get_basename (invoice->row));
          mj_checklist_add (self->checklist, MJ_CHECK_WARNING, reason, NULL, NULL, NULL);
          *blocking = TRUE;
        }
      else if (mj_invoice_row_get_report (invoice->row) == NULL)
        {
          /* Translators: %s is a file name. */
          reason = g_strdup_printf (_("%s cannot be read."), mj_invoice_row_get_basename (invoice->row));
          mj_checklist_add (self->checklist, MJ_CHECK_BLOCKING, reason,
                            mj_invoice_row_get_error_message (invoice->row), NULL, NULL);
          *blocking = TRUE;
        }
    }

  for (guint i = 0; i < self->checks->len; i++)
    {
      MjPresendItem *item = g_ptr_array_index (self->checks, i);
      const char *suggestion = mj_presend_item_get_suggestion (item);

      /* A typo item is about one address; offer to put the fix in place. */
      mj_checklist_add (self->checklist,
                        mj_presend_item_get_severity (item),
                        mj_presend_item_get_reason (item, lang),
                        mj_presend_item_get_fix (item, lang),
                        suggestion ? mj_presend_item_get_subject (item) : NULL,
                        suggestion);

      /* No recipient yet: offer the addresses printed in the invoice, each
       * on a row of its own so the whole address can be read. */
      if (g_strcmp0 (mj_presend_item_get_id (item), MJ_CHECK_RECIPIENTS) == 0 &&
          mj_presend_item_get_severity (item) == MJ_CHECK_BLOCKING)
        {
          g_autoptr(GPtrArray) candidates = mj_send_page_find_candidates (self, draft);

          for (guint j = 0; j < candidates->len; j++)
            mj_checklist_add_candidate (self->checklist, g_ptr_array_index (candidates, j));
        }
    }

  /* The MX answers arrive later and only for the recipients they asked about. */
  if (self->mx_items != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", recipients);

      if (g_strcmp0 (joined, self->mx_recipients) == 0)
        for (guint i = 0; i < self->mx_items->len; i++)
          {
            MjPresendItem *item = g_ptr_array_index (self->mx_items, i);

            if (mj_presend_item_get_severity (item) == MJ_CHECK_OK)
              continue;
            mj_checklist_add (self->checklist,
                              mj_presend_item_get_severity (item),
                              mj_presend_item_get_reason (item, lang),
                              mj_presend_item_get_fix (item, lang),
                              NULL, NULL);
            if (mj_presend_item_get_severity (item) == MJ_CHECK_BLOCKING)
              *blocking = TRUE;
          }
    }
}

typedef struct
{
  MjSendPage *self;
  char *recipients;     /* what was asked, to drop out-of-date answers */
} MxRequest;

static void
mx_check_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MxRequest *request = user_data;
  g_autoptr(MjSendPage) self = request->self;
  g_autofree char *recipients = request->recipients;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  g_free (request);
  items = mj_mx_checker_check_finish (MJ_MX_CHECKER (object), result, &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("MX check failed: %s", error->message);
      return;
    }
  if (g_strcmp0 (recipients, self->mx_recipients) != 0)
    {
      g_ptr_array_unref (items);
      return;
    }

  g_clear_pointer (&self->mx_items, g_ptr_array_unref);
  self->mx_items = items;
  mj_send_page_update (self);
}

static gboolean
mx_check_cb (gpointer user_data)
{
  MjSendPage *self = user_data;
  Draft *draft = mj_send_page_current_draft (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) to = split_addresses (draft->to);
  g_auto(GStrv) cc = split_addresses (draft->cc);
  g_auto(GStrv) recipients = NULL;
  g_autoptr(GPtrArray) valid = g_ptr_array_new_with_free_func (g_free);
  MxRequest *request;

  self->mx_source = 0;
  g_strv_builder_addv (builder, (const char **) to);
  g_strv_builder_addv (builder, (const char **) cc);
  recipients = g_strv_builder_end (builder);

  g_free (self->mx_recipients);
  self->mx_recipients = g_strjoinv (",", recipients);
  g_clear_pointer (&self->mx_items, g_ptr_array_unref);

  /* Only well-formed addresses are worth a DNS question. */
  for (guint i = 0; recipients[i] != NULL; i++)
    {
      g_autofree char *address = bare_address (recipients[i]);

      if (mj_presend_address_valid (address))
        g_ptr_array_add (valid, g_strdup (recipients[i]));
    }
  if (valid->len == 0)
    return G_SOURCE_REMOVE;
  g_ptr_array_add (valid, NULL);

  g_cancellable_cancel (self->mx_cancellable);
  g_clear_object (&self->mx_cancellable);
  self->mx_cancellable = g_cancellable_new ();
  request = g_new0 (MxRequest, 1);
  request->self = g_object_ref (self);
  request->recipients = g_strdup (self->mx_recipients);
  mj_mx_checker_check_async (mj_mx_checker_get_default (),
                             (const char * const *) valid->pdata,
                             self->mx_cancellable, mx_check_ready_cb, request);
  return G_SOURCE_REMOVE;
}

static void
mj_send_page_queue_mx_check (MjSendPage *self)
{
  g_clear_handle_id (&self->mx_source, g_source_remove);
  self->mx_source = g_timeout_add (MX_CHECK_DELAY_MS, mx_check_cb, self);
}

/* Showing the state ------------------------------------------------------ */

static void
mj_send_page_update_preview (MjSendPage *self)
{
  Draft *draft = mj_send_page_current_draft (self);
  g_autoptr(GPtrArray) invoices = mj_send_page_invoices_for_draft (self, draft);
  g_autoptr(GString) names = g_string_new (NULL);
  MjAccount *account = mj_send_page_get_account (self);
  g_autofree char *from = NULL;

  if (account != NULL)
    {
      const char *name = mj_account_get_display_name (account);

      if (name != NULL && name[0] != '\0')
        from = g_strdup_printf ("%s <%s>", name, mj_account_get_email (account));
      else
        from = g_strdup (mj_account_get_email (account));
    }

  for (guint i = 0; i < invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (invoices, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, mj_invoice_row_get_basename (invoice->row));
    }

  mj_message_preview_show (self->preview, from, draft->to, draft->cc, draft->subject,
                           names->str, draft->body);
}

/* Puts the current draft into the entries without marking them edited. */
static void
mj_send_page_load_widgets (MjSendPage *self)
{
  Draft *draft = mj_send_page_current_draft (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *body = NULL;
  GtkTextIter start, end;

  self->loading_widgets = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), draft->to ? draft->to : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), draft->to ? draft->to : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->cc_row)), draft->cc ? draft->cc : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->cc_row), draft->cc ? draft->cc : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)), draft->subject ? draft->subject : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->subject_row), draft->subject ? draft->subject : "");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (body, draft->body ? draft->body : "") != 0)
    gtk_text_buffer_set_text (buffer, draft->body ? draft->body : "", -1);
  self->loading_widgets = FALSE;
}

static void
mj_send_page_update (MjSendPage *self)
{
  gboolean blocking = FALSE;
  gboolean any_blocking = FALSE;
  guint n;

  /* Template children go away in dispose and their signals still fire. */
  if (self->disposed)
    return;
  n = self->invoices->len;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "composer" : "empty");
  /* A template belongs to an account. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.edit-template",
                                 mj_send_page_get_account (self) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mode_group), n > 1);
  if (n == 0)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", FALSE);
      return;
    }

  mj_send_page_load_widgets (self);
  mj_send_page_show_checks (self, &blocking);
  mj_send_page_update_preview (self);

  /* In "one message each" mode every message must be able to go. */
  any_blocking = blocking;
  if (self->mode == SEND_EACH && !any_blocking)
    for (guint i = 0; i < n && !any_blocking; i++)
      {
        Invoice *invoice = g_ptr_array_index (self->invoices, i);
        g_autoptr(GPtrArray) items = NULL;

        if (invoice == self->selected)
          continue;
        if (mj_invoice_row_get_inspecting (invoice->row) || mj_invoice_row_get_report (invoice->row) == NULL)
          {
            any_blocking = TRUE;
            break;
          }
        items = mj_send_page_run_checks (self, &invoice->draft);
        any_blocking = checks_have_blocking (items);
      }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send",
                                 !any_blocking && self->queue != NULL && !self->queueing);
  if (self->queue == NULL)
    gtk_label_set_label (self->send_status, _("The send queue is not available."));
  else if (self->queueing)
    gtk_label_set_label (self->send_status, _("Adding to the queue…"));
  else if (mj_send_page_get_busy (self))
    gtk_label_set_label (self->send_status, _("Reading the invoice…"));
  else if (blocking)
    gtk_label_set_label (self->send_status, _("Fix the problems marked in red to send."));
  else if (any_blocking)
    gtk_label_set_label (self->send_status, _("Another invoice in the list has a problem to fix."));
  else
    {
      g_autofree char *text = NULL;
      guint n_messages = self->mode == SEND_EACH ? n : 1;

      text = g_strdup_printf (ngettext ("Ready: %u message", "Ready: %u messages", n_messages),
                              n_messages);
      gtk_label_set_label (self->send_status, text);
    }
}

/* Every draft follows the template and the address book again. */
static void
mj_send_page_prefill_all (MjSendPage *self)
{
  if (self->mode == SEND_ALL)
    mj_send_page_prefill_draft (self, &self->shared_draft);
  else
    for (guint i = 0; i < self->invoices->len; i++)
      mj_send_page_prefill_draft (self, &((Invoice *) g_ptr_array_index (self->invoices, i))->draft);
}

/* Invoices --------------------------------------------------------------- */

static Invoice *
mj_send_page_find_invoice (MjSendPage   *self,
                           MjInvoiceRow *row)
{
  for (guint i = 0; self->invoices != NULL && i < self->invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (self->invoices, i);

      if (invoice->row == row)
        return invoice;
    }
  return NULL;
}

static void
invoice_inspected_cb (MjSendPage   *self,
                      MjInvoiceRow *row)
{
  if (self->disposed)
    return;
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
  mj_send_page_queue_mx_check (self);
}

/* Takes @invoice out of the list; the caller updates the page. */
static void
mj_send_page_remove_invoice (MjSendPage *self,
                             Invoice    *invoice)
{
  guint index;

  if (!g_ptr_array_find (self->invoices, invoice, &index))
    return;

  mj_invoice_row_cancel (invoice->row);
  if (self->selected == invoice)
    self->selected = NULL;
  mj_invoice_list_remove (self->invoice_list, invoice->row);
  g_ptr_array_remove_index (self->invoices, index);

  if (self->selected == NULL && self->invoices->len > 0)
    {
      Invoice *first = g_ptr_array_index (self->invoices, 0);
      mj_invoice_list_select (self->invoice_list, first->row);
    }
  else if (self->invoices->len == 0)
    {
      mj_pdf_view_set_file (self->pdf_view, NULL);
      draft_clear (&self->shared_draft);
      adw_combo_row_set_selected (self->mode_row, 0);
    }
}

static void
invoice_remove_cb (MjSendPage   *self,
                   MjInvoiceRow *row)
{
  Invoice *invoice = mj_send_page_find_invoice (self, row);

  if (self->disposed || invoice == NULL)
    return;
  mj_send_page_remove_invoice (self, invoice);
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
}

static void
mj_send_page_add_file (MjSendPage *self,
                       GFile      *file)
{
  Invoice *invoice;

  for (guint i = 0; i < self->invoices->len; i++)
    if (g_file_equal (mj_invoice_row_get_file (((Invoice *) g_ptr_array_index (self->invoices, i))->row), file))
      return;

  invoice = g_rc_box_new0 (Invoice);
  invoice->row = g_object_ref_sink (mj_invoice_row_new (file));
  g_signal_connect_object (invoice->row, "inspected",
                           G_CALLBACK (invoice_inspected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (invoice->row, "remove",
                           G_CALLBACK (invoice_remove_cb), self, G_CONNECT_SWAPPED);

  g_ptr_array_add (self->invoices, invoice);
  mj_invoice_list_append (self->invoice_list, invoice->row);
  mj_invoice_row_load (invoice->row);
}

/**
 * mj_send_page_add_files:
 * @files: (array length=n_files): PDFs to send
 *
 * Adds invoices to the composer (command line, "Open With", the file
 * chooser, drag and drop) and shows the first one added.
 */
void
mj_send_page_add_files (MjSendPage  *self,
                        GFile      **files,
                        int          n_files)
{
  guint first_new;
  gboolean was_empty;

  g_return_if_fail (MJ_IS_SEND_PAGE (self));

  mj_send_page_ensure_services (self);
  first_new = self->invoices->len;
  was_empty = first_new == 0;
  for (int i = 0; i < n_files; i++)
    mj_send_page_add_file (self, files[i]);

  if (self->invoices->len > first_new)
    {
      Invoice *invoice = g_ptr_array_index (self->invoices, first_new);
      mj_invoice_list_select (self->invoice_list, invoice->row);
    }
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);

  /* The composer just appeared (its empty page's button, which may have
   * had the focus, is gone): a keyboard user goes on where the message is
   * written. */
  if (was_empty && self->invoices->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->to_row));
}

static void
invoice_selected_cb (MjSendPage   *self,
                     MjInvoiceRow *row)
{
  Invoice *invoice;

  if (self->disposed)
    return;
  invoice = row ? mj_send_page_find_invoice (self, row) : NULL;
  self->selected = invoice;
  mj_pdf_view_set_file (self->pdf_view, invoice ? mj_invoice_row_get_file (invoice->row) : NULL);
  if (self->mode == SEND_EACH)
    {
      g_clear_pointer (&self->mx_items, g_ptr_array_unref);
      mj_send_page_update (self);
      mj_send_page_queue_mx_check (self);
    }
}

static void
mode_changed_cb (MjSendPage *self)
{
  Draft *from = mj_send_page_current_draft (self);
  SendMode mode = adw_combo_row_get_selected (self->mode_row) == 1 ? SEND_ALL : SEND_EACH;

  if (self->disposed || mode == self->mode)
    return;

  /* Recipients typed for one invoice carry over to the other mode. */
  self->mode = mode;
  if (from->to_edited)
    {
      Draft *to = mj_send_page_current_draft (self);

      if (to == &self->shared_draft)
        {
          replace_str (&to->to, from->to);
          replace_str (&to->cc, from->cc);
          to->to_edited = TRUE;
        }
      else
        for (guint i = 0; i < self->invoices->len; i++)
          {
            Invoice *invoice = g_ptr_array_index (self->invoices, i);

            if (invoice->draft.to_edited)
              continue;
            replace_str (&invoice->draft.to, from->to);
            replace_str (&invoice->draft.cc, from->cc);
            invoice->draft.to_edited = TRUE;
          }
    }
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
}

/* Accounts --------------------------------------------------------------- */

static char *
account_label (MjAccount *account)
{
  const char *name;

  if (account == NULL)
    return NULL;
  name = mj_account_get_display_name (account);
  if (name != NULL && name[0] != '\0')
    return g_strdup_printf ("%s <%s>", name, mj_account_get_email (account));
  return g_strdup (mj_account_get_email (account));
}

static void
mj_send_page_select_default_account (MjSendPage *self)
{
  MjAccount *account;
  GListModel *model = G_LIST_MODEL (self->account_store);

  account = mj_account_store_get_default (self->account_store);
  for (guint i = 0; account != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MjAccount) item = g_list_model_get_item (model, i);

      if (item == account)
        {
          adw_combo_row_set_selected (self->account_row, i);
          break;
        }
    }
}

static void
account_changed_cb (MjSendPage *self)
{
  MjAccount *account = mj_send_page_get_account (self);

  if (self->disposed)
    return;
  g_clear_object (&self->template);
  if (account != NULL)
    self->template = mj_template_load_for_account (mj_account_get_name (account),
                                                   mj_i18n_ui_lang ());
  else
    self->template = mj_template_new_default (mj_i18n_ui_lang ());

  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
}

/* Edits ------------------------------------------------------------------ */

static void
recipients_changed_cb (MjSendPage     *self,
                       MjRecipientRow *row)
{
  Draft *draft = mj_send_page_current_draft (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->loading_widgets || self->disposed)
    return;

  if (row == self->to_row)
    {
      replace_str (&draft->to, text);
      draft->to_edited = TRUE;
    }
  else
    replace_str (&draft->cc, text);

  mj_send_page_prefill_draft (self, draft);
  mj_send_page_update (self);
  mj_send_page_queue_mx_check (self);
  mj_recipient_row_complete (row);
}

static void
subject_changed_cb (MjSendPage *self)
{
  Draft *draft = mj_send_page_current_draft (self);

  if (self->loading_widgets || self->disposed)
    return;

  replace_str (&draft->subject, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  draft->subject_edited = TRUE;
  mj_send_page_update (self);
}

static void
body_changed_cb (MjSendPage    *self,
                 GtkTextBuffer *buffer)
{
  Draft *draft = mj_send_page_current_draft (self);
  GtkTextIter start, end;

  if (self->loading_widgets || self->disposed)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (draft->body);
  draft->body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  draft->body_edited = TRUE;
  mj_send_page_update (self);
}

/* Sending ---------------------------------------------------------------- */

/* One press of Send (or of Send Again): the page's messages, as they were
 * when it was pressed, handed to the queue one after the other. The queue
 * reads and copies the PDFs in a worker thread, so the window stays alive
 * meanwhile. The job keeps the queue, the address book and the application
 * alive: closing the window does not lose an invoice the user sent. */
typedef struct
{
  GPtrArray *invoices;         /* Invoice references */
  Draft draft;                 /* a copy */
} QueueMessage;

typedef struct
{
  MjSendPage *page;            /* a reference */
  MjQueue *queue;
  MjAddressBook *address_book; /* nullable */
  GApplication *app;           /* held while the job runs; nullable */
  char *account;
  MjQueueAddFlags flags;
  GPtrArray *messages;         /* QueueMessage */
  guint next;
  guint n_queued;
  GPtrArray *duplicates;       /* Invoice: the queue already had them */
} QueueJob;

static void
queue_message_free (QueueMessage *message)
{
  g_ptr_array_unref (message->invoices);
  draft_clear (&message->draft);
  g_free (message);
}

static void
queue_job_free (QueueJob *job)
{
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_clear_object (&job->page);
  g_clear_object (&job->queue);
  g_clear_object (&job->address_book);
  g_free (job->account);
  g_ptr_array_unref (job->messages);
  g_ptr_array_unref (job->duplicates);
  g_free (job);
}

static void
mj_send_page_show_error (MjSendPage *self,
                         const char *heading,
                         const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void mj_send_page_queue_next (QueueJob *job);

/* The queue has stored the message (and a copy of the PDFs) before any
 * network work: remember the recipients and take the invoices off. */
static void
queue_draft_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  QueueJob *job = user_data;
  MjSendPage *self = job->page;
  QueueMessage *message = g_ptr_array_index (job->messages, job->next);
  g_autoptr(MjQueueItem) item = NULL;
  g_autoptr(GError) error = NULL;

  job->next++;
  item = mj_queue_add_finish (MJ_QUEUE (source), result, &error);
  if (item != NULL)
    {
      g_autoptr(GStrvBuilder) recipients_builder = g_strv_builder_new ();
      g_auto(GStrv) to = split_addresses (message->draft.to);
      g_auto(GStrv) cc = split_addresses (message->draft.cc);
      g_auto(GStrv) recipients = NULL;
      g_autoptr(GError) local_error = NULL;

      g_strv_builder_addv (recipients_builder, (const char **) to);
      g_strv_builder_addv (recipients_builder, (const char **) cc);
      recipients = g_strv_builder_end (recipients_builder);
      if (job->address_book != NULL &&
          !mj_address_book_remember (job->address_book, message->draft.client_name,
                                     (const char * const *) recipients, &local_error))
        g_warning ("Could not remember the recipients: %s", local_error->message);

      job->n_queued++;
      for (guint i = 0; !self->disposed && i < message->invoices->len; i++)
        mj_send_page_remove_invoice (self, g_ptr_array_index (message->invoices, i));
    }
  else if (g_error_matches (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_DUPLICATE))
    {
      for (guint i = 0; i < message->invoices->len; i++)
        g_ptr_array_add (job->duplicates, invoice_ref (g_ptr_array_index (message->invoices, i)));
    }
  else
    {
      /* Stop at the first real problem; what is left stays on the page. */
      job->next = job->messages->len;
      if (!self->disposed)
        mj_send_page_show_error (self, _("The Invoice Was Not Queued"), error->message);
    }

  mj_send_page_queue_next (job);
}

static void
mj_send_page_toast_queued (MjSendPage *self,
                           guint       n_messages)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  if (n_messages == 0 || !MJ_IS_WINDOW (root))
    return;
  text = g_strdup_printf (ngettext ("%u message added to the queue",
                                    "%u messages added to the queue", n_messages),
                          n_messages);
  /* Translators: button of the "added to the queue" notice; shows the queue. */
  mj_window_add_toast_with_button (MJ_WINDOW (root), text, _("_Show"), "win.show-page::queue");
}

static void mj_send_page_ask_duplicates (MjSendPage *self,
                                         GPtrArray  *duplicates);

static void
mj_send_page_queue_next (QueueJob *job)
{
  MjSendPage *self = job->page;

  if (job->next < job->messages->len)
    {
      QueueMessage *message = g_ptr_array_index (job->messages, job->next);
      g_autoptr(GStrvBuilder) files_builder = g_strv_builder_new ();
      g_auto(GStrv) files = NULL;
      MjQueueDraft queue_draft = { 0 };

      for (guint i = 0; i < message->invoices->len; i++)
        g_strv_builder_add (files_builder,
                            mj_invoice_row_get_path (((Invoice *) g_ptr_array_index (message->invoices, i))->row));
      files = g_strv_builder_end (files_builder);

      queue_draft.account = job->account;
      queue_draft.to = message->draft.to;
      queue_draft.cc = message->draft.cc;
      queue_draft.subject = message->draft.subject;
      queue_draft.body = message->draft.body;
      queue_draft.files = (const char * const *) files;
      /* No cancellable: once Send is pressed the invoice goes to the queue,
       * even if the window closes meanwhile. */
      mj_queue_add_async (job->queue, &queue_draft, job->flags, NULL, queue_draft_ready_cb, job);
      return;
    }

  if (!self->disposed)
    {
      self->queueing = FALSE;
      mj_send_page_toast_queued (self, job->n_queued);
      mj_send_page_prefill_all (self);
      mj_send_page_update (self);
      if (job->duplicates->len > 0)
        mj_send_page_ask_duplicates (self, job->duplicates);
    }
  queue_job_free (job);
}

/* Queues every message of the page; what was queued leaves the list.
 * @only: (nullable): the invoices to queue, NULL for all. The invoices the
 * queue already had (for the same recipients) are asked about at the end
 * (unless @flags forces them). */
static void
mj_send_page_queue_all (MjSendPage      *self,
                        GPtrArray       *only,
                        MjQueueAddFlags  flags)
{
  MjAccount *account = mj_send_page_get_account (self);
  QueueJob *job;

  g_assert (account != NULL && self->queue != NULL);

  job = g_new0 (QueueJob, 1);
  job->page = g_object_ref (self);
  job->queue = g_object_ref (self->queue);
  job->address_book = self->address_book != NULL ? g_object_ref (self->address_book) : NULL;
  job->account = g_strdup (mj_account_get_name (account));
  job->flags = flags;
  job->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) queue_message_free);
  job->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) invoice_unref);
  job->app = g_application_get_default ();
  if (job->app != NULL)
    {
      g_object_ref (job->app);
      g_application_hold (job->app);
    }

  for (guint i = 0; i < self->invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (self->invoices, i);
      Draft *draft = self->mode == SEND_ALL ? &self->shared_draft : &invoice->draft;
      QueueMessage *message = NULL;

      if (only != NULL && !g_ptr_array_find (only, invoice, NULL))
        continue;
      if (self->mode == SEND_ALL && job->messages->len > 0)
        message = g_ptr_array_index (job->messages, 0);
      if (message == NULL)
        {
          message = g_new0 (QueueMessage, 1);
          message->invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) invoice_unref);
          message->draft.to = g_strdup (draft->to);
          message->draft.cc = g_strdup (draft->cc);
          message->draft.subject = g_strdup (draft->subject);
          message->draft.body = g_strdup (draft->body);
          message->draft.client_name = g_strdup (draft->client_name);
          g_ptr_array_add (job->messages, message);
        }
      g_ptr_array_add (message->invoices, invoice_ref (invoice));
    }

  self->queueing = TRUE;
  mj_send_page_update (self);
  mj_send_page_queue_next (job);
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       MjSendPage       *self)
{
  GPtrArray *duplicates = g_object_get_data (G_OBJECT (dialog), "duplicates");

  if (g_strcmp0 (response, "queue") == 0 && !self->queueing && self->queue != NULL &&
      mj_send_page_get_account (self) != NULL)
    mj_send_page_queue_all (self, duplicates, MJ_QUEUE_ADD_FORCE);
}

/* Nothing is sent twice without the user saying so. */
static void
mj_send_page_ask_duplicates (MjSendPage *self,
                             GPtrArray  *duplicates)
{
  g_autoptr(GString) names = g_string_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  for (guint i = 0; i < duplicates->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            mj_invoice_row_get_basename (((Invoice *) g_ptr_array_index (duplicates, i))->row));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Already in the Queue"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is one or more file names. */
                                  _("%s was already queued for the same recipient. Send it again?"),
                                  names->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Don’t Send"),
                                    "queue", _("_Send Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "queue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "duplicates", g_ptr_array_ref (duplicates),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MjSendPage *self = MJ_SEND_PAGE (widget);

  if (self->queue == NULL || mj_send_page_get_account (self) == NULL || self->queueing)
    return;

  mj_send_page_queue_all (self, NULL, MJ_QUEUE_ADD_NONE);
}

/* Opening files ---------------------------------------------------------- */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MjSendPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      mj_send_page_add_files (self, (GFile **) files->pdata, files->len);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MjSendPage *self = MJ_SEND_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) pdfs = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  /* GtkFileChooserNative goes through the file chooser portal in Flatpak. */
  self->chooser = gtk_file_chooser_native_new (_("Open Invoices"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  gtk_file_filter_set_name (pdfs, _("PDF Documents"));
  gtk_file_filter_add_mime_type (pdfs, "application/pdf");
  gtk_file_filter_add_suffix (pdfs, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pdfs);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         MjSendPage    *self)
{
  GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  if (files->len == 0)
    return FALSE;
  mj_send_page_add_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* Template editor -------------------------------------------------------- */

/* The invoices open now get the new text too: that is what the user just
 * wrote it for. */
static void
template_saved_cb (MjSendPage *self)
{
  MjAccount *account = mj_send_page_get_account (self);
  GtkRoot *root;

  if (self->disposed || account == NULL)
    return;

  g_clear_object (&self->template);
  self->template = mj_template_load_for_account (mj_account_get_name (account), mj_i18n_ui_lang ());
  self->shared_draft.subject_edited = self->shared_draft.body_edited = FALSE;
  for (guint i = 0; i < self->invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (self->invoices, i);

      invoice->draft.subject_edited = invoice->draft.body_edited = FALSE;
    }
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (MJ_IS_WINDOW (root))
    mj_window_add_toast (MJ_WINDOW (root), _("Template saved: invoices from this account now start with this text"));
}

static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MjSendPage *self = MJ_SEND_PAGE (widget);
  MjAccount *account = mj_send_page_get_account (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  Draft *draft = mj_send_page_current_draft (self);
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GString) numbers = g_string_new (NULL);
  MjTemplateValues values = { 0 };
  MjTemplateEditor *editor;

  if (account == NULL)
    return;

  /* The preview shows the message of the invoice that is open. */
  invoices = mj_send_page_invoices_for_draft (self, draft);
  mj_send_page_template_values (self, draft, invoices, numbers, &values);
  editor = mj_template_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   mj_account_get_name (account),
                                   mj_account_get_email (account), &values);
  g_signal_connect_object (editor, "saved", G_CALLBACK (template_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The sample invoice `./dev run` draws, for a first look without a real one. */
static GFile *
mj_send_page_sample_file (void)
{
  const char *dir = g_getenv ("MENSAJERO_SAMPLE_DIR");
  g_autofree char *path = NULL;

  if (dir != NULL && dir[0] != '\0')
    path = g_build_filename (dir, SAMPLE_INVOICE, NULL);
  else
    path = g_build_filename (PKGDATADIR, "samples", SAMPLE_INVOICE, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_file_new_for_path (path);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MjSendPage *self = MJ_SEND_PAGE (widget);
  g_autoptr(GFile) sample = mj_send_page_sample_file ();

  if (sample != NULL)
    mj_send_page_add_files (self, &sample, 1);
}

/* The preview finished (or failed) loading: "Reading the invoice…" is over. */
static void
pdf_view_state_cb (MjSendPage *self)
{
  if (!self->disposed && self->invoices->len > 0)
    mj_send_page_update (self);
}

/* Services --------------------------------------------------------------- */

static void
mj_send_page_ensure_services (MjSendPage *self)
{
  GtkRoot *root;
  GApplication *app = NULL;

  if (self->services_looked_up)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));
  if (app == NULL)
    app = g_application_get_default ();
  if (!MJ_IS_APPLICATION (app))
    return;

  self->services_looked_up = TRUE;
  if (self->address_book == NULL)
    mj_send_page_set_address_book (self, mj_application_get_address_book (MJ_APPLICATION (app)));
  if (self->account_store == NULL)
    mj_send_page_set_account_store (self, mj_application_get_account_store (MJ_APPLICATION (app)));
  if (self->queue == NULL)
    g_set_object (&self->queue, mj_application_get_queue (MJ_APPLICATION (app)));
  mj_send_page_update (self);
}

void
mj_send_page_set_address_book (MjSendPage    *self,
                               MjAddressBook *address_book)
{
  g_return_if_fail (MJ_IS_SEND_PAGE (self));
  g_return_if_fail (address_book == NULL || MJ_IS_ADDRESS_BOOK (address_book));

  if (!g_set_object (&self->address_book, address_book))
    return;
  mj_recipient_row_set_address_book (self->to_row, address_book);
  mj_recipient_row_set_address_book (self->cc_row, address_book);
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
}

void
mj_send_page_set_account_store (MjSendPage     *self,
                                MjAccountStore *account_store)
{
  g_return_if_fail (MJ_IS_SEND_PAGE (self));
  g_return_if_fail (account_store == NULL || MJ_IS_ACCOUNT_STORE (account_store));

  if (!g_set_object (&self->account_store, account_store))
    return;
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (account_store));
  if (account_store != NULL)
    mj_send_page_select_default_account (self);
  account_changed_cb (self);
}

GtkWidget *
mj_send_page_new (void)
{
  return g_object_new (MJ_TYPE_SEND_PAGE, NULL);
}

guint
mj_send_page_get_n_invoices (MjSendPage *self)
{
  g_return_val_if_fail (MJ_IS_SEND_PAGE (self), 0);
  return self->invoices->len;
}

GtkWidget *
mj_send_page_get_pdf_view (MjSendPage *self)
{
  g_return_val_if_fail (MJ_IS_SEND_PAGE (self), NULL);
  return GTK_WIDGET (self->pdf_view);
}

const char *
mj_send_page_get_to (MjSendPage *self)
{
  g_return_val_if_fail (MJ_IS_SEND_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->to_row));
}

const char *
mj_send_page_get_subject (MjSendPage *self)
{
  g_return_val_if_fail (MJ_IS_SEND_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
}

GPtrArray *
mj_send_page_get_checks (MjSendPage *self)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_presend_item_unref);

  g_return_val_if_fail (MJ_IS_SEND_PAGE (self), checks);

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    g_ptr_array_add (checks, mj_presend_item_ref (g_ptr_array_index (self->checks, i)));
  for (guint i = 0; self->mx_items != NULL && i < self->mx_items->len; i++)
    g_ptr_array_add (checks, mj_presend_item_ref (g_ptr_array_index (self->mx_items, i)));
  return checks;
}

gboolean
mj_send_page_get_busy (MjSendPage *self)
{
  g_return_val_if_fail (MJ_IS_SEND_PAGE (self), FALSE);

  if (self->queueing)
    return TRUE;
  for (guint i = 0; i < self->invoices->len; i++)
    if (mj_invoice_row_get_inspecting (((Invoice *) g_ptr_array_index (self->invoices, i))->row))
      return TRUE;
  return mj_pdf_view_get_state (self->pdf_view) == MJ_PDF_VIEW_LOADING;
}

/* GObject ---------------------------------------------------------------- */

static void
mj_send_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mj_send_page_parent_class)->map (widget);
  mj_send_page_ensure_services (MJ_SEND_PAGE (widget));
}

static void
mj_send_page_dispose (GObject *object)
{
  MjSendPage *self = MJ_SEND_PAGE (object);

  self->disposed = TRUE;
  for (guint i = 0; self->invoices != NULL && i < self->invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (self->invoices, i);

      mj_invoice_row_cancel (invoice->row);
    }
  g_clear_pointer (&self->invoices, g_ptr_array_unref);
  self->selected = NULL;

  g_cancellable_cancel (self->mx_cancellable);
  g_clear_object (&self->mx_cancellable);
  g_clear_handle_id (&self->mx_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* AdwBin unparents its child in its own dispose: hand the child back
   * first, or it would unparent what dispose_template() already did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_SEND_PAGE);

  g_clear_object (&self->address_book);
  g_clear_object (&self->account_store);
  g_clear_object (&self->queue);
  g_clear_object (&self->template);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->mx_items, g_ptr_array_unref);

  G_OBJECT_CLASS (mj_send_page_parent_class)->dispose (object);
}

static void
mj_send_page_finalize (GObject *object)
{
  MjSendPage *self = MJ_SEND_PAGE (object);

  draft_clear (&self->shared_draft);
  g_clear_pointer (&self->mx_recipients, g_free);

  G_OBJECT_CLASS (mj_send_page_parent_class)->finalize (object);
}

static void
mj_send_page_class_init (MjSendPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_send_page_dispose;
  object_class->finalize = mj_send_page_finalize;
  widget_class->map = mj_send_page_map;

  g_type_ensure (MJ_TYPE_CHECKLIST);
  g_type_ensure (MJ_TYPE_INVOICE_LIST);
  g_type_ensure (MJ_TYPE_MESSAGE_PREVIEW);
  g_type_ensure (MJ_TYPE_PDF_VIEW);
  g_type_ensure (MJ_TYPE_RECIPIENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-send-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, cc_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, checklist);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, invoice_list);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, mode_group);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, mode_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, pdf_view);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, preview);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, send_status);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, sample_button);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, to_row);
  gtk_widget_class_bind_template_callback (widget_class, account_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, correct_address_cb);
  gtk_widget_class_bind_template_callback (widget_class, invoice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recipients_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_address_cb);

  gtk_widget_class_install_action (widget_class, "composer.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "composer.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "composer.edit-template", NULL, edit_template_action);
  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "composer.send", NULL);
}

static void
mj_send_page_init (MjSendPage *self)
{
  GtkDropTarget *drop;
  GtkExpression *expression;

  self->invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) invoice_unref);
  self->mode = SEND_EACH;

  gtk_widget_init_template (GTK_WIDGET (self));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (account_label), NULL, NULL);
  adw_combo_row_set_expression (self->account_row, expression);
  gtk_expression_unref (expression);

  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (body_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pdf_view, "notify::state",
                           G_CALLBACK (pdf_view_state_cb), self, G_CONNECT_SWAPPED);
  {
    g_autoptr(GFile) sample = mj_send_page_sample_file ();

    gtk_widget_set_visible (self->sample_button, sample != NULL);
  }

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->template = mj_template_new_default (mj_i18n_ui_lang ());
  mj_send_page_update (self);
}
