import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Database } from '../../apps/server/src/platform/db/client.js';

export interface Profile {
  text: string;
}

/** A short name for a statement, to group the statements of one request. */
function label(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (/^(begin|commit|rollback)/.test(t)) {
    return t.split(' ')[0]!;
  }
  if (t.includes('set_config')) {
    return 'set_config(role, org_ids)';
  }
  if (t.startsWith('update "sessions"') || t.startsWith('update sessions')) {
    return 'touch session (once a minute)';
  }
  if (/from "?sessions"?/.test(t)) {
    return t.includes('role_grants') ? 'session + roles (one statement)' : 'session lookup';
  }
  if (t.includes('role_grants')) {
    return 'roles of user (recursive CTE)';
  }
  if (t.includes('count(*)::int') && !t.includes('order by')) {
    return 'count visible organisations';
  }
  if (t.includes('from "organisations"') && t.includes('order by')) {
    return 'list organisations (+ child counts)';
  }
  return t.slice(0, 60);
}

interface Recorded {
  label: string;
  ms: number;
  paramBytes: number;
  text: string;
  values: unknown[];
}

/**
 * Times every statement the pg driver sends while `fn` runs (PostgreSQL only): pg.Client#query is
 * wrapped for the duration, callback and promise forms alike.
 */
async function recordStatements(fn: () => Promise<void>): Promise<Recorded[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: Recorded[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const values = (typeof first === 'object' ? first?.values : undefined) ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : []);
    const paramBytes = values.reduce<number>((n, v) => n + (typeof v === 'string' ? v.length : 8), 0);
    const t0 = performance.now();
    const done = () => seen.push({ label: label(text), ms: performance.now() - t0, paramBytes, text, values });
    const cbIndex = args.findIndex((a) => typeof a === 'function');
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (...r: unknown[]) => void;
      args[cbIndex] = (...r: unknown[]) => {
        done();
        cb(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).then(
        (v) => {
          done();
          return v;
        },
        (e: unknown) => {
          done();
          throw e;
        },
      );
    }
    return result;
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * Buckets for the CPU profile, tried on each sample's stack from the innermost frame outwards; the
 * first frame that matches names the bucket. Frames without a URL (V8 builtins, native socket
 * writes) and Node's own frames are skipped, so their time goes to the library that called them:
 * a socket write issued by pg counts as pg's.
 */
const ZOD = 'zod, other callers';
const RESPONSE = 'type provider: query validation, response zod safeEncode + JSON.stringify';
const SESSION = 'session resolution: row parsing, Role.parse (auth.repository/service)';
const BUCKETS: [string, (fn: string, url: string) => boolean][] = [
  ['auth context: userContext / permissionsOf per visible org', (fn, url) => /platform\/auth\/auth\.context|shared\/src\/permissions/.test(url) || fn === 'userContext'],
  [SESSION, (_fn, url) => /platform\/auth\/auth\.(repository|service)/.test(url)],
  ['present(): abilities per row', (fn, url) => fn === 'present' || /organisations\.service/.test(url)],
  [RESPONSE, (_fn, url) => /fastify-type-provider-zod/.test(url)],
  [ZOD, (_fn, url) => /node_modules\/zod\//.test(url)],
  ['tenant/repository code (withTenant, inIds, filters)', (_fn, url) => /platform\/db\/|organisations\.repository|platform\/access/.test(url)],
  ['PGlite (the database itself, WASM in this thread)', (_fn, url) => /@electric-sql\/pglite|^wasm:/.test(url)],
  ['drizzle: query building + row mapping', (_fn, url) => /drizzle-orm/.test(url)],
  ['pg driver: protocol, parsing, pool, socket writes', (_fn, url) => /node_modules\/pg(-protocol|-pool|-types)?\//.test(url)],
  ['fastify + plugins: routing, hooks, cookies, reply, socket writes', (_fn, url) => /node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio|fast-json-stringify|pino)/.test(url)],
];

function bucketCpu(profile: { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] }): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) {
      parent.set(c, n.id);
    }
  }
  const memo = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = memo.get(id);
    if (cached) {
      return cached;
    }
    const leaf = byId.get(id)!.callFrame.functionName;
    let result = 'other JavaScript';
    if (leaf === '(idle)' || leaf === '(program)' || leaf === '(garbage collector)') {
      result = leaf === '(garbage collector)' ? 'garbage collection' : leaf;
    } else {
      let inNode = false;
      let sawCode = false;
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
        const { functionName, url } = byId.get(x)!.callFrame;
        if (!url || url.startsWith('node:')) {
          inNode ||= url.startsWith('node:');
          continue;
        }
        sawCode = true;
        if (url.includes('/bench/')) {
          // The harness itself: starting the load generator, reading its output, the profiler.
          result = result === ZOD ? ZOD : '(harness)';
          break;
        }
        const hit = BUCKETS.find(([, test]) => test(functionName, url))?.[0];
        if (result === ZOD) {
          // zod runs for whoever called it: the type provider (query validation, response
          // encoding) or the session's role parsing claim it; anything else leaves it as zod.
          if (hit === ZOD) {
            continue;
          }
          result = hit === RESPONSE || hit === SESSION ? hit : ZOD;
          break;
        }
        result = hit ?? 'other JavaScript';
        if (hit !== ZOD) {
          break;
        }
      }
      if (!sawCode && inNode) {
        result = 'node http/net: accepting and parsing requests, timers';
      }
    }
    memo.set(id, result);
    return result;
  };
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const b = classify(id);
    out.set(b, (out.get(b) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

/**
 * Where a request's time goes: a CPU profile of this process (the server; with PGlite also the
 * database) during a load run, in CPU ms per request by bucket; and on PostgreSQL every statement a
 * request sends, with the time awaited on each.
 */
export async function profileRequests(opts: {
  kind: string;
  caller: string;
  visible: number;
  database: Database;
  /** Runs load against the API for `seconds`; answers the number of requests completed. */
  load: (seconds: number) => Promise<number>;
  /** One request, sequentially. */
  request: () => Promise<void>;
  /**
   * PostgreSQL only: measures, at the bench's concurrency for `seconds`, replaying the given
   * statements in order on one pooled connection, and the raw statement; answers both mean ms.
   */
  replay?: (statements: { text: string; values: unknown[] }[], seconds: number) => Promise<{ replay: number; raw: number; api: number }>;
}): Promise<Profile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  const requests = await opts.load(4);
  const { profile } = await session.post('Profiler.stop');
  await session.post('Profiler.disable');
  session.disconnect();
  if (process.env.BENCH_PROFILE_DIR) {
    // For a closer look: open in Chrome DevTools (Performance) or speedscope.
    mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
    writeFileSync(path.join(process.env.BENCH_PROFILE_DIR, `${opts.kind}-${opts.caller}.cpuprofile`.toLowerCase()), JSON.stringify(profile));
  }
  const buckets = bucketCpu(profile as unknown as { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] });
  const idle = buckets.get('(idle)') ?? 0;
  buckets.delete('(idle)');
  buckets.delete('(harness)');
  const busy = [...buckets.values()].reduce((a, b) => a + b, 0);

  const lines = [
    `### ${opts.kind} / ${opts.caller} (${opts.visible} visible organisations)`,
    '',
    `CPU profile of the server process during 4 s of load at concurrency 10: ${requests} requests, ${(busy / requests).toFixed(2)} ms CPU per request (the sampling profiler inflates this; read the shares), ${((idle / (idle + busy)) * 100).toFixed(0)} % of the time idle (waiting on the database or the machine).`,
    '',
    '| bucket | CPU ms per request | share |',
    '|---|--:|--:|',
    ...[...buckets.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `| ${k} | ${(v / requests).toFixed(3)} | ${((v / busy) * 100).toFixed(0)} % |`),
  ];

  if (opts.database.kind === 'postgres') {
    const REQ = 100;
    // Requests still in flight from the load run (its connections closed, the handlers did not).
    await new Promise((r) => setTimeout(r, 1000));
    const stmts = await recordStatements(async () => {
      for (let i = 0; i < REQ; i++) {
        await opts.request();
      }
    });
    const by = new Map<string, { n: number; ms: number; bytes: number }>();
    for (const s of stmts) {
      const e = by.get(s.label) ?? { n: 0, ms: 0, bytes: 0 };
      e.n++;
      e.ms += s.ms;
      e.bytes += s.paramBytes;
      by.set(s.label, e);
    }
    const total = stmts.reduce((a, s) => a + s.ms, 0);
    // The statements of one steady-state request, recorded on their own.
    const one = (await recordStatements(opts.request)).filter((x) => !x.label.startsWith('touch')).map(({ text, values }) => ({ text, values }));
    const replayed = opts.replay ? await opts.replay(one, 3) : undefined;
    lines.push(
      '',
      `Statements per request as the pg driver sees them (${REQ} sequential requests): ${(stmts.length / REQ).toFixed(1)} round trips, ${(total / REQ).toFixed(2)} ms awaited on the database per request.`,
      '',
      '| statement | per request | mean ms each (send → result) | parameter bytes |',
      '|---|--:|--:|--:|',
      ...[...by.entries()].map(([k, v]) => `| ${k} | ${(v.n / REQ).toFixed(2)} | ${(v.ms / v.n).toFixed(3)} | ${Math.round(v.bytes / v.n)} |`),
    );
    if (replayed) {
      lines.push(
        '',
        `The same ${one.length} statements replayed straight through pg (one pooled connection per request, no HTTP, fastify, drizzle or zod), 3 s each, concurrency 10: mean ${replayed.replay.toFixed(2)} ms per request, against ${replayed.api.toFixed(2)} ms through the API and ${replayed.raw.toFixed(2)} ms for the one raw statement. So of API ÷ raw = ${(replayed.api / replayed.raw).toFixed(1)}×, the statement pattern accounts for ${(replayed.replay / replayed.raw).toFixed(1)}× and the Node layers on top for ${(replayed.api / replayed.replay).toFixed(1)}×.`,
      );
    }
  }
  return { text: lines.join('\n') + '\n' };
}
