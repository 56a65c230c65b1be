#define G_LOG_DOMAIN "mj-presend-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mj-i18n.h"
#include "mj-pdf-report.h"
#include "mj-presend-check.h"
#include "mj-provider.h"

/* How long an MX answer is trusted. */
#define MX_CACHE_SECONDS (10 * 60)

struct _MjPresendItem
{
  gatomicrefcount ref;
  char *id;
  MjCheckSeverity severity;
  char *subject;
  char *reason_en;
  char *reason_es;
  char *fix_en;
  char *fix_es;
  char *suggestion;
};

G_DEFINE_BOXED_TYPE (MjPresendItem, mj_presend_item, mj_presend_item_ref, mj_presend_item_unref)

const char *
mj_check_severity_to_string (MjCheckSeverity severity)
{
  switch (severity)
    {
    case MJ_CHECK_BLOCKING:
      return "blocking";
    case MJ_CHECK_WARNING:
      return "warning";
    case MJ_CHECK_OK:
    default:
      return "ok";
    }
}

MjPresendItem *
mj_presend_item_ref (MjPresendItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_atomic_ref_count_inc (&item->ref);
  return item;
}

void
mj_presend_item_unref (MjPresendItem *item)
{
  g_return_if_fail (item != NULL);
  if (!g_atomic_ref_count_dec (&item->ref))
    return;
  g_free (item->id);
  g_free (item->subject);
  g_free (item->reason_en);
  g_free (item->reason_es);
  g_free (item->fix_en);
  g_free (item->fix_es);
  g_free (item->suggestion);
  g_free (item);
}

const char *
mj_presend_item_get_id (MjPresendItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return item->id;
}

MjCheckSeverity
mj_presend_item_get_severity (MjPresendItem *item)
{
  g_return_val_if_fail (item != NULL, MJ_CHECK_OK);
  return item->severity;
}

const char *
mj_presend_item_get_subject (MjPresendItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return item->subject;
}

static gboolean
is_spanish (const char *lang)
{
  if (lang == NULL)
    lang = mj_i18n_ui_lang ();
  return lang != NULL && g_str_has_prefix (lang, "es");
}

const char *
mj_presend_item_get_reason (MjPresendItem *item,
                            const char    *lang)
{
  g_return_val_if_fail (item != NULL, NULL);
  return is_spanish (lang) ? item->reason_es : item->reason_en;
}

const char *
mj_presend_item_get_fix (MjPresendItem *item,
                         const char    *lang)
{
  g_return_val_if_fail (item != NULL, NULL);
  return is_spanish (lang) ? item->fix_es : item->fix_en;
}

const char *
mj_presend_item_get_suggestion (MjPresendItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return item->suggestion;
}

/* Both languages of a message with arguments. The msgids are literals
 * marked with N_() at the call sites. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
format_both (char       **en,
             char       **es,
             const char  *msgid,
             ...)
{
  va_list args, copy;

  g_free (*en);
  g_free (*es);
  va_start (args, msgid);
  va_copy (copy, args);
  *en = g_strdup_vprintf (mj_i18n_translate (MJ_LANG_EN, msgid), args);
  *es = g_strdup_vprintf (mj_i18n_translate (MJ_LANG_ES, msgid), copy);
  va_end (copy);
  va_end (args);
}
#pragma GCC diagnostic pop

static MjPresendItem *
item_new (const char      *id,
          MjCheckSeverity  severity,
          const char      *subject)
{
  MjPresendItem *item = g_new0 (MjPresendItem, 1);

  g_atomic_ref_count_init (&item->ref);
  item->id = g_strdup (id);
  item->severity = severity;
  item->subject = g_strdup (subject);
  item->fix_en = g_strdup ("");
  item->fix_es = g_strdup ("");
  return item;
}

/* ------------------------------------------------------------------------ */
/* Addresses */

