/**
 * XRechnung CIUS rules BR-DE-* (XRechnung 3.0, KoSIT schematron 2.5.0), evaluated on the tree of
 * either syntax. Texts are the published German rule texts; English messages are ours.
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child, children, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { filled, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { buyerParty, ibanOk, lineElements, paymentMeans, sellerParty, settlement, agreement } from './xr-paths.js';
import { SPEC } from '../../read/detect.js';

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
function pmCode(pm: XElement, c: RuleContext): string {
  return normalizeSpace(textAt(pm, cii(c) ? 'TypeCode' : 'PaymentMeansCode'));
}

const SKONTO = /^#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
const EMAIL =
  /^[a-zA-Z0-9!#$%&"*+/=?^_`{|}~-]+(\.[a-zA-Z0-9!#$%&"*+/=?^_`{|}~-]+)*@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const PHONE = /([0-9].*){3,}/;

/** BR-DE-18: every line of the first payment terms text that starts with '#' is a valid Skonto line, ending in a line break. */
export function skontoOk(note: string | undefined): boolean {
  if (note === undefined) {
    return true;
  }
  const lines = note.split(/\r?\n/).filter((l) => normalizeSpace(l).startsWith('#'));
  if (lines.length === 0) {
    return true;
  }
  const tokens = note.split(/#.+#/);
  const last = tokens[tokens.length - 1] ?? '';
  return lines.every((l) => SKONTO.test(normalizeSpace(l))) && /^\s*\n/.test(last);
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
      let codes: string[];
      let ok: boolean;
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
        ok =
          !!child(agreement(c), 'SellerTaxRepresentativeTradeParty') ||
          all(sellerParty(c), 'SpecifiedTaxRegistration', 'ID').some((e) => filled(stringValue(e)));
      } else {
        const acs = children(c.root, 'AllowanceCharge');
        codes = [
          ...acs.flatMap((a) => all(a, 'TaxCategory', 'ID')),
          ...lineElements(c).flatMap((l) => all(l, 'Item', 'ClassifiedTaxCategory', 'ID')),
        ].map(stringValue);
        ok =
          !!child(c.root, 'TaxRepresentativeParty') ||
          all(sellerParty(c), 'PartyTaxScheme', 'CompanyID').some((e) => filled(stringValue(e)));
      }
      if (codes.some((x) => VAT_CODES.has(x)) && !ok) {
        f();
      }
    },
    {
      ...xr,
      en: 'With VAT categories S, Z, E, AE, K, G, L or M the seller VAT identifier (BT-31), tax registration identifier (BT-32) or a tax representative (BG-11) must be given.',
    },
  ),
  rule(
    'BR-DE-17',
    'warning',
    '[BR-DE-17] Mit dem Element "Invoice type code" (BT-3) sollen ausschließlich folgende Codes aus der Codeliste UNTDID 1001 übermittelt werden: 326 (Partial invoice), 380 (Commercial invoice), 384 (Corrected invoice), 389 (Self-billed invoice) und 381 (Credit note),875 (Partial construction invoice), 876 (Partial final construction invoice), 877 (Final construction invoice).',
    (c, f) => {
      const t = normalizeSpace(c.inv.typeCode);
      if (!['326', '380', '384', '389', '381', '875', '876', '877'].includes(t)) {
        f();
      }
    },
    { ...xr, en: 'The invoice type code (BT-3) should be 326, 380, 384, 389, 381, 875, 876 or 877.' },
  ),
  rule(
    'BR-DE-18',
    'fatal',
    '[BR-DE-18] Skonto Zeilen müssen diesem regulärem Ausdruck entsprechen: #(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\\.[0-9]{2})?#$. Die Informationen zur Gewährung von Skonto müssen wie folgt im Element "Payment terms" (BT-20) übermittelt werden: Anzugeben ist im ersten Segment "SKONTO", im zweiten "TAGE=n", im dritten "PROZENT=n". Jeder Eintrag beginnt mit einer #, die Segmente sind mit einer # getrennt und eine Zeile schließt mit einer # ab. Am Ende einer vollständigen Skontoangabe muss ein XML-konformer Zeilenumbruch folgen.',
    (c, f) => {
      const note = cii(c)
        ? textAt(settlement(c), 'SpecifiedTradePaymentTerms', 'Description')
        : textAt(c.root, 'PaymentTerms', 'Note');
      if (!skontoOk(note)) {
        f();
      }
    },
    {
      ...xr,
      en: 'Cash discount (Skonto) lines in the payment terms (BT-20) must look like #SKONTO#TAGE=7#PROZENT=2.00# and end with a line break.',
    },
  ),
  rule(
    'BR-DE-19',
    'warning',
    '[BR-DE-19] "Payment account identifier" (BT-84) soll eine korrekte IBAN enthalten, wenn in "Payment means type code" (BT-81) mit dem Code 58 SEPA als Zahlungsmittel gefordert wird.',
    (c, f) => {
      for (const pm of paymentMeans(c)) {
        if (pmCode(pm, c) === '58') {
          const id = cii(c)
            ? textAt(pm, 'PayeePartyCreditorFinancialAccount', 'IBANID')
            : textAt(pm, 'PayeeFinancialAccount', 'ID');
          if (!ibanOk(id)) {
            f(pm);
          }
        }
      }
    },
    { ...xr, en: 'With SEPA credit transfer (58) the payment account (BT-84) should be a valid IBAN.' },
  ),
  rule(
    'BR-DE-20',
    'warning',
    '[BR-DE-20] "Debited account identifier" (BT-91) soll eine korrekte IBAN enthalten, wenn in "Payment means type code" (BT-81) mit dem Code 59 SEPA als Zahlungsmittel gefordert wird.',
    (c, f) => {
      for (const pm of paymentMeans(c)) {
        if (pmCode(pm, c) === '59') {
          const id = cii(c)
            ? textAt(pm, 'PayerPartyDebtorFinancialAccount', 'IBANID')
            : textAt(pm, 'PaymentMandate', 'PayerFinancialAccount', 'ID');
          if (!ibanOk(id)) {
            f(pm);
          }
        }
      }
    },
    { ...xr, en: 'With SEPA direct debit (59) the debited account (BT-91) should be a valid IBAN.' },
  ),
  rule(
    'BR-DE-21',
    'warning',
    '[BR-DE-21] Das Element "Specification identifier" (BT-24) soll syntaktisch der Kennung des Standards XRechnung entsprechen.',
    (c, f) => {
      const id = c.customizationId;
      if (id !== SPEC.xrechnung && id !== SPEC.xrechnungExtension && id !== SPEC.xrechnungCvd) {
        f();
      }
    },
    { ...xr, en: 'The specification identifier (BT-24) should be the XRechnung 3.0 identifier.' },
  ),
  rule(
    'BR-DE-22',
    'fatal',
    '[BR-DE-22] Das "filename"-Attribut aller "EmbeddedDocumentBinaryObject"-Elemente muss eindeutig sein',
    (c, f) => {
      const bins = cii(c)
        ? all(agreement(c), 'AdditionalReferencedDocument', 'AttachmentBinaryObject')
        : all(c.root, 'AdditionalDocumentReference', 'Attachment', 'EmbeddedDocumentBinaryObject');
      const seen = new Set<string>();
      for (const b of bins) {
        const n = b.attrs.filename;
        if (n === undefined) {
          continue;
        }
        if (seen.has(n)) {
          f(b);
        }
        seen.add(n);
      }
    },
    { ...xr, en: 'The file names of attached documents must be unique.' },
  ),
  rule(
    'BR-DE-26',
    'warning',
    '[BR-DE-26] Wenn im Element "Invoice type code" (BT-3) der Code 384 (Corrected invoice) übergeben wird, soll PRECEDING INVOICE REFERENCE BG-3 mind. einmal vorhanden sein.',
    (c, f) => {
      if (normalizeSpace(c.inv.typeCode) === '384') {
        const has = cii(c)
          ? !!child(settlement(c), 'InvoiceReferencedDocument')
          : all(c.root, 'BillingReference', 'InvoiceDocumentReference').length > 0;
        if (!has) {
          f();
        }
      }
    },
    { ...xr, en: 'A corrected invoice (384) should reference the preceding invoice (BG-3).' },
  ),
  rule(
    'BR-DE-27',
    'warning',
    '[BR-DE-27] In BT-42 sollen mindestens drei Ziffern enthalten sein.',
    (c, f) => {
      const k = sellerContact(c);
      if (
        k &&
        !PHONE.test(
          normalizeSpace(
            cii(c) ? textAt(k, 'TelephoneUniversalCommunication', 'CompleteNumber') : textAt(k, 'Telephone'),
          ),
        )
      ) {
        f(k);
      }
    },
    { ...xr, en: 'The seller telephone number (BT-42) should contain at least three digits.' },
  ),
  rule(
    'BR-DE-28',
    'warning',
    '[BR-DE-28] In BT-43 soll genau ein @-Zeichen enthalten sein, welches nicht von einem Leerzeichen, einem Punkt, aber mindestens zwei Zeichen auf beiden Seiten flankiert werden soll. Ein Punkt sollte nicht am Anfang oder am Ende stehen.',
    (c, f) => {
      const k = sellerContact(c);
      if (
        k &&
        !EMAIL.test(
          normalizeSpace(cii(c) ? textAt(k, 'EmailURIUniversalCommunication', 'URIID') : textAt(k, 'ElectronicMail')),
        )
      ) {
        f(k);
      }
    },
    { ...xr, en: 'The seller email address (BT-43) should be a plausible email address.' },
  ),
  rule(
    'BR-DE-TMP-32',
    'information',
    '[BR-DE-TMP-32] Eine Rechnung sollte zur Angabe des Liefer-/Leistungsdatums entweder BT-72 "Actual delivery date", BG-14 "Invoicing period" oder in jeder Rechnungsposition BG-26 "Invoice line period" enthalten.',
    (c, f) => {
      let ok: boolean;
      if (cii(c)) {
        ok =
          !!at(
            c.root,
            'SupplyChainTradeTransaction',
            'ApplicableHeaderTradeDelivery',
            'ActualDeliverySupplyChainEvent',
            'OccurrenceDateTime',
          ) ||
          !!child(settlement(c), 'BillingSpecifiedPeriod') ||
          lineElements(c).every((l) => !!at(l, 'SpecifiedLineTradeSettlement', 'BillingSpecifiedPeriod'));
      } else {
        ok =
          !!at(c.root, 'Delivery', 'ActualDeliveryDate') ||
          !!child(c.root, 'InvoicePeriod') ||
          lineElements(c).every((l) => !!child(l, 'InvoicePeriod'));
      }
      if (!ok) {
        f();
      }
    },
    {
      ...xr,
      en: 'The invoice should state the delivery date (BT-72), an invoicing period (BG-14) or a period on every line (BG-26).',
    },
  ),
  rule(
    'BR-TMP-2',
    'warning',
    '[BR-TMP-2] BT-124 "External document location" muss eine absolute URL mit gültigem Schema enthalten.',
    (c, f) => {
      const uris = cii(c)
        ? all(agreement(c), 'AdditionalReferencedDocument', 'URIID')
        : all(c.root, 'AdditionalDocumentReference', 'Attachment', 'ExternalReference', 'URI');
      for (const u of uris) {
        if (!/^([a-zA-Z])([a-zA-Z0-9+.-])+:.*/.test(stringValue(u))) {
          f(u);
        }
      }
    },
    { ...xr, en: 'The external document location (BT-124) must be an absolute URL.' },
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
