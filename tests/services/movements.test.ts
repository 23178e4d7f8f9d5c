/**
 * The movement ledger and year balances on a real SQLite file: receipts, admin share, own
 * costs, repayments, transfers between grants and reversals, and the triggers that keep
 * the ledger append-only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Grant } from '../../src-shared/api/contract';
import { closingOf } from '../../src-shared/grants/rules';
import { kroner } from '../../src-shared/kernel/money';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import {
  awardedGrant,
  grantInput,
  juleaksjonen2023,
  juleaksjonen2024,
  seed2024,
  type Seed2024,
} from '../helpers/grants';

let api: TestApi;
let seed: Seed2024;
beforeEach(async () => {
  api = makeDispatch();
  seed = await seed2024(api);
});
afterEach(() => api.cleanup());

async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

/** VO-linjen 2024 (Bufdir): 800 000 kr, 10 % admin share, period 2024. */
async function voLinjen(): Promise<Grant> {
  return awardedGrant(
    api,
    grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, 'VO-linjen 2024', {
      editionYear: 2024,
      appliedOre: kroner(800_000),
      periodFrom: '2024-01-01',
      periodTo: '2024-12-31',
      adminRule: 'percent',
      adminBasisPoints: 1000,
    }),
    { awardedOre: kroner(800_000), decisionDate: '2024-01-10' },
  );
}

async function record(
  grantId: number,
  type: 'received' | 'admin_share' | 'own_costs' | 'repaid',
  date: string,
  kr: number,
) {
  return api.call('movements.record', { grantId, type, date, amountOre: kroner(kr) });
}

describe('movements.record', () => {
  it('records money received, admin share and own costs, and the year balance follows invariant 2', async () => {
    const g = await voLinjen();
    const m = await api.call('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2024-02-01',
      amountOre: kroner(800_000),
      voucherRef: 'B-2024-031',
      note: 'Første utbetaling fra Bufdir',
    });
    expect(m).toMatchObject({
      grantId: g.id,
      type: 'received',
      amountOre: kroner(800_000),
      voucherRef: 'B-2024-031',
      reversesId: null,
      reversedById: null,
      counterpartGrantId: null,
      actor: 'administrasjonsleder',
    });
    await record(g.id, 'admin_share', '2024-02-02', 80_000);
    await record(g.id, 'own_costs', '2024-06-30', 500_000);
    const [row] = await api.call('balances.forGrant', { grantId: g.id });
    expect(row).toEqual({
      year: 2024,
      openingOre: 0,
      receivedOre: kroner(800_000),
      transferInOre: 0,
      adminShareOre: kroner(80_000),
      paidToCentresOre: 0,
      ownCostsOre: kroner(500_000),
      returnedOre: 0,
      repaidOre: 0,
      transferOutOre: 0,
      closingOre: kroner(220_000),
    });
    expect(auditRows(api.sqlite).filter((r) => r.entity === 'movement')).toHaveLength(3);
  });

  it('refuses movements on a grant that is not awarded, saying its status', async () => {
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, 'VO-linjen 2025'),
    );
    await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
    const error = await refusedWithoutChange('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2025-01-10',
      amountOre: 100,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Bevegelser kan bare føres på tilskudd med status «Innvilget» eller «Delvis innvilget»; «VO-linjen 2025» har status «Søkt».',
    );
  });

  it('refuses an admin share above what the rule gives, saying how much too much', async () => {
    const g = await voLinjen();
    await record(g.id, 'received', '2024-02-01', 800_000);
    await record(g.id, 'admin_share', '2024-02-02', 50_000);
    const error = await refusedWithoutChange('movements.record', {
      grantId: g.id,
      type: 'admin_share',
      date: '2024-03-01',
      amountOre: kroner(30_001),
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Administrasjonsandel overført (samlet 80\u00a0001\u00a0kr) kan ikke overstige administrasjonsandelen etter tilskuddets regel (80\u00a0000\u00a0kr); det er 1\u00a0kr for mye.',
    );
  });

  it('refuses money out that would leave the balance negative at a year end, saying the shortfall', async () => {
    const g = await voLinjen();
    await record(g.id, 'received', '2024-02-01', 300_000);
    const error = await refusedWithoutChange('movements.record', {
      grantId: g.id,
      type: 'own_costs',
      date: '2024-05-01',
      amountOre: kroner(300_500),
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Egne kostnader (300\u00a0500\u00a0kr) gir negativ saldo på «VO-linjen 2024» ved utgangen av 2024: saldoen blir \u2212500\u00a0kr, det mangler 500\u00a0kr.',
    );
    // Costs paid before the money arrives are fine as long as the year ends at or above 0.
    await record(g.id, 'own_costs', '2024-01-15', 100_000);
    await record(g.id, 'received', '2024-09-01', 500_000);
    await record(g.id, 'repaid', '2025-01-15', 700_000);
    // A back-dated cost that would make a later year negative is refused too.
    const later = await refusedWithoutChange('movements.record', {
      grantId: g.id,
      type: 'own_costs',
      date: '2024-12-01',
      amountOre: kroner(1),
    });
    expect(later.message).toContain('ved utgangen av 2025');
  });
});

