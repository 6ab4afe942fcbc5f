import { z } from 'zod';
import { PageQuery } from '../../platform/http/pagination.js';
import { INBOUND_STATUSES, MAIL_KINDS, OUTBOX_STATUSES } from './mail.schema.js';

export const OutboxQuery = PageQuery.extend({
  status: z.enum(OUTBOX_STATUSES).optional(),
  ticketId: z.uuid().optional(),
});

export const OutboxMailResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  providerId: z.uuid(),
  kind: z.enum(MAIL_KINDS),
  toAddress: z.string(),
  toName: z.string().nullable(),
  locale: z.string(),
  subject: z.string(),
  textBody: z.string(),
  ticketId: z.uuid().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime(),
  lastError: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type OutboxMailResponse = z.infer<typeof OutboxMailResponse>;

export const OutboxListResponse = z.object({
  items: z.array(OutboxMailResponse),
  nextCursor: z.string().nullable(),
  /** Whether this server sends mail (SMTP configured); without it mails stay pending here. */
  smtpConfigured: z.boolean(),
});

export const MailIdParams = z.strictObject({ id: z.uuid() });
export const AttachmentParams = z.strictObject({ id: z.uuid(), index: z.coerce.number().int().min(0).max(99) });

export const InboundQuery = PageQuery.extend({
  /** Default: the review queue. */
  status: z.enum(INBOUND_STATUSES).default('review'),
});

const Attachment = z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() });

export const InboundMailResponse = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  subject: z.string(),
  textBody: z.string(),
  receivedAt: z.iso.datetime(),
  status: z.enum(INBOUND_STATUSES),
  reason: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.string().nullable(),
  memberOrgId: z.uuid().nullable(),
  attachments: z.array(Attachment),
  refusedAttachments: z.array(Attachment.extend({ reason: z.string() })),
  decidedAt: z.iso.datetime().nullable(),
  abilities: z.object({ assign: z.boolean(), discard: z.boolean() }),
});
export type InboundMailResponse = z.infer<typeof InboundMailResponse>;
export const InboundListResponse = z.object({ items: z.array(InboundMailResponse), nextCursor: z.string().nullable() });

export const InboundAssignRequest = z.strictObject({
  /** The member the mail is about; a ticket is opened for it with the mail as description. */
  memberId: z.uuid(),
  type: z.enum(['incident', 'request', 'security_incident']).optional(),
});
