import { lazy, Suspense } from 'react';
import type { Dashboard } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';

// recharts is a chunk of its own, fetched only when the chart is shown.
const MoneyBarChart = lazy(() => import('./MoneyBarChart'));

export function HomePage() {
  const { t } = useI18n();
  const { data, error } = useLoad('dashboard.summary', {}, []);
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
      <MoneyChart rows={data.perYear} />
    </section>
  );
}

function MoneyChart({ rows }: { rows: Dashboard['perYear'] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="hint">{t('home.intro')}</p>;
  const data = rows.map((r) => ({
    year: String(r.year),
    awarded: r.awardedOre / 100,
    received: r.receivedOre / 100,
    paid: r.paidToCentresOre / 100,
  }));
  return (
    <section className="subsection" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t('home.chart')}</h2>
      <div className="chart" role="img" aria-label={t('home.chart')}>
        <Suspense fallback={<Loading text={t('common.loading')} />}>
          <MoneyBarChart
            data={data}
            labels={{
              awarded: t('grants.awarded'),
              received: t('grants.received'),
              paid: t('balance.paidToCentres'),
            }}
          />
        </Suspense>
      </div>
    </section>
  );
}
