export { sites, siteRooms, dataCentrePartners, servicePlacements, SITE_KINDS, ROOM_PURPOSES, REPLICATION_MODES } from './sites.schema.js';
export type { SiteRow, SiteRoomRow, SiteKind, DataCentrePartnerRow, ServicePlacementRow } from './sites.schema.js';
