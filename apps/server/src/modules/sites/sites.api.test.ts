import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { failoverGroups } from './failover.js';

describe(`sites API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let c: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    c = await makeTree(database.db);
    // a and b are partner providers (georedundant sites); c is a stranger.
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/partners',
          payload: { partnerProviderId: b.provider, description: 'Gegenseitige Datensicherung' },
        })
      ).statusCode,
    ).toBe(201);
  });

  const site = (tree: Tree, payload: Record<string, unknown>, user = tree.users.admin) =>
    t.as(user, { method: 'POST', url: '/api/v1/sites', payload });

  it('answers 401 without a session', async () => {
    expect((await t.as(null, { method: 'GET', url: '/api/v1/sites' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'GET', url: '/api/v1/sites/failover' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url: '/api/v1/sites', payload: {} })).statusCode).toBe(401);
  });

  it('keeps member sites with rooms; members see their own, read-only unless member_admin; other trees see nothing', async () => {
    const res = await site(a, {
      orgId: a.gemeindeA,
      kind: 'town_hall',
      name: 'Rathaus',
      street: 'Markt 1',
      postalCode: '99610',
      city: 'Sömmerda',
    });
    expect(res.statusCode, res.body).toBe(201);
    const rathaus = res.json();
    expect(rathaus).toMatchObject({
      orgId: a.gemeindeA,
      kind: 'town_hall',
      roomCount: 0,
      rooms: [],
      abilities: { update: true },
    });
    const room = await t.as(a.users.admin, {
      method: 'POST',
      url: `/api/v1/sites/${rathaus.id}/rooms`,
      payload: { name: 'Serverraum EG', purpose: 'server_room', floor: 'EG' },
    });
    expect(room.statusCode, room.body).toBe(201);
    expect((await site(a, { orgId: a.town, kind: 'school', name: 'Grundschule' })).statusCode).toBe(201);

    // The member user of Gemeinde A sees its site and room, may not change it.
    const mine = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/sites' });
    expect(mine.json().items.map((s: { name: string }) => s.name)).toEqual(['Rathaus']);
    const detail = await t.as(a.users.userA, { method: 'GET', url: `/api/v1/sites/${rathaus.id}` });
    expect(detail.json()).toMatchObject({
      roomCount: 1,
      rooms: [expect.objectContaining({ name: 'Serverraum EG' })],
      abilities: { update: false, delete: false },
    });
    expect(
      (await t.as(a.users.userA, { method: 'PATCH', url: `/api/v1/sites/${rathaus.id}`, payload: { city: 'Kölleda' } }))
        .statusCode,
    ).toBe(403);
    expect((await site(a, { orgId: a.gemeindeA, kind: 'depot', name: 'Bauhof' }, a.users.userA)).statusCode).toBe(403);
    // The VG's member admin manages sites of its Gemeinden.
    expect(
      (
        await t.as(a.users.vgAdmin, {
          method: 'PATCH',
          url: `/api/v1/sites/${rathaus.id}`,
          payload: { city: 'Sömmerda' },
        })
      ).statusCode,
    ).toBe(200);
    // The town's user does not see Gemeinde A's site; other providers see nothing.
    expect((await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/sites/${rathaus.id}` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/sites/${rathaus.id}` })).statusCode).toBe(404);
    expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/sites' })).json().items).toEqual([]);
    expect(
      (await t.as(b.users.admin, { method: 'POST', url: `/api/v1/sites/${rathaus.id}/rooms`, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(404);
    // The provider exports the list.
    const csv = await t.as(a.users.agent, { method: 'GET', url: '/api/v1/sites?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Rathaus');
  });

  it('refuses bad input (400), data centres on a member (422), partner sites of non-partners (422), unknown orgs (404)', async () => {
    expect(problem(await site(a, { orgId: a.gemeindeA, kind: 'castle', name: 'x' })).status).toBe(400);
    expect((await site(a, { orgId: a.gemeindeA, kind: 'school', name: 'x', postalCode: '123' })).statusCode).toBe(400);
    expect((await site(a, { orgId: a.gemeindeA, kind: 'data_centre', name: 'RZ' })).statusCode).toBe(422);
    expect(
      (await site(a, { orgId: a.provider, kind: 'partner_data_centre', name: 'RZ C', partnerProviderId: c.provider }))
        .statusCode,
    ).toBe(422);
    expect(
      (await site(a, { orgId: a.provider, kind: 'partner_data_centre', name: 'RZ ohne Partner' })).statusCode,
    ).toBe(422);
    expect((await site(a, { orgId: c.gemeindeA, kind: 'school', name: 'x' })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/sites/not-a-uuid' })).statusCode).toBe(400);
  });

  it('data centres with partner sites, placements and the failover view; the partner sees only what it hosts, never members', async () => {
    const dc = (
      await site(a, { orgId: a.provider, kind: 'data_centre', name: 'RZ Sömmerda', city: 'Sömmerda' })
    ).json();
    const partnerSite = await site(a, {
      orgId: a.provider,
      kind: 'partner_data_centre',
      name: 'RZ Greiz',
      city: 'Greiz',
      partnerProviderId: b.provider,
    });
    expect(partnerSite.statusCode, partnerSite.body).toBe(201);
    expect(partnerSite.json().partnerProviderName).toBe(
      (await t.as(b.users.admin, { method: 'GET', url: `/api/v1/organisations/${b.provider}` })).json().name,
    );
    const link = await t.as(a.users.admin, {
      method: 'POST',
      url: `/api/v1/sites/${dc.id}/partners`,
      payload: { partnerSiteId: partnerSite.json().id, purpose: 'Offsite-Kopien' },
    });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json().items[0].partners).toEqual([
      expect.objectContaining({ purpose: 'Offsite-Kopien', site: expect.objectContaining({ name: 'RZ Greiz' }) }),
    ]);
    // A partner link needs a partner data centre.
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: `/api/v1/sites/${dc.id}/partners`,
          payload: { partnerSiteId: dc.id, purpose: 'x' },
        })
      ).statusCode,
    ).toBe(422);

    const place = (payload: Record<string, unknown>, user = a.users.admin) =>
      t.as(user, { method: 'POST', url: '/api/v1/sites/placements', payload });
    const p1 = await place({
      orgId: a.provider,
      name: 'E-Akte',
      primarySiteId: dc.id,
      replicaSiteId: partnerSite.json().id,
      replication: 'asynchronous',
      rtoHours: 4,
    });
    expect(p1.statusCode, p1.body).toBe(201);
    expect(p1.json()).toMatchObject({
      primarySite: { name: 'RZ Sömmerda' },
      replicaSite: { name: 'RZ Greiz', partnerProviderName: expect.any(String) },
    });
    const p2 = await place({
      orgId: a.gemeindeA,
      name: 'Einwohnermeldewesen Gemeinde A',
      primarySiteId: dc.id,
      replicaSiteId: partnerSite.json().id,
    });
    expect(p2.statusCode).toBe(201);
    expect((await place({ orgId: a.provider, name: 'Mail', primarySiteId: dc.id })).statusCode).toBe(201);
    // Primary must be a data centre; replica differs from primary; member admins do not place in the provider's data centres.
    const rathaus = (await t.as(a.users.admin, { method: 'GET', url: '/api/v1/sites?kind=town_hall' })).json().items[0];
    expect((await place({ orgId: a.provider, name: 'x', primarySiteId: rathaus.id })).statusCode).toBe(422);
    expect((await place({ orgId: a.provider, name: 'x', primarySiteId: dc.id, replicaSiteId: dc.id })).statusCode).toBe(
      422,
    );
    // (the provider and its data centres are invisible to a member admin: 404, as missing)
    expect((await place({ orgId: a.gemeindeA, name: 'x', primarySiteId: dc.id }, a.users.vgAdmin)).statusCode).toBe(
      404,
    );

    const view = (await t.as(a.users.agent, { method: 'GET', url: '/api/v1/sites/failover' })).json();
    expect(view.sites).toHaveLength(1);
    expect(view.sites[0]).toMatchObject({
      site: { name: 'RZ Sömmerda' },
      withoutReplica: 1,
      targets: [{ site: { name: 'RZ Greiz' }, count: 2 }],
    });
    expect(view.sites[0].entries.map((e: { name: string }) => e.name)).toEqual([
      'E-Akte',
      'Einwohnermeldewesen Gemeinde A',
      'Mail',
    ]);

    // The member sees its own placement with the provider's site names, nothing of the provider's other services.
    const member = (await t.as(a.users.userA, { method: 'GET', url: '/api/v1/sites/failover' })).json();
    expect(member.sites[0].entries.map((e: { name: string }) => e.name)).toEqual(['Einwohnermeldewesen Gemeinde A']);
    expect(member.sites[0].site.name).toBe('RZ Sömmerda');
    expect(member.hostedForPartners).toEqual([]);

    // The partner sees what it hosts for a: provider name, service, replication — never a member's name.
    const partner = (await t.as(b.users.admin, { method: 'GET', url: '/api/v1/sites/failover' })).json();
    expect(partner.sites).toEqual([]);
    expect(partner.hostedForPartners.map((h: { serviceName: string }) => h.serviceName)).toEqual([
      'E-Akte',
      'Einwohnermeldewesen Gemeinde A',
    ]);
    expect(JSON.stringify(partner)).not.toContain(a.gemeindeA);
    expect(
      (await t.as(b.users.admin, { method: 'GET', url: `/api/v1/sites/placements/${p2.json().id}` })).statusCode,
    ).toBe(404);
    // A stranger sees nothing of either.
    expect((await t.as(c.users.admin, { method: 'GET', url: '/api/v1/sites/failover' })).json()).toEqual({
      sites: [],
      hostedForPartners: [],
    });

    // A data centre still in use cannot go (409); a placement can.
    expect((await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/sites/${dc.id}` })).statusCode).toBe(409);
    expect(
      (await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/sites/placements/${p1.json().id}` })).statusCode,
    ).toBe(204);
  });
});

describe('failoverGroups', () => {
  const s = (id: string, name: string) => ({
    id,
    name,
    kind: 'data_centre' as const,
    city: null,
    partnerProviderName: null,
  });
  it('groups by primary site, counts targets (most first) and services without replica', () => {
    const A = s('a', 'RZ A');
    const B = s('b', 'RZ B');
    const C = s('c', 'RZ C');
    const g = failoverGroups([
      { id: '1', name: 'Zeta', orgName: 'P', replication: 'synchronous', rtoHours: 1, primary: B, replica: A },
      { id: '2', name: 'Alpha', orgName: 'P', replication: 'asynchronous', rtoHours: null, primary: A, replica: C },
      { id: '3', name: 'Beta', orgName: 'P', replication: 'asynchronous', rtoHours: null, primary: A, replica: B },
      { id: '4', name: 'Gamma', orgName: 'P', replication: 'asynchronous', rtoHours: null, primary: A, replica: C },
      { id: '5', name: 'Delta', orgName: 'P', replication: 'backup_restore', rtoHours: 48, primary: A, replica: null },
    ]);
    expect(g.map((x) => x.site.name)).toEqual(['RZ A', 'RZ B']);
    expect(g[0]!.entries.map((e) => e.name)).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma']);
    expect(g[0]!.targets.map((x) => [x.site.name, x.count])).toEqual([
      ['RZ C', 2],
      ['RZ B', 1],
    ]);
    expect(g[0]!.withoutReplica).toBe(1);
    expect(g[1]!.targets).toEqual([{ site: A, count: 1 }]);
  });
});
