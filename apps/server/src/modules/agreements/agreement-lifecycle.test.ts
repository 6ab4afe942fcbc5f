import { describe, expect, it } from 'vitest';
import {
  addMonths,
  allowedNext,
  effectiveEndDate,
  isCalendarDate,
  minimumTermEnd,
  NEXT,
  transition,
  type AgreementStatus,
  type LifecycleState,
} from './agreement-lifecycle.js';

const base: LifecycleState = {
  status: 'intent',
  intentDeclaredAt: '2025-03-01',
  signedAt: null,
  onboardingStartedAt: null,
  activeSince: null,
  noticeGivenAt: null,
  effectiveEnd: null,
  noticeMonths: 12,
  noticeToYearEnd: true,
  termStart: null,
  minimumTermYears: null,
};
const signatory = { name: 'Ralf Hauboldt', function: 'Bürgermeister', party: 'member' as const, date: '2025-05-02' };

describe('agreement lifecycle', () => {
  it('knows the allowed next states of every state', () => {
    expect(allowedNext('intent')).toEqual(['signed', 'ended']);
    expect(allowedNext('signed')).toEqual(['onboarding', 'active']);
    expect(allowedNext('onboarding')).toEqual(['active']);
    expect(allowedNext('active')).toEqual(['notice_given']);
    expect(allowedNext('notice_given')).toEqual(['ended', 'active']);
    expect(allowedNext('ended')).toEqual([]);
  });

  it('refuses every transition not in the table, naming the allowed ones', () => {
    const all = Object.keys(NEXT) as AgreementStatus[];
    for (const from of all) {
      for (const to of all) {
        const r = transition({ ...base, status: from }, { to, date: '2030-01-01', signatories: [signatory], signedDocumentId: 'd' });
        if (NEXT[from].includes(to)) {
          expect(r.ok || (r.kind === 'invalid'), `${from}→${to}`).toBe(true);
        } else {
          expect(r, `${from}→${to}`).toEqual({ ok: false, kind: 'not_allowed', allowed: NEXT[from] });
        }
      }
    }
  });

  it('signs with signatories and the signed document', () => {
    const r = transition(base, { to: 'signed', date: '2025-05-05', signatories: [signatory], signedDocumentId: 'doc-1' });
    expect(r).toEqual({ ok: true, changes: { status: 'signed', signedAt: '2025-05-05', signatories: [signatory], signedDocumentId: 'doc-1' } });
  });

  it('refuses to sign without signatories, without the PDF, or with a signature after the signing date', () => {
    const noOne = transition(base, { to: 'signed', date: '2025-05-05', signatories: [], signedDocumentId: 'd' });
    expect(noOne).toMatchObject({ ok: false, kind: 'invalid', errors: [{ field: 'body/signatories' }] });
    const noPdf = transition(base, { to: 'signed', date: '2025-05-05', signatories: [signatory] });
    expect(noPdf).toMatchObject({ ok: false, errors: [{ field: 'body/signedDocumentId' }] });
    const late = transition(base, { to: 'signed', date: '2025-05-01', signatories: [signatory], signedDocumentId: 'd' });
    expect(late).toMatchObject({ ok: false, errors: [{ field: 'body/signatories/0/date' }] });
  });

  it('refuses a step dated before the previous one, and a non-date', () => {
    const s = { ...base, status: 'signed' as const, signedAt: '2025-05-05' };
    expect(transition(s, { to: 'onboarding', date: '2025-05-04' })).toMatchObject({ ok: false, errors: [{ field: 'body/date' }] });
    expect(transition(s, { to: 'onboarding', date: '2025-02-30' })).toMatchObject({ ok: false, errors: [{ field: 'body/date' }] });
    expect(transition(s, { to: 'onboarding', date: '2025-05-05' })).toEqual({ ok: true, changes: { status: 'onboarding', onboardingStartedAt: '2025-05-05' } });
  });

  it('computes the effective end when notice is given, and refuses to end before it', () => {
    const active = { ...base, status: 'active' as const, signedAt: '2025-05-05', activeSince: '2025-07-01' };
    const notice = transition(active, { to: 'notice_given', date: '2026-03-15' });
    expect(notice).toEqual({ ok: true, changes: { status: 'notice_given', noticeGivenAt: '2026-03-15', effectiveEnd: '2027-12-31' } });
    const given = { ...active, status: 'notice_given' as const, noticeGivenAt: '2026-03-15', effectiveEnd: '2027-12-31' };
    expect(transition(given, { to: 'ended', date: '2027-06-30' })).toMatchObject({ ok: false, errors: [{ field: 'body/date' }] });
    expect(transition(given, { to: 'ended', date: '2027-12-31' })).toEqual({ ok: true, changes: { status: 'ended', endedAt: '2027-12-31' } });
  });

  it('withdraws a notice back to active, keeping the original start', () => {
    const given = { ...base, status: 'notice_given' as const, activeSince: '2025-07-01', noticeGivenAt: '2026-03-15', effectiveEnd: '2027-12-31' };
    expect(transition(given, { to: 'active', date: '2026-04-01' })).toEqual({ ok: true, changes: { status: 'active', noticeGivenAt: null, effectiveEnd: null } });
  });

  it('lets an intent be withdrawn', () => {
    expect(transition(base, { to: 'ended', date: '2025-04-01' })).toEqual({ ok: true, changes: { status: 'ended', endedAt: '2025-04-01' } });
  });
});

describe('notice dates', () => {
  it('adds months with the day clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('1.1.2025')).toBe(false);
  });

  it('ends "12 months to the end of a calendar year" on the right 31 December', () => {
    const p = { months: 12, toYearEnd: true };
    expect(effectiveEndDate('2026-03-15', p)).toBe('2027-12-31');
    // Exactly 12 months before the year-end still reaches it.
    expect(effectiveEndDate('2025-12-31', p)).toBe('2026-12-31');
    expect(effectiveEndDate('2026-01-01', p)).toBe('2027-12-31');
    expect(effectiveEndDate('2026-06-30', { months: 6, toYearEnd: true })).toBe('2026-12-31');
    expect(effectiveEndDate('2026-07-01', { months: 6, toYearEnd: true })).toBe('2027-12-31');
  });

  it('ends a plain notice period after the months', () => {
    expect(effectiveEndDate('2026-03-15', { months: 3, toYearEnd: false })).toBe('2026-06-15');
    expect(effectiveEndDate('2026-11-30', { months: 3, toYearEnd: false })).toBe('2027-02-28');
  });

  it('never ends before the minimum term is over', () => {
    const term = { termStart: '2023-01-01', minimumTermYears: 5 };
    expect(minimumTermEnd(term)).toBe('2027-12-31');
    expect(effectiveEndDate('2024-02-01', { months: 12, toYearEnd: true }, term)).toBe('2027-12-31');
    expect(effectiveEndDate('2024-02-01', { months: 3, toYearEnd: false }, term)).toBe('2027-12-31');
    expect(effectiveEndDate('2027-06-01', { months: 12, toYearEnd: true }, term)).toBe('2028-12-31');
    expect(minimumTermEnd({ termStart: null, minimumTermYears: 5 })).toBeNull();
  });
});
