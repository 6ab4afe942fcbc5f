import { and, eq, sql } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { auditInsert, recordAudit } from '../../platform/audit/audit.js';
import { batchWrites, write } from '../../platform/db/batch.js';
import { insertRows } from '../../platform/db/insert.js';
import type { Tx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { berlinDate, priorityOf } from './sla.js';
import { agsOf, computeDue, openingContext } from './sla-config.js';
import { allowedNext, allowedNextForMember, stamp } from './ticket-workflow.js';
import {
  slaProfiles,
  ticketComments,
  ticketEvents,
  tickets,
  type Level,
  type PausePeriod,
  type SecurityDetails,
  type TicketRow,
  type TicketStatus,
  type TicketType,
  type Visibility,
} from './tickets.schema.js';
import type { TicketDetailRow } from './tickets.repository.js';

/** An automatic reporter (backups, e-mail intake, jobs): no user, no permission check. */
export interface SystemActor {
  kind: 'system';
  /** Shown on the timeline, e.g. "Backup-Überwachung", "E-Mail". */
  name: string;
}
export type TicketActor = AuthContext | SystemActor;

const isSystem = (a: TicketActor): a is SystemActor => a.kind === 'system';

/** What the audit trail needs of a system actor. */
function auditAuth(a: TicketActor): AuthContext {
  if (!isSystem(a)) {
    return a;
  }
  return { kind: 'token', userId: null, tokenId: null, sessionId: null, requestId: `system:${a.name}`, orgIds: [], permissions: new Map(), roles: new Map() };
}

/** Whether the actor works for the provider on this member (agent side) rather than for the member. */
export function actsForProvider(a: TicketActor, orgId: string): boolean {
  return isSystem(a) || (a.permissions.get(orgId)?.has('ticket.manage') ?? false);
}

// ---- events -----------------------------------------------------------------------------------

export interface TicketSnapshot {
  id: string;
  number: string;
  orgId: string;
  providerId: string;
  type: TicketType;
  title: string;
  status: TicketStatus;
  priority: string;
  requesterUserId: string | null;
  requesterContactId: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
  assigneeId: string | null;
  watcherIds: string[];
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export type TicketEvent =
  | {
      type: 'created';
      ticket: TicketSnapshot;
      /** The requesting user as the create read it (absent when the requester is no user): listeners need not read it again. */
      requester?: { userId: string; email: string; name: string; locale: string; active: boolean };
    }
  | {
      type: 'commented';
      ticket: TicketSnapshot;
      comment: { id: string; visibility: Visibility; body: string; authorUserId: string | null; authorName: string | null; fromProvider: boolean };
    }
  | { type: 'status_changed'; ticket: TicketSnapshot; from: TicketStatus; to: TicketStatus }
  | { type: 'sla_warning'; ticket: TicketSnapshot; which: 'response' | 'resolution'; dueAt: Date };

/**
 * Listeners run inside the transaction that caused the event (awaited, in registration order): an
 * outbox row they write commits or rolls back with the ticket change. A listener that throws rolls
 * the change back, so it should only write, not send. On `created` the ticket is not written yet:
 * it goes out with the listeners' rows in one statement (see batchWrites), so a listener writes
 * through `write` and reads nothing of the new ticket from the database.
 */
export type TicketEventListener = (tx: Tx, event: TicketEvent) => Promise<void> | void;

const listeners = new Set<TicketEventListener>();

/** Subscribes to ticket events; returns the unsubscribe function. */
export function onTicketEvent(listener: TicketEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function emit(tx: Tx, event: TicketEvent): Promise<void> {
  for (const l of listeners) {
    await l(tx, event);
  }
}

export function snapshot(t: NewTicket): TicketSnapshot {
  return {
    id: t.id,
    number: t.number,
    orgId: t.orgId,
    providerId: t.providerId,
    type: t.type,
    title: t.title,
    status: t.status,
    priority: t.priority,
    requesterUserId: t.requesterUserId,
    requesterContactId: t.requesterContactId,
    requesterName: t.requesterName,
    requesterEmail: t.requesterEmail,
    assigneeId: t.assigneeId,
    watcherIds: t.watcherIds,
    responseDueAt: t.responseDueAt,
    resolutionDueAt: t.resolutionDueAt,
  };
}

// ---- create -----------------------------------------------------------------------------------

export interface TicketCreateInput {
  /** The member the ticket is about. */
  orgId: string;
  type?: TicketType;
  title: string;
  description?: string;
  impact?: Level;
  urgency?: Level;
  serviceId?: string | null;
  categoryId?: string | null;
  /** Defaults to the calling user (portal). An agent records for a contact or another user. */
  requesterUserId?: string | null;
  requesterContactId?: string | null;
  requesterName?: string | null;
  requesterEmail?: string | null;
  assigneeId?: string | null;
  groupName?: string | null;
  tags?: string[];
  watcherIds?: string[];
  channel?: TicketRow['channel'];
  dedupeKey?: string | null;
  security?: SecurityDetails | null;
  /** Opening time (seeds and imports); default now. */
  createdAt?: Date;
}

/**
 * The human number, T-2026-000042 (at least six digits), of a number drawn from the provider's
 * sequence for the year, which holds no lock, so concurrent creators never wait for each other (a
 * failed create leaves a gap; see migration 0032).
 */
export function ticketNumber(year: number, seq: string): string {
  return `T-${year}-${seq.padStart(6, '0')}`;
}

async function memberOf(tx: Tx, orgId: string): Promise<{ providerId: string; kind: string; name: string }> {
  const res = await tx.execute<{ provider_id: string; kind: string; name: string }>(
    sql`select provider_id, kind, name from organisations where id = ${orgId}`,
  );
  const row = res.rows[0];
  if (!row) {
    throw new NotFoundError();
  }
  return { providerId: row.provider_id, kind: row.kind, name: row.name };
}

/**
 * Opens a ticket for a member. With an AuthContext the caller needs ticket.create on the member;
 * fields only agents set (assignee, group, impact/urgency beyond the default, requester on behalf of
 * someone, security details) need ticket.manage. Numbers, priority (matrix) and SLA due dates are
 * derived. Emits `created`.
 */
export async function createTicket(tx: Tx, actor: TicketActor, input: TicketCreateInput): Promise<NewTicket> {
  return (await openTicket(tx, actor, input)).ticket;
}

/**
 * createTicket, also returning the new ticket as the detail read would show it (names included),
 * so that the caller can answer without reading it back.
 */
export async function openTicket(tx: Tx, actor: TicketActor, input: TicketCreateInput): Promise<{ ticket: NewTicket; detail: TicketDetailRow }> {
  // A member the session lists needs no query here (see access.ts), so a caller that checked already pays nothing.
  if (!isSystem(actor)) {
    await access.require(tx, actor, 'ticket.create', [input.orgId]);
  }
  const agent = actsForProvider(actor, input.orgId);
  if (!agent) {
    const agentOnly = (['assigneeId', 'groupName', 'requesterUserId', 'requesterContactId', 'watcherIds', 'dedupeKey'] as const).filter(
      (k) => input[k] !== undefined && input[k] !== null && !(k === 'requesterUserId' && input[k] === (actor as AuthContext).userId),
    );
    if (agentOnly.length > 0) {
      throw new HttpError(403, 'Forbidden', `Only the service desk sets ${agentOnly.join(', ')}.`);
    }
  }
  const type = input.type ?? 'incident';
  if (input.security && type !== 'security_incident') {
    throw new UnprocessableError('Security details belong to security incidents.', [{ field: 'body/security', message: 'only for type security_incident' }]);
  }
  const requesterUserId = input.requesterUserId !== undefined ? input.requesterUserId : isSystem(actor) ? null : actor.userId;
  const createdAt = input.createdAt ?? new Date();
  const year = Number(berlinDate(+createdAt).slice(0, 4));
  // The caller opening a ticket for itself: its session knows its name and address already.
  const self =
    !isSystem(actor) && actor.person && !input.requesterName && requesterUserId && requesterUserId.toLowerCase() === actor.userId
      ? { id: actor.userId, ...actor.person, active: true }
      : null;
  const ctx = await openingContext(tx, input.orgId, {
    serviceId: input.serviceId ?? null,
    requesterUserId: !input.requesterName && requesterUserId && !self ? requesterUserId : null,
    assigneeId: input.assigneeId ?? null,
    categoryId: input.categoryId ?? null,
    year,
  });
  if (!ctx) {
    throw new NotFoundError();
  }
  if (ctx.kind !== 'member' || ctx.seq === null) {
    throw new UnprocessableError('Tickets are opened for a member, not for the provider itself.', [{ field: 'body/orgId', message: 'a member organisation' }]);
  }
  const requester = self ?? ctx.requester;
  const impact = input.impact ?? (type === 'security_incident' ? 'high' : 'medium');
  const urgency = input.urgency ?? (type === 'security_incident' ? 'high' : 'medium');
  const priority = priorityOf(impact, urgency, ctx.settings.priorityMatrix);
  const profile = ctx.profile;
  const due = computeDue(profile, ctx.ags, createdAt, priority, []);
  const status: TicketStatus = input.assigneeId ? 'assigned' : 'new';
  const description = input.description ?? '';
  // The whole row is known here, so nothing needs reading back: the INSERT joins the batch below.
  // Spelled out column by column, so that a new column fails to compile until it is set here.
  // Ids as PostgreSQL gives them back (the API accepts upper-case UUIDs too).
  const uid = (x: string | null | undefined) => x?.toLowerCase() ?? null;
  const t: NewTicket = {
    id: uuidv7(),
    orgId: input.orgId.toLowerCase(),
    providerId: ctx.providerId,
    number: ticketNumber(year, ctx.seq),
    type,
    title: input.title,
    description,
    status,
    impact,
    urgency,
    priority,
    requesterUserId: uid(requesterUserId),
    requesterContactId: uid(input.requesterContactId),
    requesterName: input.requesterName ?? requester?.name ?? null,
    requesterEmail: input.requesterEmail ?? requester?.email ?? null,
    serviceId: uid(input.serviceId),
    categoryId: uid(input.categoryId),
    assigneeId: uid(input.assigneeId),
    groupName: input.groupName ?? null,
    watcherIds: (input.watcherIds ?? []).map((w) => w.toLowerCase()),
    tags: input.tags ?? [],
    channel: input.channel ?? (isSystem(actor) ? 'system' : agent ? 'agent' : 'portal'),
    dedupeKey: input.dedupeKey ?? null,
    slaProfileId: profile?.id ?? null,
    responseDueAt: due.responseDueAt,
    resolutionDueAt: due.resolutionDueAt,
    firstResponseAt: null,
    pauses: [],
    slaWarnedAt: null,
    assignedAt: input.assigneeId ? createdAt : null,
    inProgressAt: null,
    waitingSince: null,
    resolvedAt: null,
    closedAt: null,
    reopenedAt: null,
    reopenCount: 0,
    security: type === 'security_incident' ? (input.security ?? emptySecurity()) : null,
    createdAt,
    updatedAt: createdAt,
  };
  // Ticket, timeline entry, audit event and what the listeners write (the confirmation mail) go
  // out as one statement: a create is the desk's hottest write. The foreign keys of the rows about
  // the ticket are checked at the end of that statement, when the ticket is there.
  await batchWrites(tx, async () => {
    await write(tx, insertRows(tickets, [{ ...t, searchPublic: sql`to_tsvector('german', ${input.title} || ' ' || ${description})` }]));
    await write(tx, timelineInsert(actor, t, 'created', { status, priority, channel: t.channel }, 'public', createdAt));
    await write(tx, auditInsert(auditAuth(actor), { orgId: t.orgId, entityType: 'ticket', entityId: t.id, action: 'create', after: t }));
    const hint = requester && t.requesterUserId && requester.id === t.requesterUserId ? { userId: t.requesterUserId, ...requester } : undefined;
    await emit(tx, { type: 'created', ticket: snapshot(t), requester: hint });
  });
  const detail: TicketDetailRow = {
    ...t,
    orgName: ctx.orgName,
    assigneeName: ctx.assigneeName,
    profileName: profile?.name ?? null,
    warnBeforeMinutes: profile?.warnBeforeMinutes ?? null,
    categoryName: ctx.categoryName,
  };
  return { ticket: t, detail };
}

/** A ticket as its create wrote it; the search vectors are the database's business. */
export type NewTicket = Omit<TicketRow, 'searchPublic' | 'searchInternal'>;

export function emptySecurity(): SecurityDetails {
  return { detectedAt: null, affectedSystems: [], affectedMemberIds: [], personalData: false, reportedAt: null, authorityNotifiedAt: null, checklist: [] };
}

export function withoutSearch(t: TicketRow): NewTicket {
  const { searchPublic: _p, searchInternal: _i, ...rest } = t;
  return rest;
}

/** One timeline entry. */
export async function timeline(
  tx: Tx,
  actor: TicketActor,
  t: Pick<TicketRow, 'id' | 'orgId'>,
  kind: string,
  data: Record<string, unknown>,
  visibility: Visibility = 'public',
  at: Date = new Date(),
): Promise<void> {
  await tx.execute(timelineInsert(actor, t, kind, data, visibility, at).getSQL());
}

/** The INSERT of one timeline entry, not yet sent (see auditInsert). */
function timelineInsert(
  actor: TicketActor,
  t: Pick<TicketRow, 'id' | 'orgId'>,
  kind: string,
  data: Record<string, unknown>,
  visibility: Visibility,
  at: Date,
) {
  return insertRows(ticketEvents, [
    {
      orgId: t.orgId,
      ticketId: t.id,
      kind,
      visibility,
      data,
      actorUserId: isSystem(actor) ? null : actor.userId,
      actorName: isSystem(actor) ? actor.name : null,
      createdAt: at,
    },
  ]);
}

// ---- lookups ----------------------------------------------------------------------------------

/** A ticket by its human number within the provider (e-mail replies quote it); undefined if unseen. */
export async function findTicketByNumber(tx: Tx, providerId: string, number: string): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.providerId, providerId), eq(tickets.number, number.toUpperCase())))
    .limit(1);
  return row;
}

