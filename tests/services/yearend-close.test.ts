/**
 * Year-end close on a real SQLite file: the checklist, decisions on closing balances,
 * exceptions, closing (after a verified backup) and reopening with a reason; and the lock —
 * every insert/update/delete of money data dated in the closed year is refused through the
 * API (CONFLICT in Norwegian) and through raw SQL (the triggers), while 2025 keeps working.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import {
  carryForwardExtra,
  EXTRA_CLOSING_2024,
  yearEndCase,
  type YearEndCase,
} from '../helpers/yearend';

/** Amounts are formatted with no-break spaces; the expectations are written with plain ones. */
const plain = (text: string | undefined) => text?.replace(/\u00a0/g, ' ');

const CLOSED_2024 =
  'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.';

let api: TestApi;
let c: YearEndCase;

beforeEach(async () => {
  api = makeDispatch({ today: '2025-01-20' });
  c = await yearEndCase(api);
});
afterEach(() => {
  api.cleanup();
  fs.rmSync(defaultBackupFolder(api.dataDir), { recursive: true, force: true });
});

async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

/** Raw SQL that must be refused by a trigger, leaving the database as it was. */
function sqlRefused(sql: string, params: unknown[] = []): string {
  const before = dumpDatabase(api.sqlite);
  let message = '';
  try {
    api.sqlite.prepare(sql).run(...params);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return message;
}

async function closed2024() {
  await carryForwardExtra(api, c);
  return api.call('yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });
}

describe('yearEnd.overview', () => {
  it('lists every grant with money in 2024, its balance, and the open points', async () => {
    const o = await api.call('yearEnd.overview', { year: 2024 });
    expect(o).toMatchObject({ year: 2024, status: 'open', lockedByYear: null, events: [] });
    const titles = o.grants.map((g) => g.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Juleaksjonen 2023',
        'Juleaksjonen 2024',
        'Taushet tar liv 2024',
        'Ekstra driftsmidler 2024',
      ]),
    );
    const extra = o.grants.find((g) => g.grantId === c.extra.id);
    expect(extra).toMatchObject({
      balance: {
        openingOre: 0,
        receivedOre: kroner(1_500_000),
        ownCostsOre: kroner(200_000),
        closingOre: EXTRA_CLOSING_2024,
      },
      nextOpeningOre: EXTRA_CLOSING_2024,
      decision: null,
      needsDecision: true,
      awardedForYearOre: kroner(1_500_000),
    });
    const jul = o.grants.find((g) => g.grantId === c.grant.id);
    expect(jul?.balance).toMatchObject({ transferInOre: kroner(112_361), closingOre: 0 });
    expect(o.items).toEqual([
      expect.objectContaining({
        key: `balance:${c.extra.id}`,
        kind: 'balance',
        grantId: c.extra.id,
        amountOre: EXTRA_CLOSING_2024,
        exception: null,
      }),
    ]);
    expect(plain(o.items[0]?.title)).toBe(
      '«Ekstra driftsmidler 2024»: utgående saldo 1 300 000 kr uten beslutning',
    );
    expect(o).toMatchObject({ openItemCount: 1, canClose: false });
    let closing = 0;
    for (const g of o.grants) closing += g.balance.closingOre;
    expect(o.totals.closingOre).toBe(closing);
  });

  it('finds unpaid awards, overdue centre reports, money not received and undelivered reports', async () => {
    const [first, second] = c.paid.allocations;
    if (!first || !second) throw new Error('no allocations');
    // A payout corrected in December: the award is no longer fully paid.
    const payout = (await api.call('movements.list', { grantId: c.grant.id })).rows.find(
      (m) => m.type === 'paid_to_centre' && m.centreId === first.centreId,
    );
    if (!payout) throw new Error('no payout');
    await api.call('movements.reverse', {
      id: payout.id,
      date: '2024-12-01',
      reason: 'Feil konto hos senteret; betales på nytt.',
    });
    await api.call('centreReports.record', {
      allocationId: second.id,
      reportStatus: 'venter',
      reportDueDate: '2024-12-15',
    });
    await api.call('grants.addDeadline', {
      grantId: c.taushet.id,
      dueDate: '2024-12-01',
      description: 'Sluttrapport til Sekretariatet for konfliktrådene',
    });
    const kjokken = await api.call('grants.create', {
      projectId: c.seed.projects.kjokkenKultur.id,
      funderId: c.seed.funders.dnb.id,
      title: 'KjøkkenKultur – Mat for Mestring',
      periodFrom: '2023-01-01',
      periodTo: '2024-12-31',
      appliedOre: kroner(1_120_000),
      adminRule: 'none',
    });
    await api.call('grants.setStatus', { id: kjokken.id, status: 'sokt' });
    await api.call('grants.setStatus', {
      id: kjokken.id,
      status: 'innvilget',
      awardedOre: kroner(1_120_000),
      decisionDate: '2022-12-01',
    });
    await api.call('movements.record', {
      grantId: kjokken.id,
      type: 'received',
      date: '2023-01-20',
      amountOre: kroner(560_000),
    });

    const o = await api.call('yearEnd.overview', { year: 2024 });
    const byKey = new Map(o.items.map((i) => [i.key, i]));
    expect(byKey.get(`allocation_unpaid:${first.id}`)).toMatchObject({
      kind: 'allocation_unpaid',
      allocationId: first.id,
      amountOre: first.awardedOre,
    });
    expect(byKey.get(`report_overdue:${second.id}`)?.title).toMatch(/hadde frist 15\.12\.2024$/);
    const notReceived = byKey.get(`grant_not_received:${kjokken.id}`);
    expect(notReceived?.amountOre).toBe(kroner(560_000));
    expect(plain(notReceived?.title)).toBe(
      '«KjøkkenKultur – Mat for Mestring»: mottatt 560 000 kr av 1 120 000 kr innvilget til og med 2024',
    );
    expect(o.items.some((i) => i.kind === 'deadline_overdue')).toBe(true);
    expect(byKey.has(`balance:${kjokken.id}`)).toBe(true);
    // Juleaksjonen 2024 got the payout back, so its balance needs a decision too.
    expect(byKey.get(`balance:${c.grant.id}`)?.amountOre).toBe(first.awardedOre);
    expect(o.canClose).toBe(false);
  });
});

