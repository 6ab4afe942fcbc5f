import { Permission, Role } from '@verbund/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inIds } from '../db/scope.js';
import { withSystem, withTenant } from '../db/tenant.js';
import { UnauthorizedError } from '../http/errors.js';
import { organisations } from '../../modules/organisations/organisations.schema.js';
import { users } from '../../modules/users/users.schema.js';
import type { AuthContext } from './auth.context.js';
import type { MeResponse } from './auth.dto.js';

/** The caller, its organisations and what it may do in each: what the UI builds itself from. */
export async function loadMe(db: Db, auth: AuthContext, csrfToken: string): Promise<MeResponse> {
  if (!auth.userId || auth.kind !== 'session') {
    throw new UnauthorizedError('Only a login session has a profile.');
  }
  // The caller's own row, by the id from its session: its home organisation need not be among the
  // organisations it holds roles on, so this one read takes the system path.
  const [user] = await withSystem(db, (tx) =>
    tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, orgId: users.orgId })
      .from(users)
      .where(eq(users.id, auth.userId!))
      .limit(1),
  );
  if (!user) {
    throw new UnauthorizedError();
  }
  return withTenant(db, auth, async (tx) => {
    const orgs = await tx
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, parentId: organisations.parentId })
      .from(organisations)
      .where(inIds(organisations.id, auth.orgIds))
      .orderBy(organisations.name);
    return {
      user: { ...user, locale: user.locale === 'en' ? 'en' : 'de' },
      memberships: orgs.map((o) => ({
        orgId: o.id,
        orgName: o.name,
        orgKind: o.kind,
        parentId: o.parentId,
        roles: [...(auth.roles.get(o.id) ?? [])].map((r) => Role.parse(r)),
        permissions: [...(auth.permissions.get(o.id) ?? [])].map((p) => Permission.parse(p)).sort(),
      })),
      csrfToken,
    };
  });
}
