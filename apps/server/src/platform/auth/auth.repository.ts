import { Role } from '@verbund/shared';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { users } from '../../modules/users/users.schema.js';
import { apiTokens, sessions } from './auth.schema.js';
import type { OrgRoles } from './auth.context.js';

// System-path queries (run via withSystem): the caller is not yet known, so there is no tenant.

export async function findUserByEmail(tx: Tx, email: string) {
  const rows = await tx
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0];
}

export async function insertSession(
  tx: Tx,
  s: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  const [row] = await tx.insert(sessions).values(s).returning({ id: sessions.id });
  await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, s.userId));
  return row!.id;
}

export async function findSession(tx: Tx, tokenHash: string) {
  const rows = await tx
    .select({ id: sessions.id, userId: sessions.userId, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)))
    .limit(1);
  return rows[0];
}

export async function touchSession(tx: Tx, id: string) {
  await tx.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Tx, tokenHash: string) {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(tx: Tx, userId: string) {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export async function findApiToken(tx: Tx, tokenHash: string) {
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`)))
    .limit(1);
  return rows[0];
}

export async function isActiveUser(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.select({ active: users.active }).from(users).where(eq(users.id, id)).limit(1);
  return rows[0]?.active === true;
}

export async function touchApiToken(tx: Tx, id: string) {
  await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

/**
 * A valid session with its user's roles per organisation, in ONE round trip: this runs on every
 * request, so it is a single statement outside any transaction.
 */
export async function resolveSession(db: Pick<Tx, 'execute'>, tokenHash: string) {
  const res = await db.execute<{
    id: string;
    user_id: string;
    last_seen_at: string | Date;
    expires_at: string | Date;
    name: string;
    email: string;
    locale: string;
    roles: { org_id: string; roles: string[] }[] | null;
  }>(sql`
    with recursive s as (
      select s.id, s.user_id, s.last_seen_at, s.expires_at, u.name, u.email, u.locale
        from sessions s join users u on u.id = s.user_id
       where s.token_hash = ${tokenHash} and s.expires_at > now() and u.active
    ), tree(org_id, role, deep) as (
      select g.org_id, g.role, g.include_descendants
        from role_grants g join s on g.user_id = s.user_id
      union all
      select o.id, t.role, t.deep
        from tree t join organisations o on o.parent_id = t.org_id
       where t.deep
    )
    select s.id, s.user_id, s.last_seen_at, s.expires_at, s.name, s.email, s.locale,
           (select json_agg(json_build_object('org_id', x.org_id, 'roles', x.roles))
              from (select org_id, array_agg(distinct role) as roles from tree group by org_id) x) as roles
      from s`);
  const row = res.rows[0];
  if (!row) {
    return undefined;
  }
  const roles = typeof row.roles === 'string' ? (JSON.parse(row.roles) as typeof row.roles) : row.roles;
  return {
    id: row.id,
    userId: row.user_id,
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    person: { name: row.name, email: row.email, locale: row.locale },
    roles: (roles ?? []).map((r) => ({ orgId: r.org_id, roles: r.roles.map((x) => Role.parse(x)) })),
  };
}

/** Roles per organisation of a user, grants with include_descendants expanded down the tree. */
export async function rolesOfUser(tx: Tx, userId: string): Promise<OrgRoles[]> {
  const res = await tx.execute<{ org_id: string; roles: string[] | string }>(sql`
    with recursive tree(org_id, role, deep) as (
      select g.org_id, g.role, g.include_descendants
        from role_grants g where g.user_id = ${userId}
      union all
      select o.id, t.role, t.deep
        from tree t join organisations o on o.parent_id = t.org_id
       where t.deep
    )
    select org_id, array_agg(distinct role) as roles from tree group by org_id`);
  return res.rows.map((r) => ({ orgId: r.org_id, roles: parseArray(r.roles).map((x) => Role.parse(x)) }));
}

/** Organisations an API token covers (its org, plus descendants when so created). */
export async function orgsOfToken(tx: Tx, orgId: string, deep: boolean): Promise<string[]> {
  return deep ? subtreeOf(tx, orgId) : [orgId];
}

/** An organisation and every organisation below it, whoever may see them. */
export async function subtreeOf(tx: Tx, orgId: string): Promise<string[]> {
  const res = await tx.execute<{ id: string }>(sql`
    with recursive tree(id) as (
      select ${orgId}::uuid
      union all
      select o.id from tree t join organisations o on o.parent_id = t.id
    ) select id from tree`);
  return res.rows.map((r) => r.id);
}

/** node-postgres parses text[] into arrays; PGlite may hand back the literal. */
function parseArray(v: string[] | string): string[] {
  if (Array.isArray(v)) {
    return v;
  }
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean)
    .map((s) => s.replace(/^"|"$/g, ''));
}
