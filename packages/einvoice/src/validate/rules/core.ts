/**
 * EN 16931 core business rules BR-01 … BR-20: the mandatory header terms, parties and totals.
 */
import { given, rule } from '../helpers.js';
import type { Rule } from '../types.js';
import type { Party } from '../../model/types.js';

const T = (id: string, s: string) => `[${id}]-${s}`;

function addressOf(p: Party | undefined) {
  return p?.address;
}

export const coreRules: Rule[] = [
  rule(
    'BR-01',
    'fatal',
    T('BR-01', 'An Invoice shall have a Specification identifier (BT-24).'),
    (c, f) => {
      if (!given(c.inv.specificationId)) {
        f();
      }
    },
    { de: 'Die Rechnung muss eine Spezifikationskennung (BT-24) enthalten.' },
  ),
  rule(
    'BR-02',
    'fatal',
    T('BR-02', 'An Invoice shall have an Invoice number (BT-1).'),
    (c, f) => {
      if (!given(c.inv.id)) {
        f();
      }
    },
    { de: 'Die Rechnung muss eine Rechnungsnummer (BT-1) enthalten.' },
  ),
  rule(
    'BR-03',
    'fatal',
    T('BR-03', 'An Invoice shall have an Invoice issue date (BT-2).'),
    (c, f) => {
      if (!given(c.inv.issueDate)) {
        f();
      }
    },
    { de: 'Die Rechnung muss ein Rechnungsdatum (BT-2) enthalten.' },
  ),
  rule(
    'BR-04',
    'fatal',
    T('BR-04', 'An Invoice shall have an Invoice type code (BT-3).'),
    (c, f) => {
      if (!given(c.inv.typeCode)) {
        f();
      }
    },
    { de: 'Die Rechnung muss einen Rechnungstyp-Code (BT-3) enthalten.' },
  ),
  rule(
    'BR-05',
    'fatal',
    T('BR-05', 'An Invoice shall have an Invoice currency code (BT-5).'),
    (c, f) => {
      if (!given(c.inv.currency)) {
        f();
      }
    },
    { de: 'Die Rechnung muss einen Währungscode (BT-5) enthalten.' },
  ),
  rule(
    'BR-06',
    'fatal',
    T('BR-06', 'An Invoice shall contain the Seller name (BT-27).'),
    (c, f) => {
      if (!given(c.inv.seller.name)) {
        f();
      }
    },
    { de: 'Der Name des Verkäufers (BT-27) fehlt.' },
  ),
  rule(
    'BR-07',
    'fatal',
    T('BR-07', 'An Invoice shall contain the Buyer name (BT-44).'),
    (c, f) => {
      if (!given(c.inv.buyer.name)) {
        f();
      }
    },
    { de: 'Der Name des Käufers (BT-44) fehlt.' },
  ),
  rule(
    'BR-08',
    'fatal',
    T('BR-08', 'An Invoice shall contain the Seller postal address (BG-5).'),
    (c, f) => {
      if (!c.inv.seller.address) {
        f();
      }
    },
    { de: 'Die Postanschrift des Verkäufers (BG-5) fehlt.' },
  ),
  rule(
    'BR-09',
    'fatal',
    T('BR-09', 'The Seller postal address (BG-5) shall contain a Seller country code (BT-40).'),
    (c, f) => {
      const a = addressOf(c.inv.seller);
      if (a && !given(a.countryCode)) {
        f();
      }
    },
    { de: 'In der Anschrift des Verkäufers fehlt der Ländercode (BT-40).' },
  ),
  rule(
    'BR-10',
    'fatal',
    T('BR-10', 'An Invoice shall contain the Buyer postal address (BG-8).'),
    (c, f) => {
      if (!c.inv.buyer.address) {
        f();
      }
    },
    { de: 'Die Postanschrift des Käufers (BG-8) fehlt.' },
  ),
  rule(
    'BR-11',
    'fatal',
    T('BR-11', 'The Buyer postal address shall contain a Buyer country code (BT-55).'),
    (c, f) => {
      const a = addressOf(c.inv.buyer);
      if (a && !given(a.countryCode)) {
        f();
      }
    },
    { de: 'In der Anschrift des Käufers fehlt der Ländercode (BT-55).' },
  ),
  rule(
    'BR-12',
    'fatal',
    T('BR-12', 'An Invoice shall have the Sum of Invoice line net amount (BT-106).'),
    (c, f) => {
      if (!given(c.inv.totals.lineNetTotal)) {
        f();
      }
    },
    { de: 'Die Summe der Positionsnettobeträge (BT-106) fehlt.' },
  ),
  rule(
    'BR-13',
    'fatal',
    T('BR-13', 'An Invoice shall have the Invoice total amount without VAT (BT-109).'),
    (c, f) => {
      if (!given(c.inv.totals.taxExclusive)) {
        f();
      }
    },
    { de: 'Der Rechnungsgesamtbetrag ohne Umsatzsteuer (BT-109) fehlt.' },
  ),
  rule(
    'BR-14',
    'fatal',
    T('BR-14', 'An Invoice shall have the Invoice total amount with VAT (BT-112).'),
    (c, f) => {
      if (!given(c.inv.totals.taxInclusive)) {
        f();
      }
    },
    { de: 'Der Rechnungsgesamtbetrag mit Umsatzsteuer (BT-112) fehlt.' },
  ),
  rule(
    'BR-15',
    'fatal',
    T('BR-15', 'An Invoice shall have the Amount due for payment (BT-115).'),
    (c, f) => {
      if (!given(c.inv.totals.payable)) {
        f();
      }
    },
    { de: 'Der fällige Zahlungsbetrag (BT-115) fehlt.' },
  ),
  rule(
    'BR-16',
    'fatal',
    T('BR-16', 'An Invoice shall have at least one Invoice line (BG-25)'),
    (c, f) => {
      if (c.inv.lines.length === 0) {
        f();
      }
    },
    { de: 'Die Rechnung muss mindestens eine Rechnungsposition (BG-25) enthalten.' },
  ),
  rule(
    'BR-17',
    'fatal',
    T(
      'BR-17',
      'The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is different from the Seller (BG-4)',
    ),
    (c, f) => {
      const p = c.inv.payee;
      if (p && !given(p.name)) {
        f(c.inv.payee);
      }
    },
    { de: 'Ist ein abweichender Zahlungsempfänger (BG-10) angegeben, muss sein Name (BT-59) enthalten sein.' },
  ),
  rule(
    'BR-18',
    'fatal',
    T(
      'BR-18',
      'The Seller tax representative name (BT-62) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11)',
    ),
    (c, f) => {
      const p = c.inv.taxRepresentative;
      if (p && !given(p.name)) {
        f();
      }
    },
    { de: 'Der Name des Steuervertreters (BT-62) fehlt.' },
  ),
  rule(
    'BR-19',
    'fatal',
    T(
      'BR-19',
      'The Seller tax representative postal address (BG-12) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).',
    ),
    (c, f) => {
      const p = c.inv.taxRepresentative;
      if (p && !p.address) {
        f();
      }
    },
    { de: 'Die Anschrift des Steuervertreters (BG-12) fehlt.' },
  ),
  rule(
    'BR-20',
    'fatal',
    T(
      'BR-20',
      'The Seller tax representative postal address (BG-12) shall contain a Tax representative country code (BT-69), if the Seller (BG-4) has a Seller tax representative party (BG-11).',
    ),
    (c, f) => {
      const a = c.inv.taxRepresentative?.address;
      if (a && !given(a.countryCode)) {
        f();
      }
    },
    { de: 'In der Anschrift des Steuervertreters fehlt der Ländercode (BT-69).' },
  ),
];
