#define G_LOG_DOMAIN "mj-message"

#include "config.h"

#include <string.h>
#include <gmime/gmime.h>

#include "mj-error.h"
#include "mj-i18n.h"
#include "mj-message.h"

/* GMime 3 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeFilter, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddress, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

/* An empty null-terminated GPtrArray may have no pdata at all. */
static const char *const empty_strv[] = { NULL };

#define STRV_OF(array) ((array)->pdata != NULL ? (const char * const *) (array)->pdata : empty_strv)

typedef struct {
  GBytes *data;
  char *filename;
  char *content_type;
} Attachment;

struct _MjMessage
{
  GObject parent_instance;

  char *from_name;
  char *from_address;
  InternetAddressList *to_list;   /* with display names, for the headers */
  InternetAddressList *cc_list;
  GPtrArray *recipients[3];       /* bare addresses per MjRecipientType, NULL-terminated */
  GPtrArray *envelope;            /* NULL-terminated, rebuilt on demand */
  char *subject;
  char *body;
  GPtrArray *attachments;         /* Attachment */
  char *message_id;
  GDateTime *date;
};

G_DEFINE_TYPE (MjMessage, mj_message, G_TYPE_OBJECT)

static void
attachment_free (gpointer data)
{
  Attachment *attachment = data;

  g_bytes_unref (attachment->data);
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_free (attachment);
}

static void
mj_message_finalize (GObject *object)
{
  MjMessage *self = MJ_MESSAGE (object);

  g_free (self->from_name);
  g_free (self->from_address);
  g_object_unref (self->to_list);
  g_object_unref (self->cc_list);
  for (guint i = 0; i < G_N_ELEMENTS (self->recipients); i++)
    g_ptr_array_unref (self->recipients[i]);
  g_clear_pointer (&self->envelope, g_ptr_array_unref);
  g_free (self->subject);
  g_free (self->body);
  g_ptr_array_unref (self->attachments);
  g_free (self->message_id);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (mj_message_parent_class)->finalize (object);
}

static void
mj_message_class_init (MjMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mj_message_finalize;
}

static void
mj_message_init (MjMessage *self)
{
  /* GMime keeps global state; initialising twice is harmless. */
  static gsize gmime_ready;

  if (g_once_init_enter (&gmime_ready))
    {
      g_mime_init ();
      g_once_init_leave (&gmime_ready, 1);
    }

  self->to_list = internet_address_list_new ();
  self->cc_list = internet_address_list_new ();
  for (guint i = 0; i < G_N_ELEMENTS (self->recipients); i++)
    self->recipients[i] = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->attachments = g_ptr_array_new_with_free_func (attachment_free);
  self->body = g_strdup ("");
}

/**
 * mj_message_new:
 *
 * Returns: (transfer full): an empty message.
 */
MjMessage *
mj_message_new (void)
{
  return g_object_new (MJ_TYPE_MESSAGE, NULL);
}

static gboolean
check_header_text (const char  *text,
                   GError     **error)
{
  if (text != NULL && strpbrk (text, "\r\n") != NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_HEADER_INJECTION, "%s",
                   M_("A header field cannot contain a line break."));
      return FALSE;
    }
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The text is not valid UTF-8."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
address_error (GError     **error,
               const char  *address)
{
  g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_ADDRESS,
               M_("“%s” is not a valid e-mail address."), address);
  return FALSE;
}

/* Checks a bare address and returns it normalised: the domain in ASCII
 * (IDNA) and lower case, the local part as given (ASCII only: the
 * submission path does not use SMTPUTF8). */
static char *
normalize_address (const char  *address,
                   GError     **error)
{
  const char *at;
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  gsize local_len;

  if (!check_header_text (address, error))
    return NULL;

  at = strrchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0')
    {
      address_error (error, address);
      return NULL;
    }

  local_len = (gsize) (at - address);
  local = g_strndup (address, local_len);
  for (const char *p = local; *p != '\0'; p++)
    {
      if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || strchr ("<>()[]\\,;:\"@", *p) != NULL)
        {
          address_error (error, address);
          return NULL;
        }
    }
  if (local[0] == '.' || local[local_len - 1] == '.' || strstr (local, "..") != NULL)
    {
      address_error (error, address);
      return NULL;
    }

  domain = g_strdup (at + 1);
  ascii = g_hostname_to_ascii (domain);
  if (ascii == NULL || strchr (ascii, '.') == NULL || ascii[0] == '.' ||
      g_str_has_suffix (ascii, ".") || strstr (ascii, "..") != NULL)
    {
      address_error (error, address);
      return NULL;
    }
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        {
          address_error (error, address);
          return NULL;
        }
    }

  lower = g_ascii_strdown (ascii, -1);
  return g_strconcat (local, "@", lower, NULL);
}