/* "Name <a@b>" → "a@b"; "a@b" → "a@b". */
static char *
bare_address (const char *recipient)
{
  const char *lt = strrchr (recipient, '<');
  const char *gt = lt != NULL ? strchr (lt, '>') : NULL;
  char *addr;

  if (lt != NULL && gt != NULL)
    addr = g_strndup (lt + 1, gt - lt - 1);
  else
    addr = g_strdup (recipient);
  return g_strstrip (addr);
}

gboolean
mj_presend_address_valid (const char *address)
{
  const char *at;
  const char *p;
  gsize local_len;
  gboolean dot = FALSE;
  const char *label_start;

  if (address == NULL)
    return FALSE;
  at = strrchr (address, '@');
  if (at == NULL || at == address || strlen (address) > 254)
    return FALSE;
  local_len = at - address;
  if (local_len > 64 || address[0] == '.' || at[-1] == '.')
    return FALSE;
  for (p = address; p < at; p++)
    {
      if (*p == '.' && p[1] == '.')
        return FALSE;
      if (!(g_ascii_isalnum (*p) || strchr (".!#$%&'*+/=?^_`{|}~-", *p) != NULL || (guchar) *p >= 0x80))
        return FALSE;
    }
  /* Domain: labels of letters, digits and hyphens, a dot, an alphabetic TLD. */
  label_start = at + 1;
  if (*label_start == '\0')
    return FALSE;
  for (p = at + 1;; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          gsize len = p - label_start;

          if (len == 0 || len > 63 || label_start[0] == '-' || p[-1] == '-')
            return FALSE;
          if (*p == '\0')
            break;
          dot = TRUE;
          label_start = p + 1;
          continue;
        }
      if (!(g_ascii_isalnum (*p) || *p == '-' || (guchar) *p >= 0x80))
        return FALSE;
    }
  if (!dot)
    return FALSE;
  /* The TLD has a letter (no "a@1.2.3.4" without brackets). */
  for (p = label_start; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

/* Popular mail domains of Spain, Latin America and the rest. A domain in
 * this list is never "corrected". */
static const char * const popular_domains[] = {
  "gmail.com", "googlemail.com", "hotmail.com", "hotmail.es", "hotmail.co.uk", "hotmail.fr",
  "hotmail.it", "hotmail.de", "outlook.com", "outlook.es", "outlook.fr", "outlook.de",
  "outlook.it", "live.com", "live.com.mx", "live.com.ar", "live.cl", "live.es", "live.fr",
  "live.co.uk", "msn.com", "yahoo.com", "yahoo.es", "yahoo.com.mx", "yahoo.com.ar",
  "yahoo.fr", "yahoo.de", "yahoo.co.uk", "yahoo.it", "ymail.com", "rocketmail.com",
  "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.es", "gmx.de", "gmx.net",
  "gmx.at", "web.de", "t-online.de", "protonmail.com", "proton.me", "pm.me", "zoho.com",
  "zohomail.eu", "yandex.com", "mail.com", "telefonica.net", "movistar.es", "orange.es",
  "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "vodafone.es", "ono.com",
  "terra.es", "terra.com.br", "uol.com.br", "bol.com.br", "libero.it", "tiscali.it",
  "prodigy.net.mx", "att.net", "comcast.net", "verizon.net", "btinternet.com", "sky.com",
  "ionos.es", "ionos.com", "1und1.de", "arnet.com.ar", "fibertel.com.ar", "speedy.com.ar",
  "hotmail.com.ar", "hotmail.com.mx", "outlook.com.ar", "outlook.cl", "outlook.com.mx",
};

/* Damerau–Levenshtein (optimal string alignment), bytes. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = g_new0 (guint, (la + 1) * (lb + 1));
  guint result;

#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint v = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          v = MIN (v, D (i - 2, j - 2) + 1);
        D (i, j) = v;
      }
  result = D (la, lb);
#undef D
  return result;
}

char *
mj_presend_suggest_domain (const char *domain)
{
  g_autofree char *lower = NULL;
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  gboolean tie = FALSE;
  gsize len;

  g_return_val_if_fail (domain != NULL, NULL);

  lower = g_ascii_strdown (domain, -1);
  len = strlen (lower);
  for (guint i = 0; i < G_N_ELEMENTS (popular_domains); i++)
    if (strcmp (lower, popular_domains[i]) == 0)
      return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (popular_domains); i++)
    {
      guint dist = edit_distance (lower, popular_domains[i]);

      if (dist < best_distance)
        {
          best = popular_domains[i];
          best_distance = dist;
          tie = FALSE;
        }
      else if (dist == best_distance && best != NULL && strcmp (best, popular_domains[i]) != 0)
        tie = TRUE;
    }
  /* One edit for short names, two for longer ones ("hotmial.com" is a
   * transposition = 1; "gmal.com" 1; "outlook.con" 1). */
  if (best == NULL || best_distance == 0 || tie)
    return NULL;
  if (best_distance == 1 && len >= 6)
    return g_strdup (best);
  if (best_distance == 2 && len >= 10)
    return g_strdup (best);
  return NULL;
}

