#!/usr/bin/env node
// Runs the benches in this folder, one after another: every bench/*.bench.ts, or only those whose
// file name contains one of the arguments (`npm run bench -- organisations`). Each runs under
// tsx with the `source` condition, so the workspace packages resolve to their TypeScript sources.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (benches.length === 0) {
  console.error(`no bench matches ${filters.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  console.error(`\n[bench] ${file}`);
  const r = spawnSync(process.execPath, [tsx, '--conditions=source', path.join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[bench] ${file} failed (${r.status ?? r.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
