/**
 * Organisations, funders, projects and grants on a real SQLite file with the real cases
 * of KSS's 2024 annual report. Every call goes through the dispatch, so inputs are
 * validated and outputs checked against the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Grant } from '../../src-shared/api/contract';
import { GRANT_STATUSES, GRANT_TRANSITIONS, type GrantStatus } from '../../src-shared/grants/rules';
import { formatOre, kroner } from '../../src-shared/kernel/money';
import { auditRows, countRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import {
  awardedGrant,
  FUNDERS,
  grantInput,
  juleaksjonen2023,
  juleaksjonen2024,
  registerFunder,
  registerProject,
  ROSA_CHILDREN,
  seed2024,
  type Seed2024,
} from '../helpers/grants';

let api: TestApi;
beforeEach(() => {
  api = makeDispatch();
});
afterEach(() => api.cleanup());

/** Runs a call that must be refused and proves the database is exactly as before. */
async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

async function createOsloKrisesenter() {
  return api.call('centres.create', {
    name: 'Oslo Krisesenter',
    driftsform: 'ideell',
    region: 'sor-ost',
    joinedDate: '2010-01-01',
  });
}

describe('funders.create', () => {
  it('registers the funders of the 2024 report with their types', async () => {
    for (const key of Object.keys(FUNDERS) as (keyof typeof FUNDERS)[]) {
      await registerFunder(api, key);
    }
    const list = await api.call('funders.list', {});
    expect(list.map((f) => [f.name, f.funderType])).toEqual([
      ['Bufdir', 'direktorat'],
      ['Gjensidigestiftelsen', 'stiftelse'],
      ['Justis- og beredskapsdepartementet', 'departement'],
      ['Norges forskningsråd', 'forskningsrad'],
      ['Sekretariatet for konfliktrådene', 'direktorat'],
      ['Sparebankstiftelsen DNB', 'stiftelse'],
    ]);
    expect(list.every((f) => f.grantCount === 0 && f.awardedTotalOre === 0)).toBe(true);
    const orgs = await api.call('organisations.list', {});
    expect(orgs).toHaveLength(6);
    expect(orgs.every((o) => o.isFunder && !o.isCentre)).toBe(true);
    expect(
      (await api.call('funders.list', { funderType: 'stiftelse' })).map((f) => f.name),
    ).toEqual(['Gjensidigestiftelsen', 'Sparebankstiftelsen DNB']);
    expect((await api.call('funders.list', { search: 'STIFT' })).length).toBe(2);
  });

  it('gives an existing organisation (a member centre) the funder role instead of duplicating it', async () => {
    const centre = await createOsloKrisesenter();
    const funder = await api.call('funders.create', {
      name: 'oslo krisesenter',
      funderType: 'annen',
      website: 'https://oslokrisesenter.no',
    });
    expect(funder.id).toBe(centre.id);
    expect(funder.name).toBe('Oslo Krisesenter');
    expect(funder.website).toBe('https://oslokrisesenter.no');
    expect(countRows(api.sqlite, 'organisations')).toBe(1);
    const [org] = await api.call('organisations.list', {});
    expect(org).toMatchObject({ name: 'Oslo Krisesenter', isCentre: true, isFunder: true });
    const audit = auditRows(api.sqlite).filter((r) => r.entity === 'funder');
    expect(audit).toHaveLength(1);
  });

  it('refuses a second funder of the same name, whatever the case', async () => {
    await registerFunder(api, 'bufdir');
    const error = await refusedWithoutChange('funders.create', {
      name: 'BUFDIR',
      funderType: 'direktorat',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('«Bufdir» er allerede registrert som tilskuddsyter.');
  });

  it('refuses to give the funder role to an organisation with another organisation number', async () => {
    await api.call('organisations.create', { name: 'Stiftelsen X', orgNumber: '991000003' });
    const error = await refusedWithoutChange('funders.create', {
      name: 'Stiftelsen X',
      funderType: 'stiftelse',
      orgNumber: '991000011',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.issues?.[0]?.path).toBe('orgNumber');
  });
});

describe('funders.update, contacts and funders.get', () => {
  it('changes details, keeps contacts, and logs every change', async () => {
    const f = await registerFunder(api, 'gjensidige');
    const updated = await api.call('funders.update', {
      id: f.id,
      name: 'Gjensidigestiftelsen',
      funderType: 'stiftelse',
      website: 'https://gjensidigestiftelsen.no',
      notes: 'Søknadsfrist for Juleaksjonen i august.',
    });
    expect(updated.website).toBe('https://gjensidigestiftelsen.no');
    const contact = await api.call('funders.addContact', {
      funderId: f.id,
      name: 'Kari Saksbehandler',
      role: 'saksbehandler',
      email: 'kari@gjensidigestiftelsen.no',
    });
    expect(contact).toMatchObject({ funderId: f.id, role: 'saksbehandler', phone: null });
    let detail = await api.call('funders.get', { id: f.id });
    expect(detail.notes).toBe('Søknadsfrist for Juleaksjonen i august.');
    expect(detail.contacts).toEqual([contact]);
    expect(await api.call('funders.removeContact', { id: contact.id })).toEqual({ removed: true });
    detail = await api.call('funders.get', { id: f.id });
    expect(detail.contacts).toEqual([]);
    const entities = auditRows(api.sqlite).map((r) => `${r.entity}:${r.action}`);
    expect(entities).toEqual([
      'organisation:create',
      'funder:create',
      'funder:update',
      'funder_contact:create',
      'funder_contact:delete',
    ]);
    expect((await api.fail('funders.removeContact', { id: contact.id })).code).toBe('NOT_FOUND');
  });

  it('refuses to rename a funder to another organisation’s name', async () => {
    await registerFunder(api, 'bufdir');
    const f = await registerFunder(api, 'gjensidige');
    const error = await refusedWithoutChange('funders.update', {
      id: f.id,
      name: 'bufdir',
      funderType: 'stiftelse',
    });
    expect(error.code).toBe('CONFLICT');
  });

  it('lists a funder’s grants by year: applied, awarded (per year split), received', async () => {
    const seed = await seed2024(api);
    const j23 = await juleaksjonen2023(api, seed);
    await juleaksjonen2024(api, seed);
    const detail = await api.call('funders.get', { id: seed.funders.gjensidige.id });
    expect(detail.grantCount).toBe(2);
    expect(detail.awardedTotalOre).toBe(kroner(1_700_000 + 1_832_639));
    expect(detail.grants.map((g) => g.title)).toEqual(['Juleaksjonen 2024', 'Juleaksjonen 2023']);
    expect(detail.years).toEqual([
      {
        year: 2023,
        appliedOre: kroner(1_700_000),
        awardedOre: kroner(1_700_000),
        awardedConfirmed: true,
        receivedOre: kroner(1_700_000),
      },
      {
        year: 2024,
        appliedOre: kroner(1_832_639),
        awardedOre: kroner(1_832_639),
        awardedConfirmed: true,
        receivedOre: 0,
      },
    ]);
    expect(j23.receivedOre).toBe(kroner(1_700_000));
  });
});

describe('organisations', () => {
  it('registers a partner once; names are unique case-insensitively (æøå included)', async () => {
    const ldo = await api.call('organisations.create', {
      name: 'Likestillings- og diskrimineringsombudet (LDO)',
    });
    expect(ldo).toMatchObject({ isCentre: false, isFunder: false });
    await api.call('organisations.create', { name: 'Høgskulen i Volda' });
    const error = await refusedWithoutChange('organisations.create', {
      name: 'HØGSKULEN I VOLDA',
    });
    expect(error.code).toBe('CONFLICT');
    expect((await api.call('organisations.list', { search: 'volda' })).map((o) => o.name)).toEqual([
      'Høgskulen i Volda',
    ]);
  });
});

describe('projects', () => {
  it('registers ROSA as a measure with its three sub-projects', async () => {
    const rosa = await registerProject(api, 'rosa', { projectNumber: '4100' });
    for (const name of ROSA_CHILDREN) {
      await api.call('projects.create', {
        name,
        kind: 'prosjekt',
        parentId: rosa.id,
        kssRole: 'eier',
        status: 'aktiv',
        recurring: false,
      });
    }
    const detail = await api.call('projects.get', { id: rosa.id });
    expect(detail.kind).toBe('tiltak');
    expect(detail.children.map((c) => c.name)).toEqual([
      'Adora',
      'Fengselsprosjektet',
      "Let's Share Knowledge",
    ]);
    expect(detail.children.every((c) => c.parentId === rosa.id && c.parentName === 'ROSA')).toBe(
      true,
    );
    expect((await api.call('projects.list', { kind: 'tiltak' })).map((p) => p.name)).toEqual([
      'ROSA',
    ]);
    expect((await api.call('projects.list', { search: '4100' })).map((p) => p.name)).toEqual([
      'ROSA',
    ]);
  });

  it('refuses a parent that does not exist, the project itself, or one of its sub-projects', async () => {
    const rosa = await registerProject(api, 'rosa');
    const child = await api.call('projects.create', {
      name: 'Adora',
      kind: 'prosjekt',
      parentId: rosa.id,
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    const grandchild = await api.call('projects.create', {
      name: 'Adora del 2',
      kind: 'prosjekt',
      parentId: child.id,
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    const missing = await refusedWithoutChange('projects.create', {
      name: 'Ny',
      kind: 'prosjekt',
      parentId: 999,
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    expect(missing).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'parentId' }] });
    const self = await refusedWithoutChange('projects.update', {
      id: rosa.id,
      name: 'ROSA',
      kind: 'tiltak',
      parentId: rosa.id,
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    expect(self).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'parentId' }] });
    const cycle = await refusedWithoutChange('projects.update', {
      id: rosa.id,
      name: 'ROSA',
      kind: 'tiltak',
      parentId: grandchild.id,
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    expect(cycle.code).toBe('BAD_INPUT');
    expect(cycle.message).toContain('Adora del 2');
  });

  it('refuses an end date before the start date and a since-year on a one-off project', async () => {
    const error = await refusedWithoutChange('projects.create', {
      name: 'Se sammenhengen',
      kind: 'prosjekt',
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
      recurringSinceYear: 2020,
      startDate: '2024-06-01',
      endDate: '2024-01-01',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues?.map((i) => i.path)).toEqual(['endDate', 'recurringSinceYear']);
    expect(error.issues?.[0]?.message).toBe(
      'Sluttdato (01.01.2024) kan ikke være før startdato (01.06.2024).',
    );
  });

  it('refuses a second project of the same name', async () => {
    await registerProject(api, 'rosa');
    const error = await refusedWithoutChange('projects.create', {
      name: 'rosa',
      kind: 'prosjekt',
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    expect(error.code).toBe('CONFLICT');
  });

  it('Taushet tar liv: recurring since 2014, 500 000 kr from the conflict councils, LDO as partner', async () => {
    const seed = await seed2024(api);
    const ldo = await api.call('organisations.create', {
      name: 'Likestillings- og diskrimineringsombudet (LDO)',
    });
    const partner = await api.call('projects.addPartner', {
      projectId: seed.projects.taushet.id,
      organisationId: ldo.id,
      role: 'Faglig samarbeidspartner',
    });
    expect(partner).toMatchObject({ organisationId: ldo.id, isCentre: false });
    await awardedGrant(
      api,
      grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'Taushet tar liv 2024', {
        editionYear: 2024,
        appliedOre: kroner(500_000),
      }),
      { awardedOre: kroner(500_000), decisionDate: '2024-02-01' },
    );
    const detail = await api.call('projects.get', { id: seed.projects.taushet.id });
    expect(detail).toMatchObject({ recurring: true, recurringSinceYear: 2014, grantCount: 1 });
    expect(detail.partners.map((p) => p.name)).toEqual([
      'Likestillings- og diskrimineringsombudet (LDO)',
    ]);
    expect(detail.grants[0]).toMatchObject({
      awardedOre: kroner(500_000),
      funderName: 'Sekretariatet for konfliktrådene',
      years: [2024],
    });
  });

  it('adds a member centre as partner on VO-linjen without a second organisation', async () => {
    const vo = await registerProject(api, 'voLinjen');
    const oslo = await createOsloKrisesenter();
    const orgsBefore = countRows(api.sqlite, 'organisations');
    const partner = await api.call('projects.addPartner', {
      projectId: vo.id,
      organisationId: oslo.id,
      role: 'Bemanner linjen på kveldstid',
    });
    expect(partner).toMatchObject({ name: 'Oslo Krisesenter', isCentre: true });
    expect(countRows(api.sqlite, 'organisations')).toBe(orgsBefore);
    const dup = await refusedWithoutChange('projects.addPartner', {
      projectId: vo.id,
      organisationId: oslo.id,
    });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toBe('«Oslo Krisesenter» er allerede samarbeidspartner på «VO-linjen».');
    expect(
      (await api.fail('projects.addPartner', { projectId: vo.id, organisationId: 999 })).code,
    ).toBe('BAD_INPUT');
    expect(await api.call('projects.removePartner', { id: partner.id })).toEqual({ removed: true });
    expect((await api.call('projects.get', { id: vo.id })).partners).toEqual([]);
    expect(auditRows(api.sqlite).filter((r) => r.entity === 'project_partner')).toHaveLength(2);
  });

  it('refuses to make a project støttepartner while its grants carry money', async () => {
    const seed = await seed2024(api);
    await api.call(
      'grants.create',
      grantInput(
        seed.projects.seSammenhengen.id,
        seed.funders.konfliktradene.id,
        'Se sammenhengen 2024',
        {
          appliedOre: kroner(50_000),
        },
      ),
    );
    const error = await refusedWithoutChange('projects.update', {
      id: seed.projects.seSammenhengen.id,
      name: 'Se sammenhengen',
      kind: 'prosjekt',
      kssRole: 'stottepartner',
      status: 'aktiv',
      recurring: false,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Se sammenhengen 2024');
  });

  it('refuses to leave «partner med andel» while a grant has KSS’s part', async () => {
    const seed = await seed2024(api);
    const p = await api.call('projects.create', {
      name: 'Felles prosjekt',
      kind: 'prosjekt',
      kssRole: 'partner',
      status: 'aktiv',
      recurring: false,
    });
    await api.call(
      'grants.create',
      grantInput(p.id, seed.funders.bufdir.id, 'Felles prosjekt 2024', {
        kssShareOre: kroner(100_000),
      }),
    );
    const error = await refusedWithoutChange('projects.update', {
      id: p.id,
      name: 'Felles prosjekt',
      kind: 'prosjekt',
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('«Felles prosjekt 2024» har KSS sin andel');
  });
});

describe('the change log', () => {
  it('records every kind of change with the entity names the audit trail uses', async () => {
    const seed = await seed2024(api);
    const ldo = await api.call('organisations.create', { name: 'LDO' });
    const partner = await api.call('projects.addPartner', {
      projectId: seed.projects.taushet.id,
      organisationId: ldo.id,
    });
    await api.call('projects.removePartner', { id: partner.id });
    const contact = await api.call('funders.addContact', {
      funderId: seed.funders.dnb.id,
      name: 'Ola Rapportmottaker',
    });
    await api.call('funders.removeContact', { id: contact.id });
    const j23 = await juleaksjonen2023(api, seed);
    const j24 = await juleaksjonen2024(api, seed);
    await api.call('grants.addDeadline', {
      grantId: j24.id,
      dueDate: '2025-04-30',
      description: 'Sluttrapport',
    });
    const t = await api.call('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_361),
      approvalRef: 'GJS',
      approvalDate: '2024-10-14',
    });
    await api.call('movements.reverse', { id: t.out.id, date: '2024-10-16', reason: 'Feil dato' });
    const rows = auditRows(api.sqlite);
    expect(new Set(rows.map((r) => r.entity))).toEqual(
      new Set([
        'organisation',
        'funder',
        'funder_contact',
        'project',
        'project_partner',
        'grant',
        'grant_year_split',
        'grant_deadline',
        'movement',
      ]),
    );
    expect(rows.filter((r) => r.reason === 'Feil dato')).toHaveLength(2);
    expect(rows.every((r) => r.actor === 'administrasjonsleder')).toBe(true);
  });
});

describe('grants: the 2024 cases', () => {
  let seed: Seed2024;
  beforeEach(async () => {
    seed = await seed2024(api);
  });

  it('Juleaksjonen 2024: 1 832 639 kr + 112 361 kr from 2023 = 1 945 000 kr available', async () => {
    const j23 = await juleaksjonen2023(api, seed);
    expect(j23.balances.at(-1)?.closingOre).toBe(kroner(112_361));
    const j24 = await juleaksjonen2024(api, seed);
    expect(j24.activityFrom).toBe('2024-11-01');
    expect(j24.activityTo).toBe('2025-03-09');
    expect(j24.availableOre).toBe(kroner(1_832_639));
    const transfer = await api.call('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_361),
      approvalRef: 'Gjensidigestiftelsen e-post 2024-10-14',
      approvalDate: '2024-10-14',
      voucherRef: 'B-2024-301',
    });
    expect(transfer.in.counterpartGrantTitle).toBe('Juleaksjonen 2023');
    const after = await api.call('grants.get', { id: j24.id });
    expect(after).toMatchObject({
      awardedOre: kroner(1_832_639),
      transferInOre: kroner(112_361),
      baseOre: kroner(1_832_639),
      adminShareOre: 0,
      allocatedOre: 0,
      availableOre: kroner(1_945_000),
    });
    expect(formatOre(after.availableOre)).toBe('1\u00a0945\u00a0000\u00a0kr');
    const source = await api.call('grants.get', { id: j23.id });
    expect(source.transferOutOre).toBe(kroner(112_361));
    expect(source.balances.at(-1)?.closingOre).toBe(0);
  });

  it('Juleaksjonen 2024 with a percentage admin share: available = 1 945 000 kr − the share', async () => {
    const j23 = await juleaksjonen2023(api, seed);
    const j24 = await juleaksjonen2024(api, seed, { adminRule: 'percent', adminBasisPoints: 500 });
    await api.call('movements.transfer', {
      fromGrantId: j23.id,
      toGrantId: j24.id,
      date: '2024-10-15',
      amountOre: kroner(112_361),
      approvalRef: 'GJS-2024-JUL-overføring',
      approvalDate: '2024-10-14',
    });
    const g = await api.call('grants.get', { id: j24.id });
    // 5 % of 1 832 639 kr = 91 631,95 kr exactly.
    expect(g.adminShareOre).toBe(9_163_195);
    expect(g.baseOre + g.transferInOre).toBe(kroner(1_945_000));
    expect(g.availableOre).toBe(kroner(1_945_000) - 9_163_195);
  });

  it('Sommeraksjonen: 1 484 475 kr applied and awarded in full', async () => {
    const g = await awardedGrant(
      api,
      grantInput(
        seed.projects.sommeraksjonen.id,
        seed.funders.gjensidige.id,
        'Sommeraksjonen 2024',
        {
          editionYear: 2024,
          appliedOre: kroner(1_484_475),
          appliedDate: '2024-03-01',
          notes: 'Øvre beløpsgrense for nasjonal søknad; 19 medlemssentre søkte.',
        },
      ),
      { awardedOre: kroner(1_484_475), decisionDate: '2024-04-15' },
    );
    expect(g).toMatchObject({
      status: 'innvilget',
      appliedOre: kroner(1_484_475),
      awardedOre: kroner(1_484_475),
      decisionDate: '2024-04-15',
      yearSplits: [{ year: 2024, amountOre: kroner(1_484_475) }],
      availableOre: kroner(1_484_475),
      allowedTransitions: ['avsluttet'],
    });
  });

  it('refuses «Delvis innvilget» when the award is not below the applied amount', async () => {
    const g = await api.call(
      'grants.create',
      grantInput(
        seed.projects.sommeraksjonen.id,
        seed.funders.gjensidige.id,
        'Sommeraksjonen 2024',
        {
          appliedOre: kroner(1_484_475),
        },
      ),
    );
    await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
    const error = await refusedWithoutChange('grants.setStatus', {
      id: g.id,
      status: 'delvis_innvilget',
      awardedOre: kroner(1_484_475),
      decisionDate: '2024-04-15',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('1\u00a0484\u00a0475\u00a0kr');
    const partial = await api.call('grants.setStatus', {
      id: g.id,
      status: 'delvis_innvilget',
      awardedOre: kroner(1_200_000),
      decisionDate: '2024-04-15',
      reason: 'Tilskuddsyter satte ned beløpet.',
    });
    expect(partial.status).toBe('delvis_innvilget');
    const log = auditRows(api.sqlite).at(-1);
    expect(log).toMatchObject({
      entity: 'grant',
      action: 'update',
      reason: 'Tilskuddsyter satte ned beløpet.',
    });
  });

  it('allows an award above the applied amount (funders sometimes give more)', async () => {
    const g = await awardedGrant(
      api,
      grantInput(
        seed.projects.voldAvlerVold.id,
        seed.funders.konfliktradene.id,
        'Vold avler vold 2024',
        {
          appliedOre: kroner(300_000),
        },
      ),
      { awardedOre: kroner(350_000), decisionDate: '2024-03-01' },
    );
    expect(g.awardedOre).toBe(kroner(350_000));
  });

  describe('KjøkkenKultur – Mat for Mestring: 1 120 000 kr for 2023 and 2024', () => {
    let g: Grant;
    beforeEach(async () => {
      g = await awardedGrant(
        api,
        grantInput(
          seed.projects.kjokkenKultur.id,
          seed.funders.dnb.id,
          'KjøkkenKultur – Mat for Mestring',
          {
            appliedOre: kroner(1_120_000),
            periodFrom: '2023-01-01',
            periodTo: '2024-12-31',
          },
        ),
        { awardedOre: kroner(1_120_000), decisionDate: '2022-12-01' },
      );
    });

    it('suggests a split by the period’s days (365 + 366) and keeps it as a suggestion', () => {
      // Issue 10.4: no silent 50/50; the suggestion sums exactly and waits for confirmation.
      expect(g.yearSplits).toEqual([
        { year: 2023, amountOre: 55_923_393, confirmed: false },
        { year: 2024, amountOre: 56_076_607, confirmed: false },
      ]);
      expect(g.yearSplitConfirmed).toBe(false);
      expect(g.years).toEqual([2022, 2023, 2024]);
    });

    it('takes an uneven split that sums to the award', async () => {
      const after = await api.call('grants.setYearSplit', {
        id: g.id,
        splits: [
          { year: 2024, amountOre: kroner(700_000) },
          { year: 2023, amountOre: kroner(420_000) },
        ],
      });
      expect(after.yearSplits).toEqual([
        { year: 2023, amountOre: kroner(420_000), confirmed: true },
        { year: 2024, amountOre: kroner(700_000), confirmed: true },
      ]);
      expect(after.yearSplitConfirmed).toBe(true);
      const splitLog = auditRows(api.sqlite).filter((r) => r.entity === 'grant_year_split');
      expect(splitLog.map((r) => r.action)).toEqual(['create', 'create', 'update', 'update']);
    });

    it('refuses a split that does not sum to the award, saying by how much', async () => {
      const error = await refusedWithoutChange('grants.setYearSplit', {
        id: g.id,
        splits: [
          { year: 2023, amountOre: kroner(500_000) },
          { year: 2024, amountOre: kroner(500_000) },
        ],
      });
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe(
        'Fordelingen per år (1\u00a0000\u00a0000\u00a0kr) må være lik innvilget beløp (1\u00a0120\u00a0000\u00a0kr); differansen er 120\u00a0000\u00a0kr.',
      );
    });

    it('refuses a year twice or a year outside the grant period', async () => {
      const twice = await refusedWithoutChange('grants.setYearSplit', {
        id: g.id,
        splits: [
          { year: 2023, amountOre: kroner(560_000) },
          { year: 2023, amountOre: kroner(560_000) },
        ],
      });
      expect(twice).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'splits.1.year' }] });
      const outside = await refusedWithoutChange('grants.setYearSplit', {
        id: g.id,
        splits: [
          { year: 2023, amountOre: kroner(560_000) },
          { year: 2025, amountOre: kroner(560_000) },
        ],
      });
      expect(outside.code).toBe('BAD_INPUT');
      expect(outside.issues?.[0]?.message).toBe(
        'År: 2025 er utenfor tilskuddsperioden (2023–2024).',
      );
    });

    it('re-spreads the award when the period moves so the split no longer fits', async () => {
      const after = await api.call('grants.update', {
        id: g.id,
        projectId: seed.projects.kjokkenKultur.id,
        funderId: seed.funders.dnb.id,
        title: 'KjøkkenKultur – Mat for Mestring',
        appliedOre: kroner(1_120_000),
        adminRule: 'none',
        periodFrom: '2024-01-01',
        periodTo: '2025-12-31',
      });
      expect(after.yearSplits).toEqual([
        { year: 2024, amountOre: 56_076_607, confirmed: false },
        { year: 2025, amountOre: 55_923_393, confirmed: false },
      ]);
    });
  });

  describe('MANREPORT-IPV (støttepartner)', () => {
    it('is listed without any money', async () => {
      const g = await api.call(
        'grants.create',
        grantInput(seed.projects.manreport.id, seed.funders.forskningsradet.id, 'MANREPORT-IPV', {
          periodFrom: '2022-01-01',
          periodTo: '2026-04-08',
        }),
      );
      await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
      const awarded = await api.call('grants.setStatus', {
        id: g.id,
        status: 'innvilget',
        decisionDate: '2021-12-01',
      });
      expect(awarded).toMatchObject({
        carriesMoney: false,
        awardedOre: null,
        appliedOre: null,
        baseOre: 0,
        adminShareOre: 0,
        availableOre: 0,
        yearSplits: [],
      });
      await api.call('grants.addDeadline', {
        grantId: g.id,
        dueDate: '2026-04-08',
        description: 'Sluttkonferanse',
      });
      const list = await api.call('grants.list', { kssRole: 'stottepartner' });
      expect(list.rows.map((r) => r.title)).toEqual(['MANREPORT-IPV']);
      expect(list.totals).toEqual({ appliedOre: 0, awardedOre: 0, receivedOre: 0 });
      expect((await api.call('grants.list', { year: 2025 })).rows.map((r) => r.title)).toEqual([
        'MANREPORT-IPV',
      ]);
    });

    it('refuses amounts on create and on award, and any movement', async () => {
      const error = await refusedWithoutChange(
        'grants.create',
        grantInput(seed.projects.manreport.id, seed.funders.forskningsradet.id, 'MANREPORT-IPV', {
          appliedOre: kroner(100_000),
          adminRule: 'percent',
          adminBasisPoints: 500,
        }),
      );
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(
        /^«MANREPORT-IPV» er støttepartner: tilskuddet føres uten beløp/,
      );
      expect(error.issues?.map((i) => i.path)).toEqual([
        'appliedOre',
        'adminBasisPoints',
        'adminRule',
      ]);

      const g = await api.call(
        'grants.create',
        grantInput(seed.projects.manreport.id, seed.funders.forskningsradet.id, 'MANREPORT-IPV'),
      );
      await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
      const award = await refusedWithoutChange('grants.setStatus', {
        id: g.id,
        status: 'innvilget',
        awardedOre: kroner(100_000),
        decisionDate: '2021-12-01',
      });
      expect(award.code).toBe('CONFLICT');
      expect(award.message).toContain('er støttepartner: tilskuddet føres uten beløp');
      await api.call('grants.setStatus', {
        id: g.id,
        status: 'innvilget',
        decisionDate: '2021-12-01',
      });
      const move = await refusedWithoutChange('movements.record', {
        grantId: g.id,
        type: 'received',
        date: '2024-01-10',
        amountOre: 100,
      });
      expect(move.code).toBe('CONFLICT');
      expect(move.message).toContain('er støttepartner: tilskuddet føres uten beløp');
      const split = await refusedWithoutChange('grants.setYearSplit', { id: g.id, splits: [] });
      expect(split.code).toBe('CONFLICT');
    });
  });

  it('ROSA 2024: a grant per funder on the measure and on a sub-project', async () => {
    const child = await api.call('projects.create', {
      name: 'Fengselsprosjektet',
      kind: 'prosjekt',
      parentId: seed.projects.rosa.id,
      kssRole: 'eier',
      status: 'aktiv',
      recurring: false,
    });
    await awardedGrant(
      api,
      grantInput(seed.projects.rosa.id, seed.funders.jd.id, 'ROSA 2024', {
        editionYear: 2024,
        appliedOre: kroner(7_435_955 - 612_186),
        adminRule: 'percent',
        adminBasisPoints: 1000,
      }),
      { awardedOre: kroner(7_435_955 - 612_186), decisionDate: '2024-01-05' },
    );
    const projectFunds = await awardedGrant(
      api,
      grantInput(child.id, seed.funders.jd.id, 'ROSA prosjektmidler 2024–2025', {
        appliedOre: kroner(612_186),
        periodFrom: '2024-01-01',
        periodTo: '2025-12-31',
      }),
      { awardedOre: kroner(612_186), decisionDate: '2024-01-05' },
    );
    expect(projectFunds.yearSplits).toEqual([
      { year: 2024, amountOre: 30_651_173, confirmed: false },
      { year: 2025, amountOre: 30_567_427, confirmed: false },
    ]);
    const list = await api.call('grants.list', { funderId: seed.funders.jd.id, year: 2024 });
    expect(list.totals.awardedOre).toBe(kroner(7_435_955));
    const rosa = await api.call('projects.get', { id: seed.projects.rosa.id });
    expect(rosa.children.map((c) => [c.name, c.grantCount])).toEqual([['Fengselsprosjektet', 1]]);
    expect(rosa.grants.map((g) => g.title)).toEqual(['ROSA 2024']);
  });
});

describe('grants.create and grants.update: field rules', () => {
  let seed: Seed2024;
  beforeEach(async () => {
    seed = await seed2024(api);
  });

  it('starts as «Utkast» and logs the creation', async () => {
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'Taushet tar liv 2025', {
        appliedOre: kroner(500_000),
        appliedDate: '2024-06-01',
      }),
    );
    expect(g).toMatchObject({
      status: 'utkast',
      allowedTransitions: ['sokt', 'trukket'],
      carriesMoney: true,
      awardedOre: null,
      years: [],
      balances: [],
    });
    const log = auditRows(api.sqlite).at(-1);
    expect(log).toMatchObject({ entity: 'grant', entity_id: g.id, action: 'create' });
  });

  it('refuses periods that end before they start, naming the field', async () => {
    const error = await refusedWithoutChange(
      'grants.create',
      grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'X', {
        periodFrom: '2024-12-31',
        periodTo: '2024-01-01',
        activityTo: '2024-01-01',
      }),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toEqual([
      {
        path: 'periodTo',
        message:
          'Tilskuddsperiode til (01.01.2024) kan ikke være før Tilskuddsperiode fra (31.12.2024).',
      },
      {
        path: 'activityFrom',
        message: 'Aktivitetsperiode fra må fylles ut når Aktivitetsperiode til er satt.',
      },
    ]);
  });

  it('needs the percentage or the fixed amount its admin rule uses, and keeps only that one', async () => {
    const missing = await refusedWithoutChange(
      'grants.create',
      grantInput(seed.projects.rosa.id, seed.funders.jd.id, 'ROSA', { adminRule: 'percent' }),
    );
    expect(missing).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'adminBasisPoints' }] });
    const fixedMissing = await refusedWithoutChange(
      'grants.create',
      grantInput(seed.projects.rosa.id, seed.funders.jd.id, 'ROSA', { adminRule: 'fixed' }),
    );
    expect(fixedMissing).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'adminFixedOre' }] });
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.rosa.id, seed.funders.jd.id, 'ROSA', {
        adminRule: 'fixed',
        adminFixedOre: kroner(100_000),
        adminBasisPoints: 700,
      }),
    );
    expect(g).toMatchObject({ adminFixedOre: kroner(100_000), adminBasisPoints: null });
    const none = await api.call('grants.update', {
      id: g.id,
      projectId: seed.projects.rosa.id,
      funderId: seed.funders.jd.id,
      title: 'ROSA',
      adminRule: 'none',
      adminFixedOre: kroner(100_000),
    });
    expect(none).toMatchObject({ adminRule: 'none', adminFixedOre: null, adminShareOre: 0 });
  });

  it('allows KSS’s part only for «partner med andel», and never above the award', async () => {
    const eier = await refusedWithoutChange(
      'grants.create',
      grantInput(seed.projects.rosa.id, seed.funders.jd.id, 'ROSA', { kssShareOre: kroner(1) }),
    );
    expect(eier.code).toBe('CONFLICT');
    expect(eier.message).toBe(
      'KSS sin andel kan bare føres når KSS er «Partner med andel»; «ROSA» har rollen «Eier».',
    );
    const p = await api.call('projects.create', {
      name: 'Felles prosjekt',
      kind: 'prosjekt',
      kssRole: 'partner',
      status: 'aktiv',
      recurring: false,
    });
    const input = grantInput(p.id, seed.funders.bufdir.id, 'Felles prosjekt 2024', {
      appliedOre: kroner(1_000_000),
      kssShareOre: kroner(400_000),
      adminRule: 'percent' as const,
      adminBasisPoints: 1000,
    });
    const g = await awardedGrant(api, input, {
      awardedOre: kroner(1_000_000),
      decisionDate: '2024-02-01',
    });
    expect(g).toMatchObject({ baseOre: kroner(400_000), adminShareOre: kroner(40_000) });
    expect(g.availableOre).toBe(kroner(360_000));
    const above = await refusedWithoutChange('grants.update', {
      ...input,
      id: g.id,
      kssShareOre: kroner(1_000_001),
    });
    expect(above.code).toBe('CONFLICT');
    expect(above.message).toBe(
      'KSS sin andel (1\u00a0000\u00a0001\u00a0kr) kan ikke være større enn innvilget beløp (1\u00a0000\u00a0000\u00a0kr); differansen er 1\u00a0kr.',
    );
  });

  it('refuses an admin share above the award plus transfers in (invariant 3)', async () => {
    const input = grantInput(
      seed.projects.seSammenhengen.id,
      seed.funders.konfliktradene.id,
      'Se sammenhengen 2024',
      {
        appliedOre: kroner(50_000),
        adminRule: 'fixed' as const,
        adminFixedOre: kroner(60_000),
      },
    );
    const g = await api.call('grants.create', input);
    await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
    const error = await refusedWithoutChange('grants.setStatus', {
      id: g.id,
      status: 'innvilget',
      awardedOre: kroner(50_000),
      decisionDate: '2024-02-01',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Administrasjonsandelen (60\u00a0000\u00a0kr) kan ikke være større enn innvilget beløp pluss overført inn (50\u00a0000\u00a0kr); differansen er 10\u00a0000\u00a0kr.',
    );
    await api.call('grants.update', { ...input, id: g.id, adminFixedOre: kroner(5_000) });
    await api.call('grants.setStatus', {
      id: g.id,
      status: 'innvilget',
      awardedOre: kroner(50_000),
      decisionDate: '2024-02-01',
    });
    const raise = await refusedWithoutChange('grants.update', {
      ...input,
      id: g.id,
      adminFixedOre: kroner(50_001),
    });
    expect(raise.code).toBe('CONFLICT');
  });

  it('refuses a lower admin share than what was already transferred as admin share', async () => {
    const input = grantInput(seed.projects.rosa.id, seed.funders.jd.id, 'ROSA 2024', {
      adminRule: 'percent' as const,
      adminBasisPoints: 1000,
    });
    const g = await awardedGrant(api, input, {
      awardedOre: kroner(1_000_000),
      decisionDate: '2024-01-05',
    });
    await api.call('movements.record', {
      grantId: g.id,
      type: 'received',
      date: '2024-01-20',
      amountOre: kroner(1_000_000),
    });
    await api.call('movements.record', {
      grantId: g.id,
      type: 'admin_share',
      date: '2024-01-21',
      amountOre: kroner(100_000),
    });
    const error = await refusedWithoutChange('grants.update', {
      ...input,
      id: g.id,
      adminBasisPoints: 500,
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('differansen er 50\u00a0000\u00a0kr');
  });

  it('answers NOT_FOUND for a grant that does not exist and BAD_INPUT for a missing project', async () => {
    expect((await api.fail('grants.get', { id: 999 })).code).toBe('NOT_FOUND');
    const error = await refusedWithoutChange(
      'grants.create',
      grantInput(999, seed.funders.jd.id, 'X'),
    );
    expect(error).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'projectId' }] });
    const notFunder = await refusedWithoutChange(
      'grants.create',
      grantInput(seed.projects.rosa.id, 999, 'X'),
    );
    expect(notFunder).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'funderId' }] });
  });
});

