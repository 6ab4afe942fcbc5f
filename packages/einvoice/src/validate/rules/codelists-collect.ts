/**
 * The single pass over a document that collects the violations of every BR-CL rule, per syntax,
 * with the official code lists resolved once per syntax (on its first document).
 */
import type { XElement } from '../../xml/parse.js';
import { normalizeSpace, stringValue } from '../../xml/tree.js';
import { codeList } from '../../codelists/index.js';

type Syn = 'ubl' | 'cii';

// the lists of one syntax, built on the first document of that syntax (a UBL document never
// builds the CII lists: less work and garbage at cold start)
function ublLists() {
  return {
    L_01_ubl0: codeList('BR-CL-01', 'ubl', 0),
    L_01_ubl1: codeList('BR-CL-01', 'ubl', 1),
    L_03_ubl: codeList('BR-CL-03', 'ubl'),
    L_04_ubl: codeList('BR-CL-04', 'ubl'),
    L_05_ubl: codeList('BR-CL-05', 'ubl'),
    L_06_ubl: codeList('BR-CL-06', 'ubl'),
    L_07_ubl: codeList('BR-CL-07', 'ubl'),
    L_10_ubl0: codeList('BR-CL-10', 'ubl', 0),
    L_10_ubl1: codeList('BR-CL-10', 'ubl', 1),
    L_11_ubl: codeList('BR-CL-11', 'ubl'),
    L_13_ubl: codeList('BR-CL-13', 'ubl'),
    L_14_ubl: codeList('BR-CL-14', 'ubl'),
    L_15_ubl: codeList('BR-CL-15', 'ubl'),
    L_16_ubl: codeList('BR-CL-16', 'ubl'),
    L_17_ubl: codeList('BR-CL-17', 'ubl'),
    L_18_ubl: codeList('BR-CL-18', 'ubl'),
    L_19_ubl: codeList('BR-CL-19', 'ubl'),
    L_20_ubl: codeList('BR-CL-20', 'ubl'),
    L_21_ubl: codeList('BR-CL-21', 'ubl'),
    L_22_ubl: codeList('BR-CL-22', 'ubl'),
    L_23_ubl: codeList('BR-CL-23', 'ubl'),
    L_24_ubl: codeList('BR-CL-24', 'ubl'),
    L_25_ubl: codeList('BR-CL-25', 'ubl'),
    L_26_ubl: codeList('BR-CL-26', 'ubl'),
  };
}
function ciiLists() {
  return {
    L_01_cii: codeList('BR-CL-01', 'cii'),
    L_03_cii: codeList('BR-CL-03', 'cii'),
    L_04_cii: codeList('BR-CL-04', 'cii'),
    L_05_cii: codeList('BR-CL-05', 'cii'),
    L_06_cii: codeList('BR-CL-06', 'cii'),
    L_07_cii: codeList('BR-CL-07', 'cii'),
    L_08_cii: codeList('BR-CL-08', 'cii'),
    L_10_cii: codeList('BR-CL-10', 'cii'),
    L_11_cii: codeList('BR-CL-11', 'cii'),
    L_13_cii: codeList('BR-CL-13', 'cii'),
    L_14_cii: codeList('BR-CL-14', 'cii'),
    L_15_cii: codeList('BR-CL-15', 'cii'),
    L_16_cii: codeList('BR-CL-16', 'cii'),
    L_17_cii: codeList('BR-CL-17', 'cii'),
    L_18_cii: codeList('BR-CL-18', 'cii'),
    L_19_cii: codeList('BR-CL-19', 'cii'),
    L_20_cii: codeList('BR-CL-20', 'cii'),
    L_21_cii: codeList('BR-CL-21', 'cii'),
    L_22_cii: codeList('BR-CL-22', 'cii'),
    L_23_cii: codeList('BR-CL-23', 'cii'),
    L_24_cii: codeList('BR-CL-24', 'cii'),
    L_25_cii: codeList('BR-CL-25', 'cii'),
    L_26_cii: codeList('BR-CL-26', 'cii'),
  };
}
let UBL_LISTS: ReturnType<typeof ublLists> | undefined;
let CII_LISTS: ReturnType<typeof ciiLists> | undefined;

