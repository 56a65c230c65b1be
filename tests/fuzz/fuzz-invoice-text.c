/* libFuzzer target: invoice field extraction (labels, amounts, dates,
 * e-mail addresses) on arbitrary text, as read from any PDF. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mj-invoice-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(MjInvoiceFields) fields = mj_invoice_fields_extract (text);
  double amount = 0;
  g_autofree char *currency = NULL;
  g_autofree char *matched = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *date_text = NULL;

  g_assert (fields != NULL && fields->emails != NULL);
  if (fields->date != NULL)
    g_assert (strlen (fields->date) == 10);
  for (guint i = 0; fields->emails[i] != NULL; i++)
    g_assert (strchr (fields->emails[i], '@') != NULL);
  if (mj_invoice_parse_amount (text, &amount, &currency, &matched))
    g_assert (matched != NULL);
  if (mj_invoice_parse_date (text, &iso, &date_text))
    g_assert (iso != NULL && strlen (iso) == 10 && date_text != NULL);
  return 0;
}
