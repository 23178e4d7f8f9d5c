/**
 * «Lag neste års søknad»: next year's edition of a recurring project's application, made
 * from this one. It copies what describes the application — funder, scheme, project (and so
 * its partners), the admin-share rule, the scenarios' names and descriptions, the centres
 * that took part in its round(s), and its deadlines and periods moved by a year — and never
 * money: no applied or awarded amount, no KSS share, no movements, no year splits, no
 * scenario amounts. It answers with what it copied, in Norwegian.
 */
import { eq } from 'drizzle-orm';
import {
  applicationParticipants,
  applicationScenarios,
  grantDeadlines,
  grants,
} from '../../db/schema';
import type { Output } from '../../src-shared/api/contract';
import { conflict } from '../../src-shared/api/errors';
import { shiftYears } from '../../src-shared/applications/rules';
import { formatIsoDate, LAST_CALENDAR_YEAR, yearOf } from '../../src-shared/kernel/dates';
import { formatOre } from '../../src-shared/kernel/money';
import { formatBasisPoints } from '../../src-shared/kernel/percent';
import { grantAuditView } from '../grants/queries';
import type { ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { applicationDetail, editionIn, grantHead, type GrantHead } from './detail';

/**
 * A date one year later. The app's calendar ends with 2199 (kernel/dates), so a date in
 * 2199 cannot move: refused with a message instead of an internal error.
 */
function nextYearDate(d: string): string {
  if (yearOf(d) >= LAST_CALENDAR_YEAR) {
    throw conflict(
      `Datoen ${formatIsoDate(d)} kan ikke flyttes ett år fram: appen regner med datoer til og med år ${LAST_CALENDAR_YEAR}.`,
      [
        {
          path: 'grantId',
          message: `Søknad: datoen ${formatIsoDate(d)} kan ikke flyttes ett år fram.`,
        },
      ],
    );
  }
  return shiftYears(d, 1);
}
const shift = (d: string | null) => (d === null ? null : nextYearDate(d));

/** The title with the year moved: «Sommeraksjonen 2024» → «Sommeraksjonen 2025». */
export function nextTitle(title: string, year: number): string {
  const re = new RegExp(`\\b${year}\\b`, 'g');
  return re.test(title) ? title.replace(re, String(year + 1)) : `${title} ${year + 1}`;
}

function adminRuleText(g: typeof grants.$inferSelect): string {
  if (g.adminRule === 'percent')
    return `Administrasjonsandel: ${formatBasisPoints(g.adminBasisPoints ?? 0)}`;
  if (g.adminRule === 'fixed')
    return `Administrasjonsandel: fast beløp ${formatOre(g.adminFixedOre ?? 0)}`;
  return 'Administrasjonsandel: ingen';
}

/** The centres that took part in the source's rounds, else its own intended participants. */
function participantsOf(ctx: ServiceContext, grantId: number): { id: number; name: string }[] {
  return ctx.sqlite
    .prepare(
      `select distinct o.id, o.name, o.name_key from (
         select a.centre_id as centre_id from allocations a
         join allocation_rounds r on r.id = a.round_id where r.grant_id = @grantId
         union
         select p.centre_id from application_participants p where p.grant_id = @grantId
       ) c join organisations o on o.id = c.centre_id
       order by o.name_key`,
    )
    .all({ grantId }) as { id: number; name: string }[];
}

type GrantRecord = typeof grants.$inferSelect;

/** Refuses (CONFLICT, Norwegian) when next year's edition cannot or must not be made. */
function assertCanMakeNextYear(ctx: ServiceContext, head: GrantHead): number {
  if (!head.projectRecurring) {
    throw conflict(
      `«${head.projectName}» er ikke et gjentakende prosjekt. Neste års søknad lages bare for prosjekter som kommer igjen hvert år (huk av «Gjentakende» på prosjektet).`,
    );
  }
  if (head.year === null) {
    throw conflict(
      `«${head.title}» mangler år. Fyll inn «År (utgave)» eller søknadsfristen før du lager neste års søknad.`,
      [{ path: 'grantId', message: 'Søknad: mangler år.' }],
    );
  }
  const year = head.year + 1;
  const existing = editionIn(ctx, head, year);
  if (existing !== null) {
    const other = grantHead(ctx, existing);
    throw conflict(
      `Søknaden for ${year} finnes allerede: «${other.title}». Åpne den i stedet for å lage en ny.`,
      [{ path: 'grantId', message: `Søknad: ${year} finnes allerede.` }],
    );
  }
  return year;
}

/** The new grant: what describes the application, dates moved a year, no money at all. */
function insertNextGrant(ctx: ServiceContext, src: GrantRecord, year: number): GrantRecord {
  const now = ctx.clock.nowMs();
  return insertRecorded(
    ctx,
    grants,
    {
      projectId: src.projectId,
      funderId: src.funderId,
      title: nextTitle(src.title, year - 1),
      schemeName: src.schemeName,
      editionYear: year,
      applicationDeadline: shift(src.applicationDeadline),
      status: 'utkast',
      periodFrom: shift(src.periodFrom),
      periodTo: shift(src.periodTo),
      activityFrom: shift(src.activityFrom),
      activityTo: shift(src.activityTo),
      adminRule: src.adminRule,
      adminBasisPoints: src.adminBasisPoints,
      adminFixedOre: src.adminFixedOre,
      createdAtMs: now,
      updatedAtMs: now,
    },
    { entity: 'grant', view: grantAuditView, reason: `Neste års søknad laget fra «${src.title}».` },
  );
}

const range = (from: string, to: string | null) =>
  `${formatIsoDate(from)}${to ? `–${formatIsoDate(to)}` : ''}`;

/** The lines describing the new grant's own fields. */
function describeGrant(
  ctx: ServiceContext,
  head: GrantHead,
  src: GrantRecord,
  created: GrantRecord,
) {
  const copied = [
    `Tilskuddsyter: ${head.funderName}`,
    ...(src.schemeName ? [`Tilskuddsordning: ${src.schemeName}`] : []),
    `Prosjekt: ${head.projectName}`,
    `År (utgave): ${created.editionYear}`,
    adminRuleText(src),
  ];
  const partners = ctx.sqlite
    .prepare('select count(*) as n from project_partners where project_id = ?')
    .get(src.projectId) as { n: number };
  if (partners.n > 0) copied.push(`Partnere: ${partners.n} (følger prosjektet)`);
  if (created.applicationDeadline) {
    copied.push(`Søknadsfrist: ${formatIsoDate(created.applicationDeadline)}`);
  }
  if (created.periodFrom)
    copied.push(`Tilskuddsperiode: ${range(created.periodFrom, created.periodTo)}`);
  if (created.activityFrom) {
    copied.push(`Aktivitetsperiode: ${range(created.activityFrom, created.activityTo)}`);
  }
  return copied;
}

/** Reporting deadlines, a year later and not delivered. */
function copyDeadlines(ctx: ServiceContext, fromId: number, toId: number): string[] {
  const rows = ctx.db.select().from(grantDeadlines).where(eq(grantDeadlines.grantId, fromId)).all();
  return rows.map((d) => {
    const dueDate = nextYearDate(d.dueDate);
    insertRecorded(
      ctx,
      grantDeadlines,
      { grantId: toId, dueDate, description: d.description, doneDate: null },
      { entity: 'grant_deadline' },
    );
    return `Frist: ${d.description} ${formatIsoDate(dueDate)}`;
  });
}

/** Scenario names and descriptions; amounts empty, none chosen. */
function copyScenarios(ctx: ServiceContext, fromId: number, toId: number): string[] {
  const now = ctx.clock.nowMs();
  const rows = ctx.db
    .select()
    .from(applicationScenarios)
    .where(eq(applicationScenarios.grantId, fromId))
    .orderBy(applicationScenarios.id)
    .all();
  for (const s of rows) {
    insertRecorded(
      ctx,
      applicationScenarios,
      {
        grantId: toId,
        name: s.name,
        nameKey: s.nameKey,
        amountOre: null,
        description: s.description,
        chosen: false,
        createdAtMs: now,
        updatedAtMs: now,
      },
      { entity: 'application_scenario' },
    );
  }
  return rows.length === 0
    ? []
    : [`Scenarioer (uten beløp): ${rows.map((s) => `«${s.name}»`).join(', ')}`];
}

/** The centres that took part, as the new edition's intended participants. */
function copyParticipants(ctx: ServiceContext, fromId: number, toId: number): string[] {
  const now = ctx.clock.nowMs();
  const centres = participantsOf(ctx, fromId);
  for (const c of centres) {
    insertRecorded(
      ctx,
      applicationParticipants,
      { grantId: toId, centreId: c.id, createdAtMs: now },
      { entity: 'application_participant' },
    );
  }
  return centres.length > 0 ? [`Deltakende sentre: ${centres.length}`] : [];
}

/** Makes next year's edition in one transaction and lists what it copied. */
export function createNextYear(
  ctx: ServiceContext,
  grantId: number,
): Output<'applications.createNextYear'> {
  return ctx.db.transaction(() => {
    const head = grantHead(ctx, grantId);
    const year = assertCanMakeNextYear(ctx, head);
    const src = ctx.db.select().from(grants).where(eq(grants.id, grantId)).get()!;
    const created = insertNextGrant(ctx, src, year);
    const copied = [
      ...describeGrant(ctx, head, src, created),
      ...copyDeadlines(ctx, grantId, created.id),
      ...copyScenarios(ctx, grantId, created.id),
      ...copyParticipants(ctx, grantId, created.id),
    ];
    return { application: applicationDetail(ctx, created.id), copied };
  });
}
