import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, inject } from 'vitest';
import { openPostgres, wrapPglite, type Database } from '../src/platform/db/client.js';

let current: Promise<Database> | undefined;

/** The database of this test file: PGlite loaded from the migrated template, or the shared PostgreSQL. */
export function testDatabase(): Promise<Database> {
  if (!current) {
    current = open();
    afterAll(async () => {
      const db = await current;
      current = undefined;
      await db?.close();
    });
  }
  return current;
}

async function open(): Promise<Database> {
  const url = inject('postgresUrl');
  if (url) {
    return openPostgres(url, { max: 4 });
  }
  const file = inject('pgliteTemplate');
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
  return wrapPglite(client);
}

/** Which database this run tests on, for test names. */
export const dbKind = (): 'postgres' | 'pglite' => (inject('postgresUrl') ? 'postgres' : 'pglite');

/** The PostgreSQL error a promise fails with (Drizzle wraps it; the SQLSTATE sits on the cause). */
export async function pgFailure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause ?? (e as { code?: string; message?: string });
    return { code: String(cause.code ?? ''), message: String(cause.message ?? '') };
  }
  throw new Error('expected the query to fail');
}
