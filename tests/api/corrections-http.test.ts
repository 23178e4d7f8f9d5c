/**
 * Issue 10.1 and 10.2 through the localhost transport: the same rules answer over HTTP as
 * through the dispatch — a 5 000 000 kr receipt on a 1 832 639 kr award is refused with a
 * warning until acknowledged with a reason, and «Korriger» without a date lands on the
 * original's date in its (open) year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src-main/transport/http/server';
import type { Envelope } from '../../src-shared/api/errors';
import { kroner } from '../../src-shared/kernel/money';
import { makeDispatch, tempDir, type TempDir, type TestApi } from '../helpers/db';
import { juleaksjonen2024, seed2024 } from '../helpers/grants';

const TOKEN = 'feed'.repeat(12);

let api: TestApi;
let server: RunningServer;
let files: TempDir;
let grantId: number;

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
  api = makeDispatch({ today: '2026-01-15' });
  files = tempDir();
  server = await startHttpServer({
    dispatch: api.dispatch,
    token: TOKEN,
    rendererDir: files.dir,
    port: 0,
  });
  grantId = (await juleaksjonen2024(api, await seed2024(api))).id;
});

afterAll(async () => {
  await server?.close();
  api?.cleanup();
  files?.cleanup();
});

describe('corrections and plausibility over HTTP', () => {
  it('warns, saves with a reason, and corrects in the receipt’s own year', async () => {
    const receipt = {
      grantId,
      type: 'received',
      date: '2024-10-26',
      amountOre: kroner(5_000_000),
    };
    const checked = await post<{ warnings: { kind: string }[] }>('movements.check', receipt);
    expect(checked.ok && checked.value.warnings.map((w) => w.kind)).toEqual([
      'received_above_award',
    ]);
    const refused = await post('movements.record', receipt);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CONFLICT');
    expect(refused.error.issues?.[0]?.path).toBe('acknowledgeWarnings');

    const saved = await post<{ id: number; reason: string }>('movements.record', {
      ...receipt,
      acknowledgeWarnings: true,
      reason: 'Som på bilaget.',
    });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.reason).toBe('Som på bilaget.');

    const reversed = await post<{ date: string; reversesId: number }[]>('movements.reverse', {
      id: saved.value.id,
      reason: 'Feil beløp.',
      correctedAmountOre: kroner(1_832_639),
    });
    if (!reversed.ok) throw new Error(reversed.error.message);
    expect(reversed.value.map((m) => m.date)).toEqual(['2024-10-26', '2024-10-26']);
    const balances = await post<{ year: number; receivedOre: number }[]>('balances.forGrant', {
      grantId,
      fromYear: 2024,
      toYear: 2026,
    });
    expect(balances.ok && balances.value.map((b) => [b.year, b.receivedOre])).toEqual([
      [2024, kroner(1_832_639)],
      [2025, 0],
      [2026, 0],
    ]);
  });
});
