/**
 * UBL syntax binding rules: every UBL-CR presence rule is triggered by adding its element to the
 * valid sample invoice; every rule with a count or condition has a triggering change and a close
 * change that must not trigger it.
 */
import { describe, expect, it } from 'vitest';
import type { XElement } from '../../xml/parse.js';
import { contextOf, element, firedAfter, first, put, sampleTree, firedIds, type Base } from '../../../test/tree.js';
import { UBL_CR_FAMILY } from './syntax-ubl-cr.js';

const base = firedIds(sampleTree('ubl'));

describe('UBL-CR presence rules (one per official rule)', () => {
  it('the sample fires none of them', () => {
    expect(UBL_CR_FAMILY.specs.filter((s) => base.has(s.id)).map((s) => s.id)).toEqual([]);
  });
  it.each(UBL_CR_FAMILY.specs.map((s) => [s.id, s.path] as const))('%s fires when %s is present', (id, path) => {
    const root = sampleTree('ubl');
    const ctx = UBL_CR_FAMILY.contexts(contextOf(root, 'ubl-invoice'))[0]!;
    put(ctx, path);
    expect(firedIds(root)).toContain(id);
  });
});

interface Case {
  id: string;
  fire: (r: XElement) => void;
  /** a close variant that must not fire (default: the unchanged sample) */
  keep?: (r: XElement) => void;
  base?: Base;
}

const times = (n: number, f: () => void) => Array.from({ length: n }, f);
const twice = (path: string, text?: string) => (r: XElement) => times(2, () => put(r, path, { fresh: true, text }));
const once = (path: string, text?: string) => (r: XElement) => put(r, path, { fresh: true, text });
const supplier = (r: XElement) => first(r, 'AccountingSupplierParty');
const customer = (r: XElement) => first(r, 'AccountingCustomerParty');
const line = (r: XElement) => first(r, 'InvoiceLine');
const taxScheme = (party: XElement, scheme: string, ids: number) => {
  const p = put(party, 'Party/PartyTaxScheme', { fresh: true });
  times(ids, () => put(p, 'CompanyID', { fresh: true, text: 'DE1' }));
  put(p, 'TaxScheme/ID', { text: scheme });
};
const adr = (r: XElement, code: string | undefined, extra: (a: XElement) => void = () => undefined) => {
  const a = put(r, 'AdditionalDocumentReference', { fresh: true });
  put(a, 'ID', { text: 'DOC-1' });
  if (code !== undefined) {
    put(a, 'DocumentTypeCode', { text: code });
  }
  extra(a);
  return a;
};
const payee =
  (name: string | undefined, extra: (p: XElement) => void = () => undefined) =>
  (r: XElement) => {
    const p = element(r, 'PayeeParty');
    if (name !== undefined) {
      put(p, 'PartyName/Name', { text: name });
    }
    extra(p);
  };
const charge = (indicator: string, reasons: number) => (r: XElement) => {
  const a = element(r, 'AllowanceCharge');
  put(a, 'ChargeIndicator', { text: indicator });
  times(reasons, () => put(a, 'AllowanceChargeReason', { fresh: true, text: 'Grund' }));
};

