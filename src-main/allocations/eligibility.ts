/**
 * Which centres a round offers: every centre that was a member at any time in the round's
 * period, not only those that are members today. A round for 2024 activity created in 2026
 * still offers a centre whose last member day was 31.12.2024. The award itself is checked
 * against the decision date (allocations.decide), with its override and reason.
 */
import { eq } from 'drizzle-orm';
import { allocations, memberCentres, memberships, organisations } from '../../db/schema';
import type { ParsedInput, RoundEligibility } from '../../src-shared/api/contract';
import { isMemberDuring, type MembershipPeriod } from '../../src-shared/registry/centres';
import type { ServiceContext } from '../platform/context';
import { NAME_ORDER } from '../grants/queries';
import { createAllocationModel } from './queries';

type Basis = RoundEligibility['basis'];

interface DatedSpan {
  from: string | null;
  to: string | null;
}

/**
 * The period a round is for: its own activity period, else its grant's activity period,
 * else the grant's period, else the grant's edition year, else today. An open end runs to
 * today (or is the start day when that lies ahead).
 */
export function eligibilityPeriod(
  round: DatedSpan,
  grant: {
    activityFrom: string | null;
    activityTo: string | null;
    periodFrom: string | null;
    periodTo: string | null;
    editionYear: number | null;
  },
  today: string,
): { from: string; to: string; basis: Basis } {
  const sources: [DatedSpan, Basis][] = [
    [round, 'round'],
    [{ from: grant.activityFrom, to: grant.activityTo }, 'grantActivity'],
    [{ from: grant.periodFrom, to: grant.periodTo }, 'grantPeriod'],
    [
      grant.editionYear === null
        ? { from: null, to: null }
        : { from: `${grant.editionYear}-01-01`, to: `${grant.editionYear}-12-31` },
      'editionYear',
    ],
  ];
  for (const [span, basis] of sources) {
    if (span.from) {
      const to = span.to ?? (today > span.from ? today : span.from);
      return { from: span.from, to, basis };
    }
  }
  return { from: today, to: today, basis: 'today' };
}

export function roundEligibility(
  ctx: ServiceContext,
  input: ParsedInput<'rounds.eligibleCentres'>,
): RoundEligibility {
  const { db } = ctx;
  const model = createAllocationModel(ctx);
  const round = model.round(input.roundId);
  const grant = model.grantModel.row(round.grantId);
  const period = eligibilityPeriod(
    { from: round.activityFrom, to: round.activityTo },
    grant,
    ctx.clock.today(),
  );
  const inRound = new Set(
    db
      .select({ centreId: allocations.centreId })
      .from(allocations)
      .where(eq(allocations.roundId, round.id))
      .all()
      .map((a) => a.centreId),
  );
  const periods = new Map<number, MembershipPeriod[]>();
  for (const p of db.select().from(memberships).orderBy(memberships.joinedDate).all()) {
    const list = periods.get(p.centreId) ?? [];
    list.push({ joinedDate: p.joinedDate, leftDate: p.leftDate });
    periods.set(p.centreId, list);
  }
  const centres = db
    .select({ id: organisations.id, name: organisations.name, region: memberCentres.region })
    .from(memberCentres)
    .innerJoin(organisations, eq(organisations.id, memberCentres.organisationId))
    .all()
    .map((c) => {
      const p = periods.get(c.id) ?? [];
      const memberPeriod = p.find(
        (m) => m.joinedDate <= period.to && (m.leftDate === null || m.leftDate >= period.from),
      );
      return {
        ...c,
        isMember: isMemberDuring(p, period.from, period.to),
        leftDate: memberPeriod?.leftDate ?? null,
        inRound: inRound.has(c.id),
      };
    })
    .filter((c) => c.isMember || c.inRound)
    .sort((a, b) => NAME_ORDER.compare(a.name, b.name) || a.id - b.id);
  return { ...period, centres };
}