/* ------------------------------------------------------------------------ */

static char *
format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_DEFAULT);
}

guint64
mj_presend_estimate_message_bytes (const MjPresendInput *input)
{
  guint64 total = 2048;   /* message headers and MIME boundaries */

  g_return_val_if_fail (input != NULL, 0);

  if (input->body != NULL)
    total += strlen (input->body) * 105 / 100 + 300;
  for (guint i = 0; i < input->n_attachments; i++)
    {
      guint64 n = input->attachments[i].size_bytes;
      guint64 b64 = (n + 2) / 3 * 4;

      /* 76 characters a line plus CRLF, and the part's own headers. */
      total += b64 + (b64 / 76 + 1) * 2 + 400;
    }
  return total;
}

static void
check_size (const MjPresendInput *input,
            GPtrArray            *items)
{
  guint64 max = input->max_message_bytes;
  guint64 estimate = mj_presend_estimate_message_bytes (input);
  g_autofree char *est_s = format_size (estimate);
  MjPresendItem *item;

  if (max == 0 && input->provider_id != NULL)
    {
      MjProvider *provider = mj_provider_lookup (input->provider_id);

      if (provider != NULL)
        max = mj_provider_get_max_message_bytes (provider);
    }
  if (input->n_attachments == 0)
    return;

  if (max > 0 && estimate > max)
    {
      g_autofree char *max_s = format_size (max);

      item = item_new (MJ_CHECK_SIZE, MJ_CHECK_BLOCKING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The message would be %s once encoded, more than the %s your provider accepts "
                      "(attachments grow by a third when sent)."), est_s, max_s);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Send the invoices in separate messages, or make the PDF smaller in the program "
                      "that made it."));
    }
  else if (max > 0 && estimate > max / 10 * 9)
    {
      g_autofree char *max_s = format_size (max);

      item = item_new (MJ_CHECK_SIZE, MJ_CHECK_WARNING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The message would be %s once encoded, close to the %s your provider accepts."),
                   est_s, max_s);
      format_both (&item->fix_en, &item->fix_es,
                   N_("If it is refused, send the invoices in separate messages."));
    }
  else
    {
      item = item_new (MJ_CHECK_SIZE, MJ_CHECK_OK, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("Size of the message: %s."), est_s);
    }
  g_ptr_array_add (items, item);
}

