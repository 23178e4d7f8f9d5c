/**
 * The 2024 example dataset (db/seed/example-2024.json) loaded through the real services on a
 * real SQLite file: the annual-report tables it produces equal the report's, the rounds sum
 * exactly to the report's amounts after the admin share, loading into a database with data
 * asks first, and removal leaves no example data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { exampleDataset } from '../../src-main/setup/example-data';
import { countRows, dumpDatabase, makeDispatch, REPO_ROOT, type TestApi } from '../helpers/db';
import { misspelledKrisesenter } from '../helpers/spelling';

const DATASET_FILE = path.join(REPO_ROOT, 'db', 'seed', 'example-2024.json');

let api: TestApi;

beforeEach(() => {
  api = makeDispatch({ today: '2025-02-10' });
});
afterEach(() => api.cleanup());

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** The 2024 report's project table (Navn | Samarbeidspartner | Tilskuddsyter | Tilskuddsstørrelse). */
const REPORT_PROJECTS_2024 = [
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

/** Every string in a JSON value, with where it is. */
function strings(value: unknown, at = '$'): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  }
  return [];
}

describe('the example dataset file', () => {
  it('is versioned data that names its source and refers by name, not id', () => {
    const raw = JSON.parse(fs.readFileSync(DATASET_FILE, 'utf8')) as Record<string, unknown>;
    expect(raw.version).toBe(1);
    expect(raw.source).toBe('Årsmelding 2024');
    const keys = strings(raw).map(([at]) => at);
    expect(keys.filter((k) => /Id\b|\.id$/.test(k))).toEqual([]);
    const data = exampleDataset();
    expect(data.centres).toHaveLength(21);
    expect(data.projects.filter((p) => p.kind === 'tiltak').map((p) => p.name)).toEqual([
      'VO-linjen',
      'ROSA',
    ]);
    expect(data.projects.filter((p) => p.parent === 'ROSA').map((p) => p.name)).toEqual([
      'Fengselsprosjektet',
      "Let's Share Knowledge",
      'Adora',
    ]);
  });

  it('never contains the seed’s misspellings', () => {
    const text = fs.readFileSync(DATASET_FILE, 'utf8');
    // An e-mail domain runs words together («narvikkrisesenter.no»), which the word check
    // would read as one word; addresses are checked for the misspelled stems instead.
    const all = strings(JSON.parse(text));
    const bad = all
      .filter(([at]) => !at.endsWith('.contactEmail'))
      .flatMap(([at, s]) => misspelledKrisesenter(s).map((w) => `${at}: ${w}`));
    expect(bad).toEqual([]);
    const emails = all.filter(([at]) => at.endsWith('.contactEmail')).map(([, s]) => s);
    expect(emails.length).toBeGreaterThan(15);
    // «narvik» + «krisesenter» run together in one address; split them before checking.
    expect(emails.flatMap((e) => misspelledKrisesenter(e.replace(/narvik/gi, ' ')))).toEqual([]);
    expect(misspelledKrisesenter(text.replace(/narvik/gi, ' '))).toEqual([]);
    expect(new Set(text.match(/Maribo\p{L}*/gu))).toEqual(new Set(['Mariboes']));
    expect(text).toContain('Mariboes gate 13');
  });

  it('keeps the report’s key figures, each for a project of the file or KSS as a whole', () => {
    const figures = exampleDataset().keyFigures;
    const value = (project: string, key: string) =>
      figures.find((f) => f.project === project && f.key === key)?.value;
    expect(value('VO-linjen', 'henvendelser')).toBe(5137);
    expect(value('VO-linjen', 'henvendelser_telefon')).toBe(3439);
    expect(value('VO-linjen', 'henvendelser_chat')).toBe(1698);
    expect(value('Taushet tar liv', 'kursdeltakere')).toBe(400);
    expect(value('Taushet tar liv', 'visninger')).toBe(1_123_673);
    const projects = new Set(exampleDataset().projects.map((p) => p.name));
    expect(figures.filter((f) => f.project !== null && !projects.has(f.project))).toEqual([]);
  });

  it('has no organisation numbers (the report gives none) and the report’s contact for every centre', () => {
    const data = exampleDataset();
    expect(data.centres.every((c) => c.orgNumber === null)).toBe(true);
    expect(data.centres.filter((c) => c.contactEmail === null)).toEqual([]);
    expect(data.centres.filter((c) => c.dailyLeader === null)).toEqual([]);
    expect(data.centres.find((c) => c.name === 'Sør-Helgeland Krisesenter')?.contactEmail).toBe(
      'ks@brønnøy.kommune.no',
    );
    // The report misspells this domain; the address is spelled correctly here.
    expect(data.centres[0]?.contactEmail).toBe('post@krisesenteret-gjovik.no');
  });
});

