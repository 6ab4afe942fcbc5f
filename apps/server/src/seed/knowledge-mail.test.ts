import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/db.js';
import { makeTree, type Tree } from '../../test/factories.js';
import { userContext } from '../platform/auth/auth.context.js';
import type { Db } from '../platform/db/client.js';
import { withSystem } from '../platform/db/tenant.js';
import { knowledgeArticles, KnowledgeService } from '../modules/knowledge/index.js';
import { mailInbound } from '../modules/mail/index.js';
import { seedKnowledgeAndMail } from './knowledge-mail.js';

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
});
