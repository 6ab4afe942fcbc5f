import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `apps/server/drizzle`, both from src/ (tsx) and from dist/ (built). */
export const MIGRATIONS_FOLDER = path.resolve(here, '../../../drizzle');

/** Any number that no other application on the same cluster would pick for its advisory lock. */
const MIGRATION_LOCK = 7_351_902_114;

/**
 * Applies pending migrations, then secures every tenant table (RLS, policies, grants). Several
 * API processes may start at once against one PostgreSQL: an advisory lock serializes them.
 */
export async function runMigrations(database: Database): Promise<void> {
  const { db } = database;
  if (database.kind === 'postgres') {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      // The node-postgres migrator opens its own transaction on another pooled connection; the
      // lock held here keeps a second process waiting until this one is done.
      await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await db.execute(sql`select verbund_secure_tables()`);
    });
    return;
  }
  const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
  // PGlite is single-connection and single-process (guarded by the lock file).
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  await db.execute(sql`select verbund_secure_tables()`);
}

/** Number of migrations shipped with this build (from drizzle's journal). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** True when every shipped migration has been applied. */
export async function migrationsApplied(database: Database): Promise<boolean> {
  try {
    const res = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return (res.rows[0]?.n ?? 0) >= expectedMigrationCount();
  } catch {
    return false;
  }
}
