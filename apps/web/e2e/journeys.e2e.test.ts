import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { journey } from './harness';

const j = journey('journeys', { stepTimeoutMs: 10_000 });
const { newPage, settled, expectAccessible, login } = j;

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Hauptnavigation' });
}

async function organisationNames(page: Page): Promise<string[]> {
  return page.locator('main table tbody th[scope=row]').allInnerTexts();
}

async function logout(page: Page, check = false): Promise<void> {
  await page.getByRole('link', { name: 'Abmelden' }).click();
  await page.getByText('Sie sind abgemeldet.').waitFor();
  // The logout page is the same for everyone; one check of it is enough.
  if (check) {
    await expectAccessible(page, 'logout');
  }
  await page.goto(`${j.url}/organisations`);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
}

// The journeys use separate browser contexts and users, so they run side by side.
describe.concurrent('journeys', () => {
  it('renders the KERN header bar and the login page; refuses a wrong password', async ({ expect }) => {
    const page = await newPage();
    await page.goto(`${j.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    // The web component registered and rendered its shadow DOM (not tree-shaken away).
    expect(await page.evaluate(() => Boolean(customElements.get('kern-kopfzeile')))).toBe(true);
    const banner = await page.evaluate(
      () => document.querySelector('kern-kopfzeile')?.shadowRoot?.querySelector('[role=banner]') !== null,
    );
    expect(banner).toBe(true);
    await expectAccessible(page, 'login');

    await page.getByLabel('E-Mail-Adresse').fill('admin@verbund.demo');
    await page.getByLabel('Passwort').fill('wrong-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    await expectAccessible(page, 'login (wrong password)');
  });

  it('provider admin: full navigation, creates a member organisation, sees it and its history', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'admin@verbund.demo');
    await expect
      .poll(() => mainNav(page).getByRole('link').allInnerTexts())
      // The menu follows the role's permissions: billing only for finance/admin, overview tools only on the provider.
      .toEqual(['Verbund', 'Organisationen', 'Benutzer', 'Vereinbarungen', 'Übersicht', 'Onboarding-Checkliste', 'Abrechnung', 'Rechnungen', 'Fördermittel', 'Leistungen', 'Tickets', 'Inventar', 'Standorte', 'Datensicherung', 'Wissen', 'Service-Desk']);
    expect(await organisationNames(page)).toContain('Stadt Kahla');
    await expectAccessible(page, 'organisations (admin)');

    await page.getByRole('link', { name: 'Neue Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation anlegen' }).waitFor();
    await expectAccessible(page, 'organisation create');

    const name = `Gemeinde E2E ${Date.now()}`;
    await page.getByLabel('Art', { exact: true }).selectOption('gemeinde');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel(/^AGS/).fill('123');
    await page.getByRole('button', { name: 'Organisation anlegen' }).click();
    // The server's field error is shown beside the field.
    await page.locator('.kern-form-input--error').filter({ hasText: 'AGS' }).waitFor();
    // Focus goes to the field that needs fixing.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('ags');
    await expectAccessible(page, 'organisation create (field error)');

    await page.getByLabel(/^AGS/).fill('16074099');
    await page.getByLabel('Ort').fill('Musterdorf');
    await page.getByRole('button', { name: 'Organisation anlegen' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await expectAccessible(page, 'organisation detail (admin)');

    await mainNav(page).getByRole('link', { name: 'Organisationen' }).click();
    await page.getByRole('searchbox', { name: /Suche/ }).fill('E2E');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect.poll(() => organisationNames(page)).toEqual([name]);
    await expectAccessible(page, 'organisations (search)');

    await page.getByRole('link', { name }).click();
    await page.getByRole('link', { name: 'Änderungsverlauf' }).click();
    await page.getByRole('heading', { level: 2, name: 'Änderungsverlauf' }).waitFor();
    await settled(page);
    const history = page.locator('main table tbody tr');
    await expect.poll(() => history.count()).toBe(1);
    await expect.poll(() => history.first().innerText()).toContain('angelegt');
    expect(await history.first().innerText()).toContain('Anna Admin');
    await expectAccessible(page, 'organisation audit history');

    await page.getByRole('link', { name: 'Bearbeiten' }).click();
    await page.getByRole('heading', { level: 1, name: `${name} bearbeiten` }).waitFor();
    await expectAccessible(page, 'organisation edit');

    await logout(page, true);
  });

  it('provider admin: user administration pages', async () => {
    const page = await newPage();
    await login(page, 'admin@verbund.demo');
    await mainNav(page).getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benutzer' }).waitFor();
    await expectAccessible(page, 'users (admin)');
    await page.getByRole('link', { name: 'David Sachbearbeiter' }).click();
    await page.getByRole('heading', { level: 2, name: 'Rollen' }).waitFor();
    await expectAccessible(page, 'user detail');
    await mainNav(page).getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('link', { name: 'Neuer Benutzer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benutzer anlegen' }).waitFor();
    await expectAccessible(page, 'user create');
    await logout(page);
  });

  it('provider agent: reads organisations and users, may not create', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'agent@verbund.demo');
    await expect
      .poll(() => mainNav(page).getByRole('link').allInnerTexts())
      .toEqual(['Verbund', 'Organisationen', 'Benutzer', 'Vereinbarungen', 'Übersicht', 'Onboarding-Checkliste', 'Leistungen', 'Tickets', 'Inventar', 'Standorte', 'Datensicherung', 'Wissen', 'Service-Desk']);
    expect(await page.getByRole('link', { name: 'Neue Organisation' }).count()).toBe(0);
    await expectAccessible(page, 'organisations (agent)');
    await logout(page);
  });

  it('VG admin: sees the VG and its two Gemeinden, not Stadt Kahla; creates and deactivates a user', async ({
    expect,
  }) => {
    const page = await newPage();
    await login(page, 'vg-admin@verbund.demo');
    await expect
      .poll(() => mainNav(page).getByRole('link').allInnerTexts())
      .toEqual(['Verbund', 'Organisationen', 'Benutzer', 'Vereinbarungen', 'Rechnungen', 'Fördermittel', 'Leistungen', 'Tickets', 'Inventar', 'Standorte', 'Datensicherung', 'Wissen']);
    await expect
      .poll(async () => (await organisationNames(page)).sort())
      .toEqual(['Gemeinde Altenberga', 'Gemeinde Bucha', 'Verwaltungsgemeinschaft Südliches Saaletal']);
    expect(await page.getByText('Stadt Kahla').count()).toBe(0);
    await expectAccessible(page, 'organisations (VG admin)');

    await page.getByRole('link', { name: 'Baum' }).click();
    const tree = page.getByRole('list', { name: 'Organisationsbaum' });
    await tree.waitFor();
    expect(await tree.getByRole('link').allInnerTexts()).toEqual([
      'Verwaltungsgemeinschaft Südliches Saaletal',
      'Gemeinde Altenberga',
      'Gemeinde Bucha',
    ]);
    await expectAccessible(page, 'organisation tree (VG admin)');
    await page.getByRole('link', { name: 'Liste' }).click();
    await page.locator('main table').waitFor();

    // Switching the active organisation narrows the list to that subtree.
    await page.getByLabel('Aktive Organisation').selectOption({ label: '\u00a0\u00a0Gemeinde Bucha' });
    await expect.poll(() => organisationNames(page)).toEqual(['Gemeinde Bucha']);
    await expectAccessible(page, 'organisations (VG admin, Bucha active)');

    // User administration: a clerk for Bucha with a member role, then deactivated.
    await mainNav(page).getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('link', { name: 'Neuer Benutzer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benutzer anlegen' }).waitFor();
    const email = `clerk-${Date.now()}@bucha.example`;
    await page.getByLabel('Name', { exact: true }).fill('Erika Muster');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel(/^Rolle/).selectOption('member_user');
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Erika Muster' }).waitFor();
    await expect.poll(() => page.locator('main table').first().innerText()).toContain('Sachbearbeitung (Mitglied)');
    await page.getByRole('button', { name: 'Deaktivieren' }).click();
    await page.getByRole('dialog', { name: 'Erika Muster deaktivieren?' }).waitFor();
    await expectAccessible(page, 'user deactivate dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Deaktivieren' }).click();
    await page.getByText('Das Konto ist deaktiviert.').waitFor();
    await page.getByRole('button', { name: 'Wieder aktivieren' }).waitFor();
    await logout(page);
  });

  it('member user: no user administration, sees only Gemeinde Bucha, switches to English', async ({ expect }) => {
    const page = await newPage();
    await login(page, 'user@verbund.demo');
    await expect.poll(() => mainNav(page).getByRole('link').allInnerTexts()).toEqual(['Verbund', 'Organisationen', 'Vereinbarungen', 'Rechnungen', 'Leistungen', 'Tickets', 'Inventar', 'Standorte', 'Datensicherung', 'Wissen']);
    await expect.poll(() => organisationNames(page)).toEqual(['Gemeinde Bucha']);
    await expectAccessible(page, 'organisations (member user)');

    await page.getByRole('link', { name: 'Gemeinde Bucha' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gemeinde Bucha' }).waitFor();
    expect(await page.getByRole('link', { name: 'Bearbeiten' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Änderungsverlauf' }).count()).toBe(0);
    await expectAccessible(page, 'organisation detail (member user)');

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectAccessible(page, 'organisation detail (English)');
    await page.getByRole('button', { name: /Deutsch/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Übersicht' }).waitFor();
    await logout(page);
  });
});
