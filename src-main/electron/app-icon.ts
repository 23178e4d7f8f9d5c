/**
 * The window's icon: build/icon.png (drawn by scripts/make-icon.mjs). electron-builder.yml
 * ships it as resources/icon.png; in development it is read from the repository. Windows and
 * the installer take build/icon.ico, which electron-builder puts into the executable.
 */
import path from 'node:path';

/** `mainDir` is out/main (the bundle's folder); `resourcesPath` is process.resourcesPath. */
export function appIconPath(packaged: boolean, mainDir: string, resourcesPath: string): string {
  return packaged
    ? path.join(resourcesPath, 'icon.png')
    : path.resolve(mainDir, '../../build/icon.png');
}
