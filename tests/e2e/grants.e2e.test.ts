import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const NBSP = '\u00a0';
const kr = (text: string) => `${text.replace(/ /g, NBSP)}${NBSP}kr`;

describe('a grant from application to the first payment', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];

  beforeAll(async () => {
    app = await startApp();
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

  it('registers a funder', async () => {
    await ui.nav('Tilskuddsytere');
    await ui.button('Ny tilskuddsyter').click();
    await ui.waitForHeading('Ny tilskuddsyter');
    await ui.fill({ Navn: 'Gjensidigestiftelsen' });
    await ui.select({ 'Type tilskuddsyter': 'Stiftelse' });
    await ui.button('Lagre').click();
    await ui.waitForHeading('Gjensidigestiftelsen');
    expect(await ui.detail('Type tilskuddsyter').textContent()).toBe('Stiftelse');
  });

  it('registers a project where KSS administers the money', async () => {
    await ui.nav('Prosjekter og tiltak');
    await ui.button('Nytt prosjekt eller tiltak').click();
    await ui.waitForHeading('Nytt prosjekt eller tiltak');
    await ui.fill({ Navn: 'Juleaksjonen' });
    await ui.select({ 'KSS sin rolle': 'Forvalter' });
    await ui.button('Lagre').click();
    await ui.waitForHeading('Juleaksjonen');
    expect(await ui.detail('KSS sin rolle').textContent()).toContain('Forvalter');
  });

  it('refuses a mistyped amount with a Norwegian message naming the field', async () => {
    await ui.button('Nytt tilskudd').click();
    await ui.waitForHeading('Nytt tilskudd');
    await ui.select({ Tilskuddsyter: 'Gjensidigestiftelsen' });
    await ui.fill({
      Tittel: 'Juleaksjonen 2024',
      'År (utgave)': '2024',
      'Søkt beløp': '1 832 63x',
      'Tilskuddsperiode fra': '01.01.2024',
      'Tilskuddsperiode til': '31.12.2024',
      'Aktivitetsperiode fra': '01.11.2024',
      'Aktivitetsperiode til': '09.03.2025',
    });
    await ui.select({ Administrasjonsandel: 'Prosent av tilskuddet' });
    await ui.fill({ 'Administrasjonsandel (%)': '5' });
    await ui.button('Lagre').click();
    await expect
      .poll(() => ui.fieldError('Søkt beløp').textContent())
      .toContain('Søkt beløp må være et beløp');
    expect(await ui.field('Tittel').inputValue()).toBe('Juleaksjonen 2024');
  });

  it('applies and is awarded, with the admin share computed', async () => {
    await ui.fill({ 'Søkt beløp': '1 832 639' });
    await ui.button('Lagre').click();
    await ui.waitForHeading('Juleaksjonen 2024');
    await ui.button('Søkt').click();
    await ui.button('Lagre', ui.dialog()).click();
    await ui.button('Innvilget').click();
    expect(await ui.field('Innvilget beløp', ui.dialog()).inputValue()).toBe(
      `1${NBSP}832${NBSP}639`,
    );
    await ui.fill({ Vedtaksdato: '15.10.2024' }, ui.dialog());
    await ui.button('Lagre', ui.dialog()).click();
    await expect.poll(() => ui.detail('Status').textContent()).toBe('Innvilget');
    // 5 % of 1 832 639 kr = 91 631,95 kr; available = 1 832 639 − 91 631,95.
    const numbers = page.getByRole('group', { name: 'Til fordeling' });
    await expect.poll(() => numbers.textContent()).toContain(kr('91 631,95'));
    expect(await numbers.textContent()).toContain(kr('1 741 007,05'));
  });

  it('records the payment received and shows the year balance', async () => {
    await ui.tab('Bevegelser');
    await ui.button('Registrer bevegelse').click();
    const form = ui.form('Registrer bevegelse');
    await ui.select({ 'Type bevegelse': 'Mottatt fra tilskuddsyter' }, form);
    await ui.fill({ Dato: '01.11.2024', Beløp: '1832639', Bilagsnummer: 'B-2024-117' }, form);
    await ui.button('Registrer bevegelse', form).click();
    const movements = ui.table('Bevegelser');
    await expect.poll(() => movements.textContent()).toContain('B-2024-117');
    await ui.tab('Oversikt');
    const balances = ui.table('Saldo per år');
    expect(await balances.locator('thead').textContent()).toContain('2024');
    await expect
      .poll(() => balances.locator('tbody tr', { hasText: 'Mottatt' }).textContent())
      .toContain(kr('1 832 639'));
    expect(
      await balances.locator('tbody tr', { hasText: 'Utgående saldo' }).textContent(),
    ).toContain(kr('1 832 639'));
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
