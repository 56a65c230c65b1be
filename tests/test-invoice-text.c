#include "config.h"

#include <math.h>
#include <string.h>

#include "mj-invoice-amount.h"
#include "mj-invoice-date.h"
#include "mj-invoice-text.h"

/*
 * Invoice text in, fields out: the text layouts that `pdftotext -layout`
 * (and the inspector's own layout text, built the same way from Poppler's
 * glyph boxes) produce for invoices of many countries. Columns are runs of
 * two or more spaces; a label sits before its value on the same line, in
 * the next column, or above it.
 *
 * Every row names what a person reading the invoice would answer: the
 * invoice number (not the order, customer, tax or bank number), the issue
 * date (not the due or delivery date), the grand total (not the subtotal,
 * the tax or a count) with its currency, and every e-mail address.
 *
 * Assertions are non-fatal, so a failing row reports every field it got
 * wrong.
 */

#define NO_TOTAL (-1.0)

typedef struct {
  const char *name;
  const char *text;
  const char *number;      /* NULL: none expected */
  const char *date;        /* ISO, NULL: none expected */
  double      total;       /* NO_TOTAL: none expected */
  const char *currency;    /* ISO 4217, NULL: unknown */
  const char *emails;      /* comma separated, in order; "" for none */
} DocRow;

