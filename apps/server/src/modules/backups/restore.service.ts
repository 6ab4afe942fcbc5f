import type { Readable } from 'node:stream';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { storeChecked, type FileStore } from '../../platform/files/index.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisationsRepository } from '../organisations/index.js';
import type {
  PlanItemCreateRequest,
  PlanResponse,
  RestoreTestCreateRequest,
  RestoreTestResponse,
} from './backups.dto.js';
import * as jobsRepo from './backups.repository.js';
import * as repo from './restore.repository.js';

export function presentTest(auth: AuthContext, t: repo.RestoreTestWithNames): RestoreTestResponse {
  const manage = auth.permissions.get(t.orgId)?.has('backup.manage') ?? false;
  return {
    id: t.id,
    orgId: t.orgId,
    orgName: t.orgName,
    jobId: t.jobId,
    jobName: t.jobName,
    planItemId: t.planItemId,
    testedOn: t.testedOn,
    what: t.what,
    result: t.result,
    durationMinutes: t.durationMinutes,
    performedBy: t.performedBy,
    notes: t.notes,
    evidence: t.evidenceFileKey
      ? {
          name: t.evidenceFileName ?? 'nachweis.pdf',
          sizeBytes: t.evidenceSizeBytes ?? 0,
          sha256: t.evidenceSha256 ?? '',
        }
      : null,
    abilities: { update: manage, delete: manage },
  };
}

/** "Today" in Europe/Berlin as YYYY-MM-DD. */
export function berlinToday(now: Date): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}

