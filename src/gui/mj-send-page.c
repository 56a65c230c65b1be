#define G_LOG_DOMAIN "mj-send-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mj-application.h"
#include "mj-i18n.h"
#include "mj-pdf-inspector.h"
#include "mj-pdf-view.h"
#include "mj-presend-check.h"
#include "mj-queue.h"
#include "mj-send-page.h"
#include "mj-template.h"
#include "mj-window.h"

#define THUMBNAIL_SIZE 48
#define MX_CHECK_DELAY_MS 700
#define MAX_SUGGESTIONS 6
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

struct _Invoice
{
  MjSendPage *page;          /* NULL once removed or the page is gone */
  GFile *file;
  char *path;
  char *basename;
  MjPdfReport *report;       /* NULL while inspecting */
  char *error_message;       /* the file could not be read at all */
  gboolean inspecting;
  GtkWidget *row;
  GtkPicture *thumbnail;
  GCancellable *cancellable;
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
  int check_order;           /* insertion order of the checklist rows */
  GPtrArray *mx_items;       /* MjPresendItem from the MX lookup */
  char *mx_recipients;       /* the recipients mx_items answer for */
  GCancellable *mx_cancellable;
  guint mx_source;
  gboolean queueing;         /* Send pressed: the queue is storing the messages */

  GtkFileChooserNative *chooser;
  GtkPopover *completion_popover;
  GtkListBox *completion_list;
  AdwEntryRow *completion_row;

  /* Template children */
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkListBox *invoice_list;
  AdwPreferencesGroup *mode_group;
  AdwComboRow *mode_row;
  AdwComboRow *account_row;
  AdwEntryRow *to_row;
  AdwEntryRow *cc_row;
  AdwEntryRow *subject_row;
  GtkTextView *body_view;
  GtkListBox *checklist;
  AdwExpanderRow *preview_row;
  GtkLabel *preview_label;
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
  g_clear_object (&invoice->file);
  g_clear_object (&invoice->report);
  g_clear_object (&invoice->cancellable);
  g_clear_pointer (&invoice->path, g_free);
  g_clear_pointer (&invoice->basename, g_free);
  g_clear_pointer (&invoice->error_message, g_free);
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
      const char *number = invoice->report ? mj_pdf_report_get_invoice_number (invoice->report) : NULL;

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

      if (invoice->report != NULL)
        {
          values->total = mj_pdf_report_get_total (invoice->report);
          values->date = mj_pdf_report_get_date_text (invoice->report);
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

          if (invoice->report == NULL)
            continue;
          found = mj_pdf_report_get_emails (invoice->report);
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

      if (invoice->report == NULL)
        continue;
      attachment.path = invoice->basename;
      attachment.size_bytes = mj_pdf_report_get_size_bytes (invoice->report);
      attachment.report = invoice->report;
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

static void
use_suggestion_cb (GtkButton  *button,
                   MjSendPage *self)
{
  const char *wrong = g_object_get_data (G_OBJECT (button), "wrong");
  const char *right = g_object_get_data (G_OBJECT (button), "right");
  AdwEntryRow *rows[] = { self->to_row, self->cc_row };

  /* Replace the mistyped address wherever it was typed. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (rows[i]));
      g_auto(GStrv) parts = NULL;
      g_autofree char *joined = NULL;

      if (strstr (text, wrong) == NULL)
        continue;
      parts = g_strsplit (text, wrong, -1);
      joined = g_strjoinv (right, parts);
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), joined);
    }
}

static void
use_address_cb (GtkButton  *button,
                MjSendPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->to_row),
                         g_object_get_data (G_OBJECT (button), "address"));
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

      if (invoice->report == NULL)
        continue;
      emails = mj_pdf_report_get_emails (invoice->report);
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

/* Problems first, then warnings, then what is fine; in the order found. */
static int
check_row_sort_cb (GtkListBoxRow *row1,
                   GtkListBoxRow *row2,
                   gpointer       user_data)
{
  int rank1 = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row1), "mj-rank"));
  int rank2 = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row2), "mj-rank"));
  int order1 = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row1), "mj-order"));
  int order2 = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row2), "mj-order"));

  if (rank1 != rank2)
    return rank1 - rank2;
  return order1 - order2;
}

