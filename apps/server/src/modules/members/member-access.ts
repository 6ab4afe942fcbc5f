import type { Permission } from '@verbund/shared';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import type { Tx } from '../../platform/db/client.js';
import { NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { organisationsRepository } from '../organisations/index.js';

/**
 * The access check of every members endpoint: the permission on the organisation from the URL,
 * which must be a member (a provider has no member master data). Returns the organisation.
 */
export async function requireMember(tx: Tx, auth: AuthContext, permission: Permission, orgId: string) {
  await access.require(tx, auth, permission, [orgId]);
  const org = await organisationsRepository.findById(tx, auth, orgId);
  if (!org) {
    throw new NotFoundError();
  }
  if (org.kind !== 'member') {
    throw new UnprocessableError('Stammdaten, Kontakte und Leitweg-IDs gibt es nur für Mitglieder, nicht für den Dienstleister.');
  }
  return org;
}
