#define G_LOG_DOMAIN "mj-diagnostics-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-application.h"
#include "mj-bounce.h"
#include "mj-diagnostics-page.h"
#include "mj-domain-check.h"
#include "mj-explainer.h"
#include "mj-explanation-card.h"
#include "mj-i18n.h"

struct _MjDiagnosticsPage
{
  AdwBin parent_instance;

  MjAccountStore *store;
  MjDiagnostics *diagnostics;
  GCancellable *cancellable;         /* the running test, cancelled in dispose */
  GCancellable *domain_cancellable;
  GCancellable *explain_cancellable;
  GPtrArray *domain_findings;        /* (element-type MjDomainFinding) */
  GPtrArray *explanations;           /* (element-type MjExplanation) */

  /* Template children */
  AdwComboRow *account_row;
  GtkSwitch *send_test_switch;
  GtkButton *run_button;
  GtkButton *cancel_button;
  GtkSpinner *spinner;
  GtkLabel *summary_label;
  GtkListBox *steps_list;
  AdwPreferencesGroup *hint_group;
  AdwActionRow *hint_row;
  AdwEntryRow *recipient_row;
  GtkListBox *domain_list;
  GtkTextView *paste_view;
  GtkWidget *paste_placeholder;
  GtkBox *explanation_box;
  guint scroll_source;
};

G_DEFINE_FINAL_TYPE (MjDiagnosticsPage, mj_diagnostics_page, ADW_TYPE_BIN)

static const char *
other_lang (void)
{
  return g_str_equal (mj_i18n_ui_lang (), MJ_LANG_ES) ? MJ_LANG_EN : MJ_LANG_ES;
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Title, what happened and what to do in the interface language, with the
 * other language underneath (for an IT helper who reads only one). */
static GtkWidget *
explanation_box_new (const char *title,
                     const char *explanation,
                     const char *action,
                     const char *other_title,
                     const char *other_explanation,
                     const char *other_action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *todo = NULL;
  g_autofree char *other = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), wrapped_label (title, "heading"));
  gtk_box_append (GTK_BOX (box), wrapped_label (explanation, NULL));
  /* Translators: followed by the advice on what to do. */
  todo = g_strdup_printf ("%s %s", _("What to do:"), action);
  gtk_box_append (GTK_BOX (box), wrapped_label (todo, NULL));
  other = g_strdup_printf ("%s — %s %s", other_title, other_explanation, other_action);
  gtk_box_append (GTK_BOX (box), wrapped_label (other, "dim-label"));
  return box;
}

/* Explanations of server replies and error codes use B1's card, in both
 * languages side by side. */
static GtkWidget *
explanation_widget_new (MjExplanation *e)
{
  GtkWidget *card = mj_explanation_card_new ();

  mj_explanation_card_set_explanation (MJ_EXPLANATION_CARD (card), e);
  mj_explanation_card_set_bilingual (MJ_EXPLANATION_CARD (card), TRUE);
  return card;
}

static GtkWidget *
text_widget_new (const MjDiagnosticText *t)
{
  const char *ui = mj_i18n_ui_lang ();
  const char *ot = other_lang ();

  return explanation_box_new (mj_i18n_translate (ui, t->title),
                              mj_i18n_translate (ui, t->explanation),
                              mj_i18n_translate (ui, t->action),
                              mj_i18n_translate (ot, t->title),
                              mj_i18n_translate (ot, t->explanation),
                              mj_i18n_translate (ot, t->action));
}

static const char *
status_icon (MjDiagnosticStatus status)
{
  switch (status)
    {
    case MJ_DIAGNOSTIC_STATUS_OK: return "emblem-ok-symbolic";
    case MJ_DIAGNOSTIC_STATUS_WARN: return "dialog-warning-symbolic";
    case MJ_DIAGNOSTIC_STATUS_FAIL: return "dialog-error-symbolic";
    case MJ_DIAGNOSTIC_STATUS_RUNNING: return "content-loading-symbolic";
    case MJ_DIAGNOSTIC_STATUS_SKIPPED: return "action-unavailable-symbolic";
    case MJ_DIAGNOSTIC_STATUS_PENDING:
    default:
      return "radio-symbolic";
    }
}

