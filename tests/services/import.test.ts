/**
 * Import from Excel/CSV on a real SQLite file through the dispatch: the formats people have
 * (`;` or `,`, BOM, CRLF, quoted fields, Windows-1252, every kroner format, U+2212, dd.mm.åååå,
 * ISO and Excel serial dates, xlsx written by exceljs and read back), a Norwegian problem per
 * row naming the row and the column, nothing written by a preview, a commit that is all or
 * nothing, the same file recognised the second time, the limits, the change log and the
 * backup taken before.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview, Input } from '../../src-shared/api/contract';
import {
  IMPORT_FIELDS,
  excelSerialToIso,
  headerKey,
  normaliseCell,
  suggestMapping,
  type ImportField,
  type ImportKind,
} from '../../src-shared/import/rules';
import { DRIFTSFORMER, REGIONS } from '../../src-shared/registry/centres';
import { FUNDER_TYPES, GRANT_STATUSES } from '../../src-shared/grants/rules';
import { kroner } from '../../src-shared/kernel/money';
import { createImportService } from '../../src-main/import/import';
import {
  detectSeparator,
  parseCsv,
  readImportFile,
  zipDirectory,
} from '../../src-main/import/read';
import { juleaksjonenCase } from '../helpers/allocations';
import {
  auditRows,
  countRows,
  dumpDatabase,
  makeDispatch,
  makeServices,
  registerCentre,
  type TestApi,
} from '../helpers/db';
import { seed2024 } from '../helpers/grants';
import { safetyEnv, startSafetyCore } from '../helpers/safety';

// ---------------------------------------------------------------- file builders

const b64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

function quote(cell: string, sep: string): string {
  return /["\r\n]/.test(cell) || cell.includes(sep) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A CSV file: `;` and CRLF with a BOM unless told otherwise. */
function csv(
  rows: readonly (readonly string[])[],
  { sep = ';', eol = '\r\n', bom = true }: { sep?: string; eol?: string; bom?: boolean } = {},
): string {
  return (
    (bom ? '\ufeff' : '') + rows.map((r) => r.map((c) => quote(c, sep)).join(sep)).join(eol) + eol
  );
}

type ImportInput = Input<'import.preview'>;

function fileInput(
  kind: ImportKind,
  content: string | Uint8Array,
  fileName = 'import.csv',
): ImportInput {
  return { kind, fileName, contentBase64: b64(content) };
}

async function preview(api: TestApi, input: ImportInput): Promise<ImportPreview> {
  return api.call('import.preview', input);
}

async function commit(api: TestApi, input: ImportInput, p: ImportPreview, extra = {}) {
  return api.call('import.commit', { ...input, fileHash: p.fileHash, confirmed: true, ...extra });
}

const messages = (p: ImportPreview, rowNumber: number) =>
  p.rows.find((r) => r.rowNumber === rowNumber)?.problems.map((x) => x.message) ?? [];

let api: TestApi;
beforeEach(() => {
  api = makeDispatch({ today: '2024-06-15' });
});
afterEach(() => api.cleanup());

// ---------------------------------------------------------------- pure parts

describe('excelSerialToIso', () => {
  it('converts the 1900 date system with Lotus’s leap-year error', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    // 60 is 29.02.1900, a day that never was.
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(45725)).toBe('2025-03-09');
    expect(excelSerialToIso(0)).toBeNull();
  });

  it('ignores the time of day and floating-point dust', () => {
    expect(excelSerialToIso(45292.75)).toBe('2024-01-01');
    expect(excelSerialToIso(45292.999999999)).toBe('2024-01-02');
    expect(excelSerialToIso(45292 - 1e-10)).toBe('2024-01-01');
  });

  it('converts the 1904 date system', () => {
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(43830, true)).toBe('2024-01-01');
  });
});

