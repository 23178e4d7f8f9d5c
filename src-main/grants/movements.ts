/**
 * The movement ledger and the year balances computed from it (invariant 2 of docs/DOMAIN.md). Movements are
 * append-only (triggers refuse UPDATE and DELETE); a correction is a reversing movement
 * linked to the original. Money leaving a grant may not make its balance negative at the
 * end of any year from the movement's year on; money coming in is always accepted.
 */
import { eurOfMovement } from './euro';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { allocations, grants, movements } from '../../db/schema';
import type { Movement, ParsedInput } from '../../src-shared/api/contract';
import { AppError, conflict, notFound } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import {
  AWARDED_STATUSES,
  DIRECT_MOVEMENT_TYPES,
  signedAmount,
  type GrantStatus,
  type LedgerEntry,
} from '../../src-shared/grants/rules';
import { type PlausibilityLedgerEntry } from '../../src-shared/grants/plausibility';
import { formatOre } from '../../src-shared/kernel/money';
import { allocationCash } from '../allocations/queries';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertYearsOpen } from '../yearend/locks';
import {
  allocatedOf,
  balancesOf,
  grantRow,
  grantRows,
  grantSplits,
  ledgerSums,
  movementViews,
  MOVEMENT_LABEL,
  NAME_ORDER,
  STATUS_LABEL,
  type GrantRow,
  type MovementRecord,
} from './queries';
import { assertAdminShareFits } from './grants';
import { correctionRuleOf, reversalDateOf, type CorrectionRule } from './corrections';
import { acknowledged } from './plausibility-check';
import { listMovementsPaged } from './movements-list';
import {
  assertAdminShareLeft,
  assertBalanceHolds,
  checkDirect,
  directWarnings,
} from './ledger-checks';

// Kept importable from here: allocations.ts checks payouts with it.
export { assertBalanceHolds };

const kr = (ore: number) => formatOre(ore);

/** A transfer may also take unused funds out of a grant that is already closed. */
const TRANSFER_SOURCE_STATUSES: readonly GrantStatus[] = [...AWARDED_STATUSES, 'avsluttet'];

/** The grant must carry money and be in one of `statuses`. */
function moneyGrant(ctx: ServiceContext, id: number, statuses: readonly GrantStatus[]): GrantRow {
  const g = grantRow(ctx, id);
  if (g.kssRole === 'stottepartner') {
    throw conflict(
      `«${g.projectName}» er støttepartner: tilskuddet føres uten beløp, og «${g.title}» kan ikke ha bevegelser.`,
    );
  }
  if (!statuses.includes(g.status)) {
    throw conflict(
      `Bevegelser kan bare føres på tilskudd med status ${statuses.map((s) => `«${STATUS_LABEL[s]}»`).join(' eller ')}; «${g.title}» har status «${STATUS_LABEL[g.status]}».`,
    );
  }
  return g;
}

function insertMovement(
  ctx: ServiceContext,
  values: Omit<typeof movements.$inferInsert, 'createdAtMs' | 'actor' | 'id'>,
  reason: string | null = null,
): MovementRecord {
  const row = ctx.db
    .insert(movements)
    .values({ ...values, createdAtMs: ctx.clock.nowMs(), actor: ctx.actor })
    .returning()
    .get();
  recordChange(ctx, { entity: 'movement', entityId: row.id, action: 'create', after: row, reason });
  return row;
}

function movementView(ctx: ServiceContext, id: number): Movement {
  const [m] = movementViews(ctx, { ids: [id] });
  if (!m) throw notFound(`Fant ikke bevegelsen (id ${id}).`);
  return m;
}

function movementRow(ctx: ServiceContext, id: number): MovementRecord {
  const row = ctx.db.select().from(movements).where(eq(movements.id, id)).get();
  if (!row) throw notFound(`Fant ikke bevegelsen (id ${id}).`);
  return row;
}

function assertNotReversed(ctx: ServiceContext, m: MovementRecord): void {
  if (m.reversesId !== null) {
    throw conflict(
      `Bevegelsen er selv en korrigering (av bevegelse nr. ${m.reversesId}) og kan ikke korrigeres igjen; før en ny bevegelse i stedet.`,
    );
  }
  const by = ctx.db
    .select({ id: movements.id })
    .from(movements)
    .where(eq(movements.reversesId, m.id))
    .get();
  if (by) throw conflict(`Bevegelsen er allerede korrigert (av bevegelse nr. ${by.id}).`);
}