describe('movements.reverse', () => {
  it('adds a linked reversal visible in the list and restores the balance exactly', async () => {
    const g = await voLinjen();
    await record(g.id, 'received', '2024-02-01', 800_000);
    const before = await api.call('balances.forGrant', { grantId: g.id });
    const wrong = await record(g.id, 'own_costs', '2024-03-01', 12_500);
    const reversal = await api.call('movements.reverse', {
      id: wrong.id,
      date: '2024-03-02',
      reason: 'Feil tilskudd: kostnaden hører til ROSA.',
    });
    expect(reversal).toEqual([
      expect.objectContaining({
        type: 'own_costs',
        amountOre: -kroner(12_500),
        reversesId: wrong.id,
        note: 'Feil tilskudd: kostnaden hører til ROSA.',
        date: '2024-03-02',
      }),
    ]);
    const list = (await api.call('movements.list', { grantId: g.id })).rows;
    expect(list.map((m) => [m.type, m.amountOre, m.reversesId, m.reversedById])).toEqual([
      ['received', kroner(800_000), null, null],
      ['own_costs', kroner(12_500), null, reversal[0]?.id],
      ['own_costs', -kroner(12_500), wrong.id, null],
    ]);
    expect(await api.call('balances.forGrant', { grantId: g.id })).toEqual(before);
    const log = auditRows(api.sqlite).at(-1);
    expect(log).toMatchObject({
      entity: 'movement',
      action: 'create',
      reason: 'Feil tilskudd: kostnaden hører til ROSA.',
    });
  });

  it('refuses to reverse twice, to reverse a reversal, or to date a reversal before the original', async () => {
    const g = await voLinjen();
    const m = await record(g.id, 'received', '2024-02-01', 800_000);
    const early = await refusedWithoutChange('movements.reverse', {
      id: m.id,
      date: '2024-01-31',
      reason: 'Feil beløp',
    });
    expect(early).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'date' }] });
    const [r] = await api.call('movements.reverse', {
      id: m.id,
      date: '2024-02-01',
      reason: 'Feil beløp',
    });
    if (!r) throw new Error('no reversal');
    const twice = await refusedWithoutChange('movements.reverse', {
      id: m.id,
      date: '2024-02-02',
      reason: 'Igjen',
    });
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toBe(`Bevegelsen er allerede korrigert (av bevegelse nr. ${r.id}).`);
    const ofReversal = await refusedWithoutChange('movements.reverse', {
      id: r.id,
      date: '2024-02-02',
      reason: 'Angre',
    });
    expect(ofReversal.code).toBe('CONFLICT');
    expect(ofReversal.message).toContain('er selv en korrigering');
    expect(
      (await api.fail('movements.reverse', { id: 999, date: '2024-02-02', reason: 'x' })).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses to reverse a receipt whose money has been spent', async () => {
    const g = await voLinjen();
    const m = await record(g.id, 'received', '2024-02-01', 800_000);
    await record(g.id, 'own_costs', '2024-03-01', 100_000);
    const error = await refusedWithoutChange('movements.reverse', {
      id: m.id,
      date: '2024-04-01',
      reason: 'Registrert på feil tilskudd',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('det mangler 100\u00a0000\u00a0kr');
  });
});

