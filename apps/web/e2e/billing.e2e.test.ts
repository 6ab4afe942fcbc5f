import { readFileSync } from 'node:fs';
import { validate } from '@verbund/einvoice';
import { describe, it } from 'vitest';
import { journey } from './harness';

const j = journey('billing', { stepTimeoutMs: 20_000 });
const { settled, expectAccessible, login } = j;
const newPage = () => j.newPage({ acceptDownloads: true });

// Billing: KITS finance runs advance payments for Q4 through the wizard (type + period → preview →
// issue with progress), opens an invoice and downloads its XRechnung and PDF; the XRechnung passes
// the validator. A KITS member user sees only its own invoices. axe on every state.

const year = new Date().getFullYear();

describe('billing', () => {
  // Generous timeouts: a first issue renders PDFs beside it, on a machine that may be busy.
  it('KITS finance: advance run for Q4, issue with progress, XRechnung and PDF download', { timeout: 300_000 }, async ({ expect }) => {
    const page = await newPage();
    await login(page, 'finance@kits.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Abrechnung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Abrechnungsläufe' }).waitFor();
    await expectAccessible(page, 'runs');

    const wizard = page.getByRole('form', { name: 'Neuer Abrechnungslauf' });
    await wizard.getByLabel('Art').selectOption('advance');
    await wizard.getByLabel('Zeitraum von').fill(`${year}-10-01`);
    await wizard.getByLabel('Zeitraum bis').fill(`${year}-12-31`);
    await wizard.getByRole('button', { name: 'Entwürfe berechnen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vorschau der Rechnungsentwürfe' }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('Entwurf');
    await expectAccessible(page, 'run preview');

    await page.getByRole('button', { name: 'Lauf ausstellen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Ausgestellte Rechnungen' }).waitFor({ timeout: 60_000 });
    await settled(page);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(new RegExp(`RE-${year}-\\d{5}`));
    await expectAccessible(page, 'run issued');

    await page.locator('main table a').first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Rechnung RE-${year}-`) }).waitFor();
    await expectAccessible(page, 'invoice detail');
    console.log('billing e2e: invoice detail reached, downloading');

    const [xml] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'XRechnung (UBL) herunterladen' }).click()]);
    const xmlText = readFileSync((await xml.path())!, 'utf8');
    expect(xmlText).toContain('urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0');
    expect(validate(xmlText).errors).toEqual([]);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF herunterladen' }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('KITS member user: only its own invoices', { timeout: 300_000 }, async ({ expect }) => {
    const page = await newPage();
    await login(page, 'user@kits.demo');
    const me = (await (await page.request.get(`${j.url}/api/v1/auth/me`)).json()) as { memberships: { orgId: string; orgName: string }[] };
    const own = me.memberships.map((m) => m.orgName);
    console.log('billing e2e: member logged in');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Rechnungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rechnungen' }).waitFor();
    await settled(page);
    const members = await page.locator('main table tbody tr td:nth-of-type(1)').allInnerTexts();
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) {
      expect(own).toContain(m.trim());
    }
    await expectAccessible(page, 'member invoices');
    const api = (await (await page.request.get(`${j.url}/api/v1/invoices?limit=500`)).json()) as { items: { orgName: string; status: string }[] };
    expect(api.items.every((i) => own.includes(i.orgName) && i.status === 'issued')).toBe(true);
    await page.locator('main table a').first().click();
    await page.getByRole('heading', { level: 1, name: /^(Rechnung|Gutschrift) RE-/ }).waitFor();
    await expectAccessible(page, 'member invoice detail');
  });

  it('KITS finance: budget mappings and the usage and fixed-share keys of a cost pool', { timeout: 300_000 }, async ({ expect }) => {
    const page = await newPage();
    await login(page, 'finance@kits.demo');
    await page.goto(`${j.url}/budget-mappings`);
    await page.getByRole('heading', { level: 1, name: 'Haushaltszuordnung' }).waitFor();
    await settled(page);
    await expectAccessible(page, 'budget mappings');

    const edit = page.getByRole('button', { name: /^Zuordnen: / }).first();
    const member = ((await edit.innerText()).split(': ')[1] ?? '').trim();
    await edit.click();
    const form = page.getByRole('form', { name: `Zuordnung von ${member}` });
    await form.getByLabel('Haushaltssystem').selectOption('kameralistik');
    await form.getByLabel('Haushaltsstelle').fill('0200.6520');
    await form.getByLabel('Art der Ausgabe').selectOption('investive');
    await expectAccessible(page, 'budget mapping form');
    await form.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText(`Zuordnung von ${member} gespeichert.`).waitFor();
    const row = page.locator('main table tbody tr', { hasText: member });
    expect(await row.innerText()).toContain('Haushaltsstelle 0200.6520');
    await expectAccessible(page, 'budget mapping saved');

    await page.goto(`${j.url}/cost-plans`);
    await page.locator('main table a').first().click();
    await page.getByRole('heading', { level: 2, name: 'Kostenpools' }).waitFor();
    await settled(page);
    const pool = page.getByRole('form', { name: 'Kostenpool hinzufügen' });
    await pool.getByLabel('Verteilungsschlüssel').selectOption('fixed');
    await pool.getByRole('button', { name: /^Gleichmäßig auf alle \d+ Mitglieder verteilen$/ }).click();
    await pool.getByText(/^Summe: 100 %\.$/).waitFor();
    await expectAccessible(page, 'cost pool fixed shares');
    await pool.getByLabel('Verteilungsschlüssel').selectOption('usage');
    await pool.getByRole('group', { name: 'Leistungen, deren Nutzung zählt' }).getByRole('checkbox').first().check();
    await expectAccessible(page, 'cost pool usage services');
  });
});
