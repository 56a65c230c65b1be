#include "config.h"

#include <glib/gstdio.h>

#include "mj-address-book.h"
#include "mj-store.h"

typedef struct {
  char *dir;
  char *path;
  MjStore *store;
  MjAddressBook *book;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mj-address-book-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "mensajero.sqlite3", NULL);
  f->store = mj_store_open (f->path, &error);
  g_assert_no_error (error);
  f->book = mj_address_book_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->book);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
remember (Fixture            *f,
          const char         *client,
          const char * const *addresses)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mj_address_book_remember (f->book, client, addresses, &error));
  g_assert_no_error (error);
}

static void
test_remember_and_lookup (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjContact) c = NULL;
  g_autoptr(MjContact) none = NULL;
  g_auto(GStrv) addrs = NULL;

  remember (f, "Construcciones García S.A.",
            (const char *[]) { "Administración <Administracion@Garcia-SA.es>", "obras@garcia-sa.es", NULL });
  remember (f, "construcciones garcía s.a.", (const char *[]) { "administracion@garcia-sa.es", NULL });

  c = mj_address_book_lookup_address (f->book, "ADMINISTRACION@garcia-sa.es", &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  /* The same client (name compared without case and accents). */
  g_assert_cmpstr (c->client_name, ==, "Construcciones García S.A.");
  g_assert_cmpstr (c->address, ==, "administracion@garcia-sa.es");
  g_assert_cmpuint (c->use_count, ==, 2);
  g_assert_cmpint (c->last_used, >, 0);

  addrs = mj_address_book_get_client_addresses (f->book, c->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (addrs), ==, 2);
  g_assert_cmpstr (addrs[0], ==, "administracion@garcia-sa.es");   /* most used first */
  g_assert_cmpstr (addrs[1], ==, "obras@garcia-sa.es");

  none = mj_address_book_lookup_address (f->book, "nadie@example.com", &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_display_name_and_unnamed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(MjContact) named = NULL;
  g_autoptr(MjContact) unnamed = NULL;
  g_autoptr(MjContact) later = NULL;

  remember (f, NULL, (const char *[]) { "\"Jane Doe\" <jane@example.org>", "solo@example.org", NULL });
  named = mj_address_book_lookup_address (f->book, "jane@example.org", NULL);
  g_assert_cmpstr (named->client_name, ==, "Jane Doe");
  unnamed = mj_address_book_lookup_address (f->book, "solo@example.org", NULL);
  g_assert_nonnull (unnamed);
  g_assert_null (unnamed->client_name);

  /* Naming the client later moves the address to it. */
  remember (f, "Solo Ltd", (const char *[]) { "solo@example.org", NULL });
  later = mj_address_book_lookup_address (f->book, "solo@example.org", NULL);
  g_assert_cmpstr (later->client_name, ==, "Solo Ltd");
  g_assert_cmpuint (later->use_count, ==, 2);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_addr = NULL;
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GPtrArray) by_word = NULL;
  g_autoptr(GPtrArray) wild = NULL;
  g_autoptr(GPtrArray) limited = NULL;

  remember (f, "Fontanería Pérez", (const char *[]) { "pedidos@fontaneriaperez.es", NULL });
  remember (f, "Pedro Martín", (const char *[]) { "pedro@example.com", NULL });
  remember (f, "Pedro Martín", (const char *[]) { "pedro@example.com", NULL });
  remember (f, "Ana_100%", (const char *[]) { "ana@example.com", NULL });

  by_addr = mj_address_book_search (f->book, "ped", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_addr->len, ==, 2);
  /* Most used first. */
  g_assert_cmpstr (((MjContact *) g_ptr_array_index (by_addr, 0))->address, ==, "pedro@example.com");

  /* Name prefix, any word, accents and case ignored. */
  by_name = mj_address_book_search (f->book, "FONTANERIA", 10, &error);
  g_assert_cmpuint (by_name->len, ==, 1);
  g_assert_cmpstr (((MjContact *) g_ptr_array_index (by_name, 0))->client_name, ==, "Fontanería Pérez");
  by_word = mj_address_book_search (f->book, "pére", 10, &error);
  g_assert_cmpuint (by_word->len, ==, 1);

  /* LIKE wildcards in the prefix are plain characters. */
  wild = mj_address_book_search (f->book, "%", 10, &error);
  g_assert_cmpuint (wild->len, ==, 0);
  limited = mj_address_book_search (f->book, "", 1, &error);
  g_assert_cmpuint (limited->len, ==, 1);
}

static void
test_match_pdf_addresses (Fixture       *f,
                          gconstpointer  data)
{
  const char *from_pdf[] = { "facturacion@fontaneriaperez.es", "administracion@garcia-sa.es", NULL };
  const char *unknown[] = { "x@example.net", NULL };
  g_autoptr(MjContact) c = NULL;
  g_autoptr(MjContact) none = NULL;
  g_autoptr(GError) error = NULL;

  remember (f, "Construcciones García", (const char *[]) { "administracion@garcia-sa.es", NULL });
  c = mj_address_book_match_addresses (f->book, from_pdf, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->client_name, ==, "Construcciones García");
  g_assert_cmpstr (c->address, ==, "administracion@garcia-sa.es");
  none = mj_address_book_match_addresses (f->book, unknown, &error);
  g_assert_null (none);
}

static void
test_forget_and_persist (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MjStore) again = NULL;
  g_autoptr(MjAddressBook) book2 = NULL;
  g_autoptr(MjContact) kept = NULL;
  g_autoptr(MjContact) gone = NULL;

  remember (f, "A", (const char *[]) { "a@example.com", "b@example.com", NULL });
  g_assert_true (mj_address_book_forget_address (f->book, "B@example.com", &error));
  g_assert_no_error (error);

  /* Another connection to the same file sees the data. */
  again = mj_store_open (f->path, &error);
  g_assert_no_error (error);
  book2 = mj_address_book_new (again);
  kept = mj_address_book_lookup_address (book2, "a@example.com", &error);
  g_assert_nonnull (kept);
  gone = mj_address_book_lookup_address (book2, "b@example.com", &error);
  g_assert_null (gone);
  g_assert_cmpuint (mj_store_get_schema_version (again), >=, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mj/address-book/remember-lookup", Fixture, NULL, fixture_set_up,
              test_remember_and_lookup, fixture_tear_down);
  g_test_add ("/mj/address-book/display-name", Fixture, NULL, fixture_set_up,
              test_display_name_and_unnamed, fixture_tear_down);
  g_test_add ("/mj/address-book/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/mj/address-book/match-pdf", Fixture, NULL, fixture_set_up,
              test_match_pdf_addresses, fixture_tear_down);
  g_test_add ("/mj/address-book/forget-persist", Fixture, NULL, fixture_set_up,
              test_forget_and_persist, fixture_tear_down);

  return g_test_run ();
}
