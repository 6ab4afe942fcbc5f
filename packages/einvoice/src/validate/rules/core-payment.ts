/**
 * EN 16931 business rules on payment, attachments and references: BR-49 … BR-65.
 */
import { given, rule } from '../helpers.js';
import { all, child, children, textAt } from '../../xml/tree.js';
import type { Rule } from '../types.js';

const T = (id: string, s: string) => `[${id}]-${s}`;

export const corePaymentRules: Rule[] = [
  rule(
    'BR-49',
    'fatal',
    T('BR-49', 'A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).'),
    (c, f) => {
      for (const p of c.inv.paymentInstructions) {
        if (c.origins.get(p) && !given(p.typeCode)) {
          f(p);
        }
      }
    },
    { de: 'Jede Zahlungsanweisung (BG-16) braucht einen Zahlungsart-Code (BT-81).' },
  ),
  rule(
    'BR-50',
    'fatal',
    T(
      'BR-50',
      'A Payment account identifier (BT-84) shall be present if Credit transfer (BG-17) information is provided in the Invoice.',
    ),
    (c, f) => {
      for (const p of c.inv.paymentInstructions) {
        for (const t of p.creditTransfers) {
          // CII only asks for the IBANID/ProprietaryID element, UBL for a non-empty ID
          if (c.syntax === 'cii' ? t.accountId === undefined : !given(t.accountId)) {
            f(p);
          }
        }
      }
    },
    { de: 'Bei Überweisung (BG-17) muss die Kontokennung (BT-84) angegeben sein.' },
  ),
  rule(
    'BR-51',
    'warning',
    T(
      'BR-51',
      'In accordance with card payments security standards an invoice should never include a full card primary account number (BT-87). At the moment PCI Security Standards Council has defined that the first 6 digits and last 4 digits are the maximum number of digits to be shown.',
    ),
    (c, f) => {
      for (const p of c.inv.paymentInstructions) {
        const pan = p.card?.pan;
        if (p.card && (pan === undefined || pan.trim().length < 4 || pan.trim().length > 10)) {
          f(p);
        }
      }
    },
    {
      de: 'Die Kartennummer (BT-87) darf nicht vollständig angegeben werden (höchstens die ersten 6 und letzten 4 Ziffern).',
    },
  ),
  rule(
    'BR-52',
    'fatal',
    T('BR-52', 'Each Additional supporting document (BG-24) shall contain a Supporting document reference (BT-122).'),
    (c, f) => {
      for (const a of c.inv.attachments) {
        if (!given(a.id)) {
          f(a);
        }
      }
    },
    { de: 'Jedes rechnungsbegründende Dokument (BG-24) braucht eine Kennung (BT-122).' },
  ),
  rule(
    'BR-53',
    'fatal',
    T(
      'BR-53',
      'If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT amount in accounting currency (BT-111) shall be provided.',
    ),
    (c, f) => {
      if (
        given(c.inv.taxCurrency) &&
        c.inv.totals.vatTotalTaxCurrency === undefined &&
        c.inv.taxCurrency !== c.inv.currency
      ) {
        f();
      }
    },
    {
      de: 'Ist eine Steuerwährung (BT-6) angegeben, muss der Umsatzsteuergesamtbetrag in dieser Währung (BT-111) enthalten sein.',
    },
  ),
  rule(
    'BR-54',
    'fatal',
    T(
      'BR-54',
      'Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an Item attribute value (BT-161).',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        for (const a of l.attributes) {
          if (a.name === undefined || a.value === undefined) {
            f(l);
          }
        }
      }
    },
    { de: 'Jedes Artikelmerkmal (BG-32) braucht Name (BT-160) und Wert (BT-161).' },
  ),
  rule(
    'BR-55',
    'fatal',
    T('BR-55', 'Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).'),
    (c, f) => {
      if (c.syntax !== 'cii') {
        // a BillingReference without InvoiceDocumentReference never reaches the model
        for (const br of children(c.root, 'BillingReference')) {
          if (!given(textAt(br, 'InvoiceDocumentReference', 'ID'))) {
            f(br);
          }
        }
        return;
      }
      for (const p of c.inv.precedingInvoices) {
        if (!given(p.id)) {
          f();
        }
      }
    },
    { de: 'Jeder Verweis auf eine vorausgegangene Rechnung (BG-3) braucht deren Nummer (BT-25).' },
  ),
  rule(
    'BR-56',
    'fatal',
    T(
      'BR-56',
      'Each Seller tax representative party (BG-11) shall have a Seller tax representative VAT identifier (BT-63).',
    ),
    (c, f) => {
      const p = c.inv.taxRepresentative;
      if (p && !given(p.vatId)) {
        f();
      }
    },
    { de: 'Der Steuervertreter (BG-11) braucht eine Umsatzsteuer-Identifikationsnummer (BT-63).' },
  ),
  rule(
    'BR-57',
    'fatal',
    T('BR-57', 'Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).'),
    (c, f) => {
      const a = c.inv.delivery?.address;
      if (a && !given(a.countryCode)) {
        f();
      }
    },
    { de: 'Die Lieferanschrift (BG-15) braucht einen Ländercode (BT-80).' },
  ),
  rule(
    'BR-61',
    'fatal',
    T(
      'BR-61',
      'If the Payment means type code (BT-81) means SEPA credit transfer, Local credit transfer or Non-SEPA international credit transfer, the Payment account identifier (BT-84) shall be present.',
    ),
    (c, f) => {
      if (c.syntax === 'cii') {
        // the CII binding checks the debtor account of credit transfer means for IBAN or proprietary id
        for (const pm of all(
          c.root,
          'SupplyChainTradeTransaction',
          'ApplicableHeaderTradeSettlement',
          'SpecifiedTradeSettlementPaymentMeans',
        )) {
          const code = textAt(pm, 'TypeCode');
          if (code !== '30' && code !== '58') {
            continue;
          }
          for (const acc of children(pm, 'PayerPartyDebtorFinancialAccount')) {
            if (!child(acc, 'IBANID') && !child(acc, 'ProprietaryID')) {
              f(acc);
            }
          }
        }
        return;
      }
      for (const p of c.inv.paymentInstructions) {
        const code = p.typeCode?.trim();
        if ((code === '30' || code === '58') && !p.creditTransfers.some((t) => t.accountId !== undefined)) {
          f(p);
        }
      }
    },
    { de: 'Bei Überweisung (Code 30 oder 58) muss die Kontokennung (BT-84) angegeben sein.' },
  ),
  rule(
    'BR-62',
    'fatal',
    T('BR-62', 'The Seller electronic address (BT-34) shall have a Scheme identifier.'),
    (c, f) => {
      const e = c.inv.seller.electronicAddress;
      if (e && e.schemeId === undefined) {
        f();
      }
    },
    { de: 'Die elektronische Adresse des Verkäufers (BT-34) braucht eine Schemakennung.' },
  ),
  rule(
    'BR-63',
    'fatal',
    T('BR-63', 'The Buyer electronic address (BT-49) shall have a Scheme identifier.'),
    (c, f) => {
      const e = c.inv.buyer.electronicAddress;
      if (e && e.schemeId === undefined) {
        f();
      }
    },
    { de: 'Die elektronische Adresse des Käufers (BT-49) braucht eine Schemakennung.' },
  ),
  rule(
    'BR-64',
    'fatal',
    T('BR-64', 'The Item standard identifier (BT-157) shall have a Scheme identifier.'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.standardItemId && l.standardItemId.schemeId === undefined) {
          f(l);
        }
      }
    },
    { de: 'Die Standard-Artikelkennung (BT-157) braucht eine Schemakennung.' },
  ),
  rule(
    'BR-65',
    'fatal',
    T('BR-65', 'The Item classification identifier (BT-158) shall have a Scheme identifier.'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.classifications.some((k) => k.listId === undefined)) {
          f(l);
        }
      }
    },
    { de: 'Die Artikelklassifizierung (BT-158) braucht eine Schemakennung.' },
  ),
];
