import { z } from 'zod';
import { DRAWDOWN_STATUSES, FUNDING_TYPES } from './grants.schema.js';
import { fromCents, toCents } from './grants.rules.js';

const optText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
const CalendarDate = z.iso.date();

/**
 * Money as a decimal string (a JSON number would pass through a float), up to 2 fraction digits,
 * not negative; answered in canonical form ("1234.50"). A comma is taken as decimal separator.
 */
export const Money = z
  .string()
  .trim()
  .max(20)
  .transform((s, ctx) => {
    const t = s.replace(',', '.');
    if (!/^\d+(\.\d{1,2})?$/.test(t) || t.length > 16) {
      ctx.addIssue({ code: 'custom', message: 'an amount ≥ 0 in euro with at most 2 fraction digits, as a string, e.g. "1234.50"' });
      return z.NEVER;
    }
    return fromCents(toCents(t));
  })
  .meta({ type: 'string', example: '1234.50', description: 'euro amount, 2 fraction digits' });

export const Percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percent with up to 2 fraction digits, e.g. "20" or "72.44"')
  .refine((s) => Number(s) <= 100, 'at most 100')
  .meta({ type: 'string', example: '20' });

export const FundingType = z.enum(FUNDING_TYPES);
export const DrawdownStatus = z.enum(DRAWDOWN_STATUSES);

export const IdParams = z.strictObject({ id: z.uuid() });
export const LineParams = z.strictObject({ id: z.uuid(), lineId: z.uuid() });
export const ExpenseParams = z.strictObject({ id: z.uuid(), expenseId: z.uuid() });
export const DrawdownParams = z.strictObject({ id: z.uuid(), drawdownId: z.uuid() });

// ---- programmes -------------------------------------------------------------------------------

export const ProgrammeCreateRequest = z.strictObject({
  /** Defaults to the caller's provider. */
  providerId: z.uuid().optional(),
  name: z.string().trim().min(1).max(200),
  authority: optText(200),
  paysPerMember: z.boolean().default(false),
  notes: optText(2000),
});
export type ProgrammeCreateRequest = z.infer<typeof ProgrammeCreateRequest>;

export const ProgrammeResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  name: z.string(),
  authority: z.string().nullable(),
  paysPerMember: z.boolean(),
  notes: z.string().nullable(),
});
export type ProgrammeResponse = z.infer<typeof ProgrammeResponse>;
export const ProgrammeListResponse = z.object({ items: z.array(ProgrammeResponse) });

// ---- grants -------------------------------------------------------------------------------------

export const BeneficiaryInput = z.strictObject({
  orgId: z.uuid(),
  sharePercent: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percent with up to 4 fraction digits')
    .refine((s) => Number(s) <= 100, 'at most 100'),
  amount: Money,
  ownShare: Money.default('0.00'),
});

const GrantFields = {
  title: z.string().trim().min(1).max(300),
  authority: z.string().trim().min(1).max(200),
  fileReference: z.string().trim().min(1).max(100),
  noticeDate: CalendarDate,
  fundingType: FundingType,
  ratePercent: Percent.nullable().optional(),
  ceiling: Money.nullable().optional(),
  amount: Money,
  eligibleCost: Money,
  ineligibleCost: Money.default('0.00'),
  periodStart: CalendarDate,
  periodEnd: CalendarDate,
  lineDeviationPercent: Percent.default('20'),
  lockInYears: z.number().int().min(0).max(30).default(5),
  interimProofDue: CalendarDate.nullable().optional(),
  finalProofDue: CalendarDate.nullable().optional(),
  reportText: z.string().trim().max(50_000).nullable().optional(),
};

