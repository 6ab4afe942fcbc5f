/**
 * Exact decimal arithmetic on BigInt scaled integers. Money must never touch binary floats:
 * BR-CO-* sums compare exact decimals, so 0.1 + 0.2 must equal 0.3.
 */
export interface Decimal {
  /** unscaled value */
  v: bigint;
  /** number of fraction digits */
  s: number;
}

const DEC_RE = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

const POW10: bigint[] = [];
/** 10^n as BigInt, cached (rules scale by the same few powers again and again). */
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

// Amounts repeat across rules and documents; parsing them once saves most of the BigInt work.
const parsed = new Map<string, Decimal | null>();

/** Parse an xs:decimal lexical form. Returns undefined for anything else (no exponent, no NaN). */
export function dec(text: string | undefined): Decimal | undefined {
  if (text === undefined) {
    return undefined;
  }
  const hit = parsed.get(text);
  if (hit !== undefined) {
    return hit ?? undefined;
  }
  if (parsed.size > 50_000) {
    parsed.clear();
  }
  const d = parseDecimal(text);
  parsed.set(text, d ?? null);
  return d;
}

function parseDecimal(text: string): Decimal | undefined {
  const m = DEC_RE.exec(text);
  if (!m) {
    return undefined;
  }
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  if (intPart === '' && frac === '') {
    return undefined;
  }
  const v = BigInt((m[1] === '-' ? '-' : '') + (intPart || '0') + frac);
  return { v, s: frac.length };
}

export const ZERO: Decimal = { v: 0n, s: 0 };

function scaleTo(a: Decimal, s: number): bigint {
  return a.s === s ? a.v : a.v * pow10(s - a.s);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.s, b.s);
  return { v: scaleTo(a, s) + scaleTo(b, s), s };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.s, b.s);
  return { v: scaleTo(a, s) - scaleTo(b, s), s };
}

export function neg(a: Decimal): Decimal {
  return { v: -a.v, s: a.s };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { v: a.v * b.v, s: a.s + b.s };
}

/** Division to a fixed number of fraction digits (truncating); enough for percentage checks. */
export function div(a: Decimal, b: Decimal, digits = 20): Decimal | undefined {
  if (b.v === 0n) {
    return undefined;
  }
  // a/b = (a.v / 10^a.s) / (b.v / 10^b.s)
  const num = a.v * pow10(digits + b.s);
  const den = b.v * pow10(a.s);
  return { v: num / den, s: digits };
}

export function cmp(a: Decimal, b: Decimal): number {
  const s = Math.max(a.s, b.s);
  const x = scaleTo(a, s);
  const y = scaleTo(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function eq(a: Decimal, b: Decimal): boolean {
  return cmp(a, b) === 0;
}

export function isZero(a: Decimal): boolean {
  return a.v === 0n;
}

export function abs(a: Decimal): Decimal {
  return a.v < 0n ? { v: -a.v, s: a.s } : a;
}

/** XPath fn:round semantics: half rounds towards positive infinity. */
export function round(a: Decimal, digits: number): Decimal {
  if (a.s <= digits) {
    return a;
  }
  const f = pow10(a.s - digits);
  let q = a.v / f;
  const r = a.v - q * f;
  // BigInt division truncates towards zero; correct to floor first
  if (r < 0n) {
    q -= 1n;
  }
  const rem = a.v - q * f; // 0 <= rem < f
  if (rem * 2n >= f) {
    q += 1n;
  }
  return { v: q, s: digits };
}

export function sum(values: Decimal[]): Decimal {
  let acc = ZERO;
  for (const v of values) {
    acc = add(acc, v);
  }
  return acc;
}

export function toString(a: Decimal): string {
  const neg = a.v < 0n;
  let digits = (neg ? -a.v : a.v).toString();
  if (a.s === 0) {
    return (neg ? '-' : '') + digits;
  }
  digits = digits.padStart(a.s + 1, '0');
  return (neg ? '-' : '') + digits.slice(0, digits.length - a.s) + '.' + digits.slice(digits.length - a.s);
}

/** Fraction digits as written (what BR-DEC-* count). */
export function fractionDigits(text: string): number {
  const t = text.trim();
  const i = t.indexOf('.');
  return i < 0 ? 0 : t.length - i - 1;
}

/** Half away from zero ("half up" on the magnitude), as BR-CO-17 rounds negative amounts. */
export function roundHalfAway(a: Decimal, digits: number): Decimal {
  if (a.v >= 0n) {
    return round(a, digits);
  }
  const r = round({ v: -a.v, s: a.s }, digits);
  return { v: -r.v, s: r.s };
}