static void
mj_send_page_append_check_row (MjSendPage      *self,
                               GtkWidget       *row,
                               MjCheckSeverity  severity)
{
  static const int ranks[] = { 2, 1, 0 };   /* OK, WARNING, BLOCKING */

  g_object_set_data (G_OBJECT (row), "mj-rank", GINT_TO_POINTER (ranks[severity]));
  g_object_set_data (G_OBJECT (row), "mj-order", GINT_TO_POINTER (++self->check_order));
  gtk_list_box_append (self->checklist, row);
}

static GtkWidget *
mj_send_page_add_check_row (MjSendPage      *self,
                            MjCheckSeverity  severity,
                            const char      *reason,
                            const char      *fix,
                            const char      *wrong,
                            const char      *suggestion)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *styles[] = { "success", "warning", "error" };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[severity]);

  gtk_widget_add_css_class (icon, styles[severity]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity == MJ_CHECK_OK ? _("Fine")
                                  : severity == MJ_CHECK_WARNING ? _("Warning")
                                  : _("Stops sending"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason);
  if (fix != NULL && fix[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fix);
  gtk_widget_add_css_class (row, "property");
  g_object_set (row, "title-lines", 0, "subtitle-lines", 0, NULL);

  if (wrong != NULL && suggestion != NULL)
    {
      g_autofree char *label = NULL;
      GtkWidget *button;

      button = gtk_button_new_with_mnemonic (_("C_orrect"));
      /* Translators: tooltip of the button that replaces a mistyped address. */
      label = g_strdup_printf (_("Use %s"), suggestion);
      gtk_widget_set_tooltip_text (button, label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "wrong", g_strdup (wrong), g_free);
      g_object_set_data_full (G_OBJECT (button), "right", g_strdup (suggestion), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (use_suggestion_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  mj_send_page_append_check_row (self, row, severity);
  return row;
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
  GtkWidget *child;

  g_strv_builder_addv (builder, (const char **) to);
  g_strv_builder_addv (builder, (const char **) cc);
  recipients = g_strv_builder_end (builder);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checklist))) != NULL)
    gtk_list_box_remove (self->checklist, child);
  self->check_order = 0;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = mj_send_page_run_checks (self, draft);
  *blocking = checks_have_blocking (self->checks);

  /* Problems this page finds itself come first. */
  if (mj_send_page_get_account (self) == NULL)
    {
      mj_send_page_add_check_row (self, MJ_CHECK_BLOCKING,
                                  _("There is no account to send from."),
                                  _("Add your mailbox with Accounts in the main menu."),
                                  NULL, NULL);
      *blocking = TRUE;
    }
  for (guint i = 0; i < invoices->len; i++)
    {
      Invoice *invoice = g_ptr_array_index (invoices, i);
      g_autofree char *reason = NULL;

      if (invoice->inspecting)
        {
          /* Translators: %s is a file name. */
          reason = g_strdup_printf (_("Reading %s…"), invoice->basename);
          mj_send_page_add_check_row (self, MJ_CHECK_WARNING, reason, NULL, NULL, NULL);
          *blocking = TRUE;
        }
      else if (invoice->report == NULL)
        {
          /* Translators: %s is a file name. */
          reason = g_strdup_printf (_("%s cannot be read."), invoice->basename);
          mj_send_page_add_check_row (self, MJ_CHECK_BLOCKING, reason,
                                      invoice->error_message, NULL, NULL);
          *blocking = TRUE;
        }
    }

  for (guint i = 0; i < self->checks->len; i++)
    {
      MjPresendItem *item = g_ptr_array_index (self->checks, i);
      const char *suggestion = mj_presend_item_get_suggestion (item);

      /* A typo item is about one address; offer to put the fix in place. */
      mj_send_page_add_check_row (self,
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
            {
              const char *candidate = g_ptr_array_index (candidates, j);
              g_autofree char *tooltip = NULL;
              GtkWidget *candidate_row = adw_action_row_new ();
              GtkWidget *button = gtk_button_new_with_mnemonic (_("_Use"));

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (candidate_row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (candidate_row), candidate);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (candidate_row), _("Found in the invoice"));
              adw_action_row_add_prefix (ADW_ACTION_ROW (candidate_row),
                                         gtk_image_new_from_icon_name ("mail-unread-symbolic"));
              /* Translators: %s is an e-mail address found in the invoice PDF. */
              tooltip = g_strdup_printf (_("Send to %s, found in the invoice"), candidate);
              gtk_widget_set_tooltip_text (button, tooltip);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              tooltip, -1);
              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              g_object_set_data_full (G_OBJECT (button), "address", g_strdup (candidate), g_free);
              g_signal_connect (button, "clicked", G_CALLBACK (use_address_cb), self);
              adw_action_row_add_suffix (ADW_ACTION_ROW (candidate_row), button);
              adw_action_row_set_activatable_widget (ADW_ACTION_ROW (candidate_row), button);
              mj_send_page_append_check_row (self, candidate_row, MJ_CHECK_BLOCKING);
            }
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
            mj_send_page_add_check_row (self,
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
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  MjAccount *account = mj_send_page_get_account (self);
  g_autofree char *from = NULL;
  struct { const char *label; const char *value; } lines[5];

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
      g_string_append (names, invoice->basename);
    }

  lines[0].label = _("From:");
  lines[0].value = from;
  lines[1].label = _("To:");
  lines[1].value = draft->to;
  lines[2].label = _("Cc:");
  lines[2].value = draft->cc;
  lines[3].label = _("Subject:");
  lines[3].value = draft->subject;
  lines[4].label = _("Attachments:");
  lines[4].value = names->str;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      if (lines[i].value == NULL || lines[i].value[0] == '\0')
        continue;
      label = g_markup_escape_text (lines[i].label, -1);
      value = g_markup_escape_text (lines[i].value, -1);
      g_string_append_printf (markup, "<b>%s</b> %s\n", label, value);
    }
  if (draft->body != NULL)
    {
      g_autofree char *body = g_markup_escape_text (draft->body, -1);
      g_string_append_printf (markup, "\n%s", body);
    }

  gtk_label_set_markup (self->preview_label, markup->str);
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
        if (invoice->inspecting || invoice->report == NULL)
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

