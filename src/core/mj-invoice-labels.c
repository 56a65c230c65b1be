#define G_LOG_DOMAIN "mj-invoice-text"

#include "config.h"

#include "mj-invoice-labels-private.h"

/*
 * The words of invoices, as data: what names each field in some twenty
 * languages, what names something else that looks like it, and what tells
 * a document's country. All patterns are GRegex (PCRE) syntax, matched
 * without case on NFKC text, so "Nº" and "№" arrive as "No" and full-width
 * letters as ASCII. mj-invoice-text.c compiles them once.
 */

/* "Nº" and "№" are "No" after NFKC; "N°" keeps the degree sign. */
#define NUM "(?:(?:number|nummer|numer|n[uú]mero|num[eé]ro|n[uú]m\\.?|nro\\.?|nr\\.?|n\\s?\\.?\\s?[o°]\\.?|no\\.?|n\\.|" \
  "č\\.|čís(?:lo)?\\.?|sz\\.|αρ\\.?|αριθμός)(?!\\p{L})|#)"

/* Names of the document itself. */
#define TITLE "(?:factura|fatura|facture|fattura|factuur|invoice|rechnung|faktura|faktur|lasku|sz[áa]mla|" \
  "τιμολόγιο|сч[её]т(?:-фактура)?|рахунок|boleta|nota\\s+fiscal|fatura-recibo|factura-recibo|請求書|发票|發票|" \
  "nota\\s+de\\s+cr[ée]dito|nota\\s+di\\s+credito|credit\\s+note|avoir|gutschrift|creditnota)"

/* Words that may stand between the title and "Nº": "Factura simplificada
 * Nº", "Factura A Nº", "Factura electrónica de venta No.", "Faktura VAT
 * nr", "Счет на оплату №". */
#define QUAL "(?:\\s*-?\\s*(?:simplificada|rectificativa|proforma|pro-forma|completa|original|fiscal|fiscală|" \
  "electr[oó]nica|eletr[oô]nica|ordinaria|de|del|venta|comercial|tax|commercial|sales|final|d'acompte|" \
  "rectificative|simplifi[ée]e|vat|recibo|на|оплату|[A-ECM])(?![\\p{L}\\d]))"

#define B "(?<!\\p{L})"
#define E "(?!\\p{L})"

