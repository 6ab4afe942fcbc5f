import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { assets } from '../assets/assets.schema.js';
import { services } from '../catalog/catalog.schema.js';
import { organisations } from '../organisations/organisations.schema.js';
import { sites } from '../sites/sites.schema.js';

export const BACKUP_TARGET_KINDS = ['asset', 'service'] as const;
export const BACKUP_RUN_STATUSES = ['success', 'warning', 'failed'] as const;
export type BackupRunStatus = (typeof BACKUP_RUN_STATUSES)[number];
export const BACKUP_RUN_SOURCES = ['api', 'csv', 'seed'] as const;
export const RESTORE_RESULTS = ['success', 'partial', 'failed'] as const;
/** Alert state of a job: what the last evaluation found; a change to a bad state opens/updates its ticket. */
export const BACKUP_ALERT_STATES = ['ok', 'failed', 'rpo_violated'] as const;
export type BackupAlertState = (typeof BACKUP_ALERT_STATES)[number];

/**
 * A backup job: what is backed up (an asset or a service), whose data it is (`org_id`: the member,
 * or the provider for its own systems), when (schedule), where (primary target site and the copy
 * at a partner data centre), how long it is kept, and the recovery point objective.
 * `last_success_at` / `last_run_*` are kept by the ingest so dashboards and the RPO check need no
 * scan over the runs.
 */
export const backupJobs = pgTable(
  'backup_jobs',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    name: text('name').notNull(),
    targetKind: text('target_kind', { enum: BACKUP_TARGET_KINDS }).notNull(),
    /** The asset backed up (modules/assets), when target_kind = asset. */
    assetId: uuid('asset_id').references(() => assets.id, { onDelete: 'restrict' }),
    /** The catalogue service backed up (modules/catalog), when target_kind = service. */
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'restrict' }),
    /** Cron text ("0 22 * * 1-5") or a simple interval ("every 6h", "every 1d"); see schedule.ts. */
    schedule: text('schedule').notNull(),
    primarySiteId: uuid('primary_site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    /** The copy, normally at a partner data centre. */
    copySiteId: uuid('copy_site_id').references(() => sites.id, { onDelete: 'restrict' }),
    retentionDays: integer('retention_days').notNull(),
    rpoHours: integer('rpo_hours').notNull(),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastRunStatus: text('last_run_status', { enum: BACKUP_RUN_STATUSES }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    alertState: text('alert_state', { enum: BACKUP_ALERT_STATES }).notNull().default('ok'),
    /** The ticket the last bad state opened or updated (modules/tickets). */
    alertTicketId: uuid('alert_ticket_id'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('backup_jobs_org_idx').on(t.orgId, t.name),
    index('backup_jobs_provider_idx').on(t.providerId, t.alertState),
    index('backup_jobs_asset_idx').on(t.assetId),
    check(
      'backup_jobs_target_chk',
      sql`(${t.targetKind} = 'asset' and ${t.assetId} is not null) or (${t.targetKind} = 'service' and ${t.serviceId} is not null)`,
    ),
    check('backup_jobs_rpo_chk', sql`${t.rpoHours} > 0`),
    check('backup_jobs_retention_chk', sql`${t.retentionDays} > 0`),
    check('backup_jobs_copy_chk', sql`${t.copySiteId} is null or ${t.copySiteId} <> ${t.primarySiteId}`),
  ],
);
export type BackupJobRow = typeof backupJobs.$inferSelect;

/** One run of a job, reported by the backup software. Idempotent on (job, started_at). */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: idColumn(),
    /** The job's org_id (the member), copied so the tenant policy applies without a join. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    jobId: uuid('job_id')
      .notNull()
      .references(() => backupJobs.id, { onDelete: 'cascade' }),
    status: text('status', { enum: BACKUP_RUN_STATUSES }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    bytes: bigint('bytes', { mode: 'number' }),
    message: text('message'),
    source: text('source', { enum: BACKUP_RUN_SOURCES }).notNull().default('api'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('backup_runs_job_start_uq').on(t.jobId, t.startedAt),
    index('backup_runs_org_start_idx').on(t.orgId, t.startedAt),
    // The job's last success (max end of a usable run) in one index descent, however long its history.
    index('backup_runs_success_idx')
      .on(t.jobId, sql`coalesce(${t.endedAt}, ${t.startedAt})`)
      .where(sql`${t.status} in ('success', 'warning')`),
    check('backup_runs_end_chk', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
    check('backup_runs_bytes_chk', sql`${t.bytes} is null or ${t.bytes} >= 0`),
  ],
);
export type BackupRunRow = typeof backupRuns.$inferSelect;

/** A planned restore test of a member in a year (planned vs done in the evidence report). */
export const restoreTestPlanItems = pgTable(
  'restore_test_plan_items',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    /** 1–12. */
    plannedMonth: integer('planned_month').notNull(),
    what: text('what').notNull(),
    jobId: uuid('job_id').references(() => backupJobs.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    index('restore_test_plan_items_org_year_idx').on(t.orgId, t.year),
    check('restore_test_plan_items_month_chk', sql`${t.plannedMonth} between 1 and 12`),
    check('restore_test_plan_items_year_chk', sql`${t.year} between 2000 and 2100`),
  ],
);
export type RestoreTestPlanItemRow = typeof restoreTestPlanItems.$inferSelect;

/** A restore test that was done: date, what, result, duration, who, and an evidence file (PDF). */
export const restoreTests = pgTable(
  'restore_tests',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    jobId: uuid('job_id').references(() => backupJobs.id, { onDelete: 'set null' }),
    planItemId: uuid('plan_item_id').references(() => restoreTestPlanItems.id, { onDelete: 'set null' }),
    testedOn: date('tested_on').notNull(),
    what: text('what').notNull(),
    result: text('result', { enum: RESTORE_RESULTS }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    performedBy: text('performed_by').notNull(),
    notes: text('notes'),
    /** Key in the file store (platform/files); the evidence is a PDF. */
    evidenceFileKey: text('evidence_file_key'),
    evidenceFileName: text('evidence_file_name'),
    evidenceSha256: text('evidence_sha256'),
    evidenceSizeBytes: integer('evidence_size_bytes'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('restore_tests_org_date_idx').on(t.orgId, t.testedOn),
    uniqueIndex('restore_tests_plan_item_uq').on(t.planItemId),
    check('restore_tests_duration_chk', sql`${t.durationMinutes} >= 0`),
  ],
);
export type RestoreTestRow = typeof restoreTests.$inferSelect;
