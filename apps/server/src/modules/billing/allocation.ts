/**
 * Cost allocation as pure functions: days of membership, pro rata by day, largest-remainder
 * rounding to the cent, the allocation keys and the grants hook. Money is bigint cents; nothing
 * here touches a JS float, so every pool is split to the exact cent.
 */

/** An ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

function dayNumber(d: IsoDate): number {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `start` to `end`, both included; 0 when `end` is before `start`. */
export function daysInclusive(start: IsoDate, end: IsoDate): number {
  return Math.max(0, dayNumber(end) - dayNumber(start) + 1);
}

export function addDaysIso(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(d) + n);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** A member's membership: first and last day (inclusive); null = open on that side. */
export interface Membership {
  orgId: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

/** The part of `period` the membership covers, or null when they do not overlap. */
export function coveredPeriod(period: Period, m: Pick<Membership, 'from' | 'to'>): Period | null {
  const start = m.from && m.from > period.start ? m.from : period.start;
  const end = m.to && m.to < period.end ? m.to : period.end;
  return end >= start ? { start, end } : null;
}

/** Days of `period` the membership covers. */
export function coveredDays(period: Period, m: Pick<Membership, 'from' | 'to'>): number {
  const c = coveredPeriod(period, m);
  return c ? daysInclusive(c.start, c.end) : 0;
}

/**
 * Splits `total` cents in proportion to `weights` so that the parts sum exactly to `total`
 * (Hare–Niemeyer / largest remainder): everyone gets the floor of its exact share, the cents left
 * over go one each to the largest remainders; ties go to the earlier entry, so the result is
 * deterministic. All weights zero → nothing can be split: every part is 0 and `unassigned` is
 * the total.
 */
export function largestRemainder(total: bigint, weights: readonly bigint[]): { parts: bigint[]; unassigned: bigint } {
  if (total < 0n) {
    const r = largestRemainder(-total, weights);
    return { parts: r.parts.map((p) => -p), unassigned: -r.unassigned };
  }
  if (weights.some((w) => w < 0n)) {
    throw new RangeError('largestRemainder: negative weight');
  }
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    return { parts: weights.map(() => 0n), unassigned: total };
  }
  const parts = weights.map((w) => (total * w) / sum);
  const rema = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rema) {
    if (left === 0n) {
      break;
    }
    parts[i]! += 1n;
    left -= 1n;
  }
  return { parts, unassigned: 0n };
}

/** Rounds `num / den` half away from zero to an integer (EN 16931 rounding of amounts). */
export function divRound(num: bigint, den: bigint): bigint {
  if (den <= 0n) {
    throw new RangeError('divRound: denominator must be positive');
  }
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (a * 2n + den) / (2n * den);
  return neg ? -q : q;
}

/**
 * The part of a yearly amount that falls on `period` (advance payments): the rounded amount up to
 * the period's end minus the rounded amount up to its start, so the periods of a year add up to
 * the yearly amount exactly (four quarters never lose or gain a cent).
 */
export function periodShare(yearly: bigint, year: number, period: Period): bigint {
  const yearStart = `${year}-01-01`;
  const total = BigInt(daysInYear(year));
  const before = BigInt(daysInclusive(yearStart, addDaysIso(period.start, -1)));
  const through = BigInt(daysInclusive(yearStart, period.end));
  return divRound(yearly * through, total) - divRound(yearly * before, total);
}

export type PoolKey = 'population' | 'workstations' | 'usage' | 'equal' | 'fixed';

/** What one member brings to a pool: its key value (population, workstations, quantity, share). */
export interface KeyInput {
  orgId: string;
  /**
   * The key's base figure: inhabitants, workstations, usage quantity (scaled by 1000 for decimal
   * quantities), 1 for an equal share, or millionths of the pool for a fixed share.
   */
  keyValue: bigint;
  /** Days of the allocation period the member was a member. */
  days: number;
  /**
   * The weight when the key value already holds the time (usage in quantity-days); otherwise
   * keyValue × days.
   */
  weight?: bigint;
}

export interface PoolInput {
  id?: string;
  name: string;
  key: PoolKey;
  /** Pool after grants, in cents. */
  cents: bigint;
}

export interface MemberAllocation {
  orgId: string;
  keyValue: bigint;
  days: number;
  /** keyValue × days: what the split is proportional to. */
  weight: bigint;
  /** Share of the pool in percent, 4 decimals, as a string (display only; amounts use weights). */
  sharePercent: string;
  cents: bigint;
}

export interface PoolAllocation {
  pool: PoolInput;
  periodDays: number;
  members: MemberAllocation[];
  /** Cents that could not be allocated because no member has a key value (0 normally). */
  unassigned: bigint;
}