const CASES: Case[] = [
  { id: 'UBL-SR-01', fire: twice('ContractDocumentReference/ID'), keep: once('ContractDocumentReference/ID') },
  { id: 'UBL-SR-02', fire: twice('ReceiptDocumentReference/ID'), keep: once('ReceiptDocumentReference/ID') },
  { id: 'UBL-SR-03', fire: twice('DespatchDocumentReference/ID'), keep: once('DespatchDocumentReference/ID') },
  { id: 'UBL-SR-04', fire: (r) => times(2, () => adr(r, '130')), keep: (r) => (adr(r, '130'), adr(r, undefined)) },
  { id: 'UBL-SR-05', fire: once('PaymentTerms/Note') },
  {
    id: 'UBL-SR-06',
    fire: (r) => times(2, () => put(r, 'BillingReference/InvoiceDocumentReference', { fresh: true }).children.push()),
    keep: once('BillingReference/InvoiceDocumentReference/ID'),
  },
  {
    id: 'UBL-SR-07',
    fire: once('BillingReference/InvoiceDocumentReference/IssueDate', '2026-01-01'),
    keep: once('BillingReference/InvoiceDocumentReference/ID'),
  },
  { id: 'UBL-SR-08', fire: once('InvoicePeriod') },
  { id: 'UBL-SR-09', fire: (r) => put(supplier(r), 'Party/PartyLegalEntity/RegistrationName', { fresh: true }) },
  {
    id: 'UBL-SR-10',
    fire: (r) => twice('Party/PartyName/Name')(supplier(r)),
    keep: (r) => once('Party/PartyName/Name')(supplier(r)),
  },
  {
    id: 'UBL-SR-11',
    fire: (r) => twice('Party/PartyLegalEntity/CompanyID')(supplier(r)),
    keep: (r) => once('Party/PartyLegalEntity/CompanyID')(supplier(r)),
  },
  {
    id: 'UBL-SR-12',
    fire: (r) => put(first(supplier(r), 'PartyTaxScheme'), 'CompanyID', { fresh: true }),
    keep: (r) => taxScheme(supplier(r), 'FC', 1),
  },
  {
    id: 'UBL-SR-13',
    fire: (r) => (taxScheme(supplier(r), 'FC', 1), taxScheme(supplier(r), 'FC', 1)),
    keep: (r) => taxScheme(supplier(r), 'FC', 1),
  },
  {
    id: 'UBL-SR-14',
    fire: (r) => twice('Party/PartyLegalEntity/CompanyLegalForm')(supplier(r)),
    keep: (r) => once('Party/PartyLegalEntity/CompanyLegalForm')(supplier(r)),
  },
  { id: 'UBL-SR-15', fire: (r) => put(customer(r), 'Party/PartyLegalEntity/RegistrationName', { fresh: true }) },
  {
    id: 'UBL-SR-16',
    fire: (r) => twice('Party/PartyIdentification/ID')(customer(r)),
    keep: (r) => once('Party/PartyIdentification/ID')(customer(r)),
  },
  {
    id: 'UBL-SR-17',
    fire: (r) => twice('Party/PartyLegalEntity/CompanyID')(customer(r)),
    keep: (r) => once('Party/PartyLegalEntity/CompanyID')(customer(r)),
  },
  { id: 'UBL-SR-18', fire: (r) => taxScheme(customer(r), 'VAT', 2), keep: (r) => taxScheme(customer(r), 'VAT', 1) },
  { id: 'UBL-SR-19', fire: payee(undefined), keep: payee('Zahlstelle') },
  { id: 'UBL-SR-19', fire: payee('Kommunale IT-Dienste AöR'), keep: payee('Zahlstelle') },
  {
    id: 'UBL-SR-20',
    fire: payee('Zahlstelle', twice('PartyIdentification/ID')),
    keep: payee('Zahlstelle', once('PartyIdentification/ID')),
  },
  {
    id: 'UBL-SR-21',
    fire: payee('Zahlstelle', twice('PartyLegalEntity/CompanyID')),
    keep: payee('Zahlstelle', once('PartyLegalEntity/CompanyID')),
  },
  {
    id: 'UBL-SR-22',
    fire: twice('TaxRepresentativeParty/PartyName/Name'),
    keep: once('TaxRepresentativeParty/PartyName/Name'),
  },
  {
    id: 'UBL-SR-23',
    fire: twice('TaxRepresentativeParty/PartyTaxScheme/CompanyID'),
    keep: once('TaxRepresentativeParty/PartyTaxScheme/CompanyID'),
  },
  {
    id: 'UBL-SR-24',
    fire: (r) => (element(r, 'Delivery'), element(r, 'Delivery')),
    keep: (r) => element(r, 'Delivery'),
  },
  {
    id: 'UBL-SR-25',
    fire: twice('Delivery/DeliveryParty/PartyName/Name'),
    keep: once('Delivery/DeliveryParty/PartyName/Name'),
  },
  { id: 'UBL-SR-26', fire: once('PaymentMeans/PaymentID', 'RE-2') },
  { id: 'UBL-SR-27', fire: twice('PaymentMeans/InstructionNote'), keep: once('PaymentMeans/InstructionNote') },
  { id: 'UBL-SR-28', fire: twice('PaymentMeans/PaymentMandate/ID'), keep: once('PaymentMeans/PaymentMandate/ID') },
  {
    id: 'UBL-SR-29',
    fire: (r) =>
      times(2, () => put(supplier(r), 'Party/PartyIdentification/ID', { fresh: true, attrs: { schemeID: 'SEPA' } })),
    keep: (r) => put(supplier(r), 'Party/PartyIdentification/ID', { attrs: { schemeID: 'SEPA' } }),
  },
  { id: 'UBL-SR-30', fire: charge('false', 2), keep: charge('true', 2) },
  { id: 'UBL-SR-31', fire: charge('true', 2), keep: charge('false', 2) },
  {
    id: 'UBL-SR-32',
    fire: (r) => twice('TaxExemptionReason')(first(r, 'TaxCategory')),
    keep: (r) => once('TaxExemptionReason')(first(r, 'TaxCategory')),
  },
  {
    id: 'UBL-SR-33',
    fire: (r) => adr(r, undefined, twice('DocumentDescription')),
    keep: (r) => adr(r, undefined, once('DocumentDescription')),
  },
  { id: 'UBL-SR-34', fire: (r) => twice('Note')(line(r)), keep: (r) => once('Note')(line(r)) },
  {
    id: 'UBL-SR-35',
    fire: (r) => twice('OrderLineReference/LineID')(line(r)),
    keep: (r) => once('OrderLineReference/LineID')(line(r)),
  },
  { id: 'UBL-SR-36', fire: (r) => twice('InvoicePeriod')(line(r)), keep: (r) => once('InvoicePeriod')(line(r)) },
  {
    id: 'UBL-SR-37',
    fire: (r) => twice('Price/AllowanceCharge/Amount', '1.00')(line(r)),
    keep: (r) => once('Price/AllowanceCharge/Amount', '1.00')(line(r)),
  },
  { id: 'UBL-SR-39', fire: twice('ProjectReference/ID'), keep: once('ProjectReference/ID') },
  {
    id: 'UBL-SR-40',
    fire: (r) => twice('Party/PartyName/Name')(customer(r)),
    keep: (r) => once('Party/PartyName/Name')(customer(r)),
  },
  {
    id: 'UBL-SR-43',
    fire: (r) => adr(r, undefined, (a) => (first(a, 'ID').attrs.schemeID = 'AAB')),
    keep: (r) => adr(r, '130', (a) => (first(a, 'ID').attrs.schemeID = 'AAB')),
  },
  { id: 'UBL-SR-43', fire: (r) => adr(r, '916'), keep: (r) => adr(r, '50'), base: 'ubl-creditnote' },
  // the credit note sample already carries its due date in PaymentMeans (BT-9 in a UBL credit note)
  { id: 'UBL-SR-45', fire: once('PaymentMeans/PaymentDueDate', '2026-04-01'), base: 'ubl-creditnote' },
  {
    id: 'UBL-SR-46',
    fire: (r) =>
      times(2, () => put(r, 'PaymentMeans/PaymentMeansCode', { fresh: true, text: '58', attrs: { name: 'SEPA' } })),
    keep: (r) => put(r, 'PaymentMeans/PaymentMeansCode', { attrs: { name: 'SEPA' } }),
  },
  {
    id: 'UBL-SR-49',
    fire: twice('InvoicePeriod/DescriptionCode', '35'),
    keep: once('InvoicePeriod/DescriptionCode', '35'),
  },
  { id: 'UBL-SR-50', fire: (r) => twice('Item/Description')(line(r)), keep: (r) => once('Item/Description')(line(r)) },
  {
    id: 'UBL-SR-51',
    fire: (r) => times(2, () => put(put(first(supplier(r), 'PostalAddress'), 'AddressLine', { fresh: true }), 'Line')),
    keep: (r) => once('AddressLine/Line')(first(supplier(r), 'PostalAddress')),
  },
  {
    id: 'UBL-SR-52',
    fire: (r) => times(2, () => put(put(line(r), 'DocumentReference', { fresh: true }), 'ID')),
    keep: (r) => once('DocumentReference/ID')(line(r)),
  },
  {
    id: 'UBL-SR-53',
    fire: (r) => put(put(supplier(r), 'Party/PartyTaxScheme', { fresh: true }), 'TaxScheme/ID', { text: 'VAT' }),
  },
  { id: 'UBL-SR-53', fire: (r) => remove1(first(first(supplier(r), 'PartyTaxScheme'), 'TaxScheme')) },
  {
    id: 'UBL-DT-01',
    fire: (r) => (first(line(r), 'LineExtensionAmount').text = '11.500'),
    keep: (r) => (first(line(r), 'PriceAmount').text = '11.500'),
  },
  {
    id: 'UBL-DT-06',
    fire: (r) =>
      adr(r, undefined, (a) => put(a, 'Attachment/EmbeddedDocumentBinaryObject', { attrs: { filename: 'a.pdf' } })),
    keep: (r) =>
      adr(r, undefined, (a) =>
        put(a, 'Attachment/EmbeddedDocumentBinaryObject', {
          attrs: { filename: 'a.pdf', mimeCode: 'application/pdf' },
        }),
      ),
  },
  {
    id: 'UBL-DT-07',
    fire: (r) =>
      adr(r, undefined, (a) =>
        put(a, 'Attachment/EmbeddedDocumentBinaryObject', { attrs: { mimeCode: 'application/pdf' } }),
      ),
    keep: (r) =>
      adr(r, undefined, (a) =>
        put(a, 'Attachment/EmbeddedDocumentBinaryObject', {
          attrs: { filename: 'a.pdf', mimeCode: 'application/pdf' },
        }),
      ),
  },
  {
    id: 'UBL-DT-18',
    fire: (r) => (first(r, 'InvoiceTypeCode').attrs.name = 'Rechnung'),
    keep: (r) => (first(r, 'PaymentMeansCode').attrs.name = 'SEPA'),
  },
  { id: 'UBL-CR-002', fire: once('UBLVersionID', '2.2'), keep: once('UBLVersionID', '2.1') },
  { id: 'UBL-CR-002', fire: once('UBLVersionID', ' 2.1') },
  { id: 'UBL-CR-412', fire: once('PaymentMeans/PaymentDueDate', '2026-04-01') },
  { id: 'UBL-CR-663', fire: (r) => (first(r, 'InvoicedQuantity').attrs.unitCodeListID = 'UNECERec20') },
  {
    id: 'UBL-CR-665',
    fire: (r) => adr(r, '916', (a) => (first(a, 'ID').attrs.schemeID = 'AAB')),
    keep: (r) => adr(r, '130', (a) => (first(a, 'ID').attrs.schemeID = 'AAB')),
  },
  {
    id: 'UBL-CR-666',
    fire: (r) => adr(r, '130', (a) => put(a, 'Attachment/ExternalReference/URI')),
    keep: (r) => adr(r, undefined, (a) => put(a, 'Attachment/ExternalReference/URI')),
  },
  {
    id: 'UBL-CR-673',
    fire: (r) => adr(r, '130', (a) => put(a, 'DocumentDescription')),
    keep: (r) => adr(r, undefined, (a) => put(a, 'DocumentDescription')),
  },
];

