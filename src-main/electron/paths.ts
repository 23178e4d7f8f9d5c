/**
 * The only place that asks Electron where things live: the data folder (userData), the
 * migrations, the bundles, and the better-sqlite3 binary built for Electron's ABI.
 */
import path from 'node:path';
import { app } from 'electron';
import { PRODUCT_NAME } from '../platform/host-paths';
import { appIconPath } from './app-icon';

export interface ShellPaths {
  /** userData: the data file, its lock and the window state live here. */
  dataDir: string;
  migrationsDir: string;
  /** better_sqlite3.node for Electron's ABI; undefined lets better-sqlite3 find its own. */
  nativeBinding: string | undefined;
  preload: string;
  indexHtml: string;
  /** The window icon (build/icon.png; resources/icon.png when packaged). */
  icon: string;
}

/** `--data-dir DIR` or `--data-dir=DIR`, as the browser host accepts it. */
function dataDirArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value =
      arg === '--data-dir'
        ? argv[i + 1]
        : arg.startsWith('--data-dir=')
          ? arg.slice('--data-dir='.length)
          : undefined;
    // `--data-dir --port 5180` is a forgotten folder, not a folder named "--port".
    if (value !== undefined) return value && !value.startsWith('--') ? value : undefined;
  }
  return undefined;
}

/**
 * Fixes userData before anything reads it (the single-instance lock is keyed on it). Electron
 * would name the folder after package.json's lowercase `name`; the browser host uses
 * "Tilskuddsoversikt", and both modes must open the same data file. `--data-dir` overrides
 * it, as in browser mode.
 */
export function configureUserData(argv: readonly string[] = process.argv): string {
  const override = dataDirArg(argv);
  const dir = override ? path.resolve(override) : path.join(app.getPath('appData'), PRODUCT_NAME);
  app.setPath('userData', dir);
  return dir;
}

export function resolveShellPaths(): ShellPaths {
  // out/main, inside app.asar when packaged; the bundles sit next to each other.
  const mainDir = import.meta.dirname;
  const packaged = app.isPackaged;
  // The environment overrides serve development only: an installed app must not be steered
  // by variables left in someone's shell.
  return {
    dataDir: app.getPath('userData'),
    migrationsDir: packaged
      ? path.join(process.resourcesPath, 'migrations')
      : (process.env.TILSKUDD_MIGRATIONS_DIR ?? path.resolve(mainDir, '../../db/migrations')),
    // node_modules/better-sqlite3 keeps its Node-ABI build for the tests, so Electron loads a
    // build for its own ABI: from scripts/start.mjs's cache (passed in this variable) in
    // development, from the package's resources when installed.
    nativeBinding: packaged
      ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
      : process.env.TILSKUDD_SQLITE_BINDING || undefined,
    preload: path.join(mainDir, '../preload/index.cjs'),
    indexHtml: path.join(mainDir, '../renderer/index.html'),
    icon: appIconPath(packaged, mainDir, process.resourcesPath),
  };
}
