#define G_LOG_DOMAIN "mj-message-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-message-preview.h"

/*
 * "Message Preview": the message as the client will receive it, the
 * header lines that have a value and then the text, folded away until the
 * user opens it.
 */

struct _MjMessagePreview
{
  AdwPreferencesGroup parent_instance;

  /* Template children */
  GtkLabel *label;
};

G_DEFINE_FINAL_TYPE (MjMessagePreview, mj_message_preview, ADW_TYPE_PREFERENCES_GROUP)

/**
 * mj_message_preview_show:
 * @from: (nullable): the sender, "Name <address>"
 * @to: (nullable): @cc: (nullable): @subject: (nullable):
 * @attachments: (nullable): the file names, joined
 * @body: (nullable): the text
 *
 * Shows one message; empty lines of the header are left out.
 */
void
mj_message_preview_show (MjMessagePreview *self,
                         const char       *from,
                         const char       *to,
                         const char       *cc,
                         const char       *subject,
                         const char       *attachments,
                         const char       *body)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  struct { const char *label; const char *value; } lines[5];

  g_return_if_fail (MJ_IS_MESSAGE_PREVIEW (self));

  lines[0].label = _("From:");
  lines[0].value = from;
  lines[1].label = _("To:");
  lines[1].value = to;
  lines[2].label = _("Cc:");
  lines[2].value = cc;
  lines[3].label = _("Subject:");
  lines[3].value = subject;
  lines[4].label = _("Attachments:");
  lines[4].value = attachments;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      if (lines[i].value == NULL || lines[i].value[0] == '\0')
        continue;
      label = g_markup_escape_text (lines[i].label, -1);
      value = g_markup_escape_text (lines[i].value, -1);
      g_string_append_printf (markup, "<b>%s</b> %s\n", label, value);
    }
  if (body != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (body, -1);
      g_string_append_printf (markup, "\n%s", escaped);
    }

  gtk_label_set_markup (self->label, markup->str);
}

static void
mj_message_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MJ_TYPE_MESSAGE_PREVIEW);

  G_OBJECT_CLASS (mj_message_preview_parent_class)->dispose (object);
}

static void
mj_message_preview_class_init (MjMessagePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_message_preview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-message-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, MjMessagePreview, label);
}

static void
mj_message_preview_init (MjMessagePreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
