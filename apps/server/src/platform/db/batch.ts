import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from './client.js';

/**
 * Writes that nothing reads back before the unit of work ends (a timeline entry, an audit event,
 * an outbox mail) can travel together: inside `batchWrites`, `write` only collects them, and at the
 * end they go to the database as one statement (`WITH w1 AS (…), w2 AS (…) <last>`). Each
 * statement is a round trip and a tenant check of its own, and the hottest writes (a new ticket)
 * make three or four such rows. Outside a batch `write` runs the statement at once, so a module
 * that writes this way behaves the same wherever it is called from.
 */
const pending = new WeakMap<Tx, SQLWrapper[]>();

export async function batchWrites<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  if (pending.has(tx)) {
    // Nested: the outer batch sends everything.
    return fn();
  }
  const queue: SQLWrapper[] = [];
  pending.set(tx, queue);
  let result: T;
  try {
    result = await fn();
  } finally {
    pending.delete(tx);
  }
  if (queue.length > 0) {
    await tx.execute(oneStatement(queue));
  }
  return result;
}

/** An INSERT, UPDATE or DELETE without RETURNING: sent now, or with the open batch of `tx`. */
export async function write(tx: Tx, query: SQLWrapper): Promise<void> {
  const queue = pending.get(tx);
  if (queue) {
    queue.push(query);
    return;
  }
  await tx.execute(query.getSQL());
}

/** Data-modifying statements in WITH run exactly once each, whether or not anything reads them. */
export function oneStatement(queries: readonly SQLWrapper[]): SQL {
  const last = queries[queries.length - 1]!.getSQL();
  if (queries.length === 1) {
    return last;
  }
  const ctes = queries.slice(0, -1).map((q, i) => sql`${sql.raw(`w${i + 1}`)} as (${q.getSQL()})`);
  return sql`with ${sql.join(ctes, sql`, `)} ${last}`;
}
