import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeRecords, checkA11y, ensureBuilt, launchBrowser, startServer, type RunningServer } from './harness';

// Service desk: a member user opens a ticket in the portal, an agent replies and resolves it, the
// member sees the reply and the new status. Every page state is checked with axe.

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 300_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
  const mine = axeRecords.filter((r) => r.name.startsWith('tickets:'));
  const failed = mine.filter((r) => r.violations.length > 0);
  console.log(`axe (tickets): ${mine.length} page states checked, ${failed.length} with violations`);
  for (const r of mine) {
    console.log(`  ${r.violations.length === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${new URL(r.url).pathname})`);
  }
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.kern-loader') === null, undefined, { timeout: 20_000 });
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await settled(page);
  const record = await checkA11y(page, `tickets: ${name}`);
  if (record.violations.length > 0) {
    throw new Error(`axe violations on ${name}: ${JSON.stringify(record.violations, null, 2)}`);
  }
}

async function login(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill('verbund-demo');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await settled(page);
}

describe('service desk journey', () => {
  const subject = `Scanner im Einwohnermeldeamt speichert nicht ${Date.now().toString(36)}`;
  const answer = 'Bitte den Scanner einmal neu starten, wir haben den Zielordner korrigiert.';
  let ticketUrl = '';

  it('a member user opens a ticket in the portal', async () => {
    const page = await newPage();
    await login(page, 'user@kits.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Tickets' }).waitFor();
    await expectAccessible(page, 'member queue');
    await page.getByRole('link', { name: 'Neues Ticket' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Neues Ticket' }).waitFor();
    await expectAccessible(page, 'new ticket form');
    await page.getByLabel('Betreff').fill(subject);
    await page.getByLabel('Beschreibung').fill('Gescannte Meldescheine kommen **nicht** in der E-Akte an.');
    await page.getByRole('button', { name: 'Ticket absenden' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^T-\\d{4}-\\d{6}: ${subject}$`) }).waitFor();
    ticketUrl = page.url();
    await expect(page.getByTestId('ticket-badges').getByText('Neu')).toBeTruthy();
    await page.locator('.ticket-markdown strong', { hasText: 'nicht' }).waitFor();
    await expectAccessible(page, 'ticket as member');
  });

  it('an agent finds it, replies, notes internally and resolves it', async () => {
    expect(ticketUrl).toMatch(/\/tickets\//);
    const page = await newPage();
    await login(page, 'agent@kits.demo');
    await page.goto(`${server.url}/tickets?status=open`);
    await page.getByRole('heading', { level: 1, name: 'Ticket-Warteschlange' }).waitFor();
    await settled(page);
    await expectAccessible(page, 'agent queue');
    await page.getByLabel('Volltextsuche').fill('Meldescheine');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await page.getByRole('cell', { name: subject }).waitFor();
    await page.getByRole('row', { name: new RegExp(subject) }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: new RegExp(subject) }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Mir zuweisen' }).click();
    await page.getByTestId('ticket-badges').getByText('Zugewiesen').waitFor();
    await page.getByLabel('Text').fill(answer);
    await page.getByRole('button', { name: 'Senden' }).click();
    await page.getByTestId('timeline').getByText(answer).waitFor();
    await page.getByLabel('Interne Notiz (nur Service-Desk)').check();
    await page.getByLabel('Text').fill('Intern: Zielordner auf dem Scan-Server war falsch.');
    await page.getByRole('button', { name: 'Senden' }).click();
    await page.getByTestId('timeline').getByText('Intern: Zielordner').waitFor();
    await page.getByRole('button', { name: 'In Bearbeitung nehmen' }).click();
    await page.getByTestId('ticket-badges').getByText('In Bearbeitung').waitFor();
    await page.getByRole('button', { name: 'Als gelöst markieren' }).click();
    await page.getByTestId('ticket-badges').getByText('Gelöst').waitFor();
    await expectAccessible(page, 'ticket as agent, resolved');
  });

  it('the member sees the reply and the resolution, not the internal note', async () => {
    const page = await newPage();
    await login(page, 'user@kits.demo');
    await page.goto(ticketUrl);
    await page.getByRole('heading', { level: 1, name: new RegExp(subject) }).waitFor();
    await settled(page);
    await page.getByTestId('timeline').getByText(answer).waitFor();
    await page.getByTestId('ticket-badges').getByText('Gelöst').waitFor();
    expect(await page.getByText('Intern: Zielordner').count()).toBe(0);
    await page.getByRole('button', { name: 'Lösung bestätigen und schließen' }).waitFor();
    await expectAccessible(page, 'ticket as member, resolved');
  });
});
