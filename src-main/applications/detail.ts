/**
 * One application as the contract returns it: the grant's head, its scenarios with their
 * cap warnings, the caps that apply, intended participants, and the neighbouring editions.
 */
import type { Application, Cap } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import { bindingCap, overCap } from '../../src-shared/applications/rules';
import { AWARDED_STATUSES, type GrantStatus } from '../../src-shared/grants/rules';
import { formatOre } from '../../src-shared/kernel/money';
import type { ServiceContext } from '../platform/context';
import { APPLICATION_YEAR_SQL, capsForGrant } from './queries';

export interface GrantHead {
  id: number;
  title: string;
  status: GrantStatus;
  year: number | null;
  editionYear: number | null;
  applicationDeadline: string | null;
  funderId: number;
  funderName: string;
  schemeName: string | null;
  projectId: number;
  projectName: string;
  projectRecurring: boolean;
  appliedOre: number | null;
  awardedOre: number | null;
}

/** The grant's fields the application pages need; NOT_FOUND (Norwegian) when missing. */
export function grantHead(ctx: ServiceContext, grantId: number): GrantHead {
  const row = ctx.sqlite
    .prepare(
      `select g.id, g.title, g.status, ${APPLICATION_YEAR_SQL} as year,
         g.edition_year as editionYear, g.application_deadline as applicationDeadline,
         g.funder_id as funderId, fo.name as funderName, g.scheme_name as schemeName,
         g.project_id as projectId, p.name as projectName, p.recurring as projectRecurring,
         g.applied_ore as appliedOre, g.awarded_ore as awardedOre
       from grants g
       join organisations fo on fo.id = g.funder_id
       join projects p on p.id = g.project_id
       where g.id = ?`,
    )
    .get(grantId) as
    (Omit<GrantHead, 'projectRecurring'> & { projectRecurring: number }) | undefined;
  if (!row) throw notFound(`Fant ikke søknaden (id ${grantId}).`);
  return { ...row, projectRecurring: row.projectRecurring === 1 };
}

/** «Sommeraksjonen» hos Gjensidigestiftelsen / Gjensidigestiftelsen i 2025. */
export function capLabel(cap: Cap): string {
  return cap.kind === 'scheme'
    ? `«${cap.schemeName}» hos ${cap.funderName}`
    : `${cap.funderName} i ${cap.year}`;
}

/** The Norwegian warning for an amount over the cap, or null. */
export function capWarning(what: string, amountOre: number | null, cap: Cap | null): string | null {
  if (!cap || !overCap(amountOre, cap.amountOre)) return null;
  const amount = amountOre ?? 0;
  return `${what} (${formatOre(amount)}) er over øvre beløpsgrense for ${capLabel(cap)} (${formatOre(cap.amountOre)}) med ${formatOre(amount - cap.amountOre)}.`;
}

/** Another edition of the same application (same funder, project and scheme) in `year`. */
export function editionIn(ctx: ServiceContext, head: GrantHead, year: number): number | null {
  const row = ctx.sqlite
    .prepare(
      `select g.id from grants g
       where g.id <> @id and g.funder_id = @funderId and g.project_id = @projectId
         and coalesce(nb_key(g.scheme_name), '') = coalesce(nb_key(@scheme), '')
         and ${APPLICATION_YEAR_SQL} = @year
       order by g.id limit 1`,
    )
    .get({
      id: head.id,
      funderId: head.funderId,
      projectId: head.projectId,
      scheme: head.schemeName,
      year,
    }) as { id: number } | undefined;
  return row?.id ?? null;
}

export function applicationDetail(ctx: ServiceContext, grantId: number): Application {
  const head = grantHead(ctx, grantId);
  const caps = capsForGrant(ctx, grantId);
  const cap = bindingCap(caps);
  const scenarioRows = ctx.sqlite
    .prepare(
      `select id, grant_id as grantId, name, amount_ore as amountOre, description, chosen
       from application_scenarios where grant_id = ? order by id`,
    )
    .all(grantId) as {
    id: number;
    grantId: number;
    name: string;
    amountOre: number | null;
    description: string | null;
    chosen: number;
  }[];
  const scenarios = scenarioRows.map((s) => ({
    ...s,
    chosen: s.chosen === 1,
    capWarning: capWarning(`Scenario «${s.name}»`, s.amountOre, cap),
  }));
  const appliedWarning = capWarning('Søkt beløp', head.appliedOre, cap);
  const warnings = [
    ...scenarios.map((s) => s.capWarning).filter((w): w is string => w !== null),
    ...(appliedWarning ? [appliedWarning] : []),
  ];
  const chosen = scenarios.find((s) => s.chosen);
  const decided = AWARDED_STATUSES.includes(head.status) || head.status === 'avsluttet';
  const participants = ctx.sqlite
    .prepare(
      `select a.centre_id as centreId, o.name from application_participants a
       join organisations o on o.id = a.centre_id
       where a.grant_id = ? order by o.name_key`,
    )
    .all(grantId) as { centreId: number; name: string }[];
  return {
    grantId: head.id,
    title: head.title,
    status: head.status,
    year: head.year,
    deadline: head.applicationDeadline,
    funderId: head.funderId,
    funderName: head.funderName,
    schemeName: head.schemeName,
    projectId: head.projectId,
    projectName: head.projectName,
    projectRecurring: head.projectRecurring,
    appliedOre: head.appliedOre,
    awardedOre: head.awardedOre,
    scenarios,
    caps,
    capOre: cap?.amountOre ?? null,
    warnings,
    awardDifferenceOre:
      decided && chosen && chosen.amountOre !== null && head.awardedOre !== null
        ? head.awardedOre - chosen.amountOre
        : null,
    participants,
    nextYearGrantId: head.year === null ? null : editionIn(ctx, head, head.year + 1),
    previousYearGrantId: head.year === null ? null : editionIn(ctx, head, head.year - 1),
  };
}
