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

export function navigate(path: string): void {
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
