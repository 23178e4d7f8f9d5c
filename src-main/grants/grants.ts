/**
 * Grants (tilskudd): application, life-cycle, award with its year split, admin share rule
 * and reporting deadlines. Rules that involve money name the rule and the amounts
 * (invariants 3 and 7 of docs/DOMAIN.md); every change goes to the audit log in the same transaction.
 */
import { count, eq } from 'drizzle-orm';
import { allocationRounds, funders, grantDeadlines, grants, projects } from '../../db/schema';
import type { Grant, Output, ParsedInput } from '../../src-shared/api/contract';
import { conflict, notFound } from '../../src-shared/api/errors';
import { formatOre } from '../../src-shared/kernel/money';
import { assertCurrencyKept } from './euro';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertGrantDefinitionOpen } from '../yearend/definition-locks';
import { withDefaultAdminRule } from './admin-default';
import { createGrantModel, grantAuditView, ROLE_LABEL } from './queries';
import { listGrantsPaged } from './list';
import { assertAdminShareFits, badInput, checkedFields } from './grant-fields';
import { ensureSplit, setStatus, setYearSplit } from './grant-status';

// Kept importable from here: movements.ts and awards.ts check the admin share with it.
export { assertAdminShareFits };

const kr = (ore: number) => formatOre(ore);

function projectFor(ctx: ServiceContext, projectId: number) {
  const { db } = ctx;
  const p = db
    .select({ id: projects.id, name: projects.name, kssRole: projects.kssRole })
    .from(projects)
    .where(eq(projects.id, projectId))
    .get();
  if (!p) {
    throw badInput([{ path: 'projectId', message: `Prosjektet finnes ikke (id ${projectId}).` }]);
  }
  return p;
}

function assertFunder(ctx: ServiceContext, funderId: number): void {
  const { db } = ctx;
  const f = db.select().from(funders).where(eq(funders.organisationId, funderId)).get();
  if (!f) {
    throw badInput([
      { path: 'funderId', message: `Tilskuddsyteren finnes ikke (id ${funderId}).` },
    ]);
  }
}

function deadline(ctx: ServiceContext, id: number) {
  const { db } = ctx;
  const row = db.select().from(grantDeadlines).where(eq(grantDeadlines.id, id)).get();
  if (!row) throw notFound(`Fant ikke fristen (id ${id}).`);
  return row;
}

/** Grants with filters, sorted and paged by SQLite, with totals over every match (list.ts). */
export function listGrants(
  ctx: ServiceContext,
  input: ParsedInput<'grants.list'>,
): Output<'grants.list'> {
  return listGrantsPaged(ctx, input);
}

export function getGrant(ctx: ServiceContext, input: ParsedInput<'grants.get'>): Grant {
  const model = createGrantModel(ctx);
  return model.detail(input.id);
}

/** Registers an application; it starts as «Utkast» and moves on with setStatus. */
export function createGrant(ctx: ServiceContext, input: ParsedInput<'grants.create'>): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const project = projectFor(ctx, input.projectId);
    assertFunder(ctx, input.funderId);
    const fields = checkedFields(withDefaultAdminRule(ctx, input, project), project, null);
    const now = ctx.clock.nowMs();
    const row = db
      .insert(grants)
      .values({ ...fields, status: 'utkast', createdAtMs: now, updatedAtMs: now })
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'grant',
      entityId: row.id,
      action: 'create',
      after: grantAuditView(row),
    });
    return model.detail(row.id);
  });
}

