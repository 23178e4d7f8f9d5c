/**
 * No N+1 (issue 14): every list and summary method runs the same number of SQL statements
 * whatever the size of the data. Generated data at scale 1 and 3 (three times the centres,
 * grants, rounds, allocations and movements); each call is counted on the connection.
 *
 * KNOWN_N_PLUS_ONE lists the methods whose count still grows with the data today. The test
 * asserts that they DO still grow, so a fix makes it fail until the method is taken off the
 * list: the list can only shrink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLS, type CallSpec } from '../bench/calls';
import { generatedApp, type GeneratedApp } from './generated';

/** Call names (as in tests/bench/calls.ts) whose statement count grows with the data. */
const KNOWN_N_PLUS_ONE: readonly string[] = [];

/** Reads that are not in the bench table (the detail pages and small lists). */
const MORE_READS: CallSpec[] = [
  {
    name: 'centres.get (centre in every round)',
    method: 'centres.get',
    kind: 'summary',
    input: (info) => ({ id: info.hotCentreId }),
    raw: null,
  },
  {
    name: 'funders.get (funder of the hot grant)',
    method: 'funders.get',
    kind: 'summary',
    input: (info) => ({ id: info.hotFunderId }),
    raw: null,
  },
  {
    name: 'projects.get (project of the hot grant)',
    method: 'projects.get',
    kind: 'summary',
    input: (info) => ({ id: info.hotProjectId }),
    raw: null,
  },
  {
    name: 'rounds.funderReport (round of the busiest centre)',
    method: 'rounds.funderReport',
    kind: 'summary',
    input: (info) => ({ roundId: info.hotRoundId }),
    raw: null,
  },
  { name: 'import.list', method: 'import.list', kind: 'list', input: () => ({}), raw: null },
  {
    name: 'accounts.list',
    method: 'accounts.list',
    kind: 'list',
    input: () => ({}),
    raw: null,
  },
];

const READS = [...CALLS.filter((c) => c.kind !== 'write'), ...MORE_READS];
/** Writes: their checks read the ledger's sums, not the ledger, so they cost the same too. */
const WRITES = CALLS.filter((c) => c.kind === 'write');

let small: GeneratedApp;
let large: GeneratedApp;

beforeAll(async () => {
  small = await generatedApp(1);
  large = await generatedApp(3);
});

afterAll(() => {
  small?.cleanup();
  large?.cleanup();
});

let seq = 0;

async function statementsOf(app: GeneratedApp, name: string): Promise<number> {
  const spec = [...READS, ...WRITES].find((c) => c.name === name)!;
  // Once first, so statements a service prepares lazily on first use are not counted.
  await app.dispatch(spec.method, spec.input(app.info, ++seq));
  const { value, statements } = await app.counter.count(() =>
    app.dispatch(spec.method, spec.input(app.info, ++seq)),
  );
  expect(value.ok, `${name}: ${JSON.stringify(value)}`).toBe(true);
  return statements;
}

describe('statements per call stay constant as the data grows (scale 1 → 3)', () => {
  it('counts statements at all (the counter sees drizzle and raw queries)', async () => {
    const n = await statementsOf(small, 'centres.list');
    expect(n).toBeGreaterThan(0);
  });

  for (const spec of READS) {
    if (KNOWN_N_PLUS_ONE.includes(spec.name)) {
      it(`${spec.name} is a known N+1: its count still grows (take it off KNOWN_N_PLUS_ONE when fixed)`, async () => {
        const a = await statementsOf(small, spec.name);
        const b = await statementsOf(large, spec.name);
        expect(b, `${spec.name}: ${a} statements at scale 1, ${b} at scale 3`).toBeGreaterThan(a);
      });
    } else {
      it(`${spec.name} runs the same number of statements`, async () => {
        const a = await statementsOf(small, spec.name);
        const b = await statementsOf(large, spec.name);
        expect(b, `${spec.name}: ${a} statements at scale 1, ${b} at scale 3`).toBe(a);
      });
    }
  }

  for (const spec of WRITES) {
    it(`${spec.name} runs the same number of statements`, async () => {
      const a = await statementsOf(small, spec.name);
      const b = await statementsOf(large, spec.name);
      expect(b, `${spec.name}: ${a} statements at scale 1, ${b} at scale 3`).toBe(a);
    });
  }

  it('KNOWN_N_PLUS_ONE names only methods of the call table', () => {
    for (const name of KNOWN_N_PLUS_ONE) expect(READS.map((c) => c.name)).toContain(name);
  });
});
