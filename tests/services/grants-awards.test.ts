/**
 * Issue 10.3, 10.4 and 10.8 on a real SQLite file through the dispatch: award corrections
 * and top-ups with their history and the closed-year lock (service and trigger), suggested
 * year splits that wait for confirmation (and block closing the year), and grants in EUR.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { kroner } from '../../src-shared/kernel/money';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024, type Seed2024 } from '../helpers/grants';

const CLOSED_2024 =
  'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.';

let api: TestApi;
let seed: Seed2024;
beforeEach(async () => {
  api = makeDispatch({ today: '2025-01-20' });
  seed = await seed2024(api);
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

/** Taushet tar liv 2024 (10 % admin share): one year, decided 15.01.2024. */
async function taushet(awarded = kroner(500_000)) {
  return awardedGrant(
    api,
    grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'Taushet tar liv 2024', {
      editionYear: 2024,
      appliedOre: awarded,
      appliedDate: '2024-01-02',
      adminRule: 'percent',
      adminBasisPoints: 1000,
    }),
    { awardedOre: awarded, decisionDate: '2024-01-15', reference: 'SFK-2024-07' },
  );
}

/** Juleaksjonen 2024 with its period 1.11.2024–9.3.2025 (61 days in 2024, 68 in 2025). */
async function juleaksjonen() {
  return awardedGrant(
    api,
    grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2024', {
      editionYear: 2024,
      appliedOre: kroner(1_832_639),
      appliedDate: '2024-08-20',
      periodFrom: '2024-11-01',
      periodTo: '2025-03-09',
      activityFrom: '2024-11-01',
      activityTo: '2025-03-09',
    }),
    { awardedOre: kroner(1_832_639), decisionDate: '2024-10-10', reference: 'GJS-2024-JUL' },
  );
}

