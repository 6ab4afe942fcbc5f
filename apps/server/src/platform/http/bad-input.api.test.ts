import { Readable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, testApp, type TestApp } from '../../../test/app.js';
import { dbKind, testDatabase } from '../../../test/db.js';
import { makeTree, type Tree } from '../../../test/factories.js';
import { buildApp } from '../../app.js';
import type { Database } from '../db/client.js';
import { uuidv7 } from '../db/columns.js';

const orgs = '/api/v1/organisations';
const users = '/api/v1/users';
const missing = '01900000-0000-7000-8000-000000000000';
const TEN_MB = 10 * 1024 * 1024;

interface Endpoint {
  method: 'POST' | 'PATCH';
  url: string;
  /** A body the endpoint accepts. */
  valid: Record<string, unknown>;
  /** The same fields with the wrong JSON types. */
  wrongTypes: Record<string, unknown>;
}

/** Asserts a clean RFC 9457 error: the status, problem+json, the members, and nothing of the server's insides. */
function expectProblem(res: LightMyRequestResponse, status: number, label: string) {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(status);
  const p = problem(res);
  expect(p, label).toMatchObject({ status, title: expect.any(String), type: expect.stringMatching(/^https:\/\//) });
  expect(res.body, label).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|stack|drizzle|postgres|pglite|relation "/i);
  return p;
}

describe(`bad input and platform endpoints (${dbKind()})`, () => {
  let t: TestApp;
  let a: Tree;

  beforeAll(async () => {
    const database = await testDatabase();
    t = await testApp(database);
    a = await makeTree(database.db);
  });

  const endpoints = (): Endpoint[] => [
    { method: 'POST', url: orgs, valid: { parentId: a.vg, type: 'gemeinde', name: 'Valid' }, wrongTypes: { parentId: 7, type: 1, name: { de: 'x' } } },
    { method: 'PATCH', url: `${orgs}/${a.town}`, valid: { city: 'Jena' }, wrongTypes: { city: 42, ags: 16074099 } },
    {
      method: 'POST',
      url: users,
      valid: { orgId: a.gemeindeA, email: `valid-${uuidv7().slice(-12)}@test.verbund`, name: 'Valid' },
      wrongTypes: { orgId: true, email: 5, name: null, roles: 'member_user' },
    },
    { method: 'PATCH', url: `${users}/${a.users.townUser.id}`, valid: { name: 'Valid' }, wrongTypes: { name: 1, active: 'yes' } },
    { method: 'POST', url: `${users}/${a.users.townUser.id}/roles`, valid: { orgId: a.town, role: 'auditor' }, wrongTypes: { orgId: [], role: 3 } },
    { method: 'POST', url: `${orgs}/${a.vg}/api-tokens`, valid: { name: 'Valid', permissions: ['organisation.read'] }, wrongTypes: { name: 1, permissions: 'organisation.read' } },
  ];

  const send = (opts: InjectOptions) => t.as(a.users.admin, opts);

  describe('request bodies', () => {
    it('answers 400 for malformed JSON', async () => {
      for (const e of endpoints()) {
        for (const body of ['{"name": ', '{name: 1}', "{'a': 1}", 'null', '[]', '"text"', '{"a":1}{"b":2}']) {
          const res = await send({ method: e.method, url: e.url, payload: body, headers: { 'content-type': 'application/json' } });
          expectProblem(res, 400, `${e.method} ${e.url} ${body}`);
        }
      }
    });

    it('answers 400 for an empty JSON body', async () => {
      for (const e of endpoints()) {
        const res = await send({ method: e.method, url: e.url, payload: '', headers: { 'content-type': 'application/json' } });
        expectProblem(res, 400, `${e.method} ${e.url}`);
      }
    });

    it('answers 400 with field errors for wrong types', async () => {
      for (const e of endpoints()) {
        const res = await send({ method: e.method, url: e.url, payload: e.wrongTypes });
        const p = expectProblem(res, 400, `${e.method} ${e.url}`);
        const fields = p.errors?.map((x) => x.field) ?? [];
        for (const key of Object.keys(e.wrongTypes)) {
          expect(fields, `${e.method} ${e.url}`).toContain(`body/${key}`);
        }
      }
    });

    it('answers 400 for unknown fields, also tenant ids smuggled into the body', async () => {
      for (const e of endpoints()) {
        for (const extra of [{ isAdmin: true }, { providerId: a.provider }, { id: missing }, { __proto__: { admin: true }, constructor: { prototype: {} } }]) {
          const res = await send({ method: e.method, url: e.url, payload: JSON.stringify({ ...e.valid, ...extra }), headers: { 'content-type': 'application/json' } });
          expectProblem(res, 400, `${e.method} ${e.url} ${JSON.stringify(extra)}`);
        }
      }
      const raw = await send({ method: 'PATCH', url: `${orgs}/${a.town}`, payload: '{"city":"Jena","__proto__":{"isAdmin":true}}', headers: { 'content-type': 'application/json' } });
      expectProblem(raw, 400, '__proto__');
    });

    it('answers 413 for a 10 MB body, before reading it', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(TEN_MB) });
      for (const e of [...endpoints(), { method: 'POST' as const, url: '/api/v1/auth/login' }]) {
        const res = await send({ method: e.method, url: e.url, payload: big, headers: { 'content-type': 'application/json' } });
        expectProblem(res, 413, `${e.method} ${e.url}`);
      }
    });

    it('answers 413 for a 10 MB body streamed without a length', async () => {
      const chunks = function* () {
        for (let sent = 0; sent < TEN_MB; sent += 64 * 1024) {
          yield Buffer.alloc(64 * 1024, 0x61);
        }
      };
      const res = await send({ method: 'POST', url: orgs, payload: Readable.from(chunks()), headers: { 'content-type': 'application/json' } });
      expectProblem(res, 413, 'stream');
    });

    it('answers 400, not 500, for a NUL byte in a string (valid JSON, but PostgreSQL cannot store it)', async () => {
      for (const e of endpoints()) {
        const key = Object.keys(e.valid).find((k) => typeof e.valid[k] === 'string' && !/id$/i.test(k))!;
        const body = JSON.stringify({ ...e.valid, [key]: `a\u0000b` }).replace('\\u0000', '\u0000');
        const res = await send({ method: e.method, url: e.url, payload: body, headers: { 'content-type': 'application/json' } });
        expectProblem(res, 400, `${e.method} ${e.url} ${key}`);
      }
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"email":"a\u0000@b.de","password":"x"}', headers: { 'content-type': 'application/json' } });
      expectProblem(login, 400, 'login');
      for (const path of [`${orgs}?q=a%00b`, `${users}?q=%00`, '/api/v1/audit-events?entityType=a%00']) {
        expectProblem(await send({ method: 'GET', url: path }), 400, path);
      }
    });

    it('answers 415 for a body without a content type', async () => {
      const res = await send({ method: 'PATCH', url: `${orgs}/${a.town}`, payload: '{"city":"x"}', headers: { 'content-type': '' } });
      expectProblem(res, 415, 'no content type');
    });

    it('answers 415 for bodies that are not JSON (text/plain, form posts, XML)', async () => {
      for (const e of [...endpoints(), { method: 'POST' as const, url: '/api/v1/auth/login', valid: { email: 'x@y.de', password: 'x' } }]) {
        for (const [type, body] of [
          ['text/plain', JSON.stringify(e.valid)],
          ['text/plain; charset=utf-8', JSON.stringify(e.valid)],
          ['application/x-www-form-urlencoded', 'name=x&city=y'],
          ['application/xml', '<name>x</name>'],
        ] as const) {
          const res = await send({ method: e.method, url: e.url, payload: body, headers: { 'content-type': type } });
          expectProblem(res, 415, `${e.method} ${e.url} ${type}`);
        }
      }
    });

    it('answers 404 for unknown ids in the path and in the body', async () => {
      const cases: InjectOptions[] = [
        { method: 'PATCH', url: `${orgs}/${missing}`, payload: { city: 'x' } },
        { method: 'DELETE', url: `${orgs}/${missing}` },
        { method: 'POST', url: orgs, payload: { parentId: missing, type: 'gemeinde', name: 'x' } },
        { method: 'GET', url: `${orgs}/${missing}/children` },
        { method: 'PATCH', url: `${users}/${missing}`, payload: { name: 'x' } },
        { method: 'POST', url: users, payload: { orgId: missing, email: `m-${uuidv7().slice(-12)}@test.verbund`, name: 'x' } },
        { method: 'POST', url: `${users}/${missing}/roles`, payload: { orgId: a.town, role: 'auditor' } },
        { method: 'POST', url: `${users}/${a.users.townUser.id}/roles`, payload: { orgId: missing, role: 'auditor' } },
        { method: 'DELETE', url: `${users}/${a.users.townUser.id}/roles/${missing}` },
        { method: 'GET', url: `${orgs}/${missing}/api-tokens` },
        { method: 'POST', url: `${orgs}/${missing}/api-tokens`, payload: { name: 'x', permissions: ['organisation.read'] } },
        { method: 'DELETE', url: `/api/v1/api-tokens/${missing}` },
        { method: 'GET', url: `/api/v1/audit-events?orgId=${missing}` },
      ];
      for (const c of cases) {
        expectProblem(await send(c), 404, `${c.method} ${c.url}`);
      }
    });

    it('answers 400 for malformed ids in the path', async () => {
      for (const [method, url] of [
        ['GET', `${orgs}/1`],
        ['PATCH', `${orgs}/abc`],
        ['DELETE', `${users}/${a.users.townUser.id}/roles/1`],
        ['GET', `${users}/${missing}x`],
        ['DELETE', `/api/v1/api-tokens/%27%3B--`],
      ] as const) {
        const res = await send({ method, url, payload: method === 'PATCH' ? { name: 'x' } : undefined });
        expectProblem(res, 400, `${method} ${url}`);
      }
    });
  });

  describe('SQL metacharacters', () => {
    const nasty = ["'; drop table users; --", '100% _Ver\\band_ "quoted"', 'O\'Brien\\\'s %_\\%', 'Robert\u0000Tables'.replace('\u0000', ''), '$1 $$ :name ?'];

    it('stores names literally and finds them by exactly those characters', async () => {
      const created: { id: string; name: string }[] = [];
      for (const name of nasty) {
        const res = await send({ method: 'POST', url: orgs, payload: { parentId: a.town, type: 'schule', name } });
        expect(res.statusCode, name).toBe(201);
        expect(res.json().name).toBe(name);
        created.push({ id: res.json().id, name });
        const back = await send({ method: 'GET', url: `${orgs}/${res.json().id}` });
        expect(back.json().name).toBe(name);
      }
      const search = async (q: string) => {
        const res = await send({ method: 'GET', url: `${orgs}?within=${a.town}&limit=500&q=${encodeURIComponent(q)}` });
        expect(res.statusCode, q).toBe(200);
        return res.json().items.map((o: { name: string }) => o.name).sort();
      };
      expect(await search('%')).toEqual([nasty[1], nasty[2]].sort());
      expect(await search('_')).toEqual([nasty[1], nasty[2]].sort());
      expect(await search('\\')).toEqual([nasty[1], nasty[2]].sort());
      expect(await search("'; drop")).toEqual([nasty[0]]);
      expect(await search('%_\\%')).toEqual([nasty[2]]);
      expect(await search('$$')).toEqual([nasty[4]]);
      // The tables are all still there.
      expect((await send({ method: 'GET', url: `${users}?limit=1` })).statusCode).toBe(200);
    });

    it('exports formula-like names to CSV as text, never as a formula', async () => {
      const names = ['=HYPERLINK("http://evil.example","Klick")', '+49 3641 1234', '-2+3', '@SUM(A1)'];
      const parent = (await send({ method: 'POST', url: orgs, payload: { parentId: a.provider, type: 'stadt', name: 'CSV Parent' } })).json().id;
      for (const name of names) {
        expect((await send({ method: 'POST', url: orgs, payload: { parentId: parent, type: 'schule', name } })).statusCode).toBe(201);
      }
      const res = await send({ method: 'GET', url: `${orgs}?format=csv&parentId=${parent}` });
      expect(res.statusCode).toBe(200);
      const cells = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(';')[4]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
      expect(cells.sort()).toEqual(names.map((n) => `'${n}`).sort());
    });

    it('treats metacharacters in every query parameter as data, never as a 500', async () => {
      const values = ["'; drop table users; --", '%', '_', '\\', "' or 1=1 --", '%00', '%27', '{}', '[]'];
      const lists = [
        (v: string) => `${orgs}?q=${v}`,
        (v: string) => `${orgs}?type=${v}`,
        (v: string) => `${orgs}?within=${v}`,
        (v: string) => `${orgs}?sort=${v}`,
        (v: string) => `${orgs}?cursor=${v}`,
        (v: string) => `${users}?q=${v}`,
        (v: string) => `${users}?active=${v}`,
        (v: string) => `${users}?orgId=${v}`,
        (v: string) => `/api/v1/audit-events?entityType=${v}`,
        (v: string) => `/api/v1/audit-events?entityId=${v}`,
        (v: string) => `/api/v1/audit-events?cursor=${v}`,
      ];
      for (const make of lists) {
        for (const v of values) {
          const path = make(encodeURIComponent(v));
          const res = await send({ method: 'GET', url: path });
          expect(res.statusCode, path).toBeLessThan(500);
          expect([200, 400], path).toContain(res.statusCode);
          if (res.statusCode === 200) {
            expect(res.json().items, path).toBeInstanceOf(Array);
          } else {
            expectProblem(res, 400, path);
          }
        }
      }
      const wild = await send({ method: 'GET', url: `${users}?q=${encodeURIComponent('%')}` });
      expect(wild.json().items).toEqual([]);
    });

    it('answers 414 problem+json for an overlong URL', async () => {
      const res = await send({ method: 'GET', url: `${orgs}/${'x'.repeat(5000)}` });
      expect(expectProblem(res, 414, 'long url').title).toBe('URI Too Long');
    });

    it('survives a raw, badly encoded URL', async () => {
      for (const path of [`${orgs}?q=%`, `${orgs}?q=%zz`, `${orgs}/%zz`, `${orgs}?q=a&q=b`, `${orgs}?limit=1&limit=2`]) {
        const res = await send({ method: 'GET', url: path });
        expect(res.statusCode, path).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expectProblem(res, res.statusCode, path);
        }
      }
    });
  });

  describe('errors', () => {
    it('answers unknown routes with 404 problem+json, logged in or not', async () => {
      for (const [user, method, path] of [
        [a.users.admin, 'GET', '/api/v1/nope'],
        [a.users.admin, 'POST', '/api/v1/organisations/x/y/z'],
        [a.users.admin, 'PUT', `${orgs}/${a.town}`],
        [null, 'GET', '/api/v2/organisations'],
        [null, 'GET', '/nope.php'],
      ] as const) {
        const res = await t.as(user, { method, url: path, payload: method === 'GET' ? undefined : {} });
        const p = expectProblem(res, 404, `${method} ${path}`);
        expect(p.title).toBe('Not Found');
      }
    });

    it('answers 401 to unknown API routes without a session, so routes cannot be probed anonymously', async () => {
      const res = await t.as(null, { method: 'GET', url: '/api/v1/nope' });
      expect([401, 404]).toContain(res.statusCode);
      expectProblem(res, res.statusCode, 'anonymous unknown route');
    });

    it('gives every error type, title, status, a request id and no stack trace', async () => {
      const samples: [LightMyRequestResponse, number][] = [
        [await t.as(null, { method: 'GET', url: orgs }), 401],
        [await t.as(a.users.userA, { method: 'GET', url: users }), 403],
        [await send({ method: 'GET', url: `${orgs}/${missing}` }), 404],
        [await send({ method: 'POST', url: orgs, payload: { parentId: a.vg, type: 'nope', name: '' } }), 400],
        [await send({ method: 'POST', url: users, payload: { orgId: a.gemeindeA, email: a.users.userA.email, name: 'dup' } }), 409],
        [await send({ method: 'DELETE', url: `${orgs}/${a.vg}` }), 409],
        [await send({ method: 'PATCH', url: `${users}/${a.users.admin.id}`, payload: { active: false } }), 422],
      ];
      for (const [res, status] of samples) {
        const p = expectProblem(res, status, String(status));
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(p.detail, String(status)).toEqual(expect.any(String));
        expect((p as { requestId?: string }).requestId).toBe(res.headers['x-request-id']);
        expect(p).not.toHaveProperty('stack');
      }
    });
  });

  describe('server errors', () => {
    it('answers an unexpected failure with a bare 500 problem: no message, no stack', async () => {
      const database = await testDatabase();
      const app = await buildApp({ database, sessionSecret: 'x'.repeat(32), logLevel: 'silent' });
      app.get('/api/v1/boom', { config: { public: true } }, async () => {
        throw new Error('secret internals at /srv/verbund/db.ts:42 password=hunter2');
      });
      await app.ready();
      try {
        const res = await app.inject({ method: 'GET', url: '/api/v1/boom' });
        const p = expectProblem(res, 500, 'boom');
        expect(p.title).toBe('Internal Server Error');
        expect(res.body).not.toMatch(/secret|hunter2|db\.ts/);
        expect((p as { requestId?: string }).requestId).toBe(res.headers['x-request-id']);
      } finally {
        await app.close();
      }
    });
  });

  describe('platform endpoints', () => {
    it('health/live answers 200', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('health/ready answers 200 with the checks', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
    });

    it('health/ready answers 503 while the database is down, health/live stays 200', async () => {
      const down: Database = {
        db: { execute: () => Promise.reject(new Error('connection refused')) } as unknown as Database['db'],
        kind: 'postgres',
        poolStats: () => undefined,
        close: async () => {},
      };
      const app = await buildApp({ database: down, sessionSecret: 'x'.repeat(32), logLevel: 'silent' });
      await app.ready();
      try {
        const ready = await app.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable', migrations: 'pending' } });
        expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('/metrics is Prometheus text with the request counter', async () => {
      await t.app.inject({ method: 'GET', url: '/health/live' });
      const res = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toContain('# TYPE verbund_http_requests_total counter');
      expect(res.body).toMatch(/verbund_http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
      expect(res.body).toContain('verbund_http_request_duration_seconds_bucket');
      // Route patterns, not raw URLs: ids never become label values.
      expect(res.body).not.toContain(missing);
    });

    it('/api/openapi.json is OpenAPI 3.1 with the organisations path', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(doc.paths['/api/v1/organisations']).toHaveProperty('get');
      expect(doc.paths['/api/v1/organisations']).toHaveProperty('post');
      expect(doc.paths['/api/v1/organisations/{id}']).toHaveProperty('patch');
      expect(doc.components.securitySchemes).toHaveProperty('session');
    });
  });
});
