/**
 * The rule registry: one module per family. Adding a family = adding a file and one line here;
 * the engine never changes.
 */
import type { Rule } from '../types.js';
import { coreRules } from './core.js';
import { coreLineRules } from './core-lines.js';
import { core2Rules } from './core-2.js';
import { corePaymentRules } from './core-payment.js';
import { calcRules } from './calc.js';
import { conditionRules } from './conditions.js';
import { vatRules } from './vat.js';
import { vatExtraRules } from './vat-extra.js';
import { decimalRules } from './decimals.js';
import { codelistRules } from './codelists.js';
import { xrechnungRules } from './xrechnung.js';
import { xrechnungContentRules } from './xrechnung-content.js';
import { directDebitRules, paymentMeansRules } from './xrechnung-payment.js';
import { extensionRules } from './xrechnung-ext.js';
import { extensionPaymentRules } from './xrechnung-ext-payment.js';
import { cvdRules } from './xrechnung-cvd.js';
import { peppolRules } from './peppol.js';
import { peppolLineRules } from './peppol-lines.js';
import { syntaxRules } from './syntax.js';
import { ciiSyntaxRules } from './syntax-cii.js';
import { UBL_CR_GROUP, ublCrRules } from './syntax-ubl-cr.js';
import { ublSrGroup, ublSrRules } from './syntax-ubl-sr.js';
import { ublDtRules } from './syntax-ubl-dt.js';
import { ciiSrGroups, ciiSrRules } from './syntax-cii-sr.js';
import { ciiDtGroup, ciiDtRules } from './syntax-cii-dt.js';
import { ownRules } from './own.js';
import { schemaRules } from './schema.js';

/** Every rule, one entry per rule id (documentation, tools, callers passing their own selection). */
export const ALL_RULES: readonly Rule[] = [
  ...schemaRules,
  ...coreRules,
  ...coreLineRules,
  ...core2Rules,
  ...corePaymentRules,
  ...calcRules,
  ...conditionRules,
  ...vatRules,
  ...vatExtraRules,
  ...decimalRules,
  ...codelistRules,
  ...xrechnungRules,
  ...xrechnungContentRules,
  ...paymentMeansRules(),
  ...directDebitRules,
  ...extensionRules,
  ...extensionPaymentRules,
  ...cvdRules(),
  ...peppolRules,
  ...peppolLineRules,
  ...syntaxRules,
  ...ciiSyntaxRules,
  ...ublCrRules,
  ...ublSrRules,
  ...ublDtRules,
  ...ciiSrRules,
  ...ciiDtRules,
  ...ownRules,
];

const GROUPED = new Set<Rule>([ublCrRules, ublSrRules, ublDtRules, ciiSrRules, ciiDtRules].flat());

/**
 * What the engine runs by default: the same rules, with the syntax binding tables as groups that
 * evaluate once per document and report under the members' ids.
 */
export const ENGINE_RULES: readonly Rule[] = [
  ...ALL_RULES.filter((r) => !GROUPED.has(r)),
  UBL_CR_GROUP,
  ublSrGroup,
  ...ciiSrGroups,
  ciiDtGroup,
];
