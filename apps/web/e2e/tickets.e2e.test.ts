import { describe, expect, it } from 'vitest';
import { journey } from './harness';

const j = journey('tickets');
const { newPage, settled, expectAccessible, login } = j;

// Service desk: a member user opens a ticket in the portal, an agent replies and resolves it, the
// member sees the reply and the new status. Every page state is checked with axe.

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
    await page.goto(`${j.url}/tickets?status=open`);
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
