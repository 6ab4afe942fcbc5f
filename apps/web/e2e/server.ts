// Building the web app and starting the real server for the journeys (no vitest imports: the
// global setup runs this in the main process).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(webDir, '../..');
const require = createRequire(import.meta.url);

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) {
    return s.mtimeMs;
  }
  return Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** Builds the web app when dist is missing or older than its sources, so e2e tests what is served. */
export function ensureBuilt(): void {
  const index = path.join(webDir, 'dist/index.html');
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(webDir, p));
  const sources = Math.max(...inputs.map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) {
    return;
  }
  // vite's exports do not include its bin; find it beside its package.json.
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error('vite build failed');
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The server's DATA_DIR (embedded database and files). */
  dataDir: string;
  stop: () => Promise<void>;
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
  // A pending timer would keep the test run's main process alive for the whole grace time.
  clearTimeout(timer);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The real server as in production: it serves the built app at / and the API beside it, on a
 * fresh embedded database that it seeds with the demo on first start.
 */
export async function startServer(opts: { template?: string; keepData?: boolean } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'verbund-e2e-'));
  if (opts.template) {
    // Without the lock of the server that seeded it (a copy is a database of its own).
    cpSync(opts.template, dataDir, { recursive: true, filter: (src) => !src.endsWith('.lock') });
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const tsx = require.resolve('tsx/cli');
  const child: ChildProcess = spawn(
    process.execPath,
    [tsx, '--conditions=source', path.join(repoDir, 'apps/server/src/main.ts'), 'serve'],
    {
      cwd: path.join(repoDir, 'apps/server'),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        LOG_LEVEL: 'warn',
        WEB_DIST: path.join(webDir, 'dist'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    // A kept directory is copied afterwards: its database must be shut down cleanly.
    await stopChild(child, opts.keepData ? 120_000 : 5000);
    if (!opts.keepData) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  // A first start migrates, loads reference data and seeds the demo plus scenarios: slow on a busy machine.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) {
        return { url, dataDir, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`server did not become ready:\n${output}`);
}
