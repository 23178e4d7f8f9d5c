import type { Round } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/query';
import { Button, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { ApplicationsTable } from './ApplicationsTable';
import { DecisionSection } from './DecisionSection';
import { PayoutSection } from './PayoutSection';
import { ReportsSection } from './ReportsSection';
import { RoundForm } from './RoundForm';
import { NotFound } from '../../ui/not-found';

const period = (from: string | null, to: string | null) =>
  from || to ? `${from ? formatIsoDate(from) : ''} – ${to ? formatIsoDate(to) : ''}` : '—';

export function RoundPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: round, error, notFound, setData } = useApi('rounds.get', { id });
  if (notFound) return <NotFound back="/rounds" />;
  if (error) return <ErrorBox message={error} />;
  if (!round) return <Loading text={t('common.loading')} />;
  // Sections keep their own edit state; a new key after each save resets them to the saved data.
  const key = `${round.id}-${round.awardedTotalOre}-${round.paidTotalOre}-${round.allocations.length}-${round.appliedTotalOre}`;
  return (
    <section>
      <PageHeader
        title={round.name}
        actions={
          <>
            <Button onClick={() => navigate(`/grants/${round.grantId}`)}>{t('common.back')}</Button>
            <Button onClick={() => navigate(`/rounds/${round.id}/report`)}>
              {t('funderReport.open')}
            </Button>
          </>
        }
      />
      <dl className="details">
        <dt>{t('rounds.grant')}</dt>
        <dd>
          <Link to={`/grants/${round.grantId}`}>{round.grantTitle}</Link> ({round.funderName})
        </dd>
        <dt>{t('rounds.applicationDeadline')}</dt>
        <dd>{round.applicationDeadline ? formatIsoDate(round.applicationDeadline) : '—'}</dd>
        <dt>{t('grants.activity')}</dt>
        <dd>{period(round.activityFrom, round.activityTo)}</dd>
        <dt>{t('rounds.reportDeadline')}</dt>
        <dd>{round.reportDeadline ? formatIsoDate(round.reportDeadline) : '—'}</dd>
      </dl>
      <RoundNumbers round={round} />
      <ApplicationsTable key={`apps-${key}`} round={round} onChange={setData} />
      {round.allocations.length > 0 ? (
        <DecisionSection key={`decide-${key}`} round={round} onChange={setData} />
      ) : null}
      <PayoutSection key={`pay-${key}`} round={round} onChange={setData} />
      <ReportsSection round={round} onChange={setData} />
      <RegionTotals round={round} />
      <details className="subsection">
        <summary>{t('rounds.edit')}</summary>
        <RoundForm grantId={round.grantId} round={round} onDone={setData} />
      </details>
    </section>
  );
}

function RoundNumbers({ round: r }: { round: Round }) {
  const { t } = useI18n();
  const items: [string, number][] = [
    [t('rounds.pot'), r.potOre],
    [t('rounds.applied'), r.appliedTotalOre],
    [t('rounds.awarded'), r.awardedTotalOre],
    [t('rounds.paid'), r.paidTotalOre],
    [t('rounds.returned'), r.returnedTotalOre],
    [t('rounds.remaining'), r.remainingOre],
  ];
  return (
    <div className="numbers" role="group" aria-label={t('rounds.pot')}>
      {items.map(([label, value]) => (
        <div className="card" key={label}>
          <div className="card__label">{label}</div>
          <div className={`card__value${value < 0 ? ' over' : ''}`}>{kr(value)}</div>
        </div>
      ))}
    </div>
  );
}

function RegionTotals({ round }: { round: Round }) {
  const { t } = useI18n();
  if (round.regionTotals.length === 0) return null;
  return (
    <section className="subsection">
      <h2>{t('region.heading')}</h2>
      <table className="table" aria-label={t('region.heading')}>
        <thead>
          <tr>
            <th scope="col">{t('centres.region')}</th>
            <th scope="col" className="num">
              {t('rounds.centres')}
            </th>
            <th scope="col" className="num">
              {t('rounds.applied')}
            </th>
            <th scope="col" className="num">
              {t('rounds.awarded')}
            </th>
            <th scope="col" className="num">
              {t('rounds.paid')}
            </th>
          </tr>
        </thead>
        <tbody>
          {round.regionTotals.map((r) => (
            <tr key={r.region}>
              <td>{t(`region.${r.region}`)}</td>
              <td className="num">{r.centreCount}</td>
              <td className="num">{kr(r.appliedOre)}</td>
              <td className="num">{kr(r.awardedOre)}</td>
              <td className="num">{kr(r.paidOre)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
