/**
 * UBL building blocks shared by the document writer: identifiers, amounts, periods,
 * allowances/charges and invoice lines (with XRechnung sub lines), in UBL schema order.
 */
import type { AllowanceCharge, Identifier, InvoiceLine, Period } from '../model/types.js';
import { el, leaf, type Node } from './xml.js';

export function id(name: string, v: Identifier | undefined): Node {
  return v ? leaf(name, v.value, { schemeID: v.schemeId, schemeVersionID: v.schemeVersion }) : undefined;
}

export function amount(name: string, v: string | undefined, currency: string | undefined): Node {
  return leaf(name, v, { currencyID: currency });
}

export function period(name: string, p: Period | undefined, descriptionCode?: string): Node {
  if (!p && descriptionCode === undefined) {
    return undefined;
  }
  return el(name, [
    leaf('cbc:StartDate', p?.start),
    leaf('cbc:EndDate', p?.end),
    leaf('cbc:DescriptionCode', descriptionCode),
  ]);
}

export function allowanceCharge(ac: AllowanceCharge, currency: string | undefined, withTax: boolean): Node {
  return el('cac:AllowanceCharge', [
    leaf('cbc:ChargeIndicator', ac.isCharge ? 'true' : 'false'),
    leaf('cbc:AllowanceChargeReasonCode', ac.reasonCode),
    leaf('cbc:AllowanceChargeReason', ac.reason),
    leaf('cbc:MultiplierFactorNumeric', ac.percentage),
    amount('cbc:Amount', ac.amount, currency),
    amount('cbc:BaseAmount', ac.baseAmount, currency),
    withTax
      ? el('cac:TaxCategory', [
          leaf('cbc:ID', ac.vatCategory),
          leaf('cbc:Percent', ac.vatRate),
          el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
        ])
      : undefined,
  ]);
}

export function line(l: InvoiceLine, currency: string | undefined, credit: boolean, sub = false): Node {
  const tag = credit
    ? sub
      ? 'cac:SubCreditNoteLine'
      : 'cac:CreditNoteLine'
    : sub
      ? 'cac:SubInvoiceLine'
      : 'cac:InvoiceLine';
  const acs = l.allowanceCharges.map((a) => allowanceCharge(a, currency, false));
  return el(tag, [
    leaf('cbc:ID', l.id),
    leaf('cbc:Note', l.note),
    leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', l.quantity, { unitCode: l.unitCode }),
    amount('cbc:LineExtensionAmount', l.netAmount, currency),
    leaf('cbc:AccountingCost', l.accountingRef),
    period('cac:InvoicePeriod', l.period),
    el('cac:OrderLineReference', [leaf('cbc:LineID', l.orderLineRef)]),
    l.objectId
      ? el('cac:DocumentReference', [id('cbc:ID', l.objectId), leaf('cbc:DocumentTypeCode', '130')])
      : undefined,
    ...acs,
    el('cac:Item', [
      leaf('cbc:Description', l.itemDescription),
      leaf('cbc:Name', l.itemName),
      el('cac:BuyersItemIdentification', [leaf('cbc:ID', l.buyerItemId)]),
      el('cac:SellersItemIdentification', [leaf('cbc:ID', l.sellerItemId)]),
      el('cac:StandardItemIdentification', [id('cbc:ID', l.standardItemId)]),
      el('cac:OriginCountry', [leaf('cbc:IdentificationCode', l.originCountry)]),
      ...l.classifications.map((c) =>
        el('cac:CommodityClassification', [
          leaf('cbc:ItemClassificationCode', c.code, { listID: c.listId, listVersionID: c.listVersion }),
        ]),
      ),
      el('cac:ClassifiedTaxCategory', [
        leaf('cbc:ID', l.vatCategory),
        leaf('cbc:Percent', l.vatRate),
        l.vatCategory !== undefined || l.vatRate !== undefined
          ? el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')])
          : undefined,
      ]),
      ...l.attributes.map((a) =>
        el('cac:AdditionalItemProperty', [leaf('cbc:Name', a.name), leaf('cbc:Value', a.value)]),
      ),
    ]),
    el('cac:Price', [
      amount('cbc:PriceAmount', l.netPrice, currency),
      leaf('cbc:BaseQuantity', l.baseQuantity, { unitCode: l.baseQuantityUnit }),
      l.priceDiscount !== undefined || l.grossPrice !== undefined
        ? el('cac:AllowanceCharge', [
            leaf('cbc:ChargeIndicator', 'false'),
            amount('cbc:Amount', l.priceDiscount, currency),
            amount('cbc:BaseAmount', l.grossPrice, currency),
          ])
        : undefined,
    ]),
    ...l.subLines.map((s) => line(s, currency, credit, true)),
  ]);
}
