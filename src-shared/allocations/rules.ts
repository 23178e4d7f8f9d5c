/**
 * Distributing an allocation round's pot over the centres that applied, exact to the øre
 * (largest remainder). Pure, so the round page previews exactly what the service saves.
 */
import { formatIsoDate } from '../kernel/dates';
import { formatOre, splitLargestRemainder, type Ore } from '../kernel/money';

export const DISTRIBUTION_MODES = ['proportional', 'equal', 'capped'] as const;
export type DistributionMode = (typeof DISTRIBUTION_MODES)[number];

/**
 * - proportional: the whole pot in proportion to the applied amounts (may exceed an
 *   application when the pot is larger than the sum applied for);
 * - equal: the whole pot in equal parts;
 * - capped: everyone gets what they applied for if the pot allows; otherwise the pot in
 *   proportion to the applied amounts — never more than a centre applied for. What is not
 *   needed stays in the pot.
 * Every result is ≥ 0, and proportional/equal sum exactly to the pot.
 */
export function distribute(
  potOre: number,
  appliedOre: readonly number[],
  mode: DistributionMode,
): Ore[] {
  if (!Number.isSafeInteger(potOre) || potOre < 0) throw new RangeError('pot must be ≥ 0 øre');
  if (appliedOre.some((a) => !Number.isSafeInteger(a) || a < 0)) {
    throw new RangeError('applied amounts must be ≥ 0 øre');
  }
  if (appliedOre.length === 0) return [];
  switch (mode) {
    case 'equal':
      return splitLargestRemainder(
        potOre,
        appliedOre.map(() => 1),
      );
    case 'proportional':
      return splitLargestRemainder(potOre, appliedOre);
    case 'capped': {
      const total = appliedOre.reduce((a, b) => a + b, 0);
      if (total <= potOre) return appliedOre.map((a) => a as Ore);
      // pot < total: each proportional share is below the application, and largest
      // remainder adds at most 1 øre to a share whose exact value is not whole, so the
      // cap holds.
      return splitLargestRemainder(potOre, appliedOre);
    }
  }
}

/** A centre's report on its award: waiting, received, approved, reminded. */
export const REPORT_STATUSES = ['venter', 'mottatt', 'godkjent', 'purret'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Report statuses that mean the centre's report has arrived. */
export const REPORT_RECEIVED_STATUSES: readonly ReportStatus[] = ['mottatt', 'godkjent'];

/**
 * A centre's report is overdue on `asOf` when it owes one (an award above 0), the due date
 * has passed, and no report has been received.
 */
export function isReportOverdue(
  a: {
    awardedOre: number | null;
    reportDueDate: string | null;
    reportReceivedDate: string | null;
    reportStatus: ReportStatus;
  },
  asOf: string,
): boolean {
  return (
    (a.awardedOre ?? 0) > 0 &&
    a.reportDueDate !== null &&
    a.reportDueDate < asOf &&
    a.reportReceivedDate === null &&
    !REPORT_RECEIVED_STATUSES.includes(a.reportStatus)
  );
}

/**
 * A reminder to a centre whose report is overdue, in Norwegian, ready to copy into an
 * e-mail: greeting, which round and grant, the due date, what to send, and KSS's signature.
 */
export function reminderText(p: {
  centreName: string;
  roundName: string;
  grantTitle: string;
  funderName: string;
  reportDueDate: string;
  awardedOre: number;
  paidOre: number;
}): string {
  const grant = p.grantTitle === p.roundName ? p.funderName : `${p.grantTitle}, ${p.funderName}`;
  return [
    `Hei, ${p.centreName}!`,
    '',
    `Vi minner om rapporten for midlene dere fikk tildelt i «${p.roundName}» (${grant}). Fristen for rapporten var ${formatIsoDate(p.reportDueDate)}, og vi har ikke mottatt den ennå.`,
    '',
    `Tildelt beløp: ${formatOre(p.awardedOre)}. Utbetalt: ${formatOre(p.paidOre)}.`,
    '',
    'Rapporten skal inneholde:',
    '– hva midlene er brukt til, og hvor mye som er brukt',
    '– hvor mange barn og unge som har deltatt i aktivitetene',
    '– eventuelle ubrukte midler, og om dere vil betale dem tilbake eller søke om å beholde dem',
    '',
    'Send rapporten til oss så snart som mulig. Ta gjerne kontakt hvis dere har spørsmål.',
    '',
    'Med vennlig hilsen',
    'Krisesentersekretariatet',
  ].join('\n');
}
