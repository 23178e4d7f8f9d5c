import { useEffect, useState } from 'react';
import type MoneyBarChart from './MoneyBarChart';
import type { Dashboard } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';

type ChartComponent = typeof MoneyBarChart;

/**
 * recharts is a chunk of its own, fetched only on this page: the request starts when the page
 * first renders, alongside the dashboard call, not after it. A dynamic import in an effect
 * rather than React.lazy + Suspense: React 19 holds back revealing suspended content for
 * ~300 ms, which made the chart appear that much later than the rest of the page.
 */
function useChartComponent(): ChartComponent | null {
  const [chart, setChart] = useState<{ C: ChartComponent } | null>(null);
  useEffect(() => {
    let live = true;
    void import('./MoneyBarChart').then((m) => {
      if (live) setChart({ C: m.default });
    });
    return () => {
      live = false;
    };
  }, []);
  return chart?.C ?? null;
}

export function HomePage() {
  const { t } = useI18n();
  const Chart = useChartComponent();
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
      <MoneyChart rows={data.perYear} Chart={Chart} />
    </section>
  );
}

function MoneyChart({ rows, Chart }: { rows: Dashboard['perYear']; Chart: ChartComponent | null }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="hint">{t('home.intro')}</p>;
  const data = rows.map((r) => ({
    year: r.awardedUnconfirmedOre > 0 ? `${r.year} ${t('split.suggestion')}` : String(r.year),
    awarded: r.awardedOre / 100,
    received: r.receivedOre / 100,
    paid: r.paidToCentresOre / 100,
  }));
  return (
    <section className="subsection" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t('home.chart')}</h2>
      <div className="chart" role="img" aria-label={t('home.chart')}>
        {Chart ? (
          <Chart
            data={data}
            labels={{
              awarded: t('grants.awarded'),
              received: t('grants.received'),
              paid: t('balance.paidToCentres'),
            }}
          />
        ) : (
          <Loading text={t('common.loading')} />
        )}
      </div>
    </section>
  );
}
