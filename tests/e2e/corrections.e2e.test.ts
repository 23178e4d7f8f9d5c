/**
 * Issue 10.1 (and 10.2, 10.7) as the administration leader meets it: a mistyped 2024
 * receipt is corrected in 2024 while 2024 is open, so 2024's figures are right; after 2024
 * is closed a wrong 2024 cost is corrected in 2025 with a reason, and the 2025 year-end page
 * lists it as a correction of an earlier year. The year-end table shows every balance column
 * and fits 1366 px by scrolling inside its own container.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';
import { GrantLedgerPage } from './pages/GrantLedgerPage';

const TITLE = 'Juleaksjonen 2024';
const nbsp = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

describe('correcting a mistyped receipt in the right year', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let ledger: GrantLedgerPage;
  let problems: string[];
  let grantId: number;

  beforeAll(async () => {
    app = await startApp();
    const funder = await api<{ id: number }>(app, 'funders.create', {
      name: 'Gjensidigestiftelsen',
      funderType: 'stiftelse',
    });
    const project = await api<{ id: number }>(app, 'projects.create', {
      name: 'Juleaksjonen',
      kind: 'prosjekt',
      kssRole: 'eier',
      status: 'aktiv',
      recurring: true,
    });
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId: funder.id,
      title: TITLE,
      editionYear: 2024,
      appliedOre: 183_263_900,
      adminRule: 'none',
    });
    grantId = grant.id;
    await api(app, 'grants.setStatus', { id: grantId, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grantId,
      status: 'innvilget',
      awardedOre: 183_263_900,
      decisionDate: '2024-10-10',
    });
    await api(app, 'grants.setYearSplit', {
      id: grantId,
      splits: [{ year: 2024, amountOre: 183_263_900 }],
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO', viewport: { width: 1366, height: 768 } });
    problems = watchConsole(page);
    ui = new AppPage(page);
    ledger = new GrantLedgerPage(page);
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('warns before saving a 5 000 000 kr receipt on a 1 832 639 kr award', async () => {
    await ledger.open(app.origin, grantId, TITLE);
    await ledger.record({
      type: 'Mottatt fra tilskuddsyter',
      date: '26.10.2024',
      amount: '5000000',
    });
    await expect
      .poll(async () => nbsp(await ledger.warning().textContent()))
      .toContain('mottatt fra tilskuddsyter (5 000 000 kr) er mer enn innvilget (1 832 639 kr)');
    expect(await ledger.movementRow(/5\s000\s000/).count()).toBe(0);
    await ledger.saveAnyway('Som på bilaget; kontrolleres.');
    await expect.poll(() => ledger.movementRow(/5\s000\s000/).count()).toBe(1);
  });

  it('corrects it in 2024: the dialog proposes the receipt’s date and says why', async () => {
    const dialog = await ledger.openCorrection(/5\s000\s000/);
    expect(await dialog.getByTestId('correction-rule').textContent()).toBe(
      'Korrigeringen føres i 2024, samme år som bevegelsen den korrigerer; du kan velge en annen dato i samme år.',
    );
    expect(await ui.field('Dato for korrigering', dialog).inputValue()).toBe('26.10.2024');
    expect(await dialog.getByLabel(/Korriger i første åpne år/).count()).toBe(0);
    // A date in another year is refused, naming the field.
    await ui.fill(
      {
        'Dato for korrigering': '02.12.2026',
        Begrunnelse: 'Feil beløp tastet.',
        'Riktig beløp (valgfritt)': '1832639',
      },
      dialog,
    );
    await ui.button('Korriger', dialog).click();
    await expect
      .poll(async () => nbsp(await ui.fieldError('Dato for korrigering').textContent()))
      .toContain('må være i 2024');
    await ui.fill({ 'Dato for korrigering': '26.10.2024' }, dialog);
    await ui.button('Korriger', dialog).click();
    await expect.poll(() => ui.dialog().count()).toBe(0);
    await expect.poll(() => ledger.movementRow(/Erstatter #/).count()).toBe(1);
  });

  it('shows 2024 right on the year-end page, with every column of the sum', async () => {
    await ui.nav('Årsavslutning');
    await ui.select({ Regnskapsår: '2024' });
    await ui.waitForHeading('Årsavslutning 2024');
    const table = ui.table('Tilskudd med penger i året');
    const row = table.locator('tbody tr').filter({ hasText: TITLE });
    await row.waitFor();
    const headers = (await table.locator('thead th').allTextContents()).map(nbsp);
    expect(headers).toEqual([
      'Tittel',
      'Inngående saldo',
      '+ Mottatt',
      '+ Overført inn',
      '− Overført ut',
      '− Adm.andel',
      '− Utbetalt til sentre',
      '+ Tilbakeført fra sentre',
      '− Egne kostnader',
      '− Tilbakebetalt',
      'Utgående saldo',
      'Beslutning om saldo',
    ]);
    const cells = (await row.locator('td').allTextContents()).map(nbsp);
    expect(cells[1]).toBe('1 832 639 kr');
    expect(cells[9]).toMatch(/^1 832 639 kr/);
    // 1366 px: the table scrolls inside its container; the page does not; the title stays.
    const fit = (await page.evaluate(`(() => {
      const box = document.querySelector('[data-testid="ye-grants-scroll"]');
      const first = box.querySelector('tbody th');
      return {
        page: document.documentElement.scrollWidth,
        box: box.getBoundingClientRect().right,
        position: getComputedStyle(first).position,
      };
    })()`)) as { page: number; box: number; position: string };
    expect(fit.page).toBeLessThanOrEqual(1366);
    expect(fit.box).toBeLessThanOrEqual(1366);
    expect(fit.position).toBe('sticky');
  });

  it('after 2024 is closed, corrects a 2024 cost in 2025 with a reason', async () => {
    await api(app, 'movements.record', {
      grantId,
      type: 'own_costs',
      date: '2024-12-20',
      amountOre: 10_000_000,
      voucherRef: 'B-2024-470',
    });
    const overview = await api<{ items: { key: string }[] }>(app, 'yearEnd.overview', {
      year: 2024,
    });
    for (const item of overview.items) {
      await api(app, 'yearEnd.confirmException', {
        year: 2024,
        itemKey: item.key,
        reason: 'Avklart med regnskapsfører.',
      });
    }
    await api(app, 'yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });

    await ledger.open(app.origin, grantId, TITLE);
    const dialog = await ledger.openCorrection(/100\s000/);
    expect(await dialog.getByTestId('correction-rule').textContent()).toBe(
      'Regnskapsåret 2024 er avsluttet: bevegelsen kan bare korrigeres i 2025, det første åpne året, med en begrunnelse.',
    );
    await ui.fill(
      {
        'Dato for korrigering': '15.01.2025',
        Begrunnelse: 'Kostnaden var 10 000 kr, ikke 100 000 kr.',
        'Riktig beløp (valgfritt)': '10000',
      },
      dialog,
    );
    // Without choosing the first open year: the usual closed-year message.
    await ui.button('Korriger', dialog).click();
    await expect
      .poll(async () => nbsp(await dialog.getByRole('alert').first().textContent()))
      .toContain('Regnskapsåret 2024 er avsluttet');
    await dialog.getByLabel('Korriger i første åpne år (2025)').check();
    await ui.button('Korriger', dialog).click();
    await expect.poll(() => ui.dialog().count()).toBe(0);

    await ui.nav('Årsavslutning');
    await ui.select({ Regnskapsår: '2025' });
    await ui.waitForHeading('Årsavslutning 2025');
    const corrections = ui.table('Korreksjoner av tidligere år');
    await expect.poll(() => corrections.locator('tbody tr').count()).toBe(2);
    const text = nbsp(await corrections.textContent());
    expect(text).toContain(TITLE);
    expect(text).toContain('15.01.2025');
    expect(text).toContain('Kostnaden var 10 000 kr, ikke 100 000 kr.');
    expect(text).toContain('Korrigerer #');
    expect(text).toContain('20.12.2024');
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
