/**
 * `npm run bench [-- --compare] [-- --save-baseline] [-- --reuse]` (issue 14): generates
 * data at scale 1 and 100, then measures at scale 100 every list, summary and write through
 * `dispatch` (with the same data as raw SQL in the same loop), a subset over HTTP, start-up
 * in phases, the year exports at scale 1 and 100 (time, size, peak RSS, each in its own
 * process), a backup, and three pages in headless Chromium. Prints a table with every goal
 * PASS/FAIL, writes bench/results.json; `--save-baseline` also writes bench/baseline.json,
 * `--compare` prints the change against it.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type Core } from '../../src-main/core';
import { openDatabase } from '../../src-main/platform/database';
import { startHttpServer } from '../../src-main/transport/http/server';
import { fixedClock } from '../../src-main/platform/context';
import { launch, measurePage, type PageResult } from './browser';
import { CALLS, HTTP_CALLS, runCalls, stats, type CallResult, type Stats } from './calls';
import { GEN_TODAY, generate, readGenInfo, sizesFor, type GenInfo } from './gen/generate';

const ROOT = process.cwd();
const MIGRATIONS = path.join(ROOT, 'db/migrations');
const DATA_ROOT = path.join(ROOT, '.tmp', 'bench');
const RESULTS = path.join(ROOT, 'bench', 'results.json');
const BASELINE = path.join(ROOT, 'bench', 'baseline.json');
const EXPORT_CHILD = 'tests/bench/export-child.ts';
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const ms = (n: number) => Math.round(n * 10) / 10;
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

function coreOptions(dataDir: string, atStartup = false) {
  return {
    dataDir,
    migrationsDir: MIGRATIONS,
    appVersion: 'bench',
    clock: fixedClock(GEN_TODAY),
    actor: 'administrasjonsleder',
    logger: { error: (m: string, d?: unknown) => console.error(m, d ?? '') },
    backups: { atStartup, daily: false },
  };
}

// ------------------------------------------------------------------ child: one export

interface ExportResult {
  scale: number;
  kind: 'yearWorkbook' | 'accountingCsv';
  ms: number;
  bytes: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  peakRssMiB: number;
}

/** Runs tests/bench/export-child.ts: a process with only the app's code, not the bench's. */
function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/run-ts.mjs', EXPORT_CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} feilet (${code}):\n${out}`)),
    );
  });
}

async function measureExport(dir: string, scale: number, kind: ExportResult['kind']) {
  const out = await runChild([dir, kind]);
  const line = out.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
  if (!line) throw new Error(`ingen måling fra eksporten:\n${out}`);
  return { scale, ...(JSON.parse(line.slice('BENCH-RESULT '.length)) as object) } as ExportResult;
}

// ------------------------------------------------------------------ start-up

interface StartupResult {
  openMigrateCheckMs: number;
  startupBackupMs: number;
  serverListenMs: number;
  /** open + listen: the hosts take the start-up backup after the server answers (issue 14). */
  inProcessToServingMs: number;
  /** The real browser host (`node out/main/browser.js`) from spawn to its URL line. */
  hostToUrlMs: number | null;
  dataFileMiB: number;
}

async function measureStartup(dir: string): Promise<StartupResult> {
  const file = path.join(dir, 'tilskudd.sqlite');
  // Warm the page cache once, as a second start would find it.
  openDatabase(file, MIGRATIONS).close();
  const t0 = performance.now();
  const opened = openDatabase(file, MIGRATIONS);
  const openMs = performance.now() - t0;
  opened.close();
  const core = startCore(coreOptions(dir));
  const t1 = performance.now();
  core.backupManager.create(core.database.sqlite, 'startup');
  const backupMs = performance.now() - t1;
  const t2 = performance.now();
  const server = await startHttpServer({
    dispatch: core.dispatch,
    token: 'bench',
    rendererDir: path.join(ROOT, 'out/renderer'),
    port: 0,
  });
  const listenMs = performance.now() - t2;
  await server.close();
  core.close();

  let hostMs: number | null = null;
  const entry = path.join(ROOT, 'out/main/browser.js');
  if (fs.existsSync(entry)) {
    const t3 = performance.now();
    const child = spawn(process.execPath, [entry, '--data-dir', dir, '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, TILSKUDD_API_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    hostMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`verten startet ikke:\n${out}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('http://127.0.0.1:')) {
          clearTimeout(timer);
          resolve(performance.now() - t3);
        }
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    });
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  return {
    openMigrateCheckMs: ms(openMs),
    startupBackupMs: ms(backupMs),
    serverListenMs: ms(listenMs),
    inProcessToServingMs: ms(openMs + listenMs),
    hostToUrlMs: hostMs === null ? null : ms(hostMs),
    dataFileMiB: mib(fs.statSync(file).size),
  };
}

