import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db, Tx } from './client.js';

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
 * Runs `fn` in a transaction as the non-superuser request role with the tenant setting, so row-level
 * security is the backstop behind every repository filter. Role and setting are LOCAL: they end with
 * the transaction and never leak to the next request on a pooled connection.
 */
export async function withTenant<T>(db: Db, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = db._.session;
  if (session instanceof NodePgSession && (session as unknown as PgSessionParts).client instanceof pg.Pool) {
    return pgTenantTransaction(session as unknown as PgSessionParts, scope, fn);
  }
  // PGlite runs in this process: a statement more costs no network round trip.
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('verbund.org_ids', ${pgArray(scope.orgIds)}, true)`,
    );
    return fn(tx);
  });
}

/** A string literal; pg's escapeLiteral walks every character in JS, which costs with 300+ ids. */
function quote(s: string): string {
  return /['\\]/.test(s) ? pg.escapeLiteral(s) : `'${s}'`;
}

/**
 * The BEGIN message per list of organisations. A session's context (and its frozen `orgIds` array)
 * is cached across requests, so the 36 KB literal of an agent who sees 1,000 members is joined and
 * escaped once, not on every transaction. Only frozen arrays are remembered: they cannot change
 * behind the cached text.
 */
const preludes = new WeakMap<readonly string[], string>();
function prelude(orgIds: readonly string[]): string {
  let text = preludes.get(orgIds);
  if (text === undefined) {
    text = `begin; select set_config('role', '${APP_ROLE}', true), set_config('verbund.org_ids', ${quote(pgArray(orgIds))}, true)`;
    if (Object.isFrozen(orgIds)) {
      preludes.set(orgIds, text);
    }
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

/**
 * Drizzle's transaction on a node-postgres pool, with BEGIN, role and setting sent as one
 * simple-protocol message: one round trip instead of two on every request. The simple protocol
 * takes no parameters, so the setting goes in as an escaped literal. Commit, rollback and nested
 * transactions (savepoints) behave as in Drizzle's own `transaction`.
 */
async function pgTenantTransaction<T>(session: PgSessionParts, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await session.client.connect();
  const tx = new NodePgTransaction(session.dialect, new NodePgSession(client, session.dialect, session.schema, session.options), session.schema);
  let broken: Error | undefined;
  try {
    await client.query(prelude(scope.orgIds));
    const result = await fn(tx as unknown as Tx);
    await client.query('commit');
    return result;
  } catch (e) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query('rollback').catch((err: Error) => {
      broken = err;
    });
    throw e;
  } finally {
    client.release(broken);
  }
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
