import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Dashboard } from '../../../../src-shared/api/contract';
import { formatOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/query';
import { EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';

// The chart works in kroner; øre are converted here, at its edge, and nowhere else.
const krTick = (kroner: number) => formatOre(Math.round(kroner * 100), { decimals: 'never' });

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
      <MoneyChart rows={data.perYear} />
    </section>
  );
}

function MoneyChart({ rows }: { rows: Dashboard['perYear'] }) {
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
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" />
            <YAxis width={120} tickFormatter={krTick} />
            <Tooltip formatter={(value) => krTick(Number(value))} />
            <Legend />
            <Bar dataKey="awarded" name={t('grants.awarded')} fill="#1f5f8b" />
            <Bar dataKey="received" name={t('grants.received')} fill="#7fb6de" />
            <Bar dataKey="paid" name={t('balance.paidToCentres')} fill="#c27c0e" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
