/**
 * XRechnung CIUS rules BR-DE-* (XRechnung 3.0, KoSIT schematron 2.5.0), evaluated on the tree of
 * either syntax. Texts are the published German rule texts; English messages are ours.
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child, children, stringValue, textAt } from '../../xml/tree.js';
import { filled, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { buyerParty, lineElements, paymentMeans, sellerParty, settlement, agreement } from './xr-paths.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';

function postal(p: XElement | undefined, c: RuleContext): XElement | undefined {
  return child(p, cii(c) ? 'PostalTradeAddress' : 'PostalAddress');
}
function city(a: XElement, _c: RuleContext) {
  return textAt(a, 'CityName');
}
function postcode(a: XElement, c: RuleContext) {
  return textAt(a, cii(c) ? 'PostcodeCode' : 'PostalZone');
}
function sellerContact(c: RuleContext): XElement | undefined {
  return child(sellerParty(c), cii(c) ? 'DefinedTradeContact' : 'Contact');
}

const VAT_CODES = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'L', 'M']);

export const xrechnungRules: Rule[] = [
  rule(
    'BR-DE-1',
    'fatal',
    '[BR-DE-1] Eine Rechnung (INVOICE) muss Angaben zu "PAYMENT INSTRUCTIONS" (BG-16) enthalten.',
    (c, f) => {
      if (paymentMeans(c).length === 0) {
        f();
      }
    },
    { ...xr, en: 'An XRechnung invoice must contain payment instructions (BG-16).' },
  ),
  rule(
    'BR-DE-2',
    'fatal',
    '[BR-DE-2] Die Gruppe "SELLER CONTACT" (BG-6) muss übermittelt werden.',
    (c, f) => {
      const s = cii(c) ? sellerParty(c) : child(c.root, 'AccountingSupplierParty');
      if (s && !(cii(c) ? child(s, 'DefinedTradeContact') : at(s, 'Party', 'Contact'))) {
        f(s);
      }
    },
    { ...xr, en: 'The seller contact (BG-6) must be given.' },
  ),
  rule(
    'BR-DE-3',
    'fatal',
    '[BR-DE-3] Das Element "Seller city" (BT-37) muss übermittelt werden.',
    (c, f) => {
      const a = postal(sellerParty(c), c);
      if (a && !filled(city(a, c))) {
        f(a);
      }
    },
    { ...xr, en: 'The seller city (BT-37) must be given.' },
  ),
  rule(
    'BR-DE-4',
    'fatal',
    '[BR-DE-4] Das Element "Seller post code" (BT-38) muss übermittelt werden.',
    (c, f) => {
      const a = postal(sellerParty(c), c);
      if (a && !filled(postcode(a, c))) {
        f(a);
      }
    },
    { ...xr, en: 'The seller post code (BT-38) must be given.' },
  ),
  rule(
    'BR-DE-5',
    'fatal',
    '[BR-DE-5] Das Element "Seller contact point" (BT-41) muss übermittelt werden.',
    (c, f) => {
      const k = sellerContact(c);
      if (
        k &&
        !(cii(c) ? filled(textAt(k, 'PersonName')) || filled(textAt(k, 'DepartmentName')) : filled(textAt(k, 'Name')))
      ) {
        f(k);
      }
    },
    { ...xr, en: 'The seller contact point (BT-41) must be given.' },
  ),
  rule(
    'BR-DE-6',
    'fatal',
    '[BR-DE-6] Das Element "Seller contact telephone number" (BT-42) muss übermittelt werden.',
    (c, f) => {
      const k = sellerContact(c);
      if (
        k &&
        !filled(cii(c) ? textAt(k, 'TelephoneUniversalCommunication', 'CompleteNumber') : textAt(k, 'Telephone'))
      ) {
        f(k);
      }
    },
    { ...xr, en: 'The seller contact telephone number (BT-42) must be given.' },
  ),
  rule(
    'BR-DE-7',
    'fatal',
    '[BR-DE-7] Das Element "Seller contact email address" (BT-43) muss übermittelt werden.',
    (c, f) => {
      const k = sellerContact(c);
      if (k && !filled(cii(c) ? textAt(k, 'EmailURIUniversalCommunication', 'URIID') : textAt(k, 'ElectronicMail'))) {
        f(k);
      }
    },
    { ...xr, en: 'The seller contact email address (BT-43) must be given.' },
  ),
  rule(
    'BR-DE-8',
    'fatal',
    '[BR-DE-8] Das Element "Buyer city" (BT-52) muss übermittelt werden.',
    (c, f) => {
      const a = postal(buyerParty(c), c);
      if (a && !filled(city(a, c))) {
        f(a);
      }
    },
    { ...xr, en: 'The buyer city (BT-52) must be given.' },
  ),
  rule(
    'BR-DE-9',
    'fatal',
    '[BR-DE-9] Das Element "Buyer post code" (BT-53) muss übermittelt werden.',
    (c, f) => {
      const a = postal(buyerParty(c), c);
      if (a && !filled(postcode(a, c))) {
        f(a);
      }
    },
    { ...xr, en: 'The buyer post code (BT-53) must be given.' },
  ),
  rule(
    'BR-DE-10',
    'fatal',
    '[BR-DE-10] Das Element "Deliver to city" (BT-77) muss übermittelt werden, wenn die Gruppe "DELIVER TO ADDRESS" (BG-15) übermittelt wird.',
    (c, f) => {
      for (const a of deliverTo(c)) {
        if (!filled(city(a, c))) {
          f(a);
        }
      }
    },
    { ...xr, en: 'A deliver-to address (BG-15) must contain the city (BT-77).' },
  ),
  rule(
    'BR-DE-11',
    'fatal',
    '[BR-DE-11] Das Element "Deliver to post code" (BT-78) muss übermittelt werden, wenn die Gruppe "DELIVER TO ADDRESS" (BG-15) übermittelt wird.',
    (c, f) => {
      for (const a of deliverTo(c)) {
        if (!filled(postcode(a, c))) {
          f(a);
        }
      }
    },
    { ...xr, en: 'A deliver-to address (BG-15) must contain the post code (BT-78).' },
  ),
  rule(
    'BR-DE-14',
    'fatal',
    '[BR-DE-14] Das Element "VAT category rate" (BT-119) muss übermittelt werden.',
    (c, f) => {
      const subs = cii(c) ? children(settlement(c), 'ApplicableTradeTax') : all(c.root, 'TaxTotal', 'TaxSubtotal');
      for (const s of subs) {
        if (!filled(cii(c) ? textAt(s, 'RateApplicablePercent') : textAt(s, 'TaxCategory', 'Percent'))) {
          f(s);
        }
      }
    },
    { ...xr, en: 'Every VAT breakdown must state the VAT category rate (BT-119).' },
  ),
  rule(
    'BR-DE-15',
    'fatal',
    '[BR-DE-15] Das Element "Buyer reference" (BT-10) muss übermittelt werden.',
    (c, f) => {
      const v = cii(c) ? textAt(agreement(c), 'BuyerReference') : textAt(c.root, 'BuyerReference');
      if (!filled(v)) {
        f();
      }
    },
    { ...xr, en: 'The buyer reference (BT-10, in public procurement the Leitweg-ID) must be given.' },
  ),
  rule(
    'BR-DE-16',
    'fatal',
    '[BR-DE-16] Wenn in einer Rechnung die Steuercodes S, Z, E, AE, K, G, L oder M verwendet werden, muss mindestens eines der Elemente "Seller VAT identifier" (BT-31), "Seller tax registration identifier" (BT-32) oder "SELLER TAX REPRESENTATIVE PARTY" (BG-11) übermittelt werden.',
    (c, f) => {
      // the identifiers first: they are a few lookups, the categories a walk over every line
      const ok = cii(c)
        ? !!child(agreement(c), 'SellerTaxRepresentativeTradeParty') ||
          all(sellerParty(c), 'SpecifiedTaxRegistration', 'ID').some((e) => filled(stringValue(e)))
        : !!child(c.root, 'TaxRepresentativeParty') ||
          all(sellerParty(c), 'PartyTaxScheme', 'CompanyID').some((e) => filled(stringValue(e)));
      if (ok) {
        return;
      }
      let codes: string[];
      if (cii(c)) {
        const set = settlement(c);
        codes = [
          ...all(
            c.root,
            'SupplyChainTradeTransaction',
            'IncludedSupplyChainTradeLineItem',
            'SpecifiedLineTradeSettlement',
            'ApplicableTradeTax',
            'CategoryCode',
          ),
          ...all(set, 'SpecifiedTradeAllowanceCharge', 'CategoryTradeTax', 'CategoryCode'),
        ].map(stringValue);
      } else {
        const acs = children(c.root, 'AllowanceCharge');
        codes = [
          ...acs.flatMap((a) => all(a, 'TaxCategory', 'ID')),
          ...lineElements(c).flatMap((l) => all(l, 'Item', 'ClassifiedTaxCategory', 'ID')),
        ].map(stringValue);
      }
      if (codes.some((x) => VAT_CODES.has(x))) {
        f();
      }
    },
    {
      ...xr,
      en: 'With VAT categories S, Z, E, AE, K, G, L or M the seller VAT identifier (BT-31), tax registration identifier (BT-32) or a tax representative (BG-11) must be given.',
    },
  ),
];

function deliverTo(c: RuleContext): XElement[] {
  return cii(c)
    ? all(
        c.root,
        'SupplyChainTradeTransaction',
        'ApplicableHeaderTradeDelivery',
        'ShipToTradeParty',
        'PostalTradeAddress',
      )
    : all(c.root, 'Delivery', 'DeliveryLocation', 'Address');
}
