#define G_LOG_DOMAIN "mj-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-accounts-window.h"
#include "mj-application.h"
#include "mj-diagnostics-page.h"
#include "mj-queue-page.h"
#include "mj-send-page.h"
#include "mj-window.h"

struct _MjWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* Template children */
  AdwViewStack *stack;
  AdwToastOverlay *toast_overlay;
  MjSendPage *send_page;
  MjQueuePage *queue_page;
  MjDiagnosticsPage *diagnostics_page;
};

G_DEFINE_FINAL_TYPE (MjWindow, mj_window, ADW_TYPE_APPLICATION_WINDOW)

MjWindow *
mj_window_new (MjApplication *application)
{
  MjWindow *self = g_object_new (MJ_TYPE_WINDOW, "application", application, NULL);

  mj_queue_page_set_queue (self->queue_page, mj_application_get_queue (application));
  return self;
}

/**
 * mj_window_open_files:
 *
 * Hands PDFs given on the command line or through "Open With" to the
 * composer and shows it.
 */
void
mj_window_open_files (MjWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_return_if_fail (MJ_IS_WINDOW (self));

  mj_send_page_add_files (self->send_page, files, n_files);
  mj_window_show_page (self, "send");
}

void
mj_window_show_page (MjWindow   *self,
                     const char *name)
{
  g_return_if_fail (MJ_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
mj_window_get_page (MjWindow *self)
{
  g_return_val_if_fail (MJ_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
mj_window_add_toast (MjWindow   *self,
                     const char *title)
{
  g_return_if_fail (MJ_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/**
 * mj_window_add_toast_with_button:
 * @button_label: (nullable): a mnemonic label, "_Show"
 * @detailed_action: (nullable): what the button does, "win.show-page::queue"
 *
 * A toast that offers one follow-up, like showing the queue after an
 * invoice was added to it.
 */
void
mj_window_add_toast_with_button (MjWindow   *self,
                                 const char *title,
                                 const char *button_label,
                                 const char *detailed_action)
{
  AdwToast *toast;

  g_return_if_fail (MJ_IS_WINDOW (self));

  toast = adw_toast_new (title);
  if (button_label != NULL && detailed_action != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_detailed_action_name (toast, detailed_action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
mj_window_accounts_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  MjAccountStore *accounts = NULL;

  if (MJ_IS_APPLICATION (app))
    accounts = mj_application_get_account_store (MJ_APPLICATION (app));
  if (accounts == NULL)
    return;
  gtk_window_present (GTK_WINDOW (mj_accounts_window_new (accounts, GTK_WINDOW (widget))));
}

static void
mj_window_open_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MjWindow *self = MJ_WINDOW (widget);

  mj_window_show_page (self, "send");
  gtk_widget_activate_action (GTK_WIDGET (self->send_page), "composer.open", NULL);
}

static void
mj_window_show_page_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MjWindow *self = MJ_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    mj_window_show_page (self, name);
}

static void
mj_window_dispose (GObject *object)
{
  MjWindow *self = MJ_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mj_window_parent_class)->dispose (object);
}

static void
mj_window_class_init (MjWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_window_dispose;

  g_type_ensure (MJ_TYPE_SEND_PAGE);
  g_type_ensure (MJ_TYPE_QUEUE_PAGE);
  g_type_ensure (MJ_TYPE_DIAGNOSTICS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MjWindow, diagnostics_page);
  gtk_widget_class_bind_template_child (widget_class, MjWindow, queue_page);
  gtk_widget_class_bind_template_child (widget_class, MjWindow, send_page);
  gtk_widget_class_bind_template_child (widget_class, MjWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MjWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, mj_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.accounts", NULL, mj_window_accounts_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", mj_window_show_page_action);

  /* Alt+number picks a page, as in other GNOME applications with a view switcher. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "send");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "queue");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "diagnostics");
}

static void
mj_window_init (MjWindow *self)
{
  GtkIconTheme *theme;
  g_auto(GStrv) paths = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Our own icons (the queue page's) also when no MjApplication loaded them. */
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  paths = gtk_icon_theme_get_resource_path (theme);
  if (paths == NULL || !g_strv_contains ((const char * const *) paths, RESOURCE_BASE "/icons"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE "/icons");

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}
