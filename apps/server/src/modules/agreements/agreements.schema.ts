import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

export const AGREEMENT_KINDS = ['zweckvereinbarung', 'oer_vertrag', 'genossenschaft', 'dienstleistungsvertrag'] as const;
export const AGREEMENT_STATUSES = ['intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended'] as const;
export const ALLOCATION_KEYS = ['population', 'workstations', 'usage', 'flat'] as const;
export const VAT_TREATMENTS = ['not_taxable_2b', 'taxable_19', 'exempt'] as const;

export interface Signatory {
  name: string;
  /** e.g. "Bürgermeister", "Landrat", "Vorstand". */
  function: string;
  /** Whose side signed: the member or the provider. */
  party: 'member' | 'provider';
  date: string;
}

/**
 * A member's agreement with its provider (Zweckvereinbarung, öffentlich-rechtlicher Vertrag,
 * Beitritt zur eG, Dienstleistungsvertrag). `org_id` is the member; `provider_id` its provider.
 * Status changes go through agreement-lifecycle.ts; the dates of each step are kept.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    kind: text('kind', { enum: AGREEMENT_KINDS }).notNull(),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('intent'),
    title: text('title').notNull(),
    /** Aktenzeichen or contract number. */
    reference: text('reference'),
    intentDeclaredAt: date('intent_declared_at').notNull(),
    signedAt: date('signed_at'),
    signatories: jsonb('signatories').$type<Signatory[]>().notNull().default([]),
    signedDocumentId: uuid('signed_document_id').references((): AnyPgColumn => documents.id, { onDelete: 'restrict' }),
    onboardingStartedAt: date('onboarding_started_at'),
    activeSince: date('active_since'),
    noticeGivenAt: date('notice_given_at'),
    /** Computed from the notice date and the notice period when notice is given. */
    effectiveEnd: date('effective_end'),
    endedAt: date('ended_at'),
    termStart: date('term_start'),
    /** Null: open-ended. */
    termEnd: date('term_end'),
    minimumTermYears: integer('minimum_term_years'),
    noticeMonths: integer('notice_months').notNull().default(12),
    /** Notice runs to the end of a calendar year ("12 Monate zum Jahresende"). */
    noticeToYearEnd: boolean('notice_to_year_end').notNull().default(true),
    allocationKey: text('allocation_key', { enum: ALLOCATION_KEYS }),
    /** § 2b (3) Nr. 2 UStG, (a): long-term public-law agreement (≥ 5 years or open-ended); derived from kind and term. */
    vatLongTerm: boolean('vat_long_term').notNull().default(false),
    /** (b) public task incumbent on all parties. */
    vatPublicTask: boolean('vat_public_task').notNull().default(false),
    /** (c) only against cost reimbursement. */
    vatCostOnly: boolean('vat_cost_only').notNull().default(false),
    /** (d) provider serves essentially other public bodies. */
    vatPublicBodies: boolean('vat_public_bodies').notNull().default(false),
    vatTreatment: text('vat_treatment', { enum: VAT_TREATMENTS }).notNull().default('taxable_19'),
    /** The treatment was chosen (exempt, or 19 % by option), not derived from the checklist. */
    vatTreatmentChosen: boolean('vat_treatment_chosen').notNull().default(false),
    vatExemptReason: text('vat_exempt_reason'),
    /** eG membership: number of shares, nominal value per share and amount paid, in cents. */
    shareCount: integer('share_count'),
    shareNominalCents: bigint('share_nominal_cents', { mode: 'number' }),
    sharePaidCents: bigint('share_paid_cents', { mode: 'number' }),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [
    index('agreements_org_idx').on(t.orgId),
    index('agreements_provider_status_idx').on(t.providerId, t.status),
    check('agreements_kind_chk', sql`${t.kind} in ('zweckvereinbarung', 'oer_vertrag', 'genossenschaft', 'dienstleistungsvertrag')`),
    check('agreements_status_chk', sql`${t.status} in ('intent', 'signed', 'onboarding', 'active', 'notice_given', 'ended')`),
    check('agreements_allocation_chk', sql`${t.allocationKey} in ('population', 'workstations', 'usage', 'flat')`),
    check(
      'agreements_vat_chk',
      sql`(${t.vatTreatment} = 'not_taxable_2b' and ${t.vatLongTerm} and ${t.vatPublicTask} and ${t.vatCostOnly} and ${t.vatPublicBodies})
        or ${t.vatTreatment} = 'taxable_19'
        or (${t.vatTreatment} = 'exempt' and ${t.vatExemptReason} is not null)`,
    ),
    check('agreements_term_chk', sql`${t.termEnd} is null or ${t.termStart} is null or ${t.termEnd} >= ${t.termStart}`),
    check('agreements_notice_chk', sql`${t.noticeMonths} between 0 and 120`),
    check(
      'agreements_shares_chk',
      sql`coalesce(${t.shareCount}, 0) >= 0 and coalesce(${t.shareNominalCents}, 0) >= 0 and coalesce(${t.sharePaidCents}, 0) >= 0`,
    ),
  ],
);

/**
 * An uploaded file of an organisation (signed agreement PDF and the like). The bytes live in the
 * files store under `storage_key`; the row keeps what is needed to serve and verify them.
 */
export const documents = pgTable(
  'documents',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    agreementId: uuid('agreement_id').references((): AnyPgColumn => agreements.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('documents_org_idx').on(t.orgId, t.createdAt),
    index('documents_agreement_idx').on(t.agreementId),
    check('documents_sha256_chk', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

export type AgreementRow = typeof agreements.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
