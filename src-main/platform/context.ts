import type Database from 'better-sqlite3';
import { auditLog } from '../../db/schema';
import type { IsoDate } from '../../src-shared/kernel/dates';
import { isoDateFromMs } from '../../src-shared/kernel/dates';
import { withoutComputed } from '../../src-shared/safety/audit-fields';
import type { Db } from './database';
import type { BackupController } from './backup-controller';

/** Time as the services see it; tests pass a fixed clock. */
export interface Clock {
  nowMs(): number;
  today(): IsoDate;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  today: () => isoDateFromMs(Date.now()),
};

/** A clock stuck at one instant, for tests and demos. */
export function fixedClock(iso: IsoDate, hour = 12): Clock {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const ms = new Date(y, m - 1, d, hour).getTime();
  return { nowMs: () => ms, today: () => iso };
}

/** What every service factory receives. */
export interface ServiceContext {
  db: Db;
  sqlite: Database.Database;
  clock: Clock;
  /** Who makes the changes (the OS user name on a desktop). */
  actor: string;
  /** Backups, supplied by the core; services call `backupBeforeRisk` from ./backups. */
  backups?: BackupController;
  /** better-sqlite3's binary for this runtime (Electron), for connections in worker threads. */
  nativeBinding?: string;
}

export type AuditAction = 'create' | 'update' | 'delete';

/**
 * Appends one change to the audit log inside the caller's transaction. Computed fields some
 * records carry (totals, counts, hashes: AUDIT_COMPUTED_FIELDS) are left out: they are not
 * changes anyone made.
 */
export function recordChange(
  ctx: ServiceContext,
  change: {
    entity: string;
    entityId: number;
    action: AuditAction;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
  },
): void {
  ctx.db
    .insert(auditLog)
    .values({
      atMs: ctx.clock.nowMs(),
      actor: ctx.actor,
      entity: change.entity,
      entityId: change.entityId,
      action: change.action,
      beforeJson:
        change.before === undefined
          ? null
          : JSON.stringify(withoutComputed(change.entity, change.before)),
      afterJson:
        change.after === undefined
          ? null
          : JSON.stringify(withoutComputed(change.entity, change.after)),
      reason: change.reason ?? null,
    })
    .run();
}

/** Case-insensitive key for unique names (Norwegian locale, so Ø and ø match). */
export function nameKey(name: string): string {
  // NFC first: "å" pasted as "a" + combining ring must clash with a typed "å".
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb-NO');
}