static void
mj_send_page_update_invoice_row (MjSendPage *self,
                                 Invoice    *invoice)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  if (invoice->inspecting)
    g_ptr_array_add (parts, g_strdup (_("Reading the invoice…")));
  else if (invoice->report == NULL)
    g_ptr_array_add (parts, g_strdup (invoice->error_message));
  else if (!mj_pdf_report_get_valid_pdf (invoice->report))
    {
      const GError *error = mj_pdf_report_get_error (invoice->report);

      g_ptr_array_add (parts, g_strdup (error ? error->message : _("This file cannot be sent.")));
    }
  else
    {
      const char *number = mj_pdf_report_get_invoice_number (invoice->report);
      const char *total = mj_pdf_report_get_total (invoice->report);
      int pages = mj_pdf_report_get_pages (invoice->report);

      if (number != NULL)
        /* Translators: the invoice number, as in "Nº 2026-031". */
        g_ptr_array_add (parts, g_strdup_printf (_("Nº %s"), number));
      if (total != NULL)
        g_ptr_array_add (parts, g_strdup (total));
      g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d page", "%d pages", pages), pages));
      g_ptr_array_add (parts, g_format_size (mj_pdf_report_get_size_bytes (invoice->report)));
    }
  g_ptr_array_add (parts, NULL);

  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (invoice->row), subtitle);
}

static void
inspect_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Invoice *invoice = user_data;
  MjSendPage *self = invoice->page;
  g_autoptr(MjPdfReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mj_pdf_inspect_finish (result, &error);
  if (self == NULL)
    {
      invoice_unref (invoice);
      return;
    }

  invoice->inspecting = FALSE;
  if (report == NULL)
    invoice->error_message = g_strdup (error->message);
  invoice->report = g_steal_pointer (&report);

  mj_send_page_update_invoice_row (self, invoice);
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
  mj_send_page_queue_mx_check (self);
  invoice_unref (invoice);
}

