/**
 * UBL-DT-01…28 (datatype and attribute restrictions) and the UBL-CR rules that carry a condition
 * (002, 412, 663, 665, 666, 673), from the published rule texts and bindings of the EN 16931 UBL
 * syntax pattern (validation 1.3.15). Attribute rules share one pass over all attributes.
 */
import { NO_ATTRS, type XElement } from '../../xml/parse.js';
import { all, child, children, stringValue } from '../../xml/tree.js';
import { elementIndex, named, rule } from '../helpers.js';
import type { Flag, Rule, RuleContext } from '../types.js';
import { codes130, memo, UBL } from './syntax-ubl-contexts.js';

/** One finding per document at the first element the condition selects (root-context rules). */
function firstOf(
  id: string,
  flag: Flag,
  text: string,
  find: (c: RuleContext) => XElement | undefined,
  de: string,
): Rule {
  return rule(
    id,
    flag,
    `[${id}]-${text}`,
    (c, f) => {
      const e = find(c);
      if (e) {
        f(e);
      }
    },
    { syntaxes: UBL, de },
  );
}

interface AttrScan {
  first: Map<string, XElement>;
  names: number;
  meansCodeNames: number;
  /** `//*[ends-with(name(), 'Amount') and not(ends-with(name(), 'PriceAmount'))]` */
  amounts: XElement[];
  /** `//*[ends-with(name(), 'BinaryObject')]` */
  binaries: XElement[];
}

/** 1 = amount, 2 = binary object, 0 = neither (by local name, cached across documents) */
const KIND = new Map<string, number>();
function kind(name: string): number {
  let k = KIND.get(name);
  if (k === undefined) {
    k = name.endsWith('Amount') && !name.endsWith('PriceAmount') ? 1 : name.endsWith('BinaryObject') ? 2 : 0;
    if (KIND.size < 5000) {
      KIND.set(name, k);
    }
  }
  return k;
}

/** One pass over the document for UBL-DT-01…28 and UBL-CR-663: attributes, amounts, binary objects. */
function attrScan(c: RuleContext): AttrScan {
  let s = c.memo.get('ubl-attrs') as AttrScan | undefined;
  if (!s) {
    s = { first: new Map(), names: 0, meansCodeNames: 0, amounts: [], binaries: [] };
    for (const e of elementIndex(c).all) {
      if (e.attrs !== NO_ATTRS) {
        for (const a in e.attrs) {
          if (!s.first.has(a)) {
            s.first.set(a, e);
          }
          if (a === 'name') {
            s.names++;
            if (e.name === 'PaymentMeansCode') {
              s.meansCodeNames++;
            }
          }
        }
      }
      const k = kind(e.name);
      if (k === 1) {
        s.amounts.push(e);
      } else if (k === 2) {
        s.binaries.push(e);
      }
    }
    c.memo.set('ubl-attrs', s);
  }
  return s;
}

const DT_ATTRS: [number, string, string][] = [
  [8, 'schemeName', 'Scheme name attribute should not be present'],
  [9, 'schemeAgencyName', 'Scheme agency name attribute should not be present'],
  [10, 'schemeDataURI', 'Scheme data uri attribute should not be present'],
  [11, 'schemeURI', 'Scheme uri attribute should not be present'],
  [12, 'format', 'Format attribute should not be present'],
  [13, 'unitCodeListIdentifier', 'Unit code list identifier attribute should not be present'],
  [14, 'unitCodeListAgencyIdentifier', 'Unit code list agency identifier attribute should not be present'],
  [15, 'unitCodeListAgencyName', 'Unit code list agency name attribute should not be present'],
  [16, 'listAgencyName', 'List agency name attribute should not be present'],
  [17, 'listName', 'List name attribute should not be present'],
  [19, 'languageID', 'Language identifier attribute should not be present'],
  [20, 'listURI', 'List uri attribute should not be present'],
  [21, 'listSchemeURI', 'List scheme uri attribute should not be present'],
  [22, 'languageLocaleID', 'Language local identifier attribute should not be present'],
  [23, 'uri', 'Uri attribute should not be present'],
  [24, 'currencyCodeListVersionID', 'Currency code list version id should not be present'],
  [25, 'characterSetCode', 'CharacterSetCode attribute should not be present'],
  [26, 'encodingCode', 'EncodingCode attribute should not be present'],
  [27, 'schemeAgencyID', 'Scheme Agency ID attribute should not be present'],
  [28, 'listAgencyID', 'List Agency ID attribute should not be present'],
];

/** Amounts, except those below a price that has an allowance (`not(ancestor::cac:Price/cac:AllowanceCharge)`). */
const amountElements = memo('ubl-amounts', (c) =>
  attrScan(c).amounts.filter((e) => {
    for (let p = e.parent; p; p = p.parent) {
      if (p.name === 'Price' && child(p, 'AllowanceCharge')) {
        return false;
      }
    }
    return true;
  }),
);

