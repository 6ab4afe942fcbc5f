/**
 * CII-DT-001…104: datatype restrictions of the EN 16931 CII syntax binding (validation 1.3.15):
 * attributes that identifiers, codes, amounts and quantities must not carry, the parts of
 * referenced documents, trade taxes, periods and addresses EN 16931 does not use, and the date
 * format 102. Contexts follow the Schematron pattern, including its first-match rule: a node
 * matched by an earlier rule context of the pattern is not checked by a later one (so the
 * document type code is checked as TypeCodeType and never as NoAttributesTypeCodeType).
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, stringValue } from '../../xml/tree.js';
import { rule } from '../helpers.js';
import type { Flag, Rule, RuleContext } from '../types.js';
import { CII, ciiLines, ciiRoot, memo, RAM, ramEndingWith } from './syntax-cii-contexts.js';
import { nodeChecksGroup, type CheckList, type NodeCheck } from './syntax-node-checks.js';
import { named } from '../helpers.js';

type Ctx = (c: RuleContext) => readonly XElement[];

interface Check extends NodeCheck {
  n: number;
  flag: Flag;
  text: string;
  de: string;
}

/** rule id → its context nodes (for tests and tools that build triggering documents) */
export const CII_DT_CONTEXTS = new Map<string, Ctx>();

/** The context lists with their checks, in member order, for the group. */
const LISTS: CheckList[] = [];
let memberCount = 0;

function dt(contexts: Ctx, checks: Check[]): Rule[] {
  LISTS.push({ contexts, checks, first: memberCount });
  memberCount += checks.length;
  return checks.map(({ n, flag, text, bad, de }) => {
    const id = `CII-DT-${String(n).padStart(3, '0')}`;
    CII_DT_CONTEXTS.set(id, contexts);
    return rule(
      id,
      flag,
      `[${id}] - ${text}`,
      (c, f) => {
        for (const e of contexts(c)) {
          if (bad(e, c)) {
            f(e);
          }
        }
      },
      { syntaxes: CII, de },
    );
  });
}

const attr = (name: string) => (e: XElement) => e.attrs[name] !== undefined;
const has = (name: string) => (e: XElement) => child(e, name) !== undefined;
const deAttr = (a: string) => `Das Attribut „${a}“ ist hier in EN 16931 nicht vorgesehen.`;
const deEl = (x: string) => `Das Element „${x}“ ist hier in EN 16931 nicht vorgesehen.`;

function attrChecks(list: [number, string][], flag: Flag, prefix = ''): Check[] {
  return list.map(([n, a]) => ({
    n,
    flag,
    text: `${prefix}${a} should not be present`,
    attr: a,
    bad: attr(a),
    de: deAttr(a),
  }));
}

function absent(list: [number, string][], flag: Flag, verb = 'should not be present'): Check[] {
  return list.map(([n, x]) => ({ n, flag, text: `${x} ${verb}`, child: x, bad: has(x), de: deEl(x) }));
}

