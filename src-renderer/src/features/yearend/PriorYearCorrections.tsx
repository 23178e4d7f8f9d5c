/**
 * «Korreksjoner av tidligere år» (issue 10.1): reversals and corrected entries dated in this
 * year that correct a movement of an earlier, closed year, with the reason for each.
 */
import type { YearEndOverview } from '../../../../src-shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate } from '../../lib/format';
import { kr } from '../../lib/money-input';
import { Link } from '../../lib/router';
import { EmptyState } from '../../ui/layout';

export function PriorYearCorrections({ overview: o }: { overview: YearEndOverview }) {
  const { t } = useI18n();
  return (
    <section className="subsection" aria-labelledby="ye-prior-corrections">
      <h2 id="ye-prior-corrections">{t('ye.priorCorrections')}</h2>
      {o.priorYearCorrections.length === 0 ? (
        <EmptyState>{t('ye.priorCorrectionsEmpty', { year: o.year })}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label={t('ye.priorCorrections')}>
            <thead>
              <tr>
                <th scope="col">{t('grants.title')}</th>
                <th scope="col">{t('movements.date')}</th>
                <th scope="col">{t('movements.type')}</th>
                <th scope="col" className="num">
                  {t('movements.amount')}
                </th>
                <th scope="col">{t('movements.reverseReason')}</th>
              </tr>
            </thead>
            <tbody>
              {o.priorYearCorrections.map((c) => (
                <tr key={c.movementId}>
                  <td>
                    <Link to={`/grants/${c.grantId}`}>{c.grantTitle}</Link>
                  </td>
                  <td>{formatIsoDate(c.date)}</td>
                  <td>
                    {t(`ye.priorKind.${c.kind}`)}: {t(`movementType.${c.type}`)}
                    <div className="hint">
                      {t('ye.priorOriginal', {
                        id: c.originalId,
                        date: formatIsoDate(c.originalDate),
                        amount: kr(c.originalAmountOre),
                      })}
                    </div>
                  </td>
                  <td className="num">{kr(c.amountOre)}</td>
                  <td>{c.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
