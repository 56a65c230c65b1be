#define G_LOG_DOMAIN "mensajero"

#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>

#include "mj-application.h"
#include "mj-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(MjApplication) app = NULL;
  int status;

  mj_i18n_init ();
  g_mime_init ();

  app = mj_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  g_mime_shutdown ();
  return status;
}
