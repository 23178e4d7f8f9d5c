/**
 * `npm start`: build, then run the Electron app with a better-sqlite3 built for Electron's
 * ABI. Where Electron cannot run (its binary cannot be downloaded, no display), say so on one
 * line and serve the same app in browser mode instead.
 *
 * `npm run start:browser -- [--data-dir DIR] [--port N]`: browser mode directly.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  buildApp,
  childEnv,
  ensureElectronBinding,
  findOrInstallElectron,
  headlessReason,
  parseStartArgs,
  repoRoot,
} from './electron-tools.mjs';

/** Runs the app in the foreground: signals go to it, and its exit code becomes ours. */
function runForeground(command, args, env) {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Kunne ikke starte ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserMode(args) {
  runForeground(
    process.execPath,
    [path.join(repoRoot, 'out', 'main', 'browser.js'), ...args],
    childEnv(process.env),
  );
}

/** Electron, or the reason it cannot run here. */
async function prepareElectron() {
  const electron = await findOrInstallElectron();
  if (!electron.ok) return electron;
  const headless = headlessReason(process.platform, process.env);
  if (headless) return { ok: false, reason: headless };
  const binding = await ensureElectronBinding({ electronVersion: electron.version });
  if (!binding.ok) {
    return { ok: false, reason: `better-sqlite3 kunne ikke lages for Electron: ${binding.reason}` };
  }
  return { ok: true, executable: electron.executable, binding: binding.file };
}

async function main() {
  const { browser, args } = parseStartArgs(process.argv.slice(2));
  await buildApp();
  if (browser) {
    startBrowserMode(args);
    return;
  }
  const electron = await prepareElectron();
  if (!electron.ok) {
    console.log(
      `Electron kan ikke startes på denne maskinen (${electron.reason}) – ` +
        'starter nettlesermodus i stedet.',
    );
    startBrowserMode(args);
    return;
  }
  // `.` starts package.json's main (out/main/index.js); the rest (e.g. --data-dir) is for it.
  runForeground(
    electron.executable,
    ['.', ...args],
    childEnv(process.env, { TILSKUDD_SQLITE_BINDING: electron.binding }),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
