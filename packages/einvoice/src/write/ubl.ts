/**
 * EN 16931 model → UBL 2.1 Invoice or CreditNote, in the element order the UBL schema demands.
 */
import type { Address, Contact, Invoice, Party } from '../model/types.js';
import { el, join, leaf, type Node } from './xml.js';
import { allowanceCharge, amount, id, line, period } from './ubl-line.js';
import { dec, sum, toString, type Decimal } from '../model/decimal.js';

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';

function address(name: string, a: Address | undefined): Node {
  if (!a) {
    return undefined;
  }
  return el(name, [
    leaf('cbc:StreetName', a.line1),
    leaf('cbc:AdditionalStreetName', a.line2),
    leaf('cbc:CityName', a.city),
    leaf('cbc:PostalZone', a.postCode),
    leaf('cbc:CountrySubentity', a.countrySubdivision),
    el('cac:AddressLine', [leaf('cbc:Line', a.line3)]),
    el('cac:Country', [leaf('cbc:IdentificationCode', a.countryCode)]),
  ]);
}

function contact(c: Contact | undefined): Node {
  return c
    ? el('cac:Contact', [leaf('cbc:Name', c.name), leaf('cbc:Telephone', c.phone), leaf('cbc:ElectronicMail', c.email)])
    : undefined;
}

function taxScheme(companyId: string | undefined, scheme: string): Node {
  return companyId === undefined
    ? undefined
    : el('cac:PartyTaxScheme', [leaf('cbc:CompanyID', companyId), el('cac:TaxScheme', [leaf('cbc:ID', scheme)])]);
}

/** Seller and buyer: legal name in PartyLegalEntity, trading name in PartyName. */
function party(p: Party, sepaCreditorId?: string): Node {
  return el('cac:Party', [
    id('cbc:EndpointID', p.electronicAddress),
    ...p.identifiers.map((i) => el('cac:PartyIdentification', [id('cbc:ID', i)])),
    sepaCreditorId !== undefined
      ? el('cac:PartyIdentification', [leaf('cbc:ID', sepaCreditorId, { schemeID: 'SEPA' })])
      : undefined,
    el('cac:PartyName', [leaf('cbc:Name', p.tradingName)]),
    address('cac:PostalAddress', p.address),
    taxScheme(p.vatId, 'VAT'),
    taxScheme(p.taxRegistrationId, 'FC'),
    el('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', p.name),
      id('cbc:CompanyID', p.legalRegistrationId),
      leaf('cbc:CompanyLegalForm', p.additionalLegalInfo),
    ]),
    contact(p.contact),
  ]);
}

/** Payee and tax representative carry their name in PartyName (BT-59, BT-62). */
function namedParty(name: string, p: Party | undefined): Node {
  if (!p) {
    return undefined;
  }
  return el(name, [
    ...p.identifiers.map((i) => el('cac:PartyIdentification', [id('cbc:ID', i)])),
    el('cac:PartyName', [leaf('cbc:Name', p.name)]),
    address('cac:PostalAddress', p.address),
    taxScheme(p.vatId, 'VAT'),
    el('cac:PartyLegalEntity', [id('cbc:CompanyID', p.legalRegistrationId)]),
  ]);
}

/** BT-8 is coded with UNTDID 2005 in UBL and UNTDID 2475 in CII; the same meaning maps 1:1. */
const CII_TO_UBL: Record<string, string> = { '5': '3', '29': '35', '72': '432' };
function toUbl2005(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (CII_TO_UBL[code.trim()] ?? code);
}

/** UBL requires BT-110 (TaxTotal/TaxAmount); when a source lacks it, it is the sum of BT-117. */
function vatTotalOf(inv: Invoice): string | undefined {
  if (inv.totals.vatTotal !== undefined || inv.vatBreakdown.length === 0) {
    return inv.totals.vatTotal;
  }
  const parts = inv.vatBreakdown.map((v) => dec(v.taxAmount ?? '0'));
  return parts.every((p) => p) ? toString(sum(parts as Decimal[])) : undefined;
}

