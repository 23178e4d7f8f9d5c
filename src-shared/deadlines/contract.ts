/**
 * Contract slice: Frister — one calendar of what is due: application deadlines (søknadsfrist
 * on a grant), reports owed to funders (a grant's reporting deadlines), centre reports owed to
 * KSS (an allocation's report due date) and the year-end handover to the accountant. Listed
 * as overdue / upcoming / done for a window, and exported as an iCalendar (.ics) file.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { method } from '../api/shapes';
import { isoDateOut } from '../api/shapes';
import { optionalIsoDate } from '../api/fields';

export const DEADLINE_KINDS = [
  'application',
  'funder_report',
  'centre_report',
  'year_end',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_STATUSES = ['overdue', 'upcoming', 'done'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const DeadlineListInput = z
  .object({
    /** The first day of the window; today when left out. */
    from: optionalIsoDate('Fra dato'),
    /** The window's length in days (upcoming = due from `from` to `from + days`). */
    days: z
      .number({ error: 'Antall dager må være et tall.' })
      .int('Antall dager må være et heltall.')
      .min(1, 'Antall dager må være minst 1.')
      .max(366, 'Antall dager kan være høyst 366.')
      .default(60),
  })
  .default({ from: null, days: 60 });

export const DeadlineItemSchema = z.object({
  /** Stable across exports: kind + record id, e.g. `grant-deadline-12@tilskuddsoversikt`. */
  uid: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  /** The id of the record the deadline belongs to (grant, grant deadline, allocation, year). */
  recordId: z.number().int(),
  date: isoDateOut,
  title: z.string(),
  /** Funder, project or centre, for a second line. */
  detail: z.string().nullable(),
  /** The page the deadline links to, e.g. `/grants/12`. */
  route: z.string(),
  status: z.enum(DEADLINE_STATUSES),
  doneDate: isoDateOut.nullable(),
  /** Days from the window's first day to the due date (negative when overdue). */
  daysLeft: z.number().int(),
  /** A centre report's current values, so «levert» can keep them (centreReports.record). */
  centreReport: z
    .object({
      spentOre: z.number().int().nullable(),
      participantsReached: z.number().int().nullable(),
      reportText: z.string().nullable(),
    })
    .nullable(),
});
export type DeadlineItem = z.infer<typeof DeadlineItemSchema>;

export const DeadlineListSchema = z.object({
  from: isoDateOut,
  to: isoDateOut,
  /** Overdue first (oldest first), then upcoming (soonest first), then done in the window. */
  items: z.array(DeadlineItemSchema),
});
export type DeadlineList = z.infer<typeof DeadlineListSchema>;

export const deadlinesMethods = {
  'deadlines.list': method(
    'Deadlines overdue, due within the next `days` days, and done in the window; one calendar.',
    DeadlineListInput,
    DeadlineListSchema,
  ),
  'deadlines.ics': method(
    'All deadlines as an iCalendar file (RFC 5545, all-day events, stable UIDs), base64.',
    z.object({}).default({}),
    z.object({ fileName: z.string(), contentBase64: z.string() }),
  ),
} as const;

/** A deadline before its status is judged against a window. */
export type DeadlineEntry = Omit<DeadlineItem, 'status' | 'daysLeft'>;
