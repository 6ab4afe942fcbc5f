import { z } from 'zod';

/**
 * Every permission the platform knows. Modules add theirs here so that the role map, the server's
 * access switch and the web UI share one list.
 */
export const Permission = z.enum([
  'organisation.read',
  'organisation.create',
  'organisation.update',
  'organisation.delete',
  'user.read',
  'user.manage',
  'role.grant',
  'audit.read',
  'token.manage',
  // Member master data: population/workstation history, VAT id, bank details.
  'member.read',
  'member.update',
  // Contact persons of a member, and inviting them as users.
  'contact.manage',
  // Leitweg-IDs (e-invoice routing addresses) of a member.
  'leitweg.manage',
  // Agreements of a member (Zweckvereinbarung, öffentlich-rechtlicher Vertrag, eG, Dienstleistung).
  'agreement.read',
  'agreement.manage',
  // Files of an organisation (signed agreements …): read/download, upload, delete.
  'document.read',
  'document.upload',
  'document.delete',
  // Onboarding checklists: read progress; run tasks and edit the provider's template.
  'onboarding.read',
  'onboarding.manage',
  // Partner providers (georedundant sites): see the link; create or remove it.
  'partner.read',
  'partner.manage',
]);
export type Permission = z.infer<typeof Permission>;

export const Role = z.enum([
  'provider_admin',
  'provider_agent',
  'provider_finance',
  'member_admin',
  'member_user',
  'auditor',
]);
export type Role = z.infer<typeof Role>;

/** Roles that only make sense on the provider organisation itself. */
export const PROVIDER_ROLES: readonly Role[] = ['provider_admin', 'provider_agent', 'provider_finance'];

const ALL = Permission.options;

/** Role → permissions. Granted per (user, organisation, include_descendants). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  provider_admin: ALL,
  provider_agent: [
    'organisation.read', 'user.read', 'audit.read', 'member.read', 'member.update', 'contact.manage', 'leitweg.manage',
    // The service desk runs onboardings (firewall, backup, accounts) and files documents.
    'agreement.read', 'document.read', 'document.upload', 'onboarding.read', 'onboarding.manage', 'partner.read',
  ],
  provider_finance: [
    'organisation.read', 'audit.read', 'member.read', 'member.update', 'contact.manage', 'leitweg.manage',
    // Finance reads agreements (allocation key, VAT, shares) and their documents.
    'agreement.read', 'document.read', 'onboarding.read', 'partner.read',
  ],
  member_admin: [
    'organisation.read',
    'organisation.update',
    'user.read',
    'user.manage',
    'role.grant',
    'audit.read',
    'token.manage',
    'member.read',
    'member.update',
    'contact.manage',
    'leitweg.manage',
    // Reads its agreements and may upload its signed copy; the provider manages the agreement.
    'agreement.read',
    'document.read',
    'document.upload',
    'onboarding.read',
  ],
  member_user: ['organisation.read', 'member.read', 'agreement.read', 'document.read', 'onboarding.read'],
  auditor: ['organisation.read', 'user.read', 'audit.read', 'member.read', 'agreement.read', 'document.read', 'onboarding.read', 'partner.read'],
};

/** Union of the permissions of several roles. */
export function permissionsOf(roles: Iterable<Role>): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) {
    for (const p of ROLE_PERMISSIONS[role]) {
      out.add(p);
    }
  }
  return out;
}

/**
 * Which roles a holder of `granterRoles` on an organisation may hand out there. Member admins may
 * hand out member roles only; provider admins anything.
 */
export function grantableRoles(granterRoles: Iterable<Role>): Role[] {
  const set = new Set(granterRoles);
  if (set.has('provider_admin')) {
    return [...Role.options];
  }
  if (set.has('member_admin')) {
    return ['member_admin', 'member_user', 'auditor'];
  }
  return [];
}
