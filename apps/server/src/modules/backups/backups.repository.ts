import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import {
  backupJobs,
  backupRuns,
  type BackupJobRow,
  type BackupRunRow,
  type BackupRunStatus,
} from './backups.schema.js';

export type JobWithOrg = BackupJobRow & { orgName: string };

/** SQL for "RPO violated at `now`": last success (or creation) older than the RPO. Mirrors rpo.ts. */
export const rpoViolatedSql = (now: Date) =>
  sql`coalesce(${backupJobs.lastSuccessAt}, ${backupJobs.createdAt}) < ${now.toISOString()}::timestamptz - make_interval(hours => ${backupJobs.rpoHours})`;

export interface JobFilter {
  orgIds: readonly string[];
  problem?: 'any' | 'failed' | 'rpo_violated';
  assetId?: string;
  q?: string;
  now: Date;
  limit: number;
  after?: [string, string];
}

export async function listJobs(tx: Tx, scope: TenantScope, f: JobFilter): Promise<JobWithOrg[]> {
  const where: SQL[] = [inIds(backupJobs.orgId, scope.orgIds), inIds(backupJobs.orgId, f.orgIds)];
  const failed = eq(backupJobs.lastRunStatus, 'failed');
  const active = eq(backupJobs.active, true);
  if (f.problem === 'failed') {
    where.push(failed);
  } else if (f.problem === 'rpo_violated') {
    where.push(and(active, rpoViolatedSql(f.now))!);
  } else if (f.problem === 'any') {
    where.push(or(failed, and(active, rpoViolatedSql(f.now)))!);
  }
  if (f.assetId) {
    where.push(eq(backupJobs.assetId, f.assetId));
  }
  if (f.q) {
    where.push(sql`${backupJobs.name} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  }
  if (f.after) {
    where.push(
      or(gt(backupJobs.name, f.after[0]), and(eq(backupJobs.name, f.after[0]), gt(backupJobs.id, f.after[1])))!,
    );
  }
  const rows = await tx
    .select({ j: backupJobs, orgName: organisations.name })
    .from(backupJobs)
    .innerJoin(organisations, eq(organisations.id, backupJobs.orgId))
    .where(and(...where))
    .orderBy(asc(backupJobs.name), asc(backupJobs.id))
    .limit(f.limit + 1);
  return rows.map((r) => ({ ...r.j, orgName: r.orgName }));
}

export async function findJob(tx: Tx, scope: TenantScope, id: string): Promise<JobWithOrg | undefined> {
  const [r] = await tx
    .select({ j: backupJobs, orgName: organisations.name })
    .from(backupJobs)
    .innerJoin(organisations, eq(organisations.id, backupJobs.orgId))
    .where(and(eq(backupJobs.id, id), inIds(backupJobs.orgId, scope.orgIds)))
    .limit(1);
  return r ? { ...r.j, orgName: r.orgName } : undefined;
}

/** Jobs by id within the scope, restricted to `orgIds` (where the caller may ingest). */
export async function jobsByIds(tx: Tx, scope: TenantScope, ids: readonly string[], orgIds: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return tx
    .select({ id: backupJobs.id, orgId: backupJobs.orgId, providerId: backupJobs.providerId })
    .from(backupJobs)
    .where(and(inIds(backupJobs.id, ids), inIds(backupJobs.orgId, scope.orgIds), inIds(backupJobs.orgId, orgIds)));
}

export async function insertJob(tx: Tx, values: typeof backupJobs.$inferInsert) {
  const [row] = await tx.insert(backupJobs).values(values).returning();
  return row!;
}

export async function updateJob(
  tx: Tx,
  scope: TenantScope,
  id: string,
  values: Partial<typeof backupJobs.$inferInsert>,
) {
  const [row] = await tx
    .update(backupJobs)
    .set(values)
    .where(and(eq(backupJobs.id, id), inIds(backupJobs.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deleteJob(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .delete(backupJobs)
    .where(and(eq(backupJobs.id, id), inIds(backupJobs.orgId, scope.orgIds)))
    .returning();
  return row;
}

export type RunInsert = typeof backupRuns.$inferInsert;

/** A PostgreSQL array literal of `values` (NULL, or text quoted with `"` and `\\` escaped). */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values
    .map((v) => {
      if (v === null || v === undefined) {
        return 'NULL';
      }
      const text = v instanceof Date ? v.toISOString() : String(v);
      return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    })
    .join(',')}}`;
}

/**
 * Upserts runs on (job_id, started_at): a repeated delivery changes nothing but what it reports
 * anew (status, end, bytes, message). `xmax = 0` tells a fresh row from an updated one. The rows
 * travel as one array parameter per column, zipped by `unnest` (one parameter per column instead
 * of nine per run, and no per-row mapping in the ORM).
 */
export async function upsertRuns(tx: Tx, rows: RunInsert[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) {
    return { inserted: 0, updated: 0 };
  }
  const col = (f: (r: RunInsert) => unknown, type: string) => sql`${arrayLiteral(rows.map(f))}::${sql.raw(type)}[]`;
  const res = await tx.execute<{ inserted: boolean }>(sql`
    insert into backup_runs (id, org_id, job_id, status, started_at, ended_at, bytes, message, source)
    select * from unnest(${sql.join(
      [
        col((r) => r.id ?? uuidv7(), 'uuid'),
        col((r) => r.orgId, 'uuid'),
        col((r) => r.jobId, 'uuid'),
        col((r) => r.status, 'text'),
        col((r) => r.startedAt, 'timestamptz'),
        col((r) => r.endedAt, 'timestamptz'),
        col((r) => r.bytes, 'bigint'),
        col((r) => r.message, 'text'),
        col((r) => r.source ?? 'api', 'text'),
      ],
      sql`, `,
    )})
    on conflict (job_id, started_at) do update
       set status = excluded.status, ended_at = excluded.ended_at, bytes = excluded.bytes,
           message = excluded.message, source = excluded.source, updated_at = now()
    returning (xmax = 0) as inserted`);
  const inserted = res.rows.filter((r) => r.inserted).length;
  return { inserted, updated: res.rows.length - inserted };
}

/**
 * Recomputes the jobs' last run, its status and the last success (success or warning: a restore
 * point exists) from their runs, in one statement: per job one backward step on (job, start) and
 * one on the success index, so the cost does not grow with the job's history. Returns the jobs
 * before and after.
 */
export async function refreshJobs(tx: Tx, jobIds: readonly string[]) {
  if (jobIds.length === 0) {
    return [];
  }
  const ids = sql`${`{${jobIds.join(',')}}`}::uuid[]`;
  const res = await tx.execute<{ id: string; before_state: string; last_run_status: BackupRunStatus | null }>(sql`
    with s as (
      select x.id, lr.started_at, lr.status, ls.at
        from unnest(${ids}) as x(id)
        cross join lateral (
          select r.started_at, r.status from backup_runs r
           where r.job_id = x.id order by r.started_at desc limit 1) lr
        left join lateral (
          select max(coalesce(r.ended_at, r.started_at)) as at from backup_runs r
           where r.job_id = x.id and r.status in ('success', 'warning')) ls on true
    )
    update backup_jobs j
       set last_run_at = s.started_at, last_run_status = s.status, last_success_at = s.at
      from s
     where j.id = s.id
    returning j.id, j.alert_state as before_state, j.last_run_status`);
  return res.rows;
}

export async function setAlert(
  tx: Tx,
  id: string,
  state: BackupJobRow['alertState'],
  ticketId: string | null | undefined,
) {
  await tx
    .update(backupJobs)
    .set(ticketId === undefined ? { alertState: state } : { alertState: state, alertTicketId: ticketId })
    .where(eq(backupJobs.id, id));
}

/** Admin path (RPO check): active jobs of these providers whose RPO is violated and not yet alerted. */
export async function jobsNewlyViolated(tx: Tx, providerIds: readonly string[] | 'all', now: Date) {
  const where: SQL[] = [eq(backupJobs.active, true), rpoViolatedSql(now), sql`${backupJobs.alertState} = 'ok'`];
  if (providerIds !== 'all') {
    where.push(inIds(backupJobs.providerId, providerIds));
  }
  return tx
    .select()
    .from(backupJobs)
    .where(and(...where))
    .limit(10000);
}

export async function jobsByIdsSystem(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return tx.select().from(backupJobs).where(inIds(backupJobs.id, ids));
}

export type RunWithJob = BackupRunRow & { jobName: string };

export interface RunFilter {
  orgIds: readonly string[];
  jobId?: string;
  status?: BackupRunStatus;
  from?: Date;
  to?: Date;
  limit: number;
  before?: [string, string];
}

export async function listRuns(tx: Tx, scope: TenantScope, f: RunFilter): Promise<RunWithJob[]> {
  const where: SQL[] = [inIds(backupRuns.orgId, scope.orgIds), inIds(backupRuns.orgId, f.orgIds)];
  if (f.jobId) {
    where.push(eq(backupRuns.jobId, f.jobId));
  }
  if (f.status) {
    where.push(eq(backupRuns.status, f.status));
  }
  if (f.from) {
    where.push(gte(backupRuns.startedAt, f.from));
  }
  if (f.to) {
    where.push(lte(backupRuns.startedAt, f.to));
  }
  if (f.before) {
    const at = new Date(f.before[0]);
    where.push(or(lt(backupRuns.startedAt, at), and(eq(backupRuns.startedAt, at), lt(backupRuns.id, f.before[1])))!);
  }
  const rows = await tx
    .select({ r: backupRuns, jobName: backupJobs.name })
    .from(backupRuns)
    .innerJoin(backupJobs, eq(backupJobs.id, backupRuns.jobId))
    .where(and(...where))
    .orderBy(desc(backupRuns.startedAt), desc(backupRuns.id))
    .limit(f.limit + 1);
  return rows.map((r) => ({ ...r.r, jobName: r.jobName }));
}

/** Runs per day (Europe/Berlin) and status since `from`. */
export async function timeline(tx: Tx, scope: TenantScope, orgIds: readonly string[], from: Date) {
  const res = await tx.execute<{ day: string; status: BackupRunStatus; n: number }>(sql`
    select to_char(started_at at time zone 'Europe/Berlin', 'YYYY-MM-DD') as day, status, count(*)::int as n
      from backup_runs
     where org_id = any(${`{${scope.orgIds.join(',')}}`}::uuid[]) and org_id = any(${`{${orgIds.join(',')}}`}::uuid[])
       and started_at >= ${from.toISOString()}::timestamptz
     group by 1, 2 order by 1`);
  return res.rows;
}

/** Jobs and problems per member at `now`. */
export async function perMember(tx: Tx, scope: TenantScope, orgIds: readonly string[], now: Date) {
  const rows = await tx
    .select({
      orgId: backupJobs.orgId,
      orgName: organisations.name,
      jobs: sql<number>`count(*)::int`,
      failed: sql<number>`count(*) filter (where ${backupJobs.lastRunStatus} = 'failed')::int`,
      rpoViolated: sql<number>`count(*) filter (where ${backupJobs.active} and ${rpoViolatedSql(now)})::int`,
    })
    .from(backupJobs)
    .innerJoin(organisations, eq(organisations.id, backupJobs.orgId))
    .where(and(inIds(backupJobs.orgId, scope.orgIds), inIds(backupJobs.orgId, orgIds)))
    .groupBy(backupJobs.orgId, organisations.name)
    .orderBy(asc(organisations.name));
  return rows;
}

export async function runsOfJobsInYear(tx: Tx, scope: TenantScope, orgId: string, year: number) {
  const from = new Date(Date.UTC(year, 0, 1) - 2 * 3_600_000);
  const to = new Date(Date.UTC(year + 1, 0, 1));
  return tx
    .select({
      jobId: backupRuns.jobId,
      status: backupRuns.status,
      startedAt: backupRuns.startedAt,
      endedAt: backupRuns.endedAt,
      bytes: backupRuns.bytes,
      message: backupRuns.message,
    })
    .from(backupRuns)
    .where(
      and(
        eq(backupRuns.orgId, orgId),
        inIds(backupRuns.orgId, scope.orgIds),
        gte(backupRuns.startedAt, from),
        lt(backupRuns.startedAt, to),
      ),
    )
    .orderBy(asc(backupRuns.startedAt));
}

/** Jobs by id within the tenant scope (after an ingest, to settle their alert state). */
export async function jobsInScope(tx: Tx, scope: TenantScope, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(backupJobs)
    .where(and(inIds(backupJobs.id, ids), inIds(backupJobs.orgId, scope.orgIds)));
}