/**
 * Reversing a payout to a centre may not leave the centre having returned or kept more
 * than it was paid (what it returned must be reversed first).
 */
function assertCentreKeepsPaidCover(
  ctx: ServiceContext,
  allocationId: number,
  payoutOre: number,
): void {
  const cash = allocationCash(ctx.db, [allocationId]).get(allocationId);
  const alloc = ctx.db
    .select({ kept: allocations.keptUnusedOre })
    .from(allocations)
    .where(eq(allocations.id, allocationId))
    .get();
  const paidAfter = (cash?.paidOre ?? 0) - payoutOre;
  const used = (cash?.returnedOre ?? 0) + (alloc?.kept ?? 0);
  if (used > paidAfter) {
    throw conflict(
      `Utbetalingen kan ikke korrigeres: senteret har tilbakeført eller fått beholde ${kr(used)}, men ville bare ha fått utbetalt ${kr(paidAfter)}; differansen er ${kr(used - paidAfter)}. Korriger tilbakeføringen først.`,
    );
  }
}

/** Money received, admin share transferred, own costs or repayment on an awarded grant. */
export function recordMovement(
  ctx: ServiceContext,
  input: ParsedInput<'movements.record'>,
): Movement {
  return ctx.db.transaction(() => {
    assertYearsOpen(ctx.db, [yearOf(input.date)], 'date');
    const g = moneyGrant(ctx, input.grantId, AWARDED_STATUSES);
    const entry: PlausibilityLedgerEntry = {
      date: input.date,
      type: input.type,
      amountOre: input.amountOre,
      amountEurCents: input.amountEurCents,
    };
    const reason = checkDirect(g, ledgerSums(ctx, g), entry, input, 'amountOre');
    const row = insertMovement(
      ctx,
      {
        grantId: g.id,
        date: input.date,
        type: input.type,
        amountOre: input.amountOre,
        voucherRef: input.voucherRef,
        note: input.note,
        amountEurCents: eurOfMovement(g, input.type, input.amountEurCents),
        reason,
      },
      reason === null ? null : `Lagret til tross for advarsel: ${reason}`,
    );
    return movementView(ctx, row.id);
  });
}

/** The plausibility warnings a movement would raise, before it is saved. */
export function checkMovement(ctx: ServiceContext, input: ParsedInput<'movements.check'>) {
  const g = moneyGrant(ctx, input.grantId, AWARDED_STATUSES);
  const entry: LedgerEntry = { date: input.date, type: input.type, amountOre: input.amountOre };
  const warnings = directWarnings(g, ledgerSums(ctx, g), [entry]);
  return {
    warnings: warnings.map((w) => ({ kind: w.kind, message: w.message, excessOre: w.excessOre })),
  };
}

/** Every other awarded grant, by title: where a transfer from the grant may go. */
export function transferTargets(
  ctx: ServiceContext,
  input: ParsedInput<'movements.transferTargets'>,
) {
  grantRow(ctx, input.grantId);
  return grantRows(
    ctx,
    and(inArray(grants.status, [...AWARDED_STATUSES]), ne(grants.id, input.grantId)),
  )
    .map((g) => ({ id: g.id, title: g.title, funderName: g.funderName }))
    .sort((a, b) => NAME_ORDER.compare(a.title, b.title) || a.id - b.id);
}

/**
 * Moves money between two grants with the funder's approval: a transfer_out on the
 * source and a transfer_in on the target that points at it. The source may be awarded
 * or closed; the target must be awarded.
 */
export function transferMovement(
  ctx: ServiceContext,
  input: ParsedInput<'movements.transfer'>,
): { out: Movement; in: Movement } {
  if (input.fromGrantId === input.toGrantId) {
    const message = 'Til tilskudd må være et annet tilskudd enn Fra tilskudd.';
    throw new AppError('BAD_INPUT', message, [{ path: 'toGrantId', message }]);
  }
  return ctx.db.transaction(() => {
    assertYearsOpen(ctx.db, [yearOf(input.date)], 'date');
    const from = moneyGrant(ctx, input.fromGrantId, TRANSFER_SOURCE_STATUSES);
    const to = moneyGrant(ctx, input.toGrantId, AWARDED_STATUSES);
    assertBalanceHolds(
      from,
      ledgerSums(ctx, from),
      { date: input.date, type: 'transfer_out', amountOre: input.amountOre },
      `Overføring til «${to.title}»`,
    );
    const common = {
      date: input.date,
      amountOre: input.amountOre,
      voucherRef: input.voucherRef,
      note: input.note,
      approvalRef: input.approvalRef,
      approvalDate: input.approvalDate,
    };
    const out = insertMovement(ctx, { ...common, grantId: from.id, type: 'transfer_out' });
    const inn = insertMovement(ctx, {
      ...common,
      grantId: to.id,
      type: 'transfer_in',
      counterpartId: out.id,
    });
    return { out: movementView(ctx, out.id), in: movementView(ctx, inn.id) };
  });
}

