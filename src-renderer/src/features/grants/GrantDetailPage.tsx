import { formatEurCents } from '../../../../src-shared/kernel/euro';
import type { Grant } from '../../../../src-shared/api/contract';
import { formatBasisPoints } from '../../../../src-shared/kernel/percent';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/query';
import { Button, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { GrantRoundsSection } from '../allocations/GrantRoundsSection';
import { BalancesTable } from './BalancesTable';
import { DeadlinesSection } from './DeadlinesSection';
import { GrantStatusPanel } from './GrantStatusPanel';
import { MovementsSection } from './MovementsSection';
import { StatusBadge } from './StatusBadge';
import { YearSplitSection } from './YearSplitSection';
import { AwardHistorySection } from './AwardHistorySection';
import { HistoryPanel } from '../safety/HistoryPanel';
import { ApplicationSection } from '../applications/ApplicationSection';
import { NotesAndDocumentsSection } from '../documents/NotesAndDocumentsSection';
import { NotFound } from '../../ui/not-found';

const period = (from: string | null, to: string | null) =>
  from || to ? `${from ? formatIsoDate(from) : ''} – ${to ? formatIsoDate(to) : ''}` : '—';

export function GrantDetailPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { data: g, error, notFound, setData } = useApi('grants.get', { id });
  if (notFound) return <NotFound back="/grants" />;
  if (error) return <ErrorBox message={error} />;
  if (!g) return <Loading text={t('common.loading')} />;
  const adminRuleText =
    g.adminRule === 'percent' && g.adminBasisPoints !== null
      ? formatBasisPoints(g.adminBasisPoints)
      : g.adminRule === 'fixed'
        ? kr(g.adminFixedOre)
        : t('adminRule.none');
  return (
    <section>
      <PageHeader
        title={g.title}
        actions={
          <>
            <Button onClick={() => navigate('/grants')}>{t('common.back')}</Button>
            <Button variant="primary" onClick={() => navigate(`/grants/${id}/edit`)}>
              {t('common.edit')}
            </Button>
          </>
        }
      />
      <dl className="details">
        <dt>{t('grants.project')}</dt>
        <dd>
          <Link to={`/projects/${g.projectId}`}>{g.projectName}</Link> ({t(`role.${g.kssRole}`)})
        </dd>
        <dt>{t('grants.funder')}</dt>
        <dd>
          <Link to={`/funders/${g.funderId}`}>{g.funderName}</Link>
          {g.schemeName ? ` – ${g.schemeName}` : ''}
        </dd>
        <dt>{t('common.status')}</dt>
        <dd>
          <StatusBadge status={g.status} />
        </dd>
        <dt>{t('grants.reference')}</dt>
        <dd>{g.reference ?? '—'}</dd>
        {g.carriesMoney ? (
          <>
            <dt>{t('grants.applied')}</dt>
            <dd>
              {kr(g.appliedOre)}
              {g.appliedDate ? ` (${formatIsoDate(g.appliedDate)})` : ''}
            </dd>
            <dt>{t('grants.awarded')}</dt>
            <dd>
              {kr(g.awardedOre)}
              {g.awardedEurCents !== null ? ` / ${formatEurCents(g.awardedEurCents)}` : ''}
              {g.decisionDate ? ` (${formatIsoDate(g.decisionDate)})` : ''}
            </dd>
            {g.kssRole === 'partner' ? (
              <>
                <dt>{t('grants.kssShare')}</dt>
                <dd>{kr(g.kssShareOre)}</dd>
              </>
            ) : null}
            <dt>{t('grants.adminRule')}</dt>
            <dd>{adminRuleText}</dd>
          </>
        ) : (
          <>
            <dt>{t('grants.awarded')}</dt>
            <dd className="hint">{t('grants.noMoney')}</dd>
          </>
        )}
        <dt>{t('grants.period')}</dt>
        <dd>{period(g.periodFrom, g.periodTo)}</dd>
        <dt>{t('grants.activity')}</dt>
        <dd>{period(g.activityFrom, g.activityTo)}</dd>
        {g.notes ? (
          <>
            <dt>{t('common.notes')}</dt>
            <dd className="pre">{g.notes}</dd>
          </>
        ) : null}
      </dl>
      {g.carriesMoney ? <KeyNumbers grant={g} /> : null}
      <ApplicationSection grantId={g.id} />
      <GrantStatusPanel grant={g} onChange={setData} />
      {g.carriesMoney && g.awardedOre !== null ? (
        <>
          <AwardHistorySection grant={g} onChange={setData} />
          <YearSplitSection
            key={g.yearSplits.map((s) => `${s.year}:${s.amountOre}`).join(',')}
            grant={g}
            onChange={setData}
          />
        </>
      ) : null}
      {g.carriesMoney && g.kssRole === 'forvalter' && g.awardedOre !== null ? (
        <GrantRoundsSection grant={g} />
      ) : null}
      <DeadlinesSection grant={g} onChange={setData} />
      {g.carriesMoney ? (
        <>
          <section className="subsection">
            <h2>{t('grants.balances')}</h2>
            <BalancesTable rows={g.balances} />
          </section>
          <MovementsSection grant={g} />
        </>
      ) : null}
      <NotesAndDocumentsSection owner={{ grantId: g.id }} />
      <HistoryPanel entity="grant" entityId={g.id} />
    </section>
  );
}

function KeyNumbers({ grant: g }: { grant: Grant }) {
  const { t } = useI18n();
  const items: [string, number | null, string?][] = [
    [t('grants.awarded'), g.awardedOre],
    [t('grants.transfersIn'), g.transferInOre],
    [t('grants.adminShare'), g.adminShareOre],
    [t('grants.available'), g.availableOre, t('grants.availableHint')],
    [t('grants.received'), g.receivedOre],
  ];
  return (
    <div className="numbers" role="group" aria-label={t('grants.available')}>
      {items.map(([label, value, hint]) => (
        <div className="card" key={label} title={hint}>
          <div className="card__label">{label}</div>
          <div className="card__value" data-testid={`number-${label}`}>
            {kr(value)}
          </div>
          {hint ? <div className="hint">{hint}</div> : null}
        </div>
      ))}
    </div>
  );
}
