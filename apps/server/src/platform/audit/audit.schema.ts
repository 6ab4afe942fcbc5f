import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn } from '../db/columns.js';

/**
 * Append-only audit trail. The request role may INSERT and SELECT, never UPDATE or DELETE
 * (granted in the RLS migration). No foreign keys: events outlive what they describe.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: idColumn(),
    orgId: uuid('org_id').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorTokenId: uuid('actor_token_id'),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.createdAt),
    index('audit_events_org_idx').on(t.orgId, t.createdAt),
  ],
);
