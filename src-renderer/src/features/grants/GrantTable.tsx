/**
 * The grants table used on the grants list, a funder's page and a project's page, with a
 * totals row. On a funder's or project's page (a few grants) it sorts the rows itself; on the
 * grants list the server sorts and pages, so the table only shows the order and asks for
 * another one (`order`), and the totals row shows the server's sums over every page.
 */
import { useMemo, useState } from 'react';
import type { GrantSummary } from '../../../../src-shared/api/contract';
import { sumOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { StatusBadge } from './StatusBadge';

export type GrantColumn =
  'title' | 'projectName' | 'funderName' | 'status' | 'appliedOre' | 'awardedOre' | 'receivedOre';
export type SortDir = 'asc' | 'desc';
type Money = 'appliedOre' | 'awardedOre' | 'receivedOre';

/** The server's order and sums (the grants list): the table does not sort the rows itself. */
export interface ServerOrder {
  /** The column sorted by, or null when the list is in its default order (newest year first). */
  key: GrantColumn | null;
  dir: SortDir;
  onSort(key: GrantColumn): void;
  /** Matching grants over every page, and the sums over them. */
  count: number;
  totals: Record<Money, number>;
}

const sum = (rows: readonly GrantSummary[], key: Money) => sumOre(rows.map((r) => r[key] ?? 0));

function useLocalOrder(rows: readonly GrantSummary[]) {
  const [sort, setSort] = useState<{ key: GrantColumn; dir: SortDir }>({
    key: 'title',
    dir: 'asc',
  });
  const sorted = useMemo(() => {
    const copy = [...rows];
    copy.sort((a, b) => {
      const x = a[sort.key] ?? -1;
      const y = b[sort.key] ?? -1;
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), 'nb');
      return sort.dir === 'asc' ? c : -c;
    });
    return copy;
  }, [rows, sort]);
  const onSort = (key: GrantColumn) =>
    setSort({ key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' });
  return { sorted, sort, onSort };
}

export function GrantTable({
  rows,
  label,
  order,
}: {
  rows: readonly GrantSummary[];
  label: string;
  order?: ServerOrder;
}) {
  const { t } = useI18n();
  const local = useLocalOrder(rows);
  const shown = order ? rows : local.sorted;
  const active = order ? { key: order.key, dir: order.dir } : local.sort;
  const onSort = order ? order.onSort : local.onSort;
  const total = (key: Money) => (order ? order.totals[key] : sum(rows, key));

  const header = (key: GrantColumn, text: string, num = false) => {
    const on = active.key === key;
    return (
      <th
        scope="col"
        className={num ? 'num' : undefined}
        aria-sort={on ? (active.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="th-sort" onClick={() => onSort(key)}>
          {text}
          <span aria-hidden="true">{on ? (active.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          {header('title', t('grants.title'))}
          {header('projectName', t('grants.project'))}
          {header('funderName', t('grants.funder'))}
          {header('status', t('common.status'))}
          {header('appliedOre', t('grants.applied'), true)}
          {header('awardedOre', t('grants.awarded'), true)}
          {header('receivedOre', t('grants.received'), true)}
        </tr>
      </thead>
      <tbody>
        {shown.map((g) => (
          <tr key={g.id}>
            <td>
              <Link to={`/grants/${g.id}`}>{g.title}</Link>
            </td>
            <td>{g.projectName}</td>
            <td>{g.funderName}</td>
            <td>
              <StatusBadge status={g.status} />
            </td>
            <td className="num">{kr(g.appliedOre)}</td>
            <td className="num">{kr(g.awardedOre)}</td>
            <td className="num">{kr(g.receivedOre)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>
            {t('common.total')} ({order ? order.count : rows.length})
          </td>
          <td className="num">{kr(total('appliedOre'))}</td>
          <td className="num">{kr(total('awardedOre'))}</td>
          <td className="num">{kr(total('receivedOre'))}</td>
        </tr>
      </tfoot>
    </table>
  );
}
