import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { getAssetForOrg, getAssetRefs, type AssetRef } from '../assets/index.js';
import { organisationsRepository } from '../organisations/index.js';
import { sitesLookup } from '../sites/index.js';
import type { JobCreateRequest, JobListQuery, JobResponse, JobUpdateRequest } from './backups.dto.js';
import * as repo from './backups.repository.js';
import { nameRefs, serviceProvider, type NameRefs } from './refs.js';
import { rpoStatus } from './rpo.js';
import { longestGapHours, parseSchedule } from './schedule.js';

type AssetRefs = Map<string, { id: string; name: string; inventoryNumber: string | null }>;

export function presentJob(
  auth: AuthContext,
  j: repo.JobWithOrg,
  names: NameRefs,
  assets: AssetRefs,
  now: Date,
): JobResponse {
  const rpo = rpoStatus(now, { lastSuccessAt: j.lastSuccessAt, rpoHours: j.rpoHours, createdAt: j.createdAt });
  const gap = longestGapHours(parseSchedule(j.schedule) ?? { kind: 'interval', minutes: 1440 });
  const manage = auth.permissions.get(j.orgId)?.has('backup.manage') ?? false;
  const site = (id: string) => names.sites.get(id) ?? { id, name: '—' };
  return {
    id: j.id,
    orgId: j.orgId,
    orgName: j.orgName,
    providerId: j.providerId,
    name: j.name,
    targetKind: j.targetKind,
    asset: j.assetId ? (assets.get(j.assetId) ?? { id: j.assetId, name: '—', inventoryNumber: null }) : null,
    service: j.serviceId ? (names.services.get(j.serviceId) ?? { id: j.serviceId, name: '—' }) : null,
    schedule: j.schedule,
    scheduleGapHours: gap,
    primarySite: site(j.primarySiteId),
    copySite: j.copySiteId ? site(j.copySiteId) : null,
    retentionDays: j.retentionDays,
    rpoHours: j.rpoHours,
    active: j.active,
    notes: j.notes,
    lastRunAt: j.lastRunAt?.toISOString() ?? null,
    lastRunStatus: j.lastRunStatus,
    lastSuccessAt: j.lastSuccessAt?.toISOString() ?? null,
    rpo: {
      state: j.active ? rpo.state : 'ok',
      ageHours: rpo.ageHours,
      overdueHours: j.active ? rpo.overdueHours : 0,
      deadline: rpo.deadline.toISOString(),
    },
    rpoUnreachable: gap > j.rpoHours,
    alertState: j.alertState,
    alertTicketId: j.alertTicketId,
    abilities: { update: manage, delete: manage },
  };
}

/** Backup jobs: what is backed up for which member, when, where, how long, with which RPO. */
export class JobsService {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Inside the tenant transaction: the assets the jobs name (visible to the caller). */
  async assetsOf(auth: AuthContext, tx: Tx, rows: repo.JobWithOrg[]): Promise<AssetRefs> {
    const assetIds = rows.map((r) => r.assetId).filter((x): x is string => x !== null);
    const refs = assetIds.length > 0 ? await getAssetRefs(tx, auth, assetIds) : new Map<string, AssetRef>();
    return new Map(
      [...refs.values()].map((a) => [
        a.id,
        { id: a.id, name: a.name ?? a.inventoryNumber, inventoryNumber: a.inventoryNumber },
      ]),
    );
  }

  /**
   * After the tenant transaction (PGlite has one connection): site and service names on the admin
   * path, then the responses.
   */
  async present(auth: AuthContext, rows: repo.JobWithOrg[], assets: AssetRefs): Promise<JobResponse[]> {
    const names = await withSystem(this.db, (sys) =>
      nameRefs(
        sys,
        rows.flatMap((r) => [r.primarySiteId, ...(r.copySiteId ? [r.copySiteId] : [])]),
        rows.map((r) => r.serviceId).filter((x): x is string => x !== null),
      ),
    );
    const now = this.clock();
    return rows.map((r) => presentJob(auth, r, names, assets, now));
  }