static void
check_attachments (const MjPresendInput *input,
                   GPtrArray            *items)
{
  gboolean all_ok = TRUE;

  if (input->n_attachments == 0)
    {
      MjPresendItem *item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_WARNING, NULL);

      format_both (&item->reason_en, &item->reason_es, N_("No invoice is attached."));
      format_both (&item->fix_en, &item->fix_es, N_("Add the invoice PDF before sending."));
      g_ptr_array_add (items, item);
      return;
    }

  for (guint i = 0; i < input->n_attachments; i++)
    {
      const MjPresendAttachment *a = &input->attachments[i];
      g_autofree char *name = g_path_get_basename (a->path != NULL ? a->path : "?");
      MjPdfReport *r = a->report;
      MjPresendItem *item;

      if (r == NULL)
        continue;
      switch (mj_pdf_report_get_status (r))
        {
        case MJ_PDF_STATUS_NOT_PDF:
          item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_BLOCKING, name);
          format_both (&item->reason_en, &item->reason_es, N_("“%s” is not a PDF document."), name);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Attach the invoice as a PDF: use “Save as PDF” or “Export as PDF” in your invoicing program."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
          continue;
        case MJ_PDF_STATUS_DAMAGED:
          item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_BLOCKING, name);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” is damaged: your client would not be able to open it."), name);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Export the invoice to PDF again from the program that made it."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
          continue;
        case MJ_PDF_STATUS_ENCRYPTED:
          item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_BLOCKING, name);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” is protected with a password: your client would need the password to open it, "
                          "and mail filters cannot scan it."), name);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Save the invoice again without a password."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
          continue;
        case MJ_PDF_STATUS_OK:
        default:
          break;
        }

      if (mj_pdf_report_get_has_javascript (r) || mj_pdf_report_get_launch_actions (r)[0] != NULL)
        {
          item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_BLOCKING, name);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” contains JavaScript or actions that open programs. Mail filters treat such PDFs "
                          "as dangerous: the message would be rejected or land in spam."), name);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Export the invoice to PDF again, or print it to a new PDF, which leaves the scripts out."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
        }
      if (mj_pdf_report_get_damaged (r))
        {
          item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_WARNING, name);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” has errors in its structure; some programs may not open it."), name);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Export the invoice to PDF again from the program that made it."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
        }
      if (mj_pdf_report_get_embedded_files (r)[0] != NULL)
        {
          item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_WARNING, name);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” carries other files inside it, which some mail filters block."), name);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Export the invoice without attachments if your client does not need them."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
        }
    }

  if (all_ok)
    {
      MjPresendItem *item = item_new (MJ_CHECK_ATTACHMENT, MJ_CHECK_OK, NULL);

      format_both (&item->reason_en, &item->reason_es,
                   N_("The PDF has no scripts, no password and no damage."));
      g_ptr_array_add (items, item);
    }
}

static void
check_recipients (const MjPresendInput *input,
                  GPtrArray            *items)
{
  gboolean all_ok = TRUE;
  guint n = 0;

  for (guint i = 0; input->recipients != NULL && input->recipients[i] != NULL; i++)
    {
      g_autofree char *addr = bare_address (input->recipients[i]);
      const char *at;
      g_autofree char *suggestion = NULL;
      MjPresendItem *item;

      if (*addr == '\0')
        continue;
      n++;
      if (!mj_presend_address_valid (addr))
        {
          item = item_new (MJ_CHECK_RECIPIENT_SYNTAX, MJ_CHECK_BLOCKING, addr);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” is not a valid e-mail address."), addr);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Correct the address: it looks like name@example.com, without spaces."));
          g_ptr_array_add (items, item);
          all_ok = FALSE;
          continue;
        }
      at = strrchr (addr, '@');
      suggestion = mj_presend_suggest_domain (at + 1);
      if (suggestion != NULL)
        {
          g_autofree char *local = g_strndup (addr, at - addr);
          g_autofree char *fixed = g_strconcat (local, "@", suggestion, NULL);

          item = item_new (MJ_CHECK_RECIPIENT_TYPO, MJ_CHECK_WARNING, addr);
          format_both (&item->reason_en, &item->reason_es,
                       N_("“%s” looks like a misspelling of “%s”."), at + 1, suggestion);
          format_both (&item->fix_en, &item->fix_es,
                       N_("Check the address. Did you mean %s?"), fixed);
          item->suggestion = g_steal_pointer (&fixed);
          g_ptr_array_add (items, item);
          all_ok = FALSE;
        }
    }

  if (n == 0)
    {
      MjPresendItem *item = item_new (MJ_CHECK_RECIPIENTS, MJ_CHECK_BLOCKING, NULL);

      format_both (&item->reason_en, &item->reason_es, N_("There is no recipient."));
      format_both (&item->fix_en, &item->fix_es, N_("Add your client’s e-mail address."));
      g_ptr_array_add (items, item);
    }
  else if (all_ok)
    {
      MjPresendItem *item = item_new (MJ_CHECK_RECIPIENTS, MJ_CHECK_OK, NULL);

      format_both (&item->reason_en, &item->reason_es, N_("The recipient addresses look right."));
      g_ptr_array_add (items, item);
    }
}