/** The published test: no inner blank and a member of the space-separated list. */
function member(value: string | undefined, set: Set<string>): boolean {
  if (value !== undefined && set.has(value)) {
    return true;
  }
  const v = normalizeSpace(value);
  return !v.includes(' ') && set.has(v);
}

const AMOUNTS = new Set([
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
]);

function hasAncestor(el: XElement, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (p.name === name) {
      return true;
    }
  }
  return false;
}

function chargeIndicator(ac: XElement | undefined, syn: Syn): boolean | undefined {
  if (!ac) {
    return undefined;
  }
  for (const k of ac.children) {
    if (k.name === 'ChargeIndicator') {
      const t = normalizeSpace(
        syn === 'cii'
          ? k.children.find((x) => x.name === 'Indicator')
            ? stringValue(k.children.find((x) => x.name === 'Indicator')!)
            : ''
          : stringValue(k),
      );
      return t === 'true' ? true : t === 'false' ? false : undefined;
    }
  }
  return undefined;
}

/** Record a violation (the lists exist only for rules that fire). */
function record(out: Map<string, XElement[]>, id: string, el: XElement): void {
  const l = out.get(id);
  if (l) {
    l.push(el);
  } else {
    out.set(id, [el]);
  }
}

/** Every element name a branch of collectUbl tests: other elements can violate no BR-CL rule. */
export const UBL_CODE_ELEMENTS: readonly string[] = [
  'InvoiceTypeCode',
  'CreditNoteTypeCode',
  ...AMOUNTS,
  'DocumentCurrencyCode',
  'TaxCurrencyCode',
  'DescriptionCode',
  'ID',
  'CompanyID',
  'ItemClassificationCode',
  'IdentificationCode',
  'PaymentMeansCode',
  'AllowanceChargeReasonCode',
  'TaxExemptionReasonCode',
  'InvoicedQuantity',
  'BaseQuantity',
  'CreditedQuantity',
  'EmbeddedDocumentBinaryObject',
  'EndpointID',
];

/** Every element name a branch of collectCii tests. */
export const CII_CODE_ELEMENTS: readonly string[] = [
  'TypeCode',
  'TaxTotalAmount',
  'InvoiceCurrencyCode',
  'TaxCurrencyCode',
  'DueDateTypeCode',
  'ReferenceTypeCode',
  'SubjectCode',
  'GlobalID',
  'ID',
  'ClassCode',
  'CountryID',
  'ReasonCode',
  'CategoryCode',
  'ExemptionReasonCode',
  'BasisQuantity',
  'BilledQuantity',
  'AttachmentBinaryObject',
  'URIID',
];

