import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import {
  grantBeneficiaries,
  grantExpenses,
  grantPlanLines,
  grantProgrammes,
  grants,
  savingsReferenceCosts,
  type GrantRow,
} from './grants.schema.js';

export type GrantWithProgramme = GrantRow & { programmeName: string; paysPerMember: boolean };

/** A grant is visible to its provider's staff and to the members it is passed on to. */
function visibleGrant(scope: TenantScope): SQL {
  return or(
    inIds(grants.orgId, scope.orgIds),
    sql`${grants.id} in (select b.grant_id from grant_beneficiaries b where b.org_id = any(${`{${scope.orgIds.join(',')}}`}::uuid[]))`,
  )!;
}

// ---- programmes -------------------------------------------------------------------------------

export async function listProgrammes(tx: Tx, scope: TenantScope, providerIds: readonly string[]) {
  return tx
    .select()
    .from(grantProgrammes)
    .where(and(inIds(grantProgrammes.orgId, scope.orgIds), inIds(grantProgrammes.orgId, providerIds)))
    .orderBy(asc(grantProgrammes.name));
}

export async function findProgramme(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .select()
    .from(grantProgrammes)
    .where(and(eq(grantProgrammes.id, id), inIds(grantProgrammes.orgId, scope.orgIds)));
  return row;
}

export async function insertProgramme(tx: Tx, values: typeof grantProgrammes.$inferInsert) {
  const [row] = await tx.insert(grantProgrammes).values(values).returning();
  return row!;
}

// ---- grants -------------------------------------------------------------------------------------

const grantColumns = { g: grants, programmeName: grantProgrammes.name, paysPerMember: grantProgrammes.paysPerMember };

export async function listGrants(tx: Tx, scope: TenantScope, f: { orgIds?: readonly string[]; q?: string }): Promise<GrantWithProgramme[]> {
  const where: SQL[] = [visibleGrant(scope)];
  if (f.orgIds) {
    where.push(
      or(
        inIds(grants.orgId, f.orgIds),
        sql`${grants.id} in (select b.grant_id from grant_beneficiaries b where b.org_id = any(${`{${f.orgIds.join(',')}}`}::uuid[]))`,
      )!,
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(grants.title, like), ilike(grants.fileReference, like), ilike(grantProgrammes.name, like))!);
  }
  const rows = await tx
    .select(grantColumns)
    .from(grants)
    .innerJoin(grantProgrammes, eq(grantProgrammes.id, grants.programmeId))
    .where(and(...where))
    .orderBy(desc(grants.noticeDate), desc(grants.id))
    .limit(1000);
  return rows.map((r) => ({ ...r.g, programmeName: r.programmeName, paysPerMember: r.paysPerMember }));
}

export async function findGrant(tx: Tx, scope: TenantScope, id: string): Promise<GrantWithProgramme | undefined> {
  const [r] = await tx
    .select(grantColumns)
    .from(grants)
    .innerJoin(grantProgrammes, eq(grantProgrammes.id, grants.programmeId))
    .where(and(eq(grants.id, id), visibleGrant(scope)));
  return r ? { ...r.g, programmeName: r.programmeName, paysPerMember: r.paysPerMember } : undefined;
}

export async function insertGrant(tx: Tx, values: typeof grants.$inferInsert) {
  const [row] = await tx.insert(grants).values(values).returning();
  return row!;
}

export async function updateGrant(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof grants.$inferInsert>) {
  const [row] = await tx
    .update(grants)
    .set(values)
    .where(and(eq(grants.id, id), inIds(grants.orgId, scope.orgIds)))
    .returning();
  return row;
}

// ---- beneficiaries ----------------------------------------------------------------------------

export async function beneficiaries(tx: Tx, scope: TenantScope, grantIds: readonly string[]) {
  if (grantIds.length === 0) {
    return [];
  }
  return tx
    .select({ b: grantBeneficiaries, orgName: organisations.name })
    .from(grantBeneficiaries)
    .innerJoin(organisations, eq(organisations.id, grantBeneficiaries.orgId))
    .where(and(inIds(grantBeneficiaries.grantId, grantIds), inIds(grantBeneficiaries.orgId, scope.orgIds)))
    .orderBy(asc(organisations.name));
}

export async function replaceBeneficiaries(tx: Tx, scope: TenantScope, grantId: string, rows: (typeof grantBeneficiaries.$inferInsert)[]) {
  await tx.delete(grantBeneficiaries).where(and(eq(grantBeneficiaries.grantId, grantId), inIds(grantBeneficiaries.orgId, scope.orgIds)));
  if (rows.length > 0) {
    await tx.insert(grantBeneficiaries).values(rows);
  }
}

// ---- plan lines -------------------------------------------------------------------------------

export async function planLines(tx: Tx, scope: TenantScope, grantId: string) {
  return tx
    .select()
    .from(grantPlanLines)
    .where(and(eq(grantPlanLines.grantId, grantId), inIds(grantPlanLines.orgId, scope.orgIds)))
    .orderBy(asc(grantPlanLines.position), asc(grantPlanLines.code));
}

