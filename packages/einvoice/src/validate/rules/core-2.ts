/**
 * EN 16931 business rules BR-31 … BR-48: allowances, charges and the VAT breakdown.
 */
import { given, rule } from '../helpers.js';
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
];
