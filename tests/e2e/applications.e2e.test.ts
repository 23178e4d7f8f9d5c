/**
 * The administration leader prepares this year's Sommeraksjonen application from last
 * year's: she sets Gjensidigestiftelsen's upper limit for the scheme, makes next year's
 * edition, prices two scenarios (one over the limit, and sees the warning), and finds it in
 * «Søknader» as a list and as columns, moving it on to «Søkt». Screenshots at 1366×768 and
 * 683×768 go to $SCREENSHOT_DIR (default: a temp folder) and the page never scrolls sideways.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { ApplicationsPage } from './pages/ApplicationsPage';

const NBSP = '\u00a0';
const kr = (text: string) => `${text.replace(/ /g, NBSP)}${NBSP}kr`;
const LAST = new Date().getFullYear() - 1;
const NEXT = LAST + 1;
const SHOTS =
  process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-shots-'));

describe('next year’s Sommeraksjonen application, priced and in the pipeline', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: ApplicationsPage;
  let problems: string[];
  let lastYearId: number;
  let funderId: number;

  async function shoot(name: string): Promise<void> {
    for (const width of [1366, 683]) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      const wide = (await page.evaluate(`[...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((e) => e.tagName + '.' + e.className)`)) as string[];
      expect(
        await ui.scrollsSideways(),
        `${name} scrolls sideways at ${width}px: ${wide.join(', ')}`,
      ).toBe(false);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  async function go(hash: string, heading: string): Promise<void> {
    await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
    await ui.waitForHeading(heading);
  }

  beforeAll(async () => {
    app = await startApp();
    const funder = await api<{ id: number }>(app, 'funders.create', {
      name: 'Gjensidigestiftelsen',
      funderType: 'stiftelse',
    });
    funderId = funder.id;
    const project = await api<{ id: number }>(app, 'projects.create', {
      name: 'Sommeraksjonen',
      kind: 'prosjekt',
      kssRole: 'forvalter',
      status: 'aktiv',
      recurring: true,
    });
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId,
      title: `Sommeraksjonen ${LAST}`,
      schemeName: 'Sommeraksjonen',
      editionYear: LAST,
      appliedOre: 180_000_000,
      appliedDate: `${LAST}-03-01`,
      adminRule: 'percent',
      adminBasisPoints: 500,
    });
    lastYearId = grant.id;
    await api(app, 'applications.setDeadline', { grantId: grant.id, deadline: `${LAST}-03-15` });
    await api(app, 'grants.setStatus', { id: grant.id, status: 'sokt' });
    await api(app, 'grants.setStatus', {
      id: grant.id,
      status: 'innvilget',
      awardedOre: 180_000_000,
      decisionDate: `${LAST}-05-02`,
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO', viewport: { width: 1366, height: 768 } });
    problems = watchConsole(page);
    ui = new ApplicationsPage(page);
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sets the funder’s upper limit for the scheme on the funder page', async () => {
    await go(`/funders/${funderId}`, 'Gjensidigestiftelsen');
    await ui.button('Legg til beløpsgrense').click();
    const form = ui.form('Legg til beløpsgrense');
    await ui.select({ 'Type grense': 'Per tilskuddsordning' }, form);
    await ui.fill({ Tilskuddsordning: 'Sommeraksjonen', 'Øvre beløpsgrense': '2 000 000' }, form);
    await ui.button('Lagre', form).click();
    const caps = ui.table('Øvre beløpsgrenser');
    await expect.poll(() => caps.textContent()).toContain(kr('2 000 000'));
    const success = ui.table('Suksessrate per år');
    expect(await success.getByRole('row').nth(1).textContent()).toContain(String(LAST));
    await shoot('funder');
  });

  it('makes next year’s edition from last year’s and says what it copied', async () => {
    await go(`/grants/${lastYearId}`, `Sommeraksjonen ${LAST}`);
    await ui.tab('Søknad');
    await ui.button('Lag neste års søknad').click();
    const copied = ui.page.getByRole('list', { name: 'Kopiert' });
    await copied.waitFor();
    const lines = await copied.getByRole('listitem').allTextContents();
    expect(lines).toEqual([
      'Tilskuddsyter: Gjensidigestiftelsen',
      'Tilskuddsordning: Sommeraksjonen',
      'Prosjekt: Sommeraksjonen',
      `År (utgave): ${NEXT}`,
      `Administrasjonsandel: 5${NBSP}%`,
      `Søknadsfrist: 15.03.${NEXT}`,
    ]);
    await ui.button('Åpne neste års søknad').click();
    await ui.waitForHeading(`Sommeraksjonen ${NEXT}`);
    expect(await ui.detail('Søkt beløp').textContent()).toBe('—');
  });

  it('prices two scenarios; the one over the limit is saved with a warning', async () => {
    await ui.tab('Søknad');
    await ui.addScenario('Kun medlemssentre', '1 832 639', 'Bare KSS sine medlemssentre.');
    expect(await ui.warnings().count()).toBe(0);
    await ui.addScenario('Alle krisesentre', '2 400 000');
    await expect
      .poll(() => ui.warnings().textContent())
      .toBe(
        `Scenario «Alle krisesentre» (${kr('2 400 000')}) er over øvre beløpsgrense for «Sommeraksjonen» hos Gjensidigestiftelsen (${kr('2 000 000')}) med ${kr('400 000')}.`,
      );
    const rows = ui.scenarios().getByRole('row');
    expect(await rows.nth(1).textContent()).toContain(kr('1 832 639'));
    expect(await rows.nth(2).textContent()).toContain('Over øvre beløpsgrense');
    await ui.scenarios().getByRole('row').nth(1).getByRole('button', { name: 'Velg' }).click();
    await expect.poll(() => rows.nth(1).textContent()).toContain('Valgt (fjern)');
    await shoot('grant-application');
  });

  it('finds it in «Søknader» as a list and as columns, and moves it to «Søkt»', async () => {
    await ui.open();
    const row = ui.row(`Sommeraksjonen ${NEXT}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`15.03.${NEXT}`);
    expect(await row.textContent()).toContain('Kun medlemssentre');
    await ui.fill({ Søk: 'sommerAKSJ' });
    await expect.poll(() => page.evaluate('window.location.hash')).toContain('q=sommerAKSJ');
    await shoot('pipeline-list');

    await ui.showAs('Kolonner');
    expect(await page.evaluate('window.location.hash')).toContain('view=columns');
    const draft = ui.column('Utkast');
    await expect.poll(() => draft.textContent()).toContain(`Sommeraksjonen ${NEXT}`);
    await shoot('pipeline-columns');
    await ui.moveTo(`Sommeraksjonen ${NEXT}`, 'Søkt');
    await expect.poll(() => ui.column('Søkt').textContent()).toContain(`Sommeraksjonen ${NEXT}`);
    expect(await ui.column('Utkast').textContent()).not.toContain(`Sommeraksjonen ${NEXT}`);

    // The filters and view survive a reload: they live in the address.
    await page.reload();
    await ui.waitForHeading('Søknader');
    expect(await ui.field('Søk').inputValue()).toBe('sommerAKSJ');
    await expect.poll(() => ui.column('Søkt').textContent()).toContain(`Sommeraksjonen ${NEXT}`);
    expect(problems).toEqual([]);
  });
});
