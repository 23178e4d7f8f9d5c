/**
 * Test scaffolding: a real migrated SQLite file in a temp folder per test, a fixed clock,
 * the real services and dispatch over it, and fixture builders for member centres taken
 * from KSS's 2024 annual report. No database mocks anywhere.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Centre, Input, Method, Output } from '../../src-shared/api/contract';
import type { ApiError, Envelope } from '../../src-shared/api/errors';
import type { Dispatch, Logger } from '../../src-main/transport/dispatch';
import type { Handlers } from '../../src-main/transport/handlers';
import { startCore, type Core } from '../../src-main/core';
import { openDatabase, type Db } from '../../src-main/platform/database';
import { createServices, type Services } from '../../src-main/services';
import { fixedClock, type Clock, type ServiceContext } from '../../src-main/platform/context';
import { centreInput, MEMBERSHIP_2024, type CentreKey } from './fixtures';
import { MIGRATIONS_DIR } from './paths';
import { tempDir } from './temp';

export { MIGRATIONS_DIR, REPO_ROOT } from './paths';
export { tempDir, type TempDir } from './temp';

/** The date every test lives on unless it asks for another: mid-June 2024. */
export const TODAY = '2024-06-15';
export const ACTOR = 'administrasjonsleder';

export interface TestDb {
  db: Db;
  sqlite: Database.Database;
  file: string;
  dir: string;
  clock: Clock;
  ctx: ServiceContext;
  cleanup(): void;
}

/** A real SQLite file, migrated with db/migrations, and a clock fixed at `today`. */
export function freshDb(options: { today?: string } = {}): TestDb {
  const tmp = tempDir();
  const file = path.join(tmp.dir, 'test.sqlite');
  const opened = openDatabase(file, MIGRATIONS_DIR);
  const clock = fixedClock(options.today ?? TODAY);
  const ctx: ServiceContext = { db: opened.db, sqlite: opened.sqlite, clock, actor: ACTOR };
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    file,
    dir: tmp.dir,
    clock,
    ctx,
    cleanup: () => {
      if (opened.sqlite.open) opened.close();
      tmp.cleanup();
    },
  };
}

/** The real services over a fresh database. */
export function makeServices(options: { today?: string } = {}): TestDb & { services: Services } {
  const t = freshDb(options);
  return { ...t, services: createServices(t.ctx) };
}

/** A logger that remembers what it was told, so tests can see internal errors were logged. */
export function recordingLogger(): Logger & { calls: { message: string; detail: unknown }[] } {
  const calls: { message: string; detail: unknown }[] = [];
  return { calls, error: (message, detail) => calls.push({ message, detail }) };
}

export interface TestApi {
  core: Core;
  dispatch: Dispatch;
  services: Services;
  sqlite: Database.Database;
  dataDir: string;
  logger: ReturnType<typeof recordingLogger>;
  /** Calls a method and returns its value; fails the test with the error envelope otherwise. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Calls a method that must fail, and returns its error. */
  fail(method: string, input: unknown): Promise<ApiError>;
  cleanup(): void;
}

/** The whole core (database, services, handlers, dispatch) on a temp data folder. */
export function makeDispatch(
  options: { today?: string; overrides?: Partial<Handlers> } = {},
): TestApi {
  const tmp = tempDir();
  const logger = recordingLogger();
  const core = startCore({
    dataDir: tmp.dir,
    migrationsDir: MIGRATIONS_DIR,
    appVersion: '0.0.0-test',
    clock: fixedClock(options.today ?? TODAY),
    actor: ACTOR,
    logger,
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  const api: TestApi = {
    core,
    dispatch: core.dispatch,
    services: core.services,
    sqlite: core.database.sqlite,
    dataDir: tmp.dir,
    logger,
    async call(method, input) {
      return unwrap(await core.dispatch(method, input)) as never;
    },
    async fail(method, input) {
      const envelope = await core.dispatch(method, input);
      if (envelope.ok) {
        throw new Error(`${method} should have failed but answered ${JSON.stringify(envelope)}`);
      }
      return envelope.error;
    },
    cleanup: () => {
      if (core.database.sqlite.open) core.close();
      tmp.cleanup();
    },
  };
  return api;
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) {
    throw new Error(`Expected ok, got ${JSON.stringify(envelope.error)}`);
  }
  return envelope.value;
}

// ---------------------------------------------------------------- logical dump

/**
 * Every user table's rows (in rowid order) — to prove that a refused change changed nothing.
 * A virtual table (the FTS5 search index) is dumped as itself; its shadow tables
 * (`<name>_data`, `_config` …, some WITHOUT ROWID) are its storage and are left out.
 */
export function dumpDatabase(sqlite: Database.Database): Record<string, unknown[]> {
  const tables = sqlite
    .prepare(
      `select name from sqlite_master t where type = 'table'
         and name not like 'sqlite_%' and name <> '__drizzle_migrations'
         and not exists (select 1 from sqlite_master v where v.type = 'table'
                          and v.sql like 'CREATE VIRTUAL TABLE%'
                          and t.name like v.name || '!_%' escape '!')
       order by name`,
    )
    .all() as { name: string }[];
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    dump[name] = sqlite.prepare(`select * from "${name}" order by rowid`).all();
  }
  return dump;
}

export function countRows(sqlite: Database.Database, table: string): number {
  return (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
}

export interface AuditRow {
  id: number;
  at_ms: number;
  actor: string;
  entity: string;
  entity_id: number;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
}

export function auditRows(sqlite: Database.Database): AuditRow[] {
  return sqlite.prepare('select * from audit_log order by id').all() as AuditRow[];
}

// ---------------------------------------------------------------- member centres from the 2024 report

export * from './fixtures';

/**
 * Registers a centre and its 2024 membership period (joined, and left where the report
 * says it leaves at the turn of 2025).
 */
export async function registerCentre(api: TestApi, key: CentreKey): Promise<Centre> {
  const { joinedDate, leftDate } = MEMBERSHIP_2024[key];
  const created = await api.call('centres.create', centreInput(key, { joinedDate }));
  if (leftDate === null) return created;
  const membership = created.memberships[0];
  if (!membership) throw new Error('centres.create did not record the membership');
  return api.call('centres.updateMembership', {
    id: membership.id,
    joinedDate,
    leftDate,
    note: 'Meldt ut ved årsskiftet 2025.',
  });
}

/** Registers several of the report's centres; returns them by key. */
export async function registerCentres<K extends CentreKey>(
  api: TestApi,
  keys: readonly K[],
): Promise<Record<K, Centre>> {
  const out = {} as Record<K, Centre>;
  for (const key of keys) out[key] = await registerCentre(api, key);
  return out;
}
