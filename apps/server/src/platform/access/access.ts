import type { Permission } from '@verbund/shared';
import { sql } from 'drizzle-orm';
import type { AuthContext } from '../auth/auth.context.js';
import type { Tx } from '../db/client.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';

/**
 * The owning organisation of each id, per entity kind. Queries run inside the tenant transaction,
 * so rows the caller cannot see are simply absent (and so answer 404).
 */
async function owners(tx: Tx, permission: Permission, ids: readonly string[]): Promise<Map<string, string>> {
  const entity = permission.split('.')[0];
  switch (entity) {
    case 'organisation':
    case 'role':
    case 'audit':
    case 'token':
    // Member master data, contacts and Leitweg-IDs are checked on the member they belong to; the
    // service then loads the child row by (org id from the URL, row id), so a foreign row is 404.
    case 'member':
    case 'contact':
    case 'leitweg':
      // Checked against organisation ids directly. The session resolved the visible organisations
      // from the database moments ago, so no query is needed to know they exist.
      return new Map(ids.map((id) => [id, id]));
    case 'user':
      return ownersFrom(tx, sql`select id, org_id from users where id = any(${idArray(ids)})`);
    // Onboardings and their tasks are checked on the member (a template on the provider).
    case 'onboarding':
      return new Map(ids.map((id) => [id, id]));
    // These take either a row id (read, change, delete a row) or the id of the organisation a new
    // row is created on; UUIDs do not collide, so one lookup serves both.
    case 'agreement':
      return ownersFrom(tx, sql`select id, org_id from agreements where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    case 'document':
      return ownersFrom(tx, sql`select id, org_id from documents where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    // Assets: a row id (read, change, relate) or the organisation a new asset is created on.
    // Catalogue: a service or price list id (owned by its provider), or the provider organisation
    // a new service or list is created on. Members read the catalogue through the catalog module's
    // own check (they hold catalog.read on their organisation, not on the provider).
    case 'catalog':
      return ownersFrom(tx, sql`select id, provider_id as org_id from services where id = any(${idArray(ids)})
        union all select id, provider_id from price_lists where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)}) and kind = 'provider'`);
    // Subscriptions: a subscription id, or the member a new subscription is made for.
    case 'subscription':
      return ownersFrom(tx, sql`select id, org_id from subscriptions where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    case 'asset':
      return ownersFrom(tx, sql`select id, org_id from assets where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    // Tickets: a ticket id, or the member a new ticket is opened for. SLA profiles, categories and
    // the priority matrix are checked on the provider organisation.
    case 'ticket':
      return ownersFrom(tx, sql`select id, org_id from tickets where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    case 'sla':
      return ownersFrom(tx, sql`select id, id as org_id from organisations where id = any(${idArray(ids)}) and kind = 'provider'`);
    // Sites: a site, room, data-centre partner link or placement id, or the organisation a new one is created on.
    case 'site':
      return ownersFrom(tx, sql`select id, org_id from sites where id = any(${idArray(ids)})
        union all select id, org_id from site_rooms where id = any(${idArray(ids)})
        union all select id, org_id from data_centre_partners where id = any(${idArray(ids)})
        union all select id, org_id from service_placements where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    // Backups: a job, restore test or plan item id, or the organisation (member) they are made for.
    case 'backup':
      return ownersFrom(tx, sql`select id, org_id from backup_jobs where id = any(${idArray(ids)})
        union all select id, org_id from restore_tests where id = any(${idArray(ids)})
        union all select id, org_id from restore_test_plan_items where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    // Knowledge base: an article or category id, or the provider a new one is written for. Only the
    // provider's staff pass (members read through the knowledge service's own reader rule).
    case 'knowledge':
      return ownersFrom(tx, sql`select id, org_id from knowledge_articles where id = any(${idArray(ids)})
        union all select id, org_id from knowledge_categories where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)}) and kind = 'provider'`);
    // Cost plans and billing runs belong to the provider; their routes pass the provider's id, a
    // plan id or a run id. Invoices belong to the member they are addressed to.
    case 'billing':
      return ownersFrom(tx, sql`select id, org_id from cost_plans where id = any(${idArray(ids)})
        union all select id, org_id from billing_runs where id = any(${idArray(ids)})
        union all select id, org_id from invoices where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    case 'invoice':
      return ownersFrom(tx, sql`select id, org_id from invoices where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    // Grants: a programme, grant, plan line, expense or drawdown id, or the organisation a new one
    // is made on (the provider). Members reach a grant through their beneficiary rows: the grants
    // service checks them on the member's organisation.
    case 'grant':
      return ownersFrom(tx, sql`select id, org_id from grants where id = any(${idArray(ids)})
        union all select id, org_id from grant_programmes where id = any(${idArray(ids)})
        union all select id, org_id from grant_plan_lines where id = any(${idArray(ids)})
        union all select id, org_id from grant_expenses where id = any(${idArray(ids)})
        union all select id, org_id from grant_drawdowns where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)})`);
    case 'partner':
      return ownersFrom(tx, sql`select id, org_id from partner_links where id = any(${idArray(ids)})
        union all select id, id from organisations where id = any(${idArray(ids)}) and kind = 'provider'`);
    default:
      throw new Error(`access: no owner lookup for permission ${permission}`);
  }
}

/**
 * Entities whose owner lookup also takes a visible organisation's own id (the organisation a new
 * row is created on) without asking anything more of it. For those, an id the session already
 * lists as a visible organisation needs no query: UUIDs do not collide, so it is that organisation.
 * Lookups that also require the organisation to be a provider are not listed.
 */
const ORG_ID_OWNS_ITSELF = new Set(['agreement', 'document', 'subscription', 'asset', 'ticket', 'site', 'backup', 'billing', 'invoice', 'grant']);

/** Owners of the ids: visible organisation ids answered from the session where allowed, the rest from the database. */
async function ownersOf(tx: Tx, auth: AuthContext, permission: Permission, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ORG_ID_OWNS_ITSELF.has(permission.split('.')[0]!)) {
    return owners(tx, permission, ids);
  }
  const rest = ids.filter((id) => !auth.permissions.has(id));
  const map = rest.length > 0 ? await owners(tx, permission, rest) : new Map<string, string>();
  for (const id of ids) {
    if (auth.permissions.has(id)) {
      map.set(id, id);
    }
  }
  return map;
}

function idArray(ids: readonly string[]) {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

async function ownersFrom(tx: Tx, query: ReturnType<typeof sql>): Promise<Map<string, string>> {
  const res = await tx.execute<{ id: string; org_id: string }>(query);
  return new Map(res.rows.map((r) => [r.id, r.org_id]));
}

function visible(auth: AuthContext, orgId: string): boolean {
  return auth.permissions.has(orgId);
}

function allowed(auth: AuthContext, orgId: string, permission: Permission): boolean {
  return auth.permissions.get(orgId)?.has(permission) ?? false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one permission switch. Throws 404 when any id is missing or outside the caller's
 * organisations (missing and foreign look the same), 403 when the caller can see it but lacks
 * the permission.
 */
export async function requireAccess(
  tx: Tx,
  auth: AuthContext,
  permission: Permission,
  ids: readonly string[],
): Promise<void> {
  if (ids.some((id) => !UUID.test(id))) {
    throw new NotFoundError();
  }
  const map = await ownersOf(tx, auth, permission, ids);
  for (const id of ids) {
    const org = map.get(id);
    if (!org || !visible(auth, org)) {
      throw new NotFoundError();
    }
  }
  for (const id of ids) {
    if (!allowed(auth, map.get(id)!, permission)) {
      throw new ForbiddenError(`You lack the permission ${permission} here.`);
    }
  }
}

/** Bulk variant: the subset of ids the caller holds `permission` on. */
export async function filterAccess(
  tx: Tx,
  auth: AuthContext,
  permission: Permission,
  ids: readonly string[],
): Promise<string[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) {
    return [];
  }
  const map = await ownersOf(tx, auth, permission, valid);
  return valid.filter((id) => {
    const org = map.get(id);
    return org !== undefined && allowed(auth, org, permission);
  });
}

/** For actions without ids (lists, creates at top level): the caller must hold it somewhere. */
export function requireAnywhere(auth: AuthContext, permission: Permission): void {
  for (const set of auth.permissions.values()) {
    if (set.has(permission)) {
      return;
    }
  }
  throw new ForbiddenError(`You lack the permission ${permission}.`);
}

export const access = { require: requireAccess, filter: filterAccess, requireAnywhere };
