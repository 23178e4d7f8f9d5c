import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bindingCacheFile,
  childEnv,
  downloadTimeoutMs,
  electronExecutableName,
  headlessReason,
  installedElectron,
  packageTargets,
  parseStartArgs,
  shortReason,
} from '../../scripts/electron-tools.mjs';

describe('parseStartArgs', () => {
  it('passes the host options on, with or without the -- that npm drops', () => {
    expect(parseStartArgs(['--browser', '--', '--data-dir', '/tmp/x', '--port', '0'])).toEqual({
      browser: true,
      args: ['--data-dir', '/tmp/x', '--port', '0'],
    });
    expect(parseStartArgs(['--browser', '--data-dir', '/tmp/x'])).toEqual({
      browser: true,
      args: ['--data-dir', '/tmp/x'],
    });
  });

  it('starts the desktop app when --browser is not given', () => {
    expect(parseStartArgs([])).toEqual({ browser: false, args: [] });
    expect(parseStartArgs(['--port', '5180'])).toEqual({
      browser: false,
      args: ['--port', '5180'],
    });
  });

  it('treats everything after -- as the app’s own, even --browser', () => {
    expect(parseStartArgs(['--', '--browser'])).toEqual({ browser: false, args: ['--browser'] });
  });
});

describe('bindingCacheFile', () => {
  it('keys the Electron-ABI build on both versions, the platform and the arch', () => {
    expect(
      bindingCacheFile('/repo', {
        electronVersion: '45.5.0',
        sqliteVersion: '12.11.1',
        platform: 'win32',
        arch: 'x64',
      }),
    ).toBe(
      path.join(
        '/repo',
        'build',
        'native',
        'electron-45.5.0-better-sqlite3-12.11.1-win32-x64',
        'better_sqlite3.node',
      ),
    );
  });
});

describe('childEnv', () => {
  it('drops npm settings that would build the native module for Node instead of Electron', () => {
    const env = childEnv(
      {
        PATH: '/usr/bin',
        npm_config_nodedir: '/usr',
        npm_config_target: '20.0.0',
        npm_config_runtime: 'node',
        npm_config_disturl: 'https://nodejs.org/dist',
        npm_config_cache: '/root/.npm',
        ELECTRON_RUN_AS_NODE: '1',
        UNSET: undefined,
      },
      { TILSKUDD_SQLITE_BINDING: '/x/better_sqlite3.node' },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      npm_config_cache: '/root/.npm',
      TILSKUDD_SQLITE_BINDING: '/x/better_sqlite3.node',
    });
  });
});

describe('downloadTimeoutMs', () => {
  it('uses the variable when it is a positive number, else three minutes', () => {
    expect(downloadTimeoutMs({ TILSKUDD_ELECTRON_DOWNLOAD_TIMEOUT_MS: '5000' })).toBe(5000);
    expect(downloadTimeoutMs({ TILSKUDD_ELECTRON_DOWNLOAD_TIMEOUT_MS: 'abc' })).toBe(180_000);
    expect(downloadTimeoutMs({})).toBe(180_000);
  });
});

describe('headlessReason', () => {
  it('falls back on Linux without a display server only', () => {
    expect(headlessReason('linux', {})).toMatch(/DISPLAY/);
    expect(headlessReason('linux', { DISPLAY: ':0' })).toBeNull();
    expect(headlessReason('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(headlessReason('win32', {})).toBeNull();
  });
});

describe('shortReason', () => {
  it('names the unreachable host of a failed download', () => {
    expect(shortReason('prebuild-install warn install getaddrinfo ENOTFOUND github.com', 'x')).toBe(
      'nettverksfeil mot github.com, ENOTFOUND',
    );
    expect(
      shortReason(
        'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz\n' +
          'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy',
        'x',
      ),
    ).toBe('nettverksfeil mot electronjs.org, nedlasting feilet');
    expect(shortReason('TypeError: fetch failed\n    at node:internal', 'x')).toBe(
      'nettverksfeil, fetch failed',
    );
  });

  it('otherwise takes the first error line, without tool prefixes', () => {
    expect(
      shortReason(
        'gyp info it worked\ngyp ERR! stack Error: not found: make\ngyp ERR! not ok',
        'x',
      ),
    ).toBe('Error: not found: make');
    expect(shortReason('', 'ukjent feil')).toBe('ukjent feil');
  });
});

describe('packageTargets', () => {
  it('packages for this platform, x64, when no target is named', () => {
    expect(packageTargets([], 'linux', 'x64')).toEqual([
      { os: 'linux', platform: 'linux', arch: 'x64' },
    ]);
    expect(packageTargets(['dir'], 'win32', 'x64')).toEqual([
      { os: 'win', platform: 'win32', arch: 'x64' },
    ]);
  });

  it('follows electron-builder’s platform and arch flags', () => {
    expect(packageTargets(['--win', '--linux', 'dir', '--arm64'], 'linux', 'x64')).toEqual([
      { os: 'win', platform: 'win32', arch: 'arm64' },
      { os: 'linux', platform: 'linux', arch: 'arm64' },
    ]);
    expect(packageTargets(['-w', '-c.electronDist=/x'], 'linux', 'x64')).toEqual([
      { os: 'win', platform: 'win32', arch: 'x64' },
    ]);
  });
});

describe('installedElectron', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function fakeRepo(files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-electron-'));
    dirs.push(root);
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(root, 'node_modules', 'electron', file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
    return root;
  }

  const name = electronExecutableName(process.platform);

  it('finds a downloaded Electron of the installed version', () => {
    const root = fakeRepo({
      'package.json': '{"version":"45.5.0"}',
      'path.txt': name,
      'dist/version': 'v45.5.0',
      [`dist/${name}`]: '',
    });
    expect(installedElectron(root, {})).toEqual({
      executable: path.join(root, 'node_modules', 'electron', 'dist', name),
      version: '45.5.0',
    });
  });

  it('reports none before the download, or when the download is of another version', () => {
    expect(installedElectron(fakeRepo({ 'package.json': '{"version":"45.5.0"}' }), {})).toBeNull();
    const stale = fakeRepo({
      'package.json': '{"version":"45.5.0"}',
      'path.txt': name,
      'dist/version': '44.0.0',
      [`dist/${name}`]: '',
    });
    expect(installedElectron(stale, {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as node_modules/electron does', () => {
    const root = fakeRepo({ 'package.json': '{"version":"45.5.0"}' });
    const dist = path.join(root, 'custom');
    fs.mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
    fs.writeFileSync(path.join(dist, name), '');
    expect(installedElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })?.executable).toBe(
      path.join(dist, name),
    );
  });
});