/** Takes a one-year grant's money in and spends it, so 2024 has nothing open, then closes 2024. */
async function close2024(grantId: number, amountOre: number) {
  await api.call('movements.record', {
    grantId,
    type: 'received',
    date: '2024-02-01',
    amountOre,
  });
  await api.call('movements.record', {
    grantId,
    type: 'own_costs',
    date: '2024-12-10',
    amountOre,
  });
  return api.call('yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });
}

describe('grants.correctAward and grants.addAwardChange (issue 10.3)', () => {
  it('corrects the award with a reason, adds a top-up, and tells the history like the letters', async () => {
    const g = await taushet();
    expect(g.awardHistory).toEqual([
      expect.objectContaining({
        kind: 'award',
        decisionDate: '2024-01-15',
        changeOre: kroner(500_000),
        totalOre: kroner(500_000),
        reference: 'SFK-2024-07',
      }),
    ]);
    expect(g.adminShareOre).toBe(kroner(50_000));

    const corrected = await api.call('grants.correctAward', {
      id: g.id,
      awardedOre: kroner(450_000),
      decisionDate: '2024-01-16',
      reason: 'Tastefeil: vedtaksbrevet sier 450 000 kr, datert 16.01.2024.',
    });
    expect(corrected.awardedOre).toBe(kroner(450_000));
    expect(corrected.decisionDate).toBe('2024-01-16');
    expect(corrected.adminShareOre).toBe(kroner(45_000));
    expect(corrected.yearSplits).toEqual([
      { year: 2024, amountOre: kroner(450_000), confirmed: true },
    ]);

    const topped = await api.call('grants.addAwardChange', {
      id: g.id,
      changeOre: kroner(500_000),
      decisionDate: '2024-09-01',
      reference: 'SFK-2024-07-2',
      reason: 'Tilleggsbevilgning etter søknad i august.',
    });
    expect(topped.awardedOre).toBe(kroner(950_000));
    expect(topped.adminShareOre).toBe(kroner(95_000));
    expect(topped.yearSplits).toEqual([
      { year: 2024, amountOre: kroner(950_000), confirmed: true },
    ]);
    expect(
      topped.awardHistory.map((h) => [
        h.kind,
        h.decisionDate,
        h.previousDecisionDate,
        h.changeOre,
        h.totalOre,
        h.reference,
        h.reason,
      ]),
    ).toEqual([
      ['award', '2024-01-15', null, kroner(500_000), kroner(500_000), 'SFK-2024-07', null],
      [
        'correction',
        '2024-01-16',
        '2024-01-15',
        -kroner(50_000),
        kroner(450_000),
        null,
        'Tastefeil: vedtaksbrevet sier 450 000 kr, datert 16.01.2024.',
      ],
      [
        'top_up',
        '2024-09-01',
        null,
        kroner(500_000),
        kroner(950_000),
        'SFK-2024-07-2',
        'Tilleggsbevilgning etter søknad i august.',
      ],
    ]);
    const logged = auditRows(api.sqlite).filter((r) => r.entity === 'grant_award_change');
    expect(logged.map((r) => r.action)).toEqual(['create', 'create']);
  });

  it('needs a reason for a correction, and refuses a correction that changes nothing', async () => {
    const g = await taushet();
    const noReason = await refusedWithoutChange('grants.correctAward', {
      id: g.id,
      awardedOre: kroner(450_000),
      decisionDate: '2024-01-15',
      reason: '',
    });
    expect(noReason.code).toBe('BAD_INPUT');
    expect(noReason.message).toContain('Begrunnelse');
    const same = await refusedWithoutChange('grants.correctAward', {
      id: g.id,
      awardedOre: kroner(500_000),
      decisionDate: '2024-01-15',
      reason: 'Ingen endring.',
    });
    expect(same.message).toContain('endrer ingenting');
  });

  it('refuses a reduction below what is already transferred as admin share', async () => {
    const g = await taushet();
    await api.call('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2024-02-01',
      amountOre: kroner(500_000),
    });
    await api.call('movements.record', {
      grantId: g.id,
      type: 'admin_share',
      date: '2024-02-02',
      amountOre: kroner(50_000),
    });
    const error = await refusedWithoutChange('grants.addAwardChange', {
      id: g.id,
      changeOre: -kroner(100_000),
      decisionDate: '2024-03-01',
      reference: 'SFK-2024-07-3',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('administrasjonsandel');
  });

  it('refuses changes to an award before it is awarded', async () => {
    const created = await api.call(
      'grants.create',
      grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'Taushet tar liv 2025', {
        editionYear: 2025,
      }),
    );
    const error = await refusedWithoutChange('grants.addAwardChange', {
      id: created.id,
      changeOre: kroner(1_000),
      decisionDate: '2025-01-10',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('«Innvilget»');
  });

  it('keeps a closed year locked: no correction of a 2024 award, but a 2025 top-up is allowed', async () => {
    const g = await taushet();
    await close2024(g.id, kroner(500_000));

    const correction = await refusedWithoutChange('grants.correctAward', {
      id: g.id,
      awardedOre: kroner(450_000),
      decisionDate: '2024-01-15',
      reason: 'For sent.',
    });
    expect(correction.code).toBe('CONFLICT');
    expect(correction.message).toBe(CLOSED_2024);
    const backdated = await refusedWithoutChange('grants.addAwardChange', {
      id: g.id,
      changeOre: kroner(10_000),
      decisionDate: '2024-12-01',
    });
    expect(backdated.message).toBe(CLOSED_2024);

    // The database refuses the same on its own.
    const raw = (sql: string, refusal = /year closed: 2024/) => {
      const before = dumpDatabase(api.sqlite);
      expect(() => api.sqlite.prepare(sql).run()).toThrow(refusal);
      expect(dumpDatabase(api.sqlite)).toEqual(before);
    };
    raw(
      `insert into grant_award_changes (grant_id, kind, decision_date, previous_total_ore, total_ore, created_at_ms, actor)
       values (${g.id}, 'top_up', '2024-12-01', 50000000, 51000000, 0, 'x')`,
    );
    raw(`update grants set awarded_ore = 51000000 where id = ${g.id}`);

    // An extra amount decided in 2025 belongs to 2025.
    const topped = await api.call('grants.addAwardChange', {
      id: g.id,
      changeOre: kroner(100_000),
      decisionDate: '2025-01-10',
      reference: 'SFK-2025-01',
    });
    expect(topped.awardedOre).toBe(kroner(600_000));
    expect(topped.awardHistory.map((h) => h.kind)).toEqual(['award', 'top_up']);
    // …and the database still refuses a change to the closed 2024 award that is no top-up.
    raw(`update grants set awarded_ore = 70000000 where id = ${g.id}`);
    raw(`update grant_award_changes set reason = 'x'`, /append-only/);
  });
});

describe('suggested year splits (issue 10.4)', () => {
  it('suggests by activity days, exact to the øre, and keeps it unconfirmed until confirmed', async () => {
    const g = await juleaksjonen();
    // 183 263 900 øre × 61/129 = 86 659 673,64… and × 68/129 = 96 604 226,36…
    expect(g.yearSplits).toEqual([
      { year: 2024, amountOre: 86_659_674, confirmed: false },
      { year: 2025, amountOre: 96_604_226, confirmed: false },
    ]);
    expect(g.yearSplitConfirmed).toBe(false);
    expect(
      await api.call('grants.suggestYearSplit', { id: g.id, method: 'decision_year' }),
    ).toEqual([{ year: 2024, amountOre: kroner(1_832_639) }]);

    const funder = await api.call('funders.get', { id: seed.funders.gjensidige.id });
    expect(funder.years.map((y) => [y.year, y.awardedOre, y.awardedConfirmed])).toEqual([
      [2024, 86_659_674, false],
      [2025, 96_604_226, false],
    ]);
    const dash = await api.call('dashboard.summary', undefined as never);
    expect(dash.perYear.find((y) => y.year === 2024)?.awardedUnconfirmedOre).toBe(86_659_674);
    const overview = await api.call('yearEnd.overview', { year: 2024 });
    expect(overview.grants.find((r) => r.grantId === g.id)).toMatchObject({
      awardedForYearOre: 86_659_674,
      awardedForYearConfirmed: false,
    });

    const confirmed = await api.call('grants.confirmYearSplit', { id: g.id });
    expect(confirmed.yearSplits.every((s) => s.confirmed)).toBe(true);
    expect(confirmed.yearSplitConfirmed).toBe(true);
  });

  it('saving a split confirms it', async () => {
    const g = await juleaksjonen();
    const saved = await api.call('grants.setYearSplit', {
      id: g.id,
      splits: [
        { year: 2024, amountOre: kroner(916_319.5) },
        { year: 2025, amountOre: kroner(916_319.5) },
      ],
    });
    expect(saved.yearSplitConfirmed).toBe(true);
  });

  it('lists an unconfirmed split on the year-end checklist and refuses closing until it is confirmed', async () => {
    const g = await juleaksjonen();
    let overview = await api.call('yearEnd.overview', { year: 2024 });
    const item = overview.items.find((i) => i.kind === 'year_split_unconfirmed');
    expect(item).toMatchObject({ key: `year_split_unconfirmed:${g.id}`, grantId: g.id });
    expect(item?.title).toContain('forslag');
    // The money not yet received is accepted as an exception; the split cannot be.
    for (const i of overview.items.filter((x) => x.kind !== 'year_split_unconfirmed')) {
      await api.call('yearEnd.confirmException', {
        year: 2024,
        itemKey: i.key,
        reason: 'Utbetales i 2025.',
      });
    }
    const exception = await refusedWithoutChange('yearEnd.confirmException', {
      year: 2024,
      itemKey: `year_split_unconfirmed:${g.id}`,
      reason: 'Godta.',
    });
    expect(exception.code).toBe('CONFLICT');
    const refused = await refusedWithoutChange('yearEnd.close', {
      year: 2024,
      reason: 'Overlevert regnskapsfører.',
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('fordelingen per år er bekreftet');

    await api.call('grants.confirmYearSplit', { id: g.id });
    overview = await api.call('yearEnd.overview', { year: 2024 });
    expect(overview.items.some((i) => i.kind === 'year_split_unconfirmed')).toBe(false);
    const closed = await api.call('yearEnd.close', {
      year: 2024,
      reason: 'Overlevert regnskapsfører.',
    });
    expect(closed.status).toBe('closed');
  });

  it('labels an unconfirmed part «(forslag)» in the workbook', async () => {
    await juleaksjonen();
    const { readWorkbook, tableOf } = await import('../helpers/yearend');
    const file = await api.call('yearEnd.exportWorkbook', { year: 2024 });
    const wb = await readWorkbook(file.contentBase64);
    const rows = tableOf(wb.getWorksheet('Sammendrag') as never);
    const row = rows.find((r) => r['Tilskudd']?.value === 'Juleaksjonen 2024');
    expect(row?.['Innvilget for 2024']?.value).toBe(866_596.74);
    expect(row?.['Fordeling 2024']?.value).toBe('(forslag)');
  });
});

describe('grants in EUR (issue 10.8)', () => {
  async function cbss() {
    const funder = await api.call('funders.create', {
      name: 'Council of the Baltic Sea States (CBSS)',
      funderType: 'internasjonal',
    });
    const created = await api.call(
      'grants.create',
      grantInput(seed.projects.seSammenhengen.id, funder.id, 'CBSS prosjektmidler 2024', {
        editionYear: 2024,
        currency: 'EUR',
      }),
    );
    await api.call('grants.setStatus', { id: created.id, status: 'sokt' });
    return created;
  }

  it('awards in euro cents next to kroner, and records each receipt in both', async () => {
    const created = await cbss();
    const missing = await refusedWithoutChange('grants.setStatus', {
      id: created.id,
      status: 'innvilget',
      awardedOre: kroner(114_523),
      decisionDate: '2024-02-15',
    });
    expect(missing.message).toContain('euro');
    const g = await api.call('grants.setStatus', {
      id: created.id,
      status: 'innvilget',
      awardedOre: kroner(114_523),
      awardedEurCents: 1_000_000,
      decisionDate: '2024-02-15',
    });
    expect(g).toMatchObject({ currency: 'EUR', awardedEurCents: 1_000_000 });
    const switched = await refusedWithoutChange('grants.update', {
      id: g.id,
      projectId: g.projectId,
      funderId: g.funderId,
      title: g.title,
      editionYear: 2024,
      adminRule: 'none',
      currency: 'NOK',
    });
    expect(switched.message).toContain('valutaen kan ikke endres');

    const noEur = await refusedWithoutChange('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2024-03-01',
      amountOre: kroner(114_523),
    });
    expect(noEur.message).toContain('euro');
    const m = await api.call('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2024-03-01',
      amountOre: 11_452_345,
      amountEurCents: 1_000_000,
    });
    expect(m).toMatchObject({ amountOre: 11_452_345, amountEurCents: 1_000_000 });
    const reversed = await api.call('movements.reverse', {
      id: m.id,
      date: '2024-03-02',
      reason: 'Feil kurs.',
    });
    const reversal = reversed.find((r) => r.reversesId === m.id);
    expect(reversal?.amountEurCents).toBe(-1_000_000);
    // Balances stay in kroner.
    const after = await api.call('grants.get', { id: g.id });
    expect(after.balances.find((b) => b.year === 2024)?.receivedOre).toBe(0);
  });

  it('shows the award and the receipts in both currencies in the funder report', async () => {
    const funder = await api.call('funders.create', {
      name: 'Council of the Baltic Sea States (CBSS)',
      funderType: 'internasjonal',
    });
    const created = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, funder.id, 'CBSS-midler til sentrene 2024', {
        editionYear: 2024,
        currency: 'EUR',
      }),
    );
    await api.call('grants.setStatus', { id: created.id, status: 'sokt' });
    await api.call('grants.setStatus', {
      id: created.id,
      status: 'innvilget',
      awardedOre: kroner(114_523),
      awardedEurCents: 1_000_000,
      decisionDate: '2024-02-15',
    });
    await api.call('movements.record', {
      grantId: created.id,
      type: 'received',
      date: '2024-03-01',
      amountOre: 11_452_345,
      amountEurCents: 1_000_000,
    });
    const round = await api.call('rounds.create', {
      grantId: created.id,
      name: 'CBSS 2024',
      applicationDeadline: '2024-04-01',
      activityFrom: '2024-05-01',
      activityTo: '2024-12-31',
      reportDeadline: '2025-01-31',
    });
    const report = await api.call('rounds.funderReport', { roundId: round.id });
    expect(report.eur).toEqual({
      awardedOre: kroner(114_523),
      awardedEurCents: 1_000_000,
      receivedOre: 11_452_345,
      receivedEurCents: 1_000_000,
    });
  });

  it('refuses euro on a kroner grant', async () => {
    const g = await taushet();
    const error = await refusedWithoutChange('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2024-03-01',
      amountOre: kroner(1_000),
      amountEurCents: 10_000,
    });
    expect(error.code).toBe('CONFLICT');
  });
});
