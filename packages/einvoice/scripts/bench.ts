/**
 * npm run bench -- [corpus dir] [--rounds N]
 * Warm throughput and per-document latency over a corpus (whole documents of its expected.jsonl),
 * per document-size class; p50/p99 of read, validate and write for a typical 10-line invoice; and
 * cold start to the first verdict in a fresh Node process (bundled package).
 *
 * On a shared machine wall time mostly measures waiting for a core, so every figure is printed
 * with the CPU time the process actually used (process.cpuUsage) and the load average.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { validate } from '../src/validate/engine.js';
import { readInvoice } from '../src/read/index.js';
import { writeXRechnung } from '../src/write/index.js';
import { sampleInvoice } from '../src/sample.js';
import { FIXTURE_DIR } from '../test/corpus.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 7;
const dir = resolve(
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ??
    process.env.EINVOICE_BENCH_CORPUS ??
    FIXTURE_DIR,
);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(1);

// corpus
const records = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { file: string })
  .filter((r) => !r.file.includes('#'));
const docs = records.map((r) => readFileSync(join(dir, r.file), 'utf8'));
const sizes = docs.map((d) => Buffer.byteLength(d));
const bytes = sizes.reduce((a, b) => a + b, 0);
for (let i = 0; i < 3; i++) {
  docs.forEach((d) => validate(d));
}
const perDoc = docs.map(() => [] as number[]);
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
const cpuMs = (cpu.user + cpu.system) / 1000;
// a document's time = the fastest of its runs (the least disturbed by other processes), and the median
const best = perDoc.map((xs) => Math.min(...xs));
const med = perDoc.map(median);
console.log(`corpus ${dir}: ${docs.length} whole documents, ${(bytes / 1e6).toFixed(1)} MB, ${rounds} rounds`);
console.log(
  `  validate warm: ${((docs.length * rounds) / (total / 1000)).toFixed(0)} docs/s wall, ` +
    `${((docs.length * rounds) / (cpuMs / 1000)).toFixed(0)} docs/s per CPU second, ` +
    `${((bytes * rounds) / 1e6 / (total / 1000)).toFixed(1)} MB/s wall`,
);
console.log(`  CPU time per document (mean incl. GC): ${fmt(cpuMs / (docs.length * rounds))}; load average ${load()}`);
const classes: [string, (b: number) => boolean][] = [
  ['all', () => true],
  ['< 10 KB', (b) => b < 10_000],
  ['10–50 KB', (b) => b >= 10_000 && b < 50_000],
  ['≥ 50 KB', (b) => b >= 50_000],
];
console.log('  per document latency (wall; "best" = fastest of the rounds, "median" = median of the rounds):');
for (const [label, f] of classes) {
  const idx = sizes.map((b, i) => (f(b) ? i : -1)).filter((i) => i >= 0);
  const b = idx.map((i) => best[i]!).sort((x, y) => x - y);
  const m = idx.map((i) => med[i]!).sort((x, y) => x - y);
  console.log(
    `    ${label.padEnd(9)} ${String(idx.length).padStart(3)} docs  best: median ${fmt(pct(b, 50))} p95 ${fmt(pct(b, 95))}` +
      `   median: median ${fmt(pct(m, 50))} p95 ${fmt(pct(m, 95))}`,
  );
}

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

// cold start: fresh process, import the bundled package, first verdict (always rebuilt from src)
execFileSync(process.execPath, [join(pkg, 'scripts', 'bundle.mjs')], { cwd: pkg, stdio: 'inherit' });
const dist = join(pkg, 'dist', 'index.js');
const probe = `const m=await import(${JSON.stringify(dist)});const fs=await import('node:fs');const r=m.validate(fs.readFileSync(process.argv[1]));const c=process.cpuUsage();console.log(JSON.stringify({valid:r.valid,uptimeMs:process.uptime()*1000,cpuMs:(c.user+c.system)/1000}));`;
const bareProbe = `const c=process.cpuUsage();console.log(JSON.stringify({uptimeMs:process.uptime()*1000,cpuMs:(c.user+c.system)/1000}));`;
const file = join(dir, records[0]!.file);
function spawnRuns(code: string, extra: string[], n = 9): { wall: number; uptime: number; cpu: number } {
  const wall: number[] = [];
  const up: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', code, ...extra], { encoding: 'utf8' });
    wall.push(performance.now() - s);
    if (p.status !== 0) {
      console.log(p.stderr);
      continue;
    }
    const j = JSON.parse(p.stdout) as { uptimeMs: number; cpuMs: number };
    up.push(j.uptimeMs);
    c.push(j.cpuMs);
  }
  return { wall: median(wall), uptime: median(up), cpu: median(c) };
}
const cold = spawnRuns(probe, [file]);
const bare = spawnRuns(bareProbe, []);
console.log(`cold start, process start → first verdict (${records[0]!.file}), median of 9 (load average ${load()}):`);
console.log(
  `  with the package: ${fmt(cold.wall)} wall (spawn to exit), ${fmt(cold.uptime)} process uptime at the verdict, ${fmt(cold.cpu)} CPU`,
);
console.log(`  bare node:        ${fmt(bare.wall)} wall, ${fmt(bare.uptime)} uptime, ${fmt(bare.cpu)} CPU`);
console.log(
  `  the package's share: ${fmt(cold.uptime - bare.uptime)} uptime, ${fmt(cold.cpu - bare.cpu)} CPU (import + first verdict)`,
);
