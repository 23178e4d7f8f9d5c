/**
 * Where the browser host keeps data by default: the same per-user folder Electron uses
 * as `userData` for this app, so both modes open the same data file.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Tilskuddsoversikt';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    // An empty or relative %APPDATA% would put the data next to the working directory.
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : undefined;
    return path.win32.join(appData ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  }
  // The XDG spec says to ignore an empty or relative $XDG_CONFIG_HOME.
  const xdg =
    env.XDG_CONFIG_HOME && path.posix.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : undefined;
  return path.posix.join(xdg ?? path.posix.join(home, '.config'), PRODUCT_NAME);
}

export interface HostArgs {
  dataDir: string;
  port: number;
  /** `--restore FILE`: a backup to put in place of the data file before starting. */
  restore?: string;
}

/**
 * Parses `--data-dir DIR`, `--port N` and `--restore FILE` (also `--flag=value`); returns an
 * error text on misuse.
 */
export function parseHostArgs(argv: readonly string[], fallbackDataDir: string): HostArgs | string {
  let dataDir = fallbackDataDir;
  let port = 0;
  let restore: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--data-dir') {
      const v = value();
      // `--data-dir --port 5180` is a forgotten folder, not a folder named "--port".
      if (!v || v.startsWith('--')) return 'Mangler mappe etter --data-dir.';
      dataDir = path.resolve(v);
    } else if (flag === '--port') {
      const v = value();
      // Digits only: Number() would also take "1e3", "0x50" and " 80".
      const n = v !== undefined && /^\d{1,5}$/.test(v) ? Number(v) : Number.NaN;
      if (!v || !Number.isInteger(n) || n < 0 || n > 65535) {
        return `Ugyldig port: ${v ?? ''}. Bruk et tall fra 0 til 65535.`;
      }
      port = n;
    } else if (flag === '--restore') {
      const v = value();
      if (!v || v.startsWith('--')) return 'Mangler fil etter --restore.';
      restore = path.resolve(v);
    } else if (flag === '--browser') {
      // Accepted for symmetry with `npm start -- --browser`.
    } else {
      return `Ukjent valg: ${arg}. Bruk --data-dir MAPPE, --port N og --restore FIL.`;
    }
  }
  return restore === undefined ? { dataDir, port } : { dataDir, port, restore };
}
