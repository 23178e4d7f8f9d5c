/**
 * `rounds.list` paged by the server (issue 14) on generated data (real SQLite, scale 1:
 * rounds on several grants with awards, payouts and returns): every sort, both directions,
 * small pages. The pages together are every matching round once, in the order the sort
 * gives; the totals are the sums over all pages; each row equals what `rounds.get` computes
 * for that round alone (pot included) whichever path the sort takes; grant and text filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output, RoundSummary } from '../../src-shared/api/contract';
import { ROUND_SORTS, type RoundSort } from '../../src-shared/allocations/contract';
import { norwegianSortKey } from '../../src-main/platform/sort-keys';
import { generatedApp, type GeneratedApp } from '../perf/generated';

let app: GeneratedApp;
beforeAll(async () => {
  app = await generatedApp(1);
}, 120_000);
afterAll(() => app?.cleanup());

type List = Output<'rounds.list'>;

async function list(input: Record<string, unknown>): Promise<List> {
  const r = await app.dispatch('rounds.list', input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as List;
}

/** Every page of a listing, pageSize rows at a time. */
async function allPages(input: Record<string, unknown>, pageSize: number) {
  const pages: List[] = [];
  for (let page = 1; ; page++) {
    const p = await list({ ...input, page, pageSize });
    pages.push(p);
    if (page * pageSize >= p.total) return pages;
  }
}

const SORT_VALUE: Record<RoundSort, (r: RoundSummary) => string | number | null> = {
  newest: (r) => r.id,
  name: (r) => norwegianSortKey(r.name),
  grantTitle: (r) => norwegianSortKey(r.grantTitle),
  applicationDeadline: (r) => r.applicationDeadline,
  centreCount: (r) => r.centreCount,
  potOre: (r) => r.potOre,
  appliedTotalOre: (r) => r.appliedTotalOre,
  awardedTotalOre: (r) => r.awardedTotalOre,
  paidTotalOre: (r) => r.paidTotalOre,
  remainingOre: (r) => r.remainingOre,
};

/** Asc or desc by the sort's value, rounds without one last, ties by name then newest. */
function inOrder(rows: readonly RoundSummary[], sort: RoundSort, dir: 'asc' | 'desc'): boolean {
  const sign = dir === 'asc' ? 1 : -1;
  return rows.every((r, i) => {
    if (i === 0) return true;
    const p = rows[i - 1]!;
    const a = SORT_VALUE[sort](p);
    const b = SORT_VALUE[sort](r);
    if (a === null || b === null) return b === null;
    if (a !== b) return (a < b ? -1 : 1) * sign < 0;
    const an = norwegianSortKey(p.name);
    const bn = norwegianSortKey(r.name);
    return an !== bn ? an < bn : p.id > r.id;
  });
}

let all: RoundSummary[];
beforeAll(async () => {
  all = (await list({ pageSize: 200 })).rows;
});

describe('rounds.list paged by the server', () => {
  it('has rounds on several grants to page through', () => {
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((r) => r.grantId)).size).toBeGreaterThan(1);
    expect(all.some((r) => r.paidTotalOre > 0)).toBe(true);
  });

  it('each row equals rounds.get of that round (pot and totals)', async () => {
    for (const summary of all) {
      const d = await app.dispatch('rounds.get', { id: summary.id });
      if (!d.ok) throw new Error(d.error.message);
      const {
        notes: _n,
        allocations: _a,
        regionTotals: _r,
        ...detail
      } = d.value as Output<'rounds.get'>;
      expect(summary).toEqual(detail);
    }
  });

  for (const sort of ROUND_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`pages of 3 sorted by ${sort} ${dir}: every round once, in order, same rows`, async () => {
        const pages = await allPages({ sort, dir }, 3);
        const rows = pages.flatMap((p) => p.rows);
        expect(rows).toHaveLength(all.length);
        expect(new Set(rows.map((r) => r.id)).size).toBe(all.length);
        expect(inOrder(rows, sort, dir)).toBe(true);
        const byId = new Map(all.map((r) => [r.id, r]));
        for (const r of rows) expect(r).toEqual(byId.get(r.id));
        for (const p of pages) {
          expect(p.total).toBe(all.length);
          expect(p.rows.length).toBeLessThanOrEqual(3);
          expect(p.totals).toEqual(pages[0]!.totals);
        }
        expect(pages[0]!.totals).toEqual({
          appliedOre: rows.reduce((s, r) => s + r.appliedTotalOre, 0),
          awardedOre: rows.reduce((s, r) => s + r.awardedTotalOre, 0),
          paidOre: rows.reduce((s, r) => s + r.paidTotalOre, 0),
          returnedOre: rows.reduce((s, r) => s + r.returnedTotalOre, 0),
        });
      });
    }
  }

  it('newest first when no direction is given, ascending for the other sorts', async () => {
    expect((await list({})).rows.map((r) => r.id)).toEqual(
      [...all].sort((a, b) => b.id - a.id).map((r) => r.id),
    );
    const byName = (await list({ sort: 'name', pageSize: 200 })).rows;
    expect(inOrder(byName, 'name', 'asc')).toBe(true);
  });

  it('filters by grant: only its rounds, with their totals', async () => {
    const grantId = all[0]!.grantId;
    const mine = all.filter((r) => r.grantId === grantId);
    const r = await list({ grantId, pageSize: 200 });
    expect(r.rows.map((x) => x.id).sort()).toEqual(mine.map((x) => x.id).sort());
    expect(r.total).toBe(mine.length);
    expect(r.totals.awardedOre).toBe(mine.reduce((s, x) => s + x.awardedTotalOre, 0));
    // The pot of a round in the filtered list is the same as in the full list.
    for (const x of r.rows) expect(x).toEqual(all.find((a) => a.id === x.id));
  });

  it('searches the round name and the grant title, whatever the case', async () => {
    const target = all[all.length - 1]!;
    const needle = target.name.slice(0, Math.min(6, target.name.length)).toUpperCase();
    const r = await list({ search: needle, pageSize: 200 });
    const want = all.filter((x) =>
      [x.name, x.grantTitle].some((s) =>
        s.toLocaleLowerCase('nb-NO').includes(needle.toLocaleLowerCase('nb-NO')),
      ),
    );
    expect(r.rows.map((x) => x.id)).toContain(target.id);
    expect(r.rows.map((x) => x.id).sort()).toEqual(want.map((x) => x.id).sort());
    expect(r.total).toBe(want.length);
    const none = await list({ search: 'ingen runde heter dette' });
    expect(none).toEqual({
      rows: [],
      total: 0,
      totals: { appliedOre: 0, awardedOre: 0, paidOre: 0, returnedOre: 0 },
      page: 1,
      pageSize: 100,
    });
  });

  it('answers the last page when asked for one past it', async () => {
    const r = await list({ page: 50, pageSize: 3 });
    expect(r.page).toBe(Math.ceil(all.length / 3));
    expect(r.rows.length).toBeGreaterThan(0);
  });

  it('refuses an unknown grant and a page larger than 200', async () => {
    const unknown = await app.dispatch('rounds.list', { grantId: 999_999 });
    expect(unknown.ok).toBe(false);
    const big = await app.dispatch('rounds.list', { pageSize: 201 });
    expect(big.ok).toBe(false);
  });
});