const MjInvoiceLabelDef _mj_invoice_label_defs[] = {
  /* ---- invoice number ---- */
  { MJ_INVOICE_FIELD_NUMBER, 0, "*", B TITLE QUAL "{0,4}\\s*" NUM },
  { MJ_INVOICE_FIELD_NUMBER, 0, "*", B NUM "\\s*(?:de\\s+la\\s+|de\\s+|del\\s+|da\\s+|di\\s+|della\\s+|du\\s+)?" TITLE E },
  { MJ_INVOICE_FIELD_NUMBER, 0, "en", "invoice\\s*(?:id|ref\\.?|reference)" E "|inv\\.?\\s*(?:no\\.?|#|number)" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "de", "rechnungs[\\s-]?(?:nummer|nr\\.?|no\\.?)|" B "re\\.?\\s?-?\\s?nr\\.?|beleg[\\s-]?(?:nummer|nr\\.?)" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "nl", "factuur[\\s-]?(?:nummer|nr\\.?)" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "sv", "faktura[\\s-]?(?:nummer|nr\\.?)" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "fi", "laskun\\s+(?:numero|nro|nr\\.?)|laskunumero|lasku\\s*nro" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "hu", "sz[áa]mla\\s*(?:sorsz[áa]ma|sz[áa]ma|sz[áa]m)" E "|" B "sorsz[áa]m" E },
  { MJ_INVOICE_FIELD_NUMBER, 0, "pl", "numer\\s+faktury" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "cs", "(?:č[íi]slo|čís\\.)\\s+faktury|daňov[ýy]\\s+doklad\\s*(?:č\\.|číslo)" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "ro", "num[ăa]r\\s+factur[ăa]|" B "seria\\s+[A-Z0-9]{1,8}\\s+(?:nr|num[ăa]r)\\.?" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "tr", "fatura\\s+numaras[ıi]" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "el", "αριθμός\\s+τιμολογίου|αρ\\.?\\s*τιμολογίου" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "pt", "n[uú]mero\\s+da\\s+(?:nota|nfs-?e|nf-?e)|n[o°]\\.?\\s+da\\s+nota|" B "nf-?e\\s*n[o°]\\.?" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "ja", "請求書番号|請求番号|インボイス番号" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "zh", "发票号码|發票號碼|发票编号|發票編號" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "ko", "(?:계산서|청구서|송장)\\s*번호" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "id", "(?:nomor|no\\.?)\\s*(?:faktur|invoice)" },
  { MJ_INVOICE_FIELD_NUMBER, 0, "vi", "số\\s+hóa\\s+đơn" },
  { MJ_INVOICE_FIELD_NUMBER, 1, "*", B TITLE "\\s*:" },
  { MJ_INVOICE_FIELD_NUMBER, 1, "en", "bill\\s*(?:no\\.?|number|#)" E "|receipt\\s*(?:number|no\\.?|#)|document\\s*(?:no\\.?|number|#)|"
                                      "credit\\s+note\\s*(?:no\\.?|number|#)" },
  { MJ_INVOICE_FIELD_NUMBER, 1, "es", B "folio(?!\\s+fiscal)" E "|" B "comp(?:robante)?\\.?\\s*" NUM "|" B "recibo\\s*" NUM },
  { MJ_INVOICE_FIELD_NUMBER, 1, "it", "numero\\s+documento|n\\.\\s+documento" },
  { MJ_INVOICE_FIELD_NUMBER, 1, "ja", "伝票番号" },
  { MJ_INVOICE_FIELD_NUMBER, 2, "*", B TITLE E QUAL "{0,4}" },
  { MJ_INVOICE_FIELD_NUMBER, 3, "*", "^(?:n[o°]\\.?|n[uú]mero|number|nummer|nr\\.?|ref\\.?|referencia|reference|r[ée]f[ée]rence|"
                                     "αριθμός|番号)\\s*:" },
  /* A header cell of its own, the value under it ("NÚMERO   FECHA"). */
  { MJ_INVOICE_FIELD_NUMBER, 3, "*", "^(?:n[uú]mero|number|nummer|num[ée]ro|αριθμός|番号)$" },

  /* ---- issue date ---- */
  { MJ_INVOICE_FIELD_DATE, 0, "es", "fecha\\s+(?:de\\s+)?(?:la\\s+)?(?:factura|emisi[oó]n|expedici[oó]n|documento)|"
                                    "fecha\\s+y\\s+hora\\s+de\\s+emisi[oó]n" },
  { MJ_INVOICE_FIELD_DATE, 0, "en", "invoice\\s+date|date\\s+of\\s+(?:issue|invoice)|issue\\s+date|date\\s+issued|issued\\s+on|"
                                    "billing\\s+date|bill\\s+date|tax\\s+point|invoice\\s+dated" },
  { MJ_INVOICE_FIELD_DATE, 0, "fr", "date\\s+(?:de\\s+)?(?:la\\s+)?(?:facture|facturation|d['’]?\\s?[ée]mission)" },
  { MJ_INVOICE_FIELD_DATE, 0, "de", "rechnungs-?datum|belegdatum|ausstellungsdatum" },
  { MJ_INVOICE_FIELD_DATE, 0, "it", "data\\s+(?:della\\s+)?fattura|data\\s+(?:del\\s+)?documento|data\\s+(?:di\\s+)?emissione" },
  { MJ_INVOICE_FIELD_DATE, 0, "pt", "data\\s+(?:da\\s+)?(?:fatura|emiss[aã]o)|data\\s+de\\s+emiss[aã]o|data\\s+e\\s+hora\\s+d[ae]\\s+emiss[aã]o" },
  { MJ_INVOICE_FIELD_DATE, 0, "nl", "factuurdatum" },
  { MJ_INVOICE_FIELD_DATE, 0, "ca", "data\\s+(?:de\\s+)?(?:la\\s+)?factura|data\\s+d['’]emissi[oó]" },
  { MJ_INVOICE_FIELD_DATE, 0, "pl", "data\\s+wystawienia" },
  { MJ_INVOICE_FIELD_DATE, 0, "cs", "datum\\s+vystaven[ií]|d[áa]tum\\s+vyhotovenia|d[áa]tum\\s+vystavenia" },
  { MJ_INVOICE_FIELD_DATE, 0, "sv", "fakturadatum|fakturadato" },
  { MJ_INVOICE_FIELD_DATE, 0, "fi", "laskun\\s+p[äa]iv[äa]m[äa][äa]r[äa]|laskutusp[äa]iv[äa]|p[äa]iv[äa]ys" },
  { MJ_INVOICE_FIELD_DATE, 0, "ro", "data\\s+(?:emiterii|emitere|facturii)" },
  { MJ_INVOICE_FIELD_DATE, 0, "hu", B "(?:sz[áa]mla\\s+)?kelte" E "|ki[áa]ll[íi]t[áa]s\\s+d[áa]tuma" },
  { MJ_INVOICE_FIELD_DATE, 0, "tr", "fatura\\s+tarihi|d[üu]zenleme\\s+tarihi" },
  { MJ_INVOICE_FIELD_DATE, 0, "el", "ημερομηνία\\s+έκδοσης" },
  { MJ_INVOICE_FIELD_DATE, 0, "ru", "дата\\s+(?:выставления|документа|сч[её]та)" },
  { MJ_INVOICE_FIELD_DATE, 0, "ja", "請求日|発行日|請求書発行日" },
  { MJ_INVOICE_FIELD_DATE, 0, "zh", "开票日期|開票日期" },
  { MJ_INVOICE_FIELD_DATE, 0, "ko", "발행일|작성일자|청구일" },
  { MJ_INVOICE_FIELD_DATE, 0, "id", "tanggal\\s+(?:faktur|invoice)" },
  { MJ_INVOICE_FIELD_DATE, 1, "*", B "(?:fecha|date|datum|data|dated|dato|p[äa]iv[äa]m[äa][äa]r[äa]|pvm|tarih|ημερομηνία|дата|"
                                   "日付|日期|tanggal|d[áa]tum)" E },

  /* ---- amount to pay ---- */
  { MJ_INVOICE_FIELD_TOTAL, 0, "es", "total\\s+a\\s+(?:pagar|abonar|cobrar)|importe\\s+a\\s+(?:pagar|abonar)|" B "a\\s+pagar|"
                                     "neto\\s+a\\s+pagar|l[ií]quido\\s+a\\s+pagar|total\\s+a\\s+liquidar|saldo\\s+a\\s+pagar|total\\s+pendiente" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "en", "total\\s+due|amount\\s+due|balance\\s+due|amount\\s+payable|total\\s+payable|total\\s+to\\s+pay|"
                                     "amount\\s+to\\s+pay|please\\s+pay|pay\\s+this\\s+amount|balance\\s+payable|amount\\s+owing|total\\s+owing" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "fr", "net\\s+[àa]\\s+payer|reste\\s+[àa]\\s+payer|montant\\s+d[uû]|" B "[àa]\\s+payer|solde\\s+d[uû]" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "de", "zu\\s+zahlen|zahlbetrag|endbetrag|offener\\s+betrag" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "it", "totale\\s+da\\s+pagare|netto\\s+a\\s+pagare|importo\\s+da\\s+pagare|saldo\\s+da\\s+pagare" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "pt", "total\\s+a\\s+pagar|valor\\s+a\\s+pagar" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "nl", "te\\s+betalen|openstaand\\s+bedrag" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "pl", "do\\s+zap[łl]aty" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "cs", "k\\s+[úu]hrad[ěe]|k\\s+zaplacen[íi]|na\\s+[úu]hradu" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "sv", "att\\s+betala|" B "at\\s+betale|" B "å\\s+betale" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "fi", "maksettava" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "ro", "total\\s+de\\s+plat[ăa]|" B "de\\s+plat[ăa]" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "hu", "fizetend[őo]" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "tr", "[öo]denecek\\s+(?:tutar|toplam)" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "el", "πληρωτέο|σύνολο\\s+πληρωμής" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "ru", B "к\\s+оплате|" B "до\\s+сплати" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "ja", "ご請求金額|請求金額|お支払金額|お支払い金額|ご請求額|税込合計" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "zh", "价税合计|價稅合計|应付金额|應付金額" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "ko", "청구\\s*금액" },
  { MJ_INVOICE_FIELD_TOTAL, 0, "id", "total\\s+tagihan|jumlah\\s+(?:yang\\s+harus\\s+)?dibayar|total\\s+bayar" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "es", "total\\s+(?:de\\s+(?:la\\s+)?)?factura|importe\\s+total|total\\s+importe|total\\s+general|"
                                     "total\\s+con\\s+iva|total\\s*\\(?iva\\s+incl|monto\\s+total|valor\\s+total|total\\s+comprobante" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "en", "grand\\s+total|invoice\\s+total|total\\s+amount|total\\s+incl|total\\s+inc\\.?\\s+(?:vat|gst|tax)|"
                                     "total\\s+\\(?incl|total\\s*\\(?(?:eur|usd|gbp|chf|cad|aud|nzd|mxn|inr|sgd)\\)?" E },
  { MJ_INVOICE_FIELD_TOTAL, 1, "fr", "total\\s+ttc|montant\\s+(?:total|ttc)|total\\s+tvac|total\\s+g[ée]n[ée]ral" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "de", "gesamtbetrag|rechnungsbetrag|gesamtsumme|endsumme|bruttobetrag|summe\\s+brutto|brutto\\s*summe|"
                                     "rechnungssumme|gesamt\\s+brutto" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "it", "totale\\s+(?:fattura|documento|complessivo|generale)|importo\\s+totale" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "pt", "total\\s+da\\s+fatura|total\\s+geral|valor\\s+l[ií]quido" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "nl", "totaalbedrag|totaal\\s+incl|totaal\\s+bedrag" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "ca", "import\\s+total" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "pl", "razem\\s+brutto|warto[śs][ćc]\\s+brutto|kwota\\s+brutto|og[óo][łl]em" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "cs", "celkem\\s+(?:s\\s+dph|v[čc]etn[ěe])|celkov[áa]\\s+[čc][áa]stka" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "sv", "totalt?\\s+inkl|summa\\s+inkl|totalbelopp|totalbel[øo]b|totalbel[øo]p" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "fi", "loppusumma|yhteens[äa]\\s+(?:sis|alv)" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "hu", "brutt[óo]\\s+(?:[öo]sszesen|v[ée]g[öo]sszeg)|v[ée]g[öo]sszeg" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "tr", "genel\\s+toplam" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "el", "γενικό\\s+σύνολο|συνολική\\s+αξία|συνολικό\\s+ποσό" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "ru", "(?:итого|всего|сумма)\\s+с\\s+ндс" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "ja", "合計金額|総額|税込金額" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "zh", "总计|總計|合计金额|含税总额" },
  { MJ_INVOICE_FIELD_TOTAL, 1, "ko", "총액|총\\s*합계" },
  { MJ_INVOICE_FIELD_TOTAL, 2, "*", B "(?:total|totale|totaal|totalt|summe|summa|suma|sum|razem|celkem|celkom|spolu|yhteens[äa]|"
                                    "[öo]sszesen|toplam|σύνολο|итого|всего|jumlah|i\\s+alt)" E "|合計|合计|합계" },
  { MJ_INVOICE_FIELD_TOTAL, 3, "en", "amount\\s+paid|paid\\s+amount" },
};

