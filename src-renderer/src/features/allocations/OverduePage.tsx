/** Reports overdue from the centres, with a ready-to-copy reminder in Norwegian. */
import { useI18n } from '../../i18n/i18n';
import type { Output } from '../../../../src-shared/api/contract';
import { todayIso } from '../../lib/format';
import { Link } from '../../lib/router';
import { useApi, useApiMutation } from '../../lib/query';
import { useUrlState } from '../../lib/url-state';
import { Button } from '../../ui/layout';
import { ListPage, urlSort } from '../../ui/list-page';
import { SortableTable, type Column } from '../../ui/sortable-table';
import { useToast } from '../../ui/toast';

type OverdueReport = Output<'centreReports.overdue'>[number];

export function OverduePage() {
  const centreReportsMarkReminded = useApiMutation('centreReports.markReminded');
  const { t } = useI18n();
  const toast = useToast();
  const { data, error } = useApi('centreReports.overdue', {});
  const [f, update] = useUrlState({ sort: '', dir: '' });
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
  const columns: Column<OverdueReport>[] = [
    { key: 'centre', label: t('apps.centre'), value: (o) => o.centreName },
    {
      key: 'round',
      label: t('rounds.name'),
      value: (o) => o.roundName,
      cell: (o) => (
        <>
          <Link to={`/rounds/${o.roundId}`}>{o.roundName}</Link>
          <div className="hint">{o.grantTitle}</div>
        </>
      ),
    },
    { key: 'due', label: t('report.due'), kind: 'date', value: (o) => o.reportDueDate },
    { key: 'days', label: t('overdue.days'), kind: 'number', value: (o) => o.daysOverdue },
    {
      key: 'email',
      label: t('centres.contactEmail'),
      value: (o) => o.contactEmail,
      cell: (o) =>
        o.contactEmail ? <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a> : '—',
    },
    {
      key: 'actions',
      label: t('overdue.copy'),
      hideLabel: true,
      className: 'table__actions',
      value: () => null,
      cell: (o) => (
        <>
          <Button variant="link" onClick={() => void copy(o.reminderText)}>
            {t('overdue.copy')}
          </Button>
          <Button variant="link" onClick={() => void reminded(o.allocationId)}>
            {t('overdue.markReminded')}
          </Button>
        </>
      ),
    },
  ];
  return (
    <ListPage
      title={t('overdue.heading')}
      error={error}
      count={data?.length}
      emptyText={t('overdue.empty')}
    >
      <SortableTable
        rows={data ?? []}
        columns={columns}
        rowKey={(o) => o.allocationId}
        label={t('overdue.heading')}
        {...urlSort(f, update)}
      />
    </ListPage>
  );
}
