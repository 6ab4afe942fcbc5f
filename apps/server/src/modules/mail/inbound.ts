import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import type { FileStore } from '../../platform/files/index.js';
import { HttpError } from '../../platform/http/errors.js';
import { addComment, createTicket, findTicketByNumber, ticketAttachments, type SystemActor } from '../tickets/index.js';
import { keepAttachments, type AttachmentLimits } from './attachments.js';
import { mailInbound, type InboundRow, type StoredAttachment } from './mail.schema.js';

/** A received mail, already parsed (smtp-listener.ts does that with mailparser). */
export interface InboundMail {
  fromAddress: string;
  fromName: string | null;
  subject: string;
  text: string;
  messageId: string | null;
  attachments: { filename?: string; contentType?: string; content: Buffer }[];
}

export interface InboundOptions {
  /** Provider whose review queue gets mails of unknown senders. */
  defaultProviderId: string | null;
  limits?: AttachmentLimits;
}

export class NoProviderError extends Error {}

const EMAIL: SystemActor = { kind: 'system', name: 'E-Mail' };
const NUMBER = /\[(T-\d{4}-\d{6,})\]/i;

export function ticketNumberIn(subject: string): string | null {
  return NUMBER.exec(subject)?.[1]?.toUpperCase() ?? null;
}

/**
 * The new part of a reply: quoted lines and everything from the usual "On … wrote:" or
 * "-----Original Message-----" marker on are left out, so the ticket does not repeat itself.
 */
export function replyText(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^(Am|On) .{4,200}(schrieb|wrote)[^:]*:\s*$/.test(line) || /^-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}/i.test(line)) {
      break;
    }
    if (!line.startsWith('>')) {
      out.push(line);
    }
  }
  return out.join('\n').trim();
}

interface Sender {
  user: { id: string; orgId: string; name: string } | null;
  contacts: { id: string; orgId: string; name: string }[];
  orgs: Map<string, { kind: string; providerId: string }>;
}

async function senderOf(tx: Tx, address: string): Promise<Sender> {
  const u = await tx.execute<{ id: string; org_id: string; name: string }>(
    sql`select id, org_id, name from users where lower(email) = ${address} and active limit 1`,
  );
  const c = await tx.execute<{ id: string; org_id: string; name: string }>(
    sql`select id, org_id, name from contacts where lower(email) = ${address} order by created_at limit 20`,
  );
  const user = u.rows[0] ? { id: u.rows[0].id, orgId: u.rows[0].org_id, name: u.rows[0].name } : null;
  const contacts = c.rows.map((r) => ({ id: r.id, orgId: r.org_id, name: r.name }));
  const ids = [...new Set([user?.orgId, ...contacts.map((x) => x.orgId)].filter((x): x is string => !!x))];
  const orgs = new Map<string, { kind: string; providerId: string }>();
  if (ids.length > 0) {
    const o = await tx.execute<{ id: string; kind: string; provider_id: string }>(
      sql`select id, kind, provider_id from organisations where id = any(${`{${ids.join(',')}}`}::uuid[])`,
    );
    for (const r of o.rows) {
      orgs.set(r.id, { kind: r.kind, providerId: r.provider_id });
    }
  }
  return { user, contacts, orgs };
}

/** Attaches stored files to a ticket (and the comment they came with). */
export async function attachToTicket(
  tx: Tx,
  t: { id: string; orgId: string },
  files: readonly StoredAttachment[],
  commentId: string | null,
  uploadedBy: string | null,
): Promise<void> {
  if (files.length === 0) {
    return;
  }
  await tx.insert(ticketAttachments).values(
    files.map((f) => ({
      orgId: t.orgId,
      ticketId: t.id,
      commentId,
      visibility: 'public' as const,
      filename: f.filename,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      storageKey: f.key,
      uploadedBy,
    })),
  );
}

/**
 * Files one received mail (admin path: the listener has no session). A reply quoting
 * `[T-2026-000042]` from someone of that ticket's member (or the provider's staff) becomes a
 * public comment; a mail of a known contact or user of exactly one member opens a ticket for it;
 * everything else waits in the provider's review queue. A mail seen before (same Message-ID) is
 * not filed twice.
 */
