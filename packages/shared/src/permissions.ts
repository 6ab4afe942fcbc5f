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
  // Service catalogue and yearly price lists (Leistungs- und Entgeltverzeichnis).
  'catalog.read',
  'catalog.manage',
  // Subscriptions of members to services (quantities with history).
  'subscription.read',
  'subscription.manage',
  // Cost plans, allocation previews and billing runs: provider finance only (drafts are internal).
  'billing.read',
  'billing.manage',
  // Issued invoices and credit notes (a member reads its own).
  'invoice.read',
  // Service desk: read tickets, open tickets (members too), work tickets as an agent, see internal notes.
  'ticket.read',
  'ticket.create',
  'ticket.manage',
  'ticket.internal',
  // SLA profiles, ticket categories and priority matrix of a provider.
  'sla.manage',
  // Knowledge base: read published articles; write and publish.
  'knowledge.read',
  'knowledge.manage',
  // Asset inventory (CMDB), sites and data centres, backup jobs, runs and restore tests.
  'asset.read',
  'asset.manage',
  'site.read',
  'site.manage',
  'backup.read',
  'backup.manage',
  // Write backup runs through the ingest API (meant for API tokens of the provider's backup system).
  'backup.ingest',
  // Grants (Fördermittel): programmes, financing plans, expenses, drawdowns, proof of use.
  'grant.read',
  'grant.manage',
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
    'catalog.read', 'subscription.read', 'subscription.manage',
    'ticket.read', 'ticket.create', 'ticket.manage', 'ticket.internal', 'knowledge.read', 'knowledge.manage',
    'asset.read', 'asset.manage', 'site.read', 'site.manage', 'backup.read', 'backup.manage', 'backup.ingest',
  ],
  provider_finance: [
    'organisation.read', 'audit.read', 'member.read', 'member.update', 'contact.manage', 'leitweg.manage',
    // Finance reads agreements (allocation key, VAT, shares) and their documents.
    'agreement.read', 'document.read', 'onboarding.read', 'partner.read',
    // Finance owns the catalogue prices, cost allocation, billing and grants.
    'catalog.read', 'catalog.manage', 'subscription.read', 'subscription.manage',
    'billing.read', 'billing.manage', 'invoice.read', 'asset.read', 'grant.read', 'grant.manage',
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
    // Sees its catalogue, subscriptions, invoices, tickets, assets and backup evidence; opens tickets;
    // edits its own assets and sites (read-only for member users).
    'catalog.read', 'subscription.read', 'invoice.read', 'ticket.read', 'ticket.create', 'knowledge.read',
    'asset.read', 'asset.manage', 'site.read', 'site.manage', 'backup.read', 'grant.read',
  ],
  member_user: [
    'organisation.read', 'member.read', 'agreement.read', 'document.read', 'onboarding.read',
    'catalog.read', 'subscription.read', 'invoice.read', 'ticket.read', 'knowledge.read',
    'asset.read', 'site.read', 'backup.read',
    // The one write a member user has: opening a ticket in the portal (and replying to it).
    'ticket.create',
  ],
  auditor: [
    'organisation.read', 'user.read', 'audit.read', 'member.read', 'agreement.read', 'document.read', 'onboarding.read', 'partner.read',
    'catalog.read', 'subscription.read', 'billing.read', 'invoice.read', 'ticket.read', 'knowledge.read',
    'asset.read', 'site.read', 'backup.read', 'grant.read',
  ],
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