static const DocRow doc_rows[] = {
  /* ---------------------------------------------------------------- Spain */
  { "es/right-block-and-totals",
    "                                                          FACTURA\n"
    "Reformas Hernández S.L.                         Nº Factura:      2026/0147\n"
    "CIF: B-87654321                                 Fecha:           23/11/2026\n"
    "C/ Alcalá 120, 28009 Madrid                     Nº Cliente:      430\n"
    "Tel. 91 555 12 34\n"
    "\n"
    "Cliente:\n"
    "Comunidad de Propietarios Velázquez 8\n"
    "NIF: H-12345678\n"
    "\n"
    "Descripción                        Cantidad      Precio       Importe\n"
    "Reparación bajante                    1         320,00 €      320,00 €\n"
    "Mano de obra (horas)                  6          35,00 €      210,00 €\n"
    "\n"
    "                                   Base imponible             530,00 €\n"
    "                                   IVA 21%                    111,30 €\n"
    "                                   Total factura              641,30 €\n"
    "\n"
    "Forma de pago: transferencia bancaria\n"
    "IBAN: ES91 2100 0418 4502 0005 1332\n"
    "info@reformashernandez.es\n",
    "2026/0147", "2026-11-23", 641.30, "EUR", "info@reformashernandez.es" },

  { "es/header-row-values-below",
    "Estudio Gráfico Lumen S.L.U.   ·   B98765432   ·   hola@estudiolumen.com\n"
    "\n"
    "FACTURA\n"
    "\n"
    "Número de factura       Fecha de expedición       Fecha de vencimiento\n"
    "A-2026-0089             05/11/2026                05/12/2026\n"
    "\n"
    "Concepto                                Unidades     Precio       Total\n"
    "Licencia anual software                     1     1.200,00    1.200,00\n"
    "Soporte técnico                             1       300,00      300,00\n"
    "\n"
    "Base imponible        IVA 21%        Total\n"
    "1.500,00              315,00         1.815,00\n"
    "\n"
    "Total a pagar:   1.815,00 €\n",
    "A-2026-0089", "2026-11-05", 1815.00, "EUR", "hola@estudiolumen.com" },

  { "es/simplified-ticket",
    "CAFETERÍA EL SOL\n"
    "NIF 12345678Z\n"
    "FACTURA SIMPLIFICADA\n"
    "Nº: T001-004512\n"
    "Fecha: 23-11-2026   Hora: 10:32\n"
    "2 x Café con leche            3,20\n"
    "1 x Tostada                   2,50\n"
    "TOTAL (IVA incl.)             5,70 €\n"
    "Entregado                    10,00 €\n"
    "Cambio                        4,30 €\n",
    "T001-004512", "2026-11-23", 5.70, "EUR", "" },

  { "es/order-number-first-and-withholding",
    "Nº Pedido: PED-5561\n"
    "Factura Nº: F-2026-300\n"
    "Fecha de expedición: 23 de noviembre de 2026\n"
    "Concepto                                         Importe\n"
    "Desarrollo web                                 2.000,00 €\n"
    "Subtotal                                       2.000,00 €\n"
    "IVA (21%)                                        420,00 €\n"
    "Retención IRPF (15%)                            -300,00 €\n"
    "Importe total                                  2.120,00 €\n",
    "F-2026-300", "2026-11-23", 2120.00, "EUR", "" },

  { "es/labels-above-values-one-column",
    "Número de factura\n"
    "2026-0045\n"
    "Fecha de expedición\n"
    "23 de noviembre de 2026\n"
    "Total factura\n"
    "1.452,00 €\n",
    "2026-0045", "2026-11-23", 1452.00, "EUR", "" },

  { "es/customer-number-and-counts",
    "Nº cliente: 000123          Nº Factura: 26/0456\n"
    "Fecha: 23.11.2026           Página 1 de 1\n"
    "Total artículos: 3          Total de páginas: 1\n"
    "Base imponible: 400,00    IVA 21%: 84,00    Total a pagar: 484,00 €\n",
    "26/0456", "2026-11-23", 484.00, "EUR", "" },

  { "es/marketplace-invoice",
    "Factura\n"
    "Pagado\n"
    "Fecha de la factura/Fecha de la entrega   23.11.2026\n"
    "Número de la factura                      ES6ABCD12345\n"
    "Número del pedido                         402-1234567-1234567\n"
    "Total a pagar                             45,99 €\n"
    "Vendido por Tienda Online S.L. | NIF ESB12345678\n",
    "ES6ABCD12345", "2026-11-23", 45.99, "EUR", "" },

  { "es/invoice-number-in-title",
    "FACTURA 2026-0312\n"
    "Fecha: 23/11/2026\n"
    "Cliente: Hotel Mirador, S.A.   CIF A28000000\n"
    "Subtotal          800,00\n"
    "IVA 10%            80,00\n"
    "TOTAL             880,00 EUR\n"
    "Contacto: administracion@hotelmirador.es\n",
    "2026-0312", "2026-11-23", 880.00, "EUR", "administracion@hotelmirador.es" },

  /* --------------------------------------------------------------- Mexico */
  { "mx/cfdi-serie-y-folio",
    "EMPRESA EJEMPLO SA DE CV                               FACTURA\n"
    "RFC: EEJ920101ABC                                      Serie y folio: A-1234\n"
    "Régimen fiscal: 601 General de Ley Personas Morales    Folio fiscal:\n"
    "Lugar de expedición: 06600                             6F9619FF-8B86-D011-B42D-00C04FC964FF\n"
    "                                                       Fecha de emisión: 2026-11-23T10:15:30\n"
    "Receptor: CLIENTE DEMO SA DE CV\n"
    "RFC receptor: CDE010101XYZ         Uso CFDI: G03 Gastos en general\n"
    "\n"
    "Cantidad   Clave unidad   Descripción                 Valor unitario       Importe\n"
    "1          E48            Servicio de consultoría         $1,000.00      $1,000.00\n"
    "\n"
    "                                                     Subtotal           $1,000.00\n"
    "                                                     IVA 16%              $160.00\n"
    "                                                     Total          $1,160.00 MXN\n"
    "\n"
    "Importe con letra: UN MIL CIENTO SESENTA PESOS 00/100 M.N.\n"
    "Moneda: MXN     Forma de pago: 03 Transferencia     Método de pago: PUE\n"
    "facturacion@empresaejemplo.mx\n",
    "A-1234", "2026-11-23", 1160.00, "MXN", "facturacion@empresaejemplo.mx" },

  { "mx/cfdi-serie-folio-cells",
    "COMERCIALIZADORA DEL NORTE S.A. DE C.V.\n"
    "R.F.C. CNO850101AB1\n"
    "Serie: B          Folio: 5678          Fecha: 23/11/2026 12:30:00\n"
    "No. de certificado: 00001000000504465028\n"
    "Cliente: Juan Pérez López      RFC: PELJ800101XX1\n"
    "Subtotal:            $ 10,000.00\n"
    "IVA trasladado 16%:   $ 1,600.00\n"
    "Total:               $ 11,600.00\n"
    "(ONCE MIL SEISCIENTOS PESOS 00/100 M.N.)\n",
    "5678", "2026-11-23", 11600.00, "MXN", "" },

  { "mx/cfdi-folio-fiscal-first",
    "Folio Fiscal (UUID): 3F2504E0-4F89-11D3-9A0C-0305E82C3301\n"
    "No. de Serie del Certificado del SAT: 00001000000505142236\n"
    "Fecha y hora de certificación: 2026-11-23T10:40:02\n"
    "Folio: 345                   Fecha y hora de emisión: 23/11/2026 10:22:33\n"
    "Conceptos\n"
    "Cantidad  Descripción              P. Unitario        Importe\n"
    "2         Mantenimiento               $1,000.00      $2,000.00\n"
    "                          Subtotal   $2,000.00\n"
    "                          IVA 16%      $320.00\n"
    "                          Total      $2,320.00\n"
    "Importe con letra: DOS MIL TRESCIENTOS VEINTE PESOS 00/100 M.N.\n",
    "345", "2026-11-23", 2320.00, "MXN", "" },

  /* ------------------------------------------------------------ Argentina */
  { "ar/afip-factura-b",
    "                                    ORIGINAL\n"
    "FERRETERÍA EL TORNILLO S.R.L.         B         FACTURA\n"
    "                                   COD. 006\n"
    "                                                Punto de Venta: 0001    Comp. Nro: 00001234\n"
    "Razón Social: Ferretería El Tornillo S.R.L.     Fecha de Emisión: 23/11/2026\n"
    "Domicilio Comercial: Av. Rivadavia 1234 - CABA  CUIT: 30712345679\n"
    "Condición frente al IVA: IVA Responsable Inscripto   Ingresos Brutos: 901-123456-7\n"
    "                                                Fecha de Inicio de Actividades: 01/03/2015\n"
    "CUIT: 20123456783      Apellido y Nombre / Razón Social: Juan Pérez\n"
    "Condición frente al IVA: Consumidor Final      Condición de venta: Contado\n"
    "Código   Producto / Servicio    Cantidad   U. medida   Precio Unit.   Subtotal\n"
    "         Taladro percutor       1,00       unidades    12.345,67      12.345,67\n"
    "                                                        Subtotal: $ 12.345,67\n"
    "                                          Importe Otros Tributos: $ 0,00\n"
    "                                                   Importe Total: $ 12.345,67\n"
    "CAE N°: 71234567890123          Fecha de Vto. de CAE: 03/12/2026\n",
    "0001-00001234", "2026-11-23", 12345.67, "ARS", "" },

  { "ar/afip-factura-c-no-grouping",
    "ORIGINAL\n"
    "Estudio Contable Gómez      C      FACTURA\n"
    "                         COD. 011\n"
    "Punto de Venta: 00003   Comp. Nro: 00000087\n"
    "Fecha de Emisión: 23/11/2026\n"
    "CUIT: 27234567891\n"
    "Período Facturado Desde: 01/11/2026   Hasta: 30/11/2026   Fecha de Vto. para el pago: 10/12/2026\n"
    "Subtotal: $ 85000,00\n"
    "Importe Otros Tributos: $ 0,00\n"
    "Importe Total: $ 85000,00\n",
    "00003-00000087", "2026-11-23", 85000.00, "ARS", "" },

  /* ---------------------------------------------------------------- Chile */
  { "cl/sii-factura-electronica",
    "COMERCIAL ANDES SPA                               R.U.T.: 76.123.456-7\n"
    "Giro: Venta al por menor                          FACTURA ELECTRÓNICA\n"
    "Av. Providencia 1234, Santiago                           N° 1234\n"
    "                                                  S.I.I. - SANTIAGO CENTRO\n"
    "Fecha Emisión: 23 de Noviembre de 2026\n"
    "Señor(es): Cliente Ltda.            R.U.T.: 77.654.321-K\n"
    "Código   Descripción          Cantidad     Precio       Valor\n"
    "001      Servicio mensual        1        100.000      100.000\n"
    "                                   MONTO NETO     $ 100.000\n"
    "                                   I.V.A. 19%     $ 19.000\n"
    "                                   MONTO TOTAL    $ 119.000\n"
    "Timbre Electrónico SII\n",
    "1234", "2026-11-23", 119000, "CLP", "" },

  { "cl/factura-electronica-inline",
    "Factura Electrónica N° 4521\n"
    "RUT: 96.543.210-3\n"
    "Fecha: 23-11-2026\n"
    "Neto $ 50.000\n"
    "IVA $ 9.500\n"
    "Total $ 59.500\n"
    "contacto@ferreteriaosorno.cl\n",
    "4521", "2026-11-23", 59500, "CLP", "contacto@ferreteriaosorno.cl" },

  /* ------------------------------------------------------------- Colombia */
  { "co/factura-electronica-de-venta",
    "DISTRIBUIDORA CAFÉ ANDINO S.A.S.\n"
    "NIT: 900.123.456-7\n"
    "FACTURA ELECTRÓNICA DE VENTA No. FE-1234\n"
    "Fecha de generación: 23/11/2026   Fecha de expedición: 23/11/2026   Fecha de vencimiento: 23/12/2026\n"
    "CUFE: 3a5b7c9d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b\n"
    "Descripción                 Cantidad      Valor unitario       Valor total\n"
    "Café tostado 500 g              100            10.000        1.000.000\n"
    "Subtotal                                                 $ 1.000.000\n"
    "IVA 19%                                                    $ 190.000\n"
    "Total a pagar                                            $ 1.190.000\n",
    "FE-1234", "2026-11-23", 1190000, "COP", "" },

  { "co/factura-de-venta-decimals",
    "FACTURA DE VENTA No. 4567\n"
    "NIT 900123456-7\n"
    "Fecha: 2026-11-23\n"
    "SUBTOTAL: $1.000.000,00\n"
    "IVA: $190.000,00\n"
    "TOTAL A PAGAR: $1.190.000,00\n",
    "4567", "2026-11-23", 1190000, "COP", "" },

  /* ----------------------------------------------------------------- Peru */
  { "pe/sunat-box",
    "SERVICIOS INTEGRALES DEL SUR S.A.C.            R.U.C. N° 20123456789\n"
    "Av. Arequipa 1234 - Lima                        FACTURA ELECTRÓNICA\n"
    "                                                   F001-00001234\n"
    "Fecha de Emisión: 23/11/2026\n"
    "Señor(es): CLIENTE SAC               RUC: 20987654321\n"
    "Moneda: SOLES\n"
    "Cantidad   Unidad   Descripción                  Valor Unitario\n"
    "1          UNIDAD   Mantenimiento preventivo        1,000.00\n"
    "                                   Op. Gravada    S/ 1,000.00\n"
    "                                   IGV 18%          S/ 180.00\n"
    "                                   Importe Total  S/ 1,180.00\n"
    "SON: MIL CIENTO OCHENTA CON 00/100 SOLES\n",
    "F001-00001234", "2026-11-23", 1180.00, "PEN", "" },

  { "pe/boleta-inline",
    "BOLETA DE VENTA ELECTRÓNICA B001-00000456\n"
    "RUC 10456789012\n"
    "Fecha de emisión: 23/11/2026\n"
    "Importe Total: S/ 59.00\n",
    "B001-00000456", "2026-11-23", 59.00, "PEN", "" },

  /* ------------------------------------------------ United States, Canada */
  { "us/classic-right-block",
    "ACME Corp                                                  INVOICE\n"
    "123 Main St                                     Invoice #:       10234\n"
    "Springfield, IL 62701                           Invoice Date:    11/23/2026\n"
    "(217) 555-0134                                  Due Date:        12/23/2026\n"
    "                                                Customer ID:     C-889\n"
    "Bill To:                         Ship To:\n"
    "John Smith                       John Smith\n"
    "\n"
    "QTY   DESCRIPTION                   UNIT PRICE        AMOUNT\n"
    "2     Widget                            $50.00       $100.00\n"
    "1     Installation                   $1,000.00     $1,000.00\n"
    "                                   Subtotal        $1,100.00\n"
    "                                   Sales Tax 8.25%    $90.75\n"
    "                                   Total           $1,190.75\n"
    "                                   Amount Paid         $0.00\n"
    "                                   Balance Due     $1,190.75\n"
    "Questions? billing@acmecorp.com\n",
    "10234", "2026-11-23", 1190.75, "USD", "billing@acmecorp.com" },

  { "us/online-service-invoice",
    "Invoice\n"
    "Invoice number     4F2A1B3C-0001\n"
    "Date of issue      November 23, 2026\n"
    "Date due           December 23, 2026\n"
    "\n"
    "Cloudly, Inc.                       Bill to\n"
    "548 Market Street                   Jane Roe\n"
    "San Francisco, California 94104     jane@example.com\n"
    "support@cloudly.io\n"
    "\n"
    "$1,234.56 USD due December 23, 2026\n"
    "Pay online\n"
    "\n"
    "Description                 Qty        Unit price          Amount\n"
    "Pro plan                      1         $1,234.56       $1,234.56\n"
    "Nov 23 – Dec 23, 2026\n"
    "                            Subtotal                    $1,234.56\n"
    "                            Total                       $1,234.56\n"
    "                            Amount due              $1,234.56 USD\n",
    "4F2A1B3C-0001", "2026-11-23", 1234.56, "USD", "jane@example.com,support@cloudly.io" },

  { "us/header-cells-values-below",
    "                                                    INVOICE\n"
    "Smith Plumbing LLC                              DATE           INVOICE #\n"
    "45 Oak Ave                                      11/23/2026     1045\n"
    "Austin, TX 78701\n"
    "BILL TO                                         TERMS          DUE DATE\n"
    "Maria Garcia                                    Net 30         12/23/2026\n"
    "\n"
    "DESCRIPTION                              QTY      RATE       AMOUNT\n"
    "Water heater replacement                   1   1,100.00     1,100.00\n"
    "Labor                                      3      44.85       134.56\n"
    "\n"
    "                                         BALANCE DUE      $1,234.56\n",
    "1045", "2026-11-23", 1234.56, "USD", "" },

  { "us/po-and-account-before-invoice",
    "P.O. Number: 4500012345        Account No.: 998877\n"
    "Invoice No. 2026-77            Date: Nov 23, 2026\n"
    "Phone: +1 (555) 010-9999\n"
    "Subtotal                       USD 1,150.00\n"
    "Shipping                          USD 84.56\n"
    "TOTAL                          USD 1,234.56\n",
    "2026-77", "2026-11-23", 1234.56, "USD", "" },

  { "us/ambiguous-numeric-date",
    "INVOICE # 8812\n"
    "Invoice date: 11/05/2026\n"
    "Terms: Due on receipt\n"
    "Total due: $480.00\n",
    "8812", "2026-11-05", 480.00, "USD", "" },

  { "ca/gst-hst",
    "Maple Web Design Inc.\n"
    "GST/HST No. 123456789 RT0001\n"
    "Invoice No.: MW-2026-118\n"
    "Date: 2026-11-23\n"
    "Subtotal            $1,000.00\n"
    "HST 13%               $130.00\n"
    "Total (CAD)         $1,130.00\n",
    "MW-2026-118", "2026-11-23", 1130.00, "CAD", "" },

  /* ------------------------------------------- UK, Ireland, Australia, India */
  { "uk/tax-invoice-pounds",
    "TAX INVOICE\n"
    "Invoice No.: INV-2026-045\n"
    "Invoice date: 23 November 2026\n"
    "VAT Reg No: GB 123 4567 89\n"
    "Description                     Net       VAT        Gross\n"
    "Consultancy                £1,028.80   £205.76   £1,234.56\n"
    "Net               £1,028.80\n"
    "VAT @ 20%           £205.76\n"
    "Total             £1,234.56\n"
    "accounts@northbridge.co.uk\n",
    "INV-2026-045", "2026-11-23", 1234.56, "GBP", "accounts@northbridge.co.uk" },

  { "uk/numeric-day-first",
    "Invoice Number: 000123\n"
    "Invoice Date: 05/11/2026\n"
    "Due Date: 05/12/2026\n"
    "Company Reg. No. 01234567\n"
    "Sub Total         £450.00\n"
    "VAT 20%            £90.00\n"
    "Amount Due        £540.00\n",
    "000123", "2026-11-05", 540.00, "GBP", "" },

  { "ie/euro-english",
    "Invoice\n"
    "Invoice Number    Invoice Date    Customer Number\n"
    "IE-5521           23/11/2026      C-0091\n"
    "VAT No. IE1234567T\n"
    "Total excl. VAT         €1,000.00\n"
    "VAT 23%                   €230.00\n"
    "Total incl. VAT         €1,230.00\n",
    "IE-5521", "2026-11-23", 1230.00, "EUR", "" },

  { "au/tax-invoice-gst",
    "TAX INVOICE\n"
    "Coastal Electrical Pty Ltd          ABN 12 345 678 901\n"
    "Invoice Number      INV-0099\n"
    "Invoice Date        05/11/2026\n"
    "Due Date            19/11/2026\n"
    "Subtotal                 $1,000.00\n"
    "Total GST 10%              $100.00\n"
    "Amount Due AUD           $1,100.00\n",
    "INV-0099", "2026-11-05", 1100.00, "AUD", "" },

  { "in/gst-tax-invoice",
    "TAX INVOICE\n"
    "Sharma Traders                            GSTIN: 29ABCDE1234F1Z5\n"
    "Invoice No.: ST/2026-27/0456             Dated: 23-Nov-2026\n"
    "Buyer's Order No.: PO-7781               E-Way Bill No.: 1812345678\n"
    "Taxable Value        1,04,640.00\n"
    "CGST 9%                 9,417.60\n"
    "SGST 9%                 9,417.60\n"
    "Grand Total       ₹ 1,23,475.20\n",
    "ST/2026-27/0456", "2026-11-23", 123475.20, "INR", "" },

  /* --------------------------------------------------------------- France */
  { "fr/siret-and-ttc",
    "SARL Dupont Électricité\n"
    "SIRET : 123 456 789 00012 – TVA intracom. : FR12 123456789\n"
    "                                            FACTURE\n"
    "                                  Facture n° : FA-2026-0311\n"
    "                                  Date de facturation : 23/11/2026\n"
    "                                  N° client : CL-0042\n"
    "Désignation           Qté       PU HT       Total HT\n"
    "Tableau électrique      1    1\u202f028,80 €   1\u202f028,80 €\n"
    "                         Total HT       1\u202f028,80\u00a0€\n"
    "                         TVA 20 %         205,76\u00a0€\n"
    "                         Total TTC      1\u202f234,56\u00a0€\n"
    "                         Net à payer    1\u202f234,56\u00a0€\n"
    "Contact : compta@dupont-elec.fr\n",
    "FA-2026-0311", "2026-11-23", 1234.56, "EUR", "compta@dupont-elec.fr" },

  { "fr/title-with-date",
    "FACTURE N° 2026-118 du 23 novembre 2026\n"
    "N° TVA intracommunautaire : FR 32 123456789\n"
    "Montant HT           2\u00a0000,00 €\n"
    "TVA (20 %)             400,00 €\n"
    "Montant TTC          2\u00a0400,00 €\n",
    "2026-118", "2026-11-23", 2400.00, "EUR", "" },

  { "be/french",
    "Facture n° : 26/045\n"
    "Date de facture : 23/11/2026\n"
    "Échéance : 23/12/2026\n"
    "N° d'entreprise : BE 0123.456.789\n"
    "Total HTVA          1.000,00 EUR\n"
    "TVA 21 %              210,00 EUR\n"
    "Total à payer       1.210,00 EUR\n",
    "26/045", "2026-11-23", 1210.00, "EUR", "" },

  /* ------------------------------------------ Germany, Austria, Switzerland */
  { "de/din-letter",
    "Müller GmbH · Hauptstr. 5 · 10115 Berlin\n"
    "Herrn Max Mustermann\n"
    "Musterweg 1\n"
    "12345 Musterstadt                          Rechnungsnummer:   2026-1187\n"
    "                                           Kundennummer:      10045\n"
    "                                           Rechnungsdatum:    23.11.2026\n"
    "                                           Lieferdatum:       20.11.2026\n"
    "Rechnung\n"
    "Pos.  Bezeichnung         Menge    Einzelpreis     Gesamtpreis\n"
    "1     Beratung               10       100,00 €      1.000,00 €\n"
    "                          Summe netto               1.000,00 €\n"
    "                          zzgl. 19 % USt.             190,00 €\n"
    "                          Summe brutto              1.190,00 €\n"
    "USt-IdNr.: DE123456789     Steuernummer: 12/345/67890\n"
    "IBAN: DE89 3704 0044 0532 0130 00     BIC: COBADEFFXXX\n"
    "rechnung@mueller-gmbh.de\n",
    "2026-1187", "2026-11-23", 1190.00, "EUR", "rechnung@mueller-gmbh.de" },

  { "de/rechnung-nr-vom",
    "Rechnung Nr. 4711 vom 23. November 2026\n"
    "Kunden-Nr.: 20331\n"
    "Nettobetrag          500,00 EUR\n"
    "USt 19 %              95,00 EUR\n"
    "Rechnungsbetrag      595,00 EUR\n",
    "4711", "2026-11-23", 595.00, "EUR", "" },

  { "de/header-row",
    "Rechnungs-Nr.       Datum          Kunden-Nr.      Seite\n"
    "RE26-00931          23.11.2026     K-1002          1/1\n"
    "Zwischensumme                    1.000,00\n"
    "MwSt. 19 %                         190,00\n"
    "Endbetrag EUR                    1.190,00\n",
    "RE26-00931", "2026-11-23", 1190.00, "EUR", "" },

  { "at/jaenner-and-uid",
    "Tischlerei Huber e.U.   UID: ATU12345678\n"
    "Rechnungsnummer: AT-2026/88\n"
    "Datum: 23. Jänner 2026\n"
    "Summe netto          € 1.028,80\n"
    "USt 20 %               € 205,76\n"
    "Gesamtbetrag         € 1.234,56\n",
    "AT-2026/88", "2026-01-23", 1234.56, "EUR", "" },

  { "ch/qr-bill",
    "Schreinerei Keller AG\n"
    "MWST-Nr. CHE-123.456.789 MWST\n"
    "Rechnung Nr. 2026-0042\n"
    "Datum: 23.11.2026\n"
    "Zwischentotal            CHF 1'147.25\n"
    "MWST 8.1%                   CHF 92.93\n"
    "Total                    CHF 1'240.18\n"
    "Empfangsschein                      Zahlteil\n"
    "Konto / Zahlbar an                  Währung     Betrag\n"
    "CH44 3199 9123 0008 8901 2          CHF         1 240.18\n",
    "2026-0042", "2026-11-23", 1240.18, "CHF", "" },

  /* ---------------------------------------------------------------- Italy */
  { "it/fattura-del",
    "Rossi S.r.l.\n"
    "P.IVA 01234567890 - C.F. 01234567890\n"
    "FATTURA N. 45/2026 del 23/11/2026\n"
    "Cliente: Bianchi S.p.A.    P.IVA 09876543210\n"
    "Codice destinatario: ABC1234\n"
    "Descrizione                 Quantità      Prezzo       Importo\n"
    "Consulenza                        1     1.000,00      1.000,00\n"
    "Imponibile              1.000,00\n"
    "IVA 22%                   220,00\n"
    "Totale documento      € 1.220,00\n"
    "Netto a pagare        € 1.220,00\n"
    "amministrazione@rossisrl.it\n",
    "45/2026", "2026-11-23", 1220.00, "EUR", "amministrazione@rossisrl.it" },

  { "it/fatturapa-table",
    "Cedente/prestatore (fornitore)             Cessionario/committente (cliente)\n"
    "Identificativo fiscale ai fini IVA: IT01234567890\n"
    "Tipologia documento    Art. 73   Numero documento   Data documento   Codice destinatario\n"
    "TD01 fattura                     2026/0099          23-11-2026       ABC1234\n"
    "Imponibile/Importo     Imposta\n"
    "1.000,00               220,00\n"
    "Importo bollo    Sconto/Maggiorazione    Arrotondamento    Totale documento\n"
    "                                                            1.220,00\n"
    "Modalità pagamento   IBAN                           Scadenze     Importo\n"
    "MP05 bonifico        IT60X0542811101000000123456    23-12-2026   1.220,00\n",
    "2026/0099", "2026-11-23", 1220.00, "EUR", "" },

  { "it/data-fattura-totale-da-pagare",
    "Numero fattura: 118\n"
    "Data fattura: 23 novembre 2026\n"
    "Totale imponibile     € 2.000,00\n"
    "Totale IVA              € 440,00\n"
    "Totale da pagare      € 2.440,00\n",
    "118", "2026-11-23", 2440.00, "EUR", "" },

  /* ----------------------------------------------------- Portugal, Brazil */
  { "pt/fatura-recibo-series",
    "Papelaria Lisboa, Lda.\n"
    "NIF: 501234567\n"
    "FATURA-RECIBO n.º FR 2026/123\n"
    "Data de emissão: 23-11-2026\n"
    "ATCUD: JJ4K5L6M-123\n"
    "Total sem IVA        1.000,00 €\n"
    "IVA 23%                230,00 €\n"
    "Total a pagar        1.230,00 €\n",
    "FR 2026/123", "2026-11-23", 1230.00, "EUR", "" },

  { "pt/fatura-header-row",
    "Fatura\n"
    "Nº Fatura        Data            Vencimento      Contribuinte\n"
    "FT 1/456         23-11-2026      23-12-2026      509876543\n"
    "Incidência      IVA        Total\n"
    "500,00          115,00     615,00\n"
    "Total a Pagar (EUR)                615,00\n",
    "FT 1/456", "2026-11-23", 615.00, "EUR", "" },

  { "br/nfs-e",
    "PREFEITURA MUNICIPAL DE SÃO PAULO\n"
    "NOTA FISCAL ELETRÔNICA DE SERVIÇOS - NFS-e\n"
    "Número da Nota           Data e Hora de Emissão        Código de Verificação\n"
    "00001234                 23/11/2026 10:15:00           ABCD-1234\n"
    "PRESTADOR DE SERVIÇOS\n"
    "CPF/CNPJ: 12.345.678/0001-90     Inscrição Municipal: 1.234.567-8\n"
    "E-mail: financeiro@agenciaazul.com.br\n"
    "VALOR TOTAL DO SERVIÇO = R$ 1.234,56\n",
    "00001234", "2026-11-23", 1234.56, "BRL", "financeiro@agenciaazul.com.br" },

  { "br/fatura-written-date",
    "Fatura nº 12345\n"
    "CNPJ 12.345.678/0001-90\n"
    "Data de emissão: 23 de novembro de 2026\n"
    "Vencimento: 10/12/2026\n"
    "Subtotal          R$ 2.000,00\n"
    "Descontos          R$ 100,00\n"
    "Total a pagar     R$ 1.900,00\n",
    "12345", "2026-11-23", 1900.00, "BRL", "" },

  /* ------------------------------------------------ Netherlands, Belgium */
  { "nl/factuur",
    "Bakker B.V.\n"
    "KvK 12345678      BTW NL123456789B01\n"
    "IBAN NL91 ABNA 0417 1643 00\n"
    "Factuur\n"
    "Factuurnummer:   2026-0042\n"
    "Factuurdatum:    23-11-2026\n"
    "Vervaldatum:     23-12-2026\n"
    "Klantnummer:     1001\n"
    "Omschrijving                Aantal        Prijs        Bedrag\n"
    "Onderhoud                        1     1.000,00      1.000,00\n"
    "Subtotaal          € 1.000,00\n"
    "BTW 21%              € 210,00\n"
    "Totaal             € 1.210,00\n"
    "administratie@bakkerbv.nl\n",
    "2026-0042", "2026-11-23", 1210.00, "EUR", "administratie@bakkerbv.nl" },

  { "be/dutch-te-betalen",
    "Factuur nr. 2026/0042\n"
    "Datum: 23/11/2026\n"
    "Ondernemingsnummer BE 0123.456.789\n"
    "Totaal excl. btw      1.000,00 EUR\n"
    "Btw 21%                 210,00 EUR\n"
    "Te betalen            1.210,00 EUR\n"
    "Gestructureerde mededeling +++123/4567/89012+++\n",
    "2026/0042", "2026-11-23", 1210.00, "EUR", "" },

  /* -------------------------------------------------------------- Catalan */
  { "ca/factura-num",
    "Factura núm. 2026/12\n"
    "Data: 23/11/2026\n"
    "Data de venciment: 23/12/2026\n"
    "Base imposable       1.000,00 €\n"
    "IVA 21%                210,00 €\n"
    "Total                1.210,00 €\n",
    "2026/12", "2026-11-23", 1210.00, "EUR", "" },

  /* ----------------------------------------------------- More of Europe */
  { "pl/faktura-vat",
    "Faktura VAT nr FV/2026/11/045\n"
    "Data wystawienia: 23.11.2026\n"
    "Data sprzedaży: 20.11.2026\n"
    "NIP: 123-456-78-90\n"
    "Razem netto       1 000,00 zł\n"
    "VAT 23%             230,00 zł\n"
    "Razem do zapłaty: 1 230,00 zł\n",
    "FV/2026/11/045", "2026-11-23", 1230.00, "PLN", "" },

  { "cz/danovy-doklad",
    "Faktura - daňový doklad č. 2026045\n"
    "IČO: 12345678     DIČ: CZ12345678\n"
    "Datum vystavení: 23. 11. 2026\n"
    "Datum splatnosti: 7. 12. 2026\n"
    "Celkem k úhradě:   12 100,00 Kč\n",
    "2026045", "2026-11-23", 12100.00, "CZK", "" },

  { "se/faktura",
    "Faktura\n"
    "Fakturanummer      10045\n"
    "Fakturadatum       2026-11-23\n"
    "Förfallodatum      2026-12-23\n"
    "Org.nr 556677-8899\n"
    "Moms 25%           2 500,00\n"
    "Att betala         SEK 12 500,00\n",
    "10045", "2026-11-23", 12500.00, "SEK", "" },

  { "dk/faktura",
    "Faktura nr. 2026-118\n"
    "Fakturadato: 23.11.2026\n"
    "CVR-nr. 12345678\n"
    "Subtotal          1.000,00\n"
    "Moms 25%            250,00\n"
    "Total DKK         1.250,00\n",
    "2026-118", "2026-11-23", 1250.00, "DKK", "" },

  { "no/faktura",
    "Fakturanr.: 10045\n"
    "Fakturadato: 23.11.2026\n"
    "Forfallsdato: 07.12.2026\n"
    "Org.nr. 987 654 321 MVA\n"
    "Å betale:    NOK 12 500,00\n",
    "10045", "2026-11-23", 12500.00, "NOK", "" },

  { "fi/lasku",
    "LASKU\n"
    "Laskun numero: 2026-045\n"
    "Päiväys: 23.11.2026\n"
    "Eräpäivä: 7.12.2026\n"
    "Y-tunnus: 1234567-8\n"
    "Veroton yhteensä     1 000,00 €\n"
    "ALV 25,5 %             255,00 €\n"
    "Maksettava yhteensä  1 255,00 €\n",
    "2026-045", "2026-11-23", 1255.00, "EUR", "" },

  { "ro/factura-seria",
    "FACTURA\n"
    "Seria ABC nr. 0045\n"
    "Data emiterii: 23.11.2026\n"
    "CUI: RO12345678\n"
    "Total fără TVA      1.000,00 RON\n"
    "TVA 19%               190,00 RON\n"
    "Total de plată      1.190,00 RON\n",
    "0045", "2026-11-23", 1190.00, "RON", "" },

  { "hu/szamla",
    "Számla\n"
    "Számla sorszáma: 2026/045\n"
    "Számla kelte: 2026.11.23.\n"
    "Fizetési határidő: 2026.12.07.\n"
    "Adószám: 12345678-2-42\n"
    "Nettó összesen       100 000 Ft\n"
    "ÁFA 27%               27 000 Ft\n"
    "Fizetendő összesen:  127 000 Ft\n",
    "2026/045", "2026-11-23", 127000, "HUF", "" },

  { "tr/fatura",
    "FATURA\n"
    "Fatura No: ABC2026000000045\n"
    "Fatura Tarihi: 23.11.2026\n"
    "VKN: 1234567890\n"
    "Mal Hizmet Toplam Tutarı     1.000,00 TL\n"
    "Hesaplanan KDV (%18)           180,00 TL\n"
    "Ödenecek Tutar               1.180,00 TL\n",
    "ABC2026000000045", "2026-11-23", 1180.00, "TRY", "" },

  { "gr/timologio",
    "ΤΙΜΟΛΟΓΙΟ ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ\n"
    "Αριθμός: 145\n"
    "Ημερομηνία: 23/11/2026\n"
    "ΑΦΜ: 123456789\n"
    "Καθαρή αξία        1.000,00 €\n"
    "ΦΠΑ 24%              240,00 €\n"
    "Πληρωτέο           1.240,00 €\n",
    "145", "2026-11-23", 1240.00, "EUR", "" },

  { "ru/schet",
    "Счет на оплату № 145 от 23 ноября 2026 г.\n"
    "ИНН 7701234567   КПП 770101001\n"
    "Итого:                 10 000,00\n"
    "В том числе НДС:        1 666,67\n"
    "Всего к оплате:        10 000,00 руб.\n",
    "145", "2026-11-23", 10000.00, "RUB", "" },

  /* ---------------------------------------------------------------- Asia */
  { "jp/seikyusho",
    "請求書\n"
    "請求書番号: INV-2026-045\n"
    "請求日: 2026年11月23日\n"
    "小計          ¥10,000\n"
    "消費税(10%)    ¥1,000\n"
    "合計          ¥11,000\n",
    "INV-2026-045", "2026-11-23", 11000, "JPY", "" },

  { "cn/fapiao",
    "增值税电子普通发票\n"
    "发票号码: 12345678\n"
    "开票日期: 2026年11月23日\n"
    "合计           ¥1,000.00      ¥170.00\n"
    "价税合计(大写)  壹仟壹佰柒拾元整      (小写) ¥1,170.00\n",
    "12345678", "2026-11-23", 1170.00, "CNY", "" },

  /* ------------------------------------- Bills and services, many countries */
  { "ie/cloud-services",
    "Invoice                                        Invoice number: 5012345678\n"
    "                                               Invoice date: Nov 30, 2026\n"
    "Bill to                                        Billing ID: 1234-5678-9012\n"
    "Acme Soluciones SL                             Domain name: acme.es\n"
    "Summary for Nov 1, 2026 - Nov 30, 2026\n"
    "Subtotal in EUR                                        €10.20\n"
    "VAT (21%)                                               €2.14\n"
    "Total in EUR                                           €12.34\n",
    "5012345678", "2026-11-30", 12.34, "EUR", "" },

  { "us/amount-due-on-date",
    "Amazon Web Services, Inc. Invoice\n"
    "Invoice Number:        1234567890\n"
    "Invoice Date:          November 2, 2026\n"
    "Account number:        123456789012\n"
    "TOTAL AMOUNT DUE ON November 2, 2026                  $45.67\n"
    "Summary\n"
    "Charges                                                $42.19\n"
    "Estimated tax                                           $3.48\n",
    "1234567890", "2026-11-02", 45.67, "USD", "" },

  { "de/telecom-spaced-number",
    "Ihre Rechnung\n"
    "Rechnungsdatum        23.11.2026\n"
    "Kundennummer          1234567890\n"
    "Rechnungsnummer       123 456 7890\n"
    "Buchungskonto         9876 5432 1000\n"
    "Summe netto                      50,38 €\n"
    "Umsatzsteuer 19 %                 9,57 €\n"
    "Zu zahlender Betrag              59,95 €\n",
    "123 456 7890", "2026-11-23", 59.95, "EUR", "" },

  { "fr/energy-bill",
    "Facture n° 10012345678 du 23/11/2026\n"
    "Référence client : 1-ABCD-123\n"
    "Montant HT                     102,88 €\n"
    "TVA                             20,58 €\n"
    "Montant TTC                    123,46 €\n"
    "Montant à payer                123,46 €\n"
    "à régler avant le 08/12/2026\n",
    "10012345678", "2026-11-23", 123.46, "EUR", "" },

  { "es/utility-bill",
    "Nº factura: 21ABC000123456\n"
    "Fecha emisión: 23/11/2026\n"
    "Periodo de facturación: del 20/10/2026 al 19/11/2026\n"
    "Fecha de cargo: 30/11/2026\n"
    "CUPS: ES0021000000000000AB\n"
    "TOTAL IMPORTE FACTURA                    65,32 €\n",
    "21ABC000123456", "2026-11-23", 65.32, "EUR", "" },

  { "nl/telecom",
    "Factuurnummer        123456789\n"
    "Factuurdatum         23 november 2026\n"
    "Klantnummer          1.2345.678\n"
    "Totaal excl. btw                € 37,19\n"
    "Btw 21%                          € 7,81\n"
    "Totaal te betalen               € 45,00\n",
    "123456789", "2026-11-23", 45.00, "EUR", "" },

  { "uk/utility-bill",
    "Your electricity bill\n"
    "Bill number: 000987654\n"
    "Bill date: 23 November 2026\n"
    "Account number: 1234567\n"
    "Balance brought forward            £0.00\n"
    "Charges this period               £98.75\n"
    "Total amount to pay               £98.75\n",
    "000987654", "2026-11-23", 98.75, "GBP", "" },

  { "ca/quebec-french",
    "Facture no 12345\n"
    "Date : 2026-11-23\n"
    "TPS 5 %                 5,00 $\n"
    "TVQ 9,975 %             9,98 $\n"
    "Total                 114,98 $\n",
    "12345", "2026-11-23", 114.98, "CAD", "" },

  { "in/marketplace",
    "Tax Invoice/Bill of Supply/Cash Memo\n"
    "Order Number: 408-1234567-1234567          Invoice Number : IN-BLR5-123456\n"
    "Order Date: 21.11.2026                     Invoice Date : 23.11.2026\n"
    "PAN No: ABCDE1234F     GST Registration No: 29ABCDE1234F1Z5\n"
    "TOTAL:                                     ₹1,180.00\n"
    "Amount in Words: One Thousand One Hundred Eighty only\n",
    "IN-BLR5-123456", "2026-11-23", 1180.00, "INR", "" },

  { "sg/tax-invoice",
    "TAX INVOICE\n"
    "Tax Invoice No: SG-2026-001\n"
    "Date: 23/11/2026\n"
    "GST Reg No: M2-1234567-8\n"
    "Sub-total          S$1,000.00\n"
    "GST 9%                S$90.00\n"
    "Total (SGD)        S$1,090.00\n",
    "SG-2026-001", "2026-11-23", 1090.00, "SGD", "" },

  { "za/tax-invoice-rand",
    "TAX INVOICE\n"
    "Invoice No: INV0001\n"
    "Date: 2026/11/23\n"
    "VAT No: 4123456789\n"
    "Subtotal           R 1 000,00\n"
    "VAT 15%              R 150,00\n"
    "Total              R 1 150,00\n",
    "INV0001", "2026-11-23", 1150.00, "ZAR", "" },

  { "ch/french-chf",
    "Facture N° 2026-118\n"
    "Date: 23.11.2026\n"
    "Sous-total        CHF 1 142.10\n"
    "TVA 8,1 %           CHF 92.40\n"
    "Montant total     CHF 1 234.50\n",
    "2026-118", "2026-11-23", 1234.50, "CHF", "" },

  { "at/zahlbetrag",
    "Rechnung Nr.: 2026/0042\n"
    "Rechnungsdatum: 23.11.2026\n"
    "Leistungszeitraum: 01.11.2026 - 15.11.2026\n"
    "Summe EUR                1.028,80\n"
    "20 % USt.                  205,76\n"
    "Zahlbetrag EUR           1.234,56\n",
    "2026/0042", "2026-11-23", 1234.56, "EUR", "" },

  { "pl/slownie",
    "Faktura nr 123/11/2026\n"
    "Data wystawienia: 2026-11-23\n"
    "Termin płatności: 2026-12-07\n"
    "Do zapłaty: 1 230,00 PLN\n"
    "Słownie: jeden tysiąc dwieście trzydzieści złotych 00/100\n",
    "123/11/2026", "2026-11-23", 1230.00, "PLN", "" },

  { "us/receipt",
    "Receipt from Acme Inc.\n"
    "Receipt #2831-5821\n"
    "Invoice #ABCD1234-0001\n"
    "Amount paid          $20.00\n"
    "Date paid            Nov 23, 2026\n"
    "Payment method       Visa - 4242\n"
    "If you have any questions, contact us at help@acme.com.\n",
    "ABCD1234-0001", "2026-11-23", 20.00, "USD", "help@acme.com" },

  { "us/paypal-style",
    "INVOICE\n"
    "Invoice number      0045\n"
    "Invoice date        Nov 23, 2026\n"
    "Payment terms       Due on receipt\n"
    "Due date            Nov 23, 2026\n"
    "Bill to             carol@example.net\n"
    "Subtotal                        $100.00\n"
    "Amount due                      $100.00 USD\n",
    "0045", "2026-11-23", 100.00, "USD", "carol@example.net" },

  { "en/freelance-title-number",
    "Invoice 2026-11\n"
    "Date 23/11/2026\n"
    "To: Studio Nord GmbH\n"
    "Design work, 10 h × €50                 €500.00\n"
    "Total                                   €500.00\n"
    "Payment to IBAN DE89 3704 0044 0532 0130 00\n",
    "2026-11", "2026-11-23", 500.00, "EUR", "" },

  { "es/hotel-bilingual",
    "HOTEL MIRAMAR ** CIF B12345678\n"
    "Nº Factura / Invoice No.: 123456\n"
    "Fecha / Date: 23/11/2026\n"
    "Habitación / Room: 204\n"
    "Base imponible / Tax base           318,18 €\n"
    "IVA 10% / VAT 10%                    31,82 €\n"
    "Total / Total:                      350,00 €\n",
    "123456", "2026-11-23", 350.00, "EUR", "" },

  { "hk/bilingual",
    "發票號碼 Invoice No.: HK-2026-001\n"
    "日期 Date: 23/11/2026\n"
    "總計 Total: HK$ 1,234.00\n",
    "HK-2026-001", "2026-11-23", 1234.00, "HKD", "" },

  { "jp/yen-dash",
    "御請求書\n"
    "請求書番号 No. 2026-045\n"
    "発行日 2026/11/23\n"
    "ご請求金額 ¥110,000-\n"
    "小計 100,000円   消費税 10,000円\n",
    "2026-045", "2026-11-23", 110000, "JPY", "" },

  { "kr/tax-invoice",
    "세금계산서\n"
    "작성일자 2026-11-23\n"
    "공급가액      1,000,000\n"
    "세액            100,000\n"
    "합계금액    ₩1,100,000\n",
    NULL, "2026-11-23", 1100000, "KRW", "" },

  { "us/one-line-totals",
    "Invoice No: 5531 Date: 11/23/2026\n"
    "Subtotal: $100.00   Tax: $8.00   Total: $108.00\n",
    "5531", "2026-11-23", 108.00, "USD", "" },

  /* ------------------------------------------- Header labels on two lines */
  { "en/stacked-header-labels",
    "Northwind Traders Ltd\n"
    "INVOICE\n"
    "Due          Invoice       Invoice\n"
    "Date         Date          Number\n"
    "05/12/2026   05/11/2026    NW-5521\n"
    "Description                   Amount\n"
    "Consulting                  £900.00\n"
    "Total\n"
    "Due\n"
    "£900.00\n",
    "NW-5521", "2026-11-05", 900.00, "GBP", "" },

  { "es/stacked-header-labels",
    "Fecha de       Nº de          Fecha de\n"
    "vencimiento    factura        emisión\n"
    "23/12/2026     2026-0777      23/11/2026\n"
    "Total factura: 1.210,00 €\n",
    "2026-0777", "2026-11-23", 1210.00, "EUR", "" },

  { "en/series-prefix-with-space",
    "Invoice No.: INV 0042\n"
    "Invoice to: 123 Main Street, Dublin\n"
    "Invoice date: 23/11/2026\n"
    "Total: €250.00\n",
    "INV 0042", "2026-11-23", 250.00, "EUR", "" },

  /* ------------------------------------------------------- Credit notes */
  { "es/credit-note",
    "Nota de crédito Nº NC-2026-01\n"
    "Factura rectificada: F-2026-300\n"
    "Fecha: 23/11/2026\n"
    "Total: -121,00 €\n",
    "NC-2026-01", "2026-11-23", 121.00, "EUR", "" },

  { "de/credit-note-soft-hyphens",
    "Gutschrift Nr. GS-12\n"
    "Rech\u00adnungs\u00addatum: 23.11.2026\n"
    "Gesamt\u00adbetrag: 12,00 €\n",
    "GS-12", "2026-11-23", 12.00, "EUR", "" },

  /* -------------------------------------------------------------- E-mail */
  { "email/mailto-case-punctuation-duplicates",
    "Invoice No. 77\n"
    "Date: 2026-11-23\n"
    "Contact: mailto:Billing@ACME-Tools.COM, (support@acme-tools.com).\n"
    "Sales: <Ventas@Tienda.MX>; accounts+invoices@acme-tools.com;\n"
    "Reply to billing@acme-tools.com.\n"
    "Total: USD 10.00\n",
    "77", "2026-11-23", 10.00, "USD",
    "billing@acme-tools.com,support@acme-tools.com,ventas@tienda.mx,accounts+invoices@acme-tools.com" },

  { "email/mailto-split-across-lines",
    "Factura Nº 2026-9\n"
    "Fecha: 23/11/2026\n"
    "E-mail: mailto:\n"
    "facturas@talleres-ruiz.es\n"
    "Correo:      administracion@construcciones-\n"
    "             garcia.es\n"
    "Total: 10,00 €\n",
    "2026-9", "2026-11-23", 10.00, "EUR",
    "facturas@talleres-ruiz.es,administracion@construcciones-garcia.es" },

  /* ------------------------------------------------ Nothing to be found */
  { "none/letter-without-invoice",
    "Estimado cliente:\n"
    "Le escribimos para informarle de nuestro nuevo horario.\n"
    "Un saludo.\n",
    NULL, NULL, NO_TOTAL, NULL, "" },
};

