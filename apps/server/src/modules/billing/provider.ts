import type { Permission } from '@verbund/shared';
import { and, eq, sql } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisations } from '../organisations/index.js';

export function has(auth: AuthContext, orgId: string, p: Permission): boolean {
  return auth.permissions.get(orgId)?.has(p) ?? false;
}

/**
 * The provider a billing request is about: the one from `?providerId=`, else the one provider on
 * which the caller holds the permission. Checked with the access switch (404 foreign, 403 lacking).
 */
export async function resolveProvider(tx: Tx, auth: AuthContext, permission: Permission, providerId?: string): Promise<string> {
  if (providerId) {
    await access.require(tx, auth, permission, [providerId]);
    const [row] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, providerId), eq(organisations.kind, 'provider')));
    if (!row) {
      throw new NotFoundError();
    }
    return providerId;
  }
  access.requireAnywhere(auth, permission);
  const rows = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inIds(organisations.id, orgsWith(auth, permission)), sql`${organisations.kind} = 'provider'`));
  if (rows.length === 0) {
    // The permission is held on members only (not possible with the shipped roles).
    throw new NotFoundError();
  }
  if (rows.length > 1) {
    throw new UnprocessableError('You work for several providers; name one with ?providerId=.', [{ field: 'querystring/providerId', message: 'required' }]);
  }
  return rows[0]!.id;
}
