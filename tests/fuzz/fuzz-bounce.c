/* libFuzzer target: the bounce parser (GMime, RFC 3464 and plain-text
 * bounces) on arbitrary bytes. */

#include "config.h"

#include <stdint.h>
#include <gmime/gmime.h>

#include "mj-bounce.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_mime_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MjBounce) bounce = mj_bounce_parse_bytes (bytes);
  GPtrArray *recipients = mj_bounce_get_recipients (bounce);

  g_assert (mj_bounce_get_explanation (bounce) != NULL);
  (void) mj_bounce_kind_to_string (mj_bounce_get_kind (bounce));
  (void) mj_bounce_get_original_message_id (bounce);
  for (guint i = 0; i < recipients->len; i++)
    {
      MjBounceRecipient *r = g_ptr_array_index (recipients, i);
      g_autoptr(MjBounceRecipient) copy = mj_bounce_recipient_copy (r);

      g_assert (copy->address != NULL && copy->action != NULL && copy->explanation != NULL);
      g_assert (mj_explanation_get_title (r->explanation, "es") != NULL);
    }
  return 0;
}
