/**
 * Issue 10.5 as the administration leader meets it: after 2024 (the clock is later; the host
 * runs on today's date, which is past 31.12.2024), she opens a round for Juleaksjonen 2024 and
 * the application table offers Krisesenter Halden, whose last member day was 31.12.2024; the
 * centres list filtered to «Medlem i år = 2024» shows Halden as a member of 2024, while the
 * unfiltered list shows today's status.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const HALDEN = 'Krisesenter Halden';
const OSLO = 'Oslo Krisesenter';
const GONE = 'Senter som sluttet i 2023';

describe('a 2024 round opened after 2024 offers the centres that were members then', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  let roundId: number;

  beforeAll(async () => {
    app = await startApp();
    const period = async (name: string, joinedDate: string, leftDate: string | null) => {
      const c = await api<{ id: number; memberships: { id: number }[] }>(app, 'centres.create', {
        name,
        driftsform: 'kommunalt',
        region: 'sor-ost',
        joinedDate,
      });
      if (leftDate) {
        await api(app, 'centres.updateMembership', {
          id: c.memberships[0]?.id,
          joinedDate,
          leftDate,
        });
      }
    };
    await period(HALDEN, '2010-01-01', '2024-12-31');
    await period(OSLO, '2010-01-01', null);
    await period(GONE, '2012-01-01', '2023-12-31');
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
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId: funder.id,
      title: 'Juleaksjonen 2024',
      editionYear: 2024,
      appliedOre: 183_263_900,
      activityFrom: '2024-11-01',
      activityTo: '2025-03-09',
      adminRule: 'none',
    });
    await api(app, 'grants.setStatus', { id: grant.id, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grant.id,
      status: 'innvilget',
      awardedOre: 183_263_900,
      decisionDate: '2024-10-10',
    });
    // The round is opened today, long after 2024, without its own period.
    roundId = (
      await api<{ id: number }>(app, 'rounds.create', {
        grantId: grant.id,
        name: 'Juleaksjonen 2024 – JuleVinter',
      })
    ).id;
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

  it('offers Halden in the application table, and takes its application', async () => {
    await page.goto(`${app.origin}/#/rounds/${roundId}`);
    await ui.waitForHeading('Juleaksjonen 2024 – JuleVinter');
    await expect
      .poll(() => page.getByTestId('apps-period').textContent())
      .toContain('01.11.2024–09.03.2025');
    const table = ui.table('Søknader fra sentrene');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect((await table.locator('tbody th').allTextContents()).map((t) => t.trim())).toEqual([
      HALDEN,
      OSLO,
    ]);
    const halden = page.getByLabel(`Søkt beløp ${HALDEN}`);
    await halden.fill('120 000');
    await halden.press('Enter');
    await expect
      .poll(
        async () =>
          (await api<{ appliedTotalOre: number }>(app, 'rounds.get', { id: roundId }))
            .appliedTotalOre,
      )
      .toBe(12_000_000);
  });

  it('shows Halden as a member of 2024 in the centres list filtered to 2024', async () => {
    await ui.nav('Medlemssentre');
    const list = ui.table('Medlemssentre');
    const haldenRow = list.locator('tbody tr', { hasText: HALDEN });
    await expect.poll(() => haldenRow.textContent()).toContain('Ikke medlem');
    await ui.select({ 'Medlem i år': '2024' });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => haldenRow.textContent()).toContain('Medlem i 2024');
    expect(await haldenRow.textContent()).not.toContain('Ikke medlem');
    expect(await list.textContent()).not.toContain(GONE);
    expect(problems).toEqual([]);
  });
});
