/**
 * The annual report's (årsmelding) tables for a year, laid out as in KSS's 2024 report:
 *
 * - «Prosjekter»: Navn | Samarbeidspartner | Tilskuddsyter | Tilskuddsstørrelse. Projects (not
 *   standing measures, nor a measure's sub-projects) with a grant for the year; the size is
 *   the award plus funds transferred in (Juleaksjonen 2024: 1 832 639 + 112 361 = «Kr 1 945
 *   000»), an award that covers several years says so («Kr 1 120 000 (for 2023 og 2024)»), and
 *   a støttepartner project has no size. Order: KSS's role (eier, partner, forvalter,
 *   støttepartner), the year's own awards before multi-year awards, then decision date, name.
 * - «Medlemmer»: # | Navn | Driftsform | Region | Daglig leder | Kontakt for the members on 31
 *   December (those of 1 January in name order, then those who joined), with the summary
 *   sentence built from the membership history.
 *
 * Each comes as rows, as an HTML <table> (clipboard → Word) and tab-separated text, and as xlsx.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  grantYearSplits,
  grants,
  ledgerSums,
  memberCentres,
  memberships,
  organisations,
  projectPartners,
  projects,
} from '../../db/schema';
import type {
  AnnualMemberRow,
  AnnualMembers,
  AnnualProjectRow,
  AnnualProjects,
  Output,
  ParsedInput,
} from '../../src-shared/api/contract';
import { yearOf } from '../../src-shared/kernel/dates';
import { isMemberOn, type MembershipPeriod } from '../../src-shared/registry/centres';
import { KSS_ROLES, yearsOfPeriod } from '../../src-shared/grants/rules';
import {
  htmlTable,
  membersSummary,
  sizeText,
  tsvTable,
  type MemberChange,
} from '../../src-shared/yearend/rules';
import { REGION_LABEL } from '../allocations/queries';
import { DRIFTSFORM_REPORT_LABELS } from '../../src-shared/registry/labels';
import type { ServiceContext } from '../platform/context';
import { NAME_ORDER } from '../grants/queries';
import {
  addDataRow,
  addTableSheet,
  asciiFileName,
  createWorkbook,
  fitColumns,
  neutralise,
  workbookBase64,
  type ColumnSpec,
} from '../platform/xlsx';
import { AWARD_STATUSES } from './queries';

export const PROJECT_HEADERS = ['Navn', 'Samarbeidspartner', 'Tilskuddsyter', 'Tilskuddsstørrelse'];
export const MEMBER_HEADERS = ['#', 'Navn', 'Driftsform', 'Region', 'Daglig leder', 'Kontakt'];

/** Written for forvalter projects without named partners, as the 2024 report does. */
export const MEMBERS_AS_PARTNER = 'Medlemmer av KSS';

type GrantRecord = typeof grants.$inferSelect;

/**
 * Whether a grant is one of the year's: its edition year; else a year of its split; else of
 * its period (or activity period); else the year of its decision.
 */
function grantIsForYear(g: GrantRecord, splitYears: readonly number[], year: number): boolean {
  if (g.editionYear !== null) return g.editionYear === year;
  if (splitYears.length > 0) return splitYears.includes(year);
  if (g.periodFrom) return yearsOfPeriod(g.periodFrom, g.periodTo).includes(year);
  if (g.activityFrom) return yearsOfPeriod(g.activityFrom, g.activityTo).includes(year);
  return g.decisionDate !== null && yearOf(g.decisionDate) === year;
}

/** The years an award covers: its split's years, else its period's. */
function coveredYears(g: GrantRecord, splitYears: readonly number[]): number[] {
  if (splitYears.length > 0) return [...splitYears];
  return yearsOfPeriod(g.periodFrom, g.periodTo);
}

function overlapsYear(from: string | null, to: string | null, year: number): boolean {
  return (from === null || from <= `${year}-12-31`) && (to === null || to >= `${year}-01-01`);
}