export const GrantCreateRequest = z
  .strictObject({
    programmeId: z.uuid(),
    ...GrantFields,
    beneficiaries: z.array(BeneficiaryInput).max(2000).default([]),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { message: 'The approval period ends before it starts.', path: ['periodEnd'] })
  .refine((v) => toCents(v.amount) <= toCents(v.eligibleCost) || v.fundingType === 'fixed', {
    message: 'The grant exceeds the eligible cost.',
    path: ['amount'],
  })
  .refine((v) => v.fundingType !== 'share' || v.ratePercent, { message: 'Share financing needs a rate.', path: ['ratePercent'] });
export type GrantCreateRequest = z.infer<typeof GrantCreateRequest>;

export const GrantUpdateRequest = z
  .strictObject({
    title: GrantFields.title.optional(),
    authority: GrantFields.authority.optional(),
    fileReference: GrantFields.fileReference.optional(),
    noticeDate: CalendarDate.optional(),
    ratePercent: GrantFields.ratePercent,
    ceiling: GrantFields.ceiling,
    amount: Money.optional(),
    eligibleCost: Money.optional(),
    ineligibleCost: Money.optional(),
    periodStart: CalendarDate.optional(),
    periodEnd: CalendarDate.optional(),
    lineDeviationPercent: Percent.optional(),
    lockInYears: z.number().int().min(0).max(30).optional(),
    interimProofDue: GrantFields.interimProofDue,
    finalProofDue: GrantFields.finalProofDue,
    reportText: GrantFields.reportText,
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' });
export type GrantUpdateRequest = z.infer<typeof GrantUpdateRequest>;

export const BeneficiariesPutRequest = z.strictObject({ items: z.array(BeneficiaryInput).max(2000) });
export type BeneficiariesPutRequest = z.infer<typeof BeneficiariesPutRequest>;

export const BeneficiaryResponse = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  sharePercent: z.string(),
  amount: z.string(),
  ownShare: z.string(),
  /** Requested, approved and received drawdowns of this member. */
  drawnAmount: z.string(),
  receivedAmount: z.string(),
});

export const Warning = z.object({ code: z.string(), detail: z.string(), lineId: z.uuid().optional() });

export const GrantListQuery = z.strictObject({
  /** A provider or member; default every visible one. */
  orgId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  /** The same rows as CSV (semicolons, UTF-8 with BOM) or an Excel workbook. */
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});

export const GrantSummary = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  paysPerMember: z.boolean(),
  title: z.string(),
  authority: z.string(),
  fileReference: z.string(),
  noticeDate: z.string(),
  fundingType: FundingType,
  ratePercent: z.string().nullable(),
  ceiling: z.string().nullable(),
  /** The granted sum; for a member: its part. */
  amount: z.string(),
  eligibleCost: z.string(),
  ineligibleCost: z.string(),
  /** Eligible cost not covered by the grant (the recipient's own share); for a member: its own share. */
  ownShare: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  interimProofDue: z.string().nullable(),
  finalProofDue: z.string().nullable(),
  /** Booked expenses (a member: its own), drawn (every status) and received. */
  spent: z.string(),
  drawn: z.string(),
  received: z.string(),
  /** True when the caller sees the whole grant (the provider), false for a beneficiary's view. */
  full: z.boolean(),
});
export type GrantSummary = z.infer<typeof GrantSummary>;
export const GrantListResponse = z.object({ items: z.array(GrantSummary) });

export const GrantResponse = GrantSummary.extend({
  lineDeviationPercent: z.string(),
  lockInYears: z.number().int(),
  reportText: z.string().nullable(),
  beneficiaries: z.array(BeneficiaryResponse),
  warnings: z.array(Warning),
  abilities: z.object({ manage: z.boolean() }),
});
export type GrantResponse = z.infer<typeof GrantResponse>;

// ---- plan lines -------------------------------------------------------------------------------

