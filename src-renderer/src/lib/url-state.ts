/**
 * A list page's filters, sort and page kept in the address ('#/grants?year=2024&sort=title'),
 * so Back and reload keep them. Written with `replaceState`: typing in a search field adds no
 * history entries and does not move focus. A real navigation to the same page with other
 * parameters (a link from the overview) resets the state from the address.
 *
 * Values are strings ('' = not set, left out of the address); `page` is a number ≥ 1 and
 * goes back to 1 whenever another value changes.
 */
import { useState } from 'react';
import { queryOf, useRoute } from './router';

export type UrlValues<K extends string> = Record<K, string> & { page: number };

function valuesOf<K extends string>(path: string, defaults: Record<K, string>): UrlValues<K> {
  const q = queryOf(path);
  const out = { page: Math.max(1, Math.floor(Number(q.get('page'))) || 1) } as UrlValues<K>;
  for (const key of Object.keys(defaults) as K[]) {
    (out as Record<K, string>)[key] = q.get(key) ?? defaults[key];
  }
  return out;
}

function addressOf<K extends string>(
  path: string,
  values: UrlValues<K>,
  defaults: Record<K, string>,
): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(defaults) as K[]) {
    const v = values[key];
    if (v !== '' && v !== defaults[key]) q.set(key, v);
  }
  if (values.page > 1) q.set('page', String(values.page));
  const base = path.split('?')[0]!;
  const s = q.toString();
  return `#${base}${s ? `?${s}` : ''}`;
}

/**
 * `const [f, update] = useUrlState({ q: '', year: '', sort: 'title', dir: 'asc' })`:
 * `f.year` is the current value, `update({ year: '2024' })` sets it (and page 1),
 * `update({ page: 3 })` moves the page only.
 */
export function useUrlState<K extends string>(
  defaults: Record<K, string>,
): [UrlValues<K>, (patch: Partial<UrlValues<K>>) => void] {
  const path = useRoute();
  const [values, setValues] = useState<UrlValues<K>>(() => valuesOf(path, defaults));
  const [seenPath, setSeenPath] = useState(path);
  if (path !== seenPath) {
    setSeenPath(path);
    setValues(valuesOf(path, defaults));
  }
  const update = (patch: Partial<UrlValues<K>>) => {
    const onlyPage = Object.keys(patch).every((k) => k === 'page');
    const next = { ...values, ...(onlyPage ? {} : { page: 1 }), ...patch };
    setValues(next);
    // No hashchange fires for replaceState, so the route (and `seenPath`) stay as they were.
    window.history.replaceState(null, '', addressOf(path, next, defaults));
  };
  return [values, update];
}
