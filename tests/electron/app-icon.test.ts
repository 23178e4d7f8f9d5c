/**
 * The window icon's path in both layouts: the repository (development, out/main next to
 * build/) and the installed app (resources/icon.png, where electron-builder.yml's
 * extraResources puts it; tests/packaging checks that it arrives there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appIconPath } from '../../src-main/electron/app-icon';

const root = path.resolve(import.meta.dirname, '../..');

describe('appIconPath', () => {
  it('finds build/icon.png from the main bundle in development', () => {
    const icon = appIconPath(false, path.join(root, 'out', 'main'), '/unused');
    expect(icon).toBe(path.join(root, 'build', 'icon.png'));
    expect(fs.existsSync(icon)).toBe(true);
  });

  it('reads resources/icon.png in the installed app', () => {
    const resources = path.join(path.sep, 'opt', 'Tilskuddsoversikt', 'resources');
    const mainDir = path.join(resources, 'app.asar', 'out', 'main');
    expect(appIconPath(true, mainDir, resources)).toBe(path.join(resources, 'icon.png'));
  });
});
