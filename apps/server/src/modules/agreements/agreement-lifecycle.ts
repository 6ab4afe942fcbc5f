/**
 * The life of an agreement, as plain functions (no I/O): which status may follow which, what each
 * step needs, and when notice takes effect. Dates are calendar dates as `YYYY-MM-DD` strings.
 *
 *   intent ─► signed ─► onboarding ─► active ─► notice_given ─► ended
 *     │          └──────────────────►  ▲  ◄──────┘ (notice withdrawn)
 *     └─► ended (intent withdrawn)
 */
import type { AGREEMENT_STATUSES } from './agreements.schema.js';

export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const NEXT: Record<AgreementStatus, readonly AgreementStatus[]> = {
  intent: ['signed', 'ended'],
  // An existing member taken over without an onboarding may go straight to active.
  signed: ['onboarding', 'active'],
  onboarding: ['active'],
  active: ['notice_given'],
  notice_given: ['ended', 'active'],
  ended: [],
};

export function allowedNext(status: AgreementStatus): readonly AgreementStatus[] {
  return NEXT[status];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(d: string): [number, number, number] {
  const m = ISO_DATE.exec(d);
  if (!m) {
    throw new Error(`not a calendar date: ${d}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True for a real calendar date in `YYYY-MM-DD` form (no 2026-02-30). */
export function isCalendarDate(d: string): boolean {
  const m = ISO_DATE.exec(d);
  if (!m) {
    return false;
  }
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && day >= 1 && day <= daysInMonth(y, mo);
}

/** Adds months; the day is clamped to the end of the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

export interface NoticePeriod {
  months: number;
  /** Notice runs to the end of a calendar year ("zum Ende eines Kalenderjahres"). */
  toYearEnd: boolean;
}

export interface Term {
  termStart: string | null;
  minimumTermYears: number | null;
}

/** Last day of the minimum term (start 2020-01-01, 5 years → 2024-12-31); null without one. */
export function minimumTermEnd(term: Term): string | null {
  if (!term.termStart || !term.minimumTermYears) {
    return null;
  }
  return addDays(addMonths(term.termStart, term.minimumTermYears * 12), -1);
}

/**
 * The day an agreement ends when notice is given on `noticeDate`: the notice period must have run
 * in full, the minimum term must be over, and with `toYearEnd` the end is the following 31 December
 * (notice on 2026-03-15, 12 months to the year-end → 2027-12-31; on 2025-12-31 → 2026-12-31).
 */
export function effectiveEndDate(noticeDate: string, period: NoticePeriod, term: Term = { termStart: null, minimumTermYears: null }): string {
  let end = addMonths(noticeDate, period.months);
  const minEnd = minimumTermEnd(term);
  if (minEnd) {
    end = maxDate(end, minEnd);
  }
  if (period.toYearEnd) {
    end = fmt(parts(end)[0], 12, 31);
  }
  return end;
}

export interface SignatoryInput {
  name: string;
  function: string;
  party: 'member' | 'provider';
  date: string;
}

/** What the lifecycle needs to know of an agreement. */
export interface LifecycleState extends Term {
  status: AgreementStatus;
  intentDeclaredAt: string;
  signedAt: string | null;
  onboardingStartedAt: string | null;
  activeSince: string | null;
  noticeGivenAt: string | null;
  effectiveEnd: string | null;
  noticeMonths: number;
  noticeToYearEnd: boolean;
}

export interface TransitionRequest {
  to: AgreementStatus;
  date: string;
  signatories?: SignatoryInput[];
  /** The signed PDF; the service checks it is a PDF document of the same organisation. */
  signedDocumentId?: string;
}

export interface LifecycleChanges {
  status: AgreementStatus;
  signedAt?: string;
  signatories?: SignatoryInput[];
  signedDocumentId?: string;
  onboardingStartedAt?: string;
  activeSince?: string;
  noticeGivenAt?: string | null;
  effectiveEnd?: string | null;
  endedAt?: string;
}

export type TransitionResult =
  | { ok: true; changes: LifecycleChanges }
  | { ok: false; kind: 'not_allowed'; allowed: readonly AgreementStatus[] }
  | { ok: false; kind: 'invalid'; errors: { field: string; message: string }[] };

function invalid(field: string, message: string): TransitionResult {
  return { ok: false, kind: 'invalid', errors: [{ field, message }] };
}

/** The latest date the agreement already carries: a step may not be dated before it. */
function lastDate(s: LifecycleState): string {
  return [s.intentDeclaredAt, s.signedAt, s.onboardingStartedAt, s.activeSince, s.noticeGivenAt]
    .filter((d): d is string => d !== null)
    .reduce(maxDate);
}

/** Checks a requested status change and returns the fields to store, or why it is refused. */
export function transition(s: LifecycleState, req: TransitionRequest): TransitionResult {
  const allowed = allowedNext(s.status);
  if (!allowed.includes(req.to)) {
    return { ok: false, kind: 'not_allowed', allowed };
  }
  if (!isCalendarDate(req.date)) {
    return invalid('body/date', 'not a calendar date (YYYY-MM-DD)');
  }
  const after = lastDate(s);
  // Withdrawing a notice is dated on or after the notice; every other step too.
  if (req.date < after) {
    return invalid('body/date', `must not be before ${after}, the date of the previous step`);
  }
  switch (req.to) {
    case 'signed': {
      const signatories = req.signatories ?? [];
      if (signatories.length === 0) {
        return invalid('body/signatories', 'at least one signatory with function and date');
      }
      const bad = signatories.findIndex((p) => !isCalendarDate(p.date) || p.date > req.date || p.date < s.intentDeclaredAt);
      if (bad >= 0) {
        return invalid(`body/signatories/${bad}/date`, 'a signature date between the intent and the signing date');
      }
      if (!req.signedDocumentId) {
        return invalid('body/signedDocumentId', 'attach the signed agreement (PDF) first');
      }
      return { ok: true, changes: { status: 'signed', signedAt: req.date, signatories, signedDocumentId: req.signedDocumentId } };
    }
    case 'onboarding':
      return { ok: true, changes: { status: 'onboarding', onboardingStartedAt: req.date } };
    case 'active':
      if (s.status === 'notice_given') {
        // The notice is withdrawn: the agreement runs on as before.
        return { ok: true, changes: { status: 'active', noticeGivenAt: null, effectiveEnd: null } };
      }
      return { ok: true, changes: { status: 'active', activeSince: req.date } };
    case 'notice_given':
      return {
        ok: true,
        changes: {
          status: 'notice_given',
          noticeGivenAt: req.date,
          effectiveEnd: effectiveEndDate(req.date, { months: s.noticeMonths, toYearEnd: s.noticeToYearEnd }, s),
        },
      };
    case 'ended':
      if (s.status === 'notice_given' && s.effectiveEnd && req.date < s.effectiveEnd) {
        return invalid('body/date', `the notice takes effect on ${s.effectiveEnd}; the agreement cannot end before`);
      }
      return { ok: true, changes: { status: 'ended', endedAt: req.date } };
    case 'intent':
      return { ok: false, kind: 'not_allowed', allowed };
  }
}