static void
thumbnail_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Invoice *invoice = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = mj_pdf_render_thumbnail_finish (result, &error);
  if (invoice->page != NULL)
    {
      if (texture != NULL)
        {
          gtk_picture_set_paintable (invoice->thumbnail, GDK_PAINTABLE (texture));
          /* A white page on a white row needs an edge. */
          gtk_widget_add_css_class (GTK_WIDGET (invoice->thumbnail), "mj-thumbnail");
        }
      else
        {
          GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (invoice->row));
          g_autoptr(GtkIconPaintable) icon = NULL;

          icon = gtk_icon_theme_lookup_icon (theme, "dialog-warning-symbolic", NULL, 24,
                                             gtk_widget_get_scale_factor (invoice->row),
                                             GTK_TEXT_DIR_NONE, 0);
          /* An icon at its own size, not stretched like a page. */
          gtk_picture_set_content_fit (invoice->thumbnail, GTK_CONTENT_FIT_SCALE_DOWN);
          gtk_picture_set_paintable (invoice->thumbnail, GDK_PAINTABLE (icon));
          gtk_widget_add_css_class (GTK_WIDGET (invoice->thumbnail), "warning");
        }
    }
  invoice_unref (invoice);
}

/* Takes @invoice out of the list; the caller updates the page. */
static void
mj_send_page_remove_invoice (MjSendPage *self,
                             Invoice    *invoice)
{
  guint index;

  if (!g_ptr_array_find (self->invoices, invoice, &index))
    return;

  g_cancellable_cancel (invoice->cancellable);
  invoice->page = NULL;
  if (self->selected == invoice)
    self->selected = NULL;
  gtk_list_box_remove (self->invoice_list, invoice->row);
  invoice->row = NULL;
  g_ptr_array_remove_index (self->invoices, index);

  if (self->selected == NULL && self->invoices->len > 0)
    {
      Invoice *first = g_ptr_array_index (self->invoices, 0);
      gtk_list_box_select_row (self->invoice_list, GTK_LIST_BOX_ROW (first->row));
    }
  else if (self->invoices->len == 0)
    {
      mj_pdf_view_set_file (self->pdf_view, NULL);
      draft_clear (&self->shared_draft);
      adw_combo_row_set_selected (self->mode_row, 0);
    }
}

static void
remove_invoice_cb (GtkButton  *button,
                   MjSendPage *self)
{
  mj_send_page_remove_invoice (self, g_object_get_data (G_OBJECT (button), "invoice"));
  mj_send_page_prefill_all (self);
  mj_send_page_update (self);
}

