/**
 * KoSIT scenario selection and level mapping (validator configuration for XRechnung 3.0.x).
 * A scenario is chosen by syntax + specification identifier; the scenario's customLevel entries
 * then override the flags of individual rules. The XRechnung base overrides also apply when no
 * scenario matches, which is how the reference run reports such documents.
 */
import type { Syntax } from '../model/types.js';
import type { Specification } from '../read/detect.js';
import type { Flag, Level } from './types.js';

const SYNTAX_LABEL: Record<Syntax, string> = {
  'ubl-invoice': 'UBL Invoice',
  'ubl-creditnote': 'UBL CreditNote',
  cii: 'CII',
};

export function scenarioFor(syntax: Syntax, spec: Specification): string | null {
  const label = SYNTAX_LABEL[syntax];
  switch (spec) {
    case 'xrechnung-3.0':
      return `EN16931 XRechnung (${label})`;
    case 'xrechnung-3.0-extension':
      // the configuration has extension scenarios for UBL Invoice and CII only
      return syntax === 'ubl-creditnote' ? null : `EN16931 XRechnung Extension (${label})`;
    case 'xrechnung-3.0-cvd':
      return `EN16931 XRechnung CVD (${label})`;
    case 'en16931':
      return `EN16931 (${label})`;
    default:
      return null;
  }
}

const BASE: Record<string, Level> = {
  'BR-CL-21': 'warning',
  'BR-CL-23': 'warning',
};
const BASE_UBL_INVOICE: Record<string, Level> = { 'UBL-CR-646': 'fatal' };
const BASE_CII: Record<string, Level> = { 'CII-SR-452': 'fatal', 'CII-SR-453': 'fatal', 'CII-SR-454': 'fatal' };

/** The extension allows more identifier schemes and sub lines; the CEN checks become notes. */
const EXTENSION: Record<string, Level> = {
  'BR-CL-10': 'info',
  'BR-CL-11': 'info',
  'BR-CL-21': 'info',
  'BR-CL-24': 'info',
  'BR-CL-25': 'info',
  'BR-CL-26': 'info',
  'BR-CO-16': 'info',
  'UBL-CR-470': 'info',
  'UBL-CR-646': 'info',
};
const CVD: Record<string, Level> = { 'BR-CL-13': 'info' };

export type LevelMap = ReadonlyMap<string, Level>;

const cache = new Map<string, LevelMap>();

/** Level overrides of a scenario (computed once per syntax and scenario). */
export function levelMap(syntax: Syntax, scenario: string | null): LevelMap {
  const key = `${syntax}|${scenario ?? ''}`;
  let m = cache.get(key);
  if (!m) {
    const o: Record<string, Level> = {
      ...BASE,
      ...(syntax === 'ubl-invoice' ? BASE_UBL_INVOICE : {}),
      ...(syntax === 'cii' ? BASE_CII : {}),
    };
    if (scenario?.includes('Extension')) {
      Object.assign(o, EXTENSION);
    }
    if (scenario?.includes('CVD')) {
      Object.assign(o, CVD);
    }
    m = new Map(Object.entries(o));
    cache.set(key, m);
  }
  return m;
}

export function flagLevel(flag: Flag): Level {
  return flag === 'fatal' ? 'fatal' : flag === 'warning' ? 'warning' : 'info';
}
