/**
 * EN 16931 business rules on invoice lines and periods: BR-21 … BR-30.
 */
import { cmp, ZERO } from '../../model/decimal.js';
import { given, num, rule } from '../helpers.js';
import type { Rule } from '../types.js';

const T = (id: string, s: string) => `[${id}]-${s}`;

export const coreLineRules: Rule[] = [
  rule(
    'BR-21',
    'fatal',
    T('BR-21', 'Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (!given(l.id)) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition muss eine Positionsnummer (BT-126) haben.' },
  ),
  rule(
    'BR-22',
    'fatal',
    T('BR-22', 'Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.quantity === undefined) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition muss eine Menge (BT-129) haben.' },
  ),
  rule(
    'BR-23',
    'fatal',
    T('BR-23', 'An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code (BT-130).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.unitCode === undefined) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition muss eine Mengeneinheit (BT-130) haben.' },
  ),
  rule(
    'BR-24',
    'fatal',
    T('BR-24', 'Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.netAmount === undefined) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition muss einen Nettobetrag (BT-131) haben.' },
  ),
  rule(
    'BR-25',
    'fatal',
    T('BR-25', 'Each Invoice line (BG-25) shall contain the Item name (BT-153).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (!given(l.itemName)) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition muss eine Artikelbezeichnung (BT-153) haben.' },
  ),
  rule(
    'BR-26',
    'fatal',
    T('BR-26', 'Each Invoice line (BG-25) shall contain the Item net price (BT-146).'),
    (c, f) => {
      for (const l of c.inv.lines) {
        if (l.netPrice === undefined) {
          f(l);
        }
      }
    },
    { de: 'Jede Rechnungsposition muss einen Nettopreis (BT-146) haben.' },
  ),
  rule(
    'BR-27',
    'fatal',
    T('BR-27', 'The Item net price (BT-146) shall NOT be negative.'),
    (c, f) => {
      for (const l of c.inv.lines) {
        const p = num(l.netPrice);
        if (p && cmp(p, ZERO) < 0) {
          f(l);
        }
      }
    },
    { de: 'Der Nettopreis (BT-146) darf nicht negativ sein.' },
  ),
  rule(
    'BR-28',
    'fatal',
    T('BR-28', 'The Item gross price (BT-148) shall NOT be negative.'),
    (c, f) => {
      for (const l of c.inv.lines) {
        const p = num(l.grossPrice);
        if (p && cmp(p, ZERO) < 0) {
          f(l);
        }
      }
    },
    { de: 'Der Bruttopreis (BT-148) darf nicht negativ sein.' },
  ),
  rule(
    'BR-29',
    'fatal',
    T(
      'BR-29',
      'If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) are given then the Invoicing period end date (BT-74) shall be later or equal to the Invoicing period start date (BT-73).',
    ),
    (c, f) => {
      const p = c.inv.invoicePeriod;
      if (p?.start && p.end && p.end.trim() < p.start.trim()) {
        f();
      }
    },
    { de: 'Das Ende des Abrechnungszeitraums (BT-74) liegt vor dessen Beginn (BT-73).' },
  ),
  rule(
    'BR-30',
    'fatal',
    T(
      'BR-30',
      'If both Invoice line period start date (BT-134) and Invoice line period end date (BT-135) are given then the Invoice line period end date (BT-135) shall be later or equal to the Invoice line period start date (BT-134).',
    ),
    (c, f) => {
      for (const l of c.inv.lines) {
        const p = l.period;
        if (p?.start && p.end && p.end.trim() < p.start.trim()) {
          f(l);
        }
      }
    },
    { de: 'Das Ende des Positionszeitraums (BT-135) liegt vor dessen Beginn (BT-134).' },
  ),
];