/** The awarded grants of these projects with their funders, split years and funds transferred in. */
function awardedGrantsOf(ctx: ServiceContext, ids: number[]) {
  const { db } = ctx;
  const grantRows = db
    .select({ g: grants, funderName: organisations.name })
    .from(grants)
    .innerJoin(organisations, eq(organisations.id, grants.funderId))
    .where(inArray(grants.projectId, ids))
    .orderBy(asc(grants.decisionDate), asc(grants.id))
    .all()
    .filter((r) => AWARD_STATUSES.includes(r.g.status));
  const grantIds = grantRows.map((r) => r.g.id);
  const splitYears = new Map<number, number[]>();
  const transfersIn = new Map<number, number>();
  if (grantIds.length > 0) {
    for (const s of db
      .select({ grantId: grantYearSplits.grantId, year: grantYearSplits.year })
      .from(grantYearSplits)
      .where(inArray(grantYearSplits.grantId, grantIds))
      .orderBy(asc(grantYearSplits.year))
      .all()) {
      splitYears.set(s.grantId, [...(splitYears.get(s.grantId) ?? []), s.year]);
    }
    // Net transfers in per grant (reversals are negative), summed by SQLite from the ledger
    // sums (one row per grant, year and type), not from every movement.
    for (const t of db
      .select({ grantId: ledgerSums.grantId, amountOre: sql<number>`sum(${ledgerSums.amountOre})` })
      .from(ledgerSums)
      .where(and(inArray(ledgerSums.grantId, grantIds), eq(ledgerSums.type, 'transfer_in')))
      .groupBy(ledgerSums.grantId)
      .all()) {
      transfersIn.set(t.grantId, t.amountOre);
    }
  }
  return { grantRows, splitYears, transfersIn };
}

/** Each project's partners' names, in the order they were added. */
function partnerNamesOf(ctx: ServiceContext, ids: number[]): Map<number, string[]> {
  const { db } = ctx;
  const partners = new Map<number, string[]>();
  for (const p of db
    .select({ projectId: projectPartners.projectId, name: organisations.name })
    .from(projectPartners)
    .innerJoin(organisations, eq(organisations.id, projectPartners.organisationId))
    .where(inArray(projectPartners.projectId, ids))
    .orderBy(asc(projectPartners.id))
    .all()) {
    partners.set(p.projectId, [...(partners.get(p.projectId) ?? []), p.name]);
  }
  return partners;
}

function projectRows(ctx: ServiceContext, year: number): AnnualProjectRow[] {
  const { db } = ctx;
  const allProjects = db.select().from(projects).orderBy(asc(projects.id)).all();
  const kindOf = new Map(allProjects.map((p) => [p.id, p.kind] as const));
  const candidates = allProjects.filter(
    (p) => p.kind === 'prosjekt' && (p.parentId === null || kindOf.get(p.parentId) !== 'tiltak'),
  );
  if (candidates.length === 0) return [];
  const ids = candidates.map((p) => p.id);

  const { grantRows, splitYears, transfersIn } = awardedGrantsOf(ctx, ids);
  const partners = partnerNamesOf(ctx, ids);

  const rows: (AnnualProjectRow & { multiYear: boolean; firstDecision: string | null })[] = [];
  for (const p of candidates) {
    const mine = grantRows.filter(
      (r) => r.g.projectId === p.id && grantIsForYear(r.g, splitYears.get(r.g.id) ?? [], year),
    );
    const supportOnly = p.kssRole === 'stottepartner';
    if (mine.length === 0) {
      // A support project is listed while it runs, even without a registered grant.
      const active =
        supportOnly && p.status === 'aktiv' && overlapsYear(p.startDate, p.endDate, year);
      if (!active) continue;
    }
    const funderNames = [...new Set(mine.map((r) => r.funderName))];
    const names = partners.get(p.id) ?? [];
    let sizeOre: number | null = null;
    let years: number[] = [];
    if (!supportOnly && mine.length > 0) {
      sizeOre = 0;
      const covered = new Set<number>();
      for (const r of mine) {
        sizeOre += (r.g.awardedOre ?? 0) + (transfersIn.get(r.g.id) ?? 0);
        const ys = coveredYears(r.g, splitYears.get(r.g.id) ?? []);
        if (ys.length > 1) for (const y of ys) covered.add(y);
      }
      years = [...covered].sort((a, b) => a - b);
    }
    rows.push({
      projectId: p.id,
      name: p.name,
      partners:
        names.length > 0 ? names.join(', ') : p.kssRole === 'forvalter' ? MEMBERS_AS_PARTNER : '',
      funders: funderNames.join(', '),
      sizeText: sizeOre === null ? '' : sizeText(sizeOre, years),
      sizeOre,
      kssRole: p.kssRole,
      multiYear: years.length > 1,
      firstDecision: mine.find((r) => r.g.decisionDate !== null)?.g.decisionDate ?? null,
    });
  }
  rows.sort(
    (a, b) =>
      KSS_ROLES.indexOf(a.kssRole) - KSS_ROLES.indexOf(b.kssRole) ||
      Number(a.multiYear) - Number(b.multiYear) ||
      (a.firstDecision ?? '9999').localeCompare(b.firstDecision ?? '9999') ||
      NAME_ORDER.compare(a.name, b.name) ||
      a.projectId - b.projectId,
  );
  return rows.map(({ multiYear: _m, firstDecision: _f, ...row }) => row);
}

