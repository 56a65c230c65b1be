/* Integration tests of the send queue: the real `mensajero-cli queue …`
 * against tests/servers/smtp_server.py on 127.0.0.1, with the password in
 * the (private, unlocked) keyring. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mj-account-store.h"
#include "mj-secret-store.h"
#include "mj-test-utils.h"

#define USER     "alice@example.test"
#define PASSWORD "s3cret-passw0rd"

typedef struct {
  MjTestDirs *dirs;
  MjTestSmtpServer *server;
  char *pdf_dir;
  guint n_pdfs;
} Fixture;

static gboolean
have_keyring (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

/* The account "shop" on the loopback server, with @password in the keyring
 * and an optional provider preset. */
static void
make_account (Fixture    *f,
              const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjAccountStore) store = NULL;
  g_autoptr(MjAccount) account = NULL;

  store = mj_account_store_new (&error);
  g_assert_no_error (error);
  account = mj_account_new ("shop", USER);
  mj_account_set_display_name (account, "Fontanería Pérez");
  mj_account_set_host (account, "127.0.0.1");
  mj_account_set_port (account, f->server->port);
  mj_account_set_security (account, MJ_SECURITY_STARTTLS);
  mj_account_set_auth (account, MJ_AUTH_PASSWORD);
  mj_account_set_ca_file (account, mj_test_certs_get ()->ca_file);
  g_assert_true (mj_account_store_add (store, account, &error));
  g_assert_no_error (error);
  g_assert_true (mj_secret_store_store_sync ("shop", MJ_SECRET_KIND_PASSWORD, password, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dirs = mj_test_dirs_new ();
  f->server = mj_test_smtp_server_start ("--user", USER, "--password", PASSWORD, "--slow", "1",
                                         NULL);
  f->pdf_dir = g_build_filename (f->dirs->root, "pdfs", NULL);
  g_mkdir_with_parents (f->pdf_dir, 0700);
  make_account (f, data != NULL ? data : PASSWORD);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mj_secret_store_clear_all_sync ("shop", NULL, &error);
  g_clear_pointer (&f->server, mj_test_smtp_server_stop);
  g_clear_pointer (&f->dirs, mj_test_dirs_free);
  g_free (f->pdf_dir);
}

static char *
make_pdf (Fixture *f)
{
  g_autofree char *name = g_strdup_printf ("Factura-2026-%03u.pdf", ++f->n_pdfs);
  char *path = g_build_filename (f->pdf_dir, name, NULL);
  g_autofree char *text = g_strdup_printf ("Factura Nº 2026-%03u", f->n_pdfs);

  mj_test_make_pdf (path, text);
  return path;
}

static gint64
queue_add (Fixture    *f,
           const char *to)
{
  g_autofree char *pdf = make_pdf (f);
  g_autofree char *subject = g_strdup_printf ("Factura Nº 2026-%03u de Fontanería Pérez", f->n_pdfs);
  g_autoptr(MjTestRun) run = mj_test_run_cli (NULL, "queue", "add", "--account", "shop",
                                              "--to", to, "--subject", subject,
                                              "--body", "Adjunto la factura.", pdf, NULL);
  g_auto(GStrv) words = NULL;
  guint n;

  if (run->status != 0)
    g_error ("queue add failed (%d): %s%s", run->status, run->out, run->err);
  g_strstrip (run->out);
  words = g_strsplit_set (run->out, " \n", -1);
  n = g_strv_length (words);
  g_assert_cmpuint (n, >, 0);
  return g_ascii_strtoll (words[n - 1], NULL, 10);
}

static MjTestRun *
queue_cli (const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "queue");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return mj_test_run_cliv (NULL, (const char * const *) argv->pdata);
}

