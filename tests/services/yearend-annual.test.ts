/**
 * The annual report's tables built from the 2024 cases: the project table (Navn |
 * Samarbeidspartner | Tilskuddsyter | Tilskuddsstørrelse) with the report's rows and amounts,
 * and the member table on 31.12 with the summary sentence — as rows, HTML for Word and xlsx.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectKey } from '../helpers/grants';
import { kroner } from '../../src-shared/kernel/money';
import { MEMBERS_2024, registerMembers } from '../helpers/allocations';
import { makeDispatch, type TestApi } from '../helpers/db';
import {
  awardedGrant,
  grantInput,
  juleaksjonen2023,
  juleaksjonen2024,
  seed2024,
  type Seed2024,
} from '../helpers/grants';
import { readWorkbook, tableOf } from '../helpers/yearend';
import { misspelledKrisesenter } from '../helpers/spelling';

let api: TestApi;
let seed: Seed2024;

beforeEach(async () => {
  api = makeDispatch({ today: '2025-02-10' });
  seed = await seed2024(api);
});
afterEach(() => api.cleanup());

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/**
 * The project table of the 2024 annual report, spelled as in our register. (The report
 * writes «Sekretariatet for Konfliktrådene» twice with a capital K and «Norges
 * Forskningsråd»; the register has one spelling of each funder.)
 */
const REPORT_2024 = [
  [
    'Taushet tar liv',
    'Likestillings- og diskrimineringsombudet (LDO)',
    'Sekretariatet for konfliktrådene',
    'Kr 500 000',
  ],
  ['Se sammenhengen', 'NMBU, Dyrevernalliansen', 'Sekretariatet for konfliktrådene', 'Kr 50 000'],
  ['Vold avler vold', '', 'Sekretariatet for konfliktrådene', 'Kr 350 000'],
  ['Sommeraksjonen', 'Medlemmer av KSS', 'Gjensidigestiftelsen', 'Kr 1 484 475'],
  ['Juleaksjonen', 'Medlemmer av KSS', 'Gjensidigestiftelsen', 'Kr 1 945 000'],
  [
    'KjøkkenKultur – Mat for Mestring',
    'Medlemmer av KSS',
    'Sparebankstiftelsen DNB',
    'Kr 1 120 000 (for 2023 og 2024)',
  ],
  [
    'MANREPORT-IPV',
    'Høgskulen i Volda, Høgskulen i Molde, Politihøgskolen, Oslo Universitetssykehus HF',
    'Norges forskningsråd',
    '',
  ],
];

async function partners(project: ProjectKey, names: string[]) {
  for (const name of names) {
    const org = await api.call('organisations.create', { name });
    await api.call('projects.addPartner', {
      projectId: seed.projects[project].id,
      organisationId: org.id,
    });
  }
}