static void
mj_send_page_add_file (MjSendPage *self,
                       GFile      *file)
{
  Invoice *invoice;
  GtkWidget *remove;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  for (guint i = 0; i < self->invoices->len; i++)
    if (g_file_equal (((Invoice *) g_ptr_array_index (self->invoices, i))->file, file))
      return;

  invoice = g_rc_box_new0 (Invoice);
  invoice->page = self;
  invoice->file = g_object_ref (file);
  invoice->path = g_file_get_path (file);
  invoice->basename = g_file_get_basename (file);
  invoice->inspecting = TRUE;
  invoice->cancellable = g_cancellable_new ();

  invoice->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (invoice->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (invoice->row), invoice->basename);
  g_object_set (invoice->row, "title-lines", 1, "subtitle-lines", 2, NULL);
  invoice->thumbnail = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (invoice->thumbnail, TRUE);
  gtk_picture_set_content_fit (invoice->thumbnail, GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (GTK_WIDGET (invoice->thumbnail), 36, THUMBNAIL_SIZE);
  gtk_widget_set_margin_top (GTK_WIDGET (invoice->thumbnail), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (invoice->thumbnail), 6);
  adw_action_row_add_prefix (ADW_ACTION_ROW (invoice->row), GTK_WIDGET (invoice->thumbnail));

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove From the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove From the List"), -1);
  g_object_set_data (G_OBJECT (remove), "invoice", invoice);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_invoice_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (invoice->row), remove);
  g_object_set_data (G_OBJECT (invoice->row), "invoice", invoice);

  g_ptr_array_add (self->invoices, invoice);
  gtk_list_box_append (self->invoice_list, invoice->row);
  mj_send_page_update_invoice_row (self, invoice);

  mj_pdf_render_thumbnail_async (file, THUMBNAIL_SIZE * scale, invoice->cancellable,
                                 thumbnail_ready_cb, invoice_ref (invoice));
  mj_pdf_inspect_async (file, invoice->cancellable, inspect_ready_cb, invoice_ref (invoice));
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
      gtk_list_box_select_row (self->invoice_list, GTK_LIST_BOX_ROW (invoice->row));
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
invoice_selected_cb (MjSendPage    *self,
                     GtkListBoxRow *row)
{
  Invoice *invoice = row ? g_object_get_data (G_OBJECT (row), "invoice") : NULL;

  if (self->disposed)
    return;
  self->selected = invoice;
  mj_pdf_view_set_file (self->pdf_view, invoice ? invoice->file : NULL);
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

/* Address completion ----------------------------------------------------- */

/* The address being typed: what follows the last separator. */
static const char *
last_token (const char *text)
{
  const char *start = text;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ',' || *p == ';')
      start = p + 1;
  while (*start == ' ')
    start++;
  return start;
}

static gboolean
row_has_focus (GtkWidget *row)
{
  GtkRoot *root = gtk_widget_get_root (row);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

static void
mj_send_page_hide_completion (MjSendPage *self)
{
  if (self->completion_popover != NULL)
    gtk_popover_popdown (self->completion_popover);
}

static void
mj_send_page_complete (MjSendPage  *self,
                       AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  const char *token = last_token (text);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint shown = 0;

  if (self->address_book == NULL || token[0] == '\0' || !row_has_focus (GTK_WIDGET (row)))
    {
      mj_send_page_hide_completion (self);
      return;
    }

  contacts = mj_address_book_search (self->address_book, token, MAX_SUGGESTIONS, &error);
  if (contacts == NULL)
    {
      g_debug ("Address book search failed: %s", error->message);
      mj_send_page_hide_completion (self);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->completion_list))) != NULL)
    gtk_list_box_remove (self->completion_list, child);

  for (guint i = 0; i < contacts->len; i++)
    {
      MjContact *contact = g_ptr_array_index (contacts, i);
      GtkWidget *item;

      /* Nothing to suggest for an address typed in full. */
      if (g_ascii_strcasecmp (contact->address, token) == 0)
        continue;

      item = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      if (contact->client_name != NULL && contact->client_name[0] != '\0')
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), contact->client_name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (item), contact->address);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), contact->address);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), TRUE);
      /* Clicking a suggestion must not take the focus from the entry. */
      gtk_widget_set_focusable (item, FALSE);
      g_object_set_data_full (G_OBJECT (item), "address", g_strdup (contact->address), g_free);
      gtk_list_box_append (self->completion_list, item);
      shown++;
    }

  if (shown == 0)
    {
      mj_send_page_hide_completion (self);
      return;
    }

  if (self->completion_row != row)
    {
      gtk_popover_popdown (self->completion_popover);
      gtk_widget_unparent (GTK_WIDGET (self->completion_popover));
      gtk_widget_set_parent (GTK_WIDGET (self->completion_popover), GTK_WIDGET (row));
      self->completion_row = row;
    }
  gtk_list_box_select_row (self->completion_list, NULL);
  gtk_popover_popup (self->completion_popover);
}

static void
mj_send_page_accept_completion (MjSendPage    *self,
                                GtkListBoxRow *item)
{
  const char *address = g_object_get_data (G_OBJECT (item), "address");
  AdwEntryRow *row = self->completion_row;
  const char *text;
  g_autoptr(GString) new_text = NULL;

  if (row == NULL || address == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (row));
  new_text = g_string_new_len (text, last_token (text) - text);
  if (new_text->len > 0 && new_text->str[new_text->len - 1] != ' ')
    g_string_append_c (new_text, ' ');
  g_string_append (new_text, address);

  gtk_popover_popdown (self->completion_popover);
  gtk_editable_set_text (GTK_EDITABLE (row), new_text->str);
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  mj_send_page_hide_completion (self);
}

static void
completion_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *item,
                         MjSendPage    *self)
{
  mj_send_page_accept_completion (self, item);
}

