/**
 * Lists remember how they were left (issue 13): on the member centres and the funders, with
 * the 2024 example data, the administration leader sorts by a column, filters, opens a record
 * and comes Back, then reloads — the filter and the sort are still there, in the address.
 * Leaving a funder form with unsaved changes asks first; a saved or untouched form does not.
 * Screenshots at 1366×768 and 683×768 go to $SCREENSHOT_DIR (default: a temp folder).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';

const SHOTS =
  process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-shots-'));
const collator = new Intl.Collator('nb-NO', { sensitivity: 'base', numeric: true });

interface Centre {
  id: number;
  name: string;
  region: string;
}
interface Funder {
  id: number;
  name: string;
  funderType: string;
  awardedTotalOre: number;
}

describe('lists keep their filter and sort through Back and reload', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let dialogs: string[];

  const heading = () => page.getByRole('heading', { level: 1 });
  const table = (name: string) => page.getByRole('table', { name, exact: true });
  const firstCells = (t: Locator) => t.locator('tbody tr td:first-child').allTextContents();
  const header = (t: Locator, name: string) =>
    t.getByRole('columnheader', { name, exact: true }).first();

  async function shoot(name: string): Promise<void> {
    for (const width of [1366, 683]) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      const sideways = await page.evaluate(
        'document.documentElement.scrollWidth > window.innerWidth',
      );
      expect(sideways, `${name} scrolls sideways at ${width}px`).toBe(false);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  beforeAll(async () => {
    app = await startApp();
    await api(app, 'exampleData.load', {});
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO', viewport: { width: 1366, height: 768 } });
    problems = watchConsole(page);
    dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      // Each test that expects a question answers it itself (page.once below).
    });
    await page.goto(app.url);
    await heading().first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('member centres: sort by name, filter by region, open one, Back, reload', async () => {
    const { rows: centres } = await api<{ rows: Centre[] }>(app, 'centres.list', {});
    const nord = centres.filter((c) => c.region === 'nord').map((c) => c.name);
    expect(nord.length).toBeGreaterThan(1);
    const nordDesc = [...nord].sort(collator.compare).reverse();

    await page.getByRole('navigation').getByRole('link', { name: 'Medlemssentre' }).click();
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    const list = table('Medlemssentre');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(centres.length);

    // Name, twice: descending (Norwegian order, so Å… names come first).
    await list.getByRole('button', { name: 'Navn', exact: true }).click();
    await expect.poll(() => header(list, 'Navn').getAttribute('aria-sort')).toBe('ascending');
    await list.getByRole('button', { name: 'Navn', exact: true }).press('Enter');
    await expect.poll(() => header(list, 'Navn').getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('search').getByLabel('Region').selectOption({ label: 'Nord' });
    await expect.poll(() => firstCells(list)).toEqual(nordDesc);
    expect(page.url()).toContain('region=nord');
    expect(page.url()).toContain('sort=name');
    expect(page.url()).toContain('dir=desc');
    await shoot('centres-sorted-filtered');

    const target = nordDesc[1]!;
    await list.getByRole('link', { name: target, exact: true }).click();
    await heading().filter({ hasText: target }).waitFor();
    await page.goBack();
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    await expect.poll(() => firstCells(list)).toEqual(nordDesc);
    expect(await page.getByRole('search').getByLabel('Region').inputValue()).toBe('nord');
    expect(await header(list, 'Navn').getAttribute('aria-sort')).toBe('descending');

    await page.reload();
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    await expect.poll(() => firstCells(list)).toEqual(nordDesc);
    expect(await page.getByRole('search').getByLabel('Region').inputValue()).toBe('nord');
    expect(await header(table('Medlemssentre'), 'Navn').getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('funders: sort by awarded amount, search, open one, Back, reload', async () => {
    const funders = await api<Funder[]>(app, 'funders.list', {});
    await page.getByRole('navigation').getByRole('link', { name: 'Tilskuddsytere' }).click();
    await heading().filter({ hasText: 'Tilskuddsytere' }).waitFor();
    const list = table('Tilskuddsytere');
    await expect.poll(() => list.locator('tbody tr').count()).toBe(funders.length);

    // Money by value: the largest amount first after two clicks (descending).
    const sortButton = list.getByRole('button', { name: 'Innvilget totalt', exact: true });
    await sortButton.click();
    await sortButton.click();
    await expect
      .poll(() => header(list, 'Innvilget totalt').getAttribute('aria-sort'))
      .toBe('descending');
    const byAwarded = [...funders]
      .sort((a, b) => b.awardedTotalOre - a.awardedTotalOre)
      .map((f) => f.awardedTotalOre);
    expect(byAwarded[0]).toBeGreaterThan(byAwarded[byAwarded.length - 1]!);
    await expect.poll(() => firstCells(list).then((c) => c.length)).toBe(funders.length);
    const biggest = funders.find((f) => f.awardedTotalOre === byAwarded[0])!;
    expect((await firstCells(list))[0]).toBe(biggest.name);
    // The totals row sums the money column.
    expect(await list.locator('tfoot').textContent()).toContain('Sum');

    const stiftelser = funders.filter((f) => f.funderType === 'stiftelse');
    expect(stiftelser.length).toBeGreaterThan(0);
    const expected = [...stiftelser]
      .sort((a, b) => b.awardedTotalOre - a.awardedTotalOre)
      .map((f) => f.name);
    await page
      .getByRole('search')
      .getByLabel('Type tilskuddsyter')
      .selectOption({ label: 'Stiftelse' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(stiftelser.length);
    const shown = await firstCells(list);
    expect(shown[0]).toBe(expected[0]);
    expect(page.url()).toContain('type=stiftelse');
    expect(page.url()).toContain('sort=awarded');
    await shoot('funders-sorted-filtered');

    await list.getByRole('link', { name: shown[0]!, exact: true }).click();
    await heading().filter({ hasText: shown[0]! }).waitFor();
    await page.goBack();
    await heading().filter({ hasText: 'Tilskuddsytere' }).waitFor();
    await expect.poll(() => firstCells(list)).toEqual(shown);
    expect(await page.getByRole('search').getByLabel('Type tilskuddsyter').inputValue()).toBe(
      'stiftelse',
    );

    await page.reload();
    await heading().filter({ hasText: 'Tilskuddsytere' }).waitFor();
    await expect.poll(() => firstCells(table('Tilskuddsytere'))).toEqual(shown);
    expect(
      await header(table('Tilskuddsytere'), 'Innvilget totalt').getAttribute('aria-sort'),
    ).toBe('descending');

    // A filter that matches nothing says so, and offers to clear it.
    await page.getByRole('search').getByLabel('Søk').fill('finnes ikke i registeret');
    await page.getByText('Ingen treff.').waitFor();
    await page.getByRole('button', { name: 'Nullstill filteret' }).click();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(funders.length);
  });

  it('asks before leaving a funder form with unsaved changes, and not after saving', async () => {
    await page.getByRole('button', { name: 'Ny tilskuddsyter' }).first().click();
    await heading().filter({ hasText: 'Ny tilskuddsyter' }).waitFor();
    const asked = dialogs.length;

    // Untouched: leaving does not ask.
    await page.getByRole('navigation').getByRole('link', { name: 'Medlemssentre' }).click();
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    expect(dialogs.length).toBe(asked);

    await page.goto(`${app.origin}/#/funders/new`);
    await heading().filter({ hasText: 'Ny tilskuddsyter' }).waitFor();
    await page.getByLabel('Navn').fill('Stiftelsen Dam');

    // Declined: the form stays, with what was typed.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('navigation').getByRole('link', { name: 'Medlemssentre' }).click();
    await expect.poll(() => dialogs.length).toBe(asked + 1);
    expect(dialogs.at(-1)).toContain('ikke er lagret');
    expect(await heading().textContent()).toBe('Ny tilskuddsyter');
    expect(await page.getByLabel('Navn').inputValue()).toBe('Stiftelsen Dam');
    expect(page.url()).toContain('#/funders/new');

    // Saved: the app moves on to the funder without asking.
    await page.getByLabel('Type tilskuddsyter').selectOption({ label: 'Stiftelse' });
    await page.getByRole('button', { name: 'Lagre' }).click();
    await heading().filter({ hasText: 'Stiftelsen Dam' }).waitFor();
    expect(dialogs.length).toBe(asked + 1);

    // Edited, then accepted: leaves.
    await page.getByRole('button', { name: 'Endre', exact: true }).click();
    await heading().filter({ hasText: 'Endre tilskuddsyter' }).waitFor();
    await page.getByLabel('Nettside').fill('https://example.org');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('navigation').getByRole('link', { name: 'Tilskuddsytere' }).click();
    await heading().filter({ hasText: 'Tilskuddsytere' }).waitFor();
    expect(dialogs.length).toBe(asked + 2);
  });

  it('member centres past 100: the server pages them, sorted by name across the pages', async () => {
    // 110 more centres than the example's 21: two pages of 100. Numbers sort as numbers
    // («Senter 9» before «Senter 10») and Æ, Ø, Å come after Z, across the page boundary.
    const made = Array.from({ length: 110 }, (_, i) =>
      i % 10 === 0 ? `${['Æ', 'Ø', 'Å'][i % 3]}stre senter ${i}` : `Senter ${i}`,
    );
    for (const name of made) {
      await api(app, 'centres.create', { name, driftsform: 'ideell', region: 'midt-vest' });
    }
    const { rows, total } = await api<{ rows: Centre[]; total: number }>(app, 'centres.list', {
      pageSize: 200,
    });
    expect(total).toBe(131);
    const ascending = rows.map((c) => c.name).sort(collator.compare);
    expect(
      ascending
        .slice(-11)
        .map((n) => n[0])
        .join(''),
    ).toBe('ÆÆÆÆØØØØÅÅÅ');

    await page.goto(`${app.origin}/#/centres`);
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    const list = table('Medlemssentre');
    const pager = page.getByRole('navigation', { name: 'Sider med medlemssentre' });
    await list.getByRole('button', { name: 'Navn', exact: true }).click();
    await expect.poll(() => header(list, 'Navn').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => firstCells(list)).toEqual(ascending.slice(0, 100));
    expect(await pager.textContent()).toContain('Viser 1–100 av 131');
    expect(await page.getByText('131 sentre').count()).toBe(1);

    await pager.getByRole('button', { name: 'Neste' }).click();
    await expect.poll(() => firstCells(list)).toEqual(ascending.slice(100));
    expect(await pager.textContent()).toContain('Viser 101–131 av 131');
    expect(page.url()).toContain('page=2');
    await shoot('centres-page-2');

    // Descending starts over on page 1 with Å… first; its page 2 holds the first names.
    await list.getByRole('button', { name: 'Navn', exact: true }).click();
    await expect.poll(() => header(list, 'Navn').getAttribute('aria-sort')).toBe('descending');
    const descending = [...ascending].reverse();
    await expect.poll(() => firstCells(list)).toEqual(descending.slice(0, 100));
    expect(page.url()).not.toContain('page=');
    await pager.getByRole('button', { name: 'Neste' }).click();
    await expect.poll(() => firstCells(list)).toEqual(descending.slice(100));

    // Open a centre on page 2, Back, reload: the same page in the same order.
    const target = descending[110]!;
    await list.getByRole('link', { name: target, exact: true }).click();
    await heading().filter({ hasText: target }).waitFor();
    await page.goBack();
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    await expect.poll(() => firstCells(table('Medlemssentre'))).toEqual(descending.slice(100));
    await page.reload();
    await heading().filter({ hasText: 'Medlemssentre' }).waitFor();
    await expect.poll(() => firstCells(table('Medlemssentre'))).toEqual(descending.slice(100));
    expect(await header(table('Medlemssentre'), 'Navn').getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(page.url()).toContain('page=2');
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
