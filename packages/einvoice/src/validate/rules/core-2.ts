/**
 * EN 16931 business rules BR-31 … BR-67: allowances, charges, VAT breakdown, payment, references.
 */
import { given, rule } from '../helpers.js';
import { all, child, children, textAt } from '../../xml/tree.js';
import type { Fail, Rule, RuleContext } from '../types.js';
import type { AllowanceCharge } from '../../model/types.js';

const T = (id: string, s: string) => `[${id}]-${s}`;

function docAc(c: RuleContext, charge: boolean): AllowanceCharge[] {
  return c.inv.allowanceCharges.filter((a) => a.isCharge === charge);
}

function lineAc(c: RuleContext, charge: boolean): AllowanceCharge[] {
  return c.inv.lines.flatMap((l) => l.allowanceCharges.filter((a) => a.isCharge === charge));
}

function each(list: (c: RuleContext) => AllowanceCharge[], bad: (a: AllowanceCharge) => boolean) {
  return (c: RuleContext, f: Fail) => {
    for (const a of list(c)) {
      if (bad(a)) {
        f(a);
      }
    }
  };
}

const noReason = (a: AllowanceCharge) => !given(a.reason) && !given(a.reasonCode);

export const core2Rules: Rule[] = [
  rule(
    'BR-31',
    'fatal',
    T('BR-31', 'Each Document level allowance (BG-20) shall have a Document level allowance amount (BT-92).'),
    each(
      (c) => docAc(c, false),
      (a) => a.amount === undefined,
    ),
    { de: 'Jeder Nachlass auf Dokumentebene (BG-20) braucht einen Betrag (BT-92).' },
  ),
  rule(
    'BR-32',
    'fatal',
    T(
      'BR-32',
      'Each Document level allowance (BG-20) shall have a Document level allowance VAT category code (BT-95).',
    ),
    each(
      (c) => docAc(c, false),
      (a) => a.vatCategory === undefined,
    ),
    { de: 'Jeder Nachlass auf Dokumentebene (BG-20) braucht einen Umsatzsteuer-Kategoriecode (BT-95).' },
  ),
  rule(
    'BR-33',
    'fatal',
    T(
      'BR-33',
      'Each Document level allowance (BG-20) shall have a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98).',
    ),
    each((c) => docAc(c, false), noReason),
    { de: 'Jeder Nachlass auf Dokumentebene braucht einen Grund (BT-97) oder Grund-Code (BT-98).' },
  ),
  rule(
    'BR-36',
    'fatal',
    T('BR-36', 'Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).'),
    each(
      (c) => docAc(c, true),
      (a) => a.amount === undefined,
    ),
    { de: 'Jeder Zuschlag auf Dokumentebene (BG-21) braucht einen Betrag (BT-99).' },
  ),
  rule(
    'BR-37',
    'fatal',
    T('BR-37', 'Each Document level charge (BG-21) shall have a Document level charge VAT category code (BT-102).'),
    each(
      (c) => docAc(c, true),
      (a) => a.vatCategory === undefined,
    ),
    { de: 'Jeder Zuschlag auf Dokumentebene braucht einen Umsatzsteuer-Kategoriecode (BT-102).' },
  ),
  rule(
    'BR-38',
    'fatal',
    T(
      'BR-38',
      'Each Document level charge (BG-21) shall have a Document level charge reason (BT-104) or a Document level charge reason code (BT-105).',
    ),
    each((c) => docAc(c, true), noReason),
    { de: 'Jeder Zuschlag auf Dokumentebene braucht einen Grund (BT-104) oder Grund-Code (BT-105).' },
  ),
  rule(
    'BR-41',
    'fatal',
    T('BR-41', 'Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount (BT-136).'),
    each(
      (c) => lineAc(c, false),
      (a) => a.amount === undefined,
    ),
    { de: 'Jeder Positionsnachlass (BG-27) braucht einen Betrag (BT-136).' },
  ),
  rule(
    'BR-42',
    'fatal',
    T(
      'BR-42',
      'Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140).',
    ),
    each((c) => lineAc(c, false), noReason),
    { de: 'Jeder Positionsnachlass braucht einen Grund (BT-139) oder Grund-Code (BT-140).' },
  ),
  rule(
    'BR-43',
    'fatal',
    T('BR-43', 'Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).'),
    each(
      (c) => lineAc(c, true),
      (a) => a.amount === undefined,
    ),
    { de: 'Jeder Positionszuschlag (BG-28) braucht einen Betrag (BT-141).' },
  ),
  rule(
    'BR-44',
    'fatal',
    T(
      'BR-44',
      'Each Invoice line charge (BG-28) shall have an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145).',
    ),
    each((c) => lineAc(c, true), noReason),
    { de: 'Jeder Positionszuschlag braucht einen Grund (BT-144) oder Grund-Code (BT-145).' },
  ),
  rule(
    'BR-45',
    'fatal',
    T('BR-45', 'Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).'),
    (c, f) => {
      for (const v of c.inv.vatBreakdown) {
        if (v.taxableAmount === undefined) {
          f(v);
        }
      }
    },
    { de: 'Jede Umsatzsteueraufschlüsselung (BG-23) braucht eine Bemessungsgrundlage (BT-116).' },
  ),
  rule(
    'BR-46',
    'fatal',
    T('BR-46', 'Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).'),
    (c, f) => {
      for (const v of c.inv.vatBreakdown) {
        if (v.taxAmount === undefined) {
          f(v);
        }
      }
    },
    { de: 'Jede Umsatzsteueraufschlüsselung braucht einen Steuerbetrag (BT-117).' },
  ),
  rule(
    'BR-47',
    'fatal',
    T('BR-47', 'Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).'),
    (c, f) => {
      for (const v of c.inv.vatBreakdown) {
        if (v.categoryCode === undefined) {
          f(v);
        }
      }
    },
    { de: 'Jede Umsatzsteueraufschlüsselung braucht einen Kategoriecode (BT-118).' },
  ),
  rule(
    'BR-48',
    'fatal',
    T(
      'BR-48',
      'Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the Invoice is not subject to VAT.',
    ),
    (c, f) => {
      for (const v of c.inv.vatBreakdown) {
        if (v.rate === undefined && v.categoryCode?.trim() !== 'O') {
          f(v);
        }
      }
    },
    { de: 'Jede Umsatzsteueraufschlüsselung braucht einen Steuersatz (BT-119), außer bei Kategorie O.' },
  ),
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