static gboolean
completion_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           MjSendPage            *self)
{
  GtkListBoxRow *selected;
  int index;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->completion_popover)))
    return FALSE;

  selected = gtk_list_box_get_selected_row (self->completion_list);
  index = selected ? gtk_list_box_row_get_index (selected) : -1;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      {
        GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->completion_list,
                                                             keyval == GDK_KEY_Down ? index + 1 : MAX (index - 1, 0));
        if (next != NULL)
          gtk_list_box_select_row (self->completion_list, next);
        return TRUE;
      }
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_Tab:
      if (selected == NULL)
        return FALSE;
      mj_send_page_accept_completion (self, selected);
      return TRUE;
    case GDK_KEY_Escape:
      mj_send_page_hide_completion (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
hide_completion_later_cb (gpointer user_data)
{
  MjSendPage *self = user_data;
  if (self->completion_row == NULL || !row_has_focus (GTK_WIDGET (self->completion_row)))
    mj_send_page_hide_completion (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
entry_focus_left_cb (MjSendPage *self)
{
  g_timeout_add (150, hide_completion_later_cb, g_object_ref (self));
}

static void
mj_send_page_add_completion (MjSendPage  *self,
                             AdwEntryRow *row)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (completion_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), key);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (entry_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

/* Edits ------------------------------------------------------------------ */

static void
recipients_changed_cb (MjSendPage  *self,
                       AdwEntryRow *row)
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
  mj_send_page_complete (self, row);
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
                            ((Invoice *) g_ptr_array_index (message->invoices, i))->path);
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
                            ((Invoice *) g_ptr_array_index (duplicates, i))->basename);

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

/* The text every message of an account starts from, edited in place of the
 * one message: with the details it can fill in, and a preview with the
 * invoice that is open. */
typedef struct
{
  MjSendPage *page;
  char *account_name;
  AdwEntryRow *subject_row;
  GtkTextView *body_view;
  GtkWidget *last_field;     /* where a detail is added: subject_row or body_view */
  GtkLabel *preview_subject;
  GtkLabel *preview_body;
} TemplateEditor;

static const struct {
  const char *placeholder;
  const char *label;
} template_fill_ins[] = {
  { "{invoice_number}", N_("Invoice number") },
  { "{client_name}", N_("Client’s name") },
  { "{company}", N_("Your business name") },
  { "{total}", N_("Total") },
  { "{date}", N_("Invoice date") },
};

static void
template_editor_free (TemplateEditor *editor)
{
  g_clear_object (&editor->page);
  g_free (editor->account_name);
  g_free (editor);
}

static char *
template_editor_get_body (TemplateEditor *editor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
template_editor_update_preview (TemplateEditor *editor)
{
  MjSendPage *self = editor->page;
  g_autofree char *body_template = template_editor_get_body (editor);
  g_autoptr(MjTemplate) tmpl = mj_template_new (gtk_editable_get_text (GTK_EDITABLE (editor->subject_row)),
                                                body_template);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GPtrArray) invoices = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  MjTemplateValues values = { 0 };
  Draft *draft;

  if (self->disposed)
    return;
  draft = mj_send_page_current_draft (self);
  invoices = mj_send_page_invoices_for_draft (self, draft);
  mj_send_page_template_values (self, draft, invoices, numbers, &values);
  mj_template_render (tmpl, &values, &subject, &body);
  gtk_label_set_label (editor->preview_subject, subject);
  gtk_label_set_label (editor->preview_body, body);
}

static void
template_editor_set_texts (TemplateEditor *editor,
                           MjTemplate     *tmpl)
{
  gtk_editable_set_text (GTK_EDITABLE (editor->subject_row), mj_template_get_subject (tmpl));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->body_view), mj_template_get_body (tmpl), -1);
}

static void
fill_in_clicked_cb (GtkButton      *button,
                    TemplateEditor *editor)
{
  const char *placeholder = g_object_get_data (G_OBJECT (button), "mj-placeholder");

  if (editor->last_field == GTK_WIDGET (editor->subject_row))
    {
      int position = gtk_editable_get_position (GTK_EDITABLE (editor->subject_row));

      gtk_editable_insert_text (GTK_EDITABLE (editor->subject_row), placeholder, -1, &position);
      gtk_widget_grab_focus (GTK_WIDGET (editor->subject_row));
      gtk_editable_set_position (GTK_EDITABLE (editor->subject_row), position);
    }
  else
    {
      gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (editor->body_view), placeholder, -1);
      gtk_widget_grab_focus (GTK_WIDGET (editor->body_view));
    }
}

