/**
 * `documents.open` in the desktop app: a copy of the stored bytes goes to a fresh folder under
 * the temp folder and that copy is handed to the system's default program; a failure to open
 * is a Norwegian message. Real files; only the opener (shell.openPath) is a stand-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenDocumentHandler } from '../../src-main/electron/open-document';
import { AppError } from '../../src-shared/api/errors';
import { tempDir, type TempDir } from '../helpers/temp';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir('tilskudd-open-');
});
afterEach(() => tmp.cleanup());

const letter = Buffer.from('%PDF-1.7 tilsagnsbrev');

describe('documents.open (desktop)', () => {
  it('opens a copy in a fresh temp folder with the default program', async () => {
    const opened: string[] = [];
    const handler = createOpenDocumentHandler(
      () => ({ fileName: 'Tilsagnsbrev 2025.pdf', bytes: letter }),
      async (file) => {
        opened.push(file);
        return '';
      },
      () => tmp.dir,
    );
    expect(await handler({ id: 1 })).toEqual({ opened: true });
    expect(opened).toHaveLength(1);
    const file = opened[0] ?? '';
    expect(path.basename(file)).toBe('Tilsagnsbrev 2025.pdf');
    expect(path.dirname(path.dirname(file))).toBe(tmp.dir);
    expect(fs.readFileSync(file).equals(letter)).toBe(true);
  });

  it('keeps a damaged name inside its folder and says so when nothing can open the file', async () => {
    const opened: string[] = [];
    const handler = createOpenDocumentHandler(
      () => ({ fileName: '../../utenfor.pdf', bytes: letter }),
      async (file) => {
        opened.push(file);
        return 'No application is associated';
      },
      () => tmp.dir,
    );
    const error = await Promise.resolve(handler({ id: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/Fant ikke et program som kan åpne/);
    expect(path.dirname(path.dirname(opened[0] ?? ''))).toBe(tmp.dir);
    expect(fs.existsSync(path.join(tmp.dir, '..', 'utenfor.pdf'))).toBe(false);
  });
});
