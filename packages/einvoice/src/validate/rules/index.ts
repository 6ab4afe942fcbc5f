/**
 * The rule registry: one module per family. Adding a family = adding a file and one line here;
 * the engine never changes.
 */
import type { Rule } from '../types.js';
import { coreRules } from './core.js';
import { core2Rules } from './core-2.js';
import { calcRules } from './calc.js';
import { vatRules } from './vat.js';

export const ALL_RULES: readonly Rule[] = [...coreRules, ...core2Rules, ...calcRules, ...vatRules];
