/**
 * `files.saveAs` for the desktop app: a native save dialog, then the file is written where the
 * user chose. The browser renderer downloads files instead and never calls this. The dialog is
 * passed in (only types come from 'electron'), so the handler is unit-tested.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { AppError } from '../../src-shared/api/errors';
import type { Handlers } from '../transport/handlers';

export type ShowSaveDialog = (
  options: SaveDialogOptions,
) => Promise<{ canceled: boolean; filePath?: string | undefined }>;

const FILTER_NAMES: Record<string, string> = {
  xlsx: 'Excel-arbeidsbok',
  csv: 'CSV-fil',
  pdf: 'PDF-dokument',
  ics: 'Kalenderfil',
  docx: 'Word-dokument',
};

/**
 * Dialog options for a suggested file name. Only the base name is used: the renderer suggests
 * a name, it does not pick the folder.
 */
export function saveDialogOptions(fileName: string, documentsDir: string): SaveDialogOptions {
  const name = path.posix.basename(fileName.replace(/\\/g, '/'));
  // "." and ".." are base names too, but as a default path they name the folder or its parent.
  const base = name === '' || name === '.' || name === '..' ? 'fil' : name;
  const ext = path.extname(base).slice(1).toLowerCase();
  const typed = ext
    ? [{ name: FILTER_NAMES[ext] ?? `${ext.toUpperCase()}-fil`, extensions: [ext] }]
    : [];
  return {
    title: 'Lagre som',
    buttonLabel: 'Lagre',
    defaultPath: path.join(documentsDir, base),
    filters: [...typed, { name: 'Alle filer', extensions: ['*'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

/** Write failures the user can fix, in words they can act on; others stay internal errors. */
export function toSaveError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EBUSY') {
    return new AppError(
      'CONFLICT',
      `Filen ${file} er i bruk (kanskje åpen i Excel). Lukk den og prøv igjen.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('FORBIDDEN', `Kan ikke lagre ${file}: ingen skrivetilgang der.`);
  }
  return error;
}

export function createSaveAsHandler(
  showSaveDialog: ShowSaveDialog,
  documentsDir: () => string,
): Handlers['files.saveAs'] {
  return async ({ fileName, contentBase64 }) => {
    const result = await showSaveDialog(saveDialogOptions(fileName, documentsDir()));
    if (result.canceled || !result.filePath) return { saved: false, path: null };
    try {
      await fs.writeFile(result.filePath, Buffer.from(contentBase64, 'base64'));
    } catch (error) {
      throw toSaveError(error, result.filePath);
    }
    return { saved: true, path: result.filePath };
  };
}
