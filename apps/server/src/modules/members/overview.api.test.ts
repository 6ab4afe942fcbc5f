import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { multipart, samplePdf } from '../../../test/multipart.js';
import { LocalFileStore } from '../../platform/files/index.js';
import { memberStatus } from './overview.js';

const zv = {
  kind: 'zweckvereinbarung',
  title: 'Zweckvereinbarung IT',
  intentDeclaredAt: '2025-03-01',
  termStart: '2025-07-01',
  termEnd: null,
  noticeMonths: 12,
  noticeToYearEnd: true,
  allocationKey: 'population',
  vat: { publicTask: true, costReimbursementOnly: true, servesPublicBodies: true },
};
const signatories = [
  { name: 'R. Muster', function: 'Bürgermeister', party: 'member', date: '2025-05-02' },
  { name: 'H. Beispiel', function: 'Landrat', party: 'provider', date: '2025-05-05' },
];

describe('memberStatus', () => {
  it('takes the most advanced live agreement, an ended one only when nothing else is left', () => {
    expect(memberStatus(['intent', 'active', 'signed'])).toBe('active');
    expect(memberStatus(['ended', 'intent'])).toBe('intent');
    expect(memberStatus(['ended'])).toBe('ended');
    expect(memberStatus([])).toBeNull();
  });
});

describe(`member overview API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  const url = (id: string, q = '') => `/api/v1/organisations/${id}/member-overview${q}`;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database, { files: new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-ov-'))) });
    a = await makeTree(database.db);
    b = await makeTree(database.db);
    const as = a.users.admin;
    // Town: active (served); Gemeinde A: onboarding (served); Gemeinde B: intent only (not served).
    for (const [orgId, to] of [
      [a.town, 'active'],
      [a.gemeindeA, 'onboarding'],
    ] as const) {
      const ag = (await t.as(as, { method: 'POST', url: `/api/v1/organisations/${orgId}/agreements`, payload: zv })).json();
      const mp = multipart({ title: 'Unterschrieben' }, { name: 'zv.pdf', content: samplePdf() });
      const doc = (await t.as(as, { method: 'POST', url: `/api/v1/organisations/${orgId}/documents`, ...mp })).json().id;
      const move = (payload: object) => t.as(as, { method: 'POST', url: `/api/v1/agreements/${ag.id}/transitions`, payload });
      expect((await move({ to: 'signed', date: '2025-05-05', signatories, signedDocumentId: doc })).statusCode).toBe(200);
      expect((await move({ to: 'onboarding', date: '2025-06-01' })).statusCode).toBe(200);
      if (to === 'active') {
        expect((await move({ to: 'active', date: '2025-07-01' })).statusCode).toBe(200);
      }
    }
    expect((await t.as(as, { method: 'POST', url: `/api/v1/organisations/${a.gemeindeB}/agreements`, payload: zv })).statusCode).toBe(201);
    const put = (orgId: string, date: string, value: number) =>
      t.as(as, { method: 'PUT', url: `/api/v1/organisations/${orgId}/population/${date}`, payload: { value } });
    await put(a.town, '2023-12-31', 7000);
    await put(a.town, '2024-12-31', 7100);
    await put(a.gemeindeA, '2024-12-31', 900);
    await put(a.gemeindeB, '2024-12-31', 50_000);
  });

  it('answers 401 without a session, 404 for an organisation outside the caller\'s, 400 for a bad date', async () => {
    expect((await t.as(null, { method: 'GET', url: url(a.provider) })).statusCode).toBe(401);
    expect((await t.as(a.users.userA, { method: 'GET', url: url(a.provider) })).statusCode).toBe(404);
    expect((await t.as(a.users.userA, { method: 'GET', url: url(a.gemeindeA) })).json()).toMatchObject({ members: 0, served: 0 });
    expect((await t.as(b.users.admin, { method: 'GET', url: url(a.provider) })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'GET', url: url(a.provider, '?at=2025-13-01') })).statusCode).toBe(400);
  });

  it('counts members by status and type and sums the population served on the server', async () => {
    const res = await t.as(a.users.admin, { method: 'GET', url: url(a.provider, '?at=2025-06-30') });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({ members: 4, served: 2, population: { sum: 8000, counted: 2, latestReferenceDate: '2024-12-31' } });
    expect(o.byStatus).toEqual([
      { status: 'intent', count: 1 },
      { status: 'onboarding', count: 1 },
      { status: 'active', count: 1 },
      { status: 'none', count: 1 },
    ]);
    expect(o.byType).toEqual(expect.arrayContaining([{ type: 'stadt', count: 1 }, { type: 'verwaltungsgemeinschaft', count: 1 }]));
    // The population in force on an earlier date.
    const before = (await t.as(a.users.admin, { method: 'GET', url: url(a.provider, '?at=2024-06-30') })).json();
    expect(before.population).toMatchObject({ sum: 7000, counted: 1 });
    // The VG admin sees its own subtree only.
    const vg = (await t.as(a.users.vgAdmin, { method: 'GET', url: url(a.vg) })).json();
    expect(vg).toMatchObject({ members: 2, served: 1, population: { sum: 900 } });
  });
});
