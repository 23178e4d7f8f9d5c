/**
 * Kills during restore (scripts/crashtest.mjs, the restore phase). A template data folder is
 * made once per variant: a data file with two centres and 8 000 movements, and one verified
 * backup taken when only the first centre existed. Each run copies the template, a child
 * (crash-restore-child.ts) restores that backup and is SIGKILLed, either at a named restore
 * step (src-main/platform/restore-safety.ts) or after a random delay, and then the folder is
 * started as the app would start it:
 *
 * - variant `normal` (a restore from the running app): the next start must be normal mode with
 *   either the old data (both centres) or the restored data (the first centre only);
 * - variant `recovery` (a restore from the recovery screen over a damaged file): either the
 *   damaged file is still there, byte for byte, and the start is recovery mode for the same
 *   reason, or the start is normal mode with the restored data.
 *
 * In both, never «damaged» because of the kill: no hot journal, no leftover staging file or
 * `.partial-journal` after the start, integrity_check ok.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Envelope } from '../../src-shared/api/errors';
import {
  DATA_FILE_NAME,
  openCoreOrRecovery,
  startCore,
  type Core,
  type RecoveryCore,
} from '../../src-main/core';
import { acquireDataDirLock } from '../../src-main/platform/lock';
import { STAGING_SUFFIX, type RestoreStep } from '../../src-main/platform/restore-safety';
import { fill2024 } from '../helpers/safety';

export type RestoreVariant = 'normal' | 'recovery';
export type RestoreOutcome = 'old' | 'restored';

/** The steps a restore passes in each variant, in order. */
export const STEPS_BY_VARIANT: Record<RestoreVariant, RestoreStep[]> = {
  normal: [
    'staged',
    'safety-copy',
    'closed',
    'swap:staged-wal',
    'swap:side-files-removed',
    'swap:renamed',
    'swap:done',
    'reopened',
  ],
  recovery: [
    'staged',
    'kept-current',
    'swap:staged-wal',
    'swap:side-files-removed',
    'swap:renamed',
    'swap:done',
  ],
};

const FIRST = 'Krisesenter før kopien';
/** Movements in the template: a file of about 1.5 MB. */
const MOVEMENTS = 8000;
const SECOND = 'Krisesenter etter kopien';

export interface RestoreTemplate {
  root: string;
  variant: RestoreVariant;
  backupFileName: string;
  /** SHA-256 of the (damaged) data file in the recovery variant. */
  damagedHash: string | null;
}

const dataDirOf = (root: string) => path.join(root, 'data');
const backupDirOf = (root: string) => path.join(root, 'data-sikkerhetskopier');

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function coreOptions(root: string, migrationsDir: string) {
  return {
    dataDir: dataDirOf(root),
    migrationsDir,
    appVersion: 'krasjtest',
    actor: 'krasjtest',
    backups: { atStartup: false, daily: false },
    logger: { error: () => undefined },
  };
}

async function ok<T>(envelope: Promise<Envelope<unknown>>): Promise<T> {
  const e = await envelope;
  if (!e.ok) throw new Error(`crash-restore setup: ${JSON.stringify(e.error)}`);
  return e.value as T;
}

/** Builds the template folder for a variant (once per crash-test run). */
export async function makeRestoreTemplate(
  root: string,
  migrationsDir: string,
  variant: RestoreVariant,
): Promise<RestoreTemplate> {
  fs.mkdirSync(root, { recursive: true });
  const core = startCore(coreOptions(root, migrationsDir));
  try {
    await ok(
      core.dispatch('centres.create', {
        name: FIRST,
        driftsform: 'ideell',
        region: 'nord',
        joinedDate: '2020-01-01',
      }),
    );
    // Big enough that a random kill lands inside the copying, checking and converting.
    fill2024(core.database.sqlite, { centres: 5, grants: 20, movements: MOVEMENTS });
    const backup = await ok<{ fileName: string }>(core.dispatch('backups.create', {}));
    await ok(
      core.dispatch('centres.create', {
        name: SECOND,
        driftsform: 'iks',
        region: 'nord',
        joinedDate: '2020-01-01',
      }),
    );
    core.close();
    const dataFile = path.join(dataDirOf(root), DATA_FILE_NAME);
    let damagedHash: string | null = null;
    if (variant === 'recovery') {
      for (const s of ['-wal', '-shm']) fs.rmSync(`${dataFile}${s}`, { force: true });
      fs.writeFileSync(dataFile, randomBytes(256 * 1024));
      damagedHash = sha256(dataFile);
    }
    return { root, variant, backupFileName: backup.fileName, damagedHash };
  } finally {
    if (core.database.sqlite.open) core.close();
  }
}

