/**
 * The year-end page's read model (src-main/yearend/overview-data.ts, issue 14) sums in SQL
 * what the checklist and overview used to build from the whole ledger. Its answer must not
 * change by a single character: every figure, item and warning of `yearEnd.overview` is
 * compared, for every year, with the same overview built the slow way, in JS from every
 * movement of every grant and every centre award (the reference below, kept here only), and
 * with the whole read model the exports use (`loadYear`). On the example data after a year of
 * every kind of change (the change-log story), then after edge cases written straight into
 * the file (corrections of an earlier year, transfers across the new year, receipts and admin
 * share above the award, a negative balance, a payout above the decision, a grant in EUR, an
 * overdue deadline, a suggested split), and on generated data.
 */
import { asc } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { movements } from '../../db/schema';
import { contract, type YearEndOverview } from '../../src-shared/api/contract';
import { fixedClock, type ServiceContext } from '../../src-main/platform/context';
import { openDatabase } from '../../src-main/platform/database';
import { DATA_FILE_NAME } from '../../src-main/core';
import { createServices } from '../../src-main/services';
import { createDispatch } from '../../src-main/transport/dispatch';
import { createHandlers } from '../../src-main/transport/handlers';
import { loadYear, overviewOf, type YearData } from '../../src-main/yearend/queries';
import { yearCommonOf, yearGrantsOf } from '../../src-main/yearend/year-data';
import { groupBy } from '../../src-main/yearend/year-ledger';
import { ACTOR, GEN_TODAY, generate } from '../bench/gen/generate';
import { auditStory } from '../helpers/audit-story';
import { makeDispatch, MIGRATIONS_DIR, tempDir, type TestApi } from '../helpers/db';

const output = contract['yearEnd.overview'].output;

/**
 * The reference: the year's overview computed in JS from every movement of every grant (the
 * ledger as it is, no sums) and each centre award's payouts summed from the movements.
 */
function fromWholeLedger(ctx: ServiceContext, year: number): YearEndOverview {
  const data = loadYear(ctx, year);
  const span = { year, start: `${year}-01-01`, end: `${year}-12-31` };
  const all = ctx.db.select().from(movements).orderBy(asc(movements.date), asc(movements.id)).all();
  const splitRows = data.grants.flatMap((y) => y.splits.map((s) => ({ grantId: y.g.id, ...s })));
  const grants = yearGrantsOf(
    span,
    data.grants.map((y) => y.g),
    groupBy(all, (m) => m.grantId),
    splitRows,
  );
  const paid = new Map<number, number>();
  for (const m of all) {
    if (m.type === 'paid_to_centre' && m.allocationId !== null) {
      paid.set(m.allocationId, (paid.get(m.allocationId) ?? 0) + m.amountOre);
    }
  }
  const whole: YearData = {
    ...data,
    ...yearCommonOf(ctx, span, grants),
    allocations: data.allocations.map((a) => ({ ...a, paidTotalOre: paid.get(a.id) ?? 0 })),
    movementsInYear: all.filter((m) => m.date >= span.start && m.date <= span.end),
  };
  return overviewOf(whole);
}

const text = (o: YearEndOverview) => JSON.stringify(output.parse(o));

/** Compares the answer of `yearEnd.overview` with both references for every year given. */
async function expectSameOverviews(
  dispatch: TestApi['dispatch'],
  ctx: ServiceContext,
  years: readonly number[],
): Promise<{ items: number; grants: number; corrections: number; kinds: Set<string> }> {
  const seen = { items: 0, grants: 0, corrections: 0, kinds: new Set<string>() };
  for (const year of years) {
    const envelope = await dispatch('yearEnd.overview', { year });
    if (!envelope.ok) throw new Error(JSON.stringify(envelope));
    const answer = JSON.stringify(envelope.value);
    expect(answer, `${year}: the whole ledger`).toBe(text(fromWholeLedger(ctx, year)));
    expect(answer, `${year}: the exports' read model`).toBe(text(overviewOf(loadYear(ctx, year))));
    const o = envelope.value as YearEndOverview;
    seen.items += o.items.length;
    seen.grants += o.grants.length;
    seen.corrections += o.priorYearCorrections.length;
    for (const i of o.items) seen.kinds.add(i.kind);
  }
  return seen;
}

const YEARS = Array.from({ length: 10 }, (_, i) => 2019 + i);

function contextOf(api: TestApi): ServiceContext {
  const { db, sqlite } = api.core.database;
  return { db, sqlite, clock: fixedClock('2025-02-10'), actor: 'test' } as ServiceContext;
}

