/**
 * Sub-allocations to member centres (tildelinger): allocation rounds on grants KSS
 * administers (forvalter), the centres' applications, KSS's decisions, payouts, and the
 * centres' reports, returns and kept funds.
 *
 * Rules enforced here: the awards of a round never exceed its pot (invariant 3 of docs/DOMAIN.md); only
 * centres that are members on the decision date are awarded unless an exception is given
 * with a reason (invariant 4); payouts and returns are movements on the grant's ledger, so
 * the year balances keep holding (invariant 2); every change goes to the change log in the
 * same transaction (invariant 6), and a refused call changes nothing (invariant 7).
 *
 * size: the three services (rounds, allocations, centre reports) share this file's private
 * round/allocation helpers and one payout-and-return path on the ledger; splitting it into
 * rounds.ts, decisions.ts and centre-reports.ts over a shared helper module is the next step
 * (see the issue 9 note).
 */
import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import {
  allocationRounds,
  allocations,
  memberCentres,
  movements,
  organisations,
} from '../../db/schema';
import type { Allocation, Output, ParsedInput, Round } from '../../src-shared/api/contract';
import { AppError, conflict, notFound, type FieldIssue } from '../../src-shared/api/errors';
import { daysBetween, formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import { REPORT_RECEIVED_STATUSES, reminderText } from '../../src-shared/allocations/rules';
import { isMemberOn } from '../../src-shared/registry/centres';
import { AWARDED_STATUSES, type GrantStatus } from '../../src-shared/grants/rules';
import { formatOre } from '../../src-shared/kernel/money';
import {
  allocationAuditView,
  allocationCash,
  createAllocationModel,
  REPORT_STATUS_LABEL,
  roundAuditView,
  type AllocationRecord,
  type RoundRecord,
} from './queries';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertYearsOpen } from '../yearend/locks';
import { assertRoundOpen, assertRoundPeriodChangeOpen } from '../yearend/definition-locks';
import { ROLE_LABEL, STATUS_LABEL, type GrantRow } from '../grants/queries';
import { assertBalanceHolds } from '../grants/movements';
import { roundEligibility } from './eligibility';
import { roundsWithGrants } from './bulk';

const kr = (ore: number) => formatOre(ore);
const date = (iso: string) => formatIsoDate(iso);

function badInput(issues: FieldIssue[]): AppError {
  return new AppError('BAD_INPUT', issues[0]?.message ?? 'Ugyldige opplysninger.', issues);
}

