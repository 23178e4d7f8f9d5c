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
import {
  isMemberInYear,
  isMemberOn,
  type Driftsform,
  type Region,
} from '../../src-shared/registry/centres';
import { DRIFTSFORM_LABELS, REGION_LABELS } from '../../src-shared/registry/labels';
import { nameKey } from '../../src-main/platform/context';
import { norwegianSortKey } from '../../src-main/platform/sort-keys';
import { GEN_TODAY } from '../bench/gen/generate';
import { generatedApp, type GeneratedApp } from '../perf/generated';
import { makeDispatch, type TestApi } from '../helpers/db';

type List = Output<'centres.list'>;
type Call = (input: Record<string, unknown>) => Promise<List>;
type Filters = {
  search?: string;
  region?: Region;
  driftsform?: Driftsform;
  memberInYear?: number;
  asOf?: string;
};

/** The former implementation of centres.list (before paging), row for row. */
function reference(sqlite: Database.Database, input: Filters, today: string): CentreSummary[] {
  const order = new Intl.Collator('nb-NO', { sensitivity: 'base', numeric: true });
  const rows = sqlite
    .prepare(
      `select o.id, o.name, o.org_number as orgNumber, mc.driftsform, mc.region,
         mc.daily_leader as dailyLeader, mc.contact_email as contactEmail
       from member_centres mc join organisations o on o.id = mc.organisation_id`,
    )
    .all() as Omit<CentreSummary, 'isMember' | 'joinedDate' | 'leftDate'>[];
  const periods = sqlite
    .prepare(
      `select centre_id as centreId, joined_date as joinedDate, left_date as leftDate
         from memberships order by joined_date, id`,
    )
    .all() as { centreId: number; joinedDate: string; leftDate: string | null }[];
  const asOf = input.asOf ?? today;
  const needle = input.search ? nameKey(input.search) : null;
  return rows
    .filter((r) => (input.region ? r.region === input.region : true))
    .filter((r) => (input.driftsform ? r.driftsform === input.driftsform : true))
    .sort((a, b) => order.compare(a.name, b.name) || a.id - b.id)
    .filter((r) => (needle ? nameKey(r.name).includes(needle) : true))
    .map((r) => ({ r, own: periods.filter((p) => p.centreId === r.id) }))
    .filter(({ own }) => (input.memberInYear ? isMemberInYear(own, input.memberInYear) : true))
    .map(({ r, own }) => {
      const latest = own[own.length - 1];
      return {
        ...r,
        isMember:
          input.memberInYear && !input.asOf
            ? isMemberInYear(own, input.memberInYear)
            : isMemberOn(own, asOf),
        joinedDate: latest?.joinedDate ?? null,
        leftDate: latest?.leftDate ?? null,
      };
    });
}

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

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Varies the generated membership history: per centre none, one open, one ended, one with
 * an announced end, or two or three periods with gaps; leaders on some centres.
 */
function varyHistory(sqlite: Database.Database) {
  const random = prng(14);
  const ids = (
    sqlite.prepare('select organisation_id as id from member_centres').all() as { id: number }[]
  ).map((r) => r.id);
  const insert = sqlite.prepare(
    `insert into memberships (centre_id, joined_date, left_date, note, created_at_ms)
     values (?, ?, ?, null, 0)`,
  );
  const day = (y: number) =>
    `${y}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  // History is rewritten behind closed years here (test data only): the year locks'
  // triggers are set aside for it and put back as they were.
  const locks = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'memberships'`,
    )
    .all() as { name: string; sql: string }[];
  expect(locks.length).toBeGreaterThan(0);
  sqlite.transaction(() => {
    for (const t of locks) sqlite.exec(`drop trigger ${t.name}`);
    sqlite.prepare('delete from memberships').run();
    for (const id of ids) {
      const kind = Math.floor(random() * 6);
      let year = 2012 + Math.floor(random() * 8);
      for (let n = 0; n < kind && n < 3; n++) {
        const joined = day(year);
        year += 1 + Math.floor(random() * 4);
        const open = n === kind - 1 && random() < 0.5;
        const left = open ? null : day(year);
        insert.run(id, joined, left);
        year += 1 + Math.floor(random() * 2);
      }
      if (kind === 5) insert.run(id, joined2(id), null);
      const leader = random() < 0.4 ? `Leder ${Math.floor(random() * 50)}` : null;
      sqlite
        .prepare('update member_centres set daily_leader = ? where organisation_id = ?')
        .run(leader, id);
    }
    for (const t of locks) sqlite.exec(t.sql);
  })();
  /** A second centre-specific open period far after the others. */
  function joined2(id: number) {
    return `2031-0${1 + (id % 9)}-15`;
  }
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