/* ------------------------------------------------------------------------ */

typedef struct {
  const char *text;
  const char *iso;     /* NULL: no date */
} DateRow;

static const DateRow date_rows[] = {
  { "23/11/2026", "2026-11-23" },
  { "23-11-2026", "2026-11-23" },
  { "23.11.2026", "2026-11-23" },
  { "23.11.26", "2026-11-23" },
  { "2026-11-23", "2026-11-23" },
  { "2026/11/23", "2026-11-23" },
  { "2026.11.23.", "2026-11-23" },
  { "2026-11-23T10:15:30", "2026-11-23" },
  { "11/23/2026", "2026-11-23" },
  { "23. 11. 2026", "2026-11-23" },
  { "23 de noviembre de 2026", "2026-11-23" },
  { "23 de Noviembre del 2026", "2026-11-23" },
  { "November 23, 2026", "2026-11-23" },
  { "Monday, November 23, 2026", "2026-11-23" },
  { "Nov 23, 2026", "2026-11-23" },
  { "Nov. 23, 2026", "2026-11-23" },
  { "23 November 2026", "2026-11-23" },
  { "23rd November 2026", "2026-11-23" },
  { "23 Nov 2026", "2026-11-23" },
  { "23-Nov-2026", "2026-11-23" },
  { "23-NOV-26", "2026-11-23" },
  { "23/Nov/2026", "2026-11-23" },
  { "23. November 2026", "2026-11-23" },
  { "23. Jänner 2026", "2026-01-23" },
  { "3. März 2026", "2026-03-03" },
  { "23 novembre 2026", "2026-11-23" },
  { "1er décembre 2026", "2026-12-01" },
  { "23 déc. 2026", "2026-12-23" },
  { "23 févr. 2026", "2026-02-23" },
  { "23 dicembre 2026", "2026-12-23" },
  { "23 de novembro de 2026", "2026-11-23" },
  { "23 de março de 2026", "2026-03-23" },
  { "23 november 2026", "2026-11-23" },
  { "23 d'octubre de 2026", "2026-10-23" },
  { "23 de novembre de 2026", "2026-11-23" },
  { "23 listopada 2026", "2026-11-23" },
  { "23 ноября 2026 г.", "2026-11-23" },
  { "2026年11月23日", "2026-11-23" },
  { "2026年 11月 23日", "2026-11-23" },
  { "2026. november 23.", "2026-11-23" },
  { "31/02/2026", NULL },
  { "ES91 2100 0418 4502", NULL },
  { "Tel. 910 000 000", NULL },
  { "1.234,56 €", NULL },
};