/* What a cell names instead of the field. For the issue date and the
 * total, the whole cell is checked (a specific date label before the
 * value is let through, "Fecha de la factura/Fecha de la entrega"); for
 * the invoice number, the words before the label ("E-Way Bill No.",
 * "Customer invoice"). */
const MjInvoiceExcludeDef _mj_invoice_exclude_defs[] = {
  { MJ_INVOICE_FIELD_NUMBER, "*", "order|pedido|commande|bestell|ordine|encomenda|zam[óo]wienie|objedn|customer|cliente|client|"
                                  "kunde|klant|account|cuenta|compte|konto|e-?way|waybill|delivery|albar[aá]n|lieferschein|"
                                  "livraison|consegna|ddt|remito|certificado|folio\\s+fiscal" },
  { MJ_INVOICE_FIELD_DATE, "es", "vencim|venc\\.|pago|entrega|pedido|albar[aá]n|validez|periodo|servicio|nacimiento|despacho|"
                                 "env[ií]o|inicio|desde|hasta|certificaci[oó]n|timbrado|impres" },
  { MJ_INVOICE_FIELD_DATE, "en", "due|payment|delivery|ship|order|valid|expir|period|service|birth|from|until|print" },
  { MJ_INVOICE_FIELD_DATE, "fr", "[ée]ch[ée]ance|livraison|commande|p[ée]riode|paiement|r[èe]glement" },
  { MJ_INVOICE_FIELD_DATE, "de", "f[äa]llig|zahlbar|liefer|leistung|bestell|zahlung" },
  { MJ_INVOICE_FIELD_DATE, "it", "scadenza|consegna|ddt|ordine|pagamento" },
  { MJ_INVOICE_FIELD_DATE, "pt", "vencimento|pagamento|sa[ií]da|entrada|entrega|compet[êe]ncia" },
  { MJ_INVOICE_FIELD_DATE, "nl", "vervaldatum|levering|betaal" },
  { MJ_INVOICE_FIELD_DATE, "ca", "venciment|lliurament" },
  { MJ_INVOICE_FIELD_DATE, "pl", "termin|sprzeda[żz]y|dostawy|p[łl]atno" },
  { MJ_INVOICE_FIELD_DATE, "cs", "splatnost|zdaniteln|dodání|uskute[čc]n" },
  { MJ_INVOICE_FIELD_DATE, "sv", "f[öo]rfallo|forfald|forfall|betalningsvillkor|leverans" },
  { MJ_INVOICE_FIELD_DATE, "fi", "er[äa]p[äa]iv[äa]|toimitus" },
  { MJ_INVOICE_FIELD_DATE, "ro", "scaden|livr[ăa]r" },
  { MJ_INVOICE_FIELD_DATE, "hu", "hat[áa]rid[őo]|teljes[íi]t[ée]s|esed[ée]kes" },
  { MJ_INVOICE_FIELD_DATE, "tr", "vade|sevk" },
  { MJ_INVOICE_FIELD_DATE, "el", "λήξη|πληρωμ" },
  { MJ_INVOICE_FIELD_DATE, "ru", "срок|оплатить\\s+до" },
  { MJ_INVOICE_FIELD_DATE, "ja", "支払|期限|納期|納品" },
  { MJ_INVOICE_FIELD_DATE, "ko", "납기|만기" },
  { MJ_INVOICE_FIELD_DATE, "id", "jatuh\\s+tempo" },
  { MJ_INVOICE_FIELD_TOTAL, "*", "sub\\s*-?\\s*total|subtotaal|zwischensumme|zwischentotal|ara\\s+toplam" },
  { MJ_INVOICE_FIELD_TOTAL, "*", "total\\s+(?:ht|h\\.t\\.|hors|net|neto|netto|sin|base|bruto|iva(?!\\s+incl)|igv|tva|"
                                 "vat(?!\\s+incl)|tax(?:es)?(?!\\s+incl)|gst(?!\\s+incl)|hst|mwst|ust|excl|exkl|ex\\.|before|"
                                 "items?|art[ií]culos|unidades|uds|qty|cantidad|quantity|pages?|p[áa]ginas|horas|hours|weight|peso|"
                                 "l[ií]neas|lines|descuentos?|discounts?|remise|rabatt|pagado|paid|pay[ée]|bezahlt|anticipo|"
                                 "deposit|acompte|retenci|savings|ahorro|gravad|exent|exempt|imponible|imposable|sconto|ritenut|"
                                 "imponibile|impuestos?|btw|moms|mva|alv|dph|kdv|sem\\s+iva|senza\\s+iva|excluding|without|"
                                 "dos\\s+produtos|dos\\s+tributos|fără)" },
  { MJ_INVOICE_FIELD_TOTAL, "*", "base\\s+imponible|base\\s+imposable|imponibile|netto(?!\\s+a\\s+pagare)|nettobetrag|montant\\s+ht|"
                                 "monto\\s+neto|monto\\s+exento|op\\.?\\s+gravada|mal\\s+hizmet|toplam\\s+iskonto|hesaplanan|matrah|"
                                 "veroton|nett[óo]|bez\\s+dph|z[áa]klad|καθαρή|без\\s+ндс|小計|小计|消費税|税额|税額|"
                                 "con\\s+letra|en\\s+letras|in\\s+words|" B "son\\s*:" },
};

