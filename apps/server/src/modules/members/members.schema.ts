import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';
import { users } from '../users/users.schema.js';

/** Master data of a member beyond the organisation record: tax and bank details. One row per member. */
export const memberProfiles = pgTable(
  'member_profiles',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** USt-IdNr., DE + 9 digits. */
    vatId: text('vat_id'),
    iban: text('iban'),
    bic: text('bic'),
    bankName: text('bank_name'),
    accountHolder: text('account_holder'),
    ...timestamps(),
  },
  (t) => [
    check('member_profiles_vat_chk', sql`${t.vatId} ~ '^DE[0-9]{9}$'`),
    check('member_profiles_iban_chk', sql`${t.iban} ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`),
    check('member_profiles_bic_chk', sql`${t.bic} ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'`),
  ],
);

/**
 * A dated value per member (population, workstations): one row per (member, reference date), the
 * latest row on or before a date answers "value at date". Both histories share this one shape.
 */
function historyTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      id: idColumn(),
      orgId: uuid('org_id')
        .notNull()
        .references(() => organisations.id, { onDelete: 'cascade' }),
      referenceDate: date('reference_date', { mode: 'string' }).notNull(),
      value: integer('value').notNull(),
      /** `gemeindeverzeichnis` (Destatis), `manual`, or another named source. */
      source: text('source').notNull().default('manual'),
      note: text('note'),
      ...timestamps(),
    },
    (t) => [uniqueIndex(`${name}_uq`).on(t.orgId, t.referenceDate), check(`${name}_value_chk`, sql`${t.value} >= 0`)],
  );
}

/**
 * Population of a member at a reference date; history kept, one row per (member, date). Cost
 * allocation asks for "population at 30.06. of the previous year": the latest row on or before.
 */
export const memberPopulation = historyTable('member_population');

/** Number of workstations (Arbeitsplätze) at a reference date, kept like the population. */
export const memberWorkstations = historyTable('member_workstations');

/** Leitweg-IDs of a member (BT-10 buyer reference of e-invoices), several per member. */
export const leitwegIds = pgTable(
  'leitweg_ids',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** The provider whose tree the member belongs to: a Leitweg-ID is unique per provider. */
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    leitwegId: text('leitweg_id').notNull(),
    purpose: text('purpose'),
    isDefault: boolean('is_default').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('leitweg_ids_provider_uq').on(t.providerId, t.leitwegId),
    // At most one default per member; the service keeps it at exactly one while any exist.
    uniqueIndex('leitweg_ids_default_uq').on(t.orgId).where(sql`${t.isDefault}`),
    index('leitweg_ids_org_idx').on(t.orgId),
    check('leitweg_ids_format_chk', sql`${t.leitwegId} ~ '^[0-9]{2,12}(-[0-9A-Z]{1,30})?-[0-9]{2}$' and length(${t.leitwegId}) between 5 and 46`),
  ],
);

export const CONTACT_ROLES = ['buergermeister', 'hauptamtsleitung', 'kaemmerei', 'it_ansprechpartner', 'isb', 'dsb', 'sonstige'] as const;

/** Contact persons of a member; a contact may become a user (`user_id`). */
export const contacts = pgTable(
  'contacts',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: CONTACT_ROLES }).notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    notes: text('notes'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    index('contacts_org_idx').on(t.orgId, t.name),
    uniqueIndex('contacts_user_uq').on(t.userId).where(sql`${t.userId} is not null`),
  ],
);

export type MemberProfileRow = typeof memberProfiles.$inferSelect;
export type HistoryRow = typeof memberPopulation.$inferSelect;
export type LeitwegIdRow = typeof leitwegIds.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