export async function findPlanLine(tx: Tx, scope: TenantScope, grantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(grantPlanLines)
    .where(and(eq(grantPlanLines.id, id), eq(grantPlanLines.grantId, grantId), inIds(grantPlanLines.orgId, scope.orgIds)));
  return row;
}

export async function insertPlanLine(tx: Tx, values: typeof grantPlanLines.$inferInsert) {
  const [row] = await tx.insert(grantPlanLines).values(values).returning();
  return row!;
}

export async function updatePlanLine(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof grantPlanLines.$inferInsert>) {
  const [row] = await tx
    .update(grantPlanLines)
    .set(values)
    .where(and(eq(grantPlanLines.id, id), inIds(grantPlanLines.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deletePlanLine(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .delete(grantPlanLines)
    .where(and(eq(grantPlanLines.id, id), inIds(grantPlanLines.orgId, scope.orgIds)))
    .returning();
  return row;
}

// ---- expenses ---------------------------------------------------------------------------------

export type ExpenseWithNames = typeof grantExpenses.$inferSelect & { memberName: string | null; planLineCode: string | null };

/** Expenses of a grant; `memberIds` narrows to those members' expenses (a beneficiary's view). */
export async function expenses(tx: Tx, scope: TenantScope, grantId: string, memberIds?: readonly string[]): Promise<ExpenseWithNames[]> {
  const where: SQL[] = [eq(grantExpenses.grantId, grantId), inIds(grantExpenses.orgId, scope.orgIds)];
  if (memberIds) {
    where.push(inIds(grantExpenses.memberId, memberIds));
  }
  const rows = await tx
    .select({ e: grantExpenses, memberName: organisations.name, planLineCode: grantPlanLines.code })
    .from(grantExpenses)
    .leftJoin(organisations, eq(organisations.id, grantExpenses.memberId))
    .leftJoin(grantPlanLines, eq(grantPlanLines.id, grantExpenses.planLineId))
    .where(and(...where))
    .orderBy(asc(grantExpenses.expenseDate), asc(grantExpenses.id));
  return rows.map((r) => ({ ...r.e, memberName: r.memberName, planLineCode: r.planLineCode }));
}

export async function findExpense(tx: Tx, scope: TenantScope, grantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(grantExpenses)
    .where(and(eq(grantExpenses.id, id), eq(grantExpenses.grantId, grantId), inIds(grantExpenses.orgId, scope.orgIds)));
  return row;
}

export async function insertExpense(tx: Tx, values: typeof grantExpenses.$inferInsert) {
  const [row] = await tx.insert(grantExpenses).values(values).returning();
  return row!;
}

export async function updateExpense(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof grantExpenses.$inferInsert>) {
  const [row] = await tx
    .update(grantExpenses)
    .set(values)
    .where(and(eq(grantExpenses.id, id), inIds(grantExpenses.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function deleteExpense(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .delete(grantExpenses)
    .where(and(eq(grantExpenses.id, id), inIds(grantExpenses.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function linkExpenses(tx: Tx, scope: TenantScope, ids: readonly string[], drawdownId: string) {
  if (ids.length > 0) {
    await tx
      .update(grantExpenses)
      .set({ drawdownId })
      .where(and(inIds(grantExpenses.id, ids), isNull(grantExpenses.drawdownId), inIds(grantExpenses.orgId, scope.orgIds)));
  }
}

/** Funded assets: expenses with an asset link. */
export async function assetExpenses(tx: Tx, scope: TenantScope, grantId: string) {
  return tx
    .select({ assetId: grantExpenses.assetId, expenseDate: grantExpenses.expenseDate, amount: grantExpenses.amount })
    .from(grantExpenses)
    .where(and(eq(grantExpenses.grantId, grantId), inIds(grantExpenses.orgId, scope.orgIds), sql`${grantExpenses.assetId} is not null`))
    .orderBy(asc(grantExpenses.expenseDate));
}

// ---- savings reference costs ------------------------------------------------------------------

export async function referenceCosts(tx: Tx, scope: TenantScope, providerId: string, year: number) {
  const [row] = await tx
    .select()
    .from(savingsReferenceCosts)
    .where(and(eq(savingsReferenceCosts.orgId, providerId), eq(savingsReferenceCosts.year, year), inIds(savingsReferenceCosts.orgId, scope.orgIds)));
  return row;
}

export async function upsertReferenceCosts(tx: Tx, values: typeof savingsReferenceCosts.$inferInsert) {
  const [row] = await tx
    .insert(savingsReferenceCosts)
    .values(values)
    .onConflictDoUpdate({
      target: [savingsReferenceCosts.orgId, savingsReferenceCosts.year],
      set: {
        perWorkstation: values.perWorkstation,
        perServer: values.perServer,
        perBackupJob: values.perBackupJob,
        basePerMember: values.basePerMember,
        source: values.source,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}
