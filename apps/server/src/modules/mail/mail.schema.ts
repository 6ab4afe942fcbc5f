import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export const MAIL_KINDS = ['ticket_created', 'ticket_replied', 'ticket_status', 'sla_warning', 'grant_deadline'] as const;
export const INBOUND_STATUSES = ['ticket_created', 'comment_added', 'review', 'assigned', 'discarded'] as const;

/**
 * Every outgoing mail, written in the transaction of the change that caused it and delivered
 * afterwards by the sender (retries with backoff). `org_id` is the organisation of the change (the
 * ticket's member), so the tenant that made the change may write it; `provider_id` is whose
 * administrators read the outbox.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MAIL_KINDS }).notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    toUserId: uuid('to_user_id'),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    /** The ticket the mail is about (no foreign key: the tickets module owns that table). */
    ticketId: uuid('ticket_id'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
    ...timestamps(),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('mail_outbox_provider_idx').on(t.providerId, t.createdAt),
    index('mail_outbox_ticket_idx').on(t.ticketId),
    check('mail_outbox_status_chk', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

export interface StoredAttachment {
  key: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface RefusedAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
  reason: 'too_large' | 'type' | 'too_many';
}

/**
 * Every mail received by `verbund mail-in`, with what became of it. Mails of unknown senders wait
 * here with status `review` until an agent assigns them to a member (a ticket is created) or
 * discards them. `org_id` is the provider the mail was addressed to.
 */
export const mailInbound = pgTable(
  'mail_inbound',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    memberOrgId: uuid('member_org_id').references(() => organisations.id, { onDelete: 'set null' }),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    messageId: text('message_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: INBOUND_STATUSES }).notNull(),
    /** Why a mail waits for review (unknown sender, sender not of the ticket's member, unknown ticket number). */
    reason: text('reason'),
    ticketId: uuid('ticket_id'),
    ticketNumber: text('ticket_number'),
    attachments: jsonb('attachments').$type<StoredAttachment[]>().notNull().default([]),
    refusedAttachments: jsonb('refused_attachments').$type<RefusedAttachment[]>().notNull().default([]),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('mail_inbound_review_idx').on(t.orgId, t.status, t.receivedAt),
    uniqueIndex('mail_inbound_message_uq').on(t.orgId, t.messageId).where(sql`${t.messageId} is not null`),
    check('mail_inbound_status_chk', sql`${t.status} in ('ticket_created', 'comment_added', 'review', 'assigned', 'discarded')`),
  ],
);

export type OutboxRow = typeof mailOutbox.$inferSelect;
export type InboundRow = typeof mailInbound.$inferSelect;
