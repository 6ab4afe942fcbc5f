/**
 * CII building blocks shared by the document writer: format-102 dates, identifiers, periods,
 * allowances/charges and line items (sub lines flattened with ParentLineID), in schema order.
 */
import type { AllowanceCharge, Identifier, InvoiceLine, Period } from '../model/types.js';
import { el, leaf, type Node } from './xml.js';

/** ISO date → format 102; anything else is written as found so nothing is silently changed. */
export function d102(iso: string | undefined): string | undefined {
  if (iso === undefined) {
    return undefined;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replace(/-/g, '') : iso;
}

export function dateTime(name: string, iso: string | undefined): Node {
  return iso === undefined ? undefined : el(name, [leaf('udt:DateTimeString', d102(iso), { format: '102' })]);
}

export function id(name: string, v: Identifier | undefined): Node {
  return v ? leaf(name, v.value, { schemeID: v.schemeId }) : undefined;
}

export function period(p: Period | undefined): Node {
  return p
    ? el('ram:BillingSpecifiedPeriod', [dateTime('ram:StartDateTime', p.start), dateTime('ram:EndDateTime', p.end)])
    : undefined;
}

export function allowanceCharge(ac: AllowanceCharge, withTax: boolean): Node {
  return el('ram:SpecifiedTradeAllowanceCharge', [
    el('ram:ChargeIndicator', [leaf('udt:Indicator', ac.isCharge ? 'true' : 'false')]),
    leaf('ram:CalculationPercent', ac.percentage),
    leaf('ram:BasisAmount', ac.baseAmount),
    leaf('ram:ActualAmount', ac.amount),
    leaf('ram:ReasonCode', ac.reasonCode),
    leaf('ram:Reason', ac.reason),
    withTax
      ? el('ram:CategoryTradeTax', [
          leaf('ram:TypeCode', 'VAT'),
          leaf('ram:CategoryCode', ac.vatCategory),
          leaf('ram:RateApplicablePercent', ac.vatRate),
        ])
      : undefined,
  ]);
}

export function lines(l: InvoiceLine, parentId: string | undefined, out: Node[]): void {
  out.push(
    el('ram:IncludedSupplyChainTradeLineItem', [
      el('ram:AssociatedDocumentLineDocument', [
        leaf('ram:LineID', l.id),
        leaf('ram:ParentLineID', parentId ?? l.parentLineId),
        el('ram:IncludedNote', [leaf('ram:Content', l.note)]),
      ]),
      el('ram:SpecifiedTradeProduct', [
        id('ram:GlobalID', l.standardItemId),
        leaf('ram:SellerAssignedID', l.sellerItemId),
        leaf('ram:BuyerAssignedID', l.buyerItemId),
        leaf('ram:Name', l.itemName),
        leaf('ram:Description', l.itemDescription),
        ...l.attributes.map((a) =>
          el('ram:ApplicableProductCharacteristic', [leaf('ram:Description', a.name), leaf('ram:Value', a.value)]),
        ),
        ...l.classifications.map((c) =>
          el('ram:DesignatedProductClassification', [
            leaf('ram:ClassCode', c.code, { listID: c.listId, listVersionID: c.listVersion }),
          ]),
        ),
        el('ram:OriginTradeCountry', [leaf('ram:ID', l.originCountry)]),
      ]),
      el('ram:SpecifiedLineTradeAgreement', [
        el('ram:BuyerOrderReferencedDocument', [leaf('ram:LineID', l.orderLineRef)]),
        l.grossPrice !== undefined || l.priceDiscount !== undefined
          ? el('ram:GrossPriceProductTradePrice', [
              leaf('ram:ChargeAmount', l.grossPrice),
              l.priceDiscount !== undefined
                ? el('ram:AppliedTradeAllowanceCharge', [
                    el('ram:ChargeIndicator', [leaf('udt:Indicator', 'false')]),
                    leaf('ram:ActualAmount', l.priceDiscount),
                  ])
                : undefined,
            ])
          : undefined,
        el('ram:NetPriceProductTradePrice', [
          leaf('ram:ChargeAmount', l.netPrice),
          leaf('ram:BasisQuantity', l.baseQuantity, { unitCode: l.baseQuantityUnit }),
        ]),
      ]),
      el('ram:SpecifiedLineTradeDelivery', [leaf('ram:BilledQuantity', l.quantity, { unitCode: l.unitCode })]),
      el('ram:SpecifiedLineTradeSettlement', [
        el('ram:ApplicableTradeTax', [
          l.vatCategory !== undefined || l.vatRate !== undefined ? leaf('ram:TypeCode', 'VAT') : undefined,
          leaf('ram:CategoryCode', l.vatCategory),
          leaf('ram:RateApplicablePercent', l.vatRate),
        ]),
        period(l.period),
        ...l.allowanceCharges.map((a) => allowanceCharge(a, false)),
        el('ram:SpecifiedTradeSettlementLineMonetarySummation', [leaf('ram:LineTotalAmount', l.netAmount)]),
        l.objectId
          ? el('ram:AdditionalReferencedDocument', [
              leaf('ram:IssuerAssignedID', l.objectId.value),
              leaf('ram:TypeCode', '130'),
              leaf('ram:ReferenceTypeCode', l.objectId.schemeId),
            ])
          : undefined,
        el('ram:ReceivableSpecifiedTradeAccountingAccount', [leaf('ram:ID', l.accountingRef)]),
      ]),
    ]),
  );
  for (const s of l.subLines) {
    lines(s, l.id, out);
  }
}
