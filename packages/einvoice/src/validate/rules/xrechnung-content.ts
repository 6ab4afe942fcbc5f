/**
 * XRechnung CIUS rules on content: type code, Skonto syntax, IBANs, specification id, attachments,
 * corrected invoices, contact formats, delivery date (BR-DE-17…28, BR-DE-TMP-32, BR-TMP-2).
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child, normalizeSpace, stringValue, textAt } from '../../xml/tree.js';
import { rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { ibanOk, lineElements, paymentMeans, sellerParty, settlement, agreement } from './xr-paths.js';
import { SPEC } from '../../read/detect.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';

function sellerContact(c: RuleContext): XElement | undefined {
  return child(sellerParty(c), cii(c) ? 'DefinedTradeContact' : 'Contact');
}
function pmCode(pm: XElement, c: RuleContext): string {
  return normalizeSpace(textAt(pm, cii(c) ? 'TypeCode' : 'PaymentMeansCode'));
}

const SKONTO = /^#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
/**
 * BR-DE-28: one @, nothing blank, no dot at either end of the local part, a domain of at least two
 * non-empty labels. Letters of any script are allowed (KoSIT's tests accept тест@пример.bg).
 */
const EMAIL = /^(?!\.)[^@\s]*[^@\s.]@[^@\s.]+(\.[^@\s.]+)+$/u;
const PHONE = /([0-9].*){3,}/;

/** BR-DE-18: every line of the first payment terms text that starts with '#' is a valid Skonto line, ending in a line break. */
export function skontoOk(note: string | undefined): boolean {
  // no '#': no line can be a Skonto line (most payment terms are plain text)
  if (note === undefined || note.indexOf('#') < 0) {
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

export const xrechnungContentRules: Rule[] = [
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
