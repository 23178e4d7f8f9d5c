/**
 * The renderer's one way to reach the main process: `call(method, input)`. Inside Electron
 * it goes through the preload bridge (IPC); in a plain browser it goes over the localhost
 * transport with the per-launch token the page was opened with.
 */
import type { Input, Method, Output } from '../../../src-shared/api/contract';
import type { ApiError, Envelope } from '../../../src-shared/api/errors';

interface Bridge {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    tilskudd?: Bridge;
  }
}

const TOKEN_KEY = 'tilskudd.token';

/** Takes the token from `?token=` once, keeps it for this tab, and removes it from the address bar. */
function readToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const token = typeof window !== 'undefined' && !window.tilskudd ? readToken() : null;

/** Browser mode opened without the launch token (the address printed at start has it). */
export function missingToken(): boolean {
  return typeof window !== 'undefined' && !window.tilskudd && !token;
}

export function transportName(): 'ipc' | 'http' {
  return window.tilskudd ? 'ipc' : 'http';
}

async function overHttp(method: string, input: unknown): Promise<Envelope<unknown>> {
  if (!token) {
    return {
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          'Siden mangler tilgangsnøkkel. Åpne adressen som ble skrevet ut da programmet startet.',
      },
    };
  }
  try {
    const res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as Envelope<unknown>;
  } catch {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Fikk ikke kontakt med programmet. Kjører det fortsatt?',
      },
    };
  }
}

/** Calls a contract method; errors come back as data, never as exceptions. */
export async function call<M extends Method>(
  method: M,
  input: Input<M>,
): Promise<Envelope<Output<M>>> {
  const bridge = window.tilskudd;
  const envelope = bridge ? await bridge.call(method, input) : await overHttp(method, input);
  return envelope as Envelope<Output<M>>;
}

/** Thrown by `callOrThrow` so data loaders can use ordinary async control flow. */
export class CallError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

export async function callOrThrow<M extends Method>(
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const res = await call(method, input);
  if (!res.ok) throw new CallError(res.error);
  return res.value;
}
