/**
 * XRechnung payment rules: BR-DE-23/24/25 (payment means groups) and BR-DE-30/31 (direct debit).
 * CII has no element for BG-19, so the group exists when any of BT-89, BT-90, BT-91 exists.
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child } from '../../xml/tree.js';
import { rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { paymentMeans, settlement } from './xr-paths.js';
import { normalizeSpace, textAt } from '../../xml/tree.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';

function pmCode(pm: XElement, c: RuleContext): string {
  return normalizeSpace(textAt(pm, cii(c) ? 'TypeCode' : 'PaymentMeansCode'));
}

function hasDirectDebit(c: RuleContext): boolean {
  if (cii(c)) {
    const d = ciiDebit(c);
    return d.bt89 || d.bt90 || d.bt91;
  }
  return all(c.root, 'PaymentMeans', 'PaymentMandate').length > 0;
}

/** CII has no BG-19 element: the group exists when any of its three terms exists. */
function ciiDebit(c: RuleContext): { bt89: boolean; bt90: boolean; bt91: boolean } {
  const set = settlement(c);
  return {
    bt89: all(set, 'SpecifiedTradePaymentTerms', 'DirectDebitMandateID').length > 0,
    bt90: !!child(set, 'CreditorReferenceID'),
    bt91: all(set, 'SpecifiedTradeSettlementPaymentMeans', 'PayerPartyDebtorFinancialAccount', 'IBANID').length > 0,
  };
}

export function paymentMeansRules(): Rule[] {
  const card = (pm: XElement, c: RuleContext) =>
    !!child(pm, cii(c) ? 'ApplicableTradeSettlementFinancialCard' : 'CardAccount');
  const transfer = (pm: XElement, c: RuleContext) =>
    !!child(pm, cii(c) ? 'PayeePartyCreditorFinancialAccount' : 'PayeeFinancialAccount');
  // in CII the direct debit terms sit partly outside the payment means
  const debit = (pm: XElement, c: RuleContext) =>
    cii(c)
      ? hasDirectDebit(c) || !!at(pm, 'PayerPartyDebtorFinancialAccount', 'IBANID')
      : !!child(pm, 'PaymentMandate');
  const each =
    (codes: string[], bad: (pm: XElement, c: RuleContext) => boolean) =>
    (c: RuleContext, f: (e?: XElement) => void) => {
      for (const pm of paymentMeans(c)) {
        if (codes.includes(pmCode(pm, c)) && bad(pm, c)) {
          f(pm);
        }
      }
    };
  return [
    rule(
      'BR-DE-23-a',
      'fatal',
      '[BR-DE-23-a] Wenn BT-81 "Payment means type code" einen Schlüssel für Überweisungen enthält (30, 58), muss BG-17 "CREDIT TRANSFER" übermittelt werden.',
      each(['30', '58'], (pm, c) => !transfer(pm, c)),
      { ...xr, en: 'With credit transfer (30, 58) the credit transfer details (BG-17) must be given.' },
    ),
    rule(
      'BR-DE-23-b',
      'fatal',
      '[BR-DE-23-b] Wenn BT-81 "Payment means type code" einen Schlüssel für Überweisungen enthält (30, 58), dürfen BG-18 und BG-19 nicht übermittelt werden.',
      each(['30', '58'], (pm, c) => card(pm, c) || debit(pm, c)),
      { ...xr, en: 'With credit transfer (30, 58) no card (BG-18) or direct debit (BG-19) details may be given.' },
    ),
    rule(
      'BR-DE-24-a',
      'fatal',
      '[BR-DE-24-a] Wenn BT-81 "Payment means type code" einen Schlüssel für Kartenzahlungen enthält (48, 54, 55), muss genau BG-18 "PAYMENT CARD INFORMATION" übermittelt werden.',
      each(['48', '54', '55'], (pm, c) => !card(pm, c)),
      { ...xr, en: 'With card payment (48, 54, 55) the card details (BG-18) must be given.' },
    ),
    rule(
      'BR-DE-24-b',
      'fatal',
      '[BR-DE-24-b] Wenn BT-81 "Payment means type code" einen Schlüssel für Kartenzahlungen enthält (48, 54, 55), dürfen BG-17 und BG-19 nicht übermittelt werden.',
      each(['48', '54', '55'], (pm, c) => transfer(pm, c) || debit(pm, c)),
      {
        ...xr,
        en: 'With card payment (48, 54, 55) no credit transfer (BG-17) or direct debit (BG-19) details may be given.',
      },
    ),
    rule(
      'BR-DE-25-a',
      'fatal',
      '[BR-DE-25-a] Wenn BT-81 "Payment means type code" einen Schlüssel für Lastschriften enthält (59), muss genau BG-19 "DIRECT DEBIT" übermittelt werden.',
      each(['59'], (pm, c) => !debit(pm, c)),
      { ...xr, en: 'With direct debit (59) the direct debit details (BG-19) must be given.' },
    ),
    rule(
      'BR-DE-25-b',
      'fatal',
      '[BR-DE-25-b] Wenn BT-81 "Payment means type code" einen Schlüssel für Lastschriften enthält (59), dürfen BG-17 und BG-18 nicht übermittelt werden.',
      each(
        ['59'],
        (pm, c) =>
          transfer(pm, c) ||
          card(pm, c) ||
          (cii(c) &&
            (!!child(pm, 'PayeeSpecifiedCreditorFinancialInstitution') ||
              !!child(pm, 'PayerSpecifiedDebtorFinancialInstitution'))),
      ),
      { ...xr, en: 'With direct debit (59) no credit transfer (BG-17) or card (BG-18) details may be given.' },
    ),
  ];
}

export const directDebitRules: Rule[] = [
  rule(
    'BR-DE-30',
    'fatal',
    '[BR-DE-30] Wenn "DIRECT DEBIT" BG-19 vorhanden ist, dann muss "Bank assigned creditor identifier" BT-90 übermittelt werden.',
    (c, f) => {
      if (!hasDirectDebit(c)) {
        return;
      }
      const d = cii(c) ? ciiDebit(c) : undefined;
      const ok = d
        ? (d.bt89 || d.bt91) && d.bt90
        : [
            ...all(c.root, 'AccountingSupplierParty', 'Party', 'PartyIdentification', 'ID'),
            ...all(c.root, 'PayeeParty', 'PartyIdentification', 'ID'),
          ].some((e) => e.attrs.schemeID === 'SEPA');
      if (!ok) {
        f();
      }
    },
    { ...xr, en: 'With a direct debit (BG-19) the bank assigned creditor identifier (BT-90) must be given.' },
  ),
  rule(
    'BR-DE-31',
    'fatal',
    '[BR-DE-31] Wenn "DIRECT DEBIT" BG-19 vorhanden ist, dann muss "Debited account identifier" BT-91 übermittelt werden.',
    (c, f) => {
      if (!hasDirectDebit(c)) {
        return;
      }
      const d = cii(c) ? ciiDebit(c) : undefined;
      const ok = d
        ? (d.bt89 || d.bt90) && d.bt91
        : all(c.root, 'PaymentMeans', 'PaymentMandate', 'PayerFinancialAccount', 'ID').length > 0;
      if (!ok) {
        f();
      }
    },
    { ...xr, en: 'With a direct debit (BG-19) the debited account identifier (BT-91) must be given.' },
  ),
];
