import { describe, expect, it } from 'vitest';
import { ApiProblem, fieldKey, splitFieldErrors, toProblem } from './problem';

describe('toProblem', () => {
  it('reads an RFC 9457 body with field errors', () => {
    const p = toProblem(400, {
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields.',
      errors: [{ field: 'body/ags', message: 'AGS: 8 digits' }],
    });
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.status).toBe(400);
    expect(p.detail).toBe('The request has invalid fields.');
    expect(p.errors).toEqual([{ field: 'body/ags', message: 'AGS: 8 digits' }]);
  });

  it('takes Retry-After of a 429', () => {
    expect(toProblem(429, { title: 'Too Many Requests', status: 429 }, '17').retryAfter).toBe(17);
    expect(toProblem(429, {}, 'Wed, 21 Oct 2015 07:28:00 GMT').retryAfter).toBeUndefined();
  });

  it('copes with a body that is not a problem', () => {
    const p = toProblem(502, 'Bad gateway');
    expect(p.title).toBe('HTTP 502');
    expect(p.detail).toBe('Bad gateway');
    expect(toProblem(500, undefined).errors).toEqual([]);
  });
});

describe('field errors', () => {
  it('strips the request part and keeps the top-level field', () => {
    expect(fieldKey('body/name')).toBe('name');
    expect(fieldKey('body/roles/0/role')).toBe('roles');
    expect(fieldKey('querystring/q')).toBe('q');
    expect(fieldKey('name')).toBe('name');
    expect(fieldKey('')).toBe('');
  });

  it('puts known fields beside inputs and keeps the rest for the summary', () => {
    const p = new ApiProblem(400, 'Bad Request', undefined, [
      { field: 'body/name', message: 'too short' },
      { field: 'body/name', message: 'bad' },
      { field: 'body/foo', message: 'unknown' },
    ]);
    const { byField, other } = splitFieldErrors(p, ['name', 'ags']);
    expect(byField).toEqual({ name: 'too short; bad' });
    expect(other).toEqual([{ field: 'body/foo', message: 'unknown' }]);
    expect(splitFieldErrors(null, ['name'])).toEqual({ byField: {}, other: [] });
  });
});
