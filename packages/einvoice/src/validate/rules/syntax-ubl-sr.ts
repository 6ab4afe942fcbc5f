/**
 * UBL-SR-01…53: cardinalities the UBL schema allows but EN 16931 does not. Implemented from the
 * published rule texts and bindings of the EN 16931 UBL syntax pattern (validation 1.3.15); each
 * rule is evaluated at its official context (root, line, payee, payment means …).
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, stringValue } from '../../xml/tree.js';
import { named } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { countPath, countRule, groupOf } from './syntax-engine.js';
import { atMostRule, countContext, type CountContext } from './syntax-count.js';
import { anywhere, codes130, memo, UBL, ublLines, ublRoot } from './syntax-ubl-contexts.js';
import { ublDtRules } from './syntax-ubl-dt.js';

type Contexts = (c: RuleContext) => readonly XElement[];

function atMost(id: string, text: string, cc: CountContext, path: string, max: number, de: string): Rule {
  return atMostRule(id, 'fatal', `[${id}]-${text}`, cc, path, max, { syntaxes: UBL, de });
}

/** The count contexts of the atMost rules: one trie walk per context node counts all their paths. */
const ROOT = countContext('ubl-root', ublRoot);
const LINES = countContext('ubl-lines', ublLines);
const ANYWHERE = new Map<string, CountContext>();
function anywhereCount(name: string): CountContext {
  let cc = ANYWHERE.get(name);
  if (!cc) {
    cc = countContext(`ubl-${name}`, anywhere(name));
    ANYWHERE.set(name, cc);
  }
  return cc;
}

const SUPPLIER = 'AccountingSupplierParty/Party';
const CUSTOMER = 'AccountingCustomerParty/Party';

/**
 * CompanyID elements of a party's PartyTaxScheme elements whose `upper-case(TaxScheme/ID) = 'VAT'`
 * holds (or does not): counted in place, no intermediate arrays (three rules per document).
 */
function taxSchemeIds(party: XElement | undefined, vat: boolean): number {
  let n = 0;
  for (const p of party?.children ?? []) {
    if (p.name === 'PartyTaxScheme' && isVatScheme(p) === vat) {
      for (const k of p.children) {
        if (k.name === 'CompanyID') {
          n++;
        }
      }
    }
  }
  return n;
}

function isVatScheme(p: XElement): boolean {
  for (const t of p.children) {
    if (t.name === 'TaxScheme') {
      for (const id of t.children) {
        if (id.name === 'ID' && stringValue(id).toUpperCase() === 'VAT') {
          return true;
        }
      }
    }
  }
  return false;
}

function partyOf(c: RuleContext, role: 'AccountingSupplierParty' | 'AccountingCustomerParty'): XElement | undefined {
  return child(child(c.root, role), 'Party');
}

/** XPath `A != B` on two node sets of strings: some pair differs (false when either is empty). */
function someDiffer(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => x !== y));
}

function payeeDiffers(payee: XElement): boolean {
  const names = all(payee, 'PartyName', 'Name').map(stringValue);
  const sellerNames = all(payee.parent, 'AccountingSupplierParty', 'Party', 'PartyLegalEntity', 'RegistrationName').map(
    stringValue,
  );
  return someDiffer(names, sellerNames);
}

function payeeRule(id: string, text: string, count: (p: XElement) => number, de: string): Rule {
  return countRule(
    id,
    'fatal',
    `[${id}]-${text}`,
    anywhere('PayeeParty'),
    (p) => (payeeDiffers(p) ? count(p) : Number.POSITIVE_INFINITY),
    (n) => n <= 1,
    { syntaxes: UBL, de },
  );
}

