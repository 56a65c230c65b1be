#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <string.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-attachments.h"
#include "mj-queue-db.h"
#include "mj-queue-private.h"

/*
 * Adding an invoice (part of MjQueue, see mj-queue-private.h), in three
 * steps:
 *
 * 1. prepare (main thread): check the draft, build the message and fix its
 *    Message-ID, so that every attempt of the item carries the same one;
 * 2. keep the copies (any thread): read, hash and durably copy every PDF
 *    (mj-queue-attachments.c);
 * 3. commit (main thread, the store's thread): the duplicate check and the
 *    INSERT, in one transaction, then the model.
 *
 * mj_queue_add() runs them in a row; mj_queue_add_async() runs step 2 in a
 * worker thread. The SQLite connection of the #MjStore must not be used
 * from two threads, so step 3 always runs back on the caller's main
 * context, before success is reported.
 */

typedef struct {
  char *account;
  MjMessage *message;
  char *dir;
  char **files;
  MjQueueAddFlags flags;
  GPtrArray *copies;        /* MjQueueCopy, after step 2 */
} AddOp;

static void
add_op_free (AddOp *op)
{
  g_free (op->account);
  g_clear_object (&op->message);
  g_free (op->dir);
  g_strfreev (op->files);
  g_clear_pointer (&op->copies, g_ptr_array_unref);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddOp, add_op_free)

MjMessage *
_mj_queue_build_message (MjAccount           *account,
                         const char          *to,
                         const char          *cc,
                         const char          *bcc,
                         const char          *subject,
                         const char          *body,
                         const char          *message_id,
                         GError             **error)
{
  g_autoptr(MjMessage) message = mj_message_new ();
  const char *display = mj_account_get_display_name (account);

  if (!mj_message_set_from (message, display != NULL && display[0] ? display : NULL,
                            mj_account_get_email (account), error))
    return NULL;
  if (!mj_message_add_to (message, to, error))
    return NULL;
  if (cc != NULL && cc[0] != '\0' && !mj_message_add_cc (message, cc, error))
    return NULL;
  if (bcc != NULL && bcc[0] != '\0' && !mj_message_add_bcc (message, bcc, error))
    return NULL;
  if (!mj_message_set_subject (message, subject != NULL ? subject : "", error))
    return NULL;
  if (!mj_message_set_body (message, body != NULL ? body : "", error))
    return NULL;
  if (message_id != NULL && !mj_message_set_message_id (message, message_id, error))
    return NULL;
  return g_steal_pointer (&message);
}

/* Step 1: everything that can be refused without touching a file. */
static AddOp *
add_prepare (MjQueue             *self,
             const MjQueueDraft  *draft,
             MjQueueAddFlags      flags,
             GError             **error)
{
  g_autoptr(AddOp) op = NULL;
  g_autofree char *subject = NULL;
  MjAccount *account;

  if (draft->account == NULL || draft->account[0] == '\0')
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, M_("Choose an account"));
      return NULL;
    }
  account = mj_account_store_lookup (self->accounts, draft->account);
  if (account == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_NOT_FOUND,
                   M_("There is no account named “%s”"), draft->account);
      return NULL;
    }
  if (draft->to == NULL || draft->to[0] == '\0')
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS, M_("Give at least one recipient"));
      return NULL;
    }
  if (draft->files == NULL || draft->files[0] == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE, M_("Give at least one PDF file"));
      return NULL;
    }

  subject = g_strdup (draft->subject);
  if (subject == NULL || subject[0] == '\0')
    {
      g_autofree char *base = g_path_get_basename (draft->files[0]);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (subject);
      subject = g_steal_pointer (&base);
    }

  op = g_new0 (AddOp, 1);
  op->account = g_strdup (draft->account);
  op->dir = mj_queue_get_attachments_dir ();
  op->files = g_strdupv ((char **) draft->files);
  op->flags = flags;

  /* Validates every header and address, and fixes the Message-ID now, so
   * that every attempt of this item carries the same one. */
  op->message = _mj_queue_build_message (account, draft->to, draft->cc, draft->bcc, subject,
                                         draft->body, NULL, error);
  if (op->message == NULL)
    return NULL;
  if (mj_message_get_message_id (op->message) == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID,
                   M_("Cannot make a Message-ID for %s"), mj_account_get_email (account));
      return NULL;
    }
  return g_steal_pointer (&op);
}

