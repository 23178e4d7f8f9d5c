/**
 * Writing the example dataset through the ordinary services, in the order the rules need
 * (organisations, projects, grants, the ledger by date, rounds, key figures), marking every
 * record it creates. Each step is a named function over one ExampleWriter.
 */
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { movements } from '../../db/schema';
import {
  contract,
  type ExampleEntity,
  type Method,
  type ParsedInput,
} from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import { summariseIssues, toFieldIssues } from '../../src-shared/api/issues';
import { createAllocationsService } from '../allocations/allocations';
import { createRoundsService } from '../allocations/rounds';
import { createGrantsService } from '../grants/grants';
import { createMovementsService } from '../grants/movements';
import type { ServiceContext } from '../platform/context';
import { createCentresService } from '../registry/centres';
import { createFundersService } from '../registry/funders';
import { createOrganisationsService } from '../registry/organisations';
import { createProjectsService } from '../registry/projects';
import type { ExampleDataset } from './example-data-schema';
import { loadKeyFigures } from './example-key-figures';

export type CreatedRecord = { entity: ExampleEntity; entityId: number };

/** Validates an input with the method's contract schema, as the dispatcher would. */
export function parse<M extends Method>(method: M, value: unknown, what: string): ParsedInput<M> {
  const result = (contract[method].input as z.ZodType).safeParse(value);
  if (!result.success) {
    throw new AppError(
      'BAD_INPUT',
      `Eksempeldataene har en feil (${what}): ${summariseIssues(toFieldIssues(result.error))}`,
    );
  }
  return result.data as ParsedInput<M>;
}

/** The services, the records created so far, and the names → ids the dataset refers to. */
function createWriter(ctx: ServiceContext) {
  const centres = createCentresService(ctx);
  const funders = createFundersService(ctx);
  const orgs = createOrganisationsService(ctx);
  const projectsService = createProjectsService(ctx);
  const grantsService = createGrantsService(ctx);
  const movementsService = createMovementsService(ctx);
  const rounds = createRoundsService(ctx);
  const allocationsService = createAllocationsService(ctx);

  const created: { entity: ExampleEntity; entityId: number }[] = [];
  const mark = (entity: ExampleEntity, entityId: number) => created.push({ entity, entityId });
  const orgId = new Map<string, number>();
  const funderId = new Map<string, number>();
  const projectId = new Map<string, number>();
  const grantId = new Map<string, number>();
  const need = (map: Map<string, number>, name: string, what: string): number => {
    const found = map.get(name);
    if (found === undefined) {
      throw new AppError('BAD_INPUT', `Eksempeldataene viser til ukjent ${what}: ${name}.`);
    }
    return found;
  };
  return {
    ctx,
    centres,
    funders,
    orgs,
    projectsService,
    grantsService,
    movementsService,
    rounds,
    allocationsService,
    created,
    mark,
    orgId,
    funderId,
    projectId,
    grantId,
    need,
  };
}

type ExampleWriter = ReturnType<typeof createWriter>;

/** Funders, partners and member centres (with their first membership). */
function writeOrganisations(w: ExampleWriter, data: ExampleDataset): void {
  const { centres, funders, orgs, mark, orgId, funderId } = w;
  for (const f of data.funders) {
    const input = parse('funders.create', { ...f, orgNumber: null }, `tilskuddsyter ${f.name}`);
    const saved = funders.create(input);
    funderId.set(f.name, saved.id);
    orgId.set(f.name, saved.id);
    mark('organisation', saved.id);
  }
  for (const p of data.partners) {
    const saved = orgs.create(parse('organisations.create', p, `samarbeidspartner ${p.name}`));
    orgId.set(p.name, saved.id);
    mark('organisation', saved.id);
  }
  for (const c of data.centres) {
    const [first] = c.memberships;
    const { memberships: _m, ...fields } = c;
    const saved = centres.create(
      parse('centres.create', { ...fields, joinedDate: first?.joinedDate }, `senter ${c.name}`),
    );
    orgId.set(c.name, saved.id);
    mark('organisation', saved.id);
    const membership = saved.memberships[0];
    if (membership && first) {
      mark('membership', membership.id);
      if (first.leftDate !== null || first.note) {
        centres.updateMembership(
          parse(
            'centres.updateMembership',
            {
              id: membership.id,
              joinedDate: membership.joinedDate,
              leftDate: first.leftDate,
              note: first.note ?? null,
            },
            `medlemskap for ${c.name}`,
          ),
        );
      }
    }
  }
}

/** Projects (a tiltak after its parent) and their partners. */
function writeProjects(w: ExampleWriter, data: ExampleDataset): void {
  const { projectsService, mark, orgId, projectId, need } = w;
  for (const p of data.projects) {
    const { parent, partners, ...fields } = p;
    const saved = projectsService.create(
      parse(
        'projects.create',
        { ...fields, parentId: parent === undefined ? null : need(projectId, parent, 'tiltak') },
        `prosjekt ${p.name}`,
      ),
    );
    projectId.set(p.name, saved.id);
    mark('project', saved.id);
    for (const partner of partners) {
      const link = projectsService.addPartner(
        parse(
          'projects.addPartner',
          {
            projectId: saved.id,
            organisationId: need(orgId, partner.name, 'samarbeidspartner'),
            role: partner.role ?? null,
          },
          `samarbeidspartner ${partner.name} i ${p.name}`,
        ),
      );
      mark('project_partner', link.id);
    }
  }
}

