import { describe, it } from 'vitest';
import { journey } from './harness';

const j = journey('catalog');
const { newPage, settled, expectAccessible, login } = j;

// Catalogue: KITS finance reads the catalogue, edits a price in this year's list, copies the list to
// next year, sets workstations of two members by CSV (preview, then apply); a member user reads its
// subscriptions. axe on every state.

const year = new Date().getFullYear();

describe('service catalogue', () => {
  it('KITS finance: catalogue, price with tiers, copy to next year, bulk import with preview', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'finance@kits.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Leistungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leistungskatalog' }).waitFor();
    await expectAccessible(page, 'catalogue');
    await page.getByRole('link', { name: 'Arbeitsplatzbetreuung' }).click();
    await page.getByRole('heading', { level: 1, name: 'APB-01 – Arbeitsplatzbetreuung' }).waitFor();
    await expectAccessible(page, 'service editor');

    await page.getByRole('link', { name: 'Entgeltverzeichnisse' }).click();
    await page.getByRole('link', { name: `Leistungs- und Entgeltverzeichnis ${year}` }).click();
    await page.getByRole('heading', { level: 1, name: `Leistungs- und Entgeltverzeichnis ${year}` }).waitFor();
    await expectAccessible(page, 'price list');
    await page.getByRole('button', { name: `Für ${year + 1} übernehmen` }).click();
    await page.getByRole('heading', { level: 1, name: `Leistungs- und Entgeltverzeichnis ${year + 1}` }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('Entwurf');
    await page.getByRole('button', { name: 'Preis für Arbeitsplatzbetreuung bearbeiten' }).click();
    const form = page.getByRole('form', { name: 'Preis für Arbeitsplatzbetreuung' });
    await form.getByLabel('Preis je Einheit (netto, €)').fill('440,5');
    await form.getByRole('button', { name: 'Stufe hinzufügen' }).click();
    await form.getByLabel('Stufe 3: ab mehr als (Menge)').fill('1000');
    await form.getByLabel('Stufe 3: Preis je Einheit (€)').fill('350');
    await expectAccessible(page, 'price editor');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('main table').innerText()).toContain('440,50 €');
    expect(await page.locator('main table').innerText()).toContain('über 1.000: 350,00 €');
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByRole('button', { name: 'Veröffentlichung zurückziehen' }).waitFor();
    await expectAccessible(page, 'price list next year');

    await page.getByRole('link', { name: 'Sammeländerung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sammeländerung von Abonnements' }).waitFor();
    await expectAccessible(page, 'import');
    const csv = `ags;leistung;menge;gueltig_ab\n16066086;APB-01;31;01.01.${year + 1}\n16066013;APB-01;29;01.01.${year + 1}\n99999999;APB-01;1;01.01.${year + 1}\n`;
    await page.getByLabel('CSV- oder XLSX-Datei').setInputFiles({ name: 'arbeitsplaetze.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vorschau' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('kein Mitglied mit diesem AGS');
    await expectAccessible(page, 'import preview with errors');

    const clean = csv.split('\n').slice(0, 3).join('\n');
    await page.getByLabel('CSV- oder XLSX-Datei').setInputFiles({ name: 'arbeitsplaetze.csv', mimeType: 'text/csv', buffer: Buffer.from(clean) });
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('button', { name: '2 Änderungen übernehmen' }).click();
    await page.getByText('Übernommen').waitFor();
    await expectAccessible(page, 'import applied');
  });

  it('KITS member user: the catalogue and its own subscriptions', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'user@kits.demo');
    const me = (await (await page.request.get(`${j.url}/api/v1/auth/me`)).json()) as { memberships: { orgId: string }[] };
    await page.goto(`${j.url}/organisations/${me.memberships[0]!.orgId}?tab=subscriptions`);
    await page.getByRole('heading', { level: 2, name: 'Abonnierte Leistungen' }).waitFor();
    await settled(page);
    expect(await page.locator('main table').innerText()).toContain('APB-01');
    await expectAccessible(page, 'member subscriptions');
    await page.getByRole('button', { name: /^Verlauf: Arbeitsplatzbetreuung/ }).click();
    await page.getByRole('region', { name: /Mengenverlauf Arbeitsplatzbetreuung/ }).waitFor();
    await expectAccessible(page, 'member subscription history');
  });
});
