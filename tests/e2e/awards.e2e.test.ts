import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { GrantPage } from './pages/GrantPage';

const NBSP = '\u00a0';
const kr = (text: string) => `${text.replace(/ /g, NBSP)}${NBSP}kr`;

describe('an award corrected and topped up (issue 10.3)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: GrantPage;
  let problems: string[];
  let grantId: number;

  beforeAll(async () => {
    app = await startApp();
    // Arrange: Taushet tar liv 2024, awarded 500 000 kr on 15.01.2024 (10 % admin share).
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
    });
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId: funder.id,
      title: 'Taushet tar liv 2024',
      editionYear: 2024,
      appliedOre: 50_000_000,
      appliedDate: '2024-01-02',
      adminRule: 'percent',
      adminBasisPoints: 1000,
    });
    grantId = grant.id;
    await api(app, 'grants.setStatus', { id: grantId, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grantId,
      status: 'innvilget',
      awardedOre: 50_000_000,
      decisionDate: '2024-01-15',
      reference: 'SFK-2024-07',
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO' });
    problems = watchConsole(page);
    ui = new GrantPage(page);
    await page.goto(app.url);
    await page.goto(`${app.origin}/#/grants/${grantId}`);
    await ui.waitForHeading('Taushet tar liv 2024');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the decision as the first entry of the award history', async () => {
    expect(await ui.historyRows()).toEqual([
      ['Vedtak', '15.01.2024', kr('500 000'), kr('500 000'), 'SFK-2024-07', ''],
    ]);
  });

  it('refuses a correction without a reason, in Norwegian', async () => {
    await ui.tab('Tildelinger');
    await ui.button('Rett vedtaket').click();
    const dialog = ui.dialog();
    await ui.fill({ 'Innvilget beløp': '450 000' }, dialog);
    await ui.button('Rett vedtaket', dialog).click();
    await expect.poll(() => dialog.textContent()).toContain('Begrunnelse');
    await ui.button('Avbryt', dialog).click();
  });

  it('corrects the award with a reason; the admin share follows', async () => {
    await ui.correctAward({
      amount: '450 000',
      date: '16.01.2024',
      reason: 'Tastefeil: brevet sier 450 000 kr',
    });
    await ui.tab('Oversikt');
    await expect.poll(() => ui.detail('Innvilget beløp').textContent()).toContain(kr('450 000'));
    const numbers = page.getByRole('group', { name: 'Til fordeling' });
    await expect.poll(() => numbers.textContent()).toContain(kr('45 000'));
  });

  it('records a top-up with its own decision date and reference', async () => {
    await ui.topUp({
      amount: '500 000',
      date: '01.09.2024',
      reference: 'SFK-2024-07-2',
      reason: 'Tilleggsbevilgning',
    });
    await ui.tab('Oversikt');
    await expect.poll(() => ui.detail('Innvilget beløp').textContent()).toContain(kr('950 000'));
    expect(await ui.historyRows()).toEqual([
      ['Vedtak', '15.01.2024', kr('500 000'), kr('500 000'), 'SFK-2024-07', ''],
      [
        'Rettet',
        `16.01.2024\nfør: 15.01.2024`,
        `${'\u2212'}${kr('50 000')}`,
        kr('450 000'),
        '',
        'Tastefeil: brevet sier 450 000 kr',
      ],
      [
        'Endring (tillegg/reduksjon)',
        '01.09.2024',
        kr('500 000'),
        kr('950 000'),
        'SFK-2024-07-2',
        'Tilleggsbevilgning',
      ],
    ]);
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
