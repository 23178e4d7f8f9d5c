/**
 * `dashboard.charts` on the 2024 example dataset, loaded through the real services on a real
 * SQLite file: every figure equals a sum computed independently here, grant by grant and
 * movement by movement from the rows (not by the service's GROUP BY queries).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { MOVEMENT_SIGN, type MovementType } from '../../src-shared/grants/rules';
import { makeDispatch, type TestApi } from '../helpers/db';

let api: TestApi;

beforeEach(async () => {
  api = makeDispatch({ today: '2025-02-10' });
  await api.call('exampleData.load', {});
});
afterEach(() => api.cleanup());

interface GrantRow {
  id: number;
  funderId: number;
  status: string;
  awardedOre: number | null;
  appliedOre: number | null;
  decisionDate: string | null;
}
interface MoveRow {
  type: MovementType;
  date: string;
  amountOre: number;
  centreId: number | null;
}

function rows() {
  const grants = api.sqlite
    .prepare(
      `select id, funder_id as funderId, status, awarded_ore as awardedOre,
              applied_ore as appliedOre, decision_date as decisionDate from grants`,
    )
    .all() as GrantRow[];
  const splits = api.sqlite
    .prepare('select grant_id as grantId, year, amount_ore as amountOre from grant_year_splits')
    .all() as { grantId: number; year: number; amountOre: number }[];
  const moves = api.sqlite
    .prepare('select type, date, amount_ore as amountOre, centre_id as centreId from movements')
    .all() as MoveRow[];
  const regions = new Map(
    (
      api.sqlite.prepare('select organisation_id as id, region from member_centres').all() as {
        id: number;
        region: string;
      }[]
    ).map((r) => [r.id, r.region]),
  );
  return { grants, splits, moves, regions };
}

/** Awarded to `funderId` for `year`, grant by grant: its split for the year, else the decision year. */
function awardedFor(r: ReturnType<typeof rows>, year: number, funderId?: number): number {
  let total = 0;
  for (const g of r.grants) {
    if (funderId !== undefined && g.funderId !== funderId) continue;
    if (g.awardedOre === null) continue;
    if (!['innvilget', 'delvis_innvilget', 'avsluttet'].includes(g.status)) continue;
    const own = r.splits.filter((s) => s.grantId === g.id);
    if (own.length > 0)
      total += own.filter((s) => s.year === year).reduce((a, s) => a + s.amountOre, 0);
    else if (g.decisionDate?.startsWith(String(year))) total += g.awardedOre;
  }
  return total;
}

const inYear = (m: MoveRow, year: number) => m.date.startsWith(`${year}-`);

describe('dashboard.charts', () => {
  it('sums awarded per funder and year, admin share, paid per region and balances like the ledger', async () => {
    const charts = await api.call('dashboard.charts', { year: 2024 });
    const r = rows();
    expect(charts.years).toEqual([2020, 2021, 2022, 2023, 2024]);

    // Gjensidigestiftelsen's 2024 award: Sommeraksjonen, Juleaksjonen and the rest, by split.
    const gjensidige = charts.awardedByFunder.filter(
      (a) => a.funderName === 'Gjensidigestiftelsen',
    );
    expect(gjensidige.length).toBeGreaterThan(0);
    for (const a of charts.awardedByFunder) {
      expect(a.amountOre, `${a.funderName} ${a.year}`).toBe(awardedFor(r, a.year, a.funderId));
    }
    // No funder with an award in the five years is missing.
    const funderIds = new Set(r.grants.map((g) => g.funderId));
    for (const year of charts.years) {
      for (const funderId of funderIds) {
        const expected = awardedFor(r, year, funderId);
        const got = charts.awardedByFunder.find((a) => a.year === year && a.funderId === funderId);
        expect(got?.amountOre ?? 0).toBe(expected);
      }
    }
    expect(charts.headline.awardedOre).toBe(awardedFor(r, 2024));
    expect(charts.headline.awardedOre).toBeGreaterThan(kroner(1_000_000));

    for (const a of charts.adminShareByYear) {
      const expected = r.moves
        .filter((m) => m.type === 'admin_share' && inYear(m, a.year))
        .reduce((s, m) => s + m.amountOre, 0);
      expect(a.amountOre).toBe(expected);
    }
    expect(charts.headline.adminShareOre).toBe(charts.adminShareByYear.at(-1)!.amountOre);
    expect(charts.headline.adminShareOre).toBeGreaterThan(0);

    expect(charts.paidByRegion.map((p) => p.label)).toEqual(['Sør-Øst', 'Nord', 'Midt-Vest']);
    for (const p of charts.paidByRegion) {
      const expected = r.moves
        .filter(
          (m) => inYear(m, 2024) && m.centreId !== null && r.regions.get(m.centreId) === p.region,
        )
        .reduce(
          (s, m) =>
            s +
            (m.type === 'paid_to_centre'
              ? m.amountOre
              : m.type === 'returned_by_centre'
                ? -m.amountOre
                : 0),
          0,
        );
      expect(p.amountOre, p.region).toBe(expected);
      expect(p.amountOre).toBeGreaterThan(0);
    }
    const passedOn = r.moves
      .filter((m) => inYear(m, 2024))
      .reduce(
        (s, m) =>
          s +
          (m.type === 'paid_to_centre'
            ? m.amountOre
            : m.type === 'returned_by_centre'
              ? -m.amountOre
              : 0),
        0,
      );
    expect(charts.headline.passedOnOre).toBe(passedOn);

    const open = r.moves
      .filter((m) => m.date <= '2024-12-31')
      .reduce((s, m) => s + MOVEMENT_SIGN[m.type] * m.amountOre, 0);
    expect(charts.headline.openBalanceOre).toBe(open);
  });

  it('values the pipeline by status at the applied amount', async () => {
    const ids = api.sqlite
      .prepare('select project_id as projectId, funder_id as funderId from grants limit 1')
      .get() as { projectId: number; funderId: number };
    await api.call('grants.create', { ...ids, title: 'Utkast A', appliedOre: kroner(120_000) });
    await api.call('grants.create', { ...ids, title: 'Utkast B', appliedOre: kroner(30_000) });
    const applied = await api.call('grants.create', {
      ...ids,
      title: 'Søkt C',
      appliedOre: kroner(1_945_000),
    });
    await api.call('grants.setStatus', { id: applied.id, status: 'sokt' });

    const charts = await api.call('dashboard.charts', { year: 2024 });
    const r = rows();
    for (const p of charts.pipelineByStatus) {
      const mine = r.grants.filter((g) => g.status === p.status);
      expect(p.count).toBe(mine.length);
      expect(p.amountOre).toBe(mine.reduce((s, g) => s + (g.appliedOre ?? 0), 0));
    }
    expect(charts.pipelineByStatus).toEqual([
      { status: 'utkast', label: 'Utkast', count: 2, amountOre: kroner(150_000) },
      { status: 'sokt', label: 'Søkt', count: 1, amountOre: kroner(1_945_000) },
    ]);
  });

  it('answers zeros for a year with nothing in it and refuses a year that is no year', async () => {
    const empty = await api.call('dashboard.charts', { year: 1990 });
    expect(empty.awardedByFunder).toEqual([]);
    expect(empty.headline).toEqual({
      awardedOre: 0,
      passedOnOre: 0,
      adminShareOre: 0,
      openBalanceOre: 0,
    });
    const err = await api.fail('dashboard.charts', { year: 'i fjor' });
    expect(err.code).toBe('BAD_INPUT');
  });
});
