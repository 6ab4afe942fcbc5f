import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { onTicketEvent, type TicketEvent, type TicketSnapshot } from '../tickets/index.js';
import type { mailOutbox } from './mail.schema.js';
import { enqueue } from './outbox.repository.js';
import { localeOf, renderMail, type MailTemplate } from './templates.js';

interface Recipient {
  userId: string | null;
  email: string;
  name: string | null;
  locale: string;
}

/**
 * Recipients of a ticket mail: the requester (a user, else the contact's or sender's address) and
 * the watchers, active users only, one mail per address, never the person who caused the event.
 * Watchers may sit anywhere in the provider's tree (staff on the provider, a member admin on the
 * Verwaltungsgemeinschaft), outside what a member's transaction can see: when the request does not
 * see them all, this one lookup, by the user ids of the ticket row the transaction has just read,
 * runs as the connecting role (the admin path) and the request role is put back right after.
 */
async function usersByIds(tx: Tx, ids: readonly string[]): Promise<{ id: string; email: string; name: string; locale: string }[]> {
  if (ids.length === 0) {
    return [];
  }
  const query = sql`select id, email, name, locale from users where id = any(${`{${ids.join(',')}}`}::uuid[]) and active`;
  // Mostly the request sees them itself (the requester is the caller or a user of its member): one
  // query instead of four. This runs while a new ticket holds its provider's number counter.
  const direct = await tx.execute<{ id: string; email: string; name: string; locale: string }>(query);
  if (direct.rows.length === ids.length) {
    return direct.rows;
  }
  const saved = await tx.execute<{ role: string }>(sql`select current_setting('role') as role`);
  await tx.execute(sql`select set_config('role', 'none', true)`);
  try {
    const res = await tx.execute<{ id: string; email: string; name: string; locale: string }>(query);
    return res.rows;
  } finally {
    await tx.execute(sql`select set_config('role', ${saved.rows[0]?.role ?? 'none'}, true)`);
  }
}

async function recipients(tx: Tx, t: TicketSnapshot, exceptUserId: string | null): Promise<Recipient[]> {
  const ids = [...new Set([t.requesterUserId, ...t.watcherIds].filter((x): x is string => !!x))];
  const out = new Map<string, Recipient>();
  for (const u of await usersByIds(tx, ids)) {
    if (u.id !== exceptUserId) {
      out.set(u.email.toLowerCase(), { userId: u.id, email: u.email, name: u.name, locale: u.locale });
    }
  }
  if (!t.requesterUserId && t.requesterEmail && !out.has(t.requesterEmail.toLowerCase())) {
    out.set(t.requesterEmail.toLowerCase(), { userId: null, email: t.requesterEmail, name: t.requesterName, locale: 'de' });
  }
  return [...out.values()];
}

/** SLA warnings go to the assignee, who works for the provider. */
async function assignee(tx: Tx, t: TicketSnapshot): Promise<Recipient[]> {
  const rows = t.assigneeId ? await usersByIds(tx, [t.assigneeId]) : [];
  return rows.map((u) => ({ userId: u.id, email: u.email, name: u.name, locale: u.locale }));
}

export interface NotificationOptions {
  /** Base URL of the web app, for links in mails. */
  publicUrl: string;
}

/**
 * The mails a ticket event causes, written to the outbox in the event's transaction. Internal
 * notes cause none: their text never leaves the service desk by e-mail.
 */
export async function notify(tx: Tx, e: TicketEvent, opts: NotificationOptions): Promise<number> {
  const t = e.ticket;
  const url = `${opts.publicUrl.replace(/\/$/, '')}/tickets/${t.id}`;
  let kind: (typeof mailOutbox.$inferInsert)['kind'];
  let to: Recipient[];
  let make: (r: Recipient) => MailTemplate;
  const data = (r: Recipient) => ({ number: t.number, title: t.title, url, recipientName: r.name });
  switch (e.type) {
    case 'created':
      // The confirmation goes to the requester only; watchers were added by someone who knows.
      kind = 'ticket_created';
      // The create read its requesting user already; recipients() would read it again.
      to = e.requester
        ? e.requester.active
          ? [{ userId: e.requester.userId, email: e.requester.email, name: e.requester.name, locale: e.requester.locale }]
          : []
        : await recipients(tx, { ...t, watcherIds: [] }, null);
      make = (r) => ({ kind: 'ticket_created', ticket: data(r) });
      break;
    case 'commented':
      if (e.comment.visibility !== 'public') {
        return 0;
      }
      kind = 'ticket_replied';
      to = await recipients(tx, t, e.comment.authorUserId);
      make = (r) => ({ kind: 'ticket_replied', ticket: data(r), author: e.comment.authorName, body: e.comment.body });
      break;
    case 'status_changed':
      kind = 'ticket_status';
      to = await recipients(tx, t, null);
      make = (r) => ({ kind: 'ticket_status', ticket: data(r), from: e.from, to: e.to });
      break;
    case 'sla_warning':
      kind = 'sla_warning';
      to = await assignee(tx, t);
      make = (r) => ({ kind: 'sla_warning', ticket: data(r), which: e.which, dueAt: e.dueAt, priority: t.priority });
      break;
    default:
      return 0;
  }
  const rows = to.map((r) => {
    const locale = localeOf(r.locale);
    const m = renderMail(make(r), locale);
    return {
      orgId: t.orgId,
      providerId: t.providerId,
      kind,
      toAddress: r.email,
      toName: r.name,
      toUserId: r.userId,
      locale,
      subject: m.subject,
      textBody: m.text,
      ticketId: t.id,
    };
  });
  await enqueue(tx, rows);
  return rows.length;
}

let registered: (() => void) | undefined;

/**
 * Subscribes the outbox to ticket events. Idempotent per process: a second call (another app
 * instance in the same process, as in tests) replaces the first subscription.
 */
export function registerMailNotifications(opts: NotificationOptions): () => void {
  registered?.();
  const off = onTicketEvent((tx, e) => notify(tx, e, opts).then(() => undefined));
  registered = () => {
    off();
    registered = undefined;
  };
  return registered;
}