export async function lockTicket(tx: Tx, id: string): Promise<TicketRow> {
  const res = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update').limit(1);
  if (!res[0]) {
    throw new NotFoundError();
  }
  return res[0];
}

/** Whether a member-side caller may see this ticket: member admins see their organisation's, users their own. */
export function seesAllOf(auth: AuthContext, orgId: string): boolean {
  if (auth.kind === 'token') {
    return true;
  }
  const roles = auth.roles.get(orgId);
  return (auth.permissions.get(orgId)?.has('ticket.manage') ?? false) || (roles ? [...roles].some((r) => r !== 'member_user') : false);
}

export function canSee(auth: AuthContext, t: Pick<TicketRow, 'orgId' | 'requesterUserId' | 'watcherIds'>): boolean {
  if (!(auth.permissions.get(t.orgId)?.has('ticket.read') ?? false)) {
    return false;
  }
  return seesAllOf(auth, t.orgId) || (auth.userId !== null && (t.requesterUserId === auth.userId || t.watcherIds.includes(auth.userId)));
}

// ---- comments ---------------------------------------------------------------------------------

export interface CommentInput {
  body: string;
  visibility: Visibility;
  /** For system actors (e-mail): who wrote it. */
  authorName?: string | null;
  channel?: TicketRow['channel'];
  createdAt?: Date;
}

