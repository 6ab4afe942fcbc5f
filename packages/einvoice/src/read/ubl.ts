/**
 * UBL 2.1 Invoice / CreditNote → EN 16931 model. Tolerant by design: the validator reads
 * incomplete fragments too, so nothing here throws on a missing element.
 */
import type { XElement } from '../xml/parse.js';
import { all, at, child, children, stringValue, textAt } from '../xml/tree.js';
import type {
  Address,
  Attachment,
  Contact,
  Identifier,
  Invoice,
  Party,
  PaymentInstructions,
  Period,
  VatBreakdown,
} from '../model/types.js';
import { Origins } from './origins.js';
import { noteOf } from './common.js';
import { allowanceCharge, ident, line, period } from './ubl-line.js';

function address(el: XElement | undefined): Address | undefined {
  if (!el) {
    return undefined;
  }
  return {
    line1: textAt(el, 'StreetName'),
    line2: textAt(el, 'AdditionalStreetName'),
    line3: textAt(el, 'AddressLine', 'Line'),
    city: textAt(el, 'CityName'),
    postCode: textAt(el, 'PostalZone'),
    countrySubdivision: textAt(el, 'CountrySubentity'),
    countryCode: textAt(el, 'Country', 'IdentificationCode'),
  };
}

function contact(el: XElement | undefined): Contact | undefined {
  if (!el) {
    return undefined;
  }
  return { name: textAt(el, 'Name'), phone: textAt(el, 'Telephone'), email: textAt(el, 'ElectronicMail') };
}

/**
 * A party as the rules read it: every key always present (absent terms undefined) in one order,
 * so every party of every UBL document has one hidden class. The public copy drops undefined keys,
 * so only the order of the present ones is visible: VAT id before the other tax registration,
 * unless the document lists the other scheme first (then the keys are made in that order).
 */
function party(el: XElement | undefined): Party {
  const identifiers: Identifier[] = [];
  if (!el) {
    return makeParty(
      identifiers,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      false,
      undefined,
      undefined,
      undefined,
      undefined,
    );
  }
  for (const pi of children(el, 'PartyIdentification')) {
    const id = ident(child(pi, 'ID'));
    if (id && id.schemeId !== 'SEPA') {
      identifiers.push(id);
    }
  }
  const electronicAddress = ident(child(el, 'EndpointID'));
  const tradingName = textAt(el, 'PartyName', 'Name');
  const addr = address(child(el, 'PostalAddress'));
  let vatId: string | undefined;
  let taxRegistrationId: string | undefined;
  let vatSeen = false;
  let otherFirst = false;
  for (const ts of children(el, 'PartyTaxScheme')) {
    const scheme = textAt(ts, 'TaxScheme', 'ID');
    const companyId = textAt(ts, 'CompanyID');
    if (scheme === 'VAT') {
      vatSeen = true;
      vatId ??= companyId;
    } else {
      otherFirst ||= !vatSeen;
      taxRegistrationId ??= companyId;
    }
  }
  const le = child(el, 'PartyLegalEntity');
  return makeParty(
    identifiers,
    electronicAddress,
    tradingName,
    addr,
    vatId,
    taxRegistrationId,
    otherFirst,
    textAt(le, 'RegistrationName'),
    ident(child(le, 'CompanyID')),
    textAt(le, 'CompanyLegalForm'),
    contact(child(el, 'Contact')),
  );
}

function makeParty(
  identifiers: Identifier[],
  electronicAddress: Identifier | undefined,
  tradingName: string | undefined,
  address: Address | undefined,
  vatId: string | undefined,
  taxRegistrationId: string | undefined,
  otherFirst: boolean,
  name: string | undefined,
  legalRegistrationId: Identifier | undefined,
  additionalLegalInfo: string | undefined,
  contact: Contact | undefined,
): Party {
  // both tax registrations present and the other one first: the rare second shape
  return otherFirst && vatId !== undefined && taxRegistrationId !== undefined
    ? {
        identifiers,
        electronicAddress,
        tradingName,
        address,
        taxRegistrationId,
        vatId,
        name,
        legalRegistrationId,
        additionalLegalInfo,
        contact,
      }
    : {
        identifiers,
        electronicAddress,
        tradingName,
        address,
        vatId,
        taxRegistrationId,
        name,
        legalRegistrationId,
        additionalLegalInfo,
        contact,
      };
}

