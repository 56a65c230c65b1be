#define G_LOG_DOMAIN "mj-address-book"

#include "config.h"

#include <string.h>

#include "mj-address-book.h"

struct _MjAddressBook
{
  GObject parent_instance;

  MjStore *store;
};

G_DEFINE_FINAL_TYPE (MjAddressBook, mj_address_book, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MjContact, mj_contact, mj_contact_copy, mj_contact_free)

MjContact *
mj_contact_copy (const MjContact *contact)
{
  MjContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = g_new0 (MjContact, 1);
  *copy = *contact;
  copy->client_name = g_strdup (contact->client_name);
  copy->address = g_strdup (contact->address);
  return copy;
}

void
mj_contact_free (MjContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->client_name);
  g_free (contact->address);
  g_free (contact);
}

static void
mj_address_book_dispose (GObject *object)
{
  MjAddressBook *self = MJ_ADDRESS_BOOK (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (mj_address_book_parent_class)->dispose (object);
}

static void
mj_address_book_class_init (MjAddressBookClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mj_address_book_dispose;
}

static void
mj_address_book_init (MjAddressBook *self)
{
}

MjAddressBook *
mj_address_book_new (MjStore *store)
{
  MjAddressBook *self;

  g_return_val_if_fail (MJ_IS_STORE (store), NULL);

  self = g_object_new (MJ_TYPE_ADDRESS_BOOK, NULL);
  self->store = g_object_ref (store);
  return self;
}

MjStore *
mj_address_book_get_store (MjAddressBook *self)
{
  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), NULL);
  return self->store;
}

