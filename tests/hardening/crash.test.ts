/**
 * Crash safety, short version for `npm test`: scripts/crashtest.mjs with 20 SIGKILLs of a child
 * writing through the real services (the full run is `npm run crashtest`, 200 kills). After
 * each kill the script reopens the data folder and checks integrity, foreign keys, the balance
 * and allocation invariants, the change log and every write the child reported as committed.
 *
 * And the restore phase on its own: a restore SIGKILLed at every instrumented step, in the
 * running app and from the recovery screen, plus a few random moments; the next start must be
 * normal mode with the old or the restored data (or the same damaged file, for a restore over
 * one that was killed before the swap), never «damaged».
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths';

interface CrashResult {
  kills: number;
  failures: number;
  committedWrites: number;
  killsDuringStartup: number;
  seconds: number;
  seed: number;
  counts: { grants: number; movements: number; rounds: number; allocations: number };
  firstFailure: unknown;
  restore: {
    runs: number;
    stepRuns: number;
    randomRuns: number;
    uncutRuns: number;
    failures: number;
    outcomes: { old: number; restored: number };
    byStep: Record<string, 'old' | 'restored' | 'failed'>;
    firstFailure: unknown;
  } | null;
}

function runCrashTest(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts/crashtest.mjs'), ...args, '--json'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('crash safety', () => {
  it('loses no committed write and breaks no invariant over 20 random SIGKILLs', async () => {
    const { code, output } = await runCrashTest(['--kills', '20', '--no-restore']);
    const last = output.trim().split('\n').at(-1) ?? '';
    expect(last.startsWith('{'), output).toBe(true);
    const result = JSON.parse(last) as CrashResult;
    process.stdout.write(`${output.split('\n').find((l) => l.startsWith('crashtest:')) ?? ''}\n`);

    expect(result.firstFailure, output).toBeNull();
    expect(result.failures).toBe(0);
    expect(code).toBe(0);
    expect(result.kills).toBe(20);
    // The kills hit a child that was writing, not only ones still starting.
    expect(result.committedWrites).toBeGreaterThan(100);
    expect(result.counts.movements).toBeGreaterThan(20);
    expect(result.counts.allocations).toBeGreaterThan(0);
  }, 90_000);

  it('a restore killed at every step restarts normally with the old or the restored data', async () => {
    const { code, output } = await runCrashTest(['--kills', '0', '--restore-kills', '2']);
    const last = output.trim().split('\n').at(-1) ?? '';
    expect(last.startsWith('{'), output).toBe(true);
    const result = JSON.parse(last) as CrashResult;
    process.stdout.write(
      `${output.split('\n').find((l) => l.startsWith('crashtest restore:')) ?? ''}\n`,
    );

    const restore = result.restore;
    expect(restore?.firstFailure ?? null, output).toBeNull();
    expect(restore?.failures).toBe(0);
    expect(code).toBe(0);
    // Every step of both variants, each reached (the child killed itself there).
    expect(restore?.stepRuns).toBe(14);
    expect(restore?.randomRuns).toBe(2);
    expect(Object.values(restore?.byStep ?? {})).not.toContain('failed');
    // Before the rename the old data is there; from the rename on, the restored data.
    expect(restore?.byStep).toMatchObject({
      'normal:swap:side-files-removed': 'old',
      'normal:swap:renamed': 'restored',
      'normal:reopened': 'restored',
      'recovery:kept-current': 'old',
      'recovery:swap:renamed': 'restored',
    });
    expect(restore?.outcomes.old).toBeGreaterThan(0);
    expect(restore?.outcomes.restored).toBeGreaterThan(0);
  }, 240_000);
});
