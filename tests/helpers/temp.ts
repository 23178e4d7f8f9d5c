import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  dir: string;
  cleanup(): void;
}

/** A fresh folder under the OS temp dir; `cleanup` removes it with everything in it. */
export function tempDir(prefix = 'tilskudd-test-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
