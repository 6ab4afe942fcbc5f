import { sql } from 'drizzle-orm';
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
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('verbund.org_ids', ${pgArray(scope.orgIds)}, true)`,
    );
    return fn(tx);
  });
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
