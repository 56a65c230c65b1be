#define G_LOG_DOMAIN "mj-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-account-wizard.h"
#include "mj-application.h"
#include "mj-window.h"

struct _MjApplication
{
  AdwApplication parent_instance;

  MjAccountStore *accounts;
  MjAddressBook *address_book;
  MjQueue *queue;
};

G_DEFINE_FINAL_TYPE (MjApplication, mj_application, ADW_TYPE_APPLICATION)

MjApplication *
mj_application_new (void)
{
  return g_object_new (MJ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

static MjWindow *
mj_application_ensure_window (MjApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (mj_window_new (self));
  return MJ_WINDOW (window);
}

MjAccountStore *
mj_application_get_account_store (MjApplication *self)
{
  g_return_val_if_fail (MJ_IS_APPLICATION (self), NULL);

  if (self->accounts == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->accounts = mj_account_store_new (&error);
      if (self->accounts == NULL)
        g_warning ("Cannot read the accounts: %s", error->message);
    }
  return self->accounts;
}

MjAddressBook *
mj_application_get_address_book (MjApplication *self)
{
  g_return_val_if_fail (MJ_IS_APPLICATION (self), NULL);

  if (self->address_book == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MjStore) store = mj_store_dup_default (&error);

      if (store != NULL)
        self->address_book = mj_address_book_new (store);
      else
        g_warning ("Cannot open the address book: %s", error->message);
    }
  return self->address_book;
}

MjQueue *
mj_application_get_queue (MjApplication *self)
{
  g_return_val_if_fail (MJ_IS_APPLICATION (self), NULL);

  if (self->queue == NULL && mj_application_get_account_store (self) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MjStore) store = mj_store_dup_default (&error);

      if (store != NULL)
        self->queue = mj_queue_new (store, self->accounts, &error);
      if (self->queue != NULL)
        mj_queue_set_auto_send (self->queue, TRUE);
      else
        g_warning ("Cannot open the send queue: %s", error->message);
    }
  return self->queue;
}

static void
mj_application_activate (GApplication *app)
{
  MjWindow *window = mj_application_ensure_window (MJ_APPLICATION (app));
  MjAccountStore *accounts = mj_application_get_account_store (MJ_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));

  /* First run: no account yet, so the wizard comes first. */
  if (accounts != NULL && g_list_model_get_n_items (G_LIST_MODEL (accounts)) == 0)
    gtk_window_present (GTK_WINDOW (mj_account_wizard_new (accounts, GTK_WINDOW (window))));
}

static void
mj_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  MjWindow *window = mj_application_ensure_window (MJ_APPLICATION (app));

  mj_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
mj_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  MjApplication *self = user_data;
  static const char *developers[] = { "The Mensajero developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Mensajero"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Mensajero developers"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Send invoices through your own mailbox, and understand why a message did not go out."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
mj_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", mj_application_about_action },
  { "quit", mj_application_quit_action },
};

static void
mj_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (mj_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
}

static void
mj_application_dispose (GObject *object)
{
  g_clear_object (&MJ_APPLICATION (object)->accounts);
  g_clear_object (&MJ_APPLICATION (object)->address_book);
  g_clear_object (&MJ_APPLICATION (object)->queue);

  G_OBJECT_CLASS (mj_application_parent_class)->dispose (object);
}

static void
mj_application_class_init (MjApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mj_application_dispose;

  app_class->activate = mj_application_activate;
  app_class->open = mj_application_open;
  app_class->startup = mj_application_startup;
}

static void
mj_application_init (MjApplication *self)
{
}
