/**
 * Who may read and change the catalogue. The catalogue belongs to a provider; its members read it
 * (they hold catalog.read on their own organisation, not on the provider), only holders of
 * catalog.manage on the provider change it.
 */
import type { Permission } from '@verbund/shared';
import { sql } from 'drizzle-orm';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Tx } from '../../platform/db/client.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';

/** Providers whose catalogue the caller may read: the providers of the organisations it holds catalog.read on. */
export async function readableProviders(tx: Tx, auth: AuthContext): Promise<string[]> {
  const orgs = orgsWith(auth, 'catalog.read');
  if (orgs.length === 0) {
    return [];
  }
  const res = await tx.execute<{ provider_id: string }>(
    sql`select distinct provider_id from organisations where id = any(${`{${orgs.join(',')}}`}::uuid[])`,
  );
  return res.rows.map((r) => r.provider_id);
}

export function has(auth: AuthContext, orgId: string, p: Permission): boolean {
  return auth.permissions.get(orgId)?.has(p) ?? false;
}

/** The caller sees the provider's internal state (drafts): it holds catalog.read on the provider itself. */
export function isProviderStaff(auth: AuthContext, providerId: string): boolean {
  return has(auth, providerId, 'catalog.read');
}

/** 403 unless the caller holds catalog.manage on the provider (call after the row was found readable). */
export function requireManage(auth: AuthContext, providerId: string): void {
  if (!has(auth, providerId, 'catalog.manage')) {
    throw new ForbiddenError('You lack the permission catalog.manage here.');
  }
}

/**
 * The access switch takes service and price list ids for catalog.* too; where the URL or body
 * must name the provider organisation itself, anything else is 404.
 */
export async function requireProviderOrg(tx: Tx, providerId: string): Promise<void> {
  const res = await tx.execute<{ n: number }>(sql`select count(*)::int as n from organisations where id = ${providerId} and kind = 'provider'`);
  if ((res.rows[0]?.n ?? 0) === 0) {
    throw new NotFoundError();
  }
}
