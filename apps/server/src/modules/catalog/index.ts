// Contract for billing (see /tmp/verbund-notes/catalog-contract.md): stable, extend only.
export {
  billableSubscriptions,
  priceListForYear,
  pricesOf,
  freezePriceList,
  vatLineOf,
  NOT_TAXABLE_2B_REASON,
  type VatLine,
  type BillableSubscription,
  type BillableSegment,
  type PriceListValue,
  type PriceValue,
  type PriceTierValue,
  type ChargeUnit,
  type ServiceVatTreatment,
} from './contract.js';
export { priceBands, amountFor, type PriceBand, type TierPrice, type TierMode } from './tiers.js';
export { segmentsOf, clipSegments, quantityOn, daysBetween, type Segment, type QuantityChange } from './segments.js';
export { parse4, format4, of4, formatScaled, roundScaled, centsOf8 } from './money.js';
export {
  services,
  priceLists,
  priceListItems,
  priceTiers,
  subscriptions,
  subscriptionQuantities,
  CHARGE_UNITS,
  SERVICE_VAT_TREATMENTS,
  TIER_MODES,
  type ServiceRow,
  type PriceListRow,
  type SubscriptionRow,
} from './catalog.schema.js';
export { catalogRoutes } from './catalog.routes.js';
