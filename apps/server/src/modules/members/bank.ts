/** Pure validators for a member's tax and bank details (no I/O). */

import { mod97 } from './leitweg-id.js';

/** Upper case without spaces: how IBAN, BIC and USt-IdNr. are stored. */
export const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** IBAN lengths per country (ISO 13616 registry) for the countries members bank in. */
const IBAN_LENGTH: Record<string, number> = {
  DE: 22, AT: 20, CH: 21, LI: 21, LU: 20, NL: 18, BE: 16, FR: 27, DK: 18, PL: 28, CZ: 24, IT: 27, ES: 24,
};

/** Letters count as 10–35 in IBAN check digits. */
function ibanDigits(s: string): string {
  return [...s].map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c)).join('');
}

/** null when valid, else a German message saying what is wrong. */
export function ibanError(input: string): string | null {
  const iban = compact(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) {
    return 'Eine IBAN beginnt mit dem Ländercode und 2 Prüfziffern, gefolgt von 11–30 Buchstaben oder Ziffern.';
  }
  const expected = IBAN_LENGTH[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) {
    return `Eine IBAN aus ${iban.slice(0, 2)} hat ${expected} Zeichen, diese hat ${iban.length}.`;
  }
  // ISO 13616: move country code and check digits to the end; the number mod 97 must be 1.
  if (mod97(ibanDigits(iban.slice(4) + iban.slice(0, 4))) !== 1) {
    return 'Die Prüfziffer der IBAN stimmt nicht (Tippfehler?).';
  }
  return null;
}

export function bicError(input: string): string | null {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(compact(input))
    ? null
    : 'Eine BIC hat 8 oder 11 Zeichen: 4 Buchstaben Bank, 2 Buchstaben Land, 2 Zeichen Ort, optional 3 Zeichen Filiale.';
}

/** USt-IdNr. of a German body: DE + 9 digits. */
export function vatIdError(input: string): string | null {
  return /^DE[0-9]{9}$/.test(compact(input)) ? null : 'Eine deutsche USt-IdNr. besteht aus DE und 9 Ziffern, z. B. DE123456789.';
}
