/** Reports overdue from the centres, with a ready-to-copy reminder in Norwegian. */
import { useI18n } from '../../i18n/i18n';
import { formatIsoDate, todayIso } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi, useApiMutation } from '../../lib/query';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';

export function OverduePage() {
  const centreReportsMarkReminded = useApiMutation('centreReports.markReminded');
  const { t } = useI18n();
  const toast = useToast();
  const { data, error } = useApi('centreReports.overdue', {});
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      toast(t('overdue.copied'));
    } catch {
      toast(text, 'error');
    }
  }
  async function reminded(allocationId: number) {
    const res = await centreReportsMarkReminded({ allocationId, date: todayIso() });
    if (!res.ok) return toast(res.error.message, 'error');
    toast(t('overdue.reminded'));
  }
  return (
    <section>
      <PageHeader title={t('overdue.heading')} />
      <ErrorBox message={error} />
      {!data && !error ? <Loading text={t('common.loading')} /> : null}
      {data && data.length === 0 ? <EmptyState>{t('overdue.empty')}</EmptyState> : null}
      {data && data.length > 0 ? (
        <div className="table-scroll">
          <table className="table" aria-label={t('overdue.heading')}>
            <thead>
              <tr>
                <th scope="col">{t('apps.centre')}</th>
                <th scope="col">{t('rounds.name')}</th>
                <th scope="col">{t('report.due')}</th>
                <th scope="col" className="num">
                  {t('overdue.days')}
                </th>
                <th scope="col">{t('centres.contactEmail')}</th>
                <th scope="col">
                  <span className="sr-only">{t('overdue.copy')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((o) => (
                <tr key={o.allocationId}>
                  <td>{o.centreName}</td>
                  <td>
                    <Link to={`/rounds/${o.roundId}`}>{o.roundName}</Link>
                    <div className="hint">{o.grantTitle}</div>
                  </td>
                  <td>{formatIsoDate(o.reportDueDate)}</td>
                  <td className="num">{o.daysOverdue}</td>
                  <td>
                    {o.contactEmail ? (
                      <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="table__actions">
                    <Button variant="link" onClick={() => void copy(o.reminderText)}>
                      {t('overdue.copy')}
                    </Button>
                    <Button variant="link" onClick={() => void reminded(o.allocationId)}>
                      {t('overdue.markReminded')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