/**
 * mj_message_check_address:
 * @address: one bare address
 *
 * Returns: whether @address can be used as a sender or recipient.
 */
gboolean
mj_message_check_address (const char  *address,
                          GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  normalized = normalize_address (address, error);
  return normalized != NULL;
}

/**
 * mj_message_set_from:
 * @name: (nullable): the display name ("Fontanería Pérez")
 * @address: the bare sender address
 *
 * Sets From (and the envelope sender).
 */
gboolean
mj_message_set_from (MjMessage   *self,
                     const char  *name,
                     const char  *address,
                     GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!check_header_text (name, error))
    return FALSE;
  normalized = normalize_address (address, error);
  if (normalized == NULL)
    return FALSE;

  g_free (self->from_name);
  self->from_name = (name != NULL && name[0] != '\0') ? g_strdup (name) : NULL;
  g_free (self->from_address);
  self->from_address = g_steal_pointer (&normalized);
  return TRUE;
}

const char *
mj_message_get_from_name (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);
  return self->from_name;
}

const char *
mj_message_get_from_address (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);
  return self->from_address;
}

/**
 * mj_message_add_recipients:
 * @addresses: one address or a comma-separated list, with or without
 *   display names
 *
 * Adds every address or, on error, none.
 */
gboolean
mj_message_add_recipients (MjMessage        *self,
                           MjRecipientType   type,
                           const char       *addresses,
                           GError          **error)
{
  g_autoptr(InternetAddressList) parsed = NULL;
  g_autoptr(InternetAddressList) checked = NULL;
  g_autoptr(GPtrArray) bare = NULL;
  int n;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);
  g_return_val_if_fail (type <= MJ_RECIPIENT_BCC, FALSE);
  g_return_val_if_fail (addresses != NULL, FALSE);

  if (!check_header_text (addresses, error))
    return FALSE;

  parsed = internet_address_list_parse (NULL, addresses);
  n = parsed != NULL ? internet_address_list_length (parsed) : 0;
  if (n <= 0)
    return address_error (error, addresses);

  checked = internet_address_list_new ();
  bare = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n; i++)
    {
      InternetAddress *ia = internet_address_list_get_address (parsed, i);
      g_autoptr(InternetAddress) mailbox = NULL;
      const char *name;
      char *normalized;

      if (!INTERNET_ADDRESS_IS_MAILBOX (ia))
        return address_error (error, addresses);
      normalized = normalize_address (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia)),
                                      error);
      if (normalized == NULL)
        return FALSE;
      name = internet_address_get_name (ia);
      mailbox = internet_address_mailbox_new (name != NULL && name[0] != '\0' ? name : NULL, normalized);
      internet_address_set_charset (mailbox, "utf-8");
      internet_address_list_add (checked, mailbox);
      g_ptr_array_add (bare, normalized);
    }

  if (type == MJ_RECIPIENT_TO)
    internet_address_list_append (self->to_list, checked);
  else if (type == MJ_RECIPIENT_CC)
    internet_address_list_append (self->cc_list, checked);
  for (guint i = 0; i < bare->len; i++)
    g_ptr_array_add (self->recipients[type], g_strdup (g_ptr_array_index (bare, i)));
  g_clear_pointer (&self->envelope, g_ptr_array_unref);
  return TRUE;
}

gboolean
mj_message_add_to (MjMessage   *self,
                   const char  *addresses,
                   GError     **error)
{
  return mj_message_add_recipients (self, MJ_RECIPIENT_TO, addresses, error);
}

gboolean
mj_message_add_cc (MjMessage   *self,
                   const char  *addresses,
                   GError     **error)
{
  return mj_message_add_recipients (self, MJ_RECIPIENT_CC, addresses, error);
}

gboolean
mj_message_add_bcc (MjMessage   *self,
                    const char  *addresses,
                    GError     **error)
{
  return mj_message_add_recipients (self, MJ_RECIPIENT_BCC, addresses, error);
}

/**
 * mj_message_get_recipients:
 *
 * Returns: (transfer none) (array zero-terminated=1): bare addresses.
 */
const char * const *
mj_message_get_recipients (MjMessage       *self,
                           MjRecipientType  type)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);
  g_return_val_if_fail (type <= MJ_RECIPIENT_BCC, NULL);
  return STRV_OF (self->recipients[type]);
}

/**
 * mj_message_get_envelope_recipients:
 *
 * Returns: (transfer none) (array zero-terminated=1): the RCPT TO list:
 *   To, Cc and Bcc without duplicates.
 */
