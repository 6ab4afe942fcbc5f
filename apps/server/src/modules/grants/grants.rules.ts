/**
 * The rules of a grant notice as plain functions (no I/O): pro-rata drawdowns with the own share,
 * the two-month rule, the financing plan's total binding and per-line deviation limits, sums of the
 * proof of use, the lock-in end of funded assets, deadline reminders and the savings estimate.
 * Money is bigint cents; decimal strings only at the edges.
 */

/** A numeric(14,2) decimal string ("1234.5", "-3", "0.07") → cents; throws on anything else. */
export function toCents(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) {
    throw new RangeError(`toCents: not a decimal amount: ${text}`);
  }
  const v = BigInt(m[2]! + (m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

/** Cents → decimal string with two places ("-12.34"). */
export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const a = (neg ? -cents : cents).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
}

/** a × b / c rounded half away from zero (c > 0). */
export function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
  if (c <= 0n) {
    throw new RangeError('mulDivRound: divisor must be positive');
  }
  const p = a * b;
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const q = (abs * 2n + c) / (2n * c);
  return neg ? -q : q;
}

/** part / whole as a percent string with one decimal ("20.5"); "0.0" when whole is 0. */
export function percentOf(part: bigint, whole: bigint): string {
  if (whole === 0n) {
    return '0.0';
  }
  const tenths = mulDivRound(part, 1000n, whole);
  const neg = tenths < 0n;
  const a = neg ? -tenths : tenths;
  return `${neg ? '-' : ''}${a / 10n}.${a % 10n}`;
}

/** Calendar months after an ISO date; the day is clamped to the month's end (31.12. + 2 → 28./29.02.). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

// ---- drawdowns ------------------------------------------------------------------------------

export const DRAWDOWN_WINDOW_MONTHS = 2;

export interface GrantTerms {
  /** The granted sum. */
  amountCents: bigint;
  /** Eligible cost: the pro-rata base (grant / eligible = the funded part of each euro). */
  eligibleCents: bigint;
  periodStart: string;
  periodEnd: string;
}

export interface DrawdownExpense {
  id: string;
  amountCents: bigint;
  expenseDate: string;
  dueDate: string;
  /** Already part of an earlier drawdown. */
  drawn: boolean;
}

export type DrawdownWarning =
  | 'no_due_expenses'
  | 'exceeds_pro_rata'
  | 'exceeds_grant'
  | 'exceeds_member_share'
  | 'expenses_outside_period'
  | 'expenses_due_later';

export type ExclusionReason = 'already_drawn' | 'due_later' | 'outside_period';

export interface DrawdownComputation {
  /** Expenses the drawdown claims: payments due by `latestDue`. */
  included: string[];
  excluded: { id: string; reason: ExclusionReason }[];
  /** Last due date a payment may have to be claimed now (request date + two months). */
  latestDue: string;
  expenseCents: bigint;
  /** The funded part of the included expenses (pro rata with the own share). */
  proRataCents: bigint;
  /** What the rules allow: pro rata, and no more than what is left of the grant (and the member's part). */
  allowedCents: bigint;
  /** The amount of the drawdown: the requested amount, else what is allowed. */
  amountCents: bigint;
  /** The own share carried by the recipient on the included expenses. */
  ownShareCents: bigint;
  warnings: DrawdownWarning[];
}

/**
 * A drawdown (Mittelabruf): only for payments due within two months of the request (ANBest-P
 * Nr. 1.4), pro rata with the own share (grant / eligible cost of each expense), never beyond
 * what is left of the grant or of the member's part where the programme pays per member. A
 * requested amount above that is kept but warned about, as the authority will refuse it.
 */
