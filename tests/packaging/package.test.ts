/**
 * Packages the app with electron-builder (`--linux dir`) from electron-builder.yml, offline:
 * a stand-in Electron folder (electronDist) replaces the Electron download, native rebuild is
 * off, and a stand-in file takes the place of the Electron-ABI better_sqlite3.node that
 * scripts/package.mjs would stage. Then checks that what the app needs at runtime is there.
 *
 * The stand-in executable carries Electron's fuse wire (the sentinel, version 1, eight fuses
 * at Electron's defaults), so the test sees electron-builder flip the fuses in the packaged
 * executable; the fuse settings themselves are read through electron-builder's own config
 * loader and schema validation.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
const bundles = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const STAND_IN_BINDING = 'stand-in for better_sqlite3.node built for Electron\n';
// The line of electron-builder.yml that names the staged Electron-ABI binary (a literal ${}).
const STAGE_FROM = 'from: build/native/stage/${os}-${arch}';

// Electron's fuse wire (@electron/fuses): sentinel, wire version, length, one byte per fuse,
// '0' off / '1' on, in this order.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
// An unfused Electron: every fuse at Electron's default. Six of the eight differ from
// REQUIRED_FUSES, so the packaged wire shows that electron-builder wrote them.
const ELECTRON_DEFAULT_WIRE = '10110001';
/** What issue 11 asks for; grantFileProtocolExtraPrivileges: see electron-builder.yml. */
const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/** The fuse states in an executable, by name. */
function readFuses(file: string): Record<string, boolean> {
  const binary = fs.readFileSync(file);
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`no fuse wire in ${file}`);
  const wire = at + FUSE_SENTINEL.length;
  expect(binary[wire]).toBe(1); // wire version
  const length = binary[wire + 1] ?? 0;
  const states = binary.subarray(wire + 2, wire + 2 + length).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, states[i] === '1']));
}

/** The sizes of the images in an .ico file. */
function icoSizes(file: string): number[] {
  const ico = fs.readFileSync(file);
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
}

let tmp = '';
let resources = '';
let asarEntries: string[] = [];

