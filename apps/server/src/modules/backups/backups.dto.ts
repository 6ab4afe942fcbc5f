import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { BACKUP_ALERT_STATES, BACKUP_RUN_STATUSES, BACKUP_TARGET_KINDS, RESTORE_RESULTS } from './backups.schema.js';
import { parseSchedule } from './schedule.js';

export const RunStatus = z.enum(BACKUP_RUN_STATUSES);
export const TargetKind = z.enum(BACKUP_TARGET_KINDS);
export const AlertState = z.enum(BACKUP_ALERT_STATES);
export const RestoreResult = z.enum(RESTORE_RESULTS);
export const RpoState = z.enum(['ok', 'violated', 'pending']);

const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const CalendarDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true });

export const IdParams = z.strictObject({ id: z.uuid() });
export const Schedule = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => parseSchedule(s) !== null, 'a five-field cron text ("0 22 * * 1-5") or an interval ("every 6h")');

export const JobListQuery = PageQuery.extend({
  /** A member (or the provider: all its members' jobs are listed under their member). */
  orgId: z.uuid().optional(),
  /** ok | failed | rpo_violated, evaluated now. */
  problem: z.enum(['any', 'failed', 'rpo_violated']).optional(),
  assetId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
}).strict();
export type JobListQuery = z.infer<typeof JobListQuery>;

export const JobCreateRequest = z.strictObject({
  /** The member whose data this is. */
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  targetKind: TargetKind,
  assetId: z.uuid().nullable().optional(),
  serviceId: z.uuid().nullable().optional(),
  schedule: Schedule,
  primarySiteId: z.uuid(),
  copySiteId: z.uuid().nullable().optional(),
  retentionDays: z.number().int().min(1).max(36500),
  rpoHours: z.number().int().min(1).max(8760),
  notes: optText(2000),
});
export type JobCreateRequest = z.infer<typeof JobCreateRequest>;

export const JobUpdateRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    targetKind: TargetKind.optional(),
    assetId: z.uuid().nullable().optional(),
    serviceId: z.uuid().nullable().optional(),
    schedule: Schedule.optional(),
    primarySiteId: z.uuid().optional(),
    copySiteId: z.uuid().nullable().optional(),
    retentionDays: z.number().int().min(1).max(36500).optional(),
    rpoHours: z.number().int().min(1).max(8760).optional(),
    active: z.boolean().optional(),
    notes: optText(2000),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type JobUpdateRequest = z.infer<typeof JobUpdateRequest>;

const Ref = z.object({ id: z.uuid(), name: z.string() });

export const JobResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  providerId: z.uuid(),
  name: z.string(),
  targetKind: TargetKind,
  asset: z.object({ id: z.uuid(), name: z.string(), inventoryNumber: z.string().nullable() }).nullable(),
  service: Ref.nullable(),
  schedule: z.string(),
  /** Longest gap between planned runs, hours. */
  scheduleGapHours: z.number(),
  primarySite: Ref,
  copySite: Ref.nullable(),
  retentionDays: z.number().int(),
  rpoHours: z.number().int(),
  active: z.boolean(),
  notes: z.string().nullable(),
  lastRunAt: z.iso.datetime().nullable(),
  lastRunStatus: RunStatus.nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  rpo: z.object({ state: RpoState, ageHours: z.number(), overdueHours: z.number(), deadline: z.iso.datetime() }),
  /** True when the schedule leaves gaps longer than the RPO: the RPO can never be met. */
  rpoUnreachable: z.boolean(),
  alertState: AlertState,
  alertTicketId: z.uuid().nullable(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type JobResponse = z.infer<typeof JobResponse>;

export const RunInput = z.strictObject({
  jobId: z.uuid(),
  status: RunStatus,
  startedAt: Instant,
  endedAt: Instant.nullable().optional(),
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  message: z.string().max(4000).nullable().optional(),
});
export type RunInput = z.infer<typeof RunInput>;
/** One run, or `{"runs": [...]}` with up to 1,000 runs per request. */
export const RunIngestRequest = z.union([RunInput, z.strictObject({ runs: z.array(RunInput).min(1).max(1000) })]);
export type RunIngestRequest = z.infer<typeof RunIngestRequest>;
export const RunIngestResponse = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Jobs whose ticket was opened or updated by this delivery. */
  alerts: z.number().int(),
});

