import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db, Tx } from './client.js';
import { Piggyback } from './piggyback.js';
import { inlineParams, quote } from './inline.js';

/** What the database needs to know of the caller: the organisations it may see. */
export interface TenantScope {
  orgIds: readonly string[];
}

const APP_ROLE = 'verbund_app';

function pgArray(ids: readonly string[]): string {
  // ids are UUIDs validated by the session layer; the array literal needs no quoting for them.
  return `{${ids.join(',')}}`;
}

/**
 * Scopes longer than this are registered in `tenant_scopes` and named by key; shorter ones (a
 * member's clerk sees one organisation) go inline. Kept low so that the test suites run most provider
 * sessions (five organisations in the test trees) through the registered path.
 */
export const INLINE_SCOPE_MAX = 4;

/** How a transaction names its organisations: the list itself, or a registered scope's key. */
type ScopeSetting = { inline: string } | { key: string; orgIds: readonly string[] };

const settings = new WeakMap<readonly string[], ScopeSetting>();
/** Content-derived, so equal lists share one row and a key can never name another list. */
function scopeSetting(orgIds: readonly string[]): ScopeSetting {
  let s = settings.get(orgIds);
  if (s === undefined) {
    s =
      orgIds.length > INLINE_SCOPE_MAX
        ? { key: createHash('sha256').update(orgIds.join(',')).digest('base64url'), orgIds }
        : { inline: pgArray(orgIds) };
    // Only frozen arrays (a cached session's) are remembered: they cannot change behind the key.
    if (Object.isFrozen(orgIds)) {
      settings.set(orgIds, s);
    }
  }
  return s;
}

/** Keys known to be stored, per database (tests open many in one process). */
const registered = new WeakMap<Db, Set<string>>();

/**
 * Stores a long scope once per key and process, as the connecting role and outside the tenant
 * transaction: the row must outlive a transaction that rolls back.
 */
async function ensureRegistered(db: Db, setting: ScopeSetting, run: (key: string, ids: string) => Promise<unknown>): Promise<void> {
  if (!('key' in setting)) {
    return;
  }
  let keys = registered.get(db);
  if (keys === undefined) {
    keys = new Set();
    registered.set(db, keys);
  }
  if (!keys.has(setting.key)) {
    await run(setting.key, pgArray(setting.orgIds));
    keys.add(setting.key);
  }
}

/**
 * Runs `fn` in a transaction as the non-superuser request role with the tenant setting, so row-level
 * security is the backstop behind every repository filter. Role and setting are LOCAL: they end with
 * the transaction and never leak to the next request on a pooled connection.
 */
export async function withTenant<T>(db: Db, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const setting = scopeSetting(scope.orgIds);
  try {
    return await tenantTransaction(db, setting, fn);
  } catch (e) {
    // The stored scope is gone (a restored dump, rows deleted by hand): this request fails, the
    // next one registers the scope again instead of failing until the process restarts.
    if ('key' in setting && /unknown tenant scope/.test(`${(e as Error).message} ${(e as { cause?: Error }).cause?.message ?? ''}`)) {
      registered.get(db)?.delete(setting.key);
    }
    throw e;
  }
}

async function tenantTransaction<T>(db: Db, setting: ScopeSetting, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = db._.session;
  if (session instanceof NodePgSession && (session as unknown as PgSessionParts).client instanceof pg.Pool) {
    return pgTenantTransaction(db, session as unknown as PgSessionParts, setting, fn);
  }
  // PGlite runs in this process: a statement more costs no network round trip.
  await ensureRegistered(db, setting, (key, ids) => db.execute(sql`select verbund_register_scope(${key}, ${ids}::uuid[])`));
  return db.transaction(async (tx) => {
    await tx.execute(
      'key' in setting
        ? sql`select set_config('role', ${APP_ROLE}, true), set_config('verbund.scope', ${setting.key}, true)`
        : sql`select set_config('role', ${APP_ROLE}, true), set_config('verbund.org_ids', ${setting.inline}, true)`,
    );
    return fn(tx);
  });
}

