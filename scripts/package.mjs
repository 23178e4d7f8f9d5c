/**
 * `npm run package [-- electron-builder args]`: build the bundles, stage better-sqlite3 built
 * for Electron's ABI for every target (electron-builder.yml ships it as resources/native), then
 * run electron-builder. Without that binary the installed app could not open its data, so a
 * missing one stops packaging here rather than producing a broken installer.
 *
 *   npm run package                 # this platform (NSIS on Windows, AppImage on Linux)
 *   npm run package -- --win        # Windows installer (prebuilt binary needed: no cross-compile)
 *   npm run package -- --linux dir  # unpacked folder only
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildApp,
  childEnv,
  electronVersion,
  ensureElectronBinding,
  packageTargets,
  repoRoot,
  run,
} from './electron-tools.mjs';

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const version = electronVersion();
  if (!version) throw new Error('Pakken electron er ikke installert (kjør npm install).');

  for (const target of packageTargets(args, process.platform)) {
    const binding = await ensureElectronBinding({
      electronVersion: version,
      platform: target.platform,
      arch: target.arch,
    });
    if (!binding.ok) {
      throw new Error(
        `Kan ikke pakke for ${target.os}-${target.arch}: better-sqlite3 for Electron ${version} ` +
          `mangler (${binding.reason}).`,
      );
    }
    const staged = path.join(repoRoot, 'build', 'native', 'stage', `${target.os}-${target.arch}`);
    fs.rmSync(staged, { recursive: true, force: true });
    fs.mkdirSync(staged, { recursive: true });
    fs.copyFileSync(binding.file, path.join(staged, 'better_sqlite3.node'));
  }

  await buildApp();
  const cli = path.join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');
  const result = await run(process.execPath, [cli, '--publish', 'never', ...args], {
    env: childEnv(process.env),
    echo: process.stdout,
  });
  if (!result.ok) throw new Error('electron-builder feilet (se over).');
  console.log(`Ferdig: ${path.join(repoRoot, 'dist')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
