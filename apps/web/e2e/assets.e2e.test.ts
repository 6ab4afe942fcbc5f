import { describe, it } from 'vitest';
import { journey } from './harness';

const j = journey('assets', { stepTimeoutMs: 20_000 });
const { newPage, settled, expectAccessible, login } = j;

// Inventory: KITS admin filters the inventory, opens a member's firewall (attributes, depreciation,
// relations as table and graph, history), imports three assets for a member through the wizard
// (file → mapping → preview with a row error → fixed file → import), prints labels; a member user
// reads its inventory without edit actions. axe on every state.

describe('asset inventory', () => {
  it('KITS admin: filter, detail with depreciation and relations, import wizard, labels', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'admin@kits.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Inventar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventar' }).waitFor();
    await expectAccessible(page, 'list');

    await page.getByLabel('Typ', { exact: true }).selectOption('firewall');
    await settled(page);
    const table = page.getByRole('table', { name: 'Inventar' });
    await expect.poll(async () => table.getByRole('row').count()).toBeGreaterThan(1);
    await expectAccessible(page, 'list filtered by type');
    await table.getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Inventargegenstand / }).waitFor();
    await page.getByRole('heading', { name: 'Abschreibung' }).waitFor();
    await page.getByRole('table', { name: 'Beziehungen' }).waitFor();
    expect(await page.getByRole('img', { name: /^Beziehungen von / }).count()).toBe(1);
    // Seeded assets have no history yet: the section says so instead of showing a table.
    await page.getByRole('heading', { name: 'Verlauf' }).waitFor();
    await page.getByText('Noch keine Änderungen.').waitFor();
    await expectAccessible(page, 'detail');

    // Labels of this asset: a PDF download.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Etikett drucken (PDF)' }).click();
    expect((await download).suggestedFilename()).toBe('inventaretiketten.pdf');

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Inventar' }).click();
    await page.getByRole('link', { name: 'Importieren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventar importieren' }).waitFor();
    await expectAccessible(page, 'import: file');
    const bad = 'Typ;Bezeichnung;Hersteller;Kosten;Kaufdatum\nPC;E2E-PC-1;Dell;899,00;01.02.2025\nToaster;E2E-X;;;\nDrucker;E2E-DR-1;Kyocera;349,00;2025-02-01\n';
    await page.getByLabel('Datei (CSV oder XLSX)').setInputFiles({ name: 'inventar.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByLabel('Für Mitglied').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Spalten lesen' }).click();
    await page.getByRole('heading', { name: '2. Spalten zuordnen' }).waitFor();
    expect(await page.locator('select[name="map-type"]').inputValue()).toBe('Typ');
    await expectAccessible(page, 'import: mapping');
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByText('1 von 3 Zeilen haben Fehler').waitFor();
    expect(await page.getByRole('table', { name: 'Fehler je Zeile' }).innerText()).toContain('unknown type "Toaster"');
    await expectAccessible(page, 'import: preview with errors');
    expect(await page.getByRole('button', { name: '2 Zeilen importieren' }).isDisabled()).toBe(true);
    await page.getByLabel('Nur die 2 fehlerfreien Zeilen importieren').check();
    await page.getByRole('button', { name: '2 Zeilen importieren' }).click();
    await page.getByText('2 Inventargegenstände importiert').waitFor();
    await expectAccessible(page, 'import: done');
    await page.getByRole('link', { name: 'Zum Inventar' }).click();
    await page.getByRole('searchbox', { name: /^Suche/ }).fill('E2E-PC-1');
    await expect.poll(() => page.getByRole('table', { name: 'Inventar' }).innerText()).toContain('E2E-PC-1');
  });

  it('KITS member user reads its inventory without edit actions', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'user@kits.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Inventar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventar' }).waitFor();
    await settled(page);
    expect(await page.getByRole('link', { name: 'Inventargegenstand anlegen' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Inventar' }).getByRole('row').count()).toBeGreaterThan(1);
    await expectAccessible(page, 'member list');
    await page.getByRole('table', { name: 'Inventar' }).getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Abschreibung' }).waitFor();
    expect(await page.getByRole('link', { name: 'Bearbeiten' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Status ändern' }).count()).toBe(0);
    await expectAccessible(page, 'member detail');
  });
});
