import { access } from '../../platform/access/access.js';
import { orgsWith, type AuthContext } from '../../platform/auth/auth.context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { withTenant } from '../../platform/db/tenant.js';
import { ConflictError, HttpError, NotFoundError, UnprocessableError } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import type {
  ArticleCreateRequest,
  ArticleListQuery,
  ArticleResponse,
  ArticleSummary,
  ArticleUpdateRequest,
  CategoryRequest,
  CategoryResponse,
  CategoryUpdateRequest,
} from './knowledge.dto.js';
import { excerpt, renderMarkdown, suggestionQuery } from './markdown.js';
import * as repo from './knowledge.repository.js';
import type { ArticleWithCategory, ReaderScope } from './knowledge.repository.js';
import type { KnowledgeCategoryRow } from './knowledge.schema.js';

/**
 * The knowledge base of a provider. Staff with knowledge.manage on the provider write articles;
 * members of the provider read its published public articles; the provider's own staff also read
 * published internal ones. Members are not on the provider organisation, so reading is decided by
 * the reader scope below (from the caller's grants), with the database policy of migration 0012
 * (rows of the providers of the caller's organisations) behind it.
 */
export class KnowledgeService {
  constructor(private readonly db: Db) {}

  private async readerScope(tx: Tx, auth: AuthContext): Promise<ReaderScope> {
    access.requireAnywhere(auth, 'knowledge.read');
    const readers = orgsWith(auth, 'knowledge.read');
    const managers = new Set(orgsWith(auth, 'knowledge.manage'));
    const scope: ReaderScope = { publicProviders: [], staffProviders: [], manageProviders: [] };
    for (const o of await repo.readerOrgs(tx, auth, readers)) {
      if (o.kind === 'provider' && o.id === o.provider_id) {
        scope.staffProviders.push(o.id);
        if (managers.has(o.id)) {
          scope.manageProviders.push(o.id);
        }
      } else if (!scope.publicProviders.includes(o.provider_id)) {
        scope.publicProviders.push(o.provider_id);
      }
    }
    return scope;
  }

  /** The one provider the caller writes articles for. */
  private async ownProvider(tx: Tx, auth: AuthContext): Promise<string> {
    access.requireAnywhere(auth, 'knowledge.manage');
    const own = (await repo.readerOrgs(tx, auth, orgsWith(auth, 'knowledge.manage'))).filter((o) => o.kind === 'provider').map((o) => o.id);
    if (own.length !== 1) {
      throw new HttpError(403, 'Forbidden', own.length === 0 ? 'Articles are written by the staff of a provider.' : 'You work for several providers; write articles as one of them.');
    }
    await access.require(tx, auth, 'knowledge.manage', own);
    return own[0]!;
  }

  private summary(r: ArticleWithCategory, scope: ReaderScope): ArticleSummary {
    const manage = scope.manageProviders.includes(r.orgId);
    return {
      id: r.id,
      providerId: r.orgId,
      categoryId: r.categoryId,
      categoryName: r.categoryName,
      title: r.title,
      excerpt: excerpt(r.body),
      audience: r.audience,
      status: r.status,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      abilities: { update: manage, delete: manage },
    };
  }

  private full(r: ArticleWithCategory, scope: ReaderScope): ArticleResponse {
    return { ...this.summary(r, scope), body: r.body, bodyHtml: renderMarkdown(r.body), createdAt: r.createdAt.toISOString() };
  }

