/**
 * A stand-in for the 'electron' module, just enough for src-main/index.ts to start, so the
 * built main process is exercised under Node. Every interaction is printed as one JSON line
 * on stdout. After the window loads, it runs the IPC calls listed in FAKE_ELECTRON_CALLS
 * (JSON: [[senderUrl | "app", method, input], ...]), tries the navigation, window-open,
 * permission and CSP hooks, then closes the window like a user would.
 */
import { pathToFileURL } from 'node:url';

const emit = (type, data = {}) => process.stdout.write(`${JSON.stringify({ type, ...data })}\n`);
const listeners = new Map();
const on = (target, event, fn) => {
  const key = `${target}:${event}`;
  listeners.set(key, [...(listeners.get(key) ?? []), fn]);
};
const fire = (target, event, ...args) => {
  for (const fn of listeners.get(`${target}:${event}`) ?? []) fn(...args);
};

const paths = { appData: process.env.FAKE_ELECTRON_APPDATA ?? '/nonexistent', documents: '/tmp' };
const ipcHandlers = new Map();
const sessionHooks = {};
let quitting = false;

export const app = {
  isPackaged: false,
  getPath: (name) => paths[name] ?? paths.appData,
  setPath: (name, value) => {
    paths[name] = value;
  },
  requestSingleInstanceLock: () => true,
  on(event, fn) {
    on('app', event, fn);
    return app;
  },
  whenReady: () => Promise.resolve(),
  quit() {
    if (quitting) return;
    quitting = true;
    fire('app', 'will-quit', { preventDefault() {} });
    emit('quit');
    setImmediate(() => process.exit(0));
  },
  exit(code) {
    emit('exit', { code });
    process.exit(code);
  },
};

export const ipcMain = {
  handle: (channel, fn) => ipcHandlers.set(channel, fn),
  removeHandler: (channel) => ipcHandlers.delete(channel),
};

export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (sessionHooks.request = fn),
    setPermissionCheckHandler: (fn) => (sessionHooks.check = fn),
    webRequest: { onHeadersReceived: (fn) => (sessionHooks.headers = fn) },
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (template) => emit('menu', { labels: template.map((m) => m.label) }),
};

export const dialog = {
  showErrorBox: (title, content) => emit('errorBox', { title, content }),
  showMessageBox: async () => ({ response: 0 }),
  showSaveDialog: async () => ({ canceled: true }),
};

class FakeWebContents {
  constructor() {
    this.windowOpenHandler = null;
  }
  on(event, fn) {
    on('contents', event, fn);
    return this;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
}

async function runScenario(contents, indexUrl) {
  const calls = JSON.parse(process.env.FAKE_ELECTRON_CALLS ?? '[]');
  const handler = ipcHandlers.get('tilskudd:call');
  for (const [sender, method, input] of calls) {
    const url = sender === 'app' ? indexUrl : sender;
    const envelope = await handler({ senderFrame: url === null ? null : { url } }, method, input);
    emit('ipc', { sender, method, envelope });
  }
  for (const url of ['https://example.com/', `${indexUrl}#/sentre`]) {
    let prevented = false;
    fire('contents', 'will-navigate', { url, preventDefault: () => (prevented = true) });
    emit('navigate', { url, prevented });
  }
  emit('windowOpen', { decision: contents.windowOpenHandler?.({ url: 'https://example.com/' }) });
  let granted = null;
  sessionHooks.request?.(null, 'media', (value) => (granted = value));
  emit('permission', { request: granted, check: sessionHooks.check?.(null, 'geolocation') });
  sessionHooks.headers?.({ responseHeaders: { 'content-type': ['text/html'] } }, (result) =>
    emit('headers', { headers: result.responseHeaders }),
  );
  fire('window', 'close');
  fire('window', 'closed');
  fire('app', 'window-all-closed');
}

export class BrowserWindow {
  constructor(options) {
    this.webContents = new FakeWebContents();
    emit('window', { options });
    fire('app', 'web-contents-created', {}, this.webContents);
  }
  loadFile(file) {
    const indexUrl = pathToFileURL(file).href;
    emit('loadFile', { file, indexUrl });
    setImmediate(() => void runScenario(this.webContents, indexUrl));
    return Promise.resolve();
  }
  on(event, fn) {
    on('window', event, fn);
    return this;
  }
  once(event, fn) {
    on('window', event, fn);
    return this;
  }
  maximize() {}
  show() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1100, height: 700 };
  }
}

/** shell.openPath answers '' (opened) like Electron's on success. */
export const shell = {
  openPath: async () => '',
};

export default { app, ipcMain, screen, session, Menu, dialog, BrowserWindow, shell };
