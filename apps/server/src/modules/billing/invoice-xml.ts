/**
 * From a computed invoice to the EN 16931 model and the XRechnung XML (packages/einvoice). Pure:
 * the caller passes the seller settings, the buyer and the lines; the model is stored with the
 * issued invoice, so the XML (UBL or CII) and the PDF can always be produced again from it.
 */
import { validate, writeXRechnung, type Invoice, type InvoiceLine, type VatBreakdown } from '@verbund/einvoice';
import { centsToDecimal, vatCents } from './allocation.js';
import type { BillingSettingsRow, StoredLine } from './billing.schema.js';

export const NOT_TAXABLE_2B_TEXT = 'Nicht steuerbar gemäß § 2b UStG (Leistung einer juristischen Person des öffentlichen Rechts)';

export interface BuyerData {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  leitwegId: string;
}

export interface ModelInput {
  number: string;
  issueDate: string;
  dueDate: string | null;
  typeCode: '380' | '381';
  periodStart: string;
  periodEnd: string;
  lines: StoredLine[];
  /** Reason texts (BT-120) and VATEX codes (BT-121); default: taken from the first line of the category. */
  exemption?: { O?: string; E?: { reason: string; code: string } };
  preceding?: { number: string; issueDate: string | null } | null;
  note?: string;
}

export type SellerData = Pick<
  BillingSettingsRow,
  | 'sellerName'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'countryCode'
  | 'vatId'
  | 'taxNumber'
  | 'iban'
  | 'bic'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'electronicAddress'
  | 'electronicAddressScheme'
  | 'paymentTermsDays'
>;

export interface Totals {
  netCents: bigint;
  vatCents: bigint;
  grossCents: bigint;
  byCategory: { category: 'S' | 'O' | 'E'; rate: string | null; netCents: bigint; vatCents: bigint }[];
}

/** Sums per VAT category; VAT is computed on the category sum and rounded half away from zero. */
export function totalsOf(lines: readonly StoredLine[]): Totals {
  const groups = new Map<string, { category: 'S' | 'O' | 'E'; rate: string | null; netCents: bigint; vatCents: bigint }>();
  for (const l of lines) {
    const k = `${l.vatCategory}|${l.vatRate ?? ''}`;
    const g = groups.get(k) ?? { category: l.vatCategory, rate: l.vatRate, netCents: 0n, vatCents: 0n };
    g.netCents += BigInt(l.netCents);
    groups.set(k, g);
  }
  const byCategory = [...groups.values()].map((g) => ({ ...g, vatCents: g.category === 'S' && g.rate ? vatCents(g.netCents, g.rate) : 0n }));
  const net = byCategory.reduce((a, g) => a + g.netCents, 0n);
  const vat = byCategory.reduce((a, g) => a + g.vatCents, 0n);
  return { netCents: net, vatCents: vat, grossCents: net + vat, byCategory };
}

/** Line quantity and price: EN 16931 wants a non-negative price, so a negative amount is quantity −1. */
function quantityOf(l: StoredLine): string {
  return BigInt(l.netCents) < 0n && l.quantity === '1' ? '-1' : l.quantity;
}