export function computeDrawdown(args: {
  terms: GrantTerms;
  expenses: readonly DrawdownExpense[];
  requestDate: string;
  /** Sum of earlier drawdowns of the grant (every status). */
  earlierCents: bigint;
  /** Where the programme pays per member: the member's part and its earlier drawdowns. */
  member?: { amountCents: bigint; earlierCents: bigint };
  requestedCents?: bigint | null;
}): DrawdownComputation {
  const { terms, requestDate } = args;
  const latestDue = addMonths(requestDate, DRAWDOWN_WINDOW_MONTHS);
  const included: DrawdownExpense[] = [];
  const excluded: DrawdownComputation['excluded'] = [];
  for (const e of args.expenses) {
    if (e.drawn) {
      excluded.push({ id: e.id, reason: 'already_drawn' });
    } else if (e.expenseDate < terms.periodStart || e.expenseDate > terms.periodEnd) {
      excluded.push({ id: e.id, reason: 'outside_period' });
    } else if (e.dueDate > latestDue) {
      excluded.push({ id: e.id, reason: 'due_later' });
    } else {
      included.push(e);
    }
  }
  const expenseCents = included.reduce((a, e) => a + e.amountCents, 0n);
  const proRataCents = terms.eligibleCents > 0n ? mulDivRound(expenseCents, terms.amountCents, terms.eligibleCents) : 0n;
  const leftOfGrant = terms.amountCents - args.earlierCents;
  let allowed = proRataCents < leftOfGrant ? proRataCents : leftOfGrant;
  if (args.member) {
    const leftOfMember = args.member.amountCents - args.member.earlierCents;
    allowed = allowed < leftOfMember ? allowed : leftOfMember;
  }
  if (allowed < 0n) {
    allowed = 0n;
  }
  const amountCents = args.requestedCents ?? allowed;
  const warnings: DrawdownWarning[] = [];
  if (included.length === 0) {
    warnings.push('no_due_expenses');
  }
  if (amountCents > proRataCents) {
    warnings.push('exceeds_pro_rata');
  }
  if (args.earlierCents + amountCents > terms.amountCents) {
    warnings.push('exceeds_grant');
  }
  if (args.member && args.member.earlierCents + amountCents > args.member.amountCents) {
    warnings.push('exceeds_member_share');
  }
  if (excluded.some((x) => x.reason === 'outside_period')) {
    warnings.push('expenses_outside_period');
  }
  if (excluded.some((x) => x.reason === 'due_later')) {
    warnings.push('expenses_due_later');
  }
  return {
    included: included.map((e) => e.id),
    excluded,
    latestDue,
    expenseCents,
    proRataCents,
    allowedCents: allowed,
    amountCents,
    ownShareCents: expenseCents - proRataCents,
    warnings,
  };
}

const NEXT: Record<string, readonly string[]> = { requested: ['approved'], approved: ['received'], received: [] };

/** requested → approved → received; nothing else. */
export function drawdownNext(status: string): readonly string[] {
  return NEXT[status] ?? [];
}

// ---- financing plan -------------------------------------------------------------------------

export interface PlanLineActual {
  id: string;
  code: string;
  budgetCents: bigint;
  actualCents: bigint;
  /** Per-line override of the grant's deviation limit, percent as a decimal string. */
  deviationPercent: string | null;
}

export type LineState = 'ok' | 'over_offset' | 'over_limit' | 'over_not_offset';

export interface PlanCheck {
  lines: { id: string; code: string; budgetCents: bigint; actualCents: bigint; remainingCents: bigint; overPercent: string; limitPercent: string; state: LineState }[];
  budgetCents: bigint;
  actualCents: bigint;
  warnings: { code: 'total_exceeded' | 'line_over_limit' | 'line_over_not_offset' | 'budget_differs_from_eligible'; lineId?: string; lineCode?: string; detail: string }[];
}

/** Percent string ("20", "12.5") → basis points (2000, 1250). */
function basisPoints(percent: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!m) {
    throw new RangeError(`basisPoints: not a percent: ${percent}`);
  }
  return BigInt(m[1]! + (m[2] ?? '').padEnd(2, '0'));
}

/**
 * The financing plan is binding in total; a line may run over its budget by up to the limit
 * (e.g. 20 %) when other lines offset it (ANBest-P Nr. 1.2). Beyond the limit, or without offset,
 * or over the total: a warning the provider must resolve by a change request.
 */
