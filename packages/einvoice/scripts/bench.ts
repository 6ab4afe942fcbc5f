/**
 * npm run bench -- [corpus dir]
 * Warm throughput and per-document median over a corpus (whole documents of its expected.jsonl),
 * p50/p99 of read, validate and write for a typical 10-line invoice, and cold start to the first
 * verdict in a fresh Node process (built package).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { validate } from '../src/validate/engine.js';
import { readInvoice } from '../src/read/index.js';
import { writeXRechnung } from '../src/write/index.js';
import { sampleInvoice } from '../src/sample.js';
import { FIXTURE_DIR } from '../test/corpus.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? process.env.EINVOICE_BENCH_CORPUS ?? FIXTURE_DIR);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

// corpus
const records = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { file: string })
  .filter((r) => !r.file.includes('#'));
const docs = records.map((r) => readFileSync(join(dir, r.file), 'utf8'));
const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d), 0);
for (let i = 0; i < 3; i++) {
  docs.forEach((d) => validate(d));
}
const rounds = 5;
const perDoc = docs.map(() => [] as number[]);
// CPU time as well as wall time: on a shared, loaded machine wall time mostly measures waiting
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  docs.forEach((d, i) => {
    const s = performance.now();
    validate(d);
    perDoc[i]!.push(performance.now() - s);
  });
}
const total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMsPerDoc = (cpu.user + cpu.system) / 1000 / (docs.length * rounds);
const medians = perDoc.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!).sort((a, b) => a - b);
console.log(`corpus ${dir}: ${docs.length} whole documents, ${(bytes / 1e6).toFixed(1)} MB`);
console.log(
  `  validate warm: ${((docs.length * rounds) / (total / 1000)).toFixed(0)} docs/s, ${((bytes * rounds) / 1e6 / (total / 1000)).toFixed(1)} MB/s`,
);
console.log(
  `  per document (median of ${rounds} runs): median ${fmt(pct(medians, 50))}, p90 ${fmt(pct(medians, 90))}, p99 ${fmt(pct(medians, 99))}`,
);
console.log(
  `  CPU time per document (mean, includes GC): ${fmt(cpuMsPerDoc)}; machine load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
);

// typical 10-line invoice
const model = sampleInvoice(10);
const xml = writeXRechnung(model, { syntax: 'ubl' });
function measure(name: string, fn: () => void, n = 3000): void {
  for (let i = 0; i < 300; i++) {
    fn();
  }
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    fn();
  }
  const c = process.cpuUsage(c0);
  const cpuMean = (c.user + c.system) / 1000 / n;
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(9)} p50 ${fmt(pct(xs, 50))}  p99 ${fmt(pct(xs, 99))}  (CPU mean ${fmt(cpuMean)})`);
}
console.log(`typical 10-line XRechnung UBL invoice (${Buffer.byteLength(xml)} bytes):`);
measure('read', () => readInvoice(xml));
measure('validate', () => validate(xml));
measure('write', () => writeXRechnung(model, { syntax: 'ubl' }));

// cold start: fresh process, import the built package, first verdict
const dist = join(pkg, 'dist', 'index.js');
if (!existsSync(dist)) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: pkg, stdio: 'ignore' });
}
const probe = `const t0=performance.now();const m=await import(${JSON.stringify(dist)});const fs=await import('node:fs');const r=m.validate(fs.readFileSync(process.argv[1]));console.log(JSON.stringify({valid:r.valid,importAndVerdictMs:performance.now()-t0}));`;
const file = join(dir, records[0]!.file);
const colds: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  const p = spawnSync(process.execPath, ['--input-type=module', '-e', probe, file], { encoding: 'utf8' });
  colds.push(performance.now() - s);
  if (p.status !== 0) {
    console.log(p.stderr);
  }
}
colds.sort((a, b) => a - b);
const bare: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - s);
}
bare.sort((a, b) => a - b);
console.log(
  `cold start (node process start → first verdict, built package): median ${fmt(pct(colds, 50))} over 5 runs; bare 'node -e 0' on this machine: ${fmt(pct(bare, 50))}`,
);
