import { Permission } from '@verbund/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { access } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/client.js';
import { inIds } from '../db/scope.js';
import { withTenant } from '../db/tenant.js';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { ApiTokenCreateRequest, ApiTokenCreatedResponse, ApiTokenResponse } from './auth.dto.js';
import type { AuthContext } from './auth.context.js';
import { authOf } from './auth.plugin.js';
import { apiTokens } from './auth.schema.js';
import { newApiToken, sha256 } from './tokens.js';

type Row = typeof apiTokens.$inferSelect;

function present(r: Row): z.infer<typeof ApiTokenResponse> {
  return {
    id: r.id,
    orgId: r.orgId,
    name: r.name,
    prefix: r.prefix,
    permissions: r.permissions.filter((p) => Permission.safeParse(p).success) as Permission[],
    includeDescendants: r.includeDescendants,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** API tokens for machines: scoped to one organisation and a subset of the creator's permissions. */
export class ApiTokensService {
  constructor(private readonly db: Db) {}

  list(auth: AuthContext, orgId: string) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'token.manage', [orgId]);
      const rows = await tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.orgId, orgId), inIds(apiTokens.orgId, auth.orgIds)))
        .orderBy(desc(apiTokens.createdAt));
      return rows.map(present);
    });
  }

  create(auth: AuthContext, orgId: string, input: z.infer<typeof ApiTokenCreateRequest>) {
    return withTenant(this.db, auth, async (tx) => {
      await access.require(tx, auth, 'token.manage', [orgId]);
      if (auth.kind === 'token') {
        // A leaked token must not outlive its revocation through successors it minted.
        throw new ForbiddenError('An API token cannot create API tokens; log in to create one.');
      }
      const own = auth.permissions.get(orgId) ?? new Set();
      const extra = input.permissions.filter((p) => !own.has(p));
      if (extra.length > 0) {
        // A token can never do more than the person who made it.
        throw new UnprocessableError(`You do not hold these permissions yourself: ${extra.join(', ')}`, [
          { field: 'body/permissions', message: 'more than your own permissions' },
        ]);
      }
      const { token, prefix } = newApiToken();
      const [row] = await tx
        .insert(apiTokens)
        .values({
          orgId,
          name: input.name,
          prefix,
          tokenHash: sha256(token),
          permissions: [...new Set(input.permissions)],
          includeDescendants: input.includeDescendants,
          createdBy: auth.userId,
          expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        })
        .returning();
      await recordAudit(tx, auth, {
        orgId,
        entityType: 'api_token',
        entityId: row!.id,
        action: 'create',
        after: present(row!),
      });
      return { ...present(row!), token };
    });
  }

  revoke(auth: AuthContext, id: string) {
    return withTenant(this.db, auth, async (tx) => {
      const [row] = await tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.id, id), inIds(apiTokens.orgId, auth.orgIds)))
        .limit(1);
      if (!row) {
        throw new NotFoundError();
      }
      await access.require(tx, auth, 'token.manage', [row.orgId]);
      const [after] = await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning();
      if (!after) {
        // Revoked before: nothing changed, so nothing to audit; the answer stays the same.
        return present(row);
      }
      await recordAudit(tx, auth, {
        orgId: row.orgId,
        entityType: 'api_token',
        entityId: id,
        action: 'revoke',
        before: present(row),
        after: present(after),
      });
      return present(after);
    });
  }
}

const OrgParams = z.strictObject({ id: z.uuid() });
const tags = ['api-tokens'];

export function apiTokenRoutes(app: App, service: ApiTokensService) {
  app.get(
    '/api/v1/organisations/:id/api-tokens',
    {
      schema: {
        tags,
        summary: 'API tokens of an organisation',
        params: OrgParams,
        response: { 200: z.object({ items: z.array(ApiTokenResponse) }) },
      },
    },
    async (req) => ({ items: await service.list(authOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/organisations/:id/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is returned once',
        params: OrgParams,
        body: ApiTokenCreateRequest,
        response: { 201: ApiTokenCreatedResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(authOf(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: OrgParams, response: { 200: ApiTokenResponse } } },
    async (req) => service.revoke(authOf(req), req.params.id),
  );
}
