#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MJ_TYPE_MESSAGE_PREVIEW (mj_message_preview_get_type ())

G_DECLARE_FINAL_TYPE (MjMessagePreview, mj_message_preview, MJ, MESSAGE_PREVIEW, AdwPreferencesGroup)

void mj_message_preview_show (MjMessagePreview *self,
                              const char       *from,
                              const char       *to,
                              const char       *cc,
                              const char       *subject,
                              const char       *attachments,
                              const char       *body);

G_END_DECLS
