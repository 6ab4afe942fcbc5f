import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { costPlans, costPools, type CostPlanRow, type CostPoolRow } from './billing.schema.js';

export async function listPlans(tx: Tx, scope: TenantScope, providerId: string, year?: number): Promise<CostPlanRow[]> {
  const conds = [eq(costPlans.orgId, providerId), inIds(costPlans.orgId, scope.orgIds)];
  if (year) {
    conds.push(eq(costPlans.year, year));
  }
  return tx.select().from(costPlans).where(and(...conds)).orderBy(desc(costPlans.year));
}

export async function findPlan(tx: Tx, scope: TenantScope, id: string): Promise<CostPlanRow | undefined> {
  const [row] = await tx.select().from(costPlans).where(and(eq(costPlans.id, id), inIds(costPlans.orgId, scope.orgIds)));
  return row;
}

export async function findPlanByYear(tx: Tx, scope: TenantScope, providerId: string, year: number): Promise<CostPlanRow | undefined> {
  const [row] = await tx
    .select()
    .from(costPlans)
    .where(and(eq(costPlans.orgId, providerId), eq(costPlans.year, year), inIds(costPlans.orgId, scope.orgIds)));
  return row;
}

export async function insertPlan(tx: Tx, scope: TenantScope, values: typeof costPlans.$inferInsert): Promise<CostPlanRow> {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('cost plan: provider outside scope');
  }
  const [row] = await tx.insert(costPlans).values(values).returning();
  return row!;
}

export async function updatePlan(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof costPlans.$inferInsert>) {
  const [row] = await tx
    .update(costPlans)
    .set(values)
    .where(and(eq(costPlans.id, id), inIds(costPlans.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function poolsOf(tx: Tx, scope: TenantScope, planIds: readonly string[]): Promise<CostPoolRow[]> {
  if (planIds.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(costPools)
    .where(and(inArray(costPools.planId, [...planIds]), inIds(costPools.orgId, scope.orgIds)))
    .orderBy(asc(costPools.position), asc(costPools.id));
}

export async function findPool(tx: Tx, scope: TenantScope, planId: string, poolId: string): Promise<CostPoolRow | undefined> {
  const [row] = await tx
    .select()
    .from(costPools)
    .where(and(eq(costPools.id, poolId), eq(costPools.planId, planId), inIds(costPools.orgId, scope.orgIds)));
  return row;
}

export async function insertPool(tx: Tx, scope: TenantScope, values: typeof costPools.$inferInsert): Promise<CostPoolRow> {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('cost pool: provider outside scope');
  }
  const [row] = await tx.insert(costPools).values(values).returning();
  return row!;
}

export async function updatePool(tx: Tx, scope: TenantScope, poolId: string, values: Partial<typeof costPools.$inferInsert>) {
  const [row] = await tx
    .update(costPools)
    .set(values)
    .where(and(eq(costPools.id, poolId), inIds(costPools.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deletePool(tx: Tx, scope: TenantScope, poolId: string) {
  await tx.delete(costPools).where(and(eq(costPools.id, poolId), inIds(costPools.orgId, scope.orgIds)));
}
