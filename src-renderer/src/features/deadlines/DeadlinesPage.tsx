/**
 * Frister: what is overdue and what is due in the next 60 days — application deadlines,
 * reports to funders, reports from the centres and the year-end handover — each linking to
 * its record, with «Marker levert» where the app records delivery, and the whole calendar
 * as an .ics file for Outlook or Google Calendar.
 */
import { useState, type HTMLAttributes } from 'react';
import { DEADLINE_KINDS, type DeadlineItem } from '../../../../src-shared/deadlines/contract';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { formatIsoDate, todayIso } from '../../lib/format';
import { useApi, useWrite } from '../../lib/query';
import { Link } from '../../lib/router';
import { useUrlState } from '../../lib/url-state';
import { urlSort } from '../../ui/list-page';
import type { SortState } from '../../ui/sort';
import { SortableTable, type Column } from '../../ui/sortable-table';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';

const DAYS = 60;

function DeadlineTable({
  label,
  items,
  onDone,
  sort,
  onSort,
}: {
  label: string;
  items: DeadlineItem[];
  onDone?: (item: DeadlineItem) => void;
  sort: SortState | null;
  onSort(s: SortState): void;
}) {
  const { t } = useI18n();
  const when = (i: DeadlineItem) => {
    if (i.status === 'done' && i.doneDate)
      return t('dl.doneOn', { date: formatIsoDate(i.doneDate) });
    if (i.daysLeft === 0) return t('dl.today');
    return i.daysLeft > 0
      ? t('dl.daysLeft', { n: i.daysLeft })
      : t('dl.daysOverdue', { n: -i.daysLeft });
  };
  const columns: Column<DeadlineItem>[] = [
    { key: 'date', label: t('dl.date'), kind: 'date', value: (i) => i.date },
    {
      key: 'kind',
      label: t('dl.kind'),
      kind: 'status',
      order: DEADLINE_KINDS,
      value: (i) => i.kind,
      cell: (i) => t(`dl.kind.${i.kind}`),
    },
    {
      key: 'what',
      label: t('dl.what'),
      value: (i) => i.title,
      cell: (i) => (
        <>
          <Link to={i.route}>{i.title}</Link>
          {i.detail ? <div className="hint">{i.detail}</div> : null}
        </>
      ),
    },
    // Days left sorts by the count itself (overdue ones negative), shown in words.
    { key: 'when', label: t('dl.when'), value: (i) => i.daysLeft, cell: when },
  ];
  if (onDone) {
    columns.push({
      key: 'actions',
      label: t('dl.actions'),
      hideLabel: true,
      className: 'table__actions',
      value: () => null,
      cell: (i) =>
        i.kind === 'funder_report' || i.kind === 'centre_report' ? (
          <Button variant="link" onClick={() => onDone(i)}>
            {t('dl.markDone')}
          </Button>
        ) : null,
    });
  }
  return (
    <SortableTable
      rows={items}
      columns={columns}
      rowKey={(i) => i.uid}
      label={label}
      rowProps={(i) => ({ 'data-uid': i.uid }) as HTMLAttributes<HTMLTableRowElement>}
      sort={sort}
      onSort={onSort}
    />
  );
}

export function DeadlinesPage() {
  const { t } = useI18n();
  const toast = useToast();
  const write = useWrite();
  const [exporting, setExporting] = useState(false);
  const { data, error } = useApi('deadlines.list', { days: DAYS });
  // One sort for the three tables, kept in the address.
  const [f, update] = useUrlState({ sort: '', dir: '' });
  const sorting = urlSort(f, update);

  async function markDone(i: DeadlineItem) {
    const today = todayIso();
    const res =
      i.kind === 'funder_report'
        ? await write('grants.completeDeadline', { id: i.recordId, doneDate: today })
        : await write('centreReports.record', {
            allocationId: i.recordId,
            reportReceivedDate: today,
            spentOre: i.centreReport?.spentOre ?? null,
            participantsReached: i.centreReport?.participantsReached ?? null,
            reportText: i.centreReport?.reportText ?? null,
            reportStatus: 'mottatt',
            reportDueDate: i.date,
          });
    if (!res.ok) return toast(res.error.message, 'error');
    toast(t('dl.markedDone'));
  }

  async function exportIcs() {
    setExporting(true);
    const res = await call('deadlines.ics', {});
    setExporting(false);
    if (!res.ok) return toast(res.error.message, 'error');
    const saved = await saveFile(res.value.fileName, res.value.contentBase64);
    if (saved.error) toast(saved.error, 'error');
    else if (saved.saved) toast(t('dl.exported'));
  }

  const overdue = data?.items.filter((i) => i.status === 'overdue') ?? [];
  const upcoming = data?.items.filter((i) => i.status === 'upcoming') ?? [];
  const done = data?.items.filter((i) => i.status === 'done') ?? [];
  const onDone = (i: DeadlineItem) => void markDone(i);
  return (
    <section>
      <PageHeader
        title={t('dl.heading')}
        actions={
          <Button onClick={() => void exportIcs()} disabled={exporting}>
            {t('dl.export')}
          </Button>
        }
      />
      <p className="hint">{t('dl.intro')}</p>
      <ErrorBox message={error} />
      {!data && !error ? <Loading text={t('common.loading')} /> : null}
      {data ? (
        <>
          <h2>{t('dl.overdue')}</h2>
          {overdue.length === 0 ? (
            <EmptyState>{t('dl.noOverdue')}</EmptyState>
          ) : (
            <DeadlineTable label={t('dl.overdue')} items={overdue} onDone={onDone} {...sorting} />
          )}
          <h2>{t('dl.upcoming', { days: DAYS })}</h2>
          {upcoming.length === 0 ? (
            <EmptyState>{t('dl.noUpcoming', { days: DAYS })}</EmptyState>
          ) : (
            <DeadlineTable
              label={t('dl.upcoming', { days: DAYS })}
              items={upcoming}
              onDone={onDone}
              {...sorting}
            />
          )}
          {done.length > 0 ? (
            <>
              <h2>{t('dl.done')}</h2>
              <DeadlineTable label={t('dl.done')} items={done} {...sorting} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
