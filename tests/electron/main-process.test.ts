/**
 * Runs the built Electron main process (out/main/index.js) under Node with a stand-in for the
 * 'electron' module (fake-electron.mjs), because the Electron binary cannot be downloaded
 * here. Proves the wiring the unit tests cannot: data-folder lock, opening and migrating the
 * data file, the IPC channel with its sender check, the window's web preferences and the
 * security hooks, window-state saving and the clean shutdown.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../../src-main/core';
import { LOCK_FILE_NAME } from '../../src-main/platform/lock';

const root = path.resolve(import.meta.dirname, '../..');
const mainBundle = path.join(root, 'out', 'main', 'index.js');

interface Event {
  type: string;
  [key: string]: unknown;
}

function runMain(
  dataDir: string,
  calls: unknown[] = [],
  env: Record<string, string> = {},
): Event[] {
  const result = spawnSync(
    process.execPath,
    ['--import', path.join(import.meta.dirname, 'register-fake-electron.mjs'), mainBundle],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        FAKE_ELECTRON_APPDATA: path.dirname(dataDir),
        FAKE_ELECTRON_CALLS: JSON.stringify(calls),
        // Under Node the Node-ABI build in node_modules is the right one.
        TILSKUDD_SQLITE_BINDING: '',
        ...env,
      },
      input: '',
    },
  );
  if (result.status !== 0) {
    throw new Error(`main process failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Event);
}

const dirs: string[] = [];
/** userData as the app sets it: <appData>/Tilskuddsoversikt. */
function appDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-main-'));
  dirs.push(dir);
  return path.join(dir, 'Tilskuddsoversikt');
}

beforeAll(() => {
  if (!fs.existsSync(mainBundle)) {
    const build = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      { cwd: root, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(build.stderr);
  }
}, 120_000);

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Electron main process (with a stand-in electron module)', () => {
  it('opens the data folder, serves the API over IPC to its own page only, and shuts down cleanly', () => {
    const dataDir = appDataDir();
    const events = runMain(dataDir, [
      ['app', 'system.info', {}],
      ['app', 'centres.list', {}],
      ['https://evil.example/', 'centres.list', {}],
      [null, 'centres.list', {}],
      ['app', 'no.such.method', {}],
    ]);
    const ipc = events.filter((e) => e.type === 'ipc');

    expect(ipc[0]?.envelope).toMatchObject({
      ok: true,
      value: { dataFile: path.join(dataDir, DATA_FILE_NAME) },
    });
    expect(ipc[1]?.envelope).toEqual({
      ok: true,
      value: { rows: [], total: 0, page: 1, pageSize: 100 },
    });
    expect(ipc[2]?.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ipc[3]?.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ipc[4]?.envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // Lock released, window state saved, data file migrated and closed.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1100,
      height: 700,
      maximized: false,
    });
    expect(events.at(-1)?.type).toBe('quit');
  });

  it('creates a hardened window on the built renderer with the preload bundle', () => {
    const events = runMain(appDataDir());
    const window = events.find((e) => e.type === 'window') as
      { options: { webPreferences: Record<string, unknown> } } | undefined;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(root, 'out', 'preload', 'index.cjs'),
    });
    // The app's own icon (build/icon.png, a real 512×512 PNG), not Electron's.
    const icon = (window?.options as { icon?: string } | undefined)?.icon;
    expect(icon).toBe(path.join(root, 'build', 'icon.png'));
    const png = fs.readFileSync(icon ?? '');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(events.find((e) => e.type === 'loadFile')?.file).toBe(
      path.join(root, 'out', 'renderer', 'index.html'),
    );
    expect(events.find((e) => e.type === 'menu')?.labels).toEqual([
      '&Fil',
      '&Rediger',
      '&Vis',
      '&Hjelp',
    ]);
    const navigations = events.filter((e) => e.type === 'navigate');
    expect(navigations.map((e) => e.prevented)).toEqual([true, false]);
    expect(events.find((e) => e.type === 'windowOpen')?.decision).toEqual({ action: 'deny' });
    expect(events.find((e) => e.type === 'permission')).toMatchObject({
      request: false,
      check: false,
    });
    const headers = events.find((e) => e.type === 'headers')?.headers as Record<string, string[]>;
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
  });

  it('refuses a data folder another process holds, with a Norwegian message', () => {
    const dataDir = appDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    // The parent of this test (vitest) is alive, so its pid holds the lock.
    fs.writeFileSync(path.join(dataDir, LOCK_FILE_NAME), String(process.pid));
    const events = runMain(dataDir);
    expect(events.find((e) => e.type === 'errorBox')).toMatchObject({
      title: 'Tilskuddsoversikt er allerede i bruk',
    });
    expect(events.some((e) => e.type === 'window')).toBe(false);
    expect(fs.existsSync(path.join(dataDir, DATA_FILE_NAME))).toBe(false);
  });

  it('opens on the restore screen for a data file it cannot open, and leaves the file untouched', () => {
    const dataDir = appDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, DATA_FILE_NAME);
    const garbage = Buffer.from('Dette er ikke en database, men et regneark.\n'.repeat(200));
    fs.writeFileSync(file, garbage);
    const events = runMain(dataDir);
    const box = events.find((e) => e.type === 'errorBox');
    expect(box).toMatchObject({ title: 'Datafilen kan ikke brukes' });
    expect(String(box?.content)).toContain('ikke en database');
    // Recovery mode: the window opens so the user can pick a verified backup.
    expect(events.some((e) => e.type === 'window')).toBe(true);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('says in one line what to do when the data folder may not be written (read-only disk)', () => {
    const dataDir = appDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    // As root chmod does not stop writes, so fs refuses them here (tests/helpers/deny-writes.mjs).
    const events = runMain(dataDir, [], {
      NODE_OPTIONS: `--import ${path.join(root, 'tests', 'helpers', 'deny-writes.mjs')}`,
      TILSKUDD_TEST_DENY_DIR: dataDir,
      TILSKUDD_TEST_DENY_CODE: 'EROFS',
    });
    const box = events.find((e) => e.type === 'errorBox');
    expect(box).toMatchObject({ title: 'Tilskuddsoversikt kan ikke starte' });
    expect(String(box?.content)).toMatch(
      /^Tilskuddsoversikt kan ikke starte fordi programmet ikke får skrive til .*Kontroller tilgangen/,
    );
    expect(String(box?.content)).not.toContain('\n');
    expect(events.some((e) => e.type === 'window')).toBe(false);
  });

  it('explains a better-sqlite3 binary that does not fit, instead of blaming the data file', () => {
    const dataDir = appDataDir();
    const events = runMain(dataDir, [], {
      TILSKUDD_SQLITE_BINDING: path.join(dataDir, 'missing', 'better_sqlite3.node'),
    });
    const box = events.find((e) => e.type === 'errorBox');
    expect(String(box?.content)).toContain('Databasemodulen');
    expect(events.some((e) => e.type === 'window')).toBe(false);
  });
});
