/**
 * Builders for funders, projects and grants from KSS's 2024 annual report (see
 * ../shared/DOMAIN.md). They go through the real dispatch, so every fixture also passes the
 * contract's validation. Amounts are kroner in the names and øre in the calls.
 */
import type { Grant, Input, ProjectSummary } from '../../src-shared/api/contract';
import { kroner } from '../../src-shared/kernel/money';
import type { TestApi } from './db';

export const FUNDERS = {
  gjensidige: { name: 'Gjensidigestiftelsen', funderType: 'stiftelse' },
  dnb: { name: 'Sparebankstiftelsen DNB', funderType: 'stiftelse' },
  konfliktradene: { name: 'Sekretariatet for konfliktrådene', funderType: 'direktorat' },
  forskningsradet: { name: 'Norges forskningsråd', funderType: 'forskningsrad' },
  bufdir: { name: 'Bufdir', funderType: 'direktorat' },
  jd: { name: 'Justis- og beredskapsdepartementet', funderType: 'departement' },
} as const satisfies Record<string, Input<'funders.create'>>;
export type FunderKey = keyof typeof FUNDERS;

type ProjectCreate = Input<'projects.create'>;
const base = { status: 'aktiv', recurring: false } as const;

/** Projects and measures of the 2024 report with KSS's role in each. */
export const PROJECTS = {
  juleaksjonen: {
    ...base,
    name: 'Juleaksjonen',
    kind: 'prosjekt',
    kssRole: 'forvalter',
    recurring: true,
  },
  sommeraksjonen: {
    ...base,
    name: 'Sommeraksjonen',
    kind: 'prosjekt',
    kssRole: 'forvalter',
    recurring: true,
  },
  kjokkenKultur: {
    ...base,
    name: 'KjøkkenKultur – Mat for Mestring',
    kind: 'prosjekt',
    kssRole: 'forvalter',
    startDate: '2023-01-01',
    endDate: '2024-12-31',
  },
  taushet: {
    ...base,
    name: 'Taushet tar liv',
    kind: 'prosjekt',
    kssRole: 'eier',
    recurring: true,
    recurringSinceYear: 2014,
  },
  seSammenhengen: { ...base, name: 'Se sammenhengen', kind: 'prosjekt', kssRole: 'eier' },
  voldAvlerVold: { ...base, name: 'Vold avler vold', kind: 'prosjekt', kssRole: 'eier' },
  manreport: {
    ...base,
    name: 'MANREPORT-IPV',
    kind: 'prosjekt',
    kssRole: 'stottepartner',
    endDate: '2026-04-08',
    description:
      'Norges forskningsråd finansierer Høgskulen i Volda; sluttkonferanse 8. april 2026.',
  },
  rosa: { ...base, name: 'ROSA', kind: 'tiltak', kssRole: 'eier' },
  voLinjen: { ...base, name: 'VO-linjen', kind: 'tiltak', kssRole: 'eier' },
} as const satisfies Record<string, ProjectCreate>;
export type ProjectKey = keyof typeof PROJECTS;

/** ROSA's sub-projects. */
export const ROSA_CHILDREN = ['Fengselsprosjektet', "Let's Share Knowledge", 'Adora'] as const;

export async function registerFunder(api: TestApi, key: FunderKey) {
  return api.call('funders.create', FUNDERS[key]);
}

export async function registerProject(
  api: TestApi,
  key: ProjectKey,
  overrides: Partial<ProjectCreate> = {},
): Promise<ProjectSummary> {
  return api.call('projects.create', { ...PROJECTS[key], ...overrides });
}

/** A create input that states its admin rule (the tests do not rely on the default). */
export type GrantCreate = Omit<Input<'grants.update'>, 'id'>;

/** A grant application with no admin share unless said otherwise. */
export function grantInput(
  projectId: number,
  funderId: number,
  title: string,
  overrides: Partial<GrantCreate> = {},
): GrantCreate {
  return { projectId, funderId, title, adminRule: 'none', ...overrides };
}

/**
 * Creates a grant and takes it through «Søkt» to «Innvilget» (or «Delvis innvilget») with
 * the award and decision date given.
 */
export async function awardedGrant(
  api: TestApi,
  input: GrantCreate,
  award: {
    awardedOre: number;
    decisionDate: string;
    status?: 'innvilget' | 'delvis_innvilget';
    reference?: string;
  },
): Promise<Grant> {
  const created = await api.call('grants.create', input);
  await api.call('grants.setStatus', { id: created.id, status: 'sokt' });
  return api.call('grants.setStatus', {
    id: created.id,
    status: award.status ?? 'innvilget',
    awardedOre: award.awardedOre,
    decisionDate: award.decisionDate,
    ...(award.reference ? { reference: award.reference } : {}),
  });
}

export interface Seed2024 {
  funders: Record<FunderKey, { id: number }>;
  projects: Record<ProjectKey, ProjectSummary>;
}

/** Registers the six funders and the report's projects and measures. */
export async function seed2024(api: TestApi): Promise<Seed2024> {
  const funders = {} as Seed2024['funders'];
  for (const key of Object.keys(FUNDERS) as FunderKey[]) {
    funders[key] = await registerFunder(api, key);
  }
  const projects = {} as Seed2024['projects'];
  for (const key of Object.keys(PROJECTS) as ProjectKey[]) {
    projects[key] = await registerProject(api, key);
  }
  return { funders, projects };
}

/**
 * Juleaksjonen 2023 (Gjensidigestiftelsen), received in full; the award is not in the
 * 2024 report, 1 700 000 kr stands in for it. 112 361 kr were left unused.
 */
export async function juleaksjonen2023(api: TestApi, seed: Seed2024): Promise<Grant> {
  const grant = await awardedGrant(
    api,
    grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2023', {
      editionYear: 2023,
      appliedOre: kroner(1_700_000),
      appliedDate: '2023-08-15',
      activityFrom: '2023-11-01',
      activityTo: '2024-03-10',
    }),
    { awardedOre: kroner(1_700_000), decisionDate: '2023-10-01', reference: 'GJS-2023-JUL' },
  );
  await api.call('movements.record', {
    grantId: grant.id,
    type: 'received',
    date: '2023-10-20',
    amountOre: kroner(1_700_000),
    voucherRef: 'B-2023-311',
  });
  await api.call('movements.record', {
    grantId: grant.id,
    type: 'own_costs',
    date: '2024-03-15',
    amountOre: kroner(1_700_000 - 112_361),
    voucherRef: 'B-2024-088',
    note: 'Gavekort til 16 medlemssentre.',
  });
  return api.call('grants.get', { id: grant.id });
}

/** Juleaksjonen 2024: 1 832 639 kr awarded in the members-only scenario. */
export async function juleaksjonen2024(
  api: TestApi,
  seed: Seed2024,
  overrides: Partial<GrantCreate> = {},
): Promise<Grant> {
  return awardedGrant(
    api,
    grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2024', {
      editionYear: 2024,
      schemeName: 'Juleaksjonen – kun medlemmer',
      appliedOre: kroner(1_832_639),
      appliedDate: '2024-08-20',
      activityFrom: '2024-11-01',
      activityTo: '2025-03-09',
      ...overrides,
    }),
    { awardedOre: kroner(1_832_639), decisionDate: '2024-10-10', reference: 'GJS-2024-JUL' },
  );
}
