import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import {
  ArticleCreateRequest,
  ArticleIdParams,
  ArticleListQuery,
  ArticleListResponse,
  ArticleResponse,
  ArticleSuggestQuery,
  ArticleSuggestResponse,
  ArticleUpdateRequest,
  CategoryListResponse,
  CategoryRequest,
  CategoryResponse,
  CategoryUpdateRequest,
} from './knowledge.dto.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];

export function knowledgeRoutes(app: App, service: KnowledgeService) {
  app.get(
    '/api/v1/knowledge/articles',
    {
      schema: {
        tags,
        summary: 'Knowledge articles the caller may read; `q` searches German full text (title weighted above body)',
        querystring: ArticleListQuery,
        response: { 200: ArticleListResponse },
      },
    },
    async (req) => service.list(authOf(req), req.query),
  );

  app.get(
    '/api/v1/knowledge/suggest',
    {
      schema: {
        tags,
        summary: 'Published articles matching any word of a text being typed (new-ticket form)',
        querystring: ArticleSuggestQuery,
        response: { 200: ArticleSuggestResponse },
      },
    },
    async (req) => service.suggest(authOf(req), req.query.q, req.query.limit),
  );

  app.post(
    '/api/v1/knowledge/articles',
    { schema: { tags, summary: 'Write an article (provider staff)', body: ArticleCreateRequest, response: { 201: ArticleResponse } } },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.body)),
  );

  app.get(
    '/api/v1/knowledge/articles/:id',
    { schema: { tags, summary: 'One article with its body rendered from Markdown', params: ArticleIdParams, response: { 200: ArticleResponse } } },
    async (req) => service.get(authOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/knowledge/articles/:id',
    { schema: { tags, summary: 'Change an article; status `published` publishes it', params: ArticleIdParams, body: ArticleUpdateRequest, response: { 200: ArticleResponse } } },
    async (req) => service.update(authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/knowledge/articles/:id',
    { schema: { tags, summary: 'Delete an article', params: ArticleIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.remove(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/knowledge/categories',
    { schema: { tags, summary: 'Categories of the knowledge bases the caller reads, with readable article counts', response: { 200: CategoryListResponse } } },
    async (req) => service.categories(authOf(req)),
  );

  app.post(
    '/api/v1/knowledge/categories',
    { schema: { tags, summary: 'Add a category (provider staff)', body: CategoryRequest, response: { 201: CategoryResponse } } },
    async (req, reply) => reply.code(201).send(await service.createCategory(authOf(req), req.body)),
  );

  app.patch(
    '/api/v1/knowledge/categories/:id',
    { schema: { tags, summary: 'Rename or move a category', params: ArticleIdParams, body: CategoryUpdateRequest, response: { 200: CategoryResponse } } },
    async (req) => service.updateCategory(authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/knowledge/categories/:id',
    { schema: { tags, summary: 'Remove a category; its articles stay without category', params: ArticleIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.removeCategory(authOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
