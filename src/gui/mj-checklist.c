#define G_LOG_DOMAIN "mj-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-checklist.h"

/*
 * "Before Sending": one row per finding of the pre-send checks, what stops
 * sending first, then warnings, then what is fine, each group in the order
 * found. A mistyped address gets a Correct button ("correct-address") and
 * an address printed in the invoice, offered when there is no recipient
 * yet, a Use button ("use-address"); the composer puts them in place.
 */

struct _MjChecklist
{
  AdwPreferencesGroup parent_instance;

  int order;                 /* insertion order of the rows */

  /* Template children */
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (MjChecklist, mj_checklist, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CORRECT_ADDRESS,
  USE_ADDRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Problems first, then warnings, then what is fine; in the order found. */
static int
row_sort_cb (GtkListBoxRow *row1,
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
mj_checklist_append (MjChecklist     *self,
                     GtkWidget       *row,
                     MjCheckSeverity  severity)
{
  static const int ranks[] = { 2, 1, 0 };   /* OK, WARNING, BLOCKING */

  g_object_set_data (G_OBJECT (row), "mj-rank", GINT_TO_POINTER (ranks[severity]));
  g_object_set_data (G_OBJECT (row), "mj-order", GINT_TO_POINTER (++self->order));
  gtk_list_box_append (self->list, row);
}

static void
correct_clicked_cb (GtkButton   *button,
                    MjChecklist *self)
{
  g_signal_emit (self, signals[CORRECT_ADDRESS], 0,
                 g_object_get_data (G_OBJECT (button), "wrong"),
                 g_object_get_data (G_OBJECT (button), "right"));
}

static void
use_clicked_cb (GtkButton   *button,
                MjChecklist *self)
{
  g_signal_emit (self, signals[USE_ADDRESS], 0, g_object_get_data (G_OBJECT (button), "address"));
}

/* Takes every row away, before the checks of the current draft are shown. */
void
mj_checklist_clear (MjChecklist *self)
{
  GtkWidget *child;

  g_return_if_fail (MJ_IS_CHECKLIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->order = 0;
}

/**
 * mj_checklist_add:
 * @fix: (nullable): what to do about it
 * @wrong: (nullable): a mistyped address
 * @suggestion: (nullable): what @wrong was meant to be; with @wrong, adds
 *   a button that puts it in place
 */
void
mj_checklist_add (MjChecklist     *self,
                  MjCheckSeverity  severity,
                  const char      *reason,
                  const char      *fix,
                  const char      *wrong,
                  const char      *suggestion)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *styles[] = { "success", "warning", "error" };
  GtkWidget *row;
  GtkWidget *icon;

  g_return_if_fail (MJ_IS_CHECKLIST (self));
  g_return_if_fail (severity <= MJ_CHECK_BLOCKING);

  row = adw_action_row_new ();
  icon = gtk_image_new_from_icon_name (icons[severity]);
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
      g_signal_connect (button, "clicked", G_CALLBACK (correct_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  mj_checklist_append (self, row, severity);
}

/* An address printed in the invoice, on a row of its own so the whole
 * address can be read, with a button to send to it. */
void
mj_checklist_add_candidate (MjChecklist *self,
                            const char  *address)
{
  g_autofree char *tooltip = NULL;
  GtkWidget *row;
  GtkWidget *button;

  g_return_if_fail (MJ_IS_CHECKLIST (self));
  g_return_if_fail (address != NULL);

  row = adw_action_row_new ();
  button = gtk_button_new_with_mnemonic (_("_Use"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), address);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Found in the invoice"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("mail-unread-symbolic"));
  /* Translators: %s is an e-mail address found in the invoice PDF. */
  tooltip = g_strdup_printf (_("Send to %s, found in the invoice"), address);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "address", g_strdup (address), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (use_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  mj_checklist_append (self, row, MJ_CHECK_BLOCKING);
}

static void
mj_checklist_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MJ_TYPE_CHECKLIST);

  G_OBJECT_CLASS (mj_checklist_parent_class)->dispose (object);
}

static void
mj_checklist_class_init (MjChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_checklist_dispose;

  /**
   * MjChecklist::correct-address:
   * @wrong: the address as typed
   * @right: what it was meant to be
   *
   * The user chose to correct a mistyped address.
   */
  signals[CORRECT_ADDRESS] = g_signal_new ("correct-address", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * MjChecklist::use-address:
   * @address: an address found in the invoice
   *
   * The user chose to send to an address printed in the invoice.
   */
  signals[USE_ADDRESS] = g_signal_new ("use-address", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-checklist.ui");
  gtk_widget_class_bind_template_child (widget_class, MjChecklist, list);
}

static void
mj_checklist_init (MjChecklist *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->list, row_sort_cb, NULL, NULL);
}