/** The 2024 report's projects, with their grants and partners. */
async function projects2024() {
  await partners('taushet', ['Likestillings- og diskrimineringsombudet (LDO)']);
  await partners('seSammenhengen', ['NMBU', 'Dyrevernalliansen']);
  await partners('manreport', [
    'Høgskulen i Volda',
    'Høgskulen i Molde',
    'Politihøgskolen',
    'Oslo Universitetssykehus HF',
  ]);
  const f = seed.funders;
  const p = seed.projects;
  const yearly = (
    project: ProjectKey,
    funder: keyof Seed2024['funders'],
    title: string,
    kr: number,
    decided: string,
  ) =>
    awardedGrant(
      api,
      grantInput(p[project].id, f[funder].id, title, { editionYear: 2024, appliedOre: kroner(kr) }),
      { awardedOre: kroner(kr), decisionDate: decided },
    );
  await yearly('taushet', 'konfliktradene', 'Taushet tar liv 2024', 500_000, '2024-01-15');
  await yearly('seSammenhengen', 'konfliktradene', 'Se sammenhengen 2024', 50_000, '2024-02-01');
  await yearly('voldAvlerVold', 'konfliktradene', 'Vold avler vold 2024', 350_000, '2024-03-01');
  await yearly('sommeraksjonen', 'gjensidige', 'Sommeraksjonen 2024', 1_484_475, '2024-05-15');
  // Juleaksjonen: 1 832 639 kr awarded + 112 361 kr kept from 2023 = 1 945 000 kr.
  const jul23 = await juleaksjonen2023(api, seed);
  const jul24 = await juleaksjonen2024(api, seed);
  await api.call('movements.transfer', {
    fromGrantId: jul23.id,
    toGrantId: jul24.id,
    date: '2024-10-15',
    amountOre: kroner(112_361),
    approvalRef: 'GJS-2024-JUL-ubrukte',
    approvalDate: '2024-10-10',
  });
  // KjøkkenKultur: one award for 2023 and 2024 together.
  await awardedGrant(
    api,
    grantInput(p.kjokkenKultur.id, f.dnb.id, 'KjøkkenKultur – Mat for Mestring', {
      periodFrom: '2023-01-01',
      periodTo: '2024-12-31',
      appliedOre: kroner(1_120_000),
      appliedDate: '2022-09-01',
    }),
    { awardedOre: kroner(1_120_000), decisionDate: '2022-12-01' },
  );
  // MANREPORT-IPV: Norges forskningsråd funds Høgskulen i Volda; no money through KSS.
  const manreport = await api.call('grants.create', {
    projectId: p.manreport.id,
    funderId: f.forskningsradet.id,
    title: 'MANREPORT-IPV (Forskningsrådet)',
    periodFrom: '2022-01-01',
    periodTo: '2026-04-08',
    adminRule: 'none',
  });
  await api.call('grants.setStatus', { id: manreport.id, status: 'sokt' });
  await api.call('grants.setStatus', {
    id: manreport.id,
    status: 'innvilget',
    decisionDate: '2021-12-10',
  });
  // Not in the table: a standing measure (ROSA), a refused application, and last year's edition.
  await awardedGrant(
    api,
    grantInput(p.rosa.id, f.jd.id, 'ROSA 2024', {
      editionYear: 2024,
      appliedOre: kroner(7_435_955),
    }),
    { awardedOre: kroner(7_435_955), decisionDate: '2024-01-05' },
  );
  const refused = await api.call(
    'grants.create',
    grantInput(p.voldAvlerVold.id, f.bufdir.id, 'Vold avler vold – konferanse', {
      editionYear: 2024,
      appliedOre: kroner(90_000),
    }),
  );
  await api.call('grants.setStatus', { id: refused.id, status: 'sokt' });
  await api.call('grants.setStatus', {
    id: refused.id,
    status: 'avslatt',
    decisionDate: '2024-04-01',
  });
}

describe('annualReport.projects', () => {
  it('matches the 2024 report’s project table: rows, order and amounts', async () => {
    await projects2024();
    const report = await api.call('annualReport.projects', { year: 2024 });
    expect(report.headers).toEqual([
      'Navn',
      'Samarbeidspartner',
      'Tilskuddsyter',
      'Tilskuddsstørrelse',
    ]);
    expect(report.rows.map((r) => [r.name, r.partners, r.funders, plain(r.sizeText)])).toEqual(
      REPORT_2024,
    );
    expect(report.rows.map((r) => r.sizeOre)).toEqual([
      kroner(500_000),
      kroner(50_000),
      kroner(350_000),
      kroner(1_484_475),
      kroner(1_945_000),
      kroner(1_120_000),
      null,
    ]);
    // Amounts keep together on one line in Word.
    expect(report.rows[4]?.sizeText).toBe('Kr\u00a01\u00a0945\u00a0000');
  });

  it('copies as an HTML table that pastes into Word, and as tab-separated text', async () => {
    await projects2024();
    await partners('voldAvlerVold', ['Konfliktrådet <Øst> & partnere']);
    const report = await api.call('annualReport.projects', { year: 2024 });
    expect(report.html).toMatch(
      /^<table[^>]*><thead><tr>(<th[^>]*>[^<]*<\/th>){4}<\/tr><\/thead><tbody>/,
    );
    expect(report.html.match(/<tr>/g)).toHaveLength(1 + REPORT_2024.length);
    expect(report.html).toContain('Konfliktrådet &lt;Øst&gt; &amp; partnere');
    expect(report.html).not.toMatch(/<script|<Øst>/);
    const lines = report.tsv.split('\r\n');
    expect(lines[0]).toBe('Navn\tSamarbeidspartner\tTilskuddsyter\tTilskuddsstørrelse');
    expect(plain(lines[5] ?? '')).toBe(
      'Juleaksjonen\tMedlemmer av KSS\tGjensidigestiftelsen\tKr 1 945 000',
    );
  });

  it('lists only the year’s own awards: the 2023 table has Juleaksjonen 2023 and KjøkkenKultur', async () => {
    await projects2024();
    const report = await api.call('annualReport.projects', { year: 2023 });
    expect(report.rows.map((r) => [r.name, plain(r.sizeText)])).toEqual([
      ['Juleaksjonen', 'Kr 1 700 000'],
      ['KjøkkenKultur – Mat for Mestring', 'Kr 1 120 000 (for 2023 og 2024)'],
      ['MANREPORT-IPV', ''],
    ]);
  });

  it('exports the table as xlsx', async () => {
    await projects2024();
    const file = await api.call('annualReport.projectsXlsx', { year: 2024 });
    expect(file.fileName).toBe('Prosjekter-2024.xlsx');
    const wb = await readWorkbook(file.contentBase64);
    const rows = tableOf(wb.getWorksheet('Prosjekter') ?? wb.worksheets[0]!);
    expect(rows.map((r) => String(r.Navn?.value))).toEqual(REPORT_2024.map((r) => r[0]));
    expect(rows[4]?.Beløp?.value).toBe(1_945_000);
    expect(plain(String(rows[5]?.Tilskuddsstørrelse?.value))).toBe(
      'Kr 1 120 000 (for 2023 og 2024)',
    );
  });
});

