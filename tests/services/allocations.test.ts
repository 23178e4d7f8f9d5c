/**
 * Sub-allocations on a real SQLite file through the dispatch: the Juleaksjonen 2024 round
 * from applications to payouts and a return in 2025, the membership rule with its override,
 * the pot limit (invariant 3), and the rules around payouts, returns and kept funds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../src-shared/api/contract';
import { distribute } from '../../src-shared/allocations/rules';
import { closingOf } from '../../src-shared/grants/rules';
import { formatOre, kroner } from '../../src-shared/kernel/money';
import {
  decideProportionally,
  JULEAKSJONEN_ADMIN_ORE,
  JULEAKSJONEN_POT_ORE,
  juleaksjonenCase,
  registerMembers,
  type JuleaksjonenCase,
} from '../helpers/allocations';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024 } from '../helpers/grants';

let api: TestApi;
beforeEach(() => {
  api = makeDispatch({ today: '2024-09-15' });
});
afterEach(() => api.cleanup());

async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('the Juleaksjonen 2024 round', () => {
  let c: JuleaksjonenCase;
  beforeEach(async () => {
    c = await juleaksjonenCase(api);
  });

  it('has a pot of 1 945 000 kr minus the admin share, and 17 applications', () => {
    expect(c.grant.awardedOre).toBe(kroner(1_832_639));
    expect(c.grant.transferInOre).toBe(kroner(112_361));
    expect(c.grant.baseOre + c.grant.transferInOre).toBe(kroner(1_945_000));
    expect(c.grant.adminShareOre).toBe(JULEAKSJONEN_ADMIN_ORE);
    expect(c.round.potOre).toBe(JULEAKSJONEN_POT_ORE);
    expect(formatOre(c.round.potOre)).toBe('1\u00a0853\u00a0368,05\u00a0kr');
    expect(c.round.centreCount).toBe(17);
    expect(c.round.allocations).toHaveLength(17);
    expect(c.round.allocations.every((a) => a.reportDueDate === '2025-04-30')).toBe(true);
    expect(c.round.allocations.every((a) => a.reportStatus === 'venter')).toBe(true);
  });

  it('distributes the pot exactly, pays out in November and keeps the 2024 ledger balanced', async () => {
    const decided = await decideProportionally(api, c.round);
    const awards = decided.allocations.map((a) => a.awardedOre ?? 0);
    expect(awards.every((a) => a > 0)).toBe(true);
    expect(sum(awards)).toBe(JULEAKSJONEN_POT_ORE);
    expect(decided.awardedTotalOre).toBe(JULEAKSJONEN_POT_ORE);
    expect(decided.remainingOre).toBe(0);
    // The same figures the round page previews.
    expect(awards).toEqual(
      distribute(
        c.round.potOre,
        c.round.allocations.map((a) => a.appliedOre),
        'proportional',
      ),
    );

    // Invariant 3: admin share + allocated = awarded + transferred in, nothing left.
    const grant = await api.call('grants.get', { id: c.grant.id });
    expect(grant.allocatedOre).toBe(JULEAKSJONEN_POT_ORE);
    expect(grant.adminShareOre + grant.allocatedOre).toBe(grant.baseOre + grant.transferInOre);
    expect(grant.availableOre).toBe(0);

    const paid = await api.call('allocations.markPaid', {
      allocationIds: decided.allocations.map((a) => a.id),
      date: '2024-11-05',
      voucherRef: 'B-2024-412',
    });
    expect(paid.paidTotalOre).toBe(JULEAKSJONEN_POT_ORE);
    expect(paid.allocations.every((a) => a.paidOre === a.awardedOre)).toBe(true);
    expect(paid.allocations.every((a) => a.lastPaidDate === '2024-11-05')).toBe(true);

    const moves = (await api.call('movements.list', { grantId: c.grant.id })).rows;
    const payouts = moves.filter((m) => m.type === 'paid_to_centre');
    expect(payouts).toHaveLength(17);
    expect(payouts.every((m) => m.voucherRef === 'B-2024-412' && m.centreId !== null)).toBe(true);
    expect(sum(payouts.map((m) => m.amountOre))).toBe(JULEAKSJONEN_POT_ORE);
    const links = api.sqlite
      .prepare(
        `select count(*) as n from movements m join allocations a on a.id = m.allocation_id
          where m.type = 'paid_to_centre' and a.centre_id = m.centre_id and m.amount_ore = a.awarded_ore`,
      )
      .get() as { n: number };
    expect(links.n).toBe(17);

    // Invariant 2 for 2024: everything in has gone out; the closing balance is 0.
    const [y2024] = await api.call('balances.forGrant', {
      grantId: c.grant.id,
      fromYear: 2024,
      toYear: 2024,
    });
    expect(y2024).toMatchObject({
      openingOre: 0,
      receivedOre: kroner(1_832_639),
      transferInOre: kroner(112_361),
      adminShareOre: JULEAKSJONEN_ADMIN_ORE,
      paidToCentresOre: JULEAKSJONEN_POT_ORE,
      closingOre: 0,
    });
    expect(y2024 && closingOf(y2024)).toBe(0);

    // A second payout of the same awards has nothing to pay.
    const error = await refusedWithoutChange('allocations.markPaid', {
      allocationIds: decided.allocations.map((a) => a.id),
      date: '2024-11-20',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/allerede utbetalt/);
  });

  it('puts a return dated 20.03.2025 into the 2025 balance, not 2024', async () => {
    const decided = await decideProportionally(api, c.round);
    await api.call('allocations.markPaid', {
      allocationIds: decided.allocations.map((a) => a.id),
      date: '2024-11-05',
    });
    const bergen = decided.allocations.find((a) => a.centreId === c.centres.bergen.id);
    if (!bergen) throw new Error('Bergen applied');
    const after = await api.call('centreReports.recordReturn', {
      allocationId: bergen.id,
      date: '2025-03-20',
      amountOre: kroner(12_500.5),
      voucherRef: 'B-2025-101',
    });
    const row = after.allocations.find((a) => a.id === bergen.id);
    expect(row?.returnedOre).toBe(kroner(12_500.5));
    expect(after.returnedTotalOre).toBe(kroner(12_500.5));

    const balances = await api.call('balances.forGrant', {
      grantId: c.grant.id,
      fromYear: 2024,
      toYear: 2025,
    });
    const [y2024, y2025] = balances;
    expect(y2024?.returnedOre).toBe(0);
    expect(y2024?.closingOre).toBe(0);
    expect(y2025).toMatchObject({ openingOre: 0, returnedOre: kroner(12_500.5) });
    expect(y2025?.closingOre).toBe(kroner(12_500.5));
    for (const b of balances) expect(closingOf(b)).toBe(b.closingOre);

    const move = (await api.call('movements.list', { grantId: c.grant.id })).rows.find(
      (m) => m.type === 'returned_by_centre',
    );
    expect(move).toMatchObject({ date: '2025-03-20', centreId: c.centres.bergen.id });
  });

  it('flags centres that have announced that they leave', async () => {
    const decided = await decideProportionally(api, c.round);
    const byCentre = new Map(decided.allocations.map((a) => [a.centreId, a]));
    expect(byCentre.get(c.centres.halden.id)).toMatchObject({
      isMember: true,
      leavingDate: '2024-12-31',
    });
    expect(byCentre.get(c.centres.fredrikstad.id)?.leavingDate).toBe('2024-12-31');
    expect(byCentre.get(c.centres.bergen.id)?.leavingDate).toBeNull();
  });

  it('refuses awards above the pot with CONFLICT naming the amount over', async () => {
    const parts = distribute(
      c.round.potOre + 150,
      c.round.allocations.map((a) => a.appliedOre),
      'proportional',
    );
    const error = await refusedWithoutChange('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: c.round.allocations.map((a, i) => ({ allocationId: a.id, awardedOre: parts[i] })),
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      `Summen av tildelingene (${formatOre(c.round.potOre + 150)}) er høyere enn potten (${formatOre(c.round.potOre)}) med 1,50\u00a0kr.`,
    );
  });

  it('counts the awards already saved when a later decision adds to them', async () => {
    const [first, second] = c.round.allocations;
    if (!first || !second) throw new Error('two applications');
    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: [{ allocationId: first.id, awardedOre: c.round.potOre - kroner(1000) }],
    });
    const error = await refusedWithoutChange('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-21',
      awards: [{ allocationId: second.id, awardedOre: kroner(1000) + 1 }],
    });
    expect(error.message).toMatch(/med 0,01\u00a0kr\.$/);
    const ok = await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-21',
      awards: [{ allocationId: second.id, awardedOre: kroner(1000) }],
    });
    expect(ok.remainingOre).toBe(0);
  });

  it('shows totals per region and the round in the list', async () => {
    const decided = await decideProportionally(api, c.round);
    expect(decided.regionTotals.map((r) => r.region)).toEqual(['sor-ost', 'nord', 'midt-vest']);
    expect(sum(decided.regionTotals.map((r) => r.centreCount))).toBe(17);
    expect(sum(decided.regionTotals.map((r) => r.awardedOre))).toBe(JULEAKSJONEN_POT_ORE);
    expect(sum(decided.regionTotals.map((r) => r.appliedOre))).toBe(decided.appliedTotalOre);
    const nord = decided.regionTotals.find((r) => r.region === 'nord');
    expect(nord?.centreCount).toBe(decided.allocations.filter((a) => a.region === 'nord').length);

    const list = await api.call('rounds.list', { grantId: c.grant.id });
    expect(list.rows).toHaveLength(1);
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({
      id: c.round.id,
      grantTitle: 'Juleaksjonen 2024',
      funderName: 'Gjensidigestiftelsen',
      awardedTotalOre: JULEAKSJONEN_POT_ORE,
      centreCount: 17,
    });
    expect((await api.call('rounds.list', {})).rows).toHaveLength(1);
  });

  it('writes every change to the change log', async () => {
    const decided = await decideProportionally(api, c.round);
    const rows = auditRows(api.sqlite);
    expect(
      rows.filter((r) => r.entity === 'allocation_round' && r.action === 'create'),
    ).toHaveLength(1);
    expect(rows.filter((r) => r.entity === 'allocation' && r.action === 'create')).toHaveLength(17);
    const updates = rows.filter((r) => r.entity === 'allocation' && r.action === 'update');
    expect(updates).toHaveLength(17);
    const one = updates[0];
    expect(JSON.parse(one?.before_json ?? '{}')).toMatchObject({ awardedOre: null });
    const award = decided.allocations.find((a) => a.id === one?.entity_id)?.awardedOre;
    expect(JSON.parse(one?.after_json ?? '{}')).toMatchObject({
      awardedOre: award,
      decisionDate: '2024-10-20',
    });
  });

  it('pays only what is not yet paid after an award is raised', async () => {
    const [first, second] = c.round.allocations;
    if (!first || !second) throw new Error('two applications');
    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: [
        { allocationId: first.id, awardedOre: kroner(50_000) },
        { allocationId: second.id, awardedOre: kroner(40_000) },
      ],
    });
    await api.call('allocations.markPaid', { allocationIds: [first.id], date: '2024-11-01' });
    const lower = await refusedWithoutChange('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-11-10',
      awards: [{ allocationId: first.id, awardedOre: kroner(49_999) }],
    });
    expect(lower.code).toBe('CONFLICT');
    expect(lower.message).toMatch(/lavere enn det som allerede er utbetalt/);

    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-11-10',
      awards: [{ allocationId: first.id, awardedOre: kroner(60_000) }],
    });
    const round = await api.call('allocations.markPaid', {
      allocationIds: [first.id, second.id],
      date: '2024-11-15',
    });
    const moves = (await api.call('movements.list', { grantId: c.grant.id })).rows.filter(
      (m) => m.type === 'paid_to_centre',
    );
    expect(moves.map((m) => m.amountOre)).toEqual([kroner(50_000), kroner(10_000), kroner(40_000)]);
    expect(round.allocations.find((a) => a.id === first.id)?.paidOre).toBe(kroner(60_000));
  });

  it('refuses payouts without an award or before the decision', async () => {
    const [first, second] = c.round.allocations;
    if (!first || !second) throw new Error('two applications');
    const none = await refusedWithoutChange('allocations.markPaid', {
      allocationIds: [first.id],
      date: '2024-11-01',
    });
    expect(none.code).toBe('CONFLICT');
    expect(none.message).toContain(`«${first.centreName}» har ingen vedtatt tildeling`);

    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: [{ allocationId: first.id, awardedOre: kroner(1000) }],
    });
    const early = await refusedWithoutChange('allocations.markPaid', {
      allocationIds: [first.id],
      date: '2024-10-19',
    });
    expect(early.code).toBe('BAD_INPUT');
    expect(early.message).toMatch(
      /Utbetalingsdato \(19\.10\.2024\).*vedtaksdatoen \(20\.10\.2024\)/,
    );
  });

  it('a reversed payout keeps its allocation link, so it can be paid again', async () => {
    const [first] = c.round.allocations;
    if (!first) throw new Error('one application');
    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: [{ allocationId: first.id, awardedOre: kroner(20_000) }],
    });
    await api.call('allocations.markPaid', { allocationIds: [first.id], date: '2024-11-01' });
    const payout = (await api.call('movements.list', { grantId: c.grant.id })).rows.find(
      (m) => m.type === 'paid_to_centre',
    );
    if (!payout) throw new Error('payout recorded');
    await api.call('movements.reverse', {
      id: payout.id,
      date: '2024-11-02',
      reason: 'Feil kontonummer.',
    });
    const round = await api.call('rounds.get', { id: c.round.id });
    const row = round.allocations.find((a) => a.id === first.id);
    expect(row).toMatchObject({ paidOre: 0, lastPaidDate: null });
    const again = await api.call('allocations.markPaid', {
      allocationIds: [first.id],
      date: '2024-11-03',
    });
    expect(again.allocations.find((a) => a.id === first.id)?.paidOre).toBe(kroner(20_000));
  });

  it('keeps returned + kept within what was paid', async () => {
    const [first] = c.round.allocations;
    if (!first) throw new Error('one application');
    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: [{ allocationId: first.id, awardedOre: kroner(20_000) }],
    });
    const unpaid = await refusedWithoutChange('centreReports.recordReturn', {
      allocationId: first.id,
      date: '2025-03-20',
      amountOre: kroner(1),
    });
    expect(unpaid.code).toBe('CONFLICT');
    await api.call('allocations.markPaid', { allocationIds: [first.id], date: '2024-11-01' });
    await api.call('centreReports.keepUnused', {
      allocationId: first.id,
      amountOre: kroner(3_000),
      approvalRef: 'KSS-2025-07',
    });
    await api.call('centreReports.recordReturn', {
      allocationId: first.id,
      date: '2025-03-20',
      amountOre: kroner(15_000),
    });
    const over = await refusedWithoutChange('centreReports.recordReturn', {
      allocationId: first.id,
      date: '2025-03-21',
      amountOre: kroner(2_000) + 1,
    });
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toContain('det er 0,01\u00a0kr for mye');
    const early = await refusedWithoutChange('centreReports.recordReturn', {
      allocationId: first.id,
      date: '2024-10-31',
      amountOre: kroner(1),
    });
    expect(early.code).toBe('BAD_INPUT');
    const keepMore = await refusedWithoutChange('centreReports.keepUnused', {
      allocationId: first.id,
      amountOre: kroner(5_000) + 1,
      approvalRef: 'KSS-2025-08',
    });
    expect(keepMore.code).toBe('CONFLICT');

    // Reversing the payout would leave the centre having returned more than it was paid.
    const payout = (await api.call('movements.list', { grantId: c.grant.id })).rows.find(
      (m) => m.type === 'paid_to_centre',
    );
    const reverse = await refusedWithoutChange('movements.reverse', {
      id: payout?.id,
      date: '2024-12-01',
      reason: 'Feil',
    });
    expect(reverse.code).toBe('CONFLICT');

    const round = await api.call('rounds.get', { id: c.round.id });
    expect(round.allocations.find((a) => a.id === first.id)).toMatchObject({
      paidOre: kroner(20_000),
      returnedOre: kroner(15_000),
      keptUnusedOre: kroner(3_000),
      keptApprovalRef: 'KSS-2025-07',
    });
    const kept = auditRows(api.sqlite).find(
      (r) => r.entity === 'allocation' && r.reason === 'Godkjent av KSS: KSS-2025-07',
    );
    expect(JSON.parse(kept?.after_json ?? '{}')).toMatchObject({ keptUnusedOre: kroner(3_000) });
  });

  it('refuses a change of the admin share that no longer leaves room for the awards', async () => {
    await decideProportionally(api, c.round);
    const g = c.grant;
    const error = await refusedWithoutChange('grants.update', {
      id: g.id,
      projectId: g.projectId,
      funderId: g.funderId,
      title: g.title,
      editionYear: g.editionYear,
      appliedOre: g.appliedOre,
      appliedDate: g.appliedDate,
      activityFrom: g.activityFrom,
      activityTo: g.activityTo,
      adminRule: 'percent',
      adminBasisPoints: 501,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/tildelt sentrene/);
  });

  it('refuses to reverse the transfer in that the awards depend on', async () => {
    await decideProportionally(api, c.round);
    const transfer = (await api.call('movements.list', { grantId: c.grant.id })).rows.find(
      (m) => m.type === 'transfer_in',
    );
    const error = await refusedWithoutChange('movements.reverse', {
      id: transfer?.id,
      date: '2024-12-20',
      reason: 'Overført ved en feil.',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`tildelt sentrene (${formatOre(JULEAKSJONEN_POT_ORE)})`);
    expect(error.message).toContain('differansen er 112\u00a0361\u00a0kr');
  });

  it('saves applications as upserts and leaves rows not mentioned alone', async () => {
    const [first, second] = c.round.allocations;
    if (!first || !second) throw new Error('two applications');
    const before = auditRows(api.sqlite).length;
    const round = await api.call('allocations.saveApplications', {
      roundId: c.round.id,
      rows: [
        { centreId: first.centreId, appliedOre: kroner(1), purpose: 'Endret formål' },
        {
          centreId: second.centreId,
          appliedOre: second.appliedOre,
          purpose: second.purpose,
          expectedParticipants: second.expectedParticipants,
          receivedDate: second.receivedDate,
        },
        { centreId: c.centres.oslo.id, appliedOre: kroner(10_000) },
      ],
    });
    expect(round.centreCount).toBe(18);
    expect(round.allocations.find((a) => a.id === first.id)).toMatchObject({
      appliedOre: kroner(1),
      purpose: 'Endret formål',
      expectedParticipants: null,
      receivedDate: null,
    });
    // One update (the first) and one create (Oslo); the unchanged row writes nothing.
    expect(auditRows(api.sqlite).length - before).toBe(2);

    const unknown = await refusedWithoutChange('allocations.saveApplications', {
      roundId: c.round.id,
      rows: [
        { centreId: first.centreId, appliedOre: kroner(2) },
        { centreId: c.seed.funders.gjensidige.id, appliedOre: kroner(2) },
      ],
    });
    expect(unknown.code).toBe('BAD_INPUT');
    expect(unknown.issues?.[0]?.path).toBe('rows.1.centreId');
    const twice = await refusedWithoutChange('allocations.saveApplications', {
      roundId: c.round.id,
      rows: [
        { centreId: first.centreId, appliedOre: kroner(2) },
        { centreId: first.centreId, appliedOre: kroner(3) },
      ],
    });
    expect(twice.code).toBe('BAD_INPUT');
  });

  it('removes an application only without an award or payout, with the reason logged', async () => {
    const [first, second] = c.round.allocations;
    if (!first || !second) throw new Error('two applications');
    await api.call('allocations.decide', {
      roundId: c.round.id,
      decisionDate: '2024-10-20',
      awards: [{ allocationId: first.id, awardedOre: kroner(1_000) }],
    });
    const error = await refusedWithoutChange('allocations.removeApplication', {
      id: first.id,
      reason: 'Trukket',
    });
    expect(error.code).toBe('CONFLICT');
    const round = await api.call('allocations.removeApplication', {
      id: second.id,
      reason: 'Søknaden ble trukket av senteret.',
    });
    expect(round.centreCount).toBe(16);
    const deleted = auditRows(api.sqlite).find(
      (r) => r.entity === 'allocation' && r.action === 'delete',
    );
    expect(deleted).toMatchObject({
      entity_id: second.id,
      reason: 'Søknaden ble trukket av senteret.',
    });
    expect(JSON.parse(deleted?.before_json ?? '{}')).toMatchObject({
      appliedOre: second.appliedOre,
    });
  });

  it('lists one centre’s awards across rounds and grants', async () => {
    await decideProportionally(api, c.round);
    const sommer = await awardedGrant(
      api,
      grantInput(
        c.seed.projects.sommeraksjonen.id,
        c.seed.funders.gjensidige.id,
        'Sommeraksjonen 2024',
        {
          appliedOre: kroner(1_484_475),
        },
      ),
      { awardedOre: kroner(1_484_475), decisionDate: '2024-05-02' },
    );
    const r2 = await api.call('rounds.create', { grantId: sommer.id, name: 'Sommeraksjonen 2024' });
    const withApp = await api.call('allocations.saveApplications', {
      roundId: r2.id,
      rows: [{ centreId: c.centres.bergen.id, appliedOre: kroner(78_000) }],
    });
    await api.call('allocations.decide', {
      roundId: r2.id,
      decisionDate: '2024-05-20',
      awards: [{ allocationId: withApp.allocations[0]?.id ?? 0, awardedOre: kroner(78_000) }],
    });
    const list = await api.call('allocations.byCentre', { centreId: c.centres.bergen.id });
    expect(list.map((a) => [a.roundName, a.grantTitle])).toEqual([
      ['Sommeraksjonen 2024', 'Sommeraksjonen 2024'],
      ['Juleaksjonen 2024 – JuleVinter', 'Juleaksjonen 2024'],
    ]);
    expect(await api.call('allocations.byCentre', { centreId: c.centres.oslo.id })).toEqual([]);
    const missing = await api.fail('allocations.byCentre', { centreId: 999_999 });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('passes a new report deadline on to the allocations that follow the round', async () => {
    const [first] = c.round.allocations;
    if (!first) throw new Error('one application');
    await api.call('allocations.saveApplications', {
      roundId: c.round.id,
      rows: [{ centreId: first.centreId, appliedOre: first.appliedOre }],
    });
    const r = c.round;
    const updated = await api.call('rounds.update', {
      id: r.id,
      name: r.name,
      applicationDeadline: r.applicationDeadline,
      activityFrom: r.activityFrom,
      activityTo: r.activityTo,
      reportDeadline: '2025-05-15',
    });
    expect(updated.reportDeadline).toBe('2025-05-15');
    expect(updated.allocations.every((a) => a.reportDueDate === '2025-05-15')).toBe(true);
    expect(
      auditRows(api.sqlite).filter((x) => x.reason === 'Rapportfristen for runden er endret.'),
    ).toHaveLength(17);
  });
});

describe('membership on the decision date (invariant 4)', () => {
  let round: Round;
  let haldenId: number;
  beforeEach(async () => {
    const seed = await seed2024(api);
    const centres = await registerMembers(api, ['halden', 'gjovik', 'alta']);
    haldenId = centres.halden.id;
    const grant = await awardedGrant(
      api,
      grantInput(
        seed.projects.sommeraksjonen.id,
        seed.funders.gjensidige.id,
        'Sommeraksjonen 2025',
        {
          appliedOre: kroner(600_000),
        },
      ),
      { awardedOre: kroner(600_000), decisionDate: '2025-04-10' },
    );
    const opened = await api.call('rounds.create', {
      grantId: grant.id,
      name: 'Sommeraksjonen 2025',
      reportDeadline: '2025-10-01',
    });
    round = await api.call('allocations.saveApplications', {
      roundId: opened.id,
      rows: [
        { centreId: centres.halden.id, appliedOre: kroner(80_000) },
        { centreId: centres.gjovik.id, appliedOre: kroner(90_000) },
        { centreId: centres.alta.id, appliedOre: kroner(70_000) },
      ],
    });
  });

  function awards(overrideReason?: string) {
    return round.allocations.map((a) => ({
      allocationId: a.id,
      awardedOre: a.appliedOre,
      ...(a.centreId === haldenId && overrideReason !== undefined ? { overrideReason } : {}),
    }));
  }

  it('refuses an award to Halden in 2025 without an override, naming the centre and date', async () => {
    const error = await refusedWithoutChange('allocations.decide', {
      roundId: round.id,
      decisionDate: '2025-05-02',
      awards: awards(),
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('«Krisesenter Halden» er ikke medlem');
    expect(error.message).toContain('02.05.2025');
    expect(error.issues?.[0]?.path).toMatch(/^awards\.\d\.overrideReason$/);

    const blank = await refusedWithoutChange('allocations.decide', {
      roundId: round.id,
      decisionDate: '2025-05-02',
      awards: awards('   '),
    });
    expect(blank.code).toBe('CONFLICT');
  });

  it('accepts it with an override and stores the reason in the allocation and the change log', async () => {
    const reason = 'Aktivitetene var planlagt og avtalt før senteret ble lagt ned.';
    const decided = await api.call('allocations.decide', {
      roundId: round.id,
      decisionDate: '2025-05-02',
      awards: awards(reason),
    });
    const halden = decided.allocations.find((a) => a.centreId === haldenId);
    expect(halden).toMatchObject({
      awardedOre: kroner(80_000),
      isMember: false,
      overrideReason: reason,
      leavingDate: null,
    });
    const stored = api.sqlite
      .prepare('select override_reason from allocations where id = ?')
      .get(halden?.id) as { override_reason: string };
    expect(stored.override_reason).toBe(reason);
    const logged = auditRows(api.sqlite).find(
      (r) => r.entity === 'allocation' && r.entity_id === halden?.id && r.action === 'update',
    );
    expect(logged?.reason).toBe(reason);
    expect(JSON.parse(logged?.after_json ?? '{}')).toMatchObject({ overrideReason: reason });
  });

  it('lets Halden be awarded in 2024, while it was still a member', async () => {
    const decided = await api.call('allocations.decide', {
      roundId: round.id,
      decisionDate: '2024-12-31',
      awards: awards(),
    });
    expect(decided.allocations.find((a) => a.centreId === haldenId)).toMatchObject({
      isMember: true,
      leavingDate: '2024-12-31',
    });
  });

  it('does not need a reason for an award of 0 kr (a refusal)', async () => {
    const decided = await api.call('allocations.decide', {
      roundId: round.id,
      decisionDate: '2025-05-02',
      awards: round.allocations
        .filter((a) => a.centreId === haldenId)
        .map((a) => ({ allocationId: a.id, awardedOre: 0 })),
    });
    expect(decided.allocations.find((a) => a.centreId === haldenId)?.awardedOre).toBe(0);
  });
});

describe('rounds.create', () => {
  it('opens rounds only on grants where KSS is forvalter, naming the role', async () => {
    const seed = await seed2024(api);
    const taushet = await awardedGrant(
      api,
      grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'Taushet tar liv 2024', {
        appliedOre: kroner(500_000),
      }),
      { awardedOre: kroner(500_000), decisionDate: '2024-02-01' },
    );
    const error = await refusedWithoutChange('rounds.create', {
      grantId: taushet.id,
      name: 'Runde',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('«Forvalter»');
    expect(error.message).toContain('rollen «Eier»');
  });

  it('refuses an activity period that ends before it starts, and unknown grants', async () => {
    const seed = await seed2024(api);
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2025'),
    );
    const bad = await refusedWithoutChange('rounds.create', {
      grantId: g.id,
      name: 'Juleaksjonen 2025',
      activityFrom: '2025-11-01',
      activityTo: '2025-10-01',
    });
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.issues?.[0]?.path).toBe('activityTo');
    const missing = await refusedWithoutChange('rounds.create', { grantId: 999_999, name: 'X' });
    expect(missing.code).toBe('NOT_FOUND');
    // A grant still being applied for may collect applications, but not be decided on.
    const open = await api.call('rounds.create', { grantId: g.id, name: 'Juleaksjonen 2025' });
    expect(open.potOre).toBe(0);
    const decide = await refusedWithoutChange('allocations.decide', {
      roundId: open.id,
      decisionDate: '2025-10-01',
      awards: [],
    });
    expect(decide.code).toBe('CONFLICT');
    expect(decide.message).toMatch(/«Utkast»/);
  });

  it('keeps a project with rounds from leaving the forvalter role', async () => {
    const seed = await seed2024(api);
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2025'),
    );
    await api.call('rounds.create', { grantId: g.id, name: 'Juleaksjonen 2025' });
    const p = seed.projects.juleaksjonen;
    const error = await refusedWithoutChange('projects.update', {
      id: p.id,
      name: p.name,
      kind: p.kind,
      kssRole: 'eier',
      status: p.status,
      recurring: p.recurring,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('tildelingsrunder');
  });
});

describe('payout balance rule', () => {
  it('refuses payouts the grant does not hold at the end of the year, naming the shortfall', async () => {
    const seed = await seed2024(api);
    const centres = await registerMembers(api, ['gjovik']);
    const grant = await awardedGrant(
      api,
      grantInput(
        seed.projects.sommeraksjonen.id,
        seed.funders.gjensidige.id,
        'Sommeraksjonen 2024',
        {
          appliedOre: kroner(100_000),
        },
      ),
      { awardedOre: kroner(100_000), decisionDate: '2024-05-01' },
    );
    await api.call('movements.record', {
      grantId: grant.id,
      type: 'received',
      date: '2024-05-10',
      amountOre: kroner(60_000),
    });
    const opened = await api.call('rounds.create', { grantId: grant.id, name: 'Sommer 2024' });
    const round = await api.call('allocations.saveApplications', {
      roundId: opened.id,
      rows: [{ centreId: centres.gjovik.id, appliedOre: kroner(100_000) }],
    });
    const id = round.allocations[0]?.id ?? 0;
    await api.call('allocations.decide', {
      roundId: round.id,
      decisionDate: '2024-05-15',
      awards: [{ allocationId: id, awardedOre: kroner(100_000) }],
    });
    const error = await refusedWithoutChange('allocations.markPaid', {
      allocationIds: [id],
      date: '2024-06-01',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('det mangler 40\u00a0000\u00a0kr');
  });
});
