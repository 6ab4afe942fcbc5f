import { describe, expect, it } from 'vitest';
import { throttleVerdict } from './throttle.js';

describe('throttleVerdict', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('lets an unknown key through', () => {
    expect(throttleVerdict(undefined, 5, now)).toEqual({ failures: 0, retryAfterSeconds: 0 });
  });
  it('blocks at the limit until the window ends', () => {
    const v = throttleVerdict({ failures: 5, windowStart: new Date('2026-11-22T09:50:00Z') }, 5, now, 900);
    expect(v.retryAfterSeconds).toBe(300);
  });
  it('lets through below the limit', () => {
    const v = throttleVerdict({ failures: 4, windowStart: new Date('2026-11-22T09:59:00Z') }, 5, now, 900);
    expect(v.retryAfterSeconds).toBe(0);
  });
  it('forgets an expired window', () => {
    const v = throttleVerdict({ failures: 50, windowStart: new Date('2026-11-22T09:00:00Z') }, 5, now, 900);
    expect(v).toEqual({ failures: 0, retryAfterSeconds: 0 });
  });
});
