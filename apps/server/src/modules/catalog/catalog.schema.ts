import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

/** What a service is charged by. */
export const CHARGE_UNITS = ['workstation', 'user', 'device', 'gb', 'mailbox', 'inhabitant', 'flat', 'hour'] as const;
/** Same names as an agreement's VAT treatment: 19 % (S), not taxable under § 2b UStG (O), exempt (E + VATEX). */
export const SERVICE_VAT_TREATMENTS = ['taxable_19', 'not_taxable_2b', 'exempt'] as const;
export const SERVICE_STATUSES = ['active', 'retired'] as const;
/** graduated: each unit at the price of its band; volume: every unit at the price of the band the total reaches. */
export const TIER_MODES = ['graduated', 'volume'] as const;

/**
 * Catalogue tables are owned by a provider (`provider_id`) and carry no `org_id`: members read the
 * catalogue and prices of their provider, only the provider writes. Their row-level security is the
 * custom migration `catalog_rls` (read: provider of any visible organisation; write: the provider).
 */
export const services = pgTable(
  'services',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Unique per provider, e.g. `APB-01`. */
    code: text('code').notNull(),
    nameDe: text('name_de').notNull(),
    nameEn: text('name_en'),
    descriptionDe: text('description_de'),
    descriptionEn: text('description_en'),
    category: text('category').notNull(),
    chargeUnit: text('charge_unit', { enum: CHARGE_UNITS }).notNull(),
    /** UN/ECE Recommendation 20 unit code for the invoice line (BT-130), e.g. C62, HUR, E34, LS. */
    unitCode: text('unit_code').notNull(),
    vatTreatment: text('vat_treatment', { enum: SERVICE_VAT_TREATMENTS }).notNull().default('taxable_19'),
    /** VATEX code (BT-121) for `exempt`, e.g. VATEX-EU-132-1I. */
    vatExemptionCode: text('vat_exemption_code'),
    /** Reason printed on the invoice (BT-120) for `exempt` and `not_taxable_2b`. */
    vatExemptionReason: text('vat_exemption_reason'),
    status: text('status', { enum: SERVICE_STATUSES }).notNull().default('active'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('services_provider_code_uq').on(t.providerId, t.code),
    index('services_provider_name_idx').on(t.providerId, t.nameDe),
    check('services_code_chk', sql`${t.code} ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'`),
    check('services_unit_code_chk', sql`${t.unitCode} ~ '^[A-Z0-9]{1,3}$'`),
    check('services_vat_chk', sql`${t.vatTreatment} <> 'exempt' or (${t.vatExemptionCode} is not null and ${t.vatExemptionReason} is not null)`),
  ],
);

/** Leistungs- und Entgeltverzeichnis: one price list per provider and year. */
export const priceLists = pgTable(
  'price_lists',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    notes: text('notes'),
    /** Members see a list once it is published. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Set when the first invoice used the list; a frozen list is never changed again. */
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    copiedFromId: uuid('copied_from_id'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('price_lists_provider_year_uq').on(t.providerId, t.year), check('price_lists_year_chk', sql`${t.year} between 2000 and 2100`)],
);

/** The price of one service in one list. Money as numeric(14,4): never a float. */
export const priceListItems = pgTable(
  'price_list_items',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'restrict' }),
    /** Net price per unit in euro, up to 4 decimals; for tiers the price up to the first threshold. */
    unitPrice: numeric('unit_price', { precision: 14, scale: 4 }).notNull(),
    tierMode: text('tier_mode', { enum: TIER_MODES }).notNull().default('graduated'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('price_list_items_list_service_uq').on(t.priceListId, t.serviceId),
    index('price_list_items_service_idx').on(t.serviceId),
    check('price_list_items_price_chk', sql`${t.unitPrice} >= 0`),
  ],
);

/** A volume tier: from more than `above_quantity` units on, `unit_price` applies. */
export const priceTiers = pgTable(
  'price_tiers',
  {
    id: idColumn(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => priceListItems.id, { onDelete: 'cascade' }),
    aboveQuantity: numeric('above_quantity', { precision: 14, scale: 4 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 14, scale: 4 }).notNull(),
  },
  (t) => [
    uniqueIndex('price_tiers_item_above_uq').on(t.itemId, t.aboveQuantity),
    check('price_tiers_above_chk', sql`${t.aboveQuantity} > 0`),
    check('price_tiers_price_chk', sql`${t.unitPrice} >= 0`),
  ],
);

/**
 * A member's subscription to a service (`org_id` = the member, secured by the standard tenant
 * policy). `valid_to` is the last day (inclusive), null = open-ended. Quantities live in
 * `subscription_quantities` as effective-dated rows.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'restrict' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [
    index('subscriptions_org_service_idx').on(t.orgId, t.serviceId, t.validFrom),
    index('subscriptions_provider_idx').on(t.providerId, t.validFrom),
    index('subscriptions_service_idx').on(t.serviceId),
    check('subscriptions_dates_chk', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * Quantity history of a subscription: the quantity from `valid_from` until the day before the next
 * row (or the subscription's end). A change never overwrites the past; it adds a row.
 */
export const subscriptionQuantities = pgTable(
  'subscription_quantities',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 4 }).notNull(),
    note: text('note'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('subscription_quantities_uq').on(t.subscriptionId, t.validFrom), check('subscription_quantities_qty_chk', sql`${t.quantity} >= 0`)],
);

export type ServiceRow = typeof services.$inferSelect;
export type PriceListRow = typeof priceLists.$inferSelect;
export type PriceListItemRow = typeof priceListItems.$inferSelect;
export type PriceTierRow = typeof priceTiers.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type SubscriptionQuantityRow = typeof subscriptionQuantities.$inferSelect;