export const PlanLineCreateRequest = z.strictObject({
  code: z.string().trim().min(1).max(30),
  title: z.string().trim().min(1).max(300),
  budget: Money,
  deviationPercent: Percent.nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type PlanLineCreateRequest = z.infer<typeof PlanLineCreateRequest>;
export const PlanLineUpdateRequest = z
  .strictObject({
    code: PlanLineCreateRequest.shape.code.optional(),
    title: PlanLineCreateRequest.shape.title.optional(),
    budget: Money.optional(),
    deviationPercent: Percent.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' });
export type PlanLineUpdateRequest = z.infer<typeof PlanLineUpdateRequest>;

export const PlanLineResponse = z.object({
  id: z.uuid(),
  position: z.number().int(),
  code: z.string(),
  title: z.string(),
  budget: z.string(),
  actual: z.string(),
  remaining: z.string(),
  expenseCount: z.number().int(),
  overPercent: z.string(),
  limitPercent: z.string(),
  deviationPercent: z.string().nullable(),
  state: z.enum(['ok', 'over_offset', 'over_limit', 'over_not_offset']),
});
export const PlanResponse = z.object({
  items: z.array(PlanLineResponse),
  budget: z.string(),
  actual: z.string(),
  warnings: z.array(Warning),
});
export type PlanResponse = z.infer<typeof PlanResponse>;

// ---- expenses ---------------------------------------------------------------------------------

export const ExpenseCreateRequest = z
  .strictObject({
    planLineId: z.uuid(),
    expenseDate: CalendarDate,
    /** When the payment is due (the two-month rule); default the expense date. */
    dueDate: CalendarDate.optional(),
    payee: z.string().trim().min(1).max(200),
    purpose: z.string().trim().min(1).max(500),
    invoiceNumber: optText(100),
    amount: Money.refine((s) => toCents(s) > 0n, 'more than 0'),
    memberId: z.uuid().nullable().optional(),
    assetId: z.uuid().nullable().optional(),
  })
  .refine((v) => !v.dueDate || v.dueDate >= v.expenseDate, { message: 'Due before the invoice date.', path: ['dueDate'] });
export type ExpenseCreateRequest = z.infer<typeof ExpenseCreateRequest>;

export const ExpenseResponse = z.object({
  id: z.uuid(),
  planLineId: z.uuid(),
  planLineCode: z.string().nullable(),
  expenseDate: z.string(),
  dueDate: z.string(),
  payee: z.string(),
  purpose: z.string(),
  invoiceNumber: z.string().nullable(),
  amount: z.string(),
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  asset: z.object({ id: z.uuid(), inventoryNumber: z.string(), name: z.string().nullable() }).nullable(),
  drawdownId: z.uuid().nullable(),
  receipt: z.object({ name: z.string(), sizeBytes: z.number().int(), sha256: z.string() }).nullable(),
  abilities: z.object({ delete: z.boolean() }),
});
export type ExpenseResponse = z.infer<typeof ExpenseResponse>;
export const ExpenseListResponse = z.object({ items: z.array(ExpenseResponse), total: z.string() });

// ---- drawdowns --------------------------------------------------------------------------------

export const DrawdownPreviewQuery = z.strictObject({
  memberId: z.uuid().optional(),
  requestedOn: CalendarDate.optional(),
  amount: Money.optional(),
});
export const DrawdownCreateRequest = z.strictObject({
  /** Required where the programme pays per member. */
  memberId: z.uuid().nullable().optional(),
  /** Default today (Europe/Berlin). */
  requestedOn: CalendarDate.optional(),
  /** Default what the rules allow. */
  amount: Money.refine((s) => toCents(s) > 0n, 'more than 0').optional(),
  notes: optText(2000),
});
export type DrawdownCreateRequest = z.infer<typeof DrawdownCreateRequest>;

export const DrawdownComputationResponse = z.object({
  requestedOn: z.string(),
  latestDue: z.string(),
  memberId: z.uuid().nullable(),
  expenseIds: z.array(z.uuid()),
  excluded: z.array(z.object({ id: z.uuid(), reason: z.enum(['already_drawn', 'due_later', 'outside_period']) })),
  expenses: z.string(),
  proRata: z.string(),
  ownShare: z.string(),
  allowed: z.string(),
  amount: z.string(),
  warnings: z.array(z.string()),
});
export type DrawdownComputationResponse = z.infer<typeof DrawdownComputationResponse>;

export const DrawdownStatusRequest = z.strictObject({
  to: z.enum(['approved', 'received']),
  /** Default today (Europe/Berlin). */
  date: CalendarDate.optional(),
  /** When received: the cost pool the money reduces before allocation (billing). */
  costPoolId: z.uuid().nullable().optional(),
});
export type DrawdownStatusRequest = z.infer<typeof DrawdownStatusRequest>;

export const DrawdownResponse = z.object({
  id: z.uuid(),
  number: z.number().int(),
  member: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  requestedOn: z.string(),
  computedAmount: z.string(),
  amount: z.string(),
  status: DrawdownStatus,
  approvedOn: z.string().nullable(),
  receivedOn: z.string().nullable(),
  costPoolId: z.uuid().nullable(),
  warnings: z.array(z.string()),
  expenseCount: z.number().int(),
  notes: z.string().nullable(),
  abilities: z.object({ next: z.array(z.enum(['approved', 'received'])) }),
});
export type DrawdownResponse = z.infer<typeof DrawdownResponse>;
export const DrawdownListResponse = z.object({ items: z.array(DrawdownResponse) });