describe('movements.transfer', () => {
  it('moves unused funds from Juleaksjonen 2023 to 2024; both grants and balances show it', async () => {
    const j23 = await juleaksjonen2023(api, seed);
    const j24 = await juleaksjonen2024(api, seed);
    const t = await api.call('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_361),
      approvalRef: 'Gjensidigestiftelsen, e-post 14.10.2024',
      approvalDate: '2024-10-14',
      voucherRef: 'B-2024-301',
      note: 'Ubrukte midler fra 2023 beholdes.',
    });
    expect(t.out).toMatchObject({
      grantId: j23.id,
      type: 'transfer_out',
      amountOre: kroner(112_361),
      counterpartGrantId: j24.id,
      counterpartGrantTitle: 'Juleaksjonen 2024',
      approvalRef: 'Gjensidigestiftelsen, e-post 14.10.2024',
      approvalDate: '2024-10-14',
    });
    expect(t.in).toMatchObject({
      grantId: j24.id,
      type: 'transfer_in',
      counterpartGrantId: j23.id,
      counterpartGrantTitle: 'Juleaksjonen 2023',
      approvalRef: 'Gjensidigestiftelsen, e-post 14.10.2024',
    });
    const row = api.sqlite
      .prepare('select counterpart_id from movements where id = ?')
      .get(t.in.id) as { counterpart_id: number };
    expect(row.counterpart_id).toBe(t.out.id);

    expect((await api.call('movements.list', { grantId: j23.id })).rows.at(-1)?.id).toBe(t.out.id);
    expect((await api.call('movements.list', { grantId: j24.id })).rows.map((m) => m.id)).toEqual([
      t.in.id,
    ]);

    const b23 = await api.call('balances.forGrant', { grantId: j23.id });
    expect(b23.map((b) => [b.year, b.openingOre, b.transferOutOre, b.closingOre])).toEqual([
      [2023, 0, 0, kroner(1_700_000)],
      [2024, kroner(1_700_000), kroner(112_361), 0],
    ]);
    const b24 = await api.call('balances.forGrant', { grantId: j24.id });
    expect(b24).toEqual([
      expect.objectContaining({
        year: 2024,
        transferInOre: kroner(112_361),
        closingOre: kroner(112_361),
      }),
    ]);
  });

  it('refuses a transfer larger than the source balance, to the same grant, or to a grant without money', async () => {
    const j23 = await juleaksjonen2023(api, seed);
    const j24 = await juleaksjonen2024(api, seed);
    const tooMuch = await refusedWithoutChange('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_362),
      approvalRef: 'GJS',
      approvalDate: '2024-10-14',
    });
    expect(tooMuch.code).toBe('CONFLICT');
    expect(tooMuch.message).toContain('det mangler 1\u00a0kr');
    const same = await refusedWithoutChange('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j23.id,
      date: '2024-10-15',
      amountOre: 100,
      approvalRef: 'GJS',
      approvalDate: '2024-10-14',
    });
    expect(same).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'toGrantId' }] });
    const draft = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2025'),
    );
    const toDraft = await refusedWithoutChange('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: draft.id,
      date: '2024-10-15',
      amountOre: 100,
      approvalRef: 'GJS',
      approvalDate: '2024-10-14',
    });
    expect(toDraft.code).toBe('CONFLICT');
    expect(toDraft.message).toContain('har status «Utkast»');
  });

  it('takes unused funds out of a closed grant', async () => {
    const j23 = await juleaksjonen2023(api, seed);
    await api.call('grants.setStatus', {
      id: j23.id,
      status: 'avsluttet',
      reason: 'Sluttrapport levert',
    });
    const j24 = await juleaksjonen2024(api, seed);
    const t = await api.call('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_361),
      approvalRef: 'GJS',
      approvalDate: '2024-10-14',
    });
    expect(t.in.amountOre).toBe(kroner(112_361));
  });

  it('reverses both legs of a transfer; the in-leg reversal points at the out-leg reversal', async () => {
    const j23 = await juleaksjonen2023(api, seed);
    const j24 = await juleaksjonen2024(api, seed);
    const before23 = await api.call('balances.forGrant', { grantId: j23.id });
    const t = await api.call('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_361),
      approvalRef: 'GJS',
      approvalDate: '2024-10-14',
    });
    const reversed = await api.call('movements.reverse', {
      id: t.in.id,
      date: '2024-10-16',
      reason: 'Godkjenningen gjaldt ikke dette beløpet.',
    });
    expect(reversed.map((m) => [m.grantId, m.type, m.amountOre, m.reversesId])).toEqual([
      [j23.id, 'transfer_out', -kroner(112_361), t.out.id],
      [j24.id, 'transfer_in', -kroner(112_361), t.in.id],
    ]);
    const [outRev, inRev] = reversed;
    expect(inRev?.counterpartGrantId).toBe(j23.id);
    expect(outRev?.counterpartGrantId).toBe(j24.id);
    const row = api.sqlite
      .prepare('select counterpart_id from movements where id = ?')
      .get(inRev?.id) as { counterpart_id: number };
    expect(row.counterpart_id).toBe(outRev?.id);
    expect(await api.call('balances.forGrant', { grantId: j23.id })).toEqual(before23);
    const g24 = await api.call('grants.get', { id: j24.id });
    expect(g24.transferInOre).toBe(0);
    expect(g24.availableOre).toBe(kroner(1_832_639));
    const again = await refusedWithoutChange('movements.reverse', {
      id: t.out.id,
      date: '2024-10-17',
      reason: 'x',
    });
    expect(again.code).toBe('CONFLICT');
  });
});

