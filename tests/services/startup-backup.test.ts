/**
 * The start-up backup after the server answers (issue 14): with `atStartup: 'deferred'` the
 * core opens without copying, the host serves first (a real HTTP server answering a real
 * API call), and only then is the verified start-up copy taken — once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCoreOrRecovery, startCore, type Core } from '../../src-main/core';
import { serveThenBackup } from '../../src-main/startup-backup';
import { startHttpServer, type RunningServer } from '../../src-main/transport/http/server';
import { safetyEnv, type SafetyEnv } from '../helpers/safety';
import { tempDir } from '../helpers/db';

const TOKEN = 'beef'.repeat(16);

let env: SafetyEnv | undefined;
let core: Core | undefined;
let server: RunningServer | undefined;
let web: { dir: string; cleanup(): void } | undefined;

afterEach(async () => {
  await server?.close();
  core?.close();
  env?.cleanup();
  web?.cleanup();
  server = core = env = web = undefined;
});

/** A data folder whose file already exists (a new file gets no start-up copy). */
function existingDataFolder(): SafetyEnv {
  const e = safetyEnv({ backups: { atStartup: 'deferred', daily: false } });
  startCore({ ...e.options, backups: { atStartup: false, daily: false } }).close();
  expect(fs.existsSync(e.dataFile)).toBe(true);
  return e;
}

describe('the start-up backup is taken after the server answers', () => {
  it('answers an API call over HTTP before the copy exists, then takes it verified, once', async () => {
    env = existingDataFolder();
    const opened = openCoreOrRecovery(env.options);
    if (opened.mode !== 'normal') throw new Error('expected a normal core');
    core = opened;
    expect(core.startupBackup).toBeNull();
    expect(core.backupManager.list()).toEqual([]);

    web = tempDir();
    fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>t</title>');
    const events: string[] = [];
    const c = core;
    const { served, startupBackup } = await serveThenBackup(
      c,
      async () => {
        const s = await startHttpServer({
          dispatch: c.dispatch,
          token: TOKEN,
          rendererDir: web!.dir,
          port: 0,
        });
        const res = await fetch(`${s.url}api/system.info`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: '{}',
        });
        const body = (await res.json()) as { ok: boolean };
        events.push(`answered ok=${body.ok} copies=${c.backupManager.list().length}`);
        return s;
      },
      0,
    );
    server = served;
    events.push('served');

    const taken = await startupBackup;
    events.push(`backup ${taken?.reason ?? 'none'}`);
    expect(events).toEqual(['answered ok=true copies=0', 'served', 'backup startup']);
    expect(taken?.verified).toBe(true);
    expect(core.startupBackup?.fileName).toBe(taken?.fileName);
    expect(core.backupManager.list().map((b) => [b.reason, b.verified])).toEqual([
      ['startup', true],
    ]);

    // Once only: asking again takes no second copy.
    expect(core.takeStartupBackup()).toBeNull();
    expect(core.backupManager.list()).toHaveLength(1);
  });

  it('takes no deferred copy when start-up backups are off, nor for a new file', async () => {
    env = existingDataFolder();
    core = startCore({ ...env.options, backups: { atStartup: false, daily: false } });
    const c = core;
    const { startupBackup } = await serveThenBackup(c, () => Promise.resolve(null), 0);
    expect(await startupBackup).toBeNull();
    expect(c.backupManager.list()).toEqual([]);
    c.close();

    const fresh = safetyEnv({ backups: { atStartup: 'deferred', daily: false } });
    try {
      const newCore = startCore(fresh.options);
      const later = await serveThenBackup(newCore, () => Promise.resolve(null), 0);
      expect(await later.startupBackup).toBeNull();
      expect(newCore.backupManager.list()).toEqual([]);
      newCore.close();
    } finally {
      fresh.cleanup();
    }
  });

  it('still takes the copy inside openCore when not deferred (the default)', () => {
    env = existingDataFolder();
    core = startCore({ ...env.options, backups: { atStartup: true, daily: false } });
    expect(core.startupBackup?.reason).toBe('startup');
    expect(core.takeStartupBackup()).toBeNull();
    expect(core.backupManager.list()).toHaveLength(1);
  });
});
