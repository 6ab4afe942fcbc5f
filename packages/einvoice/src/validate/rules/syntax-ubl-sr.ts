/**
 * UBL syntax binding rules with counts and conditions: UBL-SR-01…53 (cardinalities the UBL
 * schema allows but EN 16931 does not), UBL-DT-01…28 (datatype and attribute restrictions) and
 * the UBL-CR rules that carry a condition (002, 412, 663, 665, 666, 673). Implemented from the
 * published rule texts and bindings of the EN 16931 UBL syntax pattern (validation 1.3.15); each
 * rule is evaluated at its official context (root, line, payee, payment means …).
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, stringValue } from '../../xml/tree.js';
import { elementIndex, named, rule } from '../helpers.js';
import type { Flag, Rule, RuleContext } from '../types.js';
import { countPath, countRule, groupOf } from './syntax-engine.js';
import { anywhere, memo, UBL, ublLines, ublRoot } from './syntax-ubl-contexts.js';

type Contexts = (c: RuleContext) => readonly XElement[];

function atMost(id: string, text: string, contexts: Contexts, path: string, max: number, de: string): Rule {
  const names = path.split('/');
  return countRule(
    id,
    'fatal',
    `[${id}]-${text}`,
    contexts,
    (e) => countPath(e, ...names),
    (n) => n <= max,
    {
      syntaxes: UBL,
      de,
    },
  );
}

const SUPPLIER = 'AccountingSupplierParty/Party';
const CUSTOMER = 'AccountingCustomerParty/Party';

/** PartyTaxScheme elements of a party, filtered on `upper-case(TaxScheme/ID) = 'VAT'` (or not). */
function taxSchemes(party: XElement | undefined, vat: boolean): XElement[] {
  return children(party, 'PartyTaxScheme').filter((p) =>
    all(p, 'TaxScheme', 'ID').some((id) => (stringValue(id).toUpperCase() === 'VAT') === vat),
  );
}

