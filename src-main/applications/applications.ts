/**
 * The application service: the pipeline, one application with its priced scenarios and the
 * caps that apply (a scenario over the cap is warned about, never refused), caps per funder
 * and year or per scheme, and the funder's success rates. Every change goes to the change
 * log in the same transaction (invariant 6 of docs/DOMAIN.md).
 */
import { and, eq } from 'drizzle-orm';
import { applicationScenarios, funderCaps, funders } from '../../db/schema';
import type { Application, Cap, Output, ParsedInput } from '../../src-shared/api/contract';
import { conflict, notFound } from '../../src-shared/api/errors';
import { CHOOSABLE_STATUSES } from '../../src-shared/applications/rules';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { STATUS_LABEL } from '../grants/queries';
import { applicationPack } from './pack';
import { applicationDetail, grantHead } from './detail';
import { createNextYear } from './next-year';
import { capsOf, funderOverview, listApplications, registerNameKeyFunction } from './queries';

type ScenarioRecord = typeof applicationScenarios.$inferSelect;

function scenarioView(s: ScenarioRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, nameKey: _k, ...rest } = s;
  return rest;
}

function scenarioRow(ctx: ServiceContext, id: number): ScenarioRecord {
  const row = ctx.db
    .select()
    .from(applicationScenarios)
    .where(eq(applicationScenarios.id, id))
    .get();
  if (!row) throw notFound(`Fant ikke scenarioet (id ${id}).`);
  return row;
}

function assertScenarioNameFree(
  ctx: ServiceContext,
  grantId: number,
  name: string,
  exceptId: number | null,
): void {
  const clash = ctx.db
    .select({ id: applicationScenarios.id, name: applicationScenarios.name })
    .from(applicationScenarios)
    .where(
      and(
        eq(applicationScenarios.grantId, grantId),
        eq(applicationScenarios.nameKey, nameKey(name)),
      ),
    )
    .get();
  if (clash && clash.id !== exceptId) {
    throw conflict(`Søknaden har allerede et scenario som heter «${clash.name}».`, [
      { path: 'name', message: `Navn på scenario: «${clash.name}» finnes allerede.` },
    ]);
  }
}

function touchGrant(ctx: ServiceContext, grantId: number): void {
  ctx.sqlite
    .prepare('update grants set updated_at_ms = ? where id = ?')
    .run(ctx.clock.nowMs(), grantId);
}

/** NOT_FOUND unless the organisation has the funder role. */
function assertFunder(ctx: ServiceContext, funderId: number): void {
  const funder = ctx.db.select().from(funders).where(eq(funders.organisationId, funderId)).get();
  if (!funder) throw notFound(`Fant ikke tilskuddsyteren (id ${funderId}).`);
}

/** Sets or clears the application deadline (søknadsfrist). */
function setDeadline(
  ctx: ServiceContext,
  input: ParsedInput<'applications.setDeadline'>,
): Application {
  return ctx.db.transaction(() => {
    const before = grantHead(ctx, input.grantId);
    ctx.sqlite
      .prepare('update grants set application_deadline = ?, updated_at_ms = ? where id = ?')
      .run(input.deadline, ctx.clock.nowMs(), input.grantId);
    recordChange(ctx, {
      entity: 'grant',
      entityId: input.grantId,
      action: 'update',
      before: { applicationDeadline: before.applicationDeadline },
      after: { applicationDeadline: input.deadline },
    });
    return applicationDetail(ctx, input.grantId);
  });
}

function addScenario(
  ctx: ServiceContext,
  input: ParsedInput<'applications.addScenario'>,
): Application {
  return ctx.db.transaction(() => {
    grantHead(ctx, input.grantId);
    assertScenarioNameFree(ctx, input.grantId, input.name, null);
    const now = ctx.clock.nowMs();
    insertRecorded(
      ctx,
      applicationScenarios,
      {
        grantId: input.grantId,
        name: input.name,
        nameKey: nameKey(input.name),
        amountOre: input.amountOre,
        description: input.description,
        chosen: false,
        createdAtMs: now,
        updatedAtMs: now,
      },
      { entity: 'application_scenario', view: scenarioView },
    );
    touchGrant(ctx, input.grantId);
    return applicationDetail(ctx, input.grantId);
  });
}

