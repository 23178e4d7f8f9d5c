/**
 * `grants.list` paged by the server (issue 14) on generated data (real SQLite, scale 1: about
 * twenty grants with movements over ten years): every sort, both directions, small pages.
 * The pages together are every matching grant once, in the order the rules give; the totals
 * are the sums over all pages; the year filter and received agree with each grant's own
 * detail and ledger.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrantSummary, Output } from '../../src-shared/api/contract';
import { GRANT_SORTS, type GrantSort } from '../../src-shared/grants/contract';
import { GRANT_STATUSES } from '../../src-shared/grants/rules';
import { NAME_ORDER } from '../../src-main/grants/queries';
import { norwegianSortKey } from '../../src-main/platform/sort-keys';
import { generatedApp, type GeneratedApp } from '../perf/generated';

let app: GeneratedApp;
beforeAll(async () => {
  app = await generatedApp(1);
  // Applications without a year or amount, in other statuses, with Norwegian letters.
  const { hotProjectId: projectId, hotFunderId: funderId } = app.info;
  for (const [title, status] of [
    ['Åpen søknad', 'sokt'],
    ['Ærlig utkast', null],
    ['Øvelse', 'trukket'],
  ] as const) {
    const r = await app.dispatch('grants.create', {
      projectId,
      funderId,
      title,
      adminRule: 'none',
    });
    if (!r.ok) throw new Error(r.error.message);
    const id = (r.value as { id: number }).id;
    if (status === 'trukket') await app.dispatch('grants.setStatus', { id, status: 'sokt' });
    if (status) {
      const s = await app.dispatch('grants.setStatus', { id, status });
      if (!s.ok) throw new Error(s.error.message);
    }
  }
}, 120_000);
afterAll(() => app?.cleanup());

type List = Output<'grants.list'>;

async function list(input: Record<string, unknown>): Promise<List> {
  const r = await app.dispatch('grants.list', input);
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

const byTitle = (a: GrantSummary, b: GrantSummary) =>
  NAME_ORDER.compare(a.title, b.title) || a.id - b.id;

/** The order each sort promises, written out in JS over the full list. */
function reference(rows: readonly GrantSummary[], sort: GrantSort, dir: 'asc' | 'desc') {
  const sign = dir === 'asc' ? 1 : -1;
  const num = (v: number | null) => v ?? Number.NEGATIVE_INFINITY; // SQLite: NULL is smallest
  const first = (g: GrantSummary) => g.years[0] ?? 9999;
  const primary: Record<GrantSort, (a: GrantSummary, b: GrantSummary) => number> = {
    year: (a, b) => first(a) - first(b),
    title: (a, b) => NAME_ORDER.compare(a.title, b.title),
    projectName: (a, b) => NAME_ORDER.compare(a.projectName, b.projectName),
    funderName: (a, b) => NAME_ORDER.compare(a.funderName, b.funderName),
    status: (a, b) => GRANT_STATUSES.indexOf(a.status) - GRANT_STATUSES.indexOf(b.status),
    appliedOre: (a, b) => Math.sign(num(a.appliedOre) - num(b.appliedOre)),
    awardedOre: (a, b) => Math.sign(num(a.awardedOre) - num(b.awardedOre)),
    receivedOre: (a, b) => a.receivedOre - b.receivedOre,
  };
  return [...rows].sort((a, b) => sign * primary[sort](a, b) || byTitle(a, b));
}