function partyOf(c: RuleContext, path: string): XElement | undefined {
  const [a, b] = path.split('/');
  return child(child(c.root, a!), b!);
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

function codes130(adr: XElement): string[] {
  return children(adr, 'DocumentTypeCode').map(stringValue);
}

/** One finding per document at the first element the condition selects (root-context rules). */
function firstOf(
  id: string,
  flag: Flag,
  text: string,
  find: (c: RuleContext) => XElement | undefined,
  de: string,
): Rule {
  return rule(
    id,
    flag,
    `[${id}]-${text}`,
    (c, f) => {
      const e = find(c);
      if (e) {
        f(e);
      }
    },
    { syntaxes: UBL, de },
  );
}

interface AttrScan {
  first: Map<string, XElement>;
  names: number;
  meansCodeNames: number;
}

/** One pass over every attribute of the document (UBL-DT-08…28, UBL-CR-663). */
function attrScan(c: RuleContext): AttrScan {
  let s = c.memo.get('ubl-attrs') as AttrScan | undefined;
  if (!s) {
    s = { first: new Map(), names: 0, meansCodeNames: 0 };
    for (const e of elementIndex(c).all) {
      for (const a in e.attrs) {
        if (!s.first.has(a)) {
          s.first.set(a, e);
        }
        if (a === 'name') {
          s.names++;
          if (e.name === 'PaymentMeansCode') {
            s.meansCodeNames++;
          }
        }
      }
    }
    c.memo.set('ubl-attrs', s);
  }
  return s;
}

const DT_ATTRS: [number, string, string][] = [
  [8, 'schemeName', 'Scheme name attribute should not be present'],
  [9, 'schemeAgencyName', 'Scheme agency name attribute should not be present'],
  [10, 'schemeDataURI', 'Scheme data uri attribute should not be present'],
  [11, 'schemeURI', 'Scheme uri attribute should not be present'],
  [12, 'format', 'Format attribute should not be present'],
  [13, 'unitCodeListIdentifier', 'Unit code list identifier attribute should not be present'],
  [14, 'unitCodeListAgencyIdentifier', 'Unit code list agency identifier attribute should not be present'],
  [15, 'unitCodeListAgencyName', 'Unit code list agency name attribute should not be present'],
  [16, 'listAgencyName', 'List agency name attribute should not be present'],
  [17, 'listName', 'List name attribute should not be present'],
  [19, 'languageID', 'Language identifier attribute should not be present'],
  [20, 'listURI', 'List uri attribute should not be present'],
  [21, 'listSchemeURI', 'List scheme uri attribute should not be present'],
  [22, 'languageLocaleID', 'Language local identifier attribute should not be present'],
  [23, 'uri', 'Uri attribute should not be present'],
  [24, 'currencyCodeListVersionID', 'Currency code list version id should not be present'],
  [25, 'characterSetCode', 'CharacterSetCode attribute should not be present'],
  [26, 'encodingCode', 'EncodingCode attribute should not be present'],
  [27, 'schemeAgencyID', 'Scheme Agency ID attribute should not be present'],
  [28, 'listAgencyID', 'List Agency ID attribute should not be present'],
];

const amountElements = memo('ubl-amounts', (c) =>
  elementIndex(c).all.filter((e) => {
    if (!e.name.endsWith('Amount') || e.name.endsWith('PriceAmount')) {
      return false;
    }
    // not(ancestor::cac:Price/cac:AllowanceCharge)
    for (let p = e.parent; p; p = p.parent) {
      if (p.name === 'Price' && child(p, 'AllowanceCharge')) {
        return false;
      }
    }
    return true;
  }),
);

const binaryObjects = memo('ubl-binary', (c) => elementIndex(c).all.filter((e) => e.name.endsWith('BinaryObject')));

export const ublSrRules: Rule[] = [
  atMost(
    'UBL-SR-01',
    'Contract identifier shall occur maximum once.',
    ublRoot,
    'ContractDocumentReference/ID',
    1,
    'Die Vertragsnummer (BT-12) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-02',
    'Receive advice identifier shall occur maximum once',
    ublRoot,
    'ReceiptDocumentReference/ID',
    1,
    'Die Nummer der Empfangsbestätigung (BT-15) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-03',
    'Despatch advice identifier shall occur maximum once',
    ublRoot,
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
    ublRoot,
    'PaymentTerms/Note',
    1,
    'Die Zahlungsbedingungen (BT-20) dürfen höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-06',
    'Preceding invoice reference shall occur maximum once',
    anywhere('BillingReference'),
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
    ublRoot,
    'InvoicePeriod',
    1,
    'Der Abrechnungszeitraum (BG-14) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-09',
    'Seller name shall occur maximum once',
    ublRoot,
    `${SUPPLIER}/PartyLegalEntity/RegistrationName`,
    1,
    'Der Name des Verkäufers (BT-27) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-10',
    'Seller trader name shall occur maximum once',
    ublRoot,
    `${SUPPLIER}/PartyName/Name`,
    1,
    'Der Handelsname des Verkäufers (BT-28) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-11',
    'Seller legal registration identifier shall occur maximum once',
    ublRoot,
    `${SUPPLIER}/PartyLegalEntity/CompanyID`,
    1,
    'Die Registernummer des Verkäufers (BT-30) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-12',
    'fatal',
    '[UBL-SR-12]-Seller VAT identifier shall occur maximum once',
    ublRoot,
    (_, c) => taxSchemes(partyOf(c, SUPPLIER), true).reduce((n, p) => n + children(p, 'CompanyID').length, 0),
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
    (_, c) => taxSchemes(partyOf(c, SUPPLIER), false).reduce((n, p) => n + children(p, 'CompanyID').length, 0),
    (n) => n <= 1,
    { syntaxes: UBL, de: 'Die Steuernummer des Verkäufers (BT-32) darf höchstens einmal angegeben sein.' },
  ),
  atMost(
    'UBL-SR-14',
    'Seller additional legal information shall occur maximum once',
    ublRoot,
    `${SUPPLIER}/PartyLegalEntity/CompanyLegalForm`,
    1,
    'Die weiteren rechtlichen Informationen des Verkäufers (BT-33) dürfen höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-15',
    'Buyer name shall occur maximum once',
    ublRoot,
    `${CUSTOMER}/PartyLegalEntity/RegistrationName`,
    1,
    'Der Name des Käufers (BT-44) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-16',
    'Buyer identifier shall occur maximum once',
    ublRoot,
    `${CUSTOMER}/PartyIdentification/ID`,
    1,
    'Die Kennung des Käufers (BT-46) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-17',
    'Buyer legal registration identifier shall occur maximum once',
    ublRoot,
    `${CUSTOMER}/PartyLegalEntity/CompanyID`,
    1,
    'Die Registernummer des Käufers (BT-47) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'UBL-SR-18',
    'fatal',
    '[UBL-SR-18]-Buyer VAT identifier shall occur maximum once',
    ublRoot,
    (_, c) => taxSchemes(partyOf(c, CUSTOMER), true).reduce((n, p) => n + children(p, 'CompanyID').length, 0),
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
    anywhere('TaxRepresentativeParty'),
    'PartyName/Name',
    1,
    'Der Name des Steuervertreters (BT-62) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-23',
    'Seller tax representative VAT identifier shall occur maximum once, if the Seller has a tax representative',
    anywhere('TaxRepresentativeParty'),
    'PartyTaxScheme/CompanyID',
    1,
    'Die Umsatzsteuer-Identifikationsnummer des Steuervertreters (BT-63) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-24',
    'Deliver to information shall occur maximum once',
    ublRoot,
    'Delivery',
    1,
    'Die Lieferinformationen (BG-13) dürfen höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-25',
    'Deliver to party name shall occur maximum once',
    anywhere('Delivery'),
    'DeliveryParty/PartyName/Name',
    1,
    'Der Name des Empfängers der Lieferung (BT-70) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-26',
    'Payment reference shall occur maximum once',
    anywhere('PaymentMeans'),
    'PaymentID',
    1,
    'Der Verwendungszweck (BT-83) darf je Zahlungsanweisung höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-27',
    'Payment means text shall occur maximum once',
    anywhere('PaymentMeans'),
    'InstructionNote',
    1,
    'Der Text zur Zahlungsart darf je Zahlungsanweisung höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-28',
    'Mandate reference identifier shall occur maximum once',
    anywhere('PaymentMeans'),
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
    allowancesOrCharges(false),
    'AllowanceChargeReason',
    1,
    'Der Grund eines Nachlasses (BT-97) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-31',
    'Document level charge reason shall occur maximum once',
    allowancesOrCharges(true),
    'AllowanceChargeReason',
    1,
    'Der Grund eines Zuschlags (BT-104) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-32',
    'VAT exemption reason text shall occur maximum once',
    anywhere('TaxSubtotal'),
    'TaxCategory/TaxExemptionReason',
    1,
    'Der Befreiungsgrund (BT-120) darf je Steueraufschlüsselung höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-33',
    'Supporting document description shall occur maximum once',
    anywhere('AdditionalDocumentReference'),
    'DocumentDescription',
    1,
    'Die Beschreibung einer rechnungsbegründenden Unterlage (BT-123) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-34',
    'Invoice line note shall occur maximum once',
    ublLines,
    'Note',
    1,
    'Die Positionsnotiz (BT-127) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-35',
    'Referenced purchase order line identifier shall occur maximum once',
    ublLines,
    'OrderLineReference/LineID',
    1,
    'Die Bestellpositionsnummer (BT-132) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-36',
    'Invoice line period shall occur maximum once',
    ublLines,
    'InvoicePeriod',
    1,
    'Der Abrechnungszeitraum einer Position (BG-26) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-37',
    'Item price discount shall occur maximum once',
    ublLines,
    'Price/AllowanceCharge/Amount',
    1,
    'Der Preisnachlass (BT-147) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-39',
    'Project reference shall occur maximum once.',
    ublRoot,
    'ProjectReference/ID',
    1,
    'Die Projektreferenz (BT-11) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-40',
    'Buyer trade name shall occur maximum once',
    ublRoot,
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
    ublRoot,
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
    ublRoot,
    'InvoicePeriod/DescriptionCode',
    1,
    'Der Code des Steuerzeitpunkts (BT-8) darf höchstens einmal angegeben sein.',
  ),
  atMost(
    'UBL-SR-50',
    'Item description shall occur maximum once',
    ublLines,
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
    ublLines,
    'DocumentReference',
    1,
    'Eine Rechnungsposition darf höchstens eine Objektkennung (BT-128) haben.',
  ),
  rule(
    'UBL-DT-01',
    'fatal',
    '[UBL-DT-01]-Amounts shall be decimal up to two fraction digits',
    (c, f) => {
      for (const e of amountElements(c)) {
        const v = stringValue(e);
        const i = v.indexOf('.');
        if (i >= 0 && v.length - i - 1 > 2) {
          f(e);
        }
      }
    },
    { syntaxes: UBL, de: 'Beträge dürfen höchstens zwei Nachkommastellen haben.' },
  ),
  rule(
    'UBL-DT-06',
    'fatal',
    '[UBL-DT-06]-Binary object elements shall contain the mime code attribute',
    (c, f) =>
      binaryObjects(c)
        .filter((b) => b.attrs.mimeCode === undefined)
        .forEach((b) => f(b)),
    { syntaxes: UBL, de: 'Eingebettete Anhänge brauchen einen MIME-Code (mimeCode).' },
  ),
  rule(
    'UBL-DT-07',
    'fatal',
    '[UBL-DT-07]-Binary object elements shall contain the file name attribute',
    (c, f) =>
      binaryObjects(c)
        .filter((b) => b.attrs.filename === undefined)
        .forEach((b) => f(b)),
    { syntaxes: UBL, de: 'Eingebettete Anhänge brauchen einen Dateinamen (filename).' },
  ),
  ...DT_ATTRS.map(([n, attr, text]) =>
    firstOf(
      `UBL-DT-${String(n).padStart(2, '0')}`,
      'warning',
      text,
      (c) => attrScan(c).first.get(attr),
      `Das Attribut „${attr}“ ist in EN 16931 nicht vorgesehen und sollte weggelassen werden.`,
    ),
  ),
  rule(
    'UBL-DT-18',
    'warning',
    '[UBL-DT-18]-Name attribute should not be present',
    (c, f) => {
      const s = attrScan(c);
      if (s.names - s.meansCodeNames > 0) {
        f(elementIndex(c).all.find((e) => e.attrs.name !== undefined && e.name !== 'PaymentMeansCode'));
      }
    },
    { syntaxes: UBL, de: 'Das Attribut „name“ ist nur am Zahlungsart-Code (PaymentMeansCode) vorgesehen.' },
  ),
  firstOf(
    'UBL-CR-002',
    'warning',
    'A UBL invoice should not include the UBLVersionID or it should be 2.1',
    (c) => {
      const v = children(c.root, 'UBLVersionID');
      return v.length > 0 && !v.some((e) => stringValue(e) === '2.1') ? v[0] : undefined;
    },
    'Die UBL-Version (UBLVersionID) sollte fehlen oder 2.1 lauten.',
  ),
  firstOf(
    'UBL-CR-412',
    'warning',
    'A UBL invoice should not include the PaymentMeans PaymentDueDate',
    (c) => (c.root.name === 'CreditNote' ? undefined : all(c.root, 'PaymentMeans', 'PaymentDueDate')[0]),
    'Eine UBL-Rechnung sollte kein Fälligkeitsdatum in den Zahlungsanweisungen (PaymentMeans/PaymentDueDate) enthalten; das Fälligkeitsdatum steht in cbc:DueDate.',
  ),
  firstOf(
    'UBL-CR-663',
    'warning',
    'A UBL invoice should not include the unitCodeListID',
    (c) => attrScan(c).first.get('unitCodeListID'),
    'Das Attribut „unitCodeListID“ sollte weggelassen werden.',
  ),
  firstOf(
    'UBL-CR-665',
    'warning',
    "A UBL invoice should not include the AdditionalDocumentReference ID schemeID unless the DocumentTypeCode equals '130'",
    (c) =>
      named(c, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).some((x) => x !== '130') || codes130(a).length === 0)
        .flatMap((a) => children(a, 'ID'))
        .find((i) => i.attrs.schemeID !== undefined),
    'Ein Kennungsschema (schemeID) an einer Dokumentreferenz ist nur bei der Objektkennung (Dokumentart 130) vorgesehen.',
  ),
  firstOf(
    'UBL-CR-666',
    'fatal',
    'A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Attachment',
    (c) =>
      named(c, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).includes('130'))
        .flatMap((a) => children(a, 'Attachment'))[0],
    'Eine Dokumentreferenz mit Objektkennung (Dokumentart 130) darf keinen Anhang enthalten.',
  ),
  firstOf(
    'UBL-CR-673',
    'fatal',
    'A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Document Description',
    (c) =>
      named(c, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).includes('130'))
        .flatMap((a) => children(a, 'DocumentDescription'))[0],
    'Eine Dokumentreferenz mit Objektkennung (Dokumentart 130) darf keine Beschreibung enthalten.',
  ),
];

/** The group the engine runs. */
export const ublSrGroup: Rule = groupOf('UBL-SR', UBL, ublSrRules);
