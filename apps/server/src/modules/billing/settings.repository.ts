import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { organisations } from '../organisations/index.js';
import { billingSettings, budgetMappings, type BillingSettingsRow } from './billing.schema.js';

export async function findSettings(tx: Tx, scope: TenantScope, providerId: string): Promise<BillingSettingsRow | undefined> {
  const [row] = await tx
    .select()
    .from(billingSettings)
    .where(and(eq(billingSettings.orgId, providerId), inIds(billingSettings.orgId, scope.orgIds)));
  return row;
}

export async function upsertSettings(tx: Tx, scope: TenantScope, providerId: string, values: Omit<typeof billingSettings.$inferInsert, 'orgId'>) {
  if (!scope.orgIds.includes(providerId)) {
    throw new Error('billing settings: provider outside scope');
  }
  const [row] = await tx
    .insert(billingSettings)
    .values({ ...values, orgId: providerId })
    .onConflictDoUpdate({ target: billingSettings.orgId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** Every member of the provider with its mapping (left join: members without one have nulls). */
export async function mappings(tx: Tx, scope: TenantScope, providerId: string) {
  return tx
    .select({
      orgId: organisations.id,
      orgName: organisations.name,
      system: budgetMappings.system,
      product: budgetMappings.product,
      account: budgetMappings.account,
      costCentre: budgetMappings.costCentre,
      budgetLine: budgetMappings.budgetLine,
      expenseKind: sql<'consumptive' | 'investive'>`coalesce(${budgetMappings.expenseKind}, 'consumptive')`,
    })
    .from(organisations)
    .leftJoin(budgetMappings, eq(budgetMappings.orgId, organisations.id))
    .where(and(eq(organisations.providerId, providerId), eq(organisations.kind, 'member'), inIds(organisations.id, scope.orgIds)))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

export async function upsertMapping(tx: Tx, scope: TenantScope, orgId: string, values: Omit<typeof budgetMappings.$inferInsert, 'orgId'>) {
  if (!scope.orgIds.includes(orgId)) {
    throw new Error('budget mapping: member outside scope');
  }
  const [row] = await tx
    .insert(budgetMappings)
    .values({ ...values, orgId })
    .onConflictDoUpdate({ target: budgetMappings.orgId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}
