/**
 * Syntax binding rules (UBL-SR, UBL-CR, CII-SR) that take part in the verdict or are commonly hit,
 * plus BR-TMP-3 (CII price base quantity consistency, XRechnung).
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { elementIndex, named, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { lineElements } from './xr-paths.js';

const UBL = ['ubl-invoice', 'ubl-creditnote'] as const;

function notIncluded(id: string, what: string, find: (c: RuleContext) => XElement[]): Rule {
  return rule(
    id,
    'warning',
    `[${id}]-A UBL invoice should not include the ${what}`,
    (c, f) => {
      for (const e of find(c)) {
        f(e);
      }
    },
    { syntaxes: UBL, de: `Eine UBL-Rechnung sollte ${what} nicht enthalten (nicht Teil von EN 16931).` },
  );
}

function partyTaxSchemes(party: XElement | undefined, scheme?: string): XElement[] {
  return children(party, 'PartyTaxScheme').filter(
    (p) => scheme === undefined || normalizeSpace(textAt(p, 'TaxScheme', 'ID')) === scheme,
  );
}

const DT01 = new Set([
  'Amount',
  'BaseAmount',
  'TaxAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
]);

export const syntaxRules: Rule[] = [
  rule(
    'UBL-SR-12',
    'fatal',
    '[UBL-SR-12]-Seller VAT identifier shall occur maximum once',
    (c, f) => {
      if (partyTaxSchemes(child(child(c.root, 'AccountingSupplierParty'), 'Party'), 'VAT').length > 1) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Die Umsatzsteuer-Identifikationsnummer des Verkäufers darf nur einmal vorkommen.' },
  ),
  rule(
    'UBL-SR-18',
    'fatal',
    '[UBL-SR-18]-Buyer VAT identifier shall occur maximum once',
    (c, f) => {
      if (partyTaxSchemes(child(child(c.root, 'AccountingCustomerParty'), 'Party'), 'VAT').length > 1) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Die Umsatzsteuer-Identifikationsnummer des Käufers darf nur einmal vorkommen.' },
  ),
  rule(
    'UBL-SR-42',
    'fatal',
    '[UBL-SR-42]-Party tax scheme shall occur maximum twice in accounting supplier party',
    (c, f) => {
      if (partyTaxSchemes(child(child(c.root, 'AccountingSupplierParty'), 'Party')).length > 2) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Der Verkäufer darf höchstens zwei Steuerregistrierungen (PartyTaxScheme) haben.' },
  ),
  rule(
    'UBL-SR-44',
    'fatal',
    '[UBL-SR-44]-An Invoice may only have one unique PaymentID, but the PaymentID may be used for multiple PaymentMeans',
    (c, f) => {
      const ids = new Set(all(c.root, 'PaymentMeans', 'PaymentID').map((e) => normalizeSpace(stringValue(e))));
      if (ids.size > 1) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Der Verwendungszweck (PaymentID) muss in allen Zahlungsanweisungen gleich sein.' },
  ),
  rule(
    'UBL-SR-47',
    'fatal',
    '[UBL-SR-47]-When there are more than one payment means code, they shall be equal',
    (c, f) => {
      const codes = new Set(all(c.root, 'PaymentMeans', 'PaymentMeansCode').map((e) => normalizeSpace(stringValue(e))));
      if (codes.size > 1) {
        f();
      }
    },
    { syntaxes: UBL, de: 'Mehrere Zahlungsart-Codes (BT-81) müssen gleich sein.' },
  ),
  rule(
    'UBL-DT-01',
    'fatal',
    '[UBL-DT-01]-Amount shall be decimal up to two fraction digits',
    (c, f) => {
      for (const e of elementIndex(c).all) {
        if (DT01.has(e.name) && e.parent?.name !== 'Price' && e.parent?.parent?.name !== 'Price') {
          const t = e.text.trim();
          const i = t.indexOf('.');
          if (i >= 0 && t.length - i - 1 > 2) {
            f(e);
          }
        }
      }
    },
    { syntaxes: UBL, de: 'Beträge dürfen höchstens zwei Nachkommastellen haben.' },
  ),
  rule(
    'UBL-DT-06',
    'fatal',
    '[UBL-DT-06]-Binary object elements shall contain the mime code attribute',
    (c, f) => {
      for (const b of named(c, 'EmbeddedDocumentBinaryObject')) {
        if (b.attrs.mimeCode === undefined) {
          f(b);
        }
      }
    },
    { syntaxes: UBL, de: 'Eingebettete Anhänge brauchen einen MIME-Code.' },
  ),
  rule(
    'UBL-DT-07',
    'fatal',
    '[UBL-DT-07]-Binary object elements shall contain the file name attribute',
    (c, f) => {
      for (const b of named(c, 'EmbeddedDocumentBinaryObject')) {
        if (b.attrs.filename === undefined) {
          f(b);
        }
      }
    },
    { syntaxes: UBL, de: 'Eingebettete Anhänge brauchen einen Dateinamen.' },
  ),
  rule(
    'UBL-SR-48',
    'fatal',
    '[UBL-SR-48]-Invoice lines shall have one and only one classified tax category.',
    (c, f) => {
      for (const l of lineElements(c)) {
        if (all(l, 'Item', 'ClassifiedTaxCategory').length !== 1) {
          f(l);
        }
      }
    },
    { syntaxes: UBL, de: 'Jede Rechnungsposition muss genau eine Steuerkategorie (ClassifiedTaxCategory) haben.' },
  ),
  rule(
    'UBL-SR-53',
    'fatal',
    '[UBL-SR-53]- CompanyID (VAT Identifier) must be stated when providing the PartyTaxScheme/TaxScheme/ID.',
    (c, f) => {
      for (const p of named(c, 'PartyTaxScheme')) {
        if (!child(p, 'CompanyID')) {
          f(p);
        }
      }
    },
    { syntaxes: UBL, de: 'Bei Angabe eines PartyTaxScheme muss die CompanyID (Steuernummer) angegeben sein.' },
  ),
  notIncluded('UBL-CR-434', 'PaymentMeans CreditAccount', (c) => all(c.root, 'PaymentMeans', 'CreditAccount')),
  notIncluded('UBL-CR-470', 'PrepaidPayment', (c) => children(c.root, 'PrepaidPayment')),
  notIncluded('UBL-CR-528', 'InvoiceLine OrderLineReference OrderReference', (c) =>
    lineElements(c).flatMap((l) => all(l, 'OrderLineReference', 'OrderReference')),
  ),
  rule(
    'UBL-CR-646',
    'warning',
    '[UBL-CR-646]-A UBL invoice should not include the InvoiceLine SubInvoiceLine',
    (c, f) => {
      if (
        lineElements(c).some(
          (l) => children(l, 'SubInvoiceLine').length > 0 || children(l, 'SubCreditNoteLine').length > 0,
        )
      ) {
        f();
      }
    },
    {
      syntaxes: UBL,
      de: 'Eine UBL-Rechnung sollte keine Unterpositionen (SubInvoiceLine) enthalten; nur die XRechnung-Extension erlaubt sie.',
    },
  ),
  rule(
    'UBL-CR-678',
    'warning',
    '[UBL-CR-678]-A UBL invoice should not include the TaxCategory/ID schemeID',
    (c, f) => {
      for (const t of named(c, 'TaxCategory')) {
        const id = child(t, 'ID');
        if (id?.attrs.schemeID !== undefined) {
          f(id);
        }
      }
    },
    { syntaxes: UBL, de: 'Die Steuerkategorie (TaxCategory/ID) sollte kein schemeID-Attribut haben.' },
  ),
  rule(
    'UBL-CR-679',
    'warning',
    '[UBL-CR-679]-A UBL invoice should not include the ClassifiedTaxCategory/ID schemeID',
    (c, f) => {
      for (const t of named(c, 'ClassifiedTaxCategory')) {
        const id = child(t, 'ID');
        if (id?.attrs.schemeID !== undefined) {
          f(id);
        }
      }
    },
    {
      syntaxes: UBL,
      de: 'Die Steuerkategorie einer Position (ClassifiedTaxCategory/ID) sollte kein schemeID-Attribut haben.',
    },
  ),
];

export { normalizeSpace, textAt };
