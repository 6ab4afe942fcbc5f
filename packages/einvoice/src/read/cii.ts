/**
 * UN/CEFACT CII D16B CrossIndustryInvoice → EN 16931 model. Dates in format 102 (YYYYMMDD) are
 * turned into ISO dates so the model is the same whatever the syntax.
 */
import type { XElement } from '../xml/parse.js';
import { at, child, children, stringValue, textAt } from '../xml/tree.js';
import type {
  Address,
  Attachment,
  Contact,
  Identifier,
  Invoice,
  InvoiceLine,
  Party,
  PaymentInstructions,
  VatBreakdown,
} from '../model/types.js';
import { Origins } from './origins.js';
import { allowanceCharge, ciiDate, dateAt, ident, line, period } from './cii-line.js';

export { ciiDate };

function address(el: XElement | undefined): Address | undefined {
  if (!el) {
    return undefined;
  }
  return {
    line1: textAt(el, 'LineOne'),
    line2: textAt(el, 'LineTwo'),
    line3: textAt(el, 'LineThree'),
    city: textAt(el, 'CityName'),
    postCode: textAt(el, 'PostcodeCode'),
    countrySubdivision: textAt(el, 'CountrySubDivisionName'),
    countryCode: textAt(el, 'CountryID'),
  };
}

