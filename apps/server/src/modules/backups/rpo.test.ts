import { describe, expect, it } from 'vitest';
import { rpoGaps, rpoStatus, successTime } from './rpo.js';
import { longestGapHours, parseSchedule } from './schedule.js';

const at = (s: string) => new Date(s);

describe('rpoStatus', () => {
  const createdAt = at('2026-01-01T00:00:00Z');

  it('is ok within the RPO and exactly at it; violated one millisecond later', () => {
    const last = at('2026-03-01T22:00:00Z');
    expect(rpoStatus(at('2026-03-02T10:00:00Z'), { lastSuccessAt: last, rpoHours: 24, createdAt }).state).toBe('ok');
    expect(rpoStatus(at('2026-03-02T22:00:00Z'), { lastSuccessAt: last, rpoHours: 24, createdAt }).state).toBe('ok');
    const late = rpoStatus(new Date(at('2026-03-02T22:00:00Z').getTime() + 1), {
      lastSuccessAt: last,
      rpoHours: 24,
      createdAt,
    });
    expect(late.state).toBe('violated');
  });

  it('reports age, overdue hours and the deadline', () => {
    const r = rpoStatus(at('2026-03-04T04:30:00Z'), {
      lastSuccessAt: at('2026-03-02T22:00:00Z'),
      rpoHours: 24,
      createdAt,
    });
    expect(r).toEqual({ state: 'violated', ageHours: 30.5, overdueHours: 6.5, deadline: at('2026-03-03T22:00:00Z') });
  });

  it('counts a job without any success from its creation: pending, then violated', () => {
    const created = at('2026-03-01T00:00:00Z');
    expect(rpoStatus(at('2026-03-01T12:00:00Z'), { lastSuccessAt: null, rpoHours: 24, createdAt: created }).state).toBe(
      'pending',
    );
    expect(rpoStatus(at('2026-03-02T00:00:01Z'), { lastSuccessAt: null, rpoHours: 24, createdAt: created }).state).toBe(
      'violated',
    );
  });

  it('crosses the change to summer time in absolute hours (UTC), not wall-clock hours', () => {
    // 29 March 2026: Europe/Berlin skips 02:00–03:00; 24 h after 22:00 CET is 23:00 CEST.
    const last = at('2026-03-28T21:00:00Z');
    expect(rpoStatus(at('2026-03-29T21:00:00Z'), { lastSuccessAt: last, rpoHours: 24, createdAt }).state).toBe('ok');
    expect(rpoStatus(at('2026-03-29T21:00:01Z'), { lastSuccessAt: last, rpoHours: 24, createdAt }).state).toBe(
      'violated',
    );
  });

  it('treats a clock skew (success in the future) as age 0 and refuses a non-positive RPO', () => {
    expect(
      rpoStatus(at('2026-03-01T00:00:00Z'), { lastSuccessAt: at('2026-03-01T01:00:00Z'), rpoHours: 1, createdAt })
        .ageHours,
    ).toBe(0);
    expect(() => rpoStatus(at('2026-03-01T00:00:00Z'), { lastSuccessAt: null, rpoHours: 0, createdAt })).toThrow(
      RangeError,
    );
  });

  it('counts a success from its end, or its start when no end was reported', () => {
    expect(successTime({ startedAt: at('2026-03-01T22:00:00Z'), endedAt: at('2026-03-01T23:10:00Z') })).toEqual(
      at('2026-03-01T23:10:00Z'),
    );
    expect(successTime({ startedAt: at('2026-03-01T22:00:00Z'), endedAt: null })).toEqual(at('2026-03-01T22:00:00Z'));
  });
});

describe('schedules', () => {
  it('parses intervals and five-field cron texts; refuses the rest', () => {
    expect(parseSchedule('every 6h')).toEqual({ kind: 'interval', minutes: 360 });
    expect(parseSchedule('every 1d')).toEqual({ kind: 'interval', minutes: 1440 });
    expect(parseSchedule('every 30m')).toEqual({ kind: 'interval', minutes: 30 });
    expect(parseSchedule('0 22 * * 1-5')?.kind).toBe('cron');
    expect(parseSchedule('*/15 * * * *')?.kind).toBe('cron');
    for (const bad of [
      '',
      'daily',
      'every 1m',
      '61 * * * *',
      '0 24 * * *',
      '0 22 * *',
      '0 22 * * 8',
      'every 0h',
      '5-1 * * * *',
    ]) {
      expect(parseSchedule(bad), bad).toBeNull();
    }
  });

  it('finds the longest gap between planned runs', () => {
    expect(longestGapHours(parseSchedule('every 6h')!)).toBe(6);
    expect(longestGapHours(parseSchedule('0 22 * * *')!)).toBe(24);
    // Mon–Fri at 22:00: Friday 22:00 → Monday 22:00.
    expect(longestGapHours(parseSchedule('0 22 * * 1-5')!)).toBe(72);
    expect(longestGapHours(parseSchedule('0 */4 * * *')!)).toBe(4);
    expect(longestGapHours(parseSchedule('30 1 * * 0')!)).toBe(168);
    expect(longestGapHours(parseSchedule('0 22 * * 7')!)).toBe(168);
  });
});

describe('rpoGaps', () => {
  const from = at('2026-01-01T00:00:00Z');
  const to = at('2026-01-05T00:00:00Z');
  it('counts each stretch past the RPO once, including the open end', () => {
    const s = [at('2026-01-01T22:00:00Z'), at('2026-01-02T22:00:00Z'), at('2026-01-04T10:00:00Z')];
    // before → 01-01 22:00 (24 h ok), 22:00 → 22:00 (24 h ok), 02 22:00 → 04 10:00 (36 h: violation), 04 10:00 → end (14 h ok)
    expect(rpoGaps(s, at('2025-12-31T22:00:00Z'), 24, from, to)).toEqual({ violations: 1, longestGapHours: 36 });
  });
  it('without any success the whole window is one violation; an empty window is none', () => {
    expect(rpoGaps([], null, 24, from, to)).toEqual({ violations: 1, longestGapHours: 96 });
    expect(rpoGaps([], null, 24, from, from)).toEqual({ violations: 0, longestGapHours: 0 });
  });
});
