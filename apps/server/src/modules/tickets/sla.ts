/**
 * SLA arithmetic in business time, Europe/Berlin. Pure: no I/O, no clock. Holidays come in as a
 * predicate on local calendar dates ("YYYY-MM-DD"), so the caller decides which Land/region applies
 * (holidays.ts). Business time is counted in real elapsed minutes inside the service windows, so a
 * window that spans a DST change is as long as the clock really ran.
 */
import type { Level, PausePeriod, Priority, ServiceHours, Targets } from './tickets.schema.js';

export interface Calendar {
  hours: ServiceHours;
  /** Local date (YYYY-MM-DD, Europe/Berlin) is a public holiday: no service that day. */
  isHoliday: (date: string) => boolean;
}

export interface Interval {
  from: Date;
  to: Date;
}

const ZONE = 'Europe/Berlin';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Berlin's offset per UTC hour (see berlinOffsetMinutes). */
const offsets = new Map<number, number>();

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Berlin's offset from UTC in minutes at this instant (60 or 120). */
export function berlinOffsetMinutes(at: number): number {
  // Every change of Berlin's offset after it left local mean time (1893) fell on a whole UTC hour,
  // so one answer per UTC hour is exact; asking Intl costs microseconds, and a single due date
  // asks dozens of times.
  const hour = Math.floor(at / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p = Object.fromEntries(fmt.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
    offset = Math.round((asUtc - Math.floor(at / 1000) * 1000) / MINUTE);
    if (offsets.size >= 100_000) {
      offsets.clear();
    }
    offsets.set(hour, offset);
  }
  return offset;
}

/** Local calendar date (YYYY-MM-DD) of an instant in Berlin. */
export function berlinDate(at: number): string {
  return new Date(at + berlinOffsetMinutes(at) * MINUTE).toISOString().slice(0, 10);
}

/**
 * The instant of a Berlin wall-clock time. A time that does not exist (the hour skipped in spring)
 * maps to the instant after the gap; an ambiguous one (autumn) to its first occurrence.
 */
export function berlinInstant(date: string, minutesOfDay: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + minutesOfDay * MINUTE;
  // The offset two hours before the wall time is the one in force at it, except inside the
  // spring gap, where it yields the instant after the gap (as intended above).
  return naive - berlinOffsetMinutes(naive - 120 * MINUTE) * MINUTE;
}

/** "07:30" → 450; "24:00" → 1440. */
export function parseClock(s: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m || (m[1] === '24' && m[2] !== '00')) {
    throw new Error(`not a time of day: ${s}`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY).toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a calendar date. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return (wd === 0 ? 7 : wd) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** Service windows of one local day as instants (empty on a holiday or day off). */
export function windowsOf(cal: Calendar, date: string): Interval[] {
  if (cal.isHoliday(date)) {
    return [];
  }
  const day = cal.hours[String(isoWeekday(date)) as keyof ServiceHours] ?? [];
  return day
    .map((w) => {
      const end = parseClock(w.end);
      const to = end === 1440 ? berlinInstant(nextDate(date), 0) : berlinInstant(date, end);
      return { from: new Date(berlinInstant(date, parseClock(w.start))), to: new Date(to) };
    })
    .filter((w) => w.to > w.from)
    .sort((a, b) => +a.from - +b.from);
}

/** `w` minus the pauses. */
function subtract(w: Interval, pauses: readonly Interval[]): Interval[] {
  let parts = [w];
  for (const p of pauses) {
    parts = parts.flatMap((x) => {
      if (p.to <= x.from || p.from >= x.to) {
        return [x];
      }
      const out: Interval[] = [];
      if (p.from > x.from) {
        out.push({ from: x.from, to: p.from });
      }
      if (p.to < x.to) {
        out.push({ from: p.to, to: x.to });
      }
      return out;
    });
  }
  return parts;
}

function hasService(cal: Calendar): boolean {
  return Object.values(cal.hours).some((d) => d.some((w) => parseClock(w.end) > parseClock(w.start)));
}

/** Pause periods as intervals; an open pause runs to `openUntil` (or forever). */
export function pauseIntervals(pauses: readonly PausePeriod[], openUntil?: Date): Interval[] {
  return pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : (openUntil ?? new Date(8.64e15)) }));
}

