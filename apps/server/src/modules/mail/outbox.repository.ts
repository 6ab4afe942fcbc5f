import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { write } from '../../platform/db/batch.js';
import { insertRows } from '../../platform/db/insert.js';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { mailOutbox, type OutboxRow } from './mail.schema.js';

/** Queues mails with the caller's other writes (see batchWrites): they commit or roll back together. */
export async function enqueue(tx: Tx, rows: (typeof mailOutbox.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) {
    await write(tx, insertRows(mailOutbox, rows));
  }
}

/** Outbox of the given providers, newest first; `cursor` is the id of the last row seen. */
export async function list(
  tx: Tx,
  scope: TenantScope,
  providerIds: readonly string[],
  f: { status?: string; ticketId?: string },
  limit: number,
  cursor?: string,
): Promise<OutboxRow[]> {
  const conds: SQL[] = [inIds(mailOutbox.orgId, scope.orgIds), inIds(mailOutbox.providerId, providerIds)];
  if (f.status) {
    conds.push(sql`${mailOutbox.status} = ${f.status}`);
  }
  if (f.ticketId) {
    conds.push(eq(mailOutbox.ticketId, f.ticketId));
  }
  if (cursor) {
    conds.push(lt(mailOutbox.id, cursor));
  }
  return tx.select().from(mailOutbox).where(and(...conds)).orderBy(desc(mailOutbox.id)).limit(limit + 1);
}

export async function findById(tx: Tx, scope: TenantScope, providerIds: readonly string[], id: string): Promise<OutboxRow | undefined> {
  const [row] = await tx
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.id, id), inIds(mailOutbox.orgId, scope.orgIds), inIds(mailOutbox.providerId, providerIds)))
    .limit(1);
  return row;
}

export async function requeue(tx: Tx, scope: TenantScope, id: string): Promise<void> {
  await tx
    .update(mailOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null })
    .where(and(eq(mailOutbox.id, id), inIds(mailOutbox.orgId, scope.orgIds)));
}

/**
 * Admin path (the sender): takes up to `limit` due mails and leases them for five minutes by
 * moving their next attempt, so a second sender process (SKIP LOCKED) or a crash mid-send does not
 * lose or double them; the attempt count goes up before sending.
 */
export async function claimDue(tx: Tx, now: Date, limit: number): Promise<OutboxRow[]> {
  const res = await tx.execute<{ id: string }>(sql`
    update mail_outbox set next_attempt_at = ${now.toISOString()}::timestamptz + interval '5 minutes', attempts = attempts + 1, updated_at = now()
     where id in (select id from mail_outbox where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
                   order by next_attempt_at limit ${limit} for update skip locked)
     returning id`);
  if (res.rows.length === 0) {
    return [];
  }
  return tx.select().from(mailOutbox).where(inIds(mailOutbox.id, res.rows.map((r) => r.id)));
}

export async function markResult(
  tx: Tx,
  id: string,
  r: { status: 'sent'; messageId: string | null; at: Date } | { status: 'pending'; nextAttemptAt: Date; error: string } | { status: 'failed'; error: string },
): Promise<void> {
  if (r.status === 'sent') {
    await tx.update(mailOutbox).set({ status: 'sent', sentAt: r.at, messageId: r.messageId, lastError: null }).where(eq(mailOutbox.id, id));
  } else if (r.status === 'pending') {
    await tx.update(mailOutbox).set({ nextAttemptAt: r.nextAttemptAt, lastError: r.error }).where(eq(mailOutbox.id, id));
  } else {
    await tx.update(mailOutbox).set({ status: 'failed', lastError: r.error }).where(eq(mailOutbox.id, id));
  }
}