/** IDTypeNoAttributes: the four identifiers that must carry no attribute at all. */
const idNoAttributes: Ctx = memo('cii-dt-idnoattr', (c) => {
  const lines = ciiLines(c);
  return [
    ...all(c.root, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter', 'ID'),
    ...all(c.root, 'ExchangedDocument', 'ID'),
    ...lines.flatMap((l) => all(l, 'AssociatedDocumentLineDocument', 'LineID')),
    ...lines.flatMap((l) => all(l, 'SpecifiedTradeProduct', 'SellerAssignedID')),
  ];
});

const idTypes: Ctx = memo('cii-dt-ids', (c) => {
  const first = new Set(idNoAttributes(c));
  return ramEndingWith('ID')(c).filter((e) => !first.has(e));
});
const typeCodes: Ctx = memo('cii-dt-typecodes', (c) => named(c, 'TypeCode').filter((e) => e.ns === RAM));
/** NoAttributesTypeCodeType: ExchangedDocument/TypeCode, which TypeCodeType (earlier) already matches. */
const typeCodesNoAttributes: Ctx = memo('cii-dt-typecodes-noattr', (c) => {
  const first = new Set(typeCodes(c));
  return all(c.root, 'ExchangedDocument', 'TypeCode').filter((e) => !first.has(e));
});
const lineCategoryCodes: Ctx = memo('cii-dt-linecat', (c) =>
  ciiLines(c).flatMap((l) => all(l, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax', 'CategoryCode')),
);
const referencedDocuments = ramEndingWith('ReferencedDocument');
const amounts = ramEndingWith('Amount', (e) => e.name === 'TaxTotalAmount');
const quantities = ramEndingWith('Quantity');
const tradeTaxes = ramEndingWith('TradeTax');
const periods: Ctx = memo('cii-dt-periods', (c) => named(c, 'BillingSpecifiedPeriod').filter((e) => e.ns === RAM));
const addresses: Ctx = memo('cii-dt-addresses', (c) => named(c, 'PostalTradeAddress').filter((e) => e.ns === RAM));
const dates102: Ctx = memo('cii-dt-dates', (c) => named(c, 'DateTimeString').filter((e) => e.attrs.format === '102'));

/** Whether some line's billed quantity carries a unit code (CII-DT-033 allows unit codes then). */
function billedUnit(c: RuleContext): boolean {
  let v = c.memo.get('cii-dt-billedunit') as boolean | undefined;
  if (v === undefined) {
    v = ciiLines(c).some((l) =>
      all(l, 'SpecifiedLineTradeDelivery', 'BilledQuantity').some((q) => q.attrs.unitCode !== undefined),
    );
    c.memo.set('cii-dt-billedunit', v);
  }
  return v;
}

const codes = (e: XElement) => children(e, 'TypeCode').map(stringValue);
const isAdditional = (e: XElement) => e.name === 'AdditionalReferencedDocument';
const inHeaderSettlement = (e: XElement) => {
  for (let p = e.parent; p; p = p.parent) {
    if (p.name === 'ApplicableHeaderTradeSettlement') {
      return true;
    }
  }
  return false;
};

/** XPath regex \d is any Unicode decimal digit. */
const DATE_102 = /^[ \t\n\r]*(\p{Nd}{4})(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])[ \t\n\r]*$/u;

export const ciiDtRules: Rule[] = [
  ...dt(
    idNoAttributes,
    attrChecks(
      [
        [1, 'schemeName'],
        [2, 'schemeAgencyName'],
        [3, 'schemeDataURI'],
        [4, 'schemeURI'],
        [5, 'schemeID'],
        [6, 'schemeAgencyID'],
        [7, 'schemeVersionID'],
      ],
      'fatal',
    ),
  ),
  ...dt(
    idTypes,
    attrChecks(
      [
        [101, 'schemeName'],
        [102, 'schemeAgencyName'],
        [103, 'schemeDataURI'],
        [104, 'schemeURI'],
      ],
      'fatal',
    ),
  ),
  ...dt(
    typeCodes,
    attrChecks(
      [
        [8, 'name'],
        [9, 'listURI'],
      ],
      'fatal',
    ),
  ),
  ...dt(
    typeCodesNoAttributes,
    attrChecks(
      [
        [10, 'listID'],
        [11, 'listAgencyID'],
        [12, 'listVersionID'],
      ],
      'fatal',
    ),
  ),
  ...dt(
    ciiRoot,
    attrChecks(
      [
        [13, 'languageID'],
        [14, 'languageLocaleID'],
      ],
      'fatal',
    ),
  ),
  ...dt(
    lineCategoryCodes,
    attrChecks(
      [
        [45, 'listID'],
        [46, 'listAgencyID'],
        [47, 'listVersionID'],
        [48, 'listURI'],
      ],
      'warning',
      '@',
    ),
  ),
  ...dt(referencedDocuments, [
    {
      n: 15,
      flag: 'fatal',
      text: 'URIID should not be present',
      bad: (e) => has('URIID')(e) && !(isAdditional(e) && codes(e).includes('916')),
      de: 'Eine URL (URIID) ist nur bei rechnungsbegründenden Unterlagen (Dokumentart 916) vorgesehen.',
    },
    ...absent(
      [
        [16, 'StatusCode'],
        [17, 'CopyIndicator'],
      ],
      'fatal',
    ),
    {
      n: 18,
      flag: 'fatal',
      text: 'TypeCode should not be present',
      bad: (e) =>
        has('TypeCode')(e) && !(isAdditional(e) && codes(e).some((t) => t === '50' || t === '130' || t === '916')),
      de: 'Eine Dokumentart (TypeCode) ist nur bei weiteren Dokumenten mit den Codes 50, 130 oder 916 vorgesehen.',
    },
    ...absent(
      [
        [19, 'GlobalID'],
        [20, 'RevisionID'],
      ],
      'fatal',
    ),
    {
      n: 21,
      flag: 'fatal',
      text: 'Name should not be present',
      bad: (e) => has('Name')(e) && !(isAdditional(e) && codes(e).includes('916')),
      de: 'Eine Beschreibung (Name) ist nur bei rechnungsbegründenden Unterlagen (Dokumentart 916) vorgesehen.',
    },
    {
      n: 22,
      flag: 'fatal',
      text: 'AttachmentBinaryObject should not be present',
      bad: (e) => has('AttachmentBinaryObject')(e) && !(isAdditional(e) && codes(e).includes('916')),
      de: 'Ein eingebetteter Anhang ist nur bei rechnungsbegründenden Unterlagen (Dokumentart 916) vorgesehen.',
    },
    ...absent([[23, 'Information']], 'fatal'),
    {
      n: 24,
      flag: 'fatal',
      text: 'ReferenceTypeCode should not be present',
      bad: (e) => has('ReferenceTypeCode')(e) && !(isAdditional(e) && codes(e).includes('130')),
      de: 'Das Kennungsschema (ReferenceTypeCode) ist nur bei der Objektkennung (Dokumentart 130) vorgesehen.',
    },
    ...absent(
      [
        [25, 'SectionName'],
        [26, 'PreviousRevisionID'],
      ],
      'fatal',
    ),
    {
      n: 27,
      flag: 'fatal',
      text: 'FormattedIssueDateTime should not be present',
      bad: (e) => has('FormattedIssueDateTime')(e) && e.name !== 'InvoiceReferencedDocument',
      de: 'Ein Ausstellungsdatum ist nur beim Verweis auf eine vorausgegangene Rechnung (BT-26) vorgesehen.',
    },
    ...absent(
      [
        [28, 'EffectiveSpecifiedPeriod'],
        [29, 'IssuerTradeParty'],
        [30, 'AttachedSpecifiedBinaryFile'],
      ],
      'fatal',
    ),
  ]),
  ...dt(
    amounts,
    attrChecks(
      [
        [31, 'currencyID'],
        [32, 'currencyCodeListVersionID'],
      ],
      'fatal',
    ),
  ),
  ...dt(quantities, [
    {
      n: 33,
      flag: 'fatal',
      text: 'unitCode should not be present',
      bad: (e, c) => e.attrs.unitCode !== undefined && !billedUnit(c),
      de: deAttr('unitCode'),
    },
    ...attrChecks(
      [
        [34, 'unitCodeListID'],
        [35, 'unitCodeListAgencyID'],
        [36, 'unitCodeListAgencyName'],
      ],
      'fatal',
    ),
  ]),
  ...dt(tradeTaxes, [
    {
      n: 37,
      flag: 'fatal',
      text: "TypeCode shall be 'VAT'",
      bad: (e) => codes(e).length > 0 && !codes(e).includes('VAT'),
      de: "Die Steuerart (TypeCode) muss 'VAT' sein.",
    },
    ...absent(
      [
        [38, 'CalculatedRate'],
        [39, 'CalculationSequenceNumeric'],
        [40, 'BasisQuantity'],
      ],
      'warning',
    ),
    {
      n: 41,
      flag: 'warning',
      text: 'BasisAmount should not be present',
      bad: (e) => has('BasisAmount')(e) && !inHeaderSettlement(e),
      de: deEl('BasisAmount'),
    },
    ...absent(
      [
        [42, 'UnitBasisAmount'],
        [43, 'LineTotalBasisAmount'],
        [44, 'AllowanceChargeBasisAmount'],
        [49, 'CurrencyCode'],
        [50, 'Jurisdiction'],
        [51, 'CustomsDutyIndicator'],
      ],
      'warning',
    ),
    {
      n: 52,
      flag: 'warning',
      text: 'ExemptionReasonCode should not be present',
      bad: (e) => has('ExemptionReasonCode')(e) && e.name !== 'ApplicableTradeTax',
      de: deEl('ExemptionReasonCode'),
    },
    {
      n: 98,
      flag: 'warning',
      text: 'ExemptionReason should not be present',
      bad: (e) => has('ExemptionReason')(e) && e.name !== 'ApplicableTradeTax',
      de: deEl('ExemptionReason'),
    },
    ...absent([[53, 'TaxBasisAllowanceRate']], 'warning'),
    {
      n: 54,
      flag: 'warning',
      text: 'TaxPointDate should not be present',
      bad: (e) => has('TaxPointDate')(e) && !inHeaderSettlement(e),
      de: deEl('TaxPointDate'),
    },
    ...absent(
      [
        [55, 'Type'],
        [56, 'InformationAmount'],
        [57, 'CategoryName'],
      ],
      'warning',
    ),
    {
      n: 58,
      flag: 'warning',
      text: 'DueDateTypeCode should not be present',
      bad: (e) => has('DueDateTypeCode')(e) && !inHeaderSettlement(e),
      de: deEl('DueDateTypeCode'),
    },
    {
      n: 59,
      flag: 'warning',
      text: '@format should not be present',
      bad: (e) => children(e, 'RateApplicablePercent').some((p) => p.attrs.format !== undefined),
      de: deAttr('format'),
    },
    ...absent(
      [
        [60, 'SpecifiedTradeAccountingAccount'],
        [61, 'ServiceSupplyTradeCountry'],
        [62, 'BuyerRepayableTaxSpecifiedTradeAccountingAccount'],
        [63, 'SellerPayableTaxSpecifiedTradeAccountingAccount'],
        [64, 'SellerRefundableTaxSpecifiedTradeAccountingAccount'],
        [65, 'BuyerDeductibleTaxSpecifiedTradeAccountingAccount'],
        [66, 'BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount'],
        [67, 'PlaceApplicableTradeLocation'],
      ],
      'warning',
    ),
  ]),
  ...dt(periods, [
    {
      n: 68,
      flag: 'fatal',
      text: 'DateTime shall not be used.',
      bad: (e) => all(e, 'StartDateTime', 'DateTime').length > 0,
      de: deEl('StartDateTime/DateTime'),
    },
    ...absent(
      [
        [69, 'DurationMeasure'],
        [70, 'InclusiveIndicator'],
        [71, 'Description'],
      ],
      'fatal',
      'shall not be used.',
    ),
    {
      n: 72,
      flag: 'fatal',
      text: 'DateTime shall not be used.',
      bad: (e) => all(e, 'EndDateTime', 'DateTime').length > 0,
      de: deEl('EndDateTime/DateTime'),
    },
    ...absent(
      [
        [73, 'CompleteDateTime'],
        [74, 'OpenIndicator'],
        [75, 'SeasonCode'],
        [76, 'ID'],
        [77, 'Name'],
        [78, 'SequenceNumeric'],
        [79, 'StartDateFlexibilityCode'],
        [80, 'ContinuousIndicator'],
        [81, 'PurposeCode'],
      ],
      'fatal',
      'shall not be used.',
    ),
  ]),
  ...dt(
    addresses,
    absent(
      [
        [82, 'ID'],
        [83, 'PostOfficeBox'],
        [84, 'BuildingName'],
        [86, 'LineFour'],
        [87, 'LineFive'],
        [88, 'StreetName'],
        [89, 'CitySubDivisionName'],
        [90, 'CountryName'],
        [91, 'CountrySubDivisionID'],
        [92, 'AttentionOf'],
        [93, 'CareOf'],
        [94, 'BuildingNumber'],
        [95, 'DepartmentName'],
        [96, 'AdditionalStreetName'],
      ],
      'fatal',
      'shall not be used.',
    ),
  ),
  ...dt(dates102, [
    {
      n: 97,
      flag: 'fatal',
      text: 'Date time string with format attribute 102 shall be YYYYMMDD.',
      bad: (e) => !DATE_102.test(stringValue(e)),
      de: 'Ein Datum im Format 102 muss als JJJJMMTT geschrieben sein (z. B. 20261123).',
    },
  ]),
];

/** The group the engine runs: each context node visited once for all the checks of its list. */
export const ciiDtGroup: Rule = nodeChecksGroup('CII-DT', CII, ciiDtRules, LISTS);