export function collectUbl(elements: XElement[], out: Map<string, XElement[]>): void {
  const L = (UBL_LISTS ??= ublLists());
  const bad = (id: string, el: XElement) => record(out, id, el);
  for (const el of elements) {
    const n = el.name;
    const p = el.parent?.name;
    const a = el.attrs;
    if (n === 'InvoiceTypeCode' && !member(stringValue(el), L.L_01_ubl0)) {
      bad('BR-CL-01', el);
    } else if (n === 'CreditNoteTypeCode' && !member(stringValue(el), L.L_01_ubl1)) {
      bad('BR-CL-01', el);
    } else if (AMOUNTS.has(n) && !member(a.currencyID, L.L_03_ubl)) {
      bad('BR-CL-03', el);
    } else if (n === 'DocumentCurrencyCode' && !member(stringValue(el), L.L_04_ubl)) {
      bad('BR-CL-04', el);
    } else if (n === 'TaxCurrencyCode' && !member(stringValue(el), L.L_05_ubl)) {
      bad('BR-CL-05', el);
    } else if (n === 'DescriptionCode' && p === 'InvoicePeriod' && !member(stringValue(el), L.L_06_ubl)) {
      bad('BR-CL-06', el);
    } else if (
      n === 'ID' &&
      a.schemeID !== undefined &&
      (p === 'AdditionalDocumentReference' || p === 'DocumentReference') &&
      normalizeSpace(el.parent!.children.find((k) => k.name === 'DocumentTypeCode')?.text) === '130'
    ) {
      if (!member(a.schemeID, L.L_07_ubl)) {
        bad('BR-CL-07', el);
      }
    } else if (n === 'ID' && a.schemeID !== undefined && p === 'PartyIdentification') {
      const sellerOrPayee = hasAncestor(el, 'AccountingSupplierParty') || hasAncestor(el, 'PayeeParty');
      if (!member(a.schemeID, L.L_10_ubl0) && !(member(a.schemeID, L.L_10_ubl1) && sellerOrPayee)) {
        bad('BR-CL-10', el);
      }
    } else if (
      n === 'CompanyID' &&
      a.schemeID !== undefined &&
      p === 'PartyLegalEntity' &&
      !member(a.schemeID, L.L_11_ubl)
    ) {
      bad('BR-CL-11', el);
    } else if (
      n === 'ItemClassificationCode' &&
      a.listID !== undefined &&
      p === 'CommodityClassification' &&
      !member(a.listID, L.L_13_ubl)
    ) {
      bad('BR-CL-13', el);
    } else if (n === 'IdentificationCode' && p === 'Country' && !member(stringValue(el), L.L_14_ubl)) {
      bad('BR-CL-14', el);
    } else if (n === 'IdentificationCode' && p === 'OriginCountry' && !member(stringValue(el), L.L_15_ubl)) {
      bad('BR-CL-15', el);
    } else if (n === 'PaymentMeansCode' && p === 'PaymentMeans' && !member(stringValue(el), L.L_16_ubl)) {
      bad('BR-CL-16', el);
    } else if (n === 'ID' && p === 'TaxCategory' && !member(stringValue(el), L.L_17_ubl)) {
      bad('BR-CL-17', el);
    } else if (n === 'ID' && p === 'ClassifiedTaxCategory' && !member(stringValue(el), L.L_18_ubl)) {
      bad('BR-CL-18', el);
    } else if (n === 'AllowanceChargeReasonCode' && p === 'AllowanceCharge') {
      const ci = chargeIndicator(el.parent, 'ubl');
      if (ci === false && !member(stringValue(el), L.L_19_ubl)) {
        bad('BR-CL-19', el);
      } else if (ci === true && !member(stringValue(el), L.L_20_ubl)) {
        bad('BR-CL-20', el);
      }
    } else if (
      n === 'ID' &&
      a.schemeID !== undefined &&
      p === 'StandardItemIdentification' &&
      !member(a.schemeID, L.L_21_ubl)
    ) {
      bad('BR-CL-21', el);
    } else if (n === 'TaxExemptionReasonCode' && !member(stringValue(el).toUpperCase(), L.L_22_ubl)) {
      bad('BR-CL-22', el);
    } else if (
      (n === 'InvoicedQuantity' || n === 'BaseQuantity' || n === 'CreditedQuantity') &&
      a.unitCode !== undefined &&
      !member(a.unitCode, L.L_23_ubl)
    ) {
      bad('BR-CL-23', el);
    } else if (n === 'EmbeddedDocumentBinaryObject' && a.mimeCode !== undefined && !member(a.mimeCode, L.L_24_ubl)) {
      bad('BR-CL-24', el);
    } else if (n === 'EndpointID' && a.schemeID !== undefined && !member(a.schemeID, L.L_25_ubl)) {
      bad('BR-CL-25', el);
    } else if (n === 'ID' && a.schemeID !== undefined && p === 'DeliveryLocation' && !member(a.schemeID, L.L_26_ubl)) {
      bad('BR-CL-26', el);
    }
  }
}

