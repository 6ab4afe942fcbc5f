// Writes the server's OpenAPI document to apps/server/openapi.json (committed; the API client is
// generated from it). No database is touched: the routes are only registered, never called.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app.js';
import { wrapPglite } from '../src/platform/db/client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const database = wrapPglite(new PGlite());
const app = await buildApp({ database, sessionSecret: 'x'.repeat(32), logLevel: 'silent' });
await app.ready();
// An optional path argument writes elsewhere (the up-to-date check compares against the committed file).
const out = path.resolve(process.argv[2] ?? path.resolve(here, '../openapi.json'));
writeFileSync(out, JSON.stringify(app.swagger(), null, 2) + '\n');
await app.close();
await database.close();
console.log(`wrote ${path.relative(process.cwd(), out)}`);
