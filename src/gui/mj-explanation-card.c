#define G_LOG_DOMAIN "mj-explanation-card"

#include "config.h"

#include <glib/gi18n.h>

#include "mj-i18n.h"

#include "mj-explanation-card.h"

/*
 * Shows one MjExplanation: title, what happened, who can fix it, what to
 * do and whether Mensajero retries, in the interface language or in
 * Spanish and English side by side; Copy puts the administrator message on
 * the clipboard when there is one, else the whole explanation in both
 * languages.
 */

struct _MjExplanationCard
{
  AdwBin parent_instance;

  MjExplanation *explanation;
  gboolean bilingual;

  GtkBox *columns_box;
  GtkLabel *code_label;
  GtkToggleButton *bilingual_button;
  GtkButton *copy_button;
};

G_DEFINE_FINAL_TYPE (MjExplanationCard, mj_explanation_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EXPLANATION,
  PROP_BILINGUAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Not selectable: a selectable label that takes the first focus of a
   * window shows all its text selected, which looks broken. The card's
   * Copy button copies the whole explanation. */
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
}

static void
add_section (GtkBox     *box,
             const char *lang,
             const char *heading,
             const char *text)
{
  if (text == NULL)
    return;
  add_label (box, mj_i18n_translate (lang, heading), "heading");
  add_label (box, text, NULL);
}

static GtkWidget *
make_column (MjExplanation *e,
             const char    *lang)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));

  gtk_widget_set_hexpand (GTK_WIDGET (box), TRUE);
  add_label (box, mj_explanation_get_title (e, lang), "title-4");
  add_section (box, lang, N_("What happened"), mj_explanation_get_explanation (e, lang));
  add_section (box, lang, N_("Who can fix it"), mj_explanation_get_who_fixes_text (e, lang));
  add_section (box, lang, N_("What to do"), mj_explanation_get_action (e, lang));
  add_section (box, lang, N_("Message for your IT administrator"), mj_explanation_get_admin_message (e, lang));
  return GTK_WIDGET (box);
}

static void
rebuild (MjExplanationCard *self)
{
  GtkWidget *child;
  const char *ui = mj_i18n_ui_lang ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);

  gtk_widget_set_visible (GTK_WIDGET (self), self->explanation != NULL);
  if (self->explanation == NULL)
    return;

  gtk_box_append (self->columns_box, make_column (self->explanation, ui));
  if (self->bilingual)
    gtk_box_append (self->columns_box,
                    make_column (self->explanation, g_str_equal (ui, MJ_LANG_ES) ? MJ_LANG_EN : MJ_LANG_ES));

  {
    GString *code = g_string_new (NULL);
    guint reply_code = mj_explanation_get_reply_code (self->explanation);
    const char *enhanced = mj_explanation_get_enhanced_status (self->explanation);

    if (reply_code != 0)
      g_string_append_printf (code, "%u ", reply_code);
    if (enhanced != NULL)
      g_string_append_printf (code, "%s ", enhanced);
    /* Translators: shown under an explanation; %s is a reason word such as "userunknown". */
    g_string_append_printf (code, _("(reason: %s)"), mj_explanation_get_reason (self->explanation));
    gtk_label_set_text (self->code_label, code->str);
    g_string_free (code, TRUE);
  }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button),
                               mj_explanation_get_admin_message (self->explanation, ui) != NULL
                                 ? _("Copy the message for your IT administrator")
                                 : _("Copy the explanation in Spanish and English"));
}

/**
 * mj_explanation_card_get_copy_text:
 *
 * Returns: (transfer full) (nullable): what Copy puts on the clipboard
 */
