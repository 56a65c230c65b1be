#define G_LOG_DOMAIN "mj-app-password-guide"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-app-password-guide.h"
#include "mj-app-password-texts.h"

/*
 * The app-password guide: what two-step verification is, how to make the
 * password (with a button to the provider's own page), what the password
 * looks like and where it goes. The texts come from mj-app-password-texts,
 * shared with the command line.
 */

struct _MjAppPasswordGuide
{
  AdwBin parent_instance;

  char *provider_id;
  char *url;

  /* Template children */
  GtkLabel *title_label;
  GtkWidget *notice_box;
  GtkLabel *notice_label;
  GtkLabel *two_step_label;
  GtkBox *steps_box;
  GtkButton *open_button;
  GtkLabel *looks_like_label;
  GtkLabel *example_label;
  GtkLabel *paste_label;
};

G_DEFINE_FINAL_TYPE (MjAppPasswordGuide, mj_app_password_guide, ADW_TYPE_BIN)

GtkWidget *
mj_app_password_guide_new (void)
{
  return g_object_new (MJ_TYPE_APP_PASSWORD_GUIDE, NULL);
}

static void
clear_steps (MjAppPasswordGuide *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))) != NULL)
    gtk_box_remove (self->steps_box, child);
}

/**
 * mj_app_password_guide_set_provider:
 * @provider_id: an id of providers.ini
 * @provider_name: the provider's display name (already translated)
 * @app_password_url: (nullable): the provider's app-password page
 *
 * Fills the guide for @provider_id.
 *
 * Returns: %TRUE when there is a guide for this provider; the widget then
 * shows it. %FALSE leaves the widget empty.
 */
gboolean
mj_app_password_guide_set_provider (MjAppPasswordGuide *self,
                                    const char         *provider_id,
                                    const char         *provider_name,
                                    const char         *app_password_url)
{
  const MjAppPasswordTexts *texts;
  g_auto(GStrv) steps = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MJ_IS_APP_PASSWORD_GUIDE (self), FALSE);
  g_return_val_if_fail (provider_id != NULL, FALSE);

  g_free (self->provider_id);
  self->provider_id = g_strdup (provider_id);
  g_free (self->url);
  self->url = (app_password_url != NULL && *app_password_url != '\0') ? g_strdup (app_password_url) : NULL;
  clear_steps (self);

  texts = mj_app_password_texts_lookup (provider_id);
  if (texts == NULL)
    return FALSE;

  /* Translators: first %s is what the provider calls the password
   * ("app password"), the second the provider ("Gmail"). */
  title = g_strdup_printf (_("Your %s for %s"),
                           gettext (texts->kind_label),
                           provider_name != NULL ? provider_name : provider_id);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->two_step_label, gettext (texts->two_step));
  gtk_label_set_label (self->looks_like_label, gettext (texts->looks_like));
  gtk_label_set_label (self->paste_label, gettext (texts->paste));

  gtk_widget_set_visible (GTK_WIDGET (self->example_label), texts->example != NULL);
  if (texts->example != NULL)
    {
      /* Translators: an example of a made-up password follows. */
      g_autofree char *example = g_strdup_printf (_("For example: %s"), texts->example);
      gtk_label_set_label (self->example_label, example);
    }

  gtk_widget_set_visible (self->notice_box, texts->notice != NULL);
  if (texts->notice != NULL)
    gtk_label_set_label (self->notice_label, gettext (texts->notice));

  steps = g_strsplit (gettext (texts->steps), "\n", -1);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, steps[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_box_append (self->steps_box, label);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->open_button), self->url != NULL);
  return TRUE;
}

const char *
mj_app_password_guide_get_provider_id (MjAppPasswordGuide *self)
{
  g_return_val_if_fail (MJ_IS_APP_PASSWORD_GUIDE (self), NULL);

  return self->provider_id;
}

const char *
mj_app_password_guide_get_url (MjAppPasswordGuide *self)
{
  g_return_val_if_fail (MJ_IS_APP_PASSWORD_GUIDE (self), NULL);

  return self->url;
}

static void
open_button_clicked_cb (MjAppPasswordGuide *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->url, GDK_CURRENT_TIME);
}

static void
mj_app_password_guide_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MJ_TYPE_APP_PASSWORD_GUIDE);

  G_OBJECT_CLASS (mj_app_password_guide_parent_class)->dispose (object);
}

static void
mj_app_password_guide_finalize (GObject *object)
{
  MjAppPasswordGuide *self = MJ_APP_PASSWORD_GUIDE (object);

  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (mj_app_password_guide_parent_class)->finalize (object);
}

static void
mj_app_password_guide_class_init (MjAppPasswordGuideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_app_password_guide_dispose;
  object_class->finalize = mj_app_password_guide_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-app-password-guide.ui");
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, example_label);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, looks_like_label);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, notice_box);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, open_button);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, paste_label);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, steps_box);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, title_label);
  gtk_widget_class_bind_template_child (widget_class, MjAppPasswordGuide, two_step_label);
  gtk_widget_class_bind_template_callback (widget_class, open_button_clicked_cb);
}

static void
mj_app_password_guide_init (MjAppPasswordGuide *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