export function collectCii(elements: XElement[], out: Map<string, XElement[]>): void {
  const L = (CII_LISTS ??= ciiLists());
  const bad = (id: string, el: XElement) => record(out, id, el);
  for (const el of elements) {
    const n = el.name;
    const p = el.parent?.name;
    const a = el.attrs;
    const v = () => stringValue(el);
    if (n === 'TypeCode' && p === 'ExchangedDocument' && !member(v(), L.L_01_cii)) {
      bad('BR-CL-01', el);
    } else if (n === 'TaxTotalAmount' && a.currencyID !== undefined && !member(a.currencyID, L.L_03_cii)) {
      bad('BR-CL-03', el);
    } else if (n === 'InvoiceCurrencyCode' && !member(v(), L.L_04_cii)) {
      bad('BR-CL-04', el);
    } else if (n === 'TaxCurrencyCode' && !member(v(), L.L_05_cii)) {
      bad('BR-CL-05', el);
    } else if (n === 'DueDateTypeCode' && !member(v(), L.L_06_cii)) {
      bad('BR-CL-06', el);
    } else if (n === 'ReferenceTypeCode' && !member(v(), L.L_07_cii)) {
      bad('BR-CL-07', el);
    } else if (n === 'SubjectCode' && !member(v(), L.L_08_cii)) {
      bad('BR-CL-08', el);
    } else if (
      n === 'GlobalID' &&
      a.schemeID !== undefined &&
      !hasAncestor(el, 'SpecifiedTradeProduct') &&
      !hasAncestor(el, 'ShipToTradeParty')
    ) {
      if (!member(a.schemeID, L.L_10_cii)) {
        bad('BR-CL-10', el);
      }
    } else if (n === 'ID' && a.schemeID !== undefined && !hasAncestor(el, 'SpecifiedTaxRegistration')) {
      if (!member(a.schemeID, L.L_11_cii)) {
        bad('BR-CL-11', el);
      }
    } else if (n === 'ClassCode' && a.listID !== undefined && !member(a.listID, L.L_13_cii)) {
      bad('BR-CL-13', el);
    } else if (n === 'CountryID' && !member(v(), L.L_14_cii)) {
      bad('BR-CL-14', el);
    } else if (n === 'ID' && p === 'OriginTradeCountry' && !member(v(), L.L_15_cii)) {
      bad('BR-CL-15', el);
    } else if (n === 'TypeCode' && p === 'SpecifiedTradeSettlementPaymentMeans' && !member(v(), L.L_16_cii)) {
      bad('BR-CL-16', el);
    } else if (n === 'CategoryCode' && p === 'CategoryTradeTax' && !member(v(), L.L_17_cii)) {
      bad('BR-CL-17', el);
    } else if (n === 'CategoryCode' && p === 'ApplicableTradeTax' && !member(v(), L.L_18_cii)) {
      bad('BR-CL-18', el);
    } else if (n === 'ReasonCode' && p === 'SpecifiedTradeAllowanceCharge') {
      const ci = chargeIndicator(el.parent, 'cii');
      if (ci === false && !member(v(), L.L_19_cii)) {
        bad('BR-CL-19', el);
      } else if (ci === true && !member(v(), L.L_20_cii)) {
        bad('BR-CL-20', el);
      }
    } else if (n === 'ExemptionReasonCode' && !member(v().toUpperCase(), L.L_22_cii)) {
      bad('BR-CL-22', el);
    } else if (
      (n === 'BasisQuantity' || n === 'BilledQuantity') &&
      a.unitCode !== undefined &&
      !member(a.unitCode, L.L_23_cii)
    ) {
      bad('BR-CL-23', el);
    } else if (n === 'AttachmentBinaryObject' && a.mimeCode !== undefined && !member(a.mimeCode, L.L_24_cii)) {
      bad('BR-CL-24', el);
    } else if (
      n === 'URIID' &&
      p === 'URIUniversalCommunication' &&
      a.schemeID !== undefined &&
      !member(a.schemeID, L.L_25_cii)
    ) {
      bad('BR-CL-25', el);
    }
    // BR-CL-21 and BR-CL-26 are separate patterns in the CII artefacts: a GlobalID may fire both
    if (
      n === 'GlobalID' &&
      a.schemeID !== undefined &&
      p === 'SpecifiedTradeProduct' &&
      !member(a.schemeID, L.L_21_cii)
    ) {
      bad('BR-CL-21', el);
    }
    if (n === 'GlobalID' && a.schemeID !== undefined && p === 'ShipToTradeParty' && !member(a.schemeID, L.L_26_cii)) {
      bad('BR-CL-26', el);
    }
  }
}
