/**
 * The date and amount fields of the grant and round forms (ui/date-field.tsx,
 * ui/money-field.tsx): leaving one writes what it read out in full, and a text it cannot
 * read gets a message naming the field at once, before anything is saved — in a labelled
 * field, in a euro field and in a cell of the applications table alike.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const NBSP = '\u00a0';
const nb = (text: string) => text.replace(/ /g, NBSP);
const CENTRE = 'Alta Krisesenter';

describe('date and amount fields', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  let grantId: number;
  let euroGrantId: number;
  let roundId: number;

  beforeAll(async () => {
    app = await startApp();
    await api(app, 'centres.create', {
      name: CENTRE,
      driftsform: 'ideell',
      region: 'nord',
      joinedDate: '2020-01-01',
    });
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
    const grant = (input: Record<string, unknown>) =>
      api<{ id: number }>(app, 'grants.create', {
        projectId: project.id,
        funderId: funder.id,
        periodFrom: '2024-01-01',
        periodTo: '2024-12-31',
        adminRule: 'none',
        ...input,
      });
    grantId = (await grant({ title: 'Juleaksjonen 2024', appliedOre: 30_000_000 })).id;
    await api(app, 'grants.setStatus', { id: grantId, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grantId,
      status: 'innvilget',
      awardedOre: 30_000_000,
      decisionDate: '2024-10-15',
    });
    roundId = (
      await api<{ id: number }>(app, 'rounds.create', { grantId, name: 'JuleVinter 2024' })
    ).id;
    euroGrantId = (await grant({ title: 'Østersjøsamarbeid 2024', currency: 'EUR' })).id;
    await api(app, 'grants.setStatus', { id: euroGrantId, status: 'sokt' });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO' });
    problems = watchConsole(page);
    // Leaving a form these stories typed in asks first; they leave without saving.
    page.on('dialog', (d) => void d.accept());
    ui = new AppPage(page);
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('writes a typed amount and a short date out in full when the field is left', async () => {
    await page.goto(`${app.origin}/#/grants/${grantId}/edit`);
    await ui.waitForHeading('Endre tilskudd');
    await ui.field('Søkt beløp').fill('1832639,5');
    await ui.field('Aktivitetsperiode fra').fill('2024-11-01');
    await ui.field('Aktivitetsperiode til').fill('9.3.2025');
    await ui.field('Aktivitetsperiode til').press('Tab');
    expect(await ui.field('Søkt beløp').inputValue()).toBe(nb('1 832 639,50'));
    expect(await ui.field('Aktivitetsperiode fra').inputValue()).toBe('01.11.2024');
    expect(await ui.field('Aktivitetsperiode til').inputValue()).toBe('09.03.2025');
    await ui.button('Lagre').click();
    await ui.waitForHeading('Juleaksjonen 2024');
    const saved = await api<{ appliedOre: number; activityFrom: string; activityTo: string }>(
      app,
      'grants.get',
      { id: grantId },
    );
    expect([saved.appliedOre, saved.activityFrom, saved.activityTo]).toEqual([
      183_263_950,
      '2024-11-01',
      '2025-03-09',
    ]);
  });

  it('names the field at once when its text is not a date or an amount', async () => {
    await page.goto(`${app.origin}/#/grants/${grantId}/edit`);
    await ui.waitForHeading('Endre tilskudd');
    await ui.field('Tilskuddsperiode fra').fill('31.02.2024');
    await ui.field('Søkt beløp').fill('tolv tusen');
    await ui.field('Søkt beløp').press('Tab');
    expect(await ui.fieldError('Tilskuddsperiode fra').textContent()).toBe(
      'Tilskuddsperiode fra må være en gyldig dato (dd.mm.åååå).',
    );
    expect(await ui.fieldError('Søkt beløp').textContent()).toContain(
      'Søkt beløp må være et beløp',
    );
    // Typing again takes the field's own message away until it is left again.
    await ui.field('Søkt beløp').fill('12 000');
    expect(await ui.fieldError('Søkt beløp').count()).toBe(0);
  });

  it('reads and writes a euro amount with «€» in the award dialog', async () => {
    await page.goto(`${app.origin}/#/grants/${euroGrantId}`);
    await ui.waitForHeading('Østersjøsamarbeid 2024');
    await ui.button('Innvilget').click();
    const dialog = ui.dialog();
    const euro = ui.field('Innvilget beløp i euro', dialog);
    await euro.fill('€ 12345,5');
    await euro.press('Tab');
    expect(await euro.inputValue()).toBe(nb('12 345,50'));
    expect(await dialog.locator('.field__suffix', { hasText: '€' }).count()).toBe(1);
    await euro.fill('12 345 kr');
    await euro.press('Tab');
    expect(await ui.fieldError('Innvilget beløp i euro', dialog).textContent()).toContain(
      'Innvilget beløp i euro må være et beløp',
    );
    await ui.button('Avbryt', dialog).click();
  });

  it('does the same in a cell of the applications table, with the message as its tooltip', async () => {
    await page.goto(`${app.origin}/#/rounds/${roundId}`);
    await ui.waitForHeading('JuleVinter 2024');
    const amount = page.getByLabel(`Søkt beløp ${CENTRE}`);
    const received = page.getByLabel(`Mottatt dato ${CENTRE}`);
    await amount.fill('150000');
    await received.fill('2024-11-05');
    await received.press('Tab');
    expect(await amount.inputValue()).toBe(nb('150 000'));
    expect(await received.inputValue()).toBe('05.11.2024');
    await received.fill('5.13.2024');
    await received.press('Tab');
    expect(await received.getAttribute('aria-invalid')).toBe('true');
    expect(await received.getAttribute('title')).toBe(
      `Mottatt dato ${CENTRE} må være en gyldig dato (dd.mm.åååå).`,
    );
    expect(problems).toEqual([]);
  });
});
