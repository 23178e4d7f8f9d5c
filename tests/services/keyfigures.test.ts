/**
 * Key figures (nøkkeltall) on a real SQLite file through the real dispatch: exact decimal
 * values, add/update/remove with the change log, one label per project and year, and the
 * cross-year table (years as columns, labels as rows).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, countRows, makeDispatch, type TestApi } from '../helpers/db';
import { registerProject } from '../helpers/grants';

let api: TestApi;
beforeEach(() => {
  api = makeDispatch();
});
afterEach(() => api.cleanup());

const base = { unit: 'antall', source: 'Årsmelding', note: null };

describe('keyFigures', () => {
  it('adds, lists across years, updates and removes, each change logged', async () => {
    const vo = await registerProject(api, 'voLinjen');
    const add = (year: number, label: string, value: string) =>
      api.call('keyFigures.add', { projectId: vo.id, year, label, value, ...base });
    const total2024 = await add(2024, 'Henvendelser totalt', '5 137');
    await add(2024, 'Henvendelser på telefon', '3439');
    await add(2024, 'Henvendelser på chat', '1\u00a0698');
    await add(2023, 'Henvendelser totalt', '4 812');
    await add(2025, 'Andel på chat', '33,5');
    expect(total2024).toMatchObject({ year: 2024, value: '5137', unit: 'antall' });

    const table = await api.call('keyFigures.list', { projectId: vo.id });
    expect(table.years).toEqual([2023, 2024, 2025]);
    const values = table.rows.map((r) => [r.label, ...r.cells.map((c) => c?.value ?? null)]);
    expect(values).toEqual([
      ['Henvendelser totalt', '4812', '5137', null],
      ['Henvendelser på telefon', null, '3439', null],
      ['Henvendelser på chat', null, '1698', null],
      ['Andel på chat', null, null, '33.5'],
    ]);

    const updated = await api.call('keyFigures.update', {
      id: total2024.id,
      year: 2024,
      label: 'Henvendelser totalt',
      value: '5138',
      unit: 'antall',
      source: 'Årsmelding 2024',
      note: 'Rettet etter telling',
    });
    expect(updated).toMatchObject({ value: '5138', note: 'Rettet etter telling' });
    expect(await api.call('keyFigures.remove', { id: total2024.id })).toEqual({ removed: true });
    expect(countRows(api.sqlite, 'key_figures')).toBe(4);

    const log = auditRows(api.sqlite).filter((r) => r.entity === 'key_figure');
    expect(log.map((r) => r.action)).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
      'update',
      'delete',
    ]);
    const update = log[5];
    expect(JSON.parse(update?.before_json ?? '{}')).toMatchObject({ value: '5137' });
    expect(JSON.parse(update?.after_json ?? '{}')).toMatchObject({ value: '5138' });
    expect(JSON.parse(log[6]?.before_json ?? '{}')).toMatchObject({ value: '5138' });
  });

  it('stores values exactly: integers, decimals and large counts, no floats', async () => {
    const taushet = await registerProject(api, 'taushet');
    const cases: [string, string][] = [
      ['1 123 673', '1123673'],
      ['0,1', '0.1'],
      ['12,50', '12.5'],
      ['−3', '-3'],
      ['12345678901,2345', '12345678901.2345'],
    ];
    for (const [i, [typed, canonical]] of cases.entries()) {
      const saved = await api.call('keyFigures.add', {
        projectId: taushet.id,
        year: 2024,
        label: `Tall ${i}`,
        value: typed,
        ...base,
      });
      expect(saved.value).toBe(canonical);
    }
    const stored = api.sqlite
      .prepare('select typeof(value_units) as t, value_units, value_scale from key_figures')
      .all() as { t: string; value_units: number; value_scale: number }[];
    expect(stored.every((r) => r.t === 'integer')).toBe(true);
    expect(stored[1]).toMatchObject({ value_units: 1, value_scale: 1 });
  });

  it('refuses bad values and a second figure with the same label in the same year', async () => {
    const vo = await registerProject(api, 'voLinjen');
    for (const value of ['mange', '1,23456', '1e5', '51 37', '', 'NaN']) {
      const error = await api.fail('keyFigures.add', {
        projectId: vo.id,
        year: 2024,
        label: 'Henvendelser',
        value,
        ...base,
      });
      expect(error.code, value).toBe('BAD_INPUT');
      expect(error.message).toMatch(/Verdi/);
    }
    const input = { projectId: vo.id, year: 2024, label: 'Henvendelser', value: '1', ...base };
    await api.call('keyFigures.add', input);
    const clash = await api.fail('keyFigures.add', { ...input, label: 'HENVENDELSER' });
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain('allerede');
    // Another year is the same row, not a clash.
    await api.call('keyFigures.add', { ...input, year: 2025 });
    expect((await api.fail('keyFigures.list', { projectId: 9999 })).code).toBe('NOT_FOUND');
  });
});
