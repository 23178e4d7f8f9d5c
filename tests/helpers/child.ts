/**
 * Runs TypeScript in a separate Node process, for tests whose subject can hang or must exit
 * (a start-up that loops forever, a host that prints and exits): the entry is bundled with
 * esbuild (a devDependency) into .tmp/ inside the repository, so its imports resolve to
 * node_modules, and the child is killed at a time limit instead of hanging the test run.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './paths';

const bundles = new Map<string, Promise<string>>();

/** Bundles `entry` (relative to the repository) once per test process; returns the .mjs path. */
export function bundleEntry(entry: string, define: Record<string, string> = {}): Promise<string> {
  const key = `${entry}|${JSON.stringify(define)}`;
  let pending = bundles.get(key);
  if (!pending) {
    const outdir = path.join(
      REPO_ROOT,
      '.tmp',
      `test-child-${process.pid}-${randomUUID().slice(0, 8)}`,
    );
    fs.mkdirSync(outdir, { recursive: true });
    const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.mjs`);
    pending = build({
      entryPoints: [path.join(REPO_ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      define,
    }).then(() => outfile);
    bundles.set(key, pending);
  }
  return pending;
}

/** Removes this process's bundles (call from afterAll). */
export function removeBundles(): void {
  const root = path.join(REPO_ROOT, '.tmp');
  if (!fs.existsSync(root)) return;
  for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
    if (dir.isDirectory() && dir.name.startsWith(`test-child-${process.pid}-`)) {
      fs.rmSync(path.join(root, dir.name), { recursive: true, force: true });
    }
  }
  bundles.clear();
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the child had to be killed at the time limit. */
  timedOut: boolean;
  ms: number;
}

export interface RunningChild {
  pid: number;
  /** Resolves with the first stdout line that passes `test`. */
  line(test: (line: string) => boolean): Promise<string>;
  write(text: string): void;
  done: Promise<ChildResult>;
}

/** Starts `node [nodeArgs] file [args]`; SIGKILLs it after `timeoutMs`. */
export function startNode(
  file: string,
  args: string[],
  options: { timeoutMs: number; env?: Record<string, string>; nodeArgs?: string[] },
): RunningChild {
  const started = Date.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of [...waiters]) {
      const hit = stdout.split('\n').find((l) => w.test(l));
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
  return {
    pid: child.pid ?? -1,
    line: (test) =>
      new Promise((resolve, reject) => {
        const hit = stdout.split('\n').find(test);
        if (hit !== undefined) return resolve(hit);
        waiters.push({ test, resolve });
        void done.then(() => reject(new Error(`child ended first:\n${stdout}\n${stderr}`)));
      }),
    write: (text) => child.stdin.write(text),
    done,
  };
}

/** The JSON lines a child printed, parsed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
