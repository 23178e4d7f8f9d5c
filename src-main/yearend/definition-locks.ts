/**
 * The closed year covers what defines it (issue 10.6): membership dates, a grant's applied
 * amount and periods, and a round's applications and decisions. The database refuses these
 * changes too (triggers in migration 0009_closed_year_covers_definitions, where the rules are
 * written down); these checks come first so the user gets the closed-year CONFLICT naming the
 * field. Reopening the year with a reason is the way to change them.
 */
import { eq } from 'drizzle-orm';
import { allocationRounds, allocations, grants } from '../../db/schema';
import { yearOf } from '../../src-shared/kernel/dates';
import type { Db } from '../platform/database';
import { assertYearsOpen } from './locks';

type Grant = typeof grants.$inferSelect;

interface Period {
  centreId: number;
  joinedDate: string;
  leftDate: string | null;
}

const OPEN_END = '9999-12-31';
const yearOfDate = (d: string | null | undefined) => (d ? yearOf(d) : null);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Refuses a membership change that moves a date across or into a locked year: adding or
 * removing a period that starts in one, or changing a start or end where the earlier of the
 * old and new date lies in one (an open end counts as never).
 */
export function assertMembershipChangeOpen(
  db: Db,
  before: Period | null,
  after: Period | null,
): void {
  if (!before || !after) {
    const p = before ?? after;
    if (p) assertYearsOpen(db, [yearOf(p.joinedDate)], 'joinedDate');
    return;
  }
  if (before.joinedDate !== after.joinedDate || before.centreId !== after.centreId) {
    assertYearsOpen(db, [yearOf(earlier(before.joinedDate, after.joinedDate))], 'joinedDate');
  }
  if (before.leftDate !== after.leftDate) {
    const first = earlier(before.leftDate ?? OPEN_END, after.leftDate ?? OPEN_END);
    assertYearsOpen(db, [yearOf(first)], 'leftDate');
  }
}

/** The years a grant belongs to: decision date, period, activity period, edition year. */
export function grantYearsOf(
  g: Pick<
    Grant,
    'decisionDate' | 'periodFrom' | 'periodTo' | 'activityFrom' | 'activityTo' | 'editionYear'
  >,
): (number | null)[] {
  return [
    yearOfDate(g.decisionDate),
    yearOfDate(g.periodFrom ?? g.periodTo),
    yearOfDate(g.activityFrom ?? g.activityTo),
    g.editionYear,
  ];
}

/** The fields of a grant that define its figures, with the input path that names them. */
const DEFINING_FIELDS: readonly [keyof Grant, string][] = [
  ['appliedOre', 'appliedOre'],
  ['appliedDate', 'appliedDate'],
  ['periodFrom', 'periodFrom'],
  ['periodTo', 'periodTo'],
  ['activityFrom', 'activityFrom'],
  ['activityTo', 'activityTo'],
  ['editionYear', 'editionYear'],
  ['decisionDate', 'decisionDate'],
  ['kssShareOre', 'kssShareOre'],
  ['adminRule', 'adminRule'],
  ['adminBasisPoints', 'adminBasisPoints'],
  ['adminFixedOre', 'adminFixedOre'],
  ['projectId', 'projectId'],
  ['funderId', 'funderId'],
];

/**
 * Refuses a change of a grant's applied amount, periods, edition year or award when the grant
 * belongs to a locked year before or after the change, or when the application date moves
 * across or into one.
 */
export function assertGrantDefinitionOpen(db: Db, before: Grant, after: Grant): void {
  const changed = DEFINING_FIELDS.filter(([key]) => before[key] !== after[key]);
  const first = changed[0];
  if (!first) return;
  const years = [...grantYearsOf(before), ...grantYearsOf(after)];
  if (before.appliedDate !== after.appliedDate) {
    years.push(yearOfDate(before.appliedDate), yearOfDate(after.appliedDate));
  }
  assertYearsOpen(db, years, first[1]);
}

/** The year a round belongs to: the start of its period (own activity period, else its grant's). */
export function roundStartYear(
  round: { activityFrom: string | null; activityTo: string | null },
  grant: Pick<Grant, 'activityFrom' | 'activityTo' | 'periodFrom' | 'periodTo' | 'editionYear'>,
): number | null {
  const start =
    round.activityFrom ??
    round.activityTo ??
    grant.activityFrom ??
    grant.activityTo ??
    grant.periodFrom ??
    grant.periodTo;
  return start ? yearOf(start) : grant.editionYear;
}

function roundYear(db: Db, roundId: number): number | null {
  const row = db
    .select({ round: allocationRounds, grant: grants })
    .from(allocationRounds)
    .innerJoin(grants, eq(grants.id, allocationRounds.grantId))
    .where(eq(allocationRounds.id, roundId))
    .get();
  return row ? roundStartYear(row.round, row.grant) : null;
}

/** Refuses changing the applications or decisions of a round that belongs to a locked year. */
export function assertRoundOpen(db: Db, roundId: number, path?: string): void {
  assertYearsOpen(db, [roundYear(db, roundId)], path);
}

/**
 * Refuses moving the period of a round that has applications when it belongs to a locked year
 * before or after the change.
 */
export function assertRoundPeriodChangeOpen(
  db: Db,
  before: { id: number; grantId: number; activityFrom: string | null; activityTo: string | null },
  after: { activityFrom: string | null; activityTo: string | null },
): void {
  if (before.activityFrom === after.activityFrom && before.activityTo === after.activityTo) return;
  const hasApplications = db
    .select({ id: allocations.id })
    .from(allocations)
    .where(eq(allocations.roundId, before.id))
    .limit(1)
    .get();
  if (!hasApplications) return;
  const grant = db.select().from(grants).where(eq(grants.id, before.grantId)).get();
  if (!grant) return;
  const path = before.activityFrom !== after.activityFrom ? 'activityFrom' : 'activityTo';
  assertYearsOpen(db, [roundStartYear(before, grant), roundStartYear(after, grant)], path);
}
