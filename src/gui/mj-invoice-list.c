#define G_LOG_DOMAIN "mj-invoice-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-invoice-list.h"

/*
 * The "Invoices" group of the composer: the invoices added so far, one
 * MjInvoiceRow each, and the button that adds more. Choosing a row shows
 * that invoice ("invoice-selected"); the list does not own the drafts.
 */

struct _MjInvoiceList
{
  AdwPreferencesGroup parent_instance;

  /* Template children */
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (MjInvoiceList, mj_invoice_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  INVOICE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_selected_cb (MjInvoiceList *self,
                 GtkListBoxRow *row)
{
  g_signal_emit (self, signals[INVOICE_SELECTED], 0, MJ_IS_INVOICE_ROW (row) ? row : NULL);
}

void
mj_invoice_list_append (MjInvoiceList *self,
                        MjInvoiceRow  *row)
{
  g_return_if_fail (MJ_IS_INVOICE_LIST (self));
  g_return_if_fail (MJ_IS_INVOICE_ROW (row));

  gtk_list_box_append (self->list, GTK_WIDGET (row));
}

void
mj_invoice_list_remove (MjInvoiceList *self,
                        MjInvoiceRow  *row)
{
  g_return_if_fail (MJ_IS_INVOICE_LIST (self));
  g_return_if_fail (MJ_IS_INVOICE_ROW (row));

  if (gtk_widget_get_parent (GTK_WIDGET (row)) == GTK_WIDGET (self->list))
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
}

void
mj_invoice_list_select (MjInvoiceList *self,
                        MjInvoiceRow  *row)
{
  g_return_if_fail (MJ_IS_INVOICE_LIST (self));
  g_return_if_fail (row == NULL || MJ_IS_INVOICE_ROW (row));

  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
}

static void
mj_invoice_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MJ_TYPE_INVOICE_LIST);

  G_OBJECT_CLASS (mj_invoice_list_parent_class)->dispose (object);
}

static void
mj_invoice_list_class_init (MjInvoiceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_invoice_list_dispose;

  /**
   * MjInvoiceList::invoice-selected:
   * @row: (nullable): the row chosen, NULL when none is
   *
   * The invoice to show and edit the message of changed.
   */
  signals[INVOICE_SELECTED] = g_signal_new ("invoice-selected", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, MJ_TYPE_INVOICE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-invoice-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MjInvoiceList, list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
mj_invoice_list_init (MjInvoiceList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
