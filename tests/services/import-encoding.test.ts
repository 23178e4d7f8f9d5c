/**
 * CSV files with mixed character sets (issue 11): a UTF-8 file with a line saved as
 * Windows-1252 is not read entirely as Windows-1252 («TromsÃ¸»); the lines that are valid
 * UTF-8 are read as UTF-8, the rows that are not are named, and the user chooses the
 * character set for the file before anything can be imported.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../src-shared/api/contract';
import { readImportFile } from '../../src-main/import/read';
import { makeDispatch, type TestApi } from '../helpers/db';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

/** Header and two rows in UTF-8, the middle row (row 3) as Excel on Windows saves it. */
const MIXED = Buffer.concat([
  utf8('Navn;Driftsform;Region\r\n'),
  utf8('Tromsø Krisesenter;Ideell organisasjon;Nord\r\n'),
  cp1252('Krisesenteret i Bodø;Ideell organisasjon;Nord\r\n'),
  utf8('Alta Krisesenter;Ideell organisasjon;Nord\r\n'),
]);

const input = (content: Buffer, extra: Partial<Input<'import.preview'>> = {}) => ({
  kind: 'centres' as const,
  fileName: 'sentre.csv',
  contentBase64: content.toString('base64'),
  ...extra,
});

let api: TestApi;
beforeEach(() => {
  api = makeDispatch();
});
afterEach(() => api.cleanup());

describe('a CSV file that is UTF-8 except for one line', () => {
  it('reads the UTF-8 lines as UTF-8 and names the row that is not', async () => {
    const p = await api.call('import.preview', input(MIXED));
    expect(p.encoding).toBe('Blandet (UTF-8 og Windows-1252)');
    expect(p.rows.map((r) => r.values.name)).toEqual([
      'Tromsø Krisesenter',
      'Krisesenteret i Bodø',
      'Alta Krisesenter',
    ]);
    expect(p.fileProblems).toEqual([
      'Filen har blandet tegnkoding: rad 3 er ikke gyldig UTF-8 (trolig Windows-1252), mens resten av filen er UTF-8. Se over radene, velg tegnkoding for filen (UTF-8 eller Windows-1252), eller lagre den på nytt som «CSV UTF-8» i Excel.',
    ]);
    expect(p.rows.map((r) => [r.rowNumber, r.problems.map((x) => x.message)])).toEqual([
      [2, []],
      [
        3,
        [
          'Rad 3: Raden er ikke gyldig UTF-8 (trolig Windows-1252), mens resten av filen er UTF-8. Kontroller tegn som æ, ø og å, og velg tegnkoding for filen.',
        ],
      ],
      [4, []],
    ]);
    expect(p.canImport).toBe(false);
  });

  it('refuses to import it until a character set is chosen, then reads it as chosen', async () => {
    const p = await api.call('import.preview', input(MIXED));
    const refused = await api.fail('import.commit', {
      ...input(MIXED),
      fileHash: p.fileHash,
      confirmed: true,
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Ingenting ble importert: .*Filen har blandet tegnkoding/);
    expect((await api.call('centres.list', {})).rows).toEqual([]);

    // Windows-1252 chosen: the whole file as Windows-1252, as she sees it in the preview.
    const latin = await api.call('import.preview', input(MIXED, { encoding: 'windows-1252' }));
    expect(latin.encoding).toBe('Windows-1252');
    expect(latin.fileProblems).toEqual([]);
    expect(latin.rows.map((r) => r.values.name)).toEqual([
      'TromsÃ¸ Krisesenter',
      'Krisesenteret i Bodø',
      'Alta Krisesenter',
    ]);
    expect(latin.canImport).toBe(true);

    // UTF-8 chosen: the row that is not UTF-8 still cannot be read.
    const chosenUtf8 = await api.call('import.preview', input(MIXED, { encoding: 'utf-8' }));
    expect(chosenUtf8.encoding).toBe('UTF-8');
    expect(chosenUtf8.fileProblems).toEqual([
      'Rad 3 er ikke gyldig UTF-8, så tegn som æ, ø og å i den kan ikke leses som UTF-8. Velg tegnkoding Windows-1252, eller lagre filen på nytt som «CSV UTF-8» i Excel.',
    ]);
    expect(chosenUtf8.rows[1]?.problems[0]?.message).toMatch(/^Rad 3: Raden er ikke gyldig UTF-8/);
    expect(chosenUtf8.canImport).toBe(false);
  });

  it('imports the file fixed to UTF-8 with nothing flagged', async () => {
    const fixed = utf8(new TextDecoder('utf-8').decode(MIXED).replace('\ufffd', 'ø'));
    const p = await api.call('import.preview', input(fixed));
    expect(p.encoding).toBe('UTF-8');
    expect(p.fileProblems).toEqual([]);
    expect(p.canImport).toBe(true);
  });

  it('refuses an encoding it does not know, in Norwegian', async () => {
    const error = await api.fail('import.preview', {
      ...input(MIXED),
      encoding: 'latin1' as never,
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('Tegnkodingen må være UTF-8 eller Windows-1252.');
  });
});

describe('reading mixed files', () => {
  it('names the spreadsheet row of a line inside a quoted field, and several rows', async () => {
    const file = Buffer.concat([
      utf8('\ufeffNavn;Merknad\n'),
      utf8('Tromsø;"første linje\n'),
      cp1252('andre linje på bokmål"\n'),
      utf8('\n'),
      cp1252('Bodø;ok\n'),
      cp1252('Mosjøen;ok\n'),
      utf8('Øvre Eiker;ok\n'),
    ]);
    const table = await readImportFile(file);
    expect(table.rows.map((r) => r.rowNumber)).toEqual([2, 4, 5, 6]);
    expect(table.rowProblems?.map((p) => p.rowNumber)).toEqual([2, 4, 5]);
    expect(table.fileProblems?.[0]).toMatch(/^Filen har blandet tegnkoding: radene 2, 4 og 5 er /);
    expect(table.rows[0]?.cells).toEqual(['Tromsø', 'første linje\nandre linje på bokmål']);
  });

  it('still reads a file that is Windows-1252 throughout without asking', async () => {
    const table = await readImportFile(cp1252('Navn;Region\r\nBodø;Nord\r\nMosjøen;Nord\r\n'));
    expect(table.encoding).toBe('Windows-1252');
    expect(table.fileProblems).toBeUndefined();
    expect(table.rows.map((r) => r.cells[0])).toEqual(['Bodø', 'Mosjøen']);
  });
});
