/**
 * The centres' reports on their awards (what was spent, participants, status), reminders for
 * overdue ones, unused money paid back (a returned_by_centre movement on the grant's ledger,
 * invariant 2 of docs/DOMAIN.md) and unused money kept with KSS's approval.
 */
import type { Output, ParsedInput, Round } from '../../src-shared/api/contract';
import { conflict } from '../../src-shared/api/errors';
import { daysBetween, yearOf } from '../../src-shared/kernel/dates';
import { REPORT_RECEIVED_STATUSES, reminderText } from '../../src-shared/allocations/rules';
import { allocationCash, REPORT_STATUS_LABEL, type AllocationRecord } from './queries';
import type { ServiceContext } from '../platform/context';
import { assertYearsOpen } from '../yearend/locks';
import {
  badInput,
  createAllocationCore,
  date,
  kr,
  RETURN_STATUSES,
  type AllocationCore,
} from './common';

/** `localeCompare(…, 'nb-NO')` without a collator made per comparison. */
const NB_ORDER = new Intl.Collator('nb-NO');

/** Reports, returns and kept funds belong to an award. */
function awarded(c: AllocationCore, id: number): AllocationRecord {
  const a = c.model.allocation(id);
  if (a.awardedOre === null) {
    throw conflict(
      `«${c.centreName(a.centreId)}» har ingen vedtatt tildeling i denne runden ennå; rapport, tilbakeføring og ubrukte midler registreres på en tildeling.`,
    );
  }
  return a;
}

/** Returned + kept may not exceed what the centre was paid. */
function assertWithinPaid(
  c: AllocationCore,
  a: AllocationRecord,
  returnedOre: number,
  keptOre: number,
  path: string,
): void {
  const paid = allocationCash(c.db, [a.id]).get(a.id)?.paidOre ?? 0;
  if (returnedOre + keptOre > paid) {
    const over = returnedOre + keptOre - paid;
    throw conflict(
      `Tilbakeført (${kr(returnedOre)}) og beholdt (${kr(keptOre)}) kan ikke til sammen være mer enn det «${c.centreName(a.centreId)}» har fått utbetalt (${kr(paid)}); det er ${kr(over)} for mye.`,
      [{ path, message: `Beløp: ${kr(over)} mer enn utbetalt.` }],
    );
  }
}

/**
 * Records the centre's report: received date, spent, participants, text and status.
 * «Mottatt» and «Godkjent» need the received date; «Venter» and «Purret» may not have
 * one. A blank due date keeps the current one.
 */
function recordReport(c: AllocationCore, input: ParsedInput<'centreReports.record'>): Round {
  return c.db.transaction(() => {
    const a = awarded(c, input.allocationId);
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
    c.updateAllocation(a, {
      reportReceivedDate: input.reportReceivedDate,
      spentOre: input.spentOre,
      participantsReached: input.participantsReached,
      reportText: input.reportText,
      reportStatus: input.reportStatus,
      reportDueDate: input.reportDueDate ?? a.reportDueDate,
    });
    return c.model.detail(a.roundId);
  });
}

/**
 * Unused money a centre pays back: a returned_by_centre movement on the round's grant,
 * in the year of its date (a 2025 return lands in the 2025 balance). Returned + kept
 * may not exceed what was paid.
 */
function recordReturn(c: AllocationCore, input: ParsedInput<'centreReports.recordReturn'>): Round {
  const { db } = c;
  return db.transaction(() => {
    const a = awarded(c, input.allocationId);
    const r = c.model.round(a.roundId);
    const g = c.grantIn(r, RETURN_STATUSES, 'Tilbakeføring fra et senter');
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
      c,
      a,
      (cash?.returnedOre ?? 0) + input.amountOre,
      a.keptUnusedOre ?? 0,
      'amountOre',
    );
    c.insertMovement({
      grantId: g.id,
      date: input.date,
      type: 'returned_by_centre',
      amountOre: input.amountOre,
      voucherRef: input.voucherRef,
      note: input.note ?? `Ubrukte midler fra «${r.name}», ${c.centreName(a.centreId)}.`,
      centreId: a.centreId,
      allocationId: a.id,
    });
    return c.model.detail(r.id);
  });
}

