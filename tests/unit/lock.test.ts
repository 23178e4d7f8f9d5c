import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirLockedError,
  LOCK_FILE_NAME,
} from '../../src-main/platform/lock';
import { tempDir, type TempDir } from '../helpers/temp';

/** Another live process: a Node child that idles until it is killed. */
function startIdleProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => resolve(child as ChildProcess & { pid: number }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A pid that certainly does not run: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = await startIdleProcess();
  const { pid } = child;
  await stop(child);
  return pid;
}

describe('acquireDataDirLock', () => {
  let tmp: TempDir;
  let lockFile: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    tmp = tempDir();
    lockFile = path.join(tmp.dir, LOCK_FILE_NAME);
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map(stop));
    tmp.cleanup();
  });

  it('takes a free folder and writes its own pid into the lock file', () => {
    const release = acquireDataDirLock(tmp.dir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('creates the data folder when it does not exist yet', () => {
    const dir = path.join(tmp.dir, 'ny', 'mappe');
    const release = acquireDataDirLock(dir);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
    release();
  });

  it('refuses a second host on the same folder while the holder is alive', async () => {
    const holder = await startIdleProcess();
    children.push(holder);
    fs.writeFileSync(lockFile, String(holder.pid));

    let error: unknown;
    try {
      acquireDataDirLock(tmp.dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).pid).toBe(holder.pid);
    expect((error as DataDirLockedError).message).toContain('allerede i bruk');
    expect((error as DataDirLockedError).message).toContain(`prosess ${holder.pid}`);
    expect((error as DataDirLockedError).message).toContain('--data-dir');
    // The holder's lock is left alone.
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(holder.pid));
  });

  it('refuses while the parent process holds the lock', () => {
    fs.writeFileSync(lockFile, String(process.ppid));
    expect(() => acquireDataDirLock(tmp.dir)).toThrow(DataDirLockedError);
  });

  it('takes over the lock once the holder has gone', async () => {
    const holder = await startIdleProcess();
    children.push(holder);
    fs.writeFileSync(lockFile, String(holder.pid));
    expect(() => acquireDataDirLock(tmp.dir)).toThrow(DataDirLockedError);

    await stop(holder);
    const release = acquireDataDirLock(tmp.dir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over a stale lock left by a crashed process', async () => {
    fs.writeFileSync(lockFile, String(await deadPid()));
    const release = acquireDataDirLock(tmp.dir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over a lock file with garbage in it', () => {
    fs.writeFileSync(lockFile, 'not a pid');
    const release = acquireDataDirLock(tmp.dir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('does not remove a lock another process has taken since', async () => {
    const release = acquireDataDirLock(tmp.dir);
    const other = await startIdleProcess();
    children.push(other);
    fs.writeFileSync(lockFile, String(other.pid));
    release();
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(other.pid));
  });

  it('can be released twice without harm', () => {
    const release = acquireDataDirLock(tmp.dir);
    release();
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
