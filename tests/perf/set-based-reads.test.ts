/**
 * The set-based reads of issue 14 give what the one-by-one paths give, on generated data
 * (scale 1: rounds on many grants, overdue reports, one funder with many grants): each
 * round's pot in `rounds.list` equals the pot `rounds.get` computes for that round alone,
 * the overview's overdue count equals the length of the overdue list, and every row of
 * `allocations.byCentre` names its round and that round's grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedApp, type GeneratedApp } from './generated';

let app: GeneratedApp;

beforeAll(async () => {
  app = await generatedApp(1);
});

afterAll(() => app?.cleanup());

async function value<T>(method: string, input: unknown): Promise<T> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r)}`);
  return r.value as T;
}

describe('set-based reads agree with the per-item reads', () => {
  it('rounds.list: every pot, total and grant equals rounds.get of that round', async () => {
    const { rows: list } = await value<{ rows: Record<string, unknown>[] }>('rounds.list', {
      pageSize: 200,
    });
    expect(list.length).toBeGreaterThan(5);
    for (const summary of list) {
      const {
        notes: _n,
        allocations: _a,
        regionTotals: _r,
        ...detail
      } = await value<Record<string, unknown>>('rounds.get', { id: summary.id });
      expect(summary).toEqual(detail);
    }
  });

  it('dashboard.summary: the overdue count is the length of centreReports.overdue', async () => {
    const overdue = await value<unknown[]>('centreReports.overdue', {});
    const summary = await value<{ overdueReports: number }>('dashboard.summary', {});
    expect(overdue.length).toBeGreaterThan(0);
    expect(summary.overdueReports).toBe(overdue.length);
  });

  it('allocations.byCentre: each row names its round and its grant', async () => {
    const rows = await value<{ roundId: number; roundName: string; grantTitle: string }[]>(
      'allocations.byCentre',
      { centreId: app.info.hotCentreId },
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const round = await value<{ name: string; grantTitle: string }>('rounds.get', {
        id: row.roundId,
      });
      expect([row.roundName, row.grantTitle]).toEqual([round.name, round.grantTitle]);
    }
  });
});
