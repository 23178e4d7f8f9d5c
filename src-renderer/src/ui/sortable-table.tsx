/**
 * The one table for lists: every column sortable by a click or Enter on its header (aria-sort
 * says how), money right-aligned with a totals row, dates in Norwegian format, statuses by
 * life-cycle order (ui/sort.ts). A wide table scrolls inside its own box with the first
 * column kept in view, never the page.
 *
 * The sort state is the caller's when `sort` is given (a list keeps it in the address with
 * useUrlState), else the table's own; `serverSorted` leaves the row order as it came.
 */
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { sumOre } from '../../../src-shared/kernel/money';
import { useI18n } from '../i18n/i18n';
import { formatIsoDate } from '../lib/format';
import { kr } from '../lib/money-input';
import { sortRows, type ColumnKind, type SortState, type SortValue } from './sort';
import './ui.css';

export interface Column<R> {
  key: string;
  label: string;
  /** How the column sorts and is shown; 'text' when left out. */
  kind?: ColumnKind;
  /** The value it sorts by (øre for money, ISO for dates, the code for a status). */
  value(row: R): SortValue;
  /** What the cell shows; by default the value, formatted by kind. */
  cell?(row: R): ReactNode;
  /** The life-cycle order of a status column (GRANT_STATUSES, REPORT_STATUSES …). */
  order?: readonly string[];
  /** false for a column of buttons. */
  sortable?: boolean;
  /** Sum this column in the totals row (money columns do unless false). */
  total?: boolean;
  /** A header only screen readers read (a column of actions). */
  hideLabel?: boolean;
  className?: string;
}

const isNumeric = (kind: ColumnKind | undefined) => kind === 'money' || kind === 'number';

function defaultCell<R>(col: Column<R>, row: R): ReactNode {
  const v = col.value(row);
  if (v === null || v === undefined || v === '') {
    return col.kind === 'money' || col.kind === 'date' ? '—' : '';
  }
  if (col.kind === 'money') return kr(Number(v));
  if (col.kind === 'date') return formatIsoDate(String(v));
  return String(v);
}

function HeaderCell<R>({
  col,
  sort,
  onSort,
}: {
  col: Column<R>;
  sort: SortState | null;
  onSort(s: SortState): void;
}) {
  const { t } = useI18n();
  const cls = [isNumeric(col.kind) ? 'num' : '', col.className ?? ''].join(' ').trim();
  if (col.hideLabel || col.sortable === false) {
    return (
      <th scope="col" className={cls || undefined}>
        {col.hideLabel ? <span className="sr-only">{col.label}</span> : col.label}
      </th>
    );
  }
  const active = sort?.key === col.key;
  const dir = active ? sort.dir : null;
  return (
    <th
      scope="col"
      className={cls || undefined}
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
    >
      <button
        type="button"
        className={`sort-button${active ? ' sort-button--active' : ''}`}
        title={t('ui.sortBy', { label: col.label.toLocaleLowerCase('nb-NO') })}
        onClick={() => onSort({ key: col.key, dir: active && dir === 'asc' ? 'desc' : 'asc' })}
      >
        {col.label}
        <span className="sort-button__arrow" aria-hidden="true">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

function TotalsRow<R>({ columns, rows }: { columns: readonly Column<R>[]; rows: readonly R[] }) {
  const { t } = useI18n();
  return (
    <tfoot>
      <tr className="table__totals">
        {columns.map((col, i) => {
          const summed = col.kind === 'money' && col.total !== false;
          if (!summed) return <td key={col.key}>{i === 0 ? t('common.total') : ''}</td>;
          const values = rows.map((r) => col.value(r)).filter((v) => typeof v === 'number');
          return (
            <td key={col.key} className="num">
              {kr(sumOre(values))}
            </td>
          );
        })}
      </tr>
    </tfoot>
  );
}

export function SortableTable<R>({
  rows,
  columns,
  rowKey,
  label,
  sort: controlled,
  onSort,
  defaultSort = null,
  serverSorted = false,
  totals = true,
  stickyFirst = true,
  rowProps,
  className,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string | number;
  /** The table's accessible name. */
  label: string;
  sort?: SortState | null;
  onSort?(s: SortState): void;
  defaultSort?: SortState | null;
  serverSorted?: boolean;
  totals?: boolean;
  stickyFirst?: boolean;
  rowProps?(row: R): HTMLAttributes<HTMLTableRowElement>;
  className?: string;
}) {
  const [own, setOwn] = useState<SortState | null>(defaultSort);
  const sort = controlled !== undefined ? controlled : own;
  const setSort = (s: SortState) => (onSort ? onSort(s) : setOwn(s));
  const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
  const shown =
    col && sort && !serverSorted
      ? sortRows(rows, { kind: col.kind ?? 'text', value: col.value, order: col.order }, sort.dir)
      : rows;
  const hasTotals =
    totals && rows.length > 1 && columns.some((c) => c.kind === 'money' && c.total !== false);
  const tableClass = ['table', stickyFirst ? 'table--sticky-first' : '', className ?? '']
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (
    <div className="table-scroll table-scroll--sticky sortable-scroll">
      <table className={tableClass} aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <HeaderCell key={c.key} col={c} sort={sort} onSort={setSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => {
                const cls = [isNumeric(c.kind) ? 'num' : '', c.className ?? ''].join(' ').trim();
                return (
                  <td key={c.key} className={cls || undefined}>
                    {c.cell ? c.cell(row) : defaultCell(c, row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {hasTotals ? <TotalsRow columns={columns} rows={rows} /> : null}
      </table>
    </div>
  );
}
