import { and, asc, desc, eq, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { onboardings, onboardingTasks, onboardingTemplates, type TemplateTask } from './onboarding.schema.js';

export async function template(tx: Tx, scope: TenantScope, providerId: string) {
  const [row] = await tx
    .select()
    .from(onboardingTemplates)
    .where(and(eq(onboardingTemplates.orgId, providerId), inIds(onboardingTemplates.orgId, scope.orgIds)))
    .limit(1);
  return row;
}

export async function saveTemplate(tx: Tx, scope: TenantScope, providerId: string, tasks: TemplateTask[]) {
  if (!scope.orgIds.includes(providerId)) {
    throw new Error('onboarding.saveTemplate: provider outside scope');
  }
  const [row] = await tx
    .insert(onboardingTemplates)
    .values({ orgId: providerId, tasks })
    .onConflictDoUpdate({ target: onboardingTemplates.orgId, set: { tasks, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** The running onboarding of a member, else its latest finished one. */
export async function current(tx: Tx, scope: TenantScope, orgId: string) {
  const [row] = await tx
    .select()
    .from(onboardings)
    .where(and(eq(onboardings.orgId, orgId), inIds(onboardings.orgId, scope.orgIds)))
    .orderBy(sql`${onboardings.completedAt} is null desc`, desc(onboardings.id))
    .limit(1);
  return row;
}

export async function open(tx: Tx, scope: TenantScope, orgId: string) {
  const [row] = await tx
    .select()
    .from(onboardings)
    .where(and(eq(onboardings.orgId, orgId), inIds(onboardings.orgId, scope.orgIds), isNull(onboardings.completedAt)))
    .limit(1);
  return row;
}

export async function insert(
  tx: Tx,
  scope: TenantScope,
  o: typeof onboardings.$inferInsert,
  tasks: Omit<typeof onboardingTasks.$inferInsert, 'orgId' | 'onboardingId'>[],
) {
  if (!scope.orgIds.includes(o.orgId)) {
    throw new Error('onboarding.insert: organisation outside scope');
  }
  const [row] = await tx.insert(onboardings).values(o).returning();
  if (tasks.length > 0) {
    await tx.insert(onboardingTasks).values(tasks.map((t) => ({ ...t, orgId: o.orgId, onboardingId: row!.id })));
  }
  return row!;
}

export async function update(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof onboardings.$inferInsert>) {
  const [row] = await tx
    .update(onboardings)
    .set(values)
    .where(and(eq(onboardings.id, id), inIds(onboardings.orgId, scope.orgIds)))
    .returning();
  return row;
}

export async function tasks(tx: Tx, scope: TenantScope, onboardingId: string) {
  return tx
    .select({
      task: onboardingTasks,
      ownerName: sql<string | null>`(select u.name from users u where u.id = onboarding_tasks.owner_user_id)`,
    })
    .from(onboardingTasks)
    .where(and(eq(onboardingTasks.onboardingId, onboardingId), inIds(onboardingTasks.orgId, scope.orgIds)))
    .orderBy(asc(onboardingTasks.position), asc(onboardingTasks.id));
}

export async function task(tx: Tx, scope: TenantScope, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(onboardingTasks)
    .where(and(eq(onboardingTasks.id, id), eq(onboardingTasks.orgId, orgId), inIds(onboardingTasks.orgId, scope.orgIds)))
    .limit(1);
  return row;
}

export async function updateTask(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof onboardingTasks.$inferInsert>) {
  const [row] = await tx
    .update(onboardingTasks)
    .set(values)
    .where(and(eq(onboardingTasks.id, id), inIds(onboardingTasks.orgId, scope.orgIds)))
    .returning();
  return row;
}

/** Onboardings of the given organisations with task counts, newest first. */
export async function listAll(
  tx: Tx,
  scope: TenantScope,
  orgIds: readonly string[],
  f: { running?: boolean },
  limit: number,
  after?: string,
) {
  const conds: SQL[] = [inIds(onboardings.orgId, scope.orgIds), inIds(onboardings.orgId, orgIds)];
  if (f.running !== undefined) {
    conds.push(f.running ? isNull(onboardings.completedAt) : isNotNull(onboardings.completedAt));
  }
  if (after) {
    conds.push(lt(onboardings.id, after));
  }
  // Written out as onboardings.id: Drizzle renders a column of the selected table unqualified in
  // the select list, and a bare "id" would bind to the subquery's own table.
  const count = (status: string) =>
    sql<number>`(select count(*)::int from onboarding_tasks t where t.onboarding_id = onboardings.id and t.status = ${status})`;
  return tx
    .select({
      onboarding: onboardings,
      orgName: sql<string>`(select o.name from organisations o where o.id = onboardings.org_id)`,
      open: count('open'),
      done: count('done'),
      notApplicable: count('not_applicable'),
      nextDue: sql<string | null>`(select min(t.due_date)::text from onboarding_tasks t where t.onboarding_id = onboardings.id and t.status = 'open')`,
    })
    .from(onboardings)
    .where(and(...conds))
    .orderBy(desc(onboardings.id))
    .limit(limit + 1);
}
