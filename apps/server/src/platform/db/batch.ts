import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from './client.js';
import { deferStatement } from './tenant.js';

/**
 * Writes that nothing reads back before the unit of work ends (a timeline entry, an audit event,
 * an outbox mail) can travel together: inside `batchWrites`, `write` only collects them, and at the
 * end they go to the database as one statement (`WITH w1 AS (…), w2 AS (…) <last>`). Each
 * statement is a round trip and a tenant check of its own, and the hottest writes (a new ticket)
 * make three or four such rows. Outside a batch `write` runs the statement at once.
 *
 * What one statement means for the writes of a batch: they share one snapshot, so none may depend
 * on another (an UPDATE of a row inserted in the same batch finds nothing), except through foreign
 * keys, which are checked at the end of the statement; each must be a plain INSERT, UPDATE or
 * DELETE without a WITH clause of its own; and nothing in the batch may read what they write.
 *
 * On PostgreSQL the statement of a finished batch does not even wait for a round trip
 * of its own: it travels with the transaction's next statement or its COMMIT (deferStatement), so
 * an error of these writes surfaces there. Later statements of the transaction see the rows.
 */
const pending = new WeakMap<Tx, SQLWrapper[]>();

/**
 * Runs `fn` and sends what it wrote through `write` as one statement at its end. A batch inside a
 * batch sends its own writes when it ends, before the outer one's, so that a caller can rely on the
 * rows of a finished batch being there.
 */
export async function batchWrites<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const outer = pending.get(tx);
  const queue: SQLWrapper[] = [];
  pending.set(tx, queue);
  let result: T;
  try {
    result = await fn();
  } finally {
    if (outer) {
      pending.set(tx, outer);
    } else {
      pending.delete(tx);
    }
  }
  if (queue.length > 0) {
    const statement = oneStatement(queue);
    if (!deferStatement(tx, statement)) {
      await tx.execute(statement);
    }
  }
  return result;
}

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
