/**
 * `centres.list` paged and sorted by the server (issue 14), on real SQLite: the 2024 example
 * data and generated data (scale 1) whose membership history is varied here (several periods,
 * gaps, announced and past ends, centres without any period, with and without a leader).
 *
 * Every row of every page equals what the former JavaScript implementation (kept below as
 * the reference: every centre and period read, `isMemberOn` / `isMemberInYear`) answers for
 * the same input, for dates, years, filters and text; the pages together are each matching
 * centre once, in the order the sort gives; past the last page answers the last page.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentreSummary, Output } from '../../src-shared/api/contract';
import { CENTRE_SORTS, type CentreSort } from '../../src-shared/registry/contract';
import { DRIFTSFORM_LABELS, REGION_LABELS } from '../../src-shared/registry/labels';
import { norwegianSortKey } from '../../src-main/platform/sort-keys';
import { GEN_TODAY } from '../bench/gen/generate';
import { generatedApp, type GeneratedApp } from '../perf/generated';
import { makeDispatch, type TestApi } from '../helpers/db';
import { reference, varyHistory, type Filters } from '../helpers/centres-reference';

type List = Output<'centres.list'>;
type Call = (input: Record<string, unknown>) => Promise<List>;

/** Every page of a listing, pageSize rows at a time. */
async function allPages(call: Call, input: Record<string, unknown>, pageSize: number) {
  const pages: List[] = [];
  for (let page = 1; ; page++) {
    const p = await call({ ...input, page, pageSize });
    expect(p.page).toBe(page);
    expect(p.rows.length).toBeLessThanOrEqual(pageSize);
    pages.push(p);
    if (page * pageSize >= p.total) return pages;
  }
}

const rank = (labels: Readonly<Record<string, { nb: string }>>, code: string) =>
  norwegianSortKey(labels[code]!.nb);
const memberRank = (c: CentreSummary) => (!c.isMember ? 2 : c.leftDate ? 1 : 0);
const orNull = (text: string | null) => (text ? norwegianSortKey(text) : null);

const SORT_VALUE: Record<CentreSort, (c: CentreSummary) => string | number | null> = {
  name: (c) => norwegianSortKey(c.name),
  driftsform: (c) => rank(DRIFTSFORM_LABELS, c.driftsform),
  region: (c) => rank(REGION_LABELS, c.region),
  dailyLeader: (c) => orNull(c.dailyLeader),
  contactEmail: (c) => orNull(c.contactEmail),
  memberStatus: memberRank,
};

/** Asc or desc by the sort's value, empty last either way, ties by name then id. */
function misordered(rows: readonly CentreSummary[], sort: CentreSort, dir: 'asc' | 'desc') {
  const sign = dir === 'asc' ? 1 : -1;
  return rows.filter((r, i) => {
    if (i === 0) return false;
    const p = rows[i - 1]!;
    const a = SORT_VALUE[sort](p);
    const b = SORT_VALUE[sort](r);
    if (a === null && b !== null) return true;
    if (a !== null && b !== null && a !== b) return (a < b ? -1 : 1) * sign > 0;
    if (a !== b) return false;
    const an = norwegianSortKey(p.name);
    const bn = norwegianSortKey(r.name);
    return an !== bn ? an > bn : p.id > r.id;
  });
}

/** The server's pages equal the reference, row for row, for each input and sort. */
async function expectSameAsReference(
  call: Call,
  sqlite: Database.Database,
  today: string,
  inputs: readonly Filters[],
) {
  for (const input of inputs) {
    const expected = reference(sqlite, input, today);
    const byId = new Map(expected.map((c) => [c.id, c]));
    for (const sort of CENTRE_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const pages = await allPages(call, { ...input, sort, dir }, 7);
        const rows = pages.flatMap((p) => p.rows);
        expect(pages.every((p) => p.total === expected.length)).toBe(true);
        expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
          [...byId.keys()].sort((a, b) => a - b),
        );
        const different = rows.filter((r) => !isDeepEqual(r, byId.get(r.id)));
        expect({ input, sort, different }).toEqual({ input, sort, different: [] });
        expect({ input, sort, dir, bad: misordered(rows, sort, dir) }).toEqual({
          input,
          sort,
          dir,
          bad: [],
        });
      }
    }
  }
}

/** Same keys and values (key order aside). */
function isDeepEqual(a: object, b: object | undefined): boolean {
  const sorted = (o: object) =>
    JSON.stringify(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)));
  return b !== undefined && sorted(a) === sorted(b);
}

describe('centres.list on generated data with varied membership history', () => {
  let app: GeneratedApp;
  const call: Call = async (input) => {
    const r = await app.dispatch('centres.list', input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as List;
  };
  beforeAll(async () => {
    app = await generatedApp(1);
    varyHistory(app.opened.sqlite);
  }, 120_000);
  afterAll(() => app?.cleanup());

  it('has the variety the comparison needs', () => {
    const all = reference(app.opened.sqlite, {}, GEN_TODAY);
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all.map(memberRank))).toEqual(new Set([0, 1, 2]));
    expect(all.some((c) => c.joinedDate === null)).toBe(true);
    expect(all.some((c) => c.dailyLeader === null) && all.some((c) => c.dailyLeader)).toBe(true);
  });

  it('answers every row as the former implementation, for every sort, filter and date', async () => {
    await expectSameAsReference(call, app.opened.sqlite, GEN_TODAY, [
      {},
      { asOf: '2016-06-30' },
      { asOf: '2020-01-01' },
      { memberInYear: 2015 },
      { memberInYear: 2019 },
      { memberInYear: 2019, asOf: '2019-12-31' },
      { memberInYear: 2017, asOf: '2024-01-01' },
      { region: 'nord' },
      { driftsform: 'iks', memberInYear: 2018 },
      { search: 'nr. 1' },
      { search: 'KRISESENTER NR. 2', region: 'sor-ost' },
      { search: 'ingen slik' },
    ]);
  });

  it('answers the last page past the end, and pages of at most 200', async () => {
    const first = await call({ pageSize: 10 });
    const last = Math.ceil(first.total / 10);
    const past = await call({ pageSize: 10, page: last + 5 });
    expect(past.page).toBe(last);
    expect(past.rows).toEqual((await call({ pageSize: 10, page: last })).rows);
    const none = await call({ search: 'ingen slik', page: 3 });
    expect(none).toEqual({ rows: [], total: 0, page: 1, pageSize: 100 });
    const r = await app.dispatch('centres.list', { pageSize: 201 });
    expect(r.ok).toBe(false);
  });
});

describe('centres.list on the 2024 example data', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = makeDispatch({ today: '2025-02-10' });
    await api.call('exampleData.load', {});
  });
  afterAll(() => api.cleanup());

  it('answers every row as the former implementation, in the same name order', async () => {
    const call: Call = (input) => api.call('centres.list', input as never);
    await expectSameAsReference(call, api.sqlite, '2025-02-10', [
      {},
      { asOf: '2024-01-01' },
      { asOf: '2024-12-31' },
      { asOf: '2025-01-01' },
      { memberInYear: 2024 },
      { memberInYear: 2025 },
      { memberInYear: 2024, asOf: '2025-01-01' },
      { search: 'krisesenter' },
      { region: 'nord', driftsform: 'kommunalt' },
    ]);
    // The example names read the same in the collator's order and the SQL key's order.
    const rows = (await call({ pageSize: 200 })).rows;
    expect(rows.map((c) => c.id)).toEqual(reference(api.sqlite, {}, '2025-02-10').map((c) => c.id));
  });
});
