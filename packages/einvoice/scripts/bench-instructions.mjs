/**
 * node scripts/bench-instructions.mjs [corpus dir] [--rounds N] [--every K]
 *
 * Load-independent cost figure: CPU instructions per validation, counted by valgrind (callgrind).
 * Wall and even CPU time on a shared machine depend on what else runs; instruction counts do not.
 * The workload (a fixed sample of the corpus: every K-th whole document, plus the typical 10-line
 * invoice) is bundled, warmed up, and run twice under callgrind: with 0 and with N measured
 * rounds. The difference divided by the number of validations is the steady-state cost.
 * Needs valgrind; takes a few minutes (the program runs ~50× slower under valgrind).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const rounds = opt('--rounds', 4);
const every = opt('--every', 8);
const dir = resolve(
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(pkg, 'test', 'fixtures', 'corpus'),
);

const work = mkdtempSync(join(tmpdir(), 'einvoice-insn-'));
const entry = join(work, 'workload.ts');
writeFileSync(
  entry,
  `import { readFileSync } from 'node:fs';
import { validate } from ${JSON.stringify(join(pkg, 'src', 'validate', 'engine.ts'))};
import { writeXRechnung } from ${JSON.stringify(join(pkg, 'src', 'write', 'index.ts'))};
import { sampleInvoice } from ${JSON.stringify(join(pkg, 'src', 'sample.ts'))};
const [dir, mode, every, rounds] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const docs = mode === 'typical'
  ? [writeXRechnung(sampleInvoice(10), { syntax: 'ubl' })]
  : readFileSync(dir + '/expected.jsonl', 'utf8').split('\\n').filter(Boolean).map((l) => JSON.parse(l))
      .filter((r) => !r.file.includes('#')).filter((_, i) => i % every === 0).map((r) => readFileSync(dir + '/' + r.file, 'utf8'));
const reps = mode === 'typical' ? 60 : 1;
let v = 0;
for (let w = 0; w < 3 * reps; w++) for (const d of docs) v += validate(d).errors.length;
for (let r = 0; r < rounds * reps; r++) for (const d of docs) v += validate(d).errors.length;
console.log(JSON.stringify({ docs: docs.length, validations: rounds * reps * docs.length, v }));
`,
);
const bundle = join(work, 'workload.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'warning',
});

function instructions(mode, r) {
  const p = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      process.execPath,
      bundle,
      dir,
      mode,
      String(every),
      String(r),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const m = /Collected\s*:\s*(\d+)/.exec(p.stderr);
  if (!m) {
    throw new Error(`valgrind failed: ${p.stderr.slice(-2000)}`);
  }
  return { ir: Number(m[1]), out: JSON.parse(p.stdout.trim().split('\n').pop()) };
}

for (const mode of ['corpus', 'typical']) {
  const a = instructions(mode, 0);
  const b = instructions(mode, rounds);
  const per = (b.ir - a.ir) / b.out.validations;
  const what =
    mode === 'typical'
      ? 'typical 10-line UBL invoice'
      : `every ${every}th whole document of ${dir} (${b.out.docs} docs)`;
  console.log(`${what}: ${(per / 1e6).toFixed(2)} M instructions per validation (${b.out.validations} validations)`);
}