  async list(auth: AuthContext, q: JobListQuery) {
    access.requireAnywhere(auth, 'backup.read');
    const after = decodeCursor(q.cursor) as [string, string] | undefined;
    const { rows, items } = await withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'backup.read', [q.orgId]);
      }
      const orgIds = q.orgId ? await this.withDescendants(tx, auth, q.orgId) : orgsWith(auth, 'backup.read');
      const rows = await repo.listJobs(tx, auth, {
        orgIds,
        problem: q.problem,
        assetId: q.assetId,
        q: q.q,
        now: this.clock(),
        limit: q.limit,
        after,
      });
      const p = page(rows, q.limit, (last) => [last.name, last.id]);
      return { rows: p, items: await this.assetsOf(auth, tx, p.items) };
    });
    return { items: await this.present(auth, rows.items, items), nextCursor: rows.nextCursor };
  }

  /** A provider or a Verwaltungsgemeinschaft as filter means the members below it, too. */
  async withDescendants(tx: Tx, auth: AuthContext, orgId: string): Promise<string[]> {
    const readable = new Set(orgsWith(auth, 'backup.read'));
    const { rows } = await organisationsRepository.list(tx, auth, { within: orgId }, 'name', 10000);
    return rows.map((r) => r.id).filter((id) => readable.has(id));
  }

  async get(auth: AuthContext, id: string): Promise<JobResponse> {
    const { row, assets } = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.read', [id]);
      const r = await repo.findJob(tx, auth, id);
      if (!r) {
        throw new NotFoundError();
      }
      return { row: r, assets: await this.assetsOf(auth, tx, [r]) };
    });
    return (await this.present(auth, [row], assets))[0]!;
  }

  private async checkTargets(
    tx: Tx,
    auth: AuthContext,
    org: { id: string; providerId: string },
    v: {
      targetKind: 'asset' | 'service';
      assetId?: string | null;
      serviceId?: string | null;
      primarySiteId: string;
      copySiteId?: string | null;
    },
    serviceProviderId: string | undefined,
  ) {
    if (v.targetKind === 'asset') {
      if (!v.assetId) {
        throw new UnprocessableError('A job of an asset names the asset.', [
          { field: 'body/assetId', message: 'required' },
        ]);
      }
      const ref = await getAssetForOrg(tx, auth, v.assetId);
      if (!ref || ref.orgId !== org.id) {
        throw new UnprocessableError('The asset is not one of this member.', [
          { field: 'body/assetId', message: 'an asset of the member' },
        ]);
      }
    } else {
      if (!v.serviceId) {
        throw new UnprocessableError('A job of a service names the catalogue service.', [
          { field: 'body/serviceId', message: 'required' },
        ]);
      }
      if (serviceProviderId !== org.providerId) {
        throw new UnprocessableError('The service is not in this provider’s catalogue.', [
          { field: 'body/serviceId', message: 'a service of the provider' },
        ]);
      }
    }
    const ids = [v.primarySiteId, ...(v.copySiteId ? [v.copySiteId] : [])];
    const found = await sitesLookup.findSites(tx, auth, ids);
    for (const [field, id] of [
      ['primarySiteId', v.primarySiteId],
      ['copySiteId', v.copySiteId],
    ] as const) {
      if (id && !found.some((s) => s.id === id && s.providerId === org.providerId)) {
        throw new UnprocessableError('The site is not one of this provider or its members.', [
          { field: `body/${field}`, message: 'a site of the provider' },
        ]);
      }
    }
    if (v.copySiteId && v.copySiteId === v.primarySiteId) {
      throw new UnprocessableError('The copy is kept at another site.', [
        { field: 'body/copySiteId', message: 'another site than the primary' },
      ]);
    }
  }

  private async member(tx: Tx, auth: AuthContext, orgId: string) {
    const org = await organisationsRepository.findById(tx, auth, orgId);
    if (!org) {
      throw new NotFoundError();
    }
    if (org.kind !== 'member') {
      throw new UnprocessableError('Backup jobs are kept per member.', [{ field: 'body/orgId', message: 'a member' }]);
    }
    return org;
  }

  /** Admin path, before the tenant transaction: the provider of a named catalogue service. */
  private async providerOfService(serviceId: string | null | undefined): Promise<string | undefined> {
    return serviceId ? withSystem(this.db, (sys) => serviceProvider(sys, serviceId)) : undefined;
  }

  async create(auth: AuthContext, input: JobCreateRequest): Promise<JobResponse> {
    const serviceProviderId = await this.providerOfService(input.serviceId);
    const id = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [input.orgId]);
      const org = await this.member(tx, auth, input.orgId);
      await this.checkTargets(tx, auth, org, input, serviceProviderId);
      const row = await repo.insertJob(tx, {
        orgId: org.id,
        providerId: org.providerId,
        name: input.name,
        targetKind: input.targetKind,
        assetId: input.targetKind === 'asset' ? input.assetId : null,
        serviceId: input.targetKind === 'service' ? input.serviceId : null,
        schedule: input.schedule,
        primarySiteId: input.primarySiteId,
        copySiteId: input.copySiteId ?? null,
        retentionDays: input.retentionDays,
        rpoHours: input.rpoHours,
        notes: input.notes ?? null,
        createdBy: auth.userId,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'backup_job',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: JobUpdateRequest): Promise<JobResponse> {
    const serviceProviderId = await this.providerOfService(input.serviceId);
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [id]);
      const before = await repo.findJob(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      const next = {
        targetKind: input.targetKind ?? before.targetKind,
        assetId: input.assetId === undefined ? before.assetId : input.assetId,
        serviceId: input.serviceId === undefined ? before.serviceId : input.serviceId,
        primarySiteId: input.primarySiteId ?? before.primarySiteId,
        copySiteId: input.copySiteId === undefined ? before.copySiteId : input.copySiteId,
      };
      await this.checkTargets(
        tx,
        auth,
        // The job's member, not the job: its id is the organisation the asset must belong to.
        { id: before.orgId, providerId: before.providerId },
        next,
        input.serviceId === undefined && next.serviceId ? before.providerId : serviceProviderId,
      );
      const after = await repo.updateJob(tx, auth, id, {
        ...input,
        assetId: next.targetKind === 'asset' ? next.assetId : null,
        serviceId: next.targetKind === 'service' ? next.serviceId : null,
      });
      await recordAudit(tx, auth, {
        orgId: before.orgId,
        entityType: 'backup_job',
        entityId: id,
        action: 'update',
        before,
        after,
      });
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'backup.manage', [id]);
      const row = await repo.deleteJob(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'backup_job',
        entityId: id,
        action: 'delete',
        before: row,
      });
    });
  }
}
