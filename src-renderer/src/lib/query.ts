/**
 * Data fetching through one cache (@tanstack/react-query) behind `call()`.
 *
 * - Reads: `useApi(method, input)`. The query key is `[prefix, method, input]`, where
 *   `prefix` is the method's domain prefix (`grants` for `grants.get`), so
 *   `invalidateQueries({ queryKey: ['grants'] })` reaches every grants read.
 * - Writes: `useApiMutation(method)` returns a function with the same envelope answer as
 *   `call()`; after a successful write it invalidates what `INVALIDATES` says — in this one
 *   place, not on each page.
 *
 * Errors stay data: a failed call resolves to `{ ok: false }`, which `useApi` exposes as
 * `error` (the Norwegian message) without retries.
 */
import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Input, Method, Output } from '../../../src-shared/api/contract';
import type { Envelope } from '../../../src-shared/api/errors';
import { call, CallError } from './api';

/** The cache for a local desktop app: errors are answers (no retries), no focus refetches. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** `grants.get` → `grants`: the first part of every query key. */
export function methodPrefix(method: Method): string {
  return method.slice(0, method.indexOf('.'));
}

export function apiKey<M extends Method>(method: M, input: Input<M>): QueryKey {
  return [methodPrefix(method), method, input ?? {}];
}

/**
 * What a successful call invalidates. `'all'` is the rule for every write: most writes move
 * money or change what a summary, balance, deadline list or the change log shows, across
 * domains, and refetching the few pages on screen is cheap against a local database — so
 * being narrower buys nothing and risks a stale figure. Calls that change no data (dialogs,
 * previews, file exports without a change-log entry) invalidate nothing.
 */
const INVALIDATES: Partial<Record<Method, 'all' | 'none' | readonly string[]>> = {
  'files.saveAs': 'none',
  'backups.inspect': 'none',
  'backups.download': 'none',
  'import.preview': 'none',
};

export function invalidationFor(method: Method): 'all' | 'none' | readonly string[] {
  return INVALIDATES[method] ?? 'all';
}

/** Loads one contract call through the cache; `reload()` fetches again. */
export function useApi<M extends Method>(
  method: M,
  input: Input<M>,
  options?: { enabled?: boolean },
) {
  const client = useQueryClient();
  const key = apiKey(method, input);
  const query = useQuery({
    queryKey: key,
    queryFn: async (): Promise<Output<M>> => {
      const res = await call(method, input);
      if (!res.ok) throw new CallError(res.error);
      return res.value;
    },
    // Like the page loaders before: show the last answer while the next one loads.
    placeholderData: keepPreviousData,
    enabled: options?.enabled ?? true,
  });
  const reload = useCallback(() => {
    void query.refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch is stable per observer
  }, [query.refetch]);
  const keyText = JSON.stringify(key);
  const setData = useCallback(
    (value: Output<M>) => client.setQueryData(JSON.parse(keyText) as QueryKey, value),
    [client, keyText],
  );
  return {
    data: (query.data ?? null) as Output<M> | null,
    error: query.error ? query.error.message : null,
    loading: query.isFetching,
    reload,
    setData,
  };
}

/**
 * A write (or any one-off call) with the envelope answer of `call()`; on success it
 * invalidates the cache as `INVALIDATES` says.
 */
export function useApiMutation<M extends Method>(method: M) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: Input<M>): Promise<Envelope<Output<M>>> => call(method, input),
    onSuccess: async (res) => {
      if (!res.ok) return;
      const rule = invalidationFor(method);
      if (rule === 'none') return;
      if (rule === 'all') await client.invalidateQueries();
      else
        await Promise.all(rule.map((prefix) => client.invalidateQueries({ queryKey: [prefix] })));
    },
  });
  return mutation.mutateAsync;
}