describe('balances.forGrant', () => {
  it('closing of 2024 is the opening of 2025, and a year without movements carries the balance', async () => {
    const g = await awardedGrant(
      api,
      grantInput(
        seed.projects.kjokkenKultur.id,
        seed.funders.dnb.id,
        'KjøkkenKultur – Mat for Mestring',
        {
          appliedOre: kroner(1_120_000),
          periodFrom: '2023-01-01',
          periodTo: '2025-12-31',
        },
      ),
      { awardedOre: kroner(1_120_000), decisionDate: '2023-01-05' },
    );
    await record(g.id, 'received', '2023-02-01', 1_120_000);
    await record(g.id, 'own_costs', '2023-11-01', 400_000);
    await record(g.id, 'repaid', '2025-06-01', 720_000);
    const rows = await api.call('balances.forGrant', { grantId: g.id });
    expect(rows.map((r) => [r.year, r.openingOre, r.closingOre])).toEqual([
      [2023, 0, kroner(720_000)],
      [2024, kroner(720_000), kroner(720_000)],
      [2025, kroner(720_000), 0],
    ]);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.openingOre).toBe(rows[i - 1]?.closingOre);
    }
    for (const r of rows) expect(r.closingOre).toBe(closingOf(r));
    expect(
      await api.call('balances.forGrant', { grantId: g.id, fromYear: 2024, toYear: 2024 }),
    ).toEqual([rows[1]]);
    expect((await api.call('grants.get', { id: g.id })).balances).toEqual(rows);
    const bad = await api.fail('balances.forGrant', {
      grantId: g.id,
      fromYear: 2025,
      toYear: 2024,
    });
    expect(bad).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'toYear' }] });
  });
});

describe('the ledger is append-only', () => {
  it('refuses UPDATE and DELETE on movements by raw SQL', async () => {
    const g = await voLinjen();
    const m = await record(g.id, 'received', '2024-02-01', 800_000);
    expect(() =>
      api.sqlite.prepare('update movements set amount_ore = 1 where id = ?').run(m.id),
    ).toThrow(/append-only/);
    expect(() => api.sqlite.prepare('delete from movements where id = ?').run(m.id)).toThrow(
      /append-only/,
    );
    expect((await api.call('movements.list', { grantId: g.id })).rows[0]?.amountOre).toBe(
      kroner(800_000),
    );
  });
});