static const char *
status_class (MjDiagnosticStatus status)
{
  switch (status)
    {
    case MJ_DIAGNOSTIC_STATUS_OK: return "success";
    case MJ_DIAGNOSTIC_STATUS_WARN: return "warning";
    case MJ_DIAGNOSTIC_STATUS_FAIL: return "error";
    default: return "dim-label";
    }
}

static const char *
status_text (MjDiagnosticStatus status)
{
  switch (status)
    {
    case MJ_DIAGNOSTIC_STATUS_OK: return _("Passed");
    case MJ_DIAGNOSTIC_STATUS_WARN: return _("Passed with a warning");
    case MJ_DIAGNOSTIC_STATUS_FAIL: return _("Failed");
    case MJ_DIAGNOSTIC_STATUS_RUNNING: return _("Running");
    case MJ_DIAGNOSTIC_STATUS_SKIPPED: return _("Skipped");
    case MJ_DIAGNOSTIC_STATUS_PENDING:
    default:
      return _("Not run yet");
    }
}

/* --- step rows --- */

typedef struct {
  GtkImage *icon;
  GtkLabel *duration;
  GtkBox *content;
  MjExplanation *shown_explanation;
  const MjDiagnosticText *shown_text;
} RowWidgets;

static void
row_widgets_free (RowWidgets *w)
{
  g_clear_object (&w->shown_explanation);
  g_free (w);
}

static void
update_step_row (MjDiagnosticStep *step,
                 GParamSpec       *pspec,
                 AdwExpanderRow   *row)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (row), "mj-row-widgets");
  MjDiagnosticStatus status = mj_diagnostic_step_get_status (step);
  const char *detail = mj_diagnostic_step_get_detail (step);
  MjExplanation *e = mj_diagnostic_step_get_explanation (step);
  const MjDiagnosticText *t = mj_diagnostic_step_get_text (step);
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };

  gtk_image_set_from_icon_name (w->icon, status_icon (status));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (w->icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (w->icon), status_class (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_text (status), -1);

  if (status == MJ_DIAGNOSTIC_STATUS_OK || status == MJ_DIAGNOSTIC_STATUS_WARN ||
      status == MJ_DIAGNOSTIC_STATUS_FAIL)
    {
      /* Translators: how long a step of the connection test took. */
      g_autofree char *ms = g_strdup_printf (_("%u ms"), mj_diagnostic_step_get_duration_ms (step));

      gtk_label_set_label (w->duration, ms);
    }
  else
    gtk_label_set_label (w->duration, status_text (status));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (row, detail ? detail : "");

  if (e != w->shown_explanation || t != w->shown_text)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (w->content))) != NULL)
        gtk_box_remove (w->content, child);
      g_set_object (&w->shown_explanation, e);
      w->shown_text = t;
      if (e != NULL)
        gtk_box_append (w->content, explanation_widget_new (e));
      else if (t != NULL)
        gtk_box_append (w->content, text_widget_new (t));
    }

  adw_expander_row_set_enable_expansion (row, e != NULL || t != NULL);
  /* A failure opens its explanation by itself. */
  if (status == MJ_DIAGNOSTIC_STATUS_FAIL && (e != NULL || t != NULL))
    adw_expander_row_set_expanded (row, TRUE);
  else if (e == NULL && t == NULL)
    adw_expander_row_set_expanded (row, FALSE);
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  MjDiagnosticStep *step = item;
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  RowWidgets *w = g_new0 (RowWidgets, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mj_diagnostic_step_get_name (step));
  w->icon = GTK_IMAGE (gtk_image_new ());
  adw_expander_row_add_prefix (row, GTK_WIDGET (w->icon));
  w->duration = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (w->duration), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (w->duration), "numeric");
  adw_expander_row_add_action (row, GTK_WIDGET (w->duration));
  w->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  adw_expander_row_add_row (row, GTK_WIDGET (w->content));
  g_object_set_data_full (G_OBJECT (row), "mj-row-widgets", w, (GDestroyNotify) row_widgets_free);

  g_signal_connect_object (step, "notify", G_CALLBACK (update_step_row), row, 0);
  update_step_row (step, NULL, row);
  return GTK_WIDGET (row);
}

/* --- the test --- */

/* Whether the test has run (or started) for this account: before that,
 * there is no result, report or transcript to show. */