  async list(auth: AuthContext, q: ArticleListQuery) {
    const cursor = decodeCursor(q.cursor);
    const offset = cursor ? Number(cursor[0]) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
    }
    return withTenant(this.db, auth, async (tx) => {
      const scope = await this.readerScope(tx, auth);
      const rows = await repo.list(tx, scope, q, q.limit, offset);
      const more = rows.length > q.limit;
      return {
        items: rows.slice(0, q.limit).map((r) => this.summary(r, scope)),
        nextCursor: more ? encodeCursor([offset + q.limit]) : null,
        abilities: { create: scope.manageProviders.length > 0 },
      };
    });
  }

  async suggest(auth: AuthContext, text: string, limit: number) {
    const orQuery = suggestionQuery(text);
    return withTenant(this.db, auth, async (tx) => {
      const scope = await this.readerScope(tx, auth);
      if (!orQuery) {
        return { items: [] };
      }
      const rows = await repo.suggest(tx, scope, orQuery, limit);
      return { items: rows.map((r) => ({ id: r.id, title: r.title, excerpt: excerpt(r.body, 160) })) };
    });
  }

  async get(auth: AuthContext, id: string): Promise<ArticleResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const scope = await this.readerScope(tx, auth);
      const row = await repo.findReadable(tx, scope, id);
      if (!row) {
        throw new NotFoundError();
      }
      return this.full(row, scope);
    });
  }

  private async checkCategory(tx: Tx, auth: AuthContext, providerId: string, categoryId: string | null | undefined) {
    if (categoryId && (await repo.findCategory(tx, auth, categoryId))?.orgId !== providerId) {
      throw new UnprocessableError('The category does not exist in this knowledge base.', [{ field: 'body/categoryId', message: 'unknown category' }]);
    }
  }

  async create(auth: AuthContext, input: ArticleCreateRequest): Promise<ArticleResponse> {
    const id = await withTenant(this.db, auth, async (tx) => {
      const providerId = await this.ownProvider(tx, auth);
      await this.checkCategory(tx, auth, providerId, input.categoryId);
      const status = input.status ?? 'draft';
      const values = {
        orgId: providerId,
        categoryId: input.categoryId ?? null,
        title: input.title,
        body: input.body,
        audience: input.audience ?? 'public',
        status,
        publishedAt: status === 'published' ? new Date() : null,
        createdBy: auth.userId,
        updatedBy: auth.userId,
      };
      const newId = await repo.insertArticle(tx, auth, values);
      await recordAudit(tx, auth, { orgId: providerId, entityType: 'knowledge_article', entityId: newId, action: 'create', after: { ...values, body: undefined } });
      return newId;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: ArticleUpdateRequest): Promise<ArticleResponse> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'knowledge.manage', [id]);
      const before = await repo.rawArticle(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      await this.checkCategory(tx, auth, before.orgId, input.categoryId);
      const status = input.status ?? before.status;
      const publishedAt = status === 'draft' ? null : before.status === 'published' ? before.publishedAt : new Date();
      const values = { ...input, publishedAt, updatedBy: auth.userId };
      await repo.updateArticle(tx, auth, id, values);
      await recordAudit(tx, auth, {
        orgId: before.orgId,
        entityType: 'knowledge_article',
        entityId: id,
        action: 'update',
        before: { ...before, body: undefined, bodyChanged: input.body !== undefined && input.body !== before.body },
        after: { ...values, body: undefined },
      });
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'knowledge.manage', [id]);
      const before = await repo.rawArticle(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      await repo.deleteArticle(tx, auth, id);
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'knowledge_article', entityId: id, action: 'delete', before });
    });
  }

  private category(r: KnowledgeCategoryRow & { articleCount?: number }, scope: ReaderScope | null, manage?: boolean): CategoryResponse {
    const may = manage ?? scope?.manageProviders.includes(r.orgId) ?? false;
    return { id: r.id, providerId: r.orgId, name: r.name, position: r.position, articleCount: r.articleCount ?? 0, abilities: { update: may, delete: may } };
  }

  async categories(auth: AuthContext) {
    return withTenant(this.db, auth, async (tx) => {
      const scope = await this.readerScope(tx, auth);
      const rows = await repo.categories(tx, scope);
      return { items: rows.map((r) => this.category(r, scope)), abilities: { create: scope.manageProviders.length > 0 } };
    });
  }

  async createCategory(auth: AuthContext, input: CategoryRequest): Promise<CategoryResponse> {
    return withTenant(this.db, auth, async (tx) => {
      const providerId = await this.ownProvider(tx, auth);
      if (await repo.categoryNameTaken(tx, providerId, input.name)) {
        throw new ConflictError('A category of this name exists already.');
      }
      const row = await repo.insertCategory(tx, auth, { orgId: providerId, name: input.name, position: input.position ?? 0 });
      await recordAudit(tx, auth, { orgId: providerId, entityType: 'knowledge_category', entityId: row.id, action: 'create', after: row });
      return this.category(row, null, true);
    });
  }

  async updateCategory(auth: AuthContext, id: string, input: CategoryUpdateRequest): Promise<CategoryResponse> {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'knowledge.manage', [id]);
      const before = await repo.findCategory(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      if (input.name && (await repo.categoryNameTaken(tx, before.orgId, input.name, id))) {
        throw new ConflictError('A category of this name exists already.');
      }
      const row = (await repo.updateCategory(tx, auth, id, input))!;
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'knowledge_category', entityId: id, action: 'update', before, after: row });
      return this.category(row, null, true);
    });
  }

  /** Articles of a removed category stay, without category. */
  async removeCategory(auth: AuthContext, id: string): Promise<void> {
    await withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'knowledge.manage', [id]);
      const before = await repo.findCategory(tx, auth, id);
      if (!before) {
        throw new NotFoundError();
      }
      await repo.deleteCategory(tx, auth, id);
      await recordAudit(tx, auth, { orgId: before.orgId, entityType: 'knowledge_category', entityId: id, action: 'delete', before });
    });
  }
}
