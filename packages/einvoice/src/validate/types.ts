/**
 * Rule and finding types shared by the engine and the rule families.
 */
import type { XElement } from '../xml/parse.js';
import type { Invoice, Syntax } from '../model/types.js';
import type { Origins } from '../read/origins.js';
import type { Specification } from '../read/detect.js';

/** Flag as published with the rule (Schematron @flag). */
export type Flag = 'fatal' | 'warning' | 'information';
/** Effective severity after the KoSIT scenario's level mapping. */
export type Level = 'fatal' | 'warning' | 'info';

export interface Finding {
  /** rule id, e.g. BR-CO-10, BR-DE-15, UBL-SR-53, VB-LEITWEG-01 */
  id: string;
  level: Level;
  /** the flag published with the rule */
  flag: Flag;
  /** XPath into the document */
  location: string;
  /** official rule text (ours for VB-* rules) */
  text: string;
  message_de: string;
  message_en: string;
}

export interface RuleContext {
  syntax: Syntax;
  root: XElement;
  inv: Invoice;
  origins: Origins;
  specification: Specification;
  customizationId: string | undefined;
  /** memo for values several rules share (computed lazily by helpers) */
  memo: Map<string, unknown>;
}

/**
 * Report a violation at an element or at a model object (resolved through Origins). A rule group
 * names the member rule that is violated.
 */
export type Fail = (at?: XElement | object, member?: Rule) => void;

export interface Rule {
  id: string;
  flag: Flag;
  /** cen = EN 16931 artefacts, xr = XRechnung CIUS/extension/CVD/adopted Peppol, vb = ours */
  source: 'cen' | 'xr' | 'vb';
  /** official rule text */
  text: string;
  /** plain-language messages; default to a text derived from the official one */
  de?: string;
  en?: string;
  /** syntaxes the rule exists in (default: all) */
  syntaxes?: readonly Syntax[];
  /**
   * A rule group: one engine pass that checks many rules sharing their evaluation (the syntax
   * binding tables) and reports each finding under the member rule's id, flag and text. Each
   * member is also a complete rule of its own (ALL_RULES lists the members).
   */
  members?: readonly Rule[];
  check(ctx: RuleContext, fail: Fail): void;
}
