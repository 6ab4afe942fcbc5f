/**
 * npm run conformance -- <dir> [--verbose] [--only substring]
 * Prints per-rule and overall agreement with the corpus's expected.jsonl.
 */
import { resolve } from 'node:path';
import { isSyntaxRule, runCorpus } from '../src/conformance/corpus.js';
import { runXmute } from '../src/conformance/xmute.js';
import { FIXTURE_DIR } from '../test/corpus.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const dir = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? FIXTURE_DIR);

const t0 = performance.now();
const s = runCorpus(dir, only ? (r) => r.file.includes(only) : undefined);
const ms = performance.now() - t0;
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);

console.log(`corpus: ${dir}`);
console.log('\nper rule (whole documents; expected = documents where the reference reports the rule as error):');
const rows = [...s.perRule.entries()].sort(
  (a, b) => b[1].missing + b[1].extra - (a[1].missing + a[1].extra) || a[0].localeCompare(b[0]),
);
for (const [id, e] of rows) {
  const agree = e.missing === 0 && e.extra === 0 ? 'ok' : `missing ${e.missing}, extra ${e.extra}`;
  console.log(`  ${id.padEnd(24)} expected ${String(e.expected).padStart(4)}  ${agree}`);
}
if (verbose) {
  console.log('\ndisagreements:');
  for (const o of s.outcomes) {
    if (o.validAgrees === false || o.errorsAgree === false) {
      console.log(
        `  ${o.record.file}: valid ${o.result.valid}/${o.record.valid} ours [${o.result.errors.join(' ')}] ref [${o.record.errors.join(' ')}]`,
      );
    }
    if (args.includes('--warnings') && o.warningsAgree === false) {
      console.log(`  W ${o.record.file}: ours [${o.result.warnings.join(' ')}] ref [${o.record.warnings.join(' ')}]`);
    }
    if (args.includes('--warnings') && o.infosAgree === false) {
      console.log(`  I ${o.record.file}: ours [${o.result.infos.join(' ')}] ref [${o.record.infos.join(' ')}]`);
    }
    if (args.includes('--syntax') && !o.syntaxAgrees) {
      const pick = (ids: string[]) => ids.filter(isSyntaxRule).join(' ');
      console.log(
        `  S ${o.record.file}: ours [${pick([...o.result.errors, ...o.result.warnings, ...o.result.infos])}] ref [${pick([...o.record.errors, ...o.record.warnings, ...o.record.infos])}]`,
      );
    }
    if (o.unitMet === false) {
      console.log(`  ${o.record.file}: ${o.unitDetail?.join('; ')}`);
    }
  }
}
console.log('\noverall:');
console.log(`  whole documents:          ${s.whole}`);
console.log(`  valid agreement:          ${s.validAgree}/${s.whole} (${pct(s.validAgree, s.whole)})`);
console.log(`  error-id set agreement:   ${s.errorsAgree}/${s.whole} (${pct(s.errorsAgree, s.whole)})`);
console.log(`  unit expectations met:    ${s.unitMet}/${s.unit} (${pct(s.unitMet, s.unit)})`);
console.log(
  `  schema verdict agreement: ${s.xsdAgree}/${s.whole} (${pct(s.xsdAgree, s.whole)}) (schema-lite vs. reference XSD, whole documents)`,
);
console.log(
  `  warning-id set agreement: ${s.warningsAgree}/${s.whole} (${pct(s.warningsAgree, s.whole)}) (informational; VB-* excluded)`,
);
console.log(
  `  syntax-rule id agreement: ${s.syntaxAgree}/${s.outcomes.length} (${pct(s.syntaxAgree, s.outcomes.length)}) (UBL-*/CII-* ids at any level, every record incl. unit fragments)`,
);
console.log(`  info-id set agreement:    ${s.infosAgree}/${s.whole} (${pct(s.infosAgree, s.whole)}) (informational)`);
const x = runXmute(dir);
console.log(
  `  KoSIT mutation tests:     ${x.met}/${x.mutants} (${pct(x.met, x.mutants)}) mutants from ${x.declarations} non-identity XML-Mutate declarations (${x.skipped} whitespace mutations not expanded)`,
);
if (verbose) {
  for (const o of x.outcomes.filter((o) => !o.met)) {
    console.log(`  M ${o.file} ${o.id} ${o.mutator} ${o.value ?? ''}: ${o.detail.join('; ')}`);
  }
}
console.log(`  time: ${ms.toFixed(0)} ms for ${s.outcomes.length} records`);
