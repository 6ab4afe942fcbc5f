/**
 * BR-DEC-*: amounts may have at most two fraction digits (counted on the lexical form).
 */
import { fractionDigits } from '../../model/decimal.js';
import { rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import type { AllowanceCharge } from '../../model/types.js';

const tooMany = (s: string | undefined) => s !== undefined && fractionDigits(s) > 2;

function dec(
  id: string,
  bt: string,
  name: string,
  pick: (c: RuleContext) => { v: string | undefined; at?: object }[],
): Rule {
  return rule(
    id,
    'fatal',
    `[${id}]-The allowed maximum number of decimals for the ${name} (${bt}) is 2.`,
    (c, f) => {
      for (const x of pick(c)) {
        if (tooMany(x.v)) {
          f(x.at);
        }
      }
    },
    {
      de: `${name} (${bt}) darf höchstens zwei Nachkommastellen haben.`,
      en: `The ${name} (${bt}) may have at most two decimals.`,
    },
  );
}

const docAc = (c: RuleContext, charge: boolean) => c.inv.allowanceCharges.filter((a) => a.isCharge === charge);
const lineAc = (c: RuleContext, charge: boolean) =>
  c.inv.lines.flatMap((l) => l.allowanceCharges.filter((a) => a.isCharge === charge));
const acs = (list: AllowanceCharge[], k: 'amount' | 'baseAmount') => list.map((a) => ({ v: a[k], at: a }));
const total = (k: keyof import('../../model/types.js').Totals) => (c: RuleContext) => [{ v: c.inv.totals[k] }];

export const decimalRules: Rule[] = [
  dec('BR-DEC-01', 'BT-92', 'Document level allowance amount', (c) => acs(docAc(c, false), 'amount')),
  dec('BR-DEC-02', 'BT-93', 'Document level allowance base amount', (c) => acs(docAc(c, false), 'baseAmount')),
  dec('BR-DEC-05', 'BT-99', 'Document level charge amount', (c) => acs(docAc(c, true), 'amount')),
  dec('BR-DEC-06', 'BT-100', 'Document level charge base amount', (c) => acs(docAc(c, true), 'baseAmount')),
  dec('BR-DEC-09', 'BT-106', 'Sum of Invoice line net amount', total('lineNetTotal')),
  dec('BR-DEC-10', 'BT-107', 'Sum of allowanced on document level', total('allowanceTotal')),
  dec('BR-DEC-11', 'BT-108', 'Sum of charges on document level', total('chargeTotal')),
  dec('BR-DEC-12', 'BT-109', 'Invoice total amount without VAT', total('taxExclusive')),
  dec('BR-DEC-13', 'BT-110', 'Invoice total VAT amount', total('vatTotal')),
  dec('BR-DEC-14', 'BT-112', 'Invoice total amount with VAT', total('taxInclusive')),
  dec('BR-DEC-15', 'BT-111', 'Invoice total VAT amount in accounting currency', total('vatTotalTaxCurrency')),
  dec('BR-DEC-16', 'BT-113', 'Paid amount', total('prepaid')),
  dec('BR-DEC-17', 'BT-114', 'Rounding amount', total('rounding')),
  dec('BR-DEC-18', 'BT-115', 'Amount due for payment', total('payable')),
  dec('BR-DEC-19', 'BT-116', 'VAT category taxable amount', (c) =>
    c.inv.vatBreakdown.map((v) => ({ v: v.taxableAmount, at: v })),
  ),
  dec('BR-DEC-20', 'BT-117', 'VAT category tax amount', (c) =>
    c.inv.vatBreakdown.map((v) => ({ v: v.taxAmount, at: v })),
  ),
  dec('BR-DEC-23', 'BT-131', 'Invoice line net amount', (c) => c.inv.lines.map((l) => ({ v: l.netAmount, at: l }))),
  dec('BR-DEC-24', 'BT-136', 'Invoice line allowance amount', (c) => acs(lineAc(c, false), 'amount')),
  dec('BR-DEC-25', 'BT-137', 'Invoice line allowance base amount', (c) => acs(lineAc(c, false), 'baseAmount')),
  dec('BR-DEC-27', 'BT-141', 'Invoice line charge amount', (c) => acs(lineAc(c, true), 'amount')),
  dec('BR-DEC-28', 'BT-142', 'Invoice line charge base amount', (c) => acs(lineAc(c, true), 'baseAmount')),
];