char *
mj_explanation_card_get_copy_text (MjExplanationCard *self)
{
  const char *ui;
  const char *admin;
  g_autofree char *es = NULL;
  g_autofree char *en = NULL;
  const char *diagnostic;

  g_return_val_if_fail (MJ_IS_EXPLANATION_CARD (self), NULL);

  if (self->explanation == NULL)
    return NULL;
  ui = mj_i18n_ui_lang ();
  admin = mj_explanation_get_admin_message (self->explanation, ui);
  if (admin != NULL)
    return g_strdup (admin);

  es = mj_explanation_to_text (self->explanation, MJ_LANG_ES);
  en = mj_explanation_to_text (self->explanation, MJ_LANG_EN);
  diagnostic = mj_explanation_get_diagnostic (self->explanation);
  return g_strdup_printf ("%s\n%s%s%s", es, en, diagnostic ? "\n" : "", diagnostic ? diagnostic : "");
}

static void
copy_clicked_cb (MjExplanationCard *self)
{
  g_autofree char *text = mj_explanation_card_get_copy_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
mj_explanation_card_dispose (GObject *object)
{
  MjExplanationCard *self = MJ_EXPLANATION_CARD (object);

  g_clear_object (&self->explanation);
  gtk_widget_dispose_template (GTK_WIDGET (self), MJ_TYPE_EXPLANATION_CARD);

  G_OBJECT_CLASS (mj_explanation_card_parent_class)->dispose (object);
}

static void
mj_explanation_card_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MjExplanationCard *self = MJ_EXPLANATION_CARD (object);

  switch (prop_id)
    {
    case PROP_EXPLANATION:
      g_value_set_object (value, self->explanation);
      break;
    case PROP_BILINGUAL:
      g_value_set_boolean (value, self->bilingual);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_explanation_card_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MjExplanationCard *self = MJ_EXPLANATION_CARD (object);

  switch (prop_id)
    {
    case PROP_EXPLANATION:
      mj_explanation_card_set_explanation (self, g_value_get_object (value));
      break;
    case PROP_BILINGUAL:
      mj_explanation_card_set_bilingual (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mj_explanation_card_class_init (MjExplanationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mj_explanation_card_dispose;
  object_class->get_property = mj_explanation_card_get_property;
  object_class->set_property = mj_explanation_card_set_property;

  properties[PROP_EXPLANATION] =
    g_param_spec_object ("explanation", NULL, NULL, MJ_TYPE_EXPLANATION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BILINGUAL] =
    g_param_spec_boolean ("bilingual", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mj-explanation-card.ui");
  gtk_widget_class_bind_template_child (widget_class, MjExplanationCard, bilingual_button);
  gtk_widget_class_bind_template_child (widget_class, MjExplanationCard, code_label);
  gtk_widget_class_bind_template_child (widget_class, MjExplanationCard, columns_box);
  gtk_widget_class_bind_template_child (widget_class, MjExplanationCard, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
mj_explanation_card_init (MjExplanationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "bilingual", self->bilingual_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
mj_explanation_card_new (void)
{
  return g_object_new (MJ_TYPE_EXPLANATION_CARD, NULL);
}

void
mj_explanation_card_set_explanation (MjExplanationCard *self,
                                     MjExplanation     *explanation)
{
  g_return_if_fail (MJ_IS_EXPLANATION_CARD (self));
  g_return_if_fail (explanation == NULL || MJ_IS_EXPLANATION (explanation));

  if (g_set_object (&self->explanation, explanation))
    {
      rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
    }
}

/**
 * mj_explanation_card_get_explanation:
 *
 * Returns: (transfer none) (nullable): the explanation shown
 */
MjExplanation *
mj_explanation_card_get_explanation (MjExplanationCard *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION_CARD (self), NULL);
  return self->explanation;
}

void
mj_explanation_card_set_bilingual (MjExplanationCard *self,
                                   gboolean           bilingual)
{
  g_return_if_fail (MJ_IS_EXPLANATION_CARD (self));

  bilingual = !!bilingual;
  if (self->bilingual == bilingual)
    return;
  self->bilingual = bilingual;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILINGUAL]);
}

gboolean
mj_explanation_card_get_bilingual (MjExplanationCard *self)
{
  g_return_val_if_fail (MJ_IS_EXPLANATION_CARD (self), FALSE);
  return self->bilingual;
}