describe('yearEnd.close', () => {
  it('is refused while the checklist has open items, naming them, and changes nothing', async () => {
    const error = await refusedWithoutChange('yearEnd.close', { year: 2024 });
    expect(error.code).toBe('CONFLICT');
    expect(plain(error.message)).toBe(
      'Regnskapsåret 2024 kan ikke avsluttes: ett punkt på sjekklisten er åpent: «Ekstra driftsmidler 2024»: utgående saldo 1 300 000 kr uten beslutning. Løs punktene, eller bekreft et unntak med begrunnelse for hvert av dem.',
    );
    expect(error.issues?.map((i) => [i.path, plain(i.message)])).toEqual([
      [`items.balance:${c.extra.id}`, expect.stringContaining('1 300 000 kr')],
    ]);
  });

  it('closes after the balance is carried forward with the funder’s approval, with a backup, an event and a log row', async () => {
    const decided = await carryForwardExtra(api, c);
    expect(decided.grants.find((g) => g.grantId === c.extra.id)?.decision).toMatchObject({
      decision: 'carried_forward',
      amountOre: EXTRA_CLOSING_2024,
      approvalRef: 'Bufdir 24/3311-7',
      approvalDate: '2024-12-18',
      stale: false,
    });
    expect(decided).toMatchObject({ items: [], openItemCount: 0, canClose: true });

    const o = await api.call('yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });
    expect(o).toMatchObject({
      status: 'closed',
      lockedByYear: 2024,
      closedBy: 'administrasjonsleder',
      closeReason: 'Overlevert regnskapsfører.',
      canClose: false,
    });
    expect(o.events).toEqual([
      expect.objectContaining({
        year: 2024,
        action: 'close',
        actor: 'administrasjonsleder',
        reason: 'Overlevert regnskapsfører.',
      }),
    ]);
    const backups = await api.call('backups.list', {});
    expect(backups.map((b) => b.reason)).toContain('pre-year-close');
    const log = auditRows(api.sqlite).filter((r) => r.entity === 'fiscal_year');
    expect(log).toEqual([
      expect.objectContaining({
        entity_id: 2024,
        action: 'create',
        reason: 'Overlevert regnskapsfører.',
      }),
    ]);
    expect(JSON.parse(log[0]?.after_json ?? '{}')).toMatchObject({ status: 'closed' });

    const again = await refusedWithoutChange('yearEnd.close', { year: 2024 });
    expect(again).toMatchObject({ code: 'CONFLICT' });
    expect(again.message).toMatch(/^Regnskapsåret 2024 er allerede avsluttet/);
  });

  it('closes when every open item is confirmed as an exception with a reason', async () => {
    const before = await api.call('yearEnd.overview', { year: 2024 });
    const key = `balance:${c.extra.id}`;
    const o = await api.call('yearEnd.confirmException', {
      year: 2024,
      itemKey: key,
      reason: 'Bufdir avklarer bruken av midlene i februar.',
    });
    expect(before.openItemCount).toBe(1);
    expect(o.items[0]?.exception).toMatchObject({
      reason: 'Bufdir avklarer bruken av midlene i februar.',
      actor: 'administrasjonsleder',
    });
    expect(o).toMatchObject({ openItemCount: 0, canClose: true });
    expect(auditRows(api.sqlite).some((r) => r.entity === 'checklist_exception')).toBe(true);
    const closedNow = await api.call('yearEnd.close', { year: 2024 });
    expect(closedNow.status).toBe('closed');
  });

  it('refuses an exception for a point that is not on the list', async () => {
    const error = await refusedWithoutChange('yearEnd.confirmException', {
      year: 2024,
      itemKey: 'balance:99999',
      reason: 'Finnes ikke.',
    });
    expect(error).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'itemKey' }] });
  });
});