/**
 * Adds a public reply or an internal note. With an AuthContext: ticket.read and sight of the
 * ticket for a public reply by the member side (ticket.create), ticket.internal for an internal
 * note. The first public reply from the provider side stamps the response time. A member's reply
 * to a ticket waiting for it resumes the SLA clock (back to in_progress). Emits `commented`.
 */
export async function addComment(tx: Tx, actor: TicketActor, ticketId: string, input: CommentInput) {
  let t = await lockTicket(tx, ticketId);
  if (!isSystem(actor)) {
    if (!canSee(actor, t)) {
      throw new NotFoundError();
    }
    const perm = input.visibility === 'internal' ? 'ticket.internal' : actsForProvider(actor, t.orgId) ? 'ticket.manage' : 'ticket.create';
    if (!(actor.permissions.get(t.orgId)?.has(perm) ?? false)) {
      throw new HttpError(403, 'Forbidden', `You lack the permission ${perm} here.`);
    }
  }
  if (t.status === 'closed' && input.visibility === 'public') {
    throw new HttpError(409, 'Conflict', 'The ticket is closed; open a new ticket and link it.', { currentStatus: t.status, allowed: [] });
  }
  const at = input.createdAt ?? new Date();
  const fromProvider = actsForProvider(actor, t.orgId) && !(isSystem(actor) && input.channel === 'email');
  let authorName = input.authorName ?? (isSystem(actor) ? actor.name : null);
  if (!authorName && !isSystem(actor) && actor.userId) {
    const u = await tx.execute<{ name: string }>(sql`select name from users where id = ${actor.userId}`);
    authorName = u.rows[0]?.name ?? null;
  }
  const [comment] = await tx
    .insert(ticketComments)
    .values({
      orgId: t.orgId,
      ticketId: t.id,
      visibility: input.visibility,
      body: input.body,
      authorUserId: isSystem(actor) ? null : actor.userId,
      authorName,
      fromProvider,
      channel: input.channel ?? (isSystem(actor) ? 'system' : fromProvider ? 'agent' : 'portal'),
      createdAt: at,
    })
    .returning();
  // The search vectors are SQL expressions, which the insert type does not model.
  const set: Record<string, unknown> = { updatedAt: at };
  if (input.visibility === 'public') {
    set.searchPublic = sql`coalesce(${tickets.searchPublic}, ''::tsvector) || to_tsvector('german', ${input.body})`;
    if (fromProvider && !t.firstResponseAt) {
      set.firstResponseAt = at;
    }
  } else {
    set.searchInternal = sql`coalesce(${tickets.searchInternal}, ''::tsvector) || to_tsvector('german', ${input.body})`;
  }
  const [updated] = await tx.update(tickets).set(set as Partial<typeof tickets.$inferInsert>).where(eq(tickets.id, t.id)).returning();
  t = updated!;
  await emit(tx, {
    type: 'commented',
    ticket: snapshot(t),
    comment: { id: comment!.id, visibility: comment!.visibility, body: comment!.body, authorUserId: comment!.authorUserId, authorName, fromProvider },
  });
  if (!fromProvider && input.visibility === 'public' && t.status === 'waiting') {
    t = await moveStatus(tx, actor, t, 'in_progress', { reason: 'requester_replied', at, skipCheck: true });
  }
  return { comment: comment!, ticket: t };
}

