/** The funder report for a round, print-friendly, with the xlsx download. */
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { kr } from '../../lib/money-input';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/query';
import { Button, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export function FunderReportPage({ roundId }: { roundId: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const { data: r, error } = useApi('rounds.funderReport', { roundId });
  if (error) return <ErrorBox message={error} />;
  if (!r) return <Loading text={t('common.loading')} />;
  const agrees =
    r.ledger.paidOre === r.totals.paidOre && r.ledger.returnedOre === r.totals.returnedOre;
  async function download() {
    const res = await call('rounds.funderReportXlsx', { roundId });
    if (!res.ok) return toast(res.error.message, 'error');
    await saveFile(res.value.fileName, res.value.contentBase64);
  }
  return (
    <section>
      <PageHeader
        title={`${t('funderReport.heading')}: ${r.title}`}
        actions={
          <span className="no-print actions-row">
            <Button onClick={() => navigate(`/rounds/${roundId}`)}>{t('common.back')}</Button>
            <Button onClick={() => window.print()}>{t('funderReport.print')}</Button>
            <Button variant="primary" onClick={() => void download()}>
              {t('funderReport.xlsx')}
            </Button>
          </span>
        }
      />
      <p>
        {r.grantTitle} – {r.funderName}
        {r.reference ? ` (${r.reference})` : ''}
      </p>
      <table className="table" aria-label={t('funderReport.heading')}>
        <thead>
          <tr>
            <th scope="col">{t('apps.centre')}</th>
            <th scope="col">{t('centres.region')}</th>
            <th scope="col" className="num">
              {t('rounds.awarded')}
            </th>
            <th scope="col" className="num">
              {t('rounds.paid')}
            </th>
            <th scope="col" className="num">
              {t('report.spent')}
            </th>
            <th scope="col" className="num">
              {t('rounds.returned')}
            </th>
            <th scope="col" className="num">
              {t('report.keep')}
            </th>
            <th scope="col" className="num">
              {t('report.participants')}
            </th>
            <th scope="col">{t('report.status')}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr key={row.centreName}>
              <td>{row.centreName}</td>
              <td>{t(`region.${row.region}`)}</td>
              <td className="num">{kr(row.awardedOre)}</td>
              <td className="num">{kr(row.paidOre)}</td>
              <td className="num">{kr(row.spentOre)}</td>
              <td className="num">{kr(row.returnedOre)}</td>
              <td className="num">{kr(row.keptUnusedOre)}</td>
              <td className="num">{row.participantsReached ?? '—'}</td>
              <td>{t(`reportStatus.${row.reportStatus}`)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>{t('common.total')}</td>
            <td className="num">{kr(r.totals.awardedOre)}</td>
            <td className="num">{kr(r.totals.paidOre)}</td>
            <td className="num">{kr(r.totals.spentOre)}</td>
            <td className="num">{kr(r.totals.returnedOre)}</td>
            <td className="num">{kr(r.totals.keptUnusedOre)}</td>
            <td className="num">{r.totals.participantsReached}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      <p className={agrees ? 'hint' : 'over'} role="status">
        {agrees
          ? t('funderReport.ledgerOk')
          : t('funderReport.ledgerDiff', {
              paid: kr(r.ledger.paidOre),
              returned: kr(r.ledger.returnedOre),
            })}
      </p>
    </section>
  );
}
