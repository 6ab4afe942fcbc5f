/**
 * CII-SR-001…466: elements of CII D16B that EN 16931 does not use ("… should not be present",
 * mostly warnings) and the cardinalities it restricts. Implemented from the published rule list
 * of the EN 16931 CII syntax binding (validation 1.3.15): each table is one Schematron rule
 * context; a rule fires once per context node, located at the first offending element. The rules
 * CII-SR-452…454 and 461/462/465/466 are in syntax-cii.ts.
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, stringValue } from '../../xml/tree.js';
import type { Flag, Rule } from '../types.js';
import { countPath, countRule, groupOf, presenceFamily, type PresenceFamily } from './syntax-engine.js';
import * as X from './syntax-cii-contexts.js';
import { LINE_FAMILIES } from './syntax-cii-sr-lines.js';
import { HEADER_FAMILIES } from './syntax-cii-sr-header.js';
import { BTP, de, GP, NP, PTP, STP, STTP } from './syntax-cii-sr-common.js';

const families = [...LINE_FAMILIES, ...HEADER_FAMILIES];

type Ctx = (typeof families)[number][1];

function cardinality(
  id: string,
  flag: Flag,
  text: string,
  contexts: Ctx,
  count: (e: XElement) => number,
  ok: (n: number) => boolean,
  deText: string,
): Rule {
  return countRule(id, flag, `[${id}] - ${text}`, contexts, count, ok, { syntaxes: X.CII, de: deText });
}

function path(...names: string[]): (e: XElement) => number {
  return (e) => countPath(e, ...names);
}

/** `(not(P/ID) and P/GlobalID) or (P/ID and not(P/GlobalID)) or (neither)`: never both. */
function oneIdentifier(party: string): (e: XElement) => number {
  return (e) => {
    const p = children(e, party);
    const hasId = p.some((x) => child(x, 'ID'));
    const hasGlobal = p.some((x) => child(x, 'GlobalID'));
    return hasId && hasGlobal ? 2 : 1;
  };
}

/** xs:boolean cast of a udt:Indicator value */
function isFalse(e: XElement): boolean {
  const v = stringValue(e).trim();
  return v === 'false' || v === '0';
}

export const CII_SR_FAMILIES: PresenceFamily[] = families.map(([key, contexts, specs]) => ({
  key,
  syntaxes: X.CII,
  contexts,
  specs,
}));

const PRESENCE_GROUPS = CII_SR_FAMILIES.map(presenceFamily);

