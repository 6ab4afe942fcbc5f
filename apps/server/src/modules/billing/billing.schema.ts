import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const POOL_CATEGORIES = ['personnel', 'depreciation', 'licences', 'energy', 'external_services', 'rent', 'other'] as const;
export const POOL_KEYS = ['population', 'workstations', 'usage', 'equal', 'fixed'] as const;
export const RUN_KINDS = ['advance', 'settlement', 'usage'] as const;
export const RUN_STATUSES = ['draft', 'issuing', 'issued'] as const;
export const INVOICE_STATUSES = ['draft', 'issued'] as const;
export const BUDGET_SYSTEMS = ['doppik', 'kameralistik'] as const;
export const EXPENSE_KINDS = ['consumptive', 'investive'] as const;
export const DOCUMENT_KINDS = ['ubl', 'cii', 'pdf'] as const;

/** Seller data of a provider for its invoices (BG-4) and its payment terms. One row per provider. */
export const billingSettings = pgTable(
  'billing_settings',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    sellerName: text('seller_name').notNull(),
    street: text('street').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    countryCode: text('country_code').notNull().default('DE'),
    /** USt-IdNr. (BT-31); or the local tax number (BT-32); at least one of both. */
    vatId: text('vat_id'),
    taxNumber: text('tax_number'),
    iban: text('iban').notNull(),
    bic: text('bic'),
    bankName: text('bank_name'),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email').notNull(),
    /** BT-34 seller electronic address, e.g. an e-mail address (scheme EM). */
    electronicAddress: text('electronic_address').notNull(),
    electronicAddressScheme: text('electronic_address_scheme').notNull().default('EM'),
    paymentTermsDays: integer('payment_terms_days').notNull().default(30),
    /** Invoice numbers read `<prefix>-<year>-<5 digits>`. */
    numberPrefix: text('number_prefix').notNull().default('RE'),
    /** VATEX code printed for exempt lines (category E). */
    exemptVatex: text('exempt_vatex').notNull().default('VATEX-EU-132-1I'),
    ...timestamps(),
  },
  (t) => [
    check('billing_settings_tax_chk', sql`${t.vatId} is not null or ${t.taxNumber} is not null`),
    check('billing_settings_terms_chk', sql`${t.paymentTermsDays} between 0 and 365`),
    check('billing_settings_prefix_chk', sql`${t.numberPrefix} ~ '^[A-Z]{1,6}$'`),
  ],
);

/** How a member books our invoices in its budget (Doppik or Kameralistik). One row per member. */
export const budgetMappings = pgTable(
  'budget_mappings',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    system: text('system', { enum: BUDGET_SYSTEMS }).notNull(),
    /** Doppik: Produkt, Sachkonto, Kostenstelle. */
    product: text('product'),
    account: text('account'),
    costCentre: text('cost_centre'),
    /** Kameralistik: Haushaltsstelle (Gliederung.Gruppierung). */
    budgetLine: text('budget_line'),
    expenseKind: text('expense_kind', { enum: EXPENSE_KINDS }).notNull().default('consumptive'),
    ...timestamps(),
  },
  (t) => [
    check('budget_mappings_system_chk', sql`${t.system} in ('doppik', 'kameralistik')`),
    check('budget_mappings_kind_chk', sql`${t.expenseKind} in ('consumptive', 'investive')`),
  ],
);

/** The yearly cost plan of a provider. */
export const costPlans = pgTable(
  'cost_plans',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('cost_plans_year_uq').on(t.orgId, t.year), check('cost_plans_year_chk', sql`${t.year} between 2000 and 2100`)],
);

/** Fixed share per member of a pool with key `fixed`, in millionths of the pool (10000 = 1 %). */
export type FixedShares = Record<string, number>;

/** A cost pool of a plan: planned and (after year-end) actual amount, and its allocation key. */
export const costPools = pgTable(
  'cost_pools',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => costPlans.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    category: text('category', { enum: POOL_CATEGORIES }).notNull(),
    plannedCents: bigint('planned_cents', { mode: 'bigint' }).notNull(),
    /** Actual cost after year-end (Spitzabrechnung); null until known. */
    actualCents: bigint('actual_cents', { mode: 'bigint' }),
    key: text('key', { enum: POOL_KEYS }).notNull(),
    /** Stichtag for population / workstations; default 30.06. of the previous year. */
    referenceDate: date('reference_date', { mode: 'string' }),
    /** Catalogue service ids whose quantities form the `usage` key. */
    serviceIds: jsonb('service_ids').$type<string[]>().notNull().default([]),
    fixedShares: jsonb('fixed_shares').$type<FixedShares>().notNull().default({}),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index('cost_pools_plan_idx').on(t.planId, t.position),
    check('cost_pools_amount_chk', sql`${t.plannedCents} >= 0 and coalesce(${t.actualCents}, 0) >= 0`),
    check('cost_pools_key_chk', sql`${t.key} in ('population', 'workstations', 'usage', 'equal', 'fixed')`),
  ],
);

