/**
 * EN 16931 model → UN/CEFACT CII D16B CrossIndustryInvoice, in schema element order.
 */
import type { Address, Invoice, Party } from '../model/types.js';
import { el, join, leaf, type Node } from './xml.js';
import { allowanceCharge, d102, dateTime, id, lines, period } from './cii-line.js';

const NSDECL =
  'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" ' +
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" ' +
  'xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" ' +
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"';

function address(a: Address | undefined): Node {
  if (!a) {
    return undefined;
  }
  return el('ram:PostalTradeAddress', [
    leaf('ram:PostcodeCode', a.postCode),
    leaf('ram:LineOne', a.line1),
    leaf('ram:LineTwo', a.line2),
    leaf('ram:LineThree', a.line3),
    leaf('ram:CityName', a.city),
    leaf('ram:CountryID', a.countryCode),
    leaf('ram:CountrySubDivisionName', a.countrySubdivision),
  ]);
}

function party(name: string, p: Party | undefined): Node {
  if (!p) {
    return undefined;
  }
  const c = p.contact;
  return el(name, [
    ...p.identifiers.filter((i) => i.schemeId === undefined).map((i) => leaf('ram:ID', i.value)),
    ...p.identifiers.filter((i) => i.schemeId !== undefined).map((i) => id('ram:GlobalID', i)),
    leaf('ram:Name', p.name),
    leaf('ram:Description', p.additionalLegalInfo),
    el('ram:SpecifiedLegalOrganization', [
      id('ram:ID', p.legalRegistrationId),
      leaf('ram:TradingBusinessName', p.tradingName),
    ]),
    c
      ? el('ram:DefinedTradeContact', [
          leaf('ram:PersonName', c.name),
          el('ram:TelephoneUniversalCommunication', [leaf('ram:CompleteNumber', c.phone)]),
          el('ram:EmailURIUniversalCommunication', [leaf('ram:URIID', c.email)]),
        ])
      : undefined,
    address(p.address),
    el('ram:URIUniversalCommunication', [id('ram:URIID', p.electronicAddress)]),
    p.vatId !== undefined
      ? el('ram:SpecifiedTaxRegistration', [leaf('ram:ID', p.vatId, { schemeID: 'VA' })])
      : undefined,
    p.taxRegistrationId !== undefined
      ? el('ram:SpecifiedTaxRegistration', [leaf('ram:ID', p.taxRegistrationId, { schemeID: 'FC' })])
      : undefined,
  ]);
}

/** BT-8 is coded with UNTDID 2005 in UBL and UNTDID 2475 in CII; the same meaning maps 1:1. */
const UBL_TO_CII: Record<string, string> = { '3': '5', '35': '29', '432': '72' };
function toCii2475(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (UBL_TO_CII[code.trim()] ?? code);
}