typedef struct {
  const char *text;
  double      amount;   /* NO_TOTAL: no amount */
  const char *currency;
} AmountRow;

static const AmountRow amount_rows[] = {
  { "1.234,56 €", 1234.56, "EUR" },
  { "€ 1.234,56", 1234.56, "EUR" },
  { "€1,234.56", 1234.56, "EUR" },
  { "1,234.56 EUR", 1234.56, "EUR" },
  { "EUR 1.234,56", 1234.56, "EUR" },
  { "1 234,56 €", 1234.56, "EUR" },
  { "1\u202f234,56\u00a0€", 1234.56, "EUR" },
  { "1\u00a0234,56 EUR", 1234.56, "EUR" },
  { "CHF 1'234.50", 1234.50, "CHF" },
  { "CHF 1’234.50", 1234.50, "CHF" },
  { "Fr. 1'234.50", 1234.50, "CHF" },
  { "CHF 1 234.50", 1234.50, "CHF" },
  { "$1,234.56 MXN", 1234.56, "MXN" },
  { "$ 12.345,67", 12345.67, NULL },
  { "$ 119.000", 119000, NULL },
  { "$ 1.190.000", 1190000, NULL },
  { "S/ 1,180.00", 1180.00, "PEN" },
  { "S/. 59.00", 59.00, "PEN" },
  { "R$ 1.234,56", 1234.56, "BRL" },
  { "£1,234.56", 1234.56, "GBP" },
  { "USD 1,234.56", 1234.56, "USD" },
  { "US$ 1,234.56", 1234.56, "USD" },
  { "1234 €", 1234, "EUR" },
  { "1.234 €", 1234, "EUR" },
  { "1,5 €", 1.5, "EUR" },
  { "₹ 1,23,475.20", 123475.20, "INR" },
  { "Rs. 1,23,475.20", 123475.20, "INR" },
  { "12 500,00 kr", 12500, NULL },
  { "SEK 12 500,00", 12500, "SEK" },
  { "1 230,00 zł", 1230, "PLN" },
  { "12 100,00 Kč", 12100, "CZK" },
  { "127 000 Ft", 127000, "HUF" },
  { "1.180,00 TL", 1180, "TRY" },
  { "1.180,00 ₺", 1180, "TRY" },
  { "10 000,00 руб.", 10000, "RUB" },
  { "10 000,00 ₽", 10000, "RUB" },
  { "¥11,000", 11000, "JPY" },
  { "11,000円", 11000, "JPY" },
  { "AED 1,050.00", 1050, "AED" },
  { "-15,00 €", 15.00, "EUR" },
  { "1.234.567,89 €", 1234567.89, "EUR" },
  { "1,234,567.89", 1234567.89, NULL },
  { "2.500,00 USD", 2500, "USD" },
  { "IVA 21 %", NO_TOTAL, NULL },
  { "23.11.2026", NO_TOTAL, NULL },
  { "Tel. 910 000 000", NO_TOTAL, NULL },
};

