import { OverviewChartsSection } from './OverviewChartsSection';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';

export function HomePage() {
  const { t } = useI18n();
  const { data, error } = useApi('dashboard.summary', {});
  if (error) return <ErrorBox message={error} />;
  if (!data) return <Loading text={t('common.loading')} />;
  return (
    <section>
      <PageHeader title={t('home.heading')} />
      <div className="cards">
        <div className="card">
          <div className="card__label">{t('home.members')}</div>
          <div className="card__value">{data.membersToday}</div>
          <Link to="/centres">{t('home.goCentres')}</Link>
        </div>
        <div className="card">
          <div className="card__label">{t('home.overdue')}</div>
          <div className={`card__value${data.overdueReports > 0 ? ' over' : ''}`}>
            {data.overdueReports}
          </div>
          <Link to="/reports/overdue">{t('nav.overdue')}</Link>
        </div>
      </div>
      <section className="subsection" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('home.upcoming')}</h2>
        {data.upcoming.length === 0 ? (
          <EmptyState>{t('home.noUpcoming')}</EmptyState>
        ) : (
          <table className="table" aria-label={t('home.upcoming')}>
            <tbody>
              {data.upcoming.map((u) => (
                <tr key={`${u.kind}-${u.link}-${u.date}-${u.title}`}>
                  <td>{formatIsoDate(u.date)}</td>
                  <td>
                    <Link to={u.link}>{u.title}</Link>
                  </td>
                  <td>{u.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <OverviewChartsSection today={data.today} />
    </section>
  );
}