describe('exampleData.load', () => {
  it('loads the 21 member centres with the report’s history: 20 on 1.1.2024, 21 on 31.12 (11/6/4)', async () => {
    const status = await api.call('exampleData.load', {});
    expect(status).toMatchObject({ loaded: true, version: 1, source: 'Årsmelding 2024' });
    expect(status.backup?.reason).toBe('pre-import');

    const atStart = (await api.call('centres.list', { asOf: '2024-01-01', search: null })).rows;
    expect(atStart.filter((c) => c.isMember)).toHaveLength(20);
    const atEnd = (
      await api.call('centres.list', { asOf: '2024-12-31', search: null })
    ).rows.filter((c) => c.isMember);
    expect(atEnd).toHaveLength(21);
    const by = (...forms: string[]) => atEnd.filter((c) => forms.includes(c.driftsform)).length;
    expect([by('kommunalt', 'iks'), by('ideell'), by('stiftelse')]).toEqual([11, 6, 4]);
    const in2025 = (await api.call('centres.list', { asOf: '2025-01-01', search: null })).rows;
    expect(
      in2025
        .filter((c) => !c.isMember)
        .map((c) => c.name)
        .sort(),
    ).toEqual([
      'Krise- og incestsenteret i Fredrikstad',
      'Krisesenter Halden',
      'Sør-Helgeland Krisesenter',
    ]);
    expect(atEnd.find((c) => c.name === 'Alta Krisesenter')?.joinedDate).toBe('2024-06-01');
  });

  it('loads on the day the app is first started, long after 2024', async () => {
    const later = makeDispatch({ today: '2026-12-02' });
    try {
      const status = await later.call('exampleData.load', {});
      expect(status.loaded).toBe(true);
      const report = await later.call('annualReport.members', { year: 2024 });
      expect(report.counts).toMatchObject({ start: 20, end: 21 });
    } finally {
      later.cleanup();
    }
  });

  it('produces the report’s project table for 2024: names, partners, funders and amounts', async () => {
    await api.call('exampleData.load', {});
    const report = await api.call('annualReport.projects', { year: 2024 });
    expect(report.rows.map((r) => [r.name, r.partners, r.funders, plain(r.sizeText)])).toEqual(
      REPORT_PROJECTS_2024,
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
  });

  it('produces the report’s member table for 2024 with its summary', async () => {
    await api.call('exampleData.load', {});
    const report = await api.call('annualReport.members', { year: 2024 });
    const data = exampleDataset();
    expect(report.rows).toHaveLength(21);
    const row = (r: (typeof report.rows)[number]) => [
      r.name,
      r.driftsform,
      r.region,
      r.dailyLeader,
      r.contactEmail,
    ];
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(report.rows.map(row).sort(byName)).toEqual(
      data.centres
        .map((c) => [c.name, c.driftsform, c.region, c.dailyLeader, c.contactEmail])
        .sort(byName),
    );
    expect(report.rows[20]).toMatchObject({ name: 'Alta Krisesenter', joinedInYear: true });
    expect(report.counts).toMatchObject({
      start: 20,
      end: 21,
      municipalOrIks: 11,
      ideell: 6,
      stiftelse: 4,
    });
    expect(report.summary).toBe(
      'Året startet med 20 medlemmer. I juni meldte Alta Krisesenter seg inn, slik at organisasjonen per 31.12 hadde 21 medlemmer. Av disse er 11 kommunale/IKS, 6 er ideelle organisasjoner og 4 er stiftelser. Ved årsskiftet 2025 meldes Krise- og incestsenteret i Fredrikstad, Krisesenter Halden og Sør-Helgeland Krisesenter ut av organisasjonen.',
    );
  });

  it('allocates exactly the report’s amounts after the admin share: Sommeraksjonen to 19 centres, Juleaksjonen to 17', async () => {
    await api.call('exampleData.load', {});
    const rounds = (await api.call('rounds.list', {})).rows;
    const expected = new Map([
      ['Sommeraksjonen 2024', { centres: 19, available: kroner(1_484_475) }],
      ['Juleaksjonen 2024', { centres: 17, available: kroner(1_832_639) + kroner(112_361) }],
    ]);
    expect(rounds).toHaveLength(2);
    for (const summary of rounds) {
      const want = expected.get(summary.grantTitle);
      if (!want) throw new Error(`unexpected round ${summary.name}`);
      const grant = await api.call('grants.get', { id: summary.grantId });
      const round = await api.call('rounds.get', { id: summary.id });
      expect(grant.baseOre + grant.transferInOre, summary.name).toBe(want.available);
      expect(grant.adminShareOre).toBeGreaterThan(0);
      const awarded = round.allocations.reduce((s, a) => s + (a.awardedOre ?? 0), 0);
      expect(awarded, summary.name).toBe(want.available - grant.adminShareOre);
      expect(round.centreCount).toBe(want.centres);
      expect(round.remainingOre).toBe(0);
      expect(round.notes).toMatch(/[Ii]llustrativ/);
    }
    const jul = (await api.call('grants.list', { search: 'Juleaksjonen 2024' })).rows[0];
    const julGrant = await api.call('grants.get', { id: jul?.id ?? 0 });
    expect(julGrant.awardedOre).toBe(kroner(1_832_639));
    expect(julGrant.transferInOre).toBe(kroner(112_361));
  });

  it('registers the report’s other 2024 grants: ROSA 7 435 955 kr with 612 186 kr project funds, MANREPORT-IPV without money', async () => {
    await api.call('exampleData.load', {});
    const all = (await api.call('grants.list', { search: null })).rows;
    const awarded = (title: string) => all.find((g) => g.title === title)?.awardedOre;
    const rosa = all.filter((g) => g.title.startsWith('ROSA'));
    expect(rosa.reduce((s, g) => s + (g.awardedOre ?? 0), 0)).toBe(kroner(7_435_955));
    expect(
      rosa
        .filter((g) => g.title !== 'ROSA 2024 – drift')
        .reduce((s, g) => s + (g.awardedOre ?? 0), 0),
    ).toBe(kroner(612_186));
    expect(awarded('KjøkkenKultur – Mat for Mestring')).toBe(kroner(1_120_000));
    expect(awarded('VO-linjen 2024 – varig økning')).toBe(kroner(500_000));
    expect(awarded('VO-linjen 2024 – engangsbeløp')).toBe(kroner(300_000));
    const manreport = all.find((g) => g.projectName === 'MANREPORT-IPV');
    expect(manreport).toMatchObject({ kssRole: 'stottepartner', awardedOre: null });
  });

  it('marks every record it created as example data, and writes them to the change log', async () => {
    const status = await api.call('exampleData.load', {});
    const marked = (entity: string) => status.records.filter((r) => r.entity === entity).length;
    expect(marked('organisation')).toBe(countRows(api.sqlite, 'organisations'));
    expect(marked('grant')).toBe(countRows(api.sqlite, 'grants'));
    expect(marked('movement')).toBe(countRows(api.sqlite, 'movements'));
    expect(marked('allocation')).toBe(countRows(api.sqlite, 'allocations'));
    expect(marked('project')).toBe(countRows(api.sqlite, 'projects'));
    expect(status.changesSinceLoad).toBe(0);
    expect(status.canRemove).toBe(true);
    expect(countRows(api.sqlite, 'audit_log')).toBeGreaterThan(status.records.length);
    const { backup: _backup, ...rest } = status;
    expect(await api.call('exampleData.status', {})).toEqual(rest);
  });

  it('refuses to load into a database that has data unless confirmed, and changes nothing', async () => {
    await api.call('organisations.create', { name: 'Revisjonsfirma AS' });
    expect((await api.call('exampleData.status', {})).databaseHasData).toBe(true);
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('exampleData.load', {});
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^Databasen har allerede data\. Bekreft/);
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });

  it('does not count settings as data: account codes alone do not make the load ask first', async () => {
    await api.call('accounts.set', { incomeDepartement: '3401' });
    expect((await api.call('exampleData.status', {})).databaseHasData).toBe(false);
    expect((await api.call('exampleData.load', {})).loaded).toBe(true);
    // Removal goes back to the copy taken before the load, settings included.
    await api.call('exampleData.remove', {});
    const accounts = await api.call('accounts.list', {});
    expect(accounts.find((a) => a.key === 'incomeDepartement')?.accountCode).toBe('3401');
  });

  it('refuses to load a second time', async () => {
    await api.call('exampleData.load', {});
    const error = await api.fail('exampleData.load', { confirmReplace: true });
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toMatch(/allerede lastet inn/);
  });

  it('refuses, without writing, when a name in the dataset is taken', async () => {
    await api.call('funders.create', { name: 'Gjensidigestiftelsen', funderType: 'stiftelse' });
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('exampleData.load', { confirmReplace: true });
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toContain('Gjensidigestiftelsen');
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });
});

