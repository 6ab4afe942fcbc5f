/**
 * Conformance against a corpus folder with an expected.jsonl (format of the shared XRechnung
 * corpus): whole documents are compared on the verdict and the set of error rule ids, CEN unit
 * test cases (file#N) and KoSIT xmute instances on the expectations they carry themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, type ValidationResult } from '../validate/engine.js';

export interface UnitExpectation {
  kind: 'cen-testset' | 'xmute-identity';
  expectSuccess?: string[];
  expectError?: string[];
  expectWarning?: string[];
  expectFired?: string[];
  expectNotFired?: string[];
}

export interface CorpusRecord {
  file: string;
  syntax: string;
  valid: boolean;
  errors: string[];
  warnings: string[];
  infos: string[];
  unit?: UnitExpectation;
  xsdValid?: boolean;
}

export function loadRecords(dir: string): CorpusRecord[] {
  return readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusRecord);
}

const testSetCache = new Map<string, string[]>();

/** The documents of a CEN VEFA testSet file, one per <test>, with the root's namespace declarations carried over. */
export function testSetDocuments(text: string): string[] {
  const rootDecls = /<testSet\b([^>]*)>/.exec(text)?.[1] ?? '';
  const decls = [...rootDecls.matchAll(/\sxmlns:([\w-]+)="[^"]*"/g)].map((m) => ({ prefix: m[1]!, decl: m[0] }));
  const docs: string[] = [];
  for (const m of text.matchAll(/<test\b[^>]*>([\s\S]*?)<\/test>/g)) {
    let body = m[1]!.replace(/<assert>[\s\S]*?<\/assert>/, '').replace(/<!--[\s\S]*?-->/g, '');
    const open = /<([\w:.-]+)([^>]*)>/.exec(body);
    if (open) {
      const missing = decls
        .filter((d) => !open[2]!.includes(`xmlns:${d.prefix}=`))
        .map((d) => d.decl)
        .join('');
      body = body.slice(0, open.index) + `<${open[1]}${missing}${open[2]}>` + body.slice(open.index + open[0].length);
    }
    docs.push(body.trim());
  }
  return docs;
}

export function documentFor(dir: string, file: string): string | Buffer {
  const hash = file.indexOf('#');
  if (hash < 0) {
    return readFileSync(join(dir, file));
  }
  const path = file.slice(0, hash);
  const n = Number.parseInt(file.slice(hash + 1), 10);
  let docs = testSetCache.get(path);
  if (!docs) {
    docs = testSetDocuments(readFileSync(join(dir, path), 'utf8'));
    testSetCache.set(path, docs);
  }
  return docs[n - 1] ?? '';
}

export interface RecordOutcome {
  record: CorpusRecord;
  result: ValidationResult;
  /** whole documents: verdict agrees */
  validAgrees?: boolean;
  /** whole documents: same set of error rule ids (input/schema findings XML-/XSD- excluded) */
  errorsAgree?: boolean;
  /** whole documents: same set of warning ids / info ids (informational, not part of the bar) */
  warningsAgree?: boolean;
  infosAgree?: boolean;
  /** whole documents: our schema-lite verdict equals the reference XSD verdict */
  xsdAgrees?: boolean;
  /** every record: same set of syntax binding rule ids (UBL-*, CII-*) at any level as the reference run */
  syntaxAgrees: boolean;
  /** unit cases: own expectations met */
  unitMet?: boolean;
  unitDetail?: string[];
}

export function ruleErrors(r: ValidationResult): string[] {
  return r.errors.filter((e) => !e.startsWith('XSD-') && !e.startsWith('XML-'));
}

/** Syntax binding rules (UBL-CR/SR/DT, CII-SR/DT), which the CEN unit fragments exercise most. */
export function isSyntaxRule(id: string): boolean {
  return id.startsWith('UBL-') || id.startsWith('CII-');
}

export function checkRecord(dir: string, record: CorpusRecord): RecordOutcome {
  const result = validate(documentFor(dir, record.file));
  const syntaxIds = (ids: string[]) => [...new Set(ids.filter(isSyntaxRule))].sort().join(' ');
  const out: RecordOutcome = {
    record,
    result,
    syntaxAgrees:
      syntaxIds([...result.errors, ...result.warnings, ...result.infos]) ===
      syntaxIds([...record.errors, ...record.warnings, ...record.infos]),
  };
  if (record.unit) {
    const f = new Set([...result.errors, ...result.warnings, ...result.infos]);
    const u = record.unit;
    const detail: string[] = [];
    for (const id of [...(u.expectSuccess ?? []), ...(u.expectNotFired ?? [])]) {
      if (f.has(id)) {
        detail.push(`expected ${id} not to fire`);
      }
    }
    for (const id of [...(u.expectError ?? []), ...(u.expectWarning ?? []), ...(u.expectFired ?? [])]) {
      if (!f.has(id)) {
        detail.push(`expected ${id} to fire`);
      }
    }
    out.unitMet = detail.length === 0;
    out.unitDetail = detail;
  }
  if (!record.file.includes('#')) {
    out.validAgrees = result.valid === record.valid;
    out.errorsAgree = ruleErrors(result).join(' ') === [...record.errors].sort().join(' ');
    const own = (ids: string[]) => ids.filter((i) => !i.startsWith('VB-')).join(' ');
    out.warningsAgree = own(result.warnings) === [...record.warnings].sort().join(' ');
    out.infosAgree = own(result.infos) === [...record.infos].sort().join(' ');
    if (record.xsdValid !== undefined) {
      out.xsdAgrees = !result.errors.some((e) => e.startsWith('XSD-') || e.startsWith('XML-')) === record.xsdValid;
    }
  }
  return out;
}

export interface Summary {
  whole: number;
  validAgree: number;
  errorsAgree: number;
  unit: number;
  unitMet: number;
  /** whole documents: schema verdict agreement (schema-lite vs. the reference XSD run) */
  xsdAgree: number;
  warningsAgree: number;
  infosAgree: number;
  /** all records (unit fragments included): same set of syntax rule ids as the reference */
  syntaxAgree: number;
  /** per rule over whole documents: expected = documents where the reference reports it as error */
  perRule: Map<string, { expected: number; missing: number; extra: number }>;
  outcomes: RecordOutcome[];
}

export function runCorpus(dir: string, filter?: (r: CorpusRecord) => boolean): Summary {
  const s: Summary = {
    whole: 0,
    validAgree: 0,
    errorsAgree: 0,
    unit: 0,
    unitMet: 0,
    xsdAgree: 0,
    warningsAgree: 0,
    infosAgree: 0,
    syntaxAgree: 0,
    perRule: new Map(),
    outcomes: [],
  };
  for (const rec of loadRecords(dir)) {
    if (filter && !filter(rec)) {
      continue;
    }
    const o = checkRecord(dir, rec);
    s.outcomes.push(o);
    s.syntaxAgree += o.syntaxAgrees ? 1 : 0;
    if (o.validAgrees !== undefined) {
      s.whole++;
      s.validAgree += o.validAgrees ? 1 : 0;
      s.errorsAgree += o.errorsAgree ? 1 : 0;
      s.xsdAgree += o.xsdAgrees ? 1 : 0;
      s.warningsAgree += o.warningsAgree ? 1 : 0;
      s.infosAgree += o.infosAgree ? 1 : 0;
      const mine = new Set(ruleErrors(o.result));
      const theirs = new Set(rec.errors);
      for (const id of new Set([...mine, ...theirs])) {
        const e = s.perRule.get(id) ?? { expected: 0, missing: 0, extra: 0 };
        if (theirs.has(id)) {
          e.expected++;
          if (!mine.has(id)) {
            e.missing++;
          }
        } else {
          e.extra++;
        }
        s.perRule.set(id, e);
      }
    }
    if (o.unitMet !== undefined) {
      s.unit++;
      s.unitMet += o.unitMet ? 1 : 0;
    }
  }
  return s;
}