/**
 * Records the right amount in place of a reversed direct movement (the reversal is already
 * in the ledger): same rules as `record`, pointing at the original, with the reason. Warned
 * against the ledger without the original and its reversal: the corrected entry may not
 * bring a new excess silently.
 */
function correctedEntry(
  ctx: ServiceContext,
  original: MovementRecord,
  date: string,
  input: ParsedInput<'movements.reverse'>,
): number {
  const g = grantRow(ctx, original.grantId);
  const sums = ledgerSums(ctx, g);
  const entry: LedgerEntry = {
    date,
    type: original.type,
    amountOre: input.correctedAmountOre as number,
  };
  if (original.type === 'admin_share') {
    assertAdminShareLeft(g, sums, entry.amountOre, 'correctedAmountOre', 'Riktig beløp');
  }
  if (signedAmount(entry) < 0) assertBalanceHolds(g, sums, entry, MOVEMENT_LABEL[original.type]);
  // The sums without the original (−its amount on its date) and its reversal (+ on `date`).
  const withoutBoth: PlausibilityLedgerEntry[] = [
    ...sums,
    {
      date: original.date,
      type: original.type,
      amountOre: -original.amountOre,
      amountEurCents: original.amountEurCents === null ? null : -original.amountEurCents,
    },
    {
      date,
      type: original.type,
      amountOre: original.amountOre,
      amountEurCents: original.amountEurCents,
    },
  ];
  acknowledged(directWarnings(g, withoutBoth, [entry]), input);
  const row = insertMovement(
    ctx,
    {
      grantId: g.id,
      date,
      type: original.type,
      amountOre: entry.amountOre,
      voucherRef: original.voucherRef,
      note: input.reason,
      correctsId: original.id,
      reason: input.reason,
    },
    input.reason,
  );
  return row.id;
}

/** The original and, for a transfer, its other leg (out-leg first). */
function legsOf(ctx: ServiceContext, original: MovementRecord): MovementRecord[] {
  let legs: MovementRecord[] = [original];
  if (original.type === 'transfer_in' && original.counterpartId !== null) {
    legs = [movementRow(ctx, original.counterpartId), original];
  } else if (original.type === 'transfer_out') {
    const inLeg = ctx.db
      .select()
      .from(movements)
      .where(eq(movements.counterpartId, original.id))
      .get();
    if (inLeg) legs = [original, inLeg];
  }
  for (const leg of legs) if (leg !== original) assertNotReversed(ctx, leg);
  return legs;
}

/**
 * Reverses each leg on `date` after the checks its grant needs; returns the new ids. With a
 * corrected amount (a direct movement: one leg) the balance is judged on the reversal and the
 * corrected entry together, as they are saved together: a receipt of 50 000 kr corrected to
 * 55 000 kr after 46 000 kr is spent is allowed, not refused for the moment in between.
 */
function reverseLegs(
  ctx: ServiceContext,
  legs: readonly MovementRecord[],
  date: string,
  reason: string,
  correctedOre: number | null = null,
): number[] {
  const created: number[] = [];
  let outReversal: number | null = null;
  for (const leg of legs) {
    const g = grantRow(ctx, leg.grantId);
    const sums = ledgerSums(ctx, g);
    const entry: LedgerEntry = { date, type: leg.type, amountOre: -leg.amountOre };
    const added =
      correctedOre === null ? [entry] : [entry, { date, type: leg.type, amountOre: correctedOre }];
    if (added.reduce((sum, e) => sum + signedAmount(e), 0) < 0) {
      assertBalanceHolds(g, sums, added, `Korrigering av «${MOVEMENT_LABEL[leg.type]}»`);
    }
    if (leg.type === 'transfer_in') {
      assertAdminShareFits(g, [...sums, entry], allocatedOf(ctx, g.id));
    }
    if (leg.type === 'paid_to_centre' && leg.allocationId !== null) {
      assertCentreKeepsPaidCover(ctx, leg.allocationId, leg.amountOre);
    }
    const row = insertMovement(
      ctx,
      {
        grantId: leg.grantId,
        date,
        type: leg.type,
        amountOre: -leg.amountOre,
        note: reason,
        reason,
        reversesId: leg.id,
        counterpartId: leg.type === 'transfer_in' ? outReversal : null,
        centreId: leg.centreId,
        allocationId: leg.allocationId,
        amountEurCents: leg.amountEurCents === null ? null : -leg.amountEurCents,
      },
      reason,
    );
    if (leg.type === 'transfer_out') outReversal = row.id;
    created.push(row.id);
  }
  return created;
}

