/**
 * Windowing for long tables (issue 14): the grant's ledger and the year-end page's checklist
 * and grants. Above WINDOW_FROM rows a table scrolls inside its own box with a sticky header,
 * and only the rows in view (plus a few) are in the DOM (`@tanstack/react-virtual`), so a
 * table of thousands of rows paints as fast as one of ten. Shorter tables are plain.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import './ui.css';

/** Above this many rows a table is windowed. */
export const WINDOW_FROM = 200;

/** The rows in view of a scrolling box, and the space above and below them. */
export function useRowWindow(
  count: number,
  keyOf: ((index: number) => string | number) | undefined,
  scroller: RefObject<HTMLDivElement | null>,
  estimate: number,
  overscan = 8,
) {
  // The virtualizer re-renders its component itself on scroll; the rows are memo'd by hand.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate,
    ...(keyOf ? { getItemKey: keyOf } : {}),
    overscan,
  });
  const items = v.getVirtualItems();
  return {
    items,
    top: items[0]?.start ?? 0,
    bottom: v.getTotalSize() - (items[items.length - 1]?.end ?? 0),
    measure: v.measureElement,
    /** True while the box is being scrolled (and a short moment after). */
    scrolling: v.isScrolling,
  };
}

/** An empty row holding the place of the rows out of view. */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return height > 0 ? (
    <tr aria-hidden="true" className="row-window-spacer" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  ) : null;
}
