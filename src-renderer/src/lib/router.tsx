/**
 * A small hash router: works the same from Electron's file:// page and from the
 * localhost transport, with no server-side routes.
 */
import { useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

/**
 * Leaving a page with unsaved changes: `useUnsavedChanges` (lib/unsaved.ts) sets a guard that
 * asks; a declined hash change (link, Back, navigate) is put back before any page sees it.
 */
let leaveGuard: (() => boolean) | null = null;
let skipGuard = false;
let shownPath = typeof window === 'undefined' ? '/' : currentPath();

export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

if (typeof window !== 'undefined') {
  // Registered before any component's listener, so a declined change is undone first.
  window.addEventListener('hashchange', () => {
    const next = currentPath();
    if (next === shownPath) return;
    const skip = skipGuard;
    skipGuard = false;
    if (!skip && leaveGuard && !leaveGuard()) {
      window.history.pushState(null, '', `#${shownPath}`);
      return;
    }
    shownPath = next;
  });
}

/** Goes to `path`; `force` skips the unsaved-changes question (e.g. right after a save). */
export function navigate(path: string, opts?: { force?: boolean }): void {
  if (opts?.force && path !== currentPath()) skipGuard = true;
  window.location.hash = path;
}

/** Matches '/centres/:id' style patterns; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('?')[0]!.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    const seg = s[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}

export function Link(
  props: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>,
) {
  const { to, children, ...rest } = props;
  return (
    <a href={`#${to}`} {...rest}>
      {children}
    </a>
  );
}

/** Query parameters of the current hash route ('#/grants/new?projectId=3'). */
export function queryOf(path: string): URLSearchParams {
  const i = path.indexOf('?');
  return new URLSearchParams(i >= 0 ? path.slice(i + 1) : '');
}
