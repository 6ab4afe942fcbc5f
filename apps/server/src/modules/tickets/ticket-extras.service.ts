import type { Readable } from 'node:stream';
import { and, eq, or, sql } from 'drizzle-orm';
import { access } from '../../platform/access/access.js';
import type { AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { storeChecked, type FileStore } from '../../platform/files/index.js';
import { HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { canSee, timeline } from './tickets.core.js';
import { ticketAttachments, ticketLinks, tickets, type Visibility } from './tickets.schema.js';
import type { TicketsService } from './tickets.service.js';

/** Ticket attachments: screenshots, photos and PDFs, checked by content. */
export const ATTACHMENT_TYPES = ['pdf', 'png', 'jpeg'] as const;

function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200) || 'anhang';
}

const has = (auth: AuthContext, orgId: string, p: 'ticket.manage' | 'ticket.internal' | 'ticket.create') => auth.permissions.get(orgId)?.has(p) ?? false;

export class TicketExtrasService {
  constructor(
    private readonly db: Db,
    private readonly tickets: TicketsService,
    private readonly files: FileStore,
    readonly maxUploadBytes: number,
  ) {}

  // ---- links ----------------------------------------------------------------------------------

  async links(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      await this.tickets.load(tx, auth, id);
      const rows = await tx
        .select({ link: ticketLinks, other: { id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status, orgId: tickets.orgId, requesterUserId: tickets.requesterUserId, watcherIds: tickets.watcherIds } })
        .from(ticketLinks)
        .innerJoin(tickets, sql`${tickets.id} = case when ${ticketLinks.ticketId} = ${id} then ${ticketLinks.targetId} else ${ticketLinks.ticketId} end`)
        .where(or(eq(ticketLinks.ticketId, id), eq(ticketLinks.targetId, id)));
      return {
        items: rows
          .filter((r) => canSee(auth, r.other))
          .map(({ link, other }) => {
            const outgoing = link.ticketId === id;
            const role =
              link.kind === 'related' ? 'related' : link.kind === 'duplicate_of' ? (outgoing ? 'duplicate_of' : 'duplicated_by') : outgoing ? 'parent_of' : 'child_of';
            return { id: link.id, kind: link.kind, role: role as 'related', ticketId: other.id, number: other.number, title: other.title, status: other.status };
          }),
      };
    });
  }

  async link(auth: AuthContext, id: string, input: { targetId: string; kind: 'related' | 'duplicate_of' | 'parent_of' }) {
    if (input.targetId === id) {
      throw new UnprocessableError('A ticket cannot link to itself.', [{ field: 'body/targetId', message: 'another ticket' }]);
    }
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.manage', [id, input.targetId]);
      const t = await this.tickets.load(tx, auth, id);
      const target = await this.tickets.load(tx, auth, input.targetId);
      if (t.providerId !== target.providerId) {
        throw new NotFoundError();
      }
      const existing = await tx
        .select({ id: ticketLinks.id })
        .from(ticketLinks)
        .where(
          or(
            and(eq(ticketLinks.ticketId, id), eq(ticketLinks.targetId, input.targetId)),
            and(eq(ticketLinks.ticketId, input.targetId), eq(ticketLinks.targetId, id)),
          ),
        );
      if (existing.length) {
        throw new HttpError(409, 'Conflict', 'The two tickets are already linked.');
      }
      const [row] = await tx.insert(ticketLinks).values({ orgId: t.orgId, ticketId: id, targetId: input.targetId, kind: input.kind, createdBy: auth.userId }).returning();
      await timeline(tx, auth, t, 'link', { kind: input.kind, targetId: target.id, number: target.number });
      await recordAudit(tx, auth, { orgId: t.orgId, entityType: 'ticket_link', entityId: row!.id, action: 'create', after: row });
    });
    return this.links(auth, id);
  }

  async unlink(auth: AuthContext, id: string, linkId: string) {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.manage', [id]);
      const t = await this.tickets.load(tx, auth, id);
      const [row] = await tx
        .delete(ticketLinks)
        .where(and(eq(ticketLinks.id, linkId), or(eq(ticketLinks.ticketId, id), eq(ticketLinks.targetId, id))))
        .returning();
      if (!row) {
        throw new NotFoundError();
      }
      await timeline(tx, auth, t, 'unlink', { kind: row.kind, linkId });
      await recordAudit(tx, auth, { orgId: row.orgId, entityType: 'ticket_link', entityId: row.id, action: 'delete', before: row });
    });
  }

  // ---- attachments ----------------------------------------------------------------------------

  private visibleAttachments(auth: AuthContext, orgId: string) {
    return has(auth, orgId, 'ticket.internal') ? sql`true` : sql`${ticketAttachments.visibility} = 'public'`;
  }

  async attachments(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      const t = await this.tickets.load(tx, auth, id);
      const rows = await tx
        .select()
        .from(ticketAttachments)
        .where(and(eq(ticketAttachments.ticketId, id), this.visibleAttachments(auth, t.orgId)))
        .orderBy(ticketAttachments.createdAt);
      return { items: rows.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, visibility: a.visibility, createdAt: a.createdAt.toISOString() })) };
    });
  }

  private async checkAttach(tx: Tx, auth: AuthContext, id: string, visibility: Visibility) {
    {
      await access.require(tx, auth, 'ticket.read', [id]);
      const t = await this.tickets.load(tx, auth, id);
      const perm = visibility === 'internal' ? 'ticket.internal' : has(auth, t.orgId, 'ticket.manage') ? 'ticket.manage' : 'ticket.create';
      if (!has(auth, t.orgId, perm)) {
        throw new HttpError(403, 'Forbidden', `You lack the permission ${perm} here.`);
      }
      if (t.status === 'closed') {
        throw new HttpError(409, 'Conflict', 'The ticket is closed.', { currentStatus: t.status, allowed: [] });
      }
      return t;
    }
  }

  /** Access first, then the bytes through the type and size checks, then the row; a refusal leaves nothing behind. */
  async upload(auth: AuthContext, id: string, meta: { filename: string; visibility: Visibility }, source: Readable) {
    await withTenant(this.db, auth, (tx) => this.checkAttach(tx, auth, id, meta.visibility));
    const stored = await storeChecked(this.files, source, { accept: ATTACHMENT_TYPES, maxBytes: this.maxUploadBytes, filename: meta.filename });
    try {
      return await withTenant(this.db, auth, async (tx) => {
        const t = await this.checkAttach(tx, auth, id, meta.visibility);
        const [row] = await tx
          .insert(ticketAttachments)
          .values({
            orgId: t.orgId,
            ticketId: id,
            visibility: meta.visibility,
            filename: cleanFilename(meta.filename),
            contentType: stored.contentType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            storageKey: stored.key,
            uploadedBy: auth.userId,
          })
          .returning();
        const a = row!;
        await timeline(tx, auth, t, 'attachment', { attachmentId: a.id, filename: a.filename }, meta.visibility);
        await recordAudit(tx, auth, { orgId: t.orgId, entityType: 'ticket_attachment', entityId: a.id, action: 'create', after: a });
        return { id: a.id, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, visibility: a.visibility, createdAt: a.createdAt.toISOString() };
      });
    } catch (e) {
      await this.files.delete(stored.key);
      throw e;
    }
  }

  async download(auth: AuthContext, id: string, attachmentId: string) {
    const row = await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'ticket.read', [id]);
      const t = await this.tickets.load(tx, auth, id);
      const [a] = await tx
        .select()
        .from(ticketAttachments)
        .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, id), this.visibleAttachments(auth, t.orgId)));
      if (!a) {
        throw new NotFoundError();
      }
      return a;
    });
    return { row, stream: await this.files.get(row.storageKey) };
  }
}