/** The EN 16931 model of an invoice or credit note (amounts of a credit note as positive values). */
export function buildModel(seller: SellerData, buyer: BuyerData, input: ModelInput): Invoice {
  const totals = totalsOf(input.lines);
  const firstO = input.lines.find((l) => l.vatCategory === 'O');
  const firstE = input.lines.find((l) => l.vatCategory === 'E');
  const exemption = {
    O: input.exemption?.O ?? firstO?.vatReason,
    E: input.exemption?.E ?? (firstE ? { reason: firstE.vatReason ?? 'Steuerfreie Leistung', code: firstE.vatex ?? 'VATEX-EU-132-1I' } : undefined),
  };
  const hasO = input.lines.some((l) => l.vatCategory === 'O');
  const lines: InvoiceLine[] = input.lines.map((l) => ({
    id: l.id,
    quantity: quantityOf(l),
    unitCode: l.unitCode,
    netAmount: centsToDecimal(BigInt(l.netCents)),
    netPrice: l.unitPrice,
    vatCategory: l.vatCategory,
    vatRate: l.vatCategory === 'O' ? undefined : (l.vatRate ?? '0'),
    itemName: l.name,
    itemDescription: l.description,
    period: l.periodStart && l.periodEnd ? { start: l.periodStart, end: l.periodEnd } : undefined,
    allowanceCharges: [],
    classifications: [],
    attributes: [],
    subLines: [],
  }));
  const breakdown: VatBreakdown[] = totals.byCategory.map((g) => ({
    taxableAmount: centsToDecimal(g.netCents),
    taxAmount: centsToDecimal(g.vatCents),
    categoryCode: g.category,
    // XRechnung wants BT-119 in every breakdown (BR-DE-14), also for O, where it is 0.
    rate: g.category === 'O' ? '0' : (g.rate ?? '0'),
    exemptionReason: g.category === 'O' ? (exemption.O ?? NOT_TAXABLE_2B_TEXT) : g.category === 'E' ? exemption.E?.reason : undefined,
    exemptionReasonCode: g.category === 'E' ? exemption.E?.code : undefined,
  }));
  const sellerId = seller.taxNumber ?? seller.vatId ?? undefined;
  const credit = input.typeCode === '381';
  return {
    id: input.number,
    issueDate: input.issueDate,
    typeCode: input.typeCode,
    currency: 'EUR',
    dueDate: credit ? undefined : (input.dueDate ?? undefined),
    buyerReference: buyer.leitwegId,
    paymentTerms: credit
      ? 'Der Betrag wird Ihnen erstattet bzw. mit der nächsten Forderung verrechnet.'
      : `Zahlbar innerhalb von ${seller.paymentTermsDays} Tagen ohne Abzug.`,
    notes: input.note ? [{ text: input.note }] : [],
    precedingInvoices: input.preceding ? [{ id: input.preceding.number, issueDate: input.preceding.issueDate ?? undefined }] : [],
    seller: {
      name: seller.sellerName,
      // A VAT id must not appear beside "not subject to VAT" (BR-O-02); the tax number identifies the seller then.
      identifiers: hasO && sellerId ? [{ value: sellerId }] : [],
      vatId: hasO ? undefined : (seller.vatId ?? undefined),
      taxRegistrationId: seller.vatId && !hasO ? undefined : (seller.taxNumber ?? undefined),
      electronicAddress: { value: seller.electronicAddress, schemeId: seller.electronicAddressScheme },
      address: { line1: seller.street, city: seller.city, postCode: seller.postalCode, countryCode: seller.countryCode },
      contact: { name: seller.contactName, phone: seller.contactPhone, email: seller.contactEmail },
    },
    buyer: {
      name: buyer.name,
      identifiers: [],
      electronicAddress: { value: buyer.leitwegId, schemeId: '0204' },
      address: { line1: buyer.street ?? undefined, city: buyer.city ?? undefined, postCode: buyer.postalCode ?? undefined, countryCode: 'DE' },
    },
    invoicePeriod: { start: input.periodStart, end: input.periodEnd },
    paymentInstructions: [
      {
        typeCode: '58',
        remittanceInfo: input.number,
        creditTransfers: [{ accountId: seller.iban, accountName: seller.sellerName, serviceProviderId: seller.bic ?? undefined }],
      },
    ],
    allowanceCharges: [],
    totals: {
      lineNetTotal: centsToDecimal(totals.netCents),
      taxExclusive: centsToDecimal(totals.netCents),
      vatTotal: centsToDecimal(totals.vatCents),
      taxInclusive: centsToDecimal(totals.grossCents),
      payable: centsToDecimal(totals.grossCents),
    },
    vatBreakdown: breakdown,
    attachments: [],
    lines,
  };
}

export type XmlSyntax = 'ubl' | 'cii';

export class InvoiceValidationError extends Error {
  constructor(
    readonly number: string,
    readonly errors: string[],
    readonly messages: string[],
  ) {
    super(`XRechnung ${number} is not valid: ${errors.join(', ')}`);
  }
}

/** Writes the XML and validates exactly that document; throws InvoiceValidationError when not valid. */
export function writeValidated(model: Invoice, syntax: XmlSyntax): string {
  const xml = writeXRechnung(model, { syntax });
  const v = validate(xml);
  if (!v.valid) {
    const messages = v.findings.filter((f) => f.level === 'fatal').map((f) => `${f.id}: ${f.message_de ?? f.text}`);
    throw new InvoiceValidationError(model.id ?? '?', v.errors, messages);
  }
  return xml;
}
