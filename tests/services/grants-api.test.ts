/**
 * Every organisation, funder, project, grant, movement and balance method refuses malformed
 * input with BAD_INPUT through the dispatch, with a message per field, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, METHODS, type DomainMethod, type Method } from '../../src-shared/api/contract';
import { kroner } from '../../src-shared/kernel/money';
import { dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024 } from '../helpers/grants';

const GRANT_METHODS = METHODS.filter((m): m is DomainMethod<'registry'> | DomainMethod<'grants'> =>
  /^(organisations|funders|projects|grants|movements|balances)\./.test(m),
);

let api: TestApi;
beforeAll(async () => {
  api = makeDispatch();
  const seed = await seed2024(api);
  const g = await awardedGrant(
    api,
    grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, 'VO-linjen 2024', {
      appliedOre: kroner(800_000),
    }),
    { awardedOre: kroner(800_000), decisionDate: '2024-01-10' },
  );
  await api.call('movements.record', {
    grantId: g.id,
    type: 'received',
    date: '2024-02-01',
    amountOre: kroner(800_000),
  });
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
  const cases: unknown[] = ['tekst', 42, [], everyFieldWrong];
  if (!contract[method].input.safeParse({}).success) cases.push({});
  return cases;
}

describe('grant methods: malformed input', () => {
  it('covers all 34 new methods', () => {
    expect(GRANT_METHODS).toHaveLength(34);
  });

  it.each(GRANT_METHODS)(
    '%s refuses malformed input with BAD_INPUT and changes nothing',
    async (method) => {
      for (const input of malformed(method)) {
        const before = dumpDatabase(api.sqlite);
        const envelope = await api.dispatch(method, input);
        expect(envelope.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
        if (envelope.ok) continue;
        expect(envelope.error.code).toBe('BAD_INPUT');
        expect(envelope.error.issues?.length).toBeGreaterThan(0);
        for (const issue of envelope.error.issues ?? []) {
          expect(issue.message).not.toMatch(/invalid|expected|required/i);
        }
        expect(dumpDatabase(api.sqlite)).toEqual(before);
      }
    },
  );

  it('names each wrong field with its path and Norwegian label', async () => {
    const envelope = await api.dispatch('movements.record', {
      grantId: 'en',
      type: 'gave',
      date: '31.02.2024',
      amountOre: 12.5,
    });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: expect.any(String),
        issues: [
          { path: 'grantId', message: 'Tilskudd må være et tall.' },
          { path: 'type', message: 'Type bevegelse har en ugyldig verdi. Velg fra listen.' },
          { path: 'date', message: 'Dato må være en gyldig dato (dd.mm.åååå).' },
          { path: 'amountOre', message: 'Beløp må være hele øre.' },
        ],
      },
    });
  });
});