/**
 * A party as the rules read it: every key always present (absent terms undefined) in one order,
 * so every CII party has one hidden class. The public copy drops undefined keys, so only the
 * order of the present ones is visible: the VAT id before the FC registration, unless the
 * document lists FC first (then the keys are made in that order).
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
      undefined,
      undefined,
      undefined,
      undefined,
      false,
    );
  }
  for (const c of el.children) {
    if (c.name === 'ID' || c.name === 'GlobalID') {
      identifiers.push(ident(c)!);
    }
  }
  const lo = child(el, 'SpecifiedLegalOrganization');
  const ct = child(el, 'DefinedTradeContact');
  const contact =
    ct && ct.children.length > 0
      ? {
          name: textAt(ct, 'PersonName') ?? textAt(ct, 'DepartmentName'),
          phone: textAt(ct, 'TelephoneUniversalCommunication', 'CompleteNumber'),
          email: textAt(ct, 'EmailURIUniversalCommunication', 'URIID'),
        }
      : undefined;
  let vatId: string | undefined;
  let taxRegistrationId: string | undefined;
  let vatSeen = false;
  let fcFirst = false;
  for (const tr of children(el, 'SpecifiedTaxRegistration')) {
    const id = child(tr, 'ID');
    if (!id) {
      continue;
    }
    if (id.attrs.schemeID === 'FC') {
      fcFirst ||= !vatSeen;
      taxRegistrationId ??= stringValue(id);
    } else {
      vatSeen = true;
      vatId ??= stringValue(id);
    }
  }
  return makeParty(
    identifiers,
    textAt(el, 'Name'),
    textAt(el, 'Description'),
    ident(child(lo, 'ID')),
    textAt(lo, 'TradingBusinessName'),
    contact,
    address(child(el, 'PostalTradeAddress')),
    ident(at(el, 'URIUniversalCommunication', 'URIID')),
    vatId,
    taxRegistrationId,
    fcFirst,
  );
}

function makeParty(
  identifiers: Identifier[],
  name: string | undefined,
  additionalLegalInfo: string | undefined,
  legalRegistrationId: Identifier | undefined,
  tradingName: string | undefined,
  contact: Contact | undefined,
  address: Address | undefined,
  electronicAddress: Identifier | undefined,
  vatId: string | undefined,
  taxRegistrationId: string | undefined,
  fcFirst: boolean,
): Party {
  // both registrations present and FC first: the rare second shape
  return fcFirst && vatId !== undefined && taxRegistrationId !== undefined
    ? {
        identifiers,
        name,
        additionalLegalInfo,
        legalRegistrationId,
        tradingName,
        contact,
        address,
        electronicAddress,
        taxRegistrationId,
        vatId,
      }
    : {
        identifiers,
        name,
        additionalLegalInfo,
        legalRegistrationId,
        tradingName,
        contact,
        address,
        electronicAddress,
        vatId,
        taxRegistrationId,
      };
}

export function readCii(root: XElement, origins: Origins = new Origins()): Invoice {
  const ctx = child(root, 'ExchangedDocumentContext');
  const doc = child(root, 'ExchangedDocument');
  const tx = child(root, 'SupplyChainTradeTransaction');
  const agr = child(tx, 'ApplicableHeaderTradeAgreement');
  const del = child(tx, 'ApplicableHeaderTradeDelivery');
  const set = child(tx, 'ApplicableHeaderTradeSettlement');
  const sum = child(set, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const currency = textAt(set, 'InvoiceCurrencyCode');
  const taxTotals = children(sum, 'TaxTotalAmount');
  const docTax = taxTotals.find((t) => t.attrs.currencyID === currency) ?? taxTotals[0];
  const otherTax = taxTotals.find((t) => t !== docTax);

  const attachments: Attachment[] = [];
  let tenderRef: string | undefined;
  let objectId: Identifier | undefined;
  for (const ad of children(agr, 'AdditionalReferencedDocument')) {
    const typeCode = textAt(ad, 'TypeCode');
    if (typeCode === '50' && tenderRef === undefined) {
      tenderRef = textAt(ad, 'IssuerAssignedID');
      continue;
    }
    if (typeCode === '130' && !objectId) {
      objectId = {
        value: textAt(ad, 'IssuerAssignedID') ?? '',
        schemeId: textAt(ad, 'ReferenceTypeCode'),
        schemeVersion: undefined,
      };
      continue;
    }
    const bin = child(ad, 'AttachmentBinaryObject');
    const att: Attachment = {
      id: textAt(ad, 'IssuerAssignedID'),
      description: textAt(ad, 'Name'),
      externalUri: textAt(ad, 'URIID'),
      content: bin
        ? { base64: stringValue(bin), mimeCode: bin.attrs.mimeCode, filename: bin.attrs.filename }
        : undefined,
      // 916 marks an additional supporting document (BG-24) in CII; it carries no further meaning
      typeCode: typeCode === '916' ? undefined : typeCode,
    };
    origins.set(att, ad);
    attachments.push(att);
  }

  const creditorId = textAt(set, 'CreditorReferenceID');
  const terms = children(set, 'SpecifiedTradePaymentTerms');
  const mandateId = terms.map((t) => textAt(t, 'DirectDebitMandateID')).find((x) => x !== undefined);
  const remittance = textAt(set, 'PaymentReference');
  const paymentInstructions: PaymentInstructions[] = children(set, 'SpecifiedTradeSettlementPaymentMeans').map((pm) => {
    const card = child(pm, 'ApplicableTradeSettlementFinancialCard');
    const debtor = textAt(pm, 'PayerPartyDebtorFinancialAccount', 'IBANID');
    const out: PaymentInstructions = {
      typeCode: textAt(pm, 'TypeCode'),
      text: textAt(pm, 'Information'),
      remittanceInfo: remittance,
      creditTransfers: children(pm, 'PayeePartyCreditorFinancialAccount').map((a) => {
        const iban = textAt(a, 'IBANID');
        return {
          accountId: iban ?? textAt(a, 'ProprietaryID'),
          accountName: textAt(a, 'AccountName'),
          serviceProviderId: textAt(pm, 'PayeeSpecifiedCreditorFinancialInstitution', 'BICID'),
          proprietary: iban === undefined && child(a, 'ProprietaryID') ? true : undefined,
        };
      }),
      card: card
        ? { pan: textAt(card, 'ID'), holderName: textAt(card, 'CardholderName'), networkId: undefined }
        : undefined,
      directDebit:
        debtor !== undefined || mandateId !== undefined || creditorId !== undefined
          ? { mandateId, creditorId, debitedAccountId: debtor }
          : undefined,
    };
    origins.set(out, pm);
    return out;
  });
  if (
    paymentInstructions.length === 0 &&
    (creditorId !== undefined || remittance !== undefined || mandateId !== undefined)
  ) {
    paymentInstructions.push({
      typeCode: undefined,
      remittanceInfo: remittance,
      creditTransfers: [],
      directDebit: creditorId !== undefined || mandateId !== undefined ? { creditorId, mandateId } : undefined,
    });
  }

  const vatBreakdown: VatBreakdown[] = children(set, 'ApplicableTradeTax').map((t) => {
    const vb: VatBreakdown = {
      taxableAmount: textAt(t, 'BasisAmount'),
      taxAmount: textAt(t, 'CalculatedAmount'),
      categoryCode: textAt(t, 'CategoryCode'),
      rate: textAt(t, 'RateApplicablePercent'),
      exemptionReason: textAt(t, 'ExemptionReason'),
      exemptionReasonCode: textAt(t, 'ExemptionReasonCode'),
      taxPointDate: dateAt(t, 'TaxPointDate'),
      taxPointDateCode: textAt(t, 'DueDateTypeCode'),
    };
    origins.set(vb, t);
    return vb;
  });

  // Sub invoice lines (XRechnung extension) are flat in CII and point to their parent; they stay
  // flat because the CEN CII rules count every line item.
  const lines: InvoiceLine[] = children(tx, 'IncludedSupplyChainTradeLineItem').map((le) => {
    const ln = line(le, origins);
    const parentId = textAt(le, 'AssociatedDocumentLineDocument', 'ParentLineID');
    if (parentId !== undefined) {
      ln.parentLineId = parentId;
    }
    return ln;
  });

  const shipTo = child(del, 'ShipToTradeParty');
  const inv: Invoice = {
    specificationId: textAt(ctx, 'GuidelineSpecifiedDocumentContextParameter', 'ID'),
    processId: textAt(ctx, 'BusinessProcessSpecifiedDocumentContextParameter', 'ID'),
    id: textAt(doc, 'ID'),
    issueDate: dateAt(doc, 'IssueDateTime'),
    typeCode: textAt(doc, 'TypeCode'),
    currency,
    taxCurrency: textAt(set, 'TaxCurrencyCode'),
    taxPointDate: vatBreakdown.find((v) => v.taxPointDate !== undefined)?.taxPointDate,
    taxPointDateCode: vatBreakdown.find((v) => v.taxPointDateCode !== undefined)?.taxPointDateCode,
    dueDate: terms.map((t) => dateAt(t, 'DueDateDateTime')).find((x) => x !== undefined),
    buyerReference: textAt(agr, 'BuyerReference'),
    projectRef: textAt(agr, 'SpecifiedProcuringProject', 'ID'),
    projectName: textAt(agr, 'SpecifiedProcuringProject', 'Name'),
    contractRef: textAt(agr, 'ContractReferencedDocument', 'IssuerAssignedID'),
    orderRef: textAt(agr, 'BuyerOrderReferencedDocument', 'IssuerAssignedID'),
    salesOrderRef: textAt(agr, 'SellerOrderReferencedDocument', 'IssuerAssignedID'),
    receivingAdviceRef: textAt(del, 'ReceivingAdviceReferencedDocument', 'IssuerAssignedID'),
    despatchAdviceRef: textAt(del, 'DespatchAdviceReferencedDocument', 'IssuerAssignedID'),
    tenderRef,
    objectId,
    buyerAccountingRef: textAt(set, 'ReceivableSpecifiedTradeAccountingAccount', 'ID'),
    paymentTerms: terms.map((t) => textAt(t, 'Description')).find((x) => x !== undefined),
    notes: children(doc, 'IncludedNote').map((n) => ({
      subjectCode: textAt(n, 'SubjectCode'),
      text: textAt(n, 'Content'),
    })),
    precedingInvoices: children(set, 'InvoiceReferencedDocument').map((r) => ({
      id: textAt(r, 'IssuerAssignedID'),
      issueDate: dateAt(r, 'FormattedIssueDateTime'),
    })),
    seller: party(child(agr, 'SellerTradeParty')),
    buyer: party(child(agr, 'BuyerTradeParty')),
    payee: child(set, 'PayeeTradeParty') ? party(child(set, 'PayeeTradeParty')) : undefined,
    taxRepresentative: child(agr, 'SellerTaxRepresentativeTradeParty')
      ? party(child(agr, 'SellerTaxRepresentativeTradeParty'))
      : undefined,
    delivery:
      shipTo || child(del, 'ActualDeliverySupplyChainEvent')
        ? {
            partyName: textAt(shipTo, 'Name'),
            locationId: ident(child(shipTo, 'ID') ?? child(shipTo, 'GlobalID')),
            date: dateAt(del, 'ActualDeliverySupplyChainEvent', 'OccurrenceDateTime'),
            address: address(child(shipTo, 'PostalTradeAddress')),
          }
        : undefined,
    invoicePeriod: period(child(set, 'BillingSpecifiedPeriod')),
    paymentInstructions,
    allowanceCharges: children(set, 'SpecifiedTradeAllowanceCharge').map((a) => allowanceCharge(a, origins)),
    totals: {
      lineNetTotal: textAt(sum, 'LineTotalAmount'),
      allowanceTotal: textAt(sum, 'AllowanceTotalAmount'),
      chargeTotal: textAt(sum, 'ChargeTotalAmount'),
      taxExclusive: textAt(sum, 'TaxBasisTotalAmount'),
      vatTotal: docTax ? stringValue(docTax) : undefined,
      vatTotalTaxCurrency: otherTax ? stringValue(otherTax) : undefined,
      taxInclusive: textAt(sum, 'GrandTotalAmount'),
      prepaid: textAt(sum, 'TotalPrepaidAmount'),
      rounding: textAt(sum, 'RoundingAmount'),
      payable: textAt(sum, 'DuePayableAmount'),
    },
    vatBreakdown,
    attachments,
    lines,
  };
  origins.set(inv, root);
  return inv;
}
