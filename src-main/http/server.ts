/**
 * The localhost transport: `POST /api/<method>` with a JSON body answers the same
 * envelope as IPC; every other GET serves the built renderer. Bound to 127.0.0.1 only,
 * guarded by a per-launch token and Host/Origin checks, and sends no CORS headers.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dispatch } from '../api/dispatch';
import { checkRequest, CONTENT_SECURITY_POLICY } from './guard';

export const MAX_BODY_BYTES = 20 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HttpServerOptions {
  dispatch: Dispatch;
  token: string;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
}

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too-large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function errorJson(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { code, message } });
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const rendererRoot = path.resolve(options.rendererDir);
  let port = 0;

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      send(res, 413, errorJson('BAD_INPUT', 'Forespørselen er for stor.'), 'application/json');
      return;
    }
    let input: unknown;
    try {
      input = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      send(
        res,
        400,
        errorJson('BAD_INPUT', 'Forespørselen er ikke gyldig JSON.'),
        'application/json',
      );
      return;
    }
    const envelope = await options.dispatch(method, input);
    send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
  }

  function handleStatic(urlPath: string, res: http.ServerResponse, head: boolean) {
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      send(res, 400, 'Ugyldig adresse.', 'text/plain; charset=utf-8');
      return;
    }
    let file = path.resolve(rendererRoot, '.' + (rel === '/' ? '/index.html' : rel));
    if (file !== rendererRoot && !file.startsWith(rendererRoot + path.sep)) {
      send(res, 404, 'Ikke funnet.', 'text/plain; charset=utf-8');
      return;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // Unknown paths without an extension fall back to the app (client-side routes).
      if (path.extname(rel) !== '') {
        send(res, 404, 'Ikke funnet.', 'text/plain; charset=utf-8');
        return;
      }
      file = path.join(rendererRoot, 'index.html');
    }
    const body = fs.readFileSync(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const extra: Record<string, string> = type.startsWith('text/html')
      ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY }
      : {};
    if (head) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
      res.end();
      return;
    }
    send(res, 200, body, type, extra);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const decision = checkRequest(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        host: req.headers.host,
        origin: req.headers.origin,
        authorization: req.headers.authorization,
      },
      { port, token: options.token },
    );
    if (!decision.ok) {
      const isApi = url.pathname.startsWith('/api/');
      const code = decision.status === 401 || decision.status === 403 ? 'FORBIDDEN' : 'BAD_INPUT';
      if (isApi) send(res, decision.status, errorJson(code, decision.message), 'application/json');
      else send(res, decision.status, decision.message, 'text/plain; charset=utf-8');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url.pathname.slice('/api/'.length)).catch(() => {
        if (!res.headersSent)
          send(res, 500, errorJson('INTERNAL', 'Intern feil.'), 'application/json');
      });
      return;
    }
    handleStatic(url.pathname, res, req.method === 'HEAD');
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