/** A fresh copy of the template for one run; returns its data folder. */
export function copyTemplate(template: RestoreTemplate, runRoot: string): string {
  fs.rmSync(runRoot, { recursive: true, force: true });
  fs.cpSync(template.root, runRoot, { recursive: true });
  return dataDirOf(runRoot);
}

export interface RestoreCheck {
  outcome: RestoreOutcome | null;
  problems: string[];
}

/** Starts the folder as the app would after the kill and checks what it finds. */
export async function verifyAfterRestoreKill(
  template: RestoreTemplate,
  runRoot: string,
  migrationsDir: string,
): Promise<RestoreCheck> {
  const problems: string[] = [];
  const dataDir = dataDirOf(runRoot);
  const dataFile = path.join(dataDir, DATA_FILE_NAME);
  let release: () => void;
  try {
    release = acquireDataDirLock(dataDir);
  } catch (error) {
    return { outcome: null, problems: [`the killed child's lock was not taken over: ${error}`] };
  }
  let app: Core | RecoveryCore | null = null;
  let outcome: RestoreOutcome | null = null;
  try {
    app = openCoreOrRecovery(coreOptions(runRoot, migrationsDir));
    if (app.mode === 'recovery') {
      const sameDamage =
        template.variant === 'recovery' &&
        app.problem.kind === 'not-sqlite' &&
        fs.existsSync(dataFile) &&
        sha256(dataFile) === template.damagedHash;
      if (sameDamage) outcome = 'old';
      else problems.push(`the next start is in recovery mode: ${app.problem.message}`);
    } else {
      const envelope = await app.dispatch('centres.list', {});
      const names = envelope.ok
        ? (envelope.value as { rows: { name: string }[] }).rows.map((c) => c.name)
        : [];
      const has = (n: string) => names.includes(n);
      if (has(FIRST) && !has(SECOND)) outcome = 'restored';
      else if (template.variant === 'normal' && has(FIRST) && has(SECOND)) outcome = 'old';
      else problems.push(`neither the old nor the restored data: ${JSON.stringify(names)}`);
      const integrity = app.database.sqlite.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
      const movements = app.database.sqlite
        .prepare('select count(*) as n from movements')
        .get() as {
        n: number;
      };
      if (movements.n !== MOVEMENTS) problems.push(`${movements.n} movements, not ${MOVEMENTS}`);
    }
    const leftovers = [
      ...['', '-journal', '-wal', '-shm']
        .map((s) => `${dataFile}${STAGING_SUFFIX}${s}`)
        .filter((f) => fs.existsSync(f)),
      ...(fs.existsSync(`${dataFile}-journal`) ? [`${dataFile}-journal`] : []),
      ...fs
        .readdirSync(backupDirOf(runRoot))
        .filter((n) => /\.partial(-journal|-wal|-shm)?$/.test(n))
        .map((n) => path.join(backupDirOf(runRoot), n)),
    ];
    if (leftovers.length) problems.push(`left after the start: ${leftovers.join(', ')}`);
  } catch (error) {
    problems.push(`the next start failed: ${error instanceof Error ? error.stack : error}`);
  } finally {
    app?.close();
    release();
  }
  return { outcome, problems };
}
