/**
 * Saving a file the main process produced (xlsx, a backup) as base64. In the desktop app the
 * main process asks where to save it (`files.saveAs`, a native dialog); in a plain browser
 * the file is handed to the browser as a download.
 */
import { call } from './api';

export interface SaveResult {
  /** false when the user cancelled the dialog (desktop) or the save failed. */
  saved: boolean;
  /** Where it was written (desktop only). */
  path: string | null;
  /** A Norwegian message when saving failed. */
  error: string | null;
}

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  pdf: 'application/pdf',
  sqlite: 'application/vnd.sqlite3',
  json: 'application/json',
  ics: 'text/calendar;charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function mimeType(fileName: string): string {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Browser mode: a Blob and an `<a download>` click. */
function download(fileName: string, contentBase64: string): void {
  const blob = new Blob([base64ToBytes(contentBase64)], { type: mimeType(fileName) });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has started reading the blob by now; give it a moment before freeing it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves `contentBase64` as `fileName`: a save dialog in the desktop app, a download otherwise. */
export async function saveFile(fileName: string, contentBase64: string): Promise<SaveResult> {
  if (window.tilskudd) {
    const res = await call('files.saveAs', { fileName, contentBase64 });
    if (!res.ok) return { saved: false, path: null, error: res.error.message };
    return { saved: res.value.saved, path: res.value.path, error: null };
  }
  try {
    download(fileName, contentBase64);
    return { saved: true, path: null, error: null };
  } catch {
    return { saved: false, path: null, error: 'Kunne ikke laste ned filen.' };
  }
}