static gboolean
test_has_run (MjDiagnosticsPage *self)
{
  GListModel *steps;
  guint n;

  if (self->diagnostics == NULL)
    return FALSE;
  steps = mj_diagnostics_get_steps (self->diagnostics);
  n = g_list_model_get_n_items (steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MjDiagnosticStep) step = g_list_model_get_item (steps, i);

      if (mj_diagnostic_step_get_status (step) != MJ_DIAGNOSTIC_STATUS_PENDING)
        return TRUE;
    }
  return FALSE;
}

static void
update_actions (MjDiagnosticsPage *self)
{
  gboolean running = self->diagnostics != NULL && mj_diagnostics_get_running (self->diagnostics);
  gboolean has_account = self->diagnostics != NULL;
  gboolean has_run = test_has_run (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.run", has_account && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.check-domain", has_account);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.copy-report",
                                 has_account && !running && has_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.show-transcript",
                                 has_account && !running && has_run);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_row), !running);
}

static void
update_summary (MjDiagnosticsPage *self)
{
  MjDiagnosticStep *failed;
  const MjDiagnosticText *hint;

  /* Nothing to sum up while it runs, nor before it ever ran. */
  if (self->diagnostics == NULL || mj_diagnostics_get_running (self->diagnostics) ||
      !test_has_run (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_group), FALSE);
      return;
    }

  failed = mj_diagnostics_get_failed_step (self->diagnostics);
  if (mj_diagnostics_get_ok (self->diagnostics))
    gtk_label_set_label (self->summary_label, _("Everything works: this account can send."));
  else if (failed != NULL)
    {
      /* Translators: %s is the name of a step, e.g. "Sign-in". */
      g_autofree char *text = g_strdup_printf (_("The test stopped at “%s”. Its explanation below says why and what to do."),
                                               mj_diagnostic_step_get_name (failed));

      gtk_label_set_label (self->summary_label, text);
    }
  else
    gtk_label_set_label (self->summary_label, _("The test was cancelled."));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);

  hint = mj_diagnostics_get_hint (self->diagnostics);
  if (hint != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hint_row),
                                     mj_i18n_ui (hint->title));
      adw_action_row_set_subtitle (self->hint_row, mj_i18n_ui (hint->action));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hint_group), hint != NULL);
}

static void
running_changed_cb (MjDiagnosticsPage *self)
{
  update_actions (self);
  update_summary (self);
}

static MjAccount *
selected_account (MjDiagnosticsPage *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->account_row);

  return MJ_IS_ACCOUNT (item) ? MJ_ACCOUNT (item) : NULL;
}

static void
account_selected_cb (MjDiagnosticsPage *self)
{
  MjAccount *account = selected_account (self);

  if (self->diagnostics != NULL && account == mj_diagnostics_get_account (self->diagnostics))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->diagnostics != NULL)
    g_signal_handlers_disconnect_by_data (self->diagnostics, self);
  g_clear_object (&self->diagnostics);
  g_clear_pointer (&self->domain_findings, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->domain_list), FALSE);

  if (account != NULL)
    {
      self->diagnostics = mj_diagnostics_new (account);
      g_signal_connect_object (self->diagnostics, "notify::running",
                               G_CALLBACK (running_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->steps_list, mj_diagnostics_get_steps (self->diagnostics),
                               create_step_row, NULL, NULL);
    }
  else
    gtk_list_box_bind_model (self->steps_list, NULL, NULL, NULL, NULL);

  update_actions (self);
  update_summary (self);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MjDiagnosticsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mj_diagnostics_run_finish (MJ_DIAGNOSTICS (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("connection test failed: %s", error->message);
}

void
mj_diagnostics_page_run (MjDiagnosticsPage *self)
{
  g_return_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self));

  if (self->diagnostics == NULL || mj_diagnostics_get_running (self->diagnostics))
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mj_diagnostics_set_send_test (self->diagnostics, gtk_switch_get_active (self->send_test_switch));
  mj_diagnostics_run_async (self->diagnostics, self->cancellable, run_done_cb,
                            g_object_ref (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  mj_diagnostics_page_run (MJ_DIAGNOSTICS_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

/* --- transcript and report --- */

char *
mj_diagnostics_page_build_report (MjDiagnosticsPage *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self), NULL);

  if (self->diagnostics == NULL)
    return g_strdup ("");
  return mj_diagnostics_build_report (self->diagnostics, self->domain_findings);
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);
  g_autofree char *report = mj_diagnostics_page_build_report (self);
  GtkWidget *overlay;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("Report copied. Paste it into an email to whoever helps you.")));
}

