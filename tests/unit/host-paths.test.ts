import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostArgs, PRODUCT_NAME } from '../../src-main/platform/host-paths';
import { REPO_ROOT } from '../helpers/paths';

describe('defaultDataDir', () => {
  it('uses %APPDATA% on Windows, like Electron’s userData', () => {
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\kss\\AppData\\Roaming' }, 'C:\\Users\\kss'),
    ).toBe('C:\\Users\\kss\\AppData\\Roaming\\Tilskuddsoversikt');
  });

  it('falls back to the profile’s Roaming folder on Windows without %APPDATA%', () => {
    expect(defaultDataDir('win32', {}, 'C:\\Users\\kss')).toBe(
      'C:\\Users\\kss\\AppData\\Roaming\\Tilskuddsoversikt',
    );
    expect(defaultDataDir('win32', { APPDATA: '' }, 'C:\\Users\\kss')).toBe(
      'C:\\Users\\kss\\AppData\\Roaming\\Tilskuddsoversikt',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir('darwin', {}, '/Users/kss')).toBe(
      '/Users/kss/Library/Application Support/Tilskuddsoversikt',
    );
  });

  it('uses $XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/kss')).toBe(
      '/srv/cfg/Tilskuddsoversikt',
    );
    expect(defaultDataDir('linux', {}, '/home/kss')).toBe('/home/kss/.config/Tilskuddsoversikt');
  });

  it('ignores an empty or relative $XDG_CONFIG_HOME, as the XDG spec says', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/kss')).toBe(
      '/home/kss/.config/Tilskuddsoversikt',
    );
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'cfg' }, '/home/kss')).toBe(
      '/home/kss/.config/Tilskuddsoversikt',
    );
  });

  it('is never inside the repository by default', () => {
    const dir = defaultDataDir();
    expect(path.isAbsolute(dir)).toBe(true);
    expect(path.basename(dir)).toBe(PRODUCT_NAME);
    expect(dir.startsWith(REPO_ROOT + path.sep)).toBe(false);
  });
});

describe('parseHostArgs', () => {
  const fallback = '/home/kss/.config/Tilskuddsoversikt';

  it('uses the default folder and any free port without arguments', () => {
    expect(parseHostArgs([], fallback)).toEqual({ dataDir: fallback, port: 0 });
  });

  it('takes --data-dir DIR and --port N', () => {
    expect(parseHostArgs(['--data-dir', '/tmp/kss', '--port', '5180'], fallback)).toEqual({
      dataDir: path.resolve('/tmp/kss'),
      port: 5180,
    });
  });

  it('takes the --flag=value form too', () => {
    expect(parseHostArgs(['--data-dir=/tmp/kss', '--port=5180'], fallback)).toEqual({
      dataDir: path.resolve('/tmp/kss'),
      port: 5180,
    });
  });

  it('makes a relative data folder absolute', () => {
    const result = parseHostArgs(['--data-dir', 'data'], fallback);
    expect(result).toEqual({ dataDir: path.resolve('data'), port: 0 });
  });

  it('keeps "=" inside a folder name', () => {
    expect(parseHostArgs(['--data-dir=/tmp/a=b'], fallback)).toMatchObject({
      dataDir: path.resolve('/tmp/a=b'),
    });
  });

  it('accepts --browser for symmetry with npm start', () => {
    expect(parseHostArgs(['--browser'], fallback)).toEqual({ dataDir: fallback, port: 0 });
  });

  it('explains a missing data folder in Norwegian', () => {
    expect(parseHostArgs(['--data-dir'], fallback)).toMatch(/Mangler mappe etter --data-dir/);
    expect(parseHostArgs(['--data-dir='], fallback)).toMatch(/Mangler mappe/);
  });

  it('does not take the next flag as the data folder', () => {
    expect(parseHostArgs(['--data-dir', '--port', '5180'], fallback)).toMatch(/Mangler mappe/);
  });

  it.each([['abc'], ['-1'], ['65536'], ['80.5'], ['1e3'], ['0x50'], [' 80'], ['']])(
    'refuses the port "%s"',
    (port) => {
      expect(parseHostArgs(['--port', port], fallback)).toMatch(/Ugyldig port/);
    },
  );

  it('refuses a missing port', () => {
    expect(parseHostArgs(['--port'], fallback)).toMatch(/Ugyldig port/);
  });

  it('names an unknown option', () => {
    expect(parseHostArgs(['--datadir', '/tmp'], fallback)).toMatch(/Ukjent valg: --datadir/);
  });
});
