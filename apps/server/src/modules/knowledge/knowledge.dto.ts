import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { ARTICLE_AUDIENCES, ARTICLE_STATUSES } from './knowledge.schema.js';

export const ArticleAudience = z.enum(ARTICLE_AUDIENCES);
export const ArticleStatus = z.enum(ARTICLE_STATUSES);

const ArticleFields = {
  title: z.string().trim().min(3).max(200),
  /** Markdown. Raw HTML is shown as text. */
  body: z.string().trim().min(1).max(100_000),
  categoryId: z.uuid().nullable().optional(),
  audience: ArticleAudience.optional(),
  status: ArticleStatus.optional(),
};

export const ArticleCreateRequest = z.strictObject(ArticleFields);
export type ArticleCreateRequest = z.infer<typeof ArticleCreateRequest>;

export const ArticleUpdateRequest = z
  .strictObject({ ...ArticleFields, title: ArticleFields.title.optional(), body: ArticleFields.body.optional() })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type ArticleUpdateRequest = z.infer<typeof ArticleUpdateRequest>;

export const ArticleIdParams = z.strictObject({ id: z.uuid() });

export const ArticleListQuery = PageQuery.extend({
  /** German full-text search (web search syntax: words, "phrases", -excluded). */
  q: z.string().trim().min(1).max(200).optional(),
  categoryId: z.uuid().optional(),
  status: ArticleStatus.optional(),
  audience: ArticleAudience.optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

export const ArticleSuggestQuery = z.object({
  /** What the member is typing (title and description of the new ticket). */
  q: z.string().max(2000).default(''),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

const Abilities = z.object({ update: z.boolean(), delete: z.boolean() });

export const ArticleSummary = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  title: z.string(),
  /** Plain text from the start of the body. */
  excerpt: z.string(),
  audience: ArticleAudience,
  status: ArticleStatus,
  publishedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  abilities: Abilities,
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleResponse = ArticleSummary.extend({
  body: z.string(),
  /** The body rendered from Markdown; safe to insert (raw HTML escaped, unsafe link schemes dropped). */
  bodyHtml: z.string(),
  createdAt: z.iso.datetime(),
});
export type ArticleResponse = z.infer<typeof ArticleResponse>;

export const ArticleListResponse = z.object({
  items: z.array(ArticleSummary),
  nextCursor: z.string().nullable(),
  abilities: z.object({ create: z.boolean() }),
});

export const ArticleSuggestResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), title: z.string(), excerpt: z.string() })),
});

export const CategoryRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CategoryRequest = z.infer<typeof CategoryRequest>;
export const CategoryUpdateRequest = CategoryRequest.partial().refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type CategoryUpdateRequest = z.infer<typeof CategoryUpdateRequest>;

export const CategoryResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  /** Articles of this category the caller can read. */
  articleCount: z.number().int(),
  abilities: Abilities,
});
export type CategoryResponse = z.infer<typeof CategoryResponse>;
export const CategoryListResponse = z.object({ items: z.array(CategoryResponse), abilities: z.object({ create: z.boolean() }) });
