/**
 * The rules on a grant's fields and money: the editable fields checked against the project's
 * KSS role and the current award, «Delvis innvilget» below the applied amount, and the admin
 * share that must fit what comes to KSS (invariant 3 in docs/DOMAIN.md).
 */
import type { ParsedInput } from '../../src-shared/api/contract';
import { AppError, conflict, type FieldIssue } from '../../src-shared/api/errors';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { formatOre } from '../../src-shared/kernel/money';
import {
  grantMoneyOf,
  netOfType,
  type KssRole,
  type LedgerEntry,
} from '../../src-shared/grants/rules';
import { ROLE_LABEL, type GrantRecord } from './queries';

export function badInput(issues: FieldIssue[]): AppError {
  return new AppError('BAD_INPUT', issues[0]?.message ?? 'Ugyldig tilskudd.', issues);
}

const kr = (ore: number) => formatOre(ore);

type GrantInput = Omit<ParsedInput<'grants.update'>, 'id'>;

/**
 * Invariant 3 for one grant as it would be after a change: the admin share plus what is
 * allocated to centres (the awards of its allocation rounds) may not exceed what comes to
 * KSS plus what was transferred in, and the admin share already transferred (net
 * admin_share movements) may not exceed the admin share by the rule.
 */
export function assertAdminShareFits(
  g: {
    title: string;
    kssRole: KssRole;
    awardedOre: number | null;
    kssShareOre: number | null;
    adminRule: GrantRecord['adminRule'];
    adminBasisPoints: number | null;
    adminFixedOre: number | null;
  },
  ledger: readonly LedgerEntry[],
  allocatedOre = 0,
): void {
  if (g.kssRole === 'stottepartner' || g.awardedOre === null) return;
  const money = grantMoneyOf(g, ledger, allocatedOre);
  const limit = money.baseOre + money.transferInOre;
  const what =
    g.kssRole === 'partner' && g.kssShareOre !== null ? 'KSS sin andel' : 'innvilget beløp';
  const over = money.adminShareOre + money.allocatedOre - limit;
  if (over > 0 && money.allocatedOre > 0) {
    throw conflict(
      `Administrasjonsandelen (${kr(money.adminShareOre)}) og det som er tildelt sentrene (${kr(money.allocatedOre)}) kan ikke til sammen være større enn ${what} pluss overført inn (${kr(limit)}); differansen er ${kr(over)}.`,
      [{ path: 'adminRule', message: 'Administrasjonsandel: større enn det som er igjen.' }],
    );
  }
  if (over > 0) {
    throw conflict(
      `Administrasjonsandelen (${kr(money.adminShareOre)}) kan ikke være større enn ${what} pluss overført inn (${kr(limit)}); differansen er ${kr(over)}.`,
      [{ path: 'adminRule', message: 'Administrasjonsandel: større enn tilskuddet.' }],
    );
  }
  const transferred = netOfType(ledger, 'admin_share');
  if (transferred > money.adminShareOre) {
    throw conflict(
      `Det er allerede overført ${kr(transferred)} i administrasjonsandel fra «${g.title}», mer enn andelen etter regelen (${kr(money.adminShareOre)}); differansen er ${kr(transferred - money.adminShareOre)}. Korriger bevegelsene først.`,
      [{ path: 'adminRule', message: 'Administrasjonsandel: lavere enn det som er overført.' }],
    );
  }
}

/** A «støttepartner» project's grants carry no money: every amount empty, no admin share. */
function assertNoMoneyOnSupport(
  input: GrantInput,
  project: { name: string; kssRole: KssRole },
): void {
  if (project.kssRole !== 'stottepartner') return;
  const money: [keyof GrantInput, string][] = [
    ['appliedOre', 'Søkt beløp'],
    ['kssShareOre', 'KSS sin andel'],
    ['adminBasisPoints', 'Administrasjonsandel (%)'],
    ['adminFixedOre', 'Administrasjonsandel (beløp)'],
  ];
  const issues: FieldIssue[] = money
    .filter(([key]) => input[key] !== null)
    .map(([key, label]) => ({ path: key, message: `${label}: skal være tomt.` }));
  if (input.adminRule !== 'none') {
    issues.push({ path: 'adminRule', message: 'Administrasjonsandel: skal være «ingen».' });
  }
  if (issues.length > 0) {
    throw conflict(
      `«${project.name}» er støttepartner: tilskuddet føres uten beløp (${issues.map((i) => i.message.split(':')[0]).join(', ')}).`,
      issues,
    );
  }
}

