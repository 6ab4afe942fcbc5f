/**
 * CII building blocks shared by the document reader: dates (format 102), identifiers, periods,
 * allowances/charges and line items.
 */
import type { XElement } from '../xml/parse.js';
import { all, at, child, children, stringValue, textAt } from '../xml/tree.js';
import type { AllowanceCharge, Identifier, InvoiceLine, Period } from '../model/types.js';
import type { Origins } from './origins.js';

export function ciiDate(raw: string | undefined): string | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const t = raw.trim();
  return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : raw;
}

export function dateAt(el: XElement | undefined, ...names: string[]): string | undefined {
  const e = at(el, ...names);
  if (!e) {
    return undefined;
  }
  const s = child(e, 'DateTimeString') ?? child(e, 'DateString');
  return ciiDate(s ? stringValue(s) : stringValue(e));
}

export function ident(el: XElement | undefined): Identifier | undefined {
  if (!el) {
    return undefined;
  }
  // all keys always (one shape for UBL and CII identifiers); the public copy drops undefined ones
  return { value: stringValue(el), schemeId: el.attrs.schemeID, schemeVersion: undefined };
}

export function period(el: XElement | undefined): Period | undefined {
  if (!el) {
    return undefined;
  }
  return { start: dateAt(el, 'StartDateTime'), end: dateAt(el, 'EndDateTime') };
}

export function allowanceCharge(el: XElement, origins: Origins): AllowanceCharge {
  const ac: AllowanceCharge = {
    isCharge: textAt(el, 'ChargeIndicator', 'Indicator')?.trim() === 'true',
    amount: textAt(el, 'ActualAmount'),
    baseAmount: textAt(el, 'BasisAmount'),
    percentage: textAt(el, 'CalculationPercent'),
    vatCategory: textAt(el, 'CategoryTradeTax', 'CategoryCode'),
    vatRate: textAt(el, 'CategoryTradeTax', 'RateApplicablePercent'),
    reason: textAt(el, 'Reason'),
    reasonCode: textAt(el, 'ReasonCode'),
  };
  origins.set(ac, el);
  return ac;
}

export function line(el: XElement, origins: Origins): InvoiceLine {
  const doc = child(el, 'AssociatedDocumentLineDocument');
  const prod = child(el, 'SpecifiedTradeProduct');
  const agr = child(el, 'SpecifiedLineTradeAgreement');
  const gross = child(agr, 'GrossPriceProductTradePrice');
  const net = child(agr, 'NetPriceProductTradePrice');
  const settle = child(el, 'SpecifiedLineTradeSettlement');
  const qty = at(el, 'SpecifiedLineTradeDelivery', 'BilledQuantity');
  const basis = child(net, 'BasisQuantity') ?? child(gross, 'BasisQuantity');
  const objRef =
    children(settle, 'AdditionalReferencedDocument').find((d) => textAt(d, 'TypeCode') === '130') ??
    child(settle, 'AdditionalReferencedDocument');
  const objIdEl = child(objRef, 'IssuerAssignedID');
  const ln: InvoiceLine = {
    id: textAt(doc, 'LineID'),
    note: textAt(doc, 'IncludedNote', 'Content'),
    objectId: objIdEl
      ? { value: stringValue(objIdEl), schemeId: textAt(objRef, 'ReferenceTypeCode'), schemeVersion: undefined }
      : undefined,
    quantity: qty ? stringValue(qty) : undefined,
    unitCode: qty?.attrs.unitCode,
    netAmount: textAt(settle, 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
    orderLineRef: textAt(agr, 'BuyerOrderReferencedDocument', 'LineID'),
    accountingRef: textAt(settle, 'ReceivableSpecifiedTradeAccountingAccount', 'ID'),
    period: period(child(settle, 'BillingSpecifiedPeriod')),
    allowanceCharges: children(settle, 'SpecifiedTradeAllowanceCharge').map((a) => allowanceCharge(a, origins)),
    netPrice: textAt(net, 'ChargeAmount'),
    priceDiscount: textAt(gross, 'AppliedTradeAllowanceCharge', 'ActualAmount'),
    grossPrice: textAt(gross, 'ChargeAmount'),
    baseQuantity: basis ? stringValue(basis) : undefined,
    baseQuantityUnit: basis?.attrs.unitCode,
    vatCategory: textAt(settle, 'ApplicableTradeTax', 'CategoryCode'),
    vatRate: textAt(settle, 'ApplicableTradeTax', 'RateApplicablePercent'),
    itemName: textAt(prod, 'Name'),
    itemDescription: textAt(prod, 'Description'),
    sellerItemId: textAt(prod, 'SellerAssignedID'),
    buyerItemId: textAt(prod, 'BuyerAssignedID'),
    standardItemId: ident(child(prod, 'GlobalID')),
    classifications: all(prod, 'DesignatedProductClassification', 'ClassCode').map((c) => ({
      code: stringValue(c),
      listId: c.attrs.listID,
      listVersion: c.attrs.listVersionID,
    })),
    originCountry: textAt(prod, 'OriginTradeCountry', 'ID'),
    attributes: children(prod, 'ApplicableProductCharacteristic').map((p) => ({
      name: textAt(p, 'Description'),
      value: textAt(p, 'Value'),
    })),
    subLines: [],
  };
  origins.set(ln, el);
  return ln;
}