export interface RunProgress {
  phase: 'compute' | 'issue' | 'pdf' | 'done' | 'failed';
  done: number;
  total: number;
}

/** A billing run: advance payments, year-end settlement or usage invoices for a period. */
export const billingRuns = pgTable(
  'billing_runs',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: RUN_KINDS }).notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull().default('draft'),
    year: integer('year').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    planId: uuid('plan_id').references(() => costPlans.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    issueDate: date('issue_date', { mode: 'string' }),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    progress: jsonb('progress').$type<RunProgress | null>(),
    lastError: text('last_error'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('billing_runs_org_idx').on(t.orgId, t.year),
    check('billing_runs_kind_chk', sql`${t.kind} in ('advance', 'settlement', 'usage')`),
    check('billing_runs_status_chk', sql`${t.status} in ('draft', 'issuing', 'issued')`),
    check('billing_runs_period_chk', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** Gapless invoice numbers per provider and year: the row is locked FOR UPDATE while issuing. */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);

/** One computed invoice line, money in cents as strings in JSON (never floats). */
export interface StoredLine {
  id: string;
  name: string;
  description?: string;
  quantity: string;
  unitCode: string;
  /** Up to 4 decimals, euro. */
  unitPrice: string;
  netCents: string;
  vatCategory: 'S' | 'O' | 'E';
  vatRate: string | null;
  /** BT-120 exemption reason (O, E) and BT-121 VATEX code (E). */
  vatReason?: string;
  vatex?: string;
  periodStart?: string;
  periodEnd?: string;
  poolId?: string;
  serviceId?: string;
}

/** Why a member pays what it pays: per pool the key value, share and amount (allocation runs). */
export interface StoredExplanation {
  poolId?: string;
  poolName: string;
  key: string;
  baseCents: string;
  keyValue: string;
  keyTotal: string;
  share: string;
  days?: number;
  amountCents: string;
  advancesCents?: string;
}

/**
 * An invoice or credit note to a member. `org_id` is the buyer (the member), so row-level security
 * lets a member see its own; `provider_id` the seller. Issued rows are immutable (trigger).
 */
export const invoices = pgTable(
  'invoices',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    runId: uuid('run_id')
      .notNull()
      .references(() => billingRuns.id, { onDelete: 'cascade' }),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('draft'),
    /** The run's kind, kept on the invoice: members cannot read the provider's runs. */
    runKind: text('run_kind', { enum: RUN_KINDS }).notNull(),
    /** 380 invoice, 381 credit note. */
    typeCode: text('type_code').notNull(),
    number: text('number'),
    issueDate: date('issue_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    leitwegId: text('leitweg_id'),
    buyerName: text('buyer_name').notNull(),
    netCents: bigint('net_cents', { mode: 'bigint' }).notNull(),
    vatCents: bigint('vat_cents', { mode: 'bigint' }).notNull(),
    grossCents: bigint('gross_cents', { mode: 'bigint' }).notNull(),
    lines: jsonb('lines').$type<StoredLine[]>().notNull(),
    explanation: jsonb('explanation').$type<StoredExplanation[]>().notNull().default([]),
    /** BT-25: the invoice a credit note corrects. */
    precedingInvoiceId: uuid('preceding_invoice_id'),
    precedingNumber: text('preceding_number'),
    precedingIssueDate: date('preceding_issue_date', { mode: 'string' }),
    /** The EN 16931 model as issued (source of the XML, CII and PDF); null while draft. */
    model: jsonb('model'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.providerId, t.number),
    index('invoices_run_idx').on(t.runId),
    index('invoices_org_idx').on(t.orgId, t.status),
    check('invoices_status_chk', sql`${t.status} in ('draft', 'issued')`),
    check('invoices_run_kind_chk', sql`${t.runKind} in ('advance', 'settlement', 'usage')`),
    check('invoices_type_chk', sql`${t.typeCode} in ('380', '381')`),
    check('invoices_issued_chk', sql`${t.status} = 'draft' or (${t.number} is not null and ${t.issueDate} is not null and ${t.model} is not null)`),
  ],
);

/** Rendered documents of an issued invoice: written once, never changed (trigger), hashed. */
export const invoiceDocuments = pgTable(
  'invoice_documents',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoice_documents_uq').on(t.invoiceId, t.kind),
    check('invoice_documents_kind_chk', sql`${t.kind} in ('ubl', 'cii', 'pdf')`),
    check('invoice_documents_sha_chk', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

export type BillingSettingsRow = typeof billingSettings.$inferSelect;
export type BudgetMappingRow = typeof budgetMappings.$inferSelect;
export type CostPlanRow = typeof costPlans.$inferSelect;
export type CostPoolRow = typeof costPools.$inferSelect;
export type BillingRunRow = typeof billingRuns.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