/* `queue list --json`, parsed. */
static JsonArray *
queue_list (void)
{
  g_autoptr(MjTestRun) run = queue_cli ("list", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static JsonObject *
find_item (JsonArray *items,
           gint64     id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      if (json_object_get_int_member (o, "id") == id)
        return o;
    }
  g_error ("no item %" G_GINT64_FORMAT " in the queue", id);
  return NULL;
}

static const char *
item_state (JsonArray *items,
            gint64     id)
{
  return json_object_get_string_member (find_item (items, id), "state");
}

static char *
id_str (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* Message-IDs of the stored messages, without angle brackets. */
static GPtrArray *
mailbox_message_ids (Fixture *f)
{
  g_autoptr(GPtrArray) paths = mj_test_smtp_server_get_messages (f->server);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &contents, NULL, NULL));
      lines = g_strsplit (contents, "\r\n", -1);
      for (guint j = 0; lines[j] != NULL && lines[j][0] != '\0'; j++)
        {
          if (g_ascii_strncasecmp (lines[j], "Message-ID:", 11) == 0)
            {
              g_autofree char *value = g_strstrip (g_strdup (lines[j] + 11));
              char *end;

              if (value[0] == '\0' && lines[j + 1] != NULL)
                {
                  g_free (value);
                  value = g_strstrip (g_strdup (lines[j + 1]));
                }
              end = strchr (value, '>');
              if (end != NULL)
                *end = '\0';
              g_ptr_array_add (ids, g_strdup (value[0] == '<' ? value + 1 : value));
              break;
            }
        }
    }
  return ids;
}

static guint
count_string (GPtrArray  *strings,
              const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < strings->len; i++)
    n += g_strcmp0 (g_ptr_array_index (strings, i), needle) == 0;
  return n;
}

/* ------------------------------------------------------------------ */

static void
test_tempfail_then_sent (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = queue_add (f, "tempfail@example.org");
  g_autofree char *ids = id_str (id);
  g_autoptr(MjTestRun) run = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GPtrArray) mailbox = NULL;
  g_autofree char *message_id = NULL;
  JsonObject *item;

  items = queue_list ();
  item = find_item (items, id);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "queued");
  message_id = g_strdup (json_object_get_string_member (item, "message_id"));
  g_assert_nonnull (message_id);
  g_clear_pointer (&items, json_array_unref);

  /* 451 at the end of DATA: retry later, exit 3. */
  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 3);
  items = queue_list ();
  item = find_item (items, id);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "retry");
  g_assert_cmpint (json_object_get_int_member (item, "attempts"), ==, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "last_reply"), "451"));
  g_assert_false (json_object_get_null_member (item, "next_attempt"));
  g_clear_pointer (&items, json_array_unref);
  g_clear_pointer (&run, mj_test_run_free);

  /* Not due yet: a run sends nothing. */
  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, mj_test_run_free);
  mailbox = mailbox_message_ids (f);
  g_assert_cmpuint (mailbox->len, ==, 0);
  g_clear_pointer (&mailbox, g_ptr_array_unref);

  run = queue_cli ("retry", ids, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_clear_pointer (&run, mj_test_run_free);
  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 0);

  items = queue_list ();
  item = find_item (items, id);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "sent");
  g_assert_cmpint (json_object_get_int_member (item, "attempts"), ==, 2);
  /* The 250 to the end of DATA is kept as proof. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "last_reply"), "250"));
  /* Same Message-ID on both attempts. */
  g_assert_cmpstr (json_object_get_string_member (item, "message_id"), ==, message_id);
  mailbox = mailbox_message_ids (f);
  g_assert_cmpuint (mailbox->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (mailbox, 0), ==, message_id);

  /* A sent item cannot be retried. */
  g_clear_pointer (&run, mj_test_run_free);
  run = queue_cli ("retry", ids, NULL);
  g_assert_cmpint (run->status, ==, 1);
}

