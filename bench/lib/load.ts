import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SESSION_COOKIE } from '../../apps/server/src/platform/auth/auth.plugin.js';
import { summarize, type Stats } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Concurrency of every load: autocannon connections, raw SQL loops, pool sizes. */
export const CONNECTIONS = 10;

export interface LoadResult {
  times: number[];
  seconds: number;
}

let loader: ChildProcess | undefined;

/**
 * autocannon in a child process (forked once, reused), so the load generator does not steal the
 * server's event loop. Rejects when any response was not 2xx or failed.
 */
export function loadHttp(url: string, token: string, seconds: number): Promise<LoadResult> {
  loader ??= fork(path.join(here, 'load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const child = loader;
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: LoadResult & { error?: string; non2xx: number; errors: number; timeouts: number }) => {
      child.off('exit', onExit);
      if (m.error) {
        reject(new Error(`load generator failed: ${m.error}`));
      } else if (m.non2xx > 0 || m.errors > 0 || m.timeouts > 0) {
        reject(new Error(`load run not clean: ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts`));
      } else {
        resolve(m);
      }
    });
    child.send({ url, cookie: `${SESSION_COOKIE}=${token}`, connections: CONNECTIONS, duration: seconds });
  });
}

/** Organisation list requests the server has answered so far, from its own /metrics. */
export async function served(address: string): Promise<number> {
  const text = await (await fetch(`${address}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^verbund_http_requests_total\{[^}]*route="\/api\/v1\/organisations"[^}]*\} (\d+)/gm)) {
    n += Number(m[1]);
  }
  return n;
}

/** Waits until the server has stopped answering list requests; returns the count then. */
export async function settled(address: string): Promise<number> {
  let n = await served(address);
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const m = await served(address);
    if (m === n) {
      break;
    }
    n = m;
  }
  return n;
}

/** `CONNECTIONS` loops issuing the raw statement back to back for `seconds`. */
export async function loadRaw(query: () => Promise<unknown>, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await query();
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  return { times, seconds: (performance.now() - start) / 1000 };
}

export function merge(parts: LoadResult[]): Stats {
  return summarize(
    parts.flatMap((p) => p.times),
    parts.reduce((s, p) => s + p.seconds, 0),
  );
}

/** Ends the forked load generator (it would otherwise keep the bench alive). */
export function stopLoader(): void {
  loader?.kill();
  loader = undefined;
}