describe('reading cells', () => {
  const field = (kind: ImportKind, key: string) =>
    IMPORT_FIELDS[kind].find((f) => f.key === key) as ImportField;
  const amount = field('grants', 'appliedOre');
  const date = field('grants', 'decisionDate');

  it.each([
    ['1 234,56', 123456],
    ['1.234,56', 123456],
    ['1234.56', 123456],
    ['1234,5', 123450],
    ['1\u00a0945\u00a0000', 194_500_000],
    ['kr 50 000,-', 5_000_000],
    ['\u22121 234,56', -123456],
    ['-1234.56', -123456],
  ])('amount %s → %i øre', (text, ore) => {
    expect(normaliseCell(amount, text)).toEqual({ ok: true, value: ore });
  });

  it('takes amounts from numeric xlsx cells without float errors', () => {
    expect(normaliseCell(amount, 1234.56)).toEqual({ ok: true, value: 123456 });
    expect(normaliseCell(amount, 0.1 + 0.2)).toEqual({ ok: true, value: 30 });
    expect(normaliseCell(amount, 12.345)).toMatchObject({ ok: false });
  });

  it.each([
    ['15.02.2024', '2024-02-15'],
    ['5.2.2024', '2024-02-05'],
    ['2024-02-15', '2024-02-15'],
    ['15/02/2024', '2024-02-15'],
    ['15.02.2024 00:00', '2024-02-15'],
    ['2024-02-15T00:00:00', '2024-02-15'],
    ['45337', '2024-02-15'],
  ])('date %s → %s', (text, iso) => {
    expect(normaliseCell(date, text)).toEqual({ ok: true, value: iso });
  });

  it('refuses dates that are not, in Norwegian', () => {
    expect(normaliseCell(date, '31.02.2024')).toEqual({
      ok: false,
      message: '«31.02.2024» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå.',
    });
    // A year is not an Excel serial date.
    expect(normaliseCell(date, 2024)).toEqual({
      ok: false,
      message: '«2024» er ikke en dato. Skriv datoen som dd.mm.åååå.',
    });
    expect(normaliseCell(date, '15.02.24')).toMatchObject({ ok: false });
  });

  it('has a choice for every value of the domain, and no other', () => {
    const cover: [readonly string[], ImportField][] = [
      [DRIFTSFORMER, field('centres', 'driftsform')],
      [REGIONS, field('centres', 'region')],
      [FUNDER_TYPES, field('funders', 'funderType')],
      [GRANT_STATUSES, field('grants', 'status')],
    ];
    for (const [values, f] of cover) {
      expect(f.choices?.map((c) => c.value).sort()).toEqual([...values].sort());
    }
    const driftsform = field('centres', 'driftsform');
    expect(normaliseCell(driftsform, 'Interkommunalt selskap (IKS)')).toEqual({
      ok: true,
      value: 'iks',
    });
    expect(normaliseCell(driftsform, 'ideell')).toEqual({ ok: true, value: 'ideell' });
    expect(normaliseCell(field('centres', 'region'), 'SØR-ØST')).toEqual({
      ok: true,
      value: 'sor-ost',
    });
  });

  it('compares headers without case, accents, punctuation or units', () => {
    expect(headerKey('Org.nr.')).toBe('orgnr');
    expect(headerKey('Søkt beløp (kr)')).toBe(headerKey('søkt beløp'));
    expect(headerKey('E-post')).toBe('epost');
  });

  it('suggests columns from Norwegian and English headers', () => {
    expect(
      suggestMapping('centres', [
        'Name',
        'Form of operation',
        'Region',
        'Director',
        'E-mail',
        'Organisation number',
        'Member since',
        'Something else',
      ]),
    ).toEqual({
      name: 'Name',
      driftsform: 'Form of operation',
      region: 'Region',
      dailyLeader: 'Director',
      contactEmail: 'E-mail',
      orgNumber: 'Organisation number',
      joinedDate: 'Member since',
      notes: null,
    });
    const grants = suggestMapping('grants', [
      'Prosjekt',
      'Tilskuddsyter',
      'Tittel',
      'Søkt (kr)',
      'Beløp',
      'Dato',
      'Adm.andel',
    ]);
    expect(grants).toMatchObject({
      project: 'Prosjekt',
      funder: 'Tilskuddsyter',
      title: 'Tittel',
      appliedOre: 'Søkt (kr)',
      awardedOre: 'Beløp',
      decisionDate: 'Dato',
      adminPercent: 'Adm.andel',
    });
  });
});

describe('reading CSV', () => {
  it('finds the separator from the header row, outside quotes', () => {
    expect(detectSeparator('Navn;Region\nA,B;C')).toBe(';');
    expect(detectSeparator('Navn,Region,"E;post"\n')).toBe(',');
    expect(detectSeparator('Navn\tRegion\n')).toBe('\t');
    expect(detectSeparator('\n\nNavn,Region\n')).toBe(',');
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, numbered like the spreadsheet', () => {
    const rows = parseCsv('a;"b;c"\r\n"sier ""hei""";"to\r\nlinjer"\r\n\r\nsiste;x', ';');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['a', 'b;c'] },
      { rowNumber: 2, cells: ['sier "hei"', 'to\r\nlinjer'] },
      { rowNumber: 4, cells: ['siste', 'x'] },
    ]);
  });

  it('accepts LF, CR and a missing last line break', () => {
    expect(parseCsv('a,b\nc,d\re,f', ',').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('decodes Windows-1252 (Excel’s «CSV (semikolondelt)») and UTF-16 with BOM', async () => {
    const text = 'Navn;Driftsform;Region\r\nGjøvik Krisesenter IKS;IKS;Sør-Øst\r\n';
    const latin = await readImportFile(new Uint8Array(Buffer.from(text, 'latin1')));
    expect(latin.encoding).toBe('Windows-1252');
    expect(latin.rows[0]?.cells[0]).toBe('Gjøvik Krisesenter IKS');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text.replace(/;/g, '\t'), 'utf16le'),
    ]);
    const read = await readImportFile(new Uint8Array(utf16));
    expect(read.encoding).toBe('UTF-16');
    expect(read.separator).toBe('\t');
    expect(read.rows[0]?.cells).toEqual(['Gjøvik Krisesenter IKS', 'IKS', 'Sør-Øst']);
  });
});

// ---------------------------------------------------------------- member centres