static void
check_from (const MjPresendInput *input,
            GPtrArray            *items)
{
  g_autofree char *from = NULL;
  g_autofree char *account = NULL;
  MjPresendItem *item;

  if (input->from_address == NULL || input->account_address == NULL)
    return;
  from = bare_address (input->from_address);
  account = bare_address (input->account_address);
  if (g_ascii_strcasecmp (from, account) == 0)
    {
      item = item_new (MJ_CHECK_FROM, MJ_CHECK_OK, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The message goes out from the mailbox you signed in with."));
    }
  else
    {
      item = item_new (MJ_CHECK_FROM, MJ_CHECK_WARNING, from);
      format_both (&item->reason_en, &item->reason_es,
                   N_("You are sending as %s but signed in as %s. Microsoft and most providers refuse this "
                      "(“Send As” denied) unless that mailbox gave you permission."), from, account);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Send from %s, or ask your administrator for “Send As” permission on %s."), account, from);
    }
  g_ptr_array_add (items, item);
}

static const char * const spam_words[] = {
  /* en */
  "free", "urgent", "winner", "congratulations", "act now", "limited time", "click here",
  "buy now", "guaranteed", "risk-free", "no cost", "100% free", "cash", "prize", "lottery",
  "viagra", "exclusive deal", "special promotion", "earn money", "make money", "credit",
  /* es */
  "gratis", "urgente", "ganador", "felicidades", "enhorabuena", "oferta", "promoción",
  "haga clic", "pulse aquí", "compre ya", "actúe ya", "garantizado", "sin riesgo",
  "sin coste", "dinero fácil", "gane dinero", "premio", "lotería", "préstamo", "crédito",
  "100% gratis", "última oportunidad",
};

static gboolean
has_spam_words (const char  *subject,
                const char **found)
{
  g_autofree char *lower = g_utf8_strdown (subject, -1);
  gsize len = strlen (lower);

  for (guint i = 0; i < G_N_ELEMENTS (spam_words); i++)
    {
      const char *hit = lower;
      gsize wl = strlen (spam_words[i]);

      while ((hit = strstr (hit, spam_words[i])) != NULL)
        {
          gboolean start_ok = hit == lower || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (hit)));
          gboolean end_ok = (gsize) (hit - lower) + wl >= len ||
                            !g_unichar_isalnum (g_utf8_get_char (hit + wl));

          if (start_ok && end_ok)
            {
              *found = spam_words[i];
              return TRUE;
            }
          hit += wl;
        }
    }
  if (strstr (subject, "!!") != NULL || strstr (subject, "$$") != NULL || strstr (subject, "€€") != NULL)
    {
      *found = strstr (subject, "!!") != NULL ? "!!" : "$$";
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_all_caps (const char *text)
{
  guint upper = 0, letters = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      letters++;
      if (g_unichar_isupper (c))
        upper++;
    }
  return letters >= 8 && upper * 10 >= letters * 9;
}

