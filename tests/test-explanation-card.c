#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "mj-explainer.h"
#include "mj-explanation-card.h"
#include "mj-i18n.h"

/* The explanation card: one column in the interface language, two side by
 * side when bilingual, Copy gives the administrator message if any. */

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* The box of columns: the first child of the card's vertical box. */
static GtkWidget *
columns_of (GtkWidget *card)
{
  GtkWidget *outer = adw_bin_get_child (ADW_BIN (card));

  return gtk_widget_get_first_child (outer);
}

static gboolean
tree_has_label (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (tree_has_label (c, text))
      return TRUE;
  return FALSE;
}

static void
test_card (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *card = mj_explanation_card_new ();
  g_autoptr(MjExplanation) tenant = mj_explainer_explain_text (
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.");
  g_autoptr(MjExplanation) user = mj_explainer_explain_text ("550 5.1.1 User unknown");
  g_autofree char *copy_admin = NULL;
  g_autofree char *copy_both = NULL;

  mj_i18n_set_ui_lang ("es");
  gtk_window_set_child (GTK_WINDOW (window), card);
  g_assert_false (gtk_widget_get_visible (card));

  mj_explanation_card_set_explanation (MJ_EXPLANATION_CARD (card), tenant);
  g_assert_true (gtk_widget_get_visible (card));
  g_assert_cmpuint (count_children (columns_of (card)), ==, 1);
  g_assert_true (tree_has_label (card, mj_explanation_get_title (tenant, "es")));
  g_assert_false (tree_has_label (card, mj_explanation_get_title (tenant, "en")));

  mj_explanation_card_set_bilingual (MJ_EXPLANATION_CARD (card), TRUE);
  g_assert_cmpuint (count_children (columns_of (card)), ==, 2);
  g_assert_true (tree_has_label (card, mj_explanation_get_title (tenant, "en")));

  copy_admin = mj_explanation_card_get_copy_text (MJ_EXPLANATION_CARD (card));
  g_assert_cmpstr (copy_admin, ==, mj_explanation_get_admin_message (tenant, "es"));

  mj_explanation_card_set_explanation (MJ_EXPLANATION_CARD (card), user);
  copy_both = mj_explanation_card_get_copy_text (MJ_EXPLANATION_CARD (card));
  g_assert_nonnull (strstr (copy_both, mj_explanation_get_title (user, "es")));
  g_assert_nonnull (strstr (copy_both, mj_explanation_get_title (user, "en")));

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  gtk_window_destroy (GTK_WINDOW (window));
  mj_i18n_set_ui_lang (NULL);
}

int
main (int argc, char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/mj/explanation-card/card", test_card);

  return g_test_run ();
}
