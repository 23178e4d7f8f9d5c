/**
 * The built preload (out/preload/index.cjs) runs in Electron's sandbox, where `require` knows
 * only 'electron' and a few globals. Run it in a VM context with a recording stand-in and
 * check that it exposes exactly one bridge with exactly one function.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const preload = path.join(root, 'out', 'preload', 'index.cjs');

beforeAll(() => {
  // `npm test` builds first; a lone run of this file builds if the bundle is missing.
  if (fs.existsSync(preload)) return;
  const cli = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
}, 120_000);

describe('preload bundle', () => {
  it('exposes only window.tilskudd.call, forwarding to the one IPC channel', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const required: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api;
        },
      },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: 'svar' };
        },
      },
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    vm.runInNewContext(fs.readFileSync(preload, 'utf8'), { require: sandboxRequire });

    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['tilskudd']);
    const bridge = exposed.tilskudd as { call: (m: string, i: unknown) => Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['call']);
    await expect(bridge.call('centres.list', { region: 'Nord' })).resolves.toEqual({
      ok: true,
      value: 'svar',
    });
    expect(invoked).toEqual([['tilskudd:call', 'centres.list', { region: 'Nord' }]]);
  });
});
