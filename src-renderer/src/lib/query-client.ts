/**
 * The cache's rules, apart from React and the transport (so they run in a unit test): the
 * client's defaults, query keys per domain, and what a successful write invalidates.
 */
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import type { Input, Method } from '../../../src-shared/api/contract';

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
 * What a successful write invalidates, by the method's prefix. The rule is «everything»: most
 * writes move money or change what a summary, balance, deadline list, the recovery gate or
 * the change log shows, across domains (a movement changes grants, balances, rounds, the
 * dashboard and year-end), and refetching the few queries on screen from a local database
 * is cheap — being narrower buys nothing and risks a stale figure. A prefix listed here
 * would invalidate only the prefixes it names. Calls that change no data (previews,
 * inspections, file exports, the save dialog) stay on plain `call()` and invalidate nothing.
 */
const INVALIDATES: Readonly<Record<string, readonly string[]>> = {};

export async function invalidateAfterWrite(client: QueryClient, method: Method): Promise<void> {
  const prefixes = INVALIDATES[methodPrefix(method)];
  if (!prefixes) {
    // Refetch what is on screen; drop what is not, so a page opened later loads fresh data
    // (with its loading state) instead of showing an answer from before the write.
    client.removeQueries({ type: 'inactive' });
    await client.invalidateQueries({ type: 'active' });
    return;
  }
  await Promise.all(prefixes.map((prefix) => client.invalidateQueries({ queryKey: [prefix] })));
}