static void
show_transcript_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);
  GtkWidget *window, *scrolled, *view, *header;
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *transcript;

  if (self->diagnostics == NULL)
    return;
  transcript = mj_diagnostics_get_transcript (self->diagnostics);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Transcript"));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 480);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            transcript[0] ? transcript : _("Run the test first."), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (header), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (header), scrolled);
  adw_window_set_content (ADW_WINDOW (window), header);
  gtk_window_present (GTK_WINDOW (window));
}

/* --- domain checks --- */

static GtkWidget *
finding_row_new (const MjDomainFinding *f)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (f->status));
  g_autofree char *kind = g_ascii_strup (mj_domain_check_kind_to_string (f->kind), -1);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", kind, f->query,
                                               f->record ? " · " : "",
                                               f->record ? f->record : "");

  gtk_widget_add_css_class (icon, status_class (f->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_text (f->status), -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mj_i18n_ui (f->text->title));
  adw_expander_row_set_subtitle (row, subtitle);
  adw_expander_row_add_prefix (row, icon);
  adw_expander_row_add_row (row, text_widget_new (f->text));
  return GTK_WIDGET (row);
}

static void
domain_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MjDiagnosticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = mj_domain_check_run_finish (result, &error);
  GtkWidget *child;

  if (findings == NULL)
    return;

  g_clear_pointer (&self->domain_findings, g_ptr_array_unref);
  self->domain_findings = findings;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->domain_list))) != NULL)
    gtk_list_box_remove (self->domain_list, child);
  for (guint i = 0; i < findings->len; i++)
    gtk_list_box_append (self->domain_list, finding_row_new (findings->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->domain_list), findings->len > 0);
}

static void
check_domain_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);
  MjAccount *account = selected_account (self);
  g_autofree char *recipient = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->recipient_row))));
  const char *recipients[2] = { NULL, NULL };
  const char *email, *at;

  if (account == NULL)
    return;
  email = mj_account_get_email (account);
  at = strrchr (email, '@');
  if (at == NULL || at[1] == '\0')
    return;
  /* "cliente@empresa.es" or just "empresa.es". */
  if (recipient[0] != '\0')
    {
      const char *rat = strrchr (recipient, '@');

      recipients[0] = rat != NULL ? rat + 1 : recipient;
      if (recipients[0][0] == '\0')
        recipients[0] = NULL;
    }

  g_cancellable_cancel (self->domain_cancellable);
  g_clear_object (&self->domain_cancellable);
  self->domain_cancellable = g_cancellable_new ();
  mj_domain_check_run_async (at + 1,
                             mj_domain_check_is_microsoft365_custom_domain (mj_account_get_provider_id (account),
                                                                            at + 1),
                             recipients, 10, self->domain_cancellable, domain_done_cb,
                             g_object_ref (self));
}

static void
recipient_apply_cb (MjDiagnosticsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "diagnostics.check-domain", NULL);
}

/* --- explain pasted text or an .eml --- */

static void
clear_explanations (MjDiagnosticsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->explanation_box))) != NULL)
    gtk_box_remove (self->explanation_box, child);
  g_ptr_array_set_size (self->explanations, 0);
}

/* Brings the first explanation into view once it has its size: it appears
 * below the fold, where the user would not notice it. */
static gboolean
scroll_to_explanation_cb (gpointer user_data)
{
  MjDiagnosticsPage *self = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->explanation_box),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t top;
  double height;

  self->scroll_source = 0;
  if (scrolled == NULL || gtk_widget_get_first_child (GTK_WIDGET (self->explanation_box)) == NULL)
    return G_SOURCE_REMOVE;
  /* Coordinates in the scrolled content: the viewport's child, not the
   * viewport (whose origin moves with the scrolling). */
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (!gtk_widget_compute_point (GTK_WIDGET (self->explanation_box), content,
                                 &GRAPHENE_POINT_INIT (0, 0), &top))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  height = gtk_widget_get_height (GTK_WIDGET (self->explanation_box));
  /* Only when some of it is out of sight; leave a little of what is above. */
  if (top.y + height > gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) ||
      top.y < gtk_adjustment_get_value (adjustment))
    gtk_adjustment_set_value (adjustment, MAX (0, top.y - 72));
  return G_SOURCE_REMOVE;
}

