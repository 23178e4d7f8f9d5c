/**
 * Funder applications on a real SQLite file with a fixed clock (1 March 2025): the pipeline's
 * paging and totals, scenarios and the cap warning, the scenario marked on decision, next
 * year's edition (what it copies, and that it copies no money) and a funder's success rates.
 * Every call goes through the dispatch, so inputs and outputs are checked by the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { auditRows, countRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { juleaksjonenCase } from '../helpers/allocations';
import {
  awardedGrant,
  grantInput,
  juleaksjonen2023,
  juleaksjonen2024,
  seed2024,
  type Seed2024,
} from '../helpers/grants';

const TODAY = '2025-03-01';
let api: TestApi;
beforeEach(() => {
  api = makeDispatch({ today: TODAY });
});
afterEach(() => api.cleanup());

async function sommeraksjonen(seed: Seed2024, year: number, extra: object = {}) {
  return api.call(
    'grants.create',
    grantInput(
      seed.projects.sommeraksjonen.id,
      seed.funders.gjensidige.id,
      `Sommeraksjonen ${year}`,
      {
        editionYear: year,
        schemeName: 'Sommeraksjonen',
        ...extra,
      },
    ),
  );
}

describe('scenarios and caps', () => {
  it('warns — never refuses — when a scenario is over the scheme or year cap', async () => {
    const seed = await seed2024(api);
    const grant = await sommeraksjonen(seed, 2025);
    const gjs = seed.funders.gjensidige.id;
    await api.call('applications.setCap', {
      funderId: gjs,
      kind: 'scheme',
      schemeName: 'Sommeraksjonen',
      amountOre: kroner(2_000_000),
    });
    let app = await api.call('applications.addScenario', {
      grantId: grant.id,
      name: 'Kun medlemssentre',
      amountOre: kroner(1_832_639),
      description: 'Bare KSS sine medlemssentre.',
    });
    expect(app.capOre).toBe(kroner(2_000_000));
    expect(app.warnings).toEqual([]);
    app = await api.call('applications.addScenario', {
      grantId: grant.id,
      name: 'Alle krisesentre',
      amountOre: kroner(2_400_000),
    });
    expect(app.scenarios.map((s) => [s.name, s.amountOre])).toEqual([
      ['Kun medlemssentre', kroner(1_832_639)],
      ['Alle krisesentre', kroner(2_400_000)],
    ]);
    const over = app.scenarios[1]!;
    expect(over.capWarning).toBe(
      'Scenario «Alle krisesentre» (2\u00a0400\u00a0000\u00a0kr) er over øvre beløpsgrense for «Sommeraksjonen» hos Gjensidigestiftelsen (2\u00a0000\u00a0000\u00a0kr) med 400\u00a0000\u00a0kr.',
    );
    expect(app.scenarios[0]!.capWarning).toBeNull();
    expect(app.warnings).toEqual([over.capWarning]);

    // A year cap for 2025 that is lower binds; one for 2024 does not apply.
    await api.call('applications.setCap', {
      funderId: gjs,
      kind: 'year',
      year: 2024,
      amountOre: 1,
    });
    const yearCap = await api.call('applications.setCap', {
      funderId: gjs,
      kind: 'year',
      year: 2025,
      amountOre: kroner(1_800_000),
    });
    app = await api.call('applications.get', { grantId: grant.id });
    expect(app.caps.map((c) => c.kind)).toEqual(['year', 'scheme']);
    expect(app.capOre).toBe(kroner(1_800_000));
    expect(app.warnings).toHaveLength(2);
    expect(app.warnings[0]).toContain('Gjensidigestiftelsen i 2025');

    // Setting the same key again replaces it; removing it is logged.
    await api.call('applications.setCap', {
      funderId: gjs,
      kind: 'year',
      year: 2025,
      amountOre: kroner(3_000_000),
    });
    expect(await api.call('applications.caps', { funderId: gjs })).toHaveLength(3);
    app = await api.call('applications.get', { grantId: grant.id });
    expect(app.capOre).toBe(kroner(2_000_000));
    await api.call('applications.removeCap', { id: yearCap.id });
    expect(await api.call('applications.caps', {})).toHaveLength(2);

    const logged = auditRows(api.sqlite).map((r) => `${r.entity}:${r.action}`);
    expect(logged.filter((e) => e === 'application_scenario:create')).toHaveLength(2);
    expect(logged.filter((e) => e.startsWith('funder_cap:'))).toEqual([
      'funder_cap:create',
      'funder_cap:create',
      'funder_cap:create',
      'funder_cap:update',
      'funder_cap:delete',
    ]);
  });

  it('updates and removes scenarios, and refuses a duplicate name in Norwegian', async () => {
    const seed = await seed2024(api);
    const grant = await sommeraksjonen(seed, 2025);
    let app = await api.call('applications.addScenario', {
      grantId: grant.id,
      name: 'Kun medlemssentre',
    });
    const id = app.scenarios[0]!.id;
    const error = await api.fail('applications.addScenario', {
      grantId: grant.id,
      name: 'kun  MEDLEMSSENTRE',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Søknaden har allerede et scenario som heter «Kun medlemssentre».');
    app = await api.call('applications.updateScenario', {
      id,
      name: 'Kun medlemssentre',
      amountOre: kroner(500_000),
      description: null,
    });
    expect(app.scenarios[0]!.amountOre).toBe(kroner(500_000));
    app = await api.call('applications.removeScenario', { id });
    expect(app.scenarios).toEqual([]);
    const bad = await api.fail('applications.setCap', {
      funderId: seed.funders.gjensidige.id,
      kind: 'scheme',
      amountOre: 1,
    });
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.issues?.[0]?.message).toBe(
      'Tilskuddsordning må fylles ut for en grense per ordning.',
    );
  });
});

describe('the scenario marked on decision', () => {
  it('marks one scenario as awarded (or none); the award may differ from it', async () => {
    const seed = await seed2024(api);
    const jul = await juleaksjonen2024(api, seed);
    await api.call('applications.addScenario', {
      grantId: jul.id,
      name: 'Kun medlemssentre',
      amountOre: kroner(1_900_000),
    });
    let app = await api.call('applications.addScenario', {
      grantId: jul.id,
      name: 'Alle krisesentre',
      amountOre: kroner(2_600_000),
    });
    const [members, all] = app.scenarios;
    app = await api.call('applications.chooseScenario', { grantId: jul.id, scenarioId: all!.id });
    app = await api.call('applications.chooseScenario', {
      grantId: jul.id,
      scenarioId: members!.id,
    });
    expect(app.scenarios.map((s) => s.chosen)).toEqual([true, false]);
    // Awarded 1 832 639 kr against a scenario of 1 900 000 kr.
    expect(app.awardDifferenceOre).toBe(kroner(1_832_639) - kroner(1_900_000));
    const list = await api.call('applications.list', {});
    expect(list.rows.find((r) => r.grantId === jul.id)).toMatchObject({
      chosenScenarioName: 'Kun medlemssentre',
      chosenScenarioOre: kroner(1_900_000),
      scenarioCount: 2,
    });
    app = await api.call('applications.chooseScenario', { grantId: jul.id, scenarioId: null });
    expect(app.scenarios.every((s) => !s.chosen)).toBe(true);
    expect(app.awardDifferenceOre).toBeNull();
    const changes = auditRows(api.sqlite).filter(
      (r) => r.entity === 'grant' && r.after_json?.includes('chosenScenario'),
    );
    expect(changes).toHaveLength(3);

    // A rejected application has nothing awarded; a scenario of another grant is refused.
    const rejected = await sommeraksjonen(seed, 2024);
    await api.call('grants.setStatus', { id: rejected.id, status: 'sokt' });
    await api.call('grants.setStatus', {
      id: rejected.id,
      status: 'avslatt',
      decisionDate: '2024-05-01',
    });
    const other = await api.call('applications.addScenario', {
      grantId: rejected.id,
      name: 'Alle',
    });
    const refused = await api.fail('applications.chooseScenario', {
      grantId: rejected.id,
      scenarioId: other.scenarios[0]!.id,
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      '«Sommeraksjonen 2024» er «Avslått»: ingen scenario kan markeres som valgt eller innvilget.',
    );
    const foreign = await api.fail('applications.chooseScenario', {
      grantId: jul.id,
      scenarioId: other.scenarios[0]!.id,
    });
    expect(foreign.message).toBe('Scenarioet «Alle» hører til en annen søknad.');
  });
});

describe('next year’s edition', () => {
  it('copies funder, scheme, rule, scenario names, centres and moved dates — and no money', async () => {
    const { grant, round } = await juleaksjonenCase(api);
    await api.call('applications.setDeadline', { grantId: grant.id, deadline: '2024-02-29' });
    await api.call('grants.addDeadline', {
      grantId: grant.id,
      dueDate: '2025-04-30',
      description: 'Sluttrapport til Gjensidigestiftelsen',
    });
    await api.call('applications.addScenario', {
      grantId: grant.id,
      name: 'Kun medlemssentre',
      amountOre: kroner(1_832_639),
      description: 'Medlemssentrene i KSS.',
    });
    const withScenarios = await api.call('applications.addScenario', {
      grantId: grant.id,
      name: 'Alle krisesentre',
      amountOre: kroner(2_500_000),
    });
    await api.call('applications.chooseScenario', {
      grantId: grant.id,
      scenarioId: withScenarios.scenarios[0]!.id,
    });

    const { application: next, copied } = await api.call('applications.createNextYear', {
      grantId: grant.id,
    });
    expect(copied).toEqual([
      'Tilskuddsyter: Gjensidigestiftelsen',
      'Tilskuddsordning: Juleaksjonen – kun medlemmer',
      'Prosjekt: Juleaksjonen',
      'År (utgave): 2025',
      'Administrasjonsandel: 5\u00a0%',
      'Søknadsfrist: 28.02.2025',
      'Aktivitetsperiode: 01.11.2025–09.03.2026',
      'Frist: Sluttrapport til Gjensidigestiftelsen 30.04.2026',
      'Scenarioer (uten beløp): «Kun medlemssentre», «Alle krisesentre»',
      `Deltakende sentre: ${round.allocations.length}`,
    ]);
    expect(next).toMatchObject({
      title: 'Juleaksjonen 2025',
      status: 'utkast',
      year: 2025,
      deadline: '2025-02-28',
      appliedOre: null,
      awardedOre: null,
      previousYearGrantId: grant.id,
      nextYearGrantId: null,
    });
    expect(next.scenarios.map((s) => [s.name, s.amountOre, s.description, s.chosen])).toEqual([
      ['Kun medlemssentre', null, 'Medlemssentrene i KSS.', false],
      ['Alle krisesentre', null, null, false],
    ]);
    expect(next.participants).toHaveLength(17);

    const full = await api.call('grants.get', { id: next.grantId });
    expect(full).toMatchObject({
      editionYear: 2025,
      reference: null,
      appliedDate: null,
      decisionDate: null,
      kssShareOre: null,
      adminRule: 'percent',
      adminBasisPoints: 500,
      receivedOre: 0,
      allocatedOre: 0,
      yearSplits: [],
    });
    expect(full.deadlines.map((d) => [d.dueDate, d.doneDate])).toEqual([['2026-04-30', null]]);
    const money = api.sqlite
      .prepare(
        `select (select count(*) from movements where grant_id = @id) as movements,
                (select count(*) from grant_year_splits where grant_id = @id) as splits,
                (select count(*) from allocation_rounds where grant_id = @id) as rounds`,
      )
      .get({ id: next.grantId });
    expect(money).toEqual({ movements: 0, splits: 0, rounds: 0 });
    const source = await api.call('applications.get', { grantId: grant.id });
    expect(source.nextYearGrantId).toBe(next.grantId);

    // Twice is refused, and nothing changes.
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('applications.createNextYear', { grantId: grant.id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Søknaden for 2025 finnes allerede: «Juleaksjonen 2025». Åpne den i stedet for å lage en ny.',
    );
    expect(dumpDatabase(api.sqlite)).toEqual(before);
    // The new edition leads on to 2026, carrying the intended centres along.
    const after = await api.call('applications.createNextYear', { grantId: next.grantId });
    expect(after.application.title).toBe('Juleaksjonen 2026');
    expect(after.application.participants).toHaveLength(17);
    expect(after.application.deadline).toBe('2026-02-28');
  });

  it('is refused for a project that does not recur', async () => {
    const seed = await seed2024(api);
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.seSammenhengen.id, seed.funders.dnb.id, 'Se sammenhengen 2024', {
        editionYear: 2024,
      }),
    );
    const error = await api.fail('applications.createNextYear', { grantId: g.id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('«Se sammenhengen» er ikke et gjentakende prosjekt.');
    expect(countRows(api.sqlite, 'grants')).toBe(1);
  });

  it('is refused, not an internal error, when a date cannot move past the calendar’s end', async () => {
    const seed = await seed2024(api);
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2199', {
        editionYear: 2198,
        periodFrom: '2199-01-01',
        periodTo: '2199-12-31',
      }),
    );
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail('applications.createNextYear', { grantId: g.id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Datoen 01.01.2199 kan ikke flyttes ett år fram: appen regner med datoer til og med år 2199.',
    );
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });
});

describe('a funder’s success rates', () => {
  it('counts applied, decided and awarded per year in SQL', async () => {
    const seed = await seed2024(api);
    await juleaksjonen2023(api, seed);
    const jul24 = await juleaksjonen2024(api, seed);
    const rejected = await sommeraksjonen(seed, 2024, { appliedOre: kroner(2_000_000) });
    await api.call('grants.setStatus', { id: rejected.id, status: 'sokt' });
    await api.call('grants.setStatus', {
      id: rejected.id,
      status: 'avslatt',
      decisionDate: '2024-05-02',
    });
    const partial = await awardedGrant(
      api,
      grantInput(seed.projects.taushet.id, seed.funders.gjensidige.id, 'Taushet tar liv 2024', {
        editionYear: 2024,
        appliedOre: kroner(600_000),
      }),
      { awardedOre: kroner(400_000), decisionDate: '2024-03-01', status: 'delvis_innvilget' },
    );
    const pending = await sommeraksjonen(seed, 2025, { appliedOre: kroner(1_000_000) });
    await api.call('grants.setStatus', { id: pending.id, status: 'sokt' });
    await sommeraksjonen(seed, 2026); // a draft: not counted
    await api.call('applications.setDeadline', { grantId: pending.id, deadline: '2025-02-15' });

    const o = await api.call('applications.funderOverview', {
      funderId: seed.funders.gjensidige.id,
    });
    expect(o.successByYear).toEqual([
      {
        year: 2025,
        appliedCount: 1,
        appliedOre: kroner(1_000_000),
        pendingCount: 1,
        decidedCount: 0,
        decidedAppliedOre: 0,
        awardedCount: 0,
        awardedOre: 0,
        countRateBp: null,
        amountRateBp: null,
      },
      {
        year: 2024,
        appliedCount: 3,
        appliedOre: kroner(1_832_639 + 2_000_000 + 600_000),
        pendingCount: 0,
        decidedCount: 3,
        decidedAppliedOre: kroner(1_832_639 + 2_000_000 + 600_000),
        awardedCount: 2,
        awardedOre: kroner(1_832_639 + 400_000),
        countRateBp: 6667,
        amountRateBp: Math.round((2_232_639 / 4_432_639) * 10000),
      },
      {
        year: 2023,
        appliedCount: 1,
        appliedOre: kroner(1_700_000),
        pendingCount: 0,
        decidedCount: 1,
        decidedAppliedOre: kroner(1_700_000),
        awardedCount: 1,
        awardedOre: kroner(1_700_000),
        countRateBp: 10000,
        amountRateBp: 10000,
      },
    ]);
    expect(o.lastDecisions.map((d) => d.grantId)).toEqual([
      jul24.id,
      rejected.id,
      partial.id,
      expect.any(Number),
    ]);
    expect(o.deadlines).toEqual([
      {
        grantId: pending.id,
        title: 'Sommeraksjonen 2025',
        date: '2025-02-15',
        kind: 'application',
        what: 'Søknadsfrist',
        done: false,
      },
    ]);
    const none = await api.fail('applications.funderOverview', { funderId: 9999 });
    expect(none.code).toBe('NOT_FOUND');
  });
});

describe('the pipeline', () => {
  it('shows open applications and those decided in the last 12 months, sorted by deadline', async () => {
    const seed = await seed2024(api);
    const old = await awardedGrant(
      api,
      grantInput(seed.projects.taushet.id, seed.funders.dnb.id, 'Taushet tar liv 2023', {
        editionYear: 2023,
        appliedOre: kroner(300_000),
      }),
      { awardedOre: kroner(300_000), decisionDate: '2024-02-29' },
    );
    const recent = await awardedGrant(
      api,
      grantInput(seed.projects.taushet.id, seed.funders.dnb.id, 'Taushet tar liv 2024', {
        editionYear: 2024,
        appliedOre: kroner(350_000),
      }),
      { awardedOre: kroner(320_000), decisionDate: '2024-03-01', status: 'delvis_innvilget' },
    );
    const a = await sommeraksjonen(seed, 2025, { appliedOre: kroner(1_800_000) });
    const b = await api.call(
      'grants.create',
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2025', {
        editionYear: 2025,
        appliedOre: kroner(1_900_000),
      }),
    );
    const c = await api.call(
      'grants.create',
      grantInput(seed.projects.rosa.id, seed.funders.bufdir.id, 'ROSA 2025', { editionYear: 2025 }),
    );
    await api.call('grants.setStatus', { id: b.id, status: 'sokt' });
    await api.call('applications.setDeadline', { grantId: a.id, deadline: '2025-04-01' });
    await api.call('applications.setDeadline', { grantId: b.id, deadline: '2025-03-15' });

    const list = await api.call('applications.list', {});
    expect(list.decidedSince).toBe('2024-03-01');
    // No deadline sorts last, then by funder: Bufdir before Sparebankstiftelsen DNB.
    expect(list.rows.map((r) => r.grantId)).toEqual([b.id, a.id, c.id, recent.id]);
    expect(list.rows.some((r) => r.grantId === old.id)).toBe(false);
    expect(list.totals).toEqual([
      { status: 'utkast', count: 2, appliedOre: kroner(1_800_000), awardedOre: 0 },
      { status: 'sokt', count: 1, appliedOre: kroner(1_900_000), awardedOre: 0 },
      {
        status: 'delvis_innvilget',
        count: 1,
        appliedOre: kroner(350_000),
        awardedOre: kroner(320_000),
      },
    ]);
    expect(list.rows[0]!.allowedTransitions).toEqual([
      'innvilget',
      'delvis_innvilget',
      'avslatt',
      'trukket',
    ]);

    // Filters: status, funder, year and a search that ignores case, also for æ/ø/å.
    const ids = async (input: object) =>
      (await api.call('applications.list', input)).rows.map((r) => r.grantId);
    expect(await ids({ status: 'utkast' })).toEqual([a.id, c.id]);
    expect(await ids({ funderId: seed.funders.gjensidige.id })).toEqual([b.id, a.id]);
    expect(await ids({ year: 2024 })).toEqual([recent.id]);
    expect(await ids({ search: 'SOMMERAKSJ' })).toEqual([a.id]);
    expect(await ids({ search: 'gjensidigeSTIFTELSEN' })).toEqual([b.id, a.id]);
    expect(await ids({ sort: 'applied' })).toEqual([b.id, a.id, recent.id, c.id]);

    // Moving along from the pipeline is grants.setStatus; a withdrawn one leaves it.
    await api.call('grants.setStatus', { id: c.id, status: 'trukket' });
    expect(await ids({})).toEqual([b.id, a.id, recent.id]);
  });

  it('pages by the server with at most 200 rows and totals over every page', async () => {
    const seed = await seed2024(api);
    const insert = api.sqlite.prepare(
      `insert into grants (project_id, funder_id, title, edition_year, application_deadline,
         status, applied_ore, admin_rule, created_at_ms, updated_at_ms)
       values (?, ?, ?, 2025, ?, ?, ?, 'none', 0, 0)`,
    );
    api.sqlite.transaction(() => {
      for (let i = 0; i < 450; i++) {
        const day = String((i % 28) + 1).padStart(2, '0');
        insert.run(
          seed.projects.sommeraksjonen.id,
          seed.funders.gjensidige.id,
          `Søknad ${String(i).padStart(3, '0')}`,
          `2025-${String((i % 12) + 1).padStart(2, '0')}-${day}`,
          i % 3 === 0 ? 'sokt' : 'utkast',
          kroner(1000),
        );
      }
    })();
    const first = await api.call('applications.list', { pageSize: 200 });
    expect(first.rows).toHaveLength(200);
    expect(first).toMatchObject({ total: 450, page: 1, pageCount: 3, pageSize: 200 });
    expect(first.totals).toEqual([
      { status: 'utkast', count: 300, appliedOre: kroner(300_000), awardedOre: 0 },
      { status: 'sokt', count: 150, appliedOre: kroner(150_000), awardedOre: 0 },
    ]);
    const last = await api.call('applications.list', { pageSize: 200, page: 3 });
    expect(last.rows).toHaveLength(50);
    const pages = [first, await api.call('applications.list', { pageSize: 200, page: 2 }), last];
    const deadlines = pages.flatMap((p) => p.rows.map((r) => r.deadline ?? ''));
    expect(deadlines).toEqual([...deadlines].sort());
    expect(new Set(pages.flatMap((p) => p.rows.map((r) => r.grantId))).size).toBe(450);
    // Sorted by status across pages: the life-cycle (utkast before søkt), either way round.
    const statuses = async (dir: 'asc' | 'desc') => {
      const all = [];
      for (const page of [1, 2, 3]) {
        const res = await api.call('applications.list', {
          pageSize: 200,
          page,
          sort: 'status',
          dir,
        });
        all.push(...res.rows.map((r) => r.status));
      }
      return all;
    };
    const up = await statuses('asc');
    expect(up).toHaveLength(450);
    expect(up.indexOf('sokt')).toBe(300);
    expect(up.slice(300).every((st) => st === 'sokt')).toBe(true);
    expect(await statuses('desc')).toEqual([...up].reverse());
    // Past the end answers the last page.
    expect((await api.call('applications.list', { pageSize: 200, page: 9 })).page).toBe(3);
    const tooMany = await api.fail('applications.list', { pageSize: 201 });
    expect(tooMany.code).toBe('BAD_INPUT');
    expect(tooMany.message).toContain('Rader per side kan være høyst 200.');
  });
});
