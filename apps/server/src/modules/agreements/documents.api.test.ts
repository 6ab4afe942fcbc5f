import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { multipart, samplePdf } from '../../../test/multipart.js';
import type { Database } from '../../platform/db/client.js';
import { LocalFileStore } from '../../platform/files/index.js';

const MAX = 64 * 1024;

describe(`documents API (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;
  let b: Tree;
  let database: Database;
  let dir: string;

  const files = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  const rows = async (orgId: string) =>
    (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from documents where org_id = ${orgId}`)).rows[0]!.n;
  const upload = (orgId: string, user: Tree['users'][keyof Tree['users']], file?: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) =>
    t.as(user, { method: 'POST', url: `/api/v1/organisations/${orgId}/documents`, ...multipart(fields, file) });

  beforeAll(async () => {
    database = await testDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'verbund-docs-'));
    t = await testApp(database, { files: new LocalFileStore(dir), maxUploadBytes: MAX });
    a = await makeTree(database.db);
    b = await makeTree(database.db);
  });

  it('answers 401 without a session', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    expect((await t.as(null, { method: 'GET', url: `/api/v1/organisations/${a.town}/documents` })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url: `/api/v1/organisations/${a.town}/documents`, ...multipart({}, { name: 'x.pdf', content: samplePdf() }) })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'GET', url: `/api/v1/documents/${id}/content` })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'DELETE', url: `/api/v1/documents/${id}` })).statusCode).toBe(401);
    expect(files()).toEqual([]);
  });

  it('tells a signed-in caller the upload limit and types (401 without a session)', async () => {
    expect((await t.as(null, { method: 'GET', url: '/api/v1/documents/limits' })).statusCode).toBe(401);
    const res = await t.as(a.users.userA, { method: 'GET', url: '/api/v1/documents/limits' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ maxUploadBytes: MAX, accept: ['application/pdf'] });
  });

  it('stores a PDF with its sha256 and serves it back to those who may read it', async () => {
    const pdf = samplePdf('Vertrag Stadt');
    const res = await upload(a.town, a.users.admin, { name: '..\\..\\Zweckvereinbarung Kahla 2025.pdf', content: pdf, type: 'text/plain' }, { title: 'ZV Kahla' });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      orgId: a.town,
      title: 'ZV Kahla',
      filename: 'Zweckvereinbarung Kahla 2025.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const got = await t.as(a.users.townUser, { method: 'GET', url: `/api/v1/documents/${doc.id}/content` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''Zweckvereinbarung%20Kahla%202025.pdf");
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(pdf)).toBe(true);
    const list = await t.as(a.users.finance, { method: 'GET', url: `/api/v1/organisations/${a.town}/documents` });
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    const audit = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/audit-events?entityId=${doc.id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'create', entityType: 'document' });
  });

  it('hides documents from other members and other providers (404, like a missing one)', async () => {
    const doc = (await upload(a.gemeindeB, a.users.admin, { name: 'b.pdf', content: samplePdf() })).json();
    for (const user of [a.users.userA, a.users.townUser, b.users.admin]) {
      const res = await t.as(user, { method: 'GET', url: `/api/v1/documents/${doc.id}/content` });
      expect(res.statusCode).toBe(404);
      expect(problem(res).status).toBe(404);
      expect((await t.as(user, { method: 'GET', url: `/api/v1/documents/${doc.id}` })).statusCode).toBe(404);
    }
    expect((await t.as(b.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeB}/documents` })).statusCode).toBe(404);
    expect((await t.as(a.users.vgAdmin, { method: 'GET', url: `/api/v1/documents/${doc.id}/content` })).statusCode).toBe(200);
  });

  it('lets a member admin upload for its members, but not a member user (403) or a foreign admin (404)', async () => {
    expect((await upload(a.gemeindeA, a.users.vgAdmin, { name: 'm.pdf', content: samplePdf() })).statusCode).toBe(201);
    const before = files().length;
    expect((await upload(a.gemeindeA, a.users.userA, { name: 'm.pdf', content: samplePdf() })).statusCode).toBe(403);
    expect((await upload(a.gemeindeA, b.users.admin, { name: 'm.pdf', content: samplePdf() })).statusCode).toBe(404);
    expect((await upload(a.town, a.users.vgAdmin, { name: 'm.pdf', content: samplePdf() })).statusCode).toBe(404);
    expect((await upload(a.gemeindeA, a.users.finance, { name: 'm.pdf', content: samplePdf() })).statusCode).toBe(403);
    // A document id where an organisation id belongs is not an organisation: 404, nothing stored.
    const doc = (await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeA}/documents` })).json().items[0].id;
    expect((await upload(doc, a.users.admin, { name: 'm.pdf', content: samplePdf() })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${doc}/documents` })).statusCode).toBe(404);
    expect(files().length).toBe(before);
  });

  it('refuses a non-PDF (415) and an oversized file (413): no row, no file, nothing in tmp', async () => {
    const beforeFiles = files();
    const beforeRows = await rows(a.gemeindeA);
    const exe = await upload(a.gemeindeA, a.users.admin, { name: 'vertrag.pdf', content: Buffer.from('MZ\x90\x00 this is not a PDF'), type: 'application/pdf' });
    expect(exe.statusCode).toBe(415);
    expect(problem(exe).title).toBe('Unsupported Media Type');
    const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX, 0x20)]);
    const tooBig = await upload(a.gemeindeA, a.users.admin, { name: 'gross.pdf', content: big });
    expect(tooBig.statusCode).toBe(413);
    expect(problem(tooBig).status).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'file_too_large', maxBytes: MAX });
    expect(exe.json()).toMatchObject({ code: 'file_type', accepted: ['pdf'] });
    const exactly = Buffer.concat([samplePdf(), Buffer.alloc(MAX - samplePdf().length, 0x20)]);
    expect((await upload(a.gemeindeA, a.users.admin, { name: 'grenze.pdf', content: exactly })).statusCode).toBe(201);
    const empty = await upload(a.gemeindeA, a.users.admin, { name: 'leer.pdf', content: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    expect(await rows(a.gemeindeA)).toBe(beforeRows + 1);
    expect(files().length).toBe(beforeFiles.length + 1);
    expect(files().filter((f) => path.relative(dir, f).startsWith('tmp'))).toEqual([]);
  });

  it('refuses requests without a file, not multipart, or with a foreign agreement, storing nothing', async () => {
    const before = files().length;
    const none = await upload(a.gemeindeA, a.users.admin, undefined, { title: 'x' });
    expect(none.statusCode).toBe(400);
    const json = await t.as(a.users.admin, { method: 'POST', url: `/api/v1/organisations/${a.gemeindeA}/documents`, payload: { title: 'x' } });
    expect(json.statusCode).toBe(415);
    const badId = await upload(a.gemeindeA, a.users.admin, { name: 'x.pdf', content: samplePdf() }, { agreementId: 'nope' });
    expect(badId.statusCode).toBe(400);
    expect(problem(badId).errors?.[0]?.field).toBe('body/agreementId');
    const ag = await t.as(a.users.admin, {
      method: 'POST',
      url: `/api/v1/organisations/${a.gemeindeB}/agreements`,
      payload: { kind: 'zweckvereinbarung', title: 'ZV', intentDeclaredAt: '2025-01-01' },
    });
    const wrongOrg = await upload(a.gemeindeA, a.users.admin, { name: 'x.pdf', content: samplePdf() }, { agreementId: ag.json().id });
    expect(wrongOrg.statusCode).toBe(404);
    expect(files().length).toBe(before);
    const right = await upload(a.gemeindeB, a.users.admin, { name: 'x.pdf', content: samplePdf() }, { agreementId: ag.json().id });
    expect(right.json().agreementId).toBe(ag.json().id);
    const filtered = await t.as(a.users.admin, { method: 'GET', url: `/api/v1/organisations/${a.gemeindeB}/documents?agreementId=${ag.json().id}` });
    expect(filtered.json().items.map((d: { id: string }) => d.id)).toEqual([right.json().id]);
  });

  it('deletes row and file; keeps a signed copy (409); 403 for members, 404 for foreign', async () => {
    const doc = (await upload(a.town, a.users.admin, { name: 'weg.pdf', content: samplePdf() })).json();
    const before = files().length;
    expect((await t.as(a.users.townUser, { method: 'DELETE', url: `/api/v1/documents/${doc.id}` })).statusCode).toBe(403);
    expect((await t.as(a.users.agent, { method: 'DELETE', url: `/api/v1/documents/${doc.id}` })).statusCode).toBe(403);
    expect((await t.as(b.users.admin, { method: 'DELETE', url: `/api/v1/documents/${doc.id}` })).statusCode).toBe(404);
    expect((await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/documents/${doc.id}` })).statusCode).toBe(204);
    expect(files().length).toBe(before - 1);
    expect((await t.as(a.users.admin, { method: 'GET', url: `/api/v1/documents/${doc.id}/content` })).statusCode).toBe(404);

    const ag = (
      await t.as(a.users.admin, {
        method: 'POST',
        url: `/api/v1/organisations/${a.town}/agreements`,
        payload: { kind: 'zweckvereinbarung', title: 'ZV', intentDeclaredAt: '2025-01-01' },
      })
    ).json();
    const signedCopy = (await upload(a.town, a.users.admin, { name: 'zv.pdf', content: samplePdf() })).json();
    const signed = await t.as(a.users.admin, {
      method: 'POST',
      url: `/api/v1/agreements/${ag.id}/transitions`,
      payload: { to: 'signed', date: '2025-02-01', signatories: [{ name: 'Jan Schönfeld', function: 'Bürgermeister', party: 'member', date: '2025-02-01' }], signedDocumentId: signedCopy.id },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await t.as(a.users.admin, { method: 'DELETE', url: `/api/v1/documents/${signedCopy.id}` })).statusCode).toBe(409);
  });
});
