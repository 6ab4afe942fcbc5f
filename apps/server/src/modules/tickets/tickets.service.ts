import { and, asc, eq, sql } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { renderMarkdown } from '../knowledge/index.js';
import { priorityOf } from './sla.js';
import { agsOf, computeDue, loadSettings, profileFor } from './sla-config.js';
import { addComment, canSee, lockTicket, openTicket, moveStatus, seesAllOf, timeline, withoutSearch } from './tickets.core.js';
import type { TicketBulkRequest, TicketCreateRequest, TicketListQuery, TicketUpdateRequest } from './tickets.dto.js';
import { presentSummary, presentTicket } from './tickets.present.js';
import * as repo from './tickets.repository.js';
import { ticketCategories, ticketComments, ticketEvents, tickets, type SecurityDetails, type TicketRow, type TicketStatus } from './tickets.schema.js';

const has = (auth: AuthContext, orgId: string, p: 'ticket.manage' | 'ticket.internal' | 'ticket.read') => auth.permissions.get(orgId)?.has(p) ?? false;

/** Search vector of title, description and the public replies, rebuilt after an edit. */
const rebuildPublicSearch = sql`to_tsvector('german', tickets.title || ' ' || tickets.description || ' ' ||
  coalesce((select string_agg(c.body, ' ') from ticket_comments c where c.ticket_id = tickets.id and c.visibility = 'public'), ''))`;

interface TicketScope {
  allOrgIds: readonly string[];
  ownOrgIds: readonly string[];
  internal: boolean;
}

/**
 * Per permission map, i.e. per cached session context: an agent's 1,000 organisations are sorted
 * into "sees all" and "sees own tickets" once, not on every list request.
 */
const scopes = new WeakMap<AuthContext['permissions'], TicketScope>();

function ticketScope(auth: AuthContext): TicketScope {
  let scope = scopes.get(auth.permissions);
  if (!scope) {
    const readable = orgsWith(auth, 'ticket.read');
    scope = {
      allOrgIds: Object.freeze(readable.filter((o) => seesAllOf(auth, o))),
      ownOrgIds: Object.freeze(readable.filter((o) => !seesAllOf(auth, o))),
      internal: orgsWith(auth, 'ticket.internal').length > 0,
    };
    scopes.set(auth.permissions, scope);
  }
  return scope;
}

export class TicketsService {
  constructor(private readonly db: Db) {}

  filterOf(auth: AuthContext, q: Partial<TicketListQuery>, now = new Date()): repo.TicketFilter {
    const { allOrgIds, ownOrgIds, internal } = ticketScope(auth);
    const me = auth.userId ?? undefined;
    return {
      allOrgIds,
      ownOrgIds,
      userId: auth.userId,
      internal,
      statuses: q.status === 'open' ? ['new', 'assigned', 'in_progress', 'waiting'] : q.status?.split(','),
      member: q.member,
      assignee: q.assignee === 'me' ? (me ?? '00000000-0000-0000-0000-000000000000') : q.assignee,
      requester: q.requester === 'me' ? (me ?? '00000000-0000-0000-0000-000000000000') : undefined,
      priority: q.priority,
      type: q.type,
      category: q.category,
      service: q.service,
      group: q.group,
      tag: q.tag,
      sla: q.sla,
      q: q.q,
      now,
    };
  }

  async list(auth: AuthContext, q: TicketListQuery) {
    access.requireAnywhere(auth, 'ticket.read');
    const cursor = decodeCursor(q.cursor);
    if (cursor && (typeof cursor[0] !== 'string' || (q.sort === 'due' && typeof cursor[1] !== 'string'))) {
      throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
    }
    const statuses = q.status && q.status !== 'open' ? q.status.split(',') : [];
    const bad = statuses.filter((s) => !['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'].includes(s));
    if (bad.length) {
      throw new UnprocessableError(`Unknown status ${bad.join(', ')}.`, [{ field: 'querystring/status', message: 'new, assigned, in_progress, waiting, resolved, closed or open' }]);
    }
    const now = new Date();
    const filter = this.filterOf(auth, q, now);
    return withTenant(this.db, auth, async (tx) => {
      const f = await repo.resolveSearch(tx, filter);
      const rows = await repo.list(tx, auth, f, q.sort, q.limit, cursor);
      const p = page(rows, q.limit, (r) => (q.sort === 'due' ? [r.resolutionDueAt?.toISOString() ?? 'infinity', r.id] : [r.id]));
      return {
        ...p,
        items: p.items.map((r) => presentSummary(r, now)),
        ...(q.total === 'true' ? { total: await repo.count(tx, auth, f) } : {}),
      };
    });
  }

