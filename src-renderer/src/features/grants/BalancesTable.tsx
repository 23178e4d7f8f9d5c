import type { Grant } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { kr } from '../../lib/money-input';
import { EmptyState } from '../../ui/layout';

type Row = Grant['balances'][number];

const COLUMNS: [keyof Omit<Row, 'year'>, MessageKey][] = [
  ['openingOre', 'balance.opening'],
  ['receivedOre', 'balance.received'],
  ['transferInOre', 'balance.transferIn'],
  ['adminShareOre', 'balance.adminShare'],
  ['paidToCentresOre', 'balance.paidToCentres'],
  ['ownCostsOre', 'balance.ownCosts'],
  ['returnedOre', 'balance.returned'],
  ['repaidOre', 'balance.repaid'],
  ['transferOutOre', 'balance.transferOut'],
  ['closingOre', 'balance.closing'],
];

/** The year-by-year balance (invariant 2 of docs/DOMAIN.md): every figure is a sum of movements. */
export function BalancesTable({ rows }: { rows: readonly Row[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <EmptyState>{t('grants.noBalances')}</EmptyState>;
  // Years as columns, balance lines as rows: reads like the funder report and stays narrow.
  return (
    <div className="table-scroll">
      <table className="table table--balances" aria-label={t('grants.balances')}>
        <thead>
          <tr>
            <th scope="col">{t('common.year')}</th>
            {rows.map((r) => (
              <th scope="col" className="num" key={r.year}>
                {r.year}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {COLUMNS.map(([key, label]) => (
            <tr
              key={key}
              className={key === 'closingOre' || key === 'openingOre' ? 'strong' : undefined}
            >
              <th scope="row">{t(label)}</th>
              {rows.map((r) => (
                <td className="num" key={r.year}>
                  {kr(r[key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
