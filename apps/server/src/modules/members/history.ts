/** Values with a reference date (population, workstations): pure lookups over a member's history. */

export interface Dated {
  /** ISO date, YYYY-MM-DD. */
  referenceDate: string;
  value: number;
}

/**
 * The value in force at `date`: the entry with the latest reference date on or before it, or
 * undefined when the history starts later. ISO dates compare correctly as strings.
 */
export function valueAt<T extends Dated>(history: readonly T[], date: string): T | undefined {
  let best: T | undefined;
  for (const h of history) {
    if (h.referenceDate <= date && (!best || h.referenceDate > best.referenceDate)) {
      best = h;
    }
  }
  return best;
}

/** 30 June of the year before `year`: the usual cut-off for an Umlage by population. */
export function allocationCutoff(year: number): string {
  return `${year - 1}-06-30`;
}