/** Changes the details; status and award change only through setStatus. */
export function updateGrant(ctx: ServiceContext, input: ParsedInput<'grants.update'>): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const before = db.select().from(grants).where(eq(grants.id, input.id)).get();
    if (!before) throw notFound(`Fant ikke tilskuddet (id ${input.id}).`);
    const project = projectFor(ctx, input.projectId);
    assertFunder(ctx, input.funderId);
    const ledger = model.ledger(input.id);
    if (project.kssRole === 'stottepartner' && ledger.length > 0) {
      throw conflict(
        `«${project.name}» er støttepartner: tilskuddet føres uten beløp, men «${before.title}» har ${ledger.length} bevegelser.`,
        [{ path: 'projectId', message: 'Prosjekt: tilskuddet har bevegelser.' }],
      );
    }
    if (project.kssRole === 'stottepartner' && before.awardedOre !== null) {
      throw conflict(
        `«${project.name}» er støttepartner: tilskuddet føres uten beløp, men «${before.title}» er innvilget med ${kr(before.awardedOre)}.`,
        [{ path: 'projectId', message: 'Prosjekt: tilskuddet har innvilget beløp.' }],
      );
    }
    const roundCount = db
      .select({ n: count() })
      .from(allocationRounds)
      .where(eq(allocationRounds.grantId, input.id))
      .get();
    if (project.kssRole !== 'forvalter' && (roundCount?.n ?? 0) > 0) {
      throw conflict(
        `«${before.title}» har ${roundCount?.n} tildelingsrunde(r) til medlemssentre, og må høre til et prosjekt der KSS er «${ROLE_LABEL.forvalter}»; «${project.name}» har rollen «${ROLE_LABEL[project.kssRole]}».`,
        [{ path: 'projectId', message: 'Prosjekt: tilskuddet har tildelingsrunder.' }],
      );
    }
    const fields = checkedFields(input, project, before);
    assertGrantDefinitionOpen(db, before, { ...before, ...fields });
    assertCurrencyKept(before, fields.currency);
    assertAdminShareFits(
      { ...fields, kssRole: project.kssRole, awardedOre: before.awardedOre },
      ledger,
      model.allocatedOf(input.id),
    );
    const after = db
      .update(grants)
      .set({ ...fields, updatedAtMs: ctx.clock.nowMs() })
      .where(eq(grants.id, input.id))
      .returning()
      .get();
    ensureSplit(ctx, after);
    recordChange(ctx, {
      entity: 'grant',
      entityId: input.id,
      action: 'update',
      before: grantAuditView(before),
      after: grantAuditView(after),
    });
    return model.detail(input.id);
  });
}

export function addDeadline(ctx: ServiceContext, input: ParsedInput<'grants.addDeadline'>): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    model.row(input.grantId);
    const row = db
      .insert(grantDeadlines)
      .values({
        grantId: input.grantId,
        dueDate: input.dueDate,
        description: input.description,
      })
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'grant_deadline',
      entityId: row.id,
      action: 'create',
      after: row,
    });
    return model.detail(input.grantId);
  });
}

/** Marks a deadline delivered (a second call corrects the delivery date). */
export function completeDeadline(
  ctx: ServiceContext,
  input: ParsedInput<'grants.completeDeadline'>,
): Grant {
  const model = createGrantModel(ctx);
  const { db } = ctx;
  return db.transaction(() => {
    const before = deadline(ctx, input.id);
    const after = db
      .update(grantDeadlines)
      .set({ doneDate: input.doneDate })
      .where(eq(grantDeadlines.id, input.id))
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'grant_deadline',
      entityId: input.id,
      action: 'update',
      before,
      after,
    });
    return model.detail(before.grantId);
  });
}

export function createGrantsService(ctx: ServiceContext) {
  return {
    list: (input: ParsedInput<'grants.list'>) => listGrants(ctx, input),
    get: (input: ParsedInput<'grants.get'>) => getGrant(ctx, input),
    create: (input: ParsedInput<'grants.create'>) => createGrant(ctx, input),
    update: (input: ParsedInput<'grants.update'>) => updateGrant(ctx, input),
    setStatus: (input: ParsedInput<'grants.setStatus'>) => setStatus(ctx, input),
    setYearSplit: (input: ParsedInput<'grants.setYearSplit'>) => setYearSplit(ctx, input),
    addDeadline: (input: ParsedInput<'grants.addDeadline'>) => addDeadline(ctx, input),
    completeDeadline: (input: ParsedInput<'grants.completeDeadline'>) =>
      completeDeadline(ctx, input),
  };
}

export type GrantsService = ReturnType<typeof createGrantsService>;
