/**
 * Fixtures for sub-allocations: all 21 member centres of Krisesentersekretariatet in 2024
 * (from the annual report's member list, spelled correctly, without people's names), and
 * the Juleaksjonen 2024 round built through the real dispatch.
 */
import type { Centre, Grant, Input, Round } from '../../src-shared/api/contract';
import { distribute } from '../../src-shared/allocations/rules';
import { kroner } from '../../src-shared/kernel/money';
import type { TestApi } from './db';
import { juleaksjonen2023, juleaksjonen2024, seed2024, type Seed2024 } from './grants';

type CentreCreate = Input<'centres.create'>;

/** A valid MOD11 organisation number made up for the tests (not the centre's real one). */
export function testOrgNumber(seq: number): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let n = 99_300_000 + seq * 7; ; n++) {
    const digits = String(n).split('').map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (weights[i] ?? 0), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${n}${check === 11 ? 0 : check}`;
  }
}

interface Member extends CentreCreate {
  joinedDate: string;
  leftDate: string | null;
}

/** Join dates before 2024 are not in the report; 2010-01-01 stands in for "before 2024". */
const BEFORE = '2010-01-01';
/** Sør-Helgeland, Fredrikstad and Halden leave at the turn of 2025. */
const LEAVES = '2024-12-31';

/** The report's member list, numbered as in the report (1–21). */
export const MEMBERS_2024 = {
  gjovik: {
    name: 'Gjøvik Krisesenter IKS',
    driftsform: 'iks',
    region: 'sor-ost',
    contactEmail: 'post@krisesenteret-gjovik.no',
  },
  helgeland: {
    name: 'Helgeland Krisesenter',
    driftsform: 'kommunalt',
    region: 'nord',
    contactEmail: 'mosjoen.krisesenter@vefsn.kommune.no',
  },
  indreOstfold: {
    name: 'Indre Østfold Krisesenter',
    driftsform: 'kommunalt',
    region: 'sor-ost',
    contactEmail: 'postmaster@ioks.no',
  },
  fredrikstad: {
    name: 'Krise- og incestsenteret i Fredrikstad',
    driftsform: 'stiftelse',
    region: 'sor-ost',
    contactEmail: 'krisesenteret.fredrikstad@blaakors.no',
    leftDate: LEAVES,
  },
  halden: {
    name: 'Krisesenter Halden',
    driftsform: 'stiftelse',
    region: 'sor-ost',
    contactEmail: 'krisesenteret.halden@blaakors.no',
    leftDate: LEAVES,
  },
  bergen: {
    name: 'Krisesenter for Bergen og omegn',
    driftsform: 'kommunalt',
    region: 'midt-vest',
    contactEmail: 'krisesenteret@bergen.kommune.no',
  },
  orkdal: {
    name: 'Krisesenteret for Orkdal og omegn',
    driftsform: 'ideell',
    region: 'midt-vest',
    contactEmail: 'krisesenteretorkdal@outlook.com',
  },
  tromso: {
    name: 'Krisesenteret for Tromsø og omegn',
    driftsform: 'kommunalt',
    region: 'nord',
    contactEmail: 'krisesenteret@tromso.kommune.no',
  },
  midtTroms: {
    name: 'Krisesenteret i Midt-Troms',
    driftsform: 'ideell',
    region: 'nord',
    contactEmail: 'post@krisesenteretmidt-troms.no',
  },
  salten: {
    name: 'Krisesenteret i Salten',
    driftsform: 'kommunalt',
    region: 'nord',
    contactEmail: 'krisesenteret@bodo.kommune.no',
  },
  sognFjordane: {
    name: 'Krisesenteret i Sogn og Fjordane',
    driftsform: 'stiftelse',
    region: 'midt-vest',
    contactEmail: 'post@krisesenteret.sf.no',
  },
  moss: {
    name: 'Krisesenteret i Mosseregionen',
    driftsform: 'kommunalt',
    region: 'sor-ost',
    contactEmail: 'post@krisesenteret-moss.no',
  },
  trondheim: {
    name: 'Krisesenteret i Trondheim',
    driftsform: 'kommunalt',
    region: 'midt-vest',
    contactEmail: 'krisesenteret.trondheim@trondheim.kommune.no',
  },
  vesteralen: {
    name: 'Krisesenteret i Vesterålen',
    driftsform: 'ideell',
    region: 'nord',
    contactEmail: 'post@vesteralen-krisesenter.no',
  },
  narvik: {
    // The report gives a personal address; none is used here.
    name: 'Narvik og omegn Krisesenter',
    driftsform: 'ideell',
    region: 'nord',
    contactEmail: null,
  },
  nordmore: {
    name: 'Nordmøre Krisesenter IKS',
    driftsform: 'iks',
    region: 'midt-vest',
    contactEmail: 'post@nordmorekrisesenter.no',
  },
  nordTrondelag: {
    name: 'Nord-Trøndelag Krisesenter IKS',
    driftsform: 'iks',
    region: 'midt-vest',
    contactEmail: 'post@krisesenteret-nt.no',
  },
  oslo: {
    name: 'Oslo Krisesenter og Kompetansesenter for vold i nære relasjoner',
    driftsform: 'stiftelse',
    region: 'sor-ost',
    contactEmail: 'postmaster@oslokrisesenter.no',
  },
  sorHelgeland: {
    name: 'Sør-Helgeland Krisesenter',
    driftsform: 'kommunalt',
    region: 'nord',
    contactEmail: null,
    leftDate: LEAVES,
  },
  vestFinnmark: {
    name: 'Vest-Finnmark Krisesenter',
    driftsform: 'ideell',
    region: 'nord',
    contactEmail: 'post@vestkris.no',
  },
  alta: {
    // Joined in early summer 2024.
    name: 'Alta Krisesenter',
    driftsform: 'ideell',
    region: 'nord',
    contactEmail: 'post@altakrise.no',
    joinedDate: '2024-06-01',
  },
} as const satisfies Record<string, Partial<Member> & CentreCreate>;

export type MemberKey = keyof typeof MEMBERS_2024;
export const MEMBER_KEYS = Object.keys(MEMBERS_2024) as MemberKey[];

/** Registers member centres with their membership period (and end, for those that leave). */
export async function registerMembers<K extends MemberKey>(
  api: TestApi,
  keys: readonly K[] = MEMBER_KEYS as K[],
): Promise<Record<K, Centre>> {
  const out = {} as Record<K, Centre>;
  for (const key of keys) {
    const m: Partial<Member> & CentreCreate = MEMBERS_2024[key];
    const { leftDate, joinedDate, ...fields } = m;
    const created = await api.call('centres.create', {
      ...fields,
      orgNumber: testOrgNumber(MEMBER_KEYS.indexOf(key)),
      joinedDate: joinedDate ?? BEFORE,
    });
    const membership = created.memberships[0];
    out[key] =
      leftDate && membership
        ? await api.call('centres.updateMembership', {
            id: membership.id,
            joinedDate: membership.joinedDate,
            leftDate,
            note: 'Meldt ut ved årsskiftet 2025.',
          })
        : created;
  }
  return out;
}

/**
 * The 17 centres that got JuleVinter funds in 2024. The report does not say which 17, so
 * these stand in: every member except Oslo, Alta, Narvik and Vest-Finnmark. Halden and
 * Fredrikstad are among them, so the «leaving» flag shows.
 */
export const JULEAKSJONEN_CENTRES = MEMBER_KEYS.filter(
  (k) => !['oslo', 'alta', 'narvik', 'vestFinnmark'].includes(k),
);

/** Applied amounts in kroner (stand-ins), in the order of JULEAKSJONEN_CENTRES. */
export const JULEAKSJONEN_APPLIED_KR = [
  150_000, 95_500, 120_000, 110_000, 80_000, 180_000, 60_000, 140_000, 75_250, 130_000, 90_000,
  100_000, 160_000, 70_000, 85_000, 125_000, 99_999,
];

/**
 * Admin share of the Juleaksjonen 2024 fixture: 5 % of the award (the real percentage is
 * not in the report). 5 % of 1 832 639 kr = 91 631,95 kr, so the pot is not whole kroner:
 * 1 945 000 − 91 631,95 = 1 853 368,05 kr.
 */
export const JULEAKSJONEN_ADMIN_BP = 500;
export const JULEAKSJONEN_ADMIN_ORE = 9_163_195;
export const JULEAKSJONEN_POT_ORE = kroner(1_945_000) - JULEAKSJONEN_ADMIN_ORE;

export interface JuleaksjonenCase {
  seed: Seed2024;
  jul23: Grant;
  grant: Grant;
  centres: Record<MemberKey, Centre>;
  round: Round;
}

/**
 * Juleaksjonen 2024 up to open applications: 1 832 639 kr awarded and received, 112 361 kr
 * transferred in from Juleaksjonen 2023 with Gjensidigestiftelsen's approval (= 1 945 000
 * kr), the admin share transferred to KSS, a round, and 17 applications.
 */
export async function juleaksjonenCase(api: TestApi): Promise<JuleaksjonenCase> {
  const seed = await seed2024(api);
  const centres = await registerMembers(api);
  const jul23 = await juleaksjonen2023(api, seed);
  const created = await juleaksjonen2024(api, seed, {
    adminRule: 'percent',
    adminBasisPoints: JULEAKSJONEN_ADMIN_BP,
  });
  await api.call('movements.record', {
    grantId: created.id,
    type: 'received',
    date: '2024-10-25',
    amountOre: kroner(1_832_639),
    voucherRef: 'B-2024-390',
  });
  await api.call('movements.transfer', {
    fromGrantId: jul23.id,
    toGrantId: created.id,
    date: '2024-10-15',
    amountOre: kroner(112_361),
    approvalRef: 'GJS-2024-JUL-ubrukte',
    approvalDate: '2024-10-10',
    note: 'Ubrukte midler fra Juleaksjonen 2023, beholdt etter avtale med Gjensidigestiftelsen.',
  });
  await api.call('movements.record', {
    grantId: created.id,
    type: 'admin_share',
    date: '2024-12-15',
    amountOre: JULEAKSJONEN_ADMIN_ORE,
    voucherRef: 'B-2024-455',
  });
  const grant = await api.call('grants.get', { id: created.id });
  const opened = await api.call('rounds.create', {
    grantId: grant.id,
    name: 'Juleaksjonen 2024 – JuleVinter',
    applicationDeadline: '2024-10-01',
    activityFrom: '2024-11-01',
    activityTo: '2025-03-09',
    reportDeadline: '2025-04-30',
  });
  const round = await api.call('allocations.saveApplications', {
    roundId: opened.id,
    rows: JULEAKSJONEN_CENTRES.map((key, i) => ({
      centreId: centres[key].id,
      appliedOre: kroner(JULEAKSJONEN_APPLIED_KR[i] ?? 0),
      purpose: 'Jule- og vinteraktiviteter for barn og unge.',
      expectedParticipants: 20 + i,
      receivedDate: '2024-09-30',
    })),
  });
  return { seed, jul23, grant, centres, round };
}

/** Awards the pot in proportion to the applied amounts (as the round page previews it). */
export async function decideProportionally(
  api: TestApi,
  round: Round,
  decisionDate = '2024-10-20',
): Promise<Round> {
  const parts = distribute(
    round.potOre,
    round.allocations.map((a) => a.appliedOre),
    'proportional',
  );
  return api.call('allocations.decide', {
    roundId: round.id,
    decisionDate,
    awards: round.allocations.map((a, i) => ({ allocationId: a.id, awardedOre: parts[i] ?? 0 })),
  });
}
