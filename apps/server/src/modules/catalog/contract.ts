/**
 * What billing reads from the catalogue, in the caller's transaction (tenant or system). Stable:
 * extend only. Decimal values are strings with 4 fraction digits; dates ISO `YYYY-MM-DD`, every
 * `to` the last day inclusive.
 */
import { and, asc, eq, inArray, isNull, lte, or, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { organisations } from '../organisations/organisations.schema.js';
import {
  priceListItems,
  priceLists,
  priceTiers,
  services,
  subscriptionQuantities,
  subscriptions,
  type CHARGE_UNITS,
  type SERVICE_VAT_TREATMENTS,
  type TIER_MODES,
} from './catalog.schema.js';
import { format4, of4 } from './money.js';
import { clipSegments, daysBetween, segmentsOf } from './segments.js';

export type ChargeUnit = (typeof CHARGE_UNITS)[number];
export type ServiceVatTreatment = (typeof SERVICE_VAT_TREATMENTS)[number];

export interface BillableSegment {
  from: string;
  /** Inclusive. */
  to: string;
  /** Decimal string, 4 fraction digits, > 0. */
  quantity: string;
  /** Days of from..to (inclusive), for pro-rata. */
  days: number;
}

export interface BillableSubscription {
  subscriptionId: string;
  memberId: string;
  memberName: string;
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  serviceNameEn: string | null;
  category: string;
  chargeUnit: ChargeUnit;
  /** UN/ECE Rec 20 (BT-130). */
  unitCode: string;
  vatTreatment: ServiceVatTreatment;
  /** VATEX code (BT-121), set for `exempt`. */
  vatExemptionCode: string | null;
  /** Reason text (BT-120) for `exempt` / `not_taxable_2b`. */
  vatExemptionReason: string | null;
  /** The subscription's own dates (validTo null = open-ended). */
  validFrom: string;
  validTo: string | null;
  /** Quantity segments cut to the period, oldest first; zero quantities left out. Never empty. */
  segments: BillableSegment[];
}

/**
 * Every subscription of the provider's members that has a quantity above zero on some day of
 * `periodStart`..`periodEnd` (inclusive), with its service data and the quantity segments cut to
 * the period. Ordered by member name, member id, service code, subscription start.
 */
export async function billableSubscriptions(tx: Tx, providerId: string, periodStart: string, periodEnd: string): Promise<BillableSubscription[]> {
  if (periodEnd < periodStart) {
    throw new Error('billableSubscriptions: period ends before it starts');
  }
  const overlapping = and(
    eq(subscriptions.providerId, providerId),
    lte(subscriptions.validFrom, periodEnd),
    or(isNull(subscriptions.validTo), gte(subscriptions.validTo, periodStart)),
  );
  const subs = await tx
    .select({
      subscriptionId: subscriptions.id,
      memberId: subscriptions.orgId,
      memberName: organisations.name,
      serviceId: services.id,
      serviceCode: services.code,
      serviceName: services.nameDe,
      serviceNameEn: services.nameEn,
      category: services.category,
      chargeUnit: services.chargeUnit,
      unitCode: services.unitCode,
      vatTreatment: services.vatTreatment,
      vatExemptionCode: services.vatExemptionCode,
      vatExemptionReason: services.vatExemptionReason,
      validFrom: subscriptions.validFrom,
      validTo: subscriptions.validTo,
    })
    .from(subscriptions)
    .innerJoin(services, eq(services.id, subscriptions.serviceId))
    .innerJoin(organisations, eq(organisations.id, subscriptions.orgId))
    .where(overlapping)
    .orderBy(asc(organisations.name), asc(subscriptions.orgId), asc(services.code), asc(subscriptions.validFrom));
  if (subs.length === 0) {
    return [];
  }
  const rows = await tx
    .select({ subscriptionId: subscriptionQuantities.subscriptionId, validFrom: subscriptionQuantities.validFrom, quantity: subscriptionQuantities.quantity })
    .from(subscriptionQuantities)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionQuantities.subscriptionId))
    .where(and(overlapping, lte(subscriptionQuantities.validFrom, periodEnd)));
  const bySub = new Map<string, { validFrom: string; quantity: string }[]>();
  for (const r of rows) {
    let list = bySub.get(r.subscriptionId);
    if (!list) {
      list = [];
      bySub.set(r.subscriptionId, list);
    }
    list.push(r);
  }
  const out: BillableSubscription[] = [];
  for (const s of subs) {
    const segments = clipSegments(segmentsOf(s, bySub.get(s.subscriptionId) ?? []), periodStart, periodEnd)
      .filter((g) => of4(g.quantity) > 0n)
      .map((g) => ({ from: g.from, to: g.to, quantity: g.quantity, days: daysBetween(g.from, g.to) }));
    if (segments.length > 0) {
      out.push({ ...s, segments });
    }
  }
  return out;
}

export interface PriceTierValue {
  /** From more than this quantity on (decimal string). */
  aboveQuantity: string;
  unitPrice: string;
}