/** Writes the edge cases straight into the file (the triggers keep `ledger_sums` in step). */
function writeEdgeCases(api: TestApi): void {
  const s = api.sqlite;
  const insert = s.prepare(
    `insert into movements (grant_id, date, type, amount_ore, reverses_id, corrects_id,
       counterpart_id, allocation_id, centre_id, amount_eur_cents, reason, note, created_at_ms, actor)
     values (@grantId, @date, @type, @amountOre, @reversesId, @correctsId, @counterpartId,
       @allocationId, @centreId, @eur, @reason, @note, 0, 'test')`,
  );
  const add = (m: Record<string, string | number>) =>
    Number(
      insert.run({
        reversesId: null,
        correctsId: null,
        counterpartId: null,
        allocationId: null,
        centreId: null,
        eur: null,
        reason: null,
        note: null,
        ...m,
      }).lastInsertRowid,
    );
  const ids = s
    .prepare(
      `select distinct m.grant_id from movements m join grants g on g.id = m.grant_id
         join projects p on p.id = g.project_id
       where m.date like '2024-%' and p.kss_role <> 'stottepartner' order by m.grant_id limit 3`,
    )
    .pluck()
    .all() as number[];
  expect(ids).toHaveLength(3);
  const [g1, g2, g3] = ids as [number, number, number];
  // A 2024 receipt reversed and replaced in 2025: two corrections of an earlier year.
  const wrong = add({ grantId: g1, date: '2024-03-01', type: 'received', amountOre: 1_000_000 });
  add({
    grantId: g1,
    date: '2025-01-15',
    type: 'received',
    amountOre: -1_000_000,
    reversesId: wrong,
    reason: 'Feil beløp',
  });
  add({
    grantId: g1,
    date: '2025-01-15',
    type: 'received',
    amountOre: 900_000,
    correctsId: wrong,
    note: 'Rett beløp',
  });
  // A transfer whose legs fall on either side of the new year.
  const out = add({ grantId: g2, date: '2024-12-30', type: 'transfer_out', amountOre: 500_000 });
  add({
    grantId: g3,
    date: '2025-01-02',
    type: 'transfer_in',
    amountOre: 500_000,
    counterpartId: out,
  });
  // Received far above the award, admin share above the rule, a negative closing balance.
  add({ grantId: g2, date: '2025-02-01', type: 'received', amountOre: 99_999_999_900 });
  add({ grantId: g3, date: '2025-02-01', type: 'admin_share', amountOre: 99_999_900 });
  add({ grantId: g3, date: '2025-03-01', type: 'own_costs', amountOre: 999_999_999 });
  // A payout above what the round decided, and its partial reversal in the same year.
  const a = s
    .prepare(
      `select a.id, r.grant_id as grantId, a.centre_id as centreId, a.awarded_ore as awardedOre
       from allocations a join allocation_rounds r on r.id = a.round_id
       where a.awarded_ore > 0 order by a.id limit 1`,
    )
    .get() as { id: number; grantId: number; centreId: number; awardedOre: number };
  // Its report is in: only the payout check can bring it onto the checklist.
  s.prepare(
    `update allocations set report_received_date = '2024-06-01', report_status = 'mottatt'
     where id = ?`,
  ).run(a.id);
  const over = add({
    grantId: a.grantId,
    date: '2025-01-20',
    type: 'paid_to_centre',
    amountOre: a.awardedOre + 10_000,
    allocationId: a.id,
    centreId: a.centreId,
  });
  add({
    grantId: a.grantId,
    date: '2025-01-21',
    type: 'paid_to_centre',
    amountOre: -5_000,
    reversesId: over,
    allocationId: a.id,
    centreId: a.centreId,
  });
  // Two other decided awards: one raised above what was paid, one with its report overdue.
  const [unpaid, overdue] = s
    .prepare(
      `select id from allocations where awarded_ore > 0 and decision_date < '2024-12-31'
       order by id limit 2 offset 1`,
    )
    .pluck()
    .all() as [number, number];
  s.prepare(`update allocations set awarded_ore = awarded_ore + 10000 where id = ?`).run(unpaid);
  s.prepare(
    `update allocations set report_due_date = '2024-10-01', report_received_date = null,
       report_status = 'venter' where id = ?`,
  ).run(overdue);
  // A grant awarded in EUR, received above the award in euro.
  s.prepare(`update grants set currency = 'EUR', awarded_eur_cents = 100000 where id = ?`).run(g1);
  add({ grantId: g1, date: '2025-02-02', type: 'received', amountOre: 10_000, eur: 150_000 });
  // An overdue reporting deadline and a split that is only a suggestion.
  s.prepare(
    `insert into grant_deadlines (grant_id, due_date, description) values (?, '2024-11-30', 'Sluttrapport')`,
  ).run(g2);
  s.prepare(`update grant_year_splits set confirmed = 0 where grant_id = ?`).run(g3);
}

let api: TestApi | null = null;
afterEach(() => {
  api?.cleanup();
  api = null;
});

describe('yearEnd.overview from the year-limited read model', () => {
  it('equals the overview from the whole ledger for every year of the example data and the change-log story, then with edge cases', async () => {
    api = makeDispatch({ today: '2025-02-10' });
    await auditStory(api);
    const ctx = contextOf(api);
    const story = await expectSameOverviews(api.dispatch, ctx, YEARS);
    expect(story.grants).toBeGreaterThan(0);
    expect(story.items).toBeGreaterThan(0);

    writeEdgeCases(api);
    const edges = await expectSameOverviews(api.dispatch, ctx, YEARS);
    // The edge cases reach every kind of finding they were written for.
    for (const kind of [
      'received_above_award',
      'admin_share_above_rule',
      'payout_above_decided',
      'negative_balance',
      'deadline_overdue',
      'year_split_unconfirmed',
      'balance',
      'allocation_unpaid',
      'report_overdue',
    ]) {
      expect(edges.kinds, kind).toContain(kind);
    }
    expect(edges.corrections).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('equals the overview from the whole ledger for every year of generated data', async () => {
    const tmp = tempDir('tilskudd-overview-');
    try {
      await generate({ scale: 1, out: tmp.dir });
      const opened = openDatabase(`${tmp.dir}/${DATA_FILE_NAME}`, MIGRATIONS_DIR);
      try {
        const ctx = {
          db: opened.db,
          sqlite: opened.sqlite,
          clock: fixedClock(GEN_TODAY),
          actor: ACTOR,
        } as ServiceContext;
        const dispatch = createDispatch(
          createHandlers(createServices(ctx), {
            appVersion: 'test',
            dataFile: tmp.dir,
            today: () => GEN_TODAY,
          }),
        );
        const seen = await expectSameOverviews(dispatch, ctx, [2014, ...YEARS]);
        expect(seen.grants).toBeGreaterThan(10);
      } finally {
        opened.close();
      }
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
