#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * MjTestDirs:
 * @root: a fresh temporary folder
 * @config_home: @root/config, exported as XDG_CONFIG_HOME
 * @data_home: @root/data, exported as XDG_DATA_HOME
 * @cache_home: @root/cache, exported as XDG_CACHE_HOME
 *
 * Per-test XDG folders. mj_test_dirs_new() sets the variables in this
 * process (children started afterwards inherit them) and
 * mj_test_dirs_free() restores the previous values and deletes @root.
 * GLib caches g_get_user_config_dir(), so in-process code under test must
 * read the variables (the core does).
 */
typedef struct {
  char *root;
  char *config_home;
  char *data_home;
  char *cache_home;
  /*< private >*/
  char *saved[3];
} MjTestDirs;

MjTestDirs  *mj_test_dirs_new   (void);
void         mj_test_dirs_free  (MjTestDirs *dirs);

/**
 * MjTestCerts:
 * @dir: where tests/servers/make-certs.sh wrote them
 * @ca_file: the throw-away CA (give it as the account's CA file)
 * @cert_file: @key_file: server certificate for localhost and 127.0.0.1
 *   signed by @ca_file
 * @untrusted_cert_file: @untrusted_key_file: a self-signed certificate for
 *   the same names that @ca_file does not trust
 *
 * Made once per test program (first call), deleted at exit.
 */
typedef struct {
  char *dir;
  char *ca_file;
  char *cert_file;
  char *key_file;
  char *untrusted_cert_file;
  char *untrusted_key_file;
} MjTestCerts;

const MjTestCerts *mj_test_certs_get (void);

/**
 * MjTestSmtpServer:
 * @pid: the server's process id
 * @port: the submission port (STARTTLS)
 * @smtps_port: the implicit TLS port, 0 unless "--smtps-port" was passed
 * @dir: the server's folder (Maildir, events, log)
 * @maildir: the Maildir messages are stored in
 * @events_path: the JSON-lines event log
 *
 * One tests/servers/smtp_server.py on 127.0.0.1, started with
 * `--port 0 --maildir --events --cert --key` (the trusted certificate
 * unless the extra arguments give --cert/--key) plus the extra arguments,
 * e.g. "--user", "alice@example.test", "--password", "s3cret",
 * "--smtps-port", "0", "--no-starttls".
 */
typedef struct {
  GPid pid;
  guint port;
  guint smtps_port;
  char *dir;
  char *maildir;
  char *events_path;
  /*< private >*/
  GSubprocess *process;
} MjTestSmtpServer;

MjTestSmtpServer *mj_test_smtp_server_start        (const char       *first_arg,
                                                    ...) G_GNUC_NULL_TERMINATED;
MjTestSmtpServer *mj_test_smtp_server_startv       (const char * const *args);
void              mj_test_smtp_server_stop         (MjTestSmtpServer *server);
/* (transfer full) (element-type JsonObject): every event so far. */
GPtrArray        *mj_test_smtp_server_get_events   (MjTestSmtpServer *server);
/* How many events have "event" == @event (and "result" == @result when
 * @result is not NULL: "ok" | "fail"). */
guint             mj_test_smtp_server_count_events (MjTestSmtpServer *server,
                                                    const char       *event,
                                                    const char       *result);
/* (transfer full) (element-type utf8): paths of the stored messages,
 * oldest first. */
GPtrArray        *mj_test_smtp_server_get_messages (MjTestSmtpServer *server);

/**
 * MjTestRun:
 * @status: the exit status (or 128 + signal)
 * @out: standard output
 * @err: standard error
 */
typedef struct {
  int status;
  char *out;
  char *err;
} MjTestRun;

/* Runs $MJ_CLI with the arguments, writing @stdin_text (nullable) to its
 * standard input; waits for it. */
MjTestRun   *mj_test_run_cli   (const char         *stdin_text,
                                const char         *first_arg,
                                ...) G_GNUC_NULL_TERMINATED;
MjTestRun   *mj_test_run_cliv  (const char         *stdin_text,
                                const char * const *argv);
void         mj_test_run_free  (MjTestRun          *run);

/* Writes a one-page invoice PDF (cairo) with @text on it to @path. */
void         mj_test_make_pdf  (const char         *path,
                                const char         *text);
/* TRUE when @needle occurs (as bytes) in any file below @dir. */
gboolean     mj_test_tree_contains (const char     *dir,
                                    const char     *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjTestDirs, mj_test_dirs_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjTestSmtpServer, mj_test_smtp_server_stop)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjTestRun, mj_test_run_free)

G_END_DECLS
