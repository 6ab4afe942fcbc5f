/**
 * UBL building blocks shared by the document reader: identifiers, periods, allowances/charges and
 * invoice lines (with XRechnung sub lines).
 */
import type { XElement } from '../xml/parse.js';
import { all, at, child, children, stringValue, textAt } from '../xml/tree.js';
import type { AllowanceCharge, Identifier, InvoiceLine, Period } from '../model/types.js';
import type { Origins } from './origins.js';

export function ident(el: XElement | undefined): Identifier | undefined {
  if (!el) {
    return undefined;
  }
  // all keys always (one shape for UBL and CII identifiers); the public copy drops undefined ones
  return { value: stringValue(el), schemeId: el.attrs.schemeID, schemeVersion: el.attrs.schemeVersionID };
}

export function period(el: XElement | undefined): Period | undefined {
  if (!el) {
    return undefined;
  }
  return { start: textAt(el, 'StartDate'), end: textAt(el, 'EndDate') };
}

export function allowanceCharge(el: XElement, origins: Origins): AllowanceCharge {
  const ac: AllowanceCharge = {
    isCharge: textAt(el, 'ChargeIndicator')?.trim() === 'true',
    amount: textAt(el, 'Amount'),
    baseAmount: textAt(el, 'BaseAmount'),
    percentage: textAt(el, 'MultiplierFactorNumeric'),
    vatCategory: textAt(el, 'TaxCategory', 'ID'),
    vatRate: textAt(el, 'TaxCategory', 'Percent'),
    reason: textAt(el, 'AllowanceChargeReason'),
    reasonCode: textAt(el, 'AllowanceChargeReasonCode'),
  };
  origins.set(ac, el);
  return ac;
}

export function line(el: XElement, origins: Origins): InvoiceLine {
  const qty = child(el, 'InvoicedQuantity') ?? child(el, 'CreditedQuantity');
  const item = child(el, 'Item');
  const price = child(el, 'Price');
  const priceAc = child(price, 'AllowanceCharge');
  const docRef = child(el, 'DocumentReference');
  const ln: InvoiceLine = {
    id: textAt(el, 'ID'),
    note: textAt(el, 'Note'),
    objectId: ident(child(docRef, 'ID')),
    quantity: qty ? stringValue(qty) : undefined,
    unitCode: qty?.attrs.unitCode,
    netAmount: textAt(el, 'LineExtensionAmount'),
    orderLineRef: textAt(el, 'OrderLineReference', 'LineID'),
    accountingRef: textAt(el, 'AccountingCost'),
    period: period(child(el, 'InvoicePeriod')),
    allowanceCharges: children(el, 'AllowanceCharge').map((a) => allowanceCharge(a, origins)),
    netPrice: textAt(price, 'PriceAmount'),
    priceDiscount: textAt(priceAc, 'Amount'),
    grossPrice: textAt(priceAc, 'BaseAmount'),
    baseQuantity: textAt(price, 'BaseQuantity'),
    baseQuantityUnit: child(price, 'BaseQuantity')?.attrs.unitCode,
    vatCategory: textAt(item, 'ClassifiedTaxCategory', 'ID'),
    vatRate: textAt(item, 'ClassifiedTaxCategory', 'Percent'),
    itemName: textAt(item, 'Name'),
    itemDescription: textAt(item, 'Description'),
    sellerItemId: textAt(item, 'SellersItemIdentification', 'ID'),
    buyerItemId: textAt(item, 'BuyersItemIdentification', 'ID'),
    standardItemId: ident(at(item, 'StandardItemIdentification', 'ID')),
    classifications: all(item, 'CommodityClassification', 'ItemClassificationCode').map((c) => ({
      code: stringValue(c),
      listId: c.attrs.listID,
      listVersion: c.attrs.listVersionID,
    })),
    originCountry: textAt(item, 'OriginCountry', 'IdentificationCode'),
    attributes: children(item, 'AdditionalItemProperty').map((p) => ({
      name: textAt(p, 'Name'),
      value: textAt(p, 'Value'),
    })),
    subLines: [...children(el, 'SubInvoiceLine'), ...children(el, 'SubCreditNoteLine')].map((s) => line(s, origins)),
  };
  origins.set(ln, el);
  return ln;
}
