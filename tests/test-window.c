#include "config.h"

#include <adwaita.h>

#include "mj-application.h"
#include "mj-window.h"

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

static void
test_window_pages (void)
{
  g_autoptr(MjApplication) app = mj_application_new ();
  MjWindow *window;

  /* GUI tests run in parallel on one session bus: each keeps its own
   * instance instead of becoming a remote of another test's. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = mj_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (mj_window_get_page (window), ==, "send");

  mj_window_show_page (window, "queue");
  g_assert_cmpstr (mj_window_get_page (window), ==, "queue");
  mj_window_show_page (window, "diagnostics");
  g_assert_cmpstr (mj_window_get_page (window), ==, "diagnostics");

  /* Alt+1/2/3 go through win.show-page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "queue"));
  g_assert_cmpstr (mj_window_get_page (window), ==, "queue");

  /* The queue's icon is found (it used to be a missing-icon placeholder). */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window))),
                                          "mj-outbox-symbolic"));

  /* Ctrl+O's action brings the composer forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  g_assert_cmpstr (mj_window_get_page (window), ==, "send");

  gtk_window_destroy (GTK_WINDOW (window));
  spin_until_idle ();
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

  g_test_add_func ("/mj/window/pages", test_window_pages);

  return g_test_run ();
}
