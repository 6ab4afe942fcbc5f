/**
 * Leitweg-ID (e-invoice routing address of a public buyer, BT-10), pure validation without I/O.
 *
 * Structure `Grobadressierung[-Feinadressierung]-Prüfziffer`, 5–46 characters:
 * - Grobadressierung: 2–12 digits, starting with the Land (01–16) or 99 (Bund);
 * - Feinadressierung: optional, 1–30 letters and digits;
 * - Prüfziffer: 2 digits, ISO 7064 MOD 97-10 over Grob + Fein (letters A=10 … Z=35, append "00",
 *   check = 98 − remainder); the whole number Grob + Fein + Prüfziffer mod 97 is then 1.
 */

export type LeitwegIdPart = 'format' | 'grob' | 'land' | 'fein' | 'pruefziffer' | 'length';

export interface LeitwegIdError {
  part: LeitwegIdPart;
  /** German, for the UI. */
  de: string;
  en: string;
}

export type LeitwegIdResult =
  | { valid: true; normalized: string; grob: string; fein: string | null; pruefziffer: string; land: string }
  | { valid: false; error: LeitwegIdError };

const fail = (part: LeitwegIdPart, de: string, en: string): LeitwegIdResult => ({ valid: false, error: { part, de, en } });

/** Digits for ISO 7064 MOD 97-10: digits stay, letters A–Z become 10–35. */
function toDigits(s: string): string {
  let out = '';
  for (const c of s) {
    out += c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c;
  }
  return out;
}

/** Remainder of a long decimal string modulo 97, piecewise (no BigInt needed). */
export function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) {
    rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  }
  return rest;
}

/** The two check digits for Grob + Fein (without separators). */
export function leitwegCheckDigits(grob: string, fein = ''): string {
  const check = 98 - mod97(toDigits(`${grob}${fein}`.toUpperCase()) + '00');
  return String(check).padStart(2, '0');
}

/** Builds a valid Leitweg-ID from its parts (for tests, demo data and the UI's suggestion). */
export function makeLeitwegId(grob: string, fein?: string): string {
  return fein ? `${grob}-${fein}-${leitwegCheckDigits(grob, fein)}` : `${grob}-${leitwegCheckDigits(grob)}`;
}

export function validateLeitwegId(input: string): LeitwegIdResult {
  const value = input.trim().toUpperCase();
  if (value.length < 5 || value.length > 46) {
    return fail(
      'length',
      `Eine Leitweg-ID hat 5 bis 46 Zeichen, diese hat ${value.length}.`,
      `A Leitweg-ID has 5 to 46 characters; this one has ${value.length}.`,
    );
  }
  if (!/^[0-9A-Z-]+$/.test(value)) {
    const bad = [...value].find((c) => !/[0-9A-Z-]/.test(c)) ?? '';
    return fail(
      'format',
      `Unzulässiges Zeichen „${bad}“: erlaubt sind Ziffern, Buchstaben A–Z und Bindestriche.`,
      `Illegal character "${bad}": only digits, letters A–Z and hyphens are allowed.`,
    );
  }
  const parts = value.split('-');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    return fail(
      'format',
      'Aufbau: Grobadressierung[-Feinadressierung]-Prüfziffer, durch Bindestriche getrennt, kein Teil leer.',
      'Structure: Grobadressierung[-Feinadressierung]-check digits, separated by hyphens, no part empty.',
    );
  }
  const grob = parts[0]!;
  const fein = parts.length === 3 ? parts[1]! : null;
  const pruefziffer = parts[parts.length - 1]!;
  if (!/^[0-9]{2,12}$/.test(grob)) {
    return fail(
      'grob',
      `Die Grobadressierung „${grob}“ muss aus 2 bis 12 Ziffern bestehen.`,
      `The Grobadressierung "${grob}" must be 2 to 12 digits.`,
    );
  }
  const land = grob.slice(0, 2);
  const landNo = Number(land);
  if (!((landNo >= 1 && landNo <= 16) || landNo === 99)) {
    return fail(
      'land',
      `Die Grobadressierung beginnt mit dem Land „${land}“; zulässig sind 01–16 oder 99 (Bund).`,
      `The Grobadressierung starts with Land "${land}"; allowed are 01–16 or 99 (federal).`,
    );
  }
  if (fein !== null && !/^[0-9A-Z]{1,30}$/.test(fein)) {
    return fail(
      'fein',
      `Die Feinadressierung „${fein}“ darf höchstens 30 Buchstaben und Ziffern haben (hat ${fein.length}).`,
      `The Feinadressierung "${fein}" may have at most 30 letters and digits (has ${fein.length}).`,
    );
  }
  if (!/^[0-9]{2}$/.test(pruefziffer)) {
    return fail(
      'pruefziffer',
      `Die Prüfziffer „${pruefziffer}“ muss aus genau 2 Ziffern bestehen.`,
      `The check digits "${pruefziffer}" must be exactly 2 digits.`,
    );
  }
  if (mod97(toDigits(`${grob}${fein ?? ''}${pruefziffer}`)) !== 1) {
    const expected = leitwegCheckDigits(grob, fein ?? '');
    return fail(
      'pruefziffer',
      `Die Prüfziffer „${pruefziffer}“ stimmt nicht; für ${fein ? `${grob}-${fein}` : grob} wäre sie „${expected}“.`,
      `The check digits "${pruefziffer}" are wrong; for ${fein ? `${grob}-${fein}` : grob} they would be "${expected}".`,
    );
  }
  return { valid: true, normalized: value, grob, fein, pruefziffer, land };
}
