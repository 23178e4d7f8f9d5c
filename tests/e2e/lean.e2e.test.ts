/**
 * Issue 13 (items 8 and 9) on the built app in browser mode: the renderer comes minified and
 * split, compressed and cached by the server, recharts is fetched only where a chart shows,
 * and «Vis logg» on the backups page shows the production log.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openPage(path: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${app.url}#${path}`);
  return { page, requests };
}

describe('the renderer, lean', () => {
  it('is served compressed, hashed assets cached for a year and index.html revalidated', async () => {
    // index.html is under 1 KiB: sent as it is, and asked for again each time.
    const index = await fetch(`${app.origin}/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const scripts = [...html.matchAll(/(?:src|href)="\.?(\/assets\/[^"]+\.js)"/g)].map(
      (m) => m[1]!,
    );
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const asset of scripts) {
      const res = await fetch(`${app.origin}${asset}`, { headers: { 'Accept-Encoding': 'br' } });
      expect(res.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      if (Number(res.headers.get('content-length')) > 1024) {
        expect(res.headers.get('content-encoding'), asset).toBe('br');
      }
      // Minified: no module is its readable source (long lines, few line breaks).
      const text = await res.text();
      expect(text.split('\n').length, asset).toBeLessThan(text.length / 500 + 20);
    }
    expect(scripts.some((s) => /recharts|OverviewCharts\./i.test(s))).toBe(false);
  });

  it('fetches recharts only on the overview, where the chart is', async () => {
    const { page, requests } = await openPage('/backups');
    const problems = watchConsole(page);
    const ui = new AppPage(page);
    await ui.waitForHeading('Sikkerhetskopier');
    expect(requests.filter((p) => p.includes('OverviewCharts'))).toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'Oversikt', exact: true }).click();
    await expect.poll(() => requests.filter((p) => p.includes('OverviewCharts')).length).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('«Vis logg»', () => {
  it('shows the last lines of the production log in a dialog, and closes', async () => {
    const { page } = await openPage('/backups');
    const problems = watchConsole(page);
    const ui = new AppPage(page);
    await ui.waitForHeading('Sikkerhetskopier');
    await page.getByRole('button', { name: 'Vis logg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Logg' });
    await expect
      .poll(() => dialog.locator('pre').textContent())
      .toContain('INFO Updating the data file');
    await expect(dialog.textContent()).resolves.toContain('logg/tilskudd.log');
    await ui.button('Lukk', dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
    await page.close();
  });
});