/** The BEGIN message per scope setting: built once for a cached session's frozen id list. */
const preludes = new WeakMap<ScopeSetting, string>();
function prelude(setting: ScopeSetting): string {
  let text = preludes.get(setting);
  if (text === undefined) {
    const assign = 'key' in setting ? `set_config('verbund.scope', '${setting.key}', true)` : `set_config('verbund.org_ids', ${quote(setting.inline)}, true)`;
    text = `begin; select set_config('role', '${APP_ROLE}', true), ${assign}`;
    preludes.set(setting, text);
  }
  return text;
}

/** The parts of Drizzle's node-postgres session that a transaction of its own needs. */
interface PgSessionParts {
  client: pg.Pool;
  dialect: PgDialect;
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

/** The connections of the open tenant transactions on PostgreSQL, for `deferStatement`. */
const piggybacks = new WeakMap<Tx, { conn: Piggyback; dialect: PgDialect }>();

/**
 * Drizzle's transaction on a node-postgres pool, with BEGIN, role and setting sent in the same
 * message as the transaction's first statement (see Piggyback): on this machine kind a round trip
 * costs both processes more CPU than most statements do. The simple protocol takes no parameters,
 * so the setting goes in as an escaped literal. Commit, rollback and nested transactions
 * (savepoints) behave as in Drizzle's own `transaction`.
 */
async function pgTenantTransaction<T>(db: Db, session: PgSessionParts, setting: ScopeSetting, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await session.client.connect();
  const conn = new Piggyback(client);
  // Without the schema: Drizzle would build a relational query builder (tx.query.*, which Verbund
  // does not use; see eslint.config.js) for each of the ~80 tables on every request.
  const tx = new NodePgTransaction(session.dialect, new NodePgSession(conn as unknown as pg.PoolClient, session.dialect, session.schema, session.options), undefined);
  let broken: Error | undefined;
  try {
    await ensureRegistered(db, setting, (key, ids) => client.query('select verbund_register_scope($1, $2::uuid[])', [key, ids]));
    conn.defer(prelude(setting), 2);
    piggybacks.set(tx as unknown as Tx, { conn, dialect: session.dialect });
    const result = await fn(tx as unknown as Tx);
    await conn.query('commit');
    return result;
  } catch (e) {
    // Nothing sent yet (the callback failed before its first statement): nothing to roll back.
    // A connection that cannot even roll back is not given back to the pool.
    if (conn.discard()) {
      await client.query('rollback').catch((err: Error) => {
        broken = err;
      });
    }
    throw e;
  } finally {
    client.release(broken);
  }
}

/**
 * Lets a write that nothing reads back travel with the transaction's next statement or its commit
 * instead of costing a round trip of its own (batchWrites). False where that is not possible (PGlite,
 * a savepoint's transaction, a value the simple protocol cannot carry): the caller runs it itself.
 * Its errors surface at that next statement or at the commit, and roll the transaction back as any.
 */
export function deferStatement(tx: Tx, statement: SQL): boolean {
  const p = piggybacks.get(tx);
  if (p === undefined) {
    return false;
  }
  const q = p.dialect.sqlToQuery(statement);
  const text = inlineParams(q.sql, q.params);
  if (text === undefined) {
    return false;
  }
  p.conn.defer(text, 1);
  return true;
}

/**
 * Adds organisations to the current transaction's scope. Only for rows the caller has just been
 * allowed to create (a new child organisation), after the access check on its parent.
 */
export async function extendScope(tx: Tx, orgIds: readonly string[]): Promise<void> {
  await tx.execute(
    sql`select set_config('verbund.org_ids', array_cat(verbund_org_ids(), ${pgArray(orgIds)}::uuid[])::text, true)`,
  );
}

/**
 * The admin path: migrations, login and session lookups, CLI jobs. Runs as the connecting role,
 * which is not restricted by the tenant policies. Never call it with ids from a request.
 */
export async function withSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
