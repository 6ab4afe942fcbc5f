import { and, desc, eq, inArray, lt, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { AuthContext } from '../auth/auth.context.js';
import type { Tx } from '../db/client.js';
import { insertRows } from '../db/insert.js';
import { auditEvents } from './audit.schema.js';

export interface AuditEntry {
  orgId: string;
  entityType: string;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'grant' | 'revoke' | 'deactivate' | 'activate' | string;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit trail. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash']);

function scrub(v: unknown): unknown {
  if (!v || typeof v !== 'object') {
    return v ?? null;
  }
  return Object.fromEntries(Object.entries(v).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Writes one event in the caller's transaction: the change and its trail commit together. */
export async function recordAudit(tx: Tx, auth: AuthContext, e: AuditEntry): Promise<void> {
  await tx.execute(auditInsert(auth, e).getSQL());
}

/**
 * The INSERT of one event, not yet sent: a hot path lets it join a batch of writes (batch.ts) and
 * saves the round trip. Written out by insertRows: audit events are among the hottest writes.
 */
export function auditInsert(auth: AuthContext, e: AuditEntry): SQLWrapper {
  return insertRows(auditEvents, [
    {
      orgId: e.orgId,
      actorUserId: auth.userId,
      actorTokenId: auth.tokenId,
      entityType: e.entityType,
      entityId: e.entityId,
      action: e.action,
      before: scrub(e.before),
      after: scrub(e.after),
      requestId: auth.requestId,
    },
  ]);
}

export interface AuditQuery {
  orgIds: string[];
  entityType?: string;
  entityId?: string;
  /** A second entity whose events belong to the same trail (an asset and the import that created it). */
  alsoEntity?: { type: string; id: string };
  limit: number;
  /** Id of the last event seen; UUID v7 ids sort by creation time. */
  cursor?: string;
}

/** Newest first; the caller passes only organisations it may read audit events of. */
export async function listAudit(tx: Tx, q: AuditQuery) {
  const conds = [inArray(auditEvents.orgId, q.orgIds)];
  const own = [];
  if (q.entityType) {
    own.push(eq(auditEvents.entityType, q.entityType));
  }
  if (q.entityId) {
    own.push(eq(auditEvents.entityId, q.entityId));
  }
  if (q.alsoEntity) {
    conds.push(
      or(and(...own), and(eq(auditEvents.entityType, q.alsoEntity.type), eq(auditEvents.entityId, q.alsoEntity.id)))!,
    );
  } else {
    conds.push(...own);
  }
  if (q.cursor) {
    conds.push(lt(auditEvents.id, q.cursor));
  }
  return tx
    .select({
      id: auditEvents.id,
      orgId: auditEvents.orgId,
      actorUserId: auditEvents.actorUserId,
      actorTokenId: auditEvents.actorTokenId,
      actorName: sql<string | null>`(select name from users u where u.id = ${auditEvents.actorUserId})`,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      requestId: auditEvents.requestId,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
}
