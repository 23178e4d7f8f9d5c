import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/transport/http/guard';
import {
  buildCsp,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
  withCspHeader,
} from '../../src-main/electron/security';

const appIndexUrl = pathToFileURL(
  '/opt/Tilskuddsoversikt/resources/app.asar/out/renderer/index.html',
).href;

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer and keeps Node out of it', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('sets nothing beyond the hardened options and the preload', () => {
    expect(Object.keys(secureWebPreferences('p')).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('isAllowedNavigation', () => {
  it('allows reloading the app page, with or without a route fragment or query', () => {
    expect(isAllowedNavigation(appIndexUrl, appIndexUrl)).toBe(true);
    expect(isAllowedNavigation(`${appIndexUrl}#/sentre/3`, appIndexUrl)).toBe(true);
    expect(isAllowedNavigation(`${appIndexUrl}?x=1#/`, appIndexUrl)).toBe(true);
  });

  it('treats percent-encoding of the same path as the same page', () => {
    const index = pathToFileURL('/home/kari/Mine apper/out/renderer/index.html').href;
    expect(
      isAllowedNavigation('file:///home/kari/Mine%20apper/out/renderer/index.html', index),
    ).toBe(true);
  });

  it.each([
    ['another web site', 'https://example.com/'],
    ['the same path over http', 'http://127.0.0.1:5173/out/renderer/index.html'],
    ['another local file', 'file:///etc/passwd'],
    ['a sibling file in the bundle', appIndexUrl.replace('index.html', 'other.html')],
    ['a path that only starts like the app', `${appIndexUrl}.evil.html`],
    ['a file on a network host', appIndexUrl.replace('file:///', 'file://fileserver/')],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<h1>hei</h1>'],
    ['about:blank', 'about:blank'],
    ['a mailto: link', 'mailto:post@example.no'],
    ['garbage', 'not a url'],
    ['an empty string', ''],
  ])('denies %s', (_name, target) => {
    expect(isAllowedNavigation(target, appIndexUrl)).toBe(false);
  });

  it('denies everything when the app URL itself is not a file URL', () => {
    expect(isAllowedNavigation('https://example.com/', 'https://example.com/')).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it('denies every popup and new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});

describe('permissionDecision', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown'])(
    'refuses %s',
    (permission) => {
      expect(permissionDecision(permission)).toBe(false);
    },
  );
});

describe('isTrustedSender', () => {
  it('trusts the app page, also on another route', () => {
    expect(isTrustedSender(appIndexUrl, appIndexUrl)).toBe(true);
    expect(isTrustedSender(`${appIndexUrl}#/sentre`, appIndexUrl)).toBe(true);
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['the localhost transport', 'http://127.0.0.1:43210/'],
    ['another file', 'file:///tmp/evil.html'],
    ['about:blank', 'about:blank'],
    ['a missing frame (undefined)', undefined],
    ['a destroyed frame (null)', null],
    ['an empty URL', ''],
  ])('rejects %s', (_name, frameUrl) => {
    expect(isTrustedSender(frameUrl, appIndexUrl)).toBe(false);
  });
});

describe('buildCsp', () => {
  it('is the shared policy, with scripts only from the app itself', () => {
    expect(buildCsp()).toBe(CONTENT_SECURITY_POLICY);
    expect(buildCsp()).toContain("script-src 'self'");
    expect(buildCsp()).not.toContain('unsafe-eval');
    expect(buildCsp()).toContain("object-src 'none'");
  });

  it('replaces any CSP header already present, whatever its letter case, and keeps the rest', () => {
    const headers = withCspHeader({
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withCspHeader(undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});
