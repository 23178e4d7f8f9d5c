/**
 * Frister: what is overdue and what is due in the next 60 days — application deadlines,
 * reports to funders, reports from the centres and the year-end handover — each linking to
 * its record, with «Marker levert» where the app records delivery, and the whole calendar
 * as an .ics file for Outlook or Google Calendar.
 */
import { useState } from 'react';
import type { DeadlineItem } from '../../../../src-shared/deadlines/contract';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { formatIsoDate, todayIso } from '../../lib/format';
import { useApi, useWrite } from '../../lib/query';
import { Link } from '../../lib/router';
import { Button, EmptyState, ErrorBox, Loading, PageHeader } from '../../ui/layout';
import { useToast } from '../../ui/toast';

const DAYS = 60;

function DeadlineTable({
  label,
  items,
  onDone,
}: {
  label: string;
  items: DeadlineItem[];
  onDone?: (item: DeadlineItem) => void;
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
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('dl.date')}</th>
          <th scope="col">{t('dl.kind')}</th>
          <th scope="col">{t('dl.what')}</th>
          <th scope="col">{t('dl.when')}</th>
          {onDone ? (
            <th scope="col">
              <span className="sr-only">{t('dl.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.uid} data-uid={i.uid}>
            <td>{formatIsoDate(i.date)}</td>
            <td>{t(`dl.kind.${i.kind}`)}</td>
            <td>
              <Link to={i.route}>{i.title}</Link>
              {i.detail ? <div className="hint">{i.detail}</div> : null}
            </td>
            <td>{when(i)}</td>
            {onDone ? (
              <td className="table__actions">
                {i.kind === 'funder_report' || i.kind === 'centre_report' ? (
                  <Button variant="link" onClick={() => onDone(i)}>
                    {t('dl.markDone')}
                  </Button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeadlinesPage() {
  const { t } = useI18n();
  const toast = useToast();
  const write = useWrite();
  const [exporting, setExporting] = useState(false);
  const { data, error } = useApi('deadlines.list', { days: DAYS });

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
            <DeadlineTable label={t('dl.overdue')} items={overdue} onDone={onDone} />
          )}
          <h2>{t('dl.upcoming', { days: DAYS })}</h2>
          {upcoming.length === 0 ? (
            <EmptyState>{t('dl.noUpcoming', { days: DAYS })}</EmptyState>
          ) : (
            <DeadlineTable
              label={t('dl.upcoming', { days: DAYS })}
              items={upcoming}
              onDone={onDone}
            />
          )}
          {done.length > 0 ? (
            <>
              <h2>{t('dl.done')}</h2>
              <DeadlineTable label={t('dl.done')} items={done} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
