/**
 * EN 16931 conditional rules BR-CO-03/04/09 and BR-CO-18…26: mutually exclusive terms, VAT
 * identifier prefixes, required groups, reasons and due dates.
 */
import { cmp, ZERO } from '../../model/decimal.js';
import { emptyInvoicePeriod, given, num, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { COUNTRY_CODES } from '../../codelists/index.js';

const T = (id: string, s: string) => `[${id}]-${s}`;

function vatPrefixOk(id: string | undefined): boolean {
  if (id === undefined) {
    return true;
  }
  const p = id.slice(0, 2);
  return p.length === 2 && (COUNTRY_CODES.has(p) || p === 'EL' || p === 'XI' || p === '1A');
}

function hasDueDateOrTerms(c: RuleContext): boolean {
  return c.inv.dueDate !== undefined || c.inv.paymentTerms !== undefined;
}

export const conditionRules: Rule[] = [
  rule(
    'BR-CO-03',
    'fatal',
    T(
      'BR-CO-03',
      'Value added tax point date (BT-7) and Value added tax point date code (BT-8) are mutually exclusive.',
    ),
    (c, f) => {
      if (c.inv.taxPointDate !== undefined && c.inv.taxPointDateCode !== undefined) {
        f();
      }
    },
    { de: 'Steuerpunktdatum (BT-7) und Steuerpunktdatum-Code (BT-8) dürfen nicht zusammen angegeben werden.' },
  ),
  rule(
    'BR-CO-04',
    'fatal',
    T('BR-CO-04', 'Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.vatCategory === undefined) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition braucht einen Umsatzsteuer-Kategoriecode (BT-151).' },
  ),
  rule(
    'BR-CO-09',
    'fatal',
    T(
      'BR-CO-09',
      'The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece may use the prefix ‘EL’.',
    ),
    (c, f) => {
      const i = c.inv;
      if (!vatPrefixOk(i.seller.vatId) || !vatPrefixOk(i.buyer.vatId) || !vatPrefixOk(i.taxRepresentative?.vatId)) {
        f();
      }
    },
    {
      de: 'Umsatzsteuer-Identifikationsnummern (BT-31, BT-48, BT-63) müssen mit einem Ländercode nach ISO 3166-1 beginnen (Griechenland: EL).',
    },
  ),
  rule(
    'BR-CO-18',
    'fatal',
    T('BR-CO-18', 'An Invoice shall at least have one VAT breakdown group (BG-23).'),
    (c, f) => {
      if (c.inv.vatBreakdown.length === 0) {
        f();
      }
    },
    { de: 'Die Rechnung braucht mindestens eine Umsatzsteueraufschlüsselung (BG-23).' },
  ),
  rule(
    'BR-CO-19',
    'fatal',
    T(
      'BR-CO-19',
      'If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or the Invoicing period end date (BT-74) shall be filled, or both.',
    ),
    (c, f) => {
      if (emptyInvoicePeriod(c)) {
        f();
      }
    },
    { de: 'Ein Abrechnungszeitraum (BG-14) braucht ein Anfangs- oder Enddatum.' },
  ),
  rule(
    'BR-CO-20',
    'fatal',
    T(
      'BR-CO-20',
      'If Invoice line period (BG-26) is used, the Invoice line period start date (BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.period && l.period.start === undefined && l.period.end === undefined) {
          f(l);
        }
      }
    },
    { de: 'Ein Positionszeitraum (BG-26) braucht ein Anfangs- oder Enddatum.' },
  ),
  rule(
    'BR-CO-21',
    'fatal',
    T(
      'BR-CO-21',
      'Each Document level allowance (BG-20) shall contain a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98), or both.',
    ),
    (c, f) => {
      for (const a of c.inv.allowanceCharges) {
        if (!a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
          f(a);
        }
      }
    },
    { de: 'Jeder Nachlass auf Dokumentebene braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-22',
    'fatal',
    T(
      'BR-CO-22',
      'Each Document level charge (BG-21) shall contain a Document level charge reason (BT-104) or a Document level charge reason code (BT-105), or both.',
    ),
    (c, f) => {
      for (const a of c.inv.allowanceCharges) {
        if (a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
          f(a);
        }
      }
    },
    { de: 'Jeder Zuschlag auf Dokumentebene braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-23',
    'fatal',
    T(
      'BR-CO-23',
      'Each Invoice line allowance (BG-27) shall contain an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        for (const a of l.allowanceCharges) {
          if (!a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
            f(a);
          }
        }
      }
    },
    { de: 'Jeder Positionsnachlass braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-24',
    'fatal',
    T(
      'BR-CO-24',
      'Each Invoice line charge (BG-28) shall contain an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145), or both.',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        for (const a of l.allowanceCharges) {
          if (a.isCharge && !given(a.reason) && !given(a.reasonCode)) {
            f(a);
          }
        }
      }
    },
    { de: 'Jeder Positionszuschlag braucht einen Grund oder Grund-Code.' },
  ),
  rule(
    'BR-CO-25',
    'fatal',
    T(
      'BR-CO-25',
      'In case the Amount due for payment (BT-115) is positive, either the Payment due date (BT-9) or the Payment terms (BT-20) shall be present.',
    ),
    (c, f) => {
      const pay = num(c.inv.totals.payable);
      if (pay && cmp(pay, ZERO) > 0 && !hasDueDateOrTerms(c)) {
        f();
      }
    },
    {
      // the UBL artefacts apply BR-CO-25 to invoices only
      syntaxes: ['ubl-invoice', 'cii'],
      de: 'Ist ein Betrag fällig (BT-115 > 0), muss ein Fälligkeitsdatum (BT-9) oder Zahlungsbedingungen (BT-20) angegeben sein.',
    },
  ),
  rule(
    'BR-CO-26',
    'fatal',
    T(
      'BR-CO-26',
      'In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.',
    ),
    (c, f) => {
      const s = c.inv.seller;
      if (s.identifiers.length === 0 && !s.legalRegistrationId && s.vatId === undefined) {
        f();
      }
    },
    {
      de: 'Verkäuferkennung (BT-29), Registernummer (BT-30) oder Umsatzsteuer-Identifikationsnummer (BT-31) muss angegeben sein.',
    },
  ),
];
