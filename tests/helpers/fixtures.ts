/**
 * Fixtures from Krisesentersekretariatet's 2024 annual report. Pure data, so unit tests can
 * use them without opening a database.
 */
import type { Input } from '../../src-shared/api/contract';

/**
 * Organisation numbers with a valid MOD11 check digit (weights 3 2 7 6 5 4 3 2), computed
 * for the tests; they are not the centres' real numbers.
 */
export const VALID_ORG_NUMBERS = [
  '991000003',
  '991000011',
  '991000038',
  '991000046',
  '991000054',
  '991000062',
  '991000070',
  '991000089',
] as const;

type CentreCreate = Input<'centres.create'>;

/**
 * Real member centres of Krisesentersekretariatet in 2024 (from the annual report), spelled
 * correctly. Daily leaders are left out on purpose. Join dates before 2024 are not in the
 * report; 2010-01-01 stands in for "a member before 2024".
 */
export const CENTRES = {
  alta: {
    name: 'Alta Krisesenter',
    driftsform: 'ideell',
    region: 'nord',
    contactEmail: 'post@altakrise.no',
    orgNumber: VALID_ORG_NUMBERS[0],
  },
  halden: {
    name: 'Krisesenter Halden',
    driftsform: 'stiftelse',
    region: 'sor-ost',
    contactEmail: 'krisesenteret.halden@blaakors.no',
    orgNumber: VALID_ORG_NUMBERS[1],
  },
  fredrikstad: {
    name: 'Krise- og incestsenteret i Fredrikstad',
    driftsform: 'stiftelse',
    region: 'sor-ost',
    contactEmail: 'krisesenteret.fredrikstad@blaakors.no',
    orgNumber: VALID_ORG_NUMBERS[2],
  },
  sorHelgeland: {
    name: 'Sør-Helgeland Krisesenter',
    driftsform: 'kommunalt',
    region: 'nord',
    contactEmail: null,
    orgNumber: null,
  },
  gjovik: {
    name: 'Gjøvik Krisesenter IKS',
    driftsform: 'iks',
    region: 'sor-ost',
    contactEmail: 'post@krisesenteret-gjovik.no',
    orgNumber: VALID_ORG_NUMBERS[3],
  },
  bergen: {
    name: 'Krisesenter for Bergen og omegn',
    driftsform: 'kommunalt',
    region: 'midt-vest',
    contactEmail: 'krisesenteret@bergen.kommune.no',
    orgNumber: VALID_ORG_NUMBERS[4],
  },
  nordmore: {
    name: 'Nordmøre Krisesenter IKS',
    driftsform: 'iks',
    region: 'midt-vest',
    contactEmail: 'post@nordmorekrisesenter.no',
    orgNumber: null,
  },
  tromso: {
    name: 'Krisesenteret for Tromsø og omegn',
    driftsform: 'kommunalt',
    region: 'nord',
    contactEmail: 'krisesenteret@tromso.kommune.no',
    orgNumber: null,
  },
} as const satisfies Record<string, CentreCreate>;

export type CentreKey = keyof typeof CENTRES;

/** Membership as the 2024 report describes it. */
export const MEMBERSHIP_2024: Record<CentreKey, { joinedDate: string; leftDate: string | null }> = {
  alta: { joinedDate: '2024-06-01', leftDate: null }, // joined in early summer 2024
  halden: { joinedDate: '2010-01-01', leftDate: '2024-12-31' }, // leaves at the turn of 2025
  fredrikstad: { joinedDate: '2010-01-01', leftDate: '2024-12-31' },
  sorHelgeland: { joinedDate: '2010-01-01', leftDate: '2024-12-31' },
  gjovik: { joinedDate: '2010-01-01', leftDate: null },
  bergen: { joinedDate: '2010-01-01', leftDate: null },
  nordmore: { joinedDate: '2010-01-01', leftDate: null },
  tromso: { joinedDate: '2010-01-01', leftDate: null },
};

/** Input for `centres.create` for one of the report's centres, with overrides. */
export function centreInput(key: CentreKey, overrides: Partial<CentreCreate> = {}): CentreCreate {
  return { ...CENTRES[key], ...overrides };
}