static void
add_explanation (MjDiagnosticsPage *self,
                 const char        *heading,
                 MjExplanation     *e)
{
  if (heading != NULL)
    gtk_box_append (self->explanation_box, wrapped_label (heading, "heading"));
  gtk_box_append (self->explanation_box, explanation_widget_new (e));
  g_ptr_array_add (self->explanations, g_object_ref (e));
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add (100, scroll_to_explanation_cb, self);
}

static void
paste_changed_cb (MjDiagnosticsPage *self,
                  GtkTextBuffer     *buffer)
{
  gtk_widget_set_visible (self->paste_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
show_bounce (MjDiagnosticsPage *self,
             MjBounce          *bounce,
             const char        *text)
{
  MjBounceKind kind = bounce ? mj_bounce_get_kind (bounce) : MJ_BOUNCE_KIND_NONE;

  clear_explanations (self);

  if (kind == MJ_BOUNCE_KIND_DSN || kind == MJ_BOUNCE_KIND_TEXT)
    {
      GPtrArray *recipients = mj_bounce_get_recipients (bounce);

      for (guint i = 0; recipients != NULL && i < recipients->len; i++)
        {
          MjBounceRecipient *r = recipients->pdata[i];

          if (r->explanation != NULL)
            add_explanation (self, r->address, r->explanation);
        }
      if (self->explanations->len > 0)
        return;
    }

  if (kind != MJ_BOUNCE_KIND_NONE && mj_bounce_get_explanation (bounce) != NULL)
    add_explanation (self, NULL, mj_bounce_get_explanation (bounce));
  else if (text != NULL)
    {
      g_autoptr(MjExplanation) e = mj_explainer_explain_text (text);

      add_explanation (self, NULL, e);
    }
}

static gboolean
looks_like_message (const char *text)
{
  /* Headers, then a blank line: a whole message was pasted. */
  return strstr (text, "\n\n") != NULL &&
         (g_str_has_prefix (text, "From:") || g_str_has_prefix (text, "Return-Path:") ||
          g_str_has_prefix (text, "Received:") || strstr (text, "\nContent-Type:") != NULL ||
          strstr (text, "\nSubject:") != NULL);
}

void
mj_diagnostics_page_explain_text (MjDiagnosticsPage *self,
                                  const char        *text)
{
  GtkTextBuffer *buffer;
  g_autoptr(MjBounce) bounce = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self));
  g_return_if_fail (text != NULL);

  buffer = gtk_text_view_get_buffer (self->paste_view);
  {
    GtkTextIter start, end;
    g_autofree char *current = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    if (g_strcmp0 (current, text) != 0)
      gtk_text_buffer_set_text (buffer, text, -1);
  }

  normalized = g_strstrip (g_strdup (text));
  if (normalized[0] == '\0')
    {
      clear_explanations (self);
      return;
    }
  /* Pasted text is small; the bounce parser is quick enough here. Files
   * go through a worker thread (open_eml). */
  if (looks_like_message (normalized) || strstr (normalized, "Delivery") != NULL ||
      strstr (normalized, "Undeliverable") != NULL)
    bounce = mj_bounce_parse_text (normalized);
  show_bounce (self, bounce, normalized);
}

static void
explain_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->paste_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  mj_diagnostics_page_explain_text (self, text);
}

static void
parse_file_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  MjBounce *bounce = mj_bounce_parse_file (task_data, &error);

  if (bounce == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bounce, g_object_unref);
}

static void
parse_file_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(MjBounce) bounce = g_task_propagate_pointer (G_TASK (result), &error);

  if (bounce == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(MjExplanation) e = mj_explainer_explain_not_bounce ();

          clear_explanations (self);
          add_explanation (self, error->message, e);
        }
      return;
    }
  show_bounce (self, bounce, NULL);
  if (self->explanations->len == 0)
    {
      g_autoptr(MjExplanation) e = mj_explainer_explain_not_bounce ();

      add_explanation (self, NULL, e);
    }
}

