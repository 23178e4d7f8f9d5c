/**
 * The start-up backup after the app answers (issue 14): the host starts serving first (the
 * HTTP server listens, or the window is loading), and the verified start-up copy is taken a
 * moment later, so opening a large data file does not wait for VACUUM INTO, integrity_check
 * and SHA-256. The copy is synchronous on the one connection, so it never overlaps another
 * backup; `takeStartupBackup` takes it at most once.
 */
import type { Backup } from '../src-shared/api/contract';
import type { Core, RecoveryCore } from './core';

/** How long after serving the start-up copy waits, so the first page can load first. */
export const STARTUP_BACKUP_DELAY_MS = 1500;

/**
 * Serves first, then schedules the start-up backup (normal mode only). Resolves with what
 * `serve` returned and a promise of the copy (null when none was due or it failed).
 */
export async function serveThenBackup<T>(
  core: Core | RecoveryCore,
  serve: () => Promise<T>,
  delayMs: number = STARTUP_BACKUP_DELAY_MS,
): Promise<{ served: T; startupBackup: Promise<Backup | null> }> {
  const served = await serve();
  const startupBackup = new Promise<Backup | null>((resolve) => {
    if (core.mode !== 'normal') {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => resolve(core.takeStartupBackup()), delayMs);
    // A pending copy must not keep the process alive on its own.
    timer.unref();
  });
  return { served, startupBackup };
}
