import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { OPEN_STATUSES } from './ticket-workflow.js';
import { tickets, type TicketRow } from './tickets.schema.js';

export interface TicketFilter {
  /** Organisations whose tickets the caller sees in full. */
  allOrgIds: readonly string[];
  /** Organisations where the caller sees only what it requested or watches. */
  ownOrgIds: readonly string[];
  userId: string | null;
  /** Search internal notes too (agents). */
  internal: boolean;
  statuses?: string[];
  member?: string;
  assignee?: string | 'none';
  requester?: string;
  priority?: string;
  type?: string;
  category?: string;
  service?: string;
  group?: string;
  tag?: string;
  sla?: 'breached' | 'at_risk';
  q?: string;
  /**
   * Matches of `q` found through the GIN index (resolveSearch): the search reads only these ids.
   * Unset: the match is a plain filter on the rows read (frequent words, small scopes).
   */
  qIds?: readonly string[];
  now: Date;
}

export type TicketListRow = Omit<TicketRow, 'searchPublic' | 'searchInternal' | 'description' | 'security'> & {
  orgName: string;
  assigneeName: string | null;
  profileName: string | null;
  warnBeforeMinutes: number | null;
};

const orgName = sql<string>`(select o.name from organisations o where o.id = tickets.org_id)`;
const assigneeName = sql<string | null>`(select u.name from users u where u.id = tickets.assignee_id)`;
const profileName = sql<string | null>`(select p.name from sla_profiles p where p.id = tickets.sla_profile_id)`;
const warnBefore = sql<number | null>`(select p.warn_before_minutes from sla_profiles p where p.id = tickets.sla_profile_id)`;