function run(args: string[], timeout: number): void {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    timeout,
    // Never look for a signing identity (macOS keychain); a Linux dir build signs nothing.
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  if (result.status !== 0) {
    throw new Error(
      `${args.slice(0, 2).join(' ')} failed (${result.status ?? result.signal ?? result.error}):\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
}

beforeAll(() => {
  // `npm test` builds first; a lone run of this file builds if the bundles are missing.
  if (!bundles.every((file) => fs.existsSync(path.join(root, file)))) {
    run([path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], 120_000);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-package-'));

  // The stand-in Electron: electron-builder copies the folder and renames the executable.
  const electronDist = path.join(tmp, 'electron-dist');
  fs.mkdirSync(electronDist);
  fs.writeFileSync(
    path.join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`, 'latin1'),
      Buffer.from([1, FUSES.length]),
      Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`, 'latin1'),
    ]),
    { mode: 0o755 },
  );

  // The real config, with only the staged-binary folder moved into the temp dir, so the test
  // never writes into the repository and still exercises the ${os}-${arch} macro.
  const config = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  if (!config.includes(STAGE_FROM)) throw new Error(`electron-builder.yml lacks "${STAGE_FROM}"`);
  const stage = path.join(tmp, 'stage');
  fs.mkdirSync(path.join(stage, `linux-${arch}`), { recursive: true });
  fs.writeFileSync(path.join(stage, `linux-${arch}`, 'better_sqlite3.node'), STAND_IN_BINDING);
  const configFile = path.join(tmp, 'electron-builder.yml');
  const movedFrom = `from: '${stage.replace(/\\/g, '/')}/\${os}-\${arch}'`;
  fs.writeFileSync(configFile, config.replace(STAGE_FROM, movedFrom));

  const output = path.join(tmp, 'dist');
  run(
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `--${arch}`,
      '--publish',
      'never',
      '--config',
      configFile,
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    180_000,
  );
  const appDir = path.join(output, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  resources = path.join(appDir, 'resources');
  asarEntries = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((entry) =>
    entry.replace(/\\/g, '/'),
  );
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('packaging (electron-builder --linux dir)', () => {
  it('puts the main, preload and renderer bundles into app.asar', () => {
    for (const file of bundles) expect(asarEntries).toContain(`/${file}`);
    const pkg = JSON.parse(
      extractFile(path.join(resources, 'app.asar'), 'package.json').toString(),
    );
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('ships no sources, tests or build tooling', () => {
    const own = asarEntries.filter((entry) => !entry.startsWith('/node_modules/'));
    expect(own.filter((entry) => /\.(ts|tsx)$/.test(entry))).toEqual([]);
    for (const dir of ['/src-main', '/src-renderer', '/tests', '/scripts', '/db']) {
      expect(own).not.toContain(dir);
    }
    expect(asarEntries).not.toContain('/node_modules/electron');
    expect(asarEntries).not.toContain('/node_modules/vitest');
  });

  it('ships every migration and the journal as resources/migrations', () => {
    const source = path.join(root, 'db', 'migrations');
    const sql = fs.readdirSync(source).filter((f) => f.endsWith('.sql'));
    expect(sql.length).toBeGreaterThan(0);
    const shipped = path.join(resources, 'migrations');
    expect(
      fs
        .readdirSync(shipped)
        .filter((f) => f.endsWith('.sql'))
        .sort(),
    ).toEqual(sql.sort());
    expect(fs.readFileSync(path.join(shipped, 'meta', '_journal.json'), 'utf8')).toBe(
      fs.readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8'),
    );
  });

  it('unpacks better-sqlite3 and its native module from the asar', () => {
    const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(
      true,
    );
    expect(fs.existsSync(path.join(unpacked, 'lib', 'index.js'))).toBe(true);
    // Sources and intermediate build files stay out of the package.
    expect(fs.existsSync(path.join(unpacked, 'deps'))).toBe(false);
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'obj.target'))).toBe(false);
  });

  it('ships the staged Electron-ABI binary as resources/native/better_sqlite3.node', () => {
    expect(fs.readFileSync(path.join(resources, 'native', 'better_sqlite3.node'), 'utf8')).toBe(
      STAND_IN_BINDING,
    );
  });

  it('names the executable after the app', () => {
    expect(fs.existsSync(path.join(resources, '..', 'tilskuddsoversikt'))).toBe(true);
  });

  it('flips the fuses in the packaged executable as electron-builder.yml says', () => {
    expect(readFuses(path.join(resources, '..', 'tilskuddsoversikt'))).toEqual(REQUIRED_FUSES);
  });

  it('ships the app icon as resources/icon.png, where the main process looks for it', () => {
    const shipped = fs.readFileSync(path.join(resources, 'icon.png'));
    expect(shipped.equals(fs.readFileSync(path.join(root, 'build', 'icon.png')))).toBe(true);
  });
});

describe('electron-builder configuration, as electron-builder resolves it', () => {
  let config: Configuration;

  beforeAll(async () => {
    // As `npm run package` runs it: electron-builder.yml found in the project folder, then
    // checked against electron-builder's schema (a misspelt fuse name would fail here).
    config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
  });

  it('sets the fuses: no running as Node, no NODE_OPTIONS or inspector, asar only and checked', () => {
    expect(config.electronFuses).toEqual(REQUIRED_FUSES);
    // The integrity fuse needs the app in an asar and its hash embedded in the executable
    // (Windows: a resource electron-builder writes); without it Electron refuses to start.
    expect(config.asar ?? true).not.toBe(false);
    expect(config.disableAsarIntegrity ?? false).toBe(false);
  });

  it('uses the committed icons from build/ for Windows, the installer and Linux', () => {
    expect(config.directories?.buildResources).toBe('build');
    expect(config.win?.icon).toBe('build/icon.ico');
    expect(config.nsis?.installerIcon).toBe('build/icon.ico');
    expect(config.nsis?.uninstallerIcon).toBe('build/icon.ico');
    expect(config.linux?.icon).toBe('build/icon.png');
    expect(config.extraResources).toContainEqual({ from: 'build/icon.png', to: 'icon.png' });

    expect(icoSizes(path.join(root, 'build', 'icon.ico'))).toEqual([16, 32, 48, 256]);
    const png = fs.readFileSync(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
