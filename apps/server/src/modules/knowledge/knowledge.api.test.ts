import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

describe(`knowledge API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  const url = '/api/v1/knowledge/articles';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    const cat = await t.as(a.users.agent, { method: 'POST', url: '/api/v1/knowledge/categories', payload: { name: 'Netzwerk & VPN' } });
    expect(cat.statusCode, cat.body).toBe(201);
    ids.cat = cat.json().id;
    const make = async (key: string, user: Tree['users']['agent'], payload: Record<string, unknown>) => {
      const res = await t.as(user, { method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    };
    await make('vpn', a.users.agent, {
      title: 'VPN einrichten',
      body: '## VPN-Client\n\nInstallieren Sie den VPN-Client und melden Sie sich mit Ihrer Kennung an. Danach verbindet sich das Notebook mit dem Rechenzentrum.',
      categoryId: ids.cat,
      status: 'published',
    });
    await make('printer', a.users.agent, { title: 'Drucker verbinden', body: 'Öffnen Sie **Einstellungen → Drucker** und wählen Sie den Netzwerkdrucker Ihres Rathauses.', status: 'published' });
    await make('internal', a.users.agent, { title: 'Firewall-Regeln für VPN (intern)', body: 'Interne Notiz: VPN-Gateway, Ports und Regeln für Mitglieder.', audience: 'internal', status: 'published' });
    await make('draft', a.users.agent, { title: 'Passwort zurücksetzen', body: 'Entwurf: Passwörter werden über das Portal zurückgesetzt.' });
    await make('foreign', b.users.agent, { title: 'VPN bei Anbieter B', body: 'Der VPN-Zugang von Anbieter B.', status: 'published' });
  });

  it('answers 401 without a session', async () => {
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/knowledge/suggest?q=vpn' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url, payload: {} })).statusCode).toBe(401);
  });

  it('shows a member only published public articles of its own provider', async () => {
    const res = await t.as(a.users.userA, { method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const titles = res.json().items.map((i: { title: string }) => i.title).sort();
    expect(titles).toEqual(['Drucker verbinden', 'VPN einrichten']);
    expect(res.json().abilities).toEqual({ create: false });
    expect(res.json().items[0].abilities).toEqual({ update: false, delete: false });
    for (const hidden of [ids.internal, ids.draft, ids.foreign]) {
      expect((await t.as(a.users.userA, { method: 'GET', url: `${url}/${hidden}` })).statusCode).toBe(404);
    }
    const one = await t.as(a.users.vgAdmin, { method: 'GET', url: `${url}/${ids.vpn}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ title: 'VPN einrichten', categoryName: 'Netzwerk & VPN', audience: 'public', status: 'published' });
    expect(one.json().bodyHtml).toContain('<h2>VPN-Client</h2>');
  });

  it('shows staff internal articles, managers drafts, and nothing of another provider', async () => {
    const auditor = (await t.as(a.users.auditor, { method: 'GET', url })).json().items.map((i: { title: string }) => i.title);
    expect(auditor).toContain('Firewall-Regeln für VPN (intern)');
    expect(auditor).not.toContain('Passwort zurücksetzen');
    const agent = (await t.as(a.users.agent, { method: 'GET', url })).json();
    expect(agent.items.map((i: { title: string }) => i.title).sort()).toEqual(['Drucker verbinden', 'Firewall-Regeln für VPN (intern)', 'Passwort zurücksetzen', 'VPN einrichten']);
    expect(agent.abilities).toEqual({ create: true });
    expect((await t.as(b.users.admin, { method: 'GET', url: `${url}/${ids.vpn}` })).statusCode).toBe(404);
    expect((await t.as(b.users.userA, { method: 'GET', url: `${url}/${ids.vpn}` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'PATCH', url: `${url}/${ids.vpn}`, payload: { title: 'Übernommen' } })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'DELETE', url: `${url}/${ids.vpn}` })).statusCode).toBe(404);
    const cats = (await t.as(b.users.userA, { method: 'GET', url: '/api/v1/knowledge/categories' })).json().items;
    expect(cats.map((c: { id: string }) => c.id)).not.toContain(ids.cat);
  });

  it('searches German full text with stemming, within what the caller may read', async () => {
    const member = await t.as(a.users.userA, { method: 'GET', url: `${url}?q=${encodeURIComponent('Druckers verbinden')}` });
    expect(member.statusCode).toBe(200);
    expect(member.json().items.map((i: { title: string }) => i.title)).toEqual(['Drucker verbinden']);
    const vpnMember = (await t.as(a.users.userA, { method: 'GET', url: `${url}?q=vpn` })).json().items.map((i: { title: string }) => i.title);
    expect(vpnMember).toEqual(['VPN einrichten']);
    const vpnAgent = (await t.as(a.users.agent, { method: 'GET', url: `${url}?q=vpn` })).json().items.map((i: { title: string }) => i.title);
    // Title hits rank above body hits.
    expect(vpnAgent).toEqual(['VPN einrichten', 'Firewall-Regeln für VPN (intern)']);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}?q=${encodeURIComponent('passwörter')}` })).json().items).toHaveLength(1);
    const page1 = await t.as(a.users.agent, { method: 'GET', url: `${url}?limit=2` });
    expect(page1.json().items).toHaveLength(2);
    const page2 = await t.as(a.users.agent, { method: 'GET', url: `${url}?limit=2&cursor=${page1.json().nextCursor}` });
    expect(page2.json().items).toHaveLength(2);
    expect(page2.json().nextCursor).toBeNull();
  });

  it('suggests articles while a member types a ticket', async () => {
    const res = await t.as(a.users.userA, { method: 'GET', url: `/api/v1/knowledge/suggest?q=${encodeURIComponent('Seit heute funktioniert das VPN im Homeoffice nicht mehr')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['VPN einrichten']);
    // Stemming: "Verbindung" finds "verbinden".
    const stem = await t.as(a.users.userA, { method: 'GET', url: `/api/v1/knowledge/suggest?q=${encodeURIComponent('Keine Verbindung möglich')}` });
    expect(stem.json().items.map((i: { title: string }) => i.title)).toEqual(['Drucker verbinden']);
    const staff = await t.as(a.users.agent, { method: 'GET', url: `/api/v1/knowledge/suggest?q=${encodeURIComponent('Firewall')}` });
    expect(staff.json().items.map((i: { title: string }) => i.title)).toEqual(['Firewall-Regeln für VPN (intern)']);
    expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/knowledge/suggest?q=${encodeURIComponent('Firewall')}` })).json().items).toEqual([]);
    expect((await t.as(a.users.userA, { method: 'GET', url: '/api/v1/knowledge/suggest?q=' })).json().items).toEqual([]);
    expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/knowledge/suggest?q=${encodeURIComponent("':* & | !")}` })).json().items).toEqual([]);
  });

  it('publishes, unpublishes and deletes (managers only); refuses others with 403 and bad input with 4xx', async () => {
    const pub = await t.as(a.users.agent, { method: 'PATCH', url: `${url}/${ids.draft}`, payload: { status: 'published' } });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().publishedAt).not.toBeNull();
    expect((await t.as(a.users.userA, { method: 'GET', url: `${url}/${ids.draft}` })).statusCode).toBe(200);
    const unpub = await t.as(a.users.agent, { method: 'PATCH', url: `${url}/${ids.draft}`, payload: { status: 'draft' } });
    expect(unpub.json()).toMatchObject({ status: 'draft', publishedAt: null });

    expect((await t.as(a.users.userA, { method: 'POST', url, payload: { title: 'Von Mitglied', body: 'x' } })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'POST', url: '/api/v1/knowledge/categories', payload: { name: 'Eigen' } })).statusCode).toBe(403);
    expect((await t.as(a.users.auditor, { method: 'PATCH', url: `${url}/${ids.vpn}`, payload: { title: 'Geändert' } })).statusCode).toBe(403);
    expect((await t.as(a.users.finance, { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.as(a.users.userA, { method: 'PATCH', url: `${url}/${ids.vpn}`, payload: { title: 'Geändert' } })).statusCode).toBe(404);

    const bad = await t.as(a.users.agent, { method: 'POST', url, payload: { title: 'x', body: '' } });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['body/title', 'body/body']));
    expect((await t.as(a.users.agent, { method: 'POST', url, payload: { title: 'Gut', body: 'x', audience: 'alle' } })).statusCode).toBe(400);
    expect((await t.as(a.users.agent, { method: 'POST', url, payload: { title: 'Gut', body: 'x', orgId: b.provider } })).statusCode).toBe(400);
    const foreignCat = (await t.as(b.users.agent, { method: 'POST', url: '/api/v1/knowledge/categories', payload: { name: 'B-Kategorie' } })).json().id;
    expect((await t.as(a.users.agent, { method: 'POST', url, payload: { title: 'Gut', body: 'x', categoryId: foreignCat } })).statusCode).toBe(422);
    expect((await t.as(a.users.agent, { method: 'POST', url: '/api/v1/knowledge/categories', payload: { name: 'netzwerk & vpn' } })).statusCode).toBe(409);
    expect((await t.as(a.users.agent, { method: 'PATCH', url: `${url}/${ids.vpn}`, payload: {} })).statusCode).toBe(400);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}/not-a-uuid` })).statusCode).toBe(400);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}?cursor=xyz` })).statusCode).toBe(400);

    expect((await t.as(a.users.agent, { method: 'DELETE', url: `/api/v1/knowledge/categories/${ids.cat}` })).statusCode).toBe(204);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}/${ids.vpn}` })).json().categoryId).toBeNull();
    expect((await t.as(a.users.agent, { method: 'DELETE', url: `${url}/${ids.draft}` })).statusCode).toBe(204);
    expect((await t.as(a.users.agent, { method: 'GET', url: `${url}/${ids.draft}` })).statusCode).toBe(404);
  });
});
