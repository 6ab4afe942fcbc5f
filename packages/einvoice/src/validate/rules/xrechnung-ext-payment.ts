/**
 * XRechnung Extension rules on third party payments (BG-DEX-09): BR-DEX-09 … BR-DEX-14.
 */
import { all, child, children, stringValue, textAt } from '../../xml/tree.js';
import { add, dec, eq, round, sub, sum, ZERO } from '../../model/decimal.js';
import { filled, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import { SPEC } from '../../read/detect.js';

const xr = { source: 'xr' as const };
const cii = (c: RuleContext) => c.syntax === 'cii';
const isExt = (c: RuleContext) => c.customizationId === SPEC.xrechnungExtension;

export const extensionPaymentRules: Rule[] = [
  rule(
    'BR-DEX-09',
    'fatal',
    '[BR-DEX-09] Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) - Paid amount (BT-113) + Rounding amount (BT-114) + Σ Third party payment amount (BT-DEX-002).',
    (c, f) => {
      if (!isExt(c) || cii(c)) {
        return;
      }
      const lmt = child(c.root, 'LegalMonetaryTotal');
      if (!lmt) {
        return;
      }
      const d = (s: string | undefined) => dec(s) ?? ZERO;
      const third = sum(all(c.root, 'PrepaidPayment', 'PaidAmount').map((e) => d(stringValue(e))));
      const left = round(sub(d(textAt(lmt, 'PayableAmount')), d(textAt(lmt, 'PayableRoundingAmount'))), 2);
      const right = round(add(sub(d(textAt(lmt, 'TaxInclusiveAmount')), d(textAt(lmt, 'PrepaidAmount'))), third), 2);
      if (!eq(left, right)) {
        f(lmt);
      }
    },
    { ...xr, en: 'Amount due (BT-115) must be total with VAT − paid amount + rounding + third party payments.' },
  ),
  ...['10', '11', '12'].map((n) =>
    rule(
      `BR-DEX-${n}`,
      'fatal',
      `[BR-DEX-${n}] ${{ '10': 'Das Element "Third party payment type" BT-DEX-001', '11': 'Das Element "Third party payment amount" BT-DEX-002', '12': 'Das Element "Third party payment description" BT-DEX-003' }[n]} muss übermittelt werden, wenn die Gruppe "THIRD PARTY PAYMENT" (BG-DEX-09) übermittelt wird.`,
      (c, f) => {
        if (!isExt(c) || c.syntax !== 'ubl-invoice') {
          return;
        }
        const el = { '10': 'ID', '11': 'PaidAmount', '12': 'InstructionID' }[n]!;
        for (const p of children(c.root, 'PrepaidPayment')) {
          if (!filled(textAt(p, el))) {
            f(p);
          }
        }
      },
      { ...xr, en: 'A third party payment (BG-DEX-09) must state type, amount and description.' },
    ),
  ),
  rule(
    'BR-DEX-13',
    'fatal',
    '[BR-DEX-13] Die maximale Anzahl zulässiger Nachkommastellen für das Element "Third party payment amount" (BT-DEX-002) ist 2.',
    (c, f) => {
      if (!isExt(c) || c.syntax !== 'ubl-invoice') {
        return;
      }
      for (const p of children(c.root, 'PrepaidPayment')) {
        const a = textAt(p, 'PaidAmount') ?? '';
        const i = a.indexOf('.');
        if (i >= 0 && a.length - i - 1 > 2) {
          f(p);
        }
      }
    },
    { ...xr, en: 'A third party payment amount may have at most two decimals.' },
  ),
  rule(
    'BR-DEX-14',
    'fatal',
    '[BR-DEX-14] Die Währungsangabe von "Third party payment amount" BT-DEX-002 muss BT-5 ("Invoice currency code") entsprechen.',
    (c, f) => {
      if (!isExt(c) || c.syntax !== 'ubl-invoice') {
        return;
      }
      for (const p of children(c.root, 'PrepaidPayment')) {
        if (child(p, 'PaidAmount')?.attrs.currencyID !== textAt(c.root, 'DocumentCurrencyCode')) {
          f(p);
        }
      }
    },
    { ...xr, en: 'The currency of a third party payment must be the invoice currency (BT-5).' },
  ),
];