describe('the app over the example data', () => {
  it('answers every main screen’s call without an error', async () => {
    await api.call('exampleData.load', {});
    const dashboard = await api.call('dashboard.summary', {});
    expect(dashboard.perYear.find((y) => y.year === 2024)?.awardedOre).toBeGreaterThan(0);
    const overview = await api.call('yearEnd.overview', { year: 2024 });
    expect(overview.grants.length).toBeGreaterThan(0);
    // Payouts and admin shares are on the ledger, so the round grants close 2024 at zero.
    for (const title of ['Sommeraksjonen 2024', 'Juleaksjonen 2023']) {
      const row = overview.grants.find((g) => g.title === title);
      expect(row?.balance.closingOre, title).toBe(0);
    }
    const workbook = await api.call('yearEnd.exportWorkbook', { year: 2024 });
    expect(workbook.contentBase64.length).toBeGreaterThan(1000);
    for (const round of (await api.call('rounds.list', {})).rows) {
      const report = await api.call('rounds.funderReport', { roundId: round.id });
      expect(report.totals.awardedOre).toBe(report.totals.paidOre);
      expect(report.ledger.paidOre).toBe(report.totals.paidOre);
    }
    expect(api.logger.calls).toEqual([]);
  });
});

describe('exampleData.remove', () => {
  it('leaves no example data: the database is as empty as before the load', async () => {
    const empty = dumpDatabase(api.sqlite);
    await api.call('exampleData.load', {});
    const result = await api.call('exampleData.remove', {});
    expect(result.safetyCopy?.reason).toBe('pre-restore');
    expect(result.counts).toMatchObject({ centres: 0, grants: 0, movements: 0 });
    const sqlite = api.core.database.sqlite;
    for (const table of [
      'organisations',
      'projects',
      'grants',
      'movements',
      'allocations',
      'example_records',
      'example_data_loads',
      'audit_log',
    ]) {
      expect(countRows(sqlite, table), table).toBe(0);
    }
    expect(dumpDatabase(sqlite)).toEqual(empty);
    expect(await api.call('exampleData.status', {})).toMatchObject({
      loaded: false,
      databaseHasData: false,
      records: [],
    });
    // And it can be loaded again afterwards.
    expect((await api.call('exampleData.load', {})).loaded).toBe(true);
  });

  it('asks before discarding changes made after the load', async () => {
    await api.call('exampleData.load', {});
    await api.call('organisations.create', { name: 'Revisjonsfirma AS' });
    expect((await api.call('exampleData.status', {})).changesSinceLoad).toBe(1);
    const error = await api.fail('exampleData.remove', {});
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/1 endring etter at eksempeldataene ble lastet inn/);
    expect((await api.call('exampleData.status', {})).loaded).toBe(true);
    await api.call('exampleData.remove', { confirmDiscardChanges: true });
    expect(countRows(api.core.database.sqlite, 'organisations')).toBe(0);
  });

  it('goes back to the data that was there when loading was confirmed on a database with data', async () => {
    await api.call('organisations.create', { name: 'Revisjonsfirma AS' });
    const before = dumpDatabase(api.sqlite);
    await api.call('exampleData.load', { confirmReplace: true });
    expect(countRows(api.core.database.sqlite, 'member_centres')).toBe(21);
    await api.call('exampleData.remove', {});
    expect(dumpDatabase(api.core.database.sqlite)).toEqual(before);
  });

  it('says so when there is nothing to remove', async () => {
    const error = await api.fail('exampleData.remove', {});
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'Det er ingen eksempeldata å fjerne.',
    });
  });
});

