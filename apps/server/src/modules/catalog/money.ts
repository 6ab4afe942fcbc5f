/**
 * Prices and quantities as exact decimals with four fraction digits, held as bigint
 * ten-thousandths (`12.5` → 125000n). Never a JS float: the API and the database exchange decimal
 * strings (numeric(14,4)).
 */

export const SCALE = 4;
const UNIT = 10_000n;
const RE = /^(-?)(\d{1,10})(?:\.(\d{1,4}))?$/;

/** `"12.5"` → 125000n; undefined for anything but a plain decimal with at most 4 fraction digits. */
export function parse4(text: string): bigint | undefined {
  const m = RE.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const frac = (m[3] ?? '').padEnd(SCALE, '0');
  const v = BigInt(m[2]!) * UNIT + BigInt(frac);
  return m[1] === '-' ? -v : v;
}

/** Like parse4 but throws: for values that come from the database (numeric(14,4)). */
export function of4(text: string): bigint {
  const v = parse4(text);
  if (v === undefined) {
    throw new Error(`not a decimal with at most 4 fraction digits: ${text}`);
  }
  return v;
}

/** 125000n → `"12.5000"` (always 4 fraction digits, as numeric(…,4) prints). */
export function format4(v: bigint): string {
  return formatScaled(v, SCALE);
}

/** A scaled integer with `scale` fraction digits as a decimal string. */
export function formatScaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const s = abs.toString().padStart(scale + 1, '0');
  const out = scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  return neg ? `-${out}` : out;
}

/** Rounds a value with `from` fraction digits to `to` digits, half away from zero (kaufmännisch). */
export function roundScaled(v: bigint, from: number, to: number): bigint {
  if (to >= from) {
    return v * 10n ** BigInt(to - from);
  }
  const div = 10n ** BigInt(from - to);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const q = (abs + div / 2n) / div;
  return neg ? -q : q;
}

/** Canonical 4-digit form of a decimal string, or undefined when it is not one. */
export function normalise4(text: string): string | undefined {
  const v = parse4(text);
  return v === undefined ? undefined : format4(v);
}

/** Product of two 4-digit values, exact with 8 fraction digits. */
export function mul4(a: bigint, b: bigint): bigint {
  return a * b;
}

/** Euro cents (2 digits, half away from zero) of an exact 8-digit product. */
export function centsOf8(v: bigint): bigint {
  return roundScaled(v, 8, 2);
}