export function writeUbl(inv: Invoice, kind: 'invoice' | 'creditnote'): string {
  const credit = kind === 'creditnote';
  const cur = inv.currency;
  const root = credit ? 'CreditNote' : 'Invoice';
  const ns = credit
    ? 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2'
    : 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
  const pms = inv.paymentInstructions;
  const sepaCreditor = pms.find((p) => p.directDebit?.creditorId !== undefined)?.directDebit?.creditorId;
  const docTypeRefs: Node[] = [];
  if (inv.objectId) {
    docTypeRefs.push(
      el('cac:AdditionalDocumentReference', [id('cbc:ID', inv.objectId), leaf('cbc:DocumentTypeCode', '130')]),
    );
  }
  if (credit && inv.projectRef !== undefined) {
    docTypeRefs.push(
      el('cac:AdditionalDocumentReference', [leaf('cbc:ID', inv.projectRef), leaf('cbc:DocumentTypeCode', '50')]),
    );
  }
  const attachments = inv.attachments.map((a) =>
    el('cac:AdditionalDocumentReference', [
      leaf('cbc:ID', a.id),
      leaf('cbc:DocumentTypeCode', a.typeCode),
      leaf('cbc:DocumentDescription', a.description),
      el('cac:Attachment', [
        a.content
          ? leaf('cbc:EmbeddedDocumentBinaryObject', a.content.base64, {
              mimeCode: a.content.mimeCode,
              filename: a.content.filename,
            })
          : undefined,
        el('cac:ExternalReference', [leaf('cbc:URI', a.externalUri)]),
      ]),
    ]),
  );
  const breakdown = inv.vatBreakdown.map((v) =>
    el('cac:TaxSubtotal', [
      amount('cbc:TaxableAmount', v.taxableAmount, cur),
      amount('cbc:TaxAmount', v.taxAmount, cur),
      el('cac:TaxCategory', [
        leaf('cbc:ID', v.categoryCode),
        leaf('cbc:Percent', v.rate),
        leaf('cbc:TaxExemptionReasonCode', v.exemptionReasonCode),
        leaf('cbc:TaxExemptionReason', v.exemptionReason),
        el('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
      ]),
    ]),
  );
  const t = inv.totals;
  const body: Node[] = [
    leaf('cbc:CustomizationID', inv.specificationId),
    leaf('cbc:ProfileID', inv.processId),
    leaf('cbc:ID', inv.id),
    leaf('cbc:IssueDate', inv.issueDate),
    credit ? leaf('cbc:TaxPointDate', inv.taxPointDate) : leaf('cbc:DueDate', inv.dueDate),
    leaf(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', inv.typeCode),
    ...inv.notes.map((n) =>
      leaf('cbc:Note', n.subjectCode !== undefined ? `#${n.subjectCode}#${n.text ?? ''}` : n.text),
    ),
    credit ? undefined : leaf('cbc:TaxPointDate', inv.taxPointDate),
    leaf('cbc:DocumentCurrencyCode', cur),
    leaf('cbc:TaxCurrencyCode', inv.taxCurrency),
    leaf('cbc:AccountingCost', inv.buyerAccountingRef),
    leaf('cbc:BuyerReference', inv.buyerReference),
    period('cac:InvoicePeriod', inv.invoicePeriod, toUbl2005(inv.taxPointDateCode)),
    el('cac:OrderReference', [
      leaf('cbc:ID', inv.orderRef ?? (inv.salesOrderRef !== undefined ? 'NA' : undefined)),
      leaf('cbc:SalesOrderID', inv.salesOrderRef),
    ]),
    ...inv.precedingInvoices.map((p) =>
      el('cac:BillingReference', [
        el('cac:InvoiceDocumentReference', [leaf('cbc:ID', p.id), leaf('cbc:IssueDate', p.issueDate)]),
      ]),
    ),
    el('cac:DespatchDocumentReference', [leaf('cbc:ID', inv.despatchAdviceRef)]),
    el('cac:ReceiptDocumentReference', [leaf('cbc:ID', inv.receivingAdviceRef)]),
    credit ? undefined : el('cac:OriginatorDocumentReference', [leaf('cbc:ID', inv.tenderRef)]),
    el('cac:ContractDocumentReference', [leaf('cbc:ID', inv.contractRef)]),
    ...docTypeRefs,
    ...attachments,
    credit ? el('cac:OriginatorDocumentReference', [leaf('cbc:ID', inv.tenderRef)]) : undefined,
    credit ? undefined : el('cac:ProjectReference', [leaf('cbc:ID', inv.projectRef)]),
    el('cac:AccountingSupplierParty', [party(inv.seller, sepaCreditor)]),
    el('cac:AccountingCustomerParty', [party(inv.buyer)]),
    namedParty('cac:PayeeParty', inv.payee),
    namedParty('cac:TaxRepresentativeParty', inv.taxRepresentative),
    inv.delivery
      ? el('cac:Delivery', [
          leaf('cbc:ActualDeliveryDate', inv.delivery.date),
          el('cac:DeliveryLocation', [
            id('cbc:ID', inv.delivery.locationId),
            address('cac:Address', inv.delivery.address),
          ]),
          el('cac:DeliveryParty', [el('cac:PartyName', [leaf('cbc:Name', inv.delivery.partyName)])]),
        ])
      : undefined,
    ...pms
      .filter((p) => p.typeCode !== undefined)
      .map((p) =>
        el('cac:PaymentMeans', [
          leaf('cbc:PaymentMeansCode', p.typeCode, { name: p.text }),
          credit ? leaf('cbc:PaymentDueDate', inv.dueDate) : undefined,
          leaf('cbc:PaymentID', p.remittanceInfo),
          p.card
            ? el('cac:CardAccount', [
                leaf('cbc:PrimaryAccountNumberID', p.card.pan),
                leaf('cbc:NetworkID', p.card.networkId ?? 'NA'),
                leaf('cbc:HolderName', p.card.holderName),
              ])
            : undefined,
          ...p.creditTransfers.map((c) =>
            el('cac:PayeeFinancialAccount', [
              leaf('cbc:ID', c.accountId),
              leaf('cbc:Name', c.accountName),
              el('cac:FinancialInstitutionBranch', [leaf('cbc:ID', c.serviceProviderId)]),
            ]),
          ),
          p.directDebit && (p.directDebit.mandateId !== undefined || p.directDebit.debitedAccountId !== undefined)
            ? el('cac:PaymentMandate', [
                leaf('cbc:ID', p.directDebit.mandateId),
                el('cac:PayerFinancialAccount', [leaf('cbc:ID', p.directDebit.debitedAccountId)]),
              ])
            : undefined,
        ]),
      ),
    el('cac:PaymentTerms', [leaf('cbc:Note', inv.paymentTerms)]),
    ...(credit ? [] : (inv.thirdPartyPayments ?? [])).map(
      (p) =>
        // an empty group is kept: its presence alone is what BR-DEX-10…12 check
        el('cac:PrepaidPayment', [
          leaf('cbc:ID', p.type),
          amount('cbc:PaidAmount', p.amount, p.currency ?? cur),
          leaf('cbc:InstructionID', p.description),
        ]) ?? '<cac:PrepaidPayment/>',
    ),
    ...inv.allowanceCharges.map((a) => allowanceCharge(a, cur, true)),
    el('cac:TaxTotal', [amount('cbc:TaxAmount', vatTotalOf(inv), cur), ...breakdown]),
    t.vatTotalTaxCurrency !== undefined
      ? el('cac:TaxTotal', [amount('cbc:TaxAmount', t.vatTotalTaxCurrency, inv.taxCurrency)])
      : undefined,
    el('cac:LegalMonetaryTotal', [
      amount('cbc:LineExtensionAmount', t.lineNetTotal, cur),
      amount('cbc:TaxExclusiveAmount', t.taxExclusive, cur),
      amount('cbc:TaxInclusiveAmount', t.taxInclusive, cur),
      amount('cbc:AllowanceTotalAmount', t.allowanceTotal, cur),
      amount('cbc:ChargeTotalAmount', t.chargeTotal, cur),
      amount('cbc:PrepaidAmount', t.prepaid, cur),
      amount('cbc:PayableRoundingAmount', t.rounding, cur),
      amount('cbc:PayableAmount', t.payable, cur),
    ]),
    ...inv.lines.map((l) => line(l, cur, credit)),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${ns}" xmlns:cac="${CAC}" xmlns:cbc="${CBC}">` +
    join(body) +
    `</${root}>\n`
  );
}
