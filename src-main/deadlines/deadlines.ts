/**
 * Frister: one calendar built from four sources, one SQL query each (no query per row):
 *
 * - application: a grant's søknadsfrist (`grants.application_deadline`); done once the grant
 *   has left «utkast» (done date = the applied date). Withdrawn applications are left out.
 * - funder_report: a grant's reporting deadline (`grant_deadlines`); done = its «levert» date.
 * - centre_report: an award's report due date (`allocations.report_due_date`, awarded > 0);
 *   done once the report is received (or its status is mottatt/godkjent).
 * - year_end: the handover of a fiscal year to the accountant, chosen as 15 February of the
 *   next year, for last year and this year; done once the year is closed (fiscal_years).
 */
import type { ParsedInput, Output } from '../../src-shared/api/contract';
import type {
  DeadlineEntry,
  DeadlineItem,
  DeadlineKind,
} from '../../src-shared/deadlines/contract';
import { addDays, daysBetween, isoDateFromMs, yearOf } from '../../src-shared/kernel/dates';
import type { ServiceContext } from '../platform/context';
import { deadlinesIcs } from './ics';

/** When the accountant should have a fiscal year's figures: 15 February the year after. */
export const YEAR_END_HANDOVER = '-02-15';

const UID_PREFIX: Record<DeadlineKind, string> = {
  application: 'grant-application',
  funder_report: 'grant-deadline',
  centre_report: 'centre-report',
  year_end: 'year-end',
};

export function deadlineUid(kind: DeadlineKind, recordId: number): string {
  return `${UID_PREFIX[kind]}-${recordId}@tilskuddsoversikt`;
}

function withFunder(project: string, funder: string): string {
  return `${funder} · ${project}`;
}

function applicationEntries(ctx: ServiceContext): DeadlineEntry[] {
  const rows = ctx.sqlite
    .prepare(
      `select g.id, g.title, g.status, g.application_deadline as date, g.applied_date as applied,
              o.name as funder, p.name as project
         from grants g
         join organisations o on o.id = g.funder_id
         join projects p on p.id = g.project_id
        where g.application_deadline is not null and g.status <> 'trukket'`,
    )
    .all() as {
    id: number;
    title: string;
    status: string;
    date: string;
    applied: string | null;
    funder: string;
    project: string;
  }[];
  return rows.map((r) => {
    const done = r.status !== 'utkast';
    return {
      uid: deadlineUid('application', r.id),
      kind: 'application',
      recordId: r.id,
      date: r.date,
      title: `Søknadsfrist: ${r.title}`,
      detail: withFunder(r.project, r.funder),
      route: `/grants/${r.id}`,
      doneDate: done ? (r.applied ?? r.date) : null,
      centreReport: null,
    };
  });
}

function funderReportEntries(ctx: ServiceContext): DeadlineEntry[] {
  const rows = ctx.sqlite
    .prepare(
      `select d.id, d.grant_id as grantId, d.due_date as date, d.description, d.done_date as done,
              g.title, o.name as funder
         from grant_deadlines d
         join grants g on g.id = d.grant_id
         join organisations o on o.id = g.funder_id`,
    )
    .all() as {
    id: number;
    grantId: number;
    date: string;
    description: string;
    done: string | null;
    title: string;
    funder: string;
  }[];
  return rows.map((r) => ({
    uid: deadlineUid('funder_report', r.id),
    kind: 'funder_report',
    recordId: r.id,
    date: r.date,
    title: `${r.description}: ${r.title}`,
    detail: `Til ${r.funder}`,
    route: `/grants/${r.grantId}`,
    doneDate: r.done,
    centreReport: null,
  }));
}

