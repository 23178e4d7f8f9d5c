/**
 * The backup folder can never hang the app (issue 11, item 7): Node's recursive mkdir loops
 * forever at 100 % CPU on /proc, and a folder that does not answer (a hung network share; here
 * a FIFO where the write test goes) blocked the settings call. These run the real core in a
 * child process with a time limit, so a hang fails the test instead of stopping the run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE_NAME } from '../../src-main/safety/backups';
import { MIGRATIONS_DIR, tempDir, type TempDir } from '../helpers/db';
import {
  bundleEntry,
  jsonLines,
  removeBundles,
  startNode,
  type ChildResult,
} from '../helpers/child';

const CHILD = 'tests/helpers/backup-folder-child.ts';
/** Far above what any step takes here; a child still running then is stuck. */
const LIMIT_MS = 20_000;

let tmp: TempDir;
let dataDir: string;
beforeEach(() => {
  tmp = tempDir('tilskudd-folder-');
  dataDir = path.join(tmp.dir, 'data');
});
afterEach(() => tmp.cleanup());
afterAll(() => removeBundles());

async function runChild(folder: string, extra: string[] = []): Promise<ChildResult> {
  const file = await bundleEntry(CHILD);
  return startNode(file, [dataDir, MIGRATIONS_DIR, folder, ...extra], { timeoutMs: LIMIT_MS }).done;
}

function step(result: ChildResult, name: string): Record<string, unknown> {
  const found = jsonLines(result.stdout).find((l) => l.step === name);
  if (!found) {
    throw new Error(
      `no "${name}" step (timed out: ${result.timedOut}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return found;
}

function writeSettings(folder: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, SETTINGS_FILE_NAME),
    JSON.stringify({ folder, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepManual: 10 }),
  );
}

describe('backups.setSettings with a folder in /proc', () => {
  it('answers BAD_INPUT within 1 s, and nothing is saved', async () => {
    const result = await runChild('/proc/forbidden');
    expect(result.timedOut, result.stderr).toBe(false);
    const set = step(result, 'setSettings');
    expect(set.ms).toBeLessThan(1000);
    expect(set.envelope).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        issues: [{ path: 'folder', message: expect.stringMatching(/systemmappe/) }],
      },
    });
    expect(fs.existsSync(path.join(dataDir, SETTINGS_FILE_NAME))).toBe(false);
  }, 30_000);
});

describe('a folder that does not answer', () => {
  it('is refused at the time limit instead of blocking the call', async () => {
    const slow = path.join(tmp.dir, 'treg');
    fs.mkdirSync(slow);
    const file = await bundleEntry(CHILD);
    const child = startNode(
      file,
      [dataDir, MIGRATIONS_DIR, slow, '--wait', '--timeout-ms', '500'],
      { timeoutMs: LIMIT_MS },
    );
    const ready = JSON.parse(await child.line((l) => l.includes('"ready"'))) as { pid: number };
    // The write test's file is a FIFO: opening it for writing blocks until a reader comes,
    // as a call on a hung network share does.
    const fifo = path.join(slow, `.skrivetest-${ready.pid}`);
    execFileSync('mkfifo', [fifo]);
    child.write('go\n');
    try {
      const line = await child.line((l) => l.includes('"setSettings"'));
      const set = JSON.parse(line) as { ms: number; envelope: unknown };
      expect(set.envelope).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.stringMatching(/svarte ikke/) },
      });
      expect(set.ms).toBeGreaterThanOrEqual(450);
      expect(set.ms).toBeLessThan(3000);
    } finally {
      // Let the stuck open finish, so the child can exit.
      fs.closeSync(fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
    }
    const result = await child.done;
    expect(result.timedOut).toBe(false);
    expect(fs.existsSync(path.join(dataDir, SETTINGS_FILE_NAME))).toBe(false);
  }, 30_000);
});

describe('start-up with a hand-edited settings file', () => {
  it('starts when the settings name a folder in /proc: copies go to the default folder and the status says why', async () => {
    // A data file exists (first start), so the second start takes a start-up copy.
    expect(step(await runChild('-'), 'started')).toBeTruthy();
    writeSettings('/proc/forbidden');

    const result = await runChild('-');
    expect(result.timedOut, result.stderr).toBe(false);
    const started = step(result, 'started') as {
      ms: number;
      status: { ok: true; value: { folder: string; folderProblem: string | null } };
      startupBackup: { fileName: string } | null;
    };
    expect(started.ms).toBeLessThan(10_000);
    const defaultFolder = path.join(tmp.dir, 'data-sikkerhetskopier');
    expect(started.status.value.folder).toBe(defaultFolder);
    expect(started.status.value.folderProblem).toMatch(/systemmappe.*standardmappen/s);
    expect(started.startupBackup).not.toBeNull();
    expect(fs.existsSync(path.join(defaultFolder, started.startupBackup?.fileName ?? '-'))).toBe(
      true,
    );
  }, 60_000);
});
