/**
 * The renderer's one cache (src-renderer/src/lib/query.ts, rules in query-client.ts): keys start with the method's
 * domain prefix, and a successful write refetches the queries on screen and drops the rest,
 * so no page shows an answer from before the write.
 */
import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  apiKey,
  createQueryClient,
  invalidateAfterWrite,
  methodPrefix,
} from '../../src-renderer/src/lib/query-client';

describe('query cache', () => {
  it('keys each call by its domain prefix, method and input', () => {
    expect(methodPrefix('grants.get')).toBe('grants');
    expect(methodPrefix('centreReports.overdue')).toBe('centreReports');
    expect(apiKey('grants.get', { id: 7 })).toEqual(['grants', 'grants.get', { id: 7 }]);
    expect(apiKey('rounds.list', {})).toEqual(['rounds', 'rounds.list', {}]);
  });

  it('does not retry a failed call or refetch on window focus', () => {
    const client = createQueryClient();
    const defaults = client.getDefaultOptions().queries;
    expect(defaults?.retry).toBe(false);
    expect(defaults?.refetchOnWindowFocus).toBe(false);
  });

  it('after a write refetches what is on screen and forgets what is not', async () => {
    const client = createQueryClient();
    let served = 0;
    const onScreen = new QueryObserver(client, {
      queryKey: apiKey('dashboard.summary', {}),
      queryFn: () => Promise.resolve(++served),
    });
    const unsubscribe = onScreen.subscribe(() => undefined);
    await client.fetchQuery({ queryKey: apiKey('dashboard.summary', {}), queryFn: () => ++served });
    client.setQueryData(apiKey('grants.get', { id: 1 }), { stale: true });
    const before = served;

    await invalidateAfterWrite(client, 'movements.record');

    expect(served).toBeGreaterThan(before);
    expect(client.getQueryData(apiKey('dashboard.summary', {}))).toBe(served);
    expect(client.getQueryData(apiKey('grants.get', { id: 1 }))).toBeUndefined();
    unsubscribe();
  });
});
