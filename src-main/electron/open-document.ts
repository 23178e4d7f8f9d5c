/**
 * `documents.open` for the desktop app: the document is copied to a fresh folder under the
 * system's temp folder and opened there with the system's default program (shell.openPath),
 * so the program never gets a path into the data folder and cannot change the stored copy.
 * The opener and the reader are passed in (only types come from 'electron'), so the handler
 * is unit-tested.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../src-shared/api/errors';
import type { Handlers } from '../transport/handlers';

/** shell.openPath: '' on success, else an error message. */
export type OpenPath = (file: string) => Promise<string>;
export type ReadDocument = (id: number) => { fileName: string; bytes: Buffer };

export function createOpenDocumentHandler(
  read: ReadDocument,
  openPath: OpenPath,
  tempDir: () => string,
): Handlers['documents.open'] {
  return async ({ id }) => {
    const { fileName, bytes } = read(id);
    const folder = await fs.mkdtemp(path.join(tempDir(), 'tilskudd-dokument-'));
    // The name was checked on upload; basename keeps a damaged record inside the folder.
    const file = path.join(folder, path.basename(fileName.replace(/\\/g, '/')) || 'dokument');
    await fs.writeFile(file, bytes, { mode: 0o600 });
    const problem = await openPath(file);
    if (problem) {
      throw new AppError(
        'CONFLICT',
        `Fant ikke et program som kan åpne ${fileName}. Last det ned og åpne det selv.`,
      );
    }
    return { opened: true };
  };
}