function projectsReport(ctx: ServiceContext, year: number): AnnualProjects {
  const rows = projectRows(ctx, year);
  const cells = rows.map((r) => [r.name, r.partners, r.funders, r.sizeText]);
  return {
    year,
    headers: PROJECT_HEADERS,
    rows,
    html: htmlTable(PROJECT_HEADERS, cells),
    tsv: tsvTable(PROJECT_HEADERS, cells),
  };
}

/** Every member centre with its membership periods, oldest first. */
function centresWithPeriods(ctx: ServiceContext) {
  const { db } = ctx;
  const centres = db
    .select({
      id: organisations.id,
      name: organisations.name,
      driftsform: memberCentres.driftsform,
      region: memberCentres.region,
      dailyLeader: memberCentres.dailyLeader,
      contactEmail: memberCentres.contactEmail,
    })
    .from(memberCentres)
    .innerJoin(organisations, eq(organisations.id, memberCentres.organisationId))
    .all();
  const periods = new Map<number, MembershipPeriod[]>();
  for (const m of db.select().from(memberships).orderBy(asc(memberships.joinedDate)).all()) {
    periods.set(m.centreId, [
      ...(periods.get(m.centreId) ?? []),
      { joinedDate: m.joinedDate, leftDate: m.leftDate },
    ]);
  }
  return { centres, periods };
}

type CentreOfReport = ReturnType<typeof centresWithPeriods>['centres'][number];

/** Who was a member on 1 January and 31 December, who joined and who left during the year. */
function memberChanges(
  centres: CentreOfReport[],
  periods: Map<number, MembershipPeriod[]>,
  start: string,
  end: string,
) {
  const joined: (MemberChange & { id: number })[] = [];
  const left: MemberChange[] = [];
  const leavingAtYearEnd: string[] = [];
  let startCount = 0;
  const atEnd: CentreOfReport[] = [];
  for (const c of centres) {
    const p = periods.get(c.id) ?? [];
    const atStart = isMemberOn(p, start);
    const onLastDay = isMemberOn(p, end);
    if (atStart) startCount += 1;
    if (!atStart) {
      const first = p.find((x) => x.joinedDate > start && x.joinedDate <= end);
      if (first) joined.push({ id: c.id, name: c.name, date: first.joinedDate });
    }
    if (onLastDay) {
      atEnd.push(c);
      if (p.some((x) => x.leftDate === end)) leavingAtYearEnd.push(c.name);
    } else {
      const last = [...p]
        .reverse()
        .find((x) => x.leftDate !== null && x.leftDate >= start && x.leftDate < end);
      if (last?.leftDate) left.push({ name: c.name, date: last.leftDate });
    }
  }
  joined.sort((a, b) => a.date.localeCompare(b.date) || NAME_ORDER.compare(a.name, b.name));
  left.sort((a, b) => a.date.localeCompare(b.date) || NAME_ORDER.compare(a.name, b.name));
  leavingAtYearEnd.sort((a, b) => NAME_ORDER.compare(a, b));
  return { joined, left, leavingAtYearEnd, startCount, atEnd };
}

function membersReport(ctx: ServiceContext, year: number): AnnualMembers {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const { centres, periods } = centresWithPeriods(ctx);
  const { joined, left, leavingAtYearEnd, startCount, atEnd } = memberChanges(
    centres,
    periods,
    start,
    end,
  );

  const joinedIds = new Set(joined.map((j) => j.id));
  const joinOrder = new Map(joined.map((j, i) => [j.id, i] as const));
  atEnd.sort((a, b) => {
    const ja = joinedIds.has(a.id);
    const jb = joinedIds.has(b.id);
    if (ja !== jb) return ja ? 1 : -1;
    if (ja) return (joinOrder.get(a.id) ?? 0) - (joinOrder.get(b.id) ?? 0);
    return NAME_ORDER.compare(a.name, b.name) || a.id - b.id;
  });
  const rows: AnnualMemberRow[] = atEnd.map((c, i) => ({
    number: i + 1,
    centreId: c.id,
    name: c.name,
    driftsform: c.driftsform,
    driftsformLabel: DRIFTSFORM_REPORT_LABELS[c.driftsform],
    region: c.region,
    regionLabel: REGION_LABEL[c.region],
    dailyLeader: c.dailyLeader,
    contactEmail: c.contactEmail,
    joinedInYear: joinedIds.has(c.id),
  }));
  const counts = {
    start: startCount,
    end: rows.length,
    municipalOrIks: rows.filter((r) => r.driftsform === 'kommunalt' || r.driftsform === 'iks')
      .length,
    ideell: rows.filter((r) => r.driftsform === 'ideell').length,
    stiftelse: rows.filter((r) => r.driftsform === 'stiftelse').length,
    joined: joined.map(({ name, date }) => ({ name, date })),
    left,
    leavingAtYearEnd,
  };
  const summary = membersSummary({
    year,
    startCount: counts.start,
    endCount: counts.end,
    joined: counts.joined,
    left,
    leavingAtYearEnd,
    municipalOrIks: counts.municipalOrIks,
    ideell: counts.ideell,
    stiftelse: counts.stiftelse,
  });
  const cells = rows.map((r) => [
    String(r.number),
    r.name,
    r.driftsformLabel,
    r.regionLabel,
    r.dailyLeader ?? '',
    r.contactEmail ?? '',
  ]);
  return {
    year,
    headers: MEMBER_HEADERS,
    rows,
    counts,
    summary,
    html: htmlTable(MEMBER_HEADERS, cells),
    tsv: tsvTable(MEMBER_HEADERS, cells),
  };
}

