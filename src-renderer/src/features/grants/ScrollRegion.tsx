/**
 * A box that scrolls sideways when its table is wider than the window (half a screen), and
 * that keyboard users can reach (Tab) and scroll with the arrow keys, as axe-core asks of
 * every scrolling region. Inside it the table keeps its table layout; the box scrolls.
 */
import type { ReactNode } from 'react';

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grant-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
