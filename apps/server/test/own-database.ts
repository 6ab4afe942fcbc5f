import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, type Database } from '../src/platform/db/client.js';
import { runMigrations } from '../src/platform/db/migrate.js';
import { importDirectory } from '../src/modules/reference/index.js';
import { testDatabase } from './db.js';

/**
 * A database for tests that write across tenants or into global tables (admin-path jobs). On
 * PGlite every test file has its own copy anyway; on PostgreSQL, where all files share one
 * database, this makes a fresh one (migrated; with the Gemeindeverzeichnis unless `empty`).
 */
export async function ownDatabase(opts: { empty?: boolean } = {}): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = inject('postgresUrl');
  if (!url) {
    return { database: await testDatabase(), drop: async () => undefined };
  }
  const name = `verbund_own_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = openPostgres(own.toString(), { max: 2 });
  await runMigrations(database);
  if (!opts.empty) {
    await importDirectory(database.db);
  }
  return {
    database,
    drop: async () => {
      await database.close();
      // Without FORCE: terminating a pooled connection that is still closing would surface as an
      // unhandled error in the pool. Retry while the server notices the closed connections.
      for (let i = 0; ; i++) {
        try {
          await admin.query(`drop database if exists ${name}`);
          break;
        } catch (e) {
          if (i >= 20) {
            throw e;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      await admin.end();
    },
  };
}
