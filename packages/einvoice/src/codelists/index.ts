/**
 * Code lists as versioned data. Loaded once at module load (JSON import, no file system access at
 * run time so the package works bundled too).
 */
import en from './en16931-1.3.15-codelists.json' with { type: 'json' };
import xr from './xrechnung-2.5.0-codelists.json' with { type: 'json' };

export const EN16931_CODELIST_VERSION = '1.3.15';
export const XRECHNUNG_CODELIST_VERSION = '2.5.0';

type Syn = 'ubl' | 'cii';
interface ClRule {
  appliesTo: string;
  flag: string;
  text: string;
  codes: string[] | string[][];
}

const rules = (en as unknown as { rules: Record<string, Partial<Record<Syn, ClRule>>> }).rules;

/** The allowed codes of a BR-CL rule for a syntax; several lists are merged unless an index is given. */
export function codeList(ruleId: string, syntax: Syn, index?: number): Set<string> {
  const r = rules[ruleId]?.[syntax] ?? rules[ruleId]?.[syntax === 'ubl' ? 'cii' : 'ubl'];
  if (!r) {
    return new Set();
  }
  const codes = r.codes;
  if (Array.isArray(codes[0])) {
    const lists = codes as string[][];
    return new Set(index !== undefined ? (lists[index] ?? []) : lists.flat());
  }
  return new Set(codes as string[]);
}

export function codeListRule(ruleId: string, syntax: Syn): ClRule | undefined {
  return rules[ruleId]?.[syntax];
}

const lists = (xr as unknown as { lists: Record<string, string[]> }).lists;

export function xrList(name: string): Set<string> {
  return new Set(lists[name] ?? []);
}

export const COUNTRY_CODES = codeList('BR-CL-14', 'ubl');
export const CURRENCY_CODES = codeList('BR-CL-04', 'ubl');
