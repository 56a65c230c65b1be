#define _GNU_SOURCE

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "mj-test-utils.h"

static const char *const xdg_vars[3] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static const char *
srcdir (void)
{
  const char *dir = g_getenv ("MJ_TEST_SRCDIR");

  g_assert_nonnull (dir);
  return dir;
}

MjTestDirs *
mj_test_dirs_new (void)
{
  g_autoptr(GError) error = NULL;
  MjTestDirs *dirs = g_new0 (MjTestDirs, 1);

  dirs->root = g_dir_make_tmp ("mj-test-XXXXXX", &error);
  g_assert_no_error (error);
  dirs->config_home = g_build_filename (dirs->root, "config", NULL);
  dirs->data_home = g_build_filename (dirs->root, "data", NULL);
  dirs->cache_home = g_build_filename (dirs->root, "cache", NULL);
  g_mkdir_with_parents (dirs->config_home, 0700);
  g_mkdir_with_parents (dirs->data_home, 0700);
  g_mkdir_with_parents (dirs->cache_home, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    dirs->saved[i] = g_strdup (g_getenv (xdg_vars[i]));
  g_setenv ("XDG_CONFIG_HOME", dirs->config_home, TRUE);
  g_setenv ("XDG_DATA_HOME", dirs->data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", dirs->cache_home, TRUE);
  return dirs;
}

void
mj_test_dirs_free (MjTestDirs *dirs)
{
  if (dirs == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      if (dirs->saved[i] != NULL)
        g_setenv (xdg_vars[i], dirs->saved[i], TRUE);
      else
        g_unsetenv (xdg_vars[i]);
      g_free (dirs->saved[i]);
    }
  if (g_getenv ("MJ_TEST_KEEP") == NULL)
    remove_tree (dirs->root);
  g_free (dirs->root);
  g_free (dirs->config_home);
  g_free (dirs->data_home);
  g_free (dirs->cache_home);
  g_free (dirs);
}

static MjTestCerts *certs;

static void
remove_certs (void)
{
  if (certs != NULL)
    remove_tree (certs->dir);
}

const MjTestCerts *
mj_test_certs_get (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  int status = 0;

  if (certs != NULL)
    return certs;

  certs = g_new0 (MjTestCerts, 1);
  certs->dir = g_dir_make_tmp ("mj-certs-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_build_filename (srcdir (), "servers", "make-certs.sh", NULL);
  {
    const char *argv[] = { "/bin/sh", script, certs->dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  certs->ca_file = g_build_filename (certs->dir, "ca.pem", NULL);
  certs->cert_file = g_build_filename (certs->dir, "server.pem", NULL);
  certs->key_file = g_build_filename (certs->dir, "server-key.pem", NULL);
  certs->untrusted_cert_file = g_build_filename (certs->dir, "untrusted.pem", NULL);
  certs->untrusted_key_file = g_build_filename (certs->dir, "untrusted-key.pem", NULL);
  atexit (remove_certs);
  return certs;
}

static guint
parse_port (const char *line)
{
  const char *colon = strrchr (line, ':');

  g_assert_nonnull (colon);
  return (guint) g_ascii_strtoull (colon + 1, NULL, 10);
}

MjTestSmtpServer *
mj_test_smtp_server_startv (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *log = NULL;
  const MjTestCerts *c = mj_test_certs_get ();
  const char *python = g_getenv ("MJ_PYTHON");
  MjTestSmtpServer *server = g_new0 (MjTestSmtpServer, 1);
  gboolean has_cert = FALSE, has_smtps = FALSE;

  server->dir = g_dir_make_tmp ("mj-smtp-XXXXXX", &error);
  g_assert_no_error (error);
  server->maildir = g_build_filename (server->dir, "Maildir", NULL);
  server->events_path = g_build_filename (server->dir, "events.jsonl", NULL);
  log = g_build_filename (server->dir, "server.log", NULL);

  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    {
      has_cert |= g_str_equal (args[i], "--cert");
      has_smtps |= g_str_equal (args[i], "--smtps-port");
    }

  g_ptr_array_add (argv, g_strdup (python != NULL ? python : "/usr/bin/python3"));
  g_ptr_array_add (argv, g_build_filename (srcdir (), "servers", "smtp_server.py", NULL));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--maildir"));
  g_ptr_array_add (argv, g_strdup (server->maildir));
  g_ptr_array_add (argv, g_strdup ("--events"));
  g_ptr_array_add (argv, g_strdup (server->events_path));
  if (!has_cert)
    {
      g_ptr_array_add (argv, g_strdup ("--cert"));
      g_ptr_array_add (argv, g_strdup (c->cert_file));
      g_ptr_array_add (argv, g_strdup ("--key"));
      g_ptr_array_add (argv, g_strdup (c->key_file));
    }
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  server->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (server->process), NULL, 10);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  while (server->port == 0 || (has_smtps && server->smtps_port == 0))
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        {
          g_autofree char *text = NULL;

          g_file_get_contents (log, &text, NULL, NULL);
          g_error ("The test SMTP server did not start:\n%s", text != NULL ? text : "");
        }
      if (g_str_has_prefix (line, "listening on "))
        server->port = parse_port (line);
      else if (g_str_has_prefix (line, "smtps listening on "))
        server->smtps_port = parse_port (line);
    }
  return server;
}

MjTestSmtpServer *
mj_test_smtp_server_start (const char *first_arg,
                           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return mj_test_smtp_server_startv ((const char * const *) args->pdata);
}

void
mj_test_smtp_server_stop (MjTestSmtpServer *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_object_unref (server->process);
    }
  if (g_getenv ("MJ_TEST_KEEP") == NULL)
    remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->maildir);
  g_free (server->events_path);
  g_free (server);
}

GPtrArray *
mj_test_smtp_server_get_events (MjTestSmtpServer *server)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (server->events_path, &text, NULL, NULL))
    return events;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], NULL);
      g_assert_nonnull (node);
      g_ptr_array_add (events, json_object_ref (json_node_get_object (node)));
    }
  return events;
}