  /** Loads a ticket the caller may see (404 otherwise). */
  async load(tx: Tx, auth: AuthContext, id: string) {
    const row = await repo.findById(tx, auth, id);
    if (!row || !canSee(auth, row)) {
      throw new NotFoundError();
    }
    return row;
  }

  async get(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      return presentTicket(auth, await this.load(tx, auth, id));
    });
  }

  async create(auth: AuthContext, input: TicketCreateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.create', [input.orgId]);
      await this.checkRefs(tx, input.orgId, input);
      const { detail } = await openTicket(tx, auth, {
        ...input,
        security: input.security ? mergeSecurity(null, input.security) : undefined,
        channel: auth.kind === 'token' ? 'api' : undefined,
      });
      // Presented from what the create wrote and read: reading it back costs a statement more.
      return presentTicket(auth, detail);
    });
  }

  /** Category of this provider; assignee a user of the provider; requester contact of the member. */
  private async checkRefs(
    tx: Tx,
    orgId: string,
    input: { categoryId?: string | null; assigneeId?: string | null; requesterContactId?: string | null; serviceId?: string | null },
  ): Promise<void> {
    const providerOf = sql`(select provider_id from organisations where id = ${orgId})`;
    if (input.serviceId) {
      const r = await tx.execute(sql`select 1 from services where id = ${input.serviceId} and provider_id = ${providerOf}`);
      if (!r.rows.length) {
        throw new UnprocessableError('Unknown service.', [{ field: 'body/serviceId', message: 'a service of this provider' }]);
      }
    }
    if (input.categoryId) {
      const r = await tx.execute(sql`select 1 from ticket_categories where id = ${input.categoryId} and provider_id = ${providerOf}`);
      if (!r.rows.length) {
        throw new UnprocessableError('Unknown category.', [{ field: 'body/categoryId', message: 'a category of this provider' }]);
      }
    }
    if (input.assigneeId) {
      const r = await tx.execute(sql`select 1 from users where id = ${input.assigneeId} and org_id = ${providerOf} and active`);
      if (!r.rows.length) {
        throw new UnprocessableError('The assignee must be an active user of the provider.', [{ field: 'body/assigneeId', message: 'a provider user' }]);
      }
    }
    if (input.requesterContactId) {
      const r = await tx.execute(sql`select 1 from contacts where id = ${input.requesterContactId} and org_id = ${orgId}`);
      if (!r.rows.length) {
        throw new UnprocessableError('The contact does not belong to this member.', [{ field: 'body/requesterContactId', message: 'a contact of the member' }]);
      }
    }
  }

  async update(auth: AuthContext, id: string, input: TicketUpdateRequest) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      await this.load(tx, auth, id);
      const before = await lockTicket(tx, id);
      await this.applyUpdate(tx, auth, before, input);
      return presentTicket(auth, await this.load(tx, auth, id));
    });
  }

  private async applyUpdate(tx: Tx, auth: AuthContext, before: TicketRow, input: TicketUpdateRequest): Promise<TicketRow> {
    const manage = has(auth, before.orgId, 'ticket.manage');
    const { status, ...fields } = input;
    if (Object.keys(fields).length > 0 && !manage) {
      throw new HttpError(403, 'Forbidden', 'Only the service desk changes ticket fields.');
    }
    let t = before;
    if (Object.keys(fields).length > 0) {
      if (before.status === 'closed') {
        throw new HttpError(409, 'Conflict', 'A closed ticket is kept as it was.', { currentStatus: before.status, allowed: [] });
      }
      await this.checkRefs(tx, before.orgId, fields);
      const type = fields.type ?? before.type;
      if (fields.security && type !== 'security_incident') {
        throw new UnprocessableError('Security details belong to security incidents.', [{ field: 'body/security', message: 'only for type security_incident' }]);
      }
      const set: Record<string, unknown> = { updatedAt: new Date() };
      for (const k of ['title', 'description', 'type', 'impact', 'urgency', 'serviceId', 'categoryId', 'assigneeId', 'groupName', 'tags', 'watcherIds'] as const) {
        if (fields[k] !== undefined) {
          set[k] = fields[k];
        }
      }
      if (type === 'security_incident' && (fields.security || !before.security)) {
        set.security = mergeSecurity(before.security, fields.security ?? {});
      } else if (type !== 'security_incident') {
        set.security = null;
      }
      const impact = fields.impact ?? before.impact;
      const urgency = fields.urgency ?? before.urgency;
      const settings = await loadSettings(tx, before.providerId);
      const priority = priorityOf(impact, urgency, settings.priorityMatrix);
      set.priority = priority;
      if (priority !== before.priority || fields.serviceId !== undefined) {
        const profile = await profileFor(tx, before.providerId, before.orgId, fields.serviceId !== undefined ? fields.serviceId : before.serviceId);
        const due = computeDue(profile, await agsOf(tx, before.orgId), before.createdAt, priority, before.pauses);
        set.slaProfileId = profile?.id ?? null;
        if (before.status !== 'waiting') {
          set.responseDueAt = due.responseDueAt;
          set.resolutionDueAt = due.resolutionDueAt;
        }
      }
      if (fields.assigneeId !== undefined && fields.assigneeId !== before.assigneeId && fields.assigneeId) {
        set.assignedAt = new Date();
      }
      if (fields.title !== undefined || fields.description !== undefined) {
        set.searchPublic = rebuildPublicSearch;
      }
      const [row] = await tx.update(tickets).set(set as Partial<typeof tickets.$inferInsert>).where(eq(tickets.id, before.id)).returning();
      t = row!;
      const changed = Object.keys(fields).filter((k) => k !== 'description' || fields.description !== before.description);
      if (fields.assigneeId !== undefined && fields.assigneeId !== before.assigneeId) {
        await timeline(tx, auth, t, 'assigned', { from: before.assigneeId, to: fields.assigneeId });
      }
      const other = changed.filter((k) => k !== 'assigneeId');
      if (other.length) {
        await timeline(tx, auth, t, 'updated', { fields: other, ...(priority !== before.priority ? { priority: { from: before.priority, to: priority } } : {}) });
      }
      await recordAudit(tx, auth, { orgId: t.orgId, entityType: 'ticket', entityId: t.id, action: 'update', before: withoutSearch(before), after: withoutSearch(t) });
      // Assigning a new ticket moves it to assigned unless a status is given.
      if (!status && t.status === 'new' && t.assigneeId) {
        t = await moveStatus(tx, auth, t, 'assigned');
      }
    }
    if (status) {
      t = await moveStatus(tx, auth, t, status as TicketStatus);
    }
    return t;
  }

  async bulk(auth: AuthContext, input: TicketBulkRequest) {
    if (input.assigneeId === undefined && !input.status) {
      throw new UnprocessableError('Send assigneeId or status.', [{ field: 'body', message: 'assigneeId or status' }]);
    }
    access.requireAnywhere(auth, 'ticket.manage');
    return withTenant(this.db, auth, async (tx) => {
      const allowed = new Set(await access.filter(tx, auth, 'ticket.manage', input.ids));
      const updated: string[] = [];
      const failed: { id: string; status: number; detail: string }[] = [];
      for (const id of input.ids) {
        if (!allowed.has(id)) {
          failed.push({ id, status: 404, detail: 'not found' });
          continue;
        }
        try {
          // Each ticket in a savepoint: one refused move does not undo the others.
          await tx.transaction(async (sp) => {
            const before = await lockTicket(sp, id);
            const fields: TicketUpdateRequest = {};
            if (input.assigneeId !== undefined) {
              fields.assigneeId = input.assigneeId;
            }
            if (input.status) {
              fields.status = input.status;
            }
            await this.applyUpdate(sp, auth, before, fields);
          });
          updated.push(id);
        } catch (e) {
          if (e instanceof HttpError) {
            failed.push({ id, status: e.status, detail: e.message });
          } else {
            throw e;
          }
        }
      }
      return { updated, failed };
    });
  }

  async timeline(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      const t = await this.load(tx, auth, id);
      const internal = has(auth, t.orgId, 'ticket.internal');
      const vis = (col: typeof ticketComments.visibility | typeof ticketEvents.visibility) => (internal ? sql`true` : sql`${col} = 'public'`);
      const comments = await tx
        .select()
        .from(ticketComments)
        .where(and(eq(ticketComments.ticketId, id), vis(ticketComments.visibility)))
        .orderBy(asc(ticketComments.createdAt));
      const events = await tx
        .select({ e: ticketEvents, actor: sql<string | null>`coalesce(${ticketEvents.actorName}, (select u.name from users u where u.id = ${ticketEvents.actorUserId}))` })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, id), vis(ticketEvents.visibility)))
        .orderBy(asc(ticketEvents.createdAt));
      const items = [
        ...comments.map((c) => ({
          id: c.id,
          at: c.createdAt.toISOString(),
          kind: 'comment' as const,
          visibility: c.visibility,
          actorName: c.authorName,
          fromProvider: c.fromProvider,
          body: c.body,
          bodyHtml: renderMarkdown(c.body),
          event: null,
          data: null,
        })),
        ...events.map(({ e, actor }) => ({
          id: e.id,
          at: e.createdAt.toISOString(),
          kind: 'event' as const,
          visibility: e.visibility,
          actorName: actor,
          fromProvider: null,
          body: null,
          bodyHtml: null,
          event: e.kind,
          data: e.data,
        })),
      ].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      return { items };
    });
  }

  async comment(auth: AuthContext, id: string, input: { body: string; visibility: 'public' | 'internal' }) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      await this.load(tx, auth, id);
      const { comment } = await addComment(tx, auth, id, { body: input.body, visibility: input.visibility, channel: auth.kind === 'token' ? 'api' : undefined });
      await recordAudit(tx, auth, { orgId: comment.orgId, entityType: 'ticket_comment', entityId: comment.id, action: 'create', after: { ticketId: id, visibility: comment.visibility } });
      return {
        id: comment.id,
        at: comment.createdAt.toISOString(),
        kind: 'comment' as const,
        visibility: comment.visibility,
        actorName: comment.authorName,
        fromProvider: comment.fromProvider,
        body: comment.body,
        bodyHtml: renderMarkdown(comment.body),
        event: null,
        data: null,
      };
    });
  }

  /** Category tree of the provider of a member (portal form) or of the caller's provider. */
  async categoriesOf(tx: Tx, providerId: string) {
    return tx.select().from(ticketCategories).where(eq(ticketCategories.providerId, providerId)).orderBy(asc(ticketCategories.sort), asc(ticketCategories.name));
  }
}

