/**
 * Electron entry: one instance per data folder, the core behind one IPC channel, one hardened
 * window. The decisions live in src-main/electron/* as tested functions; this file wires them.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  screen,
  session,
  shell as electronShell,
  type WebContents,
} from 'electron';
import { DATA_FILE_NAME, openCoreOrRecovery, type Core, type RecoveryCore } from './core';
import { serveThenBackup } from './startup-backup';
import { DatabaseOpenError } from './platform/database';
import { registerIpc } from './electron/ipc';
import { buildMenuTemplate } from './electron/menu';
import { configureUserData, resolveShellPaths, type ShellPaths } from './electron/paths';
import { createSaveAsHandler } from './electron/save-file';
import { createOpenDocumentHandler } from './electron/open-document';
import { leaveQuestion, leaves } from './electron/leave-question';
import { AppError } from '../src-shared/api/errors';
import {
  isAllowedNavigation,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
  withCspHeader,
} from './electron/security';
import {
  fitToDisplays,
  loadWindowState,
  MIN_HEIGHT,
  MIN_WIDTH,
  saveWindowState,
  stateFromBounds,
  windowStateFile,
} from './electron/window-state';
import { PRODUCT_NAME } from './platform/host-paths';
import { acquireDataDirLock, DataDirLockedError } from './platform/lock';
import { startupStorageLine } from './platform/storage-errors';

declare const __APP_VERSION__: string;

configureUserData();
const paths = resolveShellPaths();
const appIndexUrl = pathToFileURL(paths.indexHtml).href;
let mainWindow: BrowserWindow | null = null;

function harden(contents: WebContents): void {
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, appIndexUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision());
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  ses.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  // file:// pages get no response headers, so the renderer's meta tag is what applies there;
  // the header covers anything else the window might load.
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCspHeader(details.responseHeaders) }),
  );
}

function createWindow(shell: ShellPaths): BrowserWindow {
  const stateFile = windowStateFile(shell.dataDir);
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  const state = fitToDisplays(
    loadWindowState(stateFile),
    [primary, ...others].map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: PRODUCT_NAME,
    icon: shell.icon,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(shell.preload),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () =>
    saveWindowState(stateFile, stateFromBounds(window.getNormalBounds(), window.isMaximized())),
  );
  window.on('closed', () => {
    mainWindow = null;
  });
  // A form with unsaved changes cancelled the unload: ask, and close only when she says so.
  window.webContents.on('will-prevent-unload', (event) => {
    if (leaves(dialog.showMessageBoxSync(window, leaveQuestion()))) event.preventDefault();
  });
  void window.loadFile(shell.indexHtml);
  return window;
}

/** A better_sqlite3.node for the wrong ABI (or none) surfaces as a failed open; say what it is. */
function isNativeModuleFailure(error: DatabaseOpenError): boolean {
  const cause = error.cause instanceof Error ? error.cause.message : '';
  return /NODE_MODULE_VERSION|better_sqlite3\.node|did not self-register|invalid ELF/i.test(cause);
}

/**
 * A full disk or a data folder the app may not write: one line on stderr and a dialog saying
 * what to do, no stack trace. Returns false for other errors.
 */
function reportStorageProblem(error: unknown, dataDir: string): boolean {
  const line = startupStorageLine(error, dataDir);
  if (line === null) return false;
  console.error(line);
  dialog.showErrorBox('Tilskuddsoversikt kan ikke starte', line);
  return true;
}

function openCore(shell: ShellPaths): Core | RecoveryCore | null {
  try {
    const core = openCoreOrRecovery({
      dataDir: shell.dataDir,
      migrationsDir: shell.migrationsDir,
      appVersion: __APP_VERSION__,
      ...(shell.nativeBinding ? { nativeBinding: shell.nativeBinding } : {}),
      actor: process.env.USERNAME ?? process.env.USER ?? 'bruker',
      // Taken once the window is loading (serveThenBackup in start()), not before it opens.
      backups: { atStartup: 'deferred' },
      overrides: {
        'files.saveAs': createSaveAsHandler(
          (options) =>
            mainWindow
              ? dialog.showSaveDialog(mainWindow, options)
              : dialog.showSaveDialog(options),
          () => app.getPath('documents'),
        ),
        'documents.open': createOpenDocumentHandler(
          (id) => {
            if (core.mode === 'recovery') {
              throw new AppError(
                'CONFLICT',
                'Dokumenter kan ikke åpnes før dataene er gjenopprettet.',
              );
            }
            return core.services.documents.read(id);
          },
          (file) => electronShell.openPath(file),
          () => app.getPath('temp'),
        ),
      },
    });
    if ('mode' in core && core.mode === 'recovery') {
      // The data file is damaged or foreign: it is left untouched, and the window opens on
      // the restore screen, which lists the verified backups.
      dialog.showErrorBox(
        'Datafilen kan ikke brukes',
        `${core.problem.message}\n\n${core.message}`,
      );
    }
    return core;
  } catch (error) {
    if (reportStorageProblem(error, shell.dataDir)) return null;
    if (!(error instanceof DatabaseOpenError)) throw error;
    // Show and stop: the file is left exactly as it was, nothing is repaired or rewritten.
    dialog.showErrorBox(
      'Kan ikke åpne dataene',
      isNativeModuleFailure(error)
        ? 'Databasemodulen i programmet passer ikke til denne Electron-versjonen. ' +
            'Start utviklerversjonen med «npm start», eller installer programmet på nytt.'
        : `${error.message}\n\nFil: ${path.join(shell.dataDir, DATA_FILE_NAME)}\n\n` +
            'Filen er ikke endret. Ta vare på den og kontakt den som drifter programmet.',
    );
    return null;
  }
}

function start(): void {
  let release: () => void;
  try {
    release = acquireDataDirLock(paths.dataDir);
  } catch (error) {
    if (reportStorageProblem(error, paths.dataDir)) {
      app.quit();
      return;
    }
    if (!(error instanceof DataDirLockedError)) throw error;
    dialog.showErrorBox(
      'Tilskuddsoversikt er allerede i bruk',
      `Datamappen ${paths.dataDir} brukes av et annet Tilskuddsoversikt-program ` +
        `(prosess ${error.pid}), kanskje i nettlesermodus. Lukk det og start på nytt.`,
    );
    app.quit();
    return;
  }
  const core = openCore(paths);
  if (!core) {
    release();
    app.quit();
    return;
  }
  app.on('will-quit', () => {
    core.close();
    release();
  });

  registerIpc(core.dispatch, appIndexUrl);
  hardenSession();
  const onAbout = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: 'Om Tilskuddsoversikt',
      message: `${PRODUCT_NAME} ${__APP_VERSION__}`,
      detail: `Tilskuddsoversikt for Krisesentersekretariatet.\n\nData: ${paths.dataDir}`,
      buttons: ['OK'],
    });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ isDev: !app.isPackaged, onAbout })),
  );
  void serveThenBackup(core, () => {
    mainWindow = createWindow(paths);
    return Promise.resolve();
  });
}

// The second instance hands over to the first (which comes to the front) and exits, so only
// one process ever writes the data folder.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      if (reportStorageProblem(error, paths.dataDir)) {
        app.exit(1);
        return;
      }
      console.error('Tilskuddsoversikt kunne ikke starte:', error);
      dialog.showErrorBox(
        'Tilskuddsoversikt kunne ikke starte',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}
