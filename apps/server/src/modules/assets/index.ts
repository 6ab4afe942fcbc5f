export { getAssetForOrg, getAssetRefs, type AssetRef } from './asset-refs.js';
export { AssetsService, noLifecycleWarnings, type LifecycleWarnings } from './assets.service.js';
export type { AssetWarning } from './assets.dto.js';
export {
  assets,
  assetRelations,
  assetSettings,
  assetNumberCounters,
  ASSET_TYPES,
  ASSET_STATUSES,
  RELATION_TYPES,
  type AssetType,
  type AssetStatus,
  type RelationType,
  type AssetRow,
} from './assets.schema.js';
export { bookValueAt, depreciationInYear, DEFAULT_USEFUL_LIFE_MONTHS } from './depreciation.js';
export { RelationsService } from './relations.service.js';
export { InventoryService } from './inventory.service.js';
export { ImportService } from './import.service.js';
export { assetsRoutes } from './assets.routes.js';
export { insertMany as insertAssetsBulk } from './assets.repository.js';
