/**
 * Issue 10, items 5, 6 and 9 through the localhost HTTP transport, as the renderer calls them:
 * a 2024 round created later offers Halden; after 2024 is closed, moving Halden's last member
 * day out of 2024 is refused with the closed-year message; a name with a lone UTF-16
 * surrogate (valid JSON, not valid Unicode) is refused as BAD_INPUT naming the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src-main/transport/http/server';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import type { Envelope } from '../../src-shared/api/errors';
import { makeDispatch, tempDir, type TempDir, type TestApi } from '../helpers/db';
import { carryForwardExtra, yearEndCase, type YearEndCase } from '../helpers/yearend';

const TOKEN = 'feed'.repeat(16);

let api: TestApi;
let c: YearEndCase;
let server: RunningServer;
let web: TempDir;

/** POST /api/<method> with the bearer token; the body is sent exactly as given. */
async function post(method: string, body: string): Promise<Envelope<unknown>> {
  const reply = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body,
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as Envelope<unknown>;
}

beforeAll(async () => {
  api = makeDispatch({ today: '2025-01-20' });
  c = await yearEndCase(api);
  web = tempDir();
  fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>x</title>');
  server = await startHttpServer({ dispatch: api.dispatch, token: TOKEN, rendererDir: web.dir });
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(defaultBackupFolder(api.dataDir), { recursive: true, force: true });
  api?.cleanup();
  web?.cleanup();
});

describe('issue 10 over HTTP', () => {
  it('offers Halden in the 2024 round, refuses changing its 2024 membership once 2024 is closed, and refuses a lone surrogate', async () => {
    const offered = await post('rounds.eligibleCentres', JSON.stringify({ roundId: c.round.id }));
    expect(offered.ok).toBe(true);
    const centres = offered.ok ? (offered.value as { centres: { id: number }[] }).centres : [];
    expect(centres.map((x) => x.id)).toContain(c.centres.halden.id);

    await carryForwardExtra(api, c);
    await api.call('yearEnd.close', { year: 2024, reason: 'Overlevert regnskapsfører.' });
    const halden = c.centres.halden.memberships[0]!;
    const moved = await post(
      'centres.updateMembership',
      JSON.stringify({ id: halden.id, joinedDate: halden.joinedDate, leftDate: '2025-06-30' }),
    );
    expect(moved).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.',
        issues: [
          {
            path: 'leftDate',
            message:
              'Regnskapsåret 2024 er avsluttet. Gjenåpne året med en begrunnelse for å endre det.',
          },
        ],
      },
    });

    // JSON allows the escape \ud800 alone; the text it stands for is not valid Unicode.
    const lone = await post(
      'centres.create',
      '{"name":"Test\\ud800senter","driftsform":"ideell","region":"nord"}',
    );
    expect(lone).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Navn inneholder et ugyldig tegn.' },
    });
    const listed = (await api.call('centres.list', { search: 'senter' })).rows;
    expect(listed.map((x) => x.name).filter((n) => n.startsWith('Test'))).toEqual([]);
  });
});