const COUNT_RULES: Rule[] = [
  cardinality(
    'CII-SR-003',
    'warning',
    'BusinessProcessSpecifiedDocumentContextParameter should exist maximum once',
    X.docContext,
    path('BusinessProcessSpecifiedDocumentContextParameter'),
    (n) => n <= 1,
    'Die Prozesskennung (BT-23) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-009',
    'fatal',
    'GuidelineSpecifiedDocumentContextParameter must exist exactly once',
    X.docContext,
    path('GuidelineSpecifiedDocumentContextParameter'),
    (n) => n === 1,
    'Die Spezifikationskennung (BT-24) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-010',
    'fatal',
    'ID must exist exactly once',
    X.docContext,
    path('GuidelineSpecifiedDocumentContextParameter', 'ID'),
    (n) => n === 1,
    'Die Spezifikationskennung (BT-24) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-014',
    'fatal',
    'TypeCode must exist exactly once',
    X.exchangedDocument,
    path('TypeCode'),
    (n) => n === 1,
    'Der Rechnungstyp (BT-3) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-030',
    'warning',
    'Content should exist maximum once',
    X.exchangedNote,
    path('Content'),
    (n) => n <= 1,
    'Eine Bemerkung zur Rechnung (BT-22) darf nur einen Text haben.',
  ),
  cardinality(
    'CII-SR-039',
    'warning',
    'IncludedNote should exist maximum once',
    X.lineDocument,
    path('IncludedNote'),
    (n) => n <= 1,
    'Eine Rechnungsposition darf höchstens eine Notiz (BT-127) haben.',
  ),
  cardinality(
    'CII-SR-040',
    'warning',
    'Content should exist maximum once',
    X.lineDocument,
    path('IncludedNote', 'Content'),
    (n) => n <= 1,
    'Die Positionsnotiz (BT-127) darf nur einen Text haben.',
  ),
  cardinality(
    'CII-SR-046',
    'fatal',
    'schemeID must be present if GlobalID is present',
    X.lineProduct,
    (p) => {
      const g = children(p, 'GlobalID');
      return g.length === 0 || g.some((e) => e.attrs.schemeID !== undefined) ? 1 : 0;
    },
    (n) => n === 1,
    'Zur Standard-Artikelkennung (BT-157) muss das Kennungsschema (schemeID) angegeben sein.',
  ),
  cardinality(
    'CII-SR-069',
    'fatal',
    'Description should exist maximum once.',
    X.productCharacteristics,
    path('Description'),
    (n) => n === 1,
    'Ein Artikelmerkmal (BG-32) braucht genau einen Namen (BT-160).',
  ),
  cardinality(
    'CII-SR-072',
    'fatal',
    'Value should exist maximum once.',
    X.productCharacteristics,
    path('Value'),
    (n) => n === 1,
    'Ein Artikelmerkmal (BG-32) braucht genau einen Wert (BT-161).',
  ),
  cardinality(
    'CII-SR-090',
    'fatal',
    'ID should exist maximum once.',
    X.lineProduct,
    (p) => {
      const o = children(p, 'OriginTradeCountry');
      return o.length === 0 ? 1 : countPath(p, 'OriginTradeCountry', 'ID');
    },
    (n) => n === 1,
    'Das Herkunftsland des Artikels (BT-159) muss genau einen Ländercode haben.',
  ),
  cardinality(
    'CII-SR-439',
    'fatal',
    'ChargeAmount should exist maximum once',
    X.lineAgreement,
    path(NP, 'ChargeAmount'),
    (n) => n === 1,
    'Der Nettopreis (BT-146) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-441',
    'fatal',
    'ChargeAmount should exist maximum once',
    X.lineAgreement,
    path(NP, 'ChargeAmount'),
    (n) => n <= 1,
    'Der Nettopreis (BT-146) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-119',
    'warning',
    'Only allowances on price a price should be present',
    X.lineAgreement,
    (a) => {
      const atac = all(a, GP, 'AppliedTradeAllowanceCharge');
      const indicators = atac.flatMap((x) => children(x, 'ChargeIndicator'));
      const amounts = atac.flatMap((x) => children(x, 'ActualAmount'));
      const allowance = indicators.some((i) => children(i, 'Indicator').some(isFalse));
      return (allowance && amounts.length > 0) || (indicators.length === 0 && amounts.length === 0) ? 1 : 0;
    },
    (n) => n === 1,
    'Am Bruttopreis sind nur Nachlässe (ChargeIndicator false) mit Betrag erlaubt.',
  ),
  cardinality(
    'CII-SR-440',
    'fatal',
    'ActualAmount should exist maximum once',
    X.grossPriceAllowances,
    path('ActualAmount'),
    (n) => n <= 1,
    'Der Preisnachlass (BT-147) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'CII-SR-463',
    'fatal',
    '[CII-SR-463]-Each Specified Trade Allowance Charge (BG-20)(BG-21) shall contain a Charge Indicator.',
    X.tradeAllowanceCharges,
    path('ChargeIndicator'),
    (n) => n > 0,
    {
      syntaxes: X.CII,
      de: 'Jeder Nachlass und Zuschlag (BG-20, BG-21) braucht die Angabe, ob es ein Zuschlag ist (ChargeIndicator).',
    },
  ),
  // As published the test is a tautology (A or B) or (not A and not B); it cannot fire.
  cardinality(
    'CII-SR-464',
    'warning',
    'Only one BT-86 element is allowed on an invoice.',
    X.paymentMeansCii,
    (m) => {
      const a = child(m, 'PayeeSpecifiedCreditorFinancialInstitution') !== undefined;
      const b = child(m, 'PayerSpecifiedDebtorFinancialInstitution') !== undefined;
      return a || b || (!a && !b) ? 1 : 0;
    },
    (n) => n === 1,
    'Die Kennung des Zahlungsdienstleisters (BT-86) darf nur einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-449',
    'warning',
    'Only one delivery to location identifier should be present (either the ID or the Global ID)',
    X.headerDelivery,
    oneIdentifier(STTP),
    (n) => n === 1,
    'Der Lieferort (BT-71) sollte nur eine Kennung haben (ID oder GlobalID).',
  ),
  cardinality(
    'CII-SR-450',
    'warning',
    'Only one  buyer identifier should be present (either the ID or the Global ID)',
    X.headerAgreement,
    oneIdentifier(BTP),
    (n) => n === 1,
    'Der Käufer (BT-46) sollte nur eine Kennung haben (ID oder GlobalID).',
  ),
  cardinality(
    'CII-SR-451',
    'warning',
    'Only one payee identifier should be present (either the ID or the Global ID)',
    X.headerSettlement,
    oneIdentifier(PTP),
    (n) => n === 1,
    'Der Zahlungsempfänger (BT-60) sollte nur eine Kennung haben (ID oder GlobalID).',
  ),
  cardinality(
    'CII-SR-455',
    'fatal',
    'DefinedTradeContact of SellerTradeParty shall exist maximum once',
    X.headerAgreement,
    path(STP, 'DefinedTradeContact'),
    (n) => n <= 1,
    'Der Verkäufer darf nur einen Kontakt (BG-6) haben.',
  ),
  cardinality(
    'CII-SR-456',
    'fatal',
    'DefinedTradeContact of BuyerTradeParty shall exist maximum once',
    X.headerAgreement,
    path(BTP, 'DefinedTradeContact'),
    (n) => n <= 1,
    'Der Käufer darf nur einen Kontakt (BG-9) haben.',
  ),
  cardinality(
    'CII-SR-457',
    'warning',
    'IssuerAssignedID with TypeCode 50 should exist maximum once',
    X.headerAgreement,
    (a) =>
      children(a, 'AdditionalReferencedDocument').filter((d) =>
        children(d, 'TypeCode').some((t) => stringValue(t) === '50'),
      ).length,
    (n) => n <= 1,
    'Die Kennung der Ausschreibung oder des Loses (BT-17) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-458',
    'warning',
    'IssuerAssignedID with TypeCode 130 should exist maximum once',
    X.headerAgreement,
    (a) =>
      children(a, 'AdditionalReferencedDocument').filter((d) =>
        children(d, 'TypeCode').some((t) => stringValue(t) === '130'),
      ).length,
    (n) => n <= 1,
    'Die Objektkennung (BT-18) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-459',
    'fatal',
    'SellerTradeParty URIUniversalCommunication should exist maximum once',
    X.headerAgreement,
    path(STP, 'URIUniversalCommunication'),
    (n) => n <= 1,
    'Der Verkäufer darf nur eine elektronische Adresse (BT-34) haben.',
  ),
  cardinality(
    'CII-SR-460',
    'fatal',
    'BuyerTradeParty URIUniversalCommunication should exist maximum once',
    X.headerAgreement,
    path(BTP, 'URIUniversalCommunication'),
    (n) => n <= 1,
    'Der Käufer darf nur eine elektronische Adresse (BT-49) haben.',
  ),
  // root context: ram:ValuationBreakdownStatement (a ram element directly below the rsm root)
  countRule(
    'CII-SR-438',
    'warning',
    '[CII-SR-438] - ValuationBreakdownStatement should not be present',
    X.ciiRoot,
    (r) => children(r, 'ValuationBreakdownStatement').filter((e) => e.ns === X.RAM).length,
    (n) => n === 0,
    { syntaxes: X.CII, de: de('ValuationBreakdownStatement') },
  ),
];

export const ciiSrRules: Rule[] = [...PRESENCE_GROUPS.flatMap((g) => g.members!), ...COUNT_RULES];

/** The groups the engine runs: one per rule context plus one for the counts and conditions. */
export const ciiSrGroups: Rule[] = [...PRESENCE_GROUPS, groupOf('CII-SR', X.CII, COUNT_RULES)];
