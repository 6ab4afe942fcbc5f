/**
 * Schema-lite (XSD-*): the structural constraints of the UBL 2.1 / CII D16B schemas that matter
 * for invoices — required elements, the element order inside every aggregate (the xs:sequence of
 * its type, schema-order.ts), and the lexical datatypes of dates, amounts and quantities. Not a
 * full XSD validation (cardinalities beyond the required root elements and the full lexical
 * space of every datatype are not checked); findings are fatal like
 * XSD errors in the official flow. Ids start with XSD- so the conformance runner can keep them
 * apart from the Schematron rule ids.
 */
import { intern } from '../../xml/intern.js';
import type { XElement } from '../../xml/parse.js';
import { child } from '../../xml/tree.js';
import { elementIndex, inDocumentOrder, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { CII_ORDER, outOfOrder, UBL_ORDER } from './schema-order.js';

const seq = (names: string) =>
  new Map(
    names
      .split(/\s+/)
      .filter(Boolean)
      // canonical keys: a lookup by element name that hits then compares pointers
      .map((n, i) => [intern(n), i]),
  );

const INVOICE =
  seq(`UBLExtensions UBLVersionID CustomizationID ProfileID ProfileExecutionID ID CopyIndicator UUID IssueDate IssueTime DueDate
  InvoiceTypeCode Note TaxPointDate DocumentCurrencyCode TaxCurrencyCode PricingCurrencyCode PaymentCurrencyCode PaymentAlternativeCurrencyCode
  AccountingCostCode AccountingCost LineCountNumeric BuyerReference InvoicePeriod OrderReference BillingReference DespatchDocumentReference
  ReceiptDocumentReference StatementDocumentReference OriginatorDocumentReference ContractDocumentReference AdditionalDocumentReference
  ProjectReference Signature AccountingSupplierParty AccountingCustomerParty PayeeParty BuyerCustomerParty SellerSupplierParty
  TaxRepresentativeParty Delivery DeliveryTerms PaymentMeans PaymentTerms PrepaidPayment AllowanceCharge TaxExchangeRate PricingExchangeRate
  PaymentExchangeRate PaymentAlternativeExchangeRate TaxTotal WithholdingTaxTotal LegalMonetaryTotal InvoiceLine`);
const CREDIT_NOTE =
  seq(`UBLExtensions UBLVersionID CustomizationID ProfileID ProfileExecutionID ID CopyIndicator UUID IssueDate IssueTime TaxPointDate
  CreditNoteTypeCode Note DocumentCurrencyCode TaxCurrencyCode PricingCurrencyCode PaymentCurrencyCode PaymentAlternativeCurrencyCode
  AccountingCostCode AccountingCost LineCountNumeric BuyerReference InvoicePeriod DiscrepancyResponse OrderReference BillingReference
  DespatchDocumentReference ReceiptDocumentReference ContractDocumentReference AdditionalDocumentReference StatementDocumentReference
  OriginatorDocumentReference Signature AccountingSupplierParty AccountingCustomerParty PayeeParty BuyerCustomerParty SellerSupplierParty
  TaxRepresentativeParty Delivery DeliveryTerms PaymentMeans PaymentTerms TaxExchangeRate PricingExchangeRate PaymentExchangeRate
  PaymentAlternativeExchangeRate AllowanceCharge TaxTotal LegalMonetaryTotal CreditNoteLine`);
const INVOICE_LINE =
  seq(`ID UUID Note InvoicedQuantity LineExtensionAmount TaxPointDate AccountingCostCode AccountingCost PaymentPurposeCode
  FreeOfChargeIndicator InvoicePeriod OrderLineReference DespatchLineReference ReceiptLineReference BillingReference DocumentReference
  PricingReference OriginatorParty Delivery PaymentTerms AllowanceCharge TaxTotal WithholdingTaxTotal Item Price DeliveryTerms SubInvoiceLine
  ItemPriceExtension`);
const CREDIT_NOTE_LINE =
  seq(`ID UUID Note CreditedQuantity LineExtensionAmount TaxPointDate AccountingCostCode AccountingCost PaymentPurposeCode
  FreeOfChargeIndicator InvoicePeriod OrderLineReference DiscrepancyResponse DespatchLineReference ReceiptLineReference BillingReference
  DocumentReference PricingReference OriginatorParty Delivery TaxTotal AllowanceCharge Item Price DeliveryTerms SubCreditNoteLine
  ItemPriceExtension`);
const MONETARY_TOTAL =
  seq(`LineExtensionAmount TaxExclusiveAmount TaxInclusiveAmount AllowanceTotalAmount ChargeTotalAmount PrepaidAmount
  PayableRoundingAmount PayableAmount PayableAlternativeAmount`);
const CII_ROOT = seq(
  'ExchangedDocumentContext ExchangedDocument SupplyChainTradeTransaction ValuationBreakdownStatement',
);

const UBL_REQUIRED: Record<string, string[]> = {
  Invoice: [
    'ID',
    'IssueDate',
    'AccountingSupplierParty',
    'AccountingCustomerParty',
    'LegalMonetaryTotal',
    'InvoiceLine',
  ],
  CreditNote: [
    'ID',
    'IssueDate',
    'AccountingSupplierParty',
    'AccountingCustomerParty',
    'LegalMonetaryTotal',
    'CreditNoteLine',
  ],
};
const CII_REQUIRED = ['ExchangedDocumentContext', 'ExchangedDocument', 'SupplyChainTradeTransaction'];

const UBL_DATES = new Set([
  'IssueDate',
  'DueDate',
  'TaxPointDate',
  'StartDate',
  'EndDate',
  'ActualDeliveryDate',
  'PaymentDueDate',
]);
const UBL_AMOUNTS = new Set([
  'Amount',
  'BaseAmount',
  'PriceAmount',
  'TaxAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
  'PaidAmount',
]);
const UBL_NUMBERS = new Set([
  'InvoicedQuantity',
  'CreditedQuantity',
  'BaseQuantity',
  'Percent',
  'MultiplierFactorNumeric',
]);
const CII_NUMBERS = new Set([
  'ChargeAmount',
  'BasisAmount',
  'ActualAmount',
  'LineTotalAmount',
  'CalculatedAmount',
  'ChargeTotalAmount',
  'AllowanceTotalAmount',
  'TaxBasisTotalAmount',
  'TaxTotalAmount',
  'RoundingAmount',
  'GrandTotalAmount',
  'TotalPrepaidAmount',
  'DuePayableAmount',
  'BilledQuantity',
  'BasisQuantity',
  'RateApplicablePercent',
  'CalculationPercent',
]);

type Datatype = 'ubl-date' | 'ubl-amount' | 'ubl-number' | 'cii-date' | 'cii-number';

function kinds(entries: [Set<string>, Datatype][]): Map<string, Datatype> {
  const m = new Map<string, Datatype>();
  for (const [names, kind] of entries) {
    for (const n of names) {
      // the first list wins, as in the if-chain the rule was written as
      if (!m.has(n)) {
        m.set(n, kind);
      }
    }
  }
  return m;
}

const UBL_DATATYPES = kinds([
  [UBL_DATES, 'ubl-date'],
  [UBL_AMOUNTS, 'ubl-amount'],
  [UBL_NUMBERS, 'ubl-number'],
]);
const CII_DATATYPES = kinds([
  [new Set(['DateTimeString', 'DateString']), 'cii-date'],
  [CII_NUMBERS, 'cii-number'],
]);

const DATE = /^-?\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

/** The lexical check of a leaf element of a datatype. */
function datatypeOk(e: XElement, kind: Datatype): boolean {
  switch (kind) {
    case 'ubl-date':
      return DATE.test(e.text.trim());
    case 'ubl-amount':
      return DECIMAL.test(e.text) && e.attrs.currencyID !== undefined;
    case 'ubl-number':
    case 'cii-number':
      return DECIMAL.test(e.text);
    case 'cii-date':
      return e.attrs.format !== undefined && (e.attrs.format !== '102' || /^\d{8}$/.test(e.text.trim()));
  }
}

function orderViolations(parent: XElement, order: Map<string, number>): XElement[] {
  const bad: XElement[] = [];
  let last = -1;
  for (const k of parent.children) {
    const i = order.get(k.name);
    if (i === undefined || i < last) {
      bad.push(k);
    } else {
      last = i;
    }
  }
  return bad;
}

function isUbl(c: RuleContext): boolean {
  return c.syntax !== 'cii';
}

export const schemaRules: Rule[] = [
  rule(
    'XSD-REQUIRED',
    'fatal',
    '[XSD-REQUIRED] An element the schema requires is missing.',
    (c, f) => {
      const required = isUbl(c) ? (UBL_REQUIRED[c.root.name] ?? []) : CII_REQUIRED;
      for (const name of required) {
        if (!child(c.root, name)) {
          f(c.root);
        }
      }
    },
    {
      de: 'Ein vom Schema (UBL/CII) vorgeschriebenes Element fehlt.',
      en: 'An element required by the schema (UBL/CII) is missing.',
    },
  ),
  rule(
    'XSD-ORDER',
    'fatal',
    '[XSD-ORDER] Elements must appear in the order the schema defines, and only elements the schema defines may appear.',
    (c, f) => {
      // inside every aggregate: the xs:sequence of its type (schema-order.ts); name by name, one
      // lookup of the sequence per element name instead of per element
      const orders = isUbl(c) ? UBL_ORDER : CII_ORDER;
      const bad: XElement[] = [];
      // forEach, not for-of: a for-of over a Map allocates an entry array per name
      elementIndex(c).byName.forEach((els, name) => {
        const order = orders.get(name);
        if (!order) {
          return;
        }
        for (const e of els) {
          if (e.children.length > 1) {
            const i = outOfOrder(e, order);
            if (i >= 0) {
              bad.push(e.children[i]!);
            }
          }
        }
      });
      inDocumentOrder(c, bad).forEach((e) => f(e));
      if (!isUbl(c)) {
        orderViolations(c.root, CII_ROOT).forEach((e) => f(e));
        return;
      }
      const credit = c.root.name === 'CreditNote';
      orderViolations(c.root, credit ? CREDIT_NOTE : INVOICE).forEach((e) => f(e));
      const idx = elementIndex(c);
      for (const name of credit ? ['CreditNoteLine', 'SubCreditNoteLine'] : ['InvoiceLine', 'SubInvoiceLine']) {
        for (const l of idx.byName.get(name) ?? []) {
          orderViolations(l, credit ? CREDIT_NOTE_LINE : INVOICE_LINE).forEach((e) => f(e));
        }
      }
      for (const t of idx.byName.get('LegalMonetaryTotal') ?? []) {
        orderViolations(t, MONETARY_TOTAL).forEach((e) => f(e));
      }
    },
    {
      de: 'Die Reihenfolge oder Art der Elemente entspricht nicht dem Schema.',
      en: 'The order or kind of elements does not match the schema.',
    },
  ),
  rule(
    'XSD-DATATYPE',
    'fatal',
    '[XSD-DATATYPE] Dates must be xs:date (YYYY-MM-DD) or CII format 102 (YYYYMMDD), amounts, quantities and percentages xs:decimal, and UBL amounts need a currencyID.',
    (c, f) => {
      // name by name: one lookup of the datatype per element name instead of per element
      const kinds = isUbl(c) ? UBL_DATATYPES : CII_DATATYPES;
      const bad: XElement[] = [];
      elementIndex(c).byName.forEach((els, name) => {
        const kind = kinds.get(name);
        if (kind === undefined) {
          return;
        }
        for (const e of els) {
          if (e.children.length === 0 && !datatypeOk(e, kind)) {
            bad.push(e);
          }
        }
      });
      inDocumentOrder(c, bad).forEach((e) => f(e));
    },
    {
      de: 'Ein Datum, Betrag oder eine Menge hat nicht das vom Schema verlangte Format.',
      en: 'A date, amount or quantity does not have the format the schema requires.',
    },
  ),
];
