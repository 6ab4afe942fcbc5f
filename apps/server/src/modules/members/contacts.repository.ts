import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { contacts, type ContactRow } from './members.schema.js';

export async function list(tx: Tx, scope: TenantScope, orgId: string): Promise<ContactRow[]> {
  return tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inIds(contacts.orgId, scope.orgIds)))
    .orderBy(asc(contacts.name), asc(contacts.id));
}

export async function find(tx: Tx, scope: TenantScope, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.orgId, orgId), inIds(contacts.orgId, scope.orgIds)));
  return row;
}

export async function insert(tx: Tx, scope: TenantScope, values: typeof contacts.$inferInsert) {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('contacts.insert: organisation outside scope');
  }
  const [row] = await tx.insert(contacts).values(values).returning();
  return row!;
}

export async function update(tx: Tx, scope: TenantScope, orgId: string, id: string, values: Partial<typeof contacts.$inferInsert>) {
  const [row] = await tx
    .update(contacts)
    .set(values)
    .where(and(eq(contacts.id, id), eq(contacts.orgId, orgId), inIds(contacts.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function remove(tx: Tx, scope: TenantScope, orgId: string, id: string) {
  await tx.delete(contacts).where(and(eq(contacts.id, id), eq(contacts.orgId, orgId), inIds(contacts.orgId, scope.orgIds)));
}
