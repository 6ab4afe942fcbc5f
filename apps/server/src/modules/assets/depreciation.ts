import type { AssetType } from './assets.schema.js';

/**
 * Depreciation (AfA) of movable assets in doppic municipal accounting: linear over the useful life,
 * pro rata by month — the month of acquisition counts in full (Thüringen's VwV-Abschreibungstabelle
 * and most Länder do it so). Items whose net cost does not exceed the provider's low-value
 * threshold (800 € per § 6 (2) EStG, or 1,000 € where the Land's GemHVO says so) are GWG: expensed
 * in the month of acquisition, kept in the inventory with book value 0. Pure functions, no I/O; all
 * amounts are integer euro cents and every division rounds in BigInt so no float ever touches money.
 */

/**
 * Default useful life in months per type. Typical values of the municipal depreciation tables,
 * which follow the federal AfA table for general assets (AfA-Tabelle AV): PCs, notebooks and
 * peripherals 3 years, network and storage hardware 5, servers 5–7. They are defaults only; each
 * provider sets its own Land's values in the settings (asset_settings.useful_life_months).
 * A virtual machine has no acquisition cost of its own and is not depreciated (null).
 */
export const DEFAULT_USEFUL_LIFE_MONTHS: Record<AssetType, number | null> = {
  workstation: 36,
  laptop: 36,
  monitor: 36,
  printer: 36,
  server: 60,
  virtual_machine: null,
  firewall: 60,
  switch: 60,
  router: 60,
  storage: 60,
  backup_appliance: 60,
  phone: 60,
  tablet: 36,
  licence: 36,
};

export const DEFAULT_LOW_VALUE_THRESHOLD_CENTS = 80_000;

export interface DepreciationInput {
  costCents: number | null;
  /** YYYY-MM-DD */
  purchaseDate: string | null;
  usefulLifeMonths: number | null;
  lowValueThresholdCents: number;
  /** YYYY-MM-DD; from this day on the asset is gone (book value 0). */
  disposedAt?: string | null;
}

export type Classification = 'fixed_asset' | 'low_value' | 'not_depreciable';

export interface BookValue {
  classification: Classification;
  /** Months depreciated up to and including the date's month (0 before acquisition). */
  monthsDepreciated: number;
  monthlyCents: number;
  accumulatedCents: number;
  bookValueCents: number;
  /** The book value written off at disposal (Restbuchwert), when disposed on or before the date. */
  writtenOffCents: number;
  fullyDepreciatedOn: string | null;
}

/** Months counting the first: 2024-01-15 → 2024-01-31 is 1, → 2024-02-01 is 2. */
export function monthIndex(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return y * 12 + (m - 1);
}

function lastDayOfMonthIndex(idx: number): string {
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

export function classify(i: Pick<DepreciationInput, 'costCents' | 'purchaseDate' | 'usefulLifeMonths' | 'lowValueThresholdCents'>): Classification {
  if (i.costCents === null || i.purchaseDate === null) {
    return 'not_depreciable';
  }
  // "Does not exceed" the threshold: exactly 800,00 € is still a GWG.
  if (i.costCents <= i.lowValueThresholdCents) {
    return 'low_value';
  }
  return i.usefulLifeMonths === null || i.usefulLifeMonths <= 0 ? 'not_depreciable' : 'fixed_asset';
}

/** Accumulated depreciation after `months` of `life`: cost × months / life, rounded half up, exact at the end. */
export function accumulatedAfter(costCents: number, life: number, months: number): number {
  const m = Math.min(Math.max(months, 0), life);
  const c = BigInt(costCents);
  return Number((c * BigInt(m) * 2n + BigInt(life)) / (2n * BigInt(life)));
}

/** Book value and depreciation state on `date` (YYYY-MM-DD, inclusive). */
export function bookValueAt(i: DepreciationInput, date: string): BookValue {
  const classification = classify(i);
  const cost = i.costCents ?? 0;
  const none: BookValue = {
    classification,
    monthsDepreciated: 0,
    monthlyCents: 0,
    accumulatedCents: 0,
    bookValueCents: cost,
    writtenOffCents: 0,
    fullyDepreciatedOn: null,
  };
  if (i.purchaseDate !== null && date < i.purchaseDate) {
    // Not acquired yet.
    return { ...none, bookValueCents: 0 };
  }
  const disposed = i.disposedAt && i.disposedAt <= date ? i.disposedAt : null;
  if (classification === 'not_depreciable' || i.purchaseDate === null) {
    return disposed ? { ...none, bookValueCents: 0, writtenOffCents: cost } : none;
  }
  // Depreciation runs through the month of disposal; what remains is written off.
  const until = disposed ?? date;
  if (classification === 'low_value') {
    return {
      ...none,
      monthsDepreciated: 1,
      monthlyCents: cost,
      accumulatedCents: cost,
      bookValueCents: 0,
      fullyDepreciatedOn: lastDayOfMonthIndex(monthIndex(i.purchaseDate)),
    };
  }
  const life = i.usefulLifeMonths!;
  const months = Math.min(monthIndex(until) - monthIndex(i.purchaseDate) + 1, life);
  const accumulated = accumulatedAfter(cost, life, months);
  const remaining = cost - accumulated;
  return {
    classification,
    monthsDepreciated: months,
    monthlyCents: accumulatedAfter(cost, life, 1),
    accumulatedCents: accumulated,
    bookValueCents: disposed ? 0 : remaining,
    writtenOffCents: disposed ? remaining : 0,
    fullyDepreciatedOn: lastDayOfMonthIndex(monthIndex(i.purchaseDate) + life - 1),
  };
}

/** Depreciation booked in calendar year `year` (the AfA line of the Anlagenbuchhaltung). */
export function depreciationInYear(i: DepreciationInput, year: number): number {
  const end = bookValueAt(i, `${year}-12-31`);
  const before = bookValueAt(i, `${year - 1}-12-31`);
  return end.accumulatedCents - before.accumulatedCents;
}

/** The useful life that applies: the asset's own, else the provider's table, else the default. */
export function usefulLifeFor(type: AssetType, own: number | null, table: Partial<Record<AssetType, number>>): number | null {
  return own ?? table[type] ?? DEFAULT_USEFUL_LIFE_MONTHS[type];
}

/** True for a real calendar date in `YYYY-MM-DD` form (no 2026-02-30). */
export function isCalendarDate(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) {
    return false;
  }
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && day >= 1 && day <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Today's date in Europe/Berlin (the day people see on their calendar). */
export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
