import { describe, it } from 'vitest';
import { journey } from './harness';

const j = journey('backups', { stepTimeoutMs: 20_000 });
const { newPage, settled, expectAccessible, login } = j;

// Sites and backups: the KIDS admin imports 50 assets for a member through the assets import
// wizard, opens the imported server, links it to a backup job of the member on the job page, a
// backup server reports a failed run through the API with an ingest token, and the job page shows
// the RPO warning and the failure; the data-centre view shows what fails over to Greiz and
// Meiningen, where the admin places a service (replica in Greiz), changes its RTO, removes it again
// and records a partner data centre through the forms; a member user reads its own backups. axe on every state.
// The backup job (a catalogue service, RPO 12 h, copy at the partner data centre) is created
// through the job form on the dashboard, after its empty submit showed the field errors; the ingest
// token is set up through the API.

/** An API session of a demo user (cookie + CSRF header), for the set-up steps the UI does not offer. */
async function apiSession(email: string) {
  const res = await fetch(`${j.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'verbund-demo' }),
  });
  const me = (await res.json()) as { csrfToken: string; memberships: { orgId: string; orgKind: string }[] };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${j.url}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': me.csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) {
      throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
    }
    return text ? JSON.parse(text) : null;
  };
  return { me, call };
}

describe('sites and backups', () => {
  it('KIDS admin: import 50 assets, link the server to a backup job, a failed run via the API shows the RPO warning', async ({
    expect,
  }) => {
    const page = await newPage();
    await login(page, 'admin@kids.demo');

    // 1. Import 50 assets for a member through the assets wizard.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Inventar' }).click();
    await page.getByRole('link', { name: 'Importieren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventar importieren' }).waitFor();
    const lines = ['Typ;Bezeichnung;Hersteller;Kosten;Kaufdatum', 'Server;E2E-SRV-Backup;Fujitsu;4200,00;2025-03-01'];
    for (let i = 1; i < 50; i++) {
      lines.push(`PC;E2E-AP-${String(i).padStart(2, '0')};Dell;${(600 + i).toString()},00;2025-02-01`);
    }
    await page
      .getByLabel('Datei (CSV oder XLSX)')
      .setInputFiles({ name: 'inventar-50.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    const memberSelect = page.getByLabel('Für Mitglied');
    await memberSelect.selectOption({ index: 1 });
    const memberId = await memberSelect.inputValue();
    await page.getByRole('button', { name: 'Spalten lesen' }).click();
    await page.getByRole('heading', { name: '2. Spalten zuordnen' }).waitFor();
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('button', { name: '50 Zeilen importieren' }).click();
    await page.getByText('50 Inventargegenstände importiert').waitFor();
    await expectAccessible(page, 'assets imported');

    // 2. Open the imported server.
    await page.getByRole('link', { name: 'Zum Inventar' }).click();
    await page.getByRole('searchbox', { name: /^Suche/ }).fill('E2E-SRV-Backup');
    const inventory = page.getByRole('table', { name: 'Inventar' });
    await expect.poll(() => inventory.innerText()).toContain('E2E-SRV-Backup');
    await inventory.getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Abschreibung' }).waitFor();

    // Set-up through the API: an ingest token; the catalogue service and the data centres to pick.
    const admin = await apiSession('admin@kids.demo');
    const provider = admin.me.memberships.find((m) => m.orgKind === 'provider')!.orgId;
    const services = (await admin.call('GET', `/api/v1/services?providerId=${provider}&limit=100`)) as {
      items: { id: string; code: string }[];
    };
    const dcs = (await admin.call('GET', '/api/v1/sites/data-centres')) as {
      items: { id: string; partners: { site: { id: string } }[] }[];
    };
    const { token } = (await admin.call('POST', `/api/v1/organisations/${provider}/api-tokens`, {
      name: 'E2E Backup-Server',
      permissions: ['backup.ingest'],
      includeDescendants: true,
    })) as { token: string };

    // 3. Create the member's backup job through the form on the dashboard (an empty submit first).
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Datensicherung' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Datensicherung' }).waitFor();
    await page.getByRole('img', { name: /^Sicherungsläufe pro Tag/ }).waitFor();
    await expectAccessible(page, 'provider dashboard');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Neuer Sicherungsauftrag' }) });
    await form.getByRole('button', { name: 'Auftrag anlegen' }).click();
    await form.getByText('Bitte ausfüllen oder auswählen.').first().waitFor();
    await expectAccessible(page, 'job form with errors');
    await form.getByLabel('Mitglied').selectOption(memberId);
    await form.getByLabel('Bezeichnung').fill('E2E-Sicherung Server');
    await form.getByLabel('Was wird gesichert?').selectOption('service');
    const service = form.getByLabel('Dienst aus dem Leistungskatalog');
    await expect.poll(() => service.locator('option').count()).toBeGreaterThan(1);
    await service.selectOption(services.items.find((s) => s.code === 'DASI-01')!.id);
    await form.getByLabel('Sicherungsziel').selectOption(dcs.items[0]!.id);
    await form.getByLabel('Kopie an Standort').selectOption(dcs.items[0]!.partners[0]!.site.id);
    await form.getByLabel('RPO in Stunden').fill('12');
    await expectAccessible(page, 'job form filled');
    await form.getByRole('button', { name: 'Auftrag anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E-Sicherung Server' }).waitFor();
    const job = { id: new URL(page.url()).pathname.split('/').pop()! };
    await settled(page);
    expect(await page.getByText('RPO überschritten', { exact: true }).count()).toBe(0);

    // 4. Link the server to the job on the job page.
    const select = page.getByLabel('Gerät (Inventarnummer)');
    await expect.poll(() => select.locator('option', { hasText: 'E2E-SRV-Backup' }).count()).toBe(1);
    await select.selectOption(await select.locator('option', { hasText: 'E2E-SRV-Backup' }).getAttribute('value'));
    await page.getByRole('button', { name: 'Verknüpfen' }).click();
    await page.getByText('Gerät verknüpft.').waitFor();
    await expect.poll(() => page.locator('.kern-description-list').innerText()).toContain('Gerät: ');
    expect(await page.locator('.kern-description-list').innerText()).toContain('E2E-SRV-Backup');
    await expectAccessible(page, 'job linked');

    // 5. The backup server reports: a success 20 h ago, then a failed run an hour ago.
    const ingest = async (body: unknown) => {
      const r = await fetch(`${j.url}/api/v1/backup-runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(200);
      return r.json();
    };
    const h = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();
    await ingest({
      runs: [{ jobId: job.id, status: 'success', startedAt: h(20), endedAt: h(19.9), bytes: 52_000_000_000 }],
    });
    expect(
      await ingest({ jobId: job.id, status: 'failed', startedAt: h(1), message: 'E2E: Zielspeicher nicht erreichbar' }),
    ).toMatchObject({ inserted: 1, alerts: 1 });

    // 6. The job page shows the RPO warning and the failure.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'E2E-Sicherung Server' }).waitFor();
    await page.getByText('RPO überschritten', { exact: true }).first().waitFor();
    await page
      .getByText(/Die letzte erfolgreiche Sicherung ist 19[,.]\d Stunden alt; erlaubt sind 12 Stunden/)
      .waitFor();
    await page.getByText('Letzter Lauf fehlgeschlagen').waitFor();
    expect(await page.getByRole('table', { name: 'Letzte Läufe' }).innerText()).toContain(
      'E2E: Zielspeicher nicht erreichbar',
    );
    await expectAccessible(page, 'job with RPO warning');

    // The dashboard lists it among the jobs with findings.
    await page.getByRole('link', { name: 'Zurück zur Übersicht' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Aufträge mit Befund' }).innerText())
      .toContain('E2E-Sicherung Server');

    // 6. Sites: what fails over where (KIDS with Greiz and Meiningen).
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Standorte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Standorte und Rechenzentren' }).waitFor();
    await page.getByRole('heading', { name: 'Wenn Rechenzentrum Sömmerda ausfällt' }).waitFor();
    const dcText = await page
      .getByRole('heading', { level: 2, name: 'Rechenzentren', exact: true })
      .locator('..')
      .innerText();
    expect(dcText).toContain('Partner-RZ Greiz');
    expect(dcText).toContain('Partner-RZ Meiningen (KITS)');
    await expectAccessible(page, 'sites and failover');

    // 7. Place a service in Sömmerda with its replica in Greiz, change its RTO, record a partner data centre.
    const placing = page.locator('form', { has: page.getByRole('heading', { name: 'Dienst platzieren' }) });
    await placing.getByLabel('Bezeichnung').fill('E2E-Fachverfahren');
    await placing
      .getByLabel('Primäres Rechenzentrum')
      .selectOption({ label: 'Rechenzentrum Sömmerda (Rechenzentrum)' });
    await placing.getByLabel('Replikat (sekundär)').selectOption({ label: 'Partner-RZ Greiz (Partner-Rechenzentrum)' });
    await placing.getByLabel('RTO in Stunden').fill('4');
    await placing.getByRole('button', { name: 'Dienst platzieren' }).click();
    await page.getByText('Dienst platziert.').waitFor();
    const placements = page.getByRole('table', { name: 'Dienste und ihre Rechenzentren' });
    await expect.poll(() => placements.innerText()).toContain('E2E-Fachverfahren');
    expect(await page.getByRole('table', { name: 'Wenn Rechenzentrum Sömmerda ausfällt' }).innerText()).toContain(
      'E2E-Fachverfahren',
    );
    await expectAccessible(page, 'service placed');
    await placements.getByRole('button', { name: '„E2E-Fachverfahren“ bearbeiten' }).click();
    const editing = page.locator('form', {
      has: page.getByRole('heading', { name: 'Platzierung „E2E-Fachverfahren“ ändern' }),
    });
    await editing.getByLabel('RTO in Stunden').fill('8');
    await expectAccessible(page, 'placement edit form');
    await editing.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect.poll(() => placements.getByRole('row', { name: /E2E-Fachverfahren/ }).innerText()).toContain('8 h');
    await placements.getByRole('button', { name: '„E2E-Fachverfahren“ entfernen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Platzierung „E2E-Fachverfahren“ entfernen?' });
    await dialog.waitFor();
    await expectAccessible(page, 'placement remove dialog');
    await dialog.getByRole('button', { name: 'Entfernen' }).click();
    await expect.poll(() => placements.innerText()).not.toContain('E2E-Fachverfahren');
    // The removal refetches the page's data; a form filled meanwhile would be rendered anew, empty.
    await settled(page);
    const partnerForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Partner-Rechenzentrum erfassen' }),
    });
    const partner = partnerForm.getByLabel('Partner-Dienstleister');
    await expect.poll(() => partner.locator('option').count()).toBeGreaterThan(1);
    // Filled until the values hold: on a busy machine the page's refetch after the removal above can
    // render the form anew while the fields are filled (seen in CI-like runs at load 5+).
    await expect
      .poll(async () => {
        await partner.selectOption({ index: 1 });
        await partnerForm.getByLabel('Name des Rechenzentrums').fill('E2E-Partner-RZ');
        await partnerForm.getByLabel('Partner von (eigenes Rechenzentrum)').selectOption({ label: 'Rechenzentrum Sömmerda' });
        await partnerForm.getByLabel('Zweck der Partnerschaft').fill('E2E: Auslagerung der Sicherungskopien');
        await page.waitForTimeout(500);
        return [
          await partnerForm.getByLabel('Name des Rechenzentrums').inputValue(),
          await partnerForm.getByLabel('Zweck der Partnerschaft').inputValue(),
        ];
      })
      .toEqual(['E2E-Partner-RZ', 'E2E: Auslagerung der Sicherungskopien']);
    await partnerForm.getByRole('button', { name: 'Partner-Rechenzentrum anlegen' }).click();
    await page.getByText('Partner-Rechenzentrum angelegt.').waitFor();
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: 'Rechenzentren', exact: true }).locator('..').innerText())
      .toContain('E2E-Partner-RZ');
    await expectAccessible(page, 'partner data centre recorded');

    await page.getByRole('table', { name: 'Standorte' }).getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Räume' }).waitFor();
    await expectAccessible(page, 'site detail');

    // Restore tests with the plan of the member.
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Datensicherung' })
      .click();
    await page.getByRole('link', { name: 'Wiederherstellungstests' }).click();
    await page.getByLabel('Mitglied', { exact: true }).selectOption(memberId);
    await page.getByText(/von 2 geplanten Tests durchgeführt/).waitFor();
    await expectAccessible(page, 'restore tests with plan');
  });

  it('KIDS member user reads its own backups and downloads its evidence report', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'user@kids.demo');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Datensicherung' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Datensicherung' }).waitFor();
    await settled(page);
    expect(await page.getByRole('table', { name: 'Je Mitglied' }).count()).toBe(0);
    await expectAccessible(page, 'member dashboard');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /^Nachweis \d{4} herunterladen/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^nachweis-datensicherung-\d{4}-.*\.pdf$/);
    await page
      .getByRole('table', { name: 'Sicherungsaufträge' })
      .getByRole('rowheader')
      .first()
      .getByRole('link')
      .click();
    await page.getByRole('heading', { name: 'Letzte Läufe' }).waitFor();
    expect(await page.getByRole('button', { name: 'Verknüpfen' }).count()).toBe(0);
    await expectAccessible(page, 'member job');
  });
});
