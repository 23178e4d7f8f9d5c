#!/usr/bin/env node
/**
 * Crash safety: a child process runs the real services on a real data folder and writes at
 * random (centres, funders, projects, grants through their status changes, movements,
 * reversals, transfers, rounds, applications, decisions, payouts, returns), printing one line
 * per committed write. This script kills it with SIGKILL at a random moment, then opens the
 * folder itself and checks the file, the invariants and that every reported write is there
 * (tests/hardening/crash-verify.ts). Repeated `--kills` times on the same folder, so every
 * round starts from what the previous kills left.
 *
 * The child and the checks are TypeScript; esbuild (a devDependency) bundles them first into
 * .tmp/crashtest-<pid>/, inside the repository so their imports resolve to node_modules.
 *
 *   npm run crashtest -- [--kills 200] [--seed N] [--max-delay-ms 800] [--json] [--keep]
 *                        [--restore-kills 40] [--no-restore]
 *
 * Then the restore phase (tests/hardening/crash-restore.ts): a child restores a backup and is
 * SIGKILLed at every instrumented restore step (src-main/platform/restore-safety.ts), in the
 * running app and from the recovery screen, plus `--restore-kills` kills after a random delay
 * inside the restore; after each, the folder is started again and must come up normally with
 * either the old or the restored data (or, over a damaged file, still the same damaged file),
 * with no journal or staging file left. `--no-restore` skips this phase.
 *
 * Exits 1 on the first failure and keeps the data folder for a look; 0 when all kills pass.
 * With --json the last line is the result as JSON (tests/hardening/crash.test.ts reads it).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const MIGRATIONS = path.join(ROOT, 'db', 'migrations');
/** A start-up kill comes this soon after the spawn (a start takes about 0.3–0.8 s here). */
const STARTUP_WINDOW_MS = 700;