// ---- status -----------------------------------------------------------------------------------

/** The 409 for a move that the workflow does not allow from here. */
export function notAllowed(t: Pick<TicketRow, 'status'>, to: TicketStatus, allowed: readonly TicketStatus[]): HttpError {
  return new HttpError(409, 'Conflict', `A ticket in status ${t.status} cannot move to ${to}.`, { currentStatus: t.status, allowed: [...allowed] });
}

/**
 * Moves a locked ticket to `to`: checks the workflow (agents: full workflow; members: confirm or
 * reopen a resolution), stamps the step time, opens/closes SLA pauses and recomputes due dates when
 * the clock resumes. Emits `status_changed`.
 */
export async function moveStatus<T extends NewTicket>(
  tx: Tx,
  actor: TicketActor,
  t: T,
  to: TicketStatus,
  opts: { reason?: string; at?: Date; skipCheck?: boolean } = {},
): Promise<T | TicketRow> {
  if (t.status === to) {
    return t;
  }
  const allowed = opts.skipCheck || actsForProvider(actor, t.orgId) ? allowedNext(t.status) : allowedNextForMember(t.status);
  if (!allowed.includes(to)) {
    throw notAllowed(t, to, allowed);
  }
  if (to === 'assigned' && !t.assigneeId) {
    throw new UnprocessableError('Assign someone first (assigneeId).', [{ field: 'body/assigneeId', message: 'required for status assigned' }]);
  }
  const at = opts.at ?? new Date();
  const set: Partial<typeof tickets.$inferInsert> = { ...stamp(t.status, to, at), updatedAt: at };
  let pauses: PausePeriod[] = t.pauses;
  if (to === 'waiting') {
    pauses = [...pauses, { from: at.toISOString(), to: null }];
  } else if (t.status === 'waiting') {
    pauses = pauses.map((p) => (p.to === null ? { ...p, to: at.toISOString() } : p));
    const [profile] = t.slaProfileId ? await tx.select().from(slaProfiles).where(eq(slaProfiles.id, t.slaProfileId)) : [];
    const due = computeDue(profile, await agsOf(tx, t.orgId), t.createdAt, t.priority, pauses);
    set.responseDueAt = t.firstResponseAt ? t.responseDueAt : due.responseDueAt;
    set.resolutionDueAt = due.resolutionDueAt;
  }
  if (to === 'in_progress' && t.status === 'resolved') {
    set.reopenCount = t.reopenCount + 1;
  }
  set.pauses = pauses;
  const [row] = await tx.update(tickets).set(set).where(eq(tickets.id, t.id)).returning();
  const updated = row!;
  await timeline(tx, actor, updated, 'status', { from: t.status, to, ...(opts.reason ? { reason: opts.reason } : {}) }, 'public', at);
  await recordAudit(tx, auditAuth(actor), {
    orgId: t.orgId,
    entityType: 'ticket',
    entityId: t.id,
    action: `transition:${t.status}->${to}`,
    before: { status: t.status },
    after: { status: to },
  });
  await emit(tx, { type: 'status_changed', ticket: snapshot(updated), from: t.status, to });
  return updated;
}

