import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

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
  stop: () => Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
  }
}

/**
 * The real server as in production: it serves the built app at / and the API beside it, on a
 * fresh embedded database that it seeds with the demo on first start.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'verbund-e2e-'));
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
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
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
        return { url, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`server did not become ready:\n${output}`);
}

/** CHROMIUM_PATH, else Debian's chromium, else the one shipped on npm (DESIGN.md § 7). */
async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) {
    return process.env.CHROMIUM_PATH;
  }
  if (existsSync('/usr/bin/chromium')) {
    return '/usr/bin/chromium';
  }
  // It unpacks itself into os.tmpdir(); keep that under node_modules/.cache, not in /tmp.
  const cache = path.join(repoDir, 'node_modules/.cache/sparticuz-chromium');
  mkdirSync(cache, { recursive: true });
  process.env.TMPDIR = cache;
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumExecutable(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface AxeRecord {
  name: string;
  url: string;
  violations: { id: string; impact?: string | null; help: string; targets: string[] }[];
}

/** Every page the journeys visit is checked; the list is printed at the end of the run. */
export const axeRecords: AxeRecord[] = [];

export async function checkA11y(page: Page, name: string): Promise<AxeRecord> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const record: AxeRecord = {
    name,
    url: page.url(),
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
  };
  axeRecords.push(record);
  return record;
}
