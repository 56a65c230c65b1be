#define G_LOG_DOMAIN "mj-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mj-i18n.h"
#include "mj-store.h"

/*
 * THE SCHEMA MIGRATIONS, in order.
 *
 * migrations[N] turns a database at `PRAGMA user_version = N` into one at
 * N + 1; a new database runs them all. Each entry runs inside one
 * transaction together with the user_version bump, so a crash leaves the
 * database at N or at N + 1, never in between.
 *
 * To change the schema: append ONE new entry at the end (a comment with its
 * number and owner first). Never edit, remove or reorder an entry that has
 * been committed: users' databases already ran it.
 */
static const char * const migrations[] = {
  /* 1 — send queue, history and send counters (helper E, mj-queue.c). */
  "CREATE TABLE queue_items ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','retry',"
  "                                       'failed','uncertain','cancelled')),"
  "  account TEXT NOT NULL,"
  "  to_addrs TEXT NOT NULL,"           /* one address per line */
  "  cc_addrs TEXT NOT NULL DEFAULT '',"
  "  bcc_addrs TEXT NOT NULL DEFAULT '',"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  message_id TEXT NOT NULL UNIQUE,"  /* fixed at queue time, kept across retries */
  "  n_recipients INTEGER NOT NULL DEFAULT 1,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  retry_base INTEGER NOT NULL DEFAULT 0," /* attempts when the user last retried */
  "  next_attempt INTEGER NOT NULL DEFAULT 0," /* unix seconds */
  "  last_code INTEGER NOT NULL DEFAULT 0,"
  "  last_reply TEXT,"
  "  last_error TEXT,"
  "  transcript TEXT,"
  "  sending_pid INTEGER NOT NULL DEFAULT 0,"
  "  sending_start TEXT,"               /* identifies the sending process */
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  sent INTEGER"
  ");"
  "CREATE INDEX queue_items_state ON queue_items (state, next_attempt);"
  "CREATE INDEX queue_items_account ON queue_items (account, state);"
  "CREATE TABLE queue_attachments ("
  "  item_id INTEGER NOT NULL REFERENCES queue_items (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  filename TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  PRIMARY KEY (item_id, position)"
  ");"
  "CREATE INDEX queue_attachments_hash ON queue_attachments (sha256);"
  /* Every accepted message (the queue's and any other sender's): the rolling
   * 24-hour recipient count and the per-minute pacing read it. */
  "CREATE TABLE send_log ("
  "  account TEXT NOT NULL,"
  "  time INTEGER NOT NULL,"            /* unix microseconds */
  "  n_recipients INTEGER NOT NULL"
  ");"
  "CREATE INDEX send_log_account_time ON send_log (account, time);"
  "CREATE TABLE queue_pauses ("
  "  account TEXT PRIMARY KEY,"
  "  reason TEXT NOT NULL,"             /* user | auth | attention */
  "  message TEXT,"
  "  since INTEGER NOT NULL"
  ");",
  /* 2 — address book (helper C1, mj-address-book.c). */
  "CREATE TABLE clients ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name TEXT,"                        /* as the user wrote it; NULL = unnamed */
  "  name_key TEXT UNIQUE,"             /* lower case, accents removed */
  "  created INTEGER NOT NULL"
  ");"
  "CREATE TABLE client_addresses ("
  "  address TEXT PRIMARY KEY,"         /* lower case */
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  use_count INTEGER NOT NULL DEFAULT 0,"
  "  last_used INTEGER NOT NULL DEFAULT 0" /* unix seconds */
  ");"
  "CREATE INDEX client_addresses_client ON client_addresses (client_id);",
  /* Append new migrations here. */
};

struct _MjStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  guint schema_version;
  gboolean in_transaction;
};

struct _MjStoreStmt
{
  MjStore *store;   /* not a reference: statements die before their store */
  sqlite3_stmt *stmt;
};

G_DEFINE_TYPE (MjStore, mj_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (mj-store-error-quark, mj_store_error)

/* Busy timeout: the GUI and the CLI may write at the same time; a writer
 * holds the lock for one short transaction. */
#define BUSY_TIMEOUT_MS 10000

static G_LOCK_DEFINE (default_store);
static MjStore *default_store;

static MjStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return MJ_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return MJ_STORE_ERROR_CORRUPT;
    case SQLITE_FULL:
      return MJ_STORE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return MJ_STORE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return MJ_STORE_ERROR_OPEN;
    default:
      return MJ_STORE_ERROR_FAILED;
    }
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* Translators: "%s" first is what the program was doing, then SQLite's
   * own (English) message. */
  g_set_error (error, MJ_STORE_ERROR, error_code_from_sqlite (rc),
               M_("Database error while %s: %s"), what, detail);
}

