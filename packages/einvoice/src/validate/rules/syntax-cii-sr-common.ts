/**
 * Shared pieces of the CII-SR tables: the text and message of a presence rule, the table parser
 * and the path abbreviations of the CII structure.
 */
import type { XElement } from '../../xml/parse.js';
import type { Flag, RuleContext } from '../types.js';
import { table, type PresenceSpec } from './syntax-engine.js';

export type Family = [key: string, contexts: (c: RuleContext) => readonly XElement[], specs: PresenceSpec[]];

export const words = (path: string) => path.split('/').pop()!;
export const de = (w: string) =>
  `Die Rechnung enthält „${w.replace(/^@/, '')}“. Dieses CII-Element ist in EN 16931 nicht vorgesehen und sollte weggelassen werden; der Empfänger wertet es nicht aus.`;

export function rows(src: string, flag: Flag = 'warning'): PresenceSpec[] {
  return table({ prefix: 'CII-SR-', flag, words, text: (w, id) => `[${id}] - ${w} should not be present`, de }, src);
}

export const GP = 'GrossPriceProductTradePrice';
export const NP = 'NetPriceProductTradePrice';
export const ATAC = `${GP}/AppliedTradeAllowanceCharge`;
export const STP = 'SellerTradeParty';
export const BTP = 'BuyerTradeParty';
export const STR = 'SellerTaxRepresentativeTradeParty';
export const STTP = 'ShipToTradeParty';
export const ADSCE = 'ActualDeliverySupplyChainEvent';
export const PTP = 'PayeeTradeParty';
export const PM = 'SpecifiedTradeSettlementPaymentMeans';
export const CARD = `${PM}/ApplicableTradeSettlementFinancialCard`;
export const TERMS = 'SpecifiedTradePaymentTerms';
export const STAC = 'SpecifiedTradeAllowanceCharge';

export function contact(party: string, first: number): string {
  const n = (k: number) => String(first + k).padStart(3, '0');
  const dtc = `${party}/DefinedTradeContact`;
  return [
    'ID',
    'TypeCode',
    'JobTitle',
    'Responsibility',
    'PersonID',
    'TelephoneUniversalCommunication/URIID',
    'TelephoneUniversalCommunication/ChannelCode',
    'DirectTelephoneUniversalCommunication',
    'MobileTelephoneUniversalCommunication',
    'FaxUniversalCommunication',
    'EmailURIUniversalCommunication/ChannelCode',
    'EmailURIUniversalCommunication/CompleteNumber',
    'TelexUniversalCommunication',
    'VOIPUniversalCommunication',
    'InstantMessagingUniversalCommunication',
    'SpecifiedNote',
    'SpecifiedContactPerson',
  ]
    .map((p, k) => `${n(k)} ${dtc}/${p}`)
    .join('\n');
}
