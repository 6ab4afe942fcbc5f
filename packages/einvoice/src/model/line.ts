/**
 * EN 16931 invoice line (BG-25) with item attributes, and the XRechnung sub line (BG-DEX-01).
 */
import type { AllowanceCharge, Amount, Identifier, Period } from './types.js';

/** BG-32 item attribute */
export interface ItemAttribute {
  /** BT-160 */
  name?: string;
  /** BT-161 */
  value?: string;
}

/** BG-25 invoice line (and XRechnung BG-DEX-01 sub invoice line) */
export interface InvoiceLine {
  /** BT-126 */
  id?: string;
  /** BT-127 */
  note?: string;
  /** BT-128 invoice line object identifier (+ BT-128-1 scheme) */
  objectId?: Identifier;
  /** BT-129 invoiced quantity */
  quantity?: Amount;
  /** BT-130 unit of measure code */
  unitCode?: string;
  /** BT-131 line net amount */
  netAmount?: Amount;
  /** BT-132 referenced purchase order line */
  orderLineRef?: string;
  /** BT-133 buyer accounting reference */
  accountingRef?: string;
  /** BG-26 line period */
  period?: Period;
  /** BG-27 / BG-28 */
  allowanceCharges: AllowanceCharge[];
  /** BG-29 price details: BT-146 net price */
  netPrice?: Amount;
  /** BT-147 item price discount */
  priceDiscount?: Amount;
  /** BT-148 item gross price */
  grossPrice?: Amount;
  /** BT-149 base quantity */
  baseQuantity?: Amount;
  /** BT-150 base quantity unit code */
  baseQuantityUnit?: string;
  /** BG-30 line VAT: BT-151 category */
  vatCategory?: string;
  /** BT-152 rate */
  vatRate?: Amount;
  /** BG-31 item: BT-153 name */
  itemName?: string;
  /** BT-154 */
  itemDescription?: string;
  /** BT-155 */
  sellerItemId?: string;
  /** BT-156 */
  buyerItemId?: string;
  /** BT-157 (+ BT-157-1) */
  standardItemId?: Identifier;
  /** BT-158 (+ BT-158-1 list id, BT-158-2 list version) */
  classifications: { code: string; listId?: string; listVersion?: string }[];
  /** BT-159 */
  originCountry?: string;
  /** BG-32 */
  attributes: ItemAttribute[];
  /** XRechnung extension BG-DEX-01, nested as in UBL (SubInvoiceLine) */
  subLines: InvoiceLine[];
  /** XRechnung extension in CII: sub lines stay flat and name their parent line (ParentLineID) */
  parentLineId?: string;
}
