import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLog, LOG_FILE_NAME, LOG_FOLDER_NAME } from '../../src-main/platform/file-log';
import { makeDispatch, tempDir, type TempDir } from '../helpers/db';

describe('the production log file', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('writes one timestamped line per entry, with an error’s stack indented below it', () => {
    const log = createFileLog({ dataDir: tmp.dir, nowMs: () => Date.UTC(2024, 11, 2, 2, 17) });
    expect(log.file).toBe(path.join(tmp.dir, LOG_FOLDER_NAME, LOG_FILE_NAME));
    log.info('Started');
    log.error('Daily backup failed', new Error('disk full'));
    const lines = log.tail(200);
    expect(lines[0]).toBe('2024-12-02T02:17:00.000Z INFO Started');
    expect(lines[1]).toBe('2024-12-02T02:17:00.000Z ERROR Daily backup failed | Error: disk full');
    expect(lines[2]).toMatch(/^ {4,}at /);
  });

  it('rotates at the size limit and keeps only the newest files', () => {
    const log = createFileLog({ dataDir: tmp.dir, maxBytes: 1000, keep: 3 });
    for (let i = 0; i < 100; i++) log.error(`entry ${String(i).padStart(3, '0')}`, 'x'.repeat(50));
    const dir = path.dirname(log.file);
    expect(fs.readdirSync(dir).sort()).toEqual([
      LOG_FILE_NAME,
      `${LOG_FILE_NAME}.1`,
      `${LOG_FILE_NAME}.2`,
    ]);
    for (const name of fs.readdirSync(dir)) {
      expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1000);
    }
    // The newest entry is last, and the tail reaches back into the rotated file.
    const tail = log.tail(20);
    expect(tail).toHaveLength(20);
    expect(tail.at(-1)).toContain('entry 099');
    expect(tail[0]).toContain('entry 080');
    // The oldest entries were rotated away.
    const all = fs
      .readdirSync(dir)
      .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
      .join('');
    expect(all).not.toContain('entry 000');
  });

  it('never throws when the log cannot be written', () => {
    fs.writeFileSync(path.join(tmp.dir, LOG_FOLDER_NAME), 'a file where the folder should be');
    const log = createFileLog({ dataDir: tmp.dir });
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(() => log.error('Lost', new Error('x'))).not.toThrow();
    } finally {
      console.error = original;
    }
    expect(log.tail(10)).toEqual([]);
  });
});

describe('system.log through the dispatch', () => {
  it('has an internal error written to the log file, and shows it', async () => {
    const api = makeDispatch({
      overrides: {
        'dashboard.summary': () => {
          throw new Error('kaboom in the dashboard');
        },
      },
    });
    try {
      const error = await api.fail('dashboard.summary', {});
      expect(error.code).toBe('INTERNAL');
      const { file, lines } = await api.call('system.log', {});
      expect(file).toBe(path.join(api.dataDir, 'logg', 'tilskudd.log'));
      expect(lines.join('\n')).toContain(
        'ERROR Unexpected error in dashboard.summary | Error: kaboom in the dashboard',
      );
      // The host's logger is told too (the console outside tests).
      expect(api.logger.calls.map((c) => c.message)).toContain(
        'Unexpected error in dashboard.summary',
      );
    } finally {
      api.cleanup();
    }
  });

  it('logs the migrations a data file gets', async () => {
    const api = makeDispatch();
    try {
      const { lines } = await api.call('system.log', {});
      // A new file: the migrations run, no copy is needed.
      expect(lines.join('\n')).toMatch(
        /INFO Updating the data file: \d+ migration\(s\) after 0 applied/,
      );
    } finally {
      api.cleanup();
    }
  });
});