describe('grants.setStatus: the life-cycle', () => {
  let seed: Seed2024;
  beforeEach(async () => {
    seed = await seed2024(api);
  });

  let counter = 0;
  /** A grant in `status`, reached by allowed steps. */
  async function grantIn(status: GrantStatus): Promise<Grant> {
    const g = await api.call(
      'grants.create',
      grantInput(
        seed.projects.voLinjen.id,
        seed.funders.bufdir.id,
        `VO-linjen ${status} ${++counter}`,
        {
          appliedOre: kroner(800_000),
        },
      ),
    );
    const path: Record<GrantStatus, GrantStatus[]> = {
      utkast: [],
      sokt: ['sokt'],
      innvilget: ['sokt', 'innvilget'],
      delvis_innvilget: ['sokt', 'delvis_innvilget'],
      avslatt: ['sokt', 'avslatt'],
      trukket: ['trukket'],
      avsluttet: ['sokt', 'innvilget', 'avsluttet'],
    };
    let current = g;
    for (const step of path[status]) {
      current = await api.call('grants.setStatus', { id: g.id, ...statusInput(step) });
    }
    expect(current.status).toBe(status);
    return current;
  }

  function statusInput(status: GrantStatus) {
    if (status === 'innvilget')
      return { status, awardedOre: kroner(800_000), decisionDate: '2024-02-01' };
    if (status === 'delvis_innvilget') {
      return { status, awardedOre: kroner(500_000), decisionDate: '2024-02-01' };
    }
    return { status };
  }

  it('allows exactly the transitions in GRANT_TRANSITIONS and refuses every other pair', async () => {
    let allowed = 0;
    let refused = 0;
    for (const from of GRANT_STATUSES) {
      for (const to of GRANT_STATUSES) {
        const g = await grantIn(from);
        if (GRANT_TRANSITIONS[from].includes(to)) {
          const after = await api.call('grants.setStatus', { id: g.id, ...statusInput(to) });
          expect(after.status).toBe(to);
          allowed++;
        } else {
          const error = await refusedWithoutChange('grants.setStatus', {
            id: g.id,
            ...statusInput(to),
          });
          expect(error.code, `${from} → ${to}`).toBe('CONFLICT');
          expect(error.message).toMatch(/^Status kan ikke endres fra «.+» til «.+»\./);
          refused++;
        }
      }
    }
    const pairs = Object.values(GRANT_TRANSITIONS).reduce((n, to) => n + to.length, 0);
    expect(allowed).toBe(pairs);
    expect(refused).toBe(GRANT_STATUSES.length ** 2 - pairs);
  });

  it('needs the awarded amount and the decision date to award', async () => {
    const g = await grantIn('sokt');
    const error = await refusedWithoutChange('grants.setStatus', { id: g.id, status: 'innvilget' });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toEqual([
      {
        path: 'decisionDate',
        message: 'Vedtaksdato må fylles ut når tilskuddet blir «Innvilget».',
      },
      {
        path: 'awardedOre',
        message: 'Innvilget beløp må fylles ut når tilskuddet blir «Innvilget».',
      },
    ]);
    const notAwarding = await refusedWithoutChange('grants.setStatus', {
      id: g.id,
      status: 'avslatt',
      awardedOre: 100,
    });
    expect(notAwarding).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'awardedOre' }] });
    const rejected = await api.call('grants.setStatus', {
      id: g.id,
      status: 'avslatt',
      decisionDate: '2024-03-01',
      reason: 'Avslag: ordningen var overtegnet.',
    });
    expect(rejected).toMatchObject({
      status: 'avslatt',
      decisionDate: '2024-03-01',
      allowedTransitions: [],
    });
  });

  it('refuses a decision date before the application date', async () => {
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, 'VO-linjen 2024', {
        appliedDate: '2024-02-01',
      }),
    );
    await api.call('grants.setStatus', { id: g.id, status: 'sokt' });
    const error = await refusedWithoutChange('grants.setStatus', {
      id: g.id,
      status: 'innvilget',
      awardedOre: kroner(500_000),
      decisionDate: '2024-01-01',
    });
    expect(error).toMatchObject({ code: 'BAD_INPUT', issues: [{ path: 'decisionDate' }] });
  });
});

