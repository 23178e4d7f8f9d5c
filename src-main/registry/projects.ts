/**
 * Projects and measures (prosjekter og tiltak), their sub-projects and partners. KSS's role
 * in a project decides how its grants carry money, so a role change that would leave a
 * grant breaking its rules is refused.
 */
import { and, count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
  allocationRounds,
  grants,
  memberCentres,
  movements,
  organisations,
  projectPartners,
  projects,
} from '../../db/schema';
import type {
  Output,
  ParsedInput,
  ProjectPartner,
  ProjectSummary,
} from '../../src-shared/api/contract';
import { AppError, conflict, notFound, type FieldIssue } from '../../src-shared/api/errors';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { assertNameFree as assertNameFreeIn, insertRecorded } from '../platform/records';
import { byName, createGrantModel, ROLE_LABEL } from '../grants/queries';
import { byYearThenTitle, organisationById } from './organisations';

type ProjectInput = ParsedInput<'projects.create'>;
type ProjectRecord = typeof projects.$inferSelect;

const parent = alias(projects, 'parent');

function selectSummaries(ctx: ServiceContext) {
  const { db } = ctx;
  return db
    .select({
      id: projects.id,
      name: projects.name,
      kind: projects.kind,
      parentId: projects.parentId,
      parentName: parent.name,
      kssRole: projects.kssRole,
      projectNumber: projects.projectNumber,
      status: projects.status,
      recurring: projects.recurring,
      recurringSinceYear: projects.recurringSinceYear,
      startDate: projects.startDate,
      endDate: projects.endDate,
      nameKey: projects.nameKey,
    })
    .from(projects)
    .leftJoin(parent, eq(parent.id, projects.parentId));
}

function grantCounts(ctx: ServiceContext): Map<number, number> {
  const { db } = ctx;
  const rows = db
    .select({ projectId: grants.projectId, n: count() })
    .from(grants)
    .groupBy(grants.projectId)
    .all();
  return new Map(rows.map((r) => [r.projectId, r.n]));
}

function summaries(
  ctx: ServiceContext,
  where?: Parameters<ReturnType<typeof selectSummaries>['where']>[0],
) {
  const counts = grantCounts(ctx);
  const q = selectSummaries(ctx);
  return (where ? q.where(where) : q)
    .all()
    .sort(byName)
    .map(({ nameKey: _k, ...p }): ProjectSummary => ({
      ...p,
      grantCount: counts.get(p.id) ?? 0,
    }));
}

function summary(ctx: ServiceContext, id: number): ProjectSummary {
  const found = summaries(ctx, eq(projects.id, id))[0];
  if (!found) throw notFound(`Fant ikke prosjektet (id ${id}).`);
  return found;
}

function record(ctx: ServiceContext, id: number): ProjectRecord {
  const { db } = ctx;
  const row = db.select().from(projects).where(eq(projects.id, id)).get();
  if (!row) throw notFound(`Fant ikke prosjektet (id ${id}).`);
  return row;
}

function partner(ctx: ServiceContext, id: number): ProjectPartner & { projectId: number } {
  const { db } = ctx;
  const row = db
    .select({
      id: projectPartners.id,
      projectId: projectPartners.projectId,
      organisationId: projectPartners.organisationId,
      name: organisations.name,
      role: projectPartners.role,
      centreId: memberCentres.organisationId,
    })
    .from(projectPartners)
    .innerJoin(organisations, eq(organisations.id, projectPartners.organisationId))
    .leftJoin(memberCentres, eq(memberCentres.organisationId, organisations.id))
    .where(eq(projectPartners.id, id))
    .get();
  if (!row) throw notFound(`Fant ikke samarbeidspartneren (id ${id}).`);
  const { centreId, ...rest } = row;
  return { ...rest, isCentre: centreId !== null };
}

function partnersOf(ctx: ServiceContext, projectId: number): ProjectPartner[] {
  const { db } = ctx;
  return db
    .select({
      id: projectPartners.id,
      organisationId: projectPartners.organisationId,
      name: organisations.name,
      role: projectPartners.role,
      centreId: memberCentres.organisationId,
    })
    .from(projectPartners)
    .innerJoin(organisations, eq(organisations.id, projectPartners.organisationId))
    .leftJoin(memberCentres, eq(memberCentres.organisationId, organisations.id))
    .where(eq(projectPartners.projectId, projectId))
    .all()
    .sort(byName)
    .map(({ centreId, ...p }) => ({ ...p, isCentre: centreId !== null }));
}

