/**
 * applications.packView: the print-friendly pack's data, the same parts the .docx has, on
 * real SQLite with the 2024 example data (Sommeraksjonen, where KSS is forvalter).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kroner } from '../../src-shared/kernel/money';
import { makeDispatch, type TestApi } from '../helpers/db';

let api: TestApi;
beforeEach(() => {
  api = makeDispatch({ today: '2025-03-01' });
});
afterEach(() => api.cleanup());

describe('applications.packView', () => {
  it('gives the application, project, history, last year per region and scenarios', async () => {
    await api.call('exampleData.load', {});
    const last = api.sqlite
      .prepare(`select id from grants where title = 'Sommeraksjonen 2024'`)
      .pluck()
      .get() as number;
    const next = await api.call('applications.createNextYear', { grantId: last });
    const grantId = next.application.grantId;
    await api.call('applications.addScenario', {
      grantId,
      name: 'Kun medlemssentre',
      amountOre: kroner(1_550_000),
      description: null,
    });

    const v = await api.call('applications.packView', { grantId });
    expect(v.today).toBe('2025-03-01');
    expect(v.year).toBe(2025);
    expect(v.application).toMatchObject({ grantId, funderName: 'Gjensidigestiftelsen' });
    expect(v.project).toMatchObject({ name: 'Sommeraksjonen', kssRole: 'forvalter' });
    expect(v.history).toEqual([
      {
        year: 2024,
        title: 'Sommeraksjonen 2024',
        status: expect.any(String),
        appliedOre: kroner(1_484_475),
        awardedOre: expect.any(Number),
      },
    ]);
    // Last year's round: 19 centres, awards summing to what the round gave out.
    const regions = v.lastYear!;
    expect(regions.reduce((s, r) => s + r.centres, 0)).toBe(19);
    const awarded = api.sqlite
      .prepare(
        `select sum(a.awarded_ore) from allocations a join allocation_rounds r on r.id = a.round_id
          where r.grant_id = ?`,
      )
      .pluck()
      .get(last) as number;
    expect(regions.reduce((s, r) => s + r.awardedOre, 0)).toBe(awarded);
    expect(v.application.scenarios.map((s) => [s.name, s.amountOre])).toEqual([
      ['Kun medlemssentre', kroner(1_550_000)],
    ]);
  });

  it('answers NOT_FOUND for an unknown application', async () => {
    expect((await api.fail('applications.packView', { grantId: 999_999 })).code).toBe('NOT_FOUND');
  });
});
