import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureBuilt, startServer as startRealServer, type RunningServer } from './server';

export { ensureBuilt, type RunningServer } from './server';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The real server on a copy of the data directory that the run's global setup seeded once (the demo
 * seed is most of a start): every journey file gets the same data and shares no state with others.
 */
export function startServer(): Promise<RunningServer> {
  return startRealServer({ template: inject('e2eTemplate') });
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

/** What a journey file uses: its own server and browser, pages, login and the axe check. */
export interface Journey {
  /** The server's base URL (after beforeAll). */
  readonly url: string;
  newPage(opts?: { acceptDownloads?: boolean }): Promise<Page>;
  /** Waits until the page shows no loader any more (every query answered). */
  settled(page: Page): Promise<void>;
  /** axe on the settled page; violations fail with the full report. The record is named `<journey>: <state>`. */
  expectAccessible(page: Page, state: string): Promise<void>;
  /** Logs in with the demo password and waits for the settled landing page. */
  login(page: Page, email: string): Promise<void>;
}

export const DEMO_PASSWORD = 'verbund-demo';

/**
 * Registers the file's beforeAll/afterAll: a fresh server with the demo (each file starts from the
 * same seed, so journeys never depend on each other's changes) and one browser; afterwards a summary
 * of every axe check of this journey.
 */
export function journey(name: string, opts: { stepTimeoutMs?: number } = {}): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
    const mine = axeRecords.filter((r) => r.name.startsWith(`${name}: `));
    console.log(`axe (${name}): ${mine.length} page states checked, ${mine.filter((r) => r.violations.length > 0).length} with violations`);
    for (const r of mine) {
      console.log(`  ${r.violations.length === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${new URL(r.url).pathname})`);
    }
  });

  const settled = async (page: Page) => {
    await page.waitForFunction(() => document.querySelector('.kern-loader') === null, undefined, { timeout: 20_000 });
  };

  const base = (): string => {
    if (!server) {
      throw new Error('the server is not started yet (use it inside a test)');
    }
    return server.url;
  };

  return {
    get url() {
      return base();
    },
    async newPage(o = {}) {
      const context = await browser!.newContext({ locale: 'de-DE', acceptDownloads: o.acceptDownloads ?? false });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(opts.stepTimeoutMs ?? 15_000);
      return page;
    },
    settled,
    async expectAccessible(page, state) {
      await settled(page);
      const record = await checkA11y(page, `${name}: ${state}`);
      // A plain throw, not the global expect: tests of a file may run concurrently.
      if (record.violations.length > 0) {
        throw new Error(`axe violations on ${state}: ${JSON.stringify(record.violations, null, 2)}`);
      }
    },
    async login(page, email) {
      await page.goto(`${base()}/login`);
      await page.getByLabel('E-Mail-Adresse').fill(email);
      await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      // Staff land on the organisations, member users wherever their role starts.
      await page.waitForURL((u) => u.pathname !== '/login');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
    },
  };
}

/** The smallest well-formed PDF (one empty A4 page) with a correct cross-reference table, for uploads. */
export function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