function parseArgs(argv) {
  const options = {
    kills: 200,
    seed: Date.now() % 1_000_000,
    maxDelayMs: 800,
    json: false,
    keep: false,
    restoreKills: 40,
    restore: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${arg} needs a whole number`);
      return v;
    };
    if (arg === '--kills') options.kills = value();
    else if (arg === '--seed') options.seed = value();
    else if (arg === '--max-delay-ms') options.maxDelayMs = value();
    else if (arg === '--json') options.json = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--restore-kills') options.restoreKills = value();
    else if (arg === '--no-restore') options.restore = false;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** The same generator as the child, for the kill delays. */
function random(state) {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function bundle(outdir) {
  await build({
    entryPoints: {
      child: path.join(ROOT, 'tests/hardening/crash-child.ts'),
      verify: path.join(ROOT, 'tests/hardening/crash-verify.ts'),
      'restore-child': path.join(ROOT, 'tests/hardening/crash-restore-child.ts'),
      restore: path.join(ROOT, 'tests/hardening/crash-restore.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Packages load from node_modules at run time, as in the app (better-sqlite3 is native).
    packages: 'external',
    logLevel: 'warning',
  });
  return {
    child: path.join(outdir, 'child.mjs'),
    verify: path.join(outdir, 'verify.mjs'),
    restoreChild: path.join(outdir, 'restore-child.mjs'),
    restore: path.join(outdir, 'restore.mjs'),
  };
}

/** A child that never says it is ready is stuck; it is killed and counted as a failure. */
const STARTUP_LIMIT_MS = 20_000;

/**
 * Runs one child and SIGKILLs it: `delayMs` after it is ready (while it writes), or, for a
 * start-up kill, `delayMs` after it was spawned (while it opens, migrates, takes the lock).
 */
function runAndKill(childFile, dataDir, seed, { duringStartup, delayMs }, readyLine) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childFile, dataDir, MIGRATIONS, String(seed)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    let stuck = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(
      duringStartup ? kill : () => ((stuck = true), kill()),
      duringStartup ? delayMs : STARTUP_LIMIT_MS,
    );
    child.stdout.on('data', (d) => {
      const before = out;
      out += d.toString();
      if (!duringStartup && !before.includes(`${readyLine}\n`) && out.includes(`${readyLine}\n`)) {
        clearTimeout(timer);
        timer = setTimeout(kill, delayMs);
      }
    });
    child.stderr.on('data', (d) => (err += d.toString()));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // Only complete lines count: the kill may cut the last one.
      const lines = out.split('\n').slice(0, -1);
      resolve({
        lines,
        stderr: err,
        code,
        signal,
        stuck,
        killedByUs: killed && signal === 'SIGKILL',
      });
    });
  });
}

/**
 * Runs one restore child: it kills itself at `killAt` (a restore step), or, with `killAt` '-',
 * is killed `delayMs` after READY (null: not killed, the restore runs to its end).
 */
function runRestoreChild(childFile, dataDir, fileName, killAt, delayMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childFile, dataDir, MIGRATIONS, fileName, killAt], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let stuck = false;
    let timer = setTimeout(() => {
      stuck = true;
      child.kill('SIGKILL');
    }, STARTUP_LIMIT_MS);
    child.stdout.on('data', (d) => {
      const before = out;
      out += d.toString();
      if (!before.includes('READY\n') && out.includes('READY\n') && delayMs !== null) {
        clearTimeout(timer);
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d) => (err += d.toString()));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const done = /^DONE (\d+)$/m.exec(out);
      resolve({ code, signal, stuck, stderr: err, doneMs: done ? Number(done[1]) : null });
    });
  });
}

/** The restore phase: every step in both variants, then random kills inside the restore. */
async function restorePhase(files, options, rnd) {
  const mod = await import(pathToFileURL(files.restore).href);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-gjenoppretting-'));
  const summary = {
    runs: 0,
    stepRuns: 0,
    randomRuns: 0,
    uncutRuns: 0,
    failures: 0,
    outcomes: { old: 0, restored: 0 },
    byStep: {},
    firstFailure: null,
    dataDir: null,
  };
  const templates = {};
  for (const variant of ['normal', 'recovery']) {
    templates[variant] = await mod.makeRestoreTemplate(
      path.join(base, `mal-${variant}`),
      MIGRATIONS,
      variant,
    );
  }
  const plan = [];
  for (const variant of ['normal', 'recovery']) {
    plan.push({ variant, kind: 'uncut', killAt: '-' });
    for (const step of mod.STEPS_BY_VARIANT[variant])
      plan.push({ variant, kind: 'step', killAt: step });
  }
  const restoreMs = { normal: 1000, recovery: 1000 };
  for (let i = 0; i < options.restoreKills; i++) {
    plan.push({ variant: i % 2 ? 'recovery' : 'normal', kind: 'random', killAt: '-' });
  }
  for (const [index, run] of plan.entries()) {
    const template = templates[run.variant];
    const runRoot = path.join(base, `kjoring-${index}`);
    const dataDir = mod.copyTemplate(template, runRoot);
    const delayMs = run.kind === 'random' ? Math.round(rnd() * restoreMs[run.variant] * 1.1) : null;
    const child = await runRestoreChild(
      files.restoreChild,
      dataDir,
      template.backupFileName,
      run.killAt,
      delayMs,
    );
    const problems = [];
    if (child.stuck) problems.push(`the restore child was stuck:\n${child.stderr}`);
    else if (run.kind === 'uncut') {
      if (child.code !== 0 || child.doneMs === null) {
        problems.push(`the uncut restore failed (code ${child.code}):\n${child.stderr}`);
      } else restoreMs[run.variant] = Math.max(50, child.doneMs);
    } else if (run.kind === 'step' && child.signal !== 'SIGKILL') {
      problems.push(
        `the restore never reached step ${run.killAt} (code ${child.code}):\n${child.stderr}`,
      );
    } else if (run.kind === 'random' && child.signal !== 'SIGKILL' && child.code !== 0) {
      problems.push(`the restore child ended with code ${child.code}:\n${child.stderr}`);
    }
    const check = await mod.verifyAfterRestoreKill(template, runRoot, MIGRATIONS);
    problems.push(...check.problems);
    summary.runs++;
    summary[`${run.kind}Runs`]++;
    if (check.outcome) summary.outcomes[check.outcome]++;
    if (run.kind === 'step') {
      const key = `${run.variant}:${run.killAt}`;
      summary.byStep[key] = check.outcome ?? 'failed';
    }
    if (problems.length) {
      summary.failures++;
      summary.firstFailure = { ...run, delayMs, problems };
      summary.dataDir = runRoot;
      console.error(
        `restore run ${index + 1} (${run.variant}, ${run.kind}${
          run.kind === 'step' ? ` at ${run.killAt}` : delayMs !== null ? ` after ${delayMs} ms` : ''
        }) FAILED:`,
      );
      for (const p of problems) console.error(`  - ${p}`);
      break;
    }
    fs.rmSync(runRoot, { recursive: true, force: true });
  }
  if (!summary.failures && !options.keep) fs.rmSync(base, { recursive: true, force: true });
  return summary;
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const work = path.join(ROOT, '.tmp', `crashtest-${process.pid}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-krasj-'));
  const files = await bundle(work);
  const { verifyDataFolder, parseWrites, READY_LINE } = await import(
    pathToFileURL(files.verify).href
  );

  const rnd = random(options.seed);
  const writes = [];
  const failures = [];
  let beforeReady = 0;
  let last = { counts: {} };
  for (let kill = 1; kill <= options.kills; kill++) {
    const seed = options.seed * 1000 + kill;
    // One kill in five lands while the child starts (opening, migrating, taking the lock).
    const duringStartup = rnd() < 0.2;
    const delayMs = Math.round(rnd() * (duringStartup ? STARTUP_WINDOW_MS : options.maxDelayMs));
    const run = await runAndKill(
      files.child,
      dataDir,
      seed,
      { duringStartup, delayMs },
      READY_LINE,
    );
    writes.push(...parseWrites(run.lines));
    if (!run.lines.includes(READY_LINE)) beforeReady++;
    const problems = [];
    if (run.stuck)
      problems.push(`the child was not ready after ${STARTUP_LIMIT_MS} ms:\n${run.stderr}`);
    else if (!run.killedByUs) {
      problems.push(
        `the child ended by itself (code ${run.code}, signal ${run.signal}):\n${run.stderr}`,
      );
    }
    last = verifyDataFolder(dataDir, MIGRATIONS, writes);
    problems.push(...last.problems);
    if (problems.length) {
      failures.push({ kill, seed, duringStartup, delayMs, problems });
      const when = duringStartup ? `${delayMs} ms after the spawn` : `${delayMs} ms into writing`;
      console.error(`kill ${kill} (child seed ${seed}, ${when}) FAILED:`);
      for (const p of problems) console.error(`  - ${p}`);
      break;
    }
    if (kill % 10 === 0 || kill === options.kills) {
      const c = last.counts;
      console.log(
        `kill ${kill}/${options.kills}: ${writes.length} committed writes checked; ` +
          `${c.grants} grants, ${c.movements} movements, ${c.rounds} rounds, ${c.allocations} allocations, ` +
          `${(c.bytes / 1e6).toFixed(1)} MB; ${duration(Date.now() - started)}`,
      );
    }
  }

  let restore = null;
  if (options.restore && !failures.length) {
    restore = await restorePhase(files, options, rnd);
    console.log(
      `crashtest restore: ${restore.runs} runs (${restore.stepRuns} killed at a step, ` +
        `${restore.randomRuns} after a random delay, ${restore.uncutRuns} uncut), ` +
        `${restore.failures} failures; next start had the old data ${restore.outcomes.old} times, ` +
        `the restored data ${restore.outcomes.restored} times` +
        (restore.dataDir ? `; data kept in ${restore.dataDir}` : ''),
    );
  }

  fs.rmSync(work, { recursive: true, force: true });
  const kills = failures.length ? failures[0].kill : options.kills;
  const result = {
    kills,
    failures: failures.length,
    committedWrites: writes.length,
    killsDuringStartup: beforeReady,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    seed: options.seed,
    counts: last.counts,
    dataDir: failures.length || options.keep ? dataDir : null,
    firstFailure: failures[0] ?? null,
    restore,
  };
  if (!failures.length && !options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `crashtest: ${kills} kills, ${failures.length} failures, ${writes.length} committed writes ` +
      `checked, ${beforeReady} kills during start-up, ${duration(Date.now() - started)} ` +
      `(seed ${options.seed})` +
      (result.dataDir ? `; data kept in ${result.dataDir}` : ''),
  );
  if (options.json) console.log(JSON.stringify(result));
  process.exitCode = failures.length || restore?.failures ? 1 : 0;
}

main().catch((error) => {
  console.error('crashtest could not run:', error);
  process.exit(2);
});
