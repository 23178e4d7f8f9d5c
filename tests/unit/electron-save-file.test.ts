import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/api/errors';
import {
  createSaveAsHandler,
  saveDialogOptions,
  toSaveError,
} from '../../src-main/electron/save-file';

describe('saveDialogOptions', () => {
  it('suggests the file in Documents with a filter for its type', () => {
    const options = saveDialogOptions('Tildelinger 2025.xlsx', '/home/kari/Dokumenter');
    expect(options.defaultPath).toBe(path.join('/home/kari/Dokumenter', 'Tildelinger 2025.xlsx'));
    expect(options.filters?.[0]).toEqual({ name: 'Excel-arbeidsbok', extensions: ['xlsx'] });
  });

  it('keeps only the base name of a suggested path', () => {
    expect(saveDialogOptions('../../etc/passwd', '/docs').defaultPath).toBe(
      path.join('/docs', 'passwd'),
    );
    expect(saveDialogOptions('C:\\Windows\\evil.csv', '/docs').defaultPath).toBe(
      path.join('/docs', 'evil.csv'),
    );
  });

  it('never suggests the folder itself or its parent (found by the API fuzz)', () => {
    for (const name of ['..', '.', 'a/..', '..\\', '']) {
      expect(saveDialogOptions(name, '/docs').defaultPath, name).toBe(path.join('/docs', 'fil'));
    }
  });
});

describe('files.saveAs (desktop)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-save-'));
    dirs.push(dir);
    return dir;
  };

  it('writes the decoded content where the user chose', async () => {
    const target = path.join(tempDir(), 'rapport.csv');
    const handler = createSaveAsHandler(
      async () => ({ canceled: false, filePath: target }),
      () => '/docs',
    );
    const content = Buffer.from('senter;beløp\nA;1 000\n').toString('base64');
    await expect(handler({ fileName: 'rapport.csv', contentBase64: content })).resolves.toEqual({
      saved: true,
      path: target,
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('senter;beløp\nA;1 000\n');
  });

  it('writes nothing when the user cancels', async () => {
    const handler = createSaveAsHandler(
      async () => ({ canceled: true }),
      () => '/docs',
    );
    await expect(handler({ fileName: 'a.csv', contentBase64: '' })).resolves.toEqual({
      saved: false,
      path: null,
    });
  });

  it('passes an unexpected write failure on unchanged', async () => {
    const dir = tempDir();
    const handler = createSaveAsHandler(
      // A folder where the file should be: the write fails with EISDIR.
      async () => ({ canceled: false, filePath: dir }),
      () => '/docs',
    );
    await expect(handler({ fileName: 'a.csv', contentBase64: '' })).rejects.toMatchObject({
      code: 'EISDIR',
    });
  });
});

describe('toSaveError', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });

  it('explains a file held open by another program', () => {
    const error = toSaveError(errno('EBUSY'), 'C:\\Rapport.xlsx');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as AppError).message).toContain('i bruk');
  });

  it.each(['EACCES', 'EPERM', 'EROFS'])('explains a folder without write access (%s)', (code) => {
    expect(toSaveError(errno(code), '/x/a.csv')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('leaves other failures to the dispatcher (an internal error)', () => {
    const error = errno('EIO');
    expect(toSaveError(error, '/x/a.csv')).toBe(error);
  });
});