export async function receiveMail(db: Db, files: FileStore, mail: InboundMail, opts: InboundOptions): Promise<InboundRow> {
  const address = mail.fromAddress.trim().toLowerCase();
  const kept = await keepAttachments(files, mail.attachments, opts.limits);
  const subject = mail.subject.trim().slice(0, 500) || '(ohne Betreff)';
  try {
    return await withSystem(db, async (tx) => {
      const s = await senderOf(tx, address);
      const providers = [...new Set([...s.orgs.values()].map((o) => o.providerId))];
      const providerId = providers.length === 1 ? providers[0]! : opts.defaultProviderId;
      if (!providerId) {
        throw new NoProviderError('No provider for this sender and no default provider for unknown senders.');
      }
      if (mail.messageId) {
        const [seen] = await tx
          .select()
          .from(mailInbound)
          .where(and(eq(mailInbound.orgId, providerId), eq(mailInbound.messageId, mail.messageId)))
          .limit(1);
        if (seen) {
          await Promise.all(kept.stored.map((f) => files.delete(f.key)));
          return seen;
        }
      }
      const base = {
        orgId: providerId,
        fromAddress: address,
        fromName: mail.fromName?.slice(0, 200) ?? null,
        subject,
        textBody: mail.text.slice(0, 200_000),
        messageId: mail.messageId,
        attachments: kept.stored,
        refusedAttachments: kept.refused,
      };
      const record = async (v: Partial<typeof mailInbound.$inferInsert> & { status: InboundRow['status'] }) => {
        const [row] = await tx.insert(mailInbound).values({ ...base, ...v }).returning();
        return row!;
      };
      const authorName = mail.fromName ? `${mail.fromName} <${address}>` : address;
      const number = ticketNumberIn(subject);
      if (number) {
        const ticket = await findTicketByNumber(tx, providerId, number);
        if (!ticket) {
          return record({ status: 'review', reason: 'ticket_not_found', ticketNumber: number });
        }
        const allowed =
          (s.user && (s.user.orgId === ticket.orgId || s.user.orgId === ticket.providerId)) || s.contacts.some((c) => c.orgId === ticket.orgId);
        if (!allowed) {
          return record({ status: 'review', reason: s.user || s.contacts.length ? 'sender_not_of_member' : 'unknown_sender', ticketNumber: number, ticketId: ticket.id });
        }
        try {
          // A savepoint: a refused comment (closed ticket) must not undo the review entry below.
          const { comment } = await tx.transaction((sp) =>
            addComment(sp, EMAIL, ticket.id, { body: replyText(mail.text) || subject, visibility: 'public', authorName, channel: 'email' }),
          );
          await attachToTicket(tx, ticket, kept.stored, comment.id, s.user?.id ?? null);
          return record({ status: 'comment_added', ticketId: ticket.id, ticketNumber: ticket.number, memberOrgId: ticket.orgId });
        } catch (e) {
          if (e instanceof HttpError && e.status === 409) {
            return record({ status: 'review', reason: 'ticket_closed', ticketNumber: number, ticketId: ticket.id });
          }
          throw e;
        }
      }
      const members = [...new Set([s.user?.orgId, ...s.contacts.map((c) => c.orgId)].filter((id): id is string => !!id && s.orgs.get(id)?.kind === 'member'))];
      if (members.length !== 1) {
        return record({ status: 'review', reason: members.length > 1 ? 'ambiguous_sender' : 'unknown_sender' });
      }
      const orgId = members[0]!;
      const contact = s.contacts.find((c) => c.orgId === orgId);
      const ticket = await createTicket(tx, EMAIL, {
        orgId,
        title: subject.slice(0, 200),
        description: mail.text.trim().slice(0, 100_000),
        requesterUserId: s.user?.orgId === orgId ? s.user.id : null,
        requesterContactId: contact?.id ?? null,
        requesterName: mail.fromName ?? s.user?.name ?? contact?.name ?? null,
        requesterEmail: address,
        channel: 'email',
      });
      await attachToTicket(tx, ticket, kept.stored, null, s.user?.id ?? null);
      return record({ status: 'ticket_created', ticketId: ticket.id, ticketNumber: ticket.number, memberOrgId: orgId });
    });
  } catch (e) {
    // Nothing refers to the stored files when the filing failed.
    await Promise.all(kept.stored.map((f) => files.delete(f.key)));
    throw e;
  }
}
