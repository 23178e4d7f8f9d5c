/**
 * Tabs after the WAI-ARIA pattern: a `tablist` of `tab` buttons and one `tabpanel` with the
 * active tab's content (the others are not rendered). Arrow keys (and Home/End) move between
 * the tabs and select the tab they land on; only the selected tab is in the Tab order.
 * The caller keeps the selected tab (e.g. in the address, so Back and reload keep it).
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import './tabs.css';

export interface TabItem {
  id: string;
  label: string;
  /** Shown after the label, e.g. a count («Bevegelser 12»). */
  badge?: ReactNode;
}

export function Tabs({
  label,
  idPrefix,
  tabs,
  selected,
  onSelect,
  children,
}: {
  /** The accessible name of the tab list. */
  label: string;
  /** Makes the tab and panel ids unique on the page. */
  idPrefix: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect(id: string): void;
  /** The selected tab's content. */
  children: ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;
  const tabId = (id: string) => `${idPrefix}-tab-${id}`;
  const panelId = `${idPrefix}-panel`;

  function onKeyDown(ev: KeyboardEvent<HTMLDivElement>) {
    const i = tabs.findIndex((t) => t.id === current);
    const last = tabs.length - 1;
    const next =
      ev.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : ev.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : ev.key === 'Home'
            ? 0
            : ev.key === 'End'
              ? last
              : null;
    if (next === null) return;
    ev.preventDefault();
    const target = tabs[next];
    if (!target) return;
    onSelect(target.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(target.id))}`)?.focus();
  }

  return (
    <div className="tabs">
      <div
        ref={list}
        className="tabs__list"
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
      >
        {tabs.map((t) => {
          const active = t.id === current;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={tabId(t.id)}
              className={active ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
              aria-selected={active}
              aria-controls={active ? panelId : undefined}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(t.id)}
            >
              {t.label}
              {t.badge !== undefined ? <span className="tabs__badge">{t.badge}</span> : null}
            </button>
          );
        })}
      </div>
      <div
        className="tabs__panel"
        role="tabpanel"
        id={panelId}
        aria-labelledby={current ? tabId(current) : undefined}
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}