export const listColumns = {
  id: tickets.id,
  orgId: tickets.orgId,
  providerId: tickets.providerId,
  number: tickets.number,
  type: tickets.type,
  title: tickets.title,
  status: tickets.status,
  impact: tickets.impact,
  urgency: tickets.urgency,
  priority: tickets.priority,
  requesterUserId: tickets.requesterUserId,
  requesterContactId: tickets.requesterContactId,
  requesterName: tickets.requesterName,
  requesterEmail: tickets.requesterEmail,
  serviceId: tickets.serviceId,
  categoryId: tickets.categoryId,
  assigneeId: tickets.assigneeId,
  groupName: tickets.groupName,
  watcherIds: tickets.watcherIds,
  tags: tickets.tags,
  channel: tickets.channel,
  dedupeKey: tickets.dedupeKey,
  slaProfileId: tickets.slaProfileId,
  responseDueAt: tickets.responseDueAt,
  resolutionDueAt: tickets.resolutionDueAt,
  firstResponseAt: tickets.firstResponseAt,
  pauses: tickets.pauses,
  slaWarnedAt: tickets.slaWarnedAt,
  assignedAt: tickets.assignedAt,
  inProgressAt: tickets.inProgressAt,
  waitingSince: tickets.waitingSince,
  resolvedAt: tickets.resolvedAt,
  closedAt: tickets.closedAt,
  reopenedAt: tickets.reopenedAt,
  reopenCount: tickets.reopenCount,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

/** Above this many organisations a provider-wide filter replaces the list (see visibility); tests lower it. */
export const WIDE = { orgs: 20 };

/**
 * Which tickets the caller sees at all (before any filter). Row-level security limits every query
 * to the visible organisations already; this filter adds the finer rule (members' users see only
 * their own tickets). For an agent who sees hundreds of members, the explicit organisation list is
 * replaced by the providers of those organisations: a second `org_id = any(…)` beside the
 * policy's would make PostgreSQL probe the index for every pair of array elements (1,000 × 1,000).
 */
export function visibility(scope: TenantScope, f: Pick<TicketFilter, 'allOrgIds' | 'ownOrgIds' | 'userId'>): SQL {
  const parts: SQL[] = [];
  const own = f.ownOrgIds.length > 0 && f.userId ? f.ownOrgIds : [];
  if (f.allOrgIds.length > WIDE.orgs) {
    // Seen in full = the transaction's whole scope (an agent): its providers are those of the
    // tenant setting, without sending the 1,000 ids again as a parameter.
    const providers =
      f.allOrgIds.length === scope.orgIds.length
        ? sql`(select verbund_provider_ids())`
        : sql`(select array_agg(distinct o.provider_id) from organisations o where ${inIds(sql`o.id`, f.allOrgIds)})`;
    parts.push(
      own.length
        ? sql`(${tickets.providerId} = any(${providers}::uuid[]) and not ${inIds(tickets.orgId, own)})`
        : sql`${tickets.providerId} = any(${providers}::uuid[])`,
    );
  } else if (f.allOrgIds.length > 0) {
    parts.push(inIds(tickets.orgId, f.allOrgIds));
  }
  if (own.length > 0) {
    parts.push(sql`(${inIds(tickets.orgId, own)} and (${tickets.requesterUserId} = ${f.userId} or ${f.userId}::uuid = any(${tickets.watcherIds})))`);
  }
  if (parts.length === 0) {
    return sql`false`;
  }
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

function conditions(scope: TenantScope, f: TicketFilter): SQL[] {
  // Filtered to one member: the visibility rule needs only that member, which keeps the arrays
  // tiny and lets the planner take the (org_id, status, id) index.
  const v = f.member ? { ...f, allOrgIds: f.allOrgIds.filter((o) => o === f.member), ownOrgIds: f.ownOrgIds.filter((o) => o === f.member) } : f;
  const c: SQL[] = [visibility(scope, v)];
  if (f.statuses?.length) {
    c.push(sql`${tickets.status} in (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})`);
  }
  if (f.member) {
    c.push(eq(tickets.orgId, f.member));
  }
  if (f.assignee === 'none') {
    c.push(sql`${tickets.assigneeId} is null`);
  } else if (f.assignee) {
    c.push(eq(tickets.assigneeId, f.assignee));
  }
  if (f.requester) {
    c.push(eq(tickets.requesterUserId, f.requester));
  }
  if (f.priority) {
    c.push(eq(tickets.priority, f.priority as TicketRow['priority']));
  }
  if (f.type) {
    c.push(eq(tickets.type, f.type as TicketRow['type']));
  }
  if (f.category) {
    c.push(eq(tickets.categoryId, f.category));
  }
  if (f.service) {
    c.push(eq(tickets.serviceId, f.service));
  }
  if (f.group) {
    c.push(eq(tickets.groupName, f.group));
  }
  if (f.tag) {
    c.push(sql`${f.tag}::text = any(${tickets.tags})`);
  }
  if (f.sla) {
    const open = sql`${tickets.status} in ('new', 'assigned', 'in_progress')`;
    c.push(
      f.sla === 'breached'
        ? sql`${open} and ${tickets.resolutionDueAt} < ${f.now.toISOString()}::timestamptz`
        : sql`${open} and ${tickets.resolutionDueAt} >= ${f.now.toISOString()}::timestamptz and ${tickets.resolutionDueAt} < ${new Date(+f.now + 4 * 3_600_000).toISOString()}::timestamptz`,
    );
  }
  if (f.q) {
    const q = sql`websearch_to_tsquery('german', ${f.q})`;
    const match = f.internal ? sql`(${tickets.searchPublic} @@ ${q} or ${tickets.searchInternal} @@ ${q})` : sql`${tickets.searchPublic} @@ ${q}`;
    // The ids came from the owner-run search; the match is checked again on the rows read.
    c.push(f.qIds ? sql`${inIds(tickets.id, f.qIds)} and ${match}` : match);
  }
  return c;
}

/** At most this many matches are read by id; beyond, the match is a filter on the newest tickets. */
export const SEARCH_IDS_MAX = 1000;

/**
 * Full-text search over a wide scope (an agent who sees many members, no member filter): `@@` is
 * not leakproof, so below the tenant policy the GIN index is never used and a rare word would make
 * the request read every ticket of the tree. `verbund_ticket_search` (migration 0027, owner-run,
 * same tenant predicate as the policy) finds the matches through the index when the word is rare
 * and answers NULL when it is frequent among recent tickets, where reading newest first stops after
 * a page. A member's own scope is small and goes by the organisation index either way.
 */
export async function resolveSearch(tx: Tx, f: TicketFilter): Promise<TicketFilter> {
  if (!f.q || f.member || f.allOrgIds.length <= WIDE.orgs) {
    return f;
  }
  const res = await tx.execute<{ ids: string[] | string | null }>(sql`select verbund_ticket_search(${f.q}, ${f.internal}, ${SEARCH_IDS_MAX}::int) as ids`);
  const ids = res.rows[0]?.ids ?? null;
  if (ids === null) {
    return f;
  }
  return { ...f, qIds: typeof ids === 'string' ? parseUuidArray(ids) : ids };
}

/** PGlite hands a uuid[] back as its text form. */
function parseUuidArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

export type Sort = 'newest' | 'oldest' | 'due';

export async function list(tx: Tx, scope: TenantScope, f: TicketFilter, sort: Sort, limit: number, after?: unknown[]): Promise<TicketListRow[]> {
  return withNames(tx, await listBare(tx, scope, f, sort, limit, after));
}

type BareRow = Omit<TicketListRow, 'orgName' | 'assigneeName' | 'profileName' | 'warnBeforeMinutes'>;

/**
 * Names of the page's members, assignees and SLA profiles in one query over their ids (a handful),
 * instead of a subquery per row that the planner may run as a scan under the tenant policy.
 */
async function withNames(tx: Tx, rows: BareRow[]): Promise<TicketListRow[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  const orgIds = ids(rows.map((r) => r.orgId));
  const userIds = ids(rows.map((r) => r.assigneeId));
  const profileIds = ids(rows.map((r) => r.slaProfileId));
  // Only the tables the page refers to: each one read costs its tenant policy's setup.
  const parts = [sql`select 'o' as kind, id, name, null::int as warn from organisations where ${inIds(sql`id`, orgIds)}`];
  if (userIds.length) {
    parts.push(sql`select 'u', id, name, null from users where ${inIds(sql`id`, userIds)}`);
  }
  if (profileIds.length) {
    parts.push(sql`select 'p', id, name, warn_before_minutes from sla_profiles where ${inIds(sql`id`, profileIds)}`);
  }
  const res = await tx.execute<{ kind: string; id: string; name: string; warn: number | null }>(sql.join(parts, sql` union all `));
  const names = new Map(res.rows.map((r) => [`${r.kind}:${r.id}`, r]));
  // The names are added to the rows read, not to copies: a copy by spread of a row with forty
  // columns cost ~10 µs, about a tenth of a queue page's CPU in Node.
  for (const r of rows as TicketListRow[]) {
    const profile = r.slaProfileId ? names.get(`p:${r.slaProfileId}`) : undefined;
    r.orgName = names.get(`o:${r.orgId}`)?.name ?? '';
    r.assigneeName = r.assigneeId ? (names.get(`u:${r.assigneeId}`)?.name ?? null) : null;
    r.profileName = profile?.name ?? null;
    r.warnBeforeMinutes = profile?.warn ?? null;
  }
  return rows as TicketListRow[];
}

async function listBare(tx: Tx, scope: TenantScope, f: TicketFilter, sort: Sort, limit: number, after?: unknown[]): Promise<BareRow[]> {
  const c = conditions(scope, f);
  const dueKey = sql`coalesce(${tickets.resolutionDueAt}, 'infinity'::timestamptz)`;
  if (after) {
    if (sort === 'newest') {
      c.push(lt(tickets.id, after[0] as string));
    } else if (sort === 'oldest') {
      c.push(gt(tickets.id, after[0] as string));
    } else {
      c.push(sql`(${dueKey}, ${tickets.id}) > (${after[0] as string}::timestamptz, ${after[1] as string}::uuid)`);
    }
  }
  const order = sort === 'newest' ? [desc(tickets.id)] : sort === 'oldest' ? [asc(tickets.id)] : [asc(dueKey), asc(tickets.id)];
  return tx
    .select(listColumns)
    .from(tickets)
    .where(and(...c))
    .orderBy(...order)
    .limit(limit + 1);
}

export async function count(tx: Tx, scope: TenantScope, f: TicketFilter): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(...conditions(scope, f)));
  return row?.n ?? 0;
}