/** Restore tests with their evidence, and the yearly plan per member (planned vs done). */
export class RestoreService {
  constructor(
    private readonly db: Db,
    private readonly files: FileStore,
    private readonly maxUploadBytes: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(auth: AuthContext, q: { orgId?: string; year?: number }) {
    access.requireAnywhere(auth, 'backup.read');
    return withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'backup.read', [q.orgId]);
      }
      const orgIds = q.orgId ? [q.orgId] : orgsWith(auth, 'backup.read');
      return { items: (await repo.listTests(tx, auth, { orgIds, year: q.year })).map((t) => presentTest(auth, t)) };
    });
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.read', [id]);
      const t = await repo.findTest(tx, auth, id);
      if (!t) {
        throw new NotFoundError();
      }
      return presentTest(auth, t);
    });
  }

  private async checkRefs(
    tx: Tx,
    auth: AuthContext,
    orgId: string,
    jobId: string | null | undefined,
    planItemId: string | null | undefined,
  ) {
    const org = await organisationsRepository.findById(tx, auth, orgId);
    if (!org || org.kind !== 'member') {
      throw new UnprocessableError('Restore tests are kept per member.', [
        { field: 'body/orgId', message: 'a member' },
      ]);
    }
    if (jobId) {
      const job = await jobsRepo.findJob(tx, auth, jobId);
      if (!job || job.orgId !== orgId) {
        throw new UnprocessableError('The backup job is not one of this member.', [
          { field: 'body/jobId', message: 'a job of the member' },
        ]);
      }
    }
    if (planItemId) {
      const item = await repo.findPlanItem(tx, auth, planItemId);
      if (!item || item.orgId !== orgId) {
        throw new UnprocessableError('The plan item is not one of this member.', [
          { field: 'body/planItemId', message: 'a plan item of the member' },
        ]);
      }
    }
  }

  async create(auth: AuthContext, input: RestoreTestCreateRequest): Promise<RestoreTestResponse> {
    if (input.testedOn > berlinToday(this.clock())) {
      throw new UnprocessableError('A restore test is recorded after it was done.', [
        { field: 'body/testedOn', message: 'not in the future' },
      ]);
    }
    const id = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [input.orgId]);
      await this.checkRefs(tx, auth, input.orgId, input.jobId, input.planItemId);
      const row = await repo.insertTest(tx, {
        orgId: input.orgId,
        jobId: input.jobId ?? null,
        planItemId: input.planItemId ?? null,
        testedOn: input.testedOn,
        what: input.what,
        result: input.result,
        durationMinutes: input.durationMinutes,
        performedBy: input.performedBy,
        notes: input.notes ?? null,
        createdBy: auth.userId,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'restore_test',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      return row.id;
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    const key = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [id]);
      const row = await repo.deleteTest(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'restore_test',
        entityId: id,
        action: 'delete',
        before: row,
      });
      return row.evidenceFileKey;
    });
    if (key) {
      await this.files.delete(key);
    }
  }

  /** Attaches (or replaces) the evidence PDF; the old file goes once the new one is recorded. */
  async attachEvidence(
    auth: AuthContext,
    id: string,
    filename: string | undefined,
    source: Readable,
  ): Promise<RestoreTestResponse> {
    const check = (tx: Tx) => access.require(tx, auth, 'backup.manage', [id]);
    await withTenant(this.db, auth, check);
    const stored = await storeChecked(this.files, source, { accept: ['pdf'], maxBytes: this.maxUploadBytes, filename });
    let old: string | null = null;
    try {
      await withTenant(this.db, auth, async (tx) => {
        await check(tx);
        const before = await repo.findTest(tx, auth, id);
        if (!before) {
          throw new NotFoundError();
        }
        old = before.evidenceFileKey;
        const name =
          (filename ?? '')
            .split(/[\\/]/)
            .pop()
            ?.replace(/[\u0000-\u001f\u007f"]/g, '')
            .trim()
            .slice(0, 200) || 'nachweis.pdf';
        const after = await repo.updateTest(tx, auth, id, {
          evidenceFileKey: stored.key,
          evidenceFileName: name,
          evidenceSha256: stored.sha256,
          evidenceSizeBytes: stored.sizeBytes,
        });
        await recordAudit(tx, auth, {
          orgId: before.orgId,
          entityType: 'restore_test',
          entityId: id,
          action: 'evidence',
          before,
          after,
        });
      });
    } catch (e) {
      await this.files.delete(stored.key);
      throw e;
    }
    if (old) {
      await this.files.delete(old);
    }
    return this.get(auth, id);
  }

  async openEvidence(
    auth: AuthContext,
    id: string,
  ): Promise<{ name: string; size: number; sha256: string; stream: Readable }> {
    const row = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.read', [id]);
      return repo.findTest(tx, auth, id);
    });
    if (!row?.evidenceFileKey) {
      throw new NotFoundError('This restore test has no evidence file.');
    }
    return {
      name: row.evidenceFileName ?? 'nachweis.pdf',
      size: row.evidenceSizeBytes ?? 0,
      sha256: row.evidenceSha256 ?? '',
      stream: await this.files.get(row.evidenceFileKey),
    };
  }

  async plan(auth: AuthContext, orgId: string, year: number): Promise<PlanResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.read', [orgId]);
      const items = await repo.planItems(tx, auth, orgId, year);
      const tests = await repo.listTests(tx, auth, { orgIds: [orgId], year });
      return planView(auth, orgId, year, items, tests, this.clock());
    });
  }

  async addPlanItem(auth: AuthContext, input: PlanItemCreateRequest): Promise<PlanResponse> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [input.orgId]);
      await this.checkRefs(tx, auth, input.orgId, input.jobId, null);
      const row = await repo.insertPlanItem(tx, {
        orgId: input.orgId,
        year: input.year,
        plannedMonth: input.plannedMonth,
        what: input.what,
        jobId: input.jobId ?? null,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'restore_test_plan_item',
        entityId: row.id,
        action: 'create',
        after: row,
      });
    });
    return this.plan(auth, input.orgId, input.year);
  }

  async removePlanItem(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [id]);
      const item = await repo.findPlanItem(tx, auth, id);
      if (!item) {
        throw new NotFoundError();
      }
      const tests = await repo.listTests(tx, auth, { orgIds: [item.orgId], year: item.year });
      if (tests.some((t) => t.planItemId === id)) {
        throw new ConflictError('A restore test fulfils this plan item; it stays as evidence.');
      }
      await repo.deletePlanItem(tx, auth, id);
      await recordAudit(tx, auth, {
        orgId: item.orgId,
        entityType: 'restore_test_plan_item',
        entityId: id,
        action: 'delete',
        before: item,
      });
    });
  }
}

/** Planned vs done: a plan item is done when a test fulfils it; overdue when its month has passed without one. */
export function planView(
  auth: AuthContext,
  orgId: string,
  year: number,
  items: Awaited<ReturnType<typeof repo.planItems>>,
  tests: repo.RestoreTestWithNames[],
  now: Date,
): PlanResponse {
  const today = berlinToday(now);
  const byItem = new Map(tests.filter((t) => t.planItemId).map((t) => [t.planItemId!, t]));
  const out = items.map((i) => {
    const t = byItem.get(i.id);
    const monthEnd =
      i.plannedMonth === 12 ? `${year + 1}-01-01` : `${year}-${String(i.plannedMonth + 1).padStart(2, '0')}-01`;
    return {
      id: i.id,
      plannedMonth: i.plannedMonth,
      what: i.what,
      jobId: i.jobId,
      test: t ? { id: t.id, testedOn: t.testedOn, result: t.result } : null,
      overdue: !t && today >= monthEnd,
    };
  });
  return {
    orgId,
    year,
    planned: out.length,
    done: out.filter((i) => i.test !== null).length,
    items: out,
    unplannedTests: tests.filter((t) => !t.planItemId).length,
    abilities: { manage: auth.permissions.get(orgId)?.has('backup.manage') ?? false },
  };
}
