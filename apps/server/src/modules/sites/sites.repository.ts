import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import {
  dataCentrePartners,
  servicePlacements,
  siteRooms,
  sites,
  type SiteKind,
  type SiteRow,
} from './sites.schema.js';

export type SiteWithCounts = SiteRow & { orgName: string; roomCount: number };

export interface SiteFilter {
  orgIds: readonly string[];
  kind?: SiteKind;
  kinds?: readonly SiteKind[];
  q?: string;
}

const roomCount = sql<number>`(select count(*)::int from ${siteRooms} r where r.site_id = ${sites.id})`;

export async function listSites(tx: Tx, scope: TenantScope, f: SiteFilter): Promise<SiteWithCounts[]> {
  const where: SQL[] = [inIds(sites.orgId, scope.orgIds), inIds(sites.orgId, f.orgIds)];
  if (f.kind) {
    where.push(eq(sites.kind, f.kind));
  }
  if (f.kinds) {
    where.push(inArray(sites.kind, [...f.kinds]));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(sites.name, like), ilike(sites.city, like))!);
  }
  const rows = await tx
    .select({ site: sites, orgName: organisations.name, roomCount })
    .from(sites)
    .innerJoin(organisations, eq(organisations.id, sites.orgId))
    .where(and(...where))
    .orderBy(asc(organisations.name), asc(sites.name), asc(sites.id))
    .limit(5000);
  return rows.map((r) => ({ ...r.site, orgName: r.orgName, roomCount: r.roomCount }));
}

export async function findSite(tx: Tx, scope: TenantScope, id: string): Promise<SiteWithCounts | undefined> {
  const [r] = await tx
    .select({ site: sites, orgName: organisations.name, roomCount })
    .from(sites)
    .innerJoin(organisations, eq(organisations.id, sites.orgId))
    .where(and(eq(sites.id, id), inIds(sites.orgId, scope.orgIds)))
    .limit(1);
  return r ? { ...r.site, orgName: r.orgName, roomCount: r.roomCount } : undefined;
}

/** Sites by id within the tenant scope (for other modules: assets check the site they are given). */
export async function findSites(tx: Tx, scope: TenantScope, ids: readonly string[]): Promise<SiteRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(sites)
    .where(and(inIds(sites.id, ids), inIds(sites.orgId, scope.orgIds)));
}

export async function insertSite(tx: Tx, values: typeof sites.$inferInsert): Promise<SiteRow> {
  const [row] = await tx.insert(sites).values(values).returning();
  return row!;
}