const PROJECT_COLUMNS = [
  { key: 'name', header: 'Navn', kind: 'text' },
  { key: 'partners', header: 'Samarbeidspartner', kind: 'text' },
  { key: 'funders', header: 'Tilskuddsyter', kind: 'text' },
  { key: 'size', header: 'Tilskuddsstørrelse', kind: 'text' },
  { key: 'amount', header: 'Beløp', kind: 'money' },
] as const satisfies readonly ColumnSpec[];

const MEMBER_COLUMNS = [
  { key: 'number', header: '#', kind: 'integer', width: 5 },
  { key: 'name', header: 'Navn', kind: 'text' },
  { key: 'driftsform', header: 'Driftsform', kind: 'text' },
  { key: 'region', header: 'Region', kind: 'text' },
  { key: 'dailyLeader', header: 'Daglig leder', kind: 'text' },
  { key: 'contact', header: 'Kontakt', kind: 'text' },
] as const satisfies readonly ColumnSpec[];

/** The project table for the year. */
export function annualProjects(
  ctx: ServiceContext,
  input: ParsedInput<'annualReport.projects'>,
): AnnualProjects {
  return projectsReport(ctx, input.year);
}

/** The project table as xlsx (size as the report writes it, and the amount as a number). */
export async function annualProjectsXlsx(
  ctx: ServiceContext,
  input: ParsedInput<'annualReport.projectsXlsx'>,
): Promise<Output<'annualReport.projectsXlsx'>> {
  const report = projectsReport(ctx, input.year);
  const wb = createWorkbook(ctx.clock.nowMs());
  const sheet = addTableSheet(wb, 'Prosjekter', PROJECT_COLUMNS);
  for (const r of report.rows) {
    addDataRow(sheet, PROJECT_COLUMNS, {
      name: r.name,
      partners: r.partners,
      funders: r.funders,
      size: r.sizeText,
      amount: r.sizeOre,
    });
  }
  fitColumns(sheet, PROJECT_COLUMNS);
  return {
    fileName: asciiFileName(['Prosjekter', String(input.year)]),
    contentBase64: await workbookBase64(wb),
  };
}

/** The member table on 31 December with the summary sentence. */
export function annualMembers(
  ctx: ServiceContext,
  input: ParsedInput<'annualReport.members'>,
): AnnualMembers {
  return membersReport(ctx, input.year);
}

/** The member table as xlsx, with the summary sentence below it. */
export async function annualMembersXlsx(
  ctx: ServiceContext,
  input: ParsedInput<'annualReport.membersXlsx'>,
): Promise<Output<'annualReport.membersXlsx'>> {
  const report = membersReport(ctx, input.year);
  const wb = createWorkbook(ctx.clock.nowMs());
  const sheet = addTableSheet(wb, 'Medlemmer', MEMBER_COLUMNS);
  for (const r of report.rows) {
    addDataRow(sheet, MEMBER_COLUMNS, {
      number: r.number,
      name: r.name,
      driftsform: r.driftsformLabel,
      region: r.regionLabel,
      dailyLeader: r.dailyLeader,
      contact: r.contactEmail,
    });
  }
  fitColumns(sheet, MEMBER_COLUMNS);
  sheet.addRow([]);
  sheet.addRow([]).getCell(1).value = neutralise(report.summary);
  return {
    fileName: asciiFileName(['Medlemmer', String(input.year)]),
    contentBase64: await workbookBase64(wb),
  };
}

export function createAnnualReportService(ctx: ServiceContext) {
  return {
    annualProjects: (input: ParsedInput<'annualReport.projects'>) => annualProjects(ctx, input),
    annualProjectsXlsx: (input: ParsedInput<'annualReport.projectsXlsx'>) =>
      annualProjectsXlsx(ctx, input),
    annualMembers: (input: ParsedInput<'annualReport.members'>) => annualMembers(ctx, input),
    annualMembersXlsx: (input: ParsedInput<'annualReport.membersXlsx'>) =>
      annualMembersXlsx(ctx, input),
  };
}

export type AnnualReportService = ReturnType<typeof createAnnualReportService>;