/* The same date read in the order the document uses: only a numeric date
 * whose first two numbers may both be a month depends on it. */
typedef struct {
  const char         *text;
  MjInvoiceDateOrder  order;
  const char         *iso;
} OrderedDateRow;

static const OrderedDateRow ordered_date_rows[] = {
  { "Date: 05/11/2026", MJ_INVOICE_DATE_DMY_FIRST, "2026-11-05" },
  { "Date: 05/11/2026", MJ_INVOICE_DATE_MDY_FIRST, "2026-05-11" },
  { "Date: 05-11-26", MJ_INVOICE_DATE_MDY_FIRST, "2026-05-11" },
  { "Date: 11/23/2026", MJ_INVOICE_DATE_DMY_FIRST, "2026-11-23" },
  { "Fecha: 23/11/2026", MJ_INVOICE_DATE_MDY_FIRST, "2026-11-23" },
  { "Date: 2026-03-04", MJ_INVOICE_DATE_MDY_FIRST, "2026-03-04" },
  { "Date: 4 March 2026", MJ_INVOICE_DATE_MDY_FIRST, "2026-03-04" },
  { "Date: March 4, 2026", MJ_INVOICE_DATE_DMY_FIRST, "2026-03-04" },
  { "Date: 31/02/2026", MJ_INVOICE_DATE_MDY_FIRST, NULL },
};

