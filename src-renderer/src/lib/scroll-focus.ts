/**
 * A table that scrolls sideways inside its own box (narrow windows: see `.content table.table`
 * and `.table-scroll` in styles.css) must be reachable by keyboard, or keyboard users cannot
 * scroll it (WCAG 2.1.1; axe-core rule scrollable-region-focusable). This hook gives each such
 * box in the page `tabindex="0"` while it overflows, and takes it away when it no longer does,
 * whatever page drew it — so no page has to remember it.
 */
import { useEffect } from 'react';

const SCROLLERS = 'table.table, .table-scroll';
const MARK = 'data-scroll-focus';

function mark(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const overflows = el.scrollWidth > el.clientWidth + 1;
    const ours = el.hasAttribute(MARK);
    if (overflows && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute(MARK, '');
    } else if (!overflows && ours) {
      el.removeAttribute('tabindex');
      el.removeAttribute(MARK);
    }
  }
}

/** Keeps the sideways-scrolling tables under `selector` (the page's main) keyboard-focusable. */
export function useFocusableScrollers(selector: string): void {
  useEffect(() => {
    const root = document.querySelector<HTMLElement>(selector);
    if (!root) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = window.requestAnimationFrame(() => {
        frame = 0;
        mark(root);
      });
    };
    const mutations = new MutationObserver(schedule);
    mutations.observe(root, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      mutations.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) window.cancelAnimationFrame(frame);
    };
  }, [selector]);
}