static void
check_subject (const MjPresendInput *input,
               GPtrArray            *items)
{
  g_autofree char *subject = g_strstrip (g_strdup (input->subject != NULL ? input->subject : ""));
  const char *word = NULL;
  MjPresendItem *item;

  if (*subject == '\0')
    {
      item = item_new (MJ_CHECK_SUBJECT, MJ_CHECK_WARNING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The subject is empty; messages without a subject often land in spam."));
      format_both (&item->fix_en, &item->fix_es,
                   N_("Write a subject such as “Invoice 2026-031 from your company”."));
    }
  else if (is_all_caps (subject))
    {
      item = item_new (MJ_CHECK_SUBJECT, MJ_CHECK_WARNING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The subject is written in capital letters, which spam filters punish."));
      format_both (&item->fix_en, &item->fix_es, N_("Write the subject in normal case."));
    }
  else if (has_spam_words (subject, &word))
    {
      item = item_new (MJ_CHECK_SUBJECT, MJ_CHECK_WARNING, word);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The subject contains “%s”, which spam filters associate with advertising."), word);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Keep the subject plain: the word “invoice”, its number and your company."));
    }
  else
    {
      item = item_new (MJ_CHECK_SUBJECT, MJ_CHECK_OK, NULL);
      format_both (&item->reason_en, &item->reason_es, N_("The subject looks right."));
    }
  g_ptr_array_add (items, item);
}