/* Which way a whole document reads its numeric dates. */
typedef struct {
  const char         *text;
  gboolean            us_dollars;
  MjInvoiceDateOrder  order;
} DocOrderRow;

static const DocOrderRow doc_order_rows[] = {
  /* Nothing says either way: day first, unless it is a US-dollar invoice. */
  { "Invoice date 05/11/2026", FALSE, MJ_INVOICE_DATE_DMY_FIRST },
  { "Invoice date 05/11/2026", TRUE, MJ_INVOICE_DATE_MDY_FIRST },
  { "Invoice date 2026-05-11\nTotal due $120.00", TRUE, MJ_INVOICE_DATE_MDY_FIRST },
  /* A second number above 12 proves month first; a first one, day first,
   * whatever the currency. */
  { "Invoice date 05/11/2026\nDue date 05/26/2026", FALSE, MJ_INVOICE_DATE_MDY_FIRST },
  { "Invoice date 05/11/2026\nDue date 26/05/2026", TRUE, MJ_INVOICE_DATE_DMY_FIRST },
  /* The majority wins; a tie falls back to the currency. */
  { "13/01/2026  14/01/2026  01/13/2026", TRUE, MJ_INVOICE_DATE_DMY_FIRST },
  { "13/01/2026  01/13/2026", FALSE, MJ_INVOICE_DATE_DMY_FIRST },
  { "13/01/2026  01/13/2026", TRUE, MJ_INVOICE_DATE_MDY_FIRST },
};