// ------------------------------------------------------------------ HTTP subset

async function runHttp(
  core: Core,
  info: GenInfo,
  calls: number,
  budgetMs: number,
): Promise<{ name: string; http: Stats }[]> {
  const server = await startHttpServer({
    dispatch: core.dispatch,
    token: 'bench-token',
    rendererDir: path.join(ROOT, 'out/renderer'),
    port: 0,
  });
  const origin = new URL(server.url).origin;
  const out: { name: string; http: Stats }[] = [];
  try {
    for (const name of HTTP_CALLS) {
      const spec = CALLS.find((c) => c.name === name)!;
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < 3 + calls; i++) {
        const t0 = performance.now();
        const res = await fetch(`${origin}/api/${spec.method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench-token' },
          body: JSON.stringify(spec.input(info, i)),
        });
        const body = (await res.json()) as { ok: boolean };
        if (!body.ok) throw new Error(`HTTP ${name}: ${JSON.stringify(body)}`);
        if (i >= 3) times.push(performance.now() - t0);
        if (times.length >= 10 && performance.now() - started > budgetMs) break;
      }
      out.push({ name, http: stats(times) });
    }
  } finally {
    await server.close();
  }
  return out;
}

// ------------------------------------------------------------------ goals

interface Goal {
  goal: string;
  measured: string;
  pass: boolean;
}

function goalsOf(r: Results): Goal[] {
  const goals: Goal[] = [];
  const fmt = (n: number) => `${ms(n)} ms`;
  for (const c of r.calls) {
    const limit = c.kind === 'list' ? 20 : c.kind === 'summary' ? 50 : 10;
    goals.push({
      goal: `${c.name}: p95 ≤ ${limit} ms`,
      measured: `${fmt(c.api.p95)} (n=${c.api.n})`,
      pass: c.api.p95 <= limit,
    });
    if (c.kind !== 'write' && c.ratio !== null) {
      goals.push({
        goal: `${c.name}: API/rå SQL ≤ 2`,
        measured: c.ratio.toFixed(1),
        pass: c.ratio <= 2,
      });
    }
  }
  if (r.startup) {
    const serving = r.startup.hostToUrlMs ?? r.startup.inProcessToServingMs;
    goals.push({
      goal: 'start til serverer ≤ 800 ms',
      measured: `${fmt(serving)} (åpne ${fmt(r.startup.openMigrateCheckMs)}, lytte ${fmt(r.startup.serverListenMs)}; kopi etterpå ${fmt(r.startup.startupBackupMs)})`,
      pass: serving <= 800,
    });
  }
  for (const e of r.exports.filter((x) => x.scale === r.scale)) {
    goals.push({
      goal: `exports.${e.kind} ≤ 10 s`,
      measured: fmt(e.ms),
      pass: e.ms <= 10_000,
    });
    goals.push({
      goal: `RSS etter exports.${e.kind} ≤ 400 MB`,
      measured: `${e.rssAfterMiB} MiB (topp ${e.peakRssMiB} MiB)`,
      pass: e.rssAfterMiB <= 400 && e.peakRssMiB <= 400,
    });
  }
  const list = r.browser.find((p) => p.name.startsWith('tilskuddsside'));
  if (list) {
    goals.push({
      goal: 'lang liste: første visning ≤ 300 ms',
      measured: fmt(list.firstRenderMs),
      pass: list.firstRenderMs <= 300,
    });
    goals.push({
      goal: 'lang liste: ≤ 2 000 DOM-noder',
      measured: String(list.domNodes),
      pass: list.domNodes <= 2000,
    });
    goals.push({
      goal: 'lang liste: ingen lange oppgaver > 50 ms ved rulling',
      measured: `${list.longTasksWhileScrolling} (lengste ${list.longestTaskMs} ms)`,
      pass: list.longTasksWhileScrolling === 0,
    });
  }
  if (r.generation) {
    goals.push({
      goal: `generering skala ${r.scale} ≤ 30 s`,
      measured: fmt(r.generation.ms),
      pass: r.generation.ms <= 30_000,
    });
  }
  return goals;
}

// ------------------------------------------------------------------ main

interface Results {
  when: string;
  scale: number;
  machine: Record<string, string | number>;
  generation: { ms: number; counts: Record<string, number> } | null;
  calls: CallResult[];
  http: { name: string; http: Stats }[];
  startup: StartupResult | null;
  exports: ExportResult[];
  backup: { ms: number; sizeMiB: number } | null;
  browser: PageResult[];
  goals: Goal[];
  totalMs: number;
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'ukjent',
    cores: cpus.length,
    ramGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    /** Other work on the machine distorts every number: the 1-minute load at the start. */
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 10) / 10,
  };
}

async function dataFor(scale: number, reuse: boolean, log: (l: string) => void) {
  const dir = path.join(DATA_ROOT, `scale-${scale}`);
  if (reuse && fs.existsSync(path.join(dir, 'gen.json'))) {
    const info = readGenInfo(dir);
    if (info.scale === scale) return { dir, info, generation: null };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const g = await generate({ scale, out: dir });
  log(`Generert skala ${scale} på ${(g.ms / 1000).toFixed(1)} s: ${JSON.stringify(g.counts)}`);
  return { dir, info: readGenInfo(dir), generation: { ms: ms(g.ms), counts: g.counts } };
}

function pad(s: string, n: number) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function lpad(s: string, n: number) {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function printTable(r: Results): void {
  const lines: string[] = [];
  lines.push(`\nMaskin: ${JSON.stringify(r.machine)}  skala ${r.scale}`);
  lines.push(
    `${pad('kall (dispatch)', 44)} ${lpad('n', 3)} ${lpad('p50', 8)} ${lpad('p95', 8)} ${lpad('maks', 8)} ${lpad('rå p50', 8)} ${lpad('rå p95', 8)} ${lpad('forhold', 8)} ${lpad('svar kB', 8)}`,
  );
  for (const c of r.calls) {
    lines.push(
      `${pad(c.name, 44)} ${lpad(String(c.api.n), 3)} ${lpad(ms(c.api.p50).toFixed(1), 8)} ${lpad(ms(c.api.p95).toFixed(1), 8)} ${lpad(ms(c.api.max).toFixed(1), 8)} ${lpad(c.raw ? ms(c.raw.p50).toFixed(1) : '—', 8)} ${lpad(c.raw ? ms(c.raw.p95).toFixed(1) : '—', 8)} ${lpad(c.ratio === null ? '—' : c.ratio.toFixed(1), 8)} ${lpad(String(Math.round(c.answerChars / 1000)), 8)}`,
    );
  }
  if (r.http.length) {
    lines.push(
      `\n${pad('kall (HTTP)', 44)} ${lpad('n', 3)} ${lpad('p50', 8)} ${lpad('p95', 8)} ${lpad('maks', 8)}`,
    );
    for (const h of r.http) {
      lines.push(
        `${pad(h.name, 44)} ${lpad(String(h.http.n), 3)} ${lpad(ms(h.http.p50).toFixed(1), 8)} ${lpad(ms(h.http.p95).toFixed(1), 8)} ${lpad(ms(h.http.max).toFixed(1), 8)}`,
      );
    }
  }
  if (r.startup) lines.push(`\nOppstart: ${JSON.stringify(r.startup)}`);
  for (const e of r.exports) {
    lines.push(
      `Eksport skala ${e.scale} ${pad(e.kind, 14)} ${lpad(ms(e.ms).toFixed(0), 6)} ms ${lpad(String(Math.round(e.bytes / 1024)), 7)} KiB  RSS før ${e.rssBeforeMiB} etter ${e.rssAfterMiB} topp ${e.peakRssMiB} MiB`,
    );
  }
  if (r.backup)
    lines.push(`Sikkerhetskopi skala ${r.scale}: ${r.backup.ms} ms, ${r.backup.sizeMiB} MiB`);
  for (const p of r.browser) {
    lines.push(
      `Chromium ${pad(p.name, 34)} første visning ${lpad(String(p.firstRenderMs), 6)} ms, ${p.domNodes} DOM-noder, ${p.tableRows} rader, ${p.apiCalls} API-kall, lange oppgaver ved rulling ${p.longTasksWhileScrolling} (lengste ${p.longestTaskMs} ms), lengste bilde ${p.longestFrameMs} ms`,
    );
  }
  lines.push('\nMål:');
  for (const g of r.goals)
    lines.push(`  ${g.pass ? 'PASS' : 'FAIL'}  ${pad(g.goal, 58)} ${g.measured}`);
  const failed = r.goals.filter((g) => !g.pass).length;
  lines.push(
    `\n${r.goals.length - failed} av ${r.goals.length} mål nådd. Tid totalt ${(r.totalMs / 1000).toFixed(0)} s.`,
  );
  console.log(lines.join('\n'));
}

function printCompare(now: Results, base: Results): void {
  const change = (a: number, b: number) =>
    b > 0 ? `${a >= b ? '+' : ''}${Math.round(((a - b) / b) * 100)} %` : '—';
  console.log(`\nEndring mot bench/baseline.json (${base.when}, ${JSON.stringify(base.machine)}):`);
  if (base.scale !== now.scale) {
    console.log(
      `  NB: grunnlinjen er målt på skala ${base.scale}, denne kjøringen på skala ${now.scale}.`,
    );
  }
  for (const c of now.calls) {
    const b = base.calls.find((x) => x.name === c.name);
    if (!b) {
      console.log(`  ${pad(c.name, 44)} ny`);
      continue;
    }
    console.log(
      `  ${pad(c.name, 44)} p50 ${lpad(ms(b.api.p50).toFixed(1), 8)} → ${lpad(ms(c.api.p50).toFixed(1), 8)} (${change(c.api.p50, b.api.p50)})   p95 ${lpad(ms(b.api.p95).toFixed(1), 8)} → ${lpad(ms(c.api.p95).toFixed(1), 8)} (${change(c.api.p95, b.api.p95)})`,
    );
  }
  if (now.startup && base.startup) {
    const a = now.startup.hostToUrlMs ?? now.startup.inProcessToServingMs;
    const b = base.startup.hostToUrlMs ?? base.startup.inProcessToServingMs;
    console.log(`  ${pad('start til serverer', 44)} ${ms(b)} → ${ms(a)} ms (${change(a, b)})`);
  }
  for (const e of now.exports) {
    const b = base.exports.find((x) => x.kind === e.kind && x.scale === e.scale);
    if (b) {
      console.log(
        `  ${pad(`eksport ${e.kind} skala ${e.scale}`, 44)} ${ms(b.ms)} → ${ms(e.ms)} ms, topp-RSS ${b.peakRssMiB} → ${e.peakRssMiB} MiB`,
      );
    }
  }
  for (const p of now.browser) {
    const b = base.browser.find((x) => x.name === p.name);
    if (b) {
      console.log(
        `  ${pad(`Chromium ${p.name}`, 44)} ${b.firstRenderMs} → ${p.firstRenderMs} ms, DOM ${b.domNodes} → ${p.domNodes}, lange oppgaver ${b.longTasksWhileScrolling} → ${p.longTasksWhileScrolling}`,
      );
    }
  }
  const passed = (r: Results) => r.goals.filter((g) => g.pass).length;
  console.log(`  mål nådd: ${passed(base)} → ${passed(now)} av ${now.goals.length}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const scale = Number(option('scale') ?? '100');
  const reuse = flag('reuse');
  const log = (l: string) => console.log(l);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('--scale må være et positivt tall.');

  if (!flag('no-build')) {
    log('Bygger appen (electron-vite build) …');
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
  }
  const small = await dataFor(1, reuse, log);
  const big = await dataFor(scale, reuse, log);
  log(`Skala ${scale}: ${JSON.stringify(sizesFor(scale))}`);

  const results: Results = {
    when: new Date().toISOString(),
    scale,
    machine: machine(),
    generation: big.generation,
    calls: [],
    http: [],
    startup: null,
    exports: [],
    backup: null,
    browser: [],
    goals: [],
    totalMs: 0,
  };

  log('Oppstart …');
  results.startup = await measureStartup(big.dir);

  log('Kall gjennom dispatch …');
  const core = startCore(coreOptions(big.dir));
  try {
    results.calls = await runCalls(
      core.dispatch,
      core.database.sqlite,
      big.info,
      { warmup: 3, calls: 50, budgetMs: 5_000, minCalls: 5 },
      (c) =>
        log(
          `  ${pad(c.name, 44)} n=${c.api.n} p50 ${ms(c.api.p50)} p95 ${ms(c.api.p95)} ms${c.ratio === null ? '' : `, rå ${ms(c.raw!.p50)} ms`}`,
        ),
    );
    log('Kall over HTTP …');
    results.http = await runHttp(core, big.info, 50, 5_000);

    log('Sikkerhetskopi …');
    const t0 = performance.now();
    const backup = core.backups.create();
    results.backup = { ms: ms(performance.now() - t0), sizeMiB: mib(backup.sizeBytes) };

    log('Chromium …');
    const server = await startHttpServer({
      dispatch: core.dispatch,
      token: 'bench-ui',
      rendererDir: path.join(ROOT, 'out/renderer'),
      port: 0,
    });
    const browser = await launch();
    try {
      const base = new URL(server.url).origin + '/';
      for (const [name, route] of [
        ['første skjermbilde (oversikt)', '/'],
        ['årsavslutning', '/year-end'],
        [
          'tilskuddsside (stort tilskudd), Bevegelser',
          `/grants/${big.info.hotGrantId}?tab=bevegelser`,
        ],
      ] as const) {
        const p = await measurePage(browser, base, 'bench-ui', name, route);
        results.browser.push(p);
        log(`  ${p.name}: ${p.firstRenderMs} ms, ${p.domNodes} noder`);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    core.close();
  }

  log('Eksporter (egen prosess for hver) …');
  for (const [dir, s] of [
    [small.dir, 1],
    [big.dir, scale],
  ] as const) {
    for (const kind of ['yearWorkbook', 'accountingCsv'] as const) {
      results.exports.push(await measureExport(dir, s, kind));
    }
  }

  results.totalMs = performance.now() - started;
  results.machine.loadAverageAtEnd = Math.round(os.loadavg()[0]! * 10) / 10;
  results.goals = goalsOf(results);
  printTable(results);
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nSkrevet ${path.relative(ROOT, RESULTS)}`);
  if (flag('save-baseline')) {
    fs.writeFileSync(BASELINE, `${JSON.stringify(results, null, 2)}\n`);
    log(`Skrevet ${path.relative(ROOT, BASELINE)}`);
  }
  if (flag('compare')) {
    if (!fs.existsSync(BASELINE))
      throw new Error('bench/baseline.json finnes ikke ennå (kjør med --save-baseline).');
    printCompare(results, JSON.parse(fs.readFileSync(BASELINE, 'utf8')) as Results);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
