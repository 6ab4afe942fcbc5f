import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { assets } from '../assets/assets.schema.js';
import { costPools } from '../billing/billing.schema.js';
import { organisations } from '../organisations/organisations.schema.js';

/** Anteil-, Fehlbedarfs-, Festbetrags- or Vollfinanzierung (§ 44 LHO, VV Nr. 2). */
export const FUNDING_TYPES = ['share', 'deficit', 'fixed', 'full'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
export const DRAWDOWN_STATUSES = ['requested', 'approved', 'received'] as const;
export type DrawdownStatus = (typeof DRAWDOWN_STATUSES)[number];

/** A funding programme of a provider, e.g. "Thüringer E-Government-Richtlinie". */
export const grantProgrammes = pgTable(
  'grant_programmes',
  {
    id: idColumn(),
    /** The provider. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    /** The authority that usually awards it (default for new grants). */
    authority: text('authority'),
    /** The programme pays per integrated member (drawdowns per member, as KITS's). */
    paysPerMember: boolean('pays_per_member').notNull().default(false),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('grant_programmes_name_uq').on(t.orgId, t.name)],
);
export type GrantProgrammeRow = typeof grantProgrammes.$inferSelect;

/**
 * A grant (Zuwendungsbescheid) to the provider: who awarded it under which file reference, how it
 * is financed, what it covers, and the rules of the notice (total binding, per-line deviation,
 * proof deadlines, lock-in of funded assets). Money as numeric(14,2) decimal strings.
 */
export const grants = pgTable(
  'grants',
  {
    id: idColumn(),
    /** The recipient: the provider. Members read it through their beneficiary rows (migration policy). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => grantProgrammes.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    authority: text('authority').notNull(),
    fileReference: text('file_reference').notNull(),
    noticeDate: date('notice_date', { mode: 'string' }).notNull(),
    fundingType: text('funding_type', { enum: FUNDING_TYPES }).notNull(),
    /** Funding rate in percent (share financing); informative for the others. */
    ratePercent: numeric('rate_percent', { precision: 5, scale: 2 }),
    /** Höchstbetrag. */
    ceiling: numeric('ceiling', { precision: 14, scale: 2 }),
    /** The granted sum as stated in the notice. */
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    eligibleCost: numeric('eligible_cost', { precision: 14, scale: 2 }).notNull(),
    ineligibleCost: numeric('ineligible_cost', { precision: 14, scale: 2 }).notNull().default('0'),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Per-line overrun allowed when offset elsewhere (ANBest: often 20 %). */
    lineDeviationPercent: numeric('line_deviation_percent', { precision: 5, scale: 2 }).notNull().default('20'),
    /** Funded assets are locked for this many years from acquisition (Zweckbindungsfrist). */
    lockInYears: integer('lock_in_years').notNull().default(5),
    interimProofDue: date('interim_proof_due', { mode: 'string' }),
    finalProofDue: date('final_proof_due', { mode: 'string' }),
    /** When the reminder for each deadline went out (once per deadline). */
    interimRemindedAt: timestamp('interim_reminded_at', { withTimezone: true }),
    finalRemindedAt: timestamp('final_reminded_at', { withTimezone: true }),
    /** Sachbericht of the proof of use. */
    reportText: text('report_text'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('grants_org_idx').on(t.orgId, t.noticeDate),
    check('grants_amounts_chk', sql`${t.amount} >= 0 and ${t.eligibleCost} >= 0 and ${t.ineligibleCost} >= 0`),
    check('grants_period_chk', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('grants_rate_chk', sql`${t.ratePercent} is null or (${t.ratePercent} > 0 and ${t.ratePercent} <= 100)`),
    check('grants_lock_in_chk', sql`${t.lockInYears} between 0 and 30`),
  ],
);
export type GrantRow = typeof grants.$inferSelect;

/** A member the grant is passed on to (Weiterleitung, VV Nr. 12) with its share and own share. */
export const grantBeneficiaries = pgTable(
  'grant_beneficiaries',
  {
    id: idColumn(),
    /** The member. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    /** Share of the grant in percent (4 decimals). */
    sharePercent: numeric('share_percent', { precision: 7, scale: 4 }).notNull(),
    /** The member's part of the grant and its own share (Eigenanteil). */
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    ownShare: numeric('own_share', { precision: 14, scale: 2 }).notNull().default('0'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('grant_beneficiaries_uq').on(t.grantId, t.orgId),
    index('grant_beneficiaries_org_idx').on(t.orgId),
    check('grant_beneficiaries_share_chk', sql`${t.sharePercent} >= 0 and ${t.sharePercent} <= 100`),
  ],
);
export type GrantBeneficiaryRow = typeof grantBeneficiaries.$inferSelect;

/** A line of the financing plan with its budget. */
export const grantPlanLines = pgTable(
  'grant_plan_lines',
  {
    id: idColumn(),
    /** The provider (the grant's org). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    budget: numeric('budget', { precision: 14, scale: 2 }).notNull(),
    /** Overrides the grant's per-line deviation limit. */
    deviationPercent: numeric('deviation_percent', { precision: 5, scale: 2 }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('grant_plan_lines_code_uq').on(t.grantId, t.code),
    index('grant_plan_lines_grant_idx').on(t.grantId, t.position),
    check('grant_plan_lines_budget_chk', sql`${t.budget} >= 0`),
  ],
);
export type GrantPlanLineRow = typeof grantPlanLines.$inferSelect;

/**
 * A drawdown (Mittelabruf): requested → approved → received; per member where the programme pays
 * per member (`member_id`, and then `org_id` = the member, so it reads its own drawdowns).
 */
export const grantDrawdowns = pgTable(
  'grant_drawdowns',
  {
    id: idColumn(),
    /** The member of a per-member drawdown, else the provider. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').references(() => organisations.id, { onDelete: 'restrict' }),
    /** 1, 2, … per grant. */
    number: integer('number').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    /** What the linked expenses allow (pro rata, two-month rule) at the time of the request. */
    computedAmount: numeric('computed_amount', { precision: 14, scale: 2 }).notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    status: text('status', { enum: DRAWDOWN_STATUSES }).notNull().default('requested'),
    approvedOn: date('approved_on', { mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }),
    /** A received drawdown reduces this cost pool before allocation (billing hook). */
    costPoolId: uuid('cost_pool_id').references(() => costPools.id, { onDelete: 'set null' }),
    /** Warnings found at the request (kept as part of the record). */
    warnings: text('warnings').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('grant_drawdowns_number_uq').on(t.grantId, t.number),
    index('grant_drawdowns_pool_idx').on(t.costPoolId),
    index('grant_drawdowns_org_idx').on(t.orgId),
    check('grant_drawdowns_amount_chk', sql`${t.amount} > 0 and ${t.computedAmount} >= 0`),
    check(
      'grant_drawdowns_status_chk',
      sql`(${t.status} = 'requested') or (${t.status} = 'approved' and ${t.approvedOn} is not null) or (${t.status} = 'received' and ${t.receivedOn} is not null)`,
    ),
  ],
);
export type GrantDrawdownRow = typeof grantDrawdowns.$inferSelect;

/**
 * An expense booked against a plan line: date, payee, purpose, amount, when payment is due (the
 * two-month rule), the receipt, optionally the funded asset and the member it is for. `org_id` is
 * the member when there is one, else the provider.
 */
export const grantExpenses = pgTable(
  'grant_expenses',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    planLineId: uuid('plan_line_id')
      .notNull()
      .references(() => grantPlanLines.id, { onDelete: 'restrict' }),
    memberId: uuid('member_id').references(() => organisations.id, { onDelete: 'restrict' }),
    assetId: uuid('asset_id').references(() => assets.id, { onDelete: 'set null' }),
    drawdownId: uuid('drawdown_id').references(() => grantDrawdowns.id, { onDelete: 'set null' }),
    expenseDate: date('expense_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    payee: text('payee').notNull(),
    purpose: text('purpose').notNull(),
    invoiceNumber: text('invoice_number'),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    receiptFileKey: text('receipt_file_key'),
    receiptFileName: text('receipt_file_name'),
    receiptSha256: text('receipt_sha256'),
    receiptSizeBytes: integer('receipt_size_bytes'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('grant_expenses_grant_idx').on(t.grantId, t.expenseDate),
    index('grant_expenses_line_idx').on(t.planLineId),
    index('grant_expenses_asset_idx').on(t.assetId),
    index('grant_expenses_drawdown_idx').on(t.drawdownId),
    index('grant_expenses_org_idx').on(t.orgId),
    check('grant_expenses_amount_chk', sql`${t.amount} > 0`),
  ],
);
export type GrantExpenseRow = typeof grantExpenses.$inferSelect;

/**
 * Reference costs for the savings report: what a member would pay running alone per workstation,
 * server, backup job and as a fixed base per year (e.g. KGSt figures), entered by the provider.
 */
export const savingsReferenceCosts = pgTable(
  'savings_reference_costs',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    perWorkstation: numeric('per_workstation', { precision: 14, scale: 2 }).notNull(),
    perServer: numeric('per_server', { precision: 14, scale: 2 }).notNull(),
    perBackupJob: numeric('per_backup_job', { precision: 14, scale: 2 }).notNull(),
    basePerMember: numeric('base_per_member', { precision: 14, scale: 2 }).notNull().default('0'),
    source: text('source'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('savings_reference_costs_uq').on(t.orgId, t.year),
    check('savings_reference_costs_year_chk', sql`${t.year} between 2000 and 2100`),
    check(
      'savings_reference_costs_amounts_chk',
      sql`${t.perWorkstation} >= 0 and ${t.perServer} >= 0 and ${t.perBackupJob} >= 0 and ${t.basePerMember} >= 0`,
    ),
  ],
);
export type SavingsReferenceCostsRow = typeof savingsReferenceCosts.$inferSelect;
