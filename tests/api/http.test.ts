import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  startHttpServer,
  type RunningServer,
} from '../../src-main/transport/http/server';
import type { Envelope } from '../../src-shared/api/errors';
import { centreInput, makeDispatch, tempDir, type TempDir, type TestApi } from '../helpers/db';

const TOKEN = 'c0ffee'.repeat(8);
const INDEX_HTML =
  '<!doctype html><html lang="nb"><head><title>Tilskuddsoversikt</title></head><body><div id="root"></div></body></html>';
const SECRET = 'HEMMELIG-INNHOLD-SOM-ALDRI-SKAL-LEKKE';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let api: TestApi;
let server: RunningServer;
let files: TempDir;
const replies: Reply[] = [];

/** A raw request with full control of the headers (fetch may not set Host). */
function request(options: {
  method?: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
  port?: number;
}): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${server.port}` };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port ?? server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const reply = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          replies.push(reply);
          resolve(reply);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Writes bytes straight to the socket; answers the status line the server sent. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('end', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

function callApi(
  method: string,
  input: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<Reply> {
  return request({
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: input === undefined ? '' : JSON.stringify(input),
  });
}

beforeAll(async () => {
  api = makeDispatch();
  files = tempDir();
  // The renderer folder sits next to a file that must never be served.
  const rendererDir = path.join(files.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  fs.writeFileSync(path.join(files.dir, 'package.json'), JSON.stringify({ secret: SECRET }));
  fs.writeFileSync(path.join(files.dir, 'renderer-secret.txt'), SECRET);
  server = await startHttpServer({ dispatch: api.dispatch, token: TOKEN, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  api?.cleanup();
  files?.cleanup();
});

describe('the localhost transport', () => {
  it('listens on 127.0.0.1 on the port it was given (0 = any free one)', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('answers an API call with the dispatch envelope as JSON', async () => {
    const reply = await callApi('system.info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { today: '2024-06-15' } });
  });

  it('answers errors as envelopes with status 200, like IPC', async () => {
    const reply = await callApi('centres.get', { id: 404 });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Fant ikke medlemssenteret (id 404).' },
    });
  });

  it('treats an empty body as an empty input', async () => {
    const reply = await callApi('centres.list', undefined);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
  });

  describe('refuses', () => {
    it('an API call without a token (401)', async () => {
      const reply = await callApi('centres.list', {}, { Authorization: undefined });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('an API call with a wrong or partial token (401)', async () => {
      for (const authorization of [
        'Bearer wrong',
        `Bearer ${TOKEN.slice(0, -2)}`,
        `Bearer ${TOKEN}x`,
        TOKEN,
        `Basic ${TOKEN}`,
      ]) {
        const reply = await callApi('centres.list', {}, { Authorization: authorization });
        expect(reply.status, authorization).toBe(401);
      }
    });

    it('a wrong token before touching any data', async () => {
      const reply = await callApi('centres.create', centreInput('alta'), {
        Authorization: 'Bearer nope',
      });
      expect(reply.status).toBe(401);
      const list = (await api.call('centres.list', { search: 'Alta' })).rows;
      expect(list).toEqual([]);
    });

    it('a foreign Host header — DNS rebinding (421)', async () => {
      for (const host of [
        `evil.example:${server.port}`,
        `127.0.0.1:${server.port + 1}`,
        'evil.example',
      ]) {
        const reply = await callApi('centres.list', {}, { Host: host });
        expect(reply.status, host).toBe(421);
        expect(reply.body).not.toContain('"ok":true');
      }
      const page = await request({ path: '/', headers: { Host: `evil.example:${server.port}` } });
      expect(page.status).toBe(421);
      expect(page.body).not.toContain('Tilskuddsoversikt');
    });

    it('a foreign or opaque Origin (403)', async () => {
      for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port + 1}`]) {
        const reply = await callApi('centres.list', {}, { Origin: origin });
        expect(reply.status, origin).toBe(403);
      }
    });

    it('anything but POST on /api/ (405)', async () => {
      const reply = await request({
        path: '/api/x',
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(reply.status).toBe(405);
      const get = await request({
        path: '/api/centres.list',
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(get.status).toBe(405);
    });

    it('a CORS preflight, without granting anything', async () => {
      const reply = await request({
        method: 'OPTIONS',
        path: '/api/centres.list',
        headers: {
          Origin: 'http://evil.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      expect(reply.headers['access-control-allow-headers']).toBeUndefined();
    });

    it('invalid JSON with 400 BAD_INPUT', async () => {
      const reply = await request({
        method: 'POST',
        path: '/api/centres.create',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: '{"name": "Alta Krisesenter",',
      });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'BAD_INPUT', message: 'Forespørselen er ikke gyldig JSON.' },
      });
    });

    it('JSON that is not an object, through dispatch', async () => {
      const reply = await request({
        method: 'POST',
        path: '/api/centres.create',
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: '"Alta Krisesenter"',
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    });

    it('a body above the limit with 413, and still serves the next request', async () => {
      const big = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20);
      const reply = await request({
        method: 'POST',
        path: '/api/centres.list',
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: big,
      }).catch((error: NodeJS.ErrnoException) => ({ status: -1, error }));
      expect(reply.status).toBe(413);
      if ('body' in reply) {
        expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      }
      expect((await callApi('centres.list', {})).status).toBe(200);
    });

    it('an announced Content-Length above the limit without reading the body', async () => {
      const reply = await new Promise<{ status: number }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            method: 'POST',
            path: '/api/centres.list',
            headers: {
              Host: `127.0.0.1:${server.port}`,
              Authorization: `Bearer ${TOKEN}`,
              'Content-Length': String(MAX_BODY_BYTES + 1),
            },
            agent: false,
          },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0 });
          },
        );
        req.on('error', reject);
        req.write('{');
        // The body never comes: the server must answer from the header alone.
      });
      expect(reply.status).toBe(413);
    });
  });

  describe('serves the renderer', () => {
    it('with a Content-Security-Policy that only runs its own scripts', async () => {
      const reply = await request({ path: '/' });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(INDEX_HTML);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = reply.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
    });

    it('the page also when opened with the token in the URL', async () => {
      const reply = await request({ path: `/?token=${TOKEN}` });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(INDEX_HTML);
    });

    it('assets with their type', async () => {
      const reply = await request({ path: '/assets/app.js' });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    });

    it('the app for client-side routes', async () => {
      const reply = await request({ path: '/medlemssentre/12' });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(INDEX_HTML);
      expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('404 for a missing file', async () => {
      expect((await request({ path: '/assets/missing.js' })).status).toBe(404);
    });

    it('HEAD without a body', async () => {
      const reply = await request({ method: 'HEAD', path: '/' });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('');
    });

    it.each([
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/..%2Fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5cpackage.json',
      '/....//package.json',
      '/%2e%2e/renderer-secret.txt',
      '/..%2frenderer-secret.txt',
      '//../package.json',
      '/%00../package.json',
      '/%ff',
    ])('nothing outside its folder for %s', async (attack) => {
      const reply = await request({ path: attack });
      expect(reply.body).not.toContain(SECRET);
      expect([200, 400, 404]).toContain(reply.status);
      if (reply.status === 200) expect(reply.body).toBe(INDEX_HTML);
    });
  });

  it('survives odd request lines (one used to crash the host) and answers 400 for non-paths', async () => {
    const statusLine = (target: string) =>
      rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      );
    // "//[" made `new URL(path, base)` throw inside the request handler: an uncaught exception.
    expect(await statusLine('//[')).toMatch(/^HTTP\/1\.1 200 /);
    expect(await statusLine('*')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await statusLine('http://evil.example/api/centres.list')).toMatch(/^HTTP\/1\.1 400 /);
    expect((await callApi('centres.list', {})).status).toBe(200);
  });

  it('answers 404 instead of crashing when the renderer is not built', async () => {
    const empty = tempDir();
    const bare = await startHttpServer({
      dispatch: api.dispatch,
      token: TOKEN,
      rendererDir: path.join(empty.dir, 'not-built'),
    });
    try {
      const page = await request({
        path: '/',
        port: bare.port,
        headers: { Host: `127.0.0.1:${bare.port}` },
      });
      expect(page.status).toBe(404);
      const route = await request({
        path: '/medlemssentre',
        port: bare.port,
        headers: { Host: `127.0.0.1:${bare.port}` },
      });
      expect(route.status).toBe(404);
      const call = await request({
        method: 'POST',
        path: '/api/centres.list',
        port: bare.port,
        headers: { Host: `127.0.0.1:${bare.port}`, Authorization: `Bearer ${TOKEN}` },
        body: '{}',
      });
      expect(call.status).toBe(200);
    } finally {
      await bare.close();
      empty.cleanup();
    }
  });

  it('sends no CORS headers on any response', async () => {
    await request({ path: '/', headers: { Origin: `http://127.0.0.1:${server.port}` } });
    await callApi('centres.list', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(replies.length).toBeGreaterThan(20);
    for (const reply of replies) {
      const cors = Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'));
      expect(cors).toEqual([]);
    }
  });

  it('accepts the page’s own origin, by IP or as localhost', async () => {
    const byIp = await callApi('centres.list', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(byIp.status).toBe(200);
    const byName = await callApi(
      'centres.list',
      {},
      { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
    );
    expect(byName.status).toBe(200);
  });
});

describe('HTTP and dispatch parity', () => {
  /** The same story as the e2e test tells: create, list, edit, add a period, make mistakes. */
  const story: [string, (ids: Record<string, number>) => unknown][] = [
    ['centres.list', () => ({})],
    ['centres.create', () => centreInput('alta', { joinedDate: '2024-06-01' })],
    ['centres.create', () => centreInput('halden', { joinedDate: '2010-01-01' })],
    ['centres.create', () => centreInput('gjovik', { name: 'ALTA krisesenter' })],
    ['centres.create', () => ({ ...centreInput('bergen'), contactEmail: 'ikke-en-adresse' })],
    ['centres.create', () => 'ikke et objekt'],
    ['centres.list', () => ({ region: 'nord' })],
    ['centres.get', (ids) => ({ id: ids.alta })],
    ['centres.get', () => ({ id: 999 })],
    [
      'centres.update',
      (ids) => ({ id: ids.alta, ...centreInput('alta'), dailyLeader: 'Daglig leder' }),
    ],
    [
      'centres.updateMembership',
      (ids) => ({ id: ids.haldenPeriod, joinedDate: '2010-01-01', leftDate: '2024-12-31' }),
    ],
    ['centres.addMembership', (ids) => ({ centreId: ids.halden, joinedDate: '2024-06-01' })],
    ['centres.list', () => ({ asOf: '2025-01-02', memberInYear: 2025 })],
    ['centres.unknown', () => ({})],
    ['files.saveAs', () => ({ fileName: 'x.xlsx', contentBase64: '' })],
    ['system.info', () => ({})],
  ];

  function remember(ids: Record<string, number>, envelope: Envelope<unknown>) {
    if (!envelope.ok) return;
    const v = envelope.value as { id?: number; name?: string; memberships?: { id: number }[] };
    if (v.name === 'Alta Krisesenter') ids.alta = v.id ?? 0;
    if (v.name === 'Krisesenter Halden') {
      ids.halden = v.id ?? 0;
      ids.haldenPeriod = v.memberships?.[0]?.id ?? 0;
    }
  }

  it('gives byte-identical JSON for the same calls over HTTP and over dispatch', async () => {
    // Two fresh databases with the same fixed clock: one behind HTTP, one called directly.
    const direct = makeDispatch();
    const behindHttp = makeDispatch();
    const web = tempDir();
    fs.writeFileSync(path.join(web.dir, 'index.html'), INDEX_HTML);
    const parityServer = await startHttpServer({
      dispatch: behindHttp.dispatch,
      token: TOKEN,
      rendererDir: web.dir,
    });
    try {
      const directIds: Record<string, number> = {};
      const httpIds: Record<string, number> = {};
      for (const [method, makeInput] of story) {
        const directEnvelope = await direct.dispatch(method, makeInput(directIds));
        remember(directIds, directEnvelope);

        const reply = await request({
          method: 'POST',
          path: `/api/${method}`,
          port: parityServer.port,
          headers: { Host: `127.0.0.1:${parityServer.port}`, Authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify(makeInput(httpIds)),
        });
        remember(httpIds, JSON.parse(reply.body) as Envelope<unknown>);

        const expected =
          method === 'system.info'
            ? // The data file path differs between the two temp folders; nothing else may.
              JSON.stringify(directEnvelope).replace(direct.dataDir, behindHttp.dataDir)
            : JSON.stringify(directEnvelope);
        expect(reply.status, method).toBe(200);
        expect(reply.body, method).toBe(expected);
      }
      expect(directIds).toEqual(httpIds);
      expect(Object.keys(directIds).sort()).toEqual(['alta', 'halden', 'haldenPeriod']);
    } finally {
      await parityServer.close();
      direct.cleanup();
      behindHttp.cleanup();
      web.cleanup();
    }
  });
});
