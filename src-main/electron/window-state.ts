/**
 * Remembers the main window's size and position between launches in a small JSON file in
 * userData. Pure apart from the two file helpers, and no 'electron' import, so the rules
 * (what a sane saved state is, and how it is fitted to the screens present now) are
 * unit-tested.
 */
import fs from 'node:fs';
import path from 'node:path';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the window manager centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;

/** How much of the title bar must lie on a screen for the user to reach and drag it. */
const MIN_VISIBLE_WIDTH = 120;
const TITLE_BAR = 40;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a state written by an earlier launch; anything malformed yields null (use defaults). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isFiniteNumber(v.width) || !isFiniteNumber(v.height) || v.width <= 0 || v.height <= 0) {
    return null;
  }
  const state: WindowState = {
    width: Math.round(v.width),
    height: Math.round(v.height),
    maximized: v.maximized === true,
  };
  if (isFiniteNumber(v.x) && isFiniteNumber(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Fits a saved state to the displays present now (their work areas, primary first). A window
 * whose title bar is not sufficiently on any screen (a monitor was unplugged, the resolution
 * changed) loses its position and will be centred on the primary screen. The size is capped to
 * the screen the window ends up on, and the window is pulled fully inside it. With no displays
 * reported the state is only size-checked.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const width = Math.max(state.width, MIN_WIDTH);
  const height = Math.max(state.height, MIN_HEIGHT);
  const primary = workAreas[0];
  if (!primary) return { width, height, maximized: state.maximized };

  // The title bar is what the user grabs; require a usable part of it on one screen.
  const { x, y } = state;
  const home =
    x === undefined || y === undefined
      ? undefined
      : workAreas.find((area) => {
          const o = overlap({ x, y, width, height: TITLE_BAR }, area);
          return o.width >= MIN_VISIBLE_WIDTH && o.height >= TITLE_BAR / 2;
        });
  const area = home ?? primary;
  const fitted: WindowState = {
    width: Math.min(width, area.width),
    height: Math.min(height, area.height),
    maximized: state.maximized,
  };
  if (!home || x === undefined || y === undefined) return fitted;
  fitted.x = Math.min(Math.max(x, home.x), home.x + home.width - fitted.width);
  fitted.y = Math.min(Math.max(y, home.y), home.y + home.height - fitted.height);
  return fitted;
}

/** What to save when the window closes: the normal (un-maximised) bounds and the flag. */
export function stateFromBounds(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}

export function windowStateFile(userDataDir: string): string {
  return path.join(userDataDir, WINDOW_STATE_FILE_NAME);
}

/** Loads the saved state; a missing or broken file is not an error, just the defaults. */
export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8'))) ?? DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/**
 * Saves the state via a temporary file and a rename, so a crash mid-write never leaves a
 * truncated file. Failing to save is harmless (next launch uses defaults), so it is silent.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(state)}\n`);
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
