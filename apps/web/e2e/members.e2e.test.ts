import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journey, tinyPdf } from './harness';

const j = journey('members');
const { newPage, settled, expectAccessible, login } = j;

// Members and agreements: the provider admin takes a Verwaltungsgemeinschaft from the directory,
// moves one agreement from intent to active with a signed PDF, and looks at the overview.

function tab(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Bereiche der Organisation' }).getByRole('link', { name, exact: true });
}

describe('members and agreements', () => {
  it('provider admin: members of a VG from the directory, an agreement from intent to active with a signed PDF', async ({
    expect,
  }) => {
    const page = await newPage();
    await login(page, 'admin@verbund.demo');

    // 1. The directory wizard: Kreis → Verwaltungsgemeinschaft → preview → apply.
    await page.getByRole('link', { name: 'Mitglieder aus dem Gemeindeverzeichnis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mitglieder aus dem Gemeindeverzeichnis' }).waitFor();
    await settled(page);
    expect(await page.getByTestId('destatis-attribution').first().innerText()).toContain(
      'Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, Gebietsstand 30.11.2025, dl-de/by-2-0',
    );
    await expectAccessible(page, 'directory wizard');
    await page.getByLabel('Kreis oder kreisfreie Stadt').selectOption('16074');
    await page.getByRole('checkbox', { name: /^Hermsdorf/ }).check();
    await expectAccessible(page, 'directory wizard (Verbände)');
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('heading', { level: 2, name: /^3\. Vorschau/ }).waitFor();
    const previewRows = page.locator('main table tbody tr');
    // The Verwaltungsgemeinschaft and its five Gemeinden.
    await expect.poll(() => previewRows.count(), { timeout: 10_000 }).toBe(6);
    await expectAccessible(page, 'directory wizard (preview)');
    await page.getByRole('button', { name: '6 Mitglieder anlegen' }).click();
    await page.getByText('6 Mitglieder angelegt.').waitFor();
    await expectAccessible(page, 'directory wizard (applied)');

    // 2. The new Verwaltungsgemeinschaft: its member tabs.
    await page.getByRole('main').getByRole('link', { name: /Hermsdorf/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Hermsdorf/ }).waitFor();
    const memberName = await page.getByRole('heading', { level: 1 }).innerText();
    await tab(page, 'Stammdaten').click();
    await page.getByRole('heading', { level: 2, name: 'Stammdaten' }).waitFor();
    await expectAccessible(page, 'member profile');

    // Leitweg-ID: the server's check-digit message beside the field, then a valid one as default.
    await tab(page, 'Leitweg-IDs').click();
    await page.getByRole('heading', { level: 2, name: 'Leitweg-IDs' }).waitFor();
    const leitweg = page.getByRole('textbox', { name: /^Leitweg-ID/ });
    await leitweg.fill('16074002-12');
    await page.getByRole('button', { name: 'Leitweg-ID hinzufügen' }).click();
    await page.locator('.kern-form-input--error').filter({ hasText: 'Prüfziffer' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')), { timeout: 10_000 })
      .toBe('leitwegId');
    await expectAccessible(page, 'leitweg-ids (field error)');
    await leitweg.fill('16074002-90');
    await page.getByRole('button', { name: 'Leitweg-ID hinzufügen' }).click();
    await page.locator('main table tbody th[scope=row]').filter({ hasText: '16074002-90' }).waitFor();
    await expectAccessible(page, 'leitweg-ids');

    // A file that is not a PDF: the server's refusal is shown beside the file field.
    await tab(page, 'Dokumente').click();
    await page.getByRole('heading', { level: 2, name: 'Dokumente' }).waitFor();
    await page.getByLabel('Datei (PDF)').setInputFiles({ name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('kein PDF') });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.locator('.kern-form-input--error').filter({ hasText: 'Datei (PDF)' }).waitFor();
    await expectAccessible(page, 'documents (refused upload)');

    // 3. The agreement: intent recorded, then signed with the PDF, then active.
    await tab(page, 'Vereinbarungen').click();
    await page.getByRole('heading', { level: 2, name: 'Vereinbarungen' }).waitFor();
    await page.getByRole('button', { name: 'Beitrittsabsicht erfassen' }).click();
    const title = `Zweckvereinbarung IT ${memberName}`;
    await page.getByLabel('Bezeichnung').fill(title);
    await page.getByRole('button', { name: 'Beitrittsabsicht erfassen' }).click();
    await page.getByRole('link', { name: title }).waitFor();
    await expectAccessible(page, 'agreements tab');
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expectAccessible(page, 'agreement (intent)');

    await page.getByRole('button', { name: 'Als unterzeichnet erfassen' }).click();
    await page.getByLabel('Titel').fill('Zweckvereinbarung, unterzeichnet');
    await page.getByLabel('Datei (PDF)').setInputFiles({ name: 'zv-signed.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.getByText('zv-signed.pdf ist hochgeladen.').waitFor();
    await expect
      .poll(() => page.getByLabel('Unterzeichnete Fassung (PDF)').locator('option:checked').innerText(), {
        timeout: 10_000,
      })
      .toContain('zv-signed.pdf');
    await page.getByLabel('Name der/des Unterzeichnenden').fill('Erika Beispiel');
    await page.getByLabel('Funktion').fill('Gemeinschaftsvorsitzende');
    await expectAccessible(page, 'agreement (sign form)');
    await page.getByRole('button', { name: 'Status „Unterzeichnet“ setzen' }).click();
    await page.getByText('Der Status ist jetzt „Unterzeichnet“.').waitFor();
    await expectAccessible(page, 'agreement (signed)');

    await page.getByRole('button', { name: 'Aktiv setzen' }).click();
    await page.getByRole('button', { name: 'Status „Aktiv“ setzen' }).click();
    await page.getByText('Der Status ist jetzt „Aktiv“.').waitFor();
    expect(await page.locator('main dl').first().innerText()).toContain('Aktiv');
    await expectAccessible(page, 'agreement (active)');

    // The signed copy is among the member's documents and can be downloaded.
    await page.getByRole('link', { name: memberName }).click();
    await tab(page, 'Dokumente').click();
    const link = page.getByRole('link', { name: /Zweckvereinbarung, unterzeichnet/ });
    await link.waitFor();
    const download = await page.request.get(`${j.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(page, 'documents');

    // 4. The list filtered to active agreements shows the member; the overview counts it.
    await page.goto(`${j.url}/organisations?status=active`);
    await page.getByRole('heading', { level: 1, name: 'Organisationen' }).waitFor();
    await settled(page);
    await expect
      .poll(() => page.locator('main table tbody th[scope=row]').allInnerTexts(), { timeout: 10_000 })
      .toContain(memberName);
    await expectAccessible(page, 'organisations (status filter)');
    await page.getByRole('link', { name: 'Übersicht der Mitglieder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht der Mitglieder' }).waitFor();
    await expectAccessible(page, 'provider overview');
  });

  it('KIDS admin: onboarding checklist of a member, tick a task', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'admin@kids.demo');
    await page.goto(`${j.url}/overview`);
    await page.getByRole('heading', { level: 1, name: 'Übersicht der Mitglieder' }).waitFor();
    await settled(page);
    await page.getByRole('link', { name: 'Verwaltungsgemeinschaft Kindelbrück' }).click();
    await page.getByRole('heading', { level: 2, name: 'Onboarding' }).waitFor();
    await settled(page);
    const progress = page.locator('.kern-progress label');
    const before = await progress.innerText();
    const open = page.locator('main input[type=checkbox]:not(:checked):not(:disabled)').first();
    // The box follows the server's answer, so click and wait for the progress to change.
    await open.click();
    await expect.poll(() => progress.innerText(), { timeout: 10_000 }).not.toBe(before);
    await expectAccessible(page, 'onboarding');

    // Edit the last task: not applicable, with an owner, a due date and a note.
    const edit = page.getByRole('button', { name: /^Bearbeiten: / }).last();
    const title = (await edit.innerText()).replace(/^Bearbeiten: /, '');
    await edit.click();
    const form = page.getByRole('form', { name: `Aufgabe bearbeiten: ${title}` });
    await form.getByLabel('Status').selectOption({ label: 'entfällt' });
    await form.getByLabel('Zuständig').selectOption({ index: 1 });
    await form.getByLabel('Fällig am').fill('2030-03-31');
    await form.getByLabel('Notiz').fill('Übernimmt der Landkreis');
    await expectAccessible(page, 'onboarding task editor');
    await form.getByRole('button', { name: 'Aufgabe speichern' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('main li', { hasText: title }).last();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('entfällt');
    expect(await row.innerText()).toContain('31.03.2030');
    expect(await row.innerText()).toContain('Übernimmt der Landkreis');

    // The provider's checklist: add a task and save it.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Onboarding-Checkliste' }).click();
    await page.getByRole('heading', { level: 1, name: 'Onboarding-Checkliste' }).waitFor();
    await settled(page);
    await expectAccessible(page, 'onboarding template');
    await page.getByRole('button', { name: 'Aufgabe hinzufügen' }).click();
    const last = page.locator('main fieldset').last();
    await page.getByRole('button', { name: 'Checkliste speichern' }).click();
    await expect.poll(() => last.innerText()).toContain('Bitte eine Bezeichnung eingeben.');
    await last.getByLabel('Bezeichnung').fill('Notfallhandbuch übergeben');
    await last.getByLabel(/Fällig nach Tagen/).fill('90');
    await page.getByRole('button', { name: 'Checkliste speichern' }).click();
    await page.getByText('Checkliste gespeichert.').waitFor();
    await expectAccessible(page, 'onboarding template saved');

    // Every agreement across the members, searched, from the main menu; and the overview there too.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Vereinbarungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vereinbarungen' }).waitFor();
    await settled(page);
    await page.getByLabel(/^Suche/).fill('Kindelbrück');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect
      .poll(() => page.locator('main table tbody tr').allInnerTexts(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Kindelbrück')]));
    expect(await page.getByRole('link', { name: 'Liste als Excel (XLSX) herunterladen' }).getAttribute('href')).toContain('format=xlsx');
    await expectAccessible(page, 'agreements list');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Übersicht der Mitglieder' }).waitFor();
    await settled(page);
    expect(await page.locator('main dl').innerText()).toMatch(/Versorgte Einwohner\s*[\d.]+/);
  });
});
