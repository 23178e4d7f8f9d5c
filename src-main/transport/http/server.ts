/**
 * The localhost transport: `POST /api/<method>` with a JSON body answers the same
 * envelope as IPC; every other GET serves the built renderer. Bound to 127.0.0.1 only,
 * guarded by a per-launch token and Host/Origin checks, and sends no CORS headers.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dispatch } from '../dispatch';
import { checkRequest, CONTENT_SECURITY_POLICY } from './guard';
import { cacheControlFor, chooseEncoding, compressed } from './static-assets';

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

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop keeping the body, but do not cut the connection: the client must still be able
        // to read the 413 (closing with unread data resets the connection instead).
        req.removeListener('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers 413 and discards the rest of the body; a client that never stops is cut off. */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  send(
    res,
    413,
    errorJson('BAD_INPUT', 'Forespørselen er for stor.'),
    'application/json; charset=utf-8',
  );
  if (req.complete) return;
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 10_000);
  timer.unref();
  req.once('close', () => clearTimeout(timer));
}

/** The request path, or null when the request line cannot be a path on this server. */
function requestUrl(rawUrl: string | undefined): URL | null {
  const target = rawUrl ?? '/';
  // Parse as a path of this origin: "//host/x" or "http://host/x" must not pick a host.
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

function errorJson(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { code, message } });
}

async function handleApi(
  options: HttpServerOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
) {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > MAX_BODY_BYTES) {
    refuseTooLarge(req, res);
    return;
  }
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      refuseTooLarge(req, res);
      return;
    }
    throw error;
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

/**
 * The file a GET asks for inside the renderer folder; unknown paths without an extension
 * get the app (client-side routes). null after answering 400 or 404 itself.
 */
function staticFile(rendererRoot: string, urlPath: string, res: http.ServerResponse) {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    send(res, 400, 'Ugyldig adresse.', 'text/plain; charset=utf-8');
    return null;
  }
  const file = path.resolve(rendererRoot, '.' + (rel === '/' ? '/index.html' : rel));
  if (file !== rendererRoot && !file.startsWith(rendererRoot + path.sep)) {
    send(res, 404, 'Ikke funnet.', 'text/plain; charset=utf-8');
    return null;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    // Unknown paths without an extension fall back to the app (client-side routes).
    if (path.extname(rel) !== '') {
      send(res, 404, 'Ikke funnet.', 'text/plain; charset=utf-8');
      return null;
    }
    return path.join(rendererRoot, 'index.html');
  }
  return file;
}

function handleStatic(
  rendererRoot: string,
  urlPath: string,
  res: http.ServerResponse,
  head: boolean,
  acceptEncoding: string | undefined,
) {
  const file = staticFile(rendererRoot, urlPath, res);
  if (file === null) return;
  let body: Buffer;
  let version: string;
  try {
    body = fs.readFileSync(file);
    version = String(fs.statSync(file).mtimeMs);
  } catch {
    // No built renderer (or it vanished): say so instead of crashing the host.
    send(res, 404, 'Ikke funnet.', 'text/plain; charset=utf-8');
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const extra: Record<string, string> = type.startsWith('text/html')
    ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY }
    : {};
  extra['Cache-Control'] = cacheControlFor(file, rendererRoot);
  extra['Vary'] = 'Accept-Encoding';
  const encoding = chooseEncoding(acceptEncoding, type, body.length);
  if (encoding) {
    body = compressed(file, `${body.length}:${version}`, body, encoding);
    extra['Content-Encoding'] = encoding;
  }
  if (head) {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
    res.end();
    return;
  }
  send(res, 200, body, type, extra);
}

/** What a request handler needs: the options, the renderer folder and the bound port. */
interface ServerState {
  options: HttpServerOptions;
  rendererRoot: string;
  /** 0 until the server listens. */
  port: number;
}

function handle(s: ServerState, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = requestUrl(req.url);
  if (!url) {
    send(res, 400, 'Ugyldig adresse.', 'text/plain; charset=utf-8');
    return;
  }
  const decision = checkRequest(
    {
      method: req.method ?? 'GET',
      path: url.pathname,
      host: req.headers.host,
      origin: req.headers.origin,
      authorization: req.headers.authorization,
    },
    { port: s.port, token: s.options.token },
  );
  if (!decision.ok) {
    const isApi = url.pathname.startsWith('/api/');
    const code = decision.status === 401 || decision.status === 403 ? 'FORBIDDEN' : 'BAD_INPUT';
    if (isApi) send(res, decision.status, errorJson(code, decision.message), 'application/json');
    else send(res, decision.status, decision.message, 'text/plain; charset=utf-8');
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    handleApi(s.options, req, res, url.pathname.slice('/api/'.length)).catch(() => {
      if (!res.headersSent)
        send(res, 500, errorJson('INTERNAL', 'Intern feil.'), 'application/json');
    });
    return;
  }
  handleStatic(
    s.rendererRoot,
    url.pathname,
    res,
    req.method === 'HEAD',
    req.headers['accept-encoding'],
  );
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const s: ServerState = { options, rendererRoot: path.resolve(options.rendererDir), port: 0 };

  const server = http.createServer((req, res) => {
    // A throw here would be an uncaught exception that ends the whole host process.
    try {
      handle(s, req, res);
    } catch {
      if (!res.headersSent) send(res, 500, 'Intern feil.', 'text/plain; charset=utf-8');
      else res.destroy();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      s.port = (server.address() as AddressInfo).port;
      resolve({
        port: s.port,
        url: `http://127.0.0.1:${s.port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
