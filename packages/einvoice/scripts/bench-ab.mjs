/**
 * node scripts/bench-ab.mjs <bundle A> <bundle B> [--rounds N] [--warmup N] [--corpus dir]
 *
 * Same-process A/B of two builds of the package (e.g. a copy of dist/index.js from before a
 * change, and the current dist/index.js). On a shared 2-core machine two separate bench runs
 * differ by more than most single changes gain; here both builds validate the same document back
 * to back (order alternating), so load changes hit both alike. Prints per build the median over
 * documents of each document's median and fastest round, the mean, the CPU time per document
 * (incl. GC threads), and the ratios B/A. The warm-up is long on purpose: with ~340 rule functions
 * TurboFan keeps compiling for several seconds, and compile threads compete for the second core.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const [fa, fb] = args.filter((x, i) => !x.startsWith('--') && !args[i - 1]?.startsWith('--'));
const rounds = Number(opt('--rounds', 9));
const warmup = Number(opt('--warmup', 12));
const dir = resolve(opt('--corpus', '/work/shared/data/xrechnung'));
const builds = [await import(pathToFileURL(resolve(fa)).href), await import(pathToFileURL(resolve(fb)).href)];

const docs = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).file)
  .filter((f) => !f.includes('#'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

for (let r = 0; r < warmup; r++) {
  for (const d of docs) {
    builds[0].validate(d);
    builds[1].validate(d);
  }
}
const times = [0, 1].map(() => docs.map(() => []));
const cpu = [0, 0];
const load0 = loadavg()[0];
function run(k, i) {
  const c0 = process.cpuUsage();
  const s = performance.now();
  builds[k].validate(docs[i]);
  const t = performance.now() - s;
  const c = process.cpuUsage(c0);
  times[k][i].push(t);
  cpu[k] += c.user + c.system;
}
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < docs.length; i++) {
    const first = (r + i) & 1;
    run(first, i);
    run(1 - first, i);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = [0, 1].map((k) => {
  const ts = times[k];
  return {
    median: median(ts.map(median)),
    best: median(ts.map((xs) => Math.min(...xs))),
    p95: [...ts.map(median)].sort((a, b) => a - b)[Math.floor(ts.length * 0.95)],
    mean: ts.flat().reduce((a, b) => a + b, 0) / (docs.length * rounds),
    cpu: cpu[k] / 1000 / (docs.length * rounds),
  };
});
const f = (x) => x.toFixed(3);
console.log(`${docs.length} docs, ${rounds} rounds, load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
for (const [k, name] of [[0, `A ${fa}`], [1, `B ${fb}`]]) {
  const s = stats[k];
  console.log(`  ${name}: median ${f(s.median)} best ${f(s.best)} p95 ${f(s.p95)} mean ${f(s.mean)} CPU/doc ${f(s.cpu)} ms`);
}
const ratio = (key) => (stats[1][key] / stats[0][key]).toFixed(3);
console.log(`  B/A: median ${ratio('median')}× best ${ratio('best')}× p95 ${ratio('p95')}× mean ${ratio('mean')}× CPU ${ratio('cpu')}×`);
