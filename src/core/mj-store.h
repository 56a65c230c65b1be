#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SECTION:mj-store
 *
 * The one SQLite database of Mensajero,
 * `$XDG_DATA_HOME/mensajero/mensajero.sqlite3`: send queue, history (final
 * server reply and Message-ID of every send), send counters, address book.
 *
 * mj-store.c is the only file that includes `<sqlite3.h>`. Other core code
 * talks to the database through the small statement API below
 * (mj_store_prepare(), mj_store_stmt_bind_*(), mj_store_stmt_step(),
 * mj_store_stmt_get_*()), which maps every SQLite failure to %MJ_STORE_ERROR.
 *
 * The database runs in WAL mode with `synchronous=FULL` (a commit is on disk
 * when mj_store_commit() returns, which is what the queue's crash safety
 * relies on) and a busy timeout, so the GUI and `mensajero-cli` may use it at
 * the same time.
 *
 * Schema changes are migrations: one ordered array of SQL scripts in
 * mj-store.c (`migrations[]`); entry N brings `PRAGMA user_version` from N to
 * N + 1. To change the schema, append a new entry at the end; never edit or
 * reorder an entry that has shipped.
 *
 * Threads: one #MjStore (one SQLite connection) must be used by one thread at
 * a time. The queue uses it on the main thread only and does its network work
 * in worker threads. A worker that needs the database opens its own #MjStore
 * with mj_store_open() on the same path (WAL allows that).
 */

#define MJ_STORE_ERROR (mj_store_error_quark ())

/**
 * MjStoreError:
 * @MJ_STORE_ERROR_FAILED: any other SQLite failure (the message says which)
 * @MJ_STORE_ERROR_OPEN: the database file cannot be created or opened
 * @MJ_STORE_ERROR_BUSY: another process kept the database locked longer than
 *   the busy timeout
 * @MJ_STORE_ERROR_CORRUPT: the file is not a database or is damaged
 * @MJ_STORE_ERROR_FULL: the disk is full
 * @MJ_STORE_ERROR_CONSTRAINT: a UNIQUE/NOT NULL/CHECK/foreign key constraint
 * @MJ_STORE_ERROR_TOO_NEW: the database was written by a newer Mensajero
 *   (its user_version is higher than the migrations this build knows)
 */
typedef enum {
  MJ_STORE_ERROR_FAILED,
  MJ_STORE_ERROR_OPEN,
  MJ_STORE_ERROR_BUSY,
  MJ_STORE_ERROR_CORRUPT,
  MJ_STORE_ERROR_FULL,
  MJ_STORE_ERROR_CONSTRAINT,
  MJ_STORE_ERROR_TOO_NEW,
} MjStoreError;

GQuark mj_store_error_quark (void);

#define MJ_TYPE_STORE (mj_store_get_type ())
G_DECLARE_FINAL_TYPE (MjStore, mj_store, MJ, STORE, GObject)

/**
 * MjStoreStmt:
 *
 * A prepared statement of an #MjStore. Free it with mj_store_stmt_free()
 * (or g_autoptr) before the store is finalized. Parameter indexes start at 1
 * (`?1`, `?2`… or plain `?`), column indexes at 0, as in SQLite.
 */
typedef struct _MjStoreStmt MjStoreStmt;

/* Opening. */
char        *mj_store_get_default_path   (void);
MjStore     *mj_store_open               (const char   *path,
                                          GError      **error);
MjStore     *mj_store_dup_default        (GError      **error);
const char  *mj_store_get_path           (MjStore      *self);
guint        mj_store_get_schema_version (MjStore      *self);
guint        mj_store_get_latest_schema_version (void);

/* Whole scripts (several statements, no parameters, no rows). */
gboolean     mj_store_exec               (MjStore      *self,
                                          const char   *sql,
                                          GError      **error);

/* Transactions (not nested). mj_store_begin() takes the write lock at once
 * (BEGIN IMMEDIATE), so two processes never both start changing the same
 * rows; mj_store_commit() returns when the transaction is durable. */
gboolean     mj_store_begin              (MjStore      *self,
                                          GError      **error);
gboolean     mj_store_commit             (MjStore      *self,
                                          GError      **error);
void         mj_store_rollback           (MjStore      *self);
gboolean     mj_store_in_transaction     (MjStore      *self);

gint64       mj_store_last_insert_id     (MjStore      *self);
int          mj_store_changes            (MjStore      *self);

/* Statements. */
MjStoreStmt *mj_store_prepare            (MjStore      *self,
                                          const char   *sql,
                                          GError      **error);
void         mj_store_stmt_bind_text     (MjStoreStmt  *stmt,
                                          int           index,
                                          const char   *value);
void         mj_store_stmt_bind_int64    (MjStoreStmt  *stmt,
                                          int           index,
                                          gint64        value);
void         mj_store_stmt_bind_double   (MjStoreStmt  *stmt,
                                          int           index,
                                          double        value);
void         mj_store_stmt_bind_null     (MjStoreStmt  *stmt,
                                          int           index);
/* Returns TRUE when a row is ready to read; FALSE when the statement is done
 * (@error unset) or failed (@error set). */
gboolean     mj_store_stmt_step          (MjStoreStmt  *stmt,
                                          GError      **error);
/* Runs a statement that returns no rows (INSERT/UPDATE/DELETE) to the end. */
gboolean     mj_store_stmt_run           (MjStoreStmt  *stmt,
                                          GError      **error);
void         mj_store_stmt_reset         (MjStoreStmt  *stmt);
int          mj_store_stmt_get_n_columns (MjStoreStmt  *stmt);
gboolean     mj_store_stmt_is_null       (MjStoreStmt  *stmt,
                                          int           column);
/* Valid until the next step/reset/free of @stmt. NULL for SQL NULL. */
const char  *mj_store_stmt_get_text      (MjStoreStmt  *stmt,
                                          int           column);
char        *mj_store_stmt_dup_text      (MjStoreStmt  *stmt,
                                          int           column);
gint64       mj_store_stmt_get_int64     (MjStoreStmt  *stmt,
                                          int           column);
double       mj_store_stmt_get_double    (MjStoreStmt  *stmt,
                                          int           column);
void         mj_store_stmt_free          (MjStoreStmt  *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjStoreStmt, mj_store_stmt_free)

G_END_DECLS
