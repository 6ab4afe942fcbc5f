import { and, asc, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { leitwegIds, type LeitwegIdRow } from './members.schema.js';

export async function list(tx: Tx, scope: TenantScope, orgId: string): Promise<LeitwegIdRow[]> {
  return tx
    .select()
    .from(leitwegIds)
    .where(and(eq(leitwegIds.orgId, orgId), inIds(leitwegIds.orgId, scope.orgIds)))
    .orderBy(asc(leitwegIds.createdAt), asc(leitwegIds.id));
}

export async function find(tx: Tx, scope: TenantScope, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(leitwegIds)
    .where(and(eq(leitwegIds.id, id), eq(leitwegIds.orgId, orgId), inIds(leitwegIds.orgId, scope.orgIds)));
  return row;
}

export async function insert(tx: Tx, scope: TenantScope, values: typeof leitwegIds.$inferInsert) {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('leitweg.insert: organisation outside scope');
  }
  const [row] = await tx.insert(leitwegIds).values(values).returning();
  return row!;
}

export async function update(tx: Tx, scope: TenantScope, orgId: string, id: string, values: Partial<typeof leitwegIds.$inferInsert>) {
  const [row] = await tx
    .update(leitwegIds)
    .set(values)
    .where(and(eq(leitwegIds.id, id), eq(leitwegIds.orgId, orgId), inIds(leitwegIds.orgId, scope.orgIds)))
    .returning();
  return row;
}

/** Clears the default flag of the member's other Leitweg-IDs (before setting a new default). */
export async function clearDefault(tx: Tx, scope: TenantScope, orgId: string, exceptId?: string) {
  const conds = [eq(leitwegIds.orgId, orgId), inIds(leitwegIds.orgId, scope.orgIds), eq(leitwegIds.isDefault, true)];
  if (exceptId) {
    conds.push(ne(leitwegIds.id, exceptId));
  }
  await tx.update(leitwegIds).set({ isDefault: false }).where(and(...conds));
}

export async function remove(tx: Tx, scope: TenantScope, orgId: string, id: string) {
  await tx.delete(leitwegIds).where(and(eq(leitwegIds.id, id), eq(leitwegIds.orgId, orgId), inIds(leitwegIds.orgId, scope.orgIds)));
}

/** The default Leitweg-ID per member, for invoicing (BT-10); members without one are absent. */
export async function defaults(tx: Tx, scope: TenantScope, orgIds: readonly string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({ orgId: leitwegIds.orgId, leitwegId: leitwegIds.leitwegId })
    .from(leitwegIds)
    .where(and(inIds(leitwegIds.orgId, orgIds), inIds(leitwegIds.orgId, scope.orgIds), eq(leitwegIds.isDefault, true)));
  return new Map(rows.map((r) => [r.orgId, r.leitwegId]));
}
