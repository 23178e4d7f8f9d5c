import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const NBSP = '\u00a0';
const kr = (text: string) => `${text.replace(/ /g, NBSP)}${NBSP}kr`;

const CENTRES = ['Alta Krisesenter', 'Krisesenteret i Salten', 'Nordmøre Krisesenter IKS'];

describe('an allocation round from applications to the centre report', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  let grantId: number;

  beforeAll(async () => {
    app = await startApp();
    // Arrange: three member centres and an awarded Juleaksjonen grant with the money received.
    for (const name of CENTRES) {
      await api(app, 'centres.create', {
        name,
        driftsform: 'ideell',
        region: 'nord',
        joinedDate: '2020-01-01',
      });
    }
    const funder = await api<{ id: number }>(app, 'funders.create', {
      name: 'Gjensidigestiftelsen',
      funderType: 'stiftelse',
    });
    const project = await api<{ id: number }>(app, 'projects.create', {
      name: 'Juleaksjonen',
      kind: 'prosjekt',
      kssRole: 'forvalter',
      status: 'aktiv',
      recurring: true,
    });
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId: funder.id,
      title: 'Juleaksjonen 2024',
      editionYear: 2024,
      appliedOre: 30_000_000,
      periodFrom: '2024-01-01',
      periodTo: '2024-12-31',
      activityFrom: '2024-11-01',
      activityTo: '2025-03-09',
      adminRule: 'fixed',
      adminFixedOre: 1_500_000,
    });
    grantId = grant.id;
    await api(app, 'grants.setStatus', { id: grantId, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grantId,
      status: 'innvilget',
      awardedOre: 30_000_000,
      decisionDate: '2024-10-15',
    });
    await api(app, 'movements.record', {
      grantId,
      type: 'received',
      date: '2024-10-30',
      amountOre: 30_000_000,
      voucherRef: 'B-2024-100',
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO' });
    problems = watchConsole(page);
    ui = new AppPage(page);
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens a round on the grant with the pot after the admin share', async () => {
    await page.goto(`${app.origin}/#/grants/${grantId}`);
    await ui.waitForHeading('Juleaksjonen 2024');
    await ui.tab('Tildelinger');
    await ui.button('Ny tildelingsrunde').click();
    const form = ui.form('Ny tildelingsrunde');
    await ui.fill(
      { 'Navn på runden': 'JuleVinter 2024', 'Rapporteringsfrist for sentrene': '31.03.2025' },
      form,
    );
    await ui.button('Ny tildelingsrunde', form).click();
    await ui.waitForHeading('JuleVinter 2024');
    // 300 000 kr awarded − 15 000 kr admin share.
    await expect
      .poll(() => page.getByRole('group', { name: 'Pott' }).textContent())
      .toContain(kr('285 000'));
  });

  it('takes the applications from the keyboard', async () => {
    const first = page.getByLabel(`Søkt beløp ${CENTRES[0]}`);
    await first.click();
    await page.keyboard.type('150 000');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Juleaktiviteter for barn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('40');
    await page.getByLabel(`Søkt beløp ${CENTRES[1]}`).fill('100000');
    await page.getByLabel(`Søkt beløp ${CENTRES[2]}`).fill('50 000');
    await page.getByLabel(`Søkt beløp ${CENTRES[2]}`).press('Enter');
    await expect
      .poll(() => page.getByRole('group', { name: 'Pott' }).textContent())
      .toContain(kr('300 000'));
  });

  it('distributes the pot exactly, adjusts one award and saves the decision', async () => {
    await ui.select({ 'Fordel potten': 'Søkt beløp, avkortet forholdsmessig' });
    await ui.button('Forhåndsvis fordeling').click();
    // 285 000 over 150 000 / 100 000 / 50 000 → 142 500 / 95 000 / 47 500.
    expect(await page.getByLabel(`Tildelt beløp ${CENTRES[0]}`).inputValue()).toBe(`142${NBSP}500`);
    expect(await page.getByLabel(`Tildelt beløp ${CENTRES[2]}`).inputValue()).toBe(`47${NBSP}500`);
    await page.getByLabel(`Tildelt beløp ${CENTRES[2]}`).fill('45 000');
    await expect.poll(() => page.getByText(`Igjen: ${kr('2 500')}`).count()).toBe(1);
    await ui.fill({ Vedtaksdato: '01.11.2024' }, ui.form('Vedtak'));
    await ui.button('Lagre vedtak').click();
    await expect
      .poll(() => page.getByRole('group', { name: 'Pott' }).textContent())
      .toContain(kr('282 500'));
  });

  it('marks every award paid in one batch', async () => {
    const form = ui.form('Utbetaling');
    await ui.fill({ Utbetalingsdato: '15.11.2024', Bilagsnummer: 'B-2024-130' }, form);
    await ui.button('Marker som utbetalt', form).click();
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Pott' })
          .locator('.card', { hasText: 'Utbetalt' })
          .textContent(),
      )
      .toContain(kr('282 500'));
  });

  it('records a centre report with a return and shows the round totals', async () => {
    const reports = ui.table('Rapporter fra sentrene');
    const row = reports.locator('tbody tr', { hasText: CENTRES[1] });
    await ui.button('Registrer rapport', row).click();
    await ui.fill({ 'Brukt beløp': '90 000', 'Antall deltakere': '35' }, ui.dialog());
    await ui.select({ Rapportstatus: 'Godkjent' }, ui.dialog());
    await ui.button('Lagre', ui.dialog()).click();
    await expect.poll(() => row.textContent()).toContain('Godkjent');
    await ui.button('Tilbakeføring', row).click();
    await ui.fill({ 'Tilbakeført beløp': '5 000', Dato: '20.03.2025' }, ui.dialog());
    await ui.button('Lagre', ui.dialog()).click();
    const numbers = page.getByRole('group', { name: 'Pott' });
    await expect
      .poll(() => numbers.locator('.card', { hasText: 'Tilbakeført' }).textContent())
      .toContain(kr('5 000'));
    await ui.button('Rapport til tilskuddsyter').click();
    await ui.waitForHeading('Rapport til tilskuddsyter');
    await expect
      .poll(() => page.getByText('Summene stemmer med tilskuddets bevegelser.').count())
      .toBe(1);
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
