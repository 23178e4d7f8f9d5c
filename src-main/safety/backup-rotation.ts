/**
 * Rotation (after every new copy), restic's `--keep-*` rule over all verified copies, newest
 * first: the newest copy always; the newest of each of the last `keepDaily` days,
 * `keepWeekly` ISO weeks and `keepMonthly` months that have copies; and the newest
 * `keepManual` copies taken by hand or before a risky operation. Pure: no file system.
 */
import type { BackupReason } from '../../src-shared/api/contract';
import { isoDateFromMs } from '../../src-shared/kernel/dates';

/** Reasons whose copies the `keepManual` rule protects. */
export const MANUAL_REASONS: ReadonlySet<BackupReason> = new Set([
  'manual',
  'pre-restore',
  'pre-migration',
  'pre-import',
  'pre-year-close',
]);

export interface RotationRules {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  keepManual: number;
}

export const DEFAULT_RULES: RotationRules = {
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  keepManual: 10,
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO-8601 week of a local calendar date, as '2024-W24'. */
export function isoWeekKey(ms: number): string {
  const d = new Date(ms);
  const date = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

export interface RotationEntry {
  fileName: string;
  createdAtMs: number;
  reason: BackupReason;
}

/** Which copies the rotation rule keeps (see the module comment); the rest may be deleted. */
export function planRotation(
  entries: readonly RotationEntry[],
  rules: RotationRules,
): { keep: string[]; remove: string[] } {
  const sorted = [...entries].sort(
    (a, b) => b.createdAtMs - a.createdAtMs || b.fileName.localeCompare(a.fileName),
  );
  const keep = new Set<string>();
  const newest = sorted[0];
  if (newest) keep.add(newest.fileName);

  const buckets: [number, (ms: number) => string][] = [
    [rules.keepDaily, (ms) => isoDateFromMs(ms)],
    [rules.keepWeekly, isoWeekKey],
    [rules.keepMonthly, (ms) => isoDateFromMs(ms).slice(0, 7)],
  ];
  for (const [limit, keyOf] of buckets) {
    const seen = new Set<string>();
    for (const e of sorted) {
      if (seen.size >= limit) break;
      const key = keyOf(e.createdAtMs);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(e.fileName);
    }
  }
  let manual = 0;
  for (const e of sorted) {
    if (manual >= rules.keepManual) break;
    if (!MANUAL_REASONS.has(e.reason)) continue;
    manual++;
    keep.add(e.fileName);
  }
  return {
    keep: sorted.filter((e) => keep.has(e.fileName)).map((e) => e.fileName),
    remove: sorted.filter((e) => !keep.has(e.fileName)).map((e) => e.fileName),
  };
}
