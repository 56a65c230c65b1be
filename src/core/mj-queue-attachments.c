#define G_LOG_DOMAIN "mj-queue"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-queue.h"
#include "mj-queue-attachments.h"

char *
mj_queue_get_attachments_dir (void)
{
  g_autofree char *db = mj_store_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (db);

  return g_build_filename (dir, "attachments", NULL);
}

char *
mj_queue_attachment_path (const char *dir,
                          const char *sha256,
                          const char *filename)
{
  g_autofree char *name = NULL;

  if (filename != NULL && g_str_has_suffix (filename, ".pdf"))
    name = g_strconcat (sha256, ".pdf", NULL);
  else if (filename != NULL && g_ascii_strcasecmp (filename + MAX (0, (int) strlen (filename) - 4), ".pdf") == 0)
    name = g_strconcat (sha256, ".pdf", NULL);
  else
    name = g_strdup (sha256);
  return g_build_filename (dir, name, NULL);
}

void
mj_queue_copy_free (MjQueueCopy *copy)
{
  if (copy == NULL)
    return;
  g_free (copy->path);
  g_free (copy->name);
  g_free (copy->sha256);
  g_free (copy);
}

MjQueueCopy *
mj_queue_attachment_keep (const char  *dir,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MjQueueCopy) copy = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }

  copy = g_new0 (MjQueueCopy, 1);
  copy->name = g_path_get_basename (path);
  copy->size = length;
  copy->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  dest = mj_queue_attachment_path (dir, copy->sha256, copy->name);

  /* Same hash, same size: the copy is already there (written durably). */
  if (!g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      /* Temporary file, fsync, rename, fsync of the folder: the copy is
       * whole and on disk before the item that points to it is committed. */
      if (!g_file_set_contents_full (dest, contents, length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, &local_error))
        {
          g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                       M_("Cannot keep a copy of %s: %s"), path, local_error->message);
          return NULL;
        }
    }
  copy->path = g_steal_pointer (&dest);
  return g_steal_pointer (&copy);
}

GPtrArray *
mj_queue_attachments_keep_all (const char          *dir,
                               const char * const  *files,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_queue_copy_free);

  /* The copies first: an item never points to a file that is not there. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      MjQueueCopy *copy;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      copy = mj_queue_attachment_keep (dir, files[i], error);
      if (copy == NULL)
        return NULL;
      g_ptr_array_add (copies, copy);
    }
  return g_steal_pointer (&copies);
}

GBytes *
mj_queue_attachment_load (const char  *path,
                          const char  *sha256,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize length = 0;

  if (g_file_get_contents (path, &contents, &length, NULL))
    actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if (actual == NULL || strcmp (actual, sha256) != 0)
    {
      g_set_error (error, MJ_QUEUE_ERROR, MJ_QUEUE_ERROR_ATTACHMENT,
                   M_("The kept copy of “%s” is missing or damaged; add the invoice again"),
                   name);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}
