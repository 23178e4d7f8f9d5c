/**
 * Packages the app with electron-builder (`--linux dir`) from electron-builder.yml, offline:
 * a stand-in Electron folder (electronDist) replaces the Electron download, native rebuild is
 * off, and a stand-in file takes the place of the Electron-ABI better_sqlite3.node that
 * scripts/package.mjs would stage. Then checks that what the app needs at runtime is there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
const bundles = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const STAND_IN_BINDING = 'stand-in for better_sqlite3.node built for Electron\n';
// The line of electron-builder.yml that names the staged Electron-ABI binary (a literal ${}).
const STAGE_FROM = 'from: build/native/stage/${os}-${arch}';

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
  fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });

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
});