/**
 * Corrects a movement by a reversing movement (same type, opposite amount, linked to the
 * original, note = reason). A transfer is reversed on both grants; the reversal of the
 * in-leg points at the reversal of the out-leg. Works whatever the grant's status.
 * The reversal lands in the original's year while it is open (corrections.ts); a closed
 * year's movement is corrected only in the first open year, on request. With
 * `correctedAmountOre` the corrected entry is recorded too, pointing at the original.
 */
export function reverseMovement(
  ctx: ServiceContext,
  input: ParsedInput<'movements.reverse'>,
): Movement[] {
  return ctx.db.transaction(() => {
    const original = movementRow(ctx, input.id);
    assertNotReversed(ctx, original);
    const { date } = reversalDateOf(ctx.db, original, input, ctx.clock.today());
    assertYearsOpen(ctx.db, [yearOf(date)], 'date');
    if (
      input.correctedAmountOre !== null &&
      !(DIRECT_MOVEMENT_TYPES as readonly string[]).includes(original.type)
    ) {
      const message = `Riktig beløp kan bare føres sammen med korrigeringen av en direkte bevegelse (mottatt, administrasjonsandel, egne kostnader, tilbakebetalt); før «${MOVEMENT_LABEL[original.type]}» på nytt for seg.`;
      throw new AppError('BAD_INPUT', message, [{ path: 'correctedAmountOre', message }]);
    }
    const created = reverseLegs(
      ctx,
      legsOf(ctx, original),
      date,
      input.reason,
      input.correctedAmountOre,
    );
    if (input.correctedAmountOre !== null) {
      created.push(correctedEntry(ctx, original, date, input));
    }
    return movementViews(ctx, { ids: created });
  });
}

export function createMovementsService(ctx: ServiceContext) {
  return {
    /** One page of the grant's ledger, oldest first, with totals over all of it. */
    list: (input: ParsedInput<'movements.list'>) => listMovementsPaged(ctx, input),
    record: (input: ParsedInput<'movements.record'>) => recordMovement(ctx, input),
    check: (input: ParsedInput<'movements.check'>) => checkMovement(ctx, input),
    transferTargets: (input: ParsedInput<'movements.transferTargets'>) =>
      transferTargets(ctx, input),
    /** How a movement may be corrected (its own open year, or the first open year). */
    correctionRule(input: ParsedInput<'movements.correctionRule'>): CorrectionRule {
      return correctionRuleOf(ctx.db, movementRow(ctx, input.id), ctx.clock.today());
    },
    transfer: (input: ParsedInput<'movements.transfer'>) => transferMovement(ctx, input),
    reverse: (input: ParsedInput<'movements.reverse'>) => reverseMovement(ctx, input),
  };
}

export type MovementsService = ReturnType<typeof createMovementsService>;

export function createBalancesService(ctx: ServiceContext) {
  return {
    /**
     * Year-by-year balances (invariant 2). By default from the first to the last year the
     * grant touches (period, edition, decision, split, movements), so a year without
     * movements still shows its opening balance = the previous closing. From the ledger's
     * sums per year and type, not every movement.
     */
    forGrant(input: ParsedInput<'balances.forGrant'>) {
      const g = grantRow(ctx, input.grantId);
      if (input.fromYear != null && input.toYear != null && input.toYear < input.fromYear) {
        throw new AppError('BAD_INPUT', 'Til år kan ikke være før Fra år.', [
          { path: 'toYear', message: 'Til år kan ikke være før Fra år.' },
        ]);
      }
      return balancesOf(g, ledgerSums(ctx, g), grantSplits(ctx, g.id), {
        fromYear: input.fromYear ?? null,
        toYear: input.toYear ?? null,
      });
    },
  };
}

export type BalancesService = ReturnType<typeof createBalancesService>;
