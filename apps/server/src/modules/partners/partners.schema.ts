import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

/**
 * A partnership of two providers (georedundant sites), stored as ONE ROW PER SIDE sharing a
 * `pair_id`: the row with `org_id` = A says "A's partner is B", its twin says "B's partner is A".
 *
 * Why two rows: every tenant table gets the standard restrictive policy `org_id = any(org_ids)`
 * (verbund_secure_tables). One row with two provider columns would be visible to one side only,
 * or would need a custom policy that the catalogue check in rls.test.ts does not cover. With a row
 * per side each provider's staff see exactly their own half through the ordinary policy, and
 * nothing of the partner's tree: the partner's organisation row, members and users stay invisible
 * (its name is resolved by the service on the admin path, for the partner ids of visible rows only).
 */
export const partnerLinks = pgTable(
  'partner_links',
  {
    id: idColumn(),
    /** This side's provider. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** The other side's provider. */
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Shared by both rows of one partnership. */
    pairId: uuid('pair_id').notNull(),
    /** What the two sites back up for each other. */
    description: text('description').notNull(),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('partner_links_pair_uq').on(t.orgId, t.partnerId),
    index('partner_links_pair_idx').on(t.pairId),
    check('partner_links_self_chk', sql`${t.orgId} <> ${t.partnerId}`),
  ],
);

export type PartnerLinkRow = typeof partnerLinks.$inferSelect;