export async function updateSite(
  tx: Tx,
  scope: TenantScope,
  id: string,
  values: Partial<typeof sites.$inferInsert>,
): Promise<SiteRow | undefined> {
  const [row] = await tx
    .update(sites)
    .set(values)
    .where(and(eq(sites.id, id), inIds(sites.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deleteSite(tx: Tx, scope: TenantScope, id: string): Promise<SiteRow | undefined> {
  const [row] = await tx
    .delete(sites)
    .where(and(eq(sites.id, id), inIds(sites.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function listRooms(tx: Tx, scope: TenantScope, siteId: string) {
  return tx
    .select()
    .from(siteRooms)
    .where(and(eq(siteRooms.siteId, siteId), inIds(siteRooms.orgId, scope.orgIds)))
    .orderBy(asc(siteRooms.name), asc(siteRooms.id));
}

/** Rooms by id within the tenant scope (for other modules). */
export async function findRooms(tx: Tx, scope: TenantScope, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(siteRooms)
    .where(and(inIds(siteRooms.id, ids), inIds(siteRooms.orgId, scope.orgIds)));
}

export async function insertRoom(tx: Tx, values: typeof siteRooms.$inferInsert) {
  const [row] = await tx.insert(siteRooms).values(values).returning();
  return row!;
}

export async function updateRoom(
  tx: Tx,
  scope: TenantScope,
  siteId: string,
  id: string,
  values: Partial<typeof siteRooms.$inferInsert>,
) {
  const [row] = await tx
    .update(siteRooms)
    .set(values)
    .where(and(eq(siteRooms.id, id), eq(siteRooms.siteId, siteId), inIds(siteRooms.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deleteRoom(tx: Tx, scope: TenantScope, siteId: string, id: string) {
  const [row] = await tx
    .delete(siteRooms)
    .where(and(eq(siteRooms.id, id), eq(siteRooms.siteId, siteId), inIds(siteRooms.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function listDcPartners(tx: Tx, scope: TenantScope, dataCentreIds: readonly string[]) {
  if (dataCentreIds.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(dataCentrePartners)
    .where(and(inIds(dataCentrePartners.dataCentreId, dataCentreIds), inIds(dataCentrePartners.orgId, scope.orgIds)))
    .orderBy(asc(dataCentrePartners.createdAt), asc(dataCentrePartners.id));
}

export async function insertDcPartner(tx: Tx, values: typeof dataCentrePartners.$inferInsert) {
  const [row] = await tx.insert(dataCentrePartners).values(values).returning();
  return row!;
}

export async function deleteDcPartner(tx: Tx, scope: TenantScope, dataCentreId: string, id: string) {
  const [row] = await tx
    .delete(dataCentrePartners)
    .where(
      and(
        eq(dataCentrePartners.id, id),
        eq(dataCentrePartners.dataCentreId, dataCentreId),
        inIds(dataCentrePartners.orgId, scope.orgIds),
      ),
    )
    .returning();
  return row;
}

export type PlacementWithOrg = typeof servicePlacements.$inferSelect & { orgName: string };

export async function listPlacements(
  tx: Tx,
  scope: TenantScope,
  f: { orgIds: readonly string[]; siteId?: string },
): Promise<PlacementWithOrg[]> {
  const where: SQL[] = [inIds(servicePlacements.orgId, scope.orgIds), inIds(servicePlacements.orgId, f.orgIds)];
  if (f.siteId) {
    where.push(or(eq(servicePlacements.primarySiteId, f.siteId), eq(servicePlacements.replicaSiteId, f.siteId))!);
  }
  const rows = await tx
    .select({ p: servicePlacements, orgName: organisations.name })
    .from(servicePlacements)
    .innerJoin(organisations, eq(organisations.id, servicePlacements.orgId))
    .where(and(...where))
    .orderBy(asc(servicePlacements.name), asc(servicePlacements.id))
    .limit(5000);
  return rows.map((r) => ({ ...r.p, orgName: r.orgName }));
}

export async function findPlacement(tx: Tx, scope: TenantScope, id: string): Promise<PlacementWithOrg | undefined> {
  const [r] = await tx
    .select({ p: servicePlacements, orgName: organisations.name })
    .from(servicePlacements)
    .innerJoin(organisations, eq(organisations.id, servicePlacements.orgId))
    .where(and(eq(servicePlacements.id, id), inIds(servicePlacements.orgId, scope.orgIds)))
    .limit(1);
  return r ? { ...r.p, orgName: r.orgName } : undefined;
}

export async function insertPlacement(tx: Tx, values: typeof servicePlacements.$inferInsert) {
  const [row] = await tx.insert(servicePlacements).values(values).returning();
  return row!;
}

export async function updatePlacement(
  tx: Tx,
  scope: TenantScope,
  id: string,
  values: Partial<typeof servicePlacements.$inferInsert>,
) {
  const [row] = await tx
    .update(servicePlacements)
    .set(values)
    .where(and(eq(servicePlacements.id, id), inIds(servicePlacements.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deletePlacement(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .delete(servicePlacements)
    .where(and(eq(servicePlacements.id, id), inIds(servicePlacements.orgId, scope.orgIds)))
    .returning();
  return row;
}

/**
 * Admin path: the public face of sites (name, kind, city, partner provider name) for ids the
 * service took from rows the caller may see — a member's placement names the provider's data
 * centre, which lies outside the member's tenant.
 */
export async function siteRefs(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) {
    return new Map<
      string,
      { id: string; name: string; kind: SiteKind; city: string | null; partnerProviderName: string | null }
    >();
  }
  const res = await tx.execute<{
    id: string;
    name: string;
    kind: SiteKind;
    city: string | null;
    partner_name: string | null;
  }>(sql`
    select s.id, s.name, s.kind, s.city, o.name as partner_name
      from sites s left join organisations o on o.id = s.partner_provider_id
     where s.id = any(${`{${ids.join(',')}}`}::uuid[])`);
  return new Map(
    res.rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, kind: r.kind, city: r.city, partnerProviderName: r.partner_name },
    ]),
  );
}

/**
 * Admin path: replicas other providers keep at `providerId`'s data centres, only from providers
 * that are its partners (partner_links of this provider). Returns no member or organisation of the
 * partner's tree: the partner's provider name, the service name, the replication mode.
 */
export async function hostedForPartners(tx: Tx, providerId: string) {
  const res = await tx.execute<{
    partner_name: string;
    service_name: string;
    replication: 'synchronous' | 'asynchronous' | 'backup_restore';
    site_name: string;
  }>(sql`
    select po.name as partner_name, sp.name as service_name, sp.replication, s.name as site_name
      from service_placements sp
      join sites s on s.id = sp.replica_site_id
      join organisations po on po.id = sp.provider_id
     where s.kind = 'partner_data_centre' and s.partner_provider_id = ${providerId}
       and exists (select 1 from partner_links pl where pl.org_id = ${providerId} and pl.partner_id = sp.provider_id)
     order by po.name, sp.name`);
  return res.rows.map((r) => ({
    partnerName: r.partner_name,
    serviceName: r.service_name,
    replication: r.replication,
    siteName: r.site_name,
  }));
}