function centreReportEntries(ctx: ServiceContext): DeadlineEntry[] {
  const rows = ctx.sqlite
    .prepare(
      `select a.id, a.round_id as roundId, a.report_due_date as date,
              a.report_received_date as received, a.report_status as status,
              a.spent_ore as spentOre, a.participants_reached as participantsReached,
              a.report_text as reportText, r.name as roundName, o.name as centre
         from allocations a
         join allocation_rounds r on r.id = a.round_id
         join organisations o on o.id = a.centre_id
        where a.report_due_date is not null and coalesce(a.awarded_ore, 0) > 0`,
    )
    .all() as {
    id: number;
    roundId: number;
    date: string;
    received: string | null;
    status: string;
    spentOre: number | null;
    participantsReached: number | null;
    reportText: string | null;
    roundName: string;
    centre: string;
  }[];
  return rows.map((r) => {
    const done = r.received !== null || r.status === 'mottatt' || r.status === 'godkjent';
    return {
      uid: deadlineUid('centre_report', r.id),
      kind: 'centre_report',
      recordId: r.id,
      date: r.date,
      title: `Rapport fra ${r.centre}`,
      detail: r.roundName,
      route: `/rounds/${r.roundId}`,
      doneDate: done ? (r.received ?? r.date) : null,
      centreReport: {
        spentOre: r.spentOre,
        participantsReached: r.participantsReached,
        reportText: r.reportText,
      },
    };
  });
}

function yearEndEntries(ctx: ServiceContext): DeadlineEntry[] {
  const thisYear = yearOf(ctx.clock.today());
  const years = [thisYear - 1, thisYear];
  const rows = ctx.sqlite
    .prepare(
      `select year, status, closed_at_ms as closedAtMs from fiscal_years where year in (?, ?)`,
    )
    .all(...years) as { year: number; status: string; closedAtMs: number | null }[];
  const closed = new Map(rows.filter((r) => r.status === 'closed').map((r) => [r.year, r]));
  return years.map((year) => {
    const row = closed.get(year);
    return {
      uid: deadlineUid('year_end', year),
      kind: 'year_end',
      recordId: year,
      date: `${year + 1}${YEAR_END_HANDOVER}`,
      title: `Årsavslutning ${year}: regnskapet til regnskapsfører`,
      detail: null,
      route: '/year-end',
      doneDate: row?.closedAtMs != null ? isoDateFromMs(row.closedAtMs) : null,
      centreReport: null,
    };
  });
}

/** Every deadline from the four sources, by date (then kind and id, so the order is fixed). */
export function allDeadlines(ctx: ServiceContext): DeadlineEntry[] {
  const order = ['application', 'funder_report', 'centre_report', 'year_end'];
  return [
    ...applicationEntries(ctx),
    ...funderReportEntries(ctx),
    ...centreReportEntries(ctx),
    ...yearEndEntries(ctx),
  ].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      a.recordId - b.recordId,
  );
}

/**
 * Judges entries against the window [from, to]: overdue = not done and due before `from`;
 * upcoming = not done and due from `from` to `to`; done = done and due in the window or in
 * the `days` before it. Anything else is left out.
 */
export function judgeDeadlines(
  entries: DeadlineEntry[],
  from: string,
  days: number,
): DeadlineItem[] {
  const to = addDays(from, days);
  const doneFrom = addDays(from, -days);
  const overdue: DeadlineItem[] = [];
  const upcoming: DeadlineItem[] = [];
  const done: DeadlineItem[] = [];
  for (const e of entries) {
    const daysLeft = daysBetween(from, e.date);
    if (e.doneDate !== null) {
      if (e.date >= doneFrom && e.date <= to) done.push({ ...e, status: 'done', daysLeft });
    } else if (e.date < from) overdue.push({ ...e, status: 'overdue', daysLeft });
    else if (e.date <= to) upcoming.push({ ...e, status: 'upcoming', daysLeft });
  }
  return [...overdue, ...upcoming, ...done];
}

export function createDeadlinesService(ctx: ServiceContext) {
  return {
    list(input: ParsedInput<'deadlines.list'>): Output<'deadlines.list'> {
      const from = input.from ?? ctx.clock.today();
      const items = judgeDeadlines(allDeadlines(ctx), from, input.days);
      return { from, to: addDays(from, input.days), items };
    },
    /** Every deadline (done ones too, so a delivered report stays in the calendar). */
    ics(): Output<'deadlines.ics'> {
      const text = deadlinesIcs(allDeadlines(ctx), ctx.clock.nowMs());
      return {
        fileName: `frister-${ctx.clock.today()}.ics`,
        contentBase64: Buffer.from(text, 'utf8').toString('base64'),
      };
    },
  };
}
