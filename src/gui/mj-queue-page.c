#define G_LOG_DOMAIN "mj-queue-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-queue-page.h"

struct _MjQueuePage
{
  AdwBin parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (MjQueuePage, mj_queue_page, ADW_TYPE_BIN)

GtkWidget *
mj_queue_page_new (void)
{
  return g_object_new (MJ_TYPE_QUEUE_PAGE, NULL);
}

static void
mj_queue_page_class_init (MjQueuePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjQueuePage, status_page);
}

static void
mj_queue_page_init (MjQueuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
