import type { Permission } from '@verbund/shared';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Tx } from '../../platform/db/client.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import * as repo from './grants.repository.js';

/** How the caller sees a grant: the provider's staff see all of it; a beneficiary only its share. */
export interface GrantView {
  grant: repo.GrantWithProgramme;
  full: boolean;
  /** The beneficiary members whose share the caller sees (empty with `full`). */
  memberIds: string[];
}

/**
 * The access check of every grant operation with a grant id. Staff of the provider pass the one
 * permission switch on the grant; members pass it on their own organisations, and only for reading
 * a grant they are a beneficiary of. Missing and invisible grants are 404; a visible grant without
 * the permission is 403.
 */
export async function grantView(tx: Tx, auth: AuthContext, permission: Permission, grantId: string): Promise<GrantView> {
  const grant = await repo.findGrant(tx, auth, grantId);
  if (!grant) {
    throw new NotFoundError();
  }
  if (auth.permissions.has(grant.orgId)) {
    await access.require(tx, auth, permission, [grantId]);
    return { grant, full: true, memberIds: [] };
  }
  const mine = (await repo.beneficiaries(tx, auth, [grantId])).map((b) => b.b.orgId);
  const readable = mine.filter((id) => auth.permissions.get(id)?.has('grant.read'));
  if (permission !== 'grant.read' || readable.length === 0) {
    throw new ForbiddenError(`You lack the permission ${permission} here.`);
  }
  await access.require(tx, auth, 'grant.read', readable);
  return { grant, full: false, memberIds: readable };
}

/** Operations only the provider's side has (plan, proof of use, assets): members get 403. */
export async function grantFull(tx: Tx, auth: AuthContext, permission: Permission, grantId: string): Promise<repo.GrantWithProgramme> {
  const v = await grantView(tx, auth, permission, grantId);
  if (!v.full) {
    throw new ForbiddenError('Only the recipient of the grant sees this.');
  }
  return v.grant;
}

/** "Today" in Europe/Berlin as YYYY-MM-DD. */
export function berlinToday(now: Date): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}
