/**
 * validate(xml): parse safely, read the model, pick the KoSIT scenario, run every rule family and
 * map levels. Rules evaluate against the element tree and the model together: arithmetic and
 * business rules use the model, syntax rules (UBL-CR/SR, CII-SR) look at the tree.
 */
import { parseXml, type ElementIndex, type ParseLimits, type XElement } from '../xml/parse.js';
import { xpathOf } from '../xml/tree.js';
import { readTree } from '../read/index.js';
import { publicModel } from '../read/common.js';
import { customizationId as cidOf, type Specification } from '../read/detect.js';
import type { Invoice, Syntax } from '../model/types.js';
import { flagLevel, levelMap, scenarioFor, type LevelMap } from './levels.js';
import { ENGINE_RULES } from './rules/index.js';
import { messagesFor } from './messages.js';
import type { Finding, Level, Rule, RuleContext } from './types.js';

export interface ValidationResult {
  /** no fatal finding (schema, EN 16931, XRechnung); VB-* rules never change it */
  valid: boolean;
  syntax: Syntax | null;
  specification: Specification | null;
  customizationId: string | null;
  /** KoSIT scenario matched by syntax and CustomizationID, null when none */
  scenario: string | null;
  /** sorted unique ids of fatal findings */
  errors: string[];
  warnings: string[];
  infos: string[];
  findings: Finding[];
  /** the model when the document could be read */
  invoice?: Invoice;
}

export interface ValidateOptions extends ParseLimits {
  /** extra or replacement rule list (tests, helpers adding families) */
  rules?: readonly Rule[];
}

function inputFinding(id: string, en: string, de: string): Finding {
  return { id, level: 'fatal', flag: 'fatal', location: '/', text: en, message_en: en, message_de: de };
}

function unreadable(id: string, en: string, de: string, syntax: Syntax | null = null): ValidationResult {
  const f = inputFinding(id, en, de);
  return {
    valid: false,
    syntax,
    specification: null,
    customizationId: null,
    scenario: null,
    errors: [id],
    warnings: [],
    infos: [],
    findings: [f],
  };
}

export function validate(xml: string | Uint8Array, options: ValidateOptions = {}): ValidationResult {
  const parsed = parseXml(xml, options);
  if (!parsed.ok) {
    const de: Record<string, string> = {
      'too-large': 'Das Dokument ist zu groß und wurde nicht verarbeitet.',
      doctype:
        'Das Dokument enthält eine DOCTYPE-Deklaration; DTDs und Entitäten werden aus Sicherheitsgründen nicht verarbeitet.',
      malformed: 'Das Dokument ist kein wohlgeformtes XML.',
      'too-deep': 'Das Dokument ist zu tief verschachtelt.',
      empty: 'Das Dokument ist leer.',
    };
    return unreadable(
      `XML-${parsed.code.toUpperCase()}`,
      `The document cannot be read: ${parsed.error}`,
      `${de[parsed.code] ?? 'Das Dokument ist nicht lesbar.'} (${parsed.error})`,
    );
  }
  return validateTree(parsed.root, options.rules ?? ENGINE_RULES, parsed.index);
}

/** The rules of a list that exist in one syntax, and their check functions as a plain array. */
interface SyntaxRules {
  rules: Rule[];
  /**
   * `rules[i].check`, read once: rule objects come in many shapes (optional fields), so reading
   * `.check` in the per-document loop was a megamorphic property load for each of ~300 rules.
   */
  checks: Rule['check'][];
}

const bySyntax = new WeakMap<readonly Rule[], Map<Syntax, SyntaxRules>>();

/** The rules that exist in a syntax, filtered once per rule list. */
function rulesFor(rules: readonly Rule[], syntax: Syntax): SyntaxRules {
  let m = bySyntax.get(rules);
  if (!m) {
    m = new Map();
    bySyntax.set(rules, m);
  }
  let entry = m.get(syntax);
  if (!entry) {
    const list = rules.filter((r) => !r.syntaxes || r.syntaxes.includes(syntax));
    entry = { rules: list, checks: list.map((r) => r.check) };
    m.set(syntax, entry);
  }
  return entry;
}

const levelCache = new WeakMap<readonly Rule[], Map<LevelMap, Level[]>>();

/** The effective level of each rule of a list under a scenario's level map, computed once. */
function levelsFor(list: readonly Rule[], levels: LevelMap): Level[] {
  let m = levelCache.get(list);
  if (!m) {
    m = new Map();
    levelCache.set(list, m);
  }
  let out = m.get(levels);
  if (!out) {
    out = list.map((rule) =>
      // our own rules are advice only: they never take part in the official verdict
      rule.source === 'vb'
        ? rule.flag === 'fatal'
          ? 'warning'
          : flagLevel(rule.flag)
        : (levels.get(rule.id) ?? flagLevel(rule.flag)),
    );
    m.set(levels, out);
  }
  return out;
}

/**
 * Validate an element tree. `index` is the parser's element index of exactly this tree (omit it
 * when the tree was changed after parsing; it is then built by one walk).
 */
export function validateTree(
  root: XElement,
  rules: readonly Rule[] = ENGINE_RULES,
  index?: ElementIndex,
): ValidationResult {
  const read = readTree(root);
  if (!read.ok) {
    return unreadable('XML-NOT-INVOICE', read.error, `Das Dokument ist keine Rechnung in UBL oder CII: ${read.error}`);
  }
  const { syntax, invoice, origins, specification } = read;
  const customizationId = cidOf(root, syntax);
  const scenario = scenarioFor(syntax, specification);
  const levels = levelMap(syntax, scenario);
  const ctx: RuleContext = { syntax, root, inv: invoice, origins, specification, customizationId, memo: new Map() };
  if (index) {
    ctx.memo.set('index', index);
  }
  const findings: Finding[] = [];
  const errors = new Set<string>();
  const warnings = new Set<string>();
  const infos = new Set<string>();

  // one fail callback per document (not per rule): the loop below sets the current rule
  let current: Rule = rules[0]!;
  let level: Level = 'fatal';
  let msgs: { de: string; en: string } | undefined;
  const fail = (at?: XElement | object, member?: Rule) => {
    if (member) {
      // a group reports for one of its members: that member's id, text and level
      const saved = [current, level, msgs] as const;
      current = member;
      level = levels.get(member.id) ?? flagLevel(member.flag);
      msgs = undefined;
      fail(at);
      [current, level, msgs] = saved;
      return;
    }
    let el: XElement | undefined;
    if (at === undefined) {
      el = root;
    } else if ('children' in at && 'ns' in at) {
      el = at as XElement;
    } else {
      el = origins.get(at) ?? root;
    }
    msgs ??= messagesFor(current);
    findings.push({
      id: current.id,
      level,
      flag: current.flag,
      location: xpathOf(el),
      text: current.text,
      message_de: msgs.de,
      message_en: msgs.en,
    });
    (level === 'fatal' ? errors : level === 'warning' ? warnings : infos).add(current.id);
  };
  const { rules: list, checks } = rulesFor(rules, syntax);
  const ruleLevels = levelsFor(list, levels);
  for (let r = 0; r < list.length; r++) {
    current = list[r]!;
    msgs = undefined;
    level = ruleLevels[r]!;
    checks[r]!(ctx, fail);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    valid: errors.size === 0,
    syntax,
    specification,
    customizationId: customizationId ?? null,
    scenario,
    errors: sorted(errors),
    warnings: sorted(warnings),
    infos: sorted(infos),
    findings,
    invoice: publicModel(invoice),
  };
}