static void
test_permanent_failure (Fixture       *f,
                        gconstpointer  data)
{
  gint64 bad = queue_add (f, "nouser@example.org");
  gint64 good = queue_add (f, "cliente@example.org");
  g_autoptr(MjTestRun) run = queue_cli ("run", NULL);
  g_autoptr(JsonArray) items = queue_list ();
  JsonObject *item = find_item (items, bad);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "failed");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "last_reply"), "550"));
  g_assert_false (json_object_get_null_member (item, "explanation"));
  /* A refused recipient does not stop the other invoices. */
  g_assert_cmpstr (item_state (items, good), ==, "sent");
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  gint64 ids[3];
  g_autoptr(MjTestRun) run = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *to = g_strdup_printf ("cliente%u@example.org", i);
      ids[i] = queue_add (f, to);
    }

  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 5);
  /* Told once. */
  g_assert_nonnull (strstr (run->err, "paused"));
  /* One login attempt, not one per invoice. */
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", NULL), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", "fail"), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "mail", NULL), ==, 0);

  /* No invoice failed: all still queued, no attempt counted. */
  items = queue_list ();
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpstr (item_state (items, ids[i]), ==, "queued");
      g_assert_cmpint (json_object_get_int_member (find_item (items, ids[i]), "attempts"), ==, 0);
    }
  g_clear_pointer (&items, json_array_unref);
  g_clear_pointer (&run, mj_test_run_free);

  /* The user fixes the password and runs the queue again: all go, over
   * one more login. */
  g_assert_true (mj_secret_store_store_sync ("shop", MJ_SECRET_KIND_PASSWORD, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", NULL), ==, 2);
  items = queue_list ();
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (item_state (items, ids[i]), ==, "sent");
}

static void
test_drop_mid_data (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = queue_add (f, "drop421@example.org");
  g_autoptr(MjTestRun) run = queue_cli ("run", NULL);
  g_autoptr(JsonArray) items = queue_list ();
  g_autoptr(GPtrArray) mailbox = mailbox_message_ids (f);

  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (item_state (items, id), ==, "retry");
  g_assert_cmpuint (mailbox->len, ==, 0);
}

static GArray *
event_times (Fixture    *f,
             const char *event)
{
  g_autoptr(GPtrArray) events = mj_test_smtp_server_get_events (f->server);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *o = g_ptr_array_index (events, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), event) == 0)
        {
          double t = json_object_get_double_member (o, "time");
          g_array_append_val (times, t);
        }
    }
  return times;
}

static void
test_pacing (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MjTestRun) run = NULL;
  g_autoptr(GArray) times = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *to = g_strdup_printf ("cliente%u@example.org", i);
      queue_add (f, to);
    }

  /* 60 messages a minute: one a second. */
  run = queue_cli ("run", "--messages-per-minute", "60", NULL);
  g_assert_cmpint (run->status, ==, 0);
  times = event_times (f, "message");
  g_assert_cmpuint (times->len, ==, 4);
  for (guint i = 1; i < times->len; i++)
    {
      double gap = g_array_index (times, double, i) - g_array_index (times, double, i - 1);

      g_test_message ("gap %u: %.3f s", i, gap);
      g_assert_cmpfloat (gap, >=, 0.95);
      g_assert_cmpfloat (gap, <, 3.0);
    }
  /* One connection (one TLS handshake, one login) for the whole batch. */
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "connect", NULL), ==, 1);
  g_assert_cmpuint (mj_test_smtp_server_count_events (f->server, "auth", NULL), ==, 1);
  g_clear_pointer (&times, g_array_unref);
  g_clear_pointer (&run, mj_test_run_free);

  /* A custom server without known limits: no artificial delay. */
  for (guint i = 4; i < 8; i++)
    {
      g_autofree char *to = g_strdup_printf ("cliente%u@example.org", i);
      queue_add (f, to);
    }
  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 0);
  times = event_times (f, "message");
  g_assert_cmpuint (times->len, ==, 8);
  g_assert_cmpfloat (g_array_index (times, double, 7) - g_array_index (times, double, 4), <, 0.9);

  /* The daily limit: with room for 9 recipients, one more waits. */
  queue_add (f, "cliente8@example.org");
  queue_add (f, "cliente9@example.org");
  g_clear_pointer (&run, mj_test_run_free);
  run = queue_cli ("run", "--recipients-per-day", "9", NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_clear_pointer (&times, g_array_unref);
  times = event_times (f, "message");
  g_assert_cmpuint (times->len, ==, 9);
}

