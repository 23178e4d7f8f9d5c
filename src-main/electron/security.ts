/**
 * The Electron shell's security decisions as pure functions, so they are unit-tested without
 * the Electron binary. Nothing here imports 'electron' at runtime.
 */
import { CONTENT_SECURITY_POLICY } from '../transport/http/guard';

/** The subset of Electron's WebPreferences we set; every value is the hardened choice. */
export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  preload: string;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped on the window would otherwise replace the app with that file.
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries from Google; the app must work offline
    // and the forms are names and numbers, where red underlines only distract.
    spellcheck: false,
    preload: preloadPath,
  };
}

function parseUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own document: the same file:// path as the index page. The
 * query and fragment may differ (the renderer routes with the fragment); any other file,
 * host or scheme is foreign.
 */
function isAppDocument(url: string | null | undefined, appIndexUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appIndexUrl);
  if (!target || !app || app.protocol !== 'file:') return false;
  return (
    target.protocol === 'file:' &&
    target.host === app.host &&
    target.username === '' &&
    target.password === '' &&
    target.pathname === app.pathname
  );
}

/** `will-navigate`: only a (re)load of the app's own page is allowed, nothing else. */
export function isAllowedNavigation(targetUrl: string, appIndexUrl: string): boolean {
  return isAppDocument(targetUrl, appIndexUrl);
}

/** `setWindowOpenHandler`: the app never opens a second window or a popup. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permission requests and checks (camera, notifications, geolocation, clipboard read, …):
 * the app needs none, so all are refused.
 */
export function permissionDecision(permission: string): boolean {
  void permission;
  return false;
}

/** IPC sender check: only the app's own page may call the API. */
export function isTrustedSender(frameUrl: string | null | undefined, appIndexUrl: string): boolean {
  return isAppDocument(frameUrl, appIndexUrl);
}

/** The CSP sent as a response header; the same policy as the renderer's meta tag and HTTP host. */
export function buildCsp(): string {
  return CONTENT_SECURITY_POLICY;
}

/**
 * Response headers with our CSP added (replacing any CSP already present, whatever its
 * letter case), for `session.webRequest.onHeadersReceived`.
 */
export function withCspHeader(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [buildCsp()];
  return result;
}
