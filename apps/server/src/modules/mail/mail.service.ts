import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { FileStore } from '../../platform/files/index.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { createTicket } from '../tickets/index.js';
import { attachToTicket } from './inbound.js';
import type { InboundMailResponse, OutboxMailResponse } from './mail.dto.js';
import { mailInbound, type InboundRow, type OutboxRow } from './mail.schema.js';
import * as outbox from './outbox.repository.js';

function presentOutbox(r: OutboxRow): OutboxMailResponse {
  return {
    id: r.id,
    orgId: r.orgId,
    providerId: r.providerId,
    kind: r.kind,
    toAddress: r.toAddress,
    toName: r.toName,
    locale: r.locale,
    subject: r.subject,
    textBody: r.textBody,
    ticketId: r.ticketId,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

function presentInbound(auth: AuthContext, r: InboundRow): InboundMailResponse {
  const may = r.status === 'review' && (auth.permissions.get(r.orgId)?.has('ticket.manage') ?? false);
  return {
    id: r.id,
    providerId: r.orgId,
    fromAddress: r.fromAddress,
    fromName: r.fromName,
    subject: r.subject,
    textBody: r.textBody,
    receivedAt: r.receivedAt.toISOString(),
    status: r.status,
    reason: r.reason,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    memberOrgId: r.memberOrgId,
    attachments: r.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes })),
    refusedAttachments: r.refusedAttachments,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    abilities: { assign: may, discard: may },
  };
}

/** Providers among `orgIds` (organisation kind), read in the caller's transaction. */
async function providersAmong(tx: Tx, orgIds: readonly string[]): Promise<string[]> {
  if (orgIds.length === 0) {
    return [];
  }
  const res = await tx.execute<{ id: string }>(sql`select id from organisations where kind = 'provider' and ${inIds(sql`id`, orgIds)}`);
  return res.rows.map((r) => r.id);
}

/**
 * The mail pages of the service desk. The outbox holds what the platform sent (or will send) in a
 * provider's name: its administrators read it (user.manage on the provider organisation, the
 * permission that manages the recipients). The review queue holds mails nobody could be matched
 * to: the provider's agents (ticket.manage) assign them to a member or discard them.
 */
export class MailService {
  constructor(
    private readonly db: Db,
    private readonly files: FileStore,
    private readonly smtpConfigured: boolean,
  ) {}

  private async outboxProviders(tx: Tx, auth: AuthContext): Promise<string[]> {
    access.requireAnywhere(auth, 'user.manage');
    const providers = await providersAmong(tx, orgsWith(auth, 'user.manage'));
    if (providers.length === 0) {
      throw new ForbiddenError('The outbox is read by administrators of a provider.');
    }
    return providers;
  }

  async outbox(auth: AuthContext, q: { limit: number; cursor?: string; status?: string; ticketId?: string }) {
    const cursor = decodeCursor(q.cursor);
    return withTenant(this.db, auth, async (tx) => {
      const providers = await this.outboxProviders(tx, auth);
      const rows = await outbox.list(tx, auth, providers, q, q.limit, typeof cursor?.[0] === 'string' ? cursor[0] : undefined);
      const p = page(rows, q.limit, (r) => [r.id]);
      return { items: p.items.map(presentOutbox), nextCursor: p.nextCursor, smtpConfigured: this.smtpConfigured };
    });
  }

