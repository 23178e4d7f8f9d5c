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
 *
 * Writing the dataset is in example-data-write.ts; this file holds the status, load and
 * remove steps as named functions taking the context, wired by the factory.
 */
import { count, desc, eq, gt, inArray, max } from 'drizzle-orm';
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
import type {
  ExampleDataStatus,
  Output,
  ParsedInput,
  RestoreResult,
} from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import { backupBeforeRisk } from '../platform/backup-controller';
import { nameKey, type ServiceContext } from '../platform/context';
import { ExampleDataset } from './example-data-schema';
import { writeExampleData } from './example-data-write';

type Db = ServiceContext['db'];

/** The bundled dataset, checked against its schema (a broken file is a programming error). */
export function exampleDataset(): ExampleDataset {
  return ExampleDataset.parse(dataset);
}

function currentLoad(db: Db) {
  return db.select().from(exampleDataLoads).orderBy(desc(exampleDataLoads.id)).get();
}

/**
 * Whether the database holds records of its own. Settings (account codes, and whatever the
 * first-run screen stores) are configuration, not data: they do not make a load ask first.
 */
function hasData(db: Db): boolean {
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

function backupExists(ctx: ServiceContext, fileName: string | null): boolean {
  if (fileName === null || !ctx.backups) return false;
  try {
    return ctx.backups.list().some((b) => b.fileName === fileName);
  } catch {
    return false;
  }
}

function status(ctx: ServiceContext): ExampleDataStatus {
  const { db } = ctx;
  const load = currentLoad(db);
  if (!load) {
    return {
      loaded: false,
      version: null,
      source: null,
      loadedAtMs: null,
      databaseHasData: hasData(db),
      backupFileName: null,
      canRemove: false,
      changesSinceLoad: 0,
      records: [],
    };
  }
  const changes =
    db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, load.lastAuditId)).get()?.n ?? 0;
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
    canRemove: backupExists(ctx, load.backupFileName),
    changesSinceLoad: changes,
    records,
  };
}

/** Names in the dataset that the database already has (they would clash). */
function clashes(db: Db, data: ExampleDataset): string[] {
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

/**
 * Loads the example dataset: refused when it is already loaded, and (CONFLICT) on a
 * database that has data unless `confirmReplace`; a verified backup first, then all
 * records in one transaction.
 */
function load(
  ctx: ServiceContext,
  input: ParsedInput<'exampleData.load'>,
): Output<'exampleData.load'> {
  const { db } = ctx;
  if (currentLoad(db)) {
    throw new AppError(
      'CONFLICT',
      'Eksempeldataene er allerede lastet inn. Fjern dem først hvis du vil laste dem inn på nytt.',
    );
  }
  if (hasData(db) && !input.confirmReplace) {
    throw new AppError(
      'CONFLICT',
      'Databasen har allerede data. Bekreft at eksempeldataene skal lastes inn likevel; det tas en sikkerhetskopi først, og «Fjern eksempeldata» setter databasen tilbake slik den er nå.',
    );
  }
  const data = exampleDataset();
  const clash = clashes(db, data);
  if (clash.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Eksempeldataene kan ikke lastes inn fordi databasen allerede har ${clash.length === 1 ? 'en post' : 'poster'} med samme navn: ${clash.slice(0, 5).join(', ')}${clash.length > 5 ? ` (og ${clash.length - 5} til)` : ''}.`,
    );
  }
  const backup = backupBeforeRisk(ctx, 'pre-import');
  ctx.sqlite.transaction(() => {
    const created = writeExampleData(ctx, data);
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
  return { ...status(ctx), backup };
}

/**
 * Removes the example data by restoring the copy taken just before the load. Refused when
 * nothing is loaded, when that copy is gone, or (unless confirmed) when changes were made
 * after the load.
 */
function remove(ctx: ServiceContext, input: ParsedInput<'exampleData.remove'>): RestoreResult {
  const { db } = ctx;
  const load = currentLoad(db);
  if (!load) throw new AppError('CONFLICT', 'Det er ingen eksempeldata å fjerne.');
  if (!ctx.backups || load.backupFileName === null || !backupExists(ctx, load.backupFileName)) {
    throw new AppError(
      'CONFLICT',
      'Fant ikke sikkerhetskopien fra før eksempeldataene ble lastet inn, så de kan ikke fjernes i ett steg. Gjenopprett en eldre kopi under «Sikkerhetskopier».',
    );
  }
  const changes =
    db.select({ n: count() }).from(auditLog).where(gt(auditLog.id, load.lastAuditId)).get()?.n ?? 0;
  if (changes > 0 && !input.confirmDiscardChanges) {
    throw new AppError(
      'CONFLICT',
      `Det er gjort ${changes} ${changes === 1 ? 'endring' : 'endringer'} etter at eksempeldataene ble lastet inn. De forsvinner også når eksempeldataene fjernes (de tas vare på i en sikkerhetskopi først). Bekreft for å fortsette.`,
    );
  }
  return ctx.backups.restore(load.backupFileName);
}

export function createExampleDataService(ctx: ServiceContext) {
  return {
    status: () => status(ctx),
    load: (input: ParsedInput<'exampleData.load'>) => load(ctx, input),
    remove: (input: ParsedInput<'exampleData.remove'>) => remove(ctx, input),
  };
}
