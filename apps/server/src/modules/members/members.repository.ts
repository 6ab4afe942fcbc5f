import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { memberPopulation, memberProfiles, memberWorkstations, type HistoryRow } from './members.schema.js';

/*
 * Profile and dated histories. Every method takes the tenant scope first and filters by the
 * organisations in it (RLS is the backstop behind this filter).
 */

export type HistoryTable = typeof memberPopulation | typeof memberWorkstations;
export const historyTable = (kind: 'population' | 'workstations'): HistoryTable =>
  kind === 'population' ? memberPopulation : memberWorkstations;

export async function findProfile(tx: Tx, scope: TenantScope, orgId: string) {
  const [row] = await tx
    .select()
    .from(memberProfiles)
    .where(and(eq(memberProfiles.orgId, orgId), inIds(memberProfiles.orgId, scope.orgIds)));
  return row;
}

export async function upsertProfile(tx: Tx, scope: TenantScope, orgId: string, values: Partial<typeof memberProfiles.$inferInsert>) {
  if (!scope.orgIds.includes(orgId)) {
    throw new Error('members.upsertProfile: organisation outside scope');
  }
  const [row] = await tx
    .insert(memberProfiles)
    .values({ ...values, orgId })
    .onConflictDoUpdate({ target: memberProfiles.orgId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}

export async function history(tx: Tx, scope: TenantScope, table: HistoryTable, orgId: string): Promise<HistoryRow[]> {
  return tx
    .select()
    .from(table)
    .where(and(eq(table.orgId, orgId), inIds(table.orgId, scope.orgIds)))
    .orderBy(desc(table.referenceDate));
}

/** The entry in force at `date` per organisation: latest reference date on or before it. */
export async function valuesAt(tx: Tx, scope: TenantScope, table: HistoryTable, orgIds: readonly string[], date: string): Promise<HistoryRow[]> {
  if (orgIds.length === 0) {
    return [];
  }
  return tx
    .selectDistinctOn([table.orgId])
    .from(table)
    .where(and(inIds(table.orgId, orgIds), inIds(table.orgId, scope.orgIds), lte(table.referenceDate, date)))
    .orderBy(asc(table.orgId), desc(table.referenceDate));
}

export async function latest(tx: Tx, scope: TenantScope, table: HistoryTable, orgId: string): Promise<HistoryRow | undefined> {
  const [row] = await tx
    .select()
    .from(table)
    .where(and(eq(table.orgId, orgId), inIds(table.orgId, scope.orgIds)))
    .orderBy(desc(table.referenceDate))
    .limit(1);
  return row;
}

export async function findEntry(tx: Tx, scope: TenantScope, table: HistoryTable, orgId: string, date: string) {
  const [row] = await tx
    .select()
    .from(table)
    .where(and(eq(table.orgId, orgId), inIds(table.orgId, scope.orgIds), eq(table.referenceDate, date)));
  return row;
}

export async function putEntry(
  tx: Tx,
  scope: TenantScope,
  table: HistoryTable,
  v: { orgId: string; referenceDate: string; value: number; source: string; note?: string | null },
): Promise<HistoryRow> {
  if (!scope.orgIds.includes(v.orgId)) {
    throw new Error('members.putEntry: organisation outside scope');
  }
  const [row] = await tx
    .insert(table)
    .values(v)
    .onConflictDoUpdate({
      target: [table.orgId, table.referenceDate],
      set: { value: v.value, source: v.source, note: v.note ?? null, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function deleteEntry(tx: Tx, scope: TenantScope, table: HistoryTable, orgId: string, date: string) {
  await tx.delete(table).where(and(eq(table.orgId, orgId), inIds(table.orgId, scope.orgIds), eq(table.referenceDate, date)));
}
