/**
 * Payouts to the centres: what is not yet paid of each award, as paid_to_centre movements on
 * the round's grant's ledger, so the year balances keep holding (invariant 2 of
 * docs/DOMAIN.md).
 */
import { inArray } from 'drizzle-orm';
import { allocations } from '../../db/schema';
import type { ParsedInput, Round } from '../../src-shared/api/contract';
import { conflict, notFound, type FieldIssue } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import { AWARDED_STATUSES } from '../../src-shared/grants/rules';
import { allocationCash, type AllocationRecord } from './queries';
import { assertYearsOpen } from '../yearend/locks';
import { assertBalanceHolds } from '../grants/movements';
import { badInput, date, nameList, type AllocationCore } from './common';

/** Several allocations of one round, in the order asked; NOT_FOUND for unknown ids. */
function allocationsOfOneRound(
  c: AllocationCore,
  ids: readonly number[],
  path: string,
): AllocationRecord[] {
  const seen = new Set<number>();
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      issues.push({ path: `${path}.${i}`, message: `Tildeling: id ${id} står flere ganger.` });
    }
    seen.add(id);
  });
  if (issues.length > 0) throw badInput(issues);
  const rows = c.db
    .select()
    .from(allocations)
    .where(inArray(allocations.id, [...ids]))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw notFound(`Fant ikke tildelingen (id ${missing.join(', ')}).`);
  const roundIds = new Set(rows.map((r) => r.roundId));
  if (roundIds.size > 1) {
    throw badInput([
      {
        path,
        message: 'Tildelingene må høre til samme tildelingsrunde. Velg én runde om gangen.',
      },
    ]);
  }
  return ids.map((id) => byId.get(id) as AllocationRecord);
}

/**
 * Pays out what is not yet paid of each award (awarded − paid; nothing when that is 0)
 * as paid_to_centre movements on the round's grant. Refused when an allocation has no
 * award, when the grant is not awarded, or when the grant's balance would go below zero
 * at the end of a year (the message names the shortfall).
 */
export function markPaid(c: AllocationCore, input: ParsedInput<'allocations.markPaid'>): Round {
  const { db, centreName } = c;
  return db.transaction(() => {
    const list = allocationsOfOneRound(c, input.allocationIds, 'allocationIds');
    const first = list[0] as AllocationRecord;
    const r = c.model.round(first.roundId);
    const g = c.grantIn(r, AWARDED_STATUSES, 'Utbetaling til sentrene');
    assertYearsOpen(db, [yearOf(input.date)], 'date');

    const unawarded = list.filter((a) => a.awardedOre === null);
    if (unawarded.length > 0) {
      throw conflict(
        `${nameList(unawarded.map((a) => centreName(a.centreId)))} har ingen vedtatt tildeling i «${r.name}» ennå. Vedta tildelingen før utbetaling.`,
      );
    }
    const early = list.find((a) => a.decisionDate !== null && input.date < a.decisionDate);
    if (early?.decisionDate) {
      throw badInput([
        {
          path: 'date',
          message: `Utbetalingsdato (${date(input.date)}) kan ikke være før vedtaksdatoen (${date(early.decisionDate)}) for «${centreName(early.centreId)}».`,
        },
      ]);
    }
    const cash = allocationCash(
      db,
      list.map((a) => a.id),
    );
    const payouts = list
      .map((a) => ({ a, amountOre: (a.awardedOre ?? 0) - (cash.get(a.id)?.paidOre ?? 0) }))
      .filter((p) => p.amountOre > 0);
    if (payouts.length === 0) {
      throw conflict(
        list.length === 1
          ? `Tildelingen til «${centreName(first.centreId)}» er allerede utbetalt i sin helhet.`
          : 'Ingenting å utbetale: tildelingene er allerede utbetalt i sin helhet.',
      );
    }
    assertBalanceHolds(
      g,
      c.grants.ledger(g.id),
      payouts.map((p) => ({
        date: input.date,
        type: 'paid_to_centre',
        amountOre: p.amountOre,
      })),
      payouts.length === 1
        ? `Utbetaling til «${centreName(payouts[0]?.a.centreId ?? 0)}»`
        : `Utbetaling til ${payouts.length} sentre`,
    );
    for (const p of payouts) {
      c.insertMovement({
        grantId: g.id,
        date: input.date,
        type: 'paid_to_centre',
        amountOre: p.amountOre,
        voucherRef: input.voucherRef,
        note: `Tildeling fra «${r.name}» til ${centreName(p.a.centreId)}.`,
        centreId: p.a.centreId,
        allocationId: p.a.id,
      });
    }
    return c.model.detail(r.id);
  });
}
