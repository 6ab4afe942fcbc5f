import { z } from 'zod';
import { REPLICATION_MODES, ROOM_PURPOSES, SITE_KINDS } from './sites.schema.js';

export const SiteKind = z.enum(SITE_KINDS);
export const RoomPurpose = z.enum(ROOM_PURPOSES);
export const ReplicationMode = z.enum(REPLICATION_MODES);

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const PostalCode = z.string().regex(/^[0-9]{5}$/, 'five digits');

export const IdParams = z.strictObject({ id: z.uuid() });
export const RoomParams = z.strictObject({ id: z.uuid(), roomId: z.uuid() });
export const PartnerParams = z.strictObject({ id: z.uuid(), linkId: z.uuid() });

export const SiteListQuery = z.strictObject({
  /** Sites of this organisation only (a member or the provider). */
  orgId: z.uuid().optional(),
  kind: SiteKind.optional(),
  q: z.string().trim().max(100).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});

export const SiteCreateRequest = z.strictObject({
  /** The member or provider that owns the site; data centres belong to the provider. */
  orgId: z.uuid(),
  kind: SiteKind,
  name: text(200),
  street: optText(200),
  postalCode: PostalCode.nullable().optional(),
  city: optText(100),
  /** Only for `partner_data_centre`: a provider linked as partner (see /api/v1/partners). */
  partnerProviderId: z.uuid().nullable().optional(),
  notes: optText(5000),
});
export type SiteCreateRequest = z.infer<typeof SiteCreateRequest>;

export const SiteUpdateRequest = z
  .strictObject({
    name: text(200).optional(),
    street: optText(200),
    postalCode: PostalCode.nullable().optional(),
    city: optText(100),
    notes: optText(5000),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type SiteUpdateRequest = z.infer<typeof SiteUpdateRequest>;

export const RoomCreateRequest = z.strictObject({
  name: text(100),
  floor: optText(50),
  purpose: RoomPurpose.default('other'),
  notes: optText(2000),
});
export type RoomCreateRequest = z.infer<typeof RoomCreateRequest>;
export const RoomUpdateRequest = z
  .strictObject({
    name: text(100).optional(),
    floor: optText(50),
    purpose: RoomPurpose.optional(),
    notes: optText(2000),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type RoomUpdateRequest = z.infer<typeof RoomUpdateRequest>;

export const RoomResponse = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  name: z.string(),
  floor: z.string().nullable(),
  purpose: RoomPurpose,
  notes: z.string().nullable(),
});
export type RoomResponse = z.infer<typeof RoomResponse>;

export const SiteResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  providerId: z.uuid(),
  kind: SiteKind,
  name: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  partnerProviderId: z.uuid().nullable(),
  /** The partner provider's name (the one thing of its tree a partner may know). */
  partnerProviderName: z.string().nullable(),
  notes: z.string().nullable(),
  roomCount: z.number().int(),
  createdAt: z.iso.datetime(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type SiteResponse = z.infer<typeof SiteResponse>;

export const SiteDetailResponse = SiteResponse.extend({ rooms: z.array(RoomResponse) });
export type SiteDetailResponse = z.infer<typeof SiteDetailResponse>;
export const SiteListResponse = z.object({ items: z.array(SiteResponse) });

export const DataCentrePartnerCreateRequest = z.strictObject({
  /** A `partner_data_centre` site of the same provider. */
  partnerSiteId: z.uuid(),
  purpose: text(500),
});
export type DataCentrePartnerCreateRequest = z.infer<typeof DataCentrePartnerCreateRequest>;

export const SiteRef = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: SiteKind,
  city: z.string().nullable(),
  partnerProviderName: z.string().nullable(),
});
export type SiteRef = z.infer<typeof SiteRef>;

export const DataCentreResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  city: z.string().nullable(),
  providerId: z.uuid(),
  partners: z.array(z.object({ linkId: z.uuid(), purpose: z.string(), site: SiteRef })),
  /** Placements running primarily here. */
  primaryCount: z.number().int(),
  abilities: z.object({ manage: z.boolean() }),
});
export const DataCentreListResponse = z.object({ items: z.array(DataCentreResponse) });

export const PlacementListQuery = z.strictObject({
  siteId: z.uuid().optional(),
  orgId: z.uuid().optional(),
});
export const PlacementCreateRequest = z.strictObject({
  /** The provider, or the member whose own system this is (the member then sees it too). */
  orgId: z.uuid(),
  /** A catalogue service, when the placement is of one. */
  serviceId: z.uuid().nullable().optional(),
  name: text(200),
  primarySiteId: z.uuid(),
  replicaSiteId: z.uuid().nullable().optional(),
  replication: ReplicationMode.default('asynchronous'),
  rtoHours: z.number().int().min(0).max(8760).nullable().optional(),
  notes: optText(2000),
});
export type PlacementCreateRequest = z.infer<typeof PlacementCreateRequest>;
export const PlacementUpdateRequest = z
  .strictObject({
    name: text(200).optional(),
    primarySiteId: z.uuid().optional(),
    replicaSiteId: z.uuid().nullable().optional(),
    replication: ReplicationMode.optional(),
    rtoHours: z.number().int().min(0).max(8760).nullable().optional(),
    notes: optText(2000),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.');
export type PlacementUpdateRequest = z.infer<typeof PlacementUpdateRequest>;

export const PlacementResponse = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  providerId: z.uuid(),
  serviceId: z.uuid().nullable(),
  name: z.string(),
  primarySite: SiteRef,
  replicaSite: SiteRef.nullable(),
  replication: ReplicationMode,
  rtoHours: z.number().int().nullable(),
  notes: z.string().nullable(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type PlacementResponse = z.infer<typeof PlacementResponse>;
export const PlacementListResponse = z.object({ items: z.array(PlacementResponse) });

export const FailoverEntry = z.object({
  placementId: z.uuid(),
  name: z.string(),
  orgName: z.string(),
  replication: ReplicationMode,
  rtoHours: z.number().int().nullable(),
  /** Null: no replica — the service is down until the site is back (or restored from backup). */
  target: SiteRef.nullable(),
});
export const FailoverResponse = z.object({
  /** Per site that runs something primarily: what fails over where if it goes down. */
  sites: z.array(
    z.object({
      site: SiteRef,
      entries: z.array(FailoverEntry),
      /** Target site name → number of services that fail over there. */
      targets: z.array(z.object({ site: SiteRef, count: z.number().int() })),
      withoutReplica: z.number().int(),
    }),
  ),
  /**
   * Replicas that partner providers keep at this provider's data centres: only the partner's name,
   * the service name and the replication; never the partner's members.
   */
  hostedForPartners: z.array(
    z.object({ partnerName: z.string(), serviceName: z.string(), replication: ReplicationMode, siteName: z.string() }),
  ),
});
export type FailoverResponse = z.infer<typeof FailoverResponse>;
