import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Db } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import type { OverviewResponse, RunListQuery, RunResponse } from './backups.dto.js';
import * as repo from './backups.repository.js';
import type { JobsService } from './jobs.service.js';

export function presentRun(r: repo.RunWithJob): RunResponse {
  return {
    id: r.id,
    jobId: r.jobId,
    jobName: r.jobName,
    orgId: r.orgId,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    bytes: r.bytes,
    message: r.message,
    source: r.source,
  };
}

/** Fills the days without runs, so the chart has one bar per day. */
export function fillTimeline(
  rows: { day: string; status: string; n: number }[],
  from: Date,
  days: number,
): OverviewResponse['timeline'] {
  const map = new Map<string, { success: number; warning: number; failed: number }>();
  for (let i = 0; i < days; i++) {
    const d = new Date(from.getTime() + i * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    map.set(d, { success: 0, warning: 0, failed: 0 });
  }
  for (const r of rows) {
    const slot = map.get(r.day);
    if (slot && (r.status === 'success' || r.status === 'warning' || r.status === 'failed')) {
      slot[r.status] += r.n;
    }
  }
  return [...map].map(([day, v]) => ({ day, ...v }));
}

/** Evidence views: runs, failures, RPO violations, the timeline; per provider and per member. */
export class EvidenceService {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async runs(auth: AuthContext, q: RunListQuery) {
    access.requireAnywhere(auth, 'backup.read');
    const before = decodeCursor(q.cursor) as [string, string] | undefined;
    if (before && (typeof before[0] !== 'string' || Number.isNaN(Date.parse(before[0])))) {
      throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
    }
    return withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'backup.read', [q.orgId]);
      }
      if (q.jobId) {
        await access.require(tx, auth, 'backup.read', [q.jobId]);
      }
      const orgIds = q.orgId ? await this.jobs.withDescendants(tx, auth, q.orgId) : orgsWith(auth, 'backup.read');
      const rows = await repo.listRuns(tx, auth, {
        orgIds,
        jobId: q.jobId,
        status: q.status,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit,
        before,
      });
      const p = page(rows, q.limit, (last) => [last.startedAt.toISOString(), last.id]);
      return { items: p.items.map(presentRun), nextCursor: p.nextCursor };
    });
  }

  async overview(auth: AuthContext, q: { orgId?: string; days: number }): Promise<OverviewResponse> {
    access.requireAnywhere(auth, 'backup.read');
    const now = this.clock();
    return withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'backup.read', [q.orgId]);
      }
      const orgIds = q.orgId ? await this.jobs.withDescendants(tx, auth, q.orgId) : orgsWith(auth, 'backup.read');
      const members = await repo.perMember(tx, auth, orgIds, now);
      const from = new Date(now.getTime() - (q.days - 1) * 86_400_000);
      const fromDay = new Date(`${from.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' })}T00:00:00Z`);
      const timeline = fillTimeline(
        await repo.timeline(tx, auth, orgIds, new Date(fromDay.getTime() - 2 * 3_600_000)),
        fromDay,
        q.days,
      );
      const failures = await repo.listRuns(tx, auth, {
        orgIds,
        status: 'failed',
        from: new Date(now.getTime() - 30 * 86_400_000),
        limit: 20,
      });
      const sum = (k: 'jobs' | 'failed' | 'rpoViolated') => members.reduce((a, m) => a + m[k], 0);
      const problems = await repo.listJobs(tx, auth, { orgIds, problem: 'any', now, limit: 10_000 });
      return {
        jobs: sum('jobs'),
        ok: sum('jobs') - problems.length,
        failed: sum('failed'),
        rpoViolated: sum('rpoViolated'),
        timeline,
        recentFailures: failures.slice(0, 20).map(presentRun),
        members,
      };
    });
  }
}
