/** The grants table used on the grants list, a funder's page and a project's page: sortable, with totals. */
import { useMemo, useState } from 'react';
import type { GrantSummary } from '../../../../src-shared/api/contract';
import { sumOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { StatusBadge } from './StatusBadge';

type SortKey =
  'title' | 'projectName' | 'funderName' | 'status' | 'appliedOre' | 'awardedOre' | 'receivedOre';

const sum = (rows: readonly GrantSummary[], key: 'appliedOre' | 'awardedOre' | 'receivedOre') =>
  sumOre(rows.map((r) => r[key] ?? 0));

export function GrantTable({ rows, label }: { rows: readonly GrantSummary[]; label: string }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'title', dir: 1 });
  const sorted = useMemo(() => {
    const copy = [...rows];
    copy.sort((a, b) => {
      const x = a[sort.key] ?? -1;
      const y = b[sort.key] ?? -1;
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), 'nb');
      return c * sort.dir;
    });
    return copy;
  }, [rows, sort]);

  const header = (key: SortKey, text: string, num = false) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={num ? 'num' : undefined}
        aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="th-sort"
          onClick={() => setSort({ key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}
        >
          {text}
          <span aria-hidden="true">{active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
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
        {sorted.map((g) => (
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
            {t('common.total')} ({rows.length})
          </td>
          <td className="num">{kr(sum(rows, 'appliedOre'))}</td>
          <td className="num">{kr(sum(rows, 'awardedOre'))}</td>
          <td className="num">{kr(sum(rows, 'receivedOre'))}</td>
        </tr>
      </tfoot>
    </table>
  );
}
