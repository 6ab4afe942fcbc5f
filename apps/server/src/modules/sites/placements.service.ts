import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisationsRepository } from '../organisations/index.js';
import { failoverGroups, type PlacementView } from './failover.js';
import type {
  FailoverResponse,
  PlacementCreateRequest,
  PlacementResponse,
  PlacementUpdateRequest,
  SiteRef,
} from './sites.dto.js';
import * as repo from './sites.repository.js';

const can = (auth: AuthContext, orgId: string) => auth.permissions.get(orgId)?.has('site.manage') ?? false;
const unknownSite = (id: string): SiteRef => ({ id, name: '—', kind: 'other', city: null, partnerProviderName: null });

/** Where services run primarily and where their replicas live; the failover view. */
export class PlacementsService {
  constructor(private readonly db: Db) {}

  /**
   * Site names for placements the caller sees. A member's own placement usually runs in the
   * provider's data centre, outside the member's tenant: its public face (name, kind, city) is
   * read on the admin path, for site ids taken from visible rows only.
   */
  private async refs(rows: repo.PlacementWithOrg[]) {
    const ids = [
      ...new Set(rows.flatMap((r) => [r.primarySiteId, r.replicaSiteId]).filter((x): x is string => x !== null)),
    ];
    return withSystem(this.db, (tx) => repo.siteRefs(tx, ids));
  }

  private present(
    auth: AuthContext,
    p: repo.PlacementWithOrg,
    refs: Awaited<ReturnType<typeof repo.siteRefs>>,
  ): PlacementResponse {
    return {
      id: p.id,
      orgId: p.orgId,
      orgName: p.orgName,
      providerId: p.providerId,
      serviceId: p.serviceId,
      name: p.name,
      primarySite: refs.get(p.primarySiteId) ?? unknownSite(p.primarySiteId),
      replicaSite: p.replicaSiteId ? (refs.get(p.replicaSiteId) ?? unknownSite(p.replicaSiteId)) : null,
      replication: p.replication,
      rtoHours: p.rtoHours,
      notes: p.notes,
      abilities: { update: can(auth, p.orgId), delete: can(auth, p.orgId) },
    };
  }

  async list(auth: AuthContext, q: { orgId?: string; siteId?: string }): Promise<{ items: PlacementResponse[] }> {
    access.requireAnywhere(auth, 'site.read');
    const rows = await withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'site.read', [q.orgId]);
      }
      return repo.listPlacements(tx, auth, {
        orgIds: q.orgId ? [q.orgId] : orgsWith(auth, 'site.read'),
        siteId: q.siteId,
      });
    });
    const refs = await this.refs(rows);
    return { items: rows.map((r) => this.present(auth, r, refs)) };
  }

  async get(auth: AuthContext, id: string): Promise<PlacementResponse> {
    const row = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.read', [id]);
      return repo.findPlacement(tx, auth, id);
    });
    if (!row) {
      throw new NotFoundError();
    }
    return this.present(auth, row, await this.refs([row]));
  }

  /** Primary and replica must be data centres (own or partner) of the placement's provider. */
  private async checkSites(
    tx: Tx,
    auth: AuthContext,
    providerId: string,
    primary: string,
    replica: string | null | undefined,
  ) {
    const ids = [primary, ...(replica ? [replica] : [])];
    const found = await repo.findSites(tx, auth, ids);
    for (const [field, id] of [
      ['primarySiteId', primary],
      ['replicaSiteId', replica],
    ] as const) {
      if (!id) {
        continue;
      }
      const s = found.find((x) => x.id === id);
      if (!s || s.providerId !== providerId || (s.kind !== 'data_centre' && s.kind !== 'partner_data_centre')) {
        throw new UnprocessableError('Services run in a data centre of the provider or at a partner data centre.', [
          { field: `body/${field}`, message: 'a data centre of this provider' },
        ]);
      }
    }
    if (replica && replica === primary) {
      throw new UnprocessableError('The replica lives at another site than the primary.', [
        { field: 'body/replicaSiteId', message: 'another site' },
      ]);
    }
  }

  async create(auth: AuthContext, input: PlacementCreateRequest): Promise<PlacementResponse> {
    const id = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [input.orgId]);
      const org = await organisationsRepository.findById(tx, auth, input.orgId);
      if (!org) {
        throw new NotFoundError();
      }
      // The data centres are the provider's: only someone who manages sites there places services.
      await access.require(tx, auth, 'site.manage', [org.providerId]);
      await this.checkSites(tx, auth, org.providerId, input.primarySiteId, input.replicaSiteId);
      const row = await repo.insertPlacement(tx, {
        orgId: org.id,
        providerId: org.providerId,
        serviceId: input.serviceId ?? null,
        name: input.name,
        primarySiteId: input.primarySiteId,
        replicaSiteId: input.replicaSiteId ?? null,
        replication: input.replication,
        rtoHours: input.rtoHours ?? null,
        notes: input.notes ?? null,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'service_placement',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: PlacementUpdateRequest): Promise<PlacementResponse> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [id]);
      const before = await repo.findPlacement(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'site.manage', [before.providerId]);
      const primary = input.primarySiteId ?? before.primarySiteId;
      const replica = input.replicaSiteId === undefined ? before.replicaSiteId : input.replicaSiteId;
      await this.checkSites(tx, auth, before.providerId, primary, replica);
      const after = await repo.updatePlacement(tx, auth, id, input);
      await recordAudit(tx, auth, {
        orgId: before.orgId,
        entityType: 'service_placement',
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
      await access.require(tx, auth, 'site.manage', [id]);
      const row = await repo.deletePlacement(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'service_placement',
        entityId: id,
        action: 'delete',
        before: row,
      });
    });
  }

  /** What fails over where: the caller's placements by primary site; replicas partners keep here. */
  async failover(auth: AuthContext): Promise<FailoverResponse> {
    const { items } = await this.list(auth, {});
    const views: PlacementView[] = items.map((p) => ({
      id: p.id,
      name: p.name,
      orgName: p.orgName,
      replication: p.replication,
      rtoHours: p.rtoHours,
      primary: p.primarySite,
      replica: p.replicaSite,
    }));
    // Only provider staff (site.manage on a provider) see what partners keep at their data centres.
    const providers: string[] = [];
    await withTenant(this.db, auth, async (tx) => {
      for (const id of orgsWith(auth, 'site.manage')) {
        const org = await organisationsRepository.findById(tx, auth, id);
        if (org?.kind === 'provider') {
          providers.push(id);
        }
      }
    });
    const hosted = await withSystem(this.db, async (tx) => {
      const out: FailoverResponse['hostedForPartners'] = [];
      for (const p of providers) {
        out.push(...(await repo.hostedForPartners(tx, p)));
      }
      return out;
    });
    return { sites: failoverGroups(views), hostedForPartners: hosted };
  }
}
