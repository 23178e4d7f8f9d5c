/** On a centre's page: every award it has had, across grants and years. */
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { Badge, EmptyState } from '../../ui/layout';

export function CentreAllocations({ centreId }: { centreId: number }) {
  const { t } = useI18n();
  const { data } = useApi('allocations.byCentre', { centreId });
  return (
    <section className="subsection" aria-labelledby="centre-allocations-heading">
      <h2 id="centre-allocations-heading">{t('centreAllocations.heading')}</h2>
      {!data || data.length === 0 ? (
        <EmptyState>{t('centreAllocations.empty')}</EmptyState>
      ) : (
        <table className="table" aria-label={t('centreAllocations.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('rounds.name')}</th>
              <th scope="col" className="num">
                {t('rounds.applied')}
              </th>
              <th scope="col" className="num">
                {t('rounds.awarded')}
              </th>
              <th scope="col" className="num">
                {t('rounds.paid')}
              </th>
              <th scope="col">{t('report.due')}</th>
              <th scope="col">{t('report.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/rounds/${a.roundId}`}>{a.roundName}</Link>
                  <div className="hint">{a.grantTitle}</div>
                </td>
                <td className="num">{kr(a.appliedOre)}</td>
                <td className="num">{kr(a.awardedOre)}</td>
                <td className="num">{kr(a.paidOre)}</td>
                <td>{a.reportDueDate ? formatIsoDate(a.reportDueDate) : '—'}</td>
                <td>
                  <Badge tone={a.overdue ? 'warn' : 'muted'}>
                    {t(`reportStatus.${a.reportStatus}`)}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
