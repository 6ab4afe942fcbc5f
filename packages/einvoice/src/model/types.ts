/**
 * The EN 16931 semantic model (plus the XRechnung extension terms we need to round-trip).
 * Every field names its business term. Amounts, quantities and percentages are kept as decimal
 * strings exactly as written (never JS numbers) so nothing is lost and the arithmetic rules can
 * compute exactly (see decimal.ts). A field is undefined when the element is absent and '' when it
 * is present but empty: several official rules distinguish the two.
 */

import type { Address, Identifier, Party } from './party.js';
import type { InvoiceLine } from './line.js';

export type * from './party.js';
export type * from './line.js';

/** Decimal as written, e.g. "1234.50" */
export type Amount = string;

/** BG-1 invoice note */
export interface Note {
  /** BT-21 */
  subjectCode?: string;
  /** BT-22 */
  text?: string;
}

/** BG-3 preceding invoice reference */
export interface PrecedingInvoice {
  /** BT-25 */
  id?: string;
  /** BT-26 */
  issueDate?: string;
}

/** BG-14 / BG-26 period */
export interface Period {
  /** BT-73 / BT-134 */
  start?: string;
  /** BT-74 / BT-135 */
  end?: string;
}

/** BG-13 delivery information */
export interface Delivery {
  /** BT-70 deliver-to party name */
  partyName?: string;
  /** BT-71 deliver-to location identifier (+ BT-71-1) */
  locationId?: Identifier;
  /** BT-72 actual delivery date */
  date?: string;
  /** BG-15 deliver-to address */
  address?: Address;
}

/** BG-17 credit transfer */
export interface CreditTransfer {
  /** BT-84 payment account identifier (IBAN or other) */
  accountId?: string;
  /** BT-85 payment account name */
  accountName?: string;
  /** BT-86 payment service provider identifier (BIC) */
  serviceProviderId?: string;
  /** CII keeps IBAN and proprietary IDs apart; kept to write the same element back */
  proprietary?: boolean;
}

/** BG-16 payment instructions (XRechnung allows several) */
export interface PaymentInstructions {
  /** BT-81 payment means type code (UNTDID 4461) */
  typeCode?: string;
  /** BT-82 payment means text */
  text?: string;
  /** BT-83 remittance information (UBL PaymentID per means; CII PaymentReference) */
  remittanceInfo?: string;
  /** BG-17 */
  creditTransfers: CreditTransfer[];
  /** BG-18 payment card: BT-87 primary account number, BT-88 holder name */
  card?: { pan?: string; holderName?: string; networkId?: string };
  /** BG-19 direct debit: BT-89 mandate reference, BT-90 creditor id, BT-91 debited account */
  directDebit?: { mandateId?: string; creditorId?: string; debitedAccountId?: string };
}

/** BG-20 / BG-21 document level, BG-27 / BG-28 line level allowance or charge */
export interface AllowanceCharge {
  /** false = allowance, true = charge */
  isCharge: boolean;
  /** BT-92 / BT-99 / BT-136 / BT-141 */
  amount?: Amount;
  /** BT-93 / BT-100 / BT-137 / BT-142 */
  baseAmount?: Amount;
  /** BT-94 / BT-101 / BT-138 / BT-143 */
  percentage?: Amount;
  /** BT-95 / BT-102 VAT category code (document level only) */
  vatCategory?: string;
  /** BT-96 / BT-103 VAT rate (document level only) */
  vatRate?: Amount;
  /** BT-97 / BT-104 / BT-139 / BT-144 */
  reason?: string;
  /** BT-98 / BT-105 / BT-140 / BT-145 */
  reasonCode?: string;
}

/** BG-23 VAT breakdown */
export interface VatBreakdown {
  /** BT-116 */
  taxableAmount?: Amount;
  /** BT-117 */
  taxAmount?: Amount;
  /** BT-118 (UNTDID 5305) */
  categoryCode?: string;
  /** BT-119 */
  rate?: Amount;
  /** BT-120 */
  exemptionReason?: string;
  /** BT-121 (VATEX) */
  exemptionReasonCode?: string;
  /** BT-7 per breakdown in CII (TaxPointDate) */
  taxPointDate?: string;
  /** BT-8 per breakdown in CII (DueDateTypeCode) */
  taxPointDateCode?: string;
}

