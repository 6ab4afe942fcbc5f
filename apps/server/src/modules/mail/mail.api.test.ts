import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import type { Db } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/db/columns.js';
import { withSystem } from '../../platform/db/tenant.js';
import { LocalFileStore } from '../../platform/files/index.js';
import { contacts } from '../members/index.js';
import { findTicketByNumber, ticketAttachments, ticketComments, tickets } from '../tickets/index.js';
import { mailInbound, mailOutbox } from './mail.schema.js';
import { deliverDue } from './sender.js';
import { startMailIn } from './smtp-listener.js';
import { smtpTransport } from './transport.js';

// Ports of this helper's range; PGlite and PostgreSQL runs may overlap, so each has its own.
const PG = dbKind() === 'postgres';
const MAIL_IN_PORT = PG ? 4161 : 4160;
const SINK_PORT = PG ? 4163 : 4162;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

describe(`e-mail in and out over SMTP on loopback (${dbKind()})`, () => {
  let db: Db;
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let closeIn: () => Promise<void>;
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: MAIL_IN_PORT, secure: false, ignoreTLS: true });
  const send = (m: { from: string; subject: string; text: string; messageId?: string; attachments?: { filename: string; content: Buffer }[] }) =>
    client.sendMail({ to: 'servicedesk@verbund.example', ...m });
  const inboundFrom = (address: string) => withSystem(db, (tx) => tx.select().from(mailInbound).where(eq(mailInbound.fromAddress, address)).orderBy(mailInbound.id));

  beforeAll(async () => {
    db = (await testDatabase()).db;
    const files = new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-mail-')));
    t = await testApp(await testDatabase(), { files });
    a = await makeTree(db);
    b = await makeTree(db);
    const listener = await startMailIn(db, files, { port: MAIL_IN_PORT, defaultProviderId: a.provider });
    closeIn = listener.close;
  });
  afterAll(async () => {
    client.close();
    await closeIn?.();
  });

  it('opens a ticket from a known user, keeps allowed attachments, refuses others', async () => {
    await send({
      from: `"Erika Muster" <${a.users.userA.email.toUpperCase()}>`,
      subject: 'Drucker im Bürgerbüro druckt nicht',
      text: 'Seit heute früh kommt nichts mehr aus dem Drucker.',
      attachments: [
        { filename: 'fehlerbericht.pdf', content: PDF },
        { filename: 'tool.exe', content: Buffer.from('MZ\x90\x00binary', 'latin1') },
      ],
    });
    const [row] = await inboundFrom(a.users.userA.email.toLowerCase());
    expect(row).toMatchObject({ status: 'ticket_created', orgId: a.provider, memberOrgId: a.gemeindeA, fromName: 'Erika Muster' });
    expect(row!.attachments.map((x) => x.filename)).toEqual(['fehlerbericht.pdf']);
    expect(row!.refusedAttachments).toEqual([expect.objectContaining({ filename: 'tool.exe', reason: 'type' })]);
    const ticket = await withSystem(db, (tx) => findTicketByNumber(tx, a.provider, row!.ticketNumber!));
    expect(ticket).toMatchObject({ orgId: a.gemeindeA, requesterUserId: a.users.userA.id, channel: 'email', title: 'Drucker im Bürgerbüro druckt nicht' });
    const att = await withSystem(db, (tx) => tx.select().from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticket!.id)));
    expect(att).toEqual([expect.objectContaining({ filename: 'fehlerbericht.pdf', contentType: 'application/pdf', sizeBytes: PDF.length })]);
    // The requester got the confirmation mail in the outbox.
    const out = await withSystem(db, (tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.ticketId, ticket!.id)));
    expect(out.map((m) => m.kind)).toEqual(['ticket_created']);
  });

  it('adds a reply quoting [T-…] as a public comment, only from the ticket’s member or staff', async () => {
    const [first] = await inboundFrom(a.users.userA.email.toLowerCase());
    const number = first!.ticketNumber!;
    await send({
      from: a.users.userA.email,
      subject: `AW: [${number}] Drucker im Bürgerbüro druckt nicht`,
      text: `Jetzt geht es wieder, danke!\n\nAm 23.11.2026 um 10:00 schrieb Service-Desk <servicedesk@verbund.example>:\n> Bitte Drucker neu starten.`,
    });
    await send({ from: a.users.townUser.email, subject: `Re: [${number}] Drucker`, text: 'Ich bin aus einer anderen Gemeinde.' });
    await send({ from: a.users.agent.email, subject: `Re: [${number}] Drucker`, text: 'Antwort des Service-Desks per Mail.' });
    await send({ from: a.users.userA.email, subject: 'Re: [T-2026-999999] gibt es nicht', text: 'x' });

    const rows = await inboundFrom(a.users.userA.email.toLowerCase());
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ['ticket_created', null],
      ['comment_added', null],
      ['review', 'ticket_not_found'],
    ]);
    expect((await inboundFrom(a.users.townUser.email))[0]).toMatchObject({ status: 'review', reason: 'sender_not_of_member', ticketNumber: number });
    expect((await inboundFrom(a.users.agent.email))[0]).toMatchObject({ status: 'comment_added' });
    const ticket = (await withSystem(db, (tx) => findTicketByNumber(tx, a.provider, number)))!;
    const comments = await withSystem(db, (tx) => tx.select().from(ticketComments).where(eq(ticketComments.ticketId, ticket.id)).orderBy(ticketComments.createdAt));
    expect(comments.map((c) => [c.visibility, c.body, c.channel])).toEqual([
      ['public', 'Jetzt geht es wieder, danke!', 'email'],
      ['public', 'Antwort des Service-Desks per Mail.', 'email'],
    ]);
    expect(comments.some((c) => c.body.includes('anderen Gemeinde'))).toBe(false);
  });

  it('files mails of contacts, ignores a repeated Message-ID, queues unknown senders', async () => {
    const contactMail = `kaemmerei-${uuidv7().slice(-8)}@gemeinde-b.example`;
    await withSystem(db, (tx) => tx.insert(contacts).values({ orgId: a.gemeindeB, role: 'kaemmerei', name: 'Kämmerei B', email: contactMail }));
    const messageId = `<${uuidv7()}@gemeinde-b.example>`;
    await send({ from: contactMail, subject: 'Neuer Arbeitsplatz für die Kämmerei', text: 'Bitte einen PC einrichten.', messageId });
    await send({ from: contactMail, subject: 'Neuer Arbeitsplatz für die Kämmerei', text: 'Bitte einen PC einrichten.', messageId });
    const rows = await inboundFrom(contactMail);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'ticket_created', memberOrgId: a.gemeindeB });
    const ticket = (await withSystem(db, (tx) => findTicketByNumber(tx, a.provider, rows[0]!.ticketNumber!)))!;
    expect(ticket.requesterContactId).not.toBeNull();

    await send({ from: 'buerger@example.org', subject: 'Homepage der Gemeinde ist down', text: 'Die Seite lädt nicht.', attachments: [{ filename: 'screenshot.pdf', content: PDF }] });
    expect((await inboundFrom('buerger@example.org'))[0]).toMatchObject({ status: 'review', reason: 'unknown_sender', orgId: a.provider });
  });

  it('lets agents assign or discard queued mails through the API (401/403/404/409/4xx)', async () => {
    const url = '/api/v1/mail/inbound';
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await t.as(a.users.userA, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url })).statusCode).toBe(403);
    const list = await t.as(a.users.agent, { method: 'GET', url });
    expect(list.statusCode, list.body).toBe(200);
    const queued = list.json().items as { id: string; fromAddress: string; abilities: { assign: boolean } }[];
    expect(queued.map((q) => q.fromAddress)).toContain('buerger@example.org');
    expect((await t.as(b.users.agent, { method: 'GET', url })).json().items).toEqual([]);
    const citizen = queued.find((q) => q.fromAddress === 'buerger@example.org')!;
    expect(citizen.abilities.assign).toBe(true);
    expect((await t.as(b.users.agent, { method: 'GET', url: `${url}/${citizen.id}` })).statusCode).toBe(404);
    expect((await t.as(b.users.agent, { method: 'POST', url: `${url}/${citizen.id}/assign`, payload: { memberId: b.gemeindeA } })).statusCode).toBe(404);
    expect((await t.as(a.users.agent, { method: 'POST', url: `${url}/${citizen.id}/assign`, payload: { memberId: b.gemeindeA } })).statusCode).toBe(404);
    expect((await t.as(a.users.agent, { method: 'POST', url: `${url}/${citizen.id}/assign`, payload: { memberId: a.provider } })).statusCode).toBe(422);
    expect((await t.as(a.users.agent, { method: 'POST', url: `${url}/${citizen.id}/assign`, payload: { memberId: 'x' } })).statusCode).toBe(400);

    const download = await t.as(a.users.agent, { method: 'GET', url: `${url}/${citizen.id}/attachments/0` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // A sender's file: never sniffed, never cached, named as sent.
    expect(download.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store', etag: expect.stringMatching(/^"[0-9a-f]{64}"$/) });
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".+"; filename\*=UTF-8''/);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}/${citizen.id}/attachments/3` })).statusCode).toBe(404);

    const assigned = await t.as(a.users.agent, { method: 'POST', url: `${url}/${citizen.id}/assign`, payload: { memberId: a.town, type: 'incident' } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', memberOrgId: a.town, ticketNumber: expect.stringMatching(/^T-\d{4}-\d{6}$/) });
    const ticket = (await withSystem(db, (tx) => tx.select().from(tickets).where(eq(tickets.id, assigned.json().ticketId))))[0]!;
    expect(ticket).toMatchObject({ orgId: a.town, requesterEmail: 'buerger@example.org', channel: 'email' });
    expect((await t.as(a.users.agent, { method: 'POST', url: `${url}/${citizen.id}/assign`, payload: { memberId: a.town } })).statusCode).toBe(409);

    const other = queued.find((q) => q.fromAddress === a.users.townUser.email)!;
    const discarded = await t.as(a.users.agent, { method: 'POST', url: `${url}/${other.id}/discard` });
    expect(discarded.json()).toMatchObject({ status: 'discarded', abilities: { assign: false, discard: false } });
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}?status=discarded` })).json().items.map((i: { id: string }) => i.id)).toContain(other.id);
  });

  it('shows the outbox to provider administrators only (401/403/404)', async () => {
    const url = '/api/v1/mail/outbox';
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await t.as(a.users.agent, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url })).statusCode).toBe(403);
    const res = await t.as(a.users.admin, { method: 'GET', url: `${url}?status=pending` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().smtpConfigured).toBe(false);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((m: { providerId: string }) => m.providerId === a.provider)).toBe(true);
    expect((await t.as(b.users.admin, { method: 'GET', url })).json().items.every((m: { providerId: string }) => m.providerId === b.provider)).toBe(true);
    const id = res.json().items[0].id;
    expect((await t.as(b.users.admin, { method: 'POST', url: `${url}/${id}/retry` })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'POST', url: `${url}/${id}/retry` })).statusCode).toBe(409);
    expect((await t.as(a.users.admin, { method: 'GET', url: `${url}?status=lost` })).statusCode).toBe(400);
  });

  it('delivers the outbox over SMTP: sent, retried on 4xx, failed on 5xx', async () => {
    const received: { to: string; raw: string }[] = [];
    const sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith('gone-')) {
          return cb(Object.assign(new Error('No such user'), { responseCode: 550 }));
        }
        if (address.address.startsWith('busy-')) {
          return cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        return cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((r) => sink.listen(SINK_PORT, '127.0.0.1', () => r()));
    try {
      const tag = uuidv7().slice(-8);
      const base = { orgId: a.gemeindeA, providerId: a.provider, kind: 'ticket_replied' as const, locale: 'de', subject: `[T-2026-000001] Neue Antwort ${tag}`, textBody: 'Grüße aus dem Rechenzentrum' };
      const ids = await withSystem(db, async (tx) => {
        const rows = await tx
          .insert(mailOutbox)
          .values([
            { ...base, toAddress: `ok-${tag}@verbund.example`, toName: 'Erika "E." Muster' },
            { ...base, toAddress: `gone-${tag}@verbund.example` },
            { ...base, toAddress: `busy-${tag}@verbund.example` },
          ])
          .returning({ id: mailOutbox.id });
        return rows.map((r) => r.id);
      });
      const transport = smtpTransport({ host: '127.0.0.1', port: SINK_PORT, secure: false });
      try {
        await deliverDue(db, transport, { from: 'Service-Desk <servicedesk@verbund.example>', batch: 1000 });
      } finally {
        transport.close();
      }
      const rows = await withSystem(db, (tx) => tx.select().from(mailOutbox).where(inArray(mailOutbox.id, ids)).orderBy(mailOutbox.id));
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([
        ['sent', 1],
        ['failed', 1],
        ['pending', 1],
      ]);
      expect(rows[0]!.sentAt).not.toBeNull();
      expect(rows[1]!.lastError).toMatch(/550/);
      expect(rows[2]!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
      const mine = received.find((r) => r.to === `ok-${tag}@verbund.example`)!;
      expect(mine.raw).toMatch(new RegExp(`X-Verbund-Outbox-Id: ${ids[0]}`, 'i'));
      expect(mine.raw).toMatch(/Subject: \[T-2026-000001\] Neue Antwort/);
      // A second run right away does not send the waiting mail again (its next attempt is later).
      const before = received.length;
      const again = smtpTransport({ host: '127.0.0.1', port: SINK_PORT, secure: false });
      await deliverDue(db, again, { from: 'servicedesk@verbund.example', batch: 1000 });
      again.close();
      expect(received.filter((r) => r.to.includes(tag)).length).toBe(1);
      expect(received.length).toBeGreaterThanOrEqual(before);
      const pendingLeft = await withSystem(db, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from mail_outbox where id = ${ids[2]!} and status = 'pending'`));
      expect(pendingLeft.rows[0]!.n).toBe(1);
    } finally {
      await new Promise<void>((r) => sink.close(() => r()));
    }
  });
});
