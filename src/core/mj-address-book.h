#pragma once

#include <gio/gio.h>

#include "mj-store.h"

G_BEGIN_DECLS

/**
 * MjContact:
 * @client_id: row id of the client
 * @client_name: (nullable): the client's name ("Fontanería Pérez")
 * @address: one e-mail address of that client, lower case
 * @use_count: how many sends went to this address
 * @last_used: Unix time of the last send (0 if never)
 */
typedef struct {
  gint64  client_id;
  char   *client_name;
  char   *address;
  guint   use_count;
  gint64  last_used;
} MjContact;

#define MJ_TYPE_CONTACT (mj_contact_get_type ())
GType      mj_contact_get_type (void) G_GNUC_CONST;
MjContact *mj_contact_copy     (const MjContact *contact);
void       mj_contact_free     (MjContact       *contact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MjContact, mj_contact_free)

#define MJ_TYPE_ADDRESS_BOOK (mj_address_book_get_type ())
G_DECLARE_FINAL_TYPE (MjAddressBook, mj_address_book, MJ, ADDRESS_BOOK, GObject)

/*
 * Clients and their addresses, in helper E's MjStore database (tables
 * `clients` and `client_addresses`, one migration). Use from the store's
 * thread (the main thread); every call is a few indexed queries.
 */
MjAddressBook *mj_address_book_new              (MjStore        *store);
MjStore       *mj_address_book_get_store        (MjAddressBook  *self);

/* After a send: every address in @addresses (To/Cc; "Name <a@b>" or bare)
 * is attached to the client @client_name (created if new; when NULL, the
 * display name of the address or the client it already belongs to), and
 * its use count and last-used time go up. */
gboolean       mj_address_book_remember         (MjAddressBook  *self,
                                                 const char     *client_name,
                                                 const char * const *addresses,
                                                 GError        **error);

/* Autocomplete: contacts whose address, or client name (any word of it,
 * accents and case ignored), starts with @prefix; most used first.
 * Returns (element-type MjContact). */
GPtrArray     *mj_address_book_search           (MjAddressBook  *self,
                                                 const char     *prefix,
                                                 guint           limit,
                                                 GError        **error);

/* (nullable) The contact for exactly @address (case ignored). */
MjContact     *mj_address_book_lookup_address   (MjAddressBook  *self,
                                                 const char     *address,
                                                 GError        **error);

/* (nullable) The first of @addresses (e.g. the e-mails found in the PDF)
 * that belongs to a known client — the one to prefill as recipient. */
MjContact     *mj_address_book_match_addresses  (MjAddressBook  *self,
                                                 const char * const *addresses,
                                                 GError        **error);

/* (element-type utf8) All addresses of a client, most used first. */
GStrv          mj_address_book_get_client_addresses (MjAddressBook *self,
                                                     gint64         client_id,
                                                     GError       **error);

gboolean       mj_address_book_forget_address   (MjAddressBook  *self,
                                                 const char     *address,
                                                 GError        **error);

G_END_DECLS