export interface PriceValue {
  itemId: string;
  serviceId: string;
  serviceCode: string;
  /** Net euro per unit up to the first tier threshold, 4 fraction digits. */
  unitPrice: string;
  tierMode: (typeof TIER_MODES)[number];
  /** Ascending by threshold; empty without tiers. */
  tiers: PriceTierValue[];
}

export interface PriceListValue {
  id: string;
  providerId: string;
  year: number;
  name: string;
  publishedAt: Date | null;
  frozenAt: Date | null;
  items: PriceValue[];
}

/**
 * The provider's price list of `year` with every price and its tiers, or undefined when there is
 * none. Returned whatever its state (draft or published, frozen or not): the caller decides.
 * Use `priceBands(quantity, price)` / `amountFor` from this module to price a quantity.
 */
export async function priceListForYear(tx: Tx, providerId: string, year: number): Promise<PriceListValue | undefined> {
  const [list] = await tx
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.providerId, providerId), eq(priceLists.year, year)))
    .limit(1);
  if (!list) {
    return undefined;
  }
  return { id: list.id, providerId: list.providerId, year: list.year, name: list.name, publishedAt: list.publishedAt, frozenAt: list.frozenAt, items: await pricesOf(tx, list.id) };
}

/** Prices of one list, ordered by service code, with their tiers ascending. */
export async function pricesOf(tx: Tx, priceListId: string): Promise<PriceValue[]> {
  const items = await tx
    .select({ itemId: priceListItems.id, serviceId: priceListItems.serviceId, serviceCode: services.code, unitPrice: priceListItems.unitPrice, tierMode: priceListItems.tierMode })
    .from(priceListItems)
    .innerJoin(services, eq(services.id, priceListItems.serviceId))
    .where(eq(priceListItems.priceListId, priceListId))
    .orderBy(asc(services.code));
  const tiers =
    items.length === 0
      ? []
      : await tx
          .select({ itemId: priceTiers.itemId, aboveQuantity: priceTiers.aboveQuantity, unitPrice: priceTiers.unitPrice })
          .from(priceTiers)
          .where(inArray(priceTiers.itemId, items.map((i) => i.itemId)))
          .orderBy(asc(priceTiers.aboveQuantity));
  const byItem = new Map<string, PriceTierValue[]>();
  for (const t of tiers) {
    const list = byItem.get(t.itemId) ?? [];
    list.push({ aboveQuantity: format4(of4(t.aboveQuantity)), unitPrice: format4(of4(t.unitPrice)) });
    byItem.set(t.itemId, list);
  }
  return items.map((i) => ({ ...i, unitPrice: format4(of4(i.unitPrice)), tiers: byItem.get(i.itemId) ?? [] }));
}

/**
 * Marks a price list as used by an invoice: from now on every change to it (prices, tiers, name,
 * deletion) answers 409. Idempotent (the first freeze time stays). Call it in the transaction that
 * issues the invoice. Throws NotFoundError (404) when the list is not visible in `tx`.
 */
export async function freezePriceList(tx: Tx, priceListId: string): Promise<void> {
  const rows = await tx
    .update(priceLists)
    .set({ frozenAt: sql`coalesce(${priceLists.frozenAt}, now())` })
    .where(eq(priceLists.id, priceListId))
    .returning({ id: priceLists.id });
  if (rows.length === 0) {
    throw new NotFoundError('Price list not found.');
  }
}

export interface VatLine {
  /** UNCL 5305 category (BT-151): S standard, O not subject to VAT, E exempt. */
  category: 'S' | 'O' | 'E';
  /** Rate in percent as decimal string (BT-152): '19.00' for S, '0.00' for E, null for O (no rate). */
  ratePercent: string | null;
  /** BT-121 VATEX code (E only). */
  exemptionReasonCode: string | null;
  /** BT-120 text (O and E). */
  exemptionReason: string | null;
}

/** Default reason printed for services not taxable under § 2b UStG. */
export const NOT_TAXABLE_2B_REASON = 'Nicht steuerbar gemäß § 2b UStG (Leistung einer juristischen Person des öffentlichen Rechts)';

/** The invoice VAT data of a service's treatment. */
export function vatLineOf(s: { vatTreatment: ServiceVatTreatment; vatExemptionCode: string | null; vatExemptionReason: string | null }): VatLine {
  switch (s.vatTreatment) {
    case 'taxable_19':
      return { category: 'S', ratePercent: '19.00', exemptionReasonCode: null, exemptionReason: null };
    case 'not_taxable_2b':
      return { category: 'O', ratePercent: null, exemptionReasonCode: null, exemptionReason: s.vatExemptionReason ?? NOT_TAXABLE_2B_REASON };
    case 'exempt':
      return { category: 'E', ratePercent: '0.00', exemptionReasonCode: s.vatExemptionCode, exemptionReason: s.vatExemptionReason };
  }
}
