/**
 * The example dataset (Årsmelding 2024) for a first run: loads db/seed/example-2024.json
 * through the ordinary services, marks what it created, and removes it again in one step.
 *
 * Loading: every record goes through the contract's zod input schema and the same service
 * function the UI calls, so every rule, check and change-log entry applies; all of it runs in
 * ONE transaction (all or nothing). A verified backup is taken first (reason «pre-import»,
 * which the rotation keeps among the ten newest risk copies). A database that already holds
 * data is refused (CONFLICT) unless the caller confirms.
 *
 * Marking: the tables `example_data_loads` (the load, its backup and the last change-log id it
 * wrote) and `example_records` (entity + id of each record it created). A table rather than a
 * settings key: the marks are written in the load's own transaction, the UI can ask per record
 * («Eksempeldata»), and they travel with the data file through backups and restores.
 *
 * Removing: the ledger (movements), the change log and fiscal-year events are append-only by
 * design (triggers), so example rows cannot be deleted without breaking those guarantees.
 * Instead «remove» restores the verified copy taken just before the load through the existing
 * backup/restore service — which itself first takes a safety copy of the data as it is. That
 * gives back exactly the database as it was before (empty on a first run), with no trace of
 * the example data. Changes made after the load would go too, so they must be confirmed.
 */
import { count, desc, eq, gt, inArray, max } from 'drizzle-orm';
import type { z } from 'zod';
import {
  allocationRounds,
  auditLog,
  exampleDataLoads,
  exampleRecords,
  fiscalYearEvents,
  grants,
  imports,
  movements,
  organisations,
  projects,
} from '../../db/schema';
import dataset from '../../db/seed/example-2024.json';
import {
  contract,
  type ExampleDataStatus,
  type ExampleEntity,
  type Method,
  type Output,
  type ParsedInput,
  type RestoreResult,
} from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import { summariseIssues, toFieldIssues } from '../../src-shared/api/issues';
import { createAllocationsService, createRoundsService } from '../allocations/allocations';
import { backupBeforeRisk } from '../platform/backup-controller';
import { createCentresService } from '../registry/centres';
import { nameKey, type ServiceContext } from '../platform/context';
import { ExampleDataset } from './example-data-schema';
import { loadKeyFigures } from './example-key-figures';
import { createGrantsService } from '../grants/grants';
import { createMovementsService } from '../grants/movements';
import { createFundersService, createOrganisationsService } from '../registry/organisations';
import { createProjectsService } from '../registry/projects';

/** The bundled dataset, checked against its schema (a broken file is a programming error). */
export function exampleDataset(): ExampleDataset {
  return ExampleDataset.parse(dataset);
}

