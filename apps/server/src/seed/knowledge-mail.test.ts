import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import { makeTree, type Tree } from '../../test/factories.js';
import { userContext } from '../platform/auth/auth.context.js';
import type { Db } from '../platform/db/client.js';
import { withSystem } from '../platform/db/tenant.js';
import { knowledgeArticles, KnowledgeService } from '../modules/knowledge/index.js';
import { mailInbound, mailOutbox } from '../modules/mail/index.js';
import { tickets } from '../modules/tickets/index.js';
import { seedKnowledgeAndMail } from './knowledge-mail.js';
import { seedTickets } from './tickets.js';

describe(`demo knowledge base and mail (${dbKind()})`, () => {
  let db: Db;
  let a: Tree;
  beforeAll(async () => {
    db = (await testDatabase()).db;
    a = await makeTree(db);
  });

  it('seeds articles and a review queue once; members find the public ones by search', async () => {
    const now = new Date();
    await withSystem(db, (tx) => seedKnowledgeAndMail(tx, a.provider, { now }));
    await withSystem(db, (tx) => seedKnowledgeAndMail(tx, a.provider, { now }));
    const articles = await withSystem(db, (tx) => tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.orgId, a.provider)));
    expect(articles).toHaveLength(10);
    expect(articles.filter((x) => x.audience === 'internal')).toHaveLength(2);
    expect((await withSystem(db, (tx) => tx.select().from(mailInbound).where(eq(mailInbound.orgId, a.provider)))).length).toBe(3);
    const member = userContext({ userId: a.users.userA.id, sessionId: null, requestId: 'r' }, [{ orgId: a.gemeindeA, roles: ['member_user'] }]);
    const service = new KnowledgeService(db);
    const list = await service.list(member, { limit: 50 });
    expect(list.items).toHaveLength(7);
    const found = await service.list(member, { limit: 5, q: 'Kennwort vergessen' });
    expect(found.items[0]!.title).toBe('Passwort zurücksetzen');
    const suggested = await service.suggest(member, 'Ich habe eine komische Mail mit einem Link bekommen, ist das Phishing?', 3);
    expect(suggested.items[0]!.title).toBe('Phishing-Mail melden');
  });

  it('shows one failed mail in the outbox however few tickets name an address', async () => {
    const t = await makeTree(db);
    const now = new Date();
    await withSystem(db, (tx) => seedTickets(tx, t.provider, { now, count: 6, seed: 3 }));
    await withSystem(db, (tx) => tx.update(tickets).set({ requesterEmail: null, requesterUserId: null, requesterContactId: null }).where(eq(tickets.providerId, t.provider)));
    // Two tickets keep an address: fewer than the five a fixed position of the failed mail needed.
    const kept = await withSystem(db, (tx) => tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.providerId, t.provider)).limit(2));
    for (const k of kept) {
      await withSystem(db, (tx) => tx.update(tickets).set({ requesterEmail: 'amt@example.org' }).where(eq(tickets.id, k.id)));
    }
    await withSystem(db, (tx) => seedKnowledgeAndMail(tx, t.provider, { now }));
    const mails = await withSystem(db, (tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.providerId, t.provider)));
    expect(mails).toHaveLength(2);
    expect(mails.filter((m) => m.status === 'failed')).toHaveLength(1);
    expect(mails.filter((m) => m.status === 'pending')).toHaveLength(1);
  });
});
