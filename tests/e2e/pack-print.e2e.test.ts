/**
 * Issue 12 (item 6): the application pack as a print-friendly page. Opened from the grant
 * page of Juleaksjonen 2024 in the example data: the funder, the amounts in kr, the project,
 * last year's grant from the same funder, a scenario and a budget line typed on the page;
 * under print media the menu, the top bar and the controls are hidden, each part starts on
 * a new page, and «Skriv ut» calls window.print().
 */
import path from 'node:path';
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');

let app: RunningApp;
let browser: Browser;
let grantId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  fs.mkdirSync(SCREENS, { recursive: true });
  await api(app, 'exampleData.load', {});
  const hits = await api<{ entity: string; id: number; title: string }[]>(app, 'search.query', {
    text: 'Juleaksjonen 2024',
  });
  grantId = hits.find((h) => h.entity === 'grant' && h.title === 'Juleaksjonen 2024')!.id;
  await api(app, 'applications.addScenario', {
    grantId,
    name: 'Kun medlemssentre',
    amountOre: 183_263_900,
    description: 'Alle medlemssentrene.',
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The page's visible text with non-breaking spaces as plain ones. */
const text = async (page: Page, selector: string) =>
  (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');

describe('the application pack, print-friendly', () => {
  it('opens from the grant page and shows what the .docx has', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    const ui = new AppPage(page);
    await page.goto(`${app.url}#/grants/${grantId}`);
    await ui.waitForHeading('Juleaksjonen 2024');
    await ui.tab('Søknad');
    await page.getByRole('link', { name: 'Søknadspakke (utskrift)' }).click();
    await ui.waitForHeading('Søknadspakke: Juleaksjonen 2024');
    expect(page.url()).toContain(`#/applications/${grantId}/print`);

    const main = await text(page, 'main');
    expect(main).toContain(
      'Søknad til Gjensidigestiftelsen (Juleaksjonen – kun medlemmer). Søkt beløp 1 832 639 kr.',
    );
    expect(main).toContain('Krisesentersekretariatet er forvalter for Juleaksjonen.');
    expect(main).toContain('Tilskudd fra Gjensidigestiftelsen til Juleaksjonen 2021–2023');
    const history = await text(
      page,
      'table[aria-label="Tilskudd fra Gjensidigestiftelsen til Juleaksjonen 2021–2023"]',
    );
    expect(history).toMatch(/2023\tJuleaksjonen 2023\t[^\t]+\t1 700 000 kr/);
    const scenarios = await text(page, 'table[aria-label="Scenarioer"]');
    expect(scenarios).toContain('Kun medlemssentre\t1 832 639 kr\tAlle medlemssentrene.');
    expect(main).toContain('Ingen budsjettlinjer lagt inn.');

    await ui.field('Budsjettpost 1').fill('Gaver til barn');
    await ui.field('Beløp 1').fill('1 500 000');
    await page.getByRole('button', { name: 'Legg til budsjettlinje' }).click();
    await ui.field('Budsjettpost 2').fill('Administrasjon');
    await ui.field('Beløp 2').fill('332 639');
    const budget = await text(page, 'table[aria-label="Budsjett"]');
    expect(budget).toContain('Gaver til barn\t1 500 000 kr');
    expect(budget).toContain('Sum\t1 832 639 kr');
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await page.screenshot({
      path: path.join(SCREENS, 'pack-print-screen-1366.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);

    await page.evaluate(`window.__printed = 0; window.print = () => { window.__printed += 1; }`);
    await ui.button('Skriv ut').click();
    expect(await page.evaluate<number>(`window.__printed`)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).isVisible()).toBe(false);
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await ui.button('Skriv ut').isVisible()).toBe(false);
    expect(await ui.field('Budsjettpost 1').isVisible()).toBe(false);
    expect(await page.locator('table[aria-label="Budsjett"]').isVisible()).toBe(true);
    expect(await ui.heading().isVisible()).toBe(true);
    const breaks = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.pack-print__section')].map((s) => getComputedStyle(s).breakBefore)`,
    );
    expect(breaks.length).toBeGreaterThanOrEqual(3);
    expect(breaks.every((b) => b === 'page')).toBe(true);
    await page.screenshot({
      path: path.join(SCREENS, 'pack-print-media-1366.png'),
      fullPage: true,
    });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  }, 60_000);

  it('fits 683 px without horizontal page scroll', async () => {
    const page = await browser.newPage({ viewport: { width: 683, height: 768 } });
    await page.goto(`${app.url}#/applications/${grantId}/print`);
    await new AppPage(page).waitForHeading('Søknadspakke: Juleaksjonen 2024');
    await page.screenshot({
      path: path.join(SCREENS, 'pack-print-screen-683.png'),
      fullPage: true,
    });
    expect(
      await page.evaluate<number>(`document.documentElement.scrollWidth - window.innerWidth`),
    ).toBeLessThanOrEqual(0);
    await page.close();
  });
});