/** Field rules the schema cannot check alone; throws BAD_INPUT naming every field. */
function validate(ctx: ServiceContext, input: ProjectInput, selfId?: number): void {
  const issues: FieldIssue[] = [];
  if (input.startDate && input.endDate && input.endDate < input.startDate) {
    issues.push({
      path: 'endDate',
      message: `Sluttdato (${formatIsoDate(input.endDate)}) kan ikke være før startdato (${formatIsoDate(input.startDate)}).`,
    });
  }
  if (input.recurringSinceYear !== null && !input.recurring) {
    issues.push({
      path: 'recurringSinceYear',
      message: 'Årlig siden kan bare fylles ut når prosjektet er årlig gjentakende.',
    });
  }
  if (input.parentId !== null) {
    const parentIssue = parentProblem(ctx, input.parentId, selfId);
    if (parentIssue) issues.push({ path: 'parentId', message: parentIssue });
  }
  if (issues.length > 0) {
    throw new AppError('BAD_INPUT', issues[0]?.message ?? 'Ugyldig prosjekt.', issues);
  }
}

/** The parent must exist, must not be the project itself, and must not lie below it. */
function parentProblem(ctx: ServiceContext, parentId: number, selfId?: number): string | null {
  const { db } = ctx;
  if (parentId === selfId) return 'Overordnet prosjekt kan ikke være prosjektet selv.';
  const seen = new Set<number>();
  let current: number | null = parentId;
  while (current !== null) {
    if (seen.has(current)) break; // a cycle already in the data; refuse below
    seen.add(current);
    const row = db
      .select({ id: projects.id, name: projects.name, parentId: projects.parentId })
      .from(projects)
      .where(eq(projects.id, current))
      .get();
    if (!row) {
      return current === parentId
        ? `Overordnet prosjekt finnes ikke (id ${parentId}).`
        : 'Overordnet prosjekt har en ugyldig kobling.';
    }
    if (selfId !== undefined && row.parentId === selfId) {
      const p = summary(ctx, parentId);
      return `Overordnet prosjekt kan ikke være «${p.name}», som ligger under dette prosjektet.`;
    }
    current = row.parentId;
  }
  return null;
}

function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number): void {
  assertNameFreeIn(
    ctx,
    { table: projects, id: projects.id, name: projects.name, nameKey: projects.nameKey },
    name,
    exceptId,
    (existing) => `Et prosjekt med navnet «${existing}» finnes allerede.`,
  );
}

/** A new KSS role must fit the grants the project already has. */
function assertRoleFits(
  ctx: ServiceContext,
  projectId: number,
  name: string,
  role: ProjectRecord['kssRole'],
): void {
  const { db } = ctx;
  const list = db.select().from(grants).where(eq(grants.projectId, projectId)).all();
  if (role === 'stottepartner') {
    const withMoney = list.find(
      (g) =>
        g.appliedOre !== null ||
        g.awardedOre !== null ||
        g.kssShareOre !== null ||
        g.adminRule !== 'none',
    );
    if (withMoney) {
      throw conflict(
        `«${name}» kan ikke bli støttepartner-prosjekt: tilskuddet «${withMoney.title}» har beløp eller administrasjonsandel. Fjern beløpene først.`,
        [{ path: 'kssRole', message: 'KSS sin rolle: prosjektet har tilskudd med beløp.' }],
      );
    }
    const moved = db
      .select({ title: grants.title })
      .from(movements)
      .innerJoin(grants, eq(grants.id, movements.grantId))
      .where(eq(grants.projectId, projectId))
      .get();
    if (moved) {
      throw conflict(
        `«${name}» kan ikke bli støttepartner-prosjekt: tilskuddet «${moved.title}» har bevegelser.`,
        [{ path: 'kssRole', message: 'KSS sin rolle: prosjektet har tilskudd med bevegelser.' }],
      );
    }
  }
  if (role !== 'forvalter') {
    const withRound = db
      .select({ title: grants.title })
      .from(allocationRounds)
      .innerJoin(grants, eq(grants.id, allocationRounds.grantId))
      .where(eq(grants.projectId, projectId))
      .get();
    if (withRound) {
      throw conflict(
        `«${name}» kan ikke få rollen «${ROLE_LABEL[role]}»: tilskuddet «${withRound.title}» har tildelingsrunder til medlemssentre, som bare gjelder «${ROLE_LABEL.forvalter}».`,
        [{ path: 'kssRole', message: 'KSS sin rolle: et tilskudd har tildelingsrunder.' }],
      );
    }
  }
  if (role !== 'partner') {
    const withShare = list.find((g) => g.kssShareOre !== null);
    if (withShare) {
      throw conflict(
        `«${name}» kan ikke få rollen «${ROLE_LABEL[role]}»: tilskuddet «${withShare.title}» har KSS sin andel, som bare gjelder «${ROLE_LABEL.partner}».`,
        [{ path: 'kssRole', message: 'KSS sin rolle: et tilskudd har KSS sin andel.' }],
      );
    }
  }
}

function values(input: ProjectInput) {
  return {
    name: input.name,
    nameKey: nameKey(input.name),
    kind: input.kind,
    parentId: input.parentId,
    kssRole: input.kssRole,
    projectNumber: input.projectNumber,
    startDate: input.startDate,
    endDate: input.endDate,
    status: input.status,
    recurring: input.recurring,
    recurringSinceYear: input.recurringSinceYear,
    description: input.description,
  };
}

