import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { multipart, samplePdf } from '../../../test/multipart.js';
import { LocalFileStore } from '../../platform/files/index.js';

const zv = {
  kind: 'zweckvereinbarung',
  title: 'Zweckvereinbarung IT-Dienstleistungen',
  intentDeclaredAt: '2025-03-01',
  termStart: '2025-07-01',
  termEnd: null,
  noticeMonths: 12,
  noticeToYearEnd: true,
  allocationKey: 'population',
  vat: { publicTask: true, costReimbursementOnly: true, servesPublicBodies: true },
};

describe(`agreements API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;

  const create = async (orgId: string, body: object = zv, user = a.users.admin) =>
    t.as(user, { method: 'POST', url: `/api/v1/organisations/${orgId}/agreements`, payload: body });
  const move = (id: string, payload: object, user = a.users.admin) => t.as(user, { method: 'POST', url: `/api/v1/agreements/${id}/transitions`, payload });
  const upload = async (orgId: string, user = a.users.admin) => {
    const mp = multipart({ title: 'Unterschriebene Zweckvereinbarung' }, { name: 'zv.pdf', content: samplePdf() });
    const res = await t.as(user, { method: 'POST', url: `/api/v1/organisations/${orgId}/documents`, ...mp });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database, { files: new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-agr-'))) });
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    for (const [method, url] of [
      ['GET', '/api/v1/agreements'],
      ['GET', `/api/v1/organisations/${a.gemeindeA}/agreements`],
      ['POST', `/api/v1/organisations/${a.gemeindeA}/agreements`],
      ['GET', `/api/v1/agreements/${id}`],
      ['PATCH', `/api/v1/agreements/${id}`],
      ['POST', `/api/v1/agreements/${id}/transitions`],
    ] as const) {
      const res = await t.as(null, { method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  describe('create and read', () => {
    it('records an intent with the § 2b checklist and derives the treatment; audits it', async () => {
      const res = await create(a.gemeindeA);
      expect(res.statusCode, res.body).toBe(201);
      const ag = res.json();
      expect(ag).toMatchObject({
        orgId: a.gemeindeA,
        providerId: a.provider,
        status: 'intent',
        allowedTransitions: ['signed', 'ended'],
        vat: { longTermPublicLaw: true, publicTask: true, costReimbursementOnly: true, servesPublicBodies: true, treatment: 'not_taxable_2b' },
        abilities: { update: true, transition: true },
      });
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${ag.id}` });
      expect(audit.json().items[0]).toMatchObject({ action: 'create', entityType: 'agreement' });
    });

    it('makes a private-law or short agreement taxable, and keeps eG shares in cents', async () => {
      const short = await create(a.gemeindeB, { ...zv, termEnd: '2027-06-30' });
      expect(short.json().vat).toMatchObject({ longTermPublicLaw: false, treatment: 'taxable_19' });
      const eg = await create(a.gemeindeB, {
        kind: 'genossenschaft',
        title: 'Beitritt zur eG',
        intentDeclaredAt: '2022-06-01',
        shares: { count: 5, nominalValueCents: 10_000, paidCents: 50_000 },
        vat: { publicTask: true, costReimbursementOnly: true, servesPublicBodies: true },
      });
      expect(eg.statusCode, eg.body).toBe(201);
      expect(eg.json().shares).toEqual({ count: 5, nominalValueCents: 10_000, paidCents: 50_000, totalNominalCents: 50_000 });
      expect(eg.json().vat.treatment).toBe('taxable_19');
    });

    it('refuses bad input: 400 for shape, 422 for business rules', async () => {
      const bad = await create(a.gemeindeA, { ...zv, kind: 'handschlag', intentDeclaredAt: '2025-02-30', extra: 1 });
      expect(bad.statusCode).toBe(400);
      expect(problem(bad).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['body/kind', 'body/intentDeclaredAt']));
      const float = await create(a.gemeindeA, { ...zv, kind: 'genossenschaft', shares: { count: 1, nominalValueCents: 100.5, paidCents: 0 } });
      expect(float.statusCode).toBe(400);
      const sharesOnZv = await create(a.gemeindeA, { ...zv, shares: { count: 1, nominalValueCents: 100, paidCents: 0 } });
      expect(sharesOnZv.statusCode).toBe(422);
      const overpaid = await create(a.gemeindeA, { ...zv, kind: 'genossenschaft', shares: { count: 1, nominalValueCents: 100, paidCents: 200 } });
      expect(overpaid.statusCode).toBe(422);
      const exempt = await create(a.gemeindeA, { ...zv, vat: { ...zv.vat, treatment: 'exempt' } });
      expect(problem(exempt).errors?.[0]?.field).toBe('body/vat/exemptReason');
      const claimed = await create(a.gemeindeA, { ...zv, kind: 'dienstleistungsvertrag', vat: { ...zv.vat, treatment: 'not_taxable_2b' } });
      expect(claimed.statusCode).toBe(422);
      const onProvider = await create(a.provider);
      expect(onProvider.statusCode).toBe(422);
    });

    it('answers 403 to roles that may only read, 404 for foreign or invisible organisations', async () => {
      expect((await create(a.gemeindeA, zv, a.users.vgAdmin)).statusCode).toBe(403);
      expect((await create(a.gemeindeA, zv, a.users.finance)).statusCode).toBe(403);
      expect((await create(b.gemeindeA)).statusCode).toBe(404);
      expect((await create(a.gemeindeB, zv, a.users.userA)).statusCode).toBe(404);
    });

    it('lets members read their own agreements only; finance reads all of its provider', async () => {
      const own = (await create(a.town)).json();
      expect((await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/agreements/${own.id}` })).statusCode).toBe(200);
      expect((await t.as(a.users.userA, { method: 'GET', url: `/api/v1/agreements/${own.id}` })).statusCode).toBe(404);
      expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/agreements/${own.id}` })).statusCode).toBe(404);
      const mine = await t.as(a.users.townUser, { method: 'GET', url: '/api/v1/agreements' });
      expect(mine.json().items.every((x: { orgId: string }) => x.orgId === a.town)).toBe(true);
      expect(mine.json().items[0].abilities).toEqual({ update: false, transition: false, uploadDocument: false });
      const fin = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/agreements?kind=genossenschaft' });
      expect(fin.statusCode).toBe(200);
      expect(fin.json().items.map((x: { kind: string }) => x.kind)).toEqual(['genossenschaft']);
      expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/agreements' })).json().total).toBe(0);
      const ofOrg = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.town}/agreements` });
      expect(ofOrg.json().items.map((x: { id: string }) => x.id)).toEqual([own.id]);
      expect((await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${b.town}/agreements` })).statusCode).toBe(404);
      expect((await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${own.id}/agreements` })).statusCode).toBe(404);
      expect((await create(own.id)).statusCode).toBe(404);
      const csv = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/agreements?format=csv' });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const xlsx = await t.as(a.users.finance, { method: 'GET', url: '/api/v1/agreements?format=xlsx' });
      expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });

    it('searches title, reference and member name, wildcards taken literally', async () => {
      const ag = (await create(a.gemeindeB, { ...zv, title: 'Beitritt Gemeinde B', reference: 'AZ-4711/Suche' })).json();
      const find = async (q: string) =>
        (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/agreements?q=${encodeURIComponent(q)}` })).json().items.map((x: { id: string }) => x.id);
      expect(await find('4711/suche')).toEqual([ag.id]);
      expect(await find('Beitritt Gemeinde B')).toEqual([ag.id]);
      expect(await find('Gemeinde B')).toContain(ag.id);
      expect(await find('%')).toEqual([]);
      expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/agreements?q=4711' })).json().total).toBe(0);
    });

    it('pages across organisations without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const res = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/agreements?limit=2${q}` });
        seen.push(...res.json().items.map((x: { id: string }) => x.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/agreements' })).json().total);
      expect((await t.as(a.users.admin, { method: 'GET', url: '/api/v1/agreements?cursor=bogus' })).statusCode).toBe(400);
    });
  });

  describe('lifecycle', () => {
    it('walks intent → signed → onboarding → active → notice_given → ended with dates', async () => {
      const ag = (await create(a.gemeindeA)).json();
      const wrong = await move(ag.id, { to: 'active', date: '2025-06-01' });
      expect(wrong.statusCode).toBe(409);
      expect(problem(wrong)).toMatchObject({ status: 409 });
      // A stable code the UI translates (its texts are German first), with what it needs to say it.
      expect(wrong.json()).toMatchObject({ code: 'agreement_transition', currentStatus: 'intent', to: 'active' });
      expect(wrong.json().allowed).toEqual(['signed', 'ended']);

      const signatories = [
        { name: 'Ralf Hauboldt', function: 'Bürgermeister', party: 'member', date: '2025-05-02' },
        { name: 'Harald Henning', function: 'Landrat', party: 'provider', date: '2025-05-05' },
      ];
      const noPdf = await move(ag.id, { to: 'signed', date: '2025-05-05', signatories });
      expect(noPdf.statusCode).toBe(422);
      expect(problem(noPdf).errors?.[0]?.field).toBe('body/signedDocumentId');
      const foreignDoc = await upload(a.gemeindeB);
      expect((await move(ag.id, { to: 'signed', date: '2025-05-05', signatories, signedDocumentId: foreignDoc })).statusCode).toBe(422);

      const doc = await upload(a.gemeindeA);
      const signed = await move(ag.id, { to: 'signed', date: '2025-05-05', signatories, signedDocumentId: doc });
      expect(signed.statusCode, signed.body).toBe(200);
      expect(signed.json()).toMatchObject({ status: 'signed', signedAt: '2025-05-05', signedDocumentId: doc, signatories });

      const early = await move(ag.id, { to: 'onboarding', date: '2025-05-01' });
      expect(early.statusCode).toBe(422);
      const onb = await move(ag.id, { to: 'onboarding', date: '2025-06-01' });
      expect(onb.json()).toMatchObject({ status: 'onboarding', onboardingStartedAt: '2025-06-01', allowedTransitions: ['active'] });
      const checklist = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}/onboarding` });
      expect(checklist.statusCode).toBe(200);
      expect(checklist.json()).toMatchObject({ agreementId: ag.id, startedAt: '2025-06-01', progressPercent: 0 });
      expect(checklist.json().tasks.length).toBeGreaterThanOrEqual(5);

      expect((await move(ag.id, { to: 'active', date: '2025-07-01' })).json().activeSince).toBe('2025-07-01');
      const notice = await move(ag.id, { to: 'notice_given', date: '2026-03-15' });
      expect(notice.json()).toMatchObject({ status: 'notice_given', noticeGivenAt: '2026-03-15', effectiveEnd: '2027-12-31', allowedTransitions: ['ended', 'active'] });
      const tooSoon = await move(ag.id, { to: 'ended', date: '2026-12-31' });
      expect(tooSoon.statusCode).toBe(422);
      const ended = await move(ag.id, { to: 'ended', date: '2027-12-31' });
      expect(ended.json()).toMatchObject({ status: 'ended', endedAt: '2027-12-31', allowedTransitions: [] });
      const after = await move(ag.id, { to: 'active', date: '2028-01-01' });
      expect(after.statusCode).toBe(409);
      expect(after.json().allowed).toEqual([]);
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { notes: 'x' } })).statusCode).toBe(409);

      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${ag.id}&limit=50` });
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['transition:intent->signed', 'transition:notice_given->ended']),
      );
    });

    it('refuses transitions to readers (403), foreign callers (404) and bad bodies (400)', async () => {
      const ag = (await create(a.gemeindeA)).json();
      expect((await move(ag.id, { to: 'ended', date: '2025-04-01' }, a.users.finance)).statusCode).toBe(403);
      expect((await move(ag.id, { to: 'ended', date: '2025-04-01' }, a.users.vgAdmin)).statusCode).toBe(403);
      expect((await move(ag.id, { to: 'ended', date: '2025-04-01' }, b.users.admin)).statusCode).toBe(404);
      expect((await move(ag.id, { to: 'sleeping', date: '2025-04-01' })).statusCode).toBe(400);
      expect((await move(ag.id, { to: 'ended', date: '01.04.2025' })).statusCode).toBe(400);
      expect((await move(ag.id, { to: 'ended', date: '2025-04-01' })).json().status).toBe('ended');
    });
  });

  describe('organisations list filters', () => {
    it('filters organisations by agreement status and kind, within the caller’s view', async () => {
      const org = (s: string) => t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations?limit=500&${s}` });
      const eg = await org('agreementKind=genossenschaft');
      expect(eg.statusCode).toBe(200);
      expect(eg.json().items.map((o: { id: string }) => o.id)).toEqual([a.gemeindeB]);
      const ended = await org('status=ended&agreementKind=zweckvereinbarung');
      expect(ended.json().items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([a.gemeindeA]));
      expect(ended.json().items.map((o: { id: string }) => o.id)).not.toContain(a.town);
      expect((await org('status=active')).json().total).toBe(0);
      expect((await t.as(b.users.admin, { method: 'GET', url: '/api/v1/organisations?status=intent' })).json().total).toBe(0);
      expect((await t.as(a.users.userA, { method: 'GET', url: '/api/v1/organisations?status=intent' })).json().items.map((o: { id: string }) => o.id)).toEqual([a.gemeindeA]);
      expect((await org('status=sleeping')).statusCode).toBe(400);
    });

    it('uses the same status and kind values as the agreements module', async () => {
      const { OrganisationListQuery } = await import('../organisations/organisations.dto.js');
      const { AGREEMENT_KINDS, AGREEMENT_STATUSES } = await import('./agreements.schema.js');
      expect(OrganisationListQuery.shape.status.unwrap().options).toEqual([...AGREEMENT_STATUSES]);
      expect(OrganisationListQuery.shape.agreementKind.unwrap().options).toEqual([...AGREEMENT_KINDS]);
    });
  });

  describe('update', () => {
    it('keeps 19 % chosen by option across edits; back to derived when the checklist is sent without a choice', async () => {
      const ag = (await create(a.gemeindeB, { ...zv, vat: { ...zv.vat, treatment: 'taxable_19' } })).json();
      expect(ag.vat).toMatchObject({ longTermPublicLaw: true, treatment: 'taxable_19', treatmentChosen: true });
      const edit = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { reference: 'Az. 022.31' } });
      expect(edit.json().vat).toMatchObject({ treatment: 'taxable_19', treatmentChosen: true });
      const derived = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { vat: zv.vat } });
      expect(derived.json().vat).toMatchObject({ treatment: 'not_taxable_2b', treatmentChosen: false });
      const shortened = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { termEnd: '2026-06-30' } });
      expect(shortened.json().vat).toMatchObject({ longTermPublicLaw: false, treatment: 'taxable_19', treatmentChosen: false });
    });

    it('changes terms, recomputes VAT, keeps an exemption, audits before/after', async () => {
      const ag = (await create(a.town)).json();
      const upd = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { termEnd: '2026-12-31' } });
      expect(upd.statusCode).toBe(200);
      expect(upd.json().vat).toMatchObject({ longTermPublicLaw: false, treatment: 'taxable_19' });
      const exempt = await t.as(a.users.admin, {
        method: 'PATCH',
        url: `/api/v1/agreements/${ag.id}`,
        payload: { vat: { publicTask: true, costReimbursementOnly: true, servesPublicBodies: true, treatment: 'exempt', exemptReason: '§ 4 Nr. 21 UStG (Schulung)' } },
      });
      expect(exempt.json().vat).toMatchObject({ treatment: 'exempt', exemptReason: '§ 4 Nr. 21 UStG (Schulung)' });
      const notes = await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { notes: 'Ratsbeschluss 12/2025' } });
      expect(notes.json().vat.treatment).toBe('exempt');
      expect(notes.json().vat.treatmentChosen).toBe(true);
      const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${ag.id}` });
      const last = audit.json().items[0];
      expect(last.before.notes).toBeNull();
      expect(last.after.notes).toBe('Ratsbeschluss 12/2025');
      expect((await t.as(a.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: {} })).statusCode).toBe(400);
      expect((await t.as(a.users.townUser, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { notes: 'x' } })).statusCode).toBe(403);
      expect((await t.as(b.users.admin, { method: 'PATCH', url: `/api/v1/agreements/${ag.id}`, payload: { notes: 'x' } })).statusCode).toBe(404);
    });
  });
});