export function checkPlan(lines: readonly PlanLineActual[], defaultLimitPercent: string, eligibleCents?: bigint): PlanCheck {
  const budgetCents = lines.reduce((a, l) => a + l.budgetCents, 0n);
  const actualCents = lines.reduce((a, l) => a + l.actualCents, 0n);
  const totalOver = actualCents > budgetCents;
  const warnings: PlanCheck['warnings'] = [];
  const out = lines.map((l) => {
    const limit = l.deviationPercent ?? defaultLimitPercent;
    const over = l.actualCents - l.budgetCents;
    let state: LineState = 'ok';
    if (over > 0n) {
      // over / budget > limit / 100  ⇔  over × 10000 > limit(bp) × budget
      const beyond = l.budgetCents === 0n || over * 10_000n > basisPoints(limit) * l.budgetCents;
      state = beyond ? 'over_limit' : totalOver ? 'over_not_offset' : 'over_offset';
      if (state === 'over_limit') {
        warnings.push({ code: 'line_over_limit', lineId: l.id, lineCode: l.code, detail: `${l.code}: ${percentOf(over, l.budgetCents)} % über dem Ansatz (zulässig ${limit} %)` });
      } else if (state === 'over_not_offset') {
        warnings.push({ code: 'line_over_not_offset', lineId: l.id, lineCode: l.code, detail: `${l.code}: Überschreitung nicht durch Einsparungen anderer Positionen ausgeglichen` });
      }
    }
    return { id: l.id, code: l.code, budgetCents: l.budgetCents, actualCents: l.actualCents, remainingCents: l.budgetCents - l.actualCents, overPercent: percentOf(over > 0n ? over : 0n, l.budgetCents), limitPercent: limit, state };
  });
  if (totalOver) {
    warnings.unshift({ code: 'total_exceeded', detail: `Gesamtausgaben ${fromCents(actualCents)} über dem verbindlichen Finanzierungsplan ${fromCents(budgetCents)}` });
  }
  if (eligibleCents !== undefined && lines.length > 0 && budgetCents !== eligibleCents) {
    warnings.push({ code: 'budget_differs_from_eligible', detail: `Summe der Ansätze ${fromCents(budgetCents)} weicht von den zuwendungsfähigen Ausgaben ${fromCents(eligibleCents)} ab` });
  }
  return { lines: out, budgetCents, actualCents, warnings };
}

// ---- proof of use ---------------------------------------------------------------------------

/** Sums of the numerical proof per plan line; the total equals the sum of every booked expense. */
export function proofSums(
  lines: readonly { id: string; budgetCents: bigint }[],
  expenses: readonly { planLineId: string; amountCents: bigint }[],
): { perLine: Map<string, { budgetCents: bigint; actualCents: bigint; count: number }>; totalCents: bigint } {
  const perLine = new Map(lines.map((l) => [l.id, { budgetCents: l.budgetCents, actualCents: 0n, count: 0 }]));
  let totalCents = 0n;
  for (const e of expenses) {
    const line = perLine.get(e.planLineId);
    if (!line) {
      throw new RangeError(`proofSums: expense on unknown plan line ${e.planLineId}`);
    }
    line.actualCents += e.amountCents;
    line.count += 1;
    totalCents += e.amountCents;
  }
  return { perLine, totalCents };
}

// ---- lock-in and deadlines --------------------------------------------------------------------

/** End of the lock-in (Zweckbindung) of an asset acquired on `acquired`: the day before the anniversary. */
export function lockInEnd(acquired: string, years: number): string {
  return addDays(addYears(acquired, years), -1);
}

/** A disposal on `disposedOn` breaks the lock-in when it falls before its end. */
export function disposedInLockIn(disposedOn: string | null, end: string): boolean {
  return disposedOn !== null && disposedOn <= end;
}

export const REMINDER_LEAD_DAYS = 30;

/** A deadline reminder goes out once, from `leadDays` before the deadline on. */
export function reminderDue(deadline: string | null, today: string, remindedAt: Date | null, leadDays = REMINDER_LEAD_DAYS): boolean {
  return deadline !== null && remindedAt === null && today >= addDays(deadline, -leadDays);
}

// ---- savings ----------------------------------------------------------------------------------

export interface ReferenceCosts {
  perWorkstationCents: bigint;
  perServerCents: bigint;
  perBackupJobCents: bigint;
  basePerMemberCents: bigint;
}

/** What running the same services alone would cost a member in a year, by the reference costs. */
export function aloneEstimate(ref: ReferenceCosts, counts: { workstations: number; servers: number; backupJobs: number }): bigint {
  return (
    ref.basePerMemberCents +
    ref.perWorkstationCents * BigInt(counts.workstations) +
    ref.perServerCents * BigInt(counts.servers) +
    ref.perBackupJobCents * BigInt(counts.backupJobs)
  );
}
