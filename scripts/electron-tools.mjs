/**
 * Shared by scripts/start.mjs and scripts/package.mjs: is the Electron binary there, and a
 * better-sqlite3 binary for Electron's ABI. node_modules/better-sqlite3 keeps its Node-ABI
 * build (the tests need it); the Electron build is made in a temporary copy and cached in
 * build/native/, so `npm test` and `npm start` work in any order without a manual rebuild.
 *
 * Pure helpers are exported for tests (types in electron-tools.d.mts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/* ------------------------------------------------------------------ pure helpers */

/**
 * `start.mjs [--browser] [--] [--data-dir DIR] [--port N]`. npm drops the `--` of
 * `npm run start:browser -- --port 0`, a direct call keeps it; both mean the same.
 */
export function parseStartArgs(argv) {
  let browser = false;
  const args = [];
  let passthrough = false;
  for (const arg of argv) {
    if (passthrough) args.push(arg);
    else if (arg === '--') passthrough = true;
    else if (arg === '--browser') browser = true;
    else args.push(arg);
  }
  return { browser, args };
}

/** Electron's executable inside its dist folder, as node_modules/electron/install.js names it. */
export function electronExecutableName(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/**
 * Where the Electron-ABI binary is cached. Keyed on both versions: a new Electron (ABI) or a
 * new better-sqlite3 (its C++ side must match its JavaScript side) needs a new build.
 */
export function bindingCacheFile(root, { electronVersion, sqliteVersion, platform, arch }) {
  return path.join(
    root,
    'build',
    'native',
    `electron-${electronVersion}-better-sqlite3-${sqliteVersion}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

/** How long the Electron download may take; an unreachable host usually fails at once. */
export function downloadTimeoutMs(env) {
  const n = Number(env.TILSKUDD_ELECTRON_DOWNLOAD_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 180_000;
}

const NATIVE_BUILD_SETTINGS =
  /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|platform|target_platform|build_from_source|devdir)$/i;

/**
 * The environment for child tools. npm exports its config (`npm_config_nodedir`,
 * `npm_config_target`, `npm_config_runtime`, …) to scripts; node-gyp and prebuild-install
 * obey those variables over their flags' defaults, and a `nodedir` pointing at Node's headers
 * silently yields a Node-ABI build labelled Electron. ELECTRON_RUN_AS_NODE (set in some
 * editors' terminals) would turn Electron into plain Node.
 */
export function childEnv(env, extra = {}) {
  const result = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key === 'ELECTRON_RUN_AS_NODE') continue;
    if (NATIVE_BUILD_SETTINGS.test(key)) continue;
    result[key] = value;
  }
  return { ...result, ...extra };
}

/** Linux without a display server cannot show a window; browser mode still works. */
export function headlessReason(platform, env) {
  if (platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'ingen skjerm: DISPLAY er ikke satt';
}

/**
 * A tool's failure in a few words, for a one-line explanation: a network failure names the
 * host when the output does, anything else is the first line that looks like an error.
 */
export function shortReason(output, fallback) {
  const text = String(output);
  const net =
    /(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|fetch failed|network connectivity)/i.exec(
      text,
    );
  if (net) {
    const host = /(?:getaddrinfo \w+ |https?:\/\/)([a-z0-9.-]+\.[a-z]{2,})/i.exec(text)?.[1];
    const token = /network connectivity/i.test(net[1]) ? 'nedlasting feilet' : net[1];
    return `nettverksfeil${host ? ` mot ${host}` : ''}, ${token}`;
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) =>
      l.replace(/^(gyp ERR!( stack)?|prebuild-install (warn|err!?)( install)?)\s*/i, '').trim(),
    )
    .filter((l) => l && !/^at\s/.test(l) && !/^(gyp (info|http|WARN)|npm (notice|warn))/i.test(l));
  const line = lines.find((l) => /error|failed|not found|cannot/i.test(l)) ?? lines[0] ?? fallback;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

const PLATFORM_FLAGS = {
  '--win': 'win',
  '--windows': 'win',
  '-w': 'win',
  '--linux': 'linux',
  '-l': 'linux',
  '--mac': 'mac',
  '--macos': 'mac',
  '-m': 'mac',
  '-o': 'mac',
};
const NODE_PLATFORM = { win: 'win32', linux: 'linux', mac: 'darwin' };
const BUILDER_OS = { win32: 'win', linux: 'linux', darwin: 'mac' };

/**
 * Which (platform, arch) pairs an electron-builder command line builds, so each gets its
 * better-sqlite3 binary staged. No platform flag: this platform. No arch flag: x64 for Windows
 * and Linux (electron-builder.yml's targets), this machine's arch for macOS.
 */
export function packageTargets(args, hostPlatform, hostArch = process.arch) {
  const oses = new Set();
  const arches = new Set();
  for (const arg of args) {
    const os = PLATFORM_FLAGS[arg];
    if (os) oses.add(os);
    const arch = /^--(x64|ia32|arm64|armv7l)$/.exec(arg)?.[1];
    if (arch) arches.add(arch);
  }
  if (oses.size === 0) oses.add(BUILDER_OS[hostPlatform] ?? 'linux');
  const targets = [];
  for (const os of oses) {
    const osArches = arches.size > 0 ? [...arches] : [os === 'mac' ? hostArch : 'x64'];
    for (const arch of osArches) targets.push({ os, platform: NODE_PLATFORM[os], arch });
  }
  return targets;
}

/* ------------------------------------------------------------------ processes */

/**
 * Runs a command to completion with a timeout, collecting its output. Never throws: the
 * result says whether it worked.
 */
export function run(command, args, { cwd = repoRoot, env = process.env, timeoutMs, echo } = {}) {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ok: false, code: null, output: String(error), timedOut });
      return;
    }
    const collect = (chunk) => {
      output += chunk;
      if (echo) echo.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && !timedOut, code, output, timedOut });
    });
  });
}

/** Runs a Node script of a dependency with this Node (no .cmd shims, works on Windows). */
export function runNode(script, args, options) {
  return run(process.execPath, [script, ...args], options);
}

/** `electron-vite build`; prints the tool's output only when it fails. */
export async function buildApp(root = repoRoot) {
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = await runNode(cli, ['build'], { cwd: root, env: childEnv(process.env) });
  if (!result.ok) {
    process.stderr.write(result.output);
    throw new Error('Byggingen (electron-vite build) feilet.');
  }
}

/* ------------------------------------------------------------------ Electron */

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

export function electronVersion(root = repoRoot) {
  const pkg = readText(path.join(root, 'node_modules', 'electron', 'package.json'));
  return pkg ? JSON.parse(pkg).version : null;
}

/**
 * The Electron executable if it is installed, checked the way node_modules/electron does it
 * (path.txt + dist/version) but without its fallback of downloading with no time limit.
 */
export function installedElectron(root = repoRoot, env = process.env) {
  const dir = path.join(root, 'node_modules', 'electron');
  const version = electronVersion(root);
  if (!version) return null;
  const name = readText(path.join(dir, 'path.txt'));
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = path.join(
      env.ELECTRON_OVERRIDE_DIST_PATH,
      name || electronExecutableName(process.platform),
    );
    return fs.existsSync(exe) ? { executable: exe, version } : null;
  }
  if (!name || readText(path.join(dir, 'dist', 'version'))?.replace(/^v/, '') !== version) {
    return null;
  }
  const exe = path.join(dir, 'dist', name);
  return fs.existsSync(exe) ? { executable: exe, version } : null;
}

/**
 * Finds Electron, downloading it once (node_modules/electron/install.js, which uses the usual
 * ELECTRON_MIRROR / cache settings) with a time limit. Resolves to
 * `{ ok: true, executable, version }` or `{ ok: false, reason }`.
 */
export async function findOrInstallElectron(root = repoRoot, env = process.env) {
  const found = installedElectron(root, env);
  if (found) return { ok: true, ...found };
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return { ok: false, reason: 'pakken electron er ikke installert' };
  const result = await runNode(installer, [], {
    cwd: path.dirname(installer),
    env: childEnv(env),
    timeoutMs: downloadTimeoutMs(env),
  });
  const after = installedElectron(root, env);
  if (after) return { ok: true, ...after };
  return {
    ok: false,
    reason: result.timedOut
      ? 'nedlastingen tok for lang tid'
      : `binærfilen kunne ikke lastes ned: ${shortReason(result.output, 'ukjent feil')}`,
  };
}

/* ------------------------------------------------------------------ better-sqlite3 for Electron */

function resolveFrom(base, request) {
  try {
    return createRequire(path.join(base, 'package.json')).resolve(request);
  } catch {
    return null;
  }
}

/**
 * Makes sure build/native/… holds better_sqlite3.node for this Electron, platform and arch.
 * Built in a temporary copy of node_modules/better-sqlite3 (never in place: the tests need
 * its Node-ABI build): first a prebuilt binary (prebuild-install, also works for another
 * platform when packaging), then a compile against Electron's headers (node-gyp; this
 * platform only; needs a C++ toolchain and Python; TILSKUDD_ELECTRON_HEADERS_URL names a mirror
 * of https://electronjs.org/headers). Resolves to `{ ok: true, file }` or
 * `{ ok: false, reason }`.
 */
export async function ensureElectronBinding({
  root = repoRoot,
  electronVersion: target,
  platform = process.platform,
  arch = process.arch,
  log = (line) => console.log(line),
  env = process.env,
}) {
  const sqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(
    fs.readFileSync(path.join(sqliteDir, 'package.json'), 'utf8'),
  ).version;
  const file = bindingCacheFile(root, { electronVersion: target, sqliteVersion, platform, arch });
  if (fs.existsSync(file)) return { ok: true, file };

  log(
    `Lager better-sqlite3 ${sqliteVersion} for Electron ${target} (${platform}-${arch}); ` +
      'bare første gang, kan ta noen minutter …',
  );
  const nativeDir = path.join(root, 'build', 'native');
  fs.mkdirSync(nativeDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(nativeDir, '.work-'));
  const copy = path.join(work, 'better-sqlite3');
  const reasons = [];
  try {
    // The sources, without the Node-ABI build output.
    fs.cpSync(sqliteDir, copy, {
      recursive: true,
      filter: (src) =>
        src !== path.join(sqliteDir, 'build') && src !== path.join(sqliteDir, 'node_modules'),
    });
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    const toolEnv = childEnv(env);

    const prebuild = resolveFrom(sqliteDir, 'prebuild-install/bin.js');
    if (prebuild) {
      const result = await runNode(
        prebuild,
        ['--runtime', 'electron', '--target', target, '--platform', platform, '--arch', arch],
        { cwd: copy, env: toolEnv, timeoutMs: 120_000 },
      );
      if (!result.ok || !fs.existsSync(built)) {
        reasons.push(`ferdigbygd: ${shortReason(result.output, 'ikke funnet')}`);
      }
    } else {
      reasons.push('ferdigbygd: prebuild-install mangler');
    }

    if (!fs.existsSync(built)) {
      if (platform !== process.platform || arch !== process.arch) {
        reasons.push(
          `kompilering: kan ikke krysskompilere fra ${process.platform}-${process.arch}`,
        );
      } else {
        const gyp =
          resolveFrom(root, 'node-gyp/bin/node-gyp.js') ?? env.npm_config_node_gyp ?? null;
        if (!gyp) {
          reasons.push('kompilering: node-gyp mangler');
        } else {
          const result = await runNode(
            gyp,
            [
              'rebuild',
              '--release',
              `--target=${target}`,
              `--arch=${arch}`,
              `--dist-url=${env.TILSKUDD_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers'}`,
              // Electron headers in their own folder, as @electron/rebuild keeps them.
              `--devdir=${path.join(nativeDir, '.electron-gyp')}`,
            ],
            { cwd: copy, env: toolEnv, timeoutMs: 20 * 60_000 },
          );
          if (!result.ok || !fs.existsSync(built)) {
            reasons.push(`kompilering: ${shortReason(result.output, 'feilet')}`);
          }
        }
      }
    }

    if (!fs.existsSync(built)) return { ok: false, reason: reasons.join('; ') };
    // Into place with a rename, so a half-copied file is never taken for a finished one.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.copyFileSync(built, tmp);
    fs.renameSync(tmp, file);
    return { ok: true, file };
  } catch (error) {
    return { ok: false, reason: [...reasons, String(error)].join('; ') };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
