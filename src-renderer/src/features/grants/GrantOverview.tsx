/**
 * The grant page's «Oversikt» tab: the facts, the key numbers (Til fordeling), the status
 * buttons, the warnings that change the year's figures, and the balance per year.
 */
import { formatEurCents } from '../../../../src-shared/kernel/euro';
import type { Grant } from '../../../../src-shared/api/contract';
import { formatBasisPoints } from '../../../../src-shared/kernel/percent';
import { sumOre } from '../../../../src-shared/kernel/money';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { Button } from '../../ui/layout';
import { BalancesTable } from './BalancesTable';
import { GrantStatusPanel } from './GrantStatusPanel';
import { StatusBadge } from './StatusBadge';

const period = (from: string | null, to: string | null) =>
  from || to ? `${from ? formatIsoDate(from) : ''} – ${to ? formatIsoDate(to) : ''}` : '—';

export function GrantOverview({
  grant: g,
  onChange,
  onTab,
}: {
  grant: Grant;
  onChange(g: Grant): void;
  /** Opens another tab (the warnings link to where they are resolved). */
  onTab(tab: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <YearWarnings grant={g} onTab={onTab} />
      <div className="grant-overview">
        <GrantFacts grant={g} />
        {g.carriesMoney ? <KeyNumbers grant={g} /> : null}
      </div>
      <GrantStatusPanel grant={g} onChange={onChange} />
      {g.carriesMoney ? (
        <section className="subsection" aria-labelledby="balances-heading">
          <h2 id="balances-heading">{t('grants.balances')}</h2>
          <BalancesTable rows={g.balances} />
        </section>
      ) : null}
    </>
  );
}

function GrantFacts({ grant: g }: { grant: Grant }) {
  const { t } = useI18n();
  const adminRuleText =
    g.adminRule === 'percent' && g.adminBasisPoints !== null
      ? formatBasisPoints(g.adminBasisPoints)
      : g.adminRule === 'fixed'
        ? kr(g.adminFixedOre)
        : t('adminRule.none');
  return (
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
    <div className="numbers grant-numbers" role="group" aria-label={t('grants.available')}>
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

/**
 * What changes the figures of a year and needs the user: a year split that is still the
 * app's suggestion, or one that no longer adds up to the award. Shown on «Oversikt» so it is
 * seen whichever tab the work happens in.
 */
function YearWarnings({ grant: g, onTab }: { grant: Grant; onTab(tab: string): void }) {
  const { t } = useI18n();
  if (!g.carriesMoney || g.awardedOre === null) return null;
  const splitSum = sumOre(g.yearSplits.map((s) => s.amountOre));
  const unconfirmed = !g.yearSplitConfirmed;
  const mismatch = g.yearSplits.length > 0 && splitSum !== g.awardedOre;
  if (!unconfirmed && !mismatch) return null;
  return (
    <div
      className="notice grant-warnings"
      role="status"
      aria-label={t('grantPage.yearWarnings')}
      data-testid="grant-year-warnings"
    >
      <ul>
        {unconfirmed ? <li>{t('split.unconfirmed')}</li> : null}
        {mismatch ? (
          <li>{t('grantPage.splitMismatch', { sum: kr(splitSum), awarded: kr(g.awardedOre) })}</li>
        ) : null}
      </ul>
      <Button onClick={() => onTab('fordeling')}>{t('grantPage.goToSplit')}</Button>
    </div>
  );
}
