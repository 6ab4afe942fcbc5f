/**
 * node scripts/same-results.mjs <bundle A> <bundle B> [dir ...]
 *
 * Speed work must not change a verdict: validates every XML file under the given directories
 * (default: the shared corpus and the test fixtures) with two bundles of the package (e.g. a
 * copy of dist/index.js from before a change and the current one) and compares the complete
 * results — findings in order with their locations, id lists, and the model read (validate and
 * readInvoice, keys with undefined values and key order included, readInvoice's origins).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const [a, b, ...dirs] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: same-results.mjs <bundle A> <bundle B> [dir ...]');
  process.exit(2);
}
const roots = dirs.length ? dirs : ['/work/shared/data/xrechnung', join(pkg, 'test', 'fixtures')];
const A = await import(pathToFileURL(resolve(a)).href);
const B = await import(pathToFileURL(resolve(b)).href);

function* xmlFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      yield* xmlFiles(p);
    } else if (name.endsWith('.xml')) {
      yield p;
    }
  }
}

/** Keys with undefined values count (JSON would drop them), and so do key order and origins. */
const mark = (_k, v) => (v === undefined ? '<undefined>' : v);
function originsOf(read) {
  const out = [];
  const walk = (o) => {
    if (o && typeof o === 'object') {
      out.push(read.origins.get(o)?.offset ?? -1);
      Object.values(o).forEach(walk);
    }
  };
  walk(read.invoice);
  return out;
}
function same(lib, bytes) {
  const read = lib.readInvoice(bytes);
  const r = read.ok ? { ...read, root: undefined, origins: originsOf(read) } : read;
  return JSON.stringify([lib.validate(bytes), r], mark);
}

let files = 0;
let differ = 0;
for (const root of roots) {
  for (const f of xmlFiles(root)) {
    const bytes = readFileSync(f);
    files++;
    // twice each: the second run sees warm caches (memoised tables, interned names)
    for (let i = 0; i < 2; i++) {
      const ra = same(A, bytes);
      const rb = same(B, bytes);
      if (ra !== rb) {
        differ++;
        console.log(`DIFFERENT (run ${i + 1}): ${f}`);
        break;
      }
    }
  }
}
console.log(`${files} XML files, ${differ} with different validate results`);
process.exit(differ ? 1 : 0);
