#define G_LOG_DOMAIN "mj-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-i18n.h"
#include "mj-template-editor.h"

/*
 * The text every message of an account starts from, edited in place of
 * the one message: with the details it can fill in, and a preview with the
 * invoice that is open. Save stores it for the account (or forgets the
 * account's own text when it is the standard one), emits "saved" and
 * closes the window.
 */

struct _MjTemplateEditor
{
  AdwWindow parent_instance;

  char *account_name;
  char *values[6];           /* copies behind preview_values */
  MjTemplateValues preview_values;
  GtkWidget *last_field;     /* where a detail is added: subject_row or body_view */

  /* Template children */
  AdwWindowTitle *window_title;
  AdwEntryRow *subject_row;
  GtkTextView *body_view;
  GtkFlowBox *fill_ins;
  GtkLabel *preview_subject;
  GtkLabel *preview_body;
};

G_DEFINE_FINAL_TYPE (MjTemplateEditor, mj_template_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static char *
mj_template_editor_get_body (MjTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
mj_template_editor_update_preview (MjTemplateEditor *self)
{
  g_autofree char *body_template = mj_template_editor_get_body (self);
  g_autoptr(MjTemplate) tmpl = mj_template_new (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)),
                                                body_template);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  mj_template_render (tmpl, &self->preview_values, &subject, &body);
  gtk_label_set_label (self->preview_subject, subject);
  gtk_label_set_label (self->preview_body, body);
}

static void
mj_template_editor_set_texts (MjTemplateEditor *self,
                              MjTemplate       *tmpl)
{
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), mj_template_get_subject (tmpl));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), mj_template_get_body (tmpl), -1);
}

static void
fill_in_clicked_cb (GtkButton        *button,
                    MjTemplateEditor *self)
{
  const char *placeholder = g_object_get_data (G_OBJECT (button), "mj-placeholder");

  if (self->last_field == GTK_WIDGET (self->subject_row))
    {
      int position = gtk_editable_get_position (GTK_EDITABLE (self->subject_row));

      gtk_editable_insert_text (GTK_EDITABLE (self->subject_row), placeholder, -1, &position);
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
      gtk_editable_set_position (GTK_EDITABLE (self->subject_row), position);
    }
  else
    {
      gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (self->body_view), placeholder, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
    }
}

static void
field_focused_cb (GtkEventControllerFocus *controller,
                  MjTemplateEditor        *self)
{
  self->last_field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
}

static void
track_focus (MjTemplateEditor *self,
             GtkWidget        *field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (field_focused_cb), self);
  gtk_widget_add_controller (field, focus);
}

static void
restore_standard_clicked_cb (MjTemplateEditor *self)
{
  g_autoptr(MjTemplate) standard = mj_template_new_default (mj_i18n_ui_lang ());

  mj_template_editor_set_texts (self, standard);
}

static void
save_clicked_cb (MjTemplateEditor *self)
{
  g_autofree char *body = mj_template_editor_get_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  g_autoptr(MjTemplate) standard = mj_template_new_default (mj_i18n_ui_lang ());
  g_autoptr(MjTemplate) tmpl = mj_template_new (subject, body);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The standard text is not stored: it then follows the interface language. */
  if (g_strcmp0 (subject, mj_template_get_subject (standard)) == 0 &&
      g_strcmp0 (body, mj_template_get_body (standard)) == 0)
    ok = mj_template_reset_for_account (self->account_name, &error);
  else
    ok = mj_template_save_for_account (tmpl, self->account_name, &error);
  if (!ok)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Template Was Not Saved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * mj_template_editor_new:
 * @parent: (nullable): the window it is modal for
 * @account_name: the account whose template is edited
 * @account_email: shown under the title
 * @values: what the invoice that is open fills in, for the preview
 *
 * Returns: (transfer none): a new editor with the account's template
 */
MjTemplateEditor *
mj_template_editor_new (GtkWindow              *parent,
                        const char             *account_name,
                        const char             *account_email,
                        const MjTemplateValues *values)
{
  MjTemplateEditor *self;
  g_autoptr(MjTemplate) current = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (account_name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  self = g_object_new (MJ_TYPE_TEMPLATE_EDITOR, "transient-for", parent, NULL);
  self->account_name = g_strdup (account_name);
  adw_window_title_set_subtitle (self->window_title, account_email);

  self->preview_values.invoice_number = self->values[0] = g_strdup (values->invoice_number);
  self->preview_values.client_name = self->values[1] = g_strdup (values->client_name);
  self->preview_values.company = self->values[2] = g_strdup (values->company);
  self->preview_values.total = self->values[3] = g_strdup (values->total);
  self->preview_values.date = self->values[4] = g_strdup (values->date);
  self->preview_values.sender_name = self->values[5] = g_strdup (values->sender_name);

  current = mj_template_load_for_account (self->account_name, mj_i18n_ui_lang ());
  mj_template_editor_set_texts (self, current);
  g_signal_connect_object (self->subject_row, "changed",
                           G_CALLBACK (mj_template_editor_update_preview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (mj_template_editor_update_preview), self, G_CONNECT_SWAPPED);
  mj_template_editor_update_preview (self);

  /* The text is what one edits most. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->body_view));
  return self;
}

static void
mj_template_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MJ_TYPE_TEMPLATE_EDITOR);

  G_OBJECT_CLASS (mj_template_editor_parent_class)->dispose (object);
}

static void
mj_template_editor_finalize (GObject *object)
{
  MjTemplateEditor *self = MJ_TEMPLATE_EDITOR (object);

  g_free (self->account_name);
  for (guint i = 0; i < G_N_ELEMENTS (self->values); i++)
    g_free (self->values[i]);

  G_OBJECT_CLASS (mj_template_editor_parent_class)->finalize (object);
}

static void
mj_template_editor_class_init (MjTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_template_editor_dispose;
  object_class->finalize = mj_template_editor_finalize;

  /**
   * MjTemplateEditor::saved:
   *
   * The account's template was stored (or reset to the standard text).
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MjTemplateEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, MjTemplateEditor, fill_ins);
  gtk_widget_class_bind_template_child (widget_class, MjTemplateEditor, preview_body);
  gtk_widget_class_bind_template_child (widget_class, MjTemplateEditor, preview_subject);
  gtk_widget_class_bind_template_child (widget_class, MjTemplateEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MjTemplateEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, restore_standard_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
mj_template_editor_init (MjTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->last_field = GTK_WIDGET (self->body_view);
  track_focus (self, GTK_WIDGET (self->subject_row));
  track_focus (self, GTK_WIDGET (self->body_view));

  for (guint i = 0; i < G_N_ELEMENTS (template_fill_ins); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(template_fill_ins[i].label));
      g_autofree char *tooltip = NULL;

      /* Translators: tooltip of a button that adds a placeholder, "{total}". */
      tooltip = g_strdup_printf (_("Adds %s"), template_fill_ins[i].placeholder);
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "mj-placeholder", (gpointer) template_fill_ins[i].placeholder);
      g_signal_connect (button, "clicked", G_CALLBACK (fill_in_clicked_cb), self);
      gtk_flow_box_append (self->fill_ins, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}
