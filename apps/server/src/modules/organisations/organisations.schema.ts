import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';

/**
 * The organisation tree: a provider at the top (`provider_id = id`), members below it, sub-members
 * below those. The tenant key of this table is the row's own id (see the RLS migration).
 */
export const organisations = pgTable(
  'organisations',
  {
    id: idColumn(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id, {
      onDelete: 'restrict',
    }),
    /** The provider at the top of this row's tree; for a provider its own id. */
    providerId: uuid('provider_id').notNull(),
    kind: text('kind', { enum: ['provider', 'member'] }).notNull(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** Amtlicher Gemeindeschlüssel, 8 digits. */
    ags: text('ags'),
    /** Amtlicher Regionalschlüssel, 12 digits. */
    ars: text('ars'),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    ...timestamps(),
  },
  (t) => [
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_provider_name_idx').on(t.providerId, t.name, t.id),
    check('organisations_ags_chk', sql`${t.ags} ~ '^[0-9]{8}$'`),
    check('organisations_ars_chk', sql`${t.ars} ~ '^[0-9]{12}$'`),
    check(
      'organisations_tree_chk',
      sql`(${t.kind} = 'provider' and ${t.parentId} is null and ${t.providerId} = ${t.id})
        or (${t.kind} = 'member' and ${t.parentId} is not null and ${t.providerId} <> ${t.id})`,
    ),
  ],
);

export type OrganisationRow = typeof organisations.$inferSelect;
