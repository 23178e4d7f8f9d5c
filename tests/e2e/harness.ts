/**
 * e2e harness: starts the real browser host (out/main/browser.js) on a temp data folder
 * and drives Debian's Chromium with playwright-core. Never skips: a missing build or a
 * missing Chromium fails the test with a message saying what to install.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=nb-NO',
];

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node out/main/browser.js --data-dir <tmp> --port 0` and waits for its URL line.
 * The welcome screen of a first run is dismissed unless `firstRun` is set (the stories of
 * other pages start on an empty database but are not about the welcome screen).
 */
export async function startApp(
  options: { dataDir?: string; firstRun?: boolean } = {},
): Promise<RunningApp> {
  const entry = path.join(ROOT, 'out/main/browser.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`${entry} is missing: run "npm run build" first (npm test does).`);
  }
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-e2e-'));
  const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TILSKUDD_API_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start:\n${out}`)),
      20_000,
    );
    const check = () => {
      const line = out.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  const running: RunningApp = {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  if (!options.firstRun) await api(running, 'setup.dismissWelcome', {});
  return running;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/** Collects console errors and page errors; a test asserts the list is empty at the end. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/** Calls the running app's API directly (for arranging data a story does not test). */
export async function api<T = unknown>(
  app: RunningApp,
  method: string,
  input: unknown,
): Promise<T> {
  const res = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.message ?? res.status}`);
  return body.value as T;
}
