import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres, wrapPglite } from '../src/platform/db/client.js';
import { MIGRATIONS_FOLDER, runMigrations } from '../src/platform/db/migrate.js';
import { DEFAULT_DIRECTORY_DIR, importDirectory } from '../src/modules/reference/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** File with a migrated PGlite data directory (tar) to load per test file. */
    pgliteTemplate: string;
    /** URL of the migrated PostgreSQL database shared by all test files of this run. */
    postgresUrl: string;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

function migrationsHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) {
        walk(p);
      } else {
        h.update(f.name).update(readFileSync(p));
      }
    }
  };
  walk(MIGRATIONS_FOLDER);
  // The template also holds the Gemeindeverzeichnis, as `serve`/`migrate` load it.
  walk(DEFAULT_DIRECTORY_DIR);
  return h.digest('hex').slice(0, 16);
}

/**
 * Migrates once per run. PGlite: into a data-directory dump that each test file loads (initdb
 * costs seconds). PostgreSQL (`TEST_DATABASE_URL`): into a fresh database that all files share;
 * factories give every test its own provider tree, so nothing is truncated.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `verbund_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const testUrl = new URL(url);
    testUrl.pathname = `/${name}`;
    const database = openPostgres(testUrl.toString(), { max: 2 });
    await runMigrations(database);
    await importDirectory(database.db);
    await database.close();
    project.provide('postgresUrl', testUrl.toString());
    project.provide('pgliteTemplate', '');
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const cacheDir = path.resolve(here, '../../../node_modules/.cache/verbund');
  const file = path.join(cacheDir, `pglite-template-${migrationsHash()}.tar.gz`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    const client = new PGlite();
    const database = wrapPglite(client);
    await runMigrations(database);
    await importDirectory(database.db);
    const dump = await client.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }
  project.provide('pgliteTemplate', file);
  project.provide('postgresUrl', '');
  return undefined;
}
