#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The queue's own copies of the PDFs (internal to MjQueue): one file per
 * content, named by its SHA-256, under mj_queue_get_attachments_dir(),
 * written durably before the item that points to it is committed.
 *
 * These functions touch only files, never the database or shared state:
 * they may run in a worker thread.
 */

/**
 * MjQueueCopy:
 * @path: the kept copy
 * @name: the original file name (what the recipient sees)
 * @sha256: the content's SHA-256, lower-case hex
 * @size: bytes
 */
typedef struct {
  char *path;
  char *name;
  char *sha256;
  gsize size;
} MjQueueCopy;

void          mj_queue_copy_free            (MjQueueCopy         *copy);

/* (transfer full): where the copy of content @sha256 named @filename is
 * kept in @dir ("<sha256>.pdf" for a PDF). */
char         *mj_queue_attachment_path      (const char          *dir,
                                             const char          *sha256,
                                             const char          *filename);

/* Reads @path, hashes it and keeps a durable copy in @dir (already there
 * when the same content was kept before). MJ_INPUT_ERROR_FILE on failure. */
MjQueueCopy  *mj_queue_attachment_keep      (const char          *dir,
                                             const char          *path,
                                             GError             **error);

/* Creates @dir and keeps a copy of every file of @files, in order.
 * Returns (transfer full) (element-type MjQueueCopy): the copies, or NULL
 * with @error set (G_IO_ERROR_CANCELLED when @cancellable fires between
 * two files). */
GPtrArray    *mj_queue_attachments_keep_all (const char          *dir,
                                             const char * const  *files,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* (transfer full): the kept copy at @path, checked against @sha256, or
 * NULL with MJ_QUEUE_ERROR_ATTACHMENT when it is missing or damaged.
 * @name: the file name, for the message. */
GBytes       *mj_queue_attachment_load      (const char          *path,
                                             const char          *sha256,
                                             const char          *name,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjQueueCopy, mj_queue_copy_free)

G_END_DECLS
