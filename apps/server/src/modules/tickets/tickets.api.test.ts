import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, makeUser, type TestUser, type Tree } from '../../../test/factories.js';
import { multipart, samplePdf } from '../../../test/multipart.js';
import { LocalFileStore } from '../../platform/files/index.js';
import { WIDE } from './tickets.repository.js';

const OFFICE = {
  '1': [{ start: '07:00', end: '16:00' }],
  '2': [{ start: '07:00', end: '16:00' }],
  '3': [{ start: '07:00', end: '16:00' }],
  '4': [{ start: '07:00', end: '16:00' }],
  '5': [{ start: '07:00', end: '13:00' }],
  '6': [],
  '7': [],
};
const TARGETS = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 120, resolutionMinutes: 480 },
  P3: { responseMinutes: 480, resolutionMinutes: 1440 },
  P4: { responseMinutes: 960, resolutionMinutes: 2880 },
};
const NIL = '01900000-0000-7000-8000-000000000000';

describe(`tickets API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let userA2: TestUser;

  const open = async (user: TestUser, body: object) => {
    const res = await t.as(user, { method: 'POST', url: '/api/v1/tickets', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const patch = (user: TestUser, id: string, payload: object) =>
    t.as(user, { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload });
  const reply = (user: TestUser, id: string, payload: object) =>
    t.as(user, { method: 'POST', url: `/api/v1/tickets/${id}/comments`, payload });
  const list = (user: TestUser, qs = '') => t.as(user, { method: 'GET', url: `/api/v1/tickets${qs}` });

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database, { files: new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-tk-'))) });
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    userA2 = await makeUser(database.db, a.gemeindeA, [{ role: 'member_user' }]);
    const res = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/sla-profiles',
      payload: { name: 'Standard', hours: OFFICE, targets: TARGETS, isDefault: true },
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/tickets'],
      ['POST', '/api/v1/tickets'],
      ['GET', `/api/v1/tickets/${NIL}`],
      ['PATCH', `/api/v1/tickets/${NIL}`],
      ['GET', `/api/v1/tickets/${NIL}/comments`],
      ['POST', `/api/v1/tickets/${NIL}/comments`],
      ['GET', '/api/v1/sla-profiles'],
      ['GET', '/api/v1/reports/sla?month=2026-11'],
      ['GET', '/api/v1/ticket-filters'],
    ] as const) {
      const res = await t.as(null, { method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('a member opens a ticket in the portal; the agent sees it with number, priority and SLA due dates', async () => {
    const created = await open(a.users.userA, {
      orgId: a.gemeindeA,
      title: 'Drucker im Standesamt druckt nicht',
      description: 'Seit heute **keine** Ausdrucke <script>alert(1)</script>',
    });
    expect(created.number).toMatch(/^T-\d{4}-\d{6}$/);
    expect(created.priority).toBe('P3');
    expect(created.status).toBe('new');
    expect(created.sla.profileName).toBe('Standard');
    expect(created.sla.resolutionDueAt).not.toBeNull();
    expect(created.descriptionHtml).toContain('<strong>keine</strong>');
    expect(created.descriptionHtml).not.toContain('<script>');
    expect(created.allowedTransitions).toEqual([]);
    const seen = await t.as(a.users.agent, { method: 'GET', url: `/api/v1/tickets/${created.id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedTransitions).toContain('assigned');
    expect(seen.json().abilities.internalNote).toBe(true);
  });

  it('isolation: members see only their own tickets (member admins their organisation’s), other providers nothing', async () => {
    const mine = await open(a.users.userA, { orgId: a.gemeindeA, title: 'Passwort vergessen' });
    const colleague = await open(userA2, { orgId: a.gemeindeA, title: 'Kollegin: Scanner' });
    const town = await open(a.users.townUser, { orgId: a.town, title: 'Stadt: Telefon' });
    const foreign = await open(b.users.userA, { orgId: b.gemeindeA, title: 'Fremder Anbieter' });

    const ids = async (u: TestUser, qs = '?limit=200') =>
      (await list(u, qs)).json().items.map((x: { id: string }) => x.id);
    // Both ways of filtering: the organisation list, and the provider-wide filter used for agents
    // who see many members (threshold lowered to 0 for the second pass).
    for (const wide of [20, 0]) {
      WIDE.orgs = wide;
      const userAIds = await ids(a.users.userA);
      expect(userAIds).toContain(mine.id);
      expect(userAIds).not.toContain(colleague.id);
      expect(userAIds).not.toContain(town.id);
      expect(userAIds).not.toContain(foreign.id);
      const vgAdminIds = await ids(a.users.vgAdmin);
      expect(vgAdminIds).toEqual(expect.arrayContaining([mine.id, colleague.id]));
      expect(vgAdminIds).not.toContain(town.id);
      const agentIds = await ids(a.users.agent);
      expect(agentIds).toEqual(expect.arrayContaining([mine.id, colleague.id, town.id]));
      expect(agentIds).not.toContain(foreign.id);
      // A member admin who also holds a plain member_user grant elsewhere sees only its own there.
      expect(await ids(a.users.vgAdmin, `?member=${a.gemeindeA}&limit=200`)).toEqual(
        expect.arrayContaining([mine.id, colleague.id]),
      );
    }
    WIDE.orgs = 20;

    for (const [u, id] of [
      [a.users.userA, colleague.id],
      [a.users.userA, town.id],
      [a.users.agent, foreign.id],
      [b.users.admin, mine.id],
    ] as const) {
      expect((await t.as(u, { method: 'GET', url: `/api/v1/tickets/${id}` })).statusCode).toBe(404);
      expect((await reply(u, id, { body: 'hallo' })).statusCode).toBe(404);
      expect((await t.as(u, { method: 'GET', url: `/api/v1/tickets/${id}/timeline` })).statusCode).toBe(404);
    }
    // Opening a ticket for a foreign member is 404 (not 403): it does not exist for the caller.
    expect(
      (
        await t.as(a.users.userA, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { orgId: b.gemeindeA, title: 'Fremd' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(a.users.userA, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { orgId: a.town, title: 'Fremd' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('internal notes and internal attachments never reach members through the API', async () => {
    const tk = await open(a.users.userA, { orgId: a.gemeindeA, title: 'VPN bricht ab' });
    expect(
      (await reply(a.users.agent, tk.id, { body: 'Intern: Firewall-Regel 4711 prüfen', visibility: 'internal' }))
        .statusCode,
    ).toBe(201);
    expect((await reply(a.users.agent, tk.id, { body: 'Wir prüfen das.', visibility: 'public' })).statusCode).toBe(201);
    const mp = multipart({ visibility: 'internal' }, { name: 'intern.pdf', content: samplePdf() });
    expect(
      (await t.as(a.users.agent, { method: 'POST', url: `/api/v1/tickets/${tk.id}/attachments`, ...mp })).statusCode,
    ).toBe(201);

    for (const url of [
      `/api/v1/tickets/${tk.id}/timeline`,
      `/api/v1/tickets/${tk.id}/comments`,
      `/api/v1/tickets/${tk.id}/attachments`,
    ]) {
      const res = await t.as(a.users.userA, { method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('Firewall-Regel');
      expect(res.body).not.toContain('intern.pdf');
      expect(res.body).not.toContain('"internal"');
    }
    const forAgent = await t.as(a.users.agent, { method: 'GET', url: `/api/v1/tickets/${tk.id}/timeline` });
    expect(forAgent.body).toContain('Firewall-Regel');
    // Members cannot write internal notes; their search does not find internal words.
    expect((await reply(a.users.userA, tk.id, { body: 'x', visibility: 'internal' })).statusCode).toBe(403);
    expect((await list(a.users.userA, '?q=Firewall-Regel')).json().items).toHaveLength(0);
    expect((await list(a.users.agent, '?q=Firewall-Regel')).json().items.map((x: { id: string }) => x.id)).toContain(
      tk.id,
    );
    const detail = (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/tickets/${tk.id}` })).json();
    expect(detail.abilities.internalNote).toBe(false);
  });

  it('enforces the workflow with 409 and the allowed next states; members confirm or reopen resolutions only', async () => {
    const tk = await open(a.users.userA, { orgId: a.gemeindeA, title: 'Monitor flackert' });
    const bad = await patch(a.users.agent, tk.id, { status: 'waiting' });
    expect(bad.statusCode).toBe(200);
    const toClosed = await patch(a.users.agent, tk.id, { status: 'closed' });
    expect(toClosed.statusCode).toBe(409);
    expect(toClosed.json()).toMatchObject({ currentStatus: 'waiting', allowed: ['in_progress', 'resolved'] });
    // A member's reply resumes the clock.
    expect((await reply(a.users.userA, tk.id, { body: 'Modell: Dell P2419H' })).statusCode).toBe(201);
    let now = (await t.as(a.users.agent, { method: 'GET', url: `/api/v1/tickets/${tk.id}` })).json();
    expect(now.status).toBe('in_progress');
    expect((await patch(a.users.userA, tk.id, { status: 'resolved' })).statusCode).toBe(409);
    expect((await patch(a.users.userA, tk.id, { title: 'Anders' })).statusCode).toBe(403);
    expect((await patch(a.users.agent, tk.id, { status: 'resolved' })).statusCode).toBe(200);
    // Reopen by the member, then resolve and confirm.
    now = (await patch(a.users.userA, tk.id, { status: 'in_progress' })).json();
    expect(now.reopenCount).toBe(1);
    expect((await patch(a.users.agent, tk.id, { status: 'resolved' })).statusCode).toBe(200);
    expect((await patch(a.users.userA, tk.id, { status: 'closed' })).json().status).toBe('closed');
    const closedReply = await reply(a.users.userA, tk.id, { body: 'noch was' });
    expect(closedReply.statusCode).toBe(409);
    expect((await patch(a.users.agent, tk.id, { status: 'in_progress' })).json()).toMatchObject({
      currentStatus: 'closed',
      allowed: [],
    });
    // Every step is on the timeline with its time.
    const tl = (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/tickets/${tk.id}/timeline` })).json();
    expect(
      tl.items.filter((i: { event: string }) => i.event === 'status').map((i: { data: { to: string } }) => i.data.to),
    ).toEqual(['waiting', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed']);
  });

  it('assigning moves a new ticket to assigned; first public agent reply stamps the response; 422 for a foreign assignee', async () => {
    const tk = await open(a.users.userA, {
      orgId: a.gemeindeA,
      title: 'Neuer Arbeitsplatz',
      impact: 'high',
      urgency: 'high',
    });
    expect(tk.priority).toBe('P1');
    expect((await patch(a.users.agent, tk.id, { assigneeId: b.users.agent.id })).statusCode).toBe(422);
    const assigned = (await patch(a.users.agent, tk.id, { assigneeId: a.users.agent.id })).json();
    expect(assigned.status).toBe('assigned');
    expect(assigned.assignedAt).not.toBeNull();
    await reply(a.users.agent, tk.id, { body: 'Wir kümmern uns.' });
    const after = (await t.as(a.users.agent, { method: 'GET', url: `/api/v1/tickets/${tk.id}` })).json();
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.sla.response).toBe('met');
    const mine = (await list(a.users.agent, '?assignee=me&status=open&limit=200'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(mine).toContain(tk.id);
  });

  it('answers a create with the ticket exactly as reading it shows it, names and SLA included', async () => {
    // A tree of its own: the category would show in other tests' category lists.
    const c = await makeTree((await testDatabase()).db);
    const profile = await t.as(c.users.admin, { method: 'POST', url: '/api/v1/sla-profiles', payload: { name: 'Standard', hours: OFFICE, targets: TARGETS, isDefault: true } });
    expect(profile.statusCode, profile.body).toBe(201);
    const category = await t.as(c.users.admin, { method: 'POST', url: '/api/v1/ticket-categories', payload: { name: 'Drucker' } });
    expect(category.statusCode, category.body).toBe(201);
    const byAgent = await open(c.users.agent, {
      orgId: c.gemeindeA,
      title: 'Scanner im Bauamt',
      description: 'Scannt **nur** schwarz.',
      urgency: 'high',
      assigneeId: c.users.agent.id,
      categoryId: category.json().id,
      requesterUserId: c.users.userA.id,
      watcherIds: [c.users.admin.id],
      tags: ['scanner'],
    });
    const byMember = await open(c.users.userA, { orgId: c.gemeindeA, title: 'Passwort vergessen' });
    for (const [tk, reader] of [
      [byAgent, c.users.agent],
      [byMember, c.users.userA],
    ] as const) {
      const read = await t.as(reader, { method: 'GET', url: `/api/v1/tickets/${tk.id}` });
      expect(read.json()).toEqual(tk);
    }
    expect(byAgent).toMatchObject({ status: 'assigned', assigneeName: expect.any(String), categoryName: category.json().name, requesterName: expect.any(String) });
    expect(byAgent.requesterEmail).toMatch(/@/);
    expect(byAgent.sla.profileName).toEqual(expect.any(String));
    expect(byAgent.sla.resolutionDueAt).not.toBeNull();
    // Timeline entry and audit event are written in one statement with each other.
    const timeline = (await t.as(c.users.agent, { method: 'GET', url: `/api/v1/tickets/${byAgent.id}/timeline` })).json();
    expect(timeline.items ?? timeline).toEqual([expect.objectContaining({ kind: 'event', event: 'created', data: { status: 'assigned', priority: 'P2', channel: 'agent' } })]);
    const audit = (await t.as(c.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityType=ticket&entityId=${byAgent.id}` })).json();
    expect(audit.items).toEqual([expect.objectContaining({ action: 'create', entityId: byAgent.id, orgId: c.gemeindeA })]);
    expect(audit.items[0].after).toMatchObject({ number: byAgent.number, title: 'Scanner im Bauamt' });
  });

  it('security incidents carry their details and the GDPR 72-hour clock', async () => {
    const tk = await open(a.users.agent, {
      orgId: a.gemeindeA,
      type: 'security_incident',
      title: 'Phishing-Mail mit Anhang geöffnet',
      security: {
        detectedAt: '2026-11-20T08:00:00Z',
        personalData: true,
        affectedSystems: ['PC-12'],
        checklist: [{ label: 'PC vom Netz', phase: 'containment', done: true }],
      },
    });
    expect(tk.priority).toBe('P1');
    expect(tk.security.gdprDeadline).toBe('2026-11-23T08:00:00.000Z');
    expect(tk.security.checklist[0].doneAt).not.toBeNull();
    const bad = await t.as(a.users.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { orgId: a.gemeindeA, title: 'Kein Sicherheitsvorfall', security: { personalData: true } },
    });
    expect(bad.statusCode).toBe(422);
  });

  it('bulk assign and close: each ticket on its own', async () => {
    const t1 = await open(a.users.userA, { orgId: a.gemeindeA, title: 'Bulk 1' });
    const t2 = await open(a.users.userA, { orgId: a.gemeindeA, title: 'Bulk 2' });
    const foreign = await open(b.users.userA, { orgId: b.gemeindeA, title: 'Bulk fremd' });
    const res = await t.as(a.users.agent, {
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      payload: { ids: [t1.id, t2.id, foreign.id], assigneeId: a.users.agent.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated.sort()).toEqual([t1.id, t2.id].sort());
    expect(res.json().failed).toEqual([{ id: foreign.id, status: 404, detail: 'not found' }]);
    await patch(a.users.agent, t1.id, { status: 'resolved' });
    const closing = (
      await t.as(a.users.agent, {
        method: 'POST',
        url: '/api/v1/tickets/bulk',
        payload: { ids: [t1.id, t2.id], status: 'closed' },
      })
    ).json();
    expect(closing.updated).toEqual([t1.id]);
    expect(closing.failed[0]).toMatchObject({ id: t2.id, status: 409 });
    expect(
      (
        await t.as(a.users.userA, {
          method: 'POST',
          url: '/api/v1/tickets/bulk',
          payload: { ids: [t1.id], status: 'closed' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('German full-text search over title, description and replies; filters and cursor pagination', async () => {
    const tk = await open(a.users.userA, {
      orgId: a.gemeindeA,
      title: 'Fachverfahren Meldewesen startet nicht',
      description: 'Fehlermeldung beim Anmelden',
    });
    await reply(a.users.agent, tk.id, { body: 'Bitte die Zertifikate erneuern' });
    for (const q of ['Meldewesen', 'Fehlermeldungen', 'Zertifikat', 'Fachverfahren Meldewesen']) {
      const ids = (await list(a.users.agent, `?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((x: { id: string }) => x.id);
      expect(ids, q).toContain(tk.id);
    }
    const page1 = (await list(a.users.agent, '?limit=2&total=true')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(2);
    const page2 = (await list(a.users.agent, `?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items[0].id < page1.items[1].id).toBe(true);
    const due = (await list(a.users.agent, '?sort=due&limit=3')).json();
    expect(due.items).toHaveLength(3);
    expect((await list(a.users.agent, `?sort=due&limit=3&cursor=${due.nextCursor}`)).statusCode).toBe(200);
    expect(
      (await list(a.users.agent, `?member=${a.town}&limit=200`))
        .json()
        .items.every((x: { orgId: string }) => x.orgId === a.town),
    ).toBe(true);
    const csv = await t.as(a.users.agent, { method: 'GET', url: '/api/v1/tickets?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('number');
  });

  it('bad input answers 4xx problem+json', async () => {
    expect(
      problem(await t.as(a.users.userA, { method: 'POST', url: '/api/v1/tickets', payload: { orgId: a.gemeindeA } }))
        .status,
    ).toBe(400);
    expect(
      (
        await t.as(a.users.userA, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { orgId: a.gemeindeA, title: 'x'.repeat(5), impact: 'huge' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.as(a.users.userA, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { orgId: a.provider, title: 'Beim Anbieter' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { orgId: a.provider, title: 'Beim Anbieter' },
        })
      ).statusCode,
    ).toBe(422);
    expect((await t.as(a.users.userA, { method: 'POST', url: '/api/v1/tickets', payload: { orgId: a.gemeindeA, title: 'Dienst', serviceId: NIL } })).statusCode).toBe(422);
    expect((await list(a.users.agent, '?cursor=nonsense')).statusCode).toBe(400);
    expect((await list(a.users.agent, '?status=fertig')).statusCode).toBe(422);
    expect((await t.as(a.users.agent, { method: 'GET', url: '/api/v1/tickets/not-a-uuid' })).statusCode).toBe(400);
    expect((await t.as(a.users.agent, { method: 'GET', url: `/api/v1/tickets/${NIL}` })).statusCode).toBe(404);
    const tk = await open(a.users.userA, { orgId: a.gemeindeA, title: 'Anhang' });
    const txt = multipart({}, { name: 'a.txt', content: Buffer.from('hello') });
    expect(
      (await t.as(a.users.userA, { method: 'POST', url: `/api/v1/tickets/${tk.id}/attachments`, ...txt })).statusCode,
    ).toBe(415);
    expect((await patch(a.users.agent, tk.id, {})).statusCode).toBe(400);
  });

  it('SLA profiles, categories and the matrix: members read, only sla.manage writes', async () => {
    const profiles = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/sla-profiles' });
    expect(profiles.statusCode).toBe(200);
    expect(profiles.json().items.map((p: { name: string }) => p.name)).toEqual(['Standard']);
    expect(profiles.json().canManage).toBe(false);
    expect((await t.as(b.users.userA, { method: 'GET', url: '/api/v1/sla-profiles' })).json().items).toEqual([]);
    const body = { name: 'Schulen', hours: OFFICE, targets: TARGETS, memberIds: [a.gemeindeB] };
    // The provider organisation is not visible to a member: 404 rather than 403.
    expect((await t.as(a.users.userA, { method: 'POST', url: '/api/v1/sla-profiles', payload: body })).statusCode).toBe(
      404,
    );
    expect((await t.as(a.users.agent, { method: 'POST', url: '/api/v1/sla-profiles', payload: body })).statusCode).toBe(
      403,
    );
    expect(
      (
        await t.as(a.users.admin, {
          method: 'POST',
          url: '/api/v1/sla-profiles',
          payload: { ...body, memberIds: [b.gemeindeA] },
        })
      ).statusCode,
    ).toBe(422);
    const bad = { ...body, targets: { ...TARGETS, P1: { responseMinutes: 60, resolutionMinutes: 30 } } };
    expect((await t.as(a.users.admin, { method: 'POST', url: '/api/v1/sla-profiles', payload: bad })).statusCode).toBe(
      400,
    );
    const created = await t.as(a.users.admin, { method: 'POST', url: '/api/v1/sla-profiles', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.as(a.users.admin, { method: 'POST', url: '/api/v1/sla-profiles', payload: body })).statusCode).toBe(
      409,
    );
    expect(
      (await t.as(b.users.admin, { method: 'PUT', url: `/api/v1/sla-profiles/${created.json().id}`, payload: body }))
        .statusCode,
    ).toBe(404);
    // The member default applies to Gemeinde B's tickets.
    const tk = await open(a.users.vgAdmin, { orgId: a.gemeindeB, title: 'Schul-WLAN' });
    expect(tk.sla.profileName).toBe('Schulen');

    const root = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/ticket-categories',
      payload: { name: 'Arbeitsplatz' },
    });
    expect(root.statusCode).toBe(201);
    const child = await t.as(a.users.admin, {
      method: 'POST',
      url: '/api/v1/ticket-categories',
      payload: { name: 'Drucker', parentId: root.json().id },
    });
    expect(child.statusCode).toBe(201);
    expect(
      (
        await t.as(a.users.admin, {
          method: 'PATCH',
          url: `/api/v1/ticket-categories/${root.json().id}`,
          payload: { parentId: child.json().id },
        })
      ).statusCode,
    ).toBe(422);
    const cats = (await t.as(a.users.userA, { method: 'GET', url: '/api/v1/ticket-categories' })).json();
    expect(cats.items.map((c: { path: string }) => c.path)).toEqual(['Arbeitsplatz', 'Arbeitsplatz › Drucker']);
    expect(
      (
        await t.as(b.users.agent, {
          method: 'POST',
          url: '/api/v1/tickets',
          payload: { orgId: b.gemeindeA, title: 'Fremde Kategorie', categoryId: child.json().id },
        })
      ).statusCode,
    ).toBe(422);

    const matrix = {
      low: { low: 'P4', medium: 'P4', high: 'P3' },
      medium: { low: 'P4', medium: 'P3', high: 'P2' },
      high: { low: 'P2', medium: 'P1', high: 'P1' },
    };
    expect(
      (
        await t.as(a.users.agent, {
          method: 'PUT',
          url: '/api/v1/ticket-settings',
          payload: { priorityMatrix: matrix },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.as(a.users.admin, {
          method: 'PUT',
          url: '/api/v1/ticket-settings',
          payload: { priorityMatrix: matrix, autoCloseDays: 5 },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await open(a.users.userA, { orgId: a.gemeindeA, title: 'Matrix', impact: 'high', urgency: 'medium' })).priority,
    ).toBe('P1');
  });

  it('saved filters belong to their user', async () => {
    const saved = await t.as(a.users.agent, {
      method: 'POST',
      url: '/api/v1/ticket-filters',
      payload: { name: 'Meine offenen P1', query: { assignee: 'me', status: 'open', priority: 'P1' } },
    });
    expect(saved.statusCode).toBe(201);
    expect((await t.as(a.users.agent, { method: 'GET', url: '/api/v1/ticket-filters' })).json().items).toHaveLength(1);
    expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/ticket-filters' })).json().items).toHaveLength(0);
    expect(
      (await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/ticket-filters/${saved.json().id}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(a.users.agent, { method: 'DELETE', url: `/api/v1/ticket-filters/${saved.json().id}` })).statusCode,
    ).toBe(204);
  });

  it('SLA report per member and month', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const res = await t.as(a.users.agent, {
      method: 'GET',
      url: `/api/v1/reports/sla?member=${a.gemeindeA}&month=${month}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json().rows.find((r: { priority: string }) => r.priority === 'all');
    expect(all.tickets).toBeGreaterThan(3);
    expect(res.json().rows.map((r: { priority: string }) => r.priority)).toEqual(['P1', 'P2', 'P3', 'P4', 'all']);
    expect(
      (await t.as(a.users.vgAdmin, { method: 'GET', url: `/api/v1/reports/sla?member=${a.gemeindeA}&month=${month}` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.as(a.users.userA, { method: 'GET', url: `/api/v1/reports/sla?member=${a.gemeindeA}&month=${month}` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as(b.users.agent, { method: 'GET', url: `/api/v1/reports/sla?member=${a.gemeindeA}&month=${month}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.as(a.users.agent, { method: 'GET', url: `/api/v1/reports/sla?member=${a.gemeindeA}&month=2026-13` }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.as(a.users.agent, { method: 'GET', url: `/api/v1/reports/sla?month=${month}` })).json().rows.at(-1)
        .tickets,
    ).toBeGreaterThan(all.tickets - 1);
  });

  it('links between tickets of the same provider', async () => {
    const p = await open(a.users.agent, { orgId: a.gemeindeA, title: 'Ausfall Rechenzentrum' });
    const c = await open(a.users.agent, { orgId: a.town, title: 'Stadt offline' });
    const foreign = await open(b.users.agent, { orgId: b.gemeindeA, title: 'Fremd' });
    expect(
      (
        await t.as(a.users.agent, {
          method: 'POST',
          url: `/api/v1/tickets/${p.id}/links`,
          payload: { targetId: c.id, kind: 'parent_of' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await t.as(a.users.agent, {
          method: 'POST',
          url: `/api/v1/tickets/${p.id}/links`,
          payload: { targetId: c.id, kind: 'related' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.as(a.users.agent, {
          method: 'POST',
          url: `/api/v1/tickets/${p.id}/links`,
          payload: { targetId: foreign.id, kind: 'related' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(a.users.agent, {
          method: 'POST',
          url: `/api/v1/tickets/${p.id}/links`,
          payload: { targetId: p.id, kind: 'related' },
        })
      ).statusCode,
    ).toBe(422);
    const childLinks = (await t.as(a.users.agent, { method: 'GET', url: `/api/v1/tickets/${c.id}/links` })).json();
    expect(childLinks.items).toMatchObject([{ role: 'child_of', ticketId: p.id }]);
    expect(
      (await t.as(a.users.agent, { method: 'DELETE', url: `/api/v1/tickets/${c.id}/links/${childLinks.items[0].id}` }))
        .statusCode,
    ).toBe(204);
  });
});
