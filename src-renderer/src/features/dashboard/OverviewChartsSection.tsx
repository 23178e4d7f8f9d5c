/**
 * The overview for a chosen year (kept in the URL: '#/?year=2024'): headline figures and four
 * charts from `dashboard.charts`, each with a real table as its alternative and bars that open
 * the list behind them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { MoneyBars } from './OverviewCharts';
import type { DashboardCharts } from '../../../../src-shared/api/contract';
import { formatOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { navigate, queryOf, useRoute } from '../../lib/router';
import { useApi } from '../../lib/query';
import { SelectField } from '../../ui/fields';
import { ErrorBox, Loading } from '../../ui/layout';

type Bars = typeof MoneyBars;
const kr = (ore: number) => formatOre(ore, { decimals: 'never' });

/** recharts is fetched when the page first renders, alongside the data, not after it. */
function useBars(): Bars | null {
  const [bars, setBars] = useState<{ C: Bars } | null>(null);
  useEffect(() => {
    let live = true;
    void import('./OverviewCharts').then((m) => {
      if (live) setBars({ C: m.default });
    });
    return () => {
      live = false;
    };
  }, []);
  return bars?.C ?? null;
}

export function OverviewChartsSection({ today }: { today: string }) {
  const { t } = useI18n();
  const path = useRoute();
  const thisYear = Number(today.slice(0, 4));
  const asked = Number(queryOf(path).get('year'));
  const year = Number.isInteger(asked) && asked >= 1900 && asked < 2200 ? asked : thisYear;
  const Bars = useBars();
  const { data, error } = useApi('dashboard.charts', { year });
  const years = Array.from({ length: thisYear - 2014 + 2 }, (_, i) => String(thisYear + 1 - i));
  if (!years.includes(String(year))) years.push(String(year));
  return (
    <section className="subsection overview" aria-labelledby="figures-heading">
      <div className="overview__head">
        <h2 id="figures-heading">{t('dash.figures', { year })}</h2>
        <div className="overview__year">
          <SelectField
            name="overviewYear"
            label={t('dash.year')}
            value={String(year)}
            onChange={(v) => navigate(`/?year=${v}`)}
            options={years.map((y) => ({ value: y, label: y }))}
          />
        </div>
      </div>
      {error ? <ErrorBox message={error} /> : null}
      {!data ? <Loading text={t('common.loading')} /> : <Figures data={data} Bars={Bars} />}
    </section>
  );
}

function Figures({ data, Bars }: { data: DashboardCharts; Bars: Bars | null }) {
  const { t } = useI18n();
  const h = data.headline;
  const cards: [string, number][] = [
    [t('dash.awarded'), h.awardedOre],
    [t('dash.passedOn'), h.passedOnOre],
    [t('dash.adminShare'), h.adminShareOre],
    [t('dash.openBalance'), h.openBalanceOre],
  ];
  return (
    <>
      <div className="cards cards--figures">
        {cards.map(([label, ore]) => (
          <div className="card" key={label}>
            <div className="card__label">{label}</div>
            <div className="card__value card__value--money">{kr(ore)}</div>
          </div>
        ))}
      </div>
      <div className="overview__charts">
        <AwardedChart data={data} Bars={Bars} />
        <AdminChart data={data} Bars={Bars} />
        <RegionChart data={data} Bars={Bars} />
        <PipelineChart data={data} Bars={Bars} />
      </div>
    </>
  );
}