export function createExampleDataService(ctx: ServiceContext) {
  const { db } = ctx;

  /** Validates an input with the method's contract schema, as the dispatcher would. */
  function parse<M extends Method>(method: M, value: unknown, what: string): ParsedInput<M> {
    const result = (contract[method].input as z.ZodType).safeParse(value);
    if (!result.success) {
      throw new AppError(
        'BAD_INPUT',
        `Eksempeldataene har en feil (${what}): ${summariseIssues(toFieldIssues(result.error))}`,
      );
    }
    return result.data as ParsedInput<M>;
  }

  function currentLoad() {
    return db.select().from(exampleDataLoads).orderBy(desc(exampleDataLoads.id)).get();
  }

  /**
   * Whether the database holds records of its own. Settings (account codes, and whatever the
   * first-run screen stores) are configuration, not data: they do not make a load ask first.
   */
  function hasData(): boolean {
    const tables = [
      organisations,
      projects,
      grants,
      movements,
      allocationRounds,
      fiscalYearEvents,
      imports,
    ];
    return tables.some((t) => (db.select({ n: count() }).from(t).get()?.n ?? 0) > 0);
  }

  function backupExists(fileName: string | null): boolean {
    if (fileName === null || !ctx.backups) return false;
    try {
      return ctx.backups.list().some((b) => b.fileName === fileName);
    } catch {
      return false;
    }
  }

  function status(): ExampleDataStatus {
    const load = currentLoad();
    if (!load) {
      return {
        loaded: false,
        version: null,
        source: null,
        loadedAtMs: null,
        databaseHasData: hasData(),
        backupFileName: null,
        canRemove: false,
        changesSinceLoad: 0,
        records: [],
      };
    }
    const changes =
      db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, load.lastAuditId)).get()?.n ??
      0;
    const records = db
      .select({ entity: exampleRecords.entity, entityId: exampleRecords.entityId })
      .from(exampleRecords)
      .where(eq(exampleRecords.loadId, load.id))
      .orderBy(exampleRecords.id)
      .all();
    return {
      loaded: true,
      version: load.version,
      source: load.source,
      loadedAtMs: load.loadedAtMs,
      databaseHasData: true,
      backupFileName: load.backupFileName,
      canRemove: backupExists(load.backupFileName),
      changesSinceLoad: changes,
      records,
    };
  }

  /** Names in the dataset that the database already has (they would clash). */
  function clashes(data: ExampleDataset): string[] {
    const orgNames = [
      ...data.funders.map((f) => f.name),
      ...data.partners.map((p) => p.name),
      ...data.centres.map((c) => c.name),
    ];
    const found: string[] = [];
    const orgKeys = orgNames.map(nameKey);
    if (orgKeys.length > 0) {
      for (const r of db
        .select({ name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.nameKey, orgKeys))
        .all())
        found.push(r.name);
    }
    const projectKeys = data.projects.map((p) => nameKey(p.name));
    if (projectKeys.length > 0) {
      for (const r of db
        .select({ name: projects.name })
        .from(projects)
        .where(inArray(projects.nameKey, projectKeys))
        .all())
        found.push(r.name);
    }
    return found;
  }

  /** Writes the dataset through the services; returns the records it created. */
  function write(data: ExampleDataset): { entity: ExampleEntity; entityId: number }[] {
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
    loadKeyFigures(ctx, data, (name) => need(projectId, name, 'prosjekt'), parse);
    // Not loaded (yet): `organisation` (KSS's name and address) waits for the organisation
    // settings of the first-run screen, and so do the key figures for KSS as a whole (project
    // null); both stay in the file so nothing has to be re-typed.

    // Payouts are movements the allocation service wrote; they are example data too.
    const ids = [...grantId.values()];
    const known = new Set(created.filter((c) => c.entity === 'movement').map((c) => c.entityId));
    for (const m of db
      .select({ id: movements.id })
      .from(movements)
      .where(inArray(movements.grantId, ids))
      .all()) {
      if (!known.has(m.id)) mark('movement', m.id);
    }
    return created;
  }

  return {
    status,

    /**
     * Loads the example dataset: refused when it is already loaded, and (CONFLICT) on a
     * database that has data unless `confirmReplace`; a verified backup first, then all
     * records in one transaction.
     */
    load(input: ParsedInput<'exampleData.load'>): Output<'exampleData.load'> {
      if (currentLoad()) {
        throw new AppError(
          'CONFLICT',
          'Eksempeldataene er allerede lastet inn. Fjern dem først hvis du vil laste dem inn på nytt.',
        );
      }
      if (hasData() && !input.confirmReplace) {
        throw new AppError(
          'CONFLICT',
          'Databasen har allerede data. Bekreft at eksempeldataene skal lastes inn likevel; det tas en sikkerhetskopi først, og «Fjern eksempeldata» setter databasen tilbake slik den er nå.',
        );
      }
      const data = exampleDataset();
      const clash = clashes(data);
      if (clash.length > 0) {
        throw new AppError(
          'CONFLICT',
          `Eksempeldataene kan ikke lastes inn fordi databasen allerede har ${clash.length === 1 ? 'en post' : 'poster'} med samme navn: ${clash.slice(0, 5).join(', ')}${clash.length > 5 ? ` (og ${clash.length - 5} til)` : ''}.`,
        );
      }
      const backup = backupBeforeRisk(ctx, 'pre-import');
      ctx.sqlite.transaction(() => {
        const created = write(data);
        const lastAuditId =
          db
            .select({ m: max(auditLog.id) })
            .from(auditLog)
            .get()?.m ?? 0;
        const load = db
          .insert(exampleDataLoads)
          .values({
            version: data.version,
            source: data.source,
            loadedAtMs: ctx.clock.nowMs(),
            actor: ctx.actor,
            backupFileName: backup?.fileName ?? null,
            lastAuditId,
          })
          .returning({ id: exampleDataLoads.id })
          .get();
        for (const r of created) {
          db.insert(exampleRecords)
            .values({ loadId: load.id, entity: r.entity, entityId: r.entityId })
            .run();
        }
      })();
      return { ...status(), backup };
    },

    /**
     * Removes the example data by restoring the copy taken just before the load. Refused when
     * nothing is loaded, when that copy is gone, or (unless confirmed) when changes were made
     * after the load.
     */
    remove(input: ParsedInput<'exampleData.remove'>): RestoreResult {
      const load = currentLoad();
      if (!load) throw new AppError('CONFLICT', 'Det er ingen eksempeldata å fjerne.');
      if (!ctx.backups || load.backupFileName === null || !backupExists(load.backupFileName)) {
        throw new AppError(
          'CONFLICT',
          'Fant ikke sikkerhetskopien fra før eksempeldataene ble lastet inn, så de kan ikke fjernes i ett steg. Gjenopprett en eldre kopi under «Sikkerhetskopier».',
        );
      }
      const changes =
        db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, load.lastAuditId)).get()
          ?.n ?? 0;
      if (changes > 0 && !input.confirmDiscardChanges) {
        throw new AppError(
          'CONFLICT',
          `Det er gjort ${changes} ${changes === 1 ? 'endring' : 'endringer'} etter at eksempeldataene ble lastet inn. De forsvinner også når eksempeldataene fjernes (de tas vare på i en sikkerhetskopi først). Bekreft for å fortsette.`,
        );
      }
      return ctx.backups.restore(load.backupFileName);
    },
  };
}
