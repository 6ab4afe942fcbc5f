import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

/** A person who logs in. `org_id` is the home organisation that manages the account. */
export const users = pgTable(
  'users',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id hash; null for accounts that cannot log in with a password. */
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    locale: text('locale').notNull().default('de'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    index('users_org_idx').on(t.orgId),
  ],
);

/** A role held by a user on one organisation, optionally covering its whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    includeDescendants: boolean('include_descendants').notNull().default(false),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.userId, t.orgId, t.role),
    index('role_grants_org_idx').on(t.orgId),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type RoleGrantRow = typeof roleGrants.$inferSelect;
