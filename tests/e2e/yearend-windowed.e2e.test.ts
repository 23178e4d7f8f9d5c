/**
 * The year-end page with hundreds of grants (issue 14) in Chromium: above 200 rows the
 * checklist and the grants table each scroll in their own box with only the rows in view in
 * the DOM, so the page stays under 2 000 DOM nodes; the last grant and the last checklist
 * point can be scrolled to, the header stays at the top of its box, the page itself does not
 * scroll sideways at 1366×768 or 683×768, and axe finds nothing. Screenshots go to
 * test-results/screens/ (not committed).
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');
/** Grants with money in the year: each also a checklist point (a balance without decision). */
const MANY = 260;
/** The page opens on last year. */
const YEAR = new Date().getFullYear() - 1;
const title = (i: number) => `Tilskudd ${String(i).padStart(3, '0')}`;

let app: RunningApp;
let browser: Browser;

/** Copies the template grant MANY times with a receipt in YEAR each, straight into the file. */
function manyGrants(dataDir: string, templateId: number): void {
  const db = new Database(path.join(dataDir, 'tilskudd.sqlite'));
  const columns = (
    db.prepare('select name from pragma_table_info(?)').pluck().all('grants') as string[]
  ).filter((c) => c !== 'id' && c !== 'title');
  const copy = db.prepare(
    `insert into grants (title, ${columns.join(', ')}) select ?, ${columns.join(', ')} from grants where id = ?`,
  );
  const receive = db.prepare(
    `insert into movements (grant_id, date, type, amount_ore, voucher_ref, created_at_ms, actor)
     values (?, ?, 'received', ?, ?, 0, 'administrasjonsleder')`,
  );
  db.transaction(() => {
    for (let i = 1; i <= MANY; i++) {
      const id = Number(copy.run(title(i), templateId).lastInsertRowid);
      receive.run(id, `${YEAR}-03-01`, 100_000 + i, `B-${i}`);
    }
  })();
  db.close();
}

beforeAll(async () => {
  const first = await startApp();
  const funder = await api<{ id: number }>(first, 'funders.create', {
    name: 'Gjensidigestiftelsen',
    funderType: 'stiftelse',
  });
  const project = await api<{ id: number }>(first, 'projects.create', {
    name: 'Juleaksjonen',
    kind: 'prosjekt',
    kssRole: 'eier',
    status: 'aktiv',
    recurring: true,
  });
  const template = await api<{ id: number }>(first, 'grants.create', {
    projectId: project.id,
    funderId: funder.id,
    title: 'Mal',
    appliedOre: 200_000_000,
    adminRule: 'none',
  });
  await first.stop();
  manyGrants(first.dataDir, template.id);
  app = await startApp({ dataDir: first.dataDir });
  browser = await launchChromium();
  fs.mkdirSync(SCREENS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const js = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

async function scrollToLast(page: Page, box: string, last: ReturnType<Page['getByText']>) {
  // To the end, as a user would: rows measured on the way may lengthen the box a little.
  await expect
    .poll(async () => {
      await js(page, `document.querySelector('[data-testid="${box}"]').scrollTo({ top: 1e9 })`);
      return last.count();
    })
    .toBe(1);
  await expect.poll(() => last.isVisible()).toBe(true);
}

describe('the year-end page with hundreds of grants', () => {
  for (const width of [1366, 683]) {
    it(`keeps under 2 000 DOM nodes and scrolls to the last row at ${width}×768`, async () => {
      const context = await browser.newContext({
        locale: 'nb-NO',
        viewport: { width, height: 768 },
      });
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(`${app.url}#/year-end`);
      const ui = new AppPage(page);
      await ui.waitForHeading(`Årsavslutning ${YEAR}`);
      const grantsBox = page.getByTestId('ye-grants-scroll');
      const checklistBox = page.getByTestId('ye-checklist-scroll');
      await grantsBox.getByRole('link', { name: title(1), exact: true }).waitFor();
      await checklistBox
        .getByText(`«${title(1)}»`, { exact: false })
        .first()
        .waitFor();
      const nodes = () => js<number>(page, "document.getElementsByTagName('*').length");
      expect(await nodes()).toBeLessThanOrEqual(2000);
      expect(await grantsBox.locator('tbody tr[data-index]').count()).toBeLessThan(MANY / 2);
      expect(
        await js<number>(page, 'document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(0);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENS, `year-end-${MANY}-${width}.png`) });

      const before = await js<number>(page, 'window.scrollY');
      await scrollToLast(
        page,
        'ye-grants-scroll',
        grantsBox.getByRole('link', { name: title(MANY), exact: true }),
      );
      // Inside the table's own box: the page stays where it was, the header at the box's top.
      expect(await js<number>(page, 'window.scrollY')).toBe(before);
      const [head, boxTop] = await Promise.all([
        grantsBox.locator('thead th').first().boundingBox(),
        js<number>(
          page,
          `document.querySelector('[data-testid="ye-grants-scroll"]').getBoundingClientRect().top`,
        ),
      ]);
      expect(Math.abs((head?.y ?? -100) - boxTop)).toBeLessThanOrEqual(2);
      await scrollToLast(
        page,
        'ye-checklist-scroll',
        checklistBox.getByText(`«${title(MANY)}»`, { exact: false }),
      );
      expect(await nodes()).toBeLessThanOrEqual(2000);
      await page.screenshot({ path: path.join(SCREENS, `year-end-${MANY}-bottom-${width}.png`) });
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
