/**
 * Pure decisions for the localhost transport, unit-tested without a server: the request
 * must come to our loopback address and port (no DNS rebinding), from our own origin
 * (or none), and API calls must carry this launch's token.
 */
import { timingSafeEqual } from 'node:crypto';

export interface GuardConfig {
  port: number;
  token: string;
}

export type GuardDecision = { ok: true } | { ok: false; status: number; message: string };

/** The Host header must name this loopback address and port. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** An Origin header, when a browser sends one, must be this very origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function hasValidToken(authorization: string | undefined, token: string): boolean {
  if (!authorization || token.length === 0) return false;
  const m = /^Bearer (\S+)$/.exec(authorization);
  if (!m || m[1] === undefined) return false;
  const given = Buffer.from(m[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Decides whether a request may be served at all, and for /api/ whether it is authorised. */
export function checkRequest(
  req: { method: string; path: string; host?: string; origin?: string; authorization?: string },
  config: GuardConfig,
): GuardDecision {
  if (!isAllowedHost(req.host, config.port)) {
    return { ok: false, status: 421, message: 'Ukjent vertsnavn.' };
  }
  if (!isAllowedOrigin(req.origin, config.port)) {
    return { ok: false, status: 403, message: 'Forespørsel fra fremmed opphav avvist.' };
  }
  if (req.path.startsWith('/api/')) {
    if (req.method !== 'POST') {
      return { ok: false, status: 405, message: 'Bruk POST.' };
    }
    if (!hasValidToken(req.authorization, config.token)) {
      return { ok: false, status: 401, message: 'Mangler eller feil tilgangsnøkkel.' };
    }
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    return { ok: false, status: 405, message: 'Metoden er ikke tillatt.' };
  }
  return { ok: true };
}

/** The Content-Security-Policy the renderer runs under, in Electron and in the browser. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
