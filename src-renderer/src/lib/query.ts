/**
 * Data fetching through one cache (@tanstack/react-query) behind `call()`.
 *
 * - Reads: `useApi(method, input)`. The query key is `[prefix, method, input]`, where
 *   `prefix` is the method's domain prefix (`grants` for `grants.get`), so
 *   `invalidateQueries({ queryKey: ['grants'] })` reaches every grants read.
 * - Writes: `useApiMutation(method)` returns a function with the same envelope answer as
 *   `call()`; after a successful write it invalidates what `INVALIDATES` (query-client.ts) says — in this one
 *   place, not on each page (no `reload()` after saves, no refresh keys).
 *
 * Errors stay data: a failed call resolves to `{ ok: false }`, which `useApi` exposes as
 * `error` (the Norwegian message) without retries.
 */
import {
  hashKey,
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { Input, Method, Output } from '../../../src-shared/api/contract';
import type { Envelope } from '../../../src-shared/api/errors';
import { call, CallError } from './api';
import { apiKey, invalidateAfterWrite } from './query-client';

/** The cache entry of one contract call: its key and how it is fetched. */
function apiQuery<M extends Method>(method: M, input: Input<M>) {
  return {
    queryKey: apiKey(method, input),
    queryFn: async (): Promise<Output<M>> => {
      const res = await call(method, input);
      if (!res.ok) throw new CallError(res.error);
      return res.value;
    },
  };
}

/**
 * Starts a call before any component asks for it (at start, while React renders), so the
 * answer is in the cache when its `useApi` mounts. For the gates every page waits behind
 * (recovery, first run): without it their calls go out only after the first render, and the
 * page's own calls one round trip after that.
 */
export function prefetchApi<M extends Method>(client: QueryClient, method: M, input: Input<M>) {
  const query = apiQuery(method, input);
  prefetchedAt.set(hashKey(query.queryKey), Date.now());
  void client.prefetchQuery(query);
}

/** When each prefetched call was asked for, by its cache key's hash. */
const prefetchedAt = new Map<string, number>();
/** How long a prefetched answer counts as new, so the component's mount does not ask again. */
const PREFETCH_FRESH_MS = 5000;

/**
 * Every answer is stale at once (a write elsewhere on the page must show), except one just
 * prefetched for the component now mounting. A write in between still refetches it: an
 * invalidated query is stale whatever this says.
 */
function staleTime(query: { queryHash: string }): number {
  const at = prefetchedAt.get(query.queryHash);
  return at !== undefined && Date.now() - at < PREFETCH_FRESH_MS ? PREFETCH_FRESH_MS : 0;
}

/**
 * Asks for a call a child will need, alongside the page's own (e.g. the ledger's first page
 * with the grant, when the address opens the «Bevegelser» tab), instead of one round trip
 * after the page has its answer. Nothing when `enabled` is false.
 */
export function usePrefetchApi<M extends Method>(method: M, input: Input<M>, enabled: boolean) {
  const client = useQueryClient();
  const keyText = JSON.stringify(apiKey(method, input));
  useEffect(() => {
    if (enabled) prefetchApi(client, method, (JSON.parse(keyText) as [string, M, Input<M>])[2]);
  }, [client, method, keyText, enabled]);
}

/**
 * Loads one contract call through the cache: `data` (null until the first answer), `error`
 * (the Norwegian message), `loading` (a fetch is under way) and `setData` to put a write's
 * answer in the cache at once.
 */
export function useApi<M extends Method>(method: M, input: Input<M>) {
  const client = useQueryClient();
  const query = useQuery({
    ...apiQuery(method, input),
    staleTime,
    // Like the page loaders before: show the last answer while the next one loads.
    placeholderData: keepPreviousData,
  });
  const keyText = JSON.stringify(apiKey(method, input));
  const setData = useCallback(
    (value: Output<M>) => client.setQueryData(JSON.parse(keyText) as QueryKey, value),
    [client, keyText],
  );
  return {
    data: (query.data ?? null) as Output<M> | null,
    error: query.error ? query.error.message : null,
    /** The record asked for does not exist (NOT_FOUND): pages show «Fant ikke siden». */
    notFound: query.error instanceof CallError && query.error.error.code === 'NOT_FOUND',
    loading: query.isFetching,
    setData,
    /** Fetches again now (a write through the cache already does this by itself). */
    reload: query.refetch,
  };
}

/**
 * A write with the envelope answer of `call()` (errors are data, never thrown); after a
 * successful one it invalidates the cache as `INVALIDATES` says, before the promise resolves,
 * so a page that navigates on success shows the new data.
 */
export function useApiMutation<M extends Method>(method: M) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: Input<M>): Promise<Envelope<Output<M>>> => call(method, input),
    onSuccess: async (res) => {
      if (res.ok) await invalidateAfterWrite(client, method);
    },
  });
  return mutation.mutateAsync;
}

/**
 * For a component that makes several different writes: `write(method, input)` answers like
 * `call()` and, after a success, invalidates the cache exactly as `useApiMutation` does.
 */
export function useWrite() {
  const client = useQueryClient();
  return useCallback(
    async <M extends Method>(method: M, input: Input<M>): Promise<Envelope<Output<M>>> => {
      const res = await call(method, input);
      if (res.ok) await invalidateAfterWrite(client, method);
      return res;
    },
    [client],
  );
}