/* An amount with its currency as printed: an ambiguous symbol is kept for
 * the document to resolve, and the scan says where the amount ends. */
typedef struct {
  const char *text;
  double      amount;
  const char *currency;   /* ISO code, "$", "kr", "¥" or NULL */
  const char *rest;       /* the text after the amount */
} ScanRow;

static const ScanRow scan_rows[] = {
  { "Total: $1,234.56 due now", 1234.56, "$", " due now" },
  { "Total: $1,234.56 MXN", 1234.56, "MXN", "" },
  { "US$ 80.00 (tax incl.)", 80.00, "USD", " (tax incl.)" },
  { "Att betala 450,00 kr inkl. moms", 450.00, "kr", " inkl. moms" },
  { "¥12,000", 12000, "¥", "" },
  { "CN¥ 88.00", 88.00, "CNY", "" },
  { "Summe 1.234,56 EUR netto", 1234.56, "EUR", " netto" },
  { "1 234,56 euros", 1234.56, "EUR", "" },
  { "Amount 99.90", 99.90, NULL, "" },
  { "-15,00 € Rabatt", -15.00, "EUR", " Rabatt" },
};

/* ------------------------------------------------------------------------ */

static void
check_emails (const char * const *found,
              const char         *expected)
{
  g_auto(GStrv) want = expected[0] != '\0' ? g_strsplit (expected, ",", -1) : g_new0 (char *, 1);
  g_autofree char *got = g_strjoinv (",", (char **) found);

  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (g_strv_length ((char **) found), ==, g_strv_length (want));
}

