import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import { grantDrawdowns, grantProgrammes, grants } from './grants.schema.js';

// ---- drawdowns --------------------------------------------------------------------------------

export type DrawdownWithNames = typeof grantDrawdowns.$inferSelect & { memberName: string | null; expenseCount: number };

export async function drawdowns(tx: Tx, scope: TenantScope, grantIds: readonly string[], memberIds?: readonly string[]): Promise<DrawdownWithNames[]> {
  if (grantIds.length === 0) {
    return [];
  }
  const where: SQL[] = [inIds(grantDrawdowns.grantId, grantIds), inIds(grantDrawdowns.orgId, scope.orgIds)];
  if (memberIds) {
    where.push(inIds(grantDrawdowns.memberId, memberIds));
  }
  const rows = await tx
    .select({
      d: grantDrawdowns,
      memberName: organisations.name,
      expenseCount: sql<number>`(select count(*)::int from grant_expenses e where e.drawdown_id = ${grantDrawdowns.id})`,
    })
    .from(grantDrawdowns)
    .leftJoin(organisations, eq(organisations.id, grantDrawdowns.memberId))
    .where(and(...where))
    .orderBy(asc(grantDrawdowns.number));
  return rows.map((r) => ({ ...r.d, memberName: r.memberName, expenseCount: Number(r.expenseCount) }));
}

export async function findDrawdown(tx: Tx, scope: TenantScope, grantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(grantDrawdowns)
    .where(and(eq(grantDrawdowns.id, id), eq(grantDrawdowns.grantId, grantId), inIds(grantDrawdowns.orgId, scope.orgIds)));
  return row;
}

/** Next number per grant; the grant row is locked first so two requests do not take the same. */
export async function nextDrawdownNumber(tx: Tx, grantId: string): Promise<number> {
  await tx.execute(sql`select 1 from grants where id = ${grantId} for update`);
  const res = await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0)::int + 1 as n from grant_drawdowns where grant_id = ${grantId}`);
  return Number(res.rows[0]!.n);
}

export async function insertDrawdown(tx: Tx, values: typeof grantDrawdowns.$inferInsert) {
  const [row] = await tx.insert(grantDrawdowns).values(values).returning();
  return row!;
}

export async function updateDrawdown(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof grantDrawdowns.$inferInsert>) {
  const [row] = await tx
    .update(grantDrawdowns)
    .set(values)
    .where(and(eq(grantDrawdowns.id, id), inIds(grantDrawdowns.orgId, scope.orgIds)))
    .returning();
  return row;
}

/** Received drawdowns booked on these cost pools (the billing hook). */
export async function receivedOnPools(tx: Tx, scope: TenantScope, providerId: string, poolIds: readonly string[]) {
  if (poolIds.length === 0) {
    return [];
  }
  return tx
    .select({ poolId: grantDrawdowns.costPoolId, amount: grantDrawdowns.amount, number: grantDrawdowns.number, fileReference: grants.fileReference, programmeName: grantProgrammes.name })
    .from(grantDrawdowns)
    .innerJoin(grants, eq(grants.id, grantDrawdowns.grantId))
    .innerJoin(grantProgrammes, eq(grantProgrammes.id, grants.programmeId))
    .where(
      and(
        eq(grantDrawdowns.providerId, providerId),
        eq(grantDrawdowns.status, 'received'),
        inArray(grantDrawdowns.costPoolId, [...poolIds]),
        inIds(grantDrawdowns.orgId, scope.orgIds),
      ),
    );
}

// ---- totals -----------------------------------------------------------------------------------

export interface GrantTotals {
  spent: string;
  drawn: string;
  received: string;
}

/** Per grant: booked expenses, drawdowns (every status) and received drawdowns; `memberIds` narrows to members. */
export async function totals(tx: Tx, scope: TenantScope, grantIds: readonly string[], memberIds?: readonly string[]): Promise<Map<string, GrantTotals>> {
  const out = new Map<string, GrantTotals>(grantIds.map((id) => [id, { spent: '0.00', drawn: '0.00', received: '0.00' }]));
  if (grantIds.length === 0) {
    return out;
  }
  const g = `{${grantIds.join(',')}}`;
  const o = `{${scope.orgIds.join(',')}}`;
  const m = memberIds ? `{${memberIds.join(',')}}` : null;
  const res = await tx.execute<{ grant_id: string; spent: string; drawn: string; received: string }>(sql`
    select g.id as grant_id,
      (select coalesce(sum(e.amount), 0)::numeric(14,2)::text from grant_expenses e
        where e.grant_id = g.id and e.org_id = any(${o}::uuid[]) and (${m}::uuid[] is null or e.member_id = any(${m}::uuid[]))) as spent,
      (select coalesce(sum(d.amount), 0)::numeric(14,2)::text from grant_drawdowns d
        where d.grant_id = g.id and d.org_id = any(${o}::uuid[]) and (${m}::uuid[] is null or d.member_id = any(${m}::uuid[]))) as drawn,
      (select coalesce(sum(d.amount), 0)::numeric(14,2)::text from grant_drawdowns d
        where d.grant_id = g.id and d.status = 'received' and d.org_id = any(${o}::uuid[]) and (${m}::uuid[] is null or d.member_id = any(${m}::uuid[]))) as received
    from unnest(${g}::uuid[]) as g(id)`);
  for (const r of res.rows) {
    out.set(r.grant_id, { spent: r.spent, drawn: r.drawn, received: r.received });
  }
  return out;
}

/** Per member of a grant: drawdowns (every status) and received. */
export async function drawnPerMember(tx: Tx, scope: TenantScope, grantId: string) {
  const res = await tx.execute<{ member_id: string; drawn: string; received: string }>(sql`
    select member_id, coalesce(sum(amount), 0)::numeric(14,2)::text as drawn,
      coalesce(sum(amount) filter (where status = 'received'), 0)::numeric(14,2)::text as received
    from grant_drawdowns
    where grant_id = ${grantId} and member_id is not null and org_id = any(${`{${scope.orgIds.join(',')}}`}::uuid[])
    group by member_id`);
  return new Map(res.rows.map((r) => [r.member_id, { drawn: r.drawn, received: r.received }]));
}
