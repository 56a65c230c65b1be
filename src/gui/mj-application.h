#pragma once

#include <adwaita.h>

#include "mj-account-store.h"
#include "mj-address-book.h"
#include "mj-queue.h"

G_BEGIN_DECLS

#define MJ_TYPE_APPLICATION (mj_application_get_type ())

G_DECLARE_FINAL_TYPE (MjApplication, mj_application, MJ, APPLICATION, AdwApplication)

MjApplication  *mj_application_new               (void);
/* (transfer none) (nullable): the accounts, shared by every window; NULL
 * when accounts.ini cannot be read. */
MjAccountStore *mj_application_get_account_store (MjApplication *self);
/* (transfer none) (nullable): the clients and their addresses, in the
 * default MjStore; NULL when the database cannot be opened. */
MjAddressBook  *mj_application_get_address_book  (MjApplication *self);
/* (transfer none) (nullable): the send queue, sending in the background
 * (auto-send); NULL when the database cannot be opened. */
MjQueue        *mj_application_get_queue         (MjApplication *self);

G_END_DECLS
