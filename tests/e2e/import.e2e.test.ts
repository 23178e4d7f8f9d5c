/**
 * Import from Excel/CSV as the administrasjonsleder uses it: choose what to import and a file,
 * see every row’s problem in Norwegian before anything is saved, choose a column the app did
 * not guess, confirm, and see the centres in the register. The same file chosen again is
 * recognised; a file with mixed character sets names its rows and she chooses one.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { ImportPage } from './pages/ImportPage';

const BOM = '\ufeff';
const GOOD =
  BOM +
  'Navn;Driftsform;Region;E-post;Medlem fra\r\n' +
  'Alta Krisesenter;Ideell organisasjon;Nord;post@altakrise.no;01.06.2024\r\n' +
  '"Gjøvik Krisesenter IKS";IKS;Sør-Øst;;01.01.2010\r\n';
const WITH_PROBLEM = GOOD.replace('post@altakrise.no', 'post@altakrise');

describe('import from Excel/CSV in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let importPage: ImportPage;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO' });
    problems = watchConsole(page);
    // The first address carries the access token; the page keeps it for the tab.
    await page.goto(app.url);
    importPage = new ImportPage(page);
    await importPage.open(app.origin);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('explains that nothing is saved before she has seen the preview', async () => {
    await expect
      .poll(() => page.getByText('Ingenting lagres før du har sett forhåndsvisningen').count())
      .toBe(1);
    expect(await page.getByText('Tidligere importer').count()).toBe(1);
  });

  it('shows the problem of each row in Norwegian and does not let her import', async () => {
    await importPage.chooseKind('Medlemssentre');
    await importPage.chooseFile('medlemmer.csv', WITH_PROBLEM);
    await expect
      .poll(() => importPage.check(2).textContent())
      .toBe(
        'Rad 2, kolonne «E-post»: Kontakt-e-post må være en gyldig e-postadresse (for eksempel post@krisesenter.no).',
      );
    expect(await importPage.check(3).textContent()).toBe('OK');
    expect(await page.getByText('2 rader: 1 uten feil, 1 med feil.').count()).toBe(1);
    expect(await importPage.importButton(2).isDisabled()).toBe(true);
    expect((await api<{ rows: unknown[] }>(app, 'centres.list', {})).rows).toEqual([]);
  });

  it('lets her choose a column the app did not suggest', async () => {
    await importPage.chooseFile(
      'sentre.csv',
      'Senter;Type;Landsdel\nAlta Krisesenter;Ideell;Nord\n',
    );
    await expect
      .poll(() =>
        page.getByText('Velg hvilken kolonne som inneholder Driftsform (må fylles ut).').count(),
      )
      .toBe(1);
    await importPage.chooseColumn('Driftsform', 'Type');
    await expect.poll(() => importPage.check(2).textContent()).toBe('OK');
    expect(await importPage.importButton(1).isEnabled()).toBe(true);
  });

  it('imports after she confirms, and says what was imported', async () => {
    await importPage.chooseFile('medlemmer.csv', GOOD);
    await expect.poll(() => importPage.importButton(2).isEnabled()).toBe(true);
    await importPage.importAndConfirm(2);
    await expect
      .poll(() => importPage.status().textContent())
      .toContain('2 medlemssentre er importert fra «medlemmer.csv».');
    const { rows: centres } = await api<{ rows: { name: string; isMember: boolean }[] }>(
      app,
      'centres.list',
      {},
    );
    expect(centres.map((c) => c.name)).toEqual(['Alta Krisesenter', 'Gjøvik Krisesenter IKS']);
    await expect
      .poll(() => importPage.table('Tidligere importer').locator('tbody tr').count())
      .toBe(1);
    await page.getByRole('link', { name: 'Gå til Medlemssentre' }).click();
    await importPage.waitForHeading('Medlemssentre');
  });

  it('recognises the same file chosen again', async () => {
    await importPage.open(app.origin);
    await importPage.chooseFile('kopi av medlemmer.csv', GOOD);
    await expect
      .poll(() => page.getByText(/^Denne filen er importert før: .*«medlemmer\.csv»/).count())
      .toBe(1);
    expect(await importPage.check(2).textContent()).toContain('er allerede registrert');
    expect(await importPage.importButton(2).isDisabled()).toBe(true);
  });

  it('reads an Excel file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tilskuddsytere');
    ws.addRow(['Navn', 'Type']);
    ws.addRow(['Gjensidigestiftelsen', 'Stiftelse']);
    ws.addRow(['Bufdir', 'Direktorat']);
    await importPage.chooseKind('Tilskuddsytere');
    await importPage.chooseFile('tilskuddsytere.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    await expect
      .poll(() =>
        page.getByText('«tilskuddsytere.xlsx»: Excel-fil, arket «Tilskuddsytere».').count(),
      )
      .toBe(1);
    await expect.poll(() => importPage.previewRows().count()).toBe(2);
    await importPage.importAndConfirm(2);
    await expect
      .poll(() => importPage.status().textContent())
      .toContain('2 tilskuddsytere er importert fra «tilskuddsytere.xlsx».');
  });

  it('names the rows of a file with mixed character sets and lets her choose one', async () => {
    await importPage.chooseKind('Medlemssentre');
    const mixed = Buffer.concat([
      Buffer.from('Navn;Driftsform;Region\r\nTromsø Krisesenter;Ideell;Nord\r\n', 'utf8'),
      Buffer.from('Krisesenteret i Bodø;Ideell;Nord\r\n', 'latin1'),
    ]);
    await importPage.chooseFile('blandet.csv', mixed);
    await expect
      .poll(() => importPage.check(3).textContent())
      .toBe(
        'Rad 3: Raden er ikke gyldig UTF-8 (trolig Windows-1252), mens resten av filen er UTF-8. Kontroller tegn som æ, ø og å, og velg tegnkoding for filen.',
      );
    expect(
      await page.getByText(/^Filen har blandet tegnkoding: rad 3 er ikke gyldig/).count(),
    ).toBe(1);
    expect(await importPage.importButton(2).isDisabled()).toBe(true);
    await page.getByLabel('Tegnkoding').selectOption({ label: 'Windows-1252' });
    await expect.poll(() => importPage.check(3).textContent()).toBe('OK');
    expect(await importPage.importButton(2).isEnabled()).toBe(true);
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