/** Percent with 4 decimals of `part / whole`, rounded half up, as a string. */
export function percentString(part: bigint, whole: bigint): string {
  if (whole === 0n) {
    return '0.0000';
  }
  const scaled = divRound(part * 1_000_000n, whole);
  const s = scaled.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

/**
 * Splits one pool among members. Each member's weight is its key value times the days it was a
 * member in the period, so joining or leaving mid-year is charged pro rata by day; the pool is
 * then split with largest-remainder rounding and sums to the cent.
 */
export function allocatePool(pool: PoolInput, inputs: readonly KeyInput[], periodDays: number): PoolAllocation {
  const weights = inputs.map((m) => m.weight ?? (m.days > 0 ? m.keyValue * BigInt(m.days) : 0n));
  const { parts, unassigned } = largestRemainder(pool.cents, weights);
  const sum = weights.reduce((a, b) => a + b, 0n);
  return {
    pool,
    periodDays,
    members: inputs.map((m, i) => ({
      orgId: m.orgId,
      keyValue: m.keyValue,
      days: m.days,
      weight: weights[i]!,
      sharePercent: percentString(weights[i]!, sum),
      cents: parts[i]!,
    })),
    unassigned,
  };
}

/** Fixed shares are millionths of the pool; they must add up to 100 % (1,000,000). */
export const FIXED_SHARE_WHOLE = 1_000_000n;

export function fixedSharesError(shares: Record<string, number>): string | null {
  const values = Object.values(shares);
  if (values.some((v) => !Number.isInteger(v) || v < 0)) {
    return 'Fixed shares are whole millionths, not negative.';
  }
  const total = values.reduce((a, b) => a + BigInt(b), 0n);
  return total === FIXED_SHARE_WHOLE ? null : `Fixed shares add up to ${percentString(total, FIXED_SHARE_WHOLE)} %, not 100 %.`;
}

/**
 * The grants hook: money received for a pool reduces what members pay. The grants module supplies
 * the reductions; without it the list is empty. A reduction never takes a pool below zero; the
 * part that did not fit is reported so nobody loses track of it.
 */
export interface PoolReduction {
  poolId: string;
  cents: bigint;
  /** Where the money came from, e.g. the grant's programme and file number. */
  source: string;
}

export interface ReducedPool {
  poolId: string;
  grossCents: bigint;
  reductionCents: bigint;
  netCents: bigint;
  /** Reductions beyond the pool's amount (not applied). */
  excessCents: bigint;
  sources: string[];
}

export function applyReductions(pools: readonly { id: string; cents: bigint }[], reductions: readonly PoolReduction[]): ReducedPool[] {
  return pools.map((p) => {
    const mine = reductions.filter((r) => r.poolId === p.id);
    if (mine.some((r) => r.cents < 0n)) {
      throw new RangeError(`applyReductions: negative reduction for pool ${p.id}`);
    }
    const wanted = mine.reduce((a, r) => a + r.cents, 0n);
    const applied = wanted > p.cents ? p.cents : wanted;
    return {
      poolId: p.id,
      grossCents: p.cents,
      reductionCents: applied,
      netCents: p.cents - applied,
      excessCents: wanted - applied,
      sources: mine.map((r) => r.source),
    };
  });
}

/** Cents as a decimal euro string, e.g. -1234n → "-12.34". */
export function centsToDecimal(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** A decimal string with up to `scale` fraction digits → scaled bigint; null when malformed. */
export function parseScaled(text: string, scale: number): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[3] ?? '').length > scale) {
    return null;
  }
  const v = BigInt(m[2]! + (m[3] ?? '').padEnd(scale, '0'));
  return m[1] ? -v : v;
}

export function scaledToString(v: bigint, scale: number): string {
  const neg = v < 0n;
  const a = (neg ? -v : v).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${a.slice(0, a.length - scale)}${scale ? '.' + a.slice(a.length - scale) : ''}`;
}

/**
 * A usage line: a yearly unit price for `quantity` units over the days of the period the
 * subscription covered (price and quantity with 4 decimals, as the catalogue keeps them). The unit
 * price is first cut to the covered days and rounded to 4 decimals, so the line reads
 * "quantity × unit price = net" exactly on the invoice.
 */
export function usageLine(yearlyPrice4: bigint, quantity4: bigint, days: number, year: number): { unitPrice4: bigint; netCents: bigint } {
  const unitPrice4 = divRound(yearlyPrice4 * BigInt(days), BigInt(daysInYear(year)));
  // price (1e-4 €) × quantity (1e-4) = 1e-8 €; cents are 1e-2 € → divide by 1e6.
  const netCents = divRound(unitPrice4 * quantity4, 1_000_000n);
  return { unitPrice4, netCents };
}

/** VAT in cents on a net amount at a percent rate (up to 2 decimals), half away from zero. */
export function vatCents(netCents: bigint, ratePercent: string): bigint {
  const rate100 = parseScaled(ratePercent, 2);
  if (rate100 === null) {
    throw new RangeError(`vatCents: bad rate ${ratePercent}`);
  }
  return divRound(netCents * rate100, 10_000n);
}