function paymentMeans(el: XElement, sepaCreditor: string | undefined, origins: Origins): PaymentInstructions {
  const codeEl = child(el, 'PaymentMeansCode');
  const card = child(el, 'CardAccount');
  const mandate = child(el, 'PaymentMandate');
  // every key always (absent ones undefined): one shape for all payment means
  const pm: PaymentInstructions = {
    typeCode: codeEl ? stringValue(codeEl) : undefined,
    text: codeEl?.attrs.name,
    remittanceInfo: textAt(el, 'PaymentID'),
    creditTransfers: children(el, 'PayeeFinancialAccount').map((a) => ({
      accountId: textAt(a, 'ID'),
      accountName: textAt(a, 'Name'),
      serviceProviderId: textAt(a, 'FinancialInstitutionBranch', 'ID'),
      proprietary: undefined,
    })),
    card: card
      ? {
          pan: textAt(card, 'PrimaryAccountNumberID'),
          holderName: textAt(card, 'HolderName'),
          networkId: textAt(card, 'NetworkID'),
        }
      : undefined,
    directDebit: mandate
      ? {
          mandateId: textAt(mandate, 'ID'),
          creditorId: sepaCreditor,
          debitedAccountId: textAt(mandate, 'PayerFinancialAccount', 'ID'),
        }
      : undefined,
  };
  origins.set(pm, el);
  return pm;
}