/** «A», «B» og «C». */
function nameList(names: readonly string[]): string {
  const quoted = names.map((n) => `«${n}»`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} og ${quoted[quoted.length - 1]}`;
}

/** Statuses in which a centre's return may still come in (also after the grant is closed). */
const RETURN_STATUSES: readonly GrantStatus[] = [...AWARDED_STATUSES, 'avsluttet'];

/** Statuses in which a grant has no money to pass on. */
const NO_MONEY_STATUSES: readonly GrantStatus[] = ['avslatt', 'trukket'];

function statusList(statuses: readonly GrantStatus[]): string {
  return statuses.map((s) => `«${STATUS_LABEL[s]}»`).join(' eller ');
}

/** Period fields of a round: «til» needs «fra» and may not come before it. */
function checkRoundDates(input: { activityFrom: string | null; activityTo: string | null }) {
  if (input.activityTo && !input.activityFrom) {
    throw badInput([
      {
        path: 'activityFrom',
        message: 'Aktivitetsperiode fra må fylles ut når Aktivitetsperiode til er satt.',
      },
    ]);
  }
  if (input.activityFrom && input.activityTo && input.activityTo < input.activityFrom) {
    throw badInput([
      {
        path: 'activityTo',
        message: `Aktivitetsperiode til (${date(input.activityTo)}) kan ikke være før Aktivitetsperiode fra (${date(input.activityFrom)}).`,
      },
    ]);
  }
}

/** What the allocation services share: the read model and the ledger writes. */
function createAllocationCore(ctx: ServiceContext) {
  const { db } = ctx;
  const model = createAllocationModel(ctx);
  const grants = model.grantModel;

  /** The round's grant must be in one of `statuses` for `what`. */
  function grantIn(r: RoundRecord, statuses: readonly GrantStatus[], what: string): GrantRow {
    const g = grants.row(r.grantId);
    if (!statuses.includes(g.status)) {
      throw conflict(
        `${what} krever at tilskuddet har status ${statusList(statuses)}; «${g.title}» har status «${STATUS_LABEL[g.status]}».`,
      );
    }
    return g;
  }

  function centreName(centreId: number): string {
    const row = db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, centreId))
      .get();
    return row?.name ?? `senter ${centreId}`;
  }

  function updateAllocation(
    before: AllocationRecord,
    patch: Partial<AllocationRecord>,
    reason: string | null = null,
  ): AllocationRecord {
    const after = db
      .update(allocations)
      .set({ ...patch, updatedAtMs: ctx.clock.nowMs() })
      .where(eq(allocations.id, before.id))
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'allocation',
      entityId: before.id,
      action: 'update',
      before: allocationAuditView(before),
      after: allocationAuditView(after),
      reason,
    });
    return after;
  }

  /** Appends a payout or return to the grant's ledger, logged like every movement. */
  function insertMovement(
    values: Omit<typeof movements.$inferInsert, 'createdAtMs' | 'actor' | 'id'>,
  ): void {
    const row = db
      .insert(movements)
      .values({ ...values, createdAtMs: ctx.clock.nowMs(), actor: ctx.actor })
      .returning()
      .get();
    recordChange(ctx, { entity: 'movement', entityId: row.id, action: 'create', after: row });
  }

  return { db, model, grants, grantIn, centreName, updateAllocation, insertMovement };
}

// ================================================================ rounds

export function createRoundsService(ctx: ServiceContext) {
  const { db, model, grants, updateAllocation } = createAllocationCore(ctx);

  /** A round needs a grant KSS administers (forvalter) that has not been refused. */
  function grantForRound(grantId: number): GrantRow {
    const g = grants.row(grantId);
    if (g.kssRole !== 'forvalter') {
      throw conflict(
        `Tildelingsrunder til medlemssentre kan bare opprettes på tilskudd der KSS er «${ROLE_LABEL.forvalter}»; «${g.projectName}» har rollen «${ROLE_LABEL[g.kssRole]}».`,
        [{ path: 'grantId', message: 'Tilskudd: KSS er ikke forvalter.' }],
      );
    }
    if (NO_MONEY_STATUSES.includes(g.status)) {
      throw conflict(
        `«${g.title}» har status «${STATUS_LABEL[g.status]}» og har ingen penger å fordele til sentrene.`,
        [{ path: 'grantId', message: 'Tilskudd: har ingen penger å fordele.' }],
      );
    }
    return g;
  }

  return {
    /** Round summaries, newest first, optionally for one grant. */
    list(input: ParsedInput<'rounds.list'>): Output<'rounds.list'> {
      if (input.grantId) grants.row(input.grantId);
      return model.summaries(input.grantId ?? null);
    },

    get(input: ParsedInput<'rounds.get'>): Round {
      return model.detail(input.id);
    },

    eligibleCentres(
      input: ParsedInput<'rounds.eligibleCentres'>,
    ): Output<'rounds.eligibleCentres'> {
      return roundEligibility(ctx, input);
    },

    /** Opens a round on a forvalter grant. */
    create(input: ParsedInput<'rounds.create'>): Round {
      return db.transaction(() => {
        grantForRound(input.grantId);
        checkRoundDates(input);
        const now = ctx.clock.nowMs();
        const row = db
          .insert(allocationRounds)
          .values({
            grantId: input.grantId,
            name: input.name,
            applicationDeadline: input.applicationDeadline,
            activityFrom: input.activityFrom,
            activityTo: input.activityTo,
            reportDeadline: input.reportDeadline,
            notes: input.notes,
            createdAtMs: now,
            updatedAtMs: now,
          })
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'allocation_round',
          entityId: row.id,
          action: 'create',
          after: roundAuditView(row),
        });
        return model.detail(row.id);
      });
    },

    /**
     * Changes name, deadlines, periods or notes. A new report deadline is passed on to the
     * allocations that still follow the round's deadline (due date empty or equal to the
     * old one, report not received); each such change is logged.
     */
    update(input: ParsedInput<'rounds.update'>): Round {
      return db.transaction(() => {
        const before = model.round(input.id);
        checkRoundDates(input);
        assertRoundPeriodChangeOpen(db, before, input);
        const after = db
          .update(allocationRounds)
          .set({
            name: input.name,
            applicationDeadline: input.applicationDeadline,
            activityFrom: input.activityFrom,
            activityTo: input.activityTo,
            reportDeadline: input.reportDeadline,
            notes: input.notes,
            updatedAtMs: ctx.clock.nowMs(),
          })
          .where(eq(allocationRounds.id, input.id))
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'allocation_round',
          entityId: input.id,
          action: 'update',
          before: roundAuditView(before),
          after: roundAuditView(after),
        });
        if (before.reportDeadline !== after.reportDeadline) {
          const following = db
            .select()
            .from(allocations)
            .where(and(eq(allocations.roundId, input.id), isNull(allocations.reportReceivedDate)))
            .all()
            .filter((a) => a.reportDueDate === null || a.reportDueDate === before.reportDeadline);
          for (const a of following) {
            if (a.reportDueDate === after.reportDeadline) continue;
            updateAllocation(
              a,
              { reportDueDate: after.reportDeadline },
              'Rapportfristen for runden er endret.',
            );
          }
        }
        return model.detail(input.id);
      });
    },
  };
}

// ================================================================ applications, decisions, payouts

export function createAllocationsService(ctx: ServiceContext) {
  const { db, model, grants, grantIn, centreName, updateAllocation, insertMovement } =
    createAllocationCore(ctx);

  /** Several allocations of one round, in the order asked; NOT_FOUND for unknown ids. */
  function allocationsOfOneRound(ids: readonly number[], path: string): AllocationRecord[] {
    const seen = new Set<number>();
    const issues: FieldIssue[] = [];
    ids.forEach((id, i) => {
      if (seen.has(id)) {
        issues.push({ path: `${path}.${i}`, message: `Tildeling: id ${id} står flere ganger.` });
      }
      seen.add(id);
    });
    if (issues.length > 0) throw badInput(issues);
    const rows = db
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

  return {
    /**
     * Adds or updates applications, one per centre (upsert on round + centre). Each row is
     * the whole application: a blank field clears it. Rows not mentioned are left alone.
     */
    saveApplications(input: ParsedInput<'allocations.saveApplications'>): Round {
      return db.transaction(() => {
        const r = model.round(input.roundId);
        const issues: FieldIssue[] = [];
        const seen = new Set<number>();
        input.rows.forEach((row, i) => {
          if (seen.has(row.centreId)) {
            issues.push({
              path: `rows.${i}.centreId`,
              message: `Senter: ${centreName(row.centreId)} står flere ganger.`,
            });
          }
          seen.add(row.centreId);
        });
        const ids = [...seen];
        const known = new Set(
          ids.length === 0
            ? []
            : db
                .select({ id: memberCentres.organisationId })
                .from(memberCentres)
                .where(inArray(memberCentres.organisationId, ids))
                .all()
                .map((c) => c.id),
        );
        input.rows.forEach((row, i) => {
          if (!known.has(row.centreId)) {
            issues.push({
              path: `rows.${i}.centreId`,
              message: `Senter: finnes ikke i registeret over medlemssentre (id ${row.centreId}).`,
            });
          }
        });
        if (issues.length > 0) throw badInput(issues);

        const existing = new Map(
          db
            .select()
            .from(allocations)
            .where(eq(allocations.roundId, r.id))
            .all()
            .map((a) => [a.centreId, a]),
        );
        const now = ctx.clock.nowMs();
        for (const row of input.rows) {
          const fields = {
            appliedOre: row.appliedOre,
            purpose: row.purpose,
            expectedParticipants: row.expectedParticipants,
            receivedDate: row.receivedDate,
          };
          const current = existing.get(row.centreId);
          if (current?.appliedOre !== fields.appliedOre) assertRoundOpen(db, r.id, 'rows');
          if (current) {
            const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
              (k) => current[k] !== fields[k],
            );
            if (changed) updateAllocation(current, fields);
            continue;
          }
          const created = db
            .insert(allocations)
            .values({
              ...fields,
              roundId: r.id,
              centreId: row.centreId,
              reportStatus: 'venter',
              reportDueDate: r.reportDeadline,
              createdAtMs: now,
              updatedAtMs: now,
            })
            .returning()
            .get();
          recordChange(ctx, {
            entity: 'allocation',
            entityId: created.id,
            action: 'create',
            after: allocationAuditView(created),
          });
        }
        return model.detail(r.id);
      });
    },

    /** Removes an application without award or payout; the reason goes to the change log. */
    removeApplication(input: ParsedInput<'allocations.removeApplication'>): Round {
      return db.transaction(() => {
        const a = model.allocation(input.id);
        assertRoundOpen(db, a.roundId);
        const name = centreName(a.centreId);
        if ((a.awardedOre ?? 0) > 0) {
          throw conflict(
            `Søknaden fra «${name}» kan ikke fjernes: den har en tildeling på ${kr(a.awardedOre ?? 0)}. Sett tildelingen til 0 kr først.`,
          );
        }
        const moved = db
          .select({ id: movements.id })
          .from(movements)
          .where(eq(movements.allocationId, a.id))
          .get();
        if (moved) {
          throw conflict(
            `Søknaden fra «${name}» kan ikke fjernes: den har utbetalinger eller tilbakeføringer i tilskuddets bevegelser.`,
          );
        }
        db.delete(allocations).where(eq(allocations.id, a.id)).run();
        recordChange(ctx, {
          entity: 'allocation',
          entityId: a.id,
          action: 'delete',
          before: allocationAuditView(a),
          reason: input.reason,
        });
        return model.detail(a.roundId);
      });
    },

    /**
     * Saves awards with a decision date. Refused, with nothing saved, when the round's awards
     * would exceed the pot, when a centre that is not a member on the decision date has no
     * reason for the exception, or when an award is lower than what is already paid.
     */
    decide(input: ParsedInput<'allocations.decide'>): Round {
      return db.transaction(() => {
        const r = model.round(input.roundId);
        assertRoundOpen(db, r.id, 'decisionDate');
        const g = grantIn(r, AWARDED_STATUSES, 'Vedtak om tildeling');
        const current = new Map(
          db
            .select()
            .from(allocations)
            .where(eq(allocations.roundId, r.id))
            .all()
            .map((a) => [a.id, a]),
        );
        const issues: FieldIssue[] = [];
        const seen = new Set<number>();
        input.awards.forEach((award, i) => {
          if (seen.has(award.allocationId)) {
            issues.push({
              path: `awards.${i}.allocationId`,
              message: `Søknad: id ${award.allocationId} står flere ganger.`,
            });
          }
          seen.add(award.allocationId);
          if (!current.has(award.allocationId)) {
            issues.push({
              path: `awards.${i}.allocationId`,
              message: `Søknad: id ${award.allocationId} hører ikke til runden «${r.name}».`,
            });
          }
        });
        if (issues.length > 0) throw badInput(issues);

        const names = new Map(
          model
            .allocationRows(eq(allocations.roundId, r.id))
            .map((a) => [a.id, a.centreName] as const),
        );
        const nameOf = (id: number) => names.get(id) ?? `søknad ${id}`;

        const cash = allocationCash(db, [...seen]);
        const belowPaid = input.awards.filter(
          (a) => a.awardedOre < (cash.get(a.allocationId)?.paidOre ?? 0),
        );
        if (belowPaid.length > 0) {
          const details = belowPaid.map(
            (a) =>
              `«${nameOf(a.allocationId)}» (${kr(a.awardedOre)}, utbetalt ${kr(cash.get(a.allocationId)?.paidOre ?? 0)})`,
          );
          throw conflict(
            `En tildeling kan ikke være lavere enn det som allerede er utbetalt: ${details.join(', ')}. Registrer en tilbakeføring eller korriger utbetalingen først.`,
            belowPaid.map((a) => ({
              path: `awards.${input.awards.indexOf(a)}.awardedOre`,
              message: 'Tildelt beløp: lavere enn det som er utbetalt.',
            })),
          );
        }

        const periods = model.periodsOf([...current.values()].map((a) => a.centreId));
        const needReason = input.awards.filter((a) => {
          if (a.awardedOre === 0 || a.overrideReason) return false;
          const centreId = current.get(a.allocationId)?.centreId ?? 0;
          return !isMemberOn(periods.get(centreId) ?? [], input.decisionDate);
        });
        if (needReason.length > 0) {
          const who = nameList(needReason.map((a) => nameOf(a.allocationId)));
          const many = needReason.length > 1;
          throw conflict(
            `${who} ${many ? 'er ikke medlemmer' : 'er ikke medlem'} av Krisesentersekretariatet på vedtaksdatoen ${date(input.decisionDate)}. Tildeling til et senter som ikke er medlem krever en begrunnelse for unntaket.`,
            needReason.map((a) => ({
              path: `awards.${input.awards.indexOf(a)}.overrideReason`,
              message: `Begrunnelse for unntak må fylles ut: «${nameOf(a.allocationId)}» er ikke medlem ${date(input.decisionDate)}.`,
            })),
          );
        }

        // Invariant 5: the new decision date, and the old one of every award that changes.
        assertYearsOpen(
          db,
          [
            yearOf(input.decisionDate),
            ...input.awards
              .map((a) => current.get(a.allocationId)?.decisionDate)
              .map((d) => (d ? yearOf(d) : null)),
          ],
          'decisionDate',
        );

        const next = new Map(input.awards.map((a) => [a.allocationId, a.awardedOre]));
        let total = 0;
        for (const a of current.values()) total += next.get(a.id) ?? a.awardedOre ?? 0;
        const pot = model.potOf(r, g);
        if (total > pot) {
          throw conflict(
            `Summen av tildelingene (${kr(total)}) er høyere enn potten (${kr(pot)}) med ${kr(total - pot)}.`,
            [{ path: 'awards', message: `Tildelt beløp: ${kr(total - pot)} over potten.` }],
          );
        }

        for (const award of input.awards) {
          const before = current.get(award.allocationId) as AllocationRecord;
          const patch = {
            awardedOre: award.awardedOre,
            decisionDate: input.decisionDate,
            overrideReason: award.overrideReason,
            reportDueDate: before.reportDueDate ?? r.reportDeadline,
          };
          const unchanged = (Object.keys(patch) as (keyof typeof patch)[]).every(
            (k) => before[k] === patch[k],
          );
          if (!unchanged) updateAllocation(before, patch, award.overrideReason);
        }
        return model.detail(r.id);
      });
    },

    /**
     * Pays out what is not yet paid of each award (awarded − paid; nothing when that is 0)
     * as paid_to_centre movements on the round's grant. Refused when an allocation has no
     * award, when the grant is not awarded, or when the grant's balance would go below zero
     * at the end of a year (the message names the shortfall).
     */
    markPaid(input: ParsedInput<'allocations.markPaid'>): Round {
      return db.transaction(() => {
        const list = allocationsOfOneRound(input.allocationIds, 'allocationIds');
        const first = list[0] as AllocationRecord;
        const r = model.round(first.roundId);
        const g = grantIn(r, AWARDED_STATUSES, 'Utbetaling til sentrene');
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
          grants.ledger(g.id),
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
          insertMovement({
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
        return model.detail(r.id);
      });
    },

    /** One centre's awards across rounds, grants and years, newest round first. */
    byCentre(input: ParsedInput<'allocations.byCentre'>): Output<'allocations.byCentre'> {
      const centre = db
        .select({ id: memberCentres.organisationId })
        .from(memberCentres)
        .where(eq(memberCentres.organisationId, input.centreId))
        .get();
      if (!centre) throw notFound(`Fant ikke medlemssenteret (id ${input.centreId}).`);
      const list = model.views(model.allocationRows(eq(allocations.centreId, input.centreId)));
      const rounds = roundsWithGrants(
        db,
        grants,
        list.map((a) => a.roundId),
      );
      return list
        .map((a: Allocation) => {
          const hit = rounds.get(a.roundId);
          return {
            ...a,
            roundName: hit?.round.name ?? '',
            grantTitle: hit?.grant.title ?? '',
          };
        })
        .sort((x, y) => y.roundId - x.roundId || x.id - y.id);
    },
  };
}

// ================================================================ centre reports

export function createCentreReportsService(ctx: ServiceContext) {
  const { db, model, grants, grantIn, centreName, updateAllocation, insertMovement } =
    createAllocationCore(ctx);

  /** Reports, returns and kept funds belong to an award. */
  function awarded(id: number): AllocationRecord {
    const a = model.allocation(id);
    if (a.awardedOre === null) {
      throw conflict(
        `«${centreName(a.centreId)}» har ingen vedtatt tildeling i denne runden ennå; rapport, tilbakeføring og ubrukte midler registreres på en tildeling.`,
      );
    }
    return a;
  }

  /** Returned + kept may not exceed what the centre was paid. */
  function assertWithinPaid(
    a: AllocationRecord,
    returnedOre: number,
    keptOre: number,
    path: string,
  ): void {
    const paid = allocationCash(db, [a.id]).get(a.id)?.paidOre ?? 0;
    if (returnedOre + keptOre > paid) {
      const over = returnedOre + keptOre - paid;
      throw conflict(
        `Tilbakeført (${kr(returnedOre)}) og beholdt (${kr(keptOre)}) kan ikke til sammen være mer enn det «${centreName(a.centreId)}» har fått utbetalt (${kr(paid)}); det er ${kr(over)} for mye.`,
        [{ path, message: `Beløp: ${kr(over)} mer enn utbetalt.` }],
      );
    }
  }

  return {
    /**
     * Records the centre's report: received date, spent, participants, text and status.
     * «Mottatt» and «Godkjent» need the received date; «Venter» and «Purret» may not have
     * one. A blank due date keeps the current one.
     */
    record(input: ParsedInput<'centreReports.record'>): Round {
      return db.transaction(() => {
        const a = awarded(input.allocationId);
        const received = REPORT_RECEIVED_STATUSES.includes(input.reportStatus);
        if (received && !input.reportReceivedDate) {
          throw badInput([
            {
              path: 'reportReceivedDate',
              message: `Rapport mottatt må fylles ut når rapportstatus er «${REPORT_STATUS_LABEL[input.reportStatus]}».`,
            },
          ]);
        }
        if (!received && input.reportReceivedDate) {
          throw badInput([
            {
              path: 'reportReceivedDate',
              message: `Rapport mottatt skal være tom når rapportstatus er «${REPORT_STATUS_LABEL[input.reportStatus]}»; velg «Mottatt» eller «Godkjent» for en mottatt rapport.`,
            },
          ]);
        }
        updateAllocation(a, {
          reportReceivedDate: input.reportReceivedDate,
          spentOre: input.spentOre,
          participantsReached: input.participantsReached,
          reportText: input.reportText,
          reportStatus: input.reportStatus,
          reportDueDate: input.reportDueDate ?? a.reportDueDate,
        });
        return model.detail(a.roundId);
      });
    },

    /**
     * Unused money a centre pays back: a returned_by_centre movement on the round's grant,
     * in the year of its date (a 2025 return lands in the 2025 balance). Returned + kept
     * may not exceed what was paid.
     */
    recordReturn(input: ParsedInput<'centreReports.recordReturn'>): Round {
      return db.transaction(() => {
        const a = awarded(input.allocationId);
        const r = model.round(a.roundId);
        const g = grantIn(r, RETURN_STATUSES, 'Tilbakeføring fra et senter');
        assertYearsOpen(db, [yearOf(input.date)], 'date');
        const cash = allocationCash(db, [a.id]).get(a.id);
        if (cash?.firstPaidDate && input.date < cash.firstPaidDate) {
          throw badInput([
            {
              path: 'date',
              message: `Dato (${date(input.date)}) kan ikke være før midlene ble utbetalt (${date(cash.firstPaidDate)}).`,
            },
          ]);
        }
        assertWithinPaid(
          a,
          (cash?.returnedOre ?? 0) + input.amountOre,
          a.keptUnusedOre ?? 0,
          'amountOre',
        );
        insertMovement({
          grantId: g.id,
          date: input.date,
          type: 'returned_by_centre',
          amountOre: input.amountOre,
          voucherRef: input.voucherRef,
          note: input.note ?? `Ubrukte midler fra «${r.name}», ${centreName(a.centreId)}.`,
          centreId: a.centreId,
          allocationId: a.id,
        });
        return model.detail(r.id);
      });
    },

    /** Records that the centre keeps unused money with KSS's approval (replaces the amount). */
    keepUnused(input: ParsedInput<'centreReports.keepUnused'>): Round {
      return db.transaction(() => {
        const a = awarded(input.allocationId);
        const returned = allocationCash(db, [a.id]).get(a.id)?.returnedOre ?? 0;
        assertWithinPaid(a, returned, input.amountOre, 'amountOre');
        updateAllocation(
          a,
          { keptUnusedOre: input.amountOre, keptApprovalRef: input.approvalRef },
          `Godkjent av KSS: ${input.approvalRef}`,
        );
        return model.detail(a.roundId);
      });
    },

    /**
     * Awards whose report is overdue on `asOf` (default today): due date passed and no
     * report received; with the centre's e-mail and a reminder text to copy. Oldest first.
     */
    overdue(input: ParsedInput<'centreReports.overdue'>): Output<'centreReports.overdue'> {
      const asOf = input.asOf ?? ctx.clock.today();
      const rows = model
        .allocationRows(
          and(
            isNotNull(allocations.reportDueDate),
            lt(allocations.reportDueDate, asOf),
            isNull(allocations.reportReceivedDate),
            inArray(allocations.reportStatus, ['venter', 'purret']),
          ),
        )
        .filter((a) => (a.awardedOre ?? 0) > 0);
      const list = model.views(rows);
      const rounds = roundsWithGrants(
        db,
        grants,
        list.map((a) => a.roundId),
      );
      const roundOf = (id: number) => {
        const hit = rounds.get(id);
        if (hit) return hit;
        const round = model.round(id);
        return { round, grant: grants.row(round.grantId) };
      };
      return list
        .map((a) => {
          const { round, grant } = roundOf(a.roundId);
          const due = a.reportDueDate as string;
          return {
            allocationId: a.id,
            roundId: a.roundId,
            roundName: round.name,
            grantTitle: grant.title,
            centreName: a.centreName,
            contactEmail: a.contactEmail,
            reportDueDate: due,
            daysOverdue: daysBetween(due, asOf),
            reminderText: reminderText({
              centreName: a.centreName,
              roundName: round.name,
              grantTitle: grant.title,
              funderName: grant.funderName,
              reportDueDate: due,
              awardedOre: a.awardedOre ?? 0,
              paidOre: a.paidOre,
            }),
          };
        })
        .sort(
          (x, y) =>
            x.reportDueDate.localeCompare(y.reportDueDate) ||
            x.centreName.localeCompare(y.centreName, 'nb-NO') ||
            x.allocationId - y.allocationId,
        );
    },

    /** Records that a reminder was sent: status «Purret» and the date. */
    markReminded(input: ParsedInput<'centreReports.markReminded'>): Round {
      return db.transaction(() => {
        const a = awarded(input.allocationId);
        if (a.reportReceivedDate !== null || REPORT_RECEIVED_STATUSES.includes(a.reportStatus)) {
          throw conflict(
            `Rapporten fra «${centreName(a.centreId)}» er allerede mottatt${a.reportReceivedDate ? ` (${date(a.reportReceivedDate)})` : ''}; det er ingenting å purre på.`,
          );
        }
        updateAllocation(a, { reportStatus: 'purret', remindedDate: input.date });
        return model.detail(a.roundId);
      });
    },
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
export type AllocationsService = ReturnType<typeof createAllocationsService>;
export type CentreReportsService = ReturnType<typeof createCentreReportsService>;
