import { describe, expect, it } from 'vitest';
import { areaOfAgs, holidayPredicate } from './holidays.js';
import {
  addBusinessMinutes,
  berlinDate,
  berlinInstant,
  berlinOffsetMinutes,
  businessMinutesBetween,
  dueDates,
  gdprDeadline,
  median,
  priorityOf,
  slaState,
  type Calendar,
} from './sla.js';
import type { ServiceHours, Targets } from './tickets.schema.js';

/** Mo–Do 7–16, Fr 7–13, as many Thuringian providers run their service desk. */
const OFFICE: ServiceHours = {
  '1': [{ start: '07:00', end: '16:00' }],
  '2': [{ start: '07:00', end: '16:00' }],
  '3': [{ start: '07:00', end: '16:00' }],
  '4': [{ start: '07:00', end: '16:00' }],
  '5': [{ start: '07:00', end: '13:00' }],
  '6': [],
  '7': [],
};
const ALWAYS: ServiceHours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) as ServiceHours;
const TARGETS: Targets = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 1440 },
  P4: { responseMinutes: 960, resolutionMinutes: 2880 },
};
// Gemeinde Weißensee (Landkreis Sömmerda, Thüringen).
const thueringen: Calendar = { hours: OFFICE, isHoliday: holidayPredicate(areaOfAgs('16068058')) };
// A Saxon Gemeinde (Landkreis Leipzig): Reformationstag too, but Buß- und Bettag as well.
const sachsen: Calendar = { hours: OFFICE, isHoliday: holidayPredicate(areaOfAgs('14729010')) };
const bayern: Calendar = { hours: OFFICE, isHoliday: holidayPredicate(areaOfAgs('09162000')) };
const iso = (s: string) => new Date(s);

