#define G_LOG_DOMAIN "mj-diagnostics-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-diagnostics-page.h"

struct _MjDiagnosticsPage
{
  AdwBin parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (MjDiagnosticsPage, mj_diagnostics_page, ADW_TYPE_BIN)

GtkWidget *
mj_diagnostics_page_new (void)
{
  return g_object_new (MJ_TYPE_DIAGNOSTICS_PAGE, NULL);
}

static void
mj_diagnostics_page_class_init (MjDiagnosticsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-diagnostics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjDiagnosticsPage, status_page);
}

static void
mj_diagnostics_page_init (MjDiagnosticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
