import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import { backupJobs, restoreTestPlanItems, restoreTests, type RestoreTestRow } from './backups.schema.js';

export type RestoreTestWithNames = RestoreTestRow & { orgName: string; jobName: string | null };

export async function listTests(
  tx: Tx,
  scope: TenantScope,
  f: { orgIds: readonly string[]; year?: number },
): Promise<RestoreTestWithNames[]> {
  const where = [inIds(restoreTests.orgId, scope.orgIds), inIds(restoreTests.orgId, f.orgIds)];
  if (f.year) {
    where.push(gte(restoreTests.testedOn, `${f.year}-01-01`), lt(restoreTests.testedOn, `${f.year + 1}-01-01`));
  }
  const rows = await tx
    .select({ t: restoreTests, orgName: organisations.name, jobName: backupJobs.name })
    .from(restoreTests)
    .innerJoin(organisations, eq(organisations.id, restoreTests.orgId))
    .leftJoin(backupJobs, eq(backupJobs.id, restoreTests.jobId))
    .where(and(...where))
    .orderBy(desc(restoreTests.testedOn), desc(restoreTests.id))
    .limit(5000);
  return rows.map((r) => ({ ...r.t, orgName: r.orgName, jobName: r.jobName }));
}

export async function findTest(tx: Tx, scope: TenantScope, id: string): Promise<RestoreTestWithNames | undefined> {
  const [r] = await tx
    .select({ t: restoreTests, orgName: organisations.name, jobName: backupJobs.name })
    .from(restoreTests)
    .innerJoin(organisations, eq(organisations.id, restoreTests.orgId))
    .leftJoin(backupJobs, eq(backupJobs.id, restoreTests.jobId))
    .where(and(eq(restoreTests.id, id), inIds(restoreTests.orgId, scope.orgIds)))
    .limit(1);
  return r ? { ...r.t, orgName: r.orgName, jobName: r.jobName } : undefined;
}

export async function insertTest(tx: Tx, values: typeof restoreTests.$inferInsert) {
  const [row] = await tx.insert(restoreTests).values(values).returning();
  return row!;
}

export async function updateTest(
  tx: Tx,
  scope: TenantScope,
  id: string,
  values: Partial<typeof restoreTests.$inferInsert>,
) {
  const [row] = await tx
    .update(restoreTests)
    .set(values)
    .where(and(eq(restoreTests.id, id), inIds(restoreTests.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deleteTest(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .delete(restoreTests)
    .where(and(eq(restoreTests.id, id), inIds(restoreTests.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function planItems(tx: Tx, scope: TenantScope, orgId: string, year: number) {
  return tx
    .select()
    .from(restoreTestPlanItems)
    .where(
      and(
        eq(restoreTestPlanItems.orgId, orgId),
        eq(restoreTestPlanItems.year, year),
        inIds(restoreTestPlanItems.orgId, scope.orgIds),
      ),
    )
    .orderBy(asc(restoreTestPlanItems.plannedMonth), asc(restoreTestPlanItems.what), asc(restoreTestPlanItems.id));
}

export async function findPlanItem(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .select()
    .from(restoreTestPlanItems)
    .where(and(eq(restoreTestPlanItems.id, id), inIds(restoreTestPlanItems.orgId, scope.orgIds)))
    .limit(1);
  return row;
}

export async function insertPlanItem(tx: Tx, values: typeof restoreTestPlanItems.$inferInsert) {
  const [row] = await tx.insert(restoreTestPlanItems).values(values).returning();
  return row!;
}

export async function deletePlanItem(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .delete(restoreTestPlanItems)
    .where(and(eq(restoreTestPlanItems.id, id), inIds(restoreTestPlanItems.orgId, scope.orgIds)))
    .returning();
  return row;
}
