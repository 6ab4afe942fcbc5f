import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { documents, type DocumentRow } from './agreements.schema.js';

export async function list(
  tx: Tx,
  scope: TenantScope,
  orgId: string,
  f: { agreementId?: string },
  limit: number,
  after?: string,
): Promise<DocumentRow[]> {
  const conds = [inIds(documents.orgId, scope.orgIds), eq(documents.orgId, orgId)];
  if (f.agreementId) {
    conds.push(eq(documents.agreementId, f.agreementId));
  }
  if (after) {
    conds.push(lt(documents.id, after));
  }
  return tx
    .select()
    .from(documents)
    .where(and(...conds))
    .orderBy(desc(documents.id))
    .limit(limit + 1);
}

export async function findById(tx: Tx, scope: TenantScope, id: string): Promise<DocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), inIds(documents.orgId, scope.orgIds)))
    .limit(1);
  return row;
}

export async function insert(tx: Tx, scope: TenantScope, values: typeof documents.$inferInsert): Promise<DocumentRow> {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('documents.insert: organisation outside scope');
  }
  const [row] = await tx.insert(documents).values(values).returning();
  return row!;
}

/** Whether an agreement still names the document as its signed copy. */
export async function isSignedCopy(tx: Tx, scope: TenantScope, id: string): Promise<boolean> {
  const res = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from agreements where signed_document_id = ${id} and org_id = any(${`{${scope.orgIds.join(',')}}`}::uuid[])`,
  );
  return (res.rows[0]?.n ?? 0) > 0;
}

export async function remove(tx: Tx, scope: TenantScope, id: string): Promise<void> {
  await tx.delete(documents).where(and(eq(documents.id, id), inIds(documents.orgId, scope.orgIds)));
}