/** BG-22 document totals */
export interface Totals {
  /** BT-106 sum of invoice line net amounts */
  lineNetTotal?: Amount;
  /** BT-107 sum of allowances on document level */
  allowanceTotal?: Amount;
  /** BT-108 sum of charges on document level */
  chargeTotal?: Amount;
  /** BT-109 invoice total without VAT */
  taxExclusive?: Amount;
  /** BT-110 invoice total VAT amount (document currency) */
  vatTotal?: Amount;
  /** BT-111 invoice total VAT amount in tax accounting currency */
  vatTotalTaxCurrency?: Amount;
  /** BT-112 invoice total with VAT */
  taxInclusive?: Amount;
  /** BT-113 paid amount */
  prepaid?: Amount;
  /** BT-114 rounding amount */
  rounding?: Amount;
  /** BT-115 amount due for payment */
  payable?: Amount;
}

/** BG-24 additional supporting document */
export interface Attachment {
  /** BT-122 */
  id?: string;
  /** BT-123 */
  description?: string;
  /** BT-124 external location */
  externalUri?: string;
  /** BT-125 attached document (base64) with BT-125-1 mime code and BT-125-2 file name */
  content?: { base64: string; mimeCode?: string; filename?: string };
  /** UBL DocumentTypeCode: 130 marks BT-18, 50 marks BT-17, 916 a supporting document (CII TypeCode) */
  typeCode?: string;
}

/** XRechnung extension BG-DEX-09 third party payment (UBL PrepaidPayment) */
export interface ThirdPartyPayment {
  /** BT-DEX-001 third party payment type */
  type?: string;
  /** BT-DEX-002 third party payment amount (+ currency) */
  amount?: Amount;
  currency?: string;
  /** BT-DEX-003 third party payment description */
  description?: string;
}

export type Syntax = 'ubl-invoice' | 'ubl-creditnote' | 'cii';

/** The whole invoice (BG-0) */
export interface Invoice {
  /** BT-24 specification identifier (CustomizationID / GuidelineID) */
  specificationId?: string;
  /** BT-23 business process type */
  processId?: string;
  /** BT-1 */
  id?: string;
  /** BT-2 issue date (YYYY-MM-DD) */
  issueDate?: string;
  /** BT-3 invoice type code (UNTDID 1001) */
  typeCode?: string;
  /** BT-5 */
  currency?: string;
  /** BT-6 */
  taxCurrency?: string;
  /** BT-7 VAT point date */
  taxPointDate?: string;
  /** BT-8 VAT point date code */
  taxPointDateCode?: string;
  /** BT-9 */
  dueDate?: string;
  /** BT-10 buyer reference (Leitweg-ID in XRechnung) */
  buyerReference?: string;
  /** BT-11 project reference (+ CII project name) */
  projectRef?: string;
  projectName?: string;
  /** BT-12 */
  contractRef?: string;
  /** BT-13 */
  orderRef?: string;
  /** BT-14 */
  salesOrderRef?: string;
  /** BT-15 */
  receivingAdviceRef?: string;
  /** BT-16 */
  despatchAdviceRef?: string;
  /** BT-17 tender or lot reference */
  tenderRef?: string;
  /** BT-18 invoiced object identifier (+ BT-18-1) */
  objectId?: Identifier;
  /** BT-19 buyer accounting reference */
  buyerAccountingRef?: string;
  /** BT-20 payment terms */
  paymentTerms?: string;
  /** BG-1 */
  notes: Note[];
  /** BG-3 */
  precedingInvoices: PrecedingInvoice[];
  /** BG-4 */
  seller: Party;
  /** BG-7 */
  buyer: Party;
  /** BG-10 */
  payee?: Party;
  /** BG-11 */
  taxRepresentative?: Party;
  /** BG-13 */
  delivery?: Delivery;
  /** BG-14 invoicing period */
  invoicePeriod?: Period;
  /** BG-16 */
  paymentInstructions: PaymentInstructions[];
  /** BG-20 + BG-21 */
  allowanceCharges: AllowanceCharge[];
  /** BG-22 */
  totals: Totals;
  /** BG-23 */
  vatBreakdown: VatBreakdown[];
  /** BG-24 */
  attachments: Attachment[];
  /** BG-25 */
  lines: InvoiceLine[];
  /** XRechnung extension BG-DEX-09 */
  thirdPartyPayments?: ThirdPartyPayment[];
}

export function emptyParty(): Party {
  return { identifiers: [] };
}