export function writeCii(inv: Invoice): string {
  const t = inv.totals;
  const lineNodes: Node[] = [];
  for (const l of inv.lines) {
    lines(l, undefined, lineNodes);
  }
  const pms = inv.paymentInstructions;
  const dd = pms.find((p) => p.directDebit)?.directDebit;
  const remittance = pms.find((p) => p.remittanceInfo !== undefined)?.remittanceInfo;
  const refDocs: Node[] = [
    ...inv.attachments.map((a) =>
      el('ram:AdditionalReferencedDocument', [
        leaf('ram:IssuerAssignedID', a.id),
        leaf('ram:URIID', a.externalUri),
        leaf('ram:TypeCode', a.typeCode ?? '916'),
        leaf('ram:Name', a.description),
        a.content
          ? leaf('ram:AttachmentBinaryObject', a.content.base64, {
              mimeCode: a.content.mimeCode,
              filename: a.content.filename,
            })
          : undefined,
      ]),
    ),
    inv.tenderRef !== undefined
      ? el('ram:AdditionalReferencedDocument', [
          leaf('ram:IssuerAssignedID', inv.tenderRef),
          leaf('ram:TypeCode', '50'),
        ])
      : undefined,
    inv.objectId
      ? el('ram:AdditionalReferencedDocument', [
          leaf('ram:IssuerAssignedID', inv.objectId.value),
          leaf('ram:TypeCode', '130'),
          leaf('ram:ReferenceTypeCode', inv.objectId.schemeId),
        ])
      : undefined,
  ];
  const d = inv.delivery;
  const body: Node[] = [
    el('rsm:ExchangedDocumentContext', [
      el('ram:BusinessProcessSpecifiedDocumentContextParameter', [leaf('ram:ID', inv.processId)]),
      el('ram:GuidelineSpecifiedDocumentContextParameter', [leaf('ram:ID', inv.specificationId)]),
    ]),
    el('rsm:ExchangedDocument', [
      leaf('ram:ID', inv.id),
      leaf('ram:TypeCode', inv.typeCode),
      dateTime('ram:IssueDateTime', inv.issueDate),
      ...inv.notes.map((n) =>
        el('ram:IncludedNote', [leaf('ram:Content', n.text), leaf('ram:SubjectCode', n.subjectCode)]),
      ),
    ]),
    el('rsm:SupplyChainTradeTransaction', [
      ...lineNodes,
      el('ram:ApplicableHeaderTradeAgreement', [
        leaf('ram:BuyerReference', inv.buyerReference),
        party('ram:SellerTradeParty', inv.seller) ?? '<ram:SellerTradeParty/>',
        party('ram:BuyerTradeParty', inv.buyer) ?? '<ram:BuyerTradeParty/>',
        party('ram:SellerTaxRepresentativeTradeParty', inv.taxRepresentative),
        el('ram:SellerOrderReferencedDocument', [leaf('ram:IssuerAssignedID', inv.salesOrderRef)]),
        el('ram:BuyerOrderReferencedDocument', [leaf('ram:IssuerAssignedID', inv.orderRef)]),
        el('ram:ContractReferencedDocument', [leaf('ram:IssuerAssignedID', inv.contractRef)]),
        ...refDocs,
        el('ram:SpecifiedProcuringProject', [
          leaf('ram:ID', inv.projectRef),
          leaf('ram:Name', inv.projectName ?? (inv.projectRef !== undefined ? 'Project' : undefined)),
        ]),
      ]),
      el('ram:ApplicableHeaderTradeDelivery', [
        d
          ? el('ram:ShipToTradeParty', [
              d.locationId?.schemeId !== undefined ? id('ram:GlobalID', d.locationId) : id('ram:ID', d.locationId),
              leaf('ram:Name', d.partyName),
              address(d.address),
            ])
          : undefined,
        d?.date !== undefined
          ? el('ram:ActualDeliverySupplyChainEvent', [dateTime('ram:OccurrenceDateTime', d.date)])
          : undefined,
        el('ram:DespatchAdviceReferencedDocument', [leaf('ram:IssuerAssignedID', inv.despatchAdviceRef)]),
        el('ram:ReceivingAdviceReferencedDocument', [leaf('ram:IssuerAssignedID', inv.receivingAdviceRef)]),
      ]) ?? '<ram:ApplicableHeaderTradeDelivery/>',
      el('ram:ApplicableHeaderTradeSettlement', [
        leaf('ram:CreditorReferenceID', dd?.creditorId),
        leaf('ram:PaymentReference', remittance),
        leaf('ram:TaxCurrencyCode', inv.taxCurrency),
        leaf('ram:InvoiceCurrencyCode', inv.currency),
        party('ram:PayeeTradeParty', inv.payee),
        ...pms
          .filter((p) => p.typeCode !== undefined)
          .map((p) =>
            el('ram:SpecifiedTradeSettlementPaymentMeans', [
              leaf('ram:TypeCode', p.typeCode),
              leaf('ram:Information', p.text),
              p.card
                ? el('ram:ApplicableTradeSettlementFinancialCard', [
                    leaf('ram:ID', p.card.pan),
                    leaf('ram:CardholderName', p.card.holderName),
                  ])
                : undefined,
              el('ram:PayerPartyDebtorFinancialAccount', [leaf('ram:IBANID', p.directDebit?.debitedAccountId)]),
              ...p.creditTransfers.map((c) =>
                el('ram:PayeePartyCreditorFinancialAccount', [
                  c.proprietary ? undefined : leaf('ram:IBANID', c.accountId),
                  leaf('ram:AccountName', c.accountName),
                  c.proprietary ? leaf('ram:ProprietaryID', c.accountId) : undefined,
                ]),
              ),
              el('ram:PayeeSpecifiedCreditorFinancialInstitution', [
                leaf('ram:BICID', p.creditTransfers.find((c) => c.serviceProviderId !== undefined)?.serviceProviderId),
              ]),
            ]),
          ),
        ...inv.vatBreakdown.map((v, i) =>
          el('ram:ApplicableTradeTax', [
            leaf('ram:CalculatedAmount', v.taxAmount),
            leaf('ram:TypeCode', 'VAT'),
            leaf('ram:ExemptionReason', v.exemptionReason),
            leaf('ram:BasisAmount', v.taxableAmount),
            leaf('ram:CategoryCode', v.categoryCode),
            leaf('ram:ExemptionReasonCode', v.exemptionReasonCode),
            (v.taxPointDate ?? (i === 0 ? inv.taxPointDate : undefined)) !== undefined
              ? el('ram:TaxPointDate', [
                  leaf('udt:DateString', d102(v.taxPointDate ?? inv.taxPointDate), { format: '102' }),
                ])
              : undefined,
            leaf('ram:DueDateTypeCode', toCii2475(v.taxPointDateCode ?? (i === 0 ? inv.taxPointDateCode : undefined))),
            leaf('ram:RateApplicablePercent', v.rate),
          ]),
        ),
        period(inv.invoicePeriod),
        ...inv.allowanceCharges.map((a) => allowanceCharge(a, true)),
        el('ram:SpecifiedTradePaymentTerms', [
          leaf('ram:Description', inv.paymentTerms),
          dateTime('ram:DueDateDateTime', inv.dueDate),
          leaf('ram:DirectDebitMandateID', dd?.mandateId),
        ]),
        el('ram:SpecifiedTradeSettlementHeaderMonetarySummation', [
          leaf('ram:LineTotalAmount', t.lineNetTotal),
          leaf('ram:ChargeTotalAmount', t.chargeTotal),
          leaf('ram:AllowanceTotalAmount', t.allowanceTotal),
          leaf('ram:TaxBasisTotalAmount', t.taxExclusive),
          leaf('ram:TaxTotalAmount', t.vatTotal, { currencyID: inv.currency }),
          leaf('ram:TaxTotalAmount', t.vatTotalTaxCurrency, { currencyID: inv.taxCurrency }),
          leaf('ram:RoundingAmount', t.rounding),
          leaf('ram:GrandTotalAmount', t.taxInclusive),
          leaf('ram:TotalPrepaidAmount', t.prepaid),
          leaf('ram:DuePayableAmount', t.payable),
        ]),
        ...inv.precedingInvoices.map((p) =>
          el('ram:InvoiceReferencedDocument', [
            leaf('ram:IssuerAssignedID', p.id),
            p.issueDate !== undefined
              ? el('ram:FormattedIssueDateTime', [leaf('qdt:DateTimeString', d102(p.issueDate), { format: '102' })])
              : undefined,
          ]),
        ),
        el('ram:ReceivableSpecifiedTradeAccountingAccount', [leaf('ram:ID', inv.buyerAccountingRef)]),
      ]),
    ]),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice ${NSDECL}>` +
    join(body) +
    '</rsm:CrossIndustryInvoice>\n'
  );
}