describe('grants.list paged by the server', () => {
  it('has data worth paging', async () => {
    const all = await list({ pageSize: 200 });
    expect(all.total).toBeGreaterThan(14);
    expect(all.rows).toHaveLength(all.total);
    expect(new Set(all.rows.map((r) => r.status)).size).toBeGreaterThan(2);
    expect(all.rows.some((r) => r.receivedOre > 0)).toBe(true);
  });

  for (const sort of GRANT_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`pages by ${sort} ${dir}: every grant once, in order, totals over all pages`, async () => {
        const whole = await list({ sort, dir, pageSize: 200 });
        const pages = await allPages({ sort, dir }, 7);
        const rows = pages.flatMap((p) => p.rows);
        expect(pages.length).toBe(Math.ceil(whole.total / 7));
        expect(pages.every((p, i) => p.page === i + 1 && p.pageSize === 7)).toBe(true);
        expect(rows.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
        expect(rows.map((r) => r.id)).toEqual(reference(whole.rows, sort, dir).map((r) => r.id));
        for (const p of pages) {
          expect(p.total).toBe(whole.total);
          expect(p.totals).toEqual({
            appliedOre: rows.reduce((s, r) => s + (r.appliedOre ?? 0), 0),
            awardedOre: rows.reduce((s, r) => s + (r.awardedOre ?? 0), 0),
            receivedOre: rows.reduce((s, r) => s + r.receivedOre, 0),
          });
        }
      });
    }
  }

  it('sorts by year newest first by default, grants without a year first', async () => {
    const def = await list({ pageSize: 200 });
    const explicit = await list({ sort: 'year', dir: 'desc', pageSize: 200 });
    expect(def.rows.map((r) => r.id)).toEqual(explicit.rows.map((r) => r.id));
    const firsts = def.rows.map((r) => r.years[0] ?? 9999);
    expect(firsts).toEqual([...firsts].sort((a, b) => b - a));
  });

  it('sorts status by the life-cycle, not by the codes', async () => {
    const rows = (await list({ sort: 'status', pageSize: 200 })).rows;
    const order = rows.map((r) => GRANT_STATUSES.indexOf(r.status));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('filters by year in SQL exactly as the years each grant shows', async () => {
    const all = (await list({ pageSize: 200 })).rows;
    const years = [...new Set(all.flatMap((r) => r.years))];
    expect(years.length).toBeGreaterThan(3);
    for (const year of years) {
      const pages = await allPages({ year }, 5);
      const ids = pages.flatMap((p) => p.rows.map((r) => r.id)).sort((a, b) => a - b);
      const expected = all.filter((r) => r.years.includes(year)).map((r) => r.id);
      expect(ids, `year ${year}`).toEqual(expected.sort((a, b) => a - b));
      expect(pages[0]!.totals.receivedOre).toBe(
        all.filter((r) => r.years.includes(year)).reduce((s, r) => s + r.receivedOre, 0),
      );
    }
  });

  it('shows each grant as grants.get does (years and received from the ledger)', async () => {
    const rows = (await list({ pageSize: 200 })).rows;
    for (const row of rows) {
      const r = await app.dispatch('grants.get', { id: row.id });
      if (!r.ok) throw new Error(r.error.message);
      const g = r.value as GrantSummary;
      expect(row).toEqual({
        ...Object.fromEntries(Object.keys(row).map((k) => [k, g[k as keyof GrantSummary]])),
      });
    }
  });

  it('answers the last page when asked for a page past the end', async () => {
    const p = await list({ pageSize: 7, page: 999 });
    expect(p.page).toBe(Math.ceil(p.total / 7));
    expect(p.rows.length).toBe(p.total - (p.page - 1) * 7);
  });

  it('refuses a page size above 200 with a Norwegian message', async () => {
    const r = await app.dispatch('grants.list', { pageSize: 201 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Rader per side kan være høyst 200');
  });
});

describe('norwegianSortKey', () => {
  it('orders as Norwegian alphabetical order: Æ, Ø, Å after Z, numbers as numbers', () => {
    const names = ['Åsane', 'Ørland', 'Ærlig', 'Zebra', 'alta', 'Runde 10', 'Runde 2', 'Éa', 'eb'];
    const sorted = [...names].sort((a, b) =>
      norwegianSortKey(a) < norwegianSortKey(b)
        ? -1
        : norwegianSortKey(a) > norwegianSortKey(b)
          ? 1
          : 0,
    );
    expect(sorted).toEqual([...names].sort((a, b) => NAME_ORDER.compare(a, b)));
    expect(sorted).toEqual([
      'alta',
      'Éa',
      'eb',
      'Runde 2',
      'Runde 10',
      'Zebra',
      'Ærlig',
      'Ørland',
      'Åsane',
    ]);
  });

  it('agrees with the collator on any words of Norwegian letters', () => {
    const word = fc.string({
      // Not «aa»: the collator reads it as «å» (old spelling), the key does not.
      unit: fc.constantFrom(...'bcdeæøåBCÆØÅéz'.split('')),
      minLength: 0,
      maxLength: 6,
    });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const ka = norwegianSortKey(a);
        const kb = norwegianSortKey(b);
        const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
        expect(byKey).toBe(Math.sign(NAME_ORDER.compare(a, b)));
      }),
    );
  });
});

describe('rounds.list from SQL aggregates', () => {
  it('shows the same totals for every round as rounds.get builds from its allocations', async () => {
    const r = await app.dispatch('rounds.list', {});
    if (!r.ok) throw new Error(r.error.message);
    const rounds = (r.value as Output<'rounds.list'>).rows;
    expect(rounds.length).toBeGreaterThan(3);
    expect(rounds.some((x) => x.paidTotalOre > 0)).toBe(true);
    for (const summary of rounds) {
      const d = await app.dispatch('rounds.get', { id: summary.id });
      if (!d.ok) throw new Error(d.error.message);
      const {
        notes: _n,
        allocations,
        regionTotals: _r,
        ...detail
      } = d.value as Output<'rounds.get'>;
      expect(summary).toEqual(detail);
      expect(summary.paidTotalOre).toBe(allocations.reduce((s, a) => s + a.paidOre, 0));
    }
  });
});
