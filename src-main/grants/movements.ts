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
  grantMoneyOf,
  netOfType,
  signedAmount,
  yearBalances,
  type GrantStatus,
  type LedgerEntry,
} from '../../src-shared/grants/rules';
import { formatOre } from '../../src-shared/kernel/money';
import { allocationCash } from '../allocations/queries';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertYearsOpen } from '../yearend/locks';
import {
  createGrantModel,
  MOVEMENT_LABEL,
  NAME_ORDER,
  STATUS_LABEL,
  type GrantRow,
  type MovementRecord,
} from './queries';
import { assertAdminShareFits } from './grants';
import { correctionRuleOf, reversalDateOf, type CorrectionRule } from './corrections';
import { acknowledged, warningsFor } from './plausibility-check';
import type { PlausibilityLedgerEntry } from '../../src-shared/grants/plausibility';

const kr = (ore: number) => formatOre(ore);

/** A transfer may also take unused funds out of a grant that is already closed. */
const TRANSFER_SOURCE_STATUSES: readonly GrantStatus[] = [...AWARDED_STATUSES, 'avsluttet'];

/**
 * Refuses movements that would leave the grant below zero at the end of a year, from the
 * earliest added movement's year on. The message names the shortfall.
 */
export function assertBalanceHolds(
  g: { title: string },
  ledger: readonly LedgerEntry[],
  added: LedgerEntry | readonly LedgerEntry[],
  what: string,
): void {
  const list: readonly LedgerEntry[] = Array.isArray(added) ? added : [added as LedgerEntry];
  if (list.length === 0) return;
  const fromYear = Math.min(...list.map((e) => yearOf(e.date)));
  const rows = yearBalances([...ledger, ...list], { fromYear });
  const short = rows.find((r) => r.closingOre < 0);
  if (short) {
    const amount = Math.abs(list.reduce((sum, e) => sum + e.amountOre, 0));
    throw conflict(
      `${what} (${kr(amount)}) gir negativ saldo på «${g.title}» ved utgangen av ${short.year}: saldoen blir ${kr(short.closingOre)}, det mangler ${kr(-short.closingOre)}.`,
      [{ path: 'amountOre', message: `Beløp: ${kr(-short.closingOre)} mer enn saldoen.` }],
    );
  }
}

