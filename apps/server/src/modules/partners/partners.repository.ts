import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { partnerLinks, type PartnerLinkRow } from './partners.schema.js';

export async function list(tx: Tx, scope: TenantScope, providerIds: readonly string[]): Promise<PartnerLinkRow[]> {
  return tx
    .select()
    .from(partnerLinks)
    .where(and(inIds(partnerLinks.orgId, scope.orgIds), inIds(partnerLinks.orgId, providerIds)))
    .orderBy(asc(partnerLinks.id));
}

export async function findById(tx: Tx, scope: TenantScope, id: string): Promise<PartnerLinkRow | undefined> {
  const [row] = await tx
    .select()
    .from(partnerLinks)
    .where(and(eq(partnerLinks.id, id), inIds(partnerLinks.orgId, scope.orgIds)))
    .limit(1);
  return row;
}

/** Both halves of a partnership; the scope must cover both providers (see the service). */
export async function insertPair(tx: Tx, scope: TenantScope, rows: (typeof partnerLinks.$inferInsert)[]): Promise<PartnerLinkRow[]> {
  if (!rows.every((r) => scope.orgIds.includes(r.orgId))) {
    throw new Error('partners.insertPair: provider outside scope');
  }
  return tx.insert(partnerLinks).values(rows).returning();
}

export async function removePair(tx: Tx, scope: TenantScope, pairId: string): Promise<PartnerLinkRow[]> {
  return tx
    .delete(partnerLinks)
    .where(and(eq(partnerLinks.pairId, pairId), inIds(partnerLinks.orgId, scope.orgIds)))
    .returning();
}

/**
 * Admin path: names (and existence) of providers by id. Only for ids the service took from rows
 * the caller can see, or to check the one partner id of a create request; never returns more
 * than id and name.
 */
export async function providerNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const res = await tx.execute<{ id: string; name: string }>(
    sql`select id, name from organisations where kind = 'provider' and id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(res.rows.map((r) => [r.id, r.name]));
}
