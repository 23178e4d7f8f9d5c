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
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Input, Method, Output } from '../../../src-shared/api/contract';
import type { Envelope } from '../../../src-shared/api/errors';
import { call, CallError } from './api';
import { apiKey, invalidateAfterWrite } from './query-client';

/**
 * Loads one contract call through the cache: `data` (null until the first answer), `error`
 * (the Norwegian message), `loading` (a fetch is under way) and `setData` to put a write's
 * answer in the cache at once.
 */
export function useApi<M extends Method>(method: M, input: Input<M>) {
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
  });
  const keyText = JSON.stringify(key);
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
