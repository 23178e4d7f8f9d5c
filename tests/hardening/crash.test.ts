/**
 * Crash safety, short version for `npm test`: scripts/crashtest.mjs with 20 SIGKILLs of a child
 * writing through the real services (the full run is `npm run crashtest`, 200 kills). After
 * each kill the script reopens the data folder and checks integrity, foreign keys, the balance
 * and allocation invariants, the change log and every write the child reported as committed.
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
}

function runCrashTest(kills: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts/crashtest.mjs'), '--kills', String(kills), '--json'],
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
    const { code, output } = await runCrashTest(20);
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
});