const binaryObjects = (c: RuleContext): readonly XElement[] => attrScan(c).binaries;

export const ublDtRules: Rule[] = [
  rule(
    'UBL-DT-01',
    'fatal',
    '[UBL-DT-01]-Amounts shall be decimal up to two fraction digits',
    (c, f) => {
      for (const e of amountElements(c)) {
        const v = stringValue(e);
        const i = v.indexOf('.');
        if (i >= 0 && v.length - i - 1 > 2) {
          f(e);
        }
      }
    },
    { syntaxes: UBL, de: 'Beträge dürfen höchstens zwei Nachkommastellen haben.' },
  ),
  rule(
    'UBL-DT-06',
    'fatal',
    '[UBL-DT-06]-Binary object elements shall contain the mime code attribute',
    (c, f) =>
      binaryObjects(c)
        .filter((b) => b.attrs.mimeCode === undefined)
        .forEach((b) => f(b)),
    { syntaxes: UBL, de: 'Eingebettete Anhänge brauchen einen MIME-Code (mimeCode).' },
  ),
  rule(
    'UBL-DT-07',
    'fatal',
    '[UBL-DT-07]-Binary object elements shall contain the file name attribute',
    (c, f) =>
      binaryObjects(c)
        .filter((b) => b.attrs.filename === undefined)
        .forEach((b) => f(b)),
    { syntaxes: UBL, de: 'Eingebettete Anhänge brauchen einen Dateinamen (filename).' },
  ),
  ...DT_ATTRS.map(([n, attr, text]) =>
    firstOf(
      `UBL-DT-${String(n).padStart(2, '0')}`,
      'warning',
      text,
      (c) => attrScan(c).first.get(attr),
      `Das Attribut „${attr}“ ist in EN 16931 nicht vorgesehen und sollte weggelassen werden.`,
    ),
  ),
  rule(
    'UBL-DT-18',
    'warning',
    '[UBL-DT-18]-Name attribute should not be present',
    (c, f) => {
      const s = attrScan(c);
      if (s.names - s.meansCodeNames > 0) {
        f(elementIndex(c).all.find((e) => e.attrs.name !== undefined && e.name !== 'PaymentMeansCode'));
      }
    },
    { syntaxes: UBL, de: 'Das Attribut „name“ ist nur am Zahlungsart-Code (PaymentMeansCode) vorgesehen.' },
  ),
  firstOf(
    'UBL-CR-002',
    'warning',
    'A UBL invoice should not include the UBLVersionID or it should be 2.1',
    (c) => {
      const v = children(c.root, 'UBLVersionID');
      return v.length > 0 && !v.some((e) => stringValue(e) === '2.1') ? v[0] : undefined;
    },
    'Die UBL-Version (UBLVersionID) sollte fehlen oder 2.1 lauten.',
  ),
  firstOf(
    'UBL-CR-412',
    'warning',
    'A UBL invoice should not include the PaymentMeans PaymentDueDate',
    (c) => (c.root.name === 'CreditNote' ? undefined : all(c.root, 'PaymentMeans', 'PaymentDueDate')[0]),
    'Eine UBL-Rechnung sollte kein Fälligkeitsdatum in den Zahlungsanweisungen (PaymentMeans/PaymentDueDate) enthalten; das Fälligkeitsdatum steht in cbc:DueDate.',
  ),
  firstOf(
    'UBL-CR-663',
    'warning',
    'A UBL invoice should not include the unitCodeListID',
    (c) => attrScan(c).first.get('unitCodeListID'),
    'Das Attribut „unitCodeListID“ sollte weggelassen werden.',
  ),
  firstOf(
    'UBL-CR-665',
    'warning',
    "A UBL invoice should not include the AdditionalDocumentReference ID schemeID unless the DocumentTypeCode equals '130'",
    (c) =>
      named(c, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).some((x) => x !== '130') || codes130(a).length === 0)
        .flatMap((a) => children(a, 'ID'))
        .find((i) => i.attrs.schemeID !== undefined),
    'Ein Kennungsschema (schemeID) an einer Dokumentreferenz ist nur bei der Objektkennung (Dokumentart 130) vorgesehen.',
  ),
  firstOf(
    'UBL-CR-666',
    'fatal',
    'A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Attachment',
    (c) =>
      named(c, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).includes('130'))
        .flatMap((a) => children(a, 'Attachment'))[0],
    'Eine Dokumentreferenz mit Objektkennung (Dokumentart 130) darf keinen Anhang enthalten.',
  ),
  firstOf(
    'UBL-CR-673',
    'fatal',
    'A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Document Description',
    (c) =>
      named(c, 'AdditionalDocumentReference')
        .filter((a) => codes130(a).includes('130'))
        .flatMap((a) => children(a, 'DocumentDescription'))[0],
    'Eine Dokumentreferenz mit Objektkennung (Dokumentart 130) darf keine Beschreibung enthalten.',
  ),
];