static void
field_focused_cb (GtkEventControllerFocus *controller,
                  TemplateEditor          *editor)
{
  editor->last_field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
}

static void
track_focus (TemplateEditor *editor,
             GtkWidget      *field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (field_focused_cb), editor);
  gtk_widget_add_controller (field, focus);
}

static void
restore_standard_clicked_cb (GtkButton      *button,
                             TemplateEditor *editor)
{
  g_autoptr(MjTemplate) standard = mj_template_new_default (mj_i18n_ui_lang ());

  template_editor_set_texts (editor, standard);
}

static void
template_save_clicked_cb (GtkButton      *button,
                          TemplateEditor *editor)
{
  MjSendPage *self = editor->page;
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));
  g_autofree char *body = template_editor_get_body (editor);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (editor->subject_row));
  g_autoptr(MjTemplate) standard = mj_template_new_default (mj_i18n_ui_lang ());
  g_autoptr(MjTemplate) tmpl = mj_template_new (subject, body);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  gboolean ok;

  /* The standard text is not stored: it then follows the interface language. */
  if (g_strcmp0 (subject, mj_template_get_subject (standard)) == 0 &&
      g_strcmp0 (body, mj_template_get_body (standard)) == 0)
    ok = mj_template_reset_for_account (editor->account_name, &error);
  else
    ok = mj_template_save_for_account (tmpl, editor->account_name, &error);
  if (!ok)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("The Template Was Not Saved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!self->disposed)
    {
      /* The invoices open now get the new text too: that is what the user
       * just wrote it for. */
      g_clear_object (&self->template);
      self->template = mj_template_load_for_account (editor->account_name, mj_i18n_ui_lang ());
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
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
template_editor_group (GtkBox     *box,
                       const char *title,
                       const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return group;
}

static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MjSendPage *self = MJ_SEND_PAGE (widget);
  MjAccount *account = mj_send_page_get_account (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(MjTemplate) current = NULL;
  TemplateEditor *editor;
  GtkWidget *window, *outer, *header, *cancel, *save, *scrolled, *clamp, *box, *group;
  GtkWidget *body_scrolled, *flow, *restore, *card;
  GtkEventController *shortcuts;

  if (account == NULL)
    return;

  editor = g_new0 (TemplateEditor, 1);
  editor->page = g_object_ref (self);
  editor->account_name = g_strdup (mj_account_get_name (account));
  current = mj_template_load_for_account (editor->account_name, mj_i18n_ui_lang ());

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Message Template"));
  gtk_window_set_default_size (GTK_WINDOW (window), 620, 720);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (window), "mj-editor", editor, (GDestroyNotify) template_editor_free);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Message Template"), mj_account_get_email (account)));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (template_save_clicked_cb), editor);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (outer), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (outer), scrolled);

  group = template_editor_group (GTK_BOX (box), _("Subject and Text"),
                                 _("Every message from this account starts with this text. The details in braces are filled in from each invoice."));
  editor->subject_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->subject_row), _("_Subject"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (editor->subject_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (editor->subject_row));
  editor->body_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (editor->body_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (editor->body_view, 12);
  gtk_text_view_set_bottom_margin (editor->body_view, 12);
  gtk_text_view_set_left_margin (editor->body_view, 12);
  gtk_text_view_set_right_margin (editor->body_view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->body_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Message text"), -1);
  body_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (body_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (body_scrolled), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (body_scrolled), GTK_WIDGET (editor->body_view));
  gtk_widget_add_css_class (body_scrolled, "card");
  gtk_widget_set_overflow (body_scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_margin_top (body_scrolled, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), body_scrolled);
  editor->last_field = GTK_WIDGET (editor->body_view);
  track_focus (editor, GTK_WIDGET (editor->subject_row));
  track_focus (editor, GTK_WIDGET (editor->body_view));

  group = template_editor_group (GTK_BOX (box), _("Invoice Details"),
                                 _("Choose one to add it where the cursor is. A part in [square brackets] is left out when a detail in it is unknown; [A|B] writes B instead."));
  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  for (guint i = 0; i < G_N_ELEMENTS (template_fill_ins); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(template_fill_ins[i].label));
      g_autofree char *tooltip = NULL;

      /* Translators: tooltip of a button that adds a placeholder, "{total}". */
      tooltip = g_strdup_printf (_("Adds %s"), template_fill_ins[i].placeholder);
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "mj-placeholder", (gpointer) template_fill_ins[i].placeholder);
      g_signal_connect (button, "clicked", G_CALLBACK (fill_in_clicked_cb), editor);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), flow);

  group = template_editor_group (GTK_BOX (box), _("Preview"),
                                 _("How the message of the invoice that is open will read."));
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (card, "card");
  editor->preview_subject = GTK_LABEL (gtk_label_new (NULL));
  editor->preview_body = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (editor->preview_subject), "heading");
  for (GtkLabel *label = editor->preview_subject; label != NULL;
       label = label == editor->preview_subject ? editor->preview_body : NULL)
    {
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (label, 0);
      gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (label), 12);
      gtk_box_append (GTK_BOX (card), GTK_WIDGET (label));
    }
  gtk_widget_set_margin_top (GTK_WIDGET (editor->preview_subject), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (editor->preview_body), 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);

  restore = gtk_button_new_with_mnemonic (_("_Restore the Standard Text"));
  gtk_widget_set_halign (restore, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (restore, "pill");
  g_signal_connect (restore, "clicked", G_CALLBACK (restore_standard_clicked_cb), editor);
  gtk_box_append (GTK_BOX (box), restore);

  template_editor_set_texts (editor, current);
  g_signal_connect_swapped (editor->subject_row, "changed", G_CALLBACK (template_editor_update_preview), editor);
  g_signal_connect_swapped (gtk_text_view_get_buffer (editor->body_view), "changed",
                            G_CALLBACK (template_editor_update_preview), editor);
  template_editor_update_preview (editor);

  adw_window_set_content (ADW_WINDOW (window), outer);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (editor->body_view));
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
    if (((Invoice *) g_ptr_array_index (self->invoices, i))->inspecting)
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

      g_cancellable_cancel (invoice->cancellable);
      invoice->page = NULL;
    }
  g_clear_pointer (&self->invoices, g_ptr_array_unref);
  self->selected = NULL;

  g_cancellable_cancel (self->mx_cancellable);
  g_clear_object (&self->mx_cancellable);
  g_clear_handle_id (&self->mx_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->completion_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->completion_popover));
      self->completion_popover = NULL;
      self->completion_row = NULL;
    }

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

  g_type_ensure (MJ_TYPE_PDF_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-send-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, cc_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, checklist);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, invoice_list);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, mode_group);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, mode_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, pdf_view);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, preview_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, send_status);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, sample_button);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, to_row);
  gtk_widget_class_bind_template_callback (widget_class, account_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invoice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recipients_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_changed_cb);

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
  gtk_list_box_set_sort_func (self->checklist, check_row_sort_cb, NULL, NULL);
  {
    g_autoptr(GFile) sample = mj_send_page_sample_file ();

    gtk_widget_set_visible (self->sample_button, sample != NULL);
  }

  self->completion_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->completion_list, GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (self->completion_list, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->completion_list), FALSE);
  g_signal_connect (self->completion_list, "row-activated", G_CALLBACK (completion_activated_cb), self);
  self->completion_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->completion_popover, FALSE);
  gtk_popover_set_has_arrow (self->completion_popover, FALSE);
  gtk_popover_set_position (self->completion_popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->completion_popover, GTK_WIDGET (self->completion_list));
  gtk_widget_set_parent (GTK_WIDGET (self->completion_popover), GTK_WIDGET (self->to_row));
  self->completion_row = self->to_row;
  mj_send_page_add_completion (self, self->to_row);
  mj_send_page_add_completion (self, self->cc_row);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->template = mj_template_new_default (mj_i18n_ui_lang ());
  mj_send_page_update (self);
}