export function createMovementsService(ctx: ServiceContext) {
  const { db } = ctx;
  const model = createGrantModel(ctx);

  /** The grant must carry money and be in one of `statuses`. */
  function moneyGrant(id: number, statuses: readonly GrantStatus[]): GrantRow {
    const g = model.row(id);
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

  function insert(
    values: Omit<typeof movements.$inferInsert, 'createdAtMs' | 'actor' | 'id'>,
    reason: string | null = null,
  ): MovementRecord {
    const row = db
      .insert(movements)
      .values({ ...values, createdAtMs: ctx.clock.nowMs(), actor: ctx.actor })
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'movement',
      entityId: row.id,
      action: 'create',
      after: row,
      reason,
    });
    return row;
  }

  function view(id: number): Movement {
    const [m] = model.movementViews({ ids: [id] });
    if (!m) throw notFound(`Fant ikke bevegelsen (id ${id}).`);
    return m;
  }

  function movementRow(id: number): MovementRecord {
    const row = db.select().from(movements).where(eq(movements.id, id)).get();
    if (!row) throw notFound(`Fant ikke bevegelsen (id ${id}).`);
    return row;
  }

  function assertNotReversed(m: MovementRecord): void {
    if (m.reversesId !== null) {
      throw conflict(
        `Bevegelsen er selv en korrigering (av bevegelse nr. ${m.reversesId}) og kan ikke korrigeres igjen; før en ny bevegelse i stedet.`,
      );
    }
    const by = db
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
  function assertCentreKeepsPaidCover(allocationId: number, payoutOre: number): void {
    const cash = allocationCash(db, [allocationId]).get(allocationId);
    const alloc = db
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

  /**
   * Records the right amount in place of a reversed direct movement (the reversal is already
   * in the ledger): same rules as `record`, pointing at the original, with the reason.
   */
  function correctedEntry(
    original: MovementRecord,
    date: string,
    input: ParsedInput<'movements.reverse'>,
  ): number {
    const g = model.row(original.grantId);
    const ledger = model.ledger(g.id);
    const amountOre = input.correctedAmountOre as number;
    const entry: LedgerEntry = { date, type: original.type, amountOre };
    if (original.type === 'admin_share') {
      const share = grantMoneyOf(g, ledger).adminShareOre;
      const total = netOfType(ledger, 'admin_share') + amountOre;
      if (total > share) {
        throw conflict(
          `Administrasjonsandel overført (samlet ${kr(total)}) kan ikke overstige administrasjonsandelen etter tilskuddets regel (${kr(share)}); det er ${kr(total - share)} for mye.`,
          [{ path: 'correctedAmountOre', message: `Riktig beløp: ${kr(total - share)} for mye.` }],
        );
      }
    }
    if (signedAmount(entry) < 0) {
      assertBalanceHolds(g, ledger, entry, MOVEMENT_LABEL[original.type]);
    }
    // Warned against the ledger without the original and its reversal: the corrected
    // entry may not bring a new excess silently.
    const base = ledger.filter((m) => m.id !== original.id && m.reversesId !== original.id);
    acknowledged(warningsFor(db, g, base, [entry]), input);
    const row = insert(
      {
        grantId: g.id,
        date,
        type: original.type,
        amountOre,
        voucherRef: original.voucherRef,
        note: input.reason,
        correctsId: original.id,
        reason: input.reason,
      },
      input.reason,
    );
    return row.id;
  }

  return {
    /** The grant's movements, oldest first, with transfer and reversal links. */
    list(input: ParsedInput<'movements.list'>): Movement[] {
      model.row(input.grantId);
      return model.movementViews({ grantId: input.grantId });
    },

    /** Money received, admin share transferred, own costs or repayment on an awarded grant. */
    record(input: ParsedInput<'movements.record'>): Movement {
      return db.transaction(() => {
        assertYearsOpen(db, [yearOf(input.date)], 'date');
        const g = moneyGrant(input.grantId, AWARDED_STATUSES);
        const ledger = model.ledger(g.id);
        const entry: PlausibilityLedgerEntry = {
          date: input.date,
          type: input.type,
          amountOre: input.amountOre,
          amountEurCents: input.amountEurCents,
        };
        if (input.type === 'admin_share') {
          const share = grantMoneyOf(g, ledger).adminShareOre;
          const total = netOfType(ledger, 'admin_share') + input.amountOre;
          if (total > share) {
            throw conflict(
              `Administrasjonsandel overført (samlet ${kr(total)}) kan ikke overstige administrasjonsandelen etter tilskuddets regel (${kr(share)}); det er ${kr(total - share)} for mye.`,
              [{ path: 'amountOre', message: `Beløp: ${kr(total - share)} for mye.` }],
            );
          }
        }
        if (signedAmount(entry) < 0) {
          assertBalanceHolds(g, ledger, entry, MOVEMENT_LABEL[input.type]);
        }
        const reason = acknowledged(warningsFor(db, g, ledger, [entry]), input);
        const row = insert(
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
        return view(row.id);
      });
    },

    /** The plausibility warnings a movement would raise, before it is saved. */
    check(input: ParsedInput<'movements.check'>) {
      const g = moneyGrant(input.grantId, AWARDED_STATUSES);
      const entry: LedgerEntry = { date: input.date, type: input.type, amountOre: input.amountOre };
      const warnings = warningsFor(db, g, model.ledger(g.id), [entry]);
      return {
        warnings: warnings.map((w) => ({
          kind: w.kind,
          message: w.message,
          excessOre: w.excessOre,
        })),
      };
    },

    /** Every other awarded grant, by title: where a transfer from the grant may go. */
    transferTargets(input: ParsedInput<'movements.transferTargets'>) {
      model.row(input.grantId);
      return model
        .rows(and(inArray(grants.status, [...AWARDED_STATUSES]), ne(grants.id, input.grantId)))
        .map((g) => ({ id: g.id, title: g.title, funderName: g.funderName }))
        .sort((a, b) => NAME_ORDER.compare(a.title, b.title) || a.id - b.id);
    },

    /** How a movement may be corrected (its own open year, or the first open year). */
    correctionRule(input: ParsedInput<'movements.correctionRule'>): CorrectionRule {
      return correctionRuleOf(db, movementRow(input.id), ctx.clock.today());
    },

    /**
     * Moves money between two grants with the funder's approval: a transfer_out on the
     * source and a transfer_in on the target that points at it. The source may be awarded
     * or closed; the target must be awarded.
     */
    transfer(input: ParsedInput<'movements.transfer'>): { out: Movement; in: Movement } {
      if (input.fromGrantId === input.toGrantId) {
        throw new AppError(
          'BAD_INPUT',
          'Til tilskudd må være et annet tilskudd enn Fra tilskudd.',
          [
            {
              path: 'toGrantId',
              message: 'Til tilskudd må være et annet tilskudd enn Fra tilskudd.',
            },
          ],
        );
      }
      return db.transaction(() => {
        assertYearsOpen(db, [yearOf(input.date)], 'date');
        const from = moneyGrant(input.fromGrantId, TRANSFER_SOURCE_STATUSES);
        const to = moneyGrant(input.toGrantId, AWARDED_STATUSES);
        assertBalanceHolds(
          from,
          model.ledger(from.id),
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
        const out = insert({ ...common, grantId: from.id, type: 'transfer_out' });
        const inn = insert({
          ...common,
          grantId: to.id,
          type: 'transfer_in',
          counterpartId: out.id,
        });
        return { out: view(out.id), in: view(inn.id) };
      });
    },

    /**
     * Corrects a movement by a reversing movement (same type, opposite amount, linked to the
     * original, note = reason). A transfer is reversed on both grants; the reversal of the
     * in-leg points at the reversal of the out-leg. Works whatever the grant's status.
     * The reversal lands in the original's year while it is open (corrections.ts); a closed
     * year's movement is corrected only in the first open year, on request. With
     * `correctedAmountOre` the corrected entry is recorded too, pointing at the original.
     */
    reverse(input: ParsedInput<'movements.reverse'>): Movement[] {
      return db.transaction(() => {
        const original = movementRow(input.id);
        assertNotReversed(original);
        const { date } = reversalDateOf(db, original, input, ctx.clock.today());
        assertYearsOpen(db, [yearOf(date)], 'date');
        if (
          input.correctedAmountOre !== null &&
          !(DIRECT_MOVEMENT_TYPES as readonly string[]).includes(original.type)
        ) {
          const message = `Riktig beløp kan bare føres sammen med korrigeringen av en direkte bevegelse (mottatt, administrasjonsandel, egne kostnader, tilbakebetalt); før «${MOVEMENT_LABEL[original.type]}» på nytt for seg.`;
          throw new AppError('BAD_INPUT', message, [{ path: 'correctedAmountOre', message }]);
        }
        let legs: MovementRecord[] = [original];
        if (original.type === 'transfer_in' && original.counterpartId !== null) {
          legs = [movementRow(original.counterpartId), original];
        } else if (original.type === 'transfer_out') {
          const inLeg = db
            .select()
            .from(movements)
            .where(eq(movements.counterpartId, original.id))
            .get();
          if (inLeg) legs = [original, inLeg];
        }
        for (const leg of legs) if (leg !== original) assertNotReversed(leg);

        const created: number[] = [];
        let outReversal: number | null = null;
        for (const leg of legs) {
          const g = model.row(leg.grantId);
          const ledger = model.ledger(leg.grantId);
          const entry: LedgerEntry = {
            date,
            type: leg.type,
            amountOre: -leg.amountOre,
          };
          if (signedAmount(entry) < 0) {
            assertBalanceHolds(g, ledger, entry, `Korrigering av «${MOVEMENT_LABEL[leg.type]}»`);
          }
          if (leg.type === 'transfer_in') {
            assertAdminShareFits(g, [...ledger, entry], model.allocatedOf(g.id));
          }
          if (leg.type === 'paid_to_centre' && leg.allocationId !== null) {
            assertCentreKeepsPaidCover(leg.allocationId, leg.amountOre);
          }
          const row = insert(
            {
              grantId: leg.grantId,
              date,
              type: leg.type,
              amountOre: -leg.amountOre,
              note: input.reason,
              reason: input.reason,
              reversesId: leg.id,
              counterpartId: leg.type === 'transfer_in' ? outReversal : null,
              centreId: leg.centreId,
              allocationId: leg.allocationId,
              amountEurCents: leg.amountEurCents === null ? null : -leg.amountEurCents,
            },
            input.reason,
          );
          if (leg.type === 'transfer_out') outReversal = row.id;
          created.push(row.id);
        }
        if (input.correctedAmountOre !== null) {
          created.push(correctedEntry(original, date, input));
        }
        return model.movementViews({ ids: created });
      });
    },
  };
}

export type MovementsService = ReturnType<typeof createMovementsService>;

export function createBalancesService(ctx: ServiceContext) {
  const model = createGrantModel(ctx);
  return {
    /**
     * Year-by-year balances (invariant 2). By default from the first to the last year the
     * grant touches (period, edition, decision, split, movements), so a year without
     * movements still shows its opening balance = the previous closing.
     */
    forGrant(input: ParsedInput<'balances.forGrant'>) {
      const g = model.row(input.grantId);
      if (input.fromYear != null && input.toYear != null && input.toYear < input.fromYear) {
        throw new AppError('BAD_INPUT', 'Til år kan ikke være før Fra år.', [
          { path: 'toYear', message: 'Til år kan ikke være før Fra år.' },
        ]);
      }
      return model.balancesOf(g, model.ledger(g.id), model.splits(g.id), {
        fromYear: input.fromYear ?? null,
        toYear: input.toYear ?? null,
      });
    },
  };
}

export type BalancesService = ReturnType<typeof createBalancesService>;
