#define G_LOG_DOMAIN "mj-send-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-send-page.h"

struct _MjSendPage
{
  AdwBin parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (MjSendPage, mj_send_page, ADW_TYPE_BIN)

GtkWidget *
mj_send_page_new (void)
{
  return g_object_new (MJ_TYPE_SEND_PAGE, NULL);
}

static void
mj_send_page_class_init (MjSendPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-send-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MjSendPage, status_page);
}

static void
mj_send_page_init (MjSendPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mj_send_page_add_files (MjSendPage  *self,
                        GFile      **files,
                        int          n_files)
{
  g_return_if_fail (MJ_IS_SEND_PAGE (self));

  /* The composer issue replaces this page with the real composer. */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_file_get_basename (files[i]);
      adw_status_page_set_description (self->status_page, name);
    }
}
