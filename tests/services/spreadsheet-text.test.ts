/**
 * One neutraliser for everything handed to a spreadsheet (issue 11): text that Excel or
 * LibreOffice would take for a formula comes out as text in the annual report's clipboard
 * tables (tab-separated and HTML), in the accountant's CSV and in the xlsx files, while
 * amounts stay numbers (xlsx) and keep their sign (CSV).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { htmlTable, tsvTable } from '../../src-shared/yearend/rules';
import { kroner } from '../../src-shared/kernel/money';
import { looksLikeFormula, spreadsheetText } from '../../src-shared/kernel/spreadsheet-text';
import { parseCsv } from '../../src-main/import/read';
import { neutralise } from '../../src-main/platform/xlsx';
import { makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, registerFunder, registerProject } from '../helpers/grants';
import { readWorkbook, tableOf } from '../helpers/yearend';

const LINK = '=HYPERLINK("http://x","y")';
const HOSTILE = [LINK, '+47 22 00 00 00', '-1+2', '@SUM(1+1)', '\t=1+1', '\r=1+1'];

describe('spreadsheetText', () => {
  it('puts an apostrophe before = + - @, tab and carriage return, and leaves other text', () => {
    for (const t of HOSTILE) {
      expect(looksLikeFormula(t)).toBe(true);
      expect(spreadsheetText(t)).toBe(`'${t}`);
    }
    for (const t of ['Juleaksjonen', '100', 'a=b', ' =1', '', 'Kr 500 000']) {
      expect(spreadsheetText(t)).toBe(t);
    }
  });

  it('is what the xlsx cells, the clipboard tables and the CSV all use', () => {
    for (const t of HOSTILE) expect(neutralise(t)).toBe(spreadsheetText(t));
    const tsv = tsvTable(['Navn', 'Merknad'], [HOSTILE.slice(0, 2), HOSTILE.slice(4, 6)]);
    expect(tsv.split('\r\n').map((line) => line.split('\t'))).toEqual([
      ['Navn', 'Merknad'],
      [`'${LINK}`, "'+47 22 00 00 00"],
      // A leading tab or CR is neutralised first, then made a space (one cell, one line).
      ["' =1+1", "' =1+1"],
    ]);
    const html = htmlTable(['=Navn'], [[LINK]]);
    expect(html).toContain('>&#39;=Navn</th>');
    expect(html).toContain('>&#39;=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>');
    expect(html).not.toMatch(/>[=+\-@]/);
  });
});

describe('the files and tables handed to a spreadsheet', () => {
  let api: TestApi;
  beforeEach(() => {
    api = makeDispatch({ today: '2025-02-10' });
  });
  afterEach(() => api.cleanup());

  async function hostileProject() {
    const funder = await registerFunder(api, 'gjensidige');
    const project = await registerProject(api, 'juleaksjonen', {
      name: LINK,
      projectNumber: '-1+2',
    });
    const partner = await api.call('organisations.create', { name: '@SUM(1+1)' });
    await api.call('projects.addPartner', { projectId: project.id, organisationId: partner.id });
    const grant = await awardedGrant(
      api,
      grantInput(project.id, funder.id, '+Juleaksjonen 2024', {
        editionYear: 2024,
        appliedOre: kroner(100_000),
      }),
      { awardedOre: kroner(100_000), decisionDate: '2024-01-15' },
    );
    await api.call('movements.record', {
      grantId: grant.id,
      type: 'received',
      date: '2024-02-01',
      amountOre: kroner(100_000),
      voucherRef: LINK,
    });
    await api.call('movements.record', {
      grantId: grant.id,
      type: 'own_costs',
      date: '2024-03-01',
      amountOre: 123_450,
      voucherRef: '@B-17',
    });
  }

  it('neutralises the annual report’s clipboard text and HTML', async () => {
    await hostileProject();
    const report = await api.call('annualReport.projects', { year: 2024 });
    const line = report.tsv.split('\r\n').find((l) => l.includes('HYPERLINK'));
    expect(line?.split('\t').slice(0, 2)).toEqual([`'${LINK}`, "'@SUM(1+1)"]);
    expect(report.html).toContain('&#39;=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(report.html).toContain('&#39;@SUM(1+1)');
    expect(report.html).not.toMatch(/>[=+\-@]/);
    // The report's rows themselves keep the name as registered.
    expect(report.rows[0]?.name).toBe(LINK);
  });

  it('neutralises the xlsx text and keeps the amount a number', async () => {
    await hostileProject();
    const file = await api.call('annualReport.projectsXlsx', { year: 2024 });
    const wb = await readWorkbook(file.contentBase64);
    const [row] = tableOf(wb.getWorksheet('Prosjekter') as never);
    expect(row?.Navn?.value).toBe(`'${LINK}`);
    expect(row?.Samarbeidspartner?.value).toBe("'@SUM(1+1)");
    expect(row?.Beløp?.value).toBe(100_000);
  });

  it('neutralises the accountant’s CSV text and leaves the amounts’ signs', async () => {
    await hostileProject();
    const file = await api.call('yearEnd.exportAccountingCsv', { year: 2024 });
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8').slice(1);
    const [header, ...records] = parseCsv(text, ';').map((r) => r.cells);
    expect(header).toEqual(['Dato', 'Bilag', 'Konto', 'Prosjekt', 'Beløp', 'Tekst']);
    const byVoucher = new Map(records.map((r) => [r[1], r]));
    expect(byVoucher.get(`'${LINK}`)?.slice(3, 5)).toEqual(["'-1+2", '100000,00']);
    expect(byVoucher.get("'@B-17")?.slice(3, 5)).toEqual(["'-1+2", '-1234,50']);
  });
});