function updateScenario(
  ctx: ServiceContext,
  input: ParsedInput<'applications.updateScenario'>,
): Application {
  return ctx.db.transaction(() => {
    const before = scenarioRow(ctx, input.id);
    assertScenarioNameFree(ctx, before.grantId, input.name, before.id);
    const after = ctx.db
      .update(applicationScenarios)
      .set({
        name: input.name,
        nameKey: nameKey(input.name),
        amountOre: input.amountOre,
        description: input.description,
        updatedAtMs: ctx.clock.nowMs(),
      })
      .where(eq(applicationScenarios.id, input.id))
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'application_scenario',
      entityId: input.id,
      action: 'update',
      before: scenarioView(before),
      after: scenarioView(after),
    });
    touchGrant(ctx, before.grantId);
    return applicationDetail(ctx, before.grantId);
  });
}

function removeScenario(
  ctx: ServiceContext,
  input: ParsedInput<'applications.removeScenario'>,
): Application {
  return ctx.db.transaction(() => {
    const before = scenarioRow(ctx, input.id);
    ctx.db.delete(applicationScenarios).where(eq(applicationScenarios.id, input.id)).run();
    recordChange(ctx, {
      entity: 'application_scenario',
      entityId: input.id,
      action: 'delete',
      before: scenarioView(before),
    });
    touchGrant(ctx, before.grantId);
    return applicationDetail(ctx, before.grantId);
  });
}

/** A scenario may be chosen only on a grant that can have one, and only its own. */
function assertChoosable(ctx: ServiceContext, input: ParsedInput<'applications.chooseScenario'>) {
  const grant = grantHead(ctx, input.grantId);
  if (input.scenarioId !== null && !CHOOSABLE_STATUSES.includes(grant.status)) {
    throw conflict(
      `«${grant.title}» er «${STATUS_LABEL[grant.status]}»: ingen scenario kan markeres som valgt eller innvilget.`,
      [{ path: 'scenarioId', message: 'Scenario: søknaden har ikke noe innvilget.' }],
    );
  }
  if (input.scenarioId !== null) {
    const s = scenarioRow(ctx, input.scenarioId);
    if (s.grantId !== input.grantId) {
      throw conflict(`Scenarioet «${s.name}» hører til en annen søknad.`, [
        { path: 'scenarioId', message: 'Scenario: hører til en annen søknad.' },
      ]);
    }
  }
}

/**
 * Marks one scenario as chosen — before the decision the one applied for, after it the
 * one awarded — or none. The award may differ from the scenario's amount.
 */
function chooseScenario(
  ctx: ServiceContext,
  input: ParsedInput<'applications.chooseScenario'>,
): Application {
  const { db } = ctx;
  return db.transaction(() => {
    assertChoosable(ctx, input);
    const before = db
      .select()
      .from(applicationScenarios)
      .where(
        and(eq(applicationScenarios.grantId, input.grantId), eq(applicationScenarios.chosen, true)),
      )
      .get();
    if ((before?.id ?? null) === input.scenarioId) return applicationDetail(ctx, input.grantId);
    const now = ctx.clock.nowMs();
    if (before) {
      db.update(applicationScenarios)
        .set({ chosen: false, updatedAtMs: now })
        .where(eq(applicationScenarios.id, before.id))
        .run();
    }
    if (input.scenarioId !== null) {
      db.update(applicationScenarios)
        .set({ chosen: true, updatedAtMs: now })
        .where(eq(applicationScenarios.id, input.scenarioId))
        .run();
    }
    recordChange(ctx, {
      entity: 'grant',
      entityId: input.grantId,
      action: 'update',
      before: { chosenScenarioId: before?.id ?? null, chosenScenario: before?.name ?? null },
      after: {
        chosenScenarioId: input.scenarioId,
        chosenScenario: input.scenarioId === null ? null : scenarioRow(ctx, input.scenarioId).name,
      },
    });
    touchGrant(ctx, input.grantId);
    return applicationDetail(ctx, input.grantId);
  });
}

