/**
 * The centres' applications in a round and KSS's decisions on them. The awards of a round
 * never exceed its pot (invariant 3 of docs/DOMAIN.md); only centres that are members on the
 * decision date are awarded unless an exception is given with a reason (invariant 4); a
 * refused call changes nothing (invariant 7).
 */
import { eq, inArray } from 'drizzle-orm';
import { allocations, memberCentres, movements } from '../../db/schema';
import type { ParsedInput, Round } from '../../src-shared/api/contract';
import { conflict, type FieldIssue } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import { isMemberOn } from '../../src-shared/registry/centres';
import { AWARDED_STATUSES } from '../../src-shared/grants/rules';
import {
  allocationAuditView,
  allocationCash,
  type AllocationRecord,
  type RoundRecord,
} from './queries';
import { recordChange } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { assertYearsOpen } from '../yearend/locks';
import { assertRoundOpen } from '../yearend/definition-locks';
import { badInput, date, kr, nameList, type AllocationCore } from './common';

type SaveInput = ParsedInput<'allocations.saveApplications'>;
type DecideInput = ParsedInput<'allocations.decide'>;

/** Each centre once, and every centre in the register of member centres. */
function checkApplicationRows(c: AllocationCore, input: SaveInput): void {
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  input.rows.forEach((row, i) => {
    if (seen.has(row.centreId)) {
      issues.push({
        path: `rows.${i}.centreId`,
        message: `Senter: ${c.centreName(row.centreId)} står flere ganger.`,
      });
    }
    seen.add(row.centreId);
  });
  const ids = [...seen];
  const known = new Set(
    ids.length === 0
      ? []
      : c.db
          .select({ id: memberCentres.organisationId })
          .from(memberCentres)
          .where(inArray(memberCentres.organisationId, ids))
          .all()
          .map((m) => m.id),
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
}

/**
 * Adds or updates applications, one per centre (upsert on round + centre). Each row is
 * the whole application: a blank field clears it. Rows not mentioned are left alone.
 */
export function saveApplications(c: AllocationCore, input: SaveInput): Round {
  const { db } = c;
  return db.transaction(() => {
    const r = c.model.round(input.roundId);
    checkApplicationRows(c, input);
    const existing = new Map(
      db
        .select()
        .from(allocations)
        .where(eq(allocations.roundId, r.id))
        .all()
        .map((a) => [a.centreId, a]),
    );
    const now = c.ctx.clock.nowMs();
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
        if (changed) c.updateAllocation(current, fields);
        continue;
      }
      insertRecorded(
        c.ctx,
        allocations,
        {
          ...fields,
          roundId: r.id,
          centreId: row.centreId,
          reportStatus: 'venter',
          reportDueDate: r.reportDeadline,
          createdAtMs: now,
          updatedAtMs: now,
        },
        { entity: 'allocation', view: allocationAuditView },
      );
    }
    return c.model.detail(r.id);
  });
}

/** Removes an application without award or payout; the reason goes to the change log. */
export function removeApplication(
  c: AllocationCore,
  input: ParsedInput<'allocations.removeApplication'>,
): Round {
  const { db } = c;
  return db.transaction(() => {
    const a = c.model.allocation(input.id);
    assertRoundOpen(db, a.roundId);
    const name = c.centreName(a.centreId);
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
    recordChange(c.ctx, {
      entity: 'allocation',
      entityId: a.id,
      action: 'delete',
      before: allocationAuditView(a),
      reason: input.reason,
    });
    return c.model.detail(a.roundId);
  });
}

/** Each award once, and each one an application of this round. */
function checkAwardIds(
  r: RoundRecord,
  current: Map<number, AllocationRecord>,
  input: DecideInput,
): Set<number> {
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
  return seen;
}

/** No award may be lower than what its centre has already been paid. */
function assertNotBelowPaid(
  c: AllocationCore,
  input: DecideInput,
  ids: readonly number[],
  nameOf: (id: number) => string,
): void {
  const cash = allocationCash(c.db, ids);
  const belowPaid = input.awards.filter(
    (a) => a.awardedOre < (cash.get(a.allocationId)?.paidOre ?? 0),
  );
  if (belowPaid.length === 0) return;
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

/** Invariant 4: an award to a centre that is not a member on the decision date needs a reason. */
function assertMembersOrReason(
  c: AllocationCore,
  input: DecideInput,
  current: Map<number, AllocationRecord>,
  nameOf: (id: number) => string,
): void {
  const periods = c.model.periodsOf([...current.values()].map((a) => a.centreId));
  const needReason = input.awards.filter((a) => {
    if (a.awardedOre === 0 || a.overrideReason) return false;
    const centreId = current.get(a.allocationId)?.centreId ?? 0;
    return !isMemberOn(periods.get(centreId) ?? [], input.decisionDate);
  });
  if (needReason.length === 0) return;
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

/** Invariant 3: the round's awards after this decision stay within its pot. */
function assertWithinPot(
  current: Map<number, AllocationRecord>,
  input: DecideInput,
  pot: number,
): void {
  const next = new Map(input.awards.map((a) => [a.allocationId, a.awardedOre]));
  let total = 0;
  for (const a of current.values()) total += next.get(a.id) ?? a.awardedOre ?? 0;
  if (total > pot) {
    throw conflict(
      `Summen av tildelingene (${kr(total)}) er høyere enn potten (${kr(pot)}) med ${kr(total - pot)}.`,
      [{ path: 'awards', message: `Tildelt beløp: ${kr(total - pot)} over potten.` }],
    );
  }
}

/**
 * Saves awards with a decision date. Refused, with nothing saved, when the round's awards
 * would exceed the pot, when a centre that is not a member on the decision date has no
 * reason for the exception, or when an award is lower than what is already paid.
 */
export function decide(c: AllocationCore, input: DecideInput): Round {
  const { db, model } = c;
  return db.transaction(() => {
    const r = model.round(input.roundId);
    assertRoundOpen(db, r.id, 'decisionDate');
    const g = c.grantIn(r, AWARDED_STATUSES, 'Vedtak om tildeling');
    const current = new Map(
      db
        .select()
        .from(allocations)
        .where(eq(allocations.roundId, r.id))
        .all()
        .map((a) => [a.id, a]),
    );
    const seen = checkAwardIds(r, current, input);
    const names = new Map(
      model.allocationRows(eq(allocations.roundId, r.id)).map((a) => [a.id, a.centreName] as const),
    );
    const nameOf = (id: number) => names.get(id) ?? `søknad ${id}`;
    assertNotBelowPaid(c, input, [...seen], nameOf);
    assertMembersOrReason(c, input, current, nameOf);
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
    assertWithinPot(current, input, model.potOf(r, g));

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
      if (!unchanged) c.updateAllocation(before, patch, award.overrideReason);
    }
    return model.detail(r.id);
  });
}