/* Where a document comes from, for a bare "$", "kr" or "¥" (or an amount
 * with no currency at all): tax identifiers and authorities that only one
 * country prints. Each match is one vote. */

const MjInvoiceCurrencyHint _mj_invoice_currency_hints[] = {
  { "MXN", B "(?:R\\.?F\\.?C\\.?|CFDI|M\\.N\\.)" E "|folio\\s+fiscal|r[ée]gimen\\s+fiscal|pesos\\s+mexicanos|m[ée]xico" },
  { "ARS", B "(?:CUIT|AFIP|ARCA|IIBB)" E "|ingresos\\s+brutos|argentina" },
  { "CLP", B "(?:R\\.U\\.T\\.?|RUT|S\\.I\\.I\\.|SII)" E "|timbre\\s+electr|chile" E },
  { "COP", B "(?:NIT|DIAN|CUFE)" E "|colombia" },
  { "UYU", B "DGI" E "|uruguay" },
  { "DOP", B "(?:RNC|ITBIS|NCF)" E },
  { "USD", B "(?:EIN|USA|U\\.S\\.A\\.)" E "|sales\\s+tax|united\\s+states|ecuador|el\\s+salvador|puerto\\s+rico|"
           "(?-i)(?<![A-Za-z])(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
           "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC),?\\s+\\d{5}(?:-\\d{4})?(?!\\d)" },
  { "CAD", "GST/HST|" B "(?:HST|QST|TPS|TVQ)" E "|canada" },
  { "AUD", B "ABN" E "|australia" },
  { "NZD", "new\\s+zealand|" B "IRD" E },
  { "SGD", "singapore|" B "UEN" E },
  { "HKD", "hong\\s+kong" },
  { "SEK", "bankgiro|plusgiro|" B "moms(?:reg)?" E "|att\\s+betala|sverige" },
  { "NOK", B "(?:MVA|KID)" E "|å\\s+betale|norge" },
  { "DKK", B "CVR" E "|" B "at\\s+betale|danmark" },
  { "ISK", "kennitala|ísland" },
  { "CNY", "发票|發票|增值税|人民币|人民幣|" B "RMB" E "|元" },
  { "JPY", "円|消費税|請求書|株式会社|[\\x{3040}-\\x{30ff}]" },
  { "EUR", "partita\\s+iva|" B "P\\.?\\s?IVA" E "|codice\\s+fiscale|ust-?id|steuernummer|" B "(?:SIRET|SIREN)" E "|"
           "tva\\s+intra|" B "(?:NIF|CIF)" E "|" B "(?:BTW|KvK)" E "|ATU\\d{8}|"
           "contribuinte|(?-i)(?<![A-Z0-9])(?:(?:ES|DE|FR|IT|PT|NL|BE|AT|IE|FI|GR|SK|SI|EE|LV|LT|LU|MT|CY|HR)\\d{2}"
           "(?:\\s?[A-Z0-9]{4}){3,7}|IT\\d{11}|ES[A-Z]\\d{7}[A-Z0-9]|DE\\d{9}|FR[A-Z0-9]{2}\\s?\\d{9}|NL\\d{9}B\\d{2}|"
           "BE\\s?0\\d{3}\\.?\\d{3}\\.?\\d{3}|PT\\d{9}|EL\\d{9})(?![A-Z0-9])" },
  { "RON", B "(?:CUI|lei)" E "|IBAN\\s*:?\\s*RO\\d{2}|(?-i)\\bRO\\d{6,10}\\b" },
  { "CHF", B "MWST" E "|CHE-\\d{3}|schweiz|suisse|svizzera" },
  { "GBP", "VAT\\s+reg|united\\s+kingdom|IBAN\\s*:?\\s*GB\\d{2}" },
  { "PLN", B "NIP" E "|polska" },
  { "CZK", "DIČ\\s*:?\\s*CZ|IBAN\\s*:?\\s*CZ\\d{2}" },
  { "HUF", "ad[óo]sz[áa]m" },
  { "TRY", B "(?:VKN|TCKN)" E "|vergi\\s+dairesi" },
  { "RUB", B "(?:ИНН|КПП)" E },
  { "INR", B "(?:GSTIN|CGST|SGST|IGST|HSN)" E },
  { "BRL", B "(?:CNPJ|CPF|DANFE|NF-?e|NFS-?e)" E },
  { "PEN", B "(?:R\\.?U\\.?C\\.?|SUNAT|IGV)" E "|soles" },
};

#undef B
#undef E

const guint _mj_invoice_n_label_defs = G_N_ELEMENTS (_mj_invoice_label_defs);
const guint _mj_invoice_n_exclude_defs = G_N_ELEMENTS (_mj_invoice_exclude_defs);
const guint _mj_invoice_n_currency_hints = G_N_ELEMENTS (_mj_invoice_currency_hints);
