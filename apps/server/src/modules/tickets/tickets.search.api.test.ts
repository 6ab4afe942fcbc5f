import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type TestUser, type Tree } from '../../../test/factories.js';
import type { Database } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { LocalFileStore } from '../../platform/files/index.js';
import { WIDE } from './tickets.repository.js';

/**
 * Full-text search over a wide scope goes through the owner-run `verbund_ticket_search` (GIN index)
 * for rare words and stays a plain filter for frequent ones; either way only the caller's tenant.
 */
describe(`ticket search through the index (${dbKind()})`, () => {
  let database: Database;
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  const word = `zq${Date.now().toString(36)}`;
  const note = `yx${Date.now().toString(36)}`;
  const frequent = `wv${Date.now().toString(36)}`;

  const open = async (user: TestUser, body: object) => {
    const res = await t.as(user, { method: 'POST', url: '/api/v1/tickets', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const found = async (user: TestUser, q: string) => {
    const res = await t.as(user, { method: 'GET', url: `/api/v1/tickets?limit=100&q=${encodeURIComponent(q)}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { id: string }[] }).items.map((x) => x.id);
  };
  const search = (orgIds: string[], q: string, internal: boolean) =>
    withTenant(database.db, { orgIds }, async (tx) => {
      const r = await tx.execute<{ ids: string[] | string | null }>(sql`select verbund_ticket_search(${q}, ${internal}, 1000) as ids`);
      const ids = r.rows[0]?.ids ?? null;
      return typeof ids === 'string' ? ids.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : ids;
    });

  beforeAll(async () => {
    database = await testDatabase();
    t = await testApp(database, { files: new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-ts-'))) });
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    // Every caller with more than 0 organisations counts as wide here.
    WIDE.orgs = 0;
  });

  afterAll(() => {
    WIDE.orgs = 20;
  });

  it('finds a rare word through the index in the own tree only; internal notes only for agents', async () => {
    const mine = await open(a.users.agent, { orgId: a.gemeindeA, title: `Drucker ${word} streikt` });
    const town = await open(a.users.agent, { orgId: a.town, title: 'Telefonanlage' });
    const foreign = await open(b.users.agent, { orgId: b.gemeindeA, title: `Drucker ${word} streikt auch` });
    const res = await t.as(a.users.agent, { method: 'POST', url: `/api/v1/tickets/${town.id}/comments`, payload: { body: `Intern: ${note}`, visibility: 'internal' } });
    expect(res.statusCode, res.body).toBe(201);

    expect(await found(a.users.agent, word)).toEqual([mine.id]);
    expect(await found(b.users.agent, word)).toEqual([foreign.id]);
    expect(await found(a.users.vgAdmin, word)).toEqual([mine.id]);
    expect(await found(a.users.agent, note)).toEqual([town.id]);
    // The member admin has no ticket.internal: internal notes are not searched for it.
    expect(await found(a.users.vgAdmin, note)).toEqual([]);

    // The function itself answers with the caller's tenant only, for a member and a provider scope.
    expect(await search([a.gemeindeA], word, false)).toEqual([mine.id]);
    expect(await search([b.provider, b.vg, b.gemeindeA, b.gemeindeB, b.town], word, true)).toEqual([foreign.id]);
    expect(await search([a.gemeindeB], word, true)).toEqual([]);
    expect(await search([a.provider, a.vg, a.gemeindeA, a.gemeindeB, a.town], note, false)).toEqual([]);
    expect(await search([], word, true)).toEqual([]);
  });

  it('leaves a frequent word to the newest-first filter and still finds every match', async () => {
    const made: string[] = [];
    for (let i = 0; i < 22; i++) {
      made.push((await open(a.users.agent, { orgId: i % 2 ? a.gemeindeA : a.town, title: `Störung ${frequent} Nummer ${i}` })).id);
    }
    await open(b.users.agent, { orgId: b.town, title: `Störung ${frequent} beim Nachbarn` });
    expect(await search([a.provider, a.vg, a.gemeindeA, a.gemeindeB, a.town], frequent, true)).toBeNull();
    expect((await found(a.users.agent, frequent)).sort()).toEqual(made.sort());
  });
});