static void
check_body (const MjPresendInput *input,
            GPtrArray            *items)
{
  g_autofree char *body = g_strstrip (g_strdup (input->body != NULL ? input->body : ""));
  MjPresendItem *item;

  if (*body == '\0')
    {
      item = item_new (MJ_CHECK_BODY, MJ_CHECK_WARNING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The message has no text; a message with only an attachment looks like spam."));
      format_both (&item->fix_en, &item->fix_es,
                   N_("Write a short note, or use the template."));
    }
  else
    {
      item = item_new (MJ_CHECK_BODY, MJ_CHECK_OK, NULL);
      format_both (&item->reason_en, &item->reason_es, N_("The message has a text."));
    }
  g_ptr_array_add (items, item);
}

static void
check_quota (const MjPresendInput *input,
             GPtrArray            *items)
{
  guint limit = input->daily_limit;
  guint n = 0;
  guint after;
  MjPresendItem *item;

  if (limit == 0 && input->provider_id != NULL)
    {
      MjProvider *provider = mj_provider_lookup (input->provider_id);

      if (provider != NULL)
        limit = mj_provider_get_recipients_per_day (provider);
    }
  if (limit == 0)
    return;
  for (guint i = 0; input->recipients != NULL && input->recipients[i] != NULL; i++)
    n++;
  after = input->sent_today + n;
  if (after > limit)
    {
      item = item_new (MJ_CHECK_QUOTA, MJ_CHECK_BLOCKING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("This would go over your provider’s limit of %u recipients a day (%u already used "
                      "today); the provider may lock the account for a day."), limit, input->sent_today);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Put the invoice in the queue: it will go out when the limit allows."));
    }
  else if (after * 10 >= limit * 9)
    {
      item = item_new (MJ_CHECK_QUOTA, MJ_CHECK_WARNING, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("Today’s quota is nearly used: %u of %u recipients."), after, limit);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Send the rest tomorrow, or let the queue pace them."));
    }
  else
    {
      item = item_new (MJ_CHECK_QUOTA, MJ_CHECK_OK, NULL);
      format_both (&item->reason_en, &item->reason_es,
                   N_("Daily quota: %u of %u recipients used."), after, limit);
    }
  g_ptr_array_add (items, item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const MjPresendItem *ia = *(MjPresendItem * const *) a;
  const MjPresendItem *ib = *(MjPresendItem * const *) b;

  return (int) ib->severity - (int) ia->severity;
}

GPtrArray *
mj_presend_check_run (const MjPresendInput *input)
{
  GPtrArray *items;

  g_return_val_if_fail (input != NULL, NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_presend_item_unref);
  check_recipients (input, items);
  check_attachments (input, items);
  check_size (input, items);
  check_from (input, items);
  check_subject (input, items);
  check_body (input, items);
  check_quota (input, items);
  /* Stable sort: blocking first, then warnings, then the green ticks. */
  g_ptr_array_sort (items, compare_items);
  return items;
}

/* ------------------------------------------------------------------------ */
/* MX */

typedef enum {
  MX_OK,
  MX_IMPLICIT,      /* no MX, but an address record */
  MX_NONE,          /* domain does not exist or has no mail server */
  MX_NULL,          /* RFC 7505 null MX: accepts no mail */
  MX_UNKNOWN,       /* the lookup failed (offline…) */
} MxState;

typedef struct {
  MxState state;
  gint64 expires;
} MxEntry;

struct _MjMxChecker
{
  GObject parent_instance;

  GResolver *resolver;
  GHashTable *cache;    /* domain → MxEntry */
};

G_DEFINE_FINAL_TYPE (MjMxChecker, mj_mx_checker, G_TYPE_OBJECT)

static void
mj_mx_checker_finalize (GObject *object)
{
  MjMxChecker *self = MJ_MX_CHECKER (object);

  g_clear_object (&self->resolver);
  g_hash_table_unref (self->cache);
  G_OBJECT_CLASS (mj_mx_checker_parent_class)->finalize (object);
}

static void
mj_mx_checker_class_init (MjMxCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mj_mx_checker_finalize;
}

static void
mj_mx_checker_init (MjMxChecker *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

MjMxChecker *
mj_mx_checker_new (GResolver *resolver)
{
  MjMxChecker *self = g_object_new (MJ_TYPE_MX_CHECKER, NULL);

  self->resolver = resolver != NULL ? g_object_ref (resolver) : g_resolver_get_default ();
  return self;
}

MjMxChecker *
mj_mx_checker_get_default (void)
{
  static MjMxChecker *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, mj_mx_checker_new (NULL));
  return instance;
}

typedef struct {
  GPtrArray *domains;   /* of char*, distinct, lower case */
  guint next;
  GPtrArray *items;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_ptr_array_unref (data->domains);
  g_ptr_array_unref (data->items);
  g_free (data);
}

static MjPresendItem *
mx_item (const char *domain,
         MxState     state)
{
  MjPresendItem *item;

  switch (state)
    {
    case MX_NONE:
      item = item_new (MJ_CHECK_RECIPIENT_MX, MJ_CHECK_BLOCKING, domain);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The domain “%s” has no mail server: the message would come back undelivered."), domain);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Check the part of the address after the @; ask your client for the right address."));
      break;
    case MX_NULL:
      item = item_new (MJ_CHECK_RECIPIENT_MX, MJ_CHECK_BLOCKING, domain);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The domain “%s” says it accepts no e-mail."), domain);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Ask your client for another address."));
      break;
    case MX_IMPLICIT:
      item = item_new (MJ_CHECK_RECIPIENT_MX, MJ_CHECK_WARNING, domain);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The domain “%s” publishes no mail server (MX record); delivery may fail."), domain);
      format_both (&item->fix_en, &item->fix_es,
                   N_("Check the address with your client."));
      break;
    case MX_UNKNOWN:
      item = item_new (MJ_CHECK_RECIPIENT_MX, MJ_CHECK_WARNING, domain);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The mail server of “%s” could not be checked (no network?)."), domain);
      format_both (&item->fix_en, &item->fix_es,
                   N_("You can still send; the queue retries if the network is down."));
      break;
    case MX_OK:
    default:
      item = item_new (MJ_CHECK_RECIPIENT_MX, MJ_CHECK_OK, domain);
      format_both (&item->reason_en, &item->reason_es,
                   N_("The domain “%s” receives e-mail."), domain);
      break;
    }
  return item;
}

static void check_next_domain (GTask *task);

