/**
 * `movements.list` paged by the server (issue 14), on generated data (the bench generator at
 * scale 1, whose hot grant holds 5 % of the movements) with a transfer, a reversal, a
 * back-dated cost and movements in the year before added through the API: every page, laid end to end, is the old full list
 * (movementViews over the whole grant, in the ledger's order date, id) with the balance after
 * each movement equal to the running sum of the full ledger; the count and sums are the
 * whole ledger's on every page; a page past the end has no rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, LedgerRow, Movement, Output } from '../../src-shared/api/contract';
import { MOVEMENT_SIGN, signedAmount } from '../../src-shared/grants/rules';
import { fixedClock } from '../../src-main/platform/context';
import { movementViews } from '../../src-main/grants/queries';
import { ACTOR, GEN_TODAY } from '../bench/gen/generate';
import { generatedApp, type GeneratedApp } from '../perf/generated';

let app: GeneratedApp;
let grantId: number;

async function call<
  M extends
    'movements.list' | 'movements.record' | 'movements.reverse' | 'movements.transferTargets',
>(method: M, input: Input<M>): Promise<Output<M>> {
  const res = await app.dispatch(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
  return res.value as Output<M>;
}

/** The old answer: every movement of the grant at once, oldest first. */
function fullList(id = grantId): Movement[] {
  const ctx = {
    db: app.opened.db,
    sqlite: app.opened.sqlite,
    clock: fixedClock(GEN_TODAY),
    actor: ACTOR,
  };
  return movementViews(ctx, { grantId: id });
}

async function allPages(pageSize: number, id = grantId): Promise<Output<'movements.list'>[]> {
  const pages: Output<'movements.list'>[] = [];
  for (let page = 1; ; page++) {
    const answer = await call('movements.list', { grantId: id, page, pageSize });
    pages.push(answer);
    if (answer.rows.length === 0) return pages;
  }
}

beforeAll(async () => {
  app = await generatedApp(1);
  grantId = app.info.hotGrantId;
  const before = fullList();
  const cost = before.find((m) => m.type === 'own_costs')!;
  // A cost dated before most of the ledger: a high id early in the order (date, id).
  await call('movements.record', {
    grantId,
    type: 'own_costs',
    date: before[1]!.date,
    amountOre: 12_345,
    voucherRef: 'TILBAKEDATERT',
    note: null,
  });
  // The year before (open too): money received and a cost in 2024 on the 2025 grant.
  for (const [type, date, amountOre] of [
    ['received', '2024-12-20', 5_000_000],
    ['own_costs', '2024-12-21', 70_000],
  ] as const) {
    await call('movements.record', {
      grantId,
      type,
      date,
      amountOre,
      voucherRef: `FJOR-${date}`,
      note: null,
      acknowledgeWarnings: true,
      reason: 'Forskudd',
    });
  }
  // A reversal (a linked row, and the original marked as reversed).
  await call('movements.reverse', { id: cost.id, reason: 'Feil bilag', correctedAmountOre: null });
  // A transfer out: the other grant's title is joined on the row.
  const [target] = await call('movements.transferTargets', { grantId });
  const res = await app.dispatch('movements.transfer', {
    fromGrantId: grantId,
    toGrantId: target!.id,
    date: GEN_TODAY,
    amountOre: 1_000,
    voucherRef: null,
    note: null,
    approvalRef: 'Godkjent av tilskuddsyter',
    approvalDate: GEN_TODAY,
  });
  expect(res.ok, JSON.stringify(res)).toBe(true);
}, 120_000);

afterAll(() => app?.cleanup());

/** The old list with the running balance summed over it, oldest first. */
function withBalances(full: readonly Movement[]): LedgerRow[] {
  let running = 0;
  return full.map((m) => {
    running += signedAmount(m);
    return { ...m, balanceOre: running };
  });
}

describe('movements.list paged by the server', () => {
  it('gives, page by page, the old full list with the balance after each movement', async () => {
    const full = fullList();
    expect(full.length).toBeGreaterThan(50);
    expect(full.some((m) => m.reversedById !== null)).toBe(true);
    expect(full.some((m) => m.counterpartGrantTitle !== null)).toBe(true);
    const expected = withBalances(full);
    for (const size of [7, 50, 200]) {
      const pages = await allPages(size);
      expect(pages.at(-1)!.rows).toEqual([]);
      expect(pages.flatMap((p) => p.rows)).toEqual(expected);
      for (const [i, p] of pages.entries()) {
        expect(p.page).toBe(i + 1);
        expect(p.pageSize).toBe(size);
        if (i < pages.length - 2) expect(p.rows).toHaveLength(size);
      }
    }
  });

  it('carries the balance across fiscal years (earlier years from the sums per year)', async () => {
    const full = fullList();
    const years = new Set(full.map((m) => m.date.slice(0, 4)));
    expect([...years]).toEqual(['2024', '2025']);
    // Pages of 3: page boundaries fall inside 2024, at the turn of the year and in 2025.
    expect((await allPages(3)).flatMap((p) => p.rows)).toEqual(withBalances(full));
    // And on the grant the transfer went to (its in-leg names the hot grant).
    const other = full.find((m) => m.counterpartGrantId !== null)!.counterpartGrantId!;
    const otherFull = fullList(other);
    expect(otherFull.some((m) => m.counterpartGrantId === grantId)).toBe(true);
    expect((await allPages(4, other)).flatMap((p) => p.rows)).toEqual(withBalances(otherFull));
  });

  it('answers the count and sums of the whole ledger on every page', async () => {
    const full = fullList();
    const sum = (sign: 1 | -1) =>
      full.filter((m) => MOVEMENT_SIGN[m.type] === sign).reduce((s, m) => s + m.amountOre, 0);
    const totals = { inOre: sum(1), outOre: sum(-1), balanceOre: sum(1) - sum(-1) };
    expect(totals.outOre).toBeGreaterThan(0);
    for (const page of [1, 3, 1000]) {
      const answer = await call('movements.list', { grantId, page, pageSize: 10 });
      expect(answer.total).toBe(full.length);
      expect(answer.totals).toEqual(totals);
    }
    // The balance after the last movement is the ledger's balance.
    const last = await call('movements.list', {
      grantId,
      page: Math.ceil(full.length / 10),
      pageSize: 10,
    });
    expect(last.rows.at(-1)?.balanceOre).toBe(totals.balanceOre);
  });

  it('answers 200 rows by default, refuses larger pages, and an unknown grant', async () => {
    const first = await call('movements.list', { grantId });
    expect(first.pageSize).toBe(200);
    expect(first.page).toBe(1);
    const tooBig = await app.dispatch('movements.list', { grantId, pageSize: 201 });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.error.message).toContain('Rader per side kan være høyst 200');
    const missing = await app.dispatch('movements.list', { grantId: 999_999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });

  it('runs as many statements for the last page as for the first', async () => {
    const count = async (page: number) =>
      (
        await app.counter.count(() =>
          app.dispatch('movements.list', { grantId, page, pageSize: 10 }),
        )
      ).statements;
    const last = Math.ceil(fullList().length / 10);
    expect(await count(last)).toBe(await count(1));
  });
});
