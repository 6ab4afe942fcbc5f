import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stats } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TARGET_P95_MS = 20;
export const TARGET_RATIO = 3;

export interface Row {
  db: 'PGlite' | 'PostgreSQL';
  caller: string;
  visible: number;
  api: Stats;
  raw: Stats;
  /** CPU time of this process (server; for PGlite also the database) per API request. */
  cpuPerRequest: number;
  /** CPU time of this process per raw query (pg driver; for PGlite also the database). */
  cpuPerQuery: number;
}

export function pgliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(here, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** The code measured: the commit, and whether the server's sources had uncommitted changes. */
export function revision(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: here, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = git('status', '--porcelain', '--', '../../apps/server/src', '../../packages/shared/src').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted server changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
export const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
export const loadAverage = () => os.loadavg()[0]!.toFixed(1);

export function table(rows: Row[]): string {
  const head =
    '| database | caller | visible orgs | API req/s | p50 ms | p95 ms | p99 ms | API mean ms | server CPU ms/req | raw q/s | raw mean ms | raw CPU ms/q | API ÷ raw | p95 < 20 ms | API ≤ 3× raw |\n' +
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|';
  const lines = rows.map((r) => {
    const ratio = r.api.mean / r.raw.mean;
    // The targets are set for PostgreSQL; PGlite's figures say how it would fare, in brackets.
    const mark = (ok: boolean) => (r.db === 'PostgreSQL' ? verdict(ok) : `(${ok ? 'would meet' : 'would miss'})`);
    return `| ${r.db} | ${r.caller} | ${r.visible} | ${r.api.rps.toFixed(0)} | ${ms(r.api.p50)} | ${ms(r.api.p95)} | ${ms(r.api.p99)} | ${ms(r.api.mean)} | ${ms(r.cpuPerRequest)} | ${r.raw.rps.toFixed(0)} | ${ms(r.raw.mean)} | ${ms(r.cpuPerQuery)} | ${ratio.toFixed(1)}× | ${mark(r.api.p95 < TARGET_P95_MS)} | ${mark(ratio <= TARGET_RATIO)} |`;
  });
  return [head, ...lines].join('\n');
}