/**
 * The instant at which `minutes` of business time have passed since `start`, not counting pauses.
 * Null when the calendar never has service (a profile without hours) or the clock is paused
 * without end.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: Calendar, pauses: readonly Interval[] = []): Date | null {
  if (!hasService(cal)) {
    return null;
  }
  let left = minutes * MINUTE;
  let date = berlinDate(+start);
  // Ten years of days is far beyond any target; it only guards against an endless pause.
  for (let i = 0; i < 3660; i++) {
    for (const w of windowsOf(cal, date)) {
      for (const part of subtract(w, pauses)) {
        const from = Math.max(+part.from, +start);
        if (from >= +part.to) {
          continue;
        }
        const len = +part.to - from;
        if (left <= len) {
          return new Date(from + left);
        }
        left -= len;
      }
    }
    date = nextDate(date);
  }
  return null;
}

/** Business minutes between two instants (for reports and "time used"), pauses excluded. */
export function businessMinutesBetween(from: Date, to: Date, cal: Calendar, pauses: readonly Interval[] = []): number {
  if (to <= from) {
    return 0;
  }
  let total = 0;
  let date = berlinDate(+from);
  const last = berlinDate(+to);
  for (let i = 0; i < 3660; i++) {
    for (const w of windowsOf(cal, date)) {
      for (const part of subtract(w, pauses)) {
        const a = Math.max(+part.from, +from);
        const b = Math.min(+part.to, +to);
        if (b > a) {
          total += b - a;
        }
      }
    }
    if (date === last) {
      break;
    }
    date = nextDate(date);
  }
  return Math.round(total / MINUTE);
}

export const DEFAULT_MATRIX: Record<Level, Record<Level, Priority>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

/** impact × urgency → priority through the provider's matrix. */
export function priorityOf(impact: Level, urgency: Level, matrix: Record<Level, Record<Level, Priority>> = DEFAULT_MATRIX): Priority {
  return matrix[impact]?.[urgency] ?? DEFAULT_MATRIX[impact][urgency];
}

export interface SlaDue {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** Response and resolution due dates of a ticket opened at `openedAt`, given its pauses so far. */
export function dueDates(openedAt: Date, priority: Priority, targets: Targets, cal: Calendar, pauses: readonly Interval[] = []): SlaDue {
  const t = targets[priority];
  return {
    responseDueAt: addBusinessMinutes(openedAt, t.responseMinutes, cal, pauses),
    resolutionDueAt: addBusinessMinutes(openedAt, t.resolutionMinutes, cal, pauses),
  };
}

export type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'paused' | 'none';

/**
 * State of one due date at `now`: met when done by the due date, breached when past it (done or
 * not), warning within `warnMinutes` of business time before it.
 */
export function slaState(
  due: Date | null,
  doneAt: Date | null,
  now: Date,
  cal: Calendar,
  warnMinutes: number,
  paused = false,
): SlaState {
  if (!due) {
    return 'none';
  }
  if (doneAt) {
    return doneAt <= due ? 'met' : 'breached';
  }
  if (now > due) {
    return 'breached';
  }
  if (paused) {
    return 'paused';
  }
  return businessMinutesBetween(now, due, cal) <= warnMinutes ? 'warning' : 'ok';
}

/** Art. 33 GDPR: notify the supervisory authority within 72 hours of becoming aware. */
export function gdprDeadline(detectedAt: Date): Date {
  return new Date(+detectedAt + 72 * 3_600_000);
}

/** Median of a list of numbers (null for an empty list). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
