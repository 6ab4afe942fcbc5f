import { sql, type SQL } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

export const ARTICLE_AUDIENCES = ['public', 'internal'] as const;
export const ARTICLE_STATUSES = ['draft', 'published'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Categories of one provider's knowledge base ("Zugang & Passwörter", "Drucker", …). */
export const knowledgeCategories = pgTable(
  'knowledge_categories',
  {
    id: idColumn(),
    /** The provider that writes the articles. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex('knowledge_categories_name_uq').on(t.orgId, sql`lower(${t.name})`)],
);

/**
 * An article of the provider's knowledge base. `public` ones are read by all members of the
 * provider once published; `internal` ones only by the provider's staff. The search vector is a
 * generated column (German stemming, title weighted above body), so every write keeps it current
 * and the same migration works on PGlite and PostgreSQL.
 */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id').references(() => knowledgeCategories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Markdown; raw HTML in it is shown as text, never rendered. */
    body: text('body').notNull(),
    audience: text('audience', { enum: ARTICLE_AUDIENCES }).notNull().default('public'),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('german', coalesce(${knowledgeArticles.title}, '')), 'A') || setweight(to_tsvector('german', coalesce(${knowledgeArticles.body}, '')), 'B')`,
    ),
    ...timestamps(),
  },
  (t) => [
    index('knowledge_articles_search_idx').using('gin', t.search),
    index('knowledge_articles_org_idx').on(t.orgId, t.status, t.audience),
    index('knowledge_articles_category_idx').on(t.categoryId),
    check('knowledge_articles_audience_chk', sql`${t.audience} in ('public', 'internal')`),
    check('knowledge_articles_status_chk', sql`${t.status} in ('draft', 'published')`),
    check('knowledge_articles_published_chk', sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
  ],
);

export type KnowledgeCategoryRow = typeof knowledgeCategories.$inferSelect;
export type KnowledgeArticleRow = typeof knowledgeArticles.$inferSelect;