function ChartCard(props: {
  id: string;
  title: string;
  chart: ReactNode;
  head: string[];
  body: (string | number)[][];
  foot?: (string | number)[];
}) {
  const { t } = useI18n();
  return (
    <section className="chart-card" aria-labelledby={props.id} data-chart={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      <div className="chart">{props.chart}</div>
      <details className="chart-table">
        <summary>{t('dash.asTable')}</summary>
        <div className="table-scroll">
          <table className="table" aria-labelledby={props.id}>
            <thead>
              <tr>
                {props.head.map((c, i) => (
                  <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.body.map((row) => (
                <tr key={String(row[0])}>
                  {row.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={i} className="num">
                        {c}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
            {props.foot ? (
              <tfoot>
                <tr>
                  {props.foot.map((c, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={i} className="num">
                        {c}
                      </td>
                    ),
                  )}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      </details>
    </section>
  );
}

function AwardedChart({ data, Bars }: { data: DashboardCharts; Bars: Bars | null }) {
  const { t } = useI18n();
  const funders = [...new Map(data.awardedByFunder.map((a) => [a.funderId, a.funderName]))];
  const amount = (funderId: number, year: number) =>
    data.awardedByFunder.find((a) => a.funderId === funderId && a.year === year)?.amountOre ?? 0;
  const total = (year: number) =>
    data.awardedByFunder.filter((a) => a.year === year).reduce((s, a) => s + a.amountOre, 0);
  return (
    <ChartCard
      id="chart-awarded"
      title={t('dash.awardedChart', { from: data.years[0]!, to: data.year })}
      chart={
        funders.length === 0 ? (
          <p className="hint">{t('dash.noAwards')}</p>
        ) : Bars ? (
          <Bars
            stacked
            height={340}
            rows={data.years.map((y) => ({
              label: String(y),
              values: Object.fromEntries(funders.map(([id]) => [`f${id}`, amount(id, y)])),
            }))}
            series={funders.map(([id, name]) => ({ key: `f${id}`, name }))}
            onBarClick={(_row, key) => navigate(`/funders/${key.slice(1)}`)}
          />
        ) : (
          <Loading text={t('common.loading')} />
        )
      }
      head={[t('dash.funder'), ...data.years.map(String)]}
      body={funders.map(([id, name]) => [name, ...data.years.map((y) => kr(amount(id, y)))])}
      foot={[t('dash.total'), ...data.years.map((y) => kr(total(y)))]}
    />
  );
}

function AdminChart({ data, Bars }: { data: DashboardCharts; Bars: Bars | null }) {
  const { t } = useI18n();
  const rows = data.adminShareByYear;
  return (
    <ChartCard
      id="chart-admin"
      title={t('dash.adminChart')}
      chart={
        Bars ? (
          <Bars
            rows={rows.map((r) => ({ label: String(r.year), values: { admin: r.amountOre } }))}
            series={[{ key: 'admin', name: t('dash.adminShare') }]}
            onBarClick={(i) => navigate(`/grants?year=${rows[i]!.year}`)}
          />
        ) : (
          <Loading text={t('common.loading')} />
        )
      }
      head={[t('dash.year'), t('dash.adminShare')]}
      body={rows.map((r) => [String(r.year), kr(r.amountOre)])}
    />
  );
}

function RegionChart({ data, Bars }: { data: DashboardCharts; Bars: Bars | null }) {
  const { t } = useI18n();
  const rows = data.paidByRegion;
  return (
    <ChartCard
      id="chart-region"
      title={t('dash.regionChart', { year: data.year })}
      chart={
        Bars ? (
          <Bars
            rows={rows.map((r) => ({ label: r.label, values: { paid: r.amountOre } }))}
            series={[{ key: 'paid', name: t('dash.passedOn') }]}
            onBarClick={(i) => navigate(`/centres?region=${rows[i]!.region}`)}
          />
        ) : (
          <Loading text={t('common.loading')} />
        )
      }
      head={[t('dash.region'), t('dash.amount')]}
      body={rows.map((r) => [r.label, kr(r.amountOre)])}
      foot={[t('dash.total'), kr(rows.reduce((s, r) => s + r.amountOre, 0))]}
    />
  );
}

function PipelineChart({ data, Bars }: { data: DashboardCharts; Bars: Bars | null }) {
  const { t } = useI18n();
  const rows = data.pipelineByStatus;
  return (
    <ChartCard
      id="chart-pipeline"
      title={t('dash.pipelineChart')}
      chart={
        rows.every((r) => r.count === 0) ? (
          <p className="hint">{t('dash.noPipeline')}</p>
        ) : Bars ? (
          <Bars
            rows={rows.map((r) => ({ label: r.label, values: { applied: r.amountOre } }))}
            series={[{ key: 'applied', name: t('dash.amount') }]}
            onBarClick={(i) => navigate(`/grants?status=${rows[i]!.status}`)}
          />
        ) : (
          <Loading text={t('common.loading')} />
        )
      }
      head={[t('dash.status'), t('dash.count'), t('dash.amount')]}
      body={rows.map((r) => [r.label, r.count, kr(r.amountOre)])}
    />
  );
}