describe('annualReport.members', () => {
  it('lists the 21 members on 31.12.2024 and writes the report’s summary from the history', async () => {
    await registerMembers(api);
    const report = await api.call('annualReport.members', { year: 2024 });
    expect(report.headers).toEqual([
      '#',
      'Navn',
      'Driftsform',
      'Region',
      'Daglig leder',
      'Kontakt',
    ]);
    expect(report.rows).toHaveLength(21);
    expect(report.rows.map((r) => r.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(report.rows[0]).toMatchObject({
      name: 'Gjøvik Krisesenter IKS',
      driftsformLabel: 'Interkommunalt selskap',
      regionLabel: 'Sør-Øst',
      contactEmail: 'post@krisesenteret-gjovik.no',
    });
    // Alta joined during the year and comes last, as in the report.
    expect(report.rows[20]).toMatchObject({
      number: 21,
      name: 'Alta Krisesenter',
      driftsformLabel: 'Ideell organisasjon',
      regionLabel: 'Nord',
      joinedInYear: true,
    });
    expect(report.rows.flatMap((r) => misspelledKrisesenter(r.name))).toEqual([]);
    expect(report.counts).toMatchObject({
      start: 20,
      end: 21,
      municipalOrIks: 11,
      ideell: 6,
      stiftelse: 4,
      joined: [{ name: 'Alta Krisesenter', date: '2024-06-01' }],
      left: [],
    });
    expect(report.summary).toBe(
      'Året startet med 20 medlemmer. I juni meldte Alta Krisesenter seg inn, slik at organisasjonen per 31.12 hadde 21 medlemmer. Av disse er 11 kommunale/IKS, 6 er ideelle organisasjoner og 4 er stiftelser. Ved årsskiftet 2025 meldes Krise- og incestsenteret i Fredrikstad, Krisesenter Halden og Sør-Helgeland Krisesenter ut av organisasjonen.',
    );
    expect(report.html.match(/<tr>/g)).toHaveLength(22);
    expect(report.tsv.split('\r\n')[21]).toBe(
      `21\tAlta Krisesenter\tIdeell organisasjon\tNord\t\t${MEMBERS_2024.alta.contactEmail}`,
    );
  });

  it('counts 2025 from the same history: 18 members, three left at the turn of the year', async () => {
    await registerMembers(api);
    const report = await api.call('annualReport.members', { year: 2025 });
    expect(report.counts).toMatchObject({ start: 18, end: 18, joined: [], left: [] });
    expect(report.summary).toMatch(
      /^Året startet med 18 medlemmer\. Per 31\.12 hadde organisasjonen 18 medlemmer\./,
    );
  });

  it('exports the table and the summary as xlsx', async () => {
    await registerMembers(api);
    const file = await api.call('annualReport.membersXlsx', { year: 2024 });
    expect(file.fileName).toBe('Medlemmer-2024.xlsx');
    const wb = await readWorkbook(file.contentBase64);
    const sheet = wb.getWorksheet('Medlemmer');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '#',
      'Navn',
      'Driftsform',
      'Region',
      'Daglig leder',
      'Kontakt',
    ]);
    expect(sheet.getRow(22).getCell(2).value).toBe('Alta Krisesenter');
    expect(sheet.getRow(22).getCell(1).value).toBe(21);
    expect(String(sheet.getRow(24).getCell(1).value)).toMatch(/^Året startet med 20 medlemmer\./);
  });
});
