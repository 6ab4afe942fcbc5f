import { grantableRoles, PROVIDER_ROLES, type Role } from '@verbund/shared';
import type { Membership } from './memberships';

/**
 * Roles the user may hand out on an organisation: only with role.grant there, only what its own
 * roles allow, and provider roles only on a provider organisation.
 */
export function rolesGrantableOn(membership: Membership | undefined): Role[] {
  if (!membership || !membership.permissions.includes('role.grant')) {
    return [];
  }
  return grantableRoles(membership.roles as Role[]).filter(
    (r) => membership.orgKind === 'provider' || !PROVIDER_ROLES.includes(r),
  );
}