/** Sets a cap; one with the same key (funder and year, or funder and scheme) is replaced. */
function setCap(ctx: ServiceContext, input: ParsedInput<'applications.setCap'>): Cap {
  const { db } = ctx;
  return db.transaction(() => {
    assertFunder(ctx, input.funderId);
    const perYear = input.kind === 'year';
    const schemeName = perYear ? null : input.schemeName;
    const schemeKey = schemeName === null ? null : nameKey(schemeName);
    const year = perYear ? input.year : null;
    const existing = capsOf(ctx, input.funderId).find((c) =>
      perYear
        ? c.kind === 'year' && c.year === year
        : c.kind === 'scheme' && nameKey(c.schemeName ?? '') === schemeKey,
    );
    const now = ctx.clock.nowMs();
    const values = { year, schemeName, schemeKey, amountOre: input.amountOre, note: input.note };
    let id: number;
    if (existing) {
      db.update(funderCaps)
        .set({ ...values, updatedAtMs: now })
        .where(eq(funderCaps.id, existing.id))
        .run();
      recordChange(ctx, {
        entity: 'funder_cap',
        entityId: existing.id,
        action: 'update',
        before: existing,
        after: { funderId: input.funderId, ...values },
      });
      id = existing.id;
    } else {
      id = insertRecorded(
        ctx,
        funderCaps,
        { funderId: input.funderId, ...values, createdAtMs: now, updatedAtMs: now },
        { entity: 'funder_cap' },
      ).id;
    }
    return capsOf(ctx, input.funderId).find((c) => c.id === id)!;
  });
}

function removeCap(
  ctx: ServiceContext,
  input: ParsedInput<'applications.removeCap'>,
): Output<'applications.removeCap'> {
  return ctx.db.transaction(() => {
    const before = ctx.db.select().from(funderCaps).where(eq(funderCaps.id, input.id)).get();
    if (!before) throw notFound(`Fant ikke beløpsgrensen (id ${input.id}).`);
    ctx.db.delete(funderCaps).where(eq(funderCaps.id, input.id)).run();
    recordChange(ctx, { entity: 'funder_cap', entityId: input.id, action: 'delete', before });
    return { removed: input.id };
  });
}

export function createApplicationsService(ctx: ServiceContext) {
  registerNameKeyFunction(ctx);
  return {
    list: (input: ParsedInput<'applications.list'>) => listApplications(ctx, input),
    get: (input: ParsedInput<'applications.get'>): Application =>
      applicationDetail(ctx, input.grantId),
    /** The application pack as a .docx (nothing stored; the budget lines travel in the call). */
    pack: (input: ParsedInput<'applications.pack'>) => applicationPack(ctx, input),
    setDeadline: (input: ParsedInput<'applications.setDeadline'>) => setDeadline(ctx, input),
    addScenario: (input: ParsedInput<'applications.addScenario'>) => addScenario(ctx, input),
    updateScenario: (input: ParsedInput<'applications.updateScenario'>) =>
      updateScenario(ctx, input),
    removeScenario: (input: ParsedInput<'applications.removeScenario'>) =>
      removeScenario(ctx, input),
    chooseScenario: (input: ParsedInput<'applications.chooseScenario'>) =>
      chooseScenario(ctx, input),
    caps: (input: ParsedInput<'applications.caps'>): Cap[] => capsOf(ctx, input.funderId),
    setCap: (input: ParsedInput<'applications.setCap'>) => setCap(ctx, input),
    removeCap: (input: ParsedInput<'applications.removeCap'>) => removeCap(ctx, input),
    createNextYear: (input: ParsedInput<'applications.createNextYear'>) =>
      createNextYear(ctx, input.grantId),
    funderOverview(input: ParsedInput<'applications.funderOverview'>) {
      assertFunder(ctx, input.funderId);
      return funderOverview(ctx, input.funderId);
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