/* SIGKILL `queue run` at random moments of a batch, again and again, then
 * let it finish: every invoice is in the mailbox exactly once, or marked
 * uncertain (then at most once); none is lost, none is sent twice. */
static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  const guint n_items = 40;
  const guint n_kills = 20;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GPtrArray) mailbox = NULL;
  g_autoptr(MjTestRun) run = NULL;
  const char *cli = g_getenv ("MJ_CLI");
  guint n_sent = 0, n_uncertain = 0, n_killed = 0;

  for (guint i = 0; i < n_items; i++)
    {
      /* Every fourth one waits a second at RCPT, so that some kills land
       * in the middle of a send. */
      g_autofree char *to = i % 4 == 3 ? g_strdup_printf ("slow@example%u.org", i)
                                       : g_strdup_printf ("cliente%u@example.org", i);
      queue_add (f, to);
    }

  for (guint k = 0; k < n_kills; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = NULL;
      guint delay_ms = g_test_rand_int_range (20, 400);

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, cli, "queue", "run", "--messages-per-minute", "600", NULL);
      g_assert_no_error (error);
      g_usleep (delay_ms * 1000);
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (proc))
        n_killed++;
    }
  g_test_message ("killed %u runs", n_killed);
  g_assert_cmpuint (n_killed, >=, n_kills / 2);

  /* Finish the batch. */
  run = queue_cli ("run", NULL);
  g_assert_cmpint (run->status, ==, 0);

  items = queue_list ();
  mailbox = mailbox_message_ids (f);
  g_assert_cmpuint (json_array_get_length (items), ==, n_items);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      const char *state = json_object_get_string_member (o, "state");
      const char *message_id = json_object_get_string_member (o, "message_id");
      guint copies = count_string (mailbox, message_id);

      g_hash_table_add (expected, g_strdup (message_id));
      if (g_str_equal (state, "sent"))
        {
          g_assert_cmpuint (copies, ==, 1);
          g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "last_reply"), "250"));
          n_sent++;
        }
      else if (g_str_equal (state, "uncertain"))
        {
          g_assert_cmpuint (copies, <=, 1);
          n_uncertain++;
        }
      else
        g_error ("item %" G_GINT64_FORMAT " ended %s", json_object_get_int_member (o, "id"), state);
    }
  /* Nothing in the mailbox that the queue does not know of. */
  for (guint i = 0; i < mailbox->len; i++)
    g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (mailbox, i)));
  g_test_message ("%u sent, %u uncertain, %u messages in the mailbox", n_sent, n_uncertain,
                  mailbox->len);
  g_assert_cmpuint (n_sent + n_uncertain, ==, n_items);

  /* An uncertain one can be resent (same Message-ID) or marked sent. */
  for (guint i = 0; i < json_array_get_length (items) && n_uncertain > 0; i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      g_autofree char *ids = id_str (json_object_get_int_member (o, "id"));

      if (g_str_equal (json_object_get_string_member (o, "state"), "uncertain"))
        {
          g_autoptr(MjTestRun) mark = queue_cli ("mark-sent", ids, NULL);
          g_assert_cmpint (mark->status, ==, 0);
          break;
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!have_keyring ())
    {
      g_test_skip ("needs a D-Bus session with a keyring (run through ./dev test)");
      return 77;
    }

  g_test_add ("/queue/tempfail-then-sent", Fixture, NULL, fixture_set_up,
              test_tempfail_then_sent, fixture_tear_down);
  g_test_add ("/queue/permanent-failure", Fixture, NULL, fixture_set_up,
              test_permanent_failure, fixture_tear_down);
  g_test_add ("/queue/wrong-password", Fixture, "not-the-password", fixture_set_up,
              test_wrong_password, fixture_tear_down);
  g_test_add ("/queue/drop-mid-data", Fixture, NULL, fixture_set_up, test_drop_mid_data,
              fixture_tear_down);
  g_test_add ("/queue/pacing", Fixture, NULL, fixture_set_up, test_pacing, fixture_tear_down);
  g_test_add ("/queue/crash", Fixture, NULL, fixture_set_up, test_crash, fixture_tear_down);

  return g_test_run ();
}
