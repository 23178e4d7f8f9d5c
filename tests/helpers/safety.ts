/**
 * Scaffolding for the data-safety tests: a core on a temp data folder whose default backup
 * folder (a sibling, `<dataDir>-sikkerhetskopier`) is inside the same temp folder, a clock the
 * test can move, a raw-SQL filler with the 2024 report's sizes, and a file hash.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Input, Method, Output } from '../../src-shared/api/contract';
import type { ApiError } from '../../src-shared/api/errors';
import { isoDateFromMs } from '../../src-shared/kernel/dates';
import { startCore, type Core, type CoreOptions } from '../../src-main/core';
import type { Clock } from '../../src-main/platform/context';
import { ACTOR, MIGRATIONS_DIR, recordingLogger, tempDir, unwrap } from './db';

export interface MovableClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
  advanceDays(days: number): void;
}

/** A clock at local `hour`:00 on `iso` that the test moves forward. */
export function movableClock(iso = '2024-06-15', hour = 12): MovableClock {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  let ms = new Date(y, m - 1, d, hour).getTime();
  return {
    nowMs: () => ms,
    today: () => isoDateFromMs(ms),
    set: (v) => {
      ms = v;
    },
    advance: (v) => {
      ms += v;
    },
    advanceDays: (days) => {
      const t = new Date(ms);
      ms = new Date(t.getFullYear(), t.getMonth(), t.getDate() + days, t.getHours()).getTime();
    },
  };
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface SafetyEnv {
  root: string;
  dataDir: string;
  dataFile: string;
  /** The default backup folder: a sibling of the data folder. */
  backupDir: string;
  clock: MovableClock;
  logger: ReturnType<typeof recordingLogger>;
  options: CoreOptions;
  cleanup(): void;
}

/** A temp root with `data/` (the data folder) and room for its sibling backup folder. */
export function safetyEnv(
  options: { today?: string; backups?: CoreOptions['backups'] } = {},
): SafetyEnv {
  const tmp = tempDir('tilskudd-safety-');
  const dataDir = path.join(tmp.dir, 'data');
  const clock = movableClock(options.today ?? '2024-06-15');
  const logger = recordingLogger();
  return {
    root: tmp.dir,
    dataDir,
    dataFile: path.join(dataDir, 'tilskudd.sqlite'),
    backupDir: path.join(tmp.dir, 'data-sikkerhetskopier'),
    clock,
    logger,
    options: {
      dataDir,
      migrationsDir: MIGRATIONS_DIR,
      appVersion: '0.0.0-test',
      clock,
      actor: ACTOR,
      logger,
      backups: options.backups ?? { atStartup: true, daily: false },
    },
    cleanup: tmp.cleanup,
  };
}

export interface CoreApi<C extends Pick<Core, 'dispatch'> = Core> {
  core: C;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  fail(method: string, input: unknown): Promise<ApiError>;
}

export function coreApi<C extends Pick<Core, 'dispatch'>>(core: C): CoreApi<C> {
  return {
    core,
    async call(method, input) {
      return unwrap(await core.dispatch(method, input)) as never;
    },
    async fail(method, input) {
      const envelope = await core.dispatch(method, input);
      if (envelope.ok) throw new Error(`${method} should have failed: ${JSON.stringify(envelope)}`);
      return envelope.error;
    },
  };
}

/** Starts the real core on the environment's data folder. */
export function startSafetyCore(env: SafetyEnv, extra: Partial<CoreOptions> = {}): CoreApi {
  return coreApi(startCore({ ...env.options, ...extra }));
}

export interface FillSizes {
  centres?: number;
  grants?: number;
  movements?: number;
}

/**
 * Fills a migrated database with data of the 2024 report's size (25 centres, 20 grants,
 * 2 000 movements by default) through raw SQL, in one transaction.
 */
export function fill2024(sqlite: Database.Database, sizes: FillSizes = {}): void {
  const centres = sizes.centres ?? 25;
  const grants = sizes.grants ?? 20;
  const movements = sizes.movements ?? 2000;
  const now = new Date(2024, 5, 15, 12).getTime();
  const types = ['received', 'admin_share', 'own_costs', 'paid_to_centre'] as const;
  sqlite.transaction(() => {
    const org = sqlite.prepare(
      `insert into organisations (name, name_key, notes, created_at_ms, updated_at_ms)
       values (?, ?, ?, ?, ?)`,
    );
    const centre = sqlite.prepare(
      `insert into member_centres (organisation_id, driftsform, region, contact_email)
       values (?, ?, ?, ?)`,
    );
    const membership = sqlite.prepare(
      `insert into memberships (centre_id, joined_date, created_at_ms) values (?, '2010-01-01', ?)`,
    );
    const drift = ['kommunalt', 'iks', 'stiftelse', 'ideell'];
    const regions = ['sor-ost', 'nord', 'midt-vest'];
    const centreIds: number[] = [];
    for (let i = 1; i <= centres; i++) {
      const name = `Krisesenter nr. ${i}`;
      const id = Number(org.run(name, name.toLowerCase(), null, now, now).lastInsertRowid);
      centre.run(id, drift[i % 4], regions[i % 3], `post${i}@krisesenter.no`);
      membership.run(id, now);
      centreIds.push(id);
    }
    const funderId = Number(
      org.run('Gjensidigestiftelsen', 'gjensidigestiftelsen', null, now, now).lastInsertRowid,
    );
    sqlite
      .prepare(`insert into funders (organisation_id, funder_type) values (?, 'stiftelse')`)
      .run(funderId);
    const projectId = Number(
      sqlite
        .prepare(
          `insert into projects (name, name_key, kind, kss_role, status, recurring, created_at_ms, updated_at_ms)
           values ('Juleaksjonen', 'juleaksjonen', 'prosjekt', 'forvalter', 'aktiv', 1, ?, ?)`,
        )
        .run(now, now).lastInsertRowid,
    );
    const grant = sqlite.prepare(
      `insert into grants (project_id, funder_id, title, status, awarded_ore, decision_date,
                           admin_rule, created_at_ms, updated_at_ms)
       values (?, ?, ?, 'innvilget', ?, '2024-03-01', 'none', ?, ?)`,
    );
    const grantIds: number[] = [];
    for (let i = 1; i <= grants; i++) {
      grantIds.push(
        Number(
          grant.run(projectId, funderId, `Juleaksjonen ${2004 + i}`, 194_500_000, now, now)
            .lastInsertRowid,
        ),
      );
    }
    const movement = sqlite.prepare(
      `insert into movements (grant_id, date, type, amount_ore, voucher_ref, note, centre_id,
                              created_at_ms, actor)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'administrasjonsleder')`,
    );
    for (let i = 0; i < movements; i++) {
      const type = types[i % types.length]!;
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String((i % 28) + 1).padStart(2, '0');
      movement.run(
        grantIds[i % grantIds.length],
        `2024-${month}-${day}`,
        type,
        100_000 + i,
        `B-${1000 + i}`,
        `Bevegelse ${i}`,
        type === 'paid_to_centre' ? centreIds[i % centreIds.length] : null,
        now,
      );
    }
  })();
}

/**
 * Writes a sidecar for a database file put into the backup folder by a test, as the app
 * writes one for its own copies: only copies with a verified sidecar are listed and usable.
 */
export function writeSidecar(file: string, createdAtMs: number): void {
  const sidecar = {
    format: 1,
    fileName: path.basename(file),
    createdAtMs,
    reason: 'manual',
    sizeBytes: fs.statSync(file).size,
    sha256: sha256File(file),
    verified: true,
    integrity: 'ok',
    counts: { centres: null, grants: null, movements: null },
    appVersion: '0.0.0-test',
    latestMigration: null,
  };
  fs.writeFileSync(`${file}.json`, JSON.stringify(sidecar, null, 2));
}
