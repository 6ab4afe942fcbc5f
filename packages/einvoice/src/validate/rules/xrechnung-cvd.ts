/**
 * XRechnung CVD rules (Clean Vehicles Directive, BR-DE-CVD-*, BR-TMP-CVD-01). They only apply
 * when BT-24 is exactly the CVD identifier.
 */
import type { XElement } from '../../xml/parse.js';
import { all, children, normalizeSpace, stringValue, textAt, child } from '../../xml/tree.js';
import { filled, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { agreement, lineElements } from './xr-paths.js';
import { SPEC } from '../../read/detect.js';
import { xrList } from '../../codelists/index.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';
const isCvd = (c: RuleContext) => c.customizationId === SPEC.xrechnungCvd;

export function cvdRules(): Rule[] {
  const CVD_CATS = xrList('CVD-VEHICLE-CATEGORY');
  const CVA = xrList('CVA-CODES');
  const ITEM_LISTS = new Set([...xrList('UNTDID-7143-CODES'), ...xrList('CVD-CODE')]);
  const items = (c: RuleContext) =>
    lineElements(c)
      .map((l) => child(l, cii(c) ? 'SpecifiedTradeProduct' : 'Item'))
      .filter((x): x is XElement => !!x);
  const classCodes = (item: XElement, c: RuleContext) =>
    cii(c)
      ? all(item, 'DesignatedProductClassification', 'ClassCode')
      : all(item, 'CommodityClassification', 'ItemClassificationCode');
  const attrs = (item: XElement, c: RuleContext) =>
    children(item, cii(c) ? 'ApplicableProductCharacteristic' : 'AdditionalItemProperty');
  const attrName = (a: XElement, c: RuleContext) => textAt(a, cii(c) ? 'Description' : 'Name');
  const cva = (item: XElement, c: RuleContext) => attrs(item, c).filter((a) => attrName(a, c) === 'cva');
  const cvdClass = (item: XElement, c: RuleContext) => classCodes(item, c).filter((k) => k.attrs.listID === 'CVD');
  return [
    rule(
      'BR-DE-CVD-01',
      'fatal',
      '[BR-DE-CVD-01] Das Element "Contract reference" (BT-12) muss übermittelt werden.',
      (c, f) => {
        const v = cii(c)
          ? textAt(agreement(c), 'ContractReferencedDocument', 'IssuerAssignedID')
          : textAt(c.root, 'ContractDocumentReference', 'ID');
        if (isCvd(c) && !filled(v)) {
          f();
        }
      },
      { ...xr, en: 'A CVD invoice must contain the contract reference (BT-12).' },
    ),
    rule(
      'BR-DE-CVD-02',
      'fatal',
      '[BR-DE-CVD-02] Das Element "Tender or lot reference" (BT-17) muss übermittelt werden.',
      (c, f) => {
        const v = cii(c)
          ? children(agreement(c), 'AdditionalReferencedDocument')
              .filter((d) => textAt(d, 'TypeCode') === '50')
              .map((d) => textAt(d, 'IssuerAssignedID'))[0]
          : textAt(c.root, 'OriginatorDocumentReference', 'ID');
        if (isCvd(c) && !filled(v)) {
          f();
        }
      },
      { ...xr, en: 'A CVD invoice must contain the tender or lot reference (BT-17).' },
    ),
    rule(
      'BR-DE-CVD-03',
      'fatal',
      '[BR-DE-CVD-03] In einer Rechnung muss mindestens eine INVOICE LINE (BG-25) enthalten sein, in der der Scheme identifier von "Item classification identifier" (BT-158) den Wert \'CVD\' und der "Item attribute name" (BT-160) den Wert \'cva\' enthält.',
      (c, f) => {
        if (isCvd(c) && !items(c).some((i) => cvdClass(i, c).length > 0 && cva(i, c).length > 0)) {
          f();
        }
      },
      { ...xr, en: "A CVD invoice needs at least one line classified with scheme 'CVD' and an item attribute 'cva'." },
    ),
    rule(
      'BR-DE-CVD-04',
      'fatal',
      '[BR-DE-CVD-04] Ein "Item classification identifier" (BT-158) mit dem Scheme identifier \'CVD\' muss einen Wert aus der Liste der zulässigen Fahrzeugkategorien enthalten.',
      (c, f) => {
        if (!isCvd(c)) {
          return;
        }
        for (const i of items(c)) {
          for (const k of classCodes(i, c)) {
            if (normalizeSpace(k.attrs.listID) === 'CVD' && !CVD_CATS.has(normalizeSpace(stringValue(k)))) {
              f(k);
            }
          }
        }
      },
      { ...xr, en: 'A CVD item classification must be an allowed vehicle category.' },
    ),
    rule(
      'BR-DE-CVD-05',
      'fatal',
      '[BR-DE-CVD-05] Wenn innerhalb von ITEM ATTRIBUTES (BG-32) der "Item attribute name" (BT-160) den Wert \'cva\' hat, muss der "Item attribute value" (BT-161) einen der zulässigen Werte enthalten.',
      (c, f) => {
        if (!isCvd(c)) {
          return;
        }
        for (const i of items(c)) {
          for (const a of cva(i, c)) {
            if (!CVA.has(normalizeSpace(textAt(a, 'Value')))) {
              f(a);
            }
          }
        }
      },
      { ...xr, en: "The 'cva' item attribute must have an allowed value (clean, zero-emission, other)." },
    ),
    rule(
      'BR-DE-CVD-06-a',
      'fatal',
      '[BR-DE-CVD-06-a] Wenn der Scheme identifier von "Item classification identifier" (BT-158) mit dem Wert \'CVD\' angegeben ist, muss in derselben Rechnungszeile genau ein "Item attribute name" (BT-160) mit dem Wert \'cva\' vorhanden sein.',
      (c, f) => {
        if (!isCvd(c)) {
          return;
        }
        for (const i of items(c)) {
          if (cvdClass(i, c).length > 0 && cva(i, c).length !== 1) {
            f(i);
          }
        }
      },
      { ...xr, en: "A line classified 'CVD' needs exactly one 'cva' item attribute." },
    ),
    rule(
      'BR-DE-CVD-06-b',
      'fatal',
      '[BR-DE-CVD-06-b] Wenn "Item attribute name" (BT-160) mit dem Wert \'cva\' angegeben ist, muss in derselben Rechnungszeile genau ein "Item classification identifier" (BT-158) mit dem Scheme identifier \'CVD\' vorhanden sein.',
      (c, f) => {
        if (!isCvd(c)) {
          return;
        }
        for (const i of items(c)) {
          if (cva(i, c).length > 0 && cvdClass(i, c).length !== 1) {
            f(i);
          }
        }
      },
      { ...xr, en: "A line with a 'cva' attribute needs exactly one 'CVD' classification." },
    ),
    rule(
      'BR-TMP-CVD-01',
      'fatal',
      '[BR-TMP-CVD-01] Das Bildungsschema für "Item classification identifier" (BT-158) ist aus der Codeliste UNTDID 7143 zu wählen.',
      (c, f) => {
        if (!isCvd(c)) {
          return;
        }
        for (const i of items(c)) {
          for (const k of classCodes(i, c)) {
            const l = normalizeSpace(k.attrs.listID);
            if (l.includes(' ') || !ITEM_LISTS.has(l)) {
              f(k);
            }
          }
        }
      },
      { ...xr, en: 'The item classification scheme (BT-158) must come from UNTDID 7143 (or CVD).' },
    ),
  ];
}
