import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/organisations.schema.js';
import { roleGrants, users } from './users.schema.js';

const userColumns = {
  id: users.id,
  orgId: users.orgId,
  orgName: sql<string | null>`(select name from organisations o where o.id = ${users.orgId})`,
  email: users.email,
  name: users.name,
  active: users.active,
  locale: users.locale,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export type UserListRow = Awaited<ReturnType<typeof list>>[number];

export async function list(
  tx: Tx,
  scope: TenantScope,
  orgIds: string[],
  f: { orgId?: string; within?: string; q?: string; active?: boolean },
  limit: number,
  after?: unknown[],
) {
  const conds: SQL[] = [inIds(users.orgId, scope.orgIds), inIds(users.orgId, orgIds)];
  if (f.orgId) {
    conds.push(eq(users.orgId, f.orgId));
  }
  if (f.within) {
    conds.push(sql`${users.orgId} in (
      with recursive sub(id) as (
        select ${f.within}::uuid
        union all
        select o.id from organisations o join sub on o.parent_id = sub.id
      ) select id from sub)`);
  }
  if (f.active !== undefined) {
    conds.push(eq(users.active, f.active));
  }
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(${users.name} ilike ${pattern} or ${users.email} ilike ${pattern})`);
  }
  if (after) {
    const [name, id] = after as [string, string];
    conds.push(sql`(${users.name}, ${users.id}) > (${name}, ${id}::uuid)`);
  }
  return tx
    .select(userColumns)
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit + 1);
}

export async function findById(tx: Tx, scope: TenantScope, id: string) {
  const rows = await tx
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, id), inIds(users.orgId, scope.orgIds)))
    .limit(1);
  return rows[0];
}

export async function insert(tx: Tx, scope: TenantScope, values: typeof users.$inferInsert) {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('users.insert: org outside scope');
  }
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export async function update(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof users.$inferInsert>) {
  await tx
    .update(users)
    .set(values)
    .where(and(eq(users.id, id), inIds(users.orgId, scope.orgIds)));
}

export async function emailTaken(tx: Tx, email: string, exceptId?: string): Promise<boolean> {
  // Runs under RLS: a taken address in another tenant is caught by the unique index (409).
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, exceptId ? sql`${users.id} <> ${exceptId}` : undefined))
    .limit(1);
  return rows.length > 0;
}

export async function grantsOf(tx: Tx, scope: TenantScope, userIds: string[]) {
  if (userIds.length === 0) {
    return [];
  }
  return tx
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      orgId: roleGrants.orgId,
      orgName: organisations.name,
      role: roleGrants.role,
      includeDescendants: roleGrants.includeDescendants,
      createdAt: roleGrants.createdAt,
    })
    .from(roleGrants)
    .leftJoin(organisations, eq(organisations.id, roleGrants.orgId))
    .where(and(inIds(roleGrants.userId, userIds), inIds(roleGrants.orgId, scope.orgIds)))
    .orderBy(asc(organisations.name), asc(roleGrants.role));
}

export async function findGrant(tx: Tx, scope: TenantScope, userId: string, grantId: string) {
  const rows = await tx
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId), inIds(roleGrants.orgId, scope.orgIds)))
    .limit(1);
  return rows[0];
}

export async function insertGrant(tx: Tx, scope: TenantScope, values: typeof roleGrants.$inferInsert) {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('roleGrants.insert: org outside scope');
  }
  const [row] = await tx
    .insert(roleGrants)
    .values(values)
    .onConflictDoUpdate({
      target: [roleGrants.userId, roleGrants.orgId, roleGrants.role],
      set: { includeDescendants: values.includeDescendants ?? false },
    })
    .returning();
  return row!;
}

export async function deleteGrant(tx: Tx, scope: TenantScope, grantId: string) {
  await tx.delete(roleGrants).where(and(eq(roleGrants.id, grantId), inIds(roleGrants.orgId, scope.orgIds)));
}

export async function orgKind(tx: Tx, scope: TenantScope, orgId: string) {
  const rows = await tx
    .select({ kind: organisations.kind, providerId: organisations.providerId })
    .from(organisations)
    .where(and(eq(organisations.id, orgId), inIds(organisations.id, scope.orgIds)))
    .limit(1);
  return rows[0];
}

/**
 * The roles each user holds per organisation, deep grants expanded down the tree, also where the
 * caller cannot see. System path (run via withSystem), only with ids that passed an access check.
 */
export async function heldRoles(tx: Tx, userIds: string[]) {
  const res = await tx.execute<{ user_id: string; org_id: string; role: string }>(sql`
    with recursive tree(user_id, org_id, role, deep) as (
      select g.user_id, g.org_id, g.role, g.include_descendants
        from role_grants g where ${inIds(sql`g.user_id`, userIds)}
      union all
      select t.user_id, o.id, t.role, t.deep
        from tree t join organisations o on o.parent_id = t.org_id
       where t.deep
    )
    select distinct user_id, org_id, role from tree`);
  return res.rows.map((r) => ({ userId: r.user_id, orgId: r.org_id, role: r.role }));
}
