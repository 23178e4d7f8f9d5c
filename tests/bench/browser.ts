/**
 * Bench pages in headless Chromium (playwright-core, Debian's /usr/bin/chromium, the flags of
 * tests/e2e/harness.ts): first render, DOM nodes and table rows, and long tasks (> 50 ms)
 * and the longest frame while scrolling.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=nb-NO',
];

export interface PageResult {
  name: string;
  route: string;
  /** From navigation start until the DOM stopped changing after the last API answer. */
  firstRenderMs: number;
  apiCalls: number;
  domNodes: number;
  tableRows: number;
  longTasksWhileScrolling: number;
  longestTaskMs: number;
  longestFrameMs: number;
}

/** Runs in the page before its scripts: records DOM changes and long tasks. */
const INIT = `
  window.__bench = { lastMutation: 0, longTasks: [] };
  new MutationObserver(() => { window.__bench.lastMutation = performance.now(); })
    .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

/** What the page shows once settled; clears the long tasks seen so far. */
const AFTER_RENDER = `(() => {
  const b = window.__bench;
  const render = b.lastMutation;
  b.longTasks = [];
  return {
    firstRenderMs: render,
    domNodes: document.getElementsByTagName('*').length,
    tableRows: document.querySelectorAll('tr, [role="row"]').length,
  };
})()`;

/** Scrolls the page (or its scrolling container) to the end in 40 steps, one per frame. */
const SCROLL = `(async () => {
  const frames = [];
  let last = performance.now();
  const scrollers = [document.scrollingElement, ...document.querySelectorAll('*')].filter(
    (el) => !!el && el.scrollHeight > el.clientHeight + 50 && getComputedStyle(el).overflowY !== 'hidden',
  );
  const target = scrollers[0] || document.documentElement;
  for (let i = 0; i < 40; i++) {
    target.scrollTop += Math.max(400, target.scrollHeight / 40);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  await new Promise((r) => setTimeout(r, 200));
  return {
    longTasks: window.__bench.longTasks.filter((t) => t.duration > 50).map((t) => t.duration),
    longestFrameMs: Math.max(...frames),
  };
})()`;

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Fant ikke Chromium i ${CHROMIUM_PATH}. Installer den (apt-get install -y --no-install-recommends chromium) eller sett CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

export async function measurePage(
  browser: Browser,
  baseUrl: string,
  token: string,
  name: string,
  route: string,
): Promise<PageResult> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(INIT);
  let apiCalls = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/')) apiCalls += 1;
  });
  try {
    await page.goto(`${baseUrl}?token=${token}#${route}`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    // Settle: the DOM has not changed for 300 ms.
    await page.waitForFunction(
      () =>
        performance.now() -
          (globalThis as unknown as { __bench: { lastMutation: number } }).__bench.lastMutation >
        300,
      undefined,
      {
        timeout: 60_000,
        polling: 50,
      },
    );
    const before = (await page.evaluate(AFTER_RENDER)) as {
      firstRenderMs: number;
      domNodes: number;
      tableRows: number;
    };
    const scroll = (await page.evaluate(SCROLL)) as { longTasks: number[]; longestFrameMs: number };
    return {
      name,
      route,
      firstRenderMs: Math.round(before.firstRenderMs),
      apiCalls,
      domNodes: before.domNodes,
      tableRows: before.tableRows,
      longTasksWhileScrolling: scroll.longTasks.length,
      longestTaskMs: Math.round(Math.max(0, ...scroll.longTasks)),
      longestFrameMs: Math.round(scroll.longestFrameMs),
    };
  } finally {
    await context.close();
  }
}
