import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { organisations } from '../organisations/organisations.schema.js';

/**
 * Kinds of site. `data_centre` is a data centre the provider runs itself; `partner_data_centre` is
 * the provider's record of a data centre run by a partner provider (georedundant site, see
 * modules/partners): it lives in the provider's own tenant and names the partner provider, so the
 * partner's tree is never touched and the partner sees only the partner link.
 */
export const SITE_KINDS = [
  'town_hall',
  'school',
  'depot',
  'office',
  'data_centre',
  'partner_data_centre',
  'other',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const ROOM_PURPOSES = ['server_room', 'network', 'office', 'classroom', 'storage', 'other'] as const;
export const REPLICATION_MODES = ['synchronous', 'asynchronous', 'backup_restore'] as const;

/**
 * A site of a member (town hall, school, depot) or of the provider (offices, data centres).
 * `org_id` is the owner; `provider_id` the provider at the top of its tree.
 */
export const sites = pgTable(
  'sites',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    kind: text('kind', { enum: SITE_KINDS }).notNull(),
    name: text('name').notNull(),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    /** Only for `partner_data_centre`: the partner provider that runs it. */
    partnerProviderId: uuid('partner_provider_id').references(() => organisations.id, { onDelete: 'restrict' }),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('sites_org_name_uq').on(t.orgId, t.name),
    index('sites_provider_kind_idx').on(t.providerId, t.kind),
    check('sites_partner_chk', sql`(${t.kind} = 'partner_data_centre') = (${t.partnerProviderId} is not null)`),
    check(
      'sites_partner_not_self_chk',
      sql`${t.partnerProviderId} is null or ${t.partnerProviderId} <> ${t.providerId}`,
    ),
    // Data centres (own or partner) are the provider's, never a member's.
    check(
      'sites_dc_owner_chk',
      sql`${t.kind} not in ('data_centre', 'partner_data_centre') or ${t.orgId} = ${t.providerId}`,
    ),
    check('sites_postal_code_chk', sql`${t.postalCode} is null or ${t.postalCode} ~ '^[0-9]{5}$'`),
  ],
);
export type SiteRow = typeof sites.$inferSelect;

/** Rooms of a site (server room, classroom, office); assets may name one. Same tenant as its site. */
export const siteRooms = pgTable(
  'site_rooms',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    floor: text('floor'),
    purpose: text('purpose', { enum: ROOM_PURPOSES }).notNull().default('other'),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('site_rooms_site_name_uq').on(t.siteId, t.name)],
);
export type SiteRoomRow = typeof siteRooms.$inferSelect;

/** A data centre of the provider and a partner data centre it fails over / copies to. */
export const dataCentrePartners = pgTable(
  'data_centre_partners',
  {
    id: idColumn(),
    /** The provider. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    partnerSiteId: uuid('partner_site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** What the partner site does for this data centre ("Offsite-Kopien", "Ausweich-RZ Fachverfahren"). */
    purpose: text('purpose').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('data_centre_partners_uq').on(t.dataCentreId, t.partnerSiteId),
    check('data_centre_partners_self_chk', sql`${t.dataCentreId} <> ${t.partnerSiteId}`),
  ],
);
export type DataCentrePartnerRow = typeof dataCentrePartners.$inferSelect;

/**
 * Where a service runs primarily and where its replica lives. `org_id` is the provider, or the
 * member when the placement is that member's own system (then the member sees it too).
 * `service_id` names a catalogue service (modules/catalog) when there is one; `name` is always set.
 */
export const servicePlacements = pgTable(
  'service_placements',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    providerId: uuid('provider_id').notNull(),
    serviceId: uuid('service_id'),
    name: text('name').notNull(),
    primarySiteId: uuid('primary_site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    replicaSiteId: uuid('replica_site_id').references(() => sites.id, { onDelete: 'restrict' }),
    replication: text('replication', { enum: REPLICATION_MODES }).notNull().default('asynchronous'),
    /** Recovery time objective after a failover, hours. */
    rtoHours: integer('rto_hours'),
    notes: text('notes'),
    ...timestamps(),
  },
  (t) => [
    index('service_placements_provider_idx').on(t.providerId),
    index('service_placements_primary_idx').on(t.primarySiteId),
    index('service_placements_replica_idx').on(t.replicaSiteId),
    check(
      'service_placements_distinct_chk',
      sql`${t.replicaSiteId} is null or ${t.replicaSiteId} <> ${t.primarySiteId}`,
    ),
    check('service_placements_rto_chk', sql`${t.rtoHours} is null or ${t.rtoHours} >= 0`),
  ],
);
export type ServicePlacementRow = typeof servicePlacements.$inferSelect;