describe('import.preview of member centres', () => {
  const header = ['Navn', 'Driftsform', 'Region', 'Daglig leder', 'E-post', 'Org.nr', 'Medlem fra'];

  it('reads a `;` file with BOM, CRLF and quoted fields', async () => {
    const file = csv([
      header,
      [
        'Alta Krisesenter',
        'Ideell organisasjon',
        'Nord',
        '',
        'post@altakrise.no',
        '',
        '01.06.2024',
      ],
      ['Krisesenter "Halden"; Blå Kors', 'Stiftelse', 'Sør-Øst', 'Kari\r\nNordmann', '', '', ''],
      ['Gjøvik Krisesenter IKS', 'IKS', 'sør-øst', '', '', '974 760 673', '2010-01-01'],
    ]);
    const p = await preview(api, fileInput('centres', file));
    expect(p.format).toBe('csv');
    expect(p.separator).toBe(';');
    expect(p.encoding).toBe('UTF-8');
    expect(p.columns).toEqual(header);
    expect(p.problemCount).toBe(0);
    expect(p.canImport).toBe(true);
    expect(p.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(p.rows[0]?.values).toEqual({
      name: 'Alta Krisesenter',
      driftsform: 'ideell',
      region: 'nord',
      dailyLeader: null,
      contactEmail: 'post@altakrise.no',
      orgNumber: null,
      joinedDate: '2024-06-01',
      notes: null,
    });
    expect(p.rows[1]?.values.name).toBe('Krisesenter "Halden"; Blå Kors');
    expect(p.rows[1]?.values.dailyLeader).toBe('Kari\r\nNordmann');
    expect(p.rows[2]?.values).toMatchObject({ driftsform: 'iks', orgNumber: '974 760 673' });
  });

  it('reads a `,` file with LF and no BOM', async () => {
    const file = csv(
      [
        ['Name', 'Form of operation', 'Region', 'E-mail'],
        ['Alta Krisesenter', 'ideell', 'North', 'post@altakrise.no'],
      ],
      { sep: ',', eol: '\n', bom: false },
    );
    const p = await preview(api, fileInput('centres', file));
    expect(p.separator).toBe(',');
    expect(p.rows[0]?.values).toMatchObject({ name: 'Alta Krisesenter', region: 'nord' });
    expect(p.canImport).toBe(true);
  });

  it('reports every row’s problems in Norwegian, naming the row and the column', async () => {
    await registerCentre(api, 'gjovik');
    const file = csv([
      header,
      ['Alta Krisesenter', 'Ideell organisasjon', 'Nord', '', 'post@altakrise.no', '', ''],
      ['Krisesenter Halden', 'Stiftelse', 'Sør-Øst', '', 'post@halden', '', ''],
      ['', 'Stiftelse', 'Nord', '', '', '', ''],
      ['Salten', 'Kommunalt', 'Vestlandet', '', '', '', ''],
      ['ALTA KRISESENTER', 'Ideell organisasjon', 'Nord', '', '', '', ''],
      ['Gjøvik Krisesenter IKS', 'IKS', 'Sør-Øst', '', '', '', ''],
      ['Midt-Troms', 'Kommunalt', 'Nord', '', '', '123456789', '30.02.2024'],
    ]);
    const before = dumpDatabase(api.sqlite);
    const p = await preview(api, fileInput('centres', file));
    expect(dumpDatabase(api.sqlite)).toEqual(before);
    expect(p.okCount).toBe(1);
    expect(p.problemCount).toBe(6);
    expect(p.canImport).toBe(false);
    expect(messages(p, 2)).toEqual([]);
    expect(messages(p, 3)).toEqual([
      'Rad 3, kolonne «E-post»: Kontakt-e-post må være en gyldig e-postadresse (for eksempel post@krisesenter.no).',
    ]);
    expect(messages(p, 4)).toEqual(['Rad 4, kolonne «Navn»: Navn må fylles ut.']);
    expect(messages(p, 5)).toEqual([
      'Rad 5, kolonne «Region»: «Vestlandet» er ikke en gyldig verdi for Region. Bruk Sør-Øst, Nord eller Midt-Vest.',
    ]);
    expect(messages(p, 6)).toEqual([
      'Rad 6, kolonne «Navn»: «ALTA KRISESENTER» står også i rad 2.',
    ]);
    // The service's own rule, found by running the row and rolling back.
    expect(messages(p, 7)).toEqual([
      'Rad 7, kolonne «Navn»: Navnet «Gjøvik Krisesenter IKS» er allerede registrert.',
    ]);
    expect(messages(p, 8)).toEqual([
      'Rad 8, kolonne «Org.nr»: Organisasjonsnummer må ha 9 siffer med gyldig kontrollsiffer.',
      'Rad 8, kolonne «Medlem fra»: «30.02.2024» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå.',
    ]);
    const p8 = p.rows.find((r) => r.rowNumber === 8);
    expect(p8?.problems.map((x) => [x.field, x.column])).toEqual([
      ['orgNumber', 'Org.nr'],
      ['joinedDate', 'Medlem fra'],
    ]);

    const error = await api.fail('import.commit', {
      ...fileInput('centres', file),
      fileHash: p.fileHash,
      confirmed: true,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(
      /^Ingenting ble importert: 6 rader har feil\. Rad 3, kolonne «E-post»/,
    );
    expect(error.issues?.[0]).toEqual({
      path: 'rows.3.contactEmail',
      message: expect.stringContaining('Rad 3, kolonne «E-post»') as string,
    });
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });

  it('uses the columns she chooses, and says which required field has none', async () => {
    const file = csv([
      ['Senter', 'Type', 'Landsdel', 'Epost til leder', 'Annen e-post'],
      ['Alta Krisesenter', 'Ideell', 'Nord', 'leder@altakrise.no', 'post@altakrise.no'],
    ]);
    const suggested = await preview(api, fileInput('centres', file));
    expect(suggested.suggestedMapping).toMatchObject({
      name: 'Senter',
      driftsform: null,
      region: 'Landsdel',
    });
    expect(suggested.fileProblems).toEqual([
      'Velg hvilken kolonne som inneholder Driftsform (må fylles ut).',
    ]);
    expect(messages(suggested, 2)).toEqual(['Rad 2: Driftsform må fylles ut.']);
    expect(suggested.canImport).toBe(false);

    const chosen = await preview(api, {
      ...fileInput('centres', file),
      mapping: { driftsform: 'Type', contactEmail: 'Annen e-post' },
    });
    expect(chosen.mapping).toMatchObject({
      name: 'Senter',
      driftsform: 'Type',
      contactEmail: 'Annen e-post',
    });
    expect(chosen.rows[0]?.values).toMatchObject({
      driftsform: 'ideell',
      contactEmail: 'post@altakrise.no',
    });
    expect(chosen.canImport).toBe(true);

    const unknown = await api.fail('import.preview', {
      ...fileInput('centres', file),
      mapping: { contactEmail: 'Finnes ikke' },
    });
    expect(unknown.code).toBe('BAD_INPUT');
    expect(unknown.message).toBe(
      'Kontakt-e-post: kolonnen «Finnes ikke» finnes ikke i filen. Velg en av filens kolonner.',
    );
  });

  it('says so when the file has a header and no rows', async () => {
    const p = await preview(api, fileInput('centres', csv([header])));
    expect(p.rows).toEqual([]);
    expect(p.fileProblems).toContain('Filen har ingen rader under overskriftsraden.');
    expect(p.canImport).toBe(false);
  });
});

describe('import.commit of member centres', () => {
  const file = csv([
    ['Navn', 'Driftsform', 'Region', 'E-post', 'Medlem fra'],
    ['Alta Krisesenter', 'Ideell organisasjon', 'Nord', 'post@altakrise.no', '01.06.2024'],
    ['Krisesenter Halden', 'Stiftelse', 'Sør-Øst', '', '01.01.2010'],
    ['Gjøvik Krisesenter IKS', 'IKS', 'Sør-Øst', '', '01.01.2010'],
  ]);
  const input = fileInput('centres', file, 'medlemmer 2024.csv');

  it('imports every row in one go, with the change log and a record of the file', async () => {
    const p = await preview(api, input);
    const result = await commit(api, input, p);
    expect(result).toEqual({
      kind: 'centres',
      imported: 3,
      importId: 1,
      backupFileName: expect.any(String),
    });

    const list = (await api.call('centres.list', {})).rows;
    expect(list.map((c) => c.name)).toEqual([
      'Alta Krisesenter',
      'Gjøvik Krisesenter IKS',
      'Krisesenter Halden',
    ]);
    expect(list.find((c) => c.name === 'Alta Krisesenter')).toMatchObject({
      joinedDate: '2024-06-01',
      isMember: true,
      contactEmail: 'post@altakrise.no',
    });

    const log = auditRows(api.sqlite);
    expect(log.filter((r) => r.entity === 'centre' && r.action === 'create')).toHaveLength(3);
    expect(log.filter((r) => r.entity === 'membership' && r.action === 'create')).toHaveLength(3);
    const entry = log.find((r) => r.entity === 'import');
    expect(entry).toMatchObject({ action: 'create', entity_id: 1, actor: 'administrasjonsleder' });
    expect(JSON.parse(entry?.after_json ?? '{}')).toMatchObject({
      kind: 'centres',
      fileName: 'medlemmer 2024.csv',
      fileHash: p.fileHash,
      rowCount: 3,
    });

    const imports = await api.call('import.list', {});
    expect(imports).toEqual([
      expect.objectContaining({
        id: 1,
        kind: 'centres',
        fileName: 'medlemmer 2024.csv',
        rowCount: 3,
      }),
    ]);
  });

  it('recognises the same file the second time and refuses it without a reason', async () => {
    const p = await preview(api, input);
    await commit(api, input, p);
    const again = await preview(api, { ...input, fileName: 'kopi.csv' });
    expect(again.alreadyImported).toBe(true);
    expect(again.previousImports).toEqual([
      expect.objectContaining({ fileName: 'medlemmer 2024.csv', rowCount: 3 }),
    ]);

    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('import.commit', {
      ...input,
      fileHash: again.fileHash,
      confirmed: true,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(
      /^Denne filen ble importert .* \(3 medlemssentre, «medlemmer 2024\.csv»\)\. Ingenting ble importert nå\./,
    );
    expect(error.issues?.[0]?.path).toBe('duplicateReason');
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });

  it('writes nothing when a row fails in the database at the very end', async () => {
    const p = await preview(api, input);
    expect(p.canImport).toBe(true);
    // After the preview, the database starts refusing the last row (as a full disk or a
    // damaged page would): the two rows already written must go too.
    api.sqlite.exec(`create temp trigger refuse_gjovik before insert on main.organisations
      when new.name = 'Gjøvik Krisesenter IKS'
      begin select raise(abort, 'disk I/O error (test)'); end`);
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('import.commit', {
      ...input,
      fileHash: p.fileHash,
      confirmed: true,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Ingenting ble importert: Rad 4: Raden kunne ikke lagres (disk I/O error (test)).',
    );
    expect(dumpDatabase(api.sqlite)).toEqual(before);
    expect(countRows(api.sqlite, 'organisations')).toBe(0);
    expect(countRows(api.sqlite, 'imports')).toBe(0);
  });

  it('refuses a file other than the one previewed, and an unconfirmed import', async () => {
    const p = await preview(api, input);
    const other = csv([
      ['Navn', 'Driftsform', 'Region'],
      ['Alta Krisesenter', 'Ideell', 'Nord'],
    ]);
    const changed = await api.fail('import.commit', {
      ...fileInput('centres', other),
      fileHash: p.fileHash,
      confirmed: true,
    });
    expect(changed.code).toBe('CONFLICT');
    expect(changed.message).toMatch(/^Filen er ikke den samme som i forhåndsvisningen/);
    const unconfirmed = await api.fail('import.commit', { ...input, fileHash: p.fileHash });
    expect(unconfirmed.code).toBe('BAD_INPUT');
    expect(unconfirmed.message).toBe('Importen må bekreftes.');
    expect(countRows(api.sqlite, 'organisations')).toBe(0);
  });
});

// ---------------------------------------------------------------- funders

describe('import of funders', () => {
  it('registers funders with their type, and flags a funder already registered', async () => {
    await api.call('funders.create', { name: 'Bufdir', funderType: 'direktorat' });
    const input = fileInput(
      'funders',
      csv([
        ['Tilskuddsyter', 'Type', 'Org.nr', 'Nettside'],
        ['Gjensidigestiftelsen', 'Stiftelse', '', 'https://www.gjensidigestiftelsen.no'],
        ['Justis- og beredskapsdepartementet', 'Departement', '', ''],
        ['Bufdir', 'Direktorat', '', ''],
        ['Sparebankstiftelsen DNB', 'Bank', '', ''],
      ]),
    );
    const p = await preview(api, input);
    expect(p.rows[0]?.values).toMatchObject({
      name: 'Gjensidigestiftelsen',
      funderType: 'stiftelse',
    });
    expect(messages(p, 4)).toEqual([
      'Rad 4, kolonne «Tilskuddsyter»: «Bufdir» er allerede registrert som tilskuddsyter.',
    ]);
    expect(messages(p, 5)[0]).toMatch(
      /^Rad 5, kolonne «Type»: «Bank» er ikke en gyldig verdi for Type tilskuddsyter\. Bruk Departement, .* eller Annen\.$/,
    );

    const fixed = fileInput(
      'funders',
      csv([
        ['Tilskuddsyter', 'Type'],
        ['Gjensidigestiftelsen', 'Stiftelse'],
        ['Justis- og beredskapsdepartementet', 'departement'],
      ]),
    );
    const ok = await preview(api, fixed);
    expect(await commit(api, fixed, ok)).toMatchObject({ imported: 2 });
    const funders = await api.call('funders.list', {});
    expect(funders.map((f) => [f.name, f.funderType])).toEqual([
      ['Bufdir', 'direktorat'],
      ['Gjensidigestiftelsen', 'stiftelse'],
      ['Justis- og beredskapsdepartementet', 'departement'],
    ]);
  });
});

// ---------------------------------------------------------------- grants

describe('import of grants', () => {
  const header = [
    'Prosjekt',
    'Tilskuddsyter',
    'Tittel',
    'Søkt beløp',
    'Innvilget beløp',
    'Vedtaksdato',
    'Adm.andel (%)',
    'Referanse',
  ];
  const konfliktradene = 'Sekretariatet for konfliktrådene';

  beforeEach(async () => {
    await seed2024(api);
  });

  it('reads every kroner and date format and ends each grant in the right status', async () => {
    const input = fileInput(
      'grants',
      csv(
        [
          header,
          [
            'Taushet tar liv',
            konfliktradene,
            'Taushet tar liv 2024',
            '500 000',
            '500.000,00',
            '15.02.2024',
            '10',
            'SKR-1',
          ],
          [
            'Se sammenhengen',
            konfliktradene,
            'Se sammenhengen 2024',
            '60000.00',
            'kr 50 000,-',
            '2024-02-15',
            '',
            '',
          ],
          [
            'Vold avler vold',
            konfliktradene,
            'Vold avler vold 2024',
            '350\u00a0000',
            '',
            '',
            '7,5 %',
            '',
          ],
          ['MANREPORT-IPV', 'Norges forskningsråd', 'MANREPORT-IPV', '', '', '45337', '', ''],
          ['VO-linjen', 'Bufdir', 'VO-linjen utkast', '', '', '', '', ''],
        ],
        { sep: ',', eol: '\n' },
      ),
      'tilskudd.csv',
    );
    const p = await preview(api, input);
    expect(p.problemCount).toBe(0);
    expect(
      p.rows.map((r) => [r.values.appliedOre, r.values.awardedOre, r.values.decisionDate]),
    ).toEqual([
      [kroner(500_000), kroner(500_000), '2024-02-15'],
      [kroner(60_000), kroner(50_000), '2024-02-15'],
      [kroner(350_000), null, null],
      [null, null, '2024-02-15'],
      [null, null, null],
    ]);
    expect(p.rows[0]?.values.adminPercent).toBe(1000);
    expect(p.rows[2]?.values.adminPercent).toBe(750);

    await commit(api, input, p);
    const { rows } = await api.call('grants.list', {});
    const byTitle = new Map(rows.map((g) => [g.title, g]));
    expect(byTitle.get('Taushet tar liv 2024')).toMatchObject({
      status: 'innvilget',
      awardedOre: kroner(500_000),
      decisionDate: '2024-02-15',
      reference: 'SKR-1',
    });
    expect(byTitle.get('Se sammenhengen 2024')?.status).toBe('delvis_innvilget');
    expect(byTitle.get('Vold avler vold 2024')?.status).toBe('sokt');
    expect(byTitle.get('MANREPORT-IPV')).toMatchObject({ status: 'innvilget', awardedOre: null });
    expect(byTitle.get('VO-linjen utkast')?.status).toBe('utkast');
    const taushet = await api.call('grants.get', {
      id: byTitle.get('Taushet tar liv 2024')?.id ?? 0,
    });
    expect(taushet).toMatchObject({
      adminRule: 'percent',
      adminBasisPoints: 1000,
      adminShareOre: kroner(50_000),
    });
    expect(taushet.yearSplits).toEqual([
      { year: 2024, amountOre: kroner(500_000), confirmed: true },
    ]);
    // The status changes carry where they came from.
    const reasons = auditRows(api.sqlite)
      .filter((r) => r.entity === 'grant' && r.action === 'update')
      .map((r) => r.reason);
    expect(reasons.length).toBeGreaterThan(0);
    expect(new Set(reasons)).toEqual(new Set(['Importert fra «tilskudd.csv».']));
  });

  it('names the amount, the date and the lookups that fail', async () => {
    const input = fileInput(
      'grants',
      csv([
        header,
        ['Taushet tar liv', konfliktradene, 'Negativ', '\u22121 234,56', '', '', '', ''],
        ['Taushet tar liv', konfliktradene, 'Tre desimaler', '12,345', '', '', '', ''],
        ['Taushet tar liv', konfliktradene, 'Feil dato', '', '100', '31.02.2024', '', ''],
        ['Ukjent prosjekt', 'Bufdir', 'Ukjent', '', '', '', '', ''],
        ['ROSA', 'Gjensidige', 'Ukjent giver', '', '', '', '', ''],
        ['Vold avler vold', konfliktradene, 'Uten beløp', '', '', '01.03.2024', '', ''],
        ['Taushet tar liv', konfliktradene, 'Adm. for høy', '', '100 000', '01.03.2024', '150', ''],
        ['Taushet tar liv', konfliktradene, 'Negativ', '', '', '', '', ''],
      ]),
    );
    const p = await preview(api, input);
    expect(messages(p, 2)).toEqual([
      'Rad 2, kolonne «Søkt beløp»: Søkt beløp kan ikke være negativt.',
    ]);
    expect(p.rows[0]?.values.appliedOre).toBe(-123456);
    expect(messages(p, 3)).toEqual([
      'Rad 3, kolonne «Søkt beløp»: «12,345» har mer enn to desimaler (øre).',
    ]);
    expect(messages(p, 4)).toEqual([
      'Rad 4, kolonne «Vedtaksdato»: «31.02.2024» er ikke en gyldig dato. Skriv datoen som dd.mm.åååå.',
    ]);
    expect(messages(p, 5)).toEqual([
      'Rad 5, kolonne «Prosjekt»: Fant ikke prosjektet «Ukjent prosjekt». Registrer det under Prosjekter og tiltak først, eller rett navnet.',
    ]);
    expect(messages(p, 6)).toEqual([
      'Rad 6, kolonne «Tilskuddsyter»: Fant ikke tilskuddsyteren «Gjensidige». Registrer eller importer tilskuddsyterne først, eller rett navnet.',
    ]);
    expect(messages(p, 7)).toEqual([
      'Rad 7, kolonne «Innvilget beløp»: Vedtaksdato er fylt ut, men Innvilget beløp mangler. Fyll ut Innvilget beløp, eller sett Status til «Avslått».',
    ]);
    expect(messages(p, 8)).toEqual([
      'Rad 8, kolonne «Adm.andel (%)»: Administrasjonsandel (%) kan ikke være over 100 %.',
    ]);
    // Row 2 has a problem, so it is no grant to repeat; row 9 is new.
    expect(messages(p, 9)).toEqual([]);
  });

  it('reads an xlsx built with exceljs: numbers, dates, percentages, formulas, rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Skjult');
    hidden.state = 'hidden';
    hidden.addRow(['ikke dette arket']);
    const ws = wb.addWorksheet('Tilskudd 2024');
    ws.addRow(header);
    ws.addRow([
      'Taushet tar liv',
      {
        richText: [
          { text: 'Sekretariatet for ' },
          { font: { bold: true }, text: 'konfliktrådene' },
        ],
      },
      'Taushet tar liv 2024',
      500000,
      { formula: 'D2', result: 500000 },
      new Date(Date.UTC(2024, 1, 15)),
      0.1,
      { text: 'SKR-1', hyperlink: 'https://example.org/skr-1' },
    ]);
    ws.getCell('F2').numFmt = 'dd.mm.yyyy';
    ws.getCell('G2').numFmt = '0%';
    ws.addRow([]);
    ws.addRow([
      'Se sammenhengen',
      konfliktradene,
      'Se sammenhengen 2024',
      '60 000',
      50000.5,
      45337,
      5,
      null,
    ]);
    ws.addRow([
      'Vold avler vold',
      konfliktradene,
      'Vold avler vold 2024',
      350000,
      350000,
      new Date(Date.UTC(2024, 11, 31)),
      null,
      null,
    ]);
    ws.getCell('F5').numFmt = 'dd.mm.yyyy';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const input = fileInput('grants', bytes, 'tilskudd.xlsx');

    // The calendar date stays whatever the machine's time zone.
    const tz = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/Oslo']) {
        process.env.TZ = zone;
        const p = await preview(api, input);
        expect(p.format).toBe('xlsx');
        expect(p.sheetName).toBe('Tilskudd 2024');
        expect(p.problemCount).toBe(0);
        expect(p.rows.map((r) => r.rowNumber)).toEqual([2, 4, 5]);
        expect(p.rows.map((r) => r.values.decisionDate)).toEqual([
          '2024-02-15',
          '2024-02-15',
          '2024-12-31',
        ]);
        expect(p.rows[0]?.values).toMatchObject({
          funder: konfliktradene,
          appliedOre: kroner(500_000),
          awardedOre: kroner(500_000),
          adminPercent: 1000,
          reference: 'SKR-1',
        });
        expect(p.rows[1]?.values).toMatchObject({
          appliedOre: kroner(60_000),
          awardedOre: 5_000_050,
          adminPercent: 500,
        });
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reads serial dates of a workbook in the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Ark1');
    ws.addRow(['Prosjekt', 'Tilskuddsyter', 'Tittel', 'Innvilget', 'Vedtaksdato', 'Søknadsdato']);
    ws.addRow([
      'Taushet tar liv',
      konfliktradene,
      'T',
      1000,
      43830,
      new Date(Date.UTC(2023, 9, 1)),
    ]);
    ws.getCell('F2').numFmt = 'dd.mm.yyyy';
    const p = await preview(
      api,
      fileInput('grants', Buffer.from(await wb.xlsx.writeBuffer()), 'mac.xlsx'),
    );
    expect(p.rows[0]?.values).toMatchObject({
      decisionDate: '2024-01-01',
      appliedDate: '2023-10-01',
    });
  });
});

// ---------------------------------------------------------------- allocations

describe('import of allocations', () => {
  it('adds and decides applications by round and centre name; the services’ rules show per row', async () => {
    const c = await juleaksjonenCase(api);
    await api.call('centres.create', {
      name: 'Nytt Krisesenter',
      driftsform: 'ideell',
      region: 'nord',
      joinedDate: '2025-01-01',
    });
    const round = c.round.name;
    const gjovik = c.centres.gjovik.name;
    const halden = c.centres.halden.name;
    const header = [
      'Runde',
      'Senter',
      'Søkt beløp',
      'Tildelt beløp',
      'Vedtaksdato',
      'Begrunnelse for unntak',
    ];
    const rows = [
      header,
      [round, gjovik, '150 000', '140 000', '20.10.2024', ''],
      [round, halden, '120 000', '100 000', '20.10.2024', ''],
      [round, c.centres.alta.name, '50 000', '40 000', '20.10.2024', ''],
      [round, 'Nytt Krisesenter', '30 000', '20 000', '20.10.2024', ''],
      [String(c.round.id), 'Finnes ikke', '10 000', '', '', ''],
      [round, gjovik, '1', '', '', ''],
      [round, c.centres.bergen.name, '2 000 000', '2 000 000', '20.10.2024', ''],
    ];
    const input = fileInput('allocations', csv(rows));
    const p = await preview(api, input);
    expect(p.rows.map((r) => r.action)).toEqual([
      'update',
      'update',
      'create',
      'create',
      'create',
      'update',
      'update',
    ]);
    expect(messages(p, 2)).toEqual([]);
    expect(messages(p, 4)).toEqual([]);
    expect(messages(p, 5)).toEqual([
      expect.stringMatching(
        /^Rad 5, kolonne «Begrunnelse for unntak»: «Nytt Krisesenter» er ikke medlem av Krisesentersekretariatet på vedtaksdatoen 20\.10\.2024\./,
      ),
    ]);
    expect(messages(p, 6)).toEqual([
      'Rad 6, kolonne «Senter»: Fant ikke medlemssenteret «Finnes ikke» i registeret. Registrer eller importer sentrene først, eller rett navnet.',
    ]);
    expect(messages(p, 7)).toEqual([
      `Rad 7, kolonne «Senter»: «${gjovik}» i samme runde står også i rad 2.`,
    ]);
    expect(messages(p, 8)).toEqual([
      expect.stringMatching(
        /^Rad 8, kolonne «Tildelt beløp»: Summen av tildelingene .* er høyere enn potten/,
      ),
    ]);

    const fixedRows = rows.slice(0, 5).map((r) => [...r]);
    (fixedRows[4] as string[])[5] = 'Starter 1.1.2025; tildelt etter styrevedtak.';
    const fixed = fileInput('allocations', csv(fixedRows));
    const ok = await preview(api, fixed);
    expect(ok.canImport).toBe(true);
    await commit(api, fixed, ok);
    const after = await api.call('rounds.get', { id: c.round.id });
    const byCentre = new Map(after.allocations.map((a) => [a.centreName, a]));
    expect(byCentre.get(gjovik)).toMatchObject({
      appliedOre: kroner(150_000),
      awardedOre: kroner(140_000),
      decisionDate: '2024-10-20',
      // Fields the file has no column for keep what the application had.
      purpose: 'Jule- og vinteraktiviteter for barn og unge.',
    });
    expect(byCentre.get('Nytt Krisesenter')).toMatchObject({
      awardedOre: kroner(20_000),
      overrideReason: 'Starter 1.1.2025; tildelt etter styrevedtak.',
    });
    expect(after.allocations).toHaveLength(19);
  });
});

// ---------------------------------------------------------------- limits

describe('limits', () => {
  it('refuses a file over 5 MB with its size', async () => {
    const row = 'Krisesenter;Ideell;Nord\n';
    const big =
      'Navn;Driftsform;Region\n' + row.repeat(Math.ceil((5.5 * 1024 * 1024) / row.length));
    const error = await api.fail('import.preview', fileInput('centres', big));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      'Filen er 5,5 MB. Største tillatte størrelse er 5 MB. Del den i flere filer, eller lagre bare arket som skal importeres.',
    );
  });

  it('refuses more than 5 000 rows', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `Senter ${i};Ideell;Nord`);
    const error = await api.fail(
      'import.preview',
      fileInput('centres', ['Navn;Driftsform;Region', ...rows].join('\n')),
    );
    expect(error.message).toBe(
      'Filen har mer enn 5\u00a0000 rader under overskriftsraden; høyst 5\u00a0000 kan importeres om gangen. Del filen i flere.',
    );
    // 5 000 is allowed.
    const ok = await preview(
      api,
      fileInput('centres', ['Navn;Driftsform;Region', ...rows.slice(0, 5000)].join('\n')),
    );
    expect(ok.rows).toHaveLength(5000);
    expect(ok.canImport).toBe(true);
    // Two full 5 000-row previews: seconds on a quiet machine, more on a busy CI runner.
  }, 120_000);

  describe('with the service’s limits set low', () => {
    let t: ReturnType<typeof makeServices>;
    beforeEach(() => {
      t = makeServices();
    });
    afterEach(() => t.cleanup());

    const previewWith = (
      options: Parameters<typeof createImportService>[1],
      content: string | Uint8Array,
    ) =>
      createImportService(t.ctx, options).preview({
        kind: 'centres',
        fileName: 'f',
        contentBase64: b64(content),
        mapping: null,
      });

    async function xlsxRows(n: number): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Ark1');
      ws.addRow(['Navn', 'Driftsform', 'Region']);
      for (let i = 0; i < n; i++) ws.addRow([`Senter ${i}`, 'Ideell', 'Nord']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }

    it('refuses an xlsx with too many rows', async () => {
      await expect(previewWith({ limits: { maxRows: 10 } }, await xlsxRows(11))).rejects.toThrow(
        'Filen har 11 rader under overskriftsraden; høyst 10 kan importeres om gangen. Del filen i flere.',
      );
      await expect(
        previewWith({ limits: { maxRows: 10 } }, await xlsxRows(10)),
      ).resolves.toMatchObject({ okCount: 10 });
    });

    it('refuses reading that takes too long', async () => {
      const slow = { startTimer: () => () => 60_000 };
      await expect(previewWith(slow, 'Navn;Driftsform;Region\nA;Ideell;Nord\n')).rejects.toThrow(
        /^Det tok for lang tid å lese filen \(over 15 sekunder\), så den ble avvist\./,
      );
      await expect(previewWith(slow, await xlsxRows(2))).rejects.toThrow(
        /^Det tok for lang tid å lese filen/,
      );
    });

    it('refuses checking the rows when that takes too long, and writes nothing', async () => {
      let calls = 0;
      // The reading is quick; the check's clock has passed its budget by the first row.
      const timer = () => {
        calls++;
        const late = calls > 1;
        return () => (late ? 1_000_000 : 0);
      };
      const before = dumpDatabase(t.sqlite);
      await expect(
        previewWith({ startTimer: timer }, 'Navn;Driftsform;Region\nA;Ideell;Nord\n'),
      ).rejects.toThrow(/^Det tok for lang tid å kontrollere radene \(over 60 sekunder\)/);
      expect(dumpDatabase(t.sqlite)).toEqual(before);
    });

    it('refuses an xlsx that would unpack to too much', async () => {
      const bytes = await xlsxRows(2);
      expect(zipDirectory(new Uint8Array(bytes))?.unpacked).toBeGreaterThan(1000);
      await expect(previewWith({ limits: { maxUnpackedBytes: 1000 } }, bytes)).rejects.toThrow(
        /^Excel-filen pakker seg ut til mer enn 0 MB og ble avvist\./,
      );
    });
  });

  it.each([
    [
      'an old .xls file',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /^Gamle Excel-filer \(\.xls\) kan ikke leses/,
    ],
    [
      'a damaged xlsx',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]),
      /^Excel-filen kunne ikke leses/,
    ],
    [
      'a binary file',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      /^Filen ser ikke ut som en CSV-fil eller en Excel-fil/,
    ],
    [
      'an unterminated quote',
      Buffer.from('Navn;Region\nA;Nord\n"B;Nord\nC;Nord\n'),
      /^Filen har et anførselstegn \(".*fra rad 3\./,
    ],
    ['blank lines only', Buffer.from('\r\n\r\n;;\r\n'), /^Filen er tom/],
  ])('refuses %s with a plain message', async (_label, bytes, message) => {
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('import.preview', fileInput('centres', bytes));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(message);
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });

  it('refuses an empty file and content that is not base64 before reading anything', async () => {
    expect(
      (await api.fail('import.preview', { kind: 'centres', fileName: 'f.csv', contentBase64: '' }))
        .message,
    ).toBe('Filen er tom.');
    expect(
      (
        await api.fail('import.preview', {
          kind: 'centres',
          fileName: 'f.csv',
          contentBase64: 'ikke base64!',
        })
      ).message,
    ).toBe('Filen kunne ikke leses (ugyldig filinnhold).');
  });
});