static void
store_and_continue (GTask   *task,
                    MxState  state)
{
  MjMxChecker *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);
  const char *domain = g_ptr_array_index (data->domains, data->next);
  MxEntry *entry = g_new0 (MxEntry, 1);

  entry->state = state;
  /* Failed lookups are retried sooner. */
  entry->expires = g_get_monotonic_time () +
                   (state == MX_UNKNOWN ? 30 : MX_CACHE_SECONDS) * G_USEC_PER_SEC;
  g_hash_table_replace (self->cache, g_strdup (domain), entry);
  g_ptr_array_add (data->items, mx_item (domain, state));
  data->next++;
  check_next_domain (task);
}

static void
lookup_by_name_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (addresses != NULL)
    {
      g_resolver_free_addresses (addresses);
      store_and_continue (task, MX_IMPLICIT);
    }
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    store_and_continue (task, MX_NONE);
  else
    store_and_continue (task, MX_UNKNOWN);
}

static void
lookup_records_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *records = g_resolver_lookup_records_finish (G_RESOLVER (source), result, &error);
  CheckData *data = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (records != NULL)
    {
      gboolean null_mx = TRUE;

      for (GList *l = records; l != NULL; l = l->next)
        {
          guint16 pref = 0;
          const char *host = NULL;

          g_variant_get (l->data, "(q&s)", &pref, &host);
          if (host != NULL && *host != '\0' && strcmp (host, ".") != 0)
            null_mx = FALSE;
        }
      g_list_free_full (records, (GDestroyNotify) g_variant_unref);
      store_and_continue (task, null_mx ? MX_NULL : MX_OK);
      return;
    }
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      MjMxChecker *self = g_task_get_source_object (task);
      const char *domain = g_ptr_array_index (data->domains, data->next);
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* RFC 5321 §5.1: no MX, then the address record is the mail host. */
      g_resolver_lookup_by_name_async (self->resolver, domain, cancellable,
                                       lookup_by_name_cb, g_steal_pointer (&task));
      return;
    }
  store_and_continue (task, MX_UNKNOWN);
}

static void
check_next_domain (GTask *task)
{
  MjMxChecker *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);

  while (data->next < data->domains->len)
    {
      const char *domain = g_ptr_array_index (data->domains, data->next);
      MxEntry *entry = g_hash_table_lookup (self->cache, domain);

      if (entry != NULL && entry->expires > g_get_monotonic_time ())
        {
          g_ptr_array_add (data->items, mx_item (domain, entry->state));
          data->next++;
          continue;
        }
      g_resolver_lookup_records_async (self->resolver, domain, G_RESOLVER_RECORD_MX,
                                       g_task_get_cancellable (task), lookup_records_cb,
                                       g_object_ref (task));
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (data->items), (GDestroyNotify) g_ptr_array_unref);
}

void
mj_mx_checker_check_async (MjMxChecker         *self,
                           const char * const  *recipients,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (MJ_IS_MX_CHECKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mj_mx_checker_check_async);
  data = g_new0 (CheckData, 1);
  data->domains = g_ptr_array_new_with_free_func (g_free);
  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mj_presend_item_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    {
      g_autofree char *addr = bare_address (recipients[i]);
      const char *at = strrchr (addr, '@');
      g_autofree char *domain = NULL;
      gboolean seen = FALSE;

      /* Syntax errors are reported by mj_presend_check_run(). */
      if (!mj_presend_address_valid (addr) || at == NULL)
        continue;
      domain = g_ascii_strdown (at + 1, -1);
      for (guint k = 0; k < data->domains->len; k++)
        if (strcmp (g_ptr_array_index (data->domains, k), domain) == 0)
          seen = TRUE;
      if (!seen)
        g_ptr_array_add (data->domains, g_steal_pointer (&domain));
    }
  check_next_domain (task);
}

GPtrArray *
mj_mx_checker_check_finish (MjMxChecker   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MJ_IS_MX_CHECKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
