// Types for the parts of electron-tools.mjs that TypeScript tests import.

export declare const repoRoot: string;

export declare function parseStartArgs(argv: readonly string[]): {
  browser: boolean;
  args: string[];
};

export declare function electronExecutableName(platform: string): string;

export declare function bindingCacheFile(
  root: string,
  versions: { electronVersion: string; sqliteVersion: string; platform: string; arch: string },
): string;

export declare function downloadTimeoutMs(env: Record<string, string | undefined>): number;

export declare function childEnv(
  env: Record<string, string | undefined>,
  extra?: Record<string, string>,
): Record<string, string>;

export declare function headlessReason(
  platform: string,
  env: Record<string, string | undefined>,
): string | null;

export declare function shortReason(output: string, fallback: string): string;

export declare function packageTargets(
  args: readonly string[],
  hostPlatform: string,
  hostArch?: string,
): Array<{ os: 'win' | 'linux' | 'mac'; platform: string; arch: string }>;

export declare function installedElectron(
  root?: string,
  env?: Record<string, string | undefined>,
): { executable: string; version: string } | null;
