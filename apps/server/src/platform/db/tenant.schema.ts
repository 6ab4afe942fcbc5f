import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Registered tenant scopes: a long list of visible organisations stored once, in binary, under a
 * key derived from its content. A request whose caller sees many organisations sets only the key
 * (`verbund.scope`), and the tenant functions read the array from here instead of parsing a 36 KB
 * text setting for every table of every statement. Rows never change (same key, same ids) and are
 * never deleted while an app process may still hold the key. System table (no org_id): the request
 * role cannot read or write it; the tenant functions read it as their owner.
 */
export const tenantScopes = pgTable('tenant_scopes', {
  key: text('key').primaryKey(),
  orgIds: uuid('org_ids').array().notNull(),
  /** The providers of those organisations (an organisation never changes provider). */
  providerIds: uuid('provider_ids').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});
