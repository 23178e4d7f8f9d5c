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
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { formatOre } from '../../src-shared/kernel/money';
import { formatBasisPoints } from '../../src-shared/kernel/percent';
import { grantAuditView } from '../grants/queries';
import type { ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { applicationDetail, editionIn, grantHead } from './detail';

const shift = (d: string | null) => (d === null ? null : shiftYears(d, 1));

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

// size: one transaction that copies and describes each part in turn; splitting it would
// scatter the «what was copied» list over helpers.
export function createNextYear(
  ctx: ServiceContext,
  grantId: number,
): Output<'applications.createNextYear'> {
  return ctx.db.transaction(() => {
    const head = grantHead(ctx, grantId);
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
    const src = ctx.db.select().from(grants).where(eq(grants.id, grantId)).get()!;
    const now = ctx.clock.nowMs();
    const created = insertRecorded(
      ctx,
      grants,
      {
        projectId: src.projectId,
        funderId: src.funderId,
        title: nextTitle(src.title, head.year),
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
      {
        entity: 'grant',
        view: grantAuditView,
        reason: `Neste års søknad laget fra «${src.title}».`,
      },
    );
    const copied = [
      `Tilskuddsyter: ${head.funderName}`,
      ...(src.schemeName ? [`Tilskuddsordning: ${src.schemeName}`] : []),
      `Prosjekt: ${head.projectName}`,
      `År (utgave): ${year}`,
      adminRuleText(src),
    ];
    const partners = ctx.sqlite
      .prepare('select count(*) as n from project_partners where project_id = ?')
      .get(src.projectId) as { n: number };
    if (partners.n > 0) copied.push(`Partnere: ${partners.n} (følger prosjektet)`);
    if (created.applicationDeadline) {
      copied.push(`Søknadsfrist: ${formatIsoDate(created.applicationDeadline)}`);
    }
    if (created.periodFrom) {
      copied.push(
        `Tilskuddsperiode: ${formatIsoDate(created.periodFrom)}${created.periodTo ? `–${formatIsoDate(created.periodTo)}` : ''}`,
      );
    }
    if (created.activityFrom) {
      copied.push(
        `Aktivitetsperiode: ${formatIsoDate(created.activityFrom)}${created.activityTo ? `–${formatIsoDate(created.activityTo)}` : ''}`,
      );
    }
    const deadlines = ctx.db
      .select()
      .from(grantDeadlines)
      .where(eq(grantDeadlines.grantId, grantId))
      .all();
    for (const d of deadlines) {
      const dueDate = shiftYears(d.dueDate, 1);
      insertRecorded(
        ctx,
        grantDeadlines,
        { grantId: created.id, dueDate, description: d.description, doneDate: null },
        { entity: 'grant_deadline' },
      );
      copied.push(`Frist: ${d.description} ${formatIsoDate(dueDate)}`);
    }
    const scenarios = ctx.db
      .select()
      .from(applicationScenarios)
      .where(eq(applicationScenarios.grantId, grantId))
      .orderBy(applicationScenarios.id)
      .all();
    for (const s of scenarios) {
      insertRecorded(
        ctx,
        applicationScenarios,
        {
          grantId: created.id,
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
    if (scenarios.length > 0) {
      copied.push(`Scenarioer (uten beløp): ${scenarios.map((s) => `«${s.name}»`).join(', ')}`);
    }
    const centres = participantsOf(ctx, grantId);
    for (const c of centres) {
      insertRecorded(
        ctx,
        applicationParticipants,
        { grantId: created.id, centreId: c.id, createdAtMs: now },
        { entity: 'application_participant' },
      );
    }
    if (centres.length > 0) copied.push(`Deltakende sentre: ${centres.length}`);
    return { application: applicationDetail(ctx, created.id), copied };
  });
}
