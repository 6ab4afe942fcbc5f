import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journey } from './harness';

const j = journey('knowledge');
const { newPage, settled, expectAccessible, login } = j;

// Knowledge base, mail pages and the service desk dashboard: a KITS member user searches the
// knowledge base and reads an article; the KITS agent writes and publishes one, sees the dashboard
// and assigns a mail of the review queue to a member; the KITS admin reads the outbox. axe on every state.

const nav = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' });

describe('knowledge base and mail', () => {
  it('member user: searches the knowledge base and reads an article (no internal ones)', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'user@kits.demo');
    await nav(page).getByRole('link', { name: 'Wissen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wissensdatenbank' }).waitFor();
    await expectAccessible(page, 'member list');
    expect(await page.locator('main').innerText()).not.toContain('VPN-Störung eingrenzen (intern)');
    await page.getByRole('searchbox', { name: 'Suche in der Wissensdatenbank' }).fill('Kennwort vergessen');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('link', { name: 'Passwort zurücksetzen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Passwort zurücksetzen' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kennwort vergessen oder Konto gesperrt' }).waitFor();
    expect(await page.getByRole('link', { name: 'Bearbeiten' }).count()).toBe(0);
    await expectAccessible(page, 'member article');
  });

  it('agent: writes and publishes an article, sees the dashboard, assigns a queued mail', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'agent@kits.demo');
    await nav(page).getByRole('link', { name: 'Wissen' }).click();
    await page.getByRole('link', { name: 'Neuer Artikel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Neuer Artikel' }).waitFor();
    await expectAccessible(page, 'editor');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await expectAccessible(page, 'editor with errors');
    await page.getByLabel('Titel').fill('Scanner: Scan-to-Folder einrichten');
    await page.getByLabel('Status').selectOption('published');
    await page.getByLabel('Text (Markdown)').fill('## Zielordner\n\nWählen Sie am Gerät **Scannen → Ordner**.\n\n<script>alert(1)</script>');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scanner: Scan-to-Folder einrichten' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Zielordner' }).waitFor();
    expect(await page.locator('.article-body').innerText()).toContain('<script>alert(1)</script>');
    expect(await page.locator('.article-body script').count()).toBe(0);
    await expectAccessible(page, 'agent article');

    await nav(page).getByRole('link', { name: 'Service-Desk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service-Desk-Übersicht' }).waitFor();
    await page.getByRole('table', { name: 'Offene Tickets nach Priorität' }).waitFor();
    await page.getByRole('table', { name: 'Angelegt und gelöst je Woche' }).waitFor();
    await expectAccessible(page, 'dashboard');

    await page.getByRole('navigation', { name: 'Bereiche des Service-Desks' }).getByRole('link', { name: 'Eingang prüfen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eingang prüfen' }).waitFor();
    await expectAccessible(page, 'review queue');
    const mail = page.getByRole('article', { name: 'Zugang zum Bürgerportal gesperrt' });
    const member = mail.getByLabel('Mitglied');
    const options = await member.locator('option').allTextContents();
    await member.selectOption({ label: options[1]! });
    await mail.getByRole('button', { name: 'Ticket anlegen' }).click();
    await page.getByText(/Ticket T-\d{4}-\d{6} wurde angelegt/).waitFor();
    await page.getByRole('article', { name: 'Zugang zum Bürgerportal gesperrt' }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'review queue after assign');
  });

  it('admin: reads the outbox without SMTP configured', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'admin@kits.demo');
    await page.goto(`${j.url}/mail/outbox`);
    await page.getByRole('heading', { level: 1, name: 'Postausgang' }).waitFor();
    await settled(page);
    await page.getByText(/Es ist kein SMTP-Server eingerichtet/).waitFor();
    expect(await page.locator('main table').innerText()).toContain('Fehlgeschlagen');
    await expectAccessible(page, 'outbox');
  });
});
