import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

describe('closing 2024 and handing the workbook to the accountant', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  let grantId: number;

  beforeAll(async () => {
    app = await startApp();
    // Arrange: Taushet tar liv 2024 with 500 000 kr received and 380 000 kr own costs, so
    // 120 000 kr is left at the end of 2024.
    const funder = await api<{ id: number }>(app, 'funders.create', {
      name: 'Sekretariatet for konfliktrådene',
      funderType: 'direktorat',
    });
    const project = await api<{ id: number }>(app, 'projects.create', {
      name: 'Taushet tar liv',
      kind: 'prosjekt',
      kssRole: 'eier',
      status: 'aktiv',
      recurring: true,
      recurringSinceYear: 2014,
      projectNumber: '4410',
    });
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId: funder.id,
      title: 'Taushet tar liv 2024',
      editionYear: 2024,
      appliedOre: 50_000_000,
      periodFrom: '2024-01-01',
      periodTo: '2024-12-31',
      adminRule: 'none',
    });
    grantId = grant.id;
    await api(app, 'grants.setStatus', { id: grantId, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grantId,
      status: 'innvilget',
      awardedOre: 50_000_000,
      decisionDate: '2024-02-01',
    });
    await api(app, 'movements.record', {
      grantId,
      type: 'received',
      date: '2024-02-15',
      amountOre: 50_000_000,
      voucherRef: 'B-2024-020',
    });
    await api(app, 'movements.record', {
      grantId,
      type: 'own_costs',
      date: '2024-12-20',
      amountOre: 38_000_000,
      voucherRef: 'B-2024-410',
      note: '=SUM(A1)',
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO', acceptDownloads: true });
    problems = watchConsole(page);
    ui = new AppPage(page);
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the closing balance as an open item and refuses to close', async () => {
    await ui.nav('Årsavslutning');
    await ui.select({ Regnskapsår: '2024' });
    await ui.waitForHeading('Årsavslutning 2024');
    const checklist = ui.table('Sjekkliste');
    await expect.poll(() => checklist.textContent()).toContain('Taushet tar liv 2024');
    expect(await ui.button('Avslutt året').isDisabled()).toBe(true);
  });

  it('records that the balance is carried forward with the funder’s approval', async () => {
    await ui.button('Beslutt').click();
    await ui.select({ 'Beslutning om saldo': 'Overføres til neste år' }, ui.dialog());
    await ui.fill(
      {
        'Godkjenning fra tilskuddsyter (referanse)': 'E-post 2025-01-10',
        'Godkjent dato': '10.01.2025',
      },
      ui.dialog(),
    );
    await ui.button('Lagre', ui.dialog()).click();
    await expect
      .poll(() => ui.table('Tilskudd med penger i året').textContent())
      .toContain('Overføres til neste år');
  });

  it('closes the year once nothing is open', async () => {
    await expect.poll(() => ui.button('Avslutt året').isDisabled()).toBe(false);
    await ui.button('Avslutt året').click();
    await ui.button('Avslutt året', ui.dialog()).click();
    await expect
      .poll(() => page.getByText('Avsluttet', { exact: true }).first().isVisible())
      .toBe(true);
    await expect.poll(() => ui.button('Gjenåpne året').isVisible()).toBe(true);
  });

  it('downloads the accountant’s workbook', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui.button('Last ned arbeidsbok (xlsx)').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Arsavslutning-2024.xlsx');
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    // An xlsx is a zip file.
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a movement dated in the closed year, with the reason in Norwegian', async () => {
    await page.goto(`${app.origin}/#/grants/${grantId}`);
    await ui.waitForHeading('Taushet tar liv 2024');
    await ui.tab('Bevegelser');
    await ui.button('Registrer bevegelse').click();
    const form = ui.form('Registrer bevegelse');
    await ui.select({ 'Type bevegelse': 'Egne kostnader' }, form);
    await ui.fill({ Dato: '30.12.2024', Beløp: '1000' }, form);
    await ui.button('Registrer bevegelse', form).click();
    await expect
      .poll(() => form.getByRole('alert').first().textContent())
      .toContain('Regnskapsåret 2024 er avsluttet');
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