static void
eml_chosen_cb (GtkNativeDialog   *dialog,
               int                response,
               MjDiagnosticsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_autoptr(GTask) task = NULL;

          g_cancellable_cancel (self->explain_cancellable);
          g_clear_object (&self->explain_cancellable);
          self->explain_cancellable = g_cancellable_new ();
          task = g_task_new (self, self->explain_cancellable, parse_file_done_cb, NULL);
          g_task_set_task_data (task, g_steal_pointer (&path), g_free);
          g_task_run_in_thread (task, parse_file_worker);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_eml_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open a Returned Message"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Email messages"));
  gtk_file_filter_add_pattern (filter, "*.eml");
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (eml_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- accounts --- */

void
mj_diagnostics_page_set_account_store (MjDiagnosticsPage *self,
                                       MjAccountStore    *store)
{
  g_return_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self));
  g_return_if_fail (store == NULL || MJ_IS_ACCOUNT_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (store));
  if (store != NULL)
    {
      MjAccount *def = mj_account_store_get_default (store);

      if (def != NULL)
        mj_diagnostics_page_select_account (self, mj_account_get_name (def));
    }
  account_selected_cb (self);
}

gboolean
mj_diagnostics_page_select_account (MjDiagnosticsPage *self,
                                    const char        *name)
{
  guint n;

  g_return_val_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MjAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (mj_account_get_name (account), name) == 0)
        {
          adw_combo_row_set_selected (self->account_row, i);
          account_selected_cb (self);
          return TRUE;
        }
    }
  return FALSE;
}

MjDiagnostics *
mj_diagnostics_page_get_diagnostics (MjDiagnosticsPage *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return self->diagnostics;
}

GPtrArray *
mj_diagnostics_page_get_explanations (MjDiagnosticsPage *self)
{
  g_return_val_if_fail (MJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return self->explanations;
}

static void
mj_diagnostics_page_map (GtkWidget *widget)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (widget);

  GTK_WIDGET_CLASS (mj_diagnostics_page_parent_class)->map (widget);

  if (self->store == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                                 : NULL;

      if (MJ_IS_APPLICATION (app))
        {
          MjAccountStore *store = mj_application_get_account_store (MJ_APPLICATION (app));

          if (store != NULL)
            mj_diagnostics_page_set_account_store (self, store);
        }
    }
}

GtkWidget *
mj_diagnostics_page_new (void)
{
  return g_object_new (MJ_TYPE_DIAGNOSTICS_PAGE, NULL);
}

static void
mj_diagnostics_page_dispose (GObject *object)
{
  MjDiagnosticsPage *self = MJ_DIAGNOSTICS_PAGE (object);

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->domain_cancellable);
  g_cancellable_cancel (self->explain_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->domain_cancellable);
  g_clear_object (&self->explain_cancellable);
  if (self->steps_list != NULL)
    gtk_list_box_bind_model (self->steps_list, NULL, NULL, NULL, NULL);
  if (self->diagnostics != NULL)
    g_signal_handlers_disconnect_by_data (self->diagnostics, self);
  g_clear_object (&self->diagnostics);
  g_clear_object (&self->store);
  g_clear_pointer (&self->domain_findings, g_ptr_array_unref);
  g_clear_pointer (&self->explanations, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_DIAGNOSTICS_PAGE);

  G_OBJECT_CLASS (mj_diagnostics_page_parent_class)->dispose (object);
}

static void
mj_diagnostics_page_class_init (MjDiagnosticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_diagnostics_page_dispose;
  widget_class->map = mj_diagnostics_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-diagnostics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, domain_list);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, explanation_box);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, hint_group);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, hint_row);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, paste_view);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, paste_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, recipient_row);
  gtk_widget_class_bind_template_callback (widget_class, recipient_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, send_test_switch);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, summary_label);

  gtk_widget_class_install_action (widget_class, "diagnostics.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "diagnostics.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "diagnostics.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_action (widget_class, "diagnostics.show-transcript", NULL,
                                   show_transcript_action);
  gtk_widget_class_install_action (widget_class, "diagnostics.check-domain", NULL, check_domain_action);
  gtk_widget_class_install_action (widget_class, "diagnostics.explain", NULL, explain_action);
  gtk_widget_class_install_action (widget_class, "diagnostics.open-eml", NULL, open_eml_action);
}

static void
mj_diagnostics_page_init (MjDiagnosticsPage *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->explanations = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (gtk_text_view_get_buffer (self->paste_view), "changed",
                           G_CALLBACK (paste_changed_cb), self, G_CONNECT_SWAPPED);

  name = gtk_property_expression_new (MJ_TYPE_ACCOUNT, NULL, "name");
  adw_combo_row_set_expression (self->account_row, name);
  g_signal_connect_object (self->account_row, "notify::selected",
                           G_CALLBACK (account_selected_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}
