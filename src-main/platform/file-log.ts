/**
 * The production log: internal errors, failed backups, migrations and restores, written to
 * `<dataDir>/logg/tilskudd.log` so they survive in the installed app (where nobody sees the
 * console). Rotated by size: when a line would take the file over `maxBytes`, tilskudd.log
 * becomes tilskudd.log.1 (.1 → .2 …), and the oldest beyond `keep` files is deleted.
 *
 * Hand-written rather than electron-log: the browser host (no Electron) must log the same way
 * to the same place, the core never imports 'electron', and what is needed — append a line,
 * rotate by size, read the last lines back for «Vis logg» — is some sixty lines with no
 * dependency. Writes are synchronous (a line at a time, rare), and a log that cannot be
 * written never breaks the call that logs: the line goes to the console instead.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOG_FOLDER_NAME = 'logg';
export const LOG_FILE_NAME = 'tilskudd.log';

export interface FileLogOptions {
  dataDir: string;
  /** Rotate when the file would grow past this (default 1 MiB). */
  maxBytes?: number;
  /** Files kept in all, the current one included (default 5). */
  keep?: number;
  nowMs?: () => number;
}

export interface FileLog {
  readonly file: string;
  error(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  /** The last `count` lines, oldest first (from the previous file too when needed). */
  tail(count: number): string[];
}

const MAX_DETAIL_CHARS = 8000;

function describe(detail: unknown): string {
  if (detail === undefined || detail === '') return '';
  let text: string;
  if (detail instanceof Error) text = detail.stack ?? `${detail.name}: ${detail.message}`;
  else if (typeof detail === 'string') text = detail;
  else {
    try {
      text = JSON.stringify(detail);
    } catch {
      text = String(detail);
    }
  }
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)} …` : text;
}

export function createFileLog(options: FileLogOptions): FileLog {
  const dir = path.join(options.dataDir, LOG_FOLDER_NAME);
  const file = path.join(dir, LOG_FILE_NAME);
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 5);
  const nowMs = options.nowMs ?? Date.now;

  function rotate(): void {
    fs.rmSync(`${file}.${keep - 1}`, { force: true });
    for (let i = keep - 2; i >= 1; i--) {
      if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (keep > 1) fs.renameSync(file, `${file}.1`);
    else fs.rmSync(file, { force: true });
  }

  function write(level: 'ERROR' | 'INFO', message: string, detail: unknown): void {
    const extra = describe(detail);
    // One entry per line: a stack's line breaks are kept readable but indented.
    const line = `${new Date(nowMs()).toISOString()} ${level} ${message}${
      extra ? ` | ${extra.replace(/\r?\n/g, '\n    ')}` : ''
    }\n`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      fs.appendFileSync(file, line);
    } catch (error) {
      console.error(`[tilskudd] could not write the log ${file}:`, error, line);
    }
  }

  function linesOf(name: string): string[] {
    try {
      return fs.readFileSync(name, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  return {
    file,
    error: (message, detail) => write('ERROR', message, detail),
    info: (message, detail) => write('INFO', message, detail),
    tail(count) {
      let lines = linesOf(file);
      for (let i = 1; i < keep && lines.length < count; i++) {
        lines = [...linesOf(`${file}.${i}`), ...lines];
      }
      return lines.slice(-count);
    },
  };
}