export async function findById(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .select({
      ...listColumns,
      orgName,
      assigneeName,
      profileName,
      warnBeforeMinutes: warnBefore,
      description: tickets.description,
      security: tickets.security,
      categoryName: sql<string | null>`(select c.name from ticket_categories c where c.id = tickets.category_id)`,
    })
    .from(tickets)
    .where(eq(tickets.id, id))
    .limit(1);
  // The organisation filter on the one row read: as a query parameter it would send an agent's
  // 1,000 organisation ids (36 KB) with every ticket opened.
  return row && scope.orgIds.includes(row.orgId) ? row : undefined;
}

export type TicketDetailRow = NonNullable<Awaited<ReturnType<typeof findById>>>;

/** Open tickets whose due date falls within their profile's warning window and were not warned yet. */
export async function dueForWarning(tx: Tx, now: Date, limit = 500) {
  return tx
    .select()
    .from(tickets)
    .where(
      and(
        sql`${tickets.status} in (${sql.join(
          OPEN_STATUSES.filter((s) => s !== 'waiting').map((s) => sql`${s}`),
          sql`, `,
        )})`,
        sql`${tickets.slaWarnedAt} is null`,
        sql`${tickets.resolutionDueAt} is not null`,
        sql`${tickets.resolutionDueAt} < ${new Date(+now + 7 * 86_400_000).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(tickets.resolutionDueAt))
    .limit(limit);
}
