import { z } from 'zod';
import { access } from '../access/access.js';
import { orgsWith, type AuthContext } from '../auth/auth.context.js';
import { authOf } from '../auth/auth.plugin.js';
import type { Db } from '../db/client.js';
import { withTenant } from '../db/tenant.js';
import { HttpError } from '../http/errors.js';
import { decodeCursor, encodeCursor, PageQuery, pageResponse } from '../http/pagination.js';
import type { App } from '../http/types.js';
import { listAudit } from './audit.js';

export const AuditQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.uuid().optional(),
  /** Only events of this organisation. */
  orgId: z.uuid().optional(),
}).strict();

export const AuditEventResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  actorUserId: z.uuid().nullable(),
  actorTokenId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.uuid(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

/** The audit cursor holds the id of the last event seen; anything else is a forged cursor (400). */
function cursorId(cursor: string | undefined): string | undefined {
  const c = decodeCursor(cursor);
  if (!c) {
    return undefined;
  }
  const id = z.uuid().safeParse(c[0]);
  if (c.length !== 1 || !id.success) {
    throw new HttpError(400, 'Bad Request', 'The cursor is not valid; start again without it.');
  }
  return id.data;
}

export async function auditEvents(db: Db, auth: AuthContext, q: z.infer<typeof AuditQuery>) {
  access.requireAnywhere(auth, 'audit.read');
  const cursor = cursorId(q.cursor);
  return withTenant(db, auth, async (tx) => {
    if (q.orgId) {
      await access.require(tx, auth, 'audit.read', [q.orgId]);
    }
    const rows = await listAudit(tx, {
      orgIds: q.orgId ? [q.orgId] : orgsWith(auth, 'audit.read'),
      entityType: q.entityType,
      entityId: q.entityId,
      limit: q.limit,
      cursor,
    });
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      nextCursor: more && last ? encodeCursor([last.id]) : null,
    };
  });
}

export function auditRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail, newest first, filtered by entity or organisation',
        querystring: AuditQuery,
        response: { 200: pageResponse(AuditEventResponse) },
      },
    },
    async (req) => auditEvents(db, authOf(req), req.query),
  );
}
