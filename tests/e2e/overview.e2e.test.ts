/**
 * Issue 12 item 9 on the built app in Chromium: with the 2024 example dataset loaded through
 * the API, the overview for 2024 shows its headline figures and four charts; each chart draws
 * the expected bars, its table alternative lists the figures the API computed (Gjensidige-
 * stiftelsen's 2024 award among them), and clicking a bar opens the list behind it. Screenshots
 * at 1366×768 and 683×768 go to $SCREENSHOT_DIR and the page never scrolls sideways.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardCharts } from '../../src-shared/api/contract';
import { formatOre } from '../../src-shared/kernel/money';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const SHOTS =
  process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-shots-'));
const kr = (ore: number) => formatOre(ore, { decimals: 'never' });

describe('the overview for 2024 on the example data', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  let charts: DashboardCharts;

  const bars = (id: string) =>
    page.locator(`[data-chart="${id}"] .recharts-bar-rectangle path`).count();
  const tableText = async (id: string) =>
    (await page.locator(`[data-chart="${id}"] table`).textContent()) ?? '';

  async function openOverview(): Promise<void> {
    await page.evaluate(`window.location.hash = '/?year=2024'`);
    await ui.waitForHeading('Oversikt');
    await page.getByRole('heading', { name: 'Nøkkeltall for 2024' }).waitFor();
    await expect.poll(() => bars('chart-region'), { timeout: 10_000 }).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    app = await startApp();
    await api(app, 'exampleData.load', {});
    // One application in the pipeline, so its chart has a bar: «Søkt», 1 945 000 kr.
    const [project] = await api<{ id: number }[]>(app, 'projects.list', {});
    const before = await api<DashboardCharts>(app, 'dashboard.charts', { year: 2024 });
    const applied = await api<{ id: number }>(app, 'grants.create', {
      projectId: project!.id,
      funderId: before.awardedByFunder[0]!.funderId,
      title: 'Søknad til neste år',
      appliedOre: 194_500_000,
    });
    await api(app, 'grants.setStatus', { id: applied.id, status: 'sokt' });
    charts = await api<DashboardCharts>(app, 'dashboard.charts', { year: 2024 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    problems = watchConsole(page);
    ui = new AppPage(page);
    await page.goto(`${app.url}#/?year=2024`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the headline figures, four charts with their bars and tables', async () => {
    await openOverview();
    const cards = await page.locator('.cards--figures').textContent();
    expect(cards).toContain(kr(charts.headline.awardedOre));
    expect(cards).toContain(kr(charts.headline.passedOnOre));
    expect(cards).toContain(kr(charts.headline.adminShareOre));

    // Awarded per funder: one bar segment per funder and year with an award.
    expect(await bars('chart-awarded')).toBe(charts.awardedByFunder.length);
    const awarded = await tableText('chart-awarded');
    const gjensidige = charts.awardedByFunder.find(
      (a) => a.funderName === 'Gjensidigestiftelsen' && a.year === 2024,
    )!;
    expect(gjensidige.amountOre).toBeGreaterThan(0);
    const row = page
      .locator('[data-chart="chart-awarded"] tbody tr')
      .filter({ hasText: 'Gjensidigestiftelsen' });
    expect(await row.locator('td').last().textContent()).toBe(kr(gjensidige.amountOre));
    expect(awarded).toContain(kr(charts.headline.awardedOre));

    // Admin share: one bar per year with income; the table lists all five years.
    const adminYears = charts.adminShareByYear.filter((a) => a.amountOre !== 0);
    expect(await bars('chart-admin')).toBe(adminYears.length);
    const admin = await tableText('chart-admin');
    for (const a of charts.adminShareByYear) expect(admin).toContain(kr(a.amountOre));

    // Paid per region: three regions, each with a bar.
    expect(await bars('chart-region')).toBe(3);
    const region = await tableText('chart-region');
    for (const r of charts.paidByRegion) expect(region).toContain(`${r.label}${kr(r.amountOre)}`);

    // Pipeline: the one application above, at its applied amount.
    expect(await bars('chart-pipeline')).toBe(1);
    expect(await tableText('chart-pipeline')).toContain(`Søkt1${kr(194_500_000)}`);

    // Tables are real tables, not images.
    expect(await page.locator('.overview [role="img"]').count()).toBe(0);
    expect(await page.locator('.overview table').count()).toBe(4);

    // With every table alternative open, the page still never scrolls sideways.
    await page.evaluate(
      "document.querySelectorAll('.overview details').forEach((d) => { d.open = true; })",
    );
    for (const width of [1366, 683]) {
      await page.setViewportSize({ width, height: 768 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, `overview-${width}.png`), fullPage: true });
      const sideways = await page.evaluate(
        'document.documentElement.scrollWidth > document.documentElement.clientWidth',
      );
      expect(sideways, `overview scrolls sideways at ${width}px`).toBe(false);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('opens the list behind a bar', async () => {
    await openOverview();
    await page.locator('[data-chart="chart-region"] .recharts-bar-rectangle path').nth(1).click();
    await ui.waitForHeading('Medlemssentre');
    expect(page.url()).toContain('#/centres?region=nord');
    expect(await page.locator('select[name="region"]').inputValue()).toBe('nord');

    await openOverview();
    await page
      .locator('[data-chart="chart-pipeline"] .recharts-bar-rectangle path')
      .first()
      .click();
    await expect.poll(() => page.url()).toContain('#/grants?status=sokt');
    expect(await page.locator('select[name="status"]').inputValue()).toBe('sokt');
    await page.getByText('Søknad til neste år').first().waitFor();

    await openOverview();
    await page.locator('[data-chart="chart-admin"] .recharts-bar-rectangle path').last().click();
    await expect.poll(() => page.url()).toContain('#/grants?year=2024');
    expect(await page.locator('select[name="year"]').inputValue()).toBe('2024');

    await openOverview();
    const funderId = charts.awardedByFunder.find(
      (a) => a.funderName === 'Gjensidigestiftelsen',
    )!.funderId;
    await page
      .locator('[data-chart="chart-awarded"] .recharts-legend-item')
      .filter({ hasText: 'Gjensidigestiftelsen' })
      .waitFor();
    await clickSeriesBar(page, 'Gjensidigestiftelsen');
    await page.getByRole('heading', { name: 'Gjensidigestiftelsen' }).first().waitFor();
    expect(page.url()).toContain(`#/funders/${funderId}`);
    expect(problems).toEqual([]);
  });
});

/** Clicks the last bar segment of the awarded chart's series named `name` (by its fill colour). */
async function clickSeriesBar(page: Page, name: string): Promise<void> {
  const legend = page
    .locator('[data-chart="chart-awarded"] .recharts-legend-item')
    .filter({ hasText: name });
  const colour = await legend.locator('path, rect').first().getAttribute('fill');
  await page
    .locator(`[data-chart="chart-awarded"] .recharts-bar-rectangle path[fill="${colour}"]`)
    .last()
    .click();
}