/** xs:boolean cast of a ChargeIndicator value (as the XPath 2 comparison with false()/true() does). */
function indicator(e: XElement): boolean | undefined {
  const v = stringValue(e).trim();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

function allowancesOrCharges(charge: boolean): Contexts {
  return memo(`ubl-ac-${charge}`, (c) =>
    named(c, 'AllowanceCharge').filter((a) => children(a, 'ChargeIndicator').some((i) => indicator(i) === charge)),
  );
}

const ALLOWANCES = countContext('ubl-allowances', allowancesOrCharges(false));
const CHARGES = countContext('ubl-charges', allowancesOrCharges(true));

export const ublSrRules: Rule[] = [
  atMost(
    'UBL-SR-01',
    'Contract identifier shall occur maximum once.',
    ROOT,
    'ContractDocumentReference/ID',
    1,
    'Die Vertragsnummer (BT-12) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-02',
    'Receive advice identifier shall occur maximum once',
    ROOT,
    'ReceiptDocumentReference/ID',
    1,
    'Die Nummer der Empfangsbestätigung (BT-15) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-03',
    'Despatch advice identifier shall occur maximum once',
    ROOT,
    'DespatchDocumentReference/ID',
    1,
    'Die Nummer der Versandanzeige (BT-16) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-04',
    'fatal',
    '[UBL-SR-04]-Invoice object identifier shall occur maximum once',
    ublRoot,
    (r) =>
      children(r, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).includes('130'))
        .reduce((n, a) => n + children(a, 'ID').length, 0),
    (n) => n <= 1,
    { syntaxes: UBL, de: 'Die Objektkennung (BT-18) darf höchstens einmal angegeben sein.' },
  ),
  atMost(
    'UBL-SR-05',
    'Payment terms shall occur maximum once',
    ROOT,
    'PaymentTerms/Note',
    1,
    'Die Zahlungsbedingungen (BT-20) dürfen höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-06',
    'Preceding invoice reference shall occur maximum once',
    anywhereCount('BillingReference'),
    'InvoiceDocumentReference',
    1,
    'Eine Rechnungsreferenz (BG-3) darf nur eine vorausgegangene Rechnung nennen.',
  ),
  countRule(
    'UBL-SR-07',
    'fatal',
    '[UBL-SR-07]-If there is a preceding invoice reference, the preceding invoice number shall be present',
    anywhere('BillingReference'),
    (b) => countPath(b, 'InvoiceDocumentReference', 'ID'),
    (n) => n > 0,
    {
      syntaxes: UBL,
      de: 'Bei einem Verweis auf eine vorausgegangene Rechnung muss deren Nummer (BT-25) angegeben sein.',
    },
  ),
  atMost(
    'UBL-SR-08',
    'Invoice period shall occur maximum once',
    ROOT,
    'InvoicePeriod',
    1,
    'Der Abrechnungszeitraum (BG-14) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-09',
    'Seller name shall occur maximum once',
    ROOT,
    `${SUPPLIER}/PartyLegalEntity/RegistrationName`,
    1,
    'Der Name des Verkäufers (BT-27) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-10',
    'Seller trader name shall occur maximum once',
    ROOT,
    `${SUPPLIER}/PartyName/Name`,
    1,
    'Der Handelsname des Verkäufers (BT-28) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-11',
    'Seller legal registration identifier shall occur maximum once',
    ROOT,
    `${SUPPLIER}/PartyLegalEntity/CompanyID`,
    1,
    'Die Registernummer des Verkäufers (BT-30) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-12',
    'fatal',
    '[UBL-SR-12]-Seller VAT identifier shall occur maximum once',
    ublRoot,
    (_, c) => taxSchemeIds(partyOf(c, 'AccountingSupplierParty'), true),
    (n) => n <= 1,
    {
      syntaxes: UBL,
      de: 'Die Umsatzsteuer-Identifikationsnummer des Verkäufers (BT-31) darf höchstens einmal angegeben sein.',
    },
  ),
  countRule(
    'UBL-SR-13',
    'fatal',
    '[UBL-SR-13]-Seller tax registration shall occur maximum once',
    ublRoot,
    (_, c) => taxSchemeIds(partyOf(c, 'AccountingSupplierParty'), false),
    (n) => n <= 1,
    { syntaxes: UBL, de: 'Die Steuernummer des Verkäufers (BT-32) darf höchstens einmal angegeben sein.' },
  ),
  atMost(
    'UBL-SR-14',
    'Seller additional legal information shall occur maximum once',
    ROOT,
    `${SUPPLIER}/PartyLegalEntity/CompanyLegalForm`,
    1,
    'Die weiteren rechtlichen Informationen des Verkäufers (BT-33) dürfen höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-15',
    'Buyer name shall occur maximum once',
    ROOT,
    `${CUSTOMER}/PartyLegalEntity/RegistrationName`,
    1,
    'Der Name des Käufers (BT-44) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-16',
    'Buyer identifier shall occur maximum once',
    ROOT,
    `${CUSTOMER}/PartyIdentification/ID`,
    1,
    'Die Kennung des Käufers (BT-46) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-17',
    'Buyer legal registration identifier shall occur maximum once',
    ROOT,
    `${CUSTOMER}/PartyLegalEntity/CompanyID`,
    1,
    'Die Registernummer des Käufers (BT-47) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-18',
    'fatal',
    '[UBL-SR-18]-Buyer VAT identifier shall occur maximum once',
    ublRoot,
    (_, c) => taxSchemeIds(partyOf(c, 'AccountingCustomerParty'), true),
    (n) => n <= 1,
    {
      syntaxes: UBL,
      de: 'Die Umsatzsteuer-Identifikationsnummer des Käufers (BT-48) darf höchstens einmal angegeben sein.',
    },
  ),
  payeeRule(
    'UBL-SR-19',
    'Payee name shall occur maximum once, if the Payee is different from the Seller',
    (p) => countPath(p, 'PartyName', 'Name'),
    'Ein vom Verkäufer abweichender Zahlungsempfänger braucht genau einen Namen (BT-59), der sich vom Verkäufernamen unterscheidet.',
  ),
  payeeRule(
    'UBL-SR-20',
    'Payee identifier shall occur maximum once, if the Payee is different from the Seller',
    (p) => all(p, 'PartyIdentification', 'ID').filter((i) => (i.attrs.schemeID ?? '').toUpperCase() !== 'SEPA').length,
    'Die Kennung des Zahlungsempfängers (BT-60) darf höchstens einmal angegeben sein, und der Zahlungsempfänger muss sich vom Verkäufer unterscheiden.',
  ),
  payeeRule(
    'UBL-SR-21',
    'Payee legal registration identifier shall occur maximum once, if the Payee is different from the Seller',
    (p) => countPath(p, 'PartyLegalEntity', 'CompanyID'),
    'Die Registernummer des Zahlungsempfängers (BT-61) darf höchstens einmal angegeben sein, und der Zahlungsempfänger muss sich vom Verkäufer unterscheiden.',
  ),
  atMost(
    'UBL-SR-22',
    'Seller tax representative name shall occur maximum once, if the Seller has a tax representative',
    anywhereCount('TaxRepresentativeParty'),
    'PartyName/Name',
    1,
    'Der Name des Steuervertreters (BT-62) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-23',
    'Seller tax representative VAT identifier shall occur maximum once, if the Seller has a tax representative',
    anywhereCount('TaxRepresentativeParty'),
    'PartyTaxScheme/CompanyID',
    1,
    'Die Umsatzsteuer-Identifikationsnummer des Steuervertreters (BT-63) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-24',
    'Deliver to information shall occur maximum once',
    ROOT,
    'Delivery',
    1,
    'Die Lieferinformationen (BG-13) dürfen höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-25',
    'Deliver to party name shall occur maximum once',
    anywhereCount('Delivery'),
    'DeliveryParty/PartyName/Name',
    1,
    'Der Name des Empfängers der Lieferung (BT-70) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-26',
    'Payment reference shall occur maximum once',
    anywhereCount('PaymentMeans'),
    'PaymentID',
    1,
    'Der Verwendungszweck (BT-83) darf je Zahlungsanweisung höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-27',
    'Payment means text shall occur maximum once',
    anywhereCount('PaymentMeans'),
    'InstructionNote',
    1,
    'Der Text zur Zahlungsart darf je Zahlungsanweisung höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-28',
    'Mandate reference identifier shall occur maximum once',
    anywhereCount('PaymentMeans'),
    'PaymentMandate/ID',
    1,
    'Die Mandatsreferenz (BT-89) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-29',
    'fatal',
    '[UBL-SR-29]-Bank creditor reference shall occur maximum once',
    ublRoot,
    (_, c) =>
      named(c, 'PartyIdentification').reduce(
        (n, p) => n + children(p, 'ID').filter((i) => (i.attrs.schemeID ?? '').toUpperCase() === 'SEPA').length,
        0,
      ),
    (n) => n <= 1,
    { syntaxes: UBL, de: 'Die Gläubiger-Identifikationsnummer (BT-90) darf höchstens einmal angegeben sein.' },
  ),
  atMost(
    'UBL-SR-30',
    'Document level allowance reason shall occur maximum once',
    ALLOWANCES,
    'AllowanceChargeReason',
    1,
    'Der Grund eines Nachlasses (BT-97) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-31',
    'Document level charge reason shall occur maximum once',
    CHARGES,
    'AllowanceChargeReason',
    1,
    'Der Grund eines Zuschlags (BT-104) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-32',
    'VAT exemption reason text shall occur maximum once',
    anywhereCount('TaxSubtotal'),
    'TaxCategory/TaxExemptionReason',
    1,
    'Der Befreiungsgrund (BT-120) darf je Steueraufschlüsselung höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-33',
    'Supporting document description shall occur maximum once',
    anywhereCount('AdditionalDocumentReference'),
    'DocumentDescription',
    1,
    'Die Beschreibung einer rechnungsbegründenden Unterlage (BT-123) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-34',
    'Invoice line note shall occur maximum once',
    LINES,
    'Note',
    1,
    'Die Positionsnotiz (BT-127) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-35',
    'Referenced purchase order line identifier shall occur maximum once',
    LINES,
    'OrderLineReference/LineID',
    1,
    'Die Bestellpositionsnummer (BT-132) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-36',
    'Invoice line period shall occur maximum once',
    LINES,
    'InvoicePeriod',
    1,
    'Der Abrechnungszeitraum einer Position (BG-26) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-37',
    'Item price discount shall occur maximum once',
    LINES,
    'Price/AllowanceCharge/Amount',
    1,
    'Der Preisnachlass (BT-147) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-39',
    'Project reference shall occur maximum once.',
    ROOT,
    'ProjectReference/ID',
    1,
    'Die Projektreferenz (BT-11) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-40',
    'Buyer trade name shall occur maximum once',
    ROOT,
    `${CUSTOMER}/PartyName/Name`,
    1,
    'Der Handelsname des Käufers (BT-45) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-43',
    'fatal',
    '[UBL-SR-43]-Scheme identifier shall only be used for invoiced object (document type code with value 130 or 50)',
    anywhere('AdditionalDocumentReference'),
    (a, c) => {
      const codes = codes130(a);
      const ok =
        codes.includes('130') ||
        (c.root.name === 'CreditNote' && codes.includes('50')) ||
        (!children(a, 'ID').some((i) => i.attrs.schemeID !== undefined) && codes.length === 0);
      return ok ? 0 : 1;
    },
    (n) => n === 0,
    {
      syntaxes: UBL,
      de: 'Ein Kennungsschema (schemeID) ist nur bei der Objektkennung (Dokumentart 130, bei Gutschriften 50) erlaubt.',
    },
  ),
  atMost(
    'UBL-SR-45',
    'Due Date shall occur maximum once',
    ROOT,
    'PaymentMeans/PaymentDueDate',
    1,
    'Das Fälligkeitsdatum darf in den Zahlungsanweisungen höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-46',
    'fatal',
    '[UBL-SR-46]-Payment means text shall occur maximum once',
    ublRoot,
    (r) => all(r, 'PaymentMeans', 'PaymentMeansCode').filter((e) => e.attrs.name !== undefined).length,
    (n) => n <= 1,
    { syntaxes: UBL, de: 'Der Text zur Zahlungsart (BT-82) darf höchstens einmal angegeben sein.' },
  ),
  atMost(
    'UBL-SR-49',
    'Value tax point date shall occur maximum once',
    ROOT,
    'InvoicePeriod/DescriptionCode',
    1,
    'Der Code des Steuerzeitpunkts (BT-8) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-50',
    'Item description shall occur maximum once',
    LINES,
    'Item/Description',
    1,
    'Die Artikelbeschreibung (BT-154) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-51',
    'fatal',
    '[UBL-SR-51]-An address can only have one third line.',
    (c) => [...named(c, 'PostalAddress'), ...named(c, 'Address')],
    (a) => countPath(a, 'AddressLine'),
    (n) => n <= 1,
    { syntaxes: UBL, de: 'Eine Anschrift darf nur eine dritte Adresszeile (AddressLine) haben.' },
  ),
  atMost(
    'UBL-SR-52',
    'Document reference shall occur maximum once',
    LINES,
    'DocumentReference',
    1,
    'Eine Rechnungsposition darf höchstens eine Objektkennung (BT-128) haben.',
  ),
];

/** The group the engine runs (UBL-SR, UBL-DT and the conditional UBL-CR rules). */
export const ublSrGroup: Rule = groupOf('UBL-SR', UBL, [...ublSrRules, ...ublDtRules]);
