/**
 * The Endringslogg page for the auditor (issue 13.5) in Chromium, after the 2024 example
 * data and a status change: entries say «Tilskudd: Juleaksjonen 2025», «Prosjekt:
 * Juleaksjonen», «Status: Søkt → Innvilget», amounts in kroner and time as `02.12.2026 kl.
 * 02:17`; no code names; at 1366×768 and 683×768 the page does not scroll sideways and the
 * export button and the «Begrunnelse» column are in view, and axe-core finds no serious or
 * critical violation (screenshots in test-results/screens/).
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
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
  const projects = await api<{ id: number; name: string }[]>(app, 'projects.list', {});
  const funders = await api<{ id: number; name: string }[]>(app, 'funders.list', {});
  const grant = await api<{ id: number }>(app, 'grants.create', {
    projectId: projects.find((p) => p.name === 'Juleaksjonen')!.id,
    funderId: funders.find((f) => f.name === 'Gjensidigestiftelsen')!.id,
    title: 'Juleaksjonen 2025',
    appliedOre: 190_000_000,
    adminRule: 'none',
  });
  grantId = grant.id;
  await api(app, 'grants.setStatus', { id: grant.id, status: 'sokt' });
  await api(app, 'grants.setStatus', {
    id: grant.id,
    status: 'innvilget',
    awardedOre: 183_263_900,
    decisionDate: '2025-02-01',
    reason: 'Vedtaksbrev mottatt.',
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(
  width: number,
  route = '/history',
): Promise<{ page: Page; ui: AppPage; problems: string[] }> {
  // A context of its own: axe-core needs one (browser.newPage() has none it can use).
  const context = await browser.newContext({ viewport: { width, height: 768 }, locale: 'nb-NO' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${app.url}#${route}`);
  const ui = new AppPage(page);
  if (route === '/history') {
    await ui.waitForHeading('Endringslogg');
    await page.getByRole('table', { name: 'Endringslogg' }).waitFor();
  }
  return { page, ui, problems };
}

/** A box within the window's width (not cut off or scrolled out of sight sideways). */
function inView(box: { x: number; width: number } | null, width: number): boolean {
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width;
}

describe('Endringslogg, readable for the auditor', () => {
  it('names records and references, words statuses and amounts, one time format', async () => {
    const { page, problems } = await open(1366);
    const table = page.getByRole('table', { name: 'Endringslogg' });
    const first = await table.locator('tbody tr').first().innerText();
    expect(first).toMatch(/^\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}\s/);
    expect(first).toContain('Tilskudd: Juleaksjonen 2025');
    expect(first).toContain('Søkt → Innvilget');
    expect(first).toContain('1\u00a0832\u00a0639,00\u00a0kr');
    expect(first).toContain('01.02.2025');
    expect(first).toContain('Vedtaksbrev mottatt.');
    const text = await table.innerText();
    expect(text).toContain('Prosjekt: Juleaksjonen');
    expect(text).toContain('Tilskuddsyter: Gjensidigestiftelsen');
    const codeNames = text.match(
      /(?<![\p{L}\d.@/-])[a-z]+(?:[A-Z][a-z0-9]*)+(?![\p{L}\d])|(?<![\p{L}\d.@/-])[a-z]+(?:_[a-z0-9]+)+(?![\p{L}\d])/gu,
    );
    expect(codeNames).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const width of [1366, 683]) {
    it(`fits ${width}×768: no sideways page scroll, export and «Begrunnelse» in view`, async () => {
      const { page, problems } = await open(width);
      await page.screenshot({ path: path.join(SCREENS, `history-${width}.png`) });
      await page.screenshot({
        path: path.join(SCREENS, `history-${width}-full.png`),
        fullPage: true,
      });
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
        true,
      );
      const exportButton = page.getByRole('button', { name: 'Eksporter til Excel' });
      expect(await exportButton.isVisible()).toBe(true);
      expect(inView(await exportButton.boundingBox(), width)).toBe(true);
      const reason = page.getByRole('columnheader', { name: 'Begrunnelse' });
      expect(await reason.isVisible()).toBe(true);
      expect(inView(await reason.boundingBox(), width)).toBe(true);
      const axe = await new AxeBuilder({ page: page as never }).analyze();
      const serious = axe.violations.filter((v) =>
        ['serious', 'critical'].includes(v.impact ?? ''),
      );
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('says the same on a grant’s «Historikk», within 683 px', async () => {
    // The grant page shows its change log on the «Historikk» tab.
    const { page, problems } = await open(683, `/grants/${grantId}?tab=historikk`);
    const panel = page.getByRole('table', { name: 'Historikk', exact: true });
    await panel.scrollIntoViewIfNeeded();
    const text = await panel.innerText();
    expect(text).toContain('Søkt → Innvilget');
    expect(text).toContain('Prosjekt: Juleaksjonen');
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}/);
    await panel.screenshot({ path: path.join(SCREENS, 'history-panel-683.png') });
    const reason = panel.getByRole('columnheader', { name: 'Begrunnelse' });
    expect(inView(await reason.boundingBox(), 683)).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