guint
mj_test_smtp_server_count_events (MjTestSmtpServer *server,
                                  const char       *event,
                                  const char       *result)
{
  g_autoptr(GPtrArray) events = mj_test_smtp_server_get_events (server);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *o = g_ptr_array_index (events, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), event) != 0)
        continue;
      if (result != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "result", ""), result) != 0)
        continue;
      n++;
    }
  return n;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

GPtrArray *
mj_test_smtp_server_get_messages (MjTestSmtpServer *server)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *new_dir = g_build_filename (server->maildir, "new", NULL);
  g_autoptr(GDir) dir = g_dir_open (new_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (new_dir, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  return paths;
}

MjTestRun *
mj_test_run_cliv (const char         *stdin_text,
                  const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  const char *cli = g_getenv ("MJ_CLI");
  MjTestRun *run = g_new0 (MjTestRun, 1);

  g_assert_nonnull (cli);
  g_ptr_array_add (full, (gpointer) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);

  process = g_subprocess_newv ((const char * const *) full->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text != NULL ? stdin_text : "", NULL,
                                 &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (process))
    run->status = g_subprocess_get_exit_status (process);
  else
    run->status = 128 + g_subprocess_get_term_sig (process);
  if (run->out == NULL)
    run->out = g_strdup ("");
  if (run->err == NULL)
    run->err = g_strdup ("");
  if (g_test_verbose ())
    g_test_message ("mensajero-cli %s → %d\n%s%s", argv[0], run->status, run->out, run->err);
  return run;
}

MjTestRun *
mj_test_run_cli (const char *stdin_text,
                 const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return mj_test_run_cliv (stdin_text, (const char * const *) args->pdata);
}

void
mj_test_run_free (MjTestRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

void
mj_test_make_pdf (const char *path,
                  const char *text)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 18);
  cairo_move_to (cr, 60, 100);
  cairo_show_text (cr, text);
  cairo_rectangle (cr, 60, 140, 475, 200);
  cairo_stroke (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

gboolean
mj_test_tree_contains (const char *dir,
                       const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (mj_test_tree_contains (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               memmem (contents, length, needle, strlen (needle)) != NULL)
        return TRUE;
    }
  return FALSE;
}
