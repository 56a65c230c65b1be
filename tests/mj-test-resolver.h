#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A GResolver that answers from a table instead of the network, installed
 * with g_resolver_set_default() so that code under test uses it unchanged.
 * Names not in the table give G_RESOLVER_ERROR_NOT_FOUND; names added with
 * mj_test_resolver_add_hang() never answer until cancelled (timeouts).
 */
#define MJ_TYPE_TEST_RESOLVER (mj_test_resolver_get_type ())

G_DECLARE_FINAL_TYPE (MjTestResolver, mj_test_resolver, MJ, TEST_RESOLVER, GResolver)

MjTestResolver *mj_test_resolver_new         (void);
/* One TXT record (one string) for @name. */
void            mj_test_resolver_add_txt     (MjTestResolver *self,
                                              const char     *name,
                                              const char     *text);
void            mj_test_resolver_add_mx      (MjTestResolver *self,
                                              const char     *name,
                                              guint16         preference,
                                              const char     *host);
void            mj_test_resolver_add_address (MjTestResolver *self,
                                              const char     *name,
                                              const char     *address);
/* Lookups of @name fail with G_RESOLVER_ERROR_TEMPORARY_FAILURE. */
void            mj_test_resolver_add_failure (MjTestResolver *self,
                                              const char     *name);
void            mj_test_resolver_add_hang    (MjTestResolver *self,
                                              const char     *name);
/* How many lookups were made (of any kind). */
guint           mj_test_resolver_get_n_lookups (MjTestResolver *self);

G_END_DECLS
