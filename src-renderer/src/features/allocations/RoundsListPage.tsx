import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import type { RoundSummary } from '../../../../src-shared/api/contract';

export function RoundsTable({ rows }: { rows: readonly RoundSummary[] }) {
  const { t } = useI18n();
  return (
    <table className="table" aria-label={t('rounds.heading')}>
      <thead>
        <tr>
          <th scope="col">{t('rounds.name')}</th>
          <th scope="col">{t('rounds.grant')}</th>
          <th scope="col">{t('rounds.applicationDeadline')}</th>
          <th scope="col" className="num">
            {t('rounds.centres')}
          </th>
          <th scope="col" className="num">
            {t('rounds.pot')}
          </th>
          <th scope="col" className="num">
            {t('rounds.awarded')}
          </th>
          <th scope="col" className="num">
            {t('rounds.paid')}
          </th>
          <th scope="col" className="num">
            {t('rounds.remaining')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/rounds/${r.id}`}>{r.name}</Link>
            </td>
            <td>
              <Link to={`/grants/${r.grantId}`}>{r.grantTitle}</Link>
            </td>
            <td>{r.applicationDeadline ? formatIsoDate(r.applicationDeadline) : '—'}</td>
            <td className="num">{r.centreCount}</td>
            <td className="num">{kr(r.potOre)}</td>
            <td className="num">{kr(r.awardedTotalOre)}</td>
            <td className="num">{kr(r.paidTotalOre)}</td>
            <td className="num">{kr(r.remainingOre)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RoundsListPage() {
  const { t } = useI18n();
  const { data, error } = useApi('rounds.list', {});
  return (
    <section>
      <PageHeader title={t('rounds.heading')} />
      <ErrorBox message={error} />
      {!data && !error ? <Loading text={t('common.loading')} /> : null}
      {data && data.length === 0 ? <EmptyState>{t('rounds.empty')}</EmptyState> : null}
      {data && data.length > 0 ? <RoundsTable rows={data} /> : null}
    </section>
  );
}
