/**
 * Issue 10.3/10.4 through the localhost HTTP transport: a top-up and a split confirmation
 * sent as JSON over HTTP land in the award history and the split, exactly as over IPC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src-main/transport/http/server';
import type { Grant } from '../../src-shared/api/contract';
import type { Envelope } from '../../src-shared/api/errors';
import { kroner } from '../../src-shared/kernel/money';
import { makeDispatch, tempDir, type TempDir, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024 } from '../helpers/grants';

const TOKEN = 'feed'.repeat(16);
let api: TestApi;
let server: RunningServer;
let files: TempDir;

async function post<T>(method: string, input: unknown): Promise<Envelope<T>> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope<T>;
}

beforeAll(async () => {
  api = makeDispatch();
  files = tempDir();
  server = await startHttpServer({
    dispatch: api.dispatch,
    token: TOKEN,
    rendererDir: files.dir,
    port: 0,
  });
});
afterAll(async () => {
  await server?.close();
  api?.cleanup();
  files?.cleanup();
});

describe('award changes over HTTP', () => {
  it('records a top-up, returns the history, and confirms the suggested split', async () => {
    const seed = await seed2024(api);
    const g = await awardedGrant(
      api,
      grantInput(seed.projects.juleaksjonen.id, seed.funders.gjensidige.id, 'Juleaksjonen 2024', {
        periodFrom: '2024-11-01',
        periodTo: '2025-03-09',
      }),
      { awardedOre: kroner(1_832_639), decisionDate: '2024-10-10', reference: 'GJS-2024-JUL' },
    );
    const topped = await post<Grant>('grants.addAwardChange', {
      id: g.id,
      changeOre: kroner(500_000),
      decisionDate: '2024-12-01',
      reference: 'GJS-2024-JUL-2',
    });
    expect(topped.ok).toBe(true);
    const got = await post<Grant>('grants.get', { id: g.id });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.awardedOre).toBe(kroner(2_332_639));
    expect(got.value.awardHistory.map((h) => [h.kind, h.changeOre, h.reference])).toEqual([
      ['award', kroner(1_832_639), 'GJS-2024-JUL'],
      ['top_up', kroner(500_000), 'GJS-2024-JUL-2'],
    ]);
    expect(got.value.yearSplits.reduce((a, s) => a + s.amountOre, 0)).toBe(kroner(2_332_639));
    expect(got.value.yearSplitConfirmed).toBe(false);

    const bad = await post('grants.correctAward', { id: g.id, awardedOre: 1, reason: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_INPUT');

    const confirmed = await post<Grant>('grants.confirmYearSplit', { id: g.id });
    if (!confirmed.ok) throw new Error(confirmed.error.message);
    expect(confirmed.value.yearSplitConfirmed).toBe(true);
  });
});
