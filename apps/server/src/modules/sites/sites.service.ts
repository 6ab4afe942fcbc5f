import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisationsRepository } from '../organisations/index.js';
import { partnersRepository } from '../partners/index.js';
import type {
  DataCentrePartnerCreateRequest,
  RoomCreateRequest,
  RoomResponse,
  RoomUpdateRequest,
  SiteCreateRequest,
  SiteDetailResponse,
  SiteResponse,
  SiteUpdateRequest,
} from './sites.dto.js';
import * as repo from './sites.repository.js';
import type { SiteKind, SiteRoomRow } from './sites.schema.js';

export const DATA_CENTRE_KINDS: readonly SiteKind[] = ['data_centre', 'partner_data_centre'];

export function presentRoom(r: SiteRoomRow): RoomResponse {
  return { id: r.id, siteId: r.siteId, name: r.name, floor: r.floor, purpose: r.purpose, notes: r.notes };
}

const can = (auth: AuthContext, orgId: string) => auth.permissions.get(orgId)?.has('site.manage') ?? false;

/** Sites of members and of the provider, with rooms; data centres and their partner sites. */
export class SitesService {
  constructor(private readonly db: Db) {}

  /** Names of partner providers: outside the caller's tenant, read on the admin path for visible rows. */
  private async partnerNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    return wanted.length === 0 ? new Map() : withSystem(this.db, (tx) => partnersRepository.providerNames(tx, wanted));
  }

  private present(auth: AuthContext, s: repo.SiteWithCounts, names: Map<string, string>): SiteResponse {
    return {
      id: s.id,
      orgId: s.orgId,
      orgName: s.orgName,
      providerId: s.providerId,
      kind: s.kind,
      name: s.name,
      street: s.street,
      postalCode: s.postalCode,
      city: s.city,
      partnerProviderId: s.partnerProviderId,
      partnerProviderName: s.partnerProviderId ? (names.get(s.partnerProviderId) ?? null) : null,
      notes: s.notes,
      roomCount: s.roomCount,
      createdAt: s.createdAt.toISOString(),
      abilities: { update: can(auth, s.orgId), delete: can(auth, s.orgId) },
    };
  }

  async list(
    auth: AuthContext,
    q: { orgId?: string; kind?: SiteKind; q?: string },
  ): Promise<{ items: SiteResponse[] }> {
    access.requireAnywhere(auth, 'site.read');
    const rows = await withTenant(this.db, auth, async (tx) => {
      if (q.orgId) {
        await access.require(tx, auth, 'site.read', [q.orgId]);
      }
      return repo.listSites(tx, auth, {
        orgIds: q.orgId ? [q.orgId] : orgsWith(auth, 'site.read'),
        kind: q.kind,
        q: q.q,
      });
    });
    const names = await this.partnerNames(rows.map((r) => r.partnerProviderId));
    return { items: rows.map((r) => this.present(auth, r, names)) };
  }

  async get(auth: AuthContext, id: string): Promise<SiteDetailResponse> {
    const { site, rooms } = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.read', [id]);
      const s = await repo.findSite(tx, auth, id);
      if (!s) {
        throw new NotFoundError();
      }
      return { site: s, rooms: await repo.listRooms(tx, auth, id) };
    });
    const names = await this.partnerNames([site.partnerProviderId]);
    return { ...this.present(auth, site, names), rooms: rooms.map(presentRoom) };
  }

  private async checkKind(
    tx: Tx,
    auth: AuthContext,
    orgId: string,
    input: Pick<SiteCreateRequest, 'kind' | 'partnerProviderId'>,
  ) {
    const org = await organisationsRepository.findById(tx, auth, orgId);
    if (!org) {
      throw new NotFoundError();
    }
    if (DATA_CENTRE_KINDS.includes(input.kind) && org.kind !== 'provider') {
      throw new UnprocessableError('Data centres belong to the provider, not to a member.', [
        { field: 'body/kind', message: 'only on the provider' },
      ]);
    }
    if (input.kind === 'partner_data_centre') {
      if (!input.partnerProviderId) {
        throw new UnprocessableError('A partner data centre names its partner provider.', [
          { field: 'body/partnerProviderId', message: 'required' },
        ]);
      }
      const links = await partnersRepository.list(tx, auth, [org.id]);
      if (!links.some((l) => l.partnerId === input.partnerProviderId)) {
        throw new UnprocessableError('This provider is not a partner; link it first under Partner.', [
          { field: 'body/partnerProviderId', message: 'not a partner provider' },
        ]);
      }
    } else if (input.partnerProviderId) {
      throw new UnprocessableError('Only a partner data centre names a partner provider.', [
        { field: 'body/partnerProviderId', message: 'only for partner_data_centre' },
      ]);
    }
    return org;
  }

  async create(auth: AuthContext, input: SiteCreateRequest): Promise<SiteDetailResponse> {
    const id = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [input.orgId]);
      const org = await this.checkKind(tx, auth, input.orgId, input);
      const row = await repo.insertSite(tx, {
        orgId: org.id,
        providerId: org.providerId,
        kind: input.kind,
        name: input.name,
        street: input.street ?? null,
        postalCode: input.postalCode ?? null,
        city: input.city ?? null,
        partnerProviderId: input.partnerProviderId ?? null,
        notes: input.notes ?? null,
        createdBy: auth.userId,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'site',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: SiteUpdateRequest): Promise<SiteDetailResponse> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [id]);
      const before = await repo.findSite(tx, auth, id);
      const after = await repo.updateSite(tx, auth, id, input);
      if (!before || !after) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: after.orgId,
        entityType: 'site',
        entityId: id,
        action: 'update',
        before,
        after,
      });
    });
    return this.get(auth, id);
  }

  /** 409 (foreign key) while assets, backup jobs or placements still refer to the site. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [id]);
      const row = await repo.deleteSite(tx, auth, id);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'site',
        entityId: id,
        action: 'delete',
        before: row,
      });
    });
  }

  async addRoom(auth: AuthContext, siteId: string, input: RoomCreateRequest): Promise<RoomResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [siteId]);
      const site = await repo.findSite(tx, auth, siteId);
      if (!site) {
        throw new NotFoundError();
      }
      const row = await repo.insertRoom(tx, {
        orgId: site.orgId,
        siteId,
        name: input.name,
        floor: input.floor ?? null,
        purpose: input.purpose,
        notes: input.notes ?? null,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'site_room',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      return presentRoom(row);
    });
  }

  async updateRoom(auth: AuthContext, siteId: string, roomId: string, input: RoomUpdateRequest): Promise<RoomResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [siteId]);
      const row = await repo.updateRoom(tx, auth, siteId, roomId, input);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'site_room',
        entityId: row.id,
        action: 'update',
        after: row,
      });
      return presentRoom(row);
    });
  }

  async removeRoom(auth: AuthContext, siteId: string, roomId: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [siteId]);
      const row = await repo.deleteRoom(tx, auth, siteId, roomId);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'site_room',
        entityId: row.id,
        action: 'delete',
        before: row,
      });
    });
  }

  /** The provider's data centres with their partner sites and how many placements run there. */
  async dataCentres(auth: AuthContext) {
    access.requireAnywhere(auth, 'site.read');
    const { dcs, links, partnerSites, placements } = await withTenant(this.db, auth, async (tx) => {
      const readable = orgsWith(auth, 'site.read');
      const dcs = await repo.listSites(tx, auth, { orgIds: readable, kind: 'data_centre' });
      const partnerSites = await repo.listSites(tx, auth, { orgIds: readable, kind: 'partner_data_centre' });
      const links = await repo.listDcPartners(
        tx,
        auth,
        dcs.map((d) => d.id),
      );
      const placements = await repo.listPlacements(tx, auth, { orgIds: orgsWith(auth, 'site.read') });
      return { dcs, links, partnerSites, placements };
    });
    const names = await this.partnerNames(partnerSites.map((s) => s.partnerProviderId));
    const byId = new Map(partnerSites.map((s) => [s.id, s]));
    return {
      items: dcs.map((d) => ({
        id: d.id,
        name: d.name,
        city: d.city,
        providerId: d.providerId,
        partners: links
          .filter((l) => l.dataCentreId === d.id && byId.has(l.partnerSiteId))
          .map((l) => {
            const s = byId.get(l.partnerSiteId)!;
            return {
              linkId: l.id,
              purpose: l.purpose,
              site: {
                id: s.id,
                name: s.name,
                kind: s.kind,
                city: s.city,
                partnerProviderName: s.partnerProviderId ? (names.get(s.partnerProviderId) ?? null) : null,
              },
            };
          }),
        primaryCount: placements.filter((p) => p.primarySiteId === d.id).length,
        abilities: { manage: can(auth, d.orgId) },
      })),
    };
  }

  async addDcPartner(auth: AuthContext, dataCentreId: string, input: DataCentrePartnerCreateRequest) {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [dataCentreId]);
      const [dc] = await repo.findSites(tx, auth, [dataCentreId]);
      const [partner] = await repo.findSites(tx, auth, [input.partnerSiteId]);
      if (!dc || dc.kind !== 'data_centre') {
        throw new NotFoundError('There is no data centre with this id.');
      }
      if (!partner || partner.kind !== 'partner_data_centre' || partner.providerId !== dc.providerId) {
        throw new UnprocessableError('The partner site must be a partner data centre of the same provider.', [
          { field: 'body/partnerSiteId', message: 'a partner data centre' },
        ]);
      }
      const row = await repo.insertDcPartner(tx, {
        orgId: dc.orgId,
        dataCentreId,
        partnerSiteId: partner.id,
        purpose: input.purpose,
      });
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'data_centre_partner',
        entityId: row.id,
        action: 'create',
        after: row,
      });
    });
    return this.dataCentres(auth);
  }

  async removeDcPartner(auth: AuthContext, dataCentreId: string, linkId: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'site.manage', [dataCentreId]);
      const row = await repo.deleteDcPartner(tx, auth, dataCentreId, linkId);
      if (!row) {
        throw new NotFoundError();
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'data_centre_partner',
        entityId: row.id,
        action: 'delete',
        before: row,
      });
    });
  }
}
