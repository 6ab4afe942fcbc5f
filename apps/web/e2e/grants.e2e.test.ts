import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journey } from './harness';

const j = journey('grants', { stepTimeoutMs: 20_000 });
const { settled, expectAccessible, login } = j;
const newPage = () => j.newPage({ acceptDownloads: true });

// Grants: KIDS finance opens its E-Government grant, books three expenses (one with its receipt),
// requests a drawdown for the payments due within two months, marks it approved and received, and
// downloads the proof of use as PDF and XLSX; the savings report. axe on every state.

const GRANT = 'Aufbau des Kommunalen IT-Dienstleistungszentrums im Landkreis Sömmerda';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Rechnung\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Bereiche der Zuwendung' }).getByRole('link', { name, exact: true });

describe('grants', () => {
  it('KIDS finance: three expenses, a drawdown requested, approved and received, proof of use downloaded', { timeout: 300_000 }, async ({ expect }) => {
    const page = await newPage();
    await login(page, 'finance@kids.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fördermittel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fördermittel' }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('3.332.171,18 €');
    await expectAccessible(page, 'list');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Als CSV exportieren' }).click()]);
    expect(csv.suggestedFilename()).toBe('foerdermittel.csv');
    expect(readFileSync((await csv.path())!, 'utf8')).toContain('3332171.18');

    await page.getByRole('link', { name: GRANT }).click();
    await page.getByRole('heading', { level: 1, name: GRANT }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('TFM 51-1534/');
    await expectAccessible(page, 'grant overview');

    await tab(page, 'Finanzierungsplan').click();
    await page.getByRole('heading', { level: 2, name: 'Finanzierungsplan' }).waitFor();
    await settled(page);
    await expectAccessible(page, 'financing plan');

    await tab(page, 'Ausgaben').click();
    await page.getByRole('heading', { level: 2, name: 'Ausgaben' }).waitFor();
    await settled(page);
    await expectAccessible(page, 'expenses');
    const form = page.getByRole('form', { name: 'Ausgabe buchen' });
    const expenses = [
      { payee: 'Systemhaus Erfurt GmbH', purpose: 'Notebooks für die Schulung', amount: '1.000,00', text: '1.000,00 €', receipt: true },
      { payee: 'Kabel & Netz Sömmerda', purpose: 'Verkabelung Serverraum', amount: '2500,50', text: '2.500,50 €', receipt: false },
      { payee: 'Verwaltungsakademie Erfurt', purpose: 'Schulung Fachverfahren', amount: '750,25', text: '750,25 €', receipt: false },
    ];
    for (const e of expenses) {
      await form.getByLabel('Zahlungsempfänger').fill(e.payee);
      await form.getByLabel('Grund der Zahlung').fill(e.purpose);
      await form.getByLabel('Betrag').fill(e.amount);
      if (e.receipt) {
        await form.getByLabel(/^Beleg/).setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: PDF });
      }
      await form.getByRole('button', { name: 'Ausgabe buchen' }).click();
      await page.getByRole('status').filter({ hasText: `Ausgabe an ${e.payee} über ${e.text} gebucht.` }).waitFor();
    }
    await settled(page);
    const table = page.getByRole('region', { name: 'Gebuchte Ausgaben', exact: true });
    for (const e of expenses) {
      await table.getByRole('rowheader', { name: e.payee }).waitFor();
    }
    await table.getByRole('link', { name: 'Beleg Systemhaus Erfurt GmbH herunterladen' }).waitFor();
    await expectAccessible(page, 'expenses booked');

    await tab(page, 'Mittelabrufe').click();
    await page.getByRole('heading', { level: 2, name: 'Mittelabrufe' }).waitFor();
    await settled(page);
    // The seed's open training invoice and the three new expenses are due; the licence due next year is not.
    const request = page.getByRole('form', { name: 'Mittelabruf anfordern' });
    expect(await request.innerText()).toContain('4 Ausgaben, 22.650,75 €');
    expect(await request.innerText()).toContain('Später fällige Ausgaben folgen');
    await expectAccessible(page, 'drawdown preview');
    await request.getByRole('button', { name: 'Mittelabruf anfordern' }).click();
    const drawdowns = page.getByRole('region', { name: 'Liste der Mittelabrufe', exact: true });
    await drawdowns.getByRole('rowheader', { name: 'Abruf 3' }).waitFor();
    // 22,650.75 × 3,332,171.18 / 4,600,000.00 = 16,407.86
    expect(await drawdowns.getByRole('row', { name: /Abruf 3/ }).innerText()).toContain('16.407,86 €');
    await expectAccessible(page, 'drawdown requested');
    await page.getByRole('button', { name: 'Abruf 3 als bewilligt markieren' }).click();
    await page.getByRole('button', { name: 'Abruf 3 als erhalten markieren' }).click();
    await page.getByRole('button', { name: 'Abruf 3 als erhalten markieren' }).waitFor({ state: 'detached' });
    await settled(page);
    expect(await drawdowns.getByRole('row', { name: /Abruf 3/ }).innerText()).toContain('erhalten');
    await expectAccessible(page, 'drawdown received');

    await tab(page, 'Verwendungsnachweis').click();
    await page.getByRole('heading', { level: 2, name: 'Verwendungsnachweis' }).waitFor();
    await settled(page);
    expect(await page.getByRole('region', { name: 'Belegliste', exact: true }).innerText()).toContain('Verkabelung Serverraum');
    await expectAccessible(page, 'proof of use');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verwendungsnachweis als PDF herunterladen' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^verwendungsnachweis-TFM-51-1534-.*\.pdf$/);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verwendungsnachweis als Excel-Datei herunterladen' }).click()]);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');

    await tab(page, 'Geförderte Anlagen').click();
    await page.getByRole('heading', { level: 2, name: 'Geförderte Anlagen' }).waitFor();
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('gebunden');
    await expectAccessible(page, 'funded assets');

    await page.getByRole('link', { name: 'Zurück zu den Fördermitteln' }).click();
    await page.getByRole('link', { name: 'Einsparbericht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Einsparbericht' }).waitFor();
    await settled(page);
    expect(await page.getByRole('region', { name: 'Einsparung je Mitglied', exact: true }).innerText()).toContain('Eigenbetrieb');
    await expectAccessible(page, 'savings report');
  });

  it('KIDS admin retires a funded server: the change goes through and warns of the lock-in', { timeout: 180_000 }, async ({ expect }) => {
    const page = await newPage();
    await login(page, 'admin@kids.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fördermittel' }).click();
    await page.getByRole('link', { name: GRANT }).click();
    await tab(page, 'Geförderte Anlagen').click();
    await page.getByRole('heading', { level: 2, name: 'Geförderte Anlagen' }).waitFor();
    await settled(page);
    // An asset still within its lock-in (the table says "gebunden" in its row).
    await page.getByRole('main').getByRole('row').filter({ hasText: /\bgebunden\b/ }).first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Status ändern' }).waitFor();
    await settled(page);
    await page.getByLabel('Neuer Status').selectOption({ label: 'ausgemustert' });
    await page.getByRole('button', { name: 'Status ändern' }).click();
    const warning = page.getByRole('status').filter({ hasText: 'Status geändert – bitte beachten' });
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/Zweckbindung|gebunden/);
    await settled(page);
    await expectAccessible(page, 'retired with lock-in warning');
  });
});
