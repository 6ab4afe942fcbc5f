/**
 * Backup schedules as people and backup software write them: a simple interval ("every 6h",
 * "every 1d", "every 30m") or a five-field cron text ("0 22 * * 1-5"). Pure functions (schedule.test.ts).
 */

export type Schedule =
  { kind: 'interval'; minutes: number } | { kind: 'cron'; fields: [number[], number[], number[], number[], number[]] };

const INTERVAL = /^every\s+(\d{1,4})\s*(m|min|h|d)$/i;
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function field(text: string, [lo, hi]: [number, number]): number[] | null {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) {
      return null;
    }
    const step = m[4] ? Number(m[4]) : 1;
    const from = m[1] === '*' ? lo : Number(m[2]);
    const to = m[1] === '*' ? hi : m[3] !== undefined ? Number(m[3]) : m[4] ? hi : from;
    if (step < 1 || from < lo || to > hi || from > to) {
      return null;
    }
    for (let v = from; v <= to; v += step) {
      out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses a schedule; null when it is neither an interval nor a valid five-field cron text. */
export function parseSchedule(text: string): Schedule | null {
  const t = text.trim();
  const iv = INTERVAL.exec(t);
  if (iv) {
    const n = Number(iv[1]);
    const unit = iv[2]!.toLowerCase();
    const minutes = unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n;
    return minutes >= 5 && minutes <= 366 * 1440 ? { kind: 'interval', minutes } : null;
  }
  const parts = t.split(/\s+/);
  if (parts.length !== 5) {
    return null;
  }
  const fields = parts.map((p, i) => field(p, RANGES[i]!));
  if (fields.some((f) => f === null)) {
    return null;
  }
  // Day of week 7 is Sunday as 0.
  const dow = [...new Set(fields[4]!.map((d) => d % 7))].sort((a, b) => a - b);
  return { kind: 'cron', fields: [fields[0]!, fields[1]!, fields[2]!, fields[3]!, dow] };
}

/**
 * The longest gap between two planned runs, in hours (cron evaluated in UTC over a sample of 14
 * days from a fixed Monday, enough for weekly patterns). Used to warn when an RPO is shorter than
 * the schedule can ever meet.
 */
export function longestGapHours(s: Schedule): number {
  if (s.kind === 'interval') {
    return s.minutes / 60;
  }
  const [mins, hours, doms, months, dows] = s.fields;
  const domAll = doms.length === 31;
  const dowAll = dows.length === 7;
  const start = Date.UTC(2024, 0, 1); // a Monday
  const times: number[] = [];
  for (let d = 0; d < 28; d++) {
    const day = new Date(start + d * 86_400_000);
    const domOk = doms.includes(day.getUTCDate());
    const dowOk = dows.includes(day.getUTCDay());
    // Cron: when both day fields are restricted, either matches.
    const dayOk = domAll && dowAll ? true : domAll ? dowOk : dowAll ? domOk : domOk || dowOk;
    if (!dayOk || !months.includes(day.getUTCMonth() + 1)) {
      continue;
    }
    for (const h of hours) {
      for (const m of mins) {
        times.push(day.getTime() + h * 3_600_000 + m * 60_000);
      }
    }
  }
  if (times.length < 2) {
    return 28 * 24;
  }
  let gap = 0;
  for (let i = 1; i < times.length; i++) {
    gap = Math.max(gap, times[i]! - times[i - 1]!);
  }
  return gap / 3_600_000;
}
