/**
 * Volume tiers of a price: the item's unit price applies up to the first threshold; a tier says
 * "for more than `aboveQuantity` units, `unitPrice`". Two modes:
 *  - graduated (Staffel): each unit is priced by the band it falls in (units 1–100 at the base
 *    price, 101–500 at tier 1, …);
 *  - volume (Mengenrabatt): all units are priced at the band the total quantity reaches.
 * Pure functions on decimal strings; arithmetic in bigint ten-thousandths.
 */
import { centsOf8, format4, formatScaled, of4 } from './money.js';

export type TierMode = 'graduated' | 'volume';

export interface TierPrice {
  /** Price per unit up to the first threshold (decimal string, up to 4 digits). */
  unitPrice: string;
  tierMode: TierMode;
  tiers: readonly { aboveQuantity: string; unitPrice: string }[];
}

/** One priced band of a quantity: what an invoice line needs (quantity × unit price). */
export interface PriceBand {
  quantity: string;
  unitPrice: string;
  /** quantity × unitPrice, exact (8 fraction digits). */
  amountExact: string;
  /** The same in euro, rounded half away from zero to the cent. */
  amount: string;
}

interface Band {
  above: bigint;
  price: bigint;
}

function bandsOf(p: TierPrice): Band[] {
  const bands: Band[] = [{ above: 0n, price: of4(p.unitPrice) }];
  const sorted = [...p.tiers].map((t) => ({ above: of4(t.aboveQuantity), price: of4(t.unitPrice) })).sort((a, b) => (a.above < b.above ? -1 : a.above > b.above ? 1 : 0));
  bands.push(...sorted);
  return bands;
}

function band(quantity: bigint, price: bigint): PriceBand {
  const exact = quantity * price;
  return { quantity: format4(quantity), unitPrice: format4(price), amountExact: formatScaled(exact, 8), amount: formatScaled(centsOf8(exact), 2) };
}

/**
 * The bands a quantity is priced in: one band for volume mode or without tiers, one per touched
 * band for graduated mode. A zero quantity gives no band. Quantities are decimal strings.
 */
export function priceBands(quantity: string, p: TierPrice): PriceBand[] {
  const q = of4(quantity);
  if (q < 0n) {
    throw new Error('negative quantity');
  }
  if (q === 0n) {
    return [];
  }
  const bands = bandsOf(p);
  if (p.tierMode === 'volume') {
    let price = bands[0]!.price;
    for (const b of bands) {
      if (q > b.above) {
        price = b.price;
      }
    }
    return [band(q, price)];
  }
  const out: PriceBand[] = [];
  for (let i = 0; i < bands.length; i++) {
    const from = bands[i]!.above;
    const to = bands[i + 1]?.above;
    if (q <= from) {
      break;
    }
    const upper = to === undefined || q < to ? q : to;
    out.push(band(upper - from, bands[i]!.price));
  }
  return out;
}

/** Net amount of a quantity in euro (2 digits), the sum of its bands each rounded to the cent. */
export function amountFor(quantity: string, p: TierPrice): string {
  let cents = 0n;
  for (const b of priceBands(quantity, p)) {
    cents += centsOf8(of4(b.quantity) * of4(b.unitPrice));
  }
  return formatScaled(cents, 2);
}

/** Problems with a tier list (thresholds positive and distinct). Empty when fine. */
export function tierErrors(tiers: readonly { aboveQuantity: string; unitPrice: string }[]): { index: number; message: string }[] {
  const errors: { index: number; message: string }[] = [];
  const seen = new Set<bigint>();
  tiers.forEach((t, index) => {
    const above = of4(t.aboveQuantity);
    if (above <= 0n) {
      errors.push({ index, message: 'threshold must be above 0' });
    } else if (seen.has(above)) {
      errors.push({ index, message: 'threshold used twice' });
    }
    seen.add(above);
    if (of4(t.unitPrice) < 0n) {
      errors.push({ index, message: 'price must not be negative' });
    }
  });
  return errors;
}
