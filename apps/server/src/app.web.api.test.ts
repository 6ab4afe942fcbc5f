import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import type { App } from './platform/http/types.js';
import { dbKind, testDatabase } from '../test/db.js';

/** `npm start` serves the built web app from the same origin as the API. */
describe(`web app serving (${dbKind()})`, () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'verbund-web-'));
  let app: App;

  beforeAll(async () => {
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="de"><title>Verbund</title></html>');
    writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
    app = await buildApp({ database: await testDatabase(), sessionSecret: 'x'.repeat(32), logLevel: 'silent', webDist: dist });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, assets as files', async () => {
    for (const url of ['/', '/organisationen/123', '/login?next=%2F']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<title>Verbund</title>');
    }
    const asset = await app.inject({ method: 'GET', url: '/app.js' });
    expect(asset.body).toBe('console.log(1)');
  });

  it('keeps problem+json 404 for unknown API routes and non-GET requests', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['GET', '/health/nothing'],
      ['POST', '/organisationen'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});
