import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.js';

/**
 * Drizzle (0.45) asks the dialect for a type hint on every parameter of every statement it builds.
 * The answer depends only on the column the value is for, yet each call walks class chains up to
 * nine times (`is(encoder, PgJsonb)`, …), about 5 % of a ticket create's CPU in Node; node-postgres
 * and PGlite do not even read the hint. Memoised per column, same answers (client.test.ts).
 */
function memoisePrepareTyping(): void {
  const proto = PgDialect.prototype as unknown as { prepareTyping: (encoder: unknown) => unknown; verbundMemoised?: true };
  if (proto.verbundMemoised || typeof proto.prepareTyping !== 'function') {
    return;
  }
  const original = proto.prepareTyping;
  const memo = new WeakMap<object, unknown>();
  // Drizzle passes the method unbound (`prepareTyping: this.prepareTyping`): no `this` here either.
  proto.prepareTyping = (encoder: unknown) => {
    if (typeof encoder !== 'object' || encoder === null) {
      return original(encoder);
    }
    let typing = memo.get(encoder);
    if (typing === undefined) {
      typing = original(encoder);
      memo.set(encoder, typing);
    }
    return typing;
  };
  proto.verbundMemoised = true;
}
memoisePrepareTyping();

export type Schema = typeof schema;
/**
 * One typed client for both drivers. PGlite's Drizzle client has the same query API as
 * node-postgres', so the app uses this one type (the PGlite client is cast once, below).
 */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Pool figures for /metrics (PostgreSQL only). */
  poolStats(): { total: number; idle: number; waiting: number } | undefined;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {}

/**
 * True when `db` is a PostgreSQL pool: a statement sent beside an open transaction runs on another
 * connection and commits on its own (progress of a long job). PGlite runs one statement at a time
 * and would wait for the open transaction, so callers skip such writes there.
 */
export function hasSeparateConnections(db: Db): boolean {
  return (db as { $client?: unknown }).$client instanceof pg.Pool;
}

export function openPostgres(url: string, opts: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  const db = drizzlePg(pool, { schema });
  return {
    db,
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/**
 * Embedded PostgreSQL under `dataDir/pglite`. A lock file keeps a second process from opening the
 * same directory, which would corrupt it.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, { retries: 0, stale: 15_000, lockfilePath: `${dir}.lock` });
  } catch {
    throw new DatabaseLockedError(
      `The embedded database in ${dir} is in use by another Verbund process. Stop it first, or set DATA_DIR.`,
    );
  }
  const client = await PGlite.create(dir);
  return wrapPglite(client, release);
}

/** An in-memory or pre-loaded PGlite (tests, OpenAPI generation). */
export function wrapPglite(client: PGlite, release?: () => Promise<void>): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    poolStats: () => undefined,
    close: async () => {
      await client.close();
      if (release) {
        await release();
      }
    },
  };
}