export const RunImportQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });

export const RunResponse = z.object({
  id: z.uuid(),
  jobId: z.uuid(),
  jobName: z.string(),
  orgId: z.uuid(),
  status: RunStatus,
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  bytes: z.number().int().nullable(),
  message: z.string().nullable(),
  source: z.string(),
});
export type RunResponse = z.infer<typeof RunResponse>;
export const RunListQuery = PageQuery.extend({
  orgId: z.uuid().optional(),
  jobId: z.uuid().optional(),
  status: RunStatus.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();
export type RunListQuery = z.infer<typeof RunListQuery>;

export const OverviewQuery = z.strictObject({
  orgId: z.uuid().optional(),
  days: z.coerce.number().int().min(7).max(366).default(90),
});
export const OverviewResponse = z.object({
  jobs: z.number().int(),
  ok: z.number().int(),
  failed: z.number().int(),
  rpoViolated: z.number().int(),
  /** Per day (Europe/Berlin): runs by status. */
  timeline: z.array(
    z.object({ day: CalendarDate, success: z.number().int(), warning: z.number().int(), failed: z.number().int() }),
  ),
  recentFailures: z.array(RunResponse),
  /** Per member: jobs and problems (provider view). */
  members: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      jobs: z.number().int(),
      failed: z.number().int(),
      rpoViolated: z.number().int(),
    }),
  ),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

export const RestoreTestCreateRequest = z.strictObject({
  orgId: z.uuid(),
  jobId: z.uuid().nullable().optional(),
  planItemId: z.uuid().nullable().optional(),
  testedOn: CalendarDate,
  what: z.string().trim().min(1).max(300),
  result: RestoreResult,
  durationMinutes: z.number().int().min(0).max(100000),
  performedBy: z.string().trim().min(1).max(200),
  notes: optText(4000),
});
export type RestoreTestCreateRequest = z.infer<typeof RestoreTestCreateRequest>;
export const RestoreTestResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  jobId: z.uuid().nullable(),
  jobName: z.string().nullable(),
  planItemId: z.uuid().nullable(),
  testedOn: CalendarDate,
  what: z.string(),
  result: RestoreResult,
  durationMinutes: z.number().int(),
  performedBy: z.string(),
  notes: z.string().nullable(),
  evidence: z.object({ name: z.string(), sizeBytes: z.number().int(), sha256: z.string() }).nullable(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type RestoreTestResponse = z.infer<typeof RestoreTestResponse>;
export const RestoreTestListQuery = z.strictObject({
  orgId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const RestoreTestListResponse = z.object({ items: z.array(RestoreTestResponse) });

export const PlanQuery = z.strictObject({ orgId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });
export const PlanItemCreateRequest = z.strictObject({
  orgId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  plannedMonth: z.number().int().min(1).max(12),
  what: z.string().trim().min(1).max(300),
  jobId: z.uuid().nullable().optional(),
});
export type PlanItemCreateRequest = z.infer<typeof PlanItemCreateRequest>;
export const PlanResponse = z.object({
  orgId: z.uuid(),
  year: z.number().int(),
  planned: z.number().int(),
  done: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      plannedMonth: z.number().int(),
      what: z.string(),
      jobId: z.uuid().nullable(),
      /** The test that fulfilled it, if any. */
      test: z.object({ id: z.uuid(), testedOn: CalendarDate, result: RestoreResult }).nullable(),
      overdue: z.boolean(),
    }),
  ),
  /** Tests in the year without a plan item. */
  unplannedTests: z.number().int(),
  abilities: z.object({ manage: z.boolean() }),
});
export type PlanResponse = z.infer<typeof PlanResponse>;

export const ReportParams = z.strictObject({ id: z.uuid() });
export const ReportQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
