/**
 * Electron configuration scan: @doyensec/electronegativity (its 36 atomic and 5 global checks,
 * offline: see electronegativity-scan.mjs) on the compiled app as it ships, out/main,
 * out/preload and out/renderer, with package.json for the Electron version. No finding of
 * MEDIUM severity or above may remain unless electronegativity-allowlist.ts justifies it, and
 * the justifications are checked against the compiled code here too.
 *
 * The scanner judges `new BrowserWindow(...)` only by an object literal, so it cannot follow our
 * preferences into secureWebPreferences(). The last test therefore also reads the compiled main
 * process and preload for the same dangerous settings directly.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, type TempDir } from '../helpers/db';
import { ALLOWED_FINDINGS } from './electronegativity-allowlist';

interface Finding {
  id: string;
  severity: string;
  severityValue: number;
  confidence: string;
  file: string;
  line: number;
  sample: string | null;
  description: string;
}

interface ScanResult {
  checks: { global: number; atomic: number };
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

const MARKER = 'ELECTRONEGATIVITY_RESULT ';
const MEDIUM = 2;
const OUT = path.join(REPO_ROOT, 'out');

let stage: TempDir;
let result: ScanResult;

/** The compiled JavaScript of the main process (with its chunks) and of the preload. */
function compiled(part: 'main' | 'preload'): { file: string; text: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(c|m)?js$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(OUT, part));
  return files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

beforeAll(() => {
  if (!fs.existsSync(path.join(OUT, 'main', 'index.js'))) {
    const build = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(build.stderr);
  }
  // What ships, and nothing else (the repository root would pull in node_modules).
  stage = tempDir('tilskudd-electronegativity-');
  fs.cpSync(OUT, path.join(stage.dir, 'out'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(stage.dir, 'package.json'));

  const scan = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, 'electronegativity-scan.mjs'), stage.dir],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 90_000, env: { ...process.env, LANG: 'en-US' } },
  );
  const line = scan.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (scan.status !== 0 || !line) {
    throw new Error(`electronegativity failed (${scan.status}):\n${scan.stdout}\n${scan.stderr}`);
  }
  result = JSON.parse(line.slice(MARKER.length)) as ScanResult;
}, 120_000);

afterAll(() => stage?.cleanup());

describe('electronegativity on the compiled app', () => {
  it('ran all its checks and could read every file', () => {
    expect(result.checks.atomic).toBeGreaterThanOrEqual(30);
    expect(result.checks.global).toBeGreaterThanOrEqual(4);
    expect(result.errors).toEqual([]);
    // It found package.json, so it judged the defaults of our Electron version.
    expect(result.issues.some((i) => i.id === 'ELECTRON_VERSION_JSON_CHECK')).toBe(true);
  });

  it('finds nothing of medium severity or above beyond the justified allow-list', () => {
    const serious = result.issues.filter((i) => i.severityValue >= MEDIUM);
    const unexplained = serious.filter(
      (i) =>
        !ALLOWED_FINDINGS.some(
          (a) => a.check === i.id && a.file === i.file && a.sample === i.sample,
        ),
    );
    expect(unexplained).toEqual([]);
    for (const allowed of ALLOWED_FINDINGS) {
      const matches = serious.filter(
        (i) => i.id === allowed.check && i.file === allowed.file && i.sample === allowed.sample,
      );
      expect(matches.length, `${allowed.check}: review the allow-list`).toBe(allowed.count);
      expect(allowed.reason.length).toBeGreaterThan(80);
    }
    // For the record: what remains below MEDIUM.
    const lower = result.issues
      .filter((i) => i.severityValue < MEDIUM)
      .map((i) => `${i.severity} ${i.id} ${i.file}:${i.line} ${i.description}`);
    process.stdout.write(`electronegativity below MEDIUM:\n  ${lower.join('\n  ')}\n`);
    expect(lower.every((l) => /^(LOW|INFORMATIONAL) /.test(l))).toBe(true);
  });

  it('the allow-list’s reasons hold in the compiled main process', () => {
    const main = compiled('main')
      .map((f) => f.text)
      .join('\n');
    const windows = main.split('new BrowserWindow(').slice(1);
    expect(windows.length).toBeGreaterThan(0);
    for (const options of windows) {
      const literal = options.slice(0, options.indexOf('});'));
      expect(literal).toContain('webPreferences: secureWebPreferences(');
    }
    const prefs = /function secureWebPreferences\([^)]*\)\s*\{\s*return\s*\{([^}]*)\}/.exec(main);
    expect(prefs?.[1]).toMatch(/contextIsolation:\s*true/);
    expect(prefs?.[1]).toMatch(/sandbox:\s*true/);
    expect(prefs?.[1]).toMatch(/nodeIntegration:\s*false/);
    expect(prefs?.[1]).toMatch(/webSecurity:\s*true/);
    expect(main).toMatch(/function windowOpenDecision\(\)\s*\{\s*return \{ action: "deny" \};/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => windowOpenDecision\(\)\)/);
    expect(main).toMatch(
      /app\.on\("web-contents-created", \(_event, contents\) => harden\(contents\)\)/,
    );
  });

  it('the compiled main process and preload keep the settings the scanner matches by pattern', () => {
    const sources = [...compiled('main'), ...compiled('preload')];
    const forbidden: [string, RegExp][] = [
      ['nodeIntegration on', /nodeIntegration(InWorker|InSubFrames)?:\s*true/],
      ['contextIsolation off', /contextIsolation:\s*false/],
      ['sandbox off', /sandbox:\s*false/],
      ['webSecurity off', /webSecurity:\s*false/],
      ['insecure content', /allowRunningInsecureContent:\s*true/],
      ['experimental features', /experimentalFeatures:\s*true/],
      ['webview tag', /webviewTag:\s*true/],
      ['remote module', /enableRemoteModule|@electron\/remote/],
      ['shell.openExternal', /openExternal/],
      ['blink features', /enableBlinkFeatures/],
      ['certificate errors ignored', /certificate-error|setCertificateVerifyProc/],
      ['insecure CSP', /unsafe-eval|script-src[^;"]*'unsafe-inline'|script-src[^;"]*\*/],
    ];
    // The main process may use Node (e.g. a worker's source); the sandboxed preload may not.
    const preloadOnly: [string, RegExp][] = [
      ['node in the preload', /require\(["']node:|require\(["'](fs|child_process)["']\)/],
    ];
    const preloadFiles = new Set(compiled('preload').map((s) => s.file));
    for (const { file, text } of sources) {
      const rules = preloadFiles.has(file) ? [...forbidden, ...preloadOnly] : forbidden;
      for (const [what, pattern] of rules) {
        expect(pattern.test(text), `${what} in ${path.relative(REPO_ROOT, file)}`).toBe(false);
      }
    }
    const main = sources.map((s) => s.text).join('\n');
    for (const needed of [
      'setPermissionRequestHandler(',
      'setPermissionCheckHandler(',
      'contents.on("will-navigate"',
      'contents.on("will-frame-navigate"',
      'contents.on("will-attach-webview"',
      'setWindowOpenHandler(',
      'onHeadersReceived(',
      'requestSingleInstanceLock(',
    ]) {
      expect(main, needed).toContain(needed);
    }
  });
});
