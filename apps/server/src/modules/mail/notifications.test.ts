import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, makeUser, type Tree } from '../../../test/factories.js';
import { userContext, type AuthContext } from '../../platform/auth/auth.context.js';
import type { Db } from '../../platform/db/client.js';
import { withSystem, withTenant } from '../../platform/db/tenant.js';
import { users } from '../users/index.js';
import { addComment, createTicket, moveStatus, slaCheck, slaProfiles, tickets, type NewTicket } from '../tickets/index.js';
import { mailOutbox } from './mail.schema.js';
import { registerMailNotifications } from './notifications.js';

describe(`mail notifications (${dbKind()})`, () => {
  let db: Db;
  let a: Tree;
  let member: AuthContext;
  let agent: AuthContext;
  let off: () => void;
  const outboxOf = (ticketId: string) =>
    withSystem(db, (tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.ticketId, ticketId)).orderBy(mailOutbox.id));

  beforeAll(async () => {
    db = (await testDatabase()).db;
    a = await makeTree(db);
    off = registerMailNotifications({ publicUrl: 'https://verbund.example/' });
    await withSystem(db, (tx) => tx.update(users).set({ locale: 'en' }).where(eq(users.id, a.users.userA.id)));
    member = userContext({ userId: a.users.userA.id, sessionId: null, requestId: 'r' }, [{ orgId: a.gemeindeA, roles: ['member_user'] }]);
    agent = userContext({ userId: a.users.agent.id, sessionId: null, requestId: 'r' }, [
      { orgId: a.provider, roles: ['provider_agent'] },
      { orgId: a.vg, roles: ['provider_agent'] },
      { orgId: a.gemeindeA, roles: ['provider_agent'] },
    ]);
  });
  afterAll(() => off());

  it('writes the created mail in the ticket transaction, in the requester’s language', async () => {
    const t = await withTenant(db, member, (tx) => createTicket(tx, member, { orgId: a.gemeindeA, title: 'VPN trennt ständig' }));
    const mails = await outboxOf(t.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      kind: 'ticket_created',
      toAddress: a.users.userA.email,
      toUserId: a.users.userA.id,
      locale: 'en',
      status: 'pending',
      orgId: a.gemeindeA,
      providerId: a.provider,
      subject: `[${t.number}] Your ticket has been opened: VPN trennt ständig`,
    });
    expect(mails[0]!.textBody).toContain(`https://verbund.example/tickets/${t.id}`);

    // A change that rolls back leaves no mail behind.
    await expect(
      withTenant(db, member, async (tx) => {
        await createTicket(tx, member, { orgId: a.gemeindeA, title: 'Zurückgerollt' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const rolledBack = await withSystem(db, (tx) => tx.select().from(mailOutbox).where(and(eq(mailOutbox.orgId, a.gemeindeA), eq(mailOutbox.kind, 'ticket_created'))));
    expect(rolledBack.every((m) => !m.subject.includes('Zurückgerollt'))).toBe(true);
  });

  it('confirms a ticket to an active requesting user only, and to a requester named by address', async () => {
    const gone = await makeUser(db, a.gemeindeA, [{ role: 'member_user' }]);
    await withSystem(db, (tx) => tx.update(users).set({ active: false }).where(eq(users.id, gone.id)));
    const forInactive = await withTenant(db, agent, (tx) => createTicket(tx, agent, { orgId: a.gemeindeA, title: 'Für eine ausgeschiedene Kollegin', requesterUserId: gone.id }));
    expect(forInactive.requesterEmail).toBe(gone.email);
    expect(await outboxOf(forInactive.id)).toEqual([]);
    const byAddress = await withTenant(db, agent, (tx) =>
      createTicket(tx, agent, { orgId: a.gemeindeA, title: 'Anruf aus dem Bauamt', requesterUserId: null, requesterName: 'Frau Berger', requesterEmail: 'berger@gemeinde.example' }),
    );
    expect((await outboxOf(byAddress.id)).map((m) => [m.toAddress, m.toName, m.toUserId, m.locale])).toEqual([['berger@gemeinde.example', 'Frau Berger', null, 'de']]);
  });

  it('mails public replies and status changes to requester and watchers, never internal notes', async () => {
    let t: NewTicket = await withTenant(db, agent, (tx) =>
      createTicket(tx, agent, {
        orgId: a.gemeindeA,
        title: 'Fachverfahren startet nicht',
        requesterUserId: a.users.userA.id,
        watcherIds: [a.users.vgAdmin.id, a.users.agent.id],
      }),
    );
    const created = await outboxOf(t.id);
    expect(created.map((m) => m.toAddress)).toEqual([a.users.userA.email]);

    await withTenant(db, agent, (tx) => addComment(tx, agent, t.id, { body: 'Interne Notiz: Admin-Passwort ist Sommer2026!', visibility: 'internal' }));
    const afterNote = await outboxOf(t.id);
    expect(afterNote).toHaveLength(created.length);
    expect(afterNote.some((m) => m.textBody.includes('Sommer2026'))).toBe(false);

    await withTenant(db, agent, (tx) => addComment(tx, agent, t.id, { body: 'Bitte melden Sie sich einmal ab und wieder an.', visibility: 'public' }));
    const replies = (await outboxOf(t.id)).filter((m) => m.kind === 'ticket_replied');
    // The agent wrote it: requester and the other watcher get it, not the author.
    expect(replies.map((m) => m.toAddress).sort()).toEqual([a.users.userA.email, a.users.vgAdmin.email].sort());
    const en = replies.find((m) => m.toAddress === a.users.userA.email)!;
    expect(en.subject).toBe(`[${t.number}] New reply: Fachverfahren startet nicht`);
    expect(en.textBody).toContain('> Bitte melden Sie sich einmal ab und wieder an.');
    expect(replies.find((m) => m.toAddress === a.users.vgAdmin.email)!.subject).toContain('Neue Antwort');

    // The member replies: the staff watcher (on the provider, outside the member's tenant) is told too.
    await withTenant(db, member, (tx) => addComment(tx, member, t.id, { body: 'Hat leider nicht geholfen.', visibility: 'public' }));
    const memberReply = (await outboxOf(t.id)).filter((m) => m.kind === 'ticket_replied' && m.textBody.includes('Hat leider nicht geholfen.'));
    expect(memberReply.map((m) => m.toAddress).sort(), JSON.stringify({ agent: a.users.agent.email, vg: a.users.vgAdmin.email })).toEqual([a.users.agent.email, a.users.vgAdmin.email].sort());

    t = await withTenant(db, agent, async (tx) => {
      const [row] = await tx.select().from(tickets).where(eq(tickets.id, t.id)).for('update');
      return moveStatus(tx, agent, row!, 'in_progress');
    });
    const status = (await outboxOf(t.id)).filter((m) => m.kind === 'ticket_status');
    expect(status.length).toBe(3);
    expect(status.find((m) => m.toAddress === a.users.userA.email)!.textBody).toContain('New → In progress');
    expect(status.find((m) => m.toAddress === a.users.vgAdmin.email)!.textBody).toContain('Neu → In Bearbeitung');

    // No member ever received the internal note, by any mail.
    const all = await withSystem(db, (tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.providerId, a.provider)));
    expect(all.some((m) => m.textBody.includes('Sommer2026'))).toBe(false);
  });

  it('mails an SLA warning of the cron job to the assignee, in the assignee’s language', async () => {
    const day = { start: '00:00', end: '23:59' };
    await withSystem(db, (tx) =>
      tx.insert(slaProfiles).values({
        providerId: a.provider,
        name: 'Rund um die Uhr',
        hours: { '1': [day], '2': [day], '3': [day], '4': [day], '5': [day], '6': [day], '7': [day] },
        targets: {
          P1: { responseMinutes: 30, resolutionMinutes: 240 },
          P2: { responseMinutes: 120, resolutionMinutes: 480 },
          P3: { responseMinutes: 480, resolutionMinutes: 1440 },
          P4: { responseMinutes: 960, resolutionMinutes: 2880 },
        },
        isDefault: true,
      }),
    );
    const t = await withTenant(db, agent, (tx) =>
      createTicket(tx, agent, {
        orgId: a.gemeindeA,
        title: 'Meldewesen steht',
        impact: 'high',
        urgency: 'high',
        assigneeId: a.users.agent.id,
        requesterUserId: a.users.userA.id,
        createdAt: new Date(Date.now() - 2 * 3_600_000),
      }),
    );
    await slaCheck(db);
    const warnings = (await outboxOf(t.id)).filter((m) => m.kind === 'sla_warning');
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.every((m) => m.toAddress === a.users.agent.email)).toBe(true);
    expect(warnings[0]!.subject).toMatch(new RegExp(`^\\[${t.number}\\] SLA-Warnung \\(P1\\)`));
  });
});