/* Lower case, accents removed: "Fontanería Pérez" → "fontaneria perez". */
static char *
make_key (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *norm = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT);
  g_autofree char *ascii = NULL;
  GString *out;

  if (norm == NULL)
    return NULL;
  ascii = g_str_to_ascii (norm, "C");
  out = g_string_new (NULL);
  /* Collapse runs of spaces. */
  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Escape LIKE wildcards (ESCAPE '\'). */
static char *
like_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "Ana <ana@example.com>" → address "ana@example.com", name "Ana". */
static void
split_recipient (const char  *recipient,
                 char       **address,
                 char       **name)
{
  const char *lt = strrchr (recipient, '<');
  const char *gt = lt != NULL ? strchr (lt, '>') : NULL;

  *name = NULL;
  if (lt != NULL && gt != NULL)
    {
      g_autofree char *display = g_strndup (recipient, lt - recipient);

      g_strstrip (display);
      g_strdelimit (display, "\"", ' ');
      g_strstrip (display);
      if (*display != '\0')
        *name = g_steal_pointer (&display);
      *address = g_ascii_strdown (lt + 1, gt - lt - 1);
    }
  else
    *address = g_ascii_strdown (recipient, -1);
  g_strstrip (*address);
}

static gboolean
find_client_by_name (MjAddressBook  *self,
                     const char     *name,
                     gint64         *client_id,
                     GError        **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autofree char *key = make_key (name);
  g_autoptr(GError) local_error = NULL;

  *client_id = 0;
  stmt = mj_store_prepare (self->store, "SELECT id FROM clients WHERE name_key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, key);
  if (mj_store_stmt_step (stmt, &local_error))
    {
      *client_id = mj_store_stmt_get_int64 (stmt, 0);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  mj_store_stmt_free (g_steal_pointer (&stmt));
  stmt = mj_store_prepare (self->store,
                           "INSERT INTO clients (name, name_key, created) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, name);
  mj_store_stmt_bind_text (stmt, 2, key);
  mj_store_stmt_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!mj_store_stmt_run (stmt, error))
    return FALSE;
  *client_id = mj_store_last_insert_id (self->store);
  return TRUE;
}

static gboolean
new_unnamed_client (MjAddressBook  *self,
                    gint64         *client_id,
                    GError        **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;

  stmt = mj_store_prepare (self->store, "INSERT INTO clients (created) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  if (!mj_store_stmt_run (stmt, error))
    return FALSE;
  *client_id = mj_store_last_insert_id (self->store);
  return TRUE;
}

static gboolean
client_of_address (MjAddressBook  *self,
                   const char     *address,
                   gint64         *client_id,
                   GError        **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  *client_id = 0;
  stmt = mj_store_prepare (self->store, "SELECT client_id FROM client_addresses WHERE address = ?1", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, address);
  if (mj_store_stmt_step (stmt, &local_error))
    *client_id = mj_store_stmt_get_int64 (stmt, 0);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
remember_one (MjAddressBook  *self,
              const char     *client_name,
              const char     *recipient,
              gint64          now,
              GError        **error)
{
  g_autofree char *address = NULL;
  g_autofree char *display = NULL;
  g_autoptr(MjStoreStmt) stmt = NULL;
  gint64 client_id = 0;
  gint64 existing = 0;

  split_recipient (recipient, &address, &display);
  if (*address == '\0' || strchr (address, '@') == NULL)
    return TRUE;

  if (!client_of_address (self, address, &existing, error))
    return FALSE;
  if (client_name != NULL && *client_name != '\0')
    {
      if (!find_client_by_name (self, client_name, &client_id, error))
        return FALSE;
    }
  else if (existing != 0)
    client_id = existing;
  else if (display != NULL)
    {
      if (!find_client_by_name (self, display, &client_id, error))
        return FALSE;
    }
  else if (!new_unnamed_client (self, &client_id, error))
    return FALSE;

  stmt = mj_store_prepare (self->store,
                           "INSERT INTO client_addresses (address, client_id, use_count, last_used) "
                           "VALUES (?1, ?2, 1, ?3) "
                           "ON CONFLICT (address) DO UPDATE SET client_id = ?2, "
                           "use_count = use_count + 1, last_used = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, address);
  mj_store_stmt_bind_int64 (stmt, 2, client_id);
  mj_store_stmt_bind_int64 (stmt, 3, now);
  if (!mj_store_stmt_run (stmt, error))
    return FALSE;

  /* An unnamed client left without addresses is dropped. */
  if (existing != 0 && existing != client_id)
    {
      g_autoptr(MjStoreStmt) clean = NULL;

      clean = mj_store_prepare (self->store,
                                "DELETE FROM clients WHERE id = ?1 AND name IS NULL AND NOT EXISTS "
                                "(SELECT 1 FROM client_addresses WHERE client_id = ?1)", error);
      if (clean == NULL)
        return FALSE;
      mj_store_stmt_bind_int64 (clean, 1, existing);
      if (!mj_store_stmt_run (clean, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
mj_address_book_remember (MjAddressBook       *self,
                          const char          *client_name,
                          const char * const  *addresses,
                          GError             **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean own_transaction;

  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (addresses == NULL || addresses[0] == NULL)
    return TRUE;

  own_transaction = !mj_store_in_transaction (self->store);
  if (own_transaction && !mj_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      if (!remember_one (self, client_name, addresses[i], now, error))
        {
          if (own_transaction)
            mj_store_rollback (self->store);
          return FALSE;
        }
    }
  if (own_transaction)
    return mj_store_commit (self->store, error);
  return TRUE;
}

#define CONTACT_COLUMNS \
  "SELECT c.id, c.name, a.address, a.use_count, a.last_used " \
  "FROM client_addresses a JOIN clients c ON c.id = a.client_id "

static MjContact *
contact_from_row (MjStoreStmt *stmt)
{
  MjContact *contact = g_new0 (MjContact, 1);

  contact->client_id = mj_store_stmt_get_int64 (stmt, 0);
  contact->client_name = mj_store_stmt_dup_text (stmt, 1);
  contact->address = mj_store_stmt_dup_text (stmt, 2);
  contact->use_count = (guint) mj_store_stmt_get_int64 (stmt, 3);
  contact->last_used = mj_store_stmt_get_int64 (stmt, 4);
  return contact;
}

GPtrArray *
mj_address_book_search (MjAddressBook  *self,
                        const char     *prefix,
                        guint           limit,
                        GError        **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *addr_prefix = NULL;
  g_autofree char *esc_key = NULL;
  g_autofree char *esc_addr = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *p3 = NULL;

  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_contact_free);
  if (prefix == NULL)
    prefix = "";
  key = make_key (prefix);
  if (key == NULL)
    return g_steal_pointer (&result);
  addr_prefix = g_ascii_strdown (prefix, -1);
  g_strstrip (addr_prefix);
  esc_key = like_escape (key);
  esc_addr = like_escape (addr_prefix);
  p1 = g_strconcat (esc_addr, "%", NULL);
  p2 = g_strconcat (esc_key, "%", NULL);
  p3 = g_strconcat ("% ", esc_key, "%", NULL);

  stmt = mj_store_prepare (self->store,
                           CONTACT_COLUMNS
                           "WHERE a.address LIKE ?1 ESCAPE '\\' "
                           "OR c.name_key LIKE ?2 ESCAPE '\\' OR c.name_key LIKE ?3 ESCAPE '\\' "
                           "ORDER BY a.use_count DESC, a.last_used DESC, a.address "
                           "LIMIT ?4",
                           error);
  if (stmt == NULL)
    return NULL;
  mj_store_stmt_bind_text (stmt, 1, p1);
  mj_store_stmt_bind_text (stmt, 2, p2);
  mj_store_stmt_bind_text (stmt, 3, p3);
  mj_store_stmt_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
  while (mj_store_stmt_step (stmt, &local_error))
    g_ptr_array_add (result, contact_from_row (stmt));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&result);
}

MjContact *
mj_address_book_lookup_address (MjAddressBook  *self,
                                const char     *address,
                                GError        **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autofree char *addr = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  split_recipient (address, &addr, &display);
  stmt = mj_store_prepare (self->store, CONTACT_COLUMNS "WHERE a.address = ?1", error);
  if (stmt == NULL)
    return NULL;
  mj_store_stmt_bind_text (stmt, 1, addr);
  if (mj_store_stmt_step (stmt, &local_error))
    return contact_from_row (stmt);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

MjContact *
mj_address_book_match_addresses (MjAddressBook       *self,
                                 const char * const  *addresses,
                                 GError             **error)
{
  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), NULL);

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      GError *local_error = NULL;
      MjContact *contact = mj_address_book_lookup_address (self, addresses[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (contact != NULL)
        return contact;
    }
  return NULL;
}

GStrv
mj_address_book_get_client_addresses (MjAddressBook  *self,
                                      gint64          client_id,
                                      GError        **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), NULL);

  stmt = mj_store_prepare (self->store,
                           "SELECT address FROM client_addresses WHERE client_id = ?1 "
                           "ORDER BY use_count DESC, last_used DESC, address",
                           error);
  if (stmt == NULL)
    return NULL;
  mj_store_stmt_bind_int64 (stmt, 1, client_id);
  builder = g_strv_builder_new ();
  while (mj_store_stmt_step (stmt, &local_error))
    g_strv_builder_add (builder, mj_store_stmt_get_text (stmt, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
mj_address_book_forget_address (MjAddressBook  *self,
                                const char     *address,
                                GError        **error)
{
  g_autoptr(MjStoreStmt) stmt = NULL;
  g_autofree char *addr = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (MJ_IS_ADDRESS_BOOK (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  split_recipient (address, &addr, &display);
  stmt = mj_store_prepare (self->store, "DELETE FROM client_addresses WHERE address = ?1", error);
  if (stmt == NULL)
    return FALSE;
  mj_store_stmt_bind_text (stmt, 1, addr);
  return mj_store_stmt_run (stmt, error);
}