const char * const *
mj_message_get_envelope_recipients (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);

  if (self->envelope == NULL)
    {
      self->envelope = g_ptr_array_new_null_terminated (0, g_free, TRUE);
      for (guint t = 0; t < G_N_ELEMENTS (self->recipients); t++)
        {
          for (guint i = 0; i < self->recipients[t]->len; i++)
            {
              const char *address = g_ptr_array_index (self->recipients[t], i);
              gboolean seen = FALSE;

              for (guint j = 0; j < self->envelope->len && !seen; j++)
                seen = g_ascii_strcasecmp (g_ptr_array_index (self->envelope, j), address) == 0;
              if (!seen)
                g_ptr_array_add (self->envelope, g_strdup (address));
            }
        }
    }
  return STRV_OF (self->envelope);
}

gboolean
mj_message_set_subject (MjMessage   *self,
                        const char  *subject,
                        GError     **error)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);

  if (!check_header_text (subject, error))
    return FALSE;
  g_free (self->subject);
  self->subject = g_strdup (subject);
  return TRUE;
}

const char *
mj_message_get_subject (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);
  return self->subject;
}

/**
 * mj_message_set_body:
 * @text: (nullable): UTF-8 text; CRLF, CR or LF line ends
 */
gboolean
mj_message_set_body (MjMessage   *self,
                     const char  *text,
                     GError     **error)
{
  GString *normalized;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The message text is not valid UTF-8."));
      return FALSE;
    }

  /* Kept with LF; mj_message_to_bytes() writes CRLF. */
  normalized = g_string_new (text);
  g_string_replace (normalized, "\r\n", "\n", 0);
  g_string_replace (normalized, "\r", "\n", 0);
  g_free (self->body);
  self->body = g_string_free (normalized, FALSE);
  return TRUE;
}

const char *
mj_message_get_body (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);
  return self->body;
}

/**
 * mj_message_add_attachment_bytes:
 * @data: the file's content
 * @filename: the name shown to the recipient (any UTF-8)
 * @content_type: (nullable): "application/pdf" when %NULL
 */
gboolean
mj_message_add_attachment_bytes (MjMessage   *self,
                                 GBytes      *data,
                                 const char  *filename,
                                 const char  *content_type,
                                 GError     **error)
{
  Attachment *attachment;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (content_type == NULL)
    content_type = "application/pdf";
  if (!check_header_text (filename, error) || !check_header_text (content_type, error))
    return FALSE;
  if (filename[0] == '\0' || strchr (content_type, '/') == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("An attachment needs a file name and a content type."));
      return FALSE;
    }

  attachment = g_new0 (Attachment, 1);
  attachment->data = g_bytes_ref (data);
  attachment->filename = g_strdup (filename);
  attachment->content_type = g_strdup (content_type);
  g_ptr_array_add (self->attachments, attachment);
  return TRUE;
}

/**
 * mj_message_add_attachment_file:
 * @path: the file to attach (read now)
 * @filename: (nullable): the name shown; the file's basename when %NULL
 */
gboolean
mj_message_add_attachment_file (MjMessage   *self,
                                const char  *path,
                                const char  *filename,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_FILE,
                   M_("Cannot read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (filename == NULL)
    {
      basename = g_path_get_basename (path);
      display = g_filename_display_name (basename);
      filename = display;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return mj_message_add_attachment_bytes (self, bytes, filename,
                                          g_str_has_suffix (filename, ".pdf") ||
                                          g_str_has_suffix (filename, ".PDF") ||
                                          g_str_has_suffix (filename, ".Pdf")
                                          ? "application/pdf" : "application/octet-stream",
                                          error);
}

guint
mj_message_get_n_attachments (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), 0);
  return self->attachments->len;
}

guint64
mj_message_get_attachments_size (MjMessage *self)
{
  guint64 total = 0;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), 0);
  for (guint i = 0; i < self->attachments->len; i++)
    total += g_bytes_get_size (((Attachment *) g_ptr_array_index (self->attachments, i))->data);
  return total;
}

/**
 * mj_message_set_message_id:
 * @message_id: "local@domain", without angle brackets
 */
gboolean
mj_message_set_message_id (MjMessage   *self,
                           const char  *message_id,
                           GError     **error)
{
  const char *at;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  if (!check_header_text (message_id, error))
    return FALSE;
  at = strchr (message_id, '@');
  if (at == NULL || at == message_id || at[1] == '\0' || strpbrk (message_id, "<> \t") != NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID,
                   M_("“%s” is not a valid Message-ID."), message_id);
      return FALSE;
    }
  g_free (self->message_id);
  self->message_id = g_strdup (message_id);
  return TRUE;
}

/**
 * mj_message_get_message_id:
 *
 * Returns: (nullable): the Message-ID; one on the From domain is made when
 *   none was set. %NULL while there is neither a Message-ID nor a From.
 */
const char *
mj_message_get_message_id (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);

  if (self->message_id == NULL && self->from_address != NULL)
    self->message_id = g_mime_utils_generate_message_id (strrchr (self->from_address, '@') + 1);
  return self->message_id;
}

