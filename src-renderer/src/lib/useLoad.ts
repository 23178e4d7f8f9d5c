import { useCallback, useEffect, useState } from 'react';
import type { Method, Input, Output } from '../../../src-shared/api/contract';
import { call } from './api';

/** Loads one contract call; `reload()` fetches again after a change. */
export function useLoad<M extends Method>(method: M, input: Input<M>, deps: readonly unknown[]) {
  const [data, setData] = useState<Output<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([method, ...deps, tick]);
  const [doneKey, setDoneKey] = useState<string | null>(null);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let alive = true;
    void call(method, input).then((res) => {
      if (!alive) return;
      if (res.ok) {
        setData(res.value);
        setError(null);
      } else {
        setError(res.error.message);
      }
      setDoneKey(key);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` captures method, deps and reloads
  }, [key]);
  return { data, error, loading: doneKey !== key, reload, setData };
}
