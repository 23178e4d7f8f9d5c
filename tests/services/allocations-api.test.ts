/**
 * Every allocation method (rounds, allocations, centre reports, round reports) refuses
 * malformed input with BAD_INPUT through the dispatch, with a Norwegian message per field,
 * and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, METHODS, type Method, type DomainMethod } from '../../src-shared/api/contract';
import { kroner } from '../../src-shared/kernel/money';
import { registerMembers } from '../helpers/allocations';
import { countRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024 } from '../helpers/grants';

const ALLOCATION_METHODS = METHODS.filter((m): m is DomainMethod<'allocations'> =>
  /^(rounds|allocations|centreReports)\./.test(m),
);

const TABLES = ['allocation_rounds', 'allocations', 'movements', 'audit_log'];

let api: TestApi;
let roundId: number;
let allocationId: number;
beforeAll(async () => {
  api = makeDispatch();
  const seed = await seed2024(api);
  const centres = await registerMembers(api, ['gjovik', 'bergen']);
  const grant = await awardedGrant(
    api,
    grantInput(seed.projects.sommeraksjonen.id, seed.funders.gjensidige.id, 'Sommeraksjonen 2024', {
      appliedOre: kroner(200_000),
    }),
    { awardedOre: kroner(200_000), decisionDate: '2024-05-01' },
  );
  await api.call('movements.record', {
    grantId: grant.id,
    type: 'received',
    date: '2024-05-10',
    amountOre: kroner(200_000),
  });
  const round = await api.call('rounds.create', { grantId: grant.id, name: 'Sommeraksjonen 2024' });
  roundId = round.id;
  const withApps = await api.call('allocations.saveApplications', {
    roundId,
    rows: [
      { centreId: centres.gjovik.id, appliedOre: kroner(90_000) },
      { centreId: centres.bergen.id, appliedOre: kroner(80_000) },
    ],
  });
  allocationId = withApps.allocations[0]?.id ?? 0;
  await api.call('allocations.decide', {
    roundId,
    decisionDate: '2024-05-20',
    awards: withApps.allocations.map((a) => ({ allocationId: a.id, awardedOre: a.appliedOre })),
  });
  await api.call('allocations.markPaid', { allocationIds: [allocationId], date: '2024-06-01' });
});
afterAll(() => api.cleanup());

function shapeOf(method: Method): string[] {
  let schema: z.ZodType = contract[method].input;
  if (schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType;
  if (!(schema instanceof z.ZodObject)) throw new Error(`${method}: input is not an object`);
  return Object.keys(schema.shape);
}

/** Inputs no method accepts: not an object, or every field of the wrong type. */
function malformed(method: Method): unknown[] {
  const everyFieldWrong = Object.fromEntries(shapeOf(method).map((k) => [k, { feil: true }]));
  const cases: unknown[] = ['tekst', 42, [], null, everyFieldWrong];
  if (!contract[method].input.safeParse({}).success) cases.push({});
  return cases;
}

/** Inputs that have the right shape but break a field rule. */
const BROKEN: Partial<Record<DomainMethod<'allocations'>, () => unknown[]>> = {
  'rounds.create': () => [
    { grantId: 1, name: '   ' },
    { grantId: 1, name: 'X', reportDeadline: '31.04.2025' },
    { grantId: -1, name: 'X' },
  ],
  'rounds.update': () => [{ id: roundId, name: 'X', activityFrom: '2024-02-30' }],
  'allocations.saveApplications': () => [
    { roundId, rows: [{ centreId: 1, appliedOre: -1 }] },
    { roundId, rows: [{ centreId: 1, appliedOre: 10.5 }] },
    { roundId, rows: [{ centreId: 1, appliedOre: 1, expectedParticipants: -3 }] },
  ],
  'allocations.removeApplication': () => [{ id: allocationId, reason: '' }],
  'allocations.decide': () => [
    { roundId, decisionDate: '2024-13-01', awards: [] },
    { roundId, decisionDate: '2024-05-20', awards: [{ allocationId, awardedOre: -100 }] },
  ],
  'allocations.markPaid': () => [
    { allocationIds: [], date: '2024-06-01' },
    { allocationIds: [allocationId], date: '' },
  ],
  'centreReports.record': () => [
    { allocationId, reportStatus: 'ferdig' },
    { allocationId, reportStatus: 'mottatt', spentOre: -1 },
  ],
  'centreReports.recordReturn': () => [{ allocationId, date: '2025-03-20', amountOre: 0 }],
  'centreReports.keepUnused': () => [{ allocationId, amountOre: 100, approvalRef: '  ' }],
  'centreReports.overdue': () => [{ asOf: '2025-02-29' }],
  'centreReports.markReminded': () => [{ allocationId, date: null }],
};

describe('allocation methods: malformed input', () => {
  it('covers all 18 methods', () => {
    expect(ALLOCATION_METHODS).toHaveLength(18);
  });

  it.each(ALLOCATION_METHODS)(
    '%s refuses malformed input with BAD_INPUT and changes nothing',
    async (method) => {
      for (const input of [...malformed(method), ...(BROKEN[method]?.() ?? [])]) {
        const counts = TABLES.map((t) => countRows(api.sqlite, t));
        const before = dumpDatabase(api.sqlite);
        const envelope = await api.dispatch(method, input);
        expect(envelope.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
        if (envelope.ok) continue;
        expect(envelope.error.code, JSON.stringify(input)).toBe('BAD_INPUT');
        expect(envelope.error.issues?.length).toBeGreaterThan(0);
        for (const issue of envelope.error.issues ?? []) {
          expect(issue.message).not.toMatch(/invalid|expected|required/i);
        }
        expect(TABLES.map((t) => countRows(api.sqlite, t))).toEqual(counts);
        expect(dumpDatabase(api.sqlite)).toEqual(before);
      }
    },
  );

  it('names the wrong field with its path and Norwegian label', async () => {
    const envelope = await api.dispatch('allocations.decide', {
      roundId,
      decisionDate: '2024-05-20',
      awards: [{ allocationId, awardedOre: 'mye' }],
    });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.issues).toContainEqual({
      path: 'awards.0.awardedOre',
      message: 'Tildelt beløp må være et beløp.',
    });
  });

  it('answers the read methods with values that match the contract', async () => {
    expect((await api.call('rounds.get', { id: roundId })).centreCount).toBe(2);
    expect((await api.call('rounds.list', {})).rows).toHaveLength(1);
    expect(await api.call('centreReports.overdue', {})).toEqual([]);
    const file = await api.call('allocations.payoutXlsx', { roundId });
    expect(file.contentBase64.length).toBeGreaterThan(100);
    const missing = await api.fail('rounds.get', { id: 999_999 });
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Fant ikke tildelingsrunden (id 999999).',
    });
    expect(api.logger.calls).toEqual([]);
  });
});
