import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src-main/transport/http/server';
import { chooseEncoding } from '../../src-main/transport/http/static-assets';
import { makeDispatch, tempDir, type TempDir, type TestApi } from '../helpers/db';

const TOKEN = 'beef'.repeat(12);
const INDEX_HTML = `<!doctype html><html lang="nb"><head><title>Tilskuddsoversikt</title></head><body><div id="root"></div>${'<!-- fyll -->'.repeat(200)}</body></html>`;
const APP_JS = `export const tekster = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `Medlemssenter ${i}`))};`;

let api: TestApi;
let server: RunningServer;
let files: TempDir;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: urlPath,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  api = makeDispatch();
  files = tempDir();
  const rendererDir = path.join(files.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-Ab12Cd34.js'), APP_JS);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'tiny-Ef56.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'logo-Gh78.png'), Buffer.alloc(4000, 7));
  server = await startHttpServer({ dispatch: api.dispatch, token: TOKEN, rendererDir, port: 0 });
});

afterAll(async () => {
  await server.close();
  api.cleanup();
  files.cleanup();
});

describe('the renderer over HTTP: caching', () => {
  it('caches hashed assets for a year, immutable', async () => {
    const reply = await get('/assets/index-Ab12Cd34.js');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html (and client-side routes) revalidated every time', async () => {
    for (const p of ['/', '/index.html', '/centres/12']) {
      const reply = await get(p);
      expect(reply.headers['cache-control'], p).toBe('no-cache');
      expect(reply.headers['content-security-policy'], p).toContain("script-src 'self'");
    }
  });

  it('never caches an API answer', async () => {
    const reply = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/system.info',
          headers: {
            Host: `127.0.0.1:${server.port}`,
            Authorization: `Bearer ${TOKEN}`,
            'Content-Type': 'application/json',
          },
          agent: false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
  });
});

describe('the renderer over HTTP: compression', () => {
  it('sends brotli when accepted, and the bytes decode to the file', async () => {
    const reply = await get('/assets/index-Ab12Cd34.js', {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 3);
    expect(zlib.brotliDecompressSync(reply.body).toString('utf8')).toBe(APP_JS);
  });

  it('sends gzip when brotli is not accepted (or refused with q=0)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.5']) {
      const reply = await get('/', { 'Accept-Encoding': accept });
      expect(reply.headers['content-encoding'], accept).toBe('gzip');
      expect(zlib.gunzipSync(reply.body).toString('utf8')).toBe(INDEX_HTML);
    }
  });

  it('sends plain bytes without Accept-Encoding, for tiny files, and for images', async () => {
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(APP_JS);
    const tiny = await get('/assets/tiny-Ef56.css', { 'Accept-Encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString('utf8')).toBe('body{margin:0}');
    const png = await get('/assets/logo-Gh78.png', { 'Accept-Encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4000);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const reply = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.body.length).toBe(0);
  });

  it('reads Accept-Encoding as the RFC says: names, q-values and *', () => {
    const big = 5000;
    const js = 'text/javascript; charset=utf-8';
    expect(chooseEncoding('*', js, big)).toBe('br');
    expect(chooseEncoding('*;q=0, gzip', js, big)).toBe('gzip');
    expect(chooseEncoding('identity', js, big)).toBeNull();
    expect(chooseEncoding('BR', js, big)).toBe('br');
    expect(chooseEncoding('gzip;q=0', js, big)).toBeNull();
    expect(chooseEncoding('br', 'image/svg+xml', big)).toBe('br');
    expect(chooseEncoding('br', 'application/json; charset=utf-8', big)).toBe('br');
  });
});