export function readUbl(root: XElement, origins: Origins = new Origins()): Invoice {
  const isCredit = root.name === 'CreditNote';
  const supplier = at(root, 'AccountingSupplierParty', 'Party');
  const payeeEl = child(root, 'PayeeParty');
  // BT-90 lives on the seller (or payee) as a SEPA-scheme party identifier
  const sepa = [...children(supplier, 'PartyIdentification'), ...children(payeeEl, 'PartyIdentification')]
    .map((pi) => child(pi, 'ID'))
    .find((id) => id?.attrs.schemeID === 'SEPA');
  const sepaCreditor = sepa ? stringValue(sepa) : undefined;

  const attachments: Attachment[] = [];
  let objectId: Identifier | undefined;
  let projectRef = textAt(root, 'ProjectReference', 'ID');
  for (const ad of children(root, 'AdditionalDocumentReference')) {
    const typeCode = textAt(ad, 'DocumentTypeCode');
    if (typeCode === '130' && !objectId) {
      objectId = ident(child(ad, 'ID'));
      continue;
    }
    if (typeCode === '50' && isCredit && projectRef === undefined) {
      projectRef = textAt(ad, 'ID');
      continue;
    }
    const bin = at(ad, 'Attachment', 'EmbeddedDocumentBinaryObject');
    const att: Attachment = {
      id: textAt(ad, 'ID'),
      description: textAt(ad, 'DocumentDescription'),
      externalUri: textAt(ad, 'Attachment', 'ExternalReference', 'URI'),
      content: bin
        ? { base64: stringValue(bin), mimeCode: bin.attrs.mimeCode, filename: bin.attrs.filename }
        : undefined,
      typeCode,
    };
    origins.set(att, ad);
    attachments.push(att);
  }

  const currency = textAt(root, 'DocumentCurrencyCode');
  const taxTotals = children(root, 'TaxTotal');
  // BT-110 is the TaxTotal in document currency; BT-111 the one in the tax currency (BR-53)
  const docTax =
    taxTotals.find((t) => child(t, 'TaxAmount')?.attrs.currencyID === currency) ??
    taxTotals.find((t) => child(t, 'TaxSubtotal'));
  const otherTax = taxTotals.find((t) => t !== docTax);
  const vatBreakdown: VatBreakdown[] = [];
  for (const tt of taxTotals) {
    for (const st of children(tt, 'TaxSubtotal')) {
      const cat = child(st, 'TaxCategory');
      const vb: VatBreakdown = {
        taxableAmount: textAt(st, 'TaxableAmount'),
        taxAmount: textAt(st, 'TaxAmount'),
        categoryCode: textAt(cat, 'ID'),
        rate: textAt(cat, 'Percent'),
        exemptionReason: textAt(cat, 'TaxExemptionReason'),
        exemptionReasonCode: textAt(cat, 'TaxExemptionReasonCode'),
        // CII only; present (undefined) so breakdowns of both syntaxes share one shape
        taxPointDate: undefined,
        taxPointDateCode: undefined,
      };
      origins.set(vb, st);
      vatBreakdown.push(vb);
    }
  }
  const lmt = child(root, 'LegalMonetaryTotal');
  const delivery = child(root, 'Delivery');
  const taxRep = child(root, 'TaxRepresentativeParty');

  const inv: Invoice = {
    specificationId: textAt(root, 'CustomizationID'),
    processId: textAt(root, 'ProfileID'),
    id: textAt(root, 'ID'),
    issueDate: textAt(root, 'IssueDate'),
    typeCode: textAt(root, isCredit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'),
    currency,
    taxCurrency: textAt(root, 'TaxCurrencyCode'),
    taxPointDate: textAt(root, 'TaxPointDate'),
    taxPointDateCode: textAt(root, 'InvoicePeriod', 'DescriptionCode'),
    dueDate: textAt(root, 'DueDate') ?? textAt(root, 'PaymentMeans', 'PaymentDueDate'),
    buyerReference: textAt(root, 'BuyerReference'),
    projectRef,
    contractRef: textAt(root, 'ContractDocumentReference', 'ID'),
    orderRef: textAt(root, 'OrderReference', 'ID'),
    salesOrderRef: textAt(root, 'OrderReference', 'SalesOrderID'),
    receivingAdviceRef: textAt(root, 'ReceiptDocumentReference', 'ID'),
    despatchAdviceRef: textAt(root, 'DespatchDocumentReference', 'ID'),
    tenderRef: textAt(root, 'OriginatorDocumentReference', 'ID'),
    objectId,
    buyerAccountingRef: textAt(root, 'AccountingCost'),
    paymentTerms: textAt(root, 'PaymentTerms', 'Note'),
    notes: children(root, 'Note').map((n) => noteOf(stringValue(n))),
    precedingInvoices: all(root, 'BillingReference', 'InvoiceDocumentReference').map((r) => ({
      id: textAt(r, 'ID'),
      issueDate: textAt(r, 'IssueDate'),
    })),
    seller: party(supplier),
    buyer: party(at(root, 'AccountingCustomerParty', 'Party')),
    payee: payeeEl ? payeeParty(payeeEl) : undefined,
    taxRepresentative: taxRep ? payeeParty(taxRep) : undefined,
    delivery: delivery
      ? {
          partyName: textAt(delivery, 'DeliveryParty', 'PartyName', 'Name'),
          locationId: ident(at(delivery, 'DeliveryLocation', 'ID')),
          date: textAt(delivery, 'ActualDeliveryDate'),
          address: address(at(delivery, 'DeliveryLocation', 'Address')),
        }
      : undefined,
    invoicePeriod: periodWithoutCode(child(root, 'InvoicePeriod')),
    paymentInstructions: children(root, 'PaymentMeans').map((pm) => paymentMeans(pm, sepaCreditor, origins)),
    allowanceCharges: children(root, 'AllowanceCharge').map((a) => allowanceCharge(a, origins)),
    totals: {
      lineNetTotal: textAt(lmt, 'LineExtensionAmount'),
      allowanceTotal: textAt(lmt, 'AllowanceTotalAmount'),
      chargeTotal: textAt(lmt, 'ChargeTotalAmount'),
      taxExclusive: textAt(lmt, 'TaxExclusiveAmount'),
      vatTotal: textAt(docTax, 'TaxAmount'),
      vatTotalTaxCurrency: textAt(otherTax, 'TaxAmount'),
      taxInclusive: textAt(lmt, 'TaxInclusiveAmount'),
      prepaid: textAt(lmt, 'PrepaidAmount'),
      rounding: textAt(lmt, 'PayableRoundingAmount'),
      payable: textAt(lmt, 'PayableAmount'),
    },
    vatBreakdown,
    attachments,
    lines: [...children(root, 'InvoiceLine'), ...children(root, 'CreditNoteLine')].map((l) => line(l, origins)),
    thirdPartyPayments: children(root, 'PrepaidPayment').length
      ? children(root, 'PrepaidPayment').map((p) => ({
          type: textAt(p, 'ID'),
          amount: textAt(p, 'PaidAmount'),
          currency: child(p, 'PaidAmount')?.attrs.currencyID,
          description: textAt(p, 'InstructionID'),
        }))
      : undefined,
  };
  if (sepaCreditor !== undefined && !inv.paymentInstructions.some((p) => p.directDebit)) {
    // keep BT-90 even without a mandate so a round trip does not lose it
    inv.paymentInstructions.push({ creditTransfers: [], directDebit: { creditorId: sepaCreditor } });
  }
  origins.set(inv, root);
  return inv;
}

function periodWithoutCode(el: XElement | undefined): Period | undefined {
  const p = period(el);
  return p && (p.start !== undefined || p.end !== undefined) ? p : undefined;
}

function payeeParty(el: XElement): Party {
  const p = party(el);
  // UBL puts the payee (BT-59) and tax representative (BT-62) names in PartyName/Name
  if (p.tradingName !== undefined && p.name === undefined) {
    if (p.vatId !== undefined && p.taxRegistrationId !== undefined) {
      // rare: keep the document's order of the two tax registrations, name last
      const { tradingName, name: _absent, ...rest } = p;
      return { ...rest, name: tradingName };
    }
    // name last, as when the absent name was not a key of p; one shape for all such parties
    return {
      identifiers: p.identifiers,
      electronicAddress: p.electronicAddress,
      tradingName: undefined,
      address: p.address,
      vatId: p.vatId,
      taxRegistrationId: p.taxRegistrationId,
      legalRegistrationId: p.legalRegistrationId,
      additionalLegalInfo: p.additionalLegalInfo,
      contact: p.contact,
      name: p.tradingName,
    };
  }
  return p;
}
