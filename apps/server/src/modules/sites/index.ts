export {
  sites,
  siteRooms,
  dataCentrePartners,
  servicePlacements,
  SITE_KINDS,
  ROOM_PURPOSES,
  REPLICATION_MODES,
} from './sites.schema.js';
export type { SiteRow, SiteRoomRow, SiteKind, DataCentrePartnerRow, ServicePlacementRow } from './sites.schema.js';
export { SitesService } from './sites.service.js';
export { PlacementsService } from './placements.service.js';
export { sitesRoutes } from './sites.routes.js';
import { findRooms, findSites, siteRefs } from './sites.repository.js';
/** For other modules (assets, backups): sites and rooms by id within the tenant scope; site names on the admin path. */
export const sitesLookup = { findSites, findRooms, siteRefs };