/** Security details with the checklist's done times stamped when an item is ticked. */
export function mergeSecurity(before: SecurityDetails | null, input: Partial<Omit<SecurityDetails, 'checklist'>> & { checklist?: { label: string; phase: 'containment' | 'recovery'; done: boolean }[] }): SecurityDetails {
  const base: SecurityDetails = before ?? {
    detectedAt: null,
    affectedSystems: [],
    affectedMemberIds: [],
    personalData: false,
    reportedAt: null,
    authorityNotifiedAt: null,
    checklist: [],
  };
  const now = new Date().toISOString();
  const checklist = input.checklist
    ? input.checklist.map((item) => {
        const old = base.checklist.find((c) => c.label === item.label && c.phase === item.phase);
        return { ...item, doneAt: item.done ? (old?.done ? old.doneAt : now) : null };
      })
    : base.checklist;
  return {
    detectedAt: input.detectedAt !== undefined ? input.detectedAt : base.detectedAt,
    affectedSystems: input.affectedSystems ?? base.affectedSystems,
    affectedMemberIds: input.affectedMemberIds ?? base.affectedMemberIds,
    personalData: input.personalData ?? base.personalData,
    reportedAt: input.reportedAt !== undefined ? input.reportedAt : base.reportedAt,
    authorityNotifiedAt: input.authorityNotifiedAt !== undefined ? input.authorityNotifiedAt : base.authorityNotifiedAt,
    checklist,
  };
}