/** Grants, each applied for and awarded. */
function writeGrants(w: ExampleWriter, data: ExampleDataset): void {
  const { grantsService, mark, funderId, projectId, grantId, need } = w;
  for (const g of data.grants) {
    const { project, funder, awardedOre, decisionDate, ...fields } = g;
    const what = `tilskudd ${g.title}`;
    const saved = grantsService.create(
      parse(
        'grants.create',
        {
          ...fields,
          projectId: need(projectId, project, 'prosjekt'),
          funderId: need(funderId, funder, 'tilskuddsyter'),
        },
        what,
      ),
    );
    grantId.set(g.title, saved.id);
    mark('grant', saved.id);
    grantsService.setStatus(parse('grants.setStatus', { id: saved.id, status: 'sokt' }, what));
    grantsService.setStatus(
      parse(
        'grants.setStatus',
        { id: saved.id, status: 'innvilget', awardedOre, decisionDate },
        what,
      ),
    );
  }
}

function writeLedger(w: ExampleWriter, data: ExampleDataset): void {
  const { movementsService, mark, grantId, need } = w;
  // Ledger rows in date order, transfers among them, so every balance check sees the money
  // that was there on the day.
  const ledger = [
    ...data.movements.map((m) => ({ date: m.date, run: () => record(m) })),
    ...data.transfers.map((t) => ({ date: t.date, run: () => transfer(t) })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  function record(m: ExampleDataset['movements'][number]) {
    const { grant, ...fields } = m;
    const saved = movementsService.record(
      parse(
        'movements.record',
        { ...fields, grantId: need(grantId, grant, 'tilskudd') },
        `bevegelse på ${grant}`,
      ),
    );
    mark('movement', saved.id);
  }
  function transfer(t: ExampleDataset['transfers'][number]) {
    const { fromGrant, toGrant, ...fields } = t;
    const saved = movementsService.transfer(
      parse(
        'movements.transfer',
        {
          ...fields,
          fromGrantId: need(grantId, fromGrant, 'tilskudd'),
          toGrantId: need(grantId, toGrant, 'tilskudd'),
        },
        `overføring fra ${fromGrant} til ${toGrant}`,
      ),
    );
    mark('movement', saved.out.id);
    mark('movement', saved.in.id);
  }
  for (const step of ledger) step.run();
}

/** Rounds: opened, applied for, decided and (where the dataset says) paid. */
function writeRounds(w: ExampleWriter, data: ExampleDataset): void {
  const { rounds, allocationsService, mark, orgId, grantId, need } = w;
  for (const r of data.rounds) {
    const what = `tildelingsrunde ${r.name}`;
    const opened = rounds.create(
      parse(
        'rounds.create',
        {
          grantId: need(grantId, r.grant, 'tilskudd'),
          name: r.name,
          applicationDeadline: r.applicationDeadline,
          activityFrom: r.activityFrom,
          activityTo: r.activityTo,
          reportDeadline: r.reportDeadline,
          notes: r.notes ?? null,
        },
        what,
      ),
    );
    mark('round', opened.id);
    const applied = allocationsService.saveApplications(
      parse(
        'allocations.saveApplications',
        {
          roundId: opened.id,
          rows: r.allocations.map((a) => ({
            centreId: need(orgId, a.centre, 'senter'),
            appliedOre: a.appliedOre,
            purpose: a.purpose ?? null,
            receivedDate: a.receivedDate,
          })),
        },
        what,
      ),
    );
    const byCentre = new Map(applied.allocations.map((a) => [a.centreId, a.id] as const));
    for (const a of applied.allocations) mark('allocation', a.id);
    const decided = allocationsService.decide(
      parse(
        'allocations.decide',
        {
          roundId: opened.id,
          decisionDate: r.decisionDate,
          awards: r.allocations.map((a) => ({
            allocationId: byCentre.get(need(orgId, a.centre, 'senter')),
            awardedOre: a.awardedOre,
          })),
        },
        what,
      ),
    );
    if (r.paidDate !== null) {
      allocationsService.markPaid(
        parse(
          'allocations.markPaid',
          { allocationIds: decided.allocations.map((a) => a.id), date: r.paidDate },
          what,
        ),
      );
    }
  }
}

/** Writes the dataset through the services; returns the records it created. */
export function writeExampleData(ctx: ServiceContext, data: ExampleDataset): CreatedRecord[] {
  const w = createWriter(ctx);
  const { created, mark, projectId, grantId, need } = w;
  writeOrganisations(w, data);
  writeProjects(w, data);
  writeGrants(w, data);
  writeLedger(w, data);
  writeRounds(w, data);
  loadKeyFigures(ctx, data, (name) => need(projectId, name, 'prosjekt'), parse);
  // Not loaded (yet): `organisation` (KSS's name and address) waits for the organisation
  // settings of the first-run screen, and so do the key figures for KSS as a whole (project
  // null); both stay in the file so nothing has to be re-typed.

  // Payouts are movements the allocation service wrote; they are example data too.
  const ids = [...grantId.values()];
  const known = new Set(created.filter((c) => c.entity === 'movement').map((c) => c.entityId));
  for (const m of ctx.db
    .select({ id: movements.id })
    .from(movements)
    .where(inArray(movements.grantId, ids))
    .all()) {
    if (!known.has(m.id)) mark('movement', m.id);
  }
  return created;
}
