/**
 * Sub-allocations to member centres (tildelinger): the centres' applications, KSS's
 * decisions and the payouts, on allocation rounds of grants KSS administers (forvalter).
 * The rules live in decisions.ts (applications, awards: invariants 3 and 4 of
 * docs/DOMAIN.md) and payouts.ts (the ledger: invariant 2); rounds are in rounds.ts and the
 * centres' reports, returns and kept funds in centre-reports.ts. Every change goes to the
 * change log in the same transaction (invariant 6), and a refused call changes nothing
 * (invariant 7).
 */
import { eq } from 'drizzle-orm';
import { memberCentres } from '../../db/schema';
import type { Allocation, Output, ParsedInput, Round } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import type { ServiceContext } from '../platform/context';
import { createAllocationCore, type AllocationCore } from './common';
import { decide, removeApplication, saveApplications } from './decisions';
import { markPaid } from './payouts';

/**
 * One centre's awards across rounds, grants and years, newest round first: the rows with
 * their cash, round and grant in one statement, the centre's memberships in another.
 */
function byCentre(
  c: AllocationCore,
  input: ParsedInput<'allocations.byCentre'>,
): Output<'allocations.byCentre'> {
  const centre = c.db
    .select({ id: memberCentres.organisationId })
    .from(memberCentres)
    .where(eq(memberCentres.organisationId, input.centreId))
    .get();
  if (!centre) throw notFound(`Fant ikke medlemssenteret (id ${input.centreId}).`);
  const rows = c.model
    .viewRows({ centre: input.centreId })
    .sort((x, y) => y.roundId - x.roundId || x.id - y.id);
  // The views are new objects: the two fields are added to them, not copied with a spread.
  return c.model.viewsOfRows(rows).map((a: Allocation, i) =>
    Object.assign(a, {
      roundName: rows[i]?.roundName ?? '',
      grantTitle: rows[i]?.grantTitle ?? '',
    }),
  );
}

export function createAllocationsService(ctx: ServiceContext) {
  const c = createAllocationCore(ctx);
  return {
    saveApplications: (input: ParsedInput<'allocations.saveApplications'>): Round =>
      saveApplications(c, input),
    removeApplication: (input: ParsedInput<'allocations.removeApplication'>): Round =>
      removeApplication(c, input),
    decide: (input: ParsedInput<'allocations.decide'>): Round => decide(c, input),
    markPaid: (input: ParsedInput<'allocations.markPaid'>): Round => markPaid(c, input),
    byCentre: (input: ParsedInput<'allocations.byCentre'>): Output<'allocations.byCentre'> =>
      byCentre(c, input),
  };
}

export type AllocationsService = ReturnType<typeof createAllocationsService>;
