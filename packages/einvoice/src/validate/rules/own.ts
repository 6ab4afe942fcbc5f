/**
 * Verbund's own advisory rules (VB-*). Always warnings: they never change the official verdict.
 */
import { rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';

/** Leitweg-ID: Grobadressierung (2–12 digits) [- Feinadressierung (1–30 alphanumerics)] - Prüfziffer (2 digits). */
const LEITWEG = /^([0-9]{2,12})(-[0-9A-Za-z]{1,30})?-([0-9]{2})$/;

/**
 * ISO 7064 MOD 97-10 over the ID without hyphens, letters as 10…35 (as the Leitweg-ID uses it).
 * Only for IDs that match LEITWEG (digits, letters and hyphens).
 */
export function leitwegCheckOk(id: string): boolean {
  // the remainder of the digit string, computed digit group by digit group (no BigInt, no strings)
  let r = 0;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    if (ch === 45 /* - */) {
      continue;
    }
    const v = ch <= 57 ? ch - 48 : ch <= 90 ? ch - 55 : ch - 87; // 0-9, A-Z, a-z (base 36)
    r = (r * (v < 10 ? 10 : 100) + v) % 97;
  }
  return r === 1;
}

function leitwegCandidate(c: RuleContext): string | undefined {
  const br = c.inv.buyerReference?.trim();
  const ea = c.inv.buyer.electronicAddress;
  // only IDs that claim to be Leitweg-IDs: BT-49 with scheme 0204, or a BT-10 shaped like one
  if (ea?.schemeId === '0204') {
    return ea.value.trim();
  }
  if (br && /^[0-9]{2,12}-/.test(br)) {
    return br;
  }
  return undefined;
}

export const ownRules: Rule[] = [
  rule(
    'VB-LEITWEG-01',
    'warning',
    '[VB-LEITWEG-01] A Leitweg-ID (BT-10 or BT-49 with scheme 0204) must consist of Grobadressierung (2–12 digits), optional Feinadressierung (up to 30 letters or digits) and two check digits, separated by hyphens.',
    (c, f) => {
      const id = leitwegCandidate(c);
      if (id !== undefined && !LEITWEG.test(id)) {
        f();
      }
    },
    {
      source: 'vb',
      de: 'Die Leitweg-ID hat nicht den Aufbau Grobadressierung-Feinadressierung-Prüfziffer.',
      en: 'The Leitweg-ID does not have the structure coarse address-fine address-check digits.',
    },
  ),
  rule(
    'VB-LEITWEG-02',
    'warning',
    '[VB-LEITWEG-02] The check digits of a Leitweg-ID must satisfy ISO 7064 MOD 97-10.',
    (c, f) => {
      const id = leitwegCandidate(c);
      if (id !== undefined && LEITWEG.test(id) && !leitwegCheckOk(id)) {
        f();
      }
    },
    {
      source: 'vb',
      de: 'Die Prüfziffer der Leitweg-ID ist falsch (MOD 97-10).',
      en: 'The check digits of the Leitweg-ID are wrong (MOD 97-10).',
    },
  ),
  rule(
    'VB-LEITWEG-03',
    'warning',
    '[VB-LEITWEG-03] When the buyer electronic address (BT-49) is a Leitweg-ID (scheme 0204), the buyer reference (BT-10) should carry the same Leitweg-ID.',
    (c, f) => {
      const ea = c.inv.buyer.electronicAddress;
      if (
        ea?.schemeId === '0204' &&
        c.inv.buyerReference !== undefined &&
        c.inv.buyerReference.trim() !== ea.value.trim()
      ) {
        f();
      }
    },
    {
      source: 'vb',
      de: 'Die Leitweg-ID in BT-49 und die Käuferreferenz BT-10 stimmen nicht überein.',
      en: 'The Leitweg-ID in BT-49 and the buyer reference BT-10 differ.',
    },
  ),
];