describe('grants.list', () => {
  it('filters by year, funder, project, status, role and text, with totals', async () => {
    const seed = await seed2024(api);
    await juleaksjonen2023(api, seed);
    await juleaksjonen2024(api, seed);
    await awardedGrant(
      api,
      grantInput(seed.projects.taushet.id, seed.funders.konfliktradene.id, 'Taushet tar liv 2024', {
        editionYear: 2024,
        appliedOre: kroner(500_000),
        reference: 'SKR-24-17',
      }),
      { awardedOre: kroner(500_000), decisionDate: '2024-02-01' },
    );
    await api.call(
      'grants.create',
      grantInput(
        seed.projects.seSammenhengen.id,
        seed.funders.konfliktradene.id,
        'Se sammenhengen 2025',
        {
          editionYear: 2025,
          appliedOre: kroner(50_000),
        },
      ),
    );
    const all = await api.call('grants.list', {});
    expect(all.rows.map((r) => r.title)).toEqual([
      'Se sammenhengen 2025',
      'Juleaksjonen 2024',
      'Taushet tar liv 2024',
      'Juleaksjonen 2023',
    ]);
    expect(all.totals).toEqual({
      appliedOre: kroner(1_700_000 + 1_832_639 + 500_000 + 50_000),
      awardedOre: kroner(1_700_000 + 1_832_639 + 500_000),
      receivedOre: kroner(1_700_000),
    });
    const titles = async (input: Parameters<typeof api.call<'grants.list'>>[1]) =>
      (await api.call('grants.list', input)).rows.map((r) => r.title);
    expect(await titles({ year: 2023 })).toEqual(['Juleaksjonen 2023']);
    expect(await titles({ year: 2024 })).toEqual([
      'Juleaksjonen 2024',
      'Taushet tar liv 2024',
      'Juleaksjonen 2023',
    ]);
    expect(await titles({ funderId: seed.funders.konfliktradene.id })).toEqual([
      'Se sammenhengen 2025',
      'Taushet tar liv 2024',
    ]);
    expect(await titles({ projectId: seed.projects.juleaksjonen.id, year: 2023 })).toEqual([
      'Juleaksjonen 2023',
    ]);
    expect(await titles({ status: 'utkast' })).toEqual(['Se sammenhengen 2025']);
    expect(await titles({ kssRole: 'eier' })).toEqual([
      'Se sammenhengen 2025',
      'Taushet tar liv 2024',
    ]);
    expect(await titles({ search: 'skr-24' })).toEqual(['Taushet tar liv 2024']);
    expect(await titles({ search: 'gjensidige' })).toEqual([
      'Juleaksjonen 2024',
      'Juleaksjonen 2023',
    ]);
    expect(await titles({ search: 'forvalter' })).toEqual([]);
  });
});

describe('grant deadlines', () => {
  it('adds a reporting deadline and marks it delivered, logging both', async () => {
    const seed = await seed2024(api);
    const g = await api.call(
      'grants.create',
      grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, 'VO-linjen 2024'),
    );
    const withDeadline = await api.call('grants.addDeadline', {
      grantId: g.id,
      dueDate: '2025-03-01',
      description: 'Rapport og regnskap for 2024',
    });
    const [d] = withDeadline.deadlines;
    expect(d).toMatchObject({ dueDate: '2025-03-01', doneDate: null });
    if (!d) throw new Error('no deadline');
    const done = await api.call('grants.completeDeadline', { id: d.id, doneDate: '2025-02-27' });
    expect(done.deadlines[0]?.doneDate).toBe('2025-02-27');
    expect(
      auditRows(api.sqlite)
        .filter((r) => r.entity === 'grant_deadline')
        .map((r) => r.action),
    ).toEqual(['create', 'update']);
    expect(
      (await api.fail('grants.completeDeadline', { id: 999, doneDate: '2025-02-27' })).code,
    ).toBe('NOT_FOUND');
  });
});
