/**
 * Backup settings (folder and rotation rules) in `<dataDir>/backup-settings.json`, not in the
 * database, so they can be read when the data file cannot be opened (recovery); and the
 * folder copies go to: the chosen one once checked, else the default folder with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BackupSettings, ParsedInput } from '../../src-shared/api/contract';
import { badInput } from '../../src-shared/api/errors';
import { checkBackupFolder } from '../platform/backup-folder';
import type { BackupContext } from './backup-context';
import { writeFileAtomic } from './backup-files';
import { DEFAULT_RULES } from './backup-rotation';

const StoredSettings = z.object({
  folder: z.string().nullable().catch(null),
  keepDaily: z.number().int().min(1).max(60).catch(DEFAULT_RULES.keepDaily),
  keepWeekly: z.number().int().min(0).max(52).catch(DEFAULT_RULES.keepWeekly),
  keepMonthly: z.number().int().min(0).max(120).catch(DEFAULT_RULES.keepMonthly),
  keepManual: z.number().int().min(1).max(100).catch(DEFAULT_RULES.keepManual),
});
type StoredSettings = z.infer<typeof StoredSettings>;

/** How long a refused folder from the settings file stays refused before it is looked at again. */
const FOLDER_RECHECK_MS = 60_000;

export function readStored(bctx: BackupContext): StoredSettings {
  const defaults: StoredSettings = { folder: null, ...DEFAULT_RULES };
  if (!fs.existsSync(bctx.settingsFile)) return defaults;
  try {
    const parsed = StoredSettings.safeParse(JSON.parse(fs.readFileSync(bctx.settingsFile, 'utf8')));
    return parsed.success ? parsed.data : defaults;
  } catch (error) {
    bctx.log.error('Backup settings unreadable; using the defaults', error);
    return defaults;
  }
}

/**
 * The stored folder, checked once per value (at start-up, and after a change): a folder
 * from a hand-edited settings file that is relative, inside the data folder (real paths),
 * in /proc, /sys or /dev, missing, or not answering within the time limit is not used;
 * copies go to the default folder and `folderProblem()` says why. Never blocks start-up.
 */
function effectiveFolder(bctx: BackupContext): { folder: string; problem: string | null } {
  const raw = readStored(bctx).folder;
  const fresh =
    bctx.state.checked !== null &&
    bctx.state.checked.raw === raw &&
    (bctx.state.checked.problem === null ||
      Date.now() - bctx.state.checked.atMs < FOLDER_RECHECK_MS);
  if (fresh && bctx.state.checked) return bctx.state.checked;
  if (raw === null) {
    bctx.state.checked = { raw, folder: bctx.defaultFolder, problem: null, atMs: Date.now() };
    return bctx.state.checked;
  }
  const verdict = checkBackupFolder(raw, {
    dataDir: bctx.dataDir,
    create: false,
    probeWrite: false,
    timeoutMs: bctx.folderCheckTimeoutMs,
  });
  if (verdict.ok) {
    bctx.state.checked = { raw, folder: verdict.folder, problem: null, atMs: Date.now() };
  } else {
    if (bctx.state.checked?.raw !== raw || bctx.state.checked.problem === null) {
      bctx.log.error(`Backup folder ${raw} from the settings is not used: ${verdict.message}`);
    }
    bctx.state.checked = {
      raw,
      folder: bctx.defaultFolder,
      problem: `${verdict.message} Sikkerhetskopiene lagres i standardmappen ${bctx.defaultFolder} inntil dette er rettet.`,
      atMs: Date.now(),
    };
  }
  return bctx.state.checked;
}

export function folder(bctx: BackupContext): string {
  return effectiveFolder(bctx).folder;
}

/**
 * Why copies do not go to the chosen folder, or the last one could not be taken (Norwegian),
 * or null.
 */
export function folderProblem(bctx: BackupContext): string | null {
  return bctx.state.failedProblem ?? effectiveFolder(bctx).problem ?? bctx.state.fallbackProblem;
}

export function settings(bctx: BackupContext): BackupSettings {
  const s = readStored(bctx);
  return {
    folder: s.folder ?? bctx.defaultFolder,
    isDefaultFolder: s.folder === null,
    defaultFolder: bctx.defaultFolder,
    keepDaily: s.keepDaily,
    keepWeekly: s.keepWeekly,
    keepMonthly: s.keepMonthly,
    keepManual: s.keepManual,
  };
}

/**
 * Refuses a folder that is relative, inside the data folder (real paths), in /proc, /sys or
 * /dev, not writable, or not answering within the time limit; creates it otherwise.
 */
function checkFolder(bctx: BackupContext, candidate: string): string {
  const verdict = checkBackupFolder(candidate, {
    dataDir: bctx.dataDir,
    create: true,
    probeWrite: true,
    timeoutMs: bctx.folderCheckTimeoutMs,
  });
  if (!verdict.ok) throw badInput('folder', verdict.message);
  return verdict.folder;
}

export function setSettings(
  bctx: BackupContext,
  input: ParsedInput<'backups.setSettings'>,
): BackupSettings {
  const chosen = input.folder === null ? null : checkFolder(bctx, input.folder);
  const stored: StoredSettings = {
    folder: chosen !== null && path.resolve(chosen) === bctx.defaultFolder ? null : chosen,
    keepDaily: input.keepDaily,
    keepWeekly: input.keepWeekly,
    keepMonthly: input.keepMonthly,
    keepManual: input.keepManual,
  };
  fs.mkdirSync(bctx.dataDir, { recursive: true });
  writeFileAtomic(bctx.settingsFile, JSON.stringify(stored, null, 2));
  bctx.state.checked = {
    raw: stored.folder,
    folder: stored.folder ?? bctx.defaultFolder,
    problem: null,
    atMs: Date.now(),
  };
  bctx.state.fallbackProblem = null;
  return settings(bctx);
}
