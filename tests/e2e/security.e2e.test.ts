/**
 * The built renderer in Chromium, served by browser mode (out/main/browser.js): what an
 * injected script could do there. The Content-Security-Policy must stop inline scripts, inline
 * event handlers, `data:` scripts, `eval`, `new Function` and string timers; Node's `require`
 * and `process` must not exist, and neither may the Electron bridge; no address on the server
 * sends the page elsewhere; and a page of another origin cannot use the API.
 *
 * Every probe also runs against the same built files served without any CSP (meta tag stripped,
 * no header), where each must succeed: that proves the probes detect execution, so this file
 * fails if the CSP is removed. A third server sends the unchanged files without the header,
 * as Electron loads them (file:// has no headers, only the meta tag applies).
 *
 * The in-page code is written as text: this TypeScript program has no DOM types, and the text
 * is exactly what the page runs.
 *
 * Header-level refusals of a forged Origin, Host or token are in tests/api/http.test.ts; here
 * the browser itself is the attacker's tool.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths';
import { api, launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { AppPage } from './pages/AppPage';

const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/i;

interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * The built renderer from a plain static server with no CSP header: 'meta' serves the files as
 * built (the meta tag is the only policy, as in Electron), 'none' strips the meta tag too.
 */
async function serveRenderer(csp: 'meta' | 'none'): Promise<StaticServer> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = url.pathname === '/' ? 'index.html' : path.normalize(url.pathname).slice(1);
    const file = path.join(RENDERER_DIR, rel);
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    let body = fs.readFileSync(file);
    if (rel === 'index.html' && csp === 'none') {
      body = Buffer.from(body.toString('utf8').replace(CSP_META, ''));
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ProbeResult {
  inlineScript: boolean;
  dataUrlScript: boolean;
  inlineHandler: boolean;
  evalCall: boolean;
  newFunction: boolean;
  stringTimer: boolean;
  violations: string[];
}

/** Tries every way of running injected text as code; true means it ran. */
const PROBE = `(async () => {
  const w = window;
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
  const settle = (el) => new Promise((done) => {
    el.addEventListener('load', done);
    el.addEventListener('error', done);
    setTimeout(done, 1000);
  });

  const inline = document.createElement('script');
  inline.textContent = 'window.__probeInline = true;';
  document.head.appendChild(inline);

  const fromData = document.createElement('script');
  fromData.src = 'data:text/javascript,window.__probeData%20%3D%20true%3B';
  const dataDone = settle(fromData);
  document.head.appendChild(fromData);
  await dataDone;

  const img = document.createElement('img');
  img.setAttribute('onerror', 'window.__probeHandler = true');
  const imgDone = settle(img);
  // Not an image: the error handler fires without a request (and without a 404 in the console).
  img.src = 'data:image/png;base64,AAAA';
  document.body.appendChild(img);
  await imgDone;

  let evalCall = false;
  try { evalCall = (0, eval)('1 + 1') === 2; } catch {}
  let newFunction = false;
  try { newFunction = new Function('return 2')() === 2; } catch {}
  try { setTimeout('window.__probeTimer = true', 0); } catch {}
  await new Promise((done) => setTimeout(done, 200));

  return {
    inlineScript: w.__probeInline === true,
    dataUrlScript: w.__probeData === true,
    inlineHandler: w.__probeHandler === true,
    evalCall,
    newFunction,
    stringTimer: w.__probeTimer === true,
    violations,
  };
})()`;

const NOTHING_RAN = {
  inlineScript: false,
  dataUrlScript: false,
  inlineHandler: false,
  evalCall: false,
  newFunction: false,
  stringTimer: false,
};

async function probe(page: Page): Promise<ProbeResult> {
  return (await page.evaluate(PROBE)) as ProbeResult;
}

describe('the built renderer under attack in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let bare: StaticServer;
  let metaOnly: StaticServer;
  const requestedOrigins = new Set<string>();

  beforeAll(async () => {
    app = await startApp();
    [bare, metaOnly] = await Promise.all([serveRenderer('none'), serveRenderer('meta')]);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO' });
    problems = watchConsole(page);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:') requestedOrigins.add(url.origin);
    });
    await page.goto(app.url);
    await new AppPage(page).heading().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.stop(), bare?.close(), metaOnly?.close()]);
  });

  describe('the Content-Security-Policy', () => {
    it('runs none of the injected code in the app (header and meta tag)', async () => {
      const result = await probe(page);
      expect(result).toMatchObject(NOTHING_RAN);
      expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem']));
      // The app keeps working after the attempts.
      expect(await new AppPage(page).heading().count()).toBe(1);
    });

    it('runs none of it with only the meta tag, as Electron loads the page from file://', async () => {
      const html = await (await fetch(`${metaOnly.origin}/`)).text();
      expect(html).toMatch(CSP_META);
      const other = await browser.newPage();
      try {
        const response = await other.goto(`${metaOnly.origin}/`);
        expect(response?.headers()['content-security-policy']).toBeUndefined();
        expect(await probe(other)).toMatchObject(NOTHING_RAN);
      } finally {
        await other.close();
      }
    });

    it('is what stops them: without any CSP every probe runs', async () => {
      const html = await (await fetch(`${bare.origin}/`)).text();
      expect(html).not.toContain('Content-Security-Policy');
      const other = await browser.newPage();
      try {
        await other.goto(`${bare.origin}/`);
        const result = await probe(other);
        expect(result).toEqual({
          inlineScript: true,
          dataUrlScript: true,
          inlineHandler: true,
          evalCall: true,
          newFunction: true,
          stringTimer: true,
          violations: [],
        });
      } finally {
        await other.close();
      }
    });
  });

  it('gives the page no Node and, in browser mode, no Electron bridge', async () => {
    const globals = await page.evaluate(`({
      require: typeof require,
      process: typeof process,
      module: typeof module,
      global: typeof global,
      Buffer: typeof Buffer,
      tilskudd: typeof window.tilskudd,
    })`);
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      global: 'undefined',
      Buffer: 'undefined',
      tilskudd: 'undefined',
    });
  });

  describe('no open redirect', () => {
    const attempts = [
      '//evil.example/',
      '//evil.example/%2F..',
      '/\\evil.example/',
      '/%2F%2Fevil.example/',
      '/%5Cevil.example',
      '/http://evil.example/',
      '/?next=http://evil.example/',
      '/?redirect=https%3A%2F%2Fevil.example%2F&returnTo=//evil.example',
      '/login?returnUrl=//evil.example',
      '/api/..%2F..%2F%2Fevil.example',
    ];

    it('no address on the server answers with a redirect', async () => {
      for (const attempt of attempts) {
        for (const method of ['GET', 'POST']) {
          const res = await fetch(`${app.origin}${attempt}`, {
            method,
            redirect: 'manual',
            headers: { Authorization: `Bearer ${app.token}` },
          });
          await res.arrayBuffer();
          expect(res.status >= 300 && res.status < 400, `${method} ${attempt}`).toBe(false);
          expect(res.headers.get('location'), `${method} ${attempt}`).toBeNull();
        }
      }
    });

    it('a page opened at such an address stays on the app’s origin', async () => {
      const other = await browser.newPage();
      try {
        for (const attempt of attempts.filter((a) => !a.startsWith('/api/'))) {
          await other.goto(`${app.origin}${attempt}`);
          expect(new URL(other.url()).origin, attempt).toBe(app.origin);
        }
      } finally {
        await other.close();
      }
    });

    it('the app itself only ever talked to its own origin', () => {
      expect([...requestedOrigins]).toEqual([app.origin]);
    });
  });

  describe('a page of another origin', () => {
    const centre = { name: 'Fremmed Krisesenter', driftsform: 'ideell', region: 'nord' };

    /** The foreign page: the stripped static server, a different port and so another origin. */
    async function foreignPage(): Promise<Page> {
      const other = await browser.newPage();
      await other.goto(`${bare.origin}/`);
      return other;
    }

    it('cannot call the API even with a stolen token: the preflight is refused', async () => {
      const other = await foreignPage();
      try {
        const outcome =
          await other.evaluate(`fetch(${JSON.stringify(`${app.origin}/api/centres.create`)}, {
          method: 'POST',
          headers: {
            Authorization: 'Bearer ' + ${JSON.stringify(app.token)},
            'Content-Type': 'application/json',
          },
          body: ${JSON.stringify(JSON.stringify(centre))},
        }).then((r) => 'answered ' + r.status, (e) => 'refused: ' + e.name)`);
        expect(outcome).toBe('refused: TypeError');
      } finally {
        await other.close();
      }
      expect(await api(app, 'centres.list', { search: centre.name })).toMatchObject({ rows: [] });
    });

    it('cannot slip a simple request or a form post past the Origin check', async () => {
      const other = await foreignPage();
      try {
        // No preflight for these: they reach the server, which sees the foreign Origin.
        await other.evaluate(`fetch(${JSON.stringify(`${app.origin}/api/centres.create`)}, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'Content-Type': 'text/plain' },
          body: ${JSON.stringify(JSON.stringify(centre))},
        }).then(() => 'sent', () => 'failed')`);
        const formResponse = other.waitForResponse((r) => r.url().includes('/api/centres.create'));
        await other.evaluate(`(() => {
          const form = document.createElement('form');
          form.method = 'POST';
          form.enctype = 'text/plain';
          form.action = ${JSON.stringify(`${app.origin}/api/centres.create`)};
          const field = document.createElement('input');
          field.name = '{"name":"Fremmed Krisesenter","driftsform":"ideell","region":"nord","x":"';
          field.value = '"}';
          form.appendChild(field);
          document.body.appendChild(form);
          form.submit();
        })()`);
        const response = await formResponse;
        expect(response.status()).toBe(403);
        expect(await response.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      } finally {
        await other.close();
      }
      expect(await api(app, 'centres.list', { search: centre.name })).toMatchObject({ rows: [] });
    });

    it('cannot be imitated by a script on the app’s own page: the browser keeps the real Origin', async () => {
      const answer = await page.evaluate(`fetch('/api/system.info', {
        method: 'POST',
        headers: {
          Authorization: 'Bearer ' + ${JSON.stringify(app.token)},
          'Content-Type': 'application/json',
          Origin: 'http://evil.example',
        },
        body: '{}',
      }).then((r) => r.status)`);
      // Origin is a forbidden header: the browser sends the page's real origin, which is allowed.
      expect(answer).toBe(200);
    });
  });

  it('logged nothing unexpected on the app page apart from the blocked probes', () => {
    const unexpected = problems.filter(
      (p) => !/Content Security Policy|unsafe-eval|Refused to/.test(p),
    );
    expect(unexpected).toEqual([]);
  });
});