/* Step 3. (transfer none): the new item. */
static MjQueueItem *
add_commit (MjQueue  *self,
            AddOp    *op,
            GError  **error)
{
  gint64 id = 0;

  if ((op->flags & MJ_QUEUE_ADD_FORCE) == 0 &&
      !mj_queue_db_check_duplicate (self->store, op->copies,
                                    mj_message_get_envelope_recipients (op->message), error))
    return NULL;

  if (!mj_queue_db_insert (self->store, op->account, op->message, op->copies, &id, error))
    return NULL;

  _mj_queue_refresh_item (self, id);
  _mj_queue_note_own_change (self);
  _mj_queue_kick_if_auto (self);
  return mj_queue_lookup (self, id);
}

MjQueueItem *
mj_queue_add (MjQueue             *self,
              const MjQueueDraft  *draft,
              MjQueueAddFlags      flags,
              GError             **error)
{
  g_autoptr(AddOp) op = NULL;

  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  op = add_prepare (self, draft, flags, error);
  if (op == NULL)
    return NULL;
  /* The copies first: an item never points to a file that is not there. */
  op->copies = mj_queue_attachments_keep_all (op->dir, (const char * const *) op->files, NULL,
                                              error);
  if (op->copies == NULL)
    return NULL;
  return add_commit (self, op, error);
}

/* ------------------------------------------------------------------ */
/* Async                                                                */

typedef struct {
  char *dir;
  char **files;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_free (job->dir);
  g_strfreev (job->files);
  g_free (job);
}

/* Step 2, in a worker thread: files only, no database. */
static void
keep_copies_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CopyJob *job = task_data;
  GError *error = NULL;
  GPtrArray *copies;

  copies = mj_queue_attachments_keep_all (job->dir, (const char * const *) job->files,
                                          cancellable, &error);
  if (copies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copies, (GDestroyNotify) g_ptr_array_unref);
}

/* Back on the caller's main context: step 3. */
static void
copies_kept_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MjQueue *self = g_task_get_source_object (task);
  AddOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  MjQueueItem *item;

  /* A cancellation while the copies were made comes back as an error. */
  op->copies = g_task_propagate_pointer (G_TASK (result), &error);
  if (op->copies == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Cancelled since: nothing is stored. */
  if (g_task_return_error_if_cancelled (task))
    return;

  item = add_commit (self, op, &error);
  if (item == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (item), g_object_unref);
}

/**
 * mj_queue_add_async:
 *
 * Like mj_queue_add(), without blocking the calling thread on the files:
 * the draft is checked and the Message-ID fixed at once, the PDFs are read,
 * hashed and copied in a worker thread, then the item is committed on the
 * calling thread's main context. @draft is copied: the caller may free it
 * at once. Cancelled before the commit, nothing is stored (copies already
 * written stay, as for a refused duplicate: they are named by content and
 * may be shared).
 */
void
mj_queue_add_async (MjQueue             *self,
                    const MjQueueDraft  *draft,
                    MjQueueAddFlags      flags,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  GError *error = NULL;
  AddOp *op;
  CopyJob *job;

  g_return_if_fail (MJ_IS_QUEUE (self));
  g_return_if_fail (draft != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_queue_add_async);
  /* Once committed, the item is there: report it even when the
   * cancellable fires between the commit and the callback. */
  g_task_set_check_cancellable (task, FALSE);

  op = add_prepare (self, draft, flags, &error);
  if (op == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, op, (GDestroyNotify) add_op_free);

  job = g_new0 (CopyJob, 1);
  job->dir = g_strdup (op->dir);
  job->files = g_strdupv (op->files);
  /* No source object: the worker thread may drop the last reference to
   * its task, and must never drop one to the queue. */
  worker = g_task_new (NULL, cancellable, copies_kept_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, mj_queue_add_async);
  g_task_set_task_data (worker, job, (GDestroyNotify) copy_job_free);
  g_task_run_in_thread (worker, keep_copies_thread);
}

MjQueueItem *
mj_queue_add_finish (MjQueue       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (MJ_IS_QUEUE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mj_queue_add_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
