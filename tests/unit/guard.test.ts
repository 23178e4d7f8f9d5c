import { describe, expect, it } from 'vitest';
import {
  checkRequest,
  CONTENT_SECURITY_POLICY,
  hasValidToken,
  isAllowedHost,
  isAllowedOrigin,
} from '../../src-main/transport/http/guard';

const PORT = 48213;
const OTHER_PORT = 48214;
const TOKEN = 'a3f1c9e07b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d';
const config = { port: PORT, token: TOKEN };

const goodApiCall = {
  method: 'POST',
  path: '/api/centres.list',
  host: `127.0.0.1:${PORT}`,
  origin: `http://127.0.0.1:${PORT}`,
  authorization: `Bearer ${TOKEN}`,
};

describe('isAllowedHost', () => {
  it('accepts this loopback address and port, by IP or as localhost', () => {
    expect(isAllowedHost(`127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedHost(`localhost:${PORT}`, PORT)).toBe(true);
  });

  it('refuses a foreign name pointing at us (DNS rebinding)', () => {
    expect(isAllowedHost(`evil.example:${PORT}`, PORT)).toBe(false);
    expect(isAllowedHost(`127.0.0.1.evil.example:${PORT}`, PORT)).toBe(false);
    expect(isAllowedHost(`localhost.evil.example:${PORT}`, PORT)).toBe(false);
  });

  it('refuses another port, a missing port and a missing header', () => {
    expect(isAllowedHost(`127.0.0.1:${OTHER_PORT}`, PORT)).toBe(false);
    expect(isAllowedHost('127.0.0.1', PORT)).toBe(false);
    expect(isAllowedHost('localhost', PORT)).toBe(false);
    expect(isAllowedHost(undefined, PORT)).toBe(false);
    expect(isAllowedHost('', PORT)).toBe(false);
  });

  it('refuses other addresses of the machine', () => {
    expect(isAllowedHost(`0.0.0.0:${PORT}`, PORT)).toBe(false);
    expect(isAllowedHost(`[::1]:${PORT}`, PORT)).toBe(false);
    expect(isAllowedHost(`192.168.1.10:${PORT}`, PORT)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts requests without an Origin (navigation, scripts)', () => {
    expect(isAllowedOrigin(undefined, PORT)).toBe(true);
  });

  it('accepts our own origin', () => {
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedOrigin(`http://localhost:${PORT}`, PORT)).toBe(true);
  });

  it('refuses foreign origins, other ports, https and the opaque "null" origin', () => {
    expect(isAllowedOrigin('http://evil.example', PORT)).toBe(false);
    expect(isAllowedOrigin(`http://evil.example:${PORT}`, PORT)).toBe(false);
    expect(isAllowedOrigin(`http://127.0.0.1:${OTHER_PORT}`, PORT)).toBe(false);
    expect(isAllowedOrigin(`https://127.0.0.1:${PORT}`, PORT)).toBe(false);
    expect(isAllowedOrigin('null', PORT)).toBe(false);
    expect(isAllowedOrigin('', PORT)).toBe(false);
    expect(isAllowedOrigin('file://', PORT)).toBe(false);
  });
});

describe('hasValidToken', () => {
  it('accepts the launch token as a bearer token', () => {
    expect(hasValidToken(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it('refuses a missing, wrong, shorter or longer token', () => {
    expect(hasValidToken(undefined, TOKEN)).toBe(false);
    expect(hasValidToken('', TOKEN)).toBe(false);
    expect(hasValidToken('Bearer ', TOKEN)).toBe(false);
    expect(hasValidToken(`Bearer ${TOKEN.replace(/.$/, '0')}`, TOKEN)).toBe(false);
    expect(hasValidToken(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(hasValidToken(`Bearer ${TOKEN.slice(0, 8)}`, TOKEN)).toBe(false);
    expect(hasValidToken(`Bearer ${TOKEN}0`, TOKEN)).toBe(false);
  });

  it('refuses other schemes and malformed headers', () => {
    expect(hasValidToken(TOKEN, TOKEN)).toBe(false);
    expect(hasValidToken(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(hasValidToken(`Bearer ${TOKEN} extra`, TOKEN)).toBe(false);
    expect(hasValidToken(`Bearer  ${TOKEN}`, TOKEN)).toBe(false);
  });

  it('refuses everything when no token is configured', () => {
    expect(hasValidToken('Bearer ', '')).toBe(false);
    expect(hasValidToken('Bearer x', '')).toBe(false);
  });
});

describe('checkRequest', () => {
  it('lets a proper API call through', () => {
    expect(checkRequest(goodApiCall, config)).toEqual({ ok: true });
    const { origin: _origin, ...withoutOrigin } = goodApiCall;
    expect(checkRequest(withoutOrigin, config)).toEqual({ ok: true });
  });

  it('refuses a foreign Host before anything else (421)', () => {
    for (const host of [`evil.example:${PORT}`, `127.0.0.1:${OTHER_PORT}`, undefined]) {
      const decision = checkRequest({ ...goodApiCall, host }, config);
      expect(decision).toMatchObject({ ok: false, status: 421 });
    }
    // Static files too: a rebinding page must not even read the app's HTML.
    expect(
      checkRequest({ method: 'GET', path: '/', host: `evil.example:${PORT}` }, config),
    ).toMatchObject({ ok: false, status: 421 });
  });

  it('refuses a foreign Origin (403), also for the "null" origin', () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${OTHER_PORT}`]) {
      expect(checkRequest({ ...goodApiCall, origin }, config)).toMatchObject({
        ok: false,
        status: 403,
      });
    }
  });

  it('refuses an API call without the right token (401)', () => {
    const { authorization: _a, ...withoutToken } = goodApiCall;
    expect(checkRequest(withoutToken, config)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ ...goodApiCall, authorization: 'Bearer wrong' }, config)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      checkRequest({ ...goodApiCall, authorization: `Bearer ${TOKEN.slice(0, 10)}` }, config),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses anything but POST on /api/ (405), token or not', () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']) {
      expect(checkRequest({ ...goodApiCall, method }, config)).toMatchObject({
        ok: false,
        status: 405,
      });
    }
  });

  it('serves static files with GET and HEAD only, without a token', () => {
    const page = { path: '/', host: `127.0.0.1:${PORT}` };
    expect(checkRequest({ ...page, method: 'GET' }, config)).toEqual({ ok: true });
    expect(checkRequest({ ...page, method: 'HEAD' }, config)).toEqual({ ok: true });
    expect(checkRequest({ ...page, method: 'POST' }, config)).toMatchObject({ status: 405 });
  });

  it('answers in Norwegian', () => {
    const decision = checkRequest({ ...goodApiCall, authorization: undefined }, config);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.message).toMatch(/tilgangsnøkkel/);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it("only runs the app's own scripts and cannot be framed", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
