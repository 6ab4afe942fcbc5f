import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column = any('{…}'::uuid[])`: one bind parameter however many organisations are visible. */
export function inIds(column: AnyPgColumn | SQL, ids: readonly string[]): SQL {
  // One id as a plain equality: PostgreSQL 15 reads an index in order (newest first, limit) only
  // for `=`, not for `= any(array)` even of one element.
  if (ids.length === 1) {
    return sql`${column} = ${ids[0]}::uuid`;
  }
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
