import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { inIds } from '../../platform/db/scope.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { knowledgeArticles as a, knowledgeCategories as c, type KnowledgeArticleRow, type KnowledgeCategoryRow } from './knowledge.schema.js';

/**
 * What the caller may read, per provider: `public` = published public articles (members),
 * `staff` = all published ones (the provider's staff), `manage` = everything including drafts.
 */
export interface ReaderScope {
  publicProviders: string[];
  staffProviders: string[];
  manageProviders: string[];
}

export function readable(r: ReaderScope): SQL {
  return sql`(${and(inIds(a.orgId, r.publicProviders), eq(a.audience, 'public'), eq(a.status, 'published'))}
    or ${and(inIds(a.orgId, r.staffProviders), eq(a.status, 'published'))}
    or ${inIds(a.orgId, r.manageProviders)})`;
}

/** Visible organisations on which the caller holds knowledge.read, with their provider and kind. */
export async function readerOrgs(tx: Tx, scope: TenantScope, orgIds: readonly string[]) {
  const res = await tx.execute<{ id: string; provider_id: string; kind: string }>(
    sql`select id, provider_id, kind from organisations where ${inIds(sql`id`, orgIds)} and ${inIds(sql`id`, scope.orgIds)}`,
  );
  return res.rows;
}

const summaryColumns = {
  id: a.id,
  orgId: a.orgId,
  categoryId: a.categoryId,
  categoryName: c.name,
  title: a.title,
  body: a.body,
  audience: a.audience,
  status: a.status,
  publishedAt: a.publishedAt,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
};
export type ArticleWithCategory = Omit<KnowledgeArticleRow, 'search' | 'createdBy' | 'updatedBy'> & { categoryName: string | null };

export async function list(
  tx: Tx,
  r: ReaderScope,
  f: { q?: string; categoryId?: string; status?: string; audience?: string },
  limit: number,
  offset: number,
): Promise<ArticleWithCategory[]> {
  const conds: SQL[] = [readable(r)];
  if (f.categoryId) {
    conds.push(eq(a.categoryId, f.categoryId));
  }
  if (f.status) {
    conds.push(sql`${a.status} = ${f.status}`);
  }
  if (f.audience) {
    conds.push(sql`${a.audience} = ${f.audience}`);
  }
  const query = f.q ? sql`websearch_to_tsquery('german', ${f.q})` : undefined;
  if (query) {
    conds.push(sql`${a.search} @@ ${query}`);
  }
  return tx
    .select(summaryColumns)
    .from(a)
    .leftJoin(c, eq(c.id, a.categoryId))
    .where(and(...conds))
    .orderBy(...(query ? [sql`ts_rank(${a.search}, ${query}) desc`, asc(a.title)] : [desc(a.updatedAt), desc(a.id)]))
    .limit(limit + 1)
    .offset(offset);
}

/** Published articles that match any of the words (an OR tsquery from markdown.suggestionQuery). */
export async function suggest(tx: Tx, r: ReaderScope, orQuery: string, limit: number) {
  const query = sql`to_tsquery('german', ${orQuery})`;
  return tx
    .select({ id: a.id, title: a.title, body: a.body })
    .from(a)
    .where(and(readable(r), eq(a.status, 'published'), sql`${a.search} @@ ${query}`))
    .orderBy(sql`ts_rank(${a.search}, ${query}) desc`, asc(a.title))
    .limit(limit);
}

export async function findReadable(tx: Tx, r: ReaderScope, id: string): Promise<ArticleWithCategory | undefined> {
  const [row] = await tx
    .select(summaryColumns)
    .from(a)
    .leftJoin(c, eq(c.id, a.categoryId))
    .where(and(eq(a.id, id), readable(r)))
    .limit(1);
  return row;
}

export async function insertArticle(tx: Tx, scope: TenantScope, values: typeof a.$inferInsert) {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('knowledge.insertArticle: provider outside scope');
  }
  const [row] = await tx.insert(a).values(values).returning({ id: a.id });
  return row!.id;
}

export async function rawArticle(tx: Tx, scope: TenantScope, id: string) {
  const [row] = await tx
    .select({ id: a.id, orgId: a.orgId, categoryId: a.categoryId, title: a.title, body: a.body, audience: a.audience, status: a.status, publishedAt: a.publishedAt })
    .from(a)
    .where(and(eq(a.id, id), inIds(a.orgId, scope.orgIds)))
    .limit(1);
  return row;
}

export async function updateArticle(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof a.$inferInsert>) {
  await tx.update(a).set(values).where(and(eq(a.id, id), inIds(a.orgId, scope.orgIds)));
}

export async function deleteArticle(tx: Tx, scope: TenantScope, id: string) {
  await tx.delete(a).where(and(eq(a.id, id), inIds(a.orgId, scope.orgIds)));
}

export async function categories(tx: Tx, r: ReaderScope): Promise<(KnowledgeCategoryRow & { articleCount: number })[]> {
  const providers = [...new Set([...r.publicProviders, ...r.staffProviders, ...r.manageProviders])];
  return tx
    .select({
      id: c.id,
      orgId: c.orgId,
      name: c.name,
      position: c.position,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      articleCount: sql<number>`(select count(*)::int from ${a} where ${a.categoryId} = ${c.id} and ${readable(r)})`,
    })
    .from(c)
    .where(inIds(c.orgId, providers))
    .orderBy(asc(c.position), asc(c.name));
}

export async function findCategory(tx: Tx, scope: TenantScope, id: string): Promise<KnowledgeCategoryRow | undefined> {
  const [row] = await tx.select().from(c).where(and(eq(c.id, id), inIds(c.orgId, scope.orgIds))).limit(1);
  return row;
}

export async function insertCategory(tx: Tx, scope: TenantScope, values: typeof c.$inferInsert): Promise<KnowledgeCategoryRow> {
  if (!scope.orgIds.includes(values.orgId)) {
    throw new Error('knowledge.insertCategory: provider outside scope');
  }
  const [row] = await tx.insert(c).values(values).returning();
  return row!;
}

export async function updateCategory(tx: Tx, scope: TenantScope, id: string, values: Partial<typeof c.$inferInsert>): Promise<KnowledgeCategoryRow | undefined> {
  const [row] = await tx.update(c).set(values).where(and(eq(c.id, id), inIds(c.orgId, scope.orgIds))).returning();
  return row;
}

export async function deleteCategory(tx: Tx, scope: TenantScope, id: string) {
  await tx.delete(c).where(and(eq(c.id, id), inIds(c.orgId, scope.orgIds)));
}

export async function categoryNameTaken(tx: Tx, providerId: string, name: string, exceptId?: string): Promise<boolean> {
  const res = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from ${c} where ${c.orgId} = ${providerId} and lower(${c.name}) = lower(${name}) ${exceptId ? sql`and ${c.id} <> ${exceptId}` : sql``}`,
  );
  return (res.rows[0]?.n ?? 0) > 0;
}