/** Projects and measures by name, filtered by text (name or project number), status, kind, role. */
export function listProjects(
  ctx: ServiceContext,
  input: ParsedInput<'projects.list'>,
): ProjectSummary[] {
  const needle = input.search ? nameKey(input.search) : null;
  return summaries(ctx)
    .filter((p) => (input.status ? p.status === input.status : true))
    .filter((p) => (input.kind ? p.kind === input.kind : true))
    .filter((p) => (input.kssRole ? p.kssRole === input.kssRole : true))
    .filter((p) =>
      needle
        ? nameKey(p.name).includes(needle) || nameKey(p.projectNumber ?? '').includes(needle)
        : true,
    );
}

export function getProject(
  ctx: ServiceContext,
  input: ParsedInput<'projects.get'>,
): Output<'projects.get'> {
  const model = createGrantModel(ctx);
  const s = summary(ctx, input.id);
  const { description } = record(ctx, input.id);
  return {
    ...s,
    description,
    partners: partnersOf(ctx, input.id),
    children: summaries(ctx, eq(projects.parentId, input.id)),
    grants: model.summariesOf(model.rows(eq(grants.projectId, input.id))).sort(byYearThenTitle),
  };
}

export function createProject(
  ctx: ServiceContext,
  input: ParsedInput<'projects.create'>,
): ProjectSummary {
  const { db } = ctx;
  return db.transaction(() => {
    validate(ctx, input);
    assertNameFree(ctx, input.name);
    const now = ctx.clock.nowMs();
    const row = insertRecorded(
      ctx,
      projects,
      { ...values(input), createdAtMs: now, updatedAtMs: now },
      { entity: 'project', view: projectAuditView },
    );
    return summary(ctx, row.id);
  });
}

export function updateProject(
  ctx: ServiceContext,
  input: ParsedInput<'projects.update'>,
): ProjectSummary {
  const { db } = ctx;
  return db.transaction(() => {
    const before = record(ctx, input.id);
    validate(ctx, input, input.id);
    assertNameFree(ctx, input.name, input.id);
    if (input.kssRole !== before.kssRole) assertRoleFits(ctx, input.id, input.name, input.kssRole);
    const after = db
      .update(projects)
      .set({ ...values(input), updatedAtMs: ctx.clock.nowMs() })
      .where(eq(projects.id, input.id))
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'project',
      entityId: input.id,
      action: 'update',
      before: projectAuditView(before),
      after: projectAuditView(after),
    });
    return summary(ctx, input.id);
  });
}

/** Links an existing organisation (partner, member centre or funder) to a project. */
export function addPartner(
  ctx: ServiceContext,
  input: ParsedInput<'projects.addPartner'>,
): ProjectPartner {
  const { db } = ctx;
  return db.transaction(() => {
    const project = record(ctx, input.projectId);
    let org;
    try {
      org = organisationById(ctx, input.organisationId);
    } catch {
      throw new AppError(
        'BAD_INPUT',
        `Samarbeidspartneren finnes ikke (id ${input.organisationId}).`,
        [
          {
            path: 'organisationId',
            message: 'Samarbeidspartner: velg en registrert organisasjon.',
          },
        ],
      );
    }
    const existing = db
      .select({ id: projectPartners.id })
      .from(projectPartners)
      .where(
        and(
          eq(projectPartners.projectId, input.projectId),
          eq(projectPartners.organisationId, input.organisationId),
        ),
      )
      .get();
    if (existing) {
      throw conflict(`«${org.name}» er allerede samarbeidspartner på «${project.name}».`, [
        {
          path: 'organisationId',
          message: `Samarbeidspartner: «${org.name}» er allerede lagt til.`,
        },
      ]);
    }
    const row = insertRecorded(
      ctx,
      projectPartners,
      { projectId: input.projectId, organisationId: input.organisationId, role: input.role },
      { entity: 'project_partner' },
    );
    const { projectId: _p, ...created } = partner(ctx, row.id);
    return created;
  });
}

export function removePartner(
  ctx: ServiceContext,
  input: ParsedInput<'projects.removePartner'>,
): { removed: boolean } {
  const { db } = ctx;
  return db.transaction(() => {
    const before = partner(ctx, input.id);
    db.delete(projectPartners).where(eq(projectPartners.id, input.id)).run();
    recordChange(ctx, {
      entity: 'project_partner',
      entityId: input.id,
      action: 'delete',
      before,
    });
    return { removed: true };
  });
}

export function createProjectsService(ctx: ServiceContext) {
  return {
    list: (input: ParsedInput<'projects.list'>) => listProjects(ctx, input),
    get: (input: ParsedInput<'projects.get'>) => getProject(ctx, input),
    create: (input: ParsedInput<'projects.create'>) => createProject(ctx, input),
    update: (input: ParsedInput<'projects.update'>) => updateProject(ctx, input),
    addPartner: (input: ParsedInput<'projects.addPartner'>) => addPartner(ctx, input),
    removePartner: (input: ParsedInput<'projects.removePartner'>) => removePartner(ctx, input),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;

function projectAuditView(p: ProjectRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, nameKey: _k, ...rest } = p;
  return rest;
}
