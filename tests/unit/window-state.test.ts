import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_HEIGHT,
  MIN_WIDTH,
  parseWindowState,
  saveWindowState,
  stateFromBounds,
  windowStateFile,
  type Rect,
} from '../../src-main/electron/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads a saved state', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: true })).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it('drops a half-given position and treats a missing flag as not maximised', () => {
    expect(parseWindowState({ x: 10, width: 1000, height: 700 })).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it.each([null, 'tekst', 42, [], {}, { width: '1000', height: 700 }, { width: 0, height: 700 }])(
    'rejects %j',
    (value) => {
      expect(parseWindowState(value)).toBeNull();
    },
  );

  it('rejects non-finite sizes', () => {
    expect(parseWindowState({ width: Infinity, height: 700 })).toBeNull();
    expect(parseWindowState({ width: NaN, height: 700 })).toBeNull();
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is on a screen where it was', () => {
    const state = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual(state);
  });

  it('keeps a window on the second monitor while that monitor is present', () => {
    const state = { x: 2100, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('centres a window whose monitor was unplugged, and fits it to the remaining screen', () => {
    const state = { x: 2100, y: 100, width: 2400, height: 1300, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
  });

  it('pulls a window that hangs over an edge back inside the screen', () => {
    const state = { x: 1500, y: 600, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({
      x: 720,
      y: 240,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('centres a window whose title bar is above the top of every screen', () => {
    const state = { x: 100, y: -500, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('grows a window below the minimum size', () => {
    expect(fitToDisplays({ width: 200, height: 100, maximized: false }, [laptop])).toEqual({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
      maximized: false,
    });
  });

  it('respects work areas that do not start at 0,0 (a taskbar on the left)', () => {
    const area: Rect = { x: 60, y: 0, width: 1860, height: 1080 };
    const state = { x: 0, y: 0, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(state, [area])).toMatchObject({ x: 60, y: 0 });
  });

  it('only size-checks when no display is reported', () => {
    const state = { x: 5000, y: 5000, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(state, [])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('stateFromBounds', () => {
  it('rounds fractional bounds (scaled displays)', () => {
    expect(stateFromBounds({ x: 10.4, y: 20.6, width: 1000.5, height: 700.2 }, false)).toEqual({
      x: 10,
      y: 21,
      width: 1001,
      height: 700,
      maximized: false,
    });
  });
});

describe('loadWindowState / saveWindowState', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-window-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a state through the file in userData', () => {
    const file = windowStateFile(tempDir());
    const state = { x: 1, y: 2, width: 1100, height: 750, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('falls back to the defaults for a missing or broken file', () => {
    const dir = tempDir();
    expect(loadWindowState(path.join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const broken = path.join(dir, 'window-state.json');
    fs.writeFileSync(broken, '{"width": 10');
    expect(loadWindowState(broken)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('does not throw when the folder cannot be written', () => {
    const file = path.join(tempDir(), 'missing-folder', 'window-state.json');
    expect(() => saveWindowState(file, DEFAULT_WINDOW_STATE)).not.toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });
});