static void
test_document (gconstpointer data)
{
  const DocRow *row = data;
  g_autoptr(MjInvoiceFields) f = mj_invoice_fields_extract (row->text);

  g_assert_nonnull (f);
  g_assert_cmpstr (f->invoice_number, ==, row->number);
  g_assert_cmpstr (f->date, ==, row->date);
  if (row->total == NO_TOTAL)
    g_assert_false (f->has_total_amount);
  else
    {
      g_assert_true (f->has_total_amount);
      g_assert_cmpfloat_with_epsilon (f->total_amount, row->total, 0.001);
      /* The total as printed holds the digits of the amount. */
      g_assert_nonnull (f->total);
      if (f->total != NULL)
        g_assert_true (g_ascii_isdigit (f->total[strcspn (f->total, "0123456789")]));
    }
  g_assert_cmpstr (f->currency, ==, row->currency);
  check_emails ((const char * const *) f->emails, row->emails);
}

static void
test_date (gconstpointer data)
{
  const DateRow *row = data;
  g_autofree char *iso = NULL;
  g_autofree char *matched = NULL;
  gboolean found = mj_invoice_parse_date (row->text, &iso, &matched);

  g_assert_cmpint (found, ==, row->iso != NULL);
  g_assert_cmpstr (iso, ==, row->iso);
  if (found)
    g_assert_nonnull (strstr (row->text, matched));
}

static void
test_amount (gconstpointer data)
{
  const AmountRow *row = data;
  double amount = 0;
  g_autofree char *currency = NULL;
  g_autofree char *matched = NULL;
  gboolean found = mj_invoice_parse_amount (row->text, &amount, &currency, &matched);

  g_assert_cmpint (found, ==, row->amount != NO_TOTAL);
  if (found && row->amount != NO_TOTAL)
    {
      g_assert_cmpfloat_with_epsilon (fabs (amount), row->amount, 0.001);
      g_assert_cmpstr (currency, ==, row->currency);
      g_assert_nonnull (strstr (row->text, matched));
    }
}

static void
test_ordered_date (gconstpointer data)
{
  const OrderedDateRow *row = data;
  g_autofree char *iso = NULL;
  g_autofree char *matched = NULL;
  gboolean found = mj_invoice_date_scan (row->text, row->order, &iso, &matched);

  g_assert_cmpint (found, ==, row->iso != NULL);
  g_assert_cmpstr (iso, ==, row->iso);
  if (found)
    g_assert_nonnull (strstr (row->text, matched));
}

static void
test_doc_order (gconstpointer data)
{
  const DocOrderRow *row = data;

  g_assert_cmpint (mj_invoice_date_guess_order (row->text, row->us_dollars), ==, row->order);
}

static void
test_scan (gconstpointer data)
{
  const ScanRow *row = data;
  double amount = 0;
  const char *currency = NULL;
  g_autofree char *matched = NULL;
  const char *end = NULL;

  g_assert_true (mj_invoice_amount_scan (row->text, &amount, &currency, &matched, &end));
  g_assert_cmpfloat_with_epsilon (amount, row->amount, 0.001);
  g_assert_cmpstr (currency, ==, row->currency);
  g_assert_nonnull (end);
  if (end != NULL)
    g_assert_cmpstr (end, ==, row->rest);
  g_assert_nonnull (strstr (row->text, matched));
}

/* What a bare symbol may stand for, and the ISO codes read as such. */
static void
test_currency (void)
{
  gsize len = 0;

  g_assert_true (mj_invoice_currency_is_ambiguous ("$"));
  g_assert_true (mj_invoice_currency_is_ambiguous ("kr"));
  g_assert_true (mj_invoice_currency_is_ambiguous ("¥"));
  g_assert_false (mj_invoice_currency_is_ambiguous ("USD"));
  g_assert_false (mj_invoice_currency_is_ambiguous (NULL));

  g_assert_true (mj_invoice_currency_may_be ("$", "MXN"));
  g_assert_true (mj_invoice_currency_may_be ("$", "USD"));
  g_assert_false (mj_invoice_currency_may_be ("$", "EUR"));
  g_assert_true (mj_invoice_currency_may_be ("kr", "DKK"));
  g_assert_false (mj_invoice_currency_may_be ("kr", "USD"));
  g_assert_true (mj_invoice_currency_may_be ("¥", "CNY"));
  g_assert_false (mj_invoice_currency_may_be ("¥", "KRW"));
  /* No symbol at all: any currency. */
  g_assert_true (mj_invoice_currency_may_be (NULL, "EUR"));
  g_assert_true (mj_invoice_currency_may_be ("", "PLN"));

  g_assert_cmpstr (mj_invoice_currency_match_code ("USD 10", &len), ==, "USD");
  g_assert_cmpuint (len, ==, 3);
  g_assert_cmpstr (mj_invoice_currency_match_code ("RMB", &len), ==, "CNY");
  g_assert_cmpstr (mj_invoice_currency_match_code ("Euros", &len), ==, "EUR");
  g_assert_cmpuint (len, ==, 5);
  g_assert_null (mj_invoice_currency_match_code ("USDT", &len));
  g_assert_null (mj_invoice_currency_match_code ("ABC", &len));
}

/* Text no invoice holds must not crash or invent fields. */
static void
test_hostile (void)
{
  const char *texts[] = {
    "", "\n\n\n", "Total", "Invoice #", "Factura Nº:\n\n\n", "Total:   €",
    "€€€€€€ 1", "Fecha: 99/99/9999", "@@@ a@ @b.c mailto:",
    "\xff\xfe invalid \xc3 UTF-8 Total 12,00 \xe2\x82",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MjInvoiceFields) f = mj_invoice_fields_extract (texts[i]);

      g_assert_nonnull (f);
      g_assert_nonnull (f->emails);
      g_assert_null (f->date);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (doc_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/doc/%s", doc_rows[i].name);

      g_test_add_data_func (path, &doc_rows[i], test_document);
    }
  for (guint i = 0; i < G_N_ELEMENTS (date_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/date/%u", i);

      g_test_add_data_func (path, &date_rows[i], test_date);
    }
  for (guint i = 0; i < G_N_ELEMENTS (amount_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/amount/%u", i);

      g_test_add_data_func (path, &amount_rows[i], test_amount);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ordered_date_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/date-order/%u", i);

      g_test_add_data_func (path, &ordered_date_rows[i], test_ordered_date);
    }
  for (guint i = 0; i < G_N_ELEMENTS (doc_order_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/doc-order/%u", i);

      g_test_add_data_func (path, &doc_order_rows[i], test_doc_order);
    }
  for (guint i = 0; i < G_N_ELEMENTS (scan_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mj/invoice-text/scan/%u", i);

      g_test_add_data_func (path, &scan_rows[i], test_scan);
    }
  g_test_add_func ("/mj/invoice-text/currency", test_currency);
  g_test_add_func ("/mj/invoice-text/hostile", test_hostile);

  return g_test_run ();
}