describe('Berlin wall clock', () => {
  it('maps local times to instants on both sides of the DST changes', () => {
    expect(new Date(berlinInstant('2026-01-15', 7 * 60)).toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(new Date(berlinInstant('2026-07-15', 7 * 60)).toISOString()).toBe('2026-07-15T05:00:00.000Z');
    // 02:30 does not exist on 29 March 2026; it maps behind the gap (03:30 CEST).
    expect(new Date(berlinInstant('2026-03-29', 150)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026; the first (CEST) is taken.
    expect(new Date(berlinInstant('2026-10-25', 150)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('due dates in business time', () => {
  it('Friday afternoon P2 in Thüringen before Reformationstag (Mon 31.10.2022) is due on Tuesday', () => {
    // Fri 28.10.2022 14:00 CEST: after Friday's service hours (7–13). Sat/Sun off, Mon 31.10. is
    // Reformationstag in Thüringen, and the clocks went back on Sunday. Tue 01.11. from 07:00 CET:
    // response 2 h → 09:00 CET (08:00Z); resolution 8 h → 15:00 CET (14:00Z).
    const due = dueDates(iso('2022-10-28T12:00:00Z'), 'P2', TARGETS, thueringen);
    expect(due.responseDueAt?.toISOString()).toBe('2022-11-01T08:00:00.000Z');
    expect(due.resolutionDueAt?.toISOString()).toBe('2022-11-01T14:00:00.000Z');
  });

  it('the same ticket in Bayern (no Reformationstag) is due on Monday', () => {
    const due = dueDates(iso('2022-10-28T12:00:00Z'), 'P2', TARGETS, bayern);
    expect(due.responseDueAt?.toISOString()).toBe('2022-10-31T08:00:00.000Z');
    expect(due.resolutionDueAt?.toISOString()).toBe('2022-10-31T14:00:00.000Z');
  });

  it('a Saxon member gets Buß- und Bettag off, a Thuringian one does not', () => {
    // Tue 17.11.2026 15:00 CET, P2 response 2 h: 1 h on Tuesday (to 16:00), 1 h next service day.
    const start = iso('2026-11-17T14:00:00Z');
    expect(addBusinessMinutes(start, 120, thueringen)?.toISOString()).toBe('2026-11-18T07:00:00.000Z');
    expect(addBusinessMinutes(start, 120, sachsen)?.toISOString()).toBe('2026-11-19T07:00:00.000Z');
  });

  it('a pause across the weekend stops the clock', () => {
    // Thu 12.11.2026 10:00 CET, P2 resolution 8 h. Without a pause: Thu 10–16 (6 h) + Fri 7–9 →
    // Fri 09:00 CET. Paused (waiting for the requester) Thu 15:00 → Mon 16.11. 10:00: 5 h before,
    // 3 h after → Mon 13:00 CET (12:00Z).
    const opened = iso('2026-11-12T09:00:00Z');
    expect(dueDates(opened, 'P2', TARGETS, thueringen).resolutionDueAt?.toISOString()).toBe('2026-11-13T08:00:00.000Z');
    const pause = [{ from: iso('2026-11-12T14:00:00Z'), to: iso('2026-11-16T09:00:00Z') }];
    expect(dueDates(opened, 'P2', TARGETS, thueringen, pause).resolutionDueAt?.toISOString()).toBe('2026-11-16T12:00:00.000Z');
    expect(businessMinutesBetween(opened, iso('2026-11-16T12:00:00Z'), thueringen, pause)).toBe(480);
  });

  it('counts the real hours across the DST switch night on a 24/7 profile', () => {
    const always: Calendar = { hours: ALWAYS, isHoliday: () => false };
    // Sun 29.03.2026 01:00 CET (00:00Z) + 4 h P1 → 04:00Z = 06:00 CEST (the wall clock skipped 02–03).
    expect(dueDates(iso('2026-03-29T00:00:00Z'), 'P1', TARGETS, always).resolutionDueAt?.toISOString()).toBe('2026-03-29T04:00:00.000Z');
    // Sun 25.10.2026 01:00 CEST (23:00Z on the 24th) + 4 h → 03:00Z = 04:00 CET (02–03 ran twice).
    expect(dueDates(iso('2026-10-24T23:00:00Z'), 'P1', TARGETS, always).resolutionDueAt?.toISOString()).toBe('2026-10-25T03:00:00.000Z');
    // The day of the spring switch has 23 hours, the autumn one 25.
    expect(businessMinutesBetween(iso('2026-03-28T23:00:00Z'), iso('2026-03-29T22:00:00Z'), always)).toBe(23 * 60);
    expect(businessMinutesBetween(iso('2026-10-24T22:00:00Z'), iso('2026-10-25T23:00:00Z'), always)).toBe(25 * 60);
  });

  it('office hours on the DST Monday start at 07:00 local time', () => {
    // Fri 27.03.2026 12:30 CET (11:30Z), P2 response 2 h: 30 min on Friday, 90 min from Mon 07:00 CEST (05:00Z).
    expect(addBusinessMinutes(iso('2026-03-27T11:30:00Z'), 120, thueringen)?.toISOString()).toBe('2026-03-30T06:30:00.000Z');
  });

  it('has no due date without service hours or under an endless pause', () => {
    const none: Calendar = { hours: { ...OFFICE, '1': [], '2': [], '3': [], '4': [], '5': [] }, isHoliday: () => false };
    expect(addBusinessMinutes(iso('2026-01-05T08:00:00Z'), 60, none)).toBeNull();
    expect(addBusinessMinutes(iso('2026-01-05T08:00:00Z'), 60, thueringen, [{ from: iso('2026-01-05T07:00:00Z'), to: new Date(8.64e15) }])).toBeNull();
  });
});

describe('priority, state and helpers', () => {
  it('maps impact × urgency through the default and a custom matrix', () => {
    expect(priorityOf('high', 'high')).toBe('P1');
    expect(priorityOf('medium', 'high')).toBe('P2');
    expect(priorityOf('low', 'low')).toBe('P4');
    const custom = { high: { high: 'P1', medium: 'P1', low: 'P2' }, medium: { high: 'P2', medium: 'P2', low: 'P3' }, low: { high: 'P3', medium: 'P3', low: 'P4' } } as const;
    expect(priorityOf('high', 'medium', custom)).toBe('P1');
  });

  it('warns within the warning window and reports met and breached', () => {
    const due = iso('2026-11-12T14:00:00Z');
    expect(slaState(due, null, iso('2026-11-12T12:00:00Z'), thueringen, 60)).toBe('ok');
    expect(slaState(due, null, iso('2026-11-12T13:30:00Z'), thueringen, 60)).toBe('warning');
    expect(slaState(due, null, iso('2026-11-12T14:01:00Z'), thueringen, 60)).toBe('breached');
    expect(slaState(due, iso('2026-11-12T13:59:00Z'), iso('2026-11-20T00:00:00Z'), thueringen, 60)).toBe('met');
    expect(slaState(due, null, iso('2026-11-12T13:30:00Z'), thueringen, 60, true)).toBe('paused');
    expect(slaState(null, null, iso('2026-11-12T13:30:00Z'), thueringen, 60)).toBe('none');
  });

  it('GDPR clock and median', () => {
    expect(gdprDeadline(iso('2026-11-20T09:00:00Z')).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('derives Land and region from the AGS', () => {
    expect(areaOfAgs('16068058')).toEqual({ land: 'TH' });
    expect(areaOfAgs('16061001')).toEqual({ land: 'TH', region: 'EIC' });
    expect(areaOfAgs('1606')).toBeNull();
    expect(areaOfAgs(null)).toBeNull();
    // Fronleichnam (04.06.2026) is a holiday in Eichsfeld, not in Sömmerda.
    expect(holidayPredicate(areaOfAgs('16061001'))('2026-06-04')).toBe(true);
    expect(holidayPredicate(areaOfAgs('16068058'))('2026-06-04')).toBe(false);
  });
});

describe('Berlin local time', () => {
  it('switches the offset at 01:00 UTC on the DST Sundays and dates instants by the Berlin calendar', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(berlinOffsetMinutes(at('2026-03-29T00:59:59.999Z'))).toBe(60);
    expect(berlinOffsetMinutes(at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(berlinOffsetMinutes(at('2026-10-25T00:59:59Z'))).toBe(120);
    expect(berlinOffsetMinutes(at('2026-10-25T01:00:00Z'))).toBe(60);
    expect(berlinDate(at('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
    expect(berlinDate(at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(berlinDate(at('2026-07-31T21:59:59Z'))).toBe('2026-07-31');
    expect(berlinDate(at('2026-07-31T22:00:00Z'))).toBe('2026-08-01');
    expect(berlinDate(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('agrees with Intl at every 7 minutes and 13 seconds over two years, asked out of order', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
    const start = Date.parse('2026-01-01T00:00:00Z');
    const step = 433_000;
    const n = Math.floor((2 * 365 * 86_400_000) / step);
    const wrong: string[] = [];
    // Backwards and forwards, so that cached hours are asked again from both sides.
    for (const i of [...Array.from({ length: n }, (_, k) => n - k), ...Array.from({ length: n }, (_, k) => k)]) {
      const t = start + i * step;
      if (berlinDate(t) !== intl.format(new Date(t))) {
        wrong.push(new Date(t).toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });
});