describe('yearEnd.decideBalance', () => {
  it('needs the approval reference and date to carry a balance forward (BAD_INPUT, nothing changed)', async () => {
    const error = await refusedWithoutChange('yearEnd.decideBalance', {
      grantId: c.extra.id,
      year: 2024,
      decision: 'carried_forward',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['approvalDate', 'approvalRef']);
    expect(error.message).toMatch(/Godkjenning fra tilskuddsyter \(referanse\) må fylles ut/);
  });

  it('records an amount owed to the funder when the balance is to be repaid', async () => {
    const o = await api.call('yearEnd.decideBalance', {
      grantId: c.extra.id,
      year: 2024,
      decision: 'to_repay',
      note: 'Bufdir ber om tilbakebetaling.',
    });
    expect(o.grants.find((g) => g.grantId === c.extra.id)?.decision).toMatchObject({
      decision: 'to_repay',
      amountOre: EXTRA_CLOSING_2024,
      approvalRef: null,
    });
  });

  it('asks again when the balance changes after the decision', async () => {
    await carryForwardExtra(api, c);
    await api.call('movements.record', {
      grantId: c.extra.id,
      type: 'own_costs',
      date: '2024-12-30',
      amountOre: kroner(100_000),
    });
    const o = await api.call('yearEnd.overview', { year: 2024 });
    expect(o.grants.find((g) => g.grantId === c.extra.id)).toMatchObject({
      needsDecision: true,
      decision: { stale: true, amountOre: EXTRA_CLOSING_2024 },
    });
    expect(plain(o.items[0]?.title)).toBe(
      '«Ekstra driftsmidler 2024»: saldoen er endret etter beslutningen (1 300 000 kr → 1 200 000 kr)',
    );
  });

  it('refuses a decision on a zero balance', async () => {
    const error = await refusedWithoutChange('yearEnd.decideBalance', {
      grantId: c.taushet.id,
      year: 2024,
      decision: 'explained',
      note: 'Alt brukt.',
    });
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toMatch(/er 0 kr; det er ingenting å beslutte/);
  });

  it('answers BAD_INPUT for malformed input and changes nothing', async () => {
    for (const input of [
      {},
      { grantId: 'x', year: 2024, decision: 'to_repay' },
      { grantId: c.extra.id, year: 24, decision: 'to_repay' },
      { grantId: c.extra.id, year: 2024, decision: 'behold' },
      { grantId: c.extra.id, year: 2024, decision: 'explained' },
    ]) {
      const error = await refusedWithoutChange('yearEnd.decideBalance', input);
      expect(error.code).toBe('BAD_INPUT');
    }
  });
});

describe('the lock on a closed year', () => {
  it('refuses movements dated 2024 through the API, and accepts 2025', async () => {
    await closed2024();
    const record = await refusedWithoutChange('movements.record', {
      grantId: c.extra.id,
      type: 'own_costs',
      date: '2024-12-31',
      amountOre: kroner(1_000),
    });
    expect(record).toEqual({
      code: 'CONFLICT',
      message: CLOSED_2024,
      issues: [{ path: 'date', message: CLOSED_2024 }],
    });
    // Earlier years too: a 2023 movement would change 2024's opening balance.
    const earlier = await refusedWithoutChange('movements.record', {
      grantId: c.jul23.id,
      type: 'own_costs',
      date: '2023-12-31',
      amountOre: kroner(1),
    });
    expect(earlier.message).toBe(CLOSED_2024);

    const movement = (await api.call('movements.list', { grantId: c.extra.id })).rows[1];
    if (!movement) throw new Error('no movement');
    const reverse = await refusedWithoutChange('movements.reverse', {
      id: movement.id,
      date: '2024-12-31',
      reason: 'Feil beløp.',
    });
    expect(reverse.message).toBe(CLOSED_2024);
    const transfer = await refusedWithoutChange('movements.transfer', {
      fromGrantId: c.extra.id,
      toGrantId: c.taushet.id,
      date: '2024-12-31',
      amountOre: kroner(1_000),
      approvalRef: 'X',
      approvalDate: '2024-12-30',
    });
    expect(transfer.message).toBe(CLOSED_2024);

    // 2025 is open: a new movement works, and a correction of a 2024 movement dated 2025
    // when asked for explicitly (issue 10.1).
    await api.call('movements.record', {
      grantId: c.extra.id,
      type: 'own_costs',
      date: '2025-01-10',
      amountOre: kroner(50_000),
    });
    const unasked = await refusedWithoutChange('movements.reverse', {
      id: movement.id,
      date: '2025-01-12',
      reason: 'Kostnaden hørte til et annet prosjekt.',
    });
    expect(unasked.message).toBe(CLOSED_2024);
    const reversal = await api.call('movements.reverse', {
      id: movement.id,
      date: '2025-01-12',
      reason: 'Kostnaden hørte til et annet prosjekt.',
      inFirstOpenYear: true,
    });
    expect(reversal[0]).toMatchObject({ date: '2025-01-12', reversesId: movement.id });
  });

  it('refuses changing awards decided in 2024 through the API', async () => {
    await closed2024();
    const first = c.paid.allocations[0];
    if (!first) throw new Error('no allocation');
    for (const decisionDate of ['2024-10-20', '2025-01-15']) {
      const error = await refusedWithoutChange('allocations.decide', {
        roundId: c.paid.id,
        decisionDate,
        awards: [{ allocationId: first.id, awardedOre: first.awardedOre ?? 0 }],
      });
      expect(error).toMatchObject({ code: 'CONFLICT', message: CLOSED_2024 });
      expect(error.issues?.[0]?.path).toBe('decisionDate');
    }
    const payout = await refusedWithoutChange('centreReports.recordReturn', {
      allocationId: first.id,
      date: '2024-12-31',
      amountOre: kroner(100),
    });
    expect(payout.message).toBe(CLOSED_2024);
    // The trigger is the backstop: an award field changed by grants.update (no own check)
    // is refused with the same answer.
    const jul = await api.call('grants.get', { id: c.grant.id });
    // Same admin share (91 631,95 kr), written as a fixed amount: the rule is award data.
    const rule = await refusedWithoutChange('grants.update', {
      id: jul.id,
      projectId: jul.projectId,
      funderId: jul.funderId,
      title: jul.title,
      adminRule: 'fixed',
      adminFixedOre: jul.adminShareOre,
      editionYear: jul.editionYear,
      appliedOre: jul.appliedOre,
    });
    expect(rule).toMatchObject({ code: 'CONFLICT', message: CLOSED_2024 });
    const split = await refusedWithoutChange('grants.setYearSplit', {
      id: jul.id,
      splits: [
        { year: 2024, amountOre: kroner(1_832_639) - 1 },
        { year: 2025, amountOre: 1 },
      ],
    });
    expect(split).toMatchObject({ code: 'CONFLICT', message: CLOSED_2024 });
    const decide = await refusedWithoutChange('yearEnd.decideBalance', {
      grantId: c.extra.id,
      year: 2024,
      decision: 'to_repay',
    });
    expect(decide.message).toBe(CLOSED_2024);

    // What is not money stays editable: the centre's report on its 2024 award, in 2025.
    const reported = await api.call('centreReports.record', {
      allocationId: first.id,
      reportReceivedDate: '2025-01-18',
      spentOre: first.paidOre,
      participantsReached: 12,
      reportStatus: 'mottatt',
    });
    expect(reported.allocations.find((a) => a.id === first.id)?.reportStatus).toBe('mottatt');
    const titled = await api.call('grants.update', {
      id: jul.id,
      projectId: jul.projectId,
      funderId: jul.funderId,
      title: 'Juleaksjonen 2024 – JuleVinter',
      adminRule: jul.adminRule,
      adminBasisPoints: jul.adminBasisPoints,
      editionYear: jul.editionYear,
      appliedOre: jul.appliedOre,
      appliedDate: jul.appliedDate,
      periodFrom: jul.periodFrom,
      periodTo: jul.periodTo,
      activityFrom: jul.activityFrom,
      activityTo: jul.activityTo,
      kssShareOre: jul.kssShareOre,
      schemeName: jul.schemeName,
      reference: jul.reference,
    });
    expect(titled.title).toBe('Juleaksjonen 2024 – JuleVinter');
  });

  it('is enforced by the database for raw SQL', async () => {
    await closed2024();
    const now = Date.now();
    const insertMovement = `insert into movements (grant_id, date, type, amount_ore, created_at_ms, actor)
                            values (?, ?, 'own_costs', 100, ?, 'x')`;
    expect(sqlRefused(insertMovement, [c.extra.id, '2024-06-01', now])).toBe('year closed: 2024');
    expect(sqlRefused(insertMovement, [c.jul23.id, '2023-06-01', now])).toBe('year closed: 2024');
    const reversalOf = api.sqlite
      .prepare(`select id from movements where grant_id = ? and type = 'own_costs'`)
      .get(c.extra.id) as { id: number };
    expect(
      sqlRefused(
        `insert into movements (grant_id, date, type, amount_ore, reverses_id, created_at_ms, actor)
         values (?, '2024-12-31', 'own_costs', -100, ?, ?, 'x')`,
        [c.extra.id, reversalOf.id, now],
      ),
    ).toBe('year closed: 2024');

    const allocation = c.paid.allocations[0];
    if (!allocation) throw new Error('no allocation');
    expect(
      sqlRefused('update allocations set awarded_ore = awarded_ore + 1 where id = ?', [
        allocation.id,
      ]),
    ).toBe('year closed: 2024');
    expect(
      sqlRefused(`update allocations set decision_date = '2025-01-02' where id = ?`, [
        allocation.id,
      ]),
    ).toBe('year closed: 2024');
    expect(sqlRefused('delete from allocations where id = ?', [allocation.id])).toBe(
      'year closed: 2024',
    );
    expect(
      sqlRefused(
        `insert into allocations (round_id, centre_id, applied_ore, awarded_ore, decision_date,
                                  report_status, created_at_ms, updated_at_ms)
         values (?, ?, 100, 100, '2024-12-01', 'venter', 0, 0)`,
        [c.round.id, c.centres.oslo.id],
      ),
    ).toBe('year closed: 2024');
    expect(
      sqlRefused('update grant_year_splits set amount_ore = amount_ore where grant_id = ?', [
        c.extra.id,
      ]),
    ).toBe('year closed: 2024');
    expect(sqlRefused('delete from grant_year_splits where grant_id = ?', [c.extra.id])).toBe(
      'year closed: 2024',
    );
    expect(sqlRefused('update grants set awarded_ore = 1 where id = ?', [c.extra.id])).toBe(
      'year closed: 2024',
    );
    expect(sqlRefused(`update balance_decisions set note = 'endret' where year = 2024`)).toBe(
      'year closed: 2024',
    );
    expect(
      sqlRefused(
        `insert into checklist_exceptions (year, item_key, reason, actor, created_at_ms)
         values (2024, 'x:1', 'grunn', 'x', 0)`,
      ),
    ).toBe('year closed: 2024');
    // The status changes only with an event, and events are never edited.
    expect(sqlRefused(`update fiscal_years set status = 'open' where year = 2024`)).toMatch(
      /needs a close or reopen event/,
    );
    expect(sqlRefused('delete from fiscal_years')).toMatch(/kept/);
    expect(sqlRefused(`update fiscal_year_events set reason = 'x'`)).toMatch(/append-only/);
    expect(sqlRefused('delete from fiscal_year_events')).toMatch(/append-only/);
    expect(
      sqlRefused(
        `insert into fiscal_year_events (year, action, at_ms, actor, reason) values (2024, 'reopen', 0, 'x', '  ')`,
      ),
    ).toMatch(/CHECK constraint/);

    // The report on the award, and 2025 movements, are not locked.
    api.sqlite
      .prepare(`update allocations set report_text = 'Levert' where id = ?`)
      .run(allocation.id);
    api.sqlite.prepare(insertMovement).run(c.extra.id, '2025-01-05', now);
  });

  it('opens again only with a reason; both events are recorded; then 2024 can change', async () => {
    await closed2024();
    const noReason = await refusedWithoutChange('yearEnd.reopen', { year: 2024 });
    expect(noReason).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'reason' }] });
    const blank = await refusedWithoutChange('yearEnd.reopen', { year: 2024, reason: '   ' });
    expect(blank.message).toBe('Begrunnelse må fylles ut.');

    const o = await api.call('yearEnd.reopen', {
      year: 2024,
      reason: 'Regnskapsfører fant et bilag som manglet.',
    });
    expect(o).toMatchObject({ status: 'open', lockedByYear: null, closedAtMs: null });
    expect(o.events.map((e) => [e.action, e.reason])).toEqual([
      ['close', 'Overlevert regnskapsfører.'],
      ['reopen', 'Regnskapsfører fant et bilag som manglet.'],
    ]);
    const log = auditRows(api.sqlite).filter((r) => r.entity === 'fiscal_year');
    expect(log.map((r) => [r.action, r.reason])).toEqual([
      ['create', 'Overlevert regnskapsfører.'],
      ['update', 'Regnskapsfører fant et bilag som manglet.'],
    ]);
    expect(JSON.parse(log[1]?.before_json ?? '{}')).toMatchObject({ status: 'closed' });
    expect(JSON.parse(log[1]?.after_json ?? '{}')).toMatchObject({ status: 'open' });

    const m = await api.call('movements.record', {
      grantId: c.extra.id,
      type: 'own_costs',
      date: '2024-12-31',
      amountOre: kroner(1_000),
      voucherRef: 'B-2024-499',
    });
    expect(m.date).toBe('2024-12-31');
    const notClosed = await refusedWithoutChange('yearEnd.reopen', {
      year: 2024,
      reason: 'Igjen.',
    });
    expect(notClosed.message).toBe('Regnskapsåret 2024 er ikke avsluttet, og kan ikke gjenåpnes.');
  });

  it('reopens a year only after the later closed years', async () => {
    await closed2024();
    await api.call('yearEnd.decideBalance', {
      grantId: c.extra.id,
      year: 2025,
      decision: 'carried_forward',
      approvalRef: 'Bufdir 25/10',
      approvalDate: '2025-12-15',
    });
    // 2025's open points (the centres' reports on Juleaksjonen 2024 …) are accepted as exceptions.
    for (const item of (await api.call('yearEnd.overview', { year: 2025 })).items) {
      await api.call('yearEnd.confirmException', {
        year: 2025,
        itemKey: item.key,
        reason: 'Følges opp i 2026.',
      });
    }
    await api.call('yearEnd.close', { year: 2025 });
    const error = await refusedWithoutChange('yearEnd.reopen', { year: 2024, reason: 'Feil.' });
    expect(error.message).toBe(
      'Regnskapsåret 2025 er også avsluttet, og inngående saldo for 2025 bygger på 2024. Gjenåpne 2025 først.',
    );
    await api.call('yearEnd.reopen', { year: 2025, reason: 'Feil i 2024.' });
    const o = await api.call('yearEnd.reopen', { year: 2024, reason: 'Feil.' });
    expect(o.status).toBe('open');
  });
});

describe('carry-forward', () => {
  it('the closing balance of 2024 is the opening balance of 2025', async () => {
    await closed2024();
    const [b2024, b2025] = await api.call('balances.forGrant', {
      grantId: c.extra.id,
      fromYear: 2024,
      toYear: 2025,
    });
    expect(b2024?.closingOre).toBe(EXTRA_CLOSING_2024);
    expect(b2025?.openingOre).toBe(EXTRA_CLOSING_2024);
    const o2025 = await api.call('yearEnd.overview', { year: 2025 });
    expect(o2025.grants.find((g) => g.grantId === c.extra.id)?.balance).toMatchObject({
      year: 2025,
      openingOre: EXTRA_CLOSING_2024,
      closingOre: EXTRA_CLOSING_2024,
    });
    expect(o2025.status).toBe('open');
  });
});