/** Records that the centre keeps unused money with KSS's approval (replaces the amount). */
function keepUnused(c: AllocationCore, input: ParsedInput<'centreReports.keepUnused'>): Round {
  return c.db.transaction(() => {
    const a = awarded(c, input.allocationId);
    const returned = allocationCash(c.db, [a.id]).get(a.id)?.returnedOre ?? 0;
    assertWithinPaid(c, a, returned, input.amountOre, 'amountOre');
    c.updateAllocation(
      a,
      { keptUnusedOre: input.amountOre, keptApprovalRef: input.approvalRef },
      `Godkjent av KSS: ${input.approvalRef}`,
    );
    return c.model.detail(a.roundId);
  });
}

/**
 * Awards whose report is overdue on `asOf` (default today): due date passed and no
 * report received; with the centre's e-mail and a reminder text to copy. Oldest first.
 */
function overdue(
  c: AllocationCore,
  input: ParsedInput<'centreReports.overdue'>,
): Output<'centreReports.overdue'> {
  const asOf = input.asOf ?? c.ctx.clock.today();
  return c.model
    .viewRows({ overdueOn: asOf })
    .map((a) => {
      const due = a.reportDueDate as string;
      return {
        allocationId: a.id,
        roundId: a.roundId,
        roundName: a.roundName,
        grantTitle: a.grantTitle,
        centreName: a.centreName,
        contactEmail: a.contactEmail,
        reportDueDate: due,
        daysOverdue: daysBetween(due, asOf),
        reminderText: reminderText({
          centreName: a.centreName,
          roundName: a.roundName,
          grantTitle: a.grantTitle,
          funderName: a.funderName,
          reportDueDate: due,
          awardedOre: a.awardedOre ?? 0,
          paidOre: a.paidOre,
        }),
      };
    })
    .sort(
      (x, y) =>
        x.reportDueDate.localeCompare(y.reportDueDate) ||
        NB_ORDER.compare(x.centreName, y.centreName) ||
        x.allocationId - y.allocationId,
    );
}

/** Records that a reminder was sent: status «Purret» and the date. */
function markReminded(c: AllocationCore, input: ParsedInput<'centreReports.markReminded'>): Round {
  return c.db.transaction(() => {
    const a = awarded(c, input.allocationId);
    if (a.reportReceivedDate !== null || REPORT_RECEIVED_STATUSES.includes(a.reportStatus)) {
      throw conflict(
        `Rapporten fra «${c.centreName(a.centreId)}» er allerede mottatt${a.reportReceivedDate ? ` (${date(a.reportReceivedDate)})` : ''}; det er ingenting å purre på.`,
      );
    }
    c.updateAllocation(a, { reportStatus: 'purret', remindedDate: input.date });
    return c.model.detail(a.roundId);
  });
}

export function createCentreReportsService(ctx: ServiceContext) {
  const c = createAllocationCore(ctx);
  return {
    record: (input: ParsedInput<'centreReports.record'>): Round => recordReport(c, input),
    recordReturn: (input: ParsedInput<'centreReports.recordReturn'>): Round =>
      recordReturn(c, input),
    keepUnused: (input: ParsedInput<'centreReports.keepUnused'>): Round => keepUnused(c, input),
    overdue: (input: ParsedInput<'centreReports.overdue'>): Output<'centreReports.overdue'> =>
      overdue(c, input),
    markReminded: (input: ParsedInput<'centreReports.markReminded'>): Round =>
      markReminded(c, input),
  };
}

export type CentreReportsService = ReturnType<typeof createCentreReportsService>;
