import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';

const contacts = (org: string) => `/api/v1/organisations/${org}/contacts`;

describe(`contacts API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    expect((await t.as(null, { method: 'GET', url: contacts(a.town) })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url: contacts(a.town), payload: {} })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url: `${contacts(a.town)}/01900000-0000-7000-8000-000000000000/invite`, payload: {} })).statusCode).toBe(401);
  });

  it('adds, changes and removes contacts with audit events', async () => {
    const created = await t.as(a.users.agent, {
      method: 'POST',
      url: contacts(a.town),
      payload: { role: 'buergermeister', name: 'Jan Schönfeld', email: 'buergermeister@kahla.example', phone: '+49 36424 770' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ role: 'buergermeister', orgId: a.town, userId: null });
    const changed = await t.as(a.users.agent, { method: 'PATCH', url: `${contacts(a.town)}/${c.id}`, payload: { role: 'hauptamtsleitung', notes: 'seit 2025' } });
    expect(changed.json()).toMatchObject({ role: 'hauptamtsleitung', notes: 'seit 2025', name: 'Jan Schönfeld' });
    const list = await t.as(a.users.townUser, { method: 'GET', url: contacts(a.town) });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const extra = (await t.as(a.users.admin, { method: 'POST', url: contacts(a.town), payload: { role: 'dsb', name: 'Datenschutz' } })).json();
    expect((await t.as(a.users.admin, { method: 'DELETE', url: `${contacts(a.town)}/${extra.id}` })).statusCode).toBe(204);
    const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityType=contact` });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create', 'update', 'create']);
  });

  it('answers 400 for an unknown role or bad e-mail, 403 for member users, 404 for foreign members', async () => {
    const bad = await t.as(a.users.admin, { method: 'POST', url: contacts(a.town), payload: { role: 'koenig', name: 'X', email: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['body/role', 'body/email']));
    expect((await t.as(a.users.townUser, { method: 'POST', url: contacts(a.town), payload: { role: 'isb', name: 'X' } })).statusCode).toBe(403);
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url: contacts(a.town) })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'POST', url: contacts(b.town), payload: { role: 'isb', name: 'X' } })).statusCode).toBe(404);
    const foreign = (await t.as(b.users.admin, { method: 'POST', url: contacts(b.town), payload: { role: 'isb', name: 'Y' } })).json();
    expect((await t.as(a.users.admin, { method: 'PATCH', url: `${contacts(a.town)}/${foreign.id}`, payload: { name: 'Z' } })).statusCode).toBe(404);
  });

  it('lets the VG admin manage contacts of its Gemeinden and invite one as a user', async () => {
    const c = (
      await t.as(a.users.vgAdmin, {
        method: 'POST',
        url: contacts(a.gemeindeA),
        payload: { role: 'it_ansprechpartner', name: 'Petra IT', email: `petra-${Date.now()}@altenberga.example` },
      })
    ).json();
    const res = await t.as(a.users.vgAdmin, { method: 'POST', url: `${contacts(a.gemeindeA)}/${c.id}/invite`, payload: {} });
    expect(res.statusCode, res.body).toBe(201);
    const { contact, user } = res.json();
    expect(contact.userId).toBe(user.id);
    expect(user).toMatchObject({ email: c.email, name: 'Petra IT', orgId: a.gemeindeA });
    expect(user.roles).toEqual([expect.objectContaining({ orgId: a.gemeindeA, role: 'member_user' })]);
    const again = await t.as(a.users.vgAdmin, { method: 'POST', url: `${contacts(a.gemeindeA)}/${c.id}/invite`, payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to invite a contact without e-mail (422) or with a role the caller may not grant (403)', async () => {
    const noMail = (await t.as(a.users.admin, { method: 'POST', url: contacts(a.gemeindeB), payload: { role: 'kaemmerei', name: 'Ohne Mail' } })).json();
    const res = await t.as(a.users.admin, { method: 'POST', url: `${contacts(a.gemeindeB)}/${noMail.id}/invite`, payload: {} });
    expect(res.statusCode).toBe(422);
    expect(problem(res).detail).toContain('E-Mail');
    const c = (await t.as(a.users.vgAdmin, { method: 'POST', url: contacts(a.gemeindeB), payload: { role: 'isb', name: 'ISB', email: `isb-${Date.now()}@b.example` } })).json();
    const tooHigh = await t.as(a.users.vgAdmin, { method: 'POST', url: `${contacts(a.gemeindeB)}/${c.id}/invite`, payload: { role: 'provider_admin' } });
    expect(tooHigh.statusCode).toBe(403);
    const stillFree = await t.as(a.users.vgAdmin, { method: 'GET', url: contacts(a.gemeindeB) });
    expect(stillFree.json().items.find((x: { id: string }) => x.id === c.id).userId).toBeNull();
  });
});