// ---------------------------------------------------------------- backup

describe('backup before import', () => {
  it('takes a verified backup of the data as it was, then imports', async () => {
    const env = safetyEnv();
    const { core, call } = startSafetyCore(env, { backups: { atStartup: false, daily: false } });
    try {
      await call('centres.create', {
        name: 'Alta Krisesenter',
        driftsform: 'ideell',
        region: 'nord',
      });
      const input = fileInput(
        'centres',
        csv([
          ['Navn', 'Driftsform', 'Region'],
          ['Krisesenter Halden', 'Stiftelse', 'Sør-Øst'],
          ['Gjøvik Krisesenter IKS', 'IKS', 'Sør-Øst'],
        ]),
      );
      const p = await call('import.preview', input);
      expect(await call('backups.list', {})).toEqual([]);
      const result = await call('import.commit', {
        ...input,
        fileHash: p.fileHash,
        confirmed: true,
      });
      const backups = await call('backups.list', {});
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatchObject({
        fileName: result.backupFileName,
        reason: 'pre-import',
        verified: true,
        // Taken before the import: one centre, not three.
        counts: { centres: 1 },
      });
      expect(countRows(core.database.sqlite, 'member_centres')).toBe(3);
    } finally {
      core.close();
      env.cleanup();
    }
  });
});
