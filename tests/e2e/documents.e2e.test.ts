/**
 * Notes and documents on a grant, and key figures on a project, in Chromium against the
 * browser-mode host: add a note and see it in the timeline, upload a document and see it
 * listed, download it byte-identical, delete it after the confirmation dialog; enter key
 * figures for two years and see them side by side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

describe('notes and documents on a grant, key figures on a project', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ui: AppPage;
  let problems: string[];
  let grantId: number;
  let projectId: number;
  let funderId: number;
  let scratch: string;
  const letter = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256)),
  ]);

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO', acceptDownloads: true });
    problems = watchConsole(page);
    ui = new AppPage(page);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-e2e-docs-'));
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
    projectId = project.id;
    funderId = funder.id;
    const grant = await api<{ id: number }>(app, 'grants.create', {
      projectId: project.id,
      funderId: funder.id,
      title: 'Sommeraksjonen 2025',
      adminRule: 'none',
    });
    grantId = grant.id;
    await page.goto(app.url);
    await page.goto(`${app.origin}/#/grants/${grantId}`);
    await ui.waitForHeading('Sommeraksjonen 2025');
    await ui.tab('Notater og dokumenter');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('adds notes and lists them newest first', async () => {
    const form = ui.form('Legg til notat');
    await ui.fill({ Dato: '02.03.2025', Notat: 'Søknaden er sendt.' }, form);
    await ui.select({ Type: 'E-post' }, form);
    await ui.button('Legg til notat', form).click();
    const timeline = page.getByRole('list', { name: 'Notater' });
    await timeline.getByText('Søknaden er sendt.').waitFor();
    await ui.fill({ Dato: '20.05.2025', Notat: 'Tilsagn mottatt.' }, form);
    await ui.select({ Type: 'Vedtak' }, form);
    await ui.button('Legg til notat', form).click();
    await timeline.getByText('Tilsagn mottatt.').waitFor();
    const items = timeline.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('20.05.2025');
    expect(await items.nth(0).textContent()).toContain('Vedtak');
    expect(await items.nth(1).textContent()).toContain('E-post');
  });

  it('refuses a hostile file name with the Norwegian message', async () => {
    const form = ui.form('Legg ved dokument');
    const bad = path.join(scratch, 'aux.txt');
    fs.writeFileSync(bad, 'x');
    await form.locator('input[type=file]').setInputFiles(bad);
    await ui.button('Legg ved dokument', form).click();
    await expect
      .poll(() => form.getByRole('alert').first().textContent())
      .toContain('reservert navn i Windows');
  });

  it('uploads a document and lists it', async () => {
    const form = ui.form('Legg ved dokument');
    const file = path.join(scratch, 'Tilsagnsbrev 2025.pdf');
    fs.writeFileSync(file, letter);
    await form.locator('input[type=file]').setInputFiles(file);
    await ui.fill({ Beskrivelse: 'Tilsagn fra stiftelsen' }, form);
    await ui.button('Legg ved dokument', form).click();
    const table = ui.table('Dokumenter');
    await table.waitFor();
    const row = table.getByRole('row', { name: /Tilsagnsbrev 2025\.pdf/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Tilsagn fra stiftelsen');
    expect(await row.textContent()).toContain('5\u00a0kB');
  });

  it('downloads it byte-identical', async () => {
    const row = ui.table('Dokumenter').getByRole('row', { name: /Tilsagnsbrev 2025\.pdf/ });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui.button('Last ned', row).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Tilsagnsbrev 2025.pdf');
    expect(fs.readFileSync(await download.path()).equals(letter)).toBe(true);
  });

  it('asks before deleting, and logs the deletion', async () => {
    const row = ui.table('Dokumenter').getByRole('row', { name: /Tilsagnsbrev 2025\.pdf/ });
    await ui.button('Slett', row).click();
    const dialog = ui.dialog();
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toContain('Tilsagnsbrev 2025.pdf');
    await ui.fill({ 'Begrunnelse (lagres i endringsloggen)': 'Feil versjon' }, dialog);
    await ui.button('Slett', dialog).click();
    await page.getByText('Ingen dokumenter lagt ved.').waitFor();
    const log = await api<{ rows: { entity: string; action: string }[] }>(app, 'audit.list', {});
    const documentLog = log.rows.filter((e) => e.entity === 'document').map((e) => e.action);
    expect(documentLog.sort()).toEqual(['create', 'delete']);
  });

  it('keeps notes on the funder page too', async () => {
    await page.goto(`${app.origin}/#/funders/${funderId}`);
    await ui.waitForHeading('Gjensidigestiftelsen');
    await page.getByRole('heading', { name: 'Notater og dokumenter', exact: true }).waitFor();
    const form = ui.form('Legg til notat');
    await ui.fill({ Dato: '15.01.2025', Notat: 'Ny søknadsfrist for Sommeraksjonen.' }, form);
    await ui.select({ Type: 'Telefonsamtale' }, form);
    await ui.button('Legg til notat', form).click();
    const timeline = page.getByRole('list', { name: 'Notater' });
    await timeline.getByText('Ny søknadsfrist for Sommeraksjonen.').waitFor();
    expect(await timeline.getByRole('listitem').count()).toBe(1);
    expect(await page.getByText('Ingen dokumenter lagt ved.').isVisible()).toBe(true);
  });

  it('shows key figures for two years side by side on the project page', async () => {
    await page.goto(`${app.origin}/#/projects/${projectId}`);
    await ui.waitForHeading('Sommeraksjonen');
    const form = ui.form('Legg til nøkkeltall');
    for (const [year, value] of [
      ['2023', '17'],
      ['2024', '19'],
    ] as const) {
      await ui.fill({ År: year, Nøkkeltall: 'Sentre som fikk midler', Verdi: value }, form);
      await ui.button('Legg til nøkkeltall', form).click();
      await page.getByText('Nøkkeltallet er lagret.').last().waitFor();
    }
    const table = ui.table('Nøkkeltall');
    await expect
      .poll(() => table.getByRole('columnheader').allTextContents())
      .toEqual(['Nøkkeltall', '2023', '2024', 'Enhet']);
    const row = table.getByRole('row', { name: /Sentre som fikk midler/ });
    expect((await row.getByRole('cell').allTextContents()).slice(0, 2)).toEqual(['17', '19']);
    expect(problems).toEqual([]);
  });
});