static void
mj_store_finalize (GObject *object)
{
  MjStore *self = MJ_STORE (object);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_warning ("Statements still open on %s: %s", self->path, sqlite3_errstr (rc));
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mj_store_parent_class)->finalize (object);
}

static void
mj_store_class_init (MjStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mj_store_finalize;
}

static void
mj_store_init (MjStore *self)
{
}

/**
 * mj_store_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/mensajero/mensajero.sqlite3`
 */
char *
mj_store_get_default_path (void)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");

  /* Read the variable each time (g_get_user_data_dir() caches it), so tests
   * that relocate XDG_DATA_HOME in-process get what they asked for. */
  if (data_home == NULL || !g_path_is_absolute (data_home))
    return g_build_filename (g_get_user_data_dir (), "mensajero", "mensajero.sqlite3", NULL);
  return g_build_filename (data_home, "mensajero", "mensajero.sqlite3", NULL);
}

static gboolean
exec_sql (MjStore     *self,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_user_version (MjStore  *self,
                   guint    *version,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, M_("reading the schema version"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *version = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
migrate (MjStore  *self,
         GError  **error)
{
  guint version;

  /* BEGIN IMMEDIATE before reading the version: two processes opening a new
   * database at once must not both run migration 1. */
  for (;;)
    {
      g_autofree char *bump = NULL;

      if (!mj_store_begin (self, error))
        return FALSE;
      if (!read_user_version (self, &version, error))
        goto fail;
      if (version > G_N_ELEMENTS (migrations))
        {
          g_set_error (error, MJ_STORE_ERROR, MJ_STORE_ERROR_TOO_NEW,
                       M_("The database %s was written by a newer version of Mensajero"),
                       self->path);
          goto fail;
        }
      if (version == G_N_ELEMENTS (migrations))
        break;

      g_debug ("Migrating %s from schema %u to %u", self->path, version, version + 1);
      if (!exec_sql (self, migrations[version], M_("updating the database schema"), error))
        goto fail;
      bump = g_strdup_printf ("PRAGMA user_version = %u", version + 1);
      if (!exec_sql (self, bump, M_("updating the database schema"), error))
        goto fail;
      if (!mj_store_commit (self, error))
        return FALSE;
    }

  self->schema_version = version;
  return mj_store_commit (self, error);

fail:
  mj_store_rollback (self);
  return FALSE;
}

/**
 * mj_store_open:
 * @path: (nullable): the database file, or %NULL for
 *   mj_store_get_default_path(); ":memory:" for a private in-memory database
 * @error: return location for an error
 *
 * Opens (creating the folder and the file when needed) and migrates the
 * database to the latest schema.
 *
 * Returns: (transfer full): a new store, or %NULL with @error set
 */
MjStore *
mj_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(MjStore) self = g_object_new (MJ_TYPE_STORE, NULL);
  int rc;

  self->path = path != NULL ? g_strdup (path) : mj_store_get_default_path ();

  if (g_strcmp0 (self->path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, MJ_STORE_ERROR, MJ_STORE_ERROR_OPEN,
                       M_("Cannot create the folder %s: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, M_("opening the database"));
      sqlite3_close (self->db);
      self->db = NULL;
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* WAL: readers never block the writer, and a commit is one append.
   * synchronous=FULL: the WAL is synced at every commit, so a committed
   * state transition survives a crash or power loss. */
  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;",
                 M_("opening the database"), error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mj_store_dup_default:
 * @error: return location for an error
 *
 * The process-wide store at the default path, opened on first use. Like any
 * #MjStore it is for the main thread.
 *
 * Returns: (transfer full): a new reference, or %NULL with @error set
 */
MjStore *
mj_store_dup_default (GError **error)
{
  MjStore *ret = NULL;

  G_LOCK (default_store);
  if (default_store == NULL)
    {
      default_store = mj_store_open (NULL, error);
      if (default_store != NULL)
        g_object_add_weak_pointer (G_OBJECT (default_store), (gpointer *) &default_store);
      ret = default_store;
    }
  else
    ret = g_object_ref (default_store);
  G_UNLOCK (default_store);

  return ret;
}

const char *
mj_store_get_path (MjStore *self)
{
  g_return_val_if_fail (MJ_IS_STORE (self), NULL);
  return self->path;
}

guint
mj_store_get_schema_version (MjStore *self)
{
  g_return_val_if_fail (MJ_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * mj_store_get_latest_schema_version:
 *
 * Returns: the number of migrations this build knows
 */
guint
mj_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
mj_store_exec (MjStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (MJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return exec_sql (self, sql, M_("running a query"), error);
}

gboolean
mj_store_begin (MjStore  *self,
                GError  **error)
{
  g_return_val_if_fail (MJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!exec_sql (self, "BEGIN IMMEDIATE", M_("starting a transaction"), error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
mj_store_commit (MjStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (MJ_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!exec_sql (self, "COMMIT", M_("saving changes"), error))
    {
      mj_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
mj_store_rollback (MjStore *self)
{
  g_return_if_fail (MJ_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
mj_store_in_transaction (MjStore *self)
{
  g_return_val_if_fail (MJ_IS_STORE (self), FALSE);
  return self->in_transaction;
}

gint64
mj_store_last_insert_id (MjStore *self)
{
  g_return_val_if_fail (MJ_IS_STORE (self), 0);
  return sqlite3_last_insert_rowid (self->db);
}

int
mj_store_changes (MjStore *self)
{
  g_return_val_if_fail (MJ_IS_STORE (self), 0);
  return sqlite3_changes (self->db);
}

/**
 * mj_store_prepare:
 * @self: a store
 * @sql: one SQL statement
 * @error: return location for an error
 *
 * Returns: (transfer full): a statement; free it with mj_store_stmt_free()
 */
MjStoreStmt *
mj_store_prepare (MjStore     *self,
                  const char  *sql,
                  GError     **error)
{
  MjStoreStmt *stmt;
  sqlite3_stmt *raw = NULL;
  int rc;

  g_return_val_if_fail (MJ_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &raw, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, M_("preparing a query"));
      return NULL;
    }

  stmt = g_new0 (MjStoreStmt, 1);
  stmt->store = self;
  stmt->stmt = raw;
  return stmt;
}

void
mj_store_stmt_bind_text (MjStoreStmt *stmt,
                         int          index,
                         const char  *value)
{
  g_return_if_fail (stmt != NULL);

  if (value == NULL)
    sqlite3_bind_null (stmt->stmt, index);
  else
    sqlite3_bind_text (stmt->stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
mj_store_stmt_bind_int64 (MjStoreStmt *stmt,
                          int          index,
                          gint64       value)
{
  g_return_if_fail (stmt != NULL);
  sqlite3_bind_int64 (stmt->stmt, index, value);
}

void
mj_store_stmt_bind_double (MjStoreStmt *stmt,
                           int          index,
                           double       value)
{
  g_return_if_fail (stmt != NULL);
  sqlite3_bind_double (stmt->stmt, index, value);
}

void
mj_store_stmt_bind_null (MjStoreStmt *stmt,
                         int          index)
{
  g_return_if_fail (stmt != NULL);
  sqlite3_bind_null (stmt->stmt, index);
}

gboolean
mj_store_stmt_step (MjStoreStmt  *stmt,
                    GError      **error)
{
  int rc;

  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt->stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    set_sqlite_error (error, stmt->store->db, rc, M_("running a query"));
  return FALSE;
}

gboolean
mj_store_stmt_run (MjStoreStmt  *stmt,
                   GError      **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (stmt != NULL, FALSE);

  while (mj_store_stmt_step (stmt, &local_error))
    ;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

void
mj_store_stmt_reset (MjStoreStmt *stmt)
{
  g_return_if_fail (stmt != NULL);
  sqlite3_reset (stmt->stmt);
  sqlite3_clear_bindings (stmt->stmt);
}

int
mj_store_stmt_get_n_columns (MjStoreStmt *stmt)
{
  g_return_val_if_fail (stmt != NULL, 0);
  return sqlite3_column_count (stmt->stmt);
}

gboolean
mj_store_stmt_is_null (MjStoreStmt *stmt,
                       int          column)
{
  g_return_val_if_fail (stmt != NULL, TRUE);
  return sqlite3_column_type (stmt->stmt, column) == SQLITE_NULL;
}

const char *
mj_store_stmt_get_text (MjStoreStmt *stmt,
                        int          column)
{
  g_return_val_if_fail (stmt != NULL, NULL);
  return (const char *) sqlite3_column_text (stmt->stmt, column);
}

char *
mj_store_stmt_dup_text (MjStoreStmt *stmt,
                        int          column)
{
  return g_strdup (mj_store_stmt_get_text (stmt, column));
}

gint64
mj_store_stmt_get_int64 (MjStoreStmt *stmt,
                         int          column)
{
  g_return_val_if_fail (stmt != NULL, 0);
  return sqlite3_column_int64 (stmt->stmt, column);
}

double
mj_store_stmt_get_double (MjStoreStmt *stmt,
                          int          column)
{
  g_return_val_if_fail (stmt != NULL, 0.0);
  return sqlite3_column_double (stmt->stmt, column);
}

void
mj_store_stmt_free (MjStoreStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_finalize (stmt->stmt);
  g_free (stmt);
}
