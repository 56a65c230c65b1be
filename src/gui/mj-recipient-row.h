#pragma once

#include <adwaita.h>

#include "mj-address-book.h"

G_BEGIN_DECLS

#define MJ_TYPE_RECIPIENT_ROW (mj_recipient_row_get_type ())

G_DECLARE_FINAL_TYPE (MjRecipientRow, mj_recipient_row, MJ, RECIPIENT_ROW, AdwEntryRow)

void mj_recipient_row_set_address_book (MjRecipientRow *self,
                                        MjAddressBook  *address_book);
void mj_recipient_row_complete         (MjRecipientRow *self);

G_END_DECLS