// ---- system tickets ---------------------------------------------------------------------------

export interface SystemTicketInput {
  providerId: string;
  memberId: string;
  /** One open ticket per (member, key) until it is resolved, e.g. `backup:job:<id>`. */
  dedupeKey: string;
  title: string;
  body: string;
  type?: TicketType;
  impact?: Level;
  urgency?: Level;
  serviceId?: string | null;
  /** Timeline name of the reporter; default "System". */
  reporter?: string;
}

/**
 * For automatic reporters: opens a ticket for (member, dedupeKey), or, while one is still open
 * (not resolved/closed), adds the body as an internal note to it. Runs in the caller's transaction
 * (withSystem, or a tenant transaction that can see the member). Concurrent callers with the same
 * key are serialised by a transaction-scoped advisory lock.
 */
export async function openOrUpdateSystemTicket(tx: Tx, input: SystemTicketInput): Promise<{ ticket: NewTicket; created: boolean }> {
  const org = await memberOf(tx, input.memberId);
  if (org.providerId !== input.providerId) {
    throw new NotFoundError();
  }
  const actor: SystemActor = { kind: 'system', name: input.reporter ?? 'System' };
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ticket-dedupe:${input.memberId}:${input.dedupeKey}`}))`);
  const [open] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.orgId, input.memberId), eq(tickets.dedupeKey, input.dedupeKey), sql`${tickets.status} not in ('resolved', 'closed')`))
    .limit(1);
  if (open) {
    const { ticket } = await addComment(tx, actor, open.id, { body: input.body, visibility: 'internal' });
    return { ticket, created: false };
  }
  const ticket = await createTicket(tx, actor, {
    orgId: input.memberId,
    type: input.type ?? 'incident',
    title: input.title,
    description: input.body,
    impact: input.impact,
    urgency: input.urgency,
    serviceId: input.serviceId ?? null,
    dedupeKey: input.dedupeKey,
    channel: 'system',
  });
  return { ticket, created: true };
}

