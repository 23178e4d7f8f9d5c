/**
 * The frame of every list page: heading and actions, the filters (a search landmark), the
 * table, and an empty state that tells «nothing registered yet» apart from «no matches for
 * this filter». Filters and sort live in the address through `useUrlState` (lib/url-state.ts);
 * `urlSort` connects that state to a SortableTable.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { UrlValues } from '../lib/url-state';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from './layout';
import { sortDirOf, type SortState } from './sort';
import './ui.css';

export function ListPage({
  title,
  actions,
  intro,
  filters,
  filtered = false,
  onClearFilters,
  error,
  count,
  emptyText,
  emptyAction,
  summary,
  footer,
  children,
}: {
  title: string;
  actions?: ReactNode;
  intro?: ReactNode;
  /** The filter fields; shown in a role=search area. */
  filters?: ReactNode;
  /** True when a filter or search is set (an empty list then means «no matches»). */
  filtered?: boolean;
  onClearFilters?: () => void;
  error?: string | null;
  /** Rows found; undefined while loading. */
  count: number | undefined;
  /** «Ingen … ennå»: what an empty register says. */
  emptyText: string;
  /** What to do about an empty register (e.g. «Nytt medlemssenter»). */
  emptyAction?: ReactNode;
  /** Shown between the filters and the table once loaded (totals per status …). */
  summary?: ReactNode;
  /** Shown under the table once loaded, also when the list is empty (hints, dialogs). */
  footer?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="list-page">
      <PageHeader title={title} actions={actions} />
      {intro}
      {filters ? (
        <div className="filters" role="search" aria-label={t('ui.filters')}>
          {filters}
        </div>
      ) : null}
      <ErrorBox message={error ?? null} />
      {count === undefined && !error ? <Loading text={t('common.loading')} /> : null}
      {count !== undefined ? summary : null}
      {count === 0 ? (
        <EmptyState>
          {filtered ? (
            <>
              <p>{t('ui.noMatches')}</p>
              {onClearFilters ? (
                <Button onClick={onClearFilters}>{t('ui.clearFilters')}</Button>
              ) : null}
            </>
          ) : (
            <>
              <p>{emptyText}</p>
              {emptyAction}
            </>
          )}
        </EmptyState>
      ) : null}
      {count !== undefined && count > 0 ? children : null}
      {count !== undefined ? footer : null}
    </section>
  );
}

/**
 * A SortableTable's sort kept in the address: `{...urlSort(f, update)}` with `sort` and `dir`
 * among the useUrlState keys. An empty `sort` is the service's own order.
 */
export function urlSort<K extends string>(
  f: UrlValues<K | 'sort' | 'dir'>,
  update: (patch: Partial<UrlValues<K | 'sort' | 'dir'>>) => void,
): { sort: SortState | null; onSort(s: SortState): void } {
  return {
    sort: f.sort ? { key: f.sort, dir: sortDirOf(f.dir) } : null,
    onSort: (s) => update({ sort: s.key, dir: s.dir } as Partial<UrlValues<K | 'sort' | 'dir'>>),
  };
}