  /** A failed mail goes back to pending (after the address was fixed, or the server is back). */
  async retry(auth: AuthContext, id: string): Promise<OutboxMailResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const providers = await this.outboxProviders(tx, auth);
      const row = await outbox.findById(tx, auth, providers, id);
      if (!row) {
        throw new NotFoundError();
      }
      if (row.status !== 'failed') {
        throw new ConflictError('Only failed mails are sent again.');
      }
      await outbox.requeue(tx, auth, id);
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'mail_outbox', entityId: id, action: 'retry', before: { status: row.status, lastError: row.lastError } });
      return presentOutbox((await outbox.findById(tx, auth, providers, id))!);
    });
  }

  private agentProviders(auth: AuthContext): string[] {
    access.requireAnywhere(auth, 'ticket.manage');
    return orgsWith(auth, 'ticket.manage');
  }

  async inbound(auth: AuthContext, q: { limit: number; cursor?: string; status: InboundRow['status'] }) {
    const cursor = decodeCursor(q.cursor);
    const orgs = this.agentProviders(auth);
    return withTenant(this.db, auth, async (tx) => {
      const conds: SQL[] = [inIds(mailInbound.orgId, auth.orgIds), inIds(mailInbound.orgId, orgs), eq(mailInbound.status, q.status)];
      if (typeof cursor?.[0] === 'string') {
        conds.push(lt(mailInbound.id, cursor[0]));
      }
      const rows = await tx.select().from(mailInbound).where(and(...conds)).orderBy(desc(mailInbound.id)).limit(q.limit + 1);
      const p = page(rows, q.limit, (r) => [r.id]);
      return { items: p.items.map((r) => presentInbound(auth, r)), nextCursor: p.nextCursor };
    });
  }

  private async load(tx: Tx, auth: AuthContext, id: string, lock = false): Promise<InboundRow> {
    const orgs = this.agentProviders(auth);
    const q = tx
      .select()
      .from(mailInbound)
      .where(and(eq(mailInbound.id, id), inIds(mailInbound.orgId, auth.orgIds), inIds(mailInbound.orgId, orgs)))
      .limit(1);
    const [row] = lock ? await q.for('update') : await q;
    if (!row) {
      throw new NotFoundError();
    }
    return row;
  }

  async inboundOne(auth: AuthContext, id: string): Promise<InboundMailResponse> {
    return withTenant(this.db, auth, async (tx) => presentInbound(auth, await this.load(tx, auth, id)));
  }

  async attachment(auth: AuthContext, id: string, index: number): Promise<{ stream: Readable; name: string; contentType: string; sha256: string; sizeBytes: number }> {
    const a = await withTenant(this.db, auth, async (tx) => (await this.load(tx, auth, id)).attachments[index]);
    if (!a) {
      throw new NotFoundError();
    }
    return { stream: await this.files.get(a.key), name: a.filename, contentType: a.contentType, sha256: a.sha256, sizeBytes: a.sizeBytes };
  }

  /** Opens a ticket for the member from a mail of the review queue. */
  async assign(auth: AuthContext, id: string, input: { memberId: string; type?: 'incident' | 'request' | 'security_incident' }): Promise<InboundMailResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const row = await this.load(tx, auth, id, true);
      await access.require(tx, auth, 'ticket.manage', [input.memberId]);
      if (row.status !== 'review') {
        throw new ConflictError('This mail has been dealt with already.');
      }
      const org = await tx.execute<{ provider_id: string; kind: string }>(sql`select provider_id, kind from organisations where id = ${input.memberId}`);
      if (org.rows[0]?.provider_id !== row.orgId || org.rows[0]?.kind !== 'member') {
        throw new UnprocessableError('Choose a member of the provider the mail was sent to.', [{ field: 'body/memberId', message: 'a member of this provider' }]);
      }
      const ticket = await createTicket(tx, auth, {
        orgId: input.memberId,
        type: input.type,
        title: row.subject.slice(0, 200),
        description: row.textBody,
        requesterName: row.fromName ?? row.fromAddress,
        requesterEmail: row.fromAddress,
        channel: 'email',
      });
      await attachToTicket(tx, ticket, row.attachments, null, auth.userId);
      const [updated] = await tx
        .update(mailInbound)
        .set({ status: 'assigned', ticketId: ticket.id, ticketNumber: ticket.number, memberOrgId: input.memberId, decidedBy: auth.userId, decidedAt: new Date() })
        .where(eq(mailInbound.id, id))
        .returning();
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'mail_inbound', entityId: id, action: 'assign', before: { status: row.status }, after: { status: 'assigned', ticketId: ticket.id, memberId: input.memberId } });
      return presentInbound(auth, updated!);
    });
  }

  /** Drops a mail of the review queue (spam, misdirected); its attachments are deleted. */
  async discard(auth: AuthContext, id: string): Promise<InboundMailResponse> {
    const { response, keys } = await withTenant(this.db, auth, async (tx) => {
      const row = await this.load(tx, auth, id, true);
      if (!(auth.permissions.get(row.orgId)?.has('ticket.manage') ?? false)) {
        throw new ForbiddenError();
      }
      if (row.status !== 'review') {
        throw new ConflictError('This mail has been dealt with already.');
      }
      const [updated] = await tx
        .update(mailInbound)
        .set({ status: 'discarded', attachments: [], decidedBy: auth.userId, decidedAt: new Date() })
        .where(eq(mailInbound.id, id))
        .returning();
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'mail_inbound', entityId: id, action: 'discard', before: { status: row.status, attachments: row.attachments } });
      return { response: presentInbound(auth, updated!), keys: row.attachments.map((a) => a.key) };
    });
    await Promise.all(keys.map((k) => this.files.delete(k)));
    return response;
  }
}