function remove1(e: XElement): void {
  e.parent!.children.splice(e.parent!.children.indexOf(e), 1);
}

const DT_ATTRS: [string, string][] = [
  ['UBL-DT-08', 'schemeName'],
  ['UBL-DT-09', 'schemeAgencyName'],
  ['UBL-DT-10', 'schemeDataURI'],
  ['UBL-DT-11', 'schemeURI'],
  ['UBL-DT-12', 'format'],
  ['UBL-DT-13', 'unitCodeListIdentifier'],
  ['UBL-DT-14', 'unitCodeListAgencyIdentifier'],
  ['UBL-DT-15', 'unitCodeListAgencyName'],
  ['UBL-DT-16', 'listAgencyName'],
  ['UBL-DT-17', 'listName'],
  ['UBL-DT-19', 'languageID'],
  ['UBL-DT-20', 'listURI'],
  ['UBL-DT-21', 'listSchemeURI'],
  ['UBL-DT-22', 'languageLocaleID'],
  ['UBL-DT-23', 'uri'],
  ['UBL-DT-24', 'currencyCodeListVersionID'],
  ['UBL-DT-25', 'characterSetCode'],
  ['UBL-DT-26', 'encodingCode'],
  ['UBL-DT-27', 'schemeAgencyID'],
  ['UBL-DT-28', 'listAgencyID'],
];

describe('UBL-SR, UBL-DT and conditional UBL-CR rules', () => {
  it.each(CASES.map((c, i) => [c.id, i] as const))(
    '%s (case %#) fires on the change and not on the close variant',
    (id, i) => {
      const c = CASES[i]!;
      const b = c.base ?? 'ubl';
      expect(firedAfter(b, c.keep ?? (() => undefined))).not.toContain(id);
      expect(firedAfter(b, c.fire)).toContain(id);
    },
  );
  it('UBL-CR-412 (a due date in the payment means) is only a warning for invoices, not for credit notes', () => {
    expect(firedAfter('ubl-creditnote', once('PaymentMeans/PaymentDueDate', '2026-04-01'))).not.toContain('UBL-CR-412');
  });
  it.each(DT_ATTRS)('%s fires on the attribute %s anywhere', (id, attr) => {
    expect(base.has(id)).toBe(false);
    expect(firedAfter('ubl', (r) => (first(r, 'IssueDate').attrs[attr] = 'x'))).toContain(id);
  });
});
