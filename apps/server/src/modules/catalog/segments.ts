/**
 * Quantity history of a subscription as effective-dated segments. Dates are ISO `YYYY-MM-DD`
 * strings (they compare correctly as strings); every `to` is the last day, inclusive.
 */
import { addDays } from '../agreements/index.js';
import { format4, of4 } from './money.js';

export interface QuantityChange {
  validFrom: string;
  /** Decimal string. */
  quantity: string;
}

export interface Segment {
  from: string;
  /** Last day (inclusive); null = open-ended. */
  to: string | null;
  quantity: string;
}

/**
 * Segments of a subscription running `validFrom`..`validTo` (inclusive, null = open): each quantity
 * row holds from its date until the day before the next row. Rows before the start are cut to the
 * start (the quantity in force then), rows after the end are ignored; days before the first row
 * have no quantity and so no segment. Adjacent segments with the same quantity are merged.
 */
export function segmentsOf(sub: { validFrom: string; validTo: string | null }, changes: readonly QuantityChange[]): Segment[] {
  const sorted = [...changes].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const out: Segment[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    const next = sorted[i + 1];
    const rawTo = next ? addDays(next.validFrom, -1) : null;
    const from = c.validFrom < sub.validFrom ? sub.validFrom : c.validFrom;
    const to = minDate(rawTo, sub.validTo);
    if (to !== null && to < from) {
      continue;
    }
    if (sub.validTo !== null && from > sub.validTo) {
      break;
    }
    const quantity = format4(of4(c.quantity));
    const last = out[out.length - 1];
    if (last && last.quantity === quantity && last.to !== null && addDays(last.to, 1) === from) {
      last.to = to;
    } else {
      out.push({ from, to, quantity });
    }
  }
  return out;
}

/** The segments that overlap `start`..`end` (inclusive), cut to that period. */
export function clipSegments(segments: readonly Segment[], start: string, end: string): (Segment & { to: string })[] {
  const out: (Segment & { to: string })[] = [];
  for (const s of segments) {
    const from = s.from > start ? s.from : start;
    const to = s.to === null || s.to > end ? end : s.to;
    if (from <= to) {
      out.push({ from, to, quantity: s.quantity });
    }
  }
  return out;
}

/** Quantity in force on `date`, or undefined when the subscription has none that day. */
export function quantityOn(segments: readonly Segment[], date: string): string | undefined {
  return segments.find((s) => s.from <= date && (s.to === null || s.to >= date))?.quantity;
}

/** Number of days of `from`..`to` inclusive. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10))) / 86_400_000) + 1;
}

function minDate(a: string | null, b: string | null): string | null {
  if (a === null) {
    return b;
  }
  if (b === null) {
    return a;
  }
  return a < b ? a : b;
}

/** Whether two inclusive date ranges (null end = open) overlap. */
export function overlaps(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return (a.validTo === null || a.validTo >= b.validFrom) && (b.validTo === null || b.validTo >= a.validFrom);
}
