/**
 * Frister in Chromium against the browser-mode host: an overdue and an upcoming application
 * deadline and an overdue report to the funder are listed, each linking to its grant;
 * «Marker levert» moves the report out of the overdue list; «Eksporter kalender (.ics)»
 * downloads a calendar that a real iCalendar parser (ical.js) reads.
 */
import fs from 'node:fs';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src-shared/kernel/dates';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

/** The host runs on the real clock: deadlines are placed around today. */
const today = new Date().toISOString().slice(0, 10);
const overdueDate = addDays(today, -5);
const upcomingDate = addDays(today, 10);
const reportDate = addDays(today, -2);

describe('Frister: overdue and upcoming deadlines, «levert», and the calendar export', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  const ids = { overdue: 0, upcoming: 0, awarded: 0 };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO', acceptDownloads: true });
    problems = watchConsole(page);
    ui = new AppPage(page);
    const funder = await api<{ id: number }>(app, 'funders.create', {
      name: 'Gjensidigestiftelsen',
      funderType: 'stiftelse',
    });
    const project = await api<{ id: number }>(app, 'projects.create', {
      name: 'Sommeraksjonen',
      kind: 'prosjekt',
      kssRole: 'forvalter',
      status: 'aktiv',
      recurring: true,
    });
    const grant = async (title: string, deadline: string) => {
      const g = await api<{ id: number }>(app, 'grants.create', {
        projectId: project.id,
        funderId: funder.id,
        title,
        adminRule: 'none',
      });
      await api(app, 'applications.setDeadline', { grantId: g.id, deadline });
      return g.id;
    };
    ids.overdue = await grant('Sommeraksjonen 2025', overdueDate);
    ids.upcoming = await grant('Juleaksjonen 2025', upcomingDate);
    ids.awarded = await grant('Sommeraksjonen 2024', addDays(today, -300));
    await api(app, 'grants.addDeadline', {
      grantId: ids.awarded,
      dueDate: reportDate,
      description: 'Sluttrapport',
    });
    await page.goto(app.url);
    await ui.nav('Frister');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists the overdue and the upcoming deadline, each linking to its grant', async () => {
    const overdue = ui.table('Forfalt');
    const upcoming = ui.table('Neste 60 dager');
    const late = overdue.getByRole('row', { name: /Søknadsfrist: Sommeraksjonen 2025/ });
    await late.waitFor();
    expect(await late.textContent()).toContain('5 dager siden');
    const soon = upcoming.getByRole('row', { name: /Søknadsfrist: Juleaksjonen 2025/ });
    expect(await soon.textContent()).toContain('om 10 dager');
    await overdue.getByRole('row', { name: /Sluttrapport: Sommeraksjonen 2024/ }).waitFor();

    await soon.getByRole('link', { name: 'Søknadsfrist: Juleaksjonen 2025' }).click();
    await ui.waitForHeading('Juleaksjonen 2025');
    expect(page.url()).toContain(`#/grants/${ids.upcoming}`);
    await page.goBack();
    await ui.waitForHeading('Frister');
  });

  it('marks the report to the funder as delivered', async () => {
    const row = ui.table('Forfalt').getByRole('row', { name: /Sluttrapport: Sommeraksjonen 2024/ });
    await ui.button('Marker levert', row).click();
    await page.getByText('Fristen er markert som levert.').waitFor();
    await ui
      .table('Levert')
      .getByRole('row', { name: /Sluttrapport: Sommeraksjonen 2024/ })
      .waitFor();
    expect(await ui.table('Forfalt').textContent()).not.toContain('Sluttrapport');
  });

  it('exports a calendar that parses, with all-day events and stable UIDs', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui.button('Eksporter kalender (.ics)').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`frister-${today}.ics`);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    const late = events.find((e) => e.uid === `grant-application-${ids.overdue}@tilskuddsoversikt`);
    expect(late?.summary).toBe('Søknadsfrist: Sommeraksjonen 2025');
    expect(late?.startDate.isDate).toBe(true);
    expect(late?.startDate.toString()).toBe(overdueDate);
    const soon = events.find(
      (e) => e.uid === `grant-application-${ids.upcoming}@tilskuddsoversikt`,
    );
    expect(soon?.startDate.toString()).toBe(upcomingDate);
    expect(events.some((e) => e.summary.startsWith('Sluttrapport: Sommeraksjonen 2024'))).toBe(
      true,
    );
    expect(problems).toEqual([]);
  });

  it('saves the application pack as a Word file from the grant page', async () => {
    await page.goto(`${app.origin}/#/grants/${ids.upcoming}`);
    await ui.waitForHeading('Juleaksjonen 2025');
    await ui.tab('Søknad');
    await ui.button('Søknadspakke (Word)').click();
    const dialog = page.getByRole('dialog', { name: 'Søknadspakke (Word)' });
    await ui.fill({ 'Budsjettpost 1': 'Aktiviteter', 'Beløp 1': '120 000' }, dialog);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui.button('Lag Word-fil', dialog).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Søknadspakke Juleaksjonen 2025.docx');
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(problems).toEqual([]);
  });
});