describe('example key figures', () => {
  it('loads the report’s key figures per project and removes them with the rest', async () => {
    const empty = dumpDatabase(api.sqlite);
    await api.call('exampleData.load', {});
    const projects = await api.call('projects.list', {});
    const id = (name: string) => projects.find((p) => p.name === name)?.id ?? 0;
    const figures = async (name: string) => {
      const table = await api.call('keyFigures.list', { projectId: id(name) });
      expect(table.years).toEqual([2024]);
      return Object.fromEntries(table.rows.map((r) => [r.label, [r.cells[0]?.value, r.unit]]));
    };
    expect(await figures('VO-linjen')).toEqual({
      'Henvendelser totalt': ['5137', 'antall'],
      'Henvendelser på telefon': ['3439', 'antall'],
      'Henvendelser på chat': ['1698', 'antall'],
    });
    const taushet = await figures('Taushet tar liv');
    expect(taushet['Deltakere på nasjonalt kurs (over)']).toEqual(['400', 'antall']);
    expect(taushet['Visninger i sosiale medier']).toEqual(['1123673', 'antall']);
    // Amounts the report gives in øre are kroner, exactly.
    const rosa = await figures('ROSA');
    expect(rosa['Tilskudd i 2024 (foreløpig regnskap, inkl. prosjektmidler og gaver)']).toEqual([
      '7435955',
      'kr',
    ]);
    const withProject = exampleDataset().keyFigures.filter((f) => f.project !== null);
    expect(countRows(api.core.database.sqlite, 'key_figures')).toBe(withProject.length);

    await api.call('exampleData.remove', {});
    expect(countRows(api.core.database.sqlite, 'key_figures')).toBe(0);
    expect(dumpDatabase(api.core.database.sqlite)).toEqual(empty);
  });
});