void
mj_message_set_date (MjMessage *self,
                     GDateTime *date)
{
  g_return_if_fail (MJ_IS_MESSAGE (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
}

/**
 * mj_message_get_date:
 *
 * Returns: (transfer none): the message's date (fixed at the first call
 *   when none was set).
 */
GDateTime *
mj_message_get_date (MjMessage *self)
{
  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);

  if (self->date == NULL)
    self->date = g_date_time_new_now_local ();
  return self->date;
}

static GMimeObject *
build_text_part (MjMessage *self)
{
  GMimeTextPart *text = g_mime_text_part_new_with_subtype ("plain");
  g_autofree char *body = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeDataWrapper) content = NULL;

  /* Always UTF-8: g_mime_text_part_set_text() would pick (and convert to)
   * the smallest charset that fits. */
  body = (self->body[0] != '\0' && !g_str_has_suffix (self->body, "\n"))
         ? g_strconcat (self->body, "\n", NULL) : g_strdup (self->body);
  stream = g_mime_stream_mem_new_with_buffer (body, strlen (body));
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (GMIME_PART (text), content);
  g_mime_text_part_set_charset (text, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (text),
                                    g_mime_part_get_best_content_encoding (GMIME_PART (text),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));
  return GMIME_OBJECT (text);
}

static GMimeObject *
build_attachment_part (Attachment *attachment)
{
  g_auto(GStrv) type = g_strsplit (attachment->content_type, "/", 2);
  GMimePart *part = g_mime_part_new_with_type (type[0], type[1]);
  gsize size;
  const guint8 *data = g_bytes_get_data (attachment->data, &size);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer ((const char *) data, size);
  g_autoptr(GMimeDataWrapper) content = g_mime_data_wrapper_new_with_stream (stream,
                                                                             GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_mime_part_set_filename (part, attachment->filename);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT (part);
}

/**
 * mj_message_to_bytes:
 *
 * Returns: (transfer full): the message as sent, with CRLF line ends and
 *   no Bcc header, or %NULL without From or recipients.
 */
GBytes *
mj_message_to_bytes (MjMessage  *self,
                     GError    **error)
{
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeObject) body = NULL;
  g_autoptr(GMimeStream) mem = NULL;
  g_autoptr(GMimeStream) filtered = NULL;
  g_autoptr(GMimeFilter) filter = NULL;
  g_autoptr(InternetAddress) from = NULL;
  GByteArray *array;

  g_return_val_if_fail (MJ_IS_MESSAGE (self), NULL);

  if (self->from_address == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The message has no sender."));
      return NULL;
    }
  if (mj_message_get_envelope_recipients (self)[0] == NULL)
    {
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The message has no recipient."));
      return NULL;
    }

  message = g_mime_message_new (TRUE);
  from = internet_address_mailbox_new (self->from_name, self->from_address);
  internet_address_set_charset (from, "utf-8");
  internet_address_list_add (g_mime_message_get_from (message), from);
  internet_address_list_append (g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO),
                                self->to_list);
  internet_address_list_append (g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_CC),
                                self->cc_list);
  /* Bcc recipients are only in the envelope: never in a header. */
  if (self->subject != NULL)
    g_mime_message_set_subject (message, self->subject, "utf-8");
  g_mime_message_set_date (message, mj_message_get_date (self));
  g_mime_message_set_message_id (message, mj_message_get_message_id (self));

  if (self->attachments->len == 0)
    body = build_text_part (self);
  else
    {
      GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");
      g_autoptr(GMimeObject) text = build_text_part (self);

      g_mime_multipart_add (mixed, text);
      for (guint i = 0; i < self->attachments->len; i++)
        {
          g_autoptr(GMimeObject) part = build_attachment_part (g_ptr_array_index (self->attachments, i));

          g_mime_multipart_add (mixed, part);
        }
      body = GMIME_OBJECT (mixed);
    }
  g_mime_message_set_mime_part (message, body);

  /* GMime writes LF; every line end on the wire must be CRLF. The body was
   * normalised to LF and the attachments are base64, so a unix2dos pass
   * gives CRLF everywhere. */
  array = g_byte_array_new ();
  mem = g_mime_stream_mem_new_with_byte_array (array);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (mem), FALSE);
  filtered = g_mime_stream_filter_new (mem);
  filter = g_mime_filter_unix2dos_new (FALSE);
  g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), filter);
  if (g_mime_object_write_to_stream (GMIME_OBJECT (message), NULL, filtered) < 0 ||
      g_mime_stream_flush (filtered) < 0)
    {
      g_byte_array_unref (array);
      g_set_error (error, MJ_INPUT_ERROR, MJ_INPUT_ERROR_INVALID, "%s",
                   M_("The message could not be put together."));
      return NULL;
    }
  return g_byte_array_free_to_bytes (array);
}
