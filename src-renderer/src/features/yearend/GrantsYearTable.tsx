/**
 * The year-end table of grants with money in the year (issue 10.7): every column the
 * balance needs, so each row visibly sums — opening + received + transfers in − transfers
 * out − admin share − paid to centres + returns − own costs − repaid = closing. It scrolls
 * inside its own container with the grant column sticky, so it fits 1366 px.
 */
import type { YearEndGrant, YearEndOverview } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { Badge, Button } from '../../ui/layout';

type MoneyKey = keyof YearEndOverview['totals'];

/** The columns in the order of the sum, with the sign each enters it with. */
const COLUMNS: readonly { key: MoneyKey; label: MessageKey; sign: '' | '+' | '−' }[] = [
  { key: 'openingOre', label: 'balance.opening', sign: '' },
  { key: 'receivedOre', label: 'balance.received', sign: '+' },
  { key: 'transferInOre', label: 'balance.transferIn', sign: '+' },
  { key: 'transferOutOre', label: 'balance.transferOut', sign: '−' },
  { key: 'adminShareOre', label: 'balance.adminShare', sign: '−' },
  { key: 'paidToCentresOre', label: 'balance.paidToCentres', sign: '−' },
  { key: 'returnedOre', label: 'balance.returned', sign: '+' },
  { key: 'ownCostsOre', label: 'balance.ownCosts', sign: '−' },
  { key: 'repaidOre', label: 'balance.repaid', sign: '−' },
  { key: 'closingOre', label: 'balance.closing', sign: '' },
];

export function GrantsYearTable({
  overview: o,
  onDecide,
}: {
  overview: YearEndOverview;
  onDecide(g: YearEndGrant): void;
}) {
  const { t } = useI18n();
  const closed = o.status === 'closed';
  return (
    <div className="table-scroll table-scroll--sticky" data-testid="ye-grants-scroll">
      <table className="table table--sticky-first" aria-label={t('ye.grants')}>
        <thead>
          <tr>
            <th scope="col">{t('grants.title')}</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="num">
                {c.sign ? <span aria-hidden="true">{c.sign} </span> : null}
                {t(c.label)}
              </th>
            ))}
            <th scope="col">{t('ye.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {o.grants.map((g) => (
            <tr key={g.grantId}>
              <th scope="row">
                <Link to={`/grants/${g.grantId}`}>{g.title}</Link>
                <div className="hint">{g.funderName}</div>
              </th>
              {COLUMNS.map((c) => (
                <td key={c.key} className="num">
                  {kr(g.balance[c.key])}
                  {c.key === 'closingOre' ? (
                    <div className="hint">
                      {t('ye.nextOpening', { year: o.year + 1 })}: {kr(g.nextOpeningOre)}
                    </div>
                  ) : null}
                </td>
              ))}
              <td>
                {g.decision ? (
                  <>
                    {t(`decision.${g.decision.decision}`)}
                    {g.decision.approvalRef ? (
                      <div className="hint">{g.decision.approvalRef}</div>
                    ) : null}
                    {g.decision.stale ? <Badge tone="warn">{t('ye.stale')}</Badge> : null}
                  </>
                ) : g.needsDecision ? (
                  <Badge tone="warn">{t('ye.needsDecision')}</Badge>
                ) : null}
                {!closed && g.balance.closingOre !== 0 ? (
                  <div>
                    <Button variant="link" onClick={() => onDecide(g)}>
                      {t('ye.decide')}
                    </Button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('common.total')}</th>
            {COLUMNS.map((c) => (
              <td key={c.key} className="num">
                {kr(o.totals[c.key])}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