/** Periods in order, and the admin rule's field filled in. */
function periodAndAdminIssues(input: GrantInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pairs: [keyof GrantInput, keyof GrantInput, string, string][] = [
    ['periodFrom', 'periodTo', 'Tilskuddsperiode fra', 'Tilskuddsperiode til'],
    ['activityFrom', 'activityTo', 'Aktivitetsperiode fra', 'Aktivitetsperiode til'],
  ];
  for (const [fromKey, toKey, fromLabel, toLabel] of pairs) {
    const from = input[fromKey] as string | null;
    const to = input[toKey] as string | null;
    if (to && !from) {
      issues.push({
        path: fromKey,
        message: `${fromLabel} må fylles ut når ${toLabel} er satt.`,
      });
    } else if (from && to && to < from) {
      issues.push({
        path: toKey,
        message: `${toLabel} (${formatIsoDate(to)}) kan ikke være før ${fromLabel} (${formatIsoDate(from)}).`,
      });
    }
  }
  if (input.adminRule === 'percent' && input.adminBasisPoints === null) {
    issues.push({
      path: 'adminBasisPoints',
      message: 'Administrasjonsandel (%) må fylles ut når andelen er en prosentsats.',
    });
  }
  if (input.adminRule === 'fixed' && input.adminFixedOre === null) {
    issues.push({
      path: 'adminFixedOre',
      message: 'Administrasjonsandel (beløp) må fylles ut når andelen er et fast beløp.',
    });
  }
  return issues;
}

/**
 * Checks a grant's editable fields against its project and its current award, and returns
 * the values to store (the admin rule keeps only the field it uses).
 */
export function checkedFields(
  input: GrantInput,
  project: { name: string; kssRole: KssRole },
  current: { status: GrantRecord['status']; awardedOre: number | null } | null,
) {
  assertNoMoneyOnSupport(input, project);
  const issues = periodAndAdminIssues(input);
  if (issues.length > 0) throw badInput(issues);

  if (input.kssShareOre !== null && project.kssRole !== 'partner') {
    throw conflict(
      `KSS sin andel kan bare føres når KSS er «${ROLE_LABEL.partner}»; «${project.name}» har rollen «${ROLE_LABEL[project.kssRole]}».`,
      [{ path: 'kssShareOre', message: 'KSS sin andel: skal være tomt for dette prosjektet.' }],
    );
  }
  const awarded = current?.awardedOre ?? null;
  if (input.kssShareOre !== null && awarded !== null && input.kssShareOre > awarded) {
    throw conflict(
      `KSS sin andel (${kr(input.kssShareOre)}) kan ikke være større enn innvilget beløp (${kr(awarded)}); differansen er ${kr(input.kssShareOre - awarded)}.`,
      [{ path: 'kssShareOre', message: 'KSS sin andel: større enn innvilget beløp.' }],
    );
  }
  if (current?.status === 'delvis_innvilget' && awarded !== null) {
    assertPartial(awarded, input.appliedOre, 'appliedOre');
  }

  return {
    projectId: input.projectId,
    funderId: input.funderId,
    title: input.title,
    schemeName: input.schemeName,
    reference: input.reference,
    editionYear: input.editionYear,
    appliedOre: input.appliedOre,
    appliedDate: input.appliedDate,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    activityFrom: input.activityFrom,
    activityTo: input.activityTo,
    kssShareOre: input.kssShareOre,
    adminRule: input.adminRule,
    adminBasisPoints: input.adminRule === 'percent' ? input.adminBasisPoints : null,
    adminFixedOre: input.adminRule === 'fixed' ? input.adminFixedOre : null,
    notes: input.notes,
    currency: input.currency,
  };
}

/** «Delvis innvilget» means less than applied for. */
export function assertPartial(awarded: number, applied: number | null, path: string): void {
  if (applied === null) {
    throw conflict(
      'Delvis innvilget krever at søkt beløp er registrert, så det kan sammenlignes med innvilget beløp.',
      [{ path, message: 'Søkt beløp: må fylles ut for et delvis innvilget tilskudd.' }],
    );
  }
  if (awarded >= applied) {
    const how =
      awarded === applied
        ? 'beløpene er like store; velg «Innvilget»'
        : `innvilget er ${kr(awarded - applied)} høyere`;
    throw conflict(
      `Delvis innvilget betyr mindre enn søkt: innvilget beløp (${kr(awarded)}) må være lavere enn søkt beløp (${kr(applied)}); ${how}.`,
      [{ path, message: 'Innvilget beløp: må være lavere enn søkt for «Delvis innvilget».' }],
    );
  }
}
