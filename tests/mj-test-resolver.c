#include "config.h"

#include "mj-test-resolver.h"

typedef enum {
  ENTRY_TXT,
  ENTRY_MX,
  ENTRY_ADDRESS,
  ENTRY_FAILURE,
  ENTRY_HANG,
} EntryKind;

typedef struct {
  EntryKind kind;
  char *name;
  GVariant *record;           /* TXT, MX */
  GInetAddress *address;      /* ADDRESS */
} Entry;

struct _MjTestResolver
{
  GResolver parent_instance;

  GPtrArray *entries;
  guint n_lookups;
};

G_DEFINE_FINAL_TYPE (MjTestResolver, mj_test_resolver, G_TYPE_RESOLVER)

static void
entry_free (Entry *e)
{
  g_free (e->name);
  g_clear_pointer (&e->record, g_variant_unref);
  g_clear_object (&e->address);
  g_free (e);
}

static Entry *
add_entry (MjTestResolver *self,
           EntryKind       kind,
           const char     *name)
{
  Entry *e = g_new0 (Entry, 1);

  e->kind = kind;
  e->name = g_ascii_strdown (name, -1);
  g_ptr_array_add (self->entries, e);
  return e;
}

void
mj_test_resolver_add_txt (MjTestResolver *self,
                          const char     *name,
                          const char     *text)
{
  const char *parts[] = { text, NULL };

  add_entry (self, ENTRY_TXT, name)->record =
    g_variant_ref_sink (g_variant_new ("(^as)", parts));
}

void
mj_test_resolver_add_mx (MjTestResolver *self,
                         const char     *name,
                         guint16         preference,
                         const char     *host)
{
  add_entry (self, ENTRY_MX, name)->record =
    g_variant_ref_sink (g_variant_new ("(qs)", preference, host));
}

void
mj_test_resolver_add_address (MjTestResolver *self,
                              const char     *name,
                              const char     *address)
{
  add_entry (self, ENTRY_ADDRESS, name)->address = g_inet_address_new_from_string (address);
}

void
mj_test_resolver_add_failure (MjTestResolver *self,
                              const char     *name)
{
  add_entry (self, ENTRY_FAILURE, name);
}

void
mj_test_resolver_add_hang (MjTestResolver *self,
                           const char     *name)
{
  add_entry (self, ENTRY_HANG, name);
}

guint
mj_test_resolver_get_n_lookups (MjTestResolver *self)
{
  return self->n_lookups;
}

typedef enum {
  ANSWER_LIST,
  ANSWER_HANG,
} Answer;

/* Collects the answer for (@name, @kind): a list of GVariant or
 * GInetAddress, an error, or "hang". */
static Answer
find (MjTestResolver  *self,
      const char      *name,
      EntryKind        kind,
      GList          **out,
      GError         **error)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  GList *list = NULL;

  self->n_lookups++;
  *out = NULL;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = self->entries->pdata[i];

      if (!g_str_equal (e->name, lower))
        continue;
      if (e->kind == ENTRY_HANG)
        return ANSWER_HANG;
      if (e->kind == ENTRY_FAILURE)
        {
          g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                       "Temporary failure looking up %s (test)", name);
          return ANSWER_LIST;
        }
      if (e->kind != kind)
        continue;
      if (kind == ENTRY_ADDRESS)
        list = g_list_append (list, g_object_ref (e->address));
      else
        list = g_list_append (list, g_variant_ref (e->record));
    }

  if (list == NULL)
    {
      /* IP literals resolve to themselves, as with the real resolver. */
      if (kind == ENTRY_ADDRESS && g_hostname_is_ip_address (name))
        list = g_list_append (NULL, g_inet_address_new_from_string (name));
      else
        g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                     "No records for %s (test)", name);
    }
  *out = list;
  return ANSWER_LIST;
}

static void
free_list (gpointer list,
           EntryKind kind)
{
  if (kind == ENTRY_ADDRESS)
    g_list_free_full (list, g_object_unref);
  else
    g_list_free_full (list, (GDestroyNotify) g_variant_unref);
}

static void
free_address_list (gpointer list)
{
  free_list (list, ENTRY_ADDRESS);
}

static void
free_record_list (gpointer list)
{
  free_list (list, ENTRY_TXT);
}

static EntryKind
kind_for_record_type (GResolverRecordType type)
{
  return type == G_RESOLVER_RECORD_MX ? ENTRY_MX : ENTRY_TXT;
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  GList *list;

  if (find (MJ_TEST_RESOLVER (resolver), hostname, ENTRY_ADDRESS, &list, error) == ANSWER_HANG)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "hang (sync test lookup)");
      return NULL;
    }
  return list;
}

static void
hang_cancelled_cb (GCancellable *cancellable,
                   GTask        *task)
{
  /* Completes the hung lookup from an idle, not inside cancel(). */
  g_task_return_error_if_cancelled (task);
}

static void
answer_async (GResolver           *resolver,
              const char          *name,
              EntryKind            kind,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  GList *list;

  g_task_set_source_tag (task, source_tag);
  if (find (MJ_TEST_RESOLVER (resolver), name, kind, &list, &error) == ANSWER_HANG)
    {
      if (cancellable == NULL)
        return;  /* never answers; the test leaks this task on purpose */
      g_cancellable_connect (cancellable, G_CALLBACK (hang_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, list,
                           kind == ENTRY_ADDRESS ? free_address_list : free_record_list);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  answer_async (resolver, hostname, ENTRY_ADDRESS, cancellable, callback, user_data,
                lookup_by_name_async);
}

static GList *
lookup_finish (GResolver     *resolver,
               GAsyncResult  *result,
               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  GList *list;

  if (find (MJ_TEST_RESOLVER (resolver), rrname, kind_for_record_type (record_type), &list,
            error) == ANSWER_HANG)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "hang (sync test lookup)");
      return NULL;
    }
  return list;
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  answer_async (resolver, rrname, kind_for_record_type (record_type), cancellable, callback,
                user_data, lookup_records_async);
}

static void
mj_test_resolver_finalize (GObject *object)
{
  MjTestResolver *self = MJ_TEST_RESOLVER (object);

  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (mj_test_resolver_parent_class)->finalize (object);
}

static void
mj_test_resolver_class_init (MjTestResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->finalize = mj_test_resolver_finalize;
  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_finish;
  resolver_class->lookup_records = lookup_records;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_finish;
}

static void
mj_test_resolver_init (MjTestResolver *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

MjTestResolver *
mj_test_resolver_new (void)
{
  return g_object_new (MJ_TYPE_TEST_RESOLVER, NULL);
}
